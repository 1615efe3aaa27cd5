"""Train small static word vectors on raw text available locally, for the NER tok2vec.

Usage (from the repo root)::

    .venv/bin/python training/ner/vectors.py id [--data ../shared/data] [--out training/ner/vectors]

Indonesian raw text: the IndoSum articles (``summarization/id/indosum/indosum-dev.jsonl``) minus
the 40 articles that ``relations/id/gold-dev.jsonl`` is built from, plus the *train* splits of
idner_news_2k and NERGrit.  Nothing from idner dev / NERGrit valid (nor NERP, which holds
near-copies of idner dev and test sentences) is used.

The same text, cased, is written to ``pretrain/id-raw.jsonl``: the corpus of ``spacy pretrain``
(``configs/id-pretrain.cfg``).  For word2vec it is re-tokenized with ``spacy.blank(lang)`` (the
run-time tokenizer) and lowercased.
Word2vec (gensim, skip-gram, fixed seed, one worker so it is deterministic), then
``spacy init vectors --prune N`` writes ``vectors/<lang>/`` for ``[initialize] vectors``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
import convert


def raw_texts_id(data: Path) -> list[str]:
    """The Indonesian raw text as running sentences, cased as written."""
    texts = [convert.detokenize(toks)[0] for toks in convert.indosum_sentences(data)]
    for s in convert.read_conll(data / "ner/id/idner_news_2k/train.txt"):
        texts.append(convert.detokenize(s.tokens)[0])
    for s in convert.read_conll(data / "ner/id/nergrit/train_preprocess.txt", sep="\t"):
        texts.append(convert.detokenize(s.tokens)[0])
    return texts


def raw_sentences_id(texts: list[str]) -> list[list[str]]:
    """The same text re-tokenized with the run-time tokenizer and lowercased, for word2vec."""
    nlp = spacy.blank("id")
    out = []
    for doc in nlp.tokenizer.pipe(texts, batch_size=1000):
        toks = [t.lower_ for t in doc if not t.is_space]
        if toks:
            out.append(toks)
    return out


def write_jsonl(texts: list[str], path: Path) -> None:
    """The raw text as ``{"text": ...}`` lines, the corpus of ``spacy pretrain``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("lang", choices=["id"])
    ap.add_argument("--data", type=Path, default=convert.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=convert.HERE / "vectors")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--prune", type=int, default=15000)
    ap.add_argument(
        "--raw-jsonl",
        type=Path,
        default=convert.HERE / "pretrain" / "id-raw.jsonl",
        help="also write the raw text here, for spacy pretrain",
    )
    args = ap.parse_args(argv)

    from gensim.models import Word2Vec

    texts = raw_texts_id(args.data)
    write_jsonl(texts, args.raw_jsonl)
    sents = raw_sentences_id(texts)
    ntok = sum(len(s) for s in sents)
    print(f"{len(sents)} sentences, {ntok} tokens")
    model = Word2Vec(
        sentences=sents,
        vector_size=args.dim,
        window=5,
        min_count=args.min_count,
        sg=1,
        negative=10,
        sample=1e-4,
        epochs=args.epochs,
        workers=1,
        seed=0,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    txt = args.out / f"{args.lang}.w2v.txt"
    # spaCy 3.8 does not save Vectors.attr in default mode (it falls back to ORTH on load), so
    # instead of keying on LOWER we list each lowercase word under its lower, Title and UPPER
    # forms; `spacy init vectors` deduplicates the identical rows, so the table stays the same
    # size and only the key map grows.
    wv = model.wv
    lines = []
    for w in wv.index_to_key:
        vec = " ".join(f"{x:.5f}" for x in wv[w])
        forms = dict.fromkeys([w, w.title(), w.upper()]) if w.isalpha() else [w]
        lines += [f"{f} {vec}" for f in forms]
    with open(txt, "w", encoding="utf-8") as fh:
        fh.write(f"{len(lines)} {wv.vector_size}\n")
        fh.write("\n".join(lines) + "\n")
    print(f"vocab {len(wv)} words, {len(lines)} keys -> {txt}")
    subprocess.run(
        [
            sys.executable, "-m", "spacy", "init", "vectors", args.lang, str(txt),
            str(args.out / args.lang), "--prune", str(args.prune),
            "--name", f"newstide_{args.lang}_w2v",
        ],
        check=True,
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

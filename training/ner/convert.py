"""Convert the shared NER data into spaCy DocBin files for newstide's shipped NER models.

Usage (from the repo root)::

    .venv/bin/python training/ner/convert.py [--data ../shared/data] [--out training/ner/corpus]

Every source is turned into *raw text first* (tokens re-joined the way the text would read in an
article, see :func:`detokenize`), then re-tokenized with ``spacy.blank(lang)``, and the gold
entities are projected onto the new tokens as character spans.  The models are therefore trained on
exactly the tokens newstide's pipeline produces at run time.  A gold span that does not fall on the
blank tokenizer's token boundaries is marked *missing* (neither entity nor O) for training, and
counted in the conversion report.

Only three labels are kept: ORG, PER, LOC.  The mappings are in ``LABEL_MAPS``.

Outputs (``corpus/``)::

    id-train.spacy       idner_news_2k train + NERGrit train (+ NERP train if --nerp), minus id-dev,
                         + one copy of each with an ORG, its ORG names replaced by names from
                         newstide's knowledge base (--org-swap, see org_swap)
    id-dev.spacy         10% of idner train + 10% of NERGrit train (stable hash): early stopping
    idner-dev.spacy      idner_news_2k dev (reported, never trained on)
    nergrit-valid.spacy  NERGrit valid (reported, never trained on)
    en-train.spacy       MEN train articles + WNUT17 train+dev + BTC a-h, minus en-dev
    en-dev.spacy         10% of the MEN train articles (stable hash of the id): early stopping
    men-dev.spacy        held-out MEN articles (reported, never trained on; see MEN_HELDOUT)
    report.json          sentence / entity / misalignment counts per source

This module also holds the readers and the detokenizer that ``evaluate.py`` reuses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

from newstide.eval.ner_data import (  # noqa: E402, F401 - the readers live in the package
    _SENT_GAP,
    _WORDISH,
    LABEL_MAPS,
    LABELS,
    MEN_BROKEN,
    MEN_HELDOUT,
    ZW,
    Sent,
    TextExample,
    _fix_iob,
    clean_sent,
    detokenize,
    idner,
    idner_dev_words,
    idner_parens,
    iob_spans,
    men_articles,
    men_examples,
    nergrit,
    nerp_sents,
    ngrams,
    overlap_share,
    read_conll,
    sent_to_example,
)

# ----- truecasing for NERP (lowercased) ------------------------------------------------------


def indosum_sentences(data: Path) -> Iterator[list[str]]:
    """IndoSum article sentences (token lists), minus the articles used by relations/id gold-dev."""
    held = set()
    gold = data / "relations/id/gold-dev.jsonl"
    if gold.exists():
        held = {json.loads(line)["id"] for line in gold.open(encoding="utf-8") if line.strip()}
    with open(data / "summarization/id/indosum/indosum-dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            if art["id"] in held:
                continue
            for para in art["paragraphs"]:
                yield from para


def case_table(sentences: Iterable[list[str]]) -> dict[str, str]:
    """Most frequent surface form of every lowercased word, from non-sentence-initial positions."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for toks in sentences:
        for i, t in enumerate(toks):
            if i == 0 or toks[i - 1] in {'"', ".", ":", "(", "-"}:
                continue
            counts[t.lower()][t] += 1
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


def truecase(s: Sent, table: dict[str, str]) -> Sent:
    toks = []
    first = True
    for tok, tag in zip(s.tokens, s.tags, strict=True):
        t = table.get(tok, tok)
        if tag != "O" and t == tok and t[:1].islower():
            t = t[:1].upper() + t[1:]
        if first and t[:1].isalpha():
            t = t[:1].upper() + t[1:]
            first = False
        elif first and t[:1].isalnum():
            first = False
        toks.append(t)
    return Sent(toks, s.tags, s.missing)


def nerp(
    data: Path,
    table: dict[str, str],
    exclude_words: list[list[str]],
    org_gazetteer: set[str],
    stats: dict,
    *,
    ind_only: bool = False,
) -> list[TextExample]:
    """NERP train, truecased, minus sentences near-duplicating idner train/dev (>= half 6-grams).

    IND -> ORG, but NERP leaves institutions (KPK, DPR, ...) O: any O-tagged token run that equals
    an ORG name seen in idner/NERGrit train is marked *missing* rather than O.
    """
    index: set[tuple[str, ...]] = set()
    for w in exclude_words:
        index |= ngrams(w)
    out = []
    dropped = 0
    masked = 0
    max_len = max((len(g.split()) for g in org_gazetteer), default=1)
    for i, s in enumerate(nerp_sents(data, "train")):
        if overlap_share(s.tokens, index) >= 0.5:
            dropped += 1
            continue
        if ind_only and not any(t.endswith("-IND") for t in s.tags):
            continue
        low = [t.lower() for t in s.tokens]
        miss = [False] * len(low)
        j = 0
        while j < len(low):
            hit = 0
            for k in range(min(max_len, len(low) - j), 0, -1):
                if (
                    all(t == "O" for t in s.tags[j : j + k])
                    and " ".join(low[j : j + k]) in org_gazetteer
                ):
                    hit = k
                    break
            if hit:
                for q in range(j, j + hit):
                    miss[q] = True
                masked += 1
                j += hit
            else:
                j += 1
        s = idner_parens(truecase(Sent(s.tokens, s.tags, miss), table))
        out.append(sent_to_example(s, LABEL_MAPS["nerp"], "nerp-train", f"nerp-train-{i}"))
    stats["nerp_dropped_near_duplicates"] = dropped
    stats["nerp_masked_org_runs"] = masked
    return out


# ----- English ---------------------------------------------------------------------------------


def wnut17(data: Path) -> list[TextExample]:
    out = []
    for name in ("wnut17train.conll", "emerging.dev.conll"):
        for i, s in enumerate(read_conll(data / "ner/en/wnut17" / name, sep="\t")):
            c = clean_sent(_handles_missing(s))
            if c:
                out.append(sent_to_example(c, LABEL_MAPS["wnut17"], "wnut17", f"wnut17-{name}-{i}"))
    return out


def _handles_missing(s: Sent) -> Sent:
    """Twitter @-handles: merge a lone '@' with the next token, mark handles as missing gold."""
    toks, tags = [], []
    i = 0
    while i < len(s.tokens):
        t, g = s.tokens[i], s.tags[i]
        if t == "@" and i + 1 < len(s.tokens):
            t, g = "@" + s.tokens[i + 1], s.tags[i + 1]
            i += 1
        toks.append(t)
        tags.append(g)
        i += 1
    miss = [t.startswith("@") and len(t) > 1 for t in toks]
    tags = ["O" if m else g for m, g in zip(miss, tags, strict=True)]
    return Sent(toks, tags, miss)


def btc(data: Path) -> list[TextExample]:
    out = []
    for sec in "abefgh":
        for i, s in enumerate(read_conll(data / "ner/en/btc" / f"{sec}.conll", sep="\t")):
            c = clean_sent(_handles_missing(s))
            if c:
                out.append(sent_to_example(c, LABEL_MAPS["btc"], f"btc-{sec}", f"btc-{sec}-{i}"))
    return out


# --------------------------------------------------------------------------------------------
# TextExample -> Doc
# ----- ORG mention replacement (augmentation) ------------------------------------------------

KB_FILE = REPO / "src/newstide/data/kb/organizations.jsonl"


def kb_org_names(path: Path = KB_FILE) -> list[str]:
    """Names and unambiguous aliases of the organizations in newstide's knowledge base (MIT)."""
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        org = json.loads(line)
        if org.get("kind", "ORG") != "ORG":
            continue
        ambiguous = {a.casefold() for a in org.get("ambiguous_aliases", [])}
        for name in [org["name"], *org.get("aliases", [])]:
            if name.casefold() not in ambiguous and len(name) > 1:
                names.add(name)
    return sorted(names)


def org_swap(ex: TextExample, names: list[str], rng: random.Random) -> TextExample | None:
    """A copy of `ex` with every ORG span's text replaced by a random organization name, so the
    model learns ORG from the context around a name rather than from the names it has seen.
    None when `ex` has no ORG span or one touches a *missing* range."""
    orgs = [(s, e) for s, e, lab in ex.ents if lab == "ORG"]
    if not orgs or any(s < me and ms < e for s, e in orgs for ms, me in ex.missing):
        return None
    pieces: list[str] = []
    shift: list[tuple[int, int]] = []  # (old end of a replaced span, offset change after it)
    pos, delta = 0, 0
    new_org: list[tuple[int, int, str]] = []
    for s, e in sorted(orgs):
        name = rng.choice(names)
        pieces += [ex.text[pos:s], name]
        new_org.append((s + delta, s + delta + len(name), "ORG"))
        delta += len(name) - (e - s)
        shift.append((e, delta))
        pos = e
    pieces.append(ex.text[pos:])

    def at(i: int) -> int:  # an offset outside the replaced spans moves by the change before it
        d = 0
        for end, change in shift:
            if end <= i:
                d = change
        return i + d

    others = [(at(s), at(e), lab) for s, e, lab in ex.ents if lab != "ORG"]
    missing = [(at(s), at(e)) for s, e in ex.missing]
    return TextExample(
        "".join(pieces),
        sorted(new_org + others),
        missing,
        f"orgswap-{ex.source}",
        f"{ex.key}#orgswap",
    )


# --------------------------------------------------------------------------------------------


def to_doc(nlp: spacy.language.Language, ex: TextExample, stats: Counter[str]) -> Doc:
    doc = nlp.make_doc(ex.text)
    spans: list[Span] = []
    missing: list[Span] = []
    for s, e, lab in ex.ents:
        sp = doc.char_span(s, e, label=lab, alignment_mode="strict")
        stats[f"{ex.source}:ents"] += 1
        if sp is None:
            stats[f"{ex.source}:misaligned"] += 1
            sp = doc.char_span(s, e, alignment_mode="expand")
            if sp is not None:
                missing.append(sp)
            continue
        spans.append(sp)
    for s, e in ex.missing:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            missing.append(sp)
    # drop entity spans overlapping a missing span; resolve overlaps (first wins)
    taken: set[int] = set()
    for sp in missing:
        taken.update(range(sp.start, sp.end))
    final = []
    for sp in sorted(spans, key=lambda x: (x.start, -len(x))):
        if any(i in taken for i in range(sp.start, sp.end)):
            continue
        final.append(sp)
        taken.update(range(sp.start, sp.end))
    miss_tokens = sorted(
        {i for sp in missing for i in range(sp.start, sp.end)}
        - {i for sp in final for i in range(sp.start, sp.end)}
    )
    doc.set_ents(
        final,
        missing=[doc[i : i + 1] for i in miss_tokens],
        default="outside",
    )
    doc.user_data["key"] = ex.key
    stats[f"{ex.source}:docs"] += 1
    return doc


def stable_frac(key: str) -> float:
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def write(path: Path, docs: list[Doc]) -> None:
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    tmp = path.with_suffix(".tmp")
    db.to_disk(tmp)
    tmp.replace(path)  # atomic: a training run reading the file never sees half of it


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--nerp", action="store_true", help="add truecased NERP train to id-train")
    ap.add_argument(
        "--nerp-ind-only",
        action="store_true",
        help="with --nerp: only sentences with an IND entity",
    )
    ap.add_argument("--men-weight", type=int, default=4, help="repeat MEN train chunks N times")
    ap.add_argument("--idner-weight", type=int, default=2, help="repeat idner train N times")
    ap.add_argument(
        "--no-harmonize", action="store_true", help="keep NERGrit/NERP bracket annotation as is"
    )
    ap.add_argument(
        "--tweets", choices=["all", "news", "none"], default="all", help="English tweet corpora"
    )
    ap.add_argument("--dev-frac", type=float, default=0.1)
    ap.add_argument(
        "--org-swap",
        type=float,
        default=1.0,
        help="add, for this share of the id train sentences with an ORG, a copy whose ORG names "
        "are replaced by names from newstide's knowledge base (0 = none)",
    )
    args = ap.parse_args(argv)
    data: Path = args.data
    if not (data / "ner").is_dir():
        print(f"no NER data under {data} (use --data)", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    stats: Counter[str] = Counter()
    extra: dict = {}

    # ---------------- Indonesian
    nid = spacy.blank("id")
    idner_train = idner(data, "train")
    nergrit_train = nergrit(data, "train", harmonize=not args.no_harmonize)
    train_ex: list[TextExample] = []
    dev_ex: list[TextExample] = []
    for ex in idner_train + nergrit_train:
        if stable_frac(ex.key) < args.dev_frac:
            dev_ex.append(ex)
        else:
            train_ex.extend([ex] * (args.idner_weight if ex.source.startswith("idner") else 1))
    if args.nerp:
        sents_for_case = [s.tokens for s in read_conll(data / "ner/id/idner_news_2k/train.txt")]
        sents_for_case += [
            s.tokens for s in read_conll(data / "ner/id/nergrit/train_preprocess.txt", sep="\t")
        ]
        sents_for_case += list(indosum_sentences(data))
        table = case_table(sents_for_case)
        gaz = set()
        for ex in idner_train + nergrit_train:
            gaz |= {ex.text[s:e].lower() for s, e, lab in ex.ents if lab == "ORG"}
        gaz = {" ".join(g.split()) for g in gaz}
        excl = [s.tokens for s in read_conll(data / "ner/id/idner_news_2k/train.txt")]
        excl += idner_dev_words(data)
        train_ex += nerp(data, table, excl, gaz, extra, ind_only=args.nerp_ind_only)
    rng = random.Random(0)
    rng.shuffle(train_ex)
    if args.org_swap > 0:
        # a separate generator: the copies are slotted into the shuffled list, so the English
        # corpus (shuffled next with `rng`) is the same bytes with or without them
        swap_rng = random.Random(1)
        names = kb_org_names()
        originals = {e.key: e for e in train_ex}
        copies = [
            c
            for key in sorted(originals)
            if swap_rng.random() < args.org_swap
            and (c := org_swap(originals[key], names, swap_rng)) is not None
        ]
        for c in copies:
            train_ex.insert(swap_rng.randrange(len(train_ex) + 1), c)
        extra["org_swap"] = {"share": args.org_swap, "copies": len(copies), "names": len(names)}
    write(out / "id-train.spacy", [to_doc(nid, e, stats) for e in train_ex])
    write(out / "id-dev.spacy", [to_doc(nid, e, stats) for e in dev_ex])
    write(out / "idner-dev.spacy", [to_doc(nid, e, stats) for e in idner(data, "dev")])
    write(out / "nergrit-valid.spacy", [to_doc(nid, e, stats) for e in nergrit(data, "valid")])

    # ---------------- English
    nen = spacy.blank("en")
    en_train: list[TextExample] = []
    en_dev: list[TextExample] = []
    men_train = men_examples(data, heldout=False)
    for ex in men_train:
        art = ex.key.rsplit("-", 1)[0]
        if stable_frac(art) < args.dev_frac:
            en_dev.append(ex)
        else:
            en_train.extend([ex] * args.men_weight)
    if args.tweets == "all":
        en_train += btc(data)
        en_train += wnut17(data)
    elif args.tweets == "news":  # BTC section g: tweets of mainstream news outlets
        en_train += [ex for ex in btc(data) if ex.source == "btc-g"]
    rng.shuffle(en_train)
    write(out / "en-train.spacy", [to_doc(nen, e, stats) for e in en_train])
    write(out / "en-dev.spacy", [to_doc(nen, e, stats) for e in en_dev])
    write(out / "men-dev.spacy", [to_doc(nen, e, stats) for e in men_examples(data, heldout=True)])

    def unique(exs: list[TextExample]) -> dict[str, int]:
        c: Counter[str] = Counter()
        seen: set[str] = set()
        for e in exs:
            if e.key not in seen:
                seen.add(e.key)
                c[e.source.split("-")[0]] += 1
        return dict(sorted(c.items()))

    report = {
        "unique_docs": {
            "id-train": unique(train_ex),
            "id-dev": unique(dev_ex),
            "en-train": unique(en_train),
            "en-dev": unique(en_dev),
        },
        "files": {
            p.name: len(list(DocBin().from_disk(p).get_docs(nid.vocab)))
            for p in sorted(out.glob("*.spacy"))
        },
        "train_sources": {
            "id": ["idner_news_2k", "nergrit"]
            + (["nerp"] if args.nerp else [])
            + (["newstide_kb"] if args.org_swap > 0 else []),
            "en": ["men"] + {"all": ["wnut17", "btc"], "news": ["btc"], "none": []}[args.tweets],
        },
        "per_source": dict(sorted(stats.items())),
        **extra,
    }
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

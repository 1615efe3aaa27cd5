"""Evaluate newstide's shipped NER pipelines the way newstide uses them.

Usage (from the repo root)::

    .venv/bin/python training/ner/evaluate.py [--data ../shared/data] [--json FILE]
        [--model id=src/newstide/models/ner-id] [--model en=src/newstide/models/ner-en]
        [--compare NAME:LANG=PATH ...]

For every dev set the token-level gold is re-joined into raw text (``convert.detokenize``: the text
an article would contain), the pipeline is run on that text, and predicted character spans are
compared with gold character spans: a prediction counts only on an exact (start, end, label) match.
Precision / recall / F1 per label (ORG, PER, LOC) and micro-averaged over the three.

Dev sets:
  * ``idner-dev``        idner_news_2k dev (367 sentences).  If the model was trained with NERP
                         (its meta lists it), the official row is ``idner-dev-clean``: only the dev
                         sentences sharing under half their word 6-grams with NERP train.  Both
                         rows are always printed.
  * ``nergrit-valid``    NERGrit valid (209 sentences).
  * ``men-dev``          the 40 held-out MEN articles (``convert.MEN_HELDOUT``), whole articles.

Every model column is followed by a ``<column> entity stage`` column: newstide's entity stage on the
same dev sets with those models (``newstide.eval.ner``, as ``newstide eval ner`` runs it: the model,
then known organizations from the knowledge base filling gaps and fixing labels, and a
parenthesised acronym split off as a mention of its own).  The issue targets are stated on it.

``--propagate`` adds, for every column, the same pipeline followed by document-level label
propagation (see ``propagate``), which newstide may apply after NER.
``--compare`` adds more columns, e.g. a rule/gazetteer-free baseline or a candidate model:
``--compare base:id=training/ner/output/id-eff/model-best``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
import convert

LABELS = convert.LABELS
DEFAULT_MODELS = {
    "id": convert.REPO / "src/newstide/models/ner-id",
    "en": convert.REPO / "src/newstide/models/ner-en",
}


def dev_sets(data: Path) -> dict[str, tuple[str, list[convert.TextExample]]]:
    idner_dev = convert.idner(data, "dev")
    index: set[tuple[str, ...]] = set()
    for s in convert.nerp_sents(data, "train"):
        index |= convert.ngrams(s.tokens)
    words = convert.idner_dev_words(data)
    clean = [
        ex for ex, w in zip(idner_dev, words, strict=True) if convert.overlap_share(w, index) < 0.5
    ]
    return {
        "idner-dev": ("id", idner_dev),
        "idner-dev-clean": ("id", clean),
        "nergrit-valid": ("id", convert.nergrit(data, "valid")),
        "men-dev": ("en", convert.men_examples(data, heldout=True)),
    }


def propagate(doc: Doc) -> set[tuple[int, int, str]]:
    """Document-level consistency (post-processing, not part of the shipped pipeline): every other
    token-aligned occurrence of a predicted entity string, not overlapping a prediction, gets
    that string's majority label.  Strings need an upper-case letter and 2+ characters."""
    ents = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS}
    votes: dict[str, Counter[str]] = {}
    for s, e, lab in ents:
        t = doc.text[s:e]
        if len(t) >= 2 and any(ch.isupper() for ch in t):
            votes.setdefault(t, Counter())[lab] += 1
    taken = [(s, e) for s, e, _ in ents]
    for t in sorted(votes, key=len, reverse=True):
        lab = votes[t].most_common(1)[0][0]
        for m in re.finditer(r"(?<!\w)" + re.escape(t) + r"(?!\w)", doc.text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken) or doc.char_span(s, e) is None:
                continue
            ents.add((s, e, lab))
            taken.append((s, e))
    return ents


def score(
    nlp: spacy.language.Language, examples: list[convert.TextExample], *, post: bool = False
) -> dict:
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    texts = [ex.text for ex in examples]
    for ex, doc in zip(examples, nlp.pipe(texts, batch_size=64), strict=True):
        if post:
            pred = propagate(doc)
        else:
            pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS}
        gold = {(s, e, lab) for s, e, lab in ex.ents}
        for _, _, lab in pred:
            npred[lab] += 1
        for _, _, lab in gold:
            ngold[lab] += 1
        for _, _, lab in pred & gold:
            tp[lab] += 1

    def prf(t: int, p: int, g: int) -> dict:
        prec = t / p if p else 0.0
        rec = t / g if g else 0.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"p": prec, "r": rec, "f": f, "tp": t, "pred": p, "gold": g}

    out = {lab: prf(tp[lab], npred[lab], ngold[lab]) for lab in LABELS}
    out["ALL"] = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    out["n_docs"] = len(examples)
    return out


def stage_scores(data: Path, models: dict[str, Path]) -> dict[str, dict]:
    """newstide's entity stage (``newstide eval ner``) with the given models, by dev set."""
    import newstide.nlp.entities as entities
    from newstide.eval.ner import evaluate_ner
    from newstide.settings import load_settings

    shipped = entities.model_path
    # the stage finds its models through entities.model_path; point it at the column's models
    entities.model_path = lambda language: models.get(language, shipped(language))
    entities.load_model.cache_clear()
    try:
        rows = evaluate_ner(data, load_settings())
    finally:
        entities.model_path = shipped
        entities.load_model.cache_clear()
    out: dict[str, dict] = {}
    for r in rows:
        if r.system.startswith("newstide") and r.dev_set in {
            name for name, (lang, _) in dev_sets(data).items() if lang in models
        }:
            out.setdefault(r.dev_set, {})[r.label] = {
                "p": r.precision,
                "r": r.recall,
                "f": r.f1,
                "gold": r.gold,
            }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=convert.DEFAULT_DATA)
    ap.add_argument("--model", action="append", default=[], metavar="LANG=PATH")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME:LANG=PATH")
    ap.add_argument("--only", action="append", default=[], help="dev set name(s) to run")
    ap.add_argument(
        "--propagate",
        action="store_true",
        help="add a '<column>+propagate' column: document-level label propagation on top of the "
        "pipeline (a post-processing newstide could do; only matters for multi-sentence docs)",
    )
    ap.add_argument("--json", type=Path, help="also write the scores as JSON")
    ap.add_argument(
        "--no-stage", action="store_true", help="skip the newstide entity stage columns"
    )
    args = ap.parse_args(argv)
    if not (args.data / "ner").is_dir():
        print(f"no NER data under {args.data} (use --data)", file=sys.stderr)
        return 2

    columns: dict[str, dict[str, Path]] = {"shipped": dict(DEFAULT_MODELS)}
    for m in args.model:
        lang, path = m.split("=", 1)
        columns["shipped"][lang] = Path(path)
    for c in args.compare:
        name, rest = c.split(":", 1)
        lang, path = rest.split("=", 1)
        columns.setdefault(name, {})[lang] = Path(path)

    sets = dev_sets(args.data)
    results: dict[str, dict[str, dict]] = {}
    for col, models in columns.items():
        for lang, path in models.items():
            if not path.exists():
                print(f"[{col}] {lang}: no model at {path}, skipped", file=sys.stderr)
                continue
            nlp = spacy.load(path)
            sources = nlp.meta.get("newstide", {}).get("training_sources", [])
            for name, (slang, exs) in sets.items():
                if slang != lang or (args.only and name not in args.only):
                    continue
                official = not (
                    (name == "idner-dev" and "nerp" in sources)
                    or (name == "idner-dev-clean" and "nerp" not in sources)
                )
                for post in (False, True) if args.propagate else (False,):
                    r = score(nlp, exs, post=post)
                    r["official"] = official
                    results.setdefault(col + ("+propagate" if post else ""), {})[name] = r

    for col, models in columns.items():
        available = {lang: path for lang, path in models.items() if path.exists()}
        if not available or args.no_stage:
            continue
        for name, r in stage_scores(args.data, available).items():
            if args.only and name not in args.only:
                continue
            r["n_docs"] = results[col][name]["n_docs"]
            r["official"] = results[col][name]["official"]
            results.setdefault(col + " entity stage", {})[name] = r

    for col, per_set in results.items():
        print(f"\n== {col}")
        print(f"{'dev set':<18}{'docs':>6}  {'label':<5}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
        for name, r in per_set.items():
            tag = "" if r["official"] else "  (not official for this model)"
            for lab in (*LABELS, "ALL"):
                x = r[lab]
                print(
                    f"{name if lab == 'ORG' else '':<18}{r['n_docs'] if lab == 'ORG' else '':>6}  "
                    f"{lab:<5}{x['p']:7.3f}{x['r']:7.3f}{x['f']:7.3f}{x['gold']:7d}"
                    + (tag if lab == "ALL" else "")
                )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure the trigger lexicon and modality markers against the dev golds (measure only: never tune
the lexicon to an article there).

For every gold interaction, run `Lexicon.triggers` on its evidence sentence and report:

- trigger recall by type: is there a trigger of the gold type?
- other types: how often triggers of a type that no gold interaction on that sentence has fire;
- tone sign and direction agreement of the gold-type trigger (direction only where both names
  appear verbatim in the evidence: a before b -> ``subject``);
- modality agreement of the gold-type trigger;
- background rate: triggers per 100 sentences of the same articles that are no evidence;
- speed: microseconds per sentence.

Usage:
    .venv/bin/python scripts/measure_lexicon.py [--shared ../shared/data] [--lang id en] [--misses]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from newstide.interactions import TYPES, Lexicon, modality
from newstide.nlp.sentences import split_spans

REPO = Path(__file__).resolve().parents[1]
INTERCHANGEABLE = {"investment", "acquisition"}  # GUIDELINES: + and 0 both fine if not conflictual


def _sign(tone: float) -> str:
    return "+" if tone > 0.05 else "-" if tone < -0.05 else "0"


def _tone_ok(gold_type: str, gold: str, predicted: float) -> bool:
    if gold_type in INTERCHANGEABLE and gold in "+0":
        return _sign(predicted) != "-"
    return _sign(predicted) == gold


def measure(path: Path, language: str, show_misses: bool) -> None:
    lexicon = Lexicon.load(language)
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    total: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    other: Counter[str] = Counter()
    tone_ok = tone_n = dir_ok = dir_n = 0
    modality_pairs: Counter[tuple[str, str]] = Counter()
    misses: list[tuple[str, str]] = []
    background: Counter[str] = Counter()
    background_sentences = 0
    sentences_timed: list[str] = []
    for article in articles:
        by_evidence: dict[str, set[str]] = defaultdict(set)
        for gold in article["interactions"]:
            by_evidence[gold["evidence"]].add(gold["type"])
        for gold in article["interactions"]:
            kind, evidence = gold["type"], gold["evidence"]
            triggers = lexicon.triggers(evidence)
            total[kind] += 1
            if any(t.type not in by_evidence[evidence] for t in triggers):
                other[kind] += 1
            matching = [t for t in triggers if t.type == kind]
            if not matching:
                misses.append((kind, evidence))
                continue
            hit[kind] += 1
            best = max(matching, key=lambda t: t.confidence)
            tone_n += 1
            tone_ok += _tone_ok(kind, gold["tone"], best.tone)
            predicted = modality(evidence, best.start, language, best.end)
            modality_pairs[(gold["modality"], predicted)] += 1
            a, b = evidence.find(gold["a"]), evidence.find(gold["b"])
            if gold["directed"] and a >= 0 and b >= 0 and best.direction != "none":
                expected = "subject" if a < b else "object"
                dir_n += 1
                dir_ok += best.direction == expected
        evidences = set(by_evidence)
        for start, end in split_spans(article["text"], 2000):
            sentence = article["text"][start:end]
            sentences_timed.append(sentence)
            if sentence in evidences:
                continue
            background_sentences += 1
            for trigger in lexicon.triggers(sentence):
                background[trigger.type] += 1

    started = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        for sentence in sentences_timed:
            lexicon.triggers(sentence)
    per_sentence = (time.perf_counter() - started) / (rounds * len(sentences_timed)) * 1e6

    print(f"\n== {language}: {path} ({len(articles)} articles, {sum(total.values())} interactions)")
    print(f"{'type':<12} {'gold':>5} {'found':>6} {'recall':>7} {'other-type':>11}")
    for kind in TYPES:
        if total[kind]:
            print(
                f"{kind:<12} {total[kind]:>5} {hit[kind]:>6} {hit[kind] / total[kind]:>7.2f} "
                f"{other[kind] / total[kind]:>11.2f}"
            )
    n, h = sum(total.values()), sum(hit.values())
    print(f"{'all':<12} {n:>5} {h:>6} {h / n:>7.2f} {sum(other.values()) / n:>11.2f}")
    print(f"tone sign agreement (found): {tone_ok}/{tone_n} = {tone_ok / max(tone_n, 1):.2f}")
    direction = dir_ok / max(dir_n, 1)
    print(f"direction agreement (both names verbatim): {dir_ok}/{dir_n} = {direction:.2f}")
    agree = sum(c for (g, p), c in modality_pairs.items() if g == p)
    print(f"modality agreement (found): {agree}/{sum(modality_pairs.values())}")
    for (g, p), c in sorted(modality_pairs.items()):
        if g != p:
            print(f"   gold {g:<11} predicted {p:<11} {c}")
    rate = {k: 100 * background[k] / max(background_sentences, 1) for k in TYPES}
    print(
        f"background: {background_sentences} non-evidence sentences, triggers per 100: "
        + ", ".join(f"{k} {v:.1f}" for k, v in rate.items())
    )
    print(f"speed: {per_sentence:.1f} µs per sentence ({len(sentences_timed)} sentences, warm)")
    if show_misses:
        print("misses:")
        for kind, evidence in misses:
            print(f"   {kind:<12} {evidence[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--lang", nargs="+", default=["id", "en"])
    parser.add_argument("--misses", action="store_true", help="print the evidence of each miss")
    args = parser.parse_args()
    for language in args.lang:
        measure(args.shared / "relations" / language / "gold-dev.jsonl", language, args.misses)


if __name__ == "__main__":
    main()

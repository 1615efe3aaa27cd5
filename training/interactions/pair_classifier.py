"""A learned pair classifier for interactions, measured beside the rules on held-out articles.

Not shipped: this is the experiment behind the decision (README.md here), kept so that anyone can
rerun it on more annotated data. Every pair of organizations the entity stage finds together in
one sentence is a candidate. Its features are the lexicon's triggers in the sentence (type and
where each stands: before, between, after the pair), their lemmas, the words between and around
the pair, whether the two are a plain coordination ("X dan Y"), how far apart they are, how many
organizations the sentence names, how each was found, and the types the rules give the pair
there. A candidate is positive for a type when the gold has that pair and type anywhere in the
article. One logistic regression per type (numpy; class-balanced, L2), trained on `--train`.

On each `--test` file it prints pair+type precision, recall and F1, scored per article on the
unordered pair as `newstide eval interactions` scores them, but over same-sentence candidates only
(the rules' cross-sentence interactions are left out of every row, so "rules" here is below the
rules' full score): the rules; the classifier alone; the union of both; the rules kept where the
classifier agrees. Then whether the classifier's probability ranks the rules' interactions
better than their own confidence (AUC), and the learning curve (the classifier alone, trained on
a quarter, half, three quarters and all of `--train`, on every `--test` file together).

Usage:
    .venv/bin/python training/interactions/pair_classifier.py \\
        --train training/interactions/id-rule-checked-train.jsonl \\
                training/interactions/id-unseen-train.jsonl \\
        --test docs/audits/2026-11-29-gold-unseen-test.jsonl \\
               docs/audits/2026-11-29-gold-fresh-test.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newstide.eval.interactions import gold_namer, load_gold
from newstide.ingest.run import analyze_documents
from newstide.interactions import TYPES, Lexicon, Trigger
from newstide.records import Article, RawDocument
from newstide.settings import load_settings

_WORD = re.compile(r"\w+")
_COORDINATED = re.compile(r"\s*(?:,|dan|serta|&|and)\s*", re.IGNORECASE)
THRESHOLDS = (0.5, 0.7, 0.8, 0.9)


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two organizations named in one sentence, as the scorer names them."""

    article: str
    pair: frozenset[str]
    features: dict[str, float]
    gold: frozenset[str]  # the pair's types anywhere in the article's gold
    rules: dict[str, float]  # the rules' types for the pair in this sentence, with confidence


def candidates(path: Path, language: str) -> list[Candidate]:
    """Every same-sentence pair of organizations in a gold file's articles, with features."""
    golds = load_gold(Path("."), language, path)
    lexicon = Lexicon.load(language)
    raws = [
        RawDocument(f"{path.name}:{n}", "record", str(g["text"]), {"language": language})
        for n, g in enumerate(golds)
    ]
    found = []
    analysed = analyze_documents(raws, load_settings())
    for raw, gold, article in zip(raws, golds, analysed, strict=True):
        if not isinstance(article, Article):
            continue
        to_gold = gold_namer(article, gold)
        interactions = gold["interactions"]
        assert isinstance(interactions, list)
        gold_types: dict[frozenset[str], set[str]] = {}
        for i in interactions:
            gold_types.setdefault(frozenset((i["a"], i["b"])), set()).add(i["type"])
        rules: dict[tuple[int, frozenset[str]], dict[str, float]] = {}
        for i in article.interactions:
            kinds = rules.setdefault((i.sentence, frozenset((to_gold(i.a), to_gold(i.b)))), {})
            kinds[i.type] = max(i.confidence, kinds.get(i.type, 0.0))
        for sentence in article.sentences:
            text = article.text[sentence.start : sentence.end]
            first: dict[str, tuple[int, int, str]] = {}  # entity -> its first mention here
            for m in sorted(article.mentions, key=lambda m: m.start):
                if m.sentence == sentence.index and m.kind == "ORG" and m.entity_id:
                    at = (m.start - sentence.start, m.end - sentence.start, m.via)
                    first.setdefault(m.entity_id, at)
            triggers = lexicon.triggers(text)
            ordered = sorted(first.items(), key=lambda item: item[1])
            for (e1, m1), (e2, m2) in itertools.combinations(ordered, 2):
                pair = frozenset((to_gold(e1), to_gold(e2)))
                if len(pair) < 2:
                    continue
                features = _features(text, m1, m2, triggers, len(first))
                kinds = rules.get((sentence.index, pair), {})
                features.update({f"rule:{kind}": 1.0 for kind in kinds})
                found.append(
                    Candidate(
                        article=raw.source,
                        pair=pair,
                        features=features,
                        gold=frozenset(gold_types.get(pair, ())),
                        rules=kinds,
                    )
                )
    return found


def _features(
    text: str,
    first: tuple[int, int, str],
    second: tuple[int, int, str],
    triggers: list[Trigger],
    named: int,
) -> dict[str, float]:
    between = text[first[1] : second[0]]
    words = [w.lower() for w in _WORD.findall(between)]
    features = {
        "distance": min(len(words), 30) / 30,
        "coordinated": 1.0 if _COORDINATED.fullmatch(between) else 0.0,
        "named": min(named, 6) / 6,
        f"first:{first[2]}": 1.0,
        f"second:{second[2]}": 1.0,
    }
    for t in triggers:
        if first[1] <= t.start and t.end <= second[0]:
            where = "between"
        elif t.end <= first[0]:
            where = "before"
        elif t.start >= second[1]:
            where = "after"
        else:
            where = "inside"
        for key in (f"trigger:{t.type}:{where}", f"trigger:{t.type}"):
            features[key] = max(features.get(key, 0.0), t.confidence)
        features[f"lemma:{t.lemma}"] = 1.0
    features.update({f"between:{w}": 1.0 for w in words[:12]})
    before = [w.lower() for w in _WORD.findall(text[max(0, first[0] - 40) : first[0]])][-3:]
    after = [w.lower() for w in _WORD.findall(text[second[1] : second[1] + 40])][:3]
    features.update({f"before:{w}": 1.0 for w in before})
    features.update({f"after:{w}": 1.0 for w in after})
    return features


class PairClassifier:
    """One class-balanced, L2-regularised logistic regression per interaction type."""

    def __init__(self, training: list[Candidate], l2: float = 1.0, steps: int = 400) -> None:
        self.vocabulary = {
            key: n for n, key in enumerate(sorted({k for c in training for k in c.features}))
        }
        x = self._matrix(training)
        self.weights = np.stack(
            [
                self._fit(x, np.array([float(kind in c.gold) for c in training]), l2, steps)
                for kind in TYPES
            ],
            axis=1,
        )

    def _matrix(self, rows: list[Candidate]) -> np.ndarray:
        x = np.zeros((len(rows), len(self.vocabulary) + 1))
        x[:, -1] = 1.0  # the bias
        for i, row in enumerate(rows):
            for key, value in row.features.items():
                if key in self.vocabulary:
                    x[i, self.vocabulary[key]] = value
        return x

    @staticmethod
    def _fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int, rate: float = 0.5) -> np.ndarray:
        w = np.zeros(x.shape[1])
        positive = max(y.mean(), 1e-3)
        weight = np.where(y == 1, 0.5 / positive, 0.5 / max(1 - positive, 1e-3))
        for _ in range(steps):
            p = 1 / (1 + np.exp(-x @ w))
            w -= rate * (x.T @ ((p - y) * weight) / len(y) + l2 * w / len(y))
        return w

    def probabilities(self, rows: list[Candidate]) -> np.ndarray:
        """(candidates x types) probabilities, types in `TYPES` order."""
        return 1 / (1 + np.exp(-(self._matrix(rows) @ self.weights)))


Found = set[tuple[str, frozenset[str], str]]  # (article, pair, type)


def _prf(predicted: Found, gold: Found, total: int) -> str:
    hits = len(predicted & gold)
    p = hits / len(predicted) if predicted else 0.0
    r = hits / total if total else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f}/{r:.3f}/{f1:.3f}"


def _above(rows: list[Candidate], probabilities: np.ndarray, threshold: float) -> Found:
    """The pairs and types the classifier gives at least `threshold`."""
    return {
        (c.article, c.pair, kind)
        for c, p in zip(rows, probabilities, strict=True)
        for kind, q in zip(TYPES, p, strict=True)
        if q >= threshold
    }


def report(model: PairClassifier, rows: list[Candidate], total: int) -> None:
    """Rules, classifier alone, union and filter at each threshold, on one held-out file."""
    probabilities = model.probabilities(rows)
    gold = {(c.article, c.pair, kind) for c in rows for kind in c.gold}
    rules = {(c.article, c.pair, kind) for c in rows for kind in c.rules}
    print(f"  rules (same-sentence only)  P/R/F1 {_prf(rules, gold, total)}")
    for threshold in THRESHOLDS:
        learned = _above(rows, probabilities, threshold)
        agreed = {
            (c.article, c.pair, kind)
            for c, p in zip(rows, probabilities, strict=True)
            for kind in c.rules
            if p[TYPES.index(kind)] >= threshold / 4
        }
        print(
            f"  at {threshold}: alone {_prf(learned, gold, total)}  union"
            f" {_prf(learned | rules, gold, total)}  rules kept at {threshold / 4:.2f}"
            f" {_prf(agreed, gold, total)}"
        )


def ranking(model: PairClassifier, rows: list[Candidate]) -> None:
    """AUC of the rules' own confidence and of the classifier's probability over the rules'
    interactions (is it right?), with a bootstrap 90% interval of their difference."""
    probabilities = model.probabilities(rows)
    items = [
        (confidence, float(p[TYPES.index(kind)]), kind in c.gold)
        for c, p in zip(rows, probabilities, strict=True)
        for kind, confidence in c.rules.items()
    ]
    rng = random.Random(0)

    def auc(sample: list[tuple[float, float, bool]], column: int) -> float:
        ranked = sorted(sample, key=lambda item: (item[column], rng.random()))
        right = sum(item[2] for item in sample)
        ranks = sum(k for k, item in enumerate(ranked) if item[2])
        return (ranks - right * (right - 1) / 2) / (right * (len(sample) - right))

    right = sum(item[2] for item in items)
    if not 0 < right < len(items):
        print("  ranking: too few rule interactions to rank")
        return
    differences = []
    for _ in range(500):
        sample = [rng.choice(items) for _ in items]
        if 0 < sum(item[2] for item in sample) < len(sample):
            differences.append(auc(sample, 1) - auc(sample, 0))
    differences.sort()
    low, high = differences[len(differences) // 20], differences[-len(differences) // 20]
    print(
        f"  ranking the rules' {len(items)} interactions ({right} right): AUC rules' confidence"
        f" {auc(items, 0):.3f}, classifier {auc(items, 1):.3f}"
        f" (difference, 90%: {low:+.3f}..{high:+.3f})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, nargs="+", required=True)
    parser.add_argument("--test", type=Path, nargs="+", required=True)
    parser.add_argument("--language", default="id", choices=["id", "en"])
    args = parser.parse_args(argv)

    training = [c for path in args.train for c in candidates(path, args.language)]
    print(f"training: {len(training)} candidates, {sum(bool(c.gold) for c in training)} positive")
    model = PairClassifier(training)
    held_out: list[Candidate] = []
    total_gold = 0
    for path in args.test:
        rows = candidates(path, args.language)
        total = 0
        for article in load_gold(Path("."), args.language, path):
            interactions = article["interactions"]
            assert isinstance(interactions, list)
            total += len(interactions)
        held_out += rows
        total_gold += total
        print(f"{path} ({total} gold interactions, {len(rows)} candidates)")
        report(model, rows, total)
        ranking(model, rows)
    print(f"learning curve on every --test file together ({total_gold} gold interactions):")
    articles = sorted({c.article for c in training})
    random.Random(0).shuffle(articles)
    gold = {(c.article, c.pair, kind) for c in held_out for kind in c.gold}
    for share in (0.25, 0.5, 0.75, 1.0):
        kept = set(articles[: int(len(articles) * share)])
        curve = PairClassifier([c for c in training if c.article in kept])
        probabilities = curve.probabilities(held_out)
        shown = []
        for threshold in THRESHOLDS:
            learned = _above(held_out, probabilities, threshold)
            shown.append(f"{threshold}: {_prf(learned, gold, total_gold)}")
        print(f"  {share:.0%} of the training articles: " + "  ".join(shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

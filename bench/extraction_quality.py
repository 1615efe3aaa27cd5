"""Body-text quality on the article extraction benchmark: newstide beside plain trafilatura.

Reads the 181 pages of ../shared/data/extraction/article_extraction_benchmark, extracts each with
newstide's HTML path (the reader and extraction an ingest uses) and with plain
``trafilatura.extract`` (defaults), and scores both with the benchmark's metric: precision and
recall over 4-word shingles, normalised per page, averaged over pages, F1 of the averages.

    python bench/extraction_quality.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import trafilatura

from newstide.ingest.extract import extract
from newstide.ingest.sources import Input, read_input
from newstide.records import Article, Failure
from newstide.settings import load_settings

_TOKEN_RE = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def page_scores(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over shingles for one page, as the benchmark computes them."""
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in t.keys() | p.keys())
    fn = sum(max(0, t[k] - p[k]) for k in t.keys() | p.keys())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summary(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def ratio(a: float, b: float, zero_when_b_zero: float) -> float:
        return a / (a + b) if a + b else zero_when_b_zero

    precision = statistics.mean(
        1.0 if fp == fn == 0 else ratio(tp, fp, 0.0) for tp, fp, fn in scores if tp + fp > 0
    )
    recall = statistics.mean(
        1.0 if fp == fn == 0 else ratio(tp, fn, 0.0) for tp, fp, fn in scores if tp + fn > 0
    )
    return precision, recall, 2 * precision * recall / (precision + recall)


def newstide_body(path: Path, settings) -> str:
    stat = path.stat()
    for raw in read_input(Input(str(path), path, stat.st_size, stat.st_mtime), settings.ingest):
        if isinstance(raw, Failure):
            return ""
        try:
            article: Article = extract(raw, settings.ingest)
        except Exception:
            return ""
        return article.text
    return ""


def trafilatura_body(path: Path) -> str:
    import gzip

    return trafilatura.extract(gzip.decompress(path.read_bytes()).decode("utf-8", "replace")) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data"
    )
    args = parser.parse_args()
    root = args.data / "extraction" / "article_extraction_benchmark"
    if not root.exists():
        print(f"skipped: {root} is not here", file=sys.stderr)
        return 0
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    settings = load_settings()
    rows: dict[str, list[tuple[float, float, float]]] = {
        "newstide": [],
        "trafilatura (plain extract)": [],
    }
    seconds = {name: 0.0 for name in rows}
    for key, gold in sorted(truth.items()):
        path = root / "html" / f"{key}.html.gz"
        for name, run in (
            ("newstide", lambda p: newstide_body(p, settings)),
            ("trafilatura (plain extract)", trafilatura_body),
        ):
            started = time.perf_counter()
            body = run(path)
            seconds[name] += time.perf_counter() - started
            rows[name].append(page_scores(gold.get("articleBody", ""), body))
    print(f"article extraction benchmark: {len(truth)} pages, 4-word shingle scorer")
    print(f"{'extractor':<30}{'precision':>10}{'recall':>10}{'F1':>8}{'pages/s':>10}")
    results = {}
    for name, scores in rows.items():
        p, r, f = summary(scores)
        results[name] = f
        print(f"{name:<30}{p:>10.3f}{r:>10.3f}{f:>8.3f}{len(scores) / seconds[name]:>10.1f}")
    delta = results["newstide"] - results["trafilatura (plain extract)"]
    print(f"newstide F1 minus trafilatura F1: {delta:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Body-text extraction quality on the article extraction benchmark, beside plain trafilatura.

The benchmark (scrapinghub/article-extraction-benchmark, in ``shared/data/extraction``) scores an
extracted body against the ground truth with precision and recall over 4-word shingles, each page's
counts normalised so long pages do not outweigh short ones, averaged over pages; F1 is taken of the
averages. This module implements that metric and runs newstide's HTML path (the same reader and
extraction an ingest uses) and plain ``trafilatura.extract`` with its defaults on every page.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newstide.errors import InputError
from newstide.ingest.extract import extract
from newstide.ingest.sources import Input, read_input
from newstide.records import Failure
from newstide.settings import Settings

_TOKEN_RE = re.compile(r"\w+")
BENCHMARK = Path("extraction") / "article_extraction_benchmark"


@dataclass(frozen=True, slots=True)
class ExtractorScore:
    """One extractor's scores over the benchmark."""

    name: str
    precision: float
    recall: float
    f1: float
    pages_per_second: float


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) over shingles for one page, as the benchmark computes them."""
    t, p = _shingles(true), _shingles(pred)
    keys = t.keys() | p.keys()
    tp = sum(min(t[k], p[k]) for k in keys)
    fp = sum(max(0, p[k] - t[k]) for k in keys)
    fn = sum(max(0, t[k] - p[k]) for k in keys)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(tp: float, other: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + other) if tp + other else 0.0


def summarize(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Precision and recall averaged over pages, and F1 of the two averages."""
    precision = statistics.mean(_ratio(tp, fp, fp, fn) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(_ratio(tp, fn, fp, fn) for tp, fp, fn in counts if tp + fn > 0)
    return precision, recall, 2 * precision * recall / (precision + recall)


def _newstide_body(path: Path, settings: Settings) -> str:
    stat = path.stat()
    for raw in read_input(Input(str(path), path, stat.st_size, stat.st_mtime), settings.ingest):
        if isinstance(raw, Failure):
            return ""
        try:
            return extract(raw, settings.ingest).text
        except InputError:  # a page with no article scores zero, as it does for trafilatura
            return ""
    return ""


def _trafilatura_body(path: Path) -> str:
    html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    return trafilatura.extract(html) or ""


def evaluate_extraction(data: Path, settings: Settings) -> list[ExtractorScore]:
    """Score newstide and plain trafilatura on every benchmark page.

    Args:
        data: The shared data folder (holding ``extraction/article_extraction_benchmark``).
        settings: newstide's settings.

    Raises:
        InputError: The benchmark is not under `data`.
    """
    root = data / BENCHMARK
    if not (root / "ground-truth.json").exists():
        raise InputError(f"no extraction benchmark under {data}", "pass --data PATH/shared/data")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    extractors = {
        "newstide": lambda p: _newstide_body(p, settings),
        "trafilatura (plain extract)": _trafilatura_body,
    }
    counts: dict[str, list[tuple[float, float, float]]] = {name: [] for name in extractors}
    seconds = dict.fromkeys(extractors, 0.0)
    for key, gold in sorted(truth.items()):
        path = root / "html" / f"{key}.html.gz"
        for name, run in extractors.items():
            started = time.perf_counter()
            body = run(path)
            seconds[name] += time.perf_counter() - started
            counts[name].append(page_counts(gold.get("articleBody", ""), body))
    return [
        ExtractorScore(name, *summarize(counts[name]), len(truth) / seconds[name])
        for name in extractors
    ]

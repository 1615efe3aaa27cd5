"""Real corpora the benchmarks read from ../shared/data, and the small helpers they share."""

from __future__ import annotations

import gzip
import json
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from newstide.eval.tldr import detokenize

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BENCHMARK = SHARED_DATA / "extraction" / "article_extraction_benchmark"
INDOSUM = SHARED_DATA / "summarization" / "id" / "indosum" / "indosum-dev.jsonl"


def indosum_articles(limit: int | None = None) -> Iterator[dict[str, str]]:
    """IndoSum dev articles as JSONL-ready records (id, text with paragraphs, language)."""
    with INDOSUM.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                return
            record = json.loads(line)
            paragraphs = [" ".join(detokenize(s) for s in p) for p in record["paragraphs"]]
            yield {"id": record["id"], "text": "\n\n".join(paragraphs), "language": "id"}


def benchmark_pages() -> list[tuple[str, bytes]]:
    """The extraction benchmark's pages: (name, gzip-compressed HTML bytes)."""
    return [(p.name, p.read_bytes()) for p in sorted((BENCHMARK / "html").glob("*.html.gz"))]


def gunzip_text(data: bytes) -> str:
    return gzip.decompress(data).decode("utf-8", errors="replace")


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs (these machines are noisy: medians, not means)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)

"""Ingest throughput: newstide's whole ingest beside two baselines, in one run.

HTML: the 181 pages of the article extraction benchmark (gzipped files in a folder), ingested
end to end into a fresh DuckDB store, beside ``trafilatura.extract`` on the same pages and
spaCy's blank English tokenizer over the texts trafilatura extracts from them.
Text: IndoSum dev articles as a JSONL export (real Indonesian news, ~270 words each), ingested
end to end, beside spaCy's blank Indonesian tokenizer over the same texts and reading and
JSON-decoding the same file (the floor any reader pays).
Figures are medians of --repeat runs, in articles per second of one process on one core (the
ingest runs with ``workers=1``), in words per second (words of the article text, split on white
space) to convert to articles of another length, and in articles per CPU-second of this process
(steadier than wall time on a shared machine).

    python bench/ingest_throughput.py [--repeat 3] [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import spacy
import trafilatura
from _corpora import (
    BENCHMARK,
    INDOSUM,
    benchmark_pages,
    gunzip_text,
    indosum_articles,
)

from newstide.ingest.run import ingest
from newstide.settings import load_settings
from newstide.store.database import Store


def newstide_ingest(inputs: Path, work: Path) -> int:
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    with Store(db) as store:
        report = ingest([str(inputs)], store, load_settings(), workers=1)
    return report.added


def median_times(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process over `repeat` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def read_json_lines(path: Path) -> list[object]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--articles", type=int, default=1000, help="IndoSum articles for the text run"
    )
    args = parser.parse_args()
    if not BENCHMARK.exists() or not INDOSUM.exists():
        print(f"skipped: the shared data is not at {BENCHMARK.parents[1]}", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = benchmark_pages()
        html_dir = work / "html"
        html_dir.mkdir()
        for name, data in pages:
            (html_dir / name).write_bytes(data)
        texts = [gunzip_text(data) for _, data in pages]
        extracted = [trafilatura.extract(t) or "" for t in texts]
        page_words = sum(len(t.split()) for t in extracted) / len(extracted)
        jsonl = work / "indosum.jsonl"
        records = list(indosum_articles(args.articles))
        jsonl.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
        )
        words = sum(len(r["text"].split()) for r in records) / len(records)
        blank_en, blank_id = spacy.blank("en"), spacy.blank("id")
        indosum_texts = [r["text"] for r in records]

        added = newstide_ingest(html_dir, work)  # warm-up, and the count of stored pages
        warm = work / "warm-up.jsonl"  # loads the Indonesian model before the timed text runs
        warm.write_text("".join(jsonl.read_text(encoding="utf-8").splitlines(True)[:16]))
        newstide_ingest(warm, work)
        ours, plain = "newstide ingest (end to end)", "trafilatura.extract (baseline)"
        blank = "spaCy blank tokenizer (baseline)"
        runs = [
            ("HTML", ours, len(pages), lambda: newstide_ingest(html_dir, work)),
            ("HTML", plain, len(pages), lambda: [trafilatura.extract(t) for t in texts]),
            ("HTML", blank, len(pages), lambda: list(blank_en.pipe(extracted))),
            ("text", ours, len(records), lambda: newstide_ingest(jsonl, work)),
            ("text", blank, len(records), lambda: list(blank_id.pipe(indosum_texts))),
            ("text", "read + json.loads (floor)", len(records), lambda: read_json_lines(jsonl)),
        ]  # fmt: skip
        rows = [(kind, what, n, *median_times(run, args.repeat)) for kind, what, n, run in runs]
        shutil.rmtree(html_dir)
    print(f"ingest throughput, median of {args.repeat} runs, one process on one core")
    print(
        f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(a busy machine slows every row: compare the ratios)"
    )
    print(
        f"HTML: {len(pages)} benchmark pages ({added} stored), "
        f"{page_words:.0f} words extracted on average"
    )
    print(f"text: {len(records)} IndoSum articles, {words:.0f} words on average")
    print(
        f"{'input':<6}{'what':<34}{'articles/s':>12}{'words/s':>10}{'× newstide':>12}"
        f"{'per CPU-s':>11}"
    )
    rates = {}
    for kind, what, n, seconds, _ in rows:
        rates[(kind, what)] = n / seconds
    for kind, what, n, seconds, cpu in rows:
        per_article = page_words if kind == "HTML" else words
        relative = rates[(kind, what)] / rates[(kind, ours)]
        print(
            f"{kind:<6}{what:<34}{n / seconds:>12.1f}{n / seconds * per_article:>10.0f}"
            f"{relative:>11.2f}×{n / cpu if cpu else float('inf'):>11.1f}"
        )
    ratio = rates[("HTML", ours)] / rates[("HTML", plain)]
    print(f"newstide HTML ingest runs at {ratio:.2f}x the speed of plain trafilatura extraction")
    at_400 = rates[("text", ours)] * words / 400
    print(f"newstide text ingest: {at_400:.1f} articles/s at 400 words an article (target >= 25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

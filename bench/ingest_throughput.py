"""Ingest throughput: newstide's whole ingest beside plain trafilatura extraction, in one run.

HTML: the 181 pages of the article extraction benchmark (gzipped files in a folder), ingested
end to end into a fresh DuckDB store, beside ``trafilatura.extract`` on the same pages.
Text: IndoSum dev articles as a JSONL export (real Indonesian news, ~300 words each), ingested
end to end, beside reading and JSON-decoding the same file (the floor any reader pays).
Figures are medians of --repeat runs, in articles per second on one core.

    python bench/ingest_throughput.py [--repeat 3] [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import trafilatura
from _corpora import (
    BENCHMARK,
    INDOSUM,
    benchmark_pages,
    gunzip_text,
    indosum_articles,
    median_seconds,
)

from newstide.ingest.run import ingest
from newstide.settings import load_settings
from newstide.store.database import Store


def newstide_ingest(inputs: Path, work: Path) -> int:
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    with Store(db) as store:
        report = ingest([str(inputs)], store, load_settings())
    return report.added


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
        jsonl = work / "indosum.jsonl"
        records = list(indosum_articles(args.articles))
        jsonl.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
        )
        words = sum(len(r["text"].split()) for r in records) / len(records)

        added = newstide_ingest(html_dir, work)  # warm-up, and the count of stored pages
        ours, plain = "newstide ingest (end to end)", "trafilatura.extract (baseline)"
        runs = [
            ("HTML", ours, len(pages), lambda: newstide_ingest(html_dir, work)),
            ("HTML", plain, len(pages), lambda: [trafilatura.extract(t) for t in texts]),
            ("text", ours, len(records), lambda: newstide_ingest(jsonl, work)),
            ("text", "read + json.loads (floor)", len(records), lambda: read_json_lines(jsonl)),
        ]  # fmt: skip
        rows = [(kind, what, n, median_seconds(run, args.repeat)) for kind, what, n, run in runs]
        shutil.rmtree(html_dir)
    print(f"ingest throughput, median of {args.repeat} runs, one process on one core")
    print(f"HTML: {len(pages)} benchmark pages ({added} stored)")
    print(f"text: {len(records)} IndoSum articles, {words:.0f} words on average")
    print(f"{'input':<6}{'what':<34}{'articles/s':>12}")
    rates = {}
    for kind, what, n, seconds in rows:
        rates[(kind, what)] = n / seconds
        print(f"{kind:<6}{what:<34}{n / seconds:>12.1f}")
    ratio = rates[("HTML", ours)] / rates[("HTML", plain)]
    print(f"newstide HTML ingest runs at {ratio:.2f}x the speed of plain trafilatura extraction")
    return 0


if __name__ == "__main__":
    sys.exit(main())

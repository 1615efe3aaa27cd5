"""End-to-end throughput per core beside two baselines, then scaling across workers, in one run.

Corpora: IndoSum dev articles (real Indonesian news, ~270 words on average) as JSONL files, and
the extraction benchmark's real HTML pages (gzipped). For each corpus, in articles per second on
one core (medians of --repeat runs; models loaded once before timing):

- newstide: the whole ingest (extraction, language, sentences, entities, interactions, MinHash,
  stories, store) into a fresh DuckDB file, one process;
- trafilatura: ``trafilatura.extract`` on the same documents (IndoSum texts wrapped as <p>s);
- spaCy blank tokenizer: ``spacy.blank(lang)`` over the same texts (``nlp.pipe``).

Scaling, on the IndoSum corpus split into files: 1 worker, 2 workers (process pool, started after
8 documents), and a 2-worker Dask local cluster writing Parquet (``ingest --dask-local 2 --out``);
wall times include starting the pool or cluster and loading models in the workers. Target: at
least 25 articles/s per core on ~400-word articles for the full pipeline. The machine is shared
and noisy: read the ratios.

    python bench/throughput_scaling.py [--articles 300] [--repeat 3] [--files 8]
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
    median_seconds,
)

from newstide.ingest.run import ingest
from newstide.settings import Settings, load_settings
from newstide.store.database import Store


def write_indosum(folder: Path, articles: int, files: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    records = list(indosum_articles(articles))
    for number in range(files):
        with (folder / f"indosum-{number:02d}.jsonl").open("w", encoding="utf-8") as out:
            for record in records[number::files]:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return [r["text"] for r in records]


def write_pages(folder: Path) -> list[bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    pages = benchmark_pages()
    for name, data in pages:
        (folder / name).write_bytes(data)
    return [data for _, data in pages]


def newstide_ingest(inputs: Path, work: Path, settings: Settings, workers: int = 1) -> int:
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    with Store(db, dedup=settings.dedup) as store:
        report = ingest([str(inputs)], store, settings, workers=workers)
    return report.added


def dask_ingest(inputs: Path, work: Path, settings: Settings, workers: int) -> int:
    from newstide.scale import ingest_dataset

    out = work / "dataset"
    shutil.rmtree(out, ignore_errors=True)
    return ingest_dataset([str(inputs)], str(out), settings, local_workers=workers).added


def cpu_rate(run: Callable[[], object], n: int) -> str:
    """Articles per CPU-second of this process: steadier than wall time on a shared machine."""
    started = time.process_time()
    run()
    return f"{n / (time.process_time() - started):.1f} articles per CPU-second"


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:7.1f} articles/s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="IndoSum articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", type=int, default=8, help="IndoSum split into this many files")
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()
    if not BENCHMARK.exists() or not INDOSUM.exists():
        print(f"skipped: the shared data is not at {BENCHMARK.parents[1]}", file=sys.stderr)
        return 0
    settings = load_settings()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        texts = write_indosum(work / "indosum", args.articles, args.files)
        pages = write_pages(work / "pages")
        words = statistics.mean(len(t.split()) for t in texts)
        newstide_ingest(work / "pages", work, settings)  # load every model once
        newstide_ingest(work / "indosum", work, settings)

        print(f"\nIndoSum: {len(texts)} articles, {words:.0f} words on average (1 core)")
        wrapped = [
            "<html><body>" + "".join(f"<p>{p}</p>" for p in t.split("\n\n")) + "</body></html>"
            for t in texts
        ]
        blank_id = spacy.blank("id")
        full = median_seconds(
            lambda: newstide_ingest(work / "indosum", work, settings), args.repeat
        )
        traf = median_seconds(lambda: [trafilatura.extract(h) for h in wrapped], args.repeat)
        tok = median_seconds(lambda: list(blank_id.pipe(texts)), args.repeat)
        n = len(texts)
        cpu = cpu_rate(lambda: newstide_ingest(work / "indosum", work, settings), n)
        print(f"  newstide full pipeline  {rate(n, full)}  ({cpu}; target >= 25)")
        print(f"  trafilatura.extract     {rate(n, traf)}  ({traf / full:.2f}× newstide's time)")
        print(f"  spaCy blank tokenizer   {rate(n, tok)}  ({tok / full:.3f}× newstide's time)")

        html = [gunzip_text(p) for p in pages]
        extracted = [trafilatura.extract(h) or "" for h in html]
        blank_en = spacy.blank("en")
        print(f"\nHTML: {len(pages)} benchmark pages (1 core)")
        full = median_seconds(lambda: newstide_ingest(work / "pages", work, settings), args.repeat)
        traf = median_seconds(lambda: [trafilatura.extract(h) for h in html], args.repeat)
        tok = median_seconds(lambda: list(blank_en.pipe(extracted)), args.repeat)
        n = len(pages)
        cpu = cpu_rate(lambda: newstide_ingest(work / "pages", work, settings), n)
        print(f"  newstide full pipeline  {rate(n, full)}  ({cpu})")
        print(f"  trafilatura.extract     {rate(n, traf)}  ({traf / full:.2f}× newstide's time)")
        print(f"  spaCy blank tokenizer   {rate(n, tok)}  ({tok / full:.3f}× newstide's time)")

        if args.no_scaling:
            return 0
        early = work / "early-pool.toml"
        early.write_text("[ingest]\npool_after_documents = 8\n", encoding="utf-8")
        pooled = load_settings(early)
        n = len(texts)
        print(
            f"\nScaling on IndoSum ({n} articles in {args.files} files; wall time incl. start-up)"
        )
        runs = {
            "1 worker": lambda: newstide_ingest(work / "indosum", work, pooled, 1),
            "2 workers (pool)": lambda: newstide_ingest(work / "indosum", work, pooled, 2),
            "2 workers (Dask local)": lambda: dask_ingest(work / "indosum", work, pooled, 2),
        }
        times = {}
        for name, run in runs.items():
            times[name] = median_seconds(run, args.repeat)
            print(
                f"  {name:<24}{rate(n, times[name])}  "
                f"speed-up {times['1 worker'] / times[name]:.2f}×"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

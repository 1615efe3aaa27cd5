"""Peak resident memory of an ingest as the corpus grows 10×: it should stay flat.

The synthetic corpus (scripts/make_large_corpus.py: varied copies of the demo articles, one JSONL
file) is written at --copies and 10 × --copies; each is ingested into a fresh store in its own
subprocess (one process: --workers 1; or --dask for a 1-worker local Dask cluster writing Parquet),
which reports its own peak RSS (getrusage ru_maxrss) and its RSS after the models are loaded.

    python bench/memory_flat.py [--copies 5] [--dask]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
import psutil

def main():
    corpus, work, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    from newstide.ingest.run import ingest, worker_pipeline
    from newstide.records import RawDocument
    from newstide.settings import load_settings
    from newstide.store.database import Store
    settings = load_settings()
    # Load the models first (one tiny article) so the baseline includes them.
    pipeline = worker_pipeline(settings)
    from newstide.ingest.extract import extract
    text = "PT Telkom Indonesia bekerja sama dengan Gojek hari ini. " * 5
    raw = RawDocument("warmup", "text", text)
    try:
        pipeline(extract(raw, settings.ingest))
    except Exception:
        pass
    loaded = psutil.Process().memory_info().rss
    started = time.perf_counter()
    if mode == "dask":
        from newstide.scale import ingest_dataset
        report = ingest_dataset([corpus], str(work / "dataset"), settings, local_workers=1)
        children = 0
    else:
        with Store(work / "bench.duckdb") as store:
            report = ingest([corpus], store, settings, workers=1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"articles": report.added, "seconds": time.perf_counter() - started,
                      "loaded": loaded, "peak": peak, "child_peak": child_peak}))

if __name__ == "__main__":
    main()
"""


def run(corpus: Path, work: Path, mode: str) -> dict[str, float]:
    work.mkdir(parents=True, exist_ok=True)
    script = work / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(corpus), str(work), mode],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=5, help="copies of the demo corpus at 1×")
    parser.add_argument("--dask", action="store_true", help="a 1-worker local Dask cluster")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_large_corpus import write_corpus

    mode = "dask" if args.dask else "process"
    mb = 1024 * 1024
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (1, 10):
            corpus = Path(tmp) / f"corpus-{scale}x.jsonl"
            lines = write_corpus(corpus, args.copies * scale)
            result = run(corpus, Path(tmp) / f"work-{scale}x", mode)
            results[scale] = result
            print(
                f"{scale:>2}× ({lines} articles, {corpus.stat().st_size / 1e6:.1f} MB, {mode}): "
                f"RSS after models {result['loaded'] / mb:.0f} MB, "
                f"peak {result['peak'] / mb:.0f} MB"
                + (f", Dask worker peak {result['child_peak'] / mb:.0f} MB" if args.dask else "")
                + f"; {result['articles']} stored in {result['seconds']:.0f}s "
                f"({result['articles'] / result['seconds']:.1f} articles/s)"
            )
    growth = results[10]["peak"] / results[1]["peak"]
    over = (results[10]["peak"] - results[10]["loaded"]) / max(
        results[1]["peak"] - results[1]["loaded"], 1
    )
    print(f"peak RSS 10× / 1×: {growth:.2f} (above the loaded models: {over:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

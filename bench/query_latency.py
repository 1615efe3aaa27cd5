"""Query latency on a big store: pair timelines and the graph, beside a plain count(*), in one run.

The store holds 1,000,000 synthetic interactions (250,000 articles, 2,000 organizations, Zipf-
distributed pairs) made by ``scripts/make_synthetic_interactions.py``. Timelines are asked for
random pairs (uniformly over the pairs that exist, so mostly small ones) and for the busiest pair;
the baseline is ``SELECT count(*) FROM interactions`` on the same connection (answered from
metadata), beside counting one pair's rows (the scan every pair query pays). Figures are
medians (and 95th percentiles) in milliseconds, with warm caches. The target is < 100 ms per
timeline.

    python bench/query_latency.py [--interactions 1000000] [--pairs 50] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newstide.analysis import graph, pairs, timeline, turning_points
from newstide.settings import load_settings
from newstide.store.database import Store

REPO = Path(__file__).resolve().parents[1]


def timed(call: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds of each of ``repeat`` calls, after one warm-up call."""
    call()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def row(name: str, samples: list[float], baseline: float) -> str:
    median = statistics.median(samples)
    p95 = sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]
    return f"{name:<46}{median:>10.1f}{p95:>10.1f}{median / baseline:>10.0f}x{len(samples):>6}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=50, help="random pairs to time")
    parser.add_argument("--db", type=Path, help="reuse (or create) the store here")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    work = tempfile.TemporaryDirectory(prefix="newstide-bench-")
    db = args.db or Path(work.name) / "bench.duckdb"
    if not db.exists():
        subprocess.run(
            [sys.executable, str(REPO / "scripts" / "make_synthetic_interactions.py"), str(db),
             "--interactions", str(args.interactions), "--seed", str(args.seed)],
            check=True,
        )  # fmt: skip
    analysis = load_settings().analysis
    with Store(db, read_only=True) as store:
        total = store.query("SELECT count(*) FROM interactions")[0][0]
        everything = store.query(
            "SELECT least(a, b), greatest(a, b), count(*) FROM interactions GROUP BY ALL"
        )
        random.seed(args.seed)
        sample = random.sample(everything, min(args.pairs, len(everything)))
        busiest = max(everything, key=lambda r: r[2])

        baseline = timed(lambda: store.query("SELECT count(*) FROM interactions"), 50)
        base = statistics.median(baseline)

        def each_pair(call: Callable[[str, str], Any]) -> list[float]:
            out = []
            for a, b, _ in sample:
                call(a, b)  # warm
                started = time.perf_counter()
                call(a, b)
                out.append((time.perf_counter() - started) * 1000)
            return out

        a0, b0, _ = sample[0]
        typical = statistics.median(r[2] for r in sample)
        scan = timed(
            lambda: store.query(
                "SELECT count(*) FROM interactions WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                [a0, b0, b0, a0],
            ),
            20,
        )
        results = [
            ("SELECT count(*) FROM interactions (baseline)", baseline),
            ("count(*) of one pair's rows (a full scan)", scan),
            (
                f"timeline, random pair (median {typical:.0f} rows)",
                each_pair(lambda a, b: timeline(store, a, b, settings=analysis)),
            ),
            (
                f"timeline, busiest pair ({busiest[2]:,} rows)",
                timed(lambda: timeline(store, busiest[0], busiest[1], settings=analysis), 10),
            ),
            (
                "timeline + turning points, random pair",
                each_pair(lambda a, b: turning_points(store, a, b, settings=analysis)),
            ),
            ("pairs, top 50", timed(lambda: pairs(store, limit=50), 5)),
            (
                "graph, 400 heaviest edges (dashboard)",
                timed(lambda: graph(store, max_edges=400, settings=analysis), 5),
            ),
            (
                "graph, every edge with communities",
                timed(lambda: graph(store, settings=analysis), 3),
            ),
        ]
    print(
        f"store: {total:,} interactions, {len(everything):,} pairs ({db})\n"
        f"{'query':<46}{'median ms':>10}{'p95 ms':>10}{'vs count':>11}{'runs':>6}"
    )
    for name, samples in results:
        print(row(name, samples, base))
    work.cleanup()


if __name__ == "__main__":
    main()

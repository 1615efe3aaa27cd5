"""A bounded load test of the dashboard on loopback: N concurrent clients for S seconds.

Builds the demo store (``newstide --db X demo``), starts ``newstide serve`` on 127.0.0.1 on a free
port, and has the clients alternate between the pair page and its JSON API; prints requests/s,
p50/p99 latency and errors, then stops the server. Only 127.0.0.1 is ever contacted.

    python bench/load_test.py                 # 50 clients, 30 s
    python bench/load_test.py --clients 10 --seconds 5
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HOST = "127.0.0.1"
PATHS = ("/pair/Microsoft/OpenAI", "/api/pair/Microsoft/OpenAI")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _newstide(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "newstide", *args], **kwargs)  # type: ignore[call-overload]


def _wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"newstide serve exited with {server.returncode}")
        try:
            if httpx.get(url + "/api/status", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("newstide serve did not start")


async def _client(
    base: str, until: float, number: int, latencies: dict[str, list[float]], errors: list[str]
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        turn = number
        while time.monotonic() < until:
            path = PATHS[turn % len(PATHS)]
            turn += 1
            started = time.perf_counter()
            try:
                response = await client.get(path)
                if response.status_code != 200:
                    errors.append(f"{path}: HTTP {response.status_code}")
                    continue
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {type(exc).__name__}")
                continue
            latencies[path].append(time.perf_counter() - started)


async def _load(
    base: str, clients: int, seconds: float
) -> tuple[dict[str, list[float]], list[str], float]:
    latencies: dict[str, list[float]] = {p: [] for p in PATHS}
    errors: list[str] = []
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(_client(base, until, n, latencies, errors) for n in range(clients)))
    return latencies, errors, time.monotonic() - started


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, help="an existing store (default: build the demo store)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "demo.duckdb"
        if args.db is None:
            built = _newstide("--db", str(db), "demo", stdout=subprocess.DEVNULL)
            if built.wait() != 0:
                return 1
        port = _free_port()
        base = f"http://{HOST}:{port}"
        env = {k: v for k, v in os.environ.items() if k != "NEWSTIDE_TOKEN"}
        server = _newstide(
            "--db", str(db), "serve", "--host", HOST, "--port", str(port),
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            _wait_until_up(base, server)
            for path in PATHS:  # warm the caches once, as a first visitor would
                httpx.get(base + path, timeout=60).raise_for_status()
            latencies, errors, elapsed = asyncio.run(_load(base, args.clients, args.seconds))
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    every = [x for values in latencies.values() for x in values]
    print(f"{args.clients} clients for {elapsed:.1f} s against {base}")
    for path, values in [*latencies.items(), ("all", every)]:
        print(
            f"  {path:<28} {len(values):>7} ok  {len(values) / elapsed:8.1f} req/s  "
            f"p50 {_percentile(values, 0.5) * 1000:7.1f} ms  "
            f"p99 {_percentile(values, 0.99) * 1000:7.1f} ms"
            + (f"  mean {statistics.fmean(values) * 1000:.1f} ms" if values else "")
        )
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

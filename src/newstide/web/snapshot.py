"""How the dashboard reads a store that an ingest may be writing: from a snapshot copy.

DuckDB lets one process write a file, and a process that holds it open, even read-only, keeps a
writer out. So the server never opens the store itself. It copies the store file to a private
snapshot and answers every request from the copy; when the store file changes (an ingest
checkpointed or finished), it takes a fresh copy and switches to it once the copy is known good.

A copy is taken without any lock, so an ingest never waits for the dashboard and never fails
because of it. It is safe because of how DuckDB writes: a checkpoint writes new blocks first and
switches the file header last, so the file at any instant is a consistent store as of its last
completed checkpoint (the same guarantee that makes it survive a crash). A copy is kept only if
the file did not change while it was being read (size and mtime before and after) and it opens as
a store; otherwise the server keeps the previous snapshot and tries again on a later request.
Commits still in the write-ahead log appear once the writer checkpoints (DuckDB does that every
few megabytes of log, and when the ingest ends).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from newstide.errors import StoreError
from newstide.store.database import Store

log = logging.getLogger(__name__)

#: A store file younger than this (seconds since its last change) is not copied yet: a checkpoint
#: writes in bursts, and waiting for the burst to end avoids copies that must be thrown away.
_SETTLE_SECONDS = 0.2


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


class Reader:
    """One request's read access to a snapshot: a DuckDB cursor of its own (thread-safe)."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, generation: _Generation) -> None:
        self.con = cursor
        self.generation = generation

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query with bound parameters."""
        return self.con.execute(sql, list(params)).fetchall()

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()`` once per snapshot: a snapshot never changes, so neither does the answer."""
        return self.generation.cached(key, compute)


@dataclass(eq=False)
class _Generation:
    """One snapshot file and its read-only store; mutable: users are counted to close it last."""

    number: int
    path: Path
    store: Store
    taken_at: float
    users: int = 0
    retired: bool = False
    cache: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.cache:
                return self.cache[key]
        value = compute()
        with self.lock:
            if len(self.cache) > 512:
                self.cache.clear()
            self.cache[key] = value
        return value


class Snapshots:
    """The snapshots of one store, refreshed when the store file changes.

    Args:
        db: The store file an ingest writes.
        refresh_seconds: How often the watcher checks whether the store changed.
        workdir: Where snapshot copies live (default: a new temporary folder, removed on close).

    Raises:
        StoreError: No usable copy of the store could be taken at start.
    """

    def __init__(
        self, db: str | os.PathLike[str], refresh_seconds: float, workdir: Path | None = None
    ) -> None:
        self.db = Path(db)
        self.refresh_seconds = refresh_seconds
        if not self.db.exists():
            raise StoreError(
                f"no store at {self.db}", "ingest something first: newstide ingest PATH"
            )
        self._own_dir = workdir is None
        self.dir = Path(workdir or tempfile.mkdtemp(prefix="newstide-serve-"))
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()
        self._current: _Generation | None = None
        self._stamp: tuple[int, int] | None = None
        self._number = 0
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        for _ in range(50):  # the store may be mid-checkpoint at start: try for a few seconds
            if self.refresh():
                break
            time.sleep(0.1)
        if self._current is None:
            raise StoreError(
                f"cannot take a consistent copy of {self.db}",
                "is it a newstide store? if an ingest is checkpointing, try again in a moment",
            )

    @property
    def taken_at(self) -> float:
        """When the snapshot being served was copied (a Unix time)."""
        return self._current.taken_at if self._current else 0.0

    @property
    def stale(self) -> bool:
        """Whether the store changed after the snapshot being served was taken."""
        return _stamp(self.db) != self._stamp

    def refresh(self) -> bool:
        """Take a new snapshot if the store changed; return whether one was taken."""
        if not self._refreshing.acquire(blocking=False):
            return False  # another thread is already copying
        try:
            before = _stamp(self.db)
            if before is None or before == self._stamp:
                return False
            if time.time() - before[1] / 1e9 < _SETTLE_SECONDS and self._current is not None:
                return False
            self._number += 1
            target = self.dir / f"snapshot-{self._number}.duckdb"
            shutil.copyfile(self.db, target)
            if _stamp(self.db) != before:
                log.info("store changed while being copied; keeping the previous snapshot")
                target.unlink(missing_ok=True)
                return False
            try:
                store = Store(target, read_only=True)
            except (StoreError, duckdb.Error) as exc:
                log.warning(
                    "snapshot of %s is not usable (%s); keeping the previous one", self.db, exc
                )
                target.unlink(missing_ok=True)
                return False
            fresh = _Generation(self._number, target, store, time.time())
            with self._lock:
                old, self._current, self._stamp = self._current, fresh, before
            if old is not None:
                self._retire(old)
            return True
        finally:
            self._refreshing.release()

    def watch(self) -> None:
        """Check for changes every ``refresh_seconds`` in a background thread (until `close`), so
        no request ever waits for a copy."""
        if self._watcher is not None:
            return

        def loop() -> None:
            while not self._stop.wait(self.refresh_seconds):
                try:
                    self.refresh()
                except OSError as exc:  # e.g. the store was moved away: keep serving what we have
                    log.warning("cannot refresh the snapshot of %s: %s", self.db, exc)

        self._watcher = threading.Thread(target=loop, name="newstide-snapshots", daemon=True)
        self._watcher.start()

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """Read access to the newest snapshot for the length of one request."""
        with self._lock:
            generation = self._current
            assert generation is not None
            generation.users += 1
        cursor = generation.store.con.cursor()
        try:
            yield Reader(cursor, generation)
        finally:
            cursor.close()
            with self._lock:
                generation.users -= 1
                done = generation.retired and generation.users == 0
            if done:
                self._drop(generation)

    def _retire(self, generation: _Generation) -> None:
        with self._lock:
            generation.retired = True
            done = generation.users == 0
        if done:
            self._drop(generation)

    def _drop(self, generation: _Generation) -> None:
        generation.store.close()
        generation.path.unlink(missing_ok=True)
        Path(f"{generation.path}.wal").unlink(missing_ok=True)

    def close(self) -> None:
        """Stop watching, close the snapshot and remove the copies."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=10)
            self._watcher = None
        with self._lock:
            current, self._current = self._current, None
        if current is not None:
            current.store.close()
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

"""One partition of a distributed ingest: one input file in, one Parquet part per table out.

`run_partition` is what a Dask worker runs. It reads the input with the same streaming readers and
runs the same `process_stream` as the single-process ingest, with the pipeline built once per worker
process (`worker_pipeline`, cached here). Rows are made by the store's own writer (`Store.write`
into an in-memory DuckDB, emptied after every batch), so a part has exactly the columns and values
of the DuckDB table, and memory stays bounded by ``ingest.batch_size``, not by the input's size.

A part is written under a temporary name and renamed when the whole partition is done, the
``articles`` part last: a partition whose ``articles`` part exists is complete, and a resumed
ingest skips it.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from newstide.ingest.run import process_stream, worker_pipeline
from newstide.ingest.sources import Input, read_input
from newstide.pipeline import Pipeline
from newstide.records import Article, Failure
from newstide.settings import Settings
from newstide.store.database import Store

#: Tables a partition writes, in the order their parts are published (``articles`` last).
PART_TABLES = (
    "sentences", "mentions", "roles", "entities", "interactions", "summaries",
    "story_signatures", "story_bands", "failures", "sources", "articles",
)  # fmt: skip
#: Story ids over the whole dataset, written by the final step (`newstide.scale.stories`).
STORIES = "stories"


def partition_name(index: int, source: Input) -> str:
    """``<index>-<digest>``: the index orders partitions (story ids follow it); the digest of the
    input's name, size and mtime recognises an input already written, whatever its index."""
    return f"{index:06d}-{input_digest(source)}"


def input_digest(source: Input) -> str:
    key = f"{source.name}\0{source.size}\0{source.mtime!r}".encode()
    return hashlib.blake2b(key, digest_size=6).hexdigest()


def part_path(root: str, table: str, name: str) -> str:
    return posixpath.join(root, table, f"part-{name}.parquet")


def finished_digests(url: str) -> set[str]:
    """Digests of the partitions already complete in the dataset at `url`."""
    fs, root = fsspec.core.url_to_fs(url)
    found = fs.glob(posixpath.join(root, "articles", "part-*.parquet"))
    return {posixpath.basename(p)[: -len(".parquet")].rsplit("-", 1)[-1] for p in found}


@dataclass(slots=True)
class PartitionReport:
    """What one partition did (summed by the driver into an `IngestReport`)."""

    name: str
    documents: int = 0
    articles: int = 0
    duplicates: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    not_processed: int = 0


# A worker process's pipelines, built once per settings (a process-wide cache on purpose: Dask hands
# work to plain functions, and models are too slow to load per partition).
_PIPELINES: dict[Settings, Pipeline] = {}


def cached_pipeline(settings: Settings) -> Pipeline:
    """The per-article stages for `settings`, built once per process."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        pipeline = _PIPELINES[settings] = worker_pipeline(settings)
    return pipeline


def _arrow(store: Store, sql: str) -> pa.Table:
    relation = store.con.sql(sql)
    convert = getattr(relation, "to_arrow_table", None) or relation.arrow
    return convert()


class _Parts:
    """One ParquetWriter per table, on temporary names, fed from an in-memory store per batch."""

    def __init__(self, url: str, name: str, settings: Settings) -> None:
        self.fs, self.root = fsspec.core.url_to_fs(url)
        self.name = name
        self.store = Store(":memory:", dedup=settings.dedup)
        self.files: dict[str, tuple[str, Any, pq.ParquetWriter]] = {}
        for table in PART_TABLES:
            final = part_path(self.root, table, name)
            self.fs.makedirs(posixpath.join(self.root, table), exist_ok=True)
            schema = _arrow(self.store, f"SELECT * FROM {table} LIMIT 0").schema
            handle = self.fs.open(self._temporary(table), "wb")
            self.files[table] = (final, handle, pq.ParquetWriter(handle, schema))

    def write(
        self, articles: list[Article], failures: list[Failure], finished: list[Input]
    ) -> None:
        self.store.write(articles, failures, finished=finished)
        for table, (_, _, writer) in self.files.items():
            data = _arrow(self.store, f"SELECT * FROM {table}")
            if data.num_rows:
                writer.write_table(data.cast(writer.schema))
            self.store.con.execute(f"DELETE FROM {table}")

    def publish(self) -> None:
        """Close every part and rename it to its final name, ``articles`` last."""
        for _, handle, writer in self.files.values():
            writer.close()
            handle.close()
        for table, (final, _, _) in self.files.items():
            self.fs.mv(self._temporary(table), final)
        self.store.close()

    def abandon(self) -> None:
        for table, (_, handle, writer) in self.files.items():
            try:
                writer.close()
                handle.close()
                self.fs.rm(self._temporary(table))
            except Exception:  # best effort: the partition is redone anyway
                pass
        self.store.close()

    def _temporary(self, table: str) -> str:
        return posixpath.join(self.root, table, f".part-{self.name}.parquet.tmp")


def run_partition(source: Input, name: str, url: str, settings: Settings) -> PartitionReport:
    """Read one input, process every document, and write the partition's parts to `url`."""
    pipeline = cached_pipeline(settings)
    report = PartitionReport(name)
    fs, root = fsspec.core.url_to_fs(url)
    digest = name.rsplit("-", 1)[-1]
    for stale in fs.glob(posixpath.join(root, "*", f"part-*-{digest}.parquet")):
        fs.rm(stale)  # parts of an earlier attempt that never published its articles part
    parts = _Parts(url, name, settings)
    try:
        seen: set[str] = set()
        articles: list[Article] = []
        failures: list[Failure] = []
        for item in process_stream(read_input(source, settings.ingest), pipeline, settings):
            report.documents += 1
            if isinstance(item, Failure):
                failures.append(item)
                report.failures[item.reason] += 1
            else:
                report.languages[item.language or "und"] += 1
                report.not_processed += item.skipped is not None
                if item.id in seen:
                    report.duplicates += 1
                else:
                    seen.add(item.id)
                    articles.append(item)
            if len(articles) + len(failures) >= settings.ingest.batch_size:
                parts.write(articles, failures, [])
                report.articles += len(articles)
                articles, failures = [], []
        parts.write(articles, failures, [source])
        report.articles += len(articles)
        parts.publish()
    except BaseException:
        parts.abandon()
        raise
    return report

"""The driver of a distributed ingest: inputs become partitions mapped over a Dask cluster.

Workers need newstide installed (the same version) and must see the input paths (a shared or
identical file system); the dataset folder may be a local path every worker sees or any fsspec URL
(``s3://...`` with s3fs installed everywhere). The final story step runs here, in the driver.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

import fsspec

from newstide.errors import InputError, NewstideError
from newstide.ingest.run import IngestReport
from newstide.ingest.sources import expand_inputs
from newstide.scale.partition import (
    STORIES,
    PartitionReport,
    finished_digests,
    input_digest,
    partition_name,
    run_partition,
)
from newstide.scale.stories import assign_stories
from newstide.settings import Settings

log = logging.getLogger(__name__)

#: What `ingest_dataset` returns: the single-process report's fields, summed over partitions.
DatasetReport = IngestReport


def _dataset_url(out: str) -> str:
    """Local paths made absolute (workers on this machine may run elsewhere in the tree)."""
    if "://" in out:
        return out.rstrip("/")
    return str(Path(out).resolve())


def _stored_articles(url: str) -> int:
    """Unique articles at the last story step (the row count of the stories part)."""
    fs, root = fsspec.core.url_to_fs(url)
    path = f"{root}/{STORIES}/part-final.parquet"
    if not fs.exists(path):
        return 0
    import pyarrow.parquet as pq

    with fs.open(path, "rb") as handle:
        return int(pq.ParquetFile(handle).metadata.num_rows)


def ingest_dataset(
    paths: Sequence[str],
    out: str,
    settings: Settings,
    *,
    scheduler: str | None = None,
    local_workers: int | None = None,
    force: bool = False,
    on_partition: Callable[[PartitionReport], None] | None = None,
) -> IngestReport:
    """Ingest `paths` into the Parquet dataset `out` on a Dask cluster.

    Args:
        paths: Files and folders (read recursively); standard input cannot be partitioned.
        out: The dataset folder: a local path or an fsspec URL.
        settings: All settings (sent to every worker).
        scheduler: A running scheduler's address (``tcp://host:8786``); None for a local cluster.
        local_workers: Worker processes of the local cluster (None or 0: one per core).
        force: Re-read inputs the dataset already holds (their parts are rewritten).
        on_partition: Called with each finished partition's report (progress).

    Returns:
        Counts summed over partitions; ``added`` counts articles new to the dataset.

    Raises:
        InputError: A path does not exist, or is ``-``.
        NewstideError: A partition failed (the rest are written; rerun to resume).
    """
    from dask.distributed import Client, LocalCluster, as_completed

    started = time.perf_counter()
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        for name in ("distributed", "tornado"):
            logging.getLogger(name).setLevel(logging.ERROR)
    url = _dataset_url(out)
    fs, root = fsspec.core.url_to_fs(url)
    inputs = list(expand_inputs(paths))
    if any(source.path is None for source in inputs):
        raise InputError(
            "standard input cannot be split across a cluster", "write it to a file first"
        )
    fs.makedirs(root, exist_ok=True)
    report = IngestReport(inputs=len(inputs))
    done = set() if force else finished_digests(url)
    todo = []
    for index, source in enumerate(inputs):
        if input_digest(source) in done:
            report.inputs_skipped += 1
        else:
            todo.append((partition_name(index, source), source))
    before = _stored_articles(url)
    articles = 0
    errors: list[str] = []
    if todo:
        with ExitStack() as stack:
            if scheduler:
                client = stack.enter_context(Client(scheduler))
            else:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=local_workers or os.cpu_count() or 1,
                        threads_per_worker=settings.scale.threads_per_worker,
                        processes=True,
                        memory_limit=settings.scale.memory_limit,
                        host="127.0.0.1",
                        dashboard_address=None,
                    )
                )
                client = stack.enter_context(Client(cluster))
            futures = client.map(
                run_partition,
                [source for _, source in todo],
                [name for name, _ in todo],
                url=url,
                settings=settings,
                key=[f"newstide-partition-{name}" for name, _ in todo],
                pure=False,
            )
            names = {future.key: name for future, (name, _) in zip(futures, todo, strict=True)}
            for future in as_completed(futures):
                if future.status != "finished":
                    errors.append(f"{names[future.key]}: {future.exception()}")
                    continue
                part: PartitionReport = future.result()
                report.documents += part.documents
                articles += part.articles + part.duplicates
                report.failures.update(part.failures)
                report.languages.update(part.languages)
                report.not_processed += part.not_processed
                if on_partition is not None:
                    on_partition(part)
    unique = assign_stories(url, settings)
    report.added = max(unique - before, 0)
    report.already_stored = max(articles - report.added, 0)
    report.seconds = time.perf_counter() - started
    if errors:
        raise NewstideError(
            f"{len(errors)} partition(s) failed ({errors[0]}); the others are written",
            "rerun the same command to resume",
        )
    return report

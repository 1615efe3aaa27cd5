"""Ingest: read inputs, run the pipeline on every document, write articles and failures in batches.

The writer is single (DuckDB); reading, extraction and the NLP stages are what a worker does, in
`process_batch`, a pure function of a few raw documents (batched because the NER model runs
faster over several texts at once; each result is what `process` gives for its document alone).
An input is marked finished only in the transaction that writes its last article, so an ingest
killed at any point resumes where it stopped, and content-addressed ids keep a re-read document
from being stored twice.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from newstide.dedup.stories import MinHashSigner, StoryIndex
from newstide.errors import DocumentError
from newstide.ingest.extract import extract
from newstide.ingest.sources import Input, expand_inputs, read_input
from newstide.interactions.extract import InteractionExtractor
from newstide.nlp.entities import EntityRecognizer
from newstide.nlp.kb import KnowledgeBase
from newstide.nlp.language import LanguageIdentifier
from newstide.nlp.linking import EntityLinker
from newstide.nlp.references import ReferenceResolver
from newstide.nlp.sentences import SentenceSplitter
from newstide.nlp.timeref import EventDater
from newstide.pipeline import Pipeline
from newstide.records import Article, Failure, RawDocument
from newstide.settings import Settings
from newstide.store.database import Store
from newstide.summarize.tldr import TldrWriter

log = logging.getLogger(__name__)


def batch_documents(settings: Settings) -> int:
    """Documents a worker takes at once: half of ``ingest.in_flight_per_worker``, so that a worker
    holds one batch it works on and one queued (it never waits for the writer)."""
    return max(1, settings.ingest.in_flight_per_worker // 2)


def worker_pipeline(settings: Settings) -> Pipeline:
    """The stages that run per article, wherever the work runs (in process, pool, cluster)."""
    kb = KnowledgeBase.from_settings(settings.entities)
    return Pipeline(
        [
            LanguageIdentifier(settings.language),
            SentenceSplitter(settings.sentences),
            EntityRecognizer(settings.entities, kb, batch_size=batch_documents(settings)),
            EntityLinker(kb),
            ReferenceResolver(settings.entities, kb),
            InteractionExtractor(settings.interactions),
            EventDater(),
            TldrWriter(settings.tldr),
            MinHashSigner(settings.dedup),
        ]
    )


def process(raw: RawDocument, pipeline: Pipeline, settings: Settings) -> Article | Failure:
    """Extract one document and run the per-article stages on it; a bad document is a Failure."""
    try:
        return pipeline(extract(raw, settings.ingest))
    except DocumentError as exc:
        return Failure(raw.source, exc.reason, exc.detail)


def process_batch(
    raws: Sequence[RawDocument], pipeline: Pipeline, settings: Settings
) -> list[Article | Failure]:
    """`process` over a few documents, with the stages run over them together (`Pipeline.pipe`).

    Returns:
        One Article or Failure per document, in order: what `process` gives for each.
    """
    extracted: list[Article | Failure] = []
    for raw in raws:
        try:
            extracted.append(extract(raw, settings.ingest))
        except DocumentError as exc:
            extracted.append(Failure(raw.source, exc.reason, exc.detail))
    try:
        done = iter(list(pipeline.pipe(a for a in extracted if isinstance(a, Article))))
    except DocumentError:  # a stage refused one of them: find which, one document at a time
        return [process(raw, pipeline, settings) for raw in raws]
    return [item if isinstance(item, Failure) else next(done) for item in extracted]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, for the summary line and the exit code.

    Mutable on purpose: it is filled in while the ingest runs.
    """

    inputs: int = 0
    inputs_skipped: int = 0
    documents: int = 0
    added: int = 0
    already_stored: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    not_processed: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        """Documents (or inputs) that could not be read."""
        return sum(self.failures.values())


class _Writer:
    """Buffers articles, failures and finished inputs; writes them in one transaction per batch."""

    def __init__(
        self, store: Store, stories: StoryIndex, batch_size: int, report: IngestReport
    ) -> None:
        self.store, self.stories, self.batch_size, self.report = store, stories, batch_size, report
        self.articles: list[Article] = []
        self.failures: list[Failure] = []
        self.finished: list[Input] = []

    def add(self, item: Article | Failure) -> None:
        self.report.documents += 1
        if isinstance(item, Failure):
            self.failures.append(item)
            self.report.failures[item.reason] += 1
        else:
            self.articles.append(item)
            self.report.languages[item.language or "und"] += 1
            self.report.not_processed += item.skipped is not None
        if len(self.articles) + len(self.failures) >= self.batch_size:
            self.flush()

    def finish(self, source: Input) -> None:
        self.finished.append(source)

    def flush(self) -> None:
        if not (self.articles or self.failures or self.finished):
            return
        articles = self.stories.assign(self.articles)
        result = self.store.write(articles, self.failures, finished=self.finished)
        self.report.added += result.added
        self.report.already_stored += result.already_stored
        self.articles, self.failures, self.finished = [], [], []


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    force: bool = False,
    workers: int | None = None,
    on_document: Callable[[Article | Failure], None] | None = None,
) -> IngestReport:
    """Read every document under `paths` into `store`.

    Args:
        paths: Files, folders (read recursively) and ``-`` for standard input.
        store: The store to write to.
        settings: All settings.
        force: Re-read inputs an earlier ingest already finished.
        workers: Processes doing the per-article work (the writer stays single); None for
            ``ingest.workers``. Results are the same whatever the number.
        on_document: Called with each article or failure (progress bars).

    Returns:
        Counts of what was read, added, already stored and failed.

    Raises:
        InputError: A path does not exist (before anything is written).
    """
    started = time.perf_counter()
    report = IngestReport()
    own_files = (store.path, store.path.with_name(store.path.name + ".wal"))
    inputs = list(expand_inputs(paths, exclude=own_files))
    writer = _Writer(store, StoryIndex(settings.dedup, store), settings.ingest.batch_size, report)

    def work() -> Iterator[RawDocument | Failure | _Finished]:
        for source in inputs:
            report.inputs += 1
            if not force and source.path is not None and store.source_finished(source):
                report.inputs_skipped += 1
                continue
            yield from read_input(source, settings.ingest)
            if source.path is not None:
                yield _Finished(source)

    for item in _processed(work(), settings, resolve_workers(workers, settings)):
        if isinstance(item, _Finished):
            writer.finish(item.source)
            continue
        writer.add(item)
        if on_document is not None:
            on_document(item)
    writer.flush()
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True, slots=True)
class _Finished:
    """Marks, in the stream of documents, that every document of an input has gone by."""

    source: Input


def resolve_workers(workers: int | None, settings: Settings) -> int:
    """How many worker processes to use: the argument, else ``ingest.workers`` (0 = all cores)."""
    wanted = settings.ingest.workers if workers is None else workers
    return wanted if wanted > 0 else os.cpu_count() or 1


# A worker process's pipeline, built once by `_start_worker` (a process-wide singleton on purpose:
# ProcessPoolExecutor hands work to plain functions).
_WORKER: tuple[Pipeline, Settings] | None = None


def _start_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = (worker_pipeline(settings), settings)


def _work(raws: list[RawDocument]) -> list[Article | Failure]:
    assert _WORKER is not None, "worker not started"
    return process_batch(raws, *_WORKER)


_Item = RawDocument | Failure | _Finished


def _chunks(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    """The stream in pieces of at most `size` raw documents (failures and markers ride along)."""
    chunk: list[_Item] = []
    documents = 0
    for item in items:
        chunk.append(item)
        documents += isinstance(item, RawDocument)
        if documents >= size:
            yield chunk
            chunk, documents = [], 0
    if chunk:
        yield chunk


def _merged(
    chunk: list[_Item], results: Iterable[Article | Failure]
) -> Iterator[Article | Failure | _Finished]:
    """A chunk with each raw document replaced by its result (results in document order)."""
    done = iter(results)
    for item in chunk:
        yield next(done) if isinstance(item, RawDocument) else item


def _raws(chunk: list[_Item]) -> list[RawDocument]:
    return [item for item in chunk if isinstance(item, RawDocument)]


def _processed(
    items: Iterable[_Item], settings: Settings, workers: int
) -> Iterator[Article | Failure | _Finished]:
    """Documents processed in order, in this process or a pool, with at most a window in flight.

    Documents go to the pipeline in batches of `batch_documents`. The pool starts only after
    ``ingest.pool_after_documents`` documents: a small ingest is done before worker processes
    could have loaded their models.
    """
    chunks = _chunks(items, batch_documents(settings))
    pipeline = worker_pipeline(settings)
    in_process = 0
    for chunk in chunks:
        yield from _merged(chunk, process_batch(_raws(chunk), pipeline, settings))
        in_process += len(_raws(chunk))
        if workers > 1 and in_process >= settings.ingest.pool_after_documents:
            break
    else:
        return
    # Two batches per worker: at most ``ingest.in_flight_per_worker`` documents each.
    window = 2 * workers
    # spawn, not fork: the writer's DuckDB connection has threads a fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        pending: deque[tuple[list[_Item], Future[list[Article | Failure]]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_work, _raws(chunk))))
            while len(pending) > window:
                chunk, future = pending.popleft()
                yield from _merged(chunk, future.result())
        while pending:
            chunk, future = pending.popleft()
            yield from _merged(chunk, future.result())


def analyze_documents(
    raws: Iterable[RawDocument | Failure], settings: Settings
) -> list[Article | Failure]:
    """Run the whole pipeline on documents without a store (stories matched among themselves)."""
    pipeline = worker_pipeline(settings)
    stories = StoryIndex(settings.dedup)
    return [
        stories(item) if isinstance(item, Article) else item
        for item in process_stream(raws, pipeline, settings)
    ]


def process_stream(
    items: Iterable[RawDocument | Failure], pipeline: Pipeline, settings: Settings
) -> Iterator[Article | Failure]:
    """`process` over a stream of documents, in batches of `batch_documents` (failures met while
    reading pass through in their places)."""
    for chunk in _chunks(items, batch_documents(settings)):
        for item in _merged(chunk, process_batch(_raws(chunk), pipeline, settings)):
            assert not isinstance(item, _Finished), "a stream of documents has no input markers"
            yield item

"""The stage contract and the `Pipeline` that checks it once, when it is built.

A stage is a callable taking an `Article` and returning it enriched (a new frozen record). It
declares, with `@stage`, the Article fields it ``requires`` and the ones it ``assigns``; a stage
marked ``nlp=True`` is language-specific and is skipped for articles whose language newstide does
not process. A stage with state is a small class with the same decorator on the class; it may offer
``pipe(articles)`` for batch work.

    @stage("sentences", requires=("text", "language"), assigns=("sentences",), nlp=True)
    def split_sentences(article: Article) -> Article: ...
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from newstide.errors import PipelineError
from newstide.records import Article

log = logging.getLogger(__name__)

#: Fields every extracted Article has before any stage runs.
EXTRACTED_FIELDS = frozenset(
    {
        "id", "source", "text", "url", "external_id", "site", "title", "published",
        "category", "author", "image", "image_credit", "publisher_tldr", "tags",
    }
)  # fmt: skip
_ARTICLE_FIELDS = frozenset(f.name for f in fields(Article))


@dataclass(frozen=True, slots=True)
class StageInfo:
    """What a stage needs and adds."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    nlp: bool


#: A stage: a callable on an Article, carrying a `StageInfo` as ``stage_info`` (set by `stage`).
Stage = Callable[[Article], Article]


def info(item: Stage) -> StageInfo:
    """The declaration `stage` attached to a stage."""
    declared = getattr(item, "stage_info", None)
    if not isinstance(declared, StageInfo):
        raise PipelineError(
            "E001", f"{item!r} is not a stage", "decorate it with @newstide.pipeline.stage"
        )
    return declared


T = TypeVar("T")


def stage(
    name: str, *, requires: Sequence[str] = (), assigns: Sequence[str] = (), nlp: bool = False
) -> Callable[[T], T]:
    """Declare a function or class as a pipeline stage.

    Args:
        name: A short name used in logs and errors.
        requires: Article fields that must be set by extraction or an earlier stage.
        assigns: Article fields this stage sets.
        nlp: Language-specific: skipped for articles in a language newstide does not process.

    Raises:
        PipelineError: E000 when a declared field is not a field of `Article`.
    """
    unknown = (set(requires) | set(assigns)) - _ARTICLE_FIELDS
    if unknown:
        raise PipelineError(
            "E000", f"stage {name!r} declares unknown Article fields: {sorted(unknown)}"
        )

    def decorate(obj: T) -> T:
        obj.stage_info = StageInfo(name, tuple(requires), tuple(assigns), nlp)  # type: ignore[attr-defined]
        return obj

    return decorate


class Pipeline:
    """Stages run in order on each article, their order checked once at build time.

    Args:
        stages: Stage callables (functions or instances) decorated with `stage`.

    Raises:
        PipelineError: E001 for an undecorated stage, E002 when a stage requires a field no
            earlier stage assigns.
    """

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(EXTRACTED_FIELDS)
        for item in stages:
            declared = info(item)
            missing = set(declared.requires) - available
            if missing:
                raise PipelineError(
                    "E002",
                    f"stage {declared.name!r} requires {sorted(missing)}, "
                    "which no earlier stage assigns",
                    "reorder the stages or add the one that assigns them",
                )
            available |= set(declared.assigns)
        self.stages: tuple[Stage, ...] = tuple(stages)

    @property
    def names(self) -> tuple[str, ...]:
        """The stage names, in order."""
        return tuple(info(s).name for s in self.stages)

    def _run(self, item: Stage, article: Article) -> Article:
        declared = info(item)
        if declared.nlp and article.skipped:
            return article
        return _checked(declared, item(article))

    def __call__(self, article: Article) -> Article:
        for item in self.stages:
            article = self._run(item, article)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Run every stage over a stream of articles, with a stage's ``pipe`` where it has one.

        The results are the articles `__call__` would return, in order.

        Raises:
            PipelineError: E003 when a stage's ``pipe`` yields something other than an Article,
                or fewer articles than it was given.
        """
        stream: Iterable[Article] = articles
        for item in self.stages:
            batch = getattr(item, "pipe", None)
            if batch is not None:
                stream = _piped(info(item), batch, stream)
            else:
                stream = self._each(item, stream)
        yield from stream

    def _each(self, item: Stage, stream: Iterable[Article]) -> Iterator[Article]:
        # A function, not a generator expression in the loop above: that would see the loop's
        # last stage by the time it runs.
        for article in stream:
            yield self._run(item, article)


def _checked(declared: StageInfo, result: Any) -> Article:
    if not isinstance(result, Article):
        raise PipelineError(
            "E003",
            f"stage {declared.name!r} returned {type(result).__name__}, not an Article",
            "a stage must return the article, enriched with dataclasses.replace",
        )
    return result


def _piped(
    declared: StageInfo,
    batch: Callable[[Iterable[Article]], Iterable[Any]],
    stream: Iterable[Article],
) -> Iterator[Article]:
    """A stage's ``pipe`` over a stream; for a language-specific stage, skipped articles go around
    it and rejoin the stream in their places."""
    # What went in, in order: an article that went around the stage, or None for one given to it.
    waiting: deque[Article | None] = deque()

    def given() -> Iterator[Article]:
        for article in stream:
            if declared.nlp and article.skipped:
                waiting.append(article)
            else:
                waiting.append(None)
                yield article

    feed = given()
    for result in batch(feed):
        while waiting and (around := waiting[0]) is not None:
            waiting.popleft()
            yield around
        if not waiting:
            raise PipelineError(
                "E003",
                f"stage {declared.name!r} yielded more articles than it was given",
                "a stage's pipe must yield one article per article, in order",
            )
        waiting.popleft()
        yield _checked(declared, result)
    unseen = sum(1 for _ in feed)  # a pipe that stopped reading early
    if unseen or any(article is None for article in waiting):
        raise PipelineError(
            "E003",
            f"stage {declared.name!r} yielded fewer articles than it was given",
            "a stage's pipe must yield one article per article, in order",
        )
    yield from (article for article in waiting if article is not None)

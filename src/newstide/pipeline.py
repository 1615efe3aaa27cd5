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
        result: Any = item(article)
        if not isinstance(result, Article):
            raise PipelineError(
                "E003",
                f"stage {declared.name!r} returned {type(result).__name__}, not an Article",
                "a stage must return the article, enriched with dataclasses.replace",
            )
        return result

    def __call__(self, article: Article) -> Article:
        for item in self.stages:
            article = self._run(item, article)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Run every stage over a stream of articles, with a stage's ``pipe`` where it has one."""
        stream: Iterable[Article] = articles
        for item in self.stages:
            batch = getattr(item, "pipe", None)
            if batch is not None and not info(item).nlp:
                stream = batch(stream)
            else:
                stream = (self._run(item, a) for a in stream)
        yield from stream

"""The record types that flow through newstide: frozen, slotted dataclasses with exact types.

A reader turns input into `RawDocument`s (or `Failure`s); extraction turns a `RawDocument` into an
`Article`; every later stage returns a new `Article` made with `dataclasses.replace`, so no
stage can change what an earlier one decided behind its back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: The formats a reader can hand to extraction.
DOCUMENT_FORMATS = ("html", "text", "record")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as found at the door, before extraction.

    Attributes:
        source: Where it came from: a path, with ``#offset`` (WARC), ``:line`` (JSONL) or
            ``#item`` (feeds) when one file holds many documents.
        format: ``html`` (a web page), ``text`` (a plain-text scrape) or ``record`` (a structured
            record whose fields are given: JSONL lines, feed items).
        content: The decoded page or scrape text; for a ``record``, its text or HTML body.
        given: Fields the input states outright (url, title, published, site, language, id,
            category, author), taken as given and never re-guessed.
        content_is_html: For a ``record``: whether ``content`` is HTML that still needs extraction.
    """

    source: str
    format: str
    content: str
    given: dict[str, str] = field(default_factory=dict)
    content_is_html: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a character span of `Article.text`."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One news article and everything the pipeline has learnt about it.

    Char offsets in every span point into ``text``. Empty tuples mean "not computed or none found";
    ``story_id`` is empty until deduplication assigns one.
    """

    id: str
    source: str
    text: str
    url: str | None = None
    external_id: str | None = None
    site: str | None = None
    title: str | None = None
    published: dt.datetime | None = None
    language: str | None = None
    category: str | None = None
    author: str | None = None
    image_credit: str | None = None
    publisher_tldr: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    story_id: str = ""
    minhash: tuple[int, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    skipped: str | None = None

    def sentence_text(self, sentence: Sentence) -> str:
        """The text of one of this article's sentences."""
        return self.text[sentence.start : sentence.end]


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be read, kept with its reason instead of being dropped.

    Attributes:
        source: The path (with offset or line) of the bad input.
        reason: A short, stable code (``empty``, ``binary``, ``too-large``, ``bad-json`` ...).
        detail: One human-readable line saying what was wrong.
        at: When it happened (UTC).
    """

    source: str
    reason: str
    detail: str
    at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

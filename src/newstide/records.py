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


#: Entity kinds newstide recognises.
ENTITY_KINDS = ("ORG", "PER", "LOC")


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in `Article.text` that names (or refers back to) an entity.

    Attributes:
        start, end: Char offsets into the article text.
        text: The surface text, ``text[start:end]``.
        kind: ``ORG``, ``PER`` or ``LOC``.
        sentence: Index of the sentence it is in.
        entity_id: The canonical entity it is linked to (None until linking).
        via: How it was found: ``ner`` (the model), ``kb`` (the knowledge base), or
            ``reference`` (a descriptive reference such as "kedua perusahaan" resolved to a name).
    """

    start: int
    end: int
    text: str
    kind: str
    sentence: int
    entity_id: str | None = None
    via: str = "ner"


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: one organization, person or place, whatever it is called."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    ticker: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A person's role at an organization, stated in the text ("Sam Altman, CEO OpenAI")."""

    person: str
    organization: str
    title: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Interaction:
    """What one organization does with, to or against another, and the sentence that proves it.

    Attributes:
        a, b: Canonical entity ids; for a directed type ``a`` acts on ``b``.
        type: One of the eight types in GUIDELINES.md.
        tone: -1 (conflictual) .. 1 (cooperative).
        directed: Whether ``a`` acts on ``b`` (investment, acquisition, supply, talent, legal).
        modality: ``asserted``, ``reported``, ``speculative`` or ``denied``.
        confidence: 0..1.
        sentence: Index of the evidence sentence; ``start``/``end`` are its char span.
        refers_to: The earlier time the evidence places the event at, as an ISO 8601 partial
            date (``2024``, ``2024-Q3``, ``2024-03``, ``2024-03-19``), or the standing state it
            restates as an ISO 8601-2 interval (``2019/..``: since 2019; ``../2025-10``: held
            all along); None when it is news of the article's own date (see
            `newstide.nlp.timeref`).
        stated_in: Indices of every sentence of the article that states it (``sentence``, the
            best evidence, among them); their number is how much of the article is about it.
    """

    a: str
    b: str
    type: str
    tone: float
    directed: bool
    modality: str
    confidence: float
    sentence: int
    start: int
    end: int
    refers_to: str | None = None
    stated_in: tuple[int, ...] = ()

    @property
    def sentences(self) -> tuple[int, ...]:
        """The sentences that state it: ``stated_in``, or its evidence sentence when unset."""
        return self.stated_in or (self.sentence,)

    @property
    def support(self) -> int:
        """How many sentences of the article state it (at least its evidence sentence)."""
        return len(self.sentences)


@dataclass(frozen=True, slots=True)
class Bullet:
    """One TL;DR bullet, built from (and citing) one sentence of the article."""

    text: str
    sentence: int


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
    image: str | None = None
    image_credit: str | None = None
    publisher_tldr: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    story_id: str = ""
    minhash: tuple[int, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    tldr: tuple[Bullet, ...] = ()
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

"""Named-entity recognition: the spaCy pipelines trained here, with the knowledge base filling gaps.

The models (``newstide/models/ner-id`` and ``ner-en``, trained by ``training/ner``) find ORG, PER
and LOC spans in the article text. Known organizations the model missed are added from the
knowledge base where they overlap nothing the model found; a model span that is exactly a known
organization's name is an ORG whatever the model called it. Ambiguous aliases ("Apple", "Grab")
are only taken from the knowledge base where they are capitalised, and at the start of a
sentence only when the article never uses them as ordinary lower-case words.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from thinc.api import use_ops
from threadpoolctl import ThreadpoolController

from newstide.errors import NewstideError
from newstide.nlp.kb import KnowledgeBase, normalize_name
from newstide.pipeline import stage
from newstide.records import Article, Mention, Sentence
from newstide.settings import EntitySettings

_PARENTHESISED = re.compile(r"\s*\(([^()\s][^()]{0,20})\)")

#: Labels the models may emit, mapped onto newstide's kinds.
_KINDS = {"ORG": "ORG", "PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC"}


def model_path(language: str) -> Path:
    """Where the shipped NER pipeline for a language lives."""
    return Path(str(resources.files("newstide").joinpath(f"models/ner-{language}")))


@cache
def _openblas() -> ThreadpoolController | None:
    """The OpenBLAS that numpy's wheels bundle, to hold to one thread (None when numpy uses
    another BLAS)."""
    found = ThreadpoolController().select(internal_api="openblas")
    return found if found.lib_controllers else None


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Run the model's matrix products on one thread: newstide parallelises with worker processes,
    and a multi-threaded BLAS under each of them only contends for the same cores."""
    blas = _openblas()
    if blas is None:
        yield
        return
    with blas.limit(limits=1):
        yield


@spacy.registry.tokenizers("newstide.unfilled_tokenizer.v1")
def _unfilled_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer with no rules yet: loading a model replaces every rule and pattern with the ones
    saved beside it, so building the language's defaults first (seconds for Indonesian's thousands
    of exceptions) would be work thrown away."""
    return lambda nlp: Tokenizer(nlp.vocab)


_UNFILLED = {"nlp": {"tokenizer": {"@tokenizers": "newstide.unfilled_tokenizer.v1"}}}


@cache
def load_model(language: str) -> Language:
    """The shipped NER pipeline for a language, loaded once per process.

    The model's layers multiply through numpy's OpenBLAS when newstide can keep it on one thread
    (see `_one_blas_thread`): the BLIS that thinc uses by default falls back to its slow reference
    kernels on CPUs it does not recognise (recent AMD EPYC among them), which made the model most
    of the cost of an ingest.

    Raises:
        NewstideError: The model is not installed (run ``make models``).
    """
    path = model_path(language)
    if not (path / "meta.json").exists():
        raise NewstideError(
            f"no NER model for {language!r} at {path}", "train it with: make models"
        )
    # A model saved without its tokenizer (never one trained here) keeps the language's defaults.
    config = _UNFILLED if (path / "tokenizer").exists() else {}
    if _openblas() is None:
        return spacy.load(path, config=config)
    with use_ops("numpy", use_blis=False):
        return spacy.load(path, config=config)


def sentence_of(sentences: Sequence[Sentence], offset: int) -> int:
    """Index of the sentence holding a char offset (the one before it, between sentences)."""
    starts = [s.start for s in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


class Spans:
    """Disjoint char spans, kept sorted, asked whether a new span would overlap any of them."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span held."""
        i = bisect.bisect_left(self._spans, (start, end))
        return (i > 0 and self._spans[i - 1][1] > start) or (
            i < len(self._spans) and self._spans[i][0] < end
        )

    def add(self, start: int, end: int) -> None:
        """Hold one more span (one that overlaps none held)."""
        bisect.insort(self._spans, (start, end))


class _Gazetteer:
    """Knowledge-base aliases as a case-sensitive phrase matcher over a model's tokens."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.ambiguous: set[str] = set()
        phrases: dict[str, list[Doc]] = {}
        for surface, entity_id, ambiguous in kb.aliases_for_matching():
            phrases.setdefault(entity_id, []).append(nlp.make_doc(surface))
            if ambiguous:
                self.ambiguous.add(surface)
        for entity_id, docs in phrases.items():
            self.matcher.add(entity_id, docs)

    def trim(self, ent: Span, start: int, end: int) -> tuple[int, int]:
        """A model span that is a known organization plus one stray word ("AI Microsoft") is cut
        back to the organization; anything else is left as the model found it."""
        if len(ent) < 2:
            return start, end
        # Matching over the span itself finds what matching over `ent.as_doc()` would, in the same
        # order, without copying the tokens into a new Doc; only the offsets are the doc's.
        for _, doc_start, doc_end in self.matcher(ent):
            m_start, m_end = doc_start - ent.start, doc_end - ent.start
            stray = [t for i, t in enumerate(ent) if not m_start <= i < m_end]
            if len(stray) == 1 and (
                stray[0].is_lower or (stray[0].is_upper and len(stray[0]) <= 3)
            ):
                kept = ent[m_start:m_end]
                return kept.start_char, kept.end_char
        return start, end

    def spans(self, doc: Doc, sentence_starts: set[int]) -> list[tuple[int, int]]:
        """Char spans of KB aliases in a doc, longest first.

        An ambiguous alias ("Grab", "Mandiri", "Dana") counts where it is capitalised mid-sentence,
        or anywhere when the article never uses it as an ordinary lower-case word.
        """
        found = []
        lower_words = {t.text for t in doc if t.is_lower}
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            if span.text in self.ambiguous:
                capitalised = span.text[:1].isupper()
                mid_sentence = span.start_char not in sentence_starts
                common_here = span.text.lower() in lower_words
                if not capitalised or (common_here and not mid_sentence):
                    continue
            found.append((span.start_char, span.end_char))
        return sorted(found, key=lambda s: (s[0] - s[1], s[0]))


@lru_cache(maxsize=8)
def _gazetteer_for(nlp: Language, kb: KnowledgeBase) -> _Gazetteer:
    """One gazetteer per model and knowledge base (both loaded once per process), not one per
    pipeline: building it tokenises every alias, a quarter of a second that each `analyze` call
    and each ingest paid again."""
    return _Gazetteer(nlp, kb)


def _within(texts: dict[int, str], budget: int) -> Iterator[list[int]]:
    """Keys of `texts` in groups whose texts add up to at most `budget` characters (a longer
    text alone): the model's memory grows with the text it is given at once."""
    group: list[int] = []
    size = 0
    for key, text in texts.items():
        if group and size + len(text) > budget:
            yield group
            group, size = [], 0
        group.append(key)
        size += len(text)
    if group:
        yield group


@stage("entities", requires=("text", "language", "sentences"), assigns=("mentions",), nlp=True)
class EntityRecognizer:
    """Assigns ``mentions``: ORG, PER and LOC spans found by the model and the knowledge base.

    Args:
        settings: The ``[entities]`` settings.
        kb: The knowledge base of organizations.
        batch_size: Articles `pipe` gives the model at once (``nlp.pipe``); the mentions found do
            not depend on it.
    """

    def __init__(self, settings: EntitySettings, kb: KnowledgeBase, batch_size: int = 1) -> None:
        self.settings = settings
        self.kb = kb
        self.batch_size = max(1, batch_size)
        # A group given to the model at once holds no more text than one article at max_chars
        # would, spread over the batch: short articles go together, long ones alone.
        self._group_chars = settings.max_chars // self.batch_size
        self._gazetteers: dict[str, _Gazetteer] = {}

    def _gazetteer(self, language: str) -> _Gazetteer:
        if language not in self._gazetteers:
            self._gazetteers[language] = _gazetteer_for(load_model(language), self.kb)
        return self._gazetteers[language]

    def __call__(self, article: Article) -> Article:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Recognise entities in a stream of articles (skipped ones pass through), `batch_size`
        articles at a time, each language's through its model's ``nlp.pipe`` in groups of at most
        ``entities.max_chars / batch_size`` characters (memory peaks as on one long article)."""
        stream = iter(articles)
        while batch := list(itertools.islice(stream, self.batch_size)):
            docs: dict[int, Doc] = {}
            by_language: dict[str, list[int]] = {}
            for i, article in enumerate(batch):
                if not article.skipped and article.language:
                    by_language.setdefault(article.language, []).append(i)
            with _one_blas_thread():
                for language, indexes in by_language.items():
                    nlp = load_model(language)
                    texts = {i: batch[i].text[: self.settings.max_chars] for i in indexes}
                    for group in _within(texts, self._group_chars):
                        parsed = nlp.pipe([texts[i] for i in group], batch_size=len(group))
                        docs.update(zip(group, parsed, strict=True))
            for i, article in enumerate(batch):
                doc = docs.get(i)
                yield article if doc is None else self._with_mentions(article, doc)

    def _with_mentions(self, article: Article, doc: Doc) -> Article:
        return dataclasses.replace(article, mentions=self._mentions(article, doc))

    def _mentions(self, article: Article, doc: Doc) -> tuple[Mention, ...]:
        spans: list[tuple[int, int, str, str]] = []
        gazetteer = self._gazetteer(article.language) if article.language else None
        for ent in doc.ents:
            kind = _KINDS.get(ent.label_)
            if kind is None:
                continue
            start, end = ent.start_char, ent.end_char
            known = self.kb.lookup(ent.text)
            if known is None and gazetteer is not None:
                start, end = gazetteer.trim(ent, start, end)
                known = self.kb.lookup(article.text[start:end])
            if known is not None and known.kind == "ORG" and kind != "ORG":
                kind = "ORG"
            # "Komisi Pengawas Persaingan Usaha (KPPU)": the name and its acronym, two mentions;
            # "PT Pertamina (Persero)" is one name with its legal form
            acronym = _PARENTHESISED.search(article.text, start, end)
            if (
                acronym
                and acronym.end() == end
                and acronym.start() > start
                and normalize_name(acronym.group().strip())
            ):
                spans.append((start, acronym.start(), kind, "ner"))
                start, end = acronym.start(1), acronym.end(1)
            spans.append((start, end, kind, "ner"))
        if self.settings.gazetteer and article.language:
            taken = Spans((s, e) for s, e, _, _ in spans)
            starts = {s.start for s in article.sentences}
            for start, end in self._gazetteer(article.language).spans(doc, starts):
                if not taken.overlaps(start, end):
                    spans.append((start, end, "ORG", "kb"))
                    taken.add(start, end)
        spans.sort()
        return tuple(
            Mention(
                start=start,
                end=end,
                text=article.text[start:end],
                kind=kind,
                sentence=sentence_of(article.sentences, start),
                via=via,
            )
            for start, end, kind, via in spans
        )

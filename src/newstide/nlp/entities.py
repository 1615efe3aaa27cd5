"""Named-entity recognition: the spaCy pipelines trained here, with the knowledge base filling gaps.

The models (``newstide/models/ner-id`` and ``ner-en``, trained by ``training/ner``) find ORG, PER
and LOC spans in the article text; their spans are kept as they are ("Komisi Pengawas Persaingan
Usaha (KPPU)" is one mention, as Indonesian news annotation has it; linking reads both names).
Known organizations the model missed are added from the knowledge base where they overlap nothing
the model found, and, in English, where they are not only part of a longer capitalised name
("Sunway" of "Sunway University"). A name written with a legal form ("Makmur Asiamaju Sdn Bhd",
"PT Salma Arowana Lestari") is an organization's; a possessive, a sentence's full stop or an
unmatched bracket at the edge of a model span is not part of the name. A model span that names a
known organization is an ORG whatever the model called it, when the name means the organization
as written ("Ma" is not "MA") or the article names it elsewhere. Ambiguous aliases ("Apple",
"Tenaga", "SK") are taken from the knowledge base when the article names the same organization
without doubt, or when they stand alone as a capitalised name (not "Menteri Tenaga Kerja"). A
name the model found as an organization counts at its other occurrences in the article too, and a
name found as an organization at least as often as as anything else is an organization
throughout. A model ORG span loses a job title or a sentence's ordinary first word before a
known name ("CTO Line", "Meski Microsoft") and gives a person's name after it to a PER span
("Direktur Utama Go-Jek Nadiem Makarim"); a short name in brackets drawn from an organization's
("GW Intech Sdn Bhd (GWI)") is that organization's, its own mention in English and part of the
name's in Indonesian.

Within one article: a name in apposition to a noun that says what kind of organization it is
("venture capital firm Third Prime", "Neoline, a French start-up"; ``data/entities/heads.toml``)
is an organization; so are names listed with two or more organizations ("Third Prime,
SparkLabs, Won & Partners, and CTK Investments") and, in English, names ending in the same head
as two found ("Kuala Kangsar City Council"). An organization named with a legal form is named
again by the leading word(s) of its name ("Censof" of "Censof Holdings Bhd") or an acronym of it
("DNeX" of "Dagang NeXchange Bhd"), even where the model took that for a person. A one-word
"organization" that is a word of a person's full name ("Elia" of "Elia Massa Manik") is that
person, and one that is only an ordinary word capitalised at a sentence's start ("Lensa
tersebut") is nothing. A personal name the model took for an organization is a person's when a comma
and a noun for a person follow it ("X, anggota PETA"), it is listed among people, it starts with a
given name read off the NER training data ("Antonio Conte", not "Agung Podomoro" nor "Susi Air") or
it follows a rank or an honorific ("Kompol Teguh Nugroho", made the person "Teguh Nugroho"); a
financial measure ("Net Interest Margin", "BI Rate") or a Roman numeral is no organization; a state
with an organization's shape ("Uni Soviet") is a place; a name ending in an institution's word ("New
York Mercantile Exchange") is an organization; and a listed company's bare ticker after its name
("... Tbk MEDC") is part of it. A link's label ("SIMAK JUGA: ...") is no name, nor is a verb citing
a source part of one ("Melansir Financial Times"); in Indonesian, a size class of businesses ("IKM
Ceper", "UMKM") is no organization, a name is capitalised (no "wholeseller", "Konsep pemesanan", nor
the "via" of "Liverpool via"), and a one-word name the article writes in lower case as often is an
ordinary word ("para Dealer").
"""

from __future__ import annotations

import bisect
import dataclasses
import importlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from thinc.api import use_ops
from threadpoolctl import ThreadpoolController

from newstide.errors import NewstideError
from newstide.nlp.kb import (
    LEADING_WORD_NAMES,
    KnowledgeBase,
    KnownOrganization,
    LegalForms,
    normalize_name,
)
from newstide.nlp.linking import acronym_like, acronym_of, legal_name_words, name_and_acronym
from newstide.nlp.titles import without_titles
from newstide.nlp.wordlists import entity_data, entity_words, organization_words
from newstide.pipeline import stage
from newstide.records import Article, Mention, Sentence
from newstide.settings import EntitySettings


def _doc_text(doc: Doc) -> str:
    """A doc's text, joined once: spaCy's ``Doc.text`` joins every token anew at each call."""
    text: str | None = doc.user_data.get("newstide_text")
    if text is None:
        text = doc.user_data["newstide_text"] = doc.text
    return text


def _doc_words(doc: Doc) -> tuple[list[str], list[int]]:
    """A doc's words and their char offsets, read once: spaCy makes a `Token` anew at each index."""
    words: tuple[list[str], list[int]] | None = doc.user_data.get("newstide_words")
    if words is None:
        text = _doc_text(doc)
        spans = doc.to_array([IDX, LENGTH]).tolist()
        words = ([text[at : at + size] for at, size in spans], [at for at, _ in spans])
        doc.user_data["newstide_words"] = words
    return words


def _lower_words(doc: Doc) -> frozenset[str]:
    """The words a doc writes in lower case (spaCy's ``is_lower``), collected once per doc."""
    lower: frozenset[str] | None = doc.user_data.get("newstide_lower")
    if lower is None:
        lower = frozenset(word for word in _doc_words(doc)[0] if word.islower())
        doc.user_data["newstide_lower"] = lower
    return lower


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

    def remove(self, start: int, end: int) -> None:
        """Stop holding a span held."""
        self._spans.remove((start, end))


#: Languages whose names grow around a known name with capitalised words: modifiers before
#: ("Sarawak DAP", "US Fed"), heads after ("Sunway University", "Genting HK"). Indonesian puts the
#: head first and its news wraps organizations in capitalised titles and personal names ("Ketua
#: Umum Partai Golkar Aburizal Bakrie"), so there a capitalised neighbour says nothing.
_NAMES_GROW_AROUND = frozenset({"en"})


def _capitalised(token: Token) -> bool:
    """A word with a capital letter in it ("Sunway", "HK", "iLabs"), not punctuation."""
    return _capitalised_word(token.text)


def _capitalised_word(word: str) -> bool:
    """`_capitalised` of a word's text (``islower`` first: most words are, and it is quick)."""
    return word[:1].isalnum() and not word.islower() and any(ch.isupper() for ch in word)


class _Gazetteer:
    """Knowledge-base aliases as a case-sensitive phrase matcher over a model's tokens."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.strings = nlp.vocab.strings
        self.legal_forms = kb.legal_forms
        self.names_grow_around = nlp.lang in _NAMES_GROW_AROUND
        self.ambiguous: set[str] = set()
        phrases: dict[str, list[Doc]] = {}
        for surface, entity_id, ambiguous in kb.aliases_for_matching():
            phrases.setdefault(entity_id, []).append(nlp.make_doc(surface))
            if ambiguous:
                self.ambiguous.add(surface)
        for entity_id, docs in phrases.items():
            self.matcher.add(entity_id, docs)

    def trim(self, ent: Span, start: int, end: int) -> tuple[int, int]:
        """A model ORG span that is a known organization plus one stray lower-case word ("the
        Financial Times", "Goldman greenlighted") is cut back to the organization; anything else
        is left as the model found it: a capitalised stray word is part of the name ("US Fed",
        "Genting HK"), and a place named after an organization ("komplek DPR") is a place."""
        if len(ent) < 2 or _KINDS.get(ent.label_) != "ORG":
            return start, end
        # Matching over the span itself finds what matching over `ent.as_doc()` would, in the same
        # order, without copying the tokens into a new Doc; only the offsets are the doc's.
        for _, doc_start, doc_end in self.matcher(ent):
            m_start, m_end = doc_start - ent.start, doc_end - ent.start
            stray = [t for i, t in enumerate(ent) if not m_start <= i < m_end]
            if len(stray) == 1 and stray[0].is_lower:
                kept = ent[m_start:m_end]
                return kept.start_char, kept.end_char
        return start, end

    def _part_of_longer_name(
        self, span: Span, sentence_starts: set[int], *, any_language: bool = False
    ) -> bool:
        """Whether a match is only part of a longer capitalised name the knowledge base does not
        hold ("Sunway" of "Sunway University", "DAP" of "Sarawak DAP"), in a language whose names
        grow that way (or `any_language`). A legal form next to it ("Intel Corp") and a
        capitalised first word of a sentence before it ("Shares ...") do not make a longer
        name."""
        if not (self.names_grow_around or any_language):
            return False
        doc = span.doc
        neighbours = []
        if span.start > 0 and doc[span.start - 1].idx not in sentence_starts:
            neighbours.append(doc[span.start - 1])
        if span.end < len(doc):
            neighbours.append(doc[span.end])
        return any(
            _capitalised(word) and not self.legal_forms.is_form(word.text) for word in neighbours
        )

    def _legal_form_after(self, span: Span) -> bool:
        return span.end < len(span.doc) and self.legal_forms.is_form(span.doc[span.end].text)

    def matches(self, doc: Doc, sentence_starts: set[int]) -> list[tuple[str, Span]]:
        """``(entity id, span)`` of every KB alias in a doc that is not only part of a longer
        capitalised name (see `_part_of_longer_name`)."""
        found = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            if not self._part_of_longer_name(span, sentence_starts):
                found.append((self.strings[match_id], span))
        return found

    def named(self, matches: Iterable[tuple[str, Span]]) -> set[str]:
        """Ids of the organizations that `matches` name by an unambiguous name."""
        return {entity for entity, span in matches if span.text not in self.ambiguous}

    def spans(
        self,
        doc: Doc,
        sentence_starts: set[int],
        named: Iterable[str] = (),
        matches: list[tuple[str, Span]] | None = None,
    ) -> list[tuple[int, int]]:
        """Char spans of KB aliases in a doc, longest first.

        A match that is only part of a longer capitalised name is left out (see
        `_part_of_longer_name`). An ambiguous alias ("Grab", "Tenaga", "SK", "Putrajaya": ordinary
        words, other abbreviations or places too) counts where the article names the same
        organization without doubt (by one of its unambiguous names, or by the model: `named`,
        ids of the organizations the model found) or a legal form follows it ("Sea Ltd"); without
        that, only a capitalised word that stands alone (not part of a longer capitalised name in
        any language: "Menteri Tenaga Kerja", "Afrika Bersatu"), mid-sentence or in an article that
        never writes it in lower case. An abbreviation ("DPD", "SK") always needs the context.

        Args:
            doc: The model's doc of the article.
            sentence_starts: Char offsets where sentences start.
            named: Ids of known organizations the model found in the article.
            matches: `matches` of the doc, when already computed.
        """
        if matches is None:
            matches = self.matches(doc, sentence_starts)
        context = self.named(matches) | set(named)
        lower_words = _lower_words(doc)

        def standing_alone(span: Span) -> bool:
            if not span.text[:1].isupper() or span.text.isupper():
                return False
            if self._part_of_longer_name(span, sentence_starts, any_language=True):
                return False
            mid_sentence = span.start_char not in sentence_starts
            return mid_sentence or span.text.lower() not in lower_words

        found = [
            (span.start_char, span.end_char)
            for entity, span in matches
            if span.text not in self.ambiguous
            or entity in context
            or self._legal_form_after(span)
            or standing_alone(span)
        ]
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


#: A name the model tagged as an organization is taken at its other occurrences only when it
#: tagged at least one in this many of them: one tag among twenty "AI"s is a misreading.
_REPEAT_SHARE = 5


def _repeated(
    doc: Doc, spans: Sequence[tuple[int, int, str, str]], taken: Spans
) -> list[tuple[int, int, str, str]]:
    """Other occurrences of the names the model found as organizations, where nothing else was
    found: an article names a company the same way throughout, and the model, reading each
    sentence on its own, misses some of them. The acronym of "Name (ACRONYM)" counts as a name;
    a name the article also writes as an ordinary lower-case word ("Kemitraan" and "kemitraan")
    does not, nor one the model tagged in under one of `_REPEAT_SHARE` of its occurrences."""
    tagged: Counter[str] = Counter()
    names: set[str] = set()
    for start, end, kind, via in spans:
        if kind == "ORG" and via == "ner":
            text = _doc_text(doc)[start:end]
            tagged[text] += 1
            split = name_and_acronym(text)
            names.update((text,) if split is None else (text, *split))
    words = _lower_words(doc)
    found: list[tuple[int, int, str, str]] = []
    for name in sorted(names, key=lambda name: (-len(name), name)):
        if len(name) < 2 or name.lower() in words or not any(ch.isupper() for ch in name):
            continue
        more = []
        at = _doc_text(doc).find(name)
        while at >= 0:
            end = at + len(name)
            if not taken.overlaps(at, end) and doc.char_span(at, end) is not None:
                more.append((at, end, "ORG", "ner"))
            at = _doc_text(doc).find(name, end)
        if len(more) >= _REPEAT_SHARE * max(tagged[name], 1):
            continue
        for at, end, _, _ in more:
            taken.add(at, end)
        found += more
    return found


_POSSESSIVES = ("'s", "’s")


def _clean_edges(ent: Span, legal_forms: LegalForms) -> tuple[int, int]:
    """A model span without what is never part of a name at its edges: a possessive ("Sunway
    University's"), a sentence's full stop ("PDI-P.", while "Bhd." and "S.A." keep their
    abbreviation dots) and a bracket that does not close inside it ("DPR)")."""
    doc_text, start, end = _doc_text(ent.doc), ent.start_char, ent.end_char
    text = doc_text[start:end]
    for possessive in _POSSESSIVES:
        if text.endswith(possessive) and len(text) > len(possessive):
            end -= len(possessive)
    name = doc_text[start:end]
    if name.endswith(".") and len(name) > 1:
        last = name.split()[-1]
        if "." not in last[:-1] and not legal_forms.is_form(last):
            end -= 1
    name = doc_text[start:end]
    if name.endswith(")") and name.count(")") > name.count("("):
        end -= 1
    if name.startswith("(") and name.count("(") > name.count(")"):
        start += 1
    name = doc_text[start:end].strip()
    if not name:
        return ent.start_char, ent.end_char
    start = doc_text.index(name, start)
    return start, start + len(name)


def _name_word(word: str) -> bool:
    """A word that can be part of a company's name as written: capitalised ("Paywatch", "HK",
    "iLabs", "1Malaysia") or an ampersand."""
    return word == "&" or _capitalised_word(word)


def _legal_names(doc: Doc, kb: KnowledgeBase) -> list[tuple[int, int]]:
    """Char spans of names written with a legal form: capitalised words after a form that leads
    names ("PT Salma Arowana Lestari", "Direktur PT Maju Jaya Tbk" from "PT") or before one that
    ends them ("Makmur Asiamaju Sdn Bhd", "Intel Corp", "Bouygues S.A.", "Century Software
    (Malaysia) Sdn Bhd", a word in brackets inside). A bare two-letter form at
    the end ("Budi Santoso SE", "the AG") is as often a degree or a title, and is not taken."""
    forms = kb.legal_forms
    leading = kb.leading_legal_forms()
    words, starts = _doc_words(doc)

    def leads(k: int) -> bool:
        return forms.is_form(words[k]) and LegalForms.key(words[k]) in leading

    def ends(k: int) -> bool:
        word = words[k]
        return forms.is_form(word) and not leads(k) and not (len(word) <= 2 and word.isupper())

    found = []
    i = 0
    while i < len(words):
        if not _name_word(words[i]):  # a name and its forms are name words
            i += 1
            continue
        j = i
        while j < len(words) and _name_word(words[j]):
            j += 1
            # a place in brackets inside the name ("Century Software (Malaysia) Sdn Bhd")
            if (
                j + 3 < len(words)
                and (words[j], words[j + 2]) == ("(", ")")
                and _name_word(words[j + 1])
                and _name_word(words[j + 3])
            ):
                j += 3
        start = next((k for k in range(j - 1, i - 1, -1) if leads(k)), i)
        names = start + 1 if leads(start) else start
        end = next((k + 1 for k in range(j - 1, names, -1) if ends(k)), None)
        if end is None and names > start:
            end = j
        # a name word between the forms: "PT Maju Jaya", not "PT Tbk"
        if end is not None and any(not forms.is_form(words[k]) for k in range(names, end)):
            found.append((starts[start], starts[end - 1] + len(words[end - 1])))
        i = j
    return found


def _organizations_throughout(
    doc: Doc, spans: Sequence[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """One name, one kind per article: a name found as an organization at least as often as
    as a person or a place ("Hilton" ORG twice, PER once) is an organization everywhere in it."""
    kinds: dict[str, Counter[str]] = {}
    for start, end, kind, _ in spans:
        kinds.setdefault(_doc_text(doc)[start:end], Counter())[kind] += 1
    relabelled = []
    for start, end, kind, via in spans:
        votes = kinds[_doc_text(doc)[start:end]]
        if kind != "ORG" and votes["ORG"] >= votes[kind]:
            kind = "ORG"
        relabelled.append((start, end, kind, via))
    return relabelled


def _people_throughout(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """A one-word name the model took for an organization that is the first or last word of a
    person's full name in the article ("Elia" after "Direktur Utama Pertamina Elia Massa Manik")
    is that person where the article names the person in full before naming it alone ("Nadiem
    Makarim ... Nadiem"), or where the model took it alone for a person too and the article writes
    it as a person at least as often as as an organization (the full name counts); it must be
    written as a name is ("MotoGP" is not), never in lower case, and not a name the knowledge
    base knows ("Dell" after "Michael Dell" stays). A full name with a word found as anything but
    a person ("Atletico Madrid") or with a title ("Bos Liverpool") is not one."""
    text = _doc_text(article.doc)
    votes: dict[str, Counter[str]] = {}
    names = [(text[start:end], kind, start) for start, end, kind, _ in spans]
    elsewhere = {name for name, kind, _ in names if kind != "PER"}
    full_at: dict[str, int] = {}  # word -> where a full name with it first stands
    organization_at: dict[str, int] = {}  # name -> where it first stands as an organization
    for name, kind, start in names:
        votes.setdefault(name, Counter())[kind] += 1
        if kind == "ORG":
            organization_at[name] = min(start, organization_at.get(name, start))
        words = name.split()
        # a full name of words written as names are ("Elia Massa Manik", not "Atletico Madrid")
        if kind == "PER" and len(words) > 1:
            for word in {words[0], words[-1]}:
                others = set(words) - {word}
                # a title is no name ("Bos Liverpool")
                if not elsewhere.intersection(others) and not any(
                    other.lower() in _titles() for other in others
                ):
                    votes.setdefault(word, Counter())["FULL"] += 1
                    full_at[word] = min(start, full_at.get(word, start))
    people = {
        name
        for name, count in votes.items()
        if count["FULL"]
        and count["ORG"]
        and (
            # named in full before it is named alone ("Fabio Capello ... Capello")
            full_at[name] < organization_at[name]
            or (count["PER"] and count["PER"] + count["FULL"] >= count["ORG"])
        )
        and name.isalpha()
        and name.istitle()
        and name.lower() not in article.lower_words
        and kb.lookup(name) is None
    }
    return [
        (start, end, "PER" if kind == "ORG" and text[start:end] in people else kind, via)
        for start, end, kind, via in spans
    ]


def _mostly_lower(article: _Article, word: str) -> bool:
    """Whether the article writes a word in lower case at least as often as capitalised ("vendor"
    and "Vendor"; not "Adidas" with one "#adidas")."""
    words = _doc_words(article.doc)[0]
    lower = word.lower()
    return words.count(lower) >= words.count(word)


def _without_ordinary_words(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """The spans without a one-word organization that is only an ordinary word capitalised: one
    the article also writes in lower case or a function word of the language, that the knowledge
    base does not know. As a sentence's first word ("Lensa tersebut ...", "Karakter kuat Jobs
    ...", "Berarti saya ...") it must not know it as written; elsewhere ("melalui Dealer resmi",
    "para Vendor") it must not know it at all ("Antara" the news agency, "antara" between), and
    the article must write it in lower case as often as capitalised (`_mostly_lower`)."""
    text = _doc_text(article.doc)
    kept = []
    for start, end, kind, via in spans:
        word = text[start:end]
        if (
            kind == "ORG"
            and " " not in word
            and not word.isupper()
            and (word.lower() in article.lower_words or word.lower() in article.function_words)
            and (
                kb.lookup_as_written(word) is None
                if start in article.sentence_starts
                else via == "ner"
                and word.isalpha()
                and word[:1].isupper()
                and kb.lookup(word) is None
                and _mostly_lower(article, word)
            )
        ):
            continue
        kept.append((start, end, kind, via))
    return kept


def _sentence_capital(article: _Article, start: int, end: int, kb: KnowledgeBase) -> bool:
    """Whether a word is capitalised only as a sentence's first ("Konsep" of "Konsep pemesanan
    tempat ..."): it starts the sentence, is no acronym, and is neither known nor written
    elsewhere in the article."""
    word = _doc_text(article.doc)[start:end]
    return (
        start in article.sentence_starts
        and not word.isupper()
        and kb.lookup(word) is None
        and not _elsewhere(article, word, start, end)
    )


def _ordinary_lower_word(article: _Article, word: str) -> bool:
    """Whether a lower-case word is an ordinary one, not a name mistyped in lower case
    ("Universitas indonesia"): a function word or a verb of the language, or a word the article
    writes in lower case more than once ("warna", "kota")."""
    return (
        word in article.function_words
        or _verb(word, article.function_words)
        or _doc_words(article.doc)[0].count(word) >= 2
    )


def _lower_case_words_trimmed(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """Indonesian model ORG spans as Indonesian news writes organizations' names, capitalised:
    without ordinary lower-case words at their end ("Liverpool via", "Milan sebelumnya", "BNNP
    guna"; `_ordinary_lower_word`; not after a hyphen, "Kyung Dae - soo"), and none that is all
    lower-case words ("wholeseller", "warna hitam") but a name headed by a word that heads
    organizations' names ("kementerian keuangan"); a web address ("merdeka.com") is no word. A
    sentence's first word followed only by lower-case ones ("Konsep pemesanan", "Musim lalu";
    `_sentence_capital`) is no name at all. A name the knowledge base knows stays ("kumparan").
    English news writes heads in lower case ("Johor police", "state government")."""
    if article.doc.lang_ != "id":
        return list(spans)
    text = _doc_text(article.doc)
    heads = kb.leading_name_words()
    result = []
    for start, end, kind, via in spans:
        words = list(re.finditer(r"\S+", text[start:end]))
        if kind != "ORG" or via != "ner" or kb.lookup(text[start:end]) is not None:
            result.append((start, end, kind, via))
            continue
        if all(word.group().isalpha() and word.group().islower() for word in words):
            if len(words) >= 2 and words[0].group() in heads:
                result.append((start, end, kind, via))
            continue
        lower = [word.group().isalpha() and word.group().islower() for word in words]
        if len(words) >= 2 and all(lower[1:]):
            first = start + words[0].end()
            if _sentence_capital(article, start, first, kb):  # "Konsep pemesanan"
                continue
        while (
            len(words) >= 2
            and lower[len(words) - 1]
            and words[-2].group() not in _JOINERS  # "Kyung Dae - soo"
            and _ordinary_lower_word(article, words[-1].group())
        ):
            words.pop()
        result.append((start, start + words[-1].end(), kind, via))
    return result


@cache
def _not_organizations() -> dict[str, frozenset[str]]:
    """``data/entities/not_organizations.toml``: cues and names of products, stock indexes and
    documents, each list casefolded."""
    name = "not_organizations.toml"
    return {key: entity_words(name, key) for key in entity_data(name)}


#: A model or version number ("G1", "SQ10", "S8", "1.0", "v2"): letters and digits together, or
#: a version with one digit after its dot (not a time, "12.00", nor a thousand, "3.138"). A bare
#: number ("Trans 7", "Liga 1") is as often part of a name.
_MODEL_NUMBER = re.compile(r"(?:[A-Za-z]+\d[\w-]*|\d+[A-Za-z][\w-]*|\d{1,2}\.\d)")


#: A Roman numeral below 40 of two or more letters ("XXII" of "ke-XXII", "III"): an ordinal,
#: not a name. Not with C or L: "CV", "CCV" and "XL" are as often acronyms.
_ROMAN_NUMERAL = re.compile(r"(?=[IVX]{2,}$)X{0,3}(?:IX|IV|V?I{0,3})")


def _measure(words: Sequence[str], cues: dict[str, frozenset[str]]) -> bool:
    """Whether a name's words name a financial measure (``not_organizations.toml``): all of them
    measure words, bar an acronym of it at the end ("Return on Asset ROA", "Net Interest
    Margin"), or the last one a word that ends a measure's name ("BI Rate")."""
    if len(words) < 2:
        return False
    if words[-1].casefold() in cues.get("measure_ends", frozenset()):
        return True
    acronym = words[-1] if words[-1].isupper() and len(words[-1]) >= 2 else ""
    body = words[:-1] if acronym else words
    if len(body) == 1 and body[0][:1].upper() not in acronym[1:]:
        # one word is a measure's only as the tail of its acronym ("Equity ROE"), not
        # "Capital A"
        return False
    vocabulary = cues.get("measure_words", frozenset())
    return all(word.casefold() in vocabulary for word in body) and any(
        word[:1].isupper() for word in body
    )


#: An amount fused with a unit ("12MP", "4GB", "2,8GHz"): a number, then letters.
_FUSED_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?(?P<unit>[A-Za-z]+)")


def _specification(words: Sequence[str], units: frozenset[str]) -> bool:
    """Whether a name's words hold an amount in a unit of a product's specification ("F5 RAM 4
    GB", "Redmi 12MP"), or are that unit alone ("MHz")."""
    if len(words) == 1 and words[0].casefold() in units:
        return True
    for before, word in zip(("", *words), words, strict=False):
        fused = _FUSED_AMOUNT.fullmatch(word)
        if fused is not None and fused.group("unit").casefold() in units:
            return True
        if word.casefold() in units and before.replace(",", "").replace(".", "").isdigit():
            return True
    return False


def _without_non_organizations(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """The spans without organizations that name a product, a stock index or a document
    (``not_organizations.toml``): a name of several words ending in a model number ("Instax
    Square SQ10"; "LG V20" is LG's, a maker the knowledge base knows or a word the article names
    alone) or followed by one ("ePBT 1.0 contract"), and that product line wherever the article
    writes it alone ("Instax Square" beside "Instax Square SQ10"); one after a word that names a
    product's line ("seri Galaxy"), a one-word name used ("menggunakan PureView"), one before a
    word that names its maker ("Alexa buatan Amazon"), a stock index ("IHSG"), a business term
    ("IPO", "EPC"), a document's title ("Memorandum of Understanding") and, in Indonesian, a name
    that starts with a size class of businesses ("IKM Ceper", "UMKM"). A name the knowledge base
    knows is kept (linking gives a known maker's product to the maker: "Intel Core i7")."""
    text = _doc_text(article.doc)
    cues = _not_organizations()
    named = (
        cues.get("indexes", frozenset())
        | cues.get("documents", frozenset())
        | cues.get("terms", frozenset())
    )
    categories = cues.get("categories", frozenset()) if article.doc.lang_ == "id" else frozenset()
    kept = []
    product_lines: set[str] = set()
    for start, end, kind, via in spans:
        if kind == "ORG" and text[start:end].casefold() in cues.get("states", frozenset()):
            kept.append((start, end, "LOC", via))
            continue
        if kind != "ORG" or via == "kb" or kb.lookup(text[start:end]) is not None:
            kept.append((start, end, kind, via))
            continue
        if _ROMAN_NUMERAL.fullmatch(text[start:end]):
            continue
        name = text[start:end]
        words = name.split()
        before = text[max(0, start - 30) : start].split()
        after = text[end : end + 30].split()
        numbered = len(words)
        while numbered > 1 and _MODEL_NUMBER.fullmatch(words[numbered - 1]) is not None:
            numbered -= 1
        if numbered < len(words):
            # "LG V20", "Nintendo 3DS": the maker, where it is a known organization or a word the
            # article names alone; "Instax Square SQ10" is a product line's, and so is "Instax
            # Square" wherever the article writes it alone
            maker = " ".join(words[:numbered])
            known = kb.lookup(maker)
            if (known is not None and known.kind == "ORG") or (
                numbered == 1 and maker in article.org_texts
            ):
                kept.append((start, start + len(maker), kind, via))
            elif numbered > 1:
                product_lines.add(maker.casefold())
            continue
        if (
            name.casefold() in named
            or _specification(words, cues.get("units", frozenset()))
            or words[0].casefold() in categories
            or _measure(words, cues)
            # an acronym before one is as often a company's ("KPJ DSH2", a KPJ hospital)
            or (
                after
                and not name.isupper()
                and _MODEL_NUMBER.fullmatch(after[0].rstrip(".,")) is not None
            )
            or (before and before[-1] in cues.get("before_product", frozenset()))
            or (before and before[-1] in cues.get("using", frozenset()) and len(words) == 1)
            or (after and after[0] in cues.get("made_by", frozenset()))
            or " ".join(after[:2]) in cues.get("made_by", frozenset())
        ):
            continue
        kept.append((start, end, kind, via))
    return [
        (start, end, kind, via)
        for start, end, kind, via in kept
        if not (kind == "ORG" and via != "kb" and text[start:end].casefold() in product_lines)
    ]


#: A year a name is written with: "IFA 2017", "SWDC 2018", "(GIIAS 2016)"; not a term of
#: office ("Komnas HAM 2017 - 2022").
_YEAR = r"(?<!\d)(?:19|20)\d{2}(?!\d)(?!\s*[-–/]\s*\d)"
_YEAR_AFTER = re.compile(rf"\s*{_YEAR}")
_YEAR_AT_END = re.compile(rf"\s{_YEAR}$")


def _without_events(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """The spans without organizations that the article writes only with a year: an event's
    edition ("IFA 2017", "SWDC 2018", "Tech In Asia Jakarta 2017"). A name written once without
    it ("HUT TNI 2017" beside "TNI") is an organization, and so is one the knowledge base knows."""
    text = _doc_text(article.doc)

    def dated(start: int, end: int) -> bool:
        return bool(_YEAR_AT_END.search(text, start, end) or _YEAR_AFTER.match(text, end))

    undated = {
        text[start:end].casefold()
        for start, end, kind, _ in spans
        if kind == "ORG" and not dated(start, end)
    }
    return [
        (start, end, kind, via)
        for start, end, kind, via in spans
        if kind != "ORG"
        or via == "kb"
        or text[start:end].casefold() in undated  # every undated span's own text is there
        or kb.lookup(text[start:end]) is not None
    ]


def _titles() -> frozenset[str]:
    """Job titles ("ceo", "direktur utama") from ``data/entities/roles.toml``, lower case."""
    return entity_words("roles.toml", "titles")


@cache
def _person_nouns() -> frozenset[str]:
    """Nouns that say what a person is, after a name and a comma (``roles.toml``), with the
    job titles."""
    return entity_words("roles.toml", "person_nouns") | _titles()


#: Names a list holds at least for an organization among people to be a person's.
_LISTED_PEOPLE = 4
#: The words after a name and a comma ("Latief Hendraningrat, anggota PETA").
_APPOSITION_AFTER = re.compile(r", ([a-z][\w-]*)(?: ([a-z][\w-]*))?")
#: A word of a personal name: a capital and lower-case letters ("Hendraningrat"), no digit.
_PERSONAL_WORD = re.compile(r"[A-Z][a-z]+(?:['-][A-Za-z][a-z]+)?")


def _people_by_context(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """Model ORG spans that are a personal name by their place, made PER: words shaped as a
    personal name (two to four, each a capital and lower-case letters) that the knowledge base
    does not know and none of which is an organization's head or end ("Partai", "Holdings"), a
    legal form, a place found or an ordinary word of the article, and that are followed by a
    comma and a job title or a noun that says what a person is ("Latief Hendraningrat, anggota
    PETA"; ``roles.toml``) or listed with three or more names, all people the model found
    ("A, Dwi Pradipta Santoso, B dan C")."""
    text = _doc_text(article.doc)
    heads = kb.leading_name_words() | organization_words()
    # a list item by where it ends: a sentence's capitalised first word may start the first
    kinds = {end: kind for _, end, kind, _ in spans}
    listed_with_people: set[int] = set()
    for listed in _LIST.finditer(text):
        ends = [item.end() for item in _LIST_ITEM.finditer(text, *listed.span())]
        item_kinds = [kinds.get(end) for end in ends]
        # four or more, all people bar one: "pemain Mitra Kukar, A dan B" names a club's
        # players, "Schalke, Borussia Dortmund, ..." clubs the model took partly for people
        if len(ends) >= _LISTED_PEOPLE and item_kinds.count("PER") == len(ends) - 1:
            listed_with_people.update(ends)
    nouns = _person_nouns()
    result = []
    for start, end, kind, via in spans:
        name = text[start:end]
        words = name.split()
        if (
            kind != "ORG"
            or via != "ner"
            or not 2 <= len(words) <= 4
            or not all(_PERSONAL_WORD.fullmatch(word) for word in words)
            or any(
                word.casefold() in heads
                or word.lower() in article.lower_words
                or word in article.loc_texts
                or kb.legal_forms.is_form(word)
                for word in words
            )
            or kb.lookup(name) is not None
        ):
            result.append((start, end, kind, via))
            continue
        after = _APPOSITION_AFTER.match(text, end)
        titled = after is not None and (
            after.group(1) in nouns or f"{after.group(1)} {after.group(2)}" in nouns
        )
        if titled or end in listed_with_people:
            kind = "PER"
        result.append((start, end, kind, via))
    return result


#: Words a link's label or a citing verb has at most ("Seperti dilansir", "Baca juga").
_CITING_WORDS = 2


def _without_citing_words(
    article: _Article, spans: Sequence[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """Organizations' spans without a verb that cites a source or a business term at their
    front (``not_organizations.toml``: "Melansir Financial Times", "Dikutip Reuters", "According
    to Reuters", "IPO PT PP Urban"), where a capitalised word follows it, and without a span
    that starts with a link's label ("SIMAK JUGA - Madura United Datangkan", "Baca juga: ..."):
    the label and the headline it links to, no name."""
    text = _doc_text(article.doc)
    cues = _not_organizations()
    labels = cues.get("link_labels", frozenset())
    verbs = cues.get("reporting_verbs", frozenset()) | cues.get("terms", frozenset())
    result = []
    for start, end, kind, via in spans:
        words = list(re.finditer(r"\S+", text[start:end])) if kind == "ORG" else []
        leads = [
            " ".join(word.group() for word in words[:size]).casefold().rstrip(":")
            for size in range(1, min(_CITING_WORDS, len(words)) + 1)
        ]
        if any(lead in labels for lead in leads):
            continue
        for size in range(len(leads) - 1 if len(leads) == len(words) else len(leads), 0, -1):
            if leads[size - 1] in verbs and _capitalised_word(words[size].group()):
                start += words[size].start()
                break
        result.append((start, end, kind, via))
    return result


@cache
def _given_names() -> frozenset[str]:
    """Given names, case-folded: ``data/entities/given_names.txt``, built from the NER training
    data by ``training/ner/given_names.py`` (one name a line, ``#`` comments)."""
    path = resources.files("newstide").joinpath("data/entities/given_names.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _honorifics() -> frozenset[str]:
    """Honorifics and ranks written before a person's name ("Pak", "Kompol", "Dr";
    ``roles.toml``)."""
    return entity_words("roles.toml", "honorifics") | entity_words("roles.toml", "ranks")


@lru_cache(maxsize=8)
def _organization_edge_words(kb: KnowledgeBase) -> tuple[frozenset[str], frozenset[str]]:
    """Words of the knowledge base's names, case-folded, legal forms aside: the first word of
    any ("Agung" of "Agung Podomoro Land": a given name that may start an organization's), and
    the last word of at least `LEADING_WORD_NAMES` ("Air" of "Lion Air" and "Batik Air",
    "Sejahtera", "Motor": a word that ends organizations' names)."""
    first: set[str] = set()
    last: Counter[str] = Counter()
    for surface, _, _ in kb.aliases_for_matching():
        words = [word.casefold() for word in surface.split() if not kb.legal_forms.is_form(word)]
        if words:
            first.add(words[0])
        if len(words) >= 2:
            last[words[-1]] += 1
    ends = frozenset(word for word, count in last.items() if count >= LEADING_WORD_NAMES)
    return frozenset(first), ends


#: Words a title or an honorific before a name has at most ("Direktur Utama", "Tan Sri").
_TITLE_WORDS = 3
#: Words a personal name has at most ("Jimmy Floyd Hasselbaink", "Abdullah bin Ahmad Said").
_NAME_WORDS = 4


def _title_words(words: Sequence[str]) -> tuple[int, bool]:
    """How many words at the front of a name are titles, ranks or honorifics ("Kompol", "Pak",
    "Direktur Utama"; ``roles.toml``), and whether one is an honorific or a rank, which only a
    person bears."""
    titles, honorifics = _titles(), _honorifics()
    at, honoured = 0, False
    while at < len(words):
        for size in range(min(_TITLE_WORDS, len(words) - at), 0, -1):
            title = " ".join(words[at : at + size]).casefold().rstrip(".")
            if title in titles or title in honorifics:
                honoured = honoured or title in honorifics
                at += size
                break
        else:
            break
    return at, honoured


def _people_by_given_name(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """Model ORG spans that are a personal name by their words, made PER: after any titles,
    ranks or honorifics ("Kompol Teguh Nugroho", "Pak Budi"; the PER span leaves them out), one
    to four words written as a personal name is (a capital and lower-case letters, or a particle
    such as "bin" or "van") that start with a given name (`_given_names`, from the NER training
    data) or follow an honorific or a rank. The knowledge base must not know the name, nor start
    any organization's name with its first word ("Agung Podomoro"); and no word of it may be an
    organization's head or end ("Partai", "Holdings", "Exchange", the "Air" of "Susi Air"), a
    legal form, a place found or, bar the given name, a word the article writes in lower case."""
    text = _doc_text(article.doc)
    known_first, known_ends = _organization_edge_words(kb)
    heads = kb.leading_name_words() | known_ends | organization_words()
    particles = entity_words("roles.toml", "name_particles")
    given = _given_names()
    result = []
    for start, end, kind, via in spans:
        words = [(m.start(), m.group()) for m in re.finditer(r"\S+", text[start:end])]
        lead, honoured = _title_words([word for _, word in words])
        name = words[lead:]
        first = name[0][1] if name else ""
        if (
            kind != "ORG"
            or via != "ner"
            or not 1 <= len(name) <= _NAME_WORDS
            or not _PERSONAL_WORD.fullmatch(first)
            or first.casefold() in known_first
            or not (first.casefold() in given or (honoured and first not in article.loc_texts))
            or any(
                word not in particles
                and (
                    not _PERSONAL_WORD.fullmatch(word)
                    or word.casefold() in heads
                    or (word.lower() in article.lower_words and word.casefold() not in given)
                    or word in article.loc_texts
                    or kb.legal_forms.is_form(word)
                )
                for _, word in name
            )
            or kb.lookup(text[start:end]) is not None
            or kb.lookup(text[start + name[0][0] : end]) is not None
        ):
            result.append((start, end, kind, via))
            continue
        result.append((start + name[0][0], end, "PER", via))
    return result


@cache
def _function_words(language: str) -> frozenset[str]:
    """spaCy's stop words of a language: conjunctions, adverbs and prepositions ("meski",
    "sebelumnya", "melalui") that a sentence-initial capital glues onto a name."""
    if language not in ("id", "en"):
        return frozenset()
    module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    return frozenset(module.STOP_WORDS)


@dataclasses.dataclass(frozen=True, slots=True)
class _Article:
    """What the edge rules of `_reshape` read about the article as a whole."""

    doc: Doc
    sentence_starts: set[int]
    lower_words: frozenset[str]
    function_words: frozenset[str]
    org_texts: set[str]
    per_texts: set[str]
    per_words: set[str]
    loc_texts: set[str]


def _elsewhere(article: _Article, name: str, start: int, end: int) -> bool:
    """Whether the article writes `name` somewhere outside [start, end)."""
    text = _doc_text(article.doc)
    at = text.find(name)
    while at >= 0:
        if not (start <= at < end):
            return True
        at = text.find(name, at + 1)
    return False


def _leading_words(article: _Article, words: Span, kb: KnowledgeBase) -> int:
    """How many words at the front of a model ORG span are not part of the name: a job title
    ("CTO Line"), or, capitalised only as a sentence's first word, a word the article or the
    language writes in lower case ("Meski Microsoft", "Pengguna Twitter", "Startup fintech
    Cashlez"), when what is left is a known organization or a name the article writes alone
    elsewhere. A word that starts many known names ("Bank", "Kementerian") stays."""
    heads = kb.leading_name_words()
    text = _doc_text(article.doc)
    end = words[-1].idx + len(words[-1])
    for size in range(len(words) - 1, 0, -1):
        if " ".join(t.text for t in words[:size]).lower() in _titles():
            rest = text[words[size].idx : end]
            if _capitalised(words[size]) and (
                kb.lookup(rest) is not None or _elsewhere(article, rest, words[0].idx, end)
            ):
                return size
    first = words[0]
    if first.idx not in article.sentence_starts or first.is_upper:
        return 0
    lower = first.text.lower()
    if lower in heads or not (lower in article.function_words or lower in article.lower_words):
        return 0
    size = 1
    while size < len(words) - 1 and words[size].is_lower:
        size += 1
    if not _capitalised(words[size]):
        return 0
    rest = text[words[size].idx : end]
    known = kb.lookup(rest)
    if (known is not None and known.kind == "ORG") or _elsewhere(article, rest, words[0].idx, end):
        return size
    return 0


def _trailing_person(article: _Article, words: Span, kb: KnowledgeBase) -> int:
    """Where a person's name starts at the end of a model ORG span ("Go-Jek Nadiem Makarim",
    "Grab Indonesia Ridzki Kramadibrata"), or 0: the words before it are a known organization or
    one the article names alone, and the rest is capitalised and a person the model found in the
    article, or two or more words after a job title ("CEO Go-Jek Nadiem Makarim"; one word after
    a body that makes no products, `_NO_PRODUCTS`)."""
    text = _doc_text(article.doc)
    before = text[max(0, words[0].idx - 40) : words[0].idx].lower().split()
    after_title = any(" ".join(before[-n:]) in _titles() for n in range(1, min(len(before), 3) + 1))
    for size in range(len(words) - 1, 0, -1):
        head = text[words[0].idx : words[size - 1].idx + len(words[size - 1])]
        known = kb.lookup(head)
        if not ((known is not None and known.kind == "ORG") or head in article.org_texts):
            continue
        rest = words[size:]
        if (
            not all(_capitalised(t) for t in rest)
            or any(kb.legal_forms.is_form(t.text) or t.text in article.loc_texts for t in rest)
            or kb.lookup(rest.text) is not None
            or rest.text in article.org_texts
        ):
            return 0
        person = rest.text in article.per_texts or rest[0].text in article.per_words
        # a one-word rest is as often a product or a unit ("BlackBerry Motion"), but not after a
        # title and a body that makes no products ("Ketua Umum Partai Gerindra Suhardi")
        body = (
            known is not None
            and known.type in _NO_PRODUCTS
            and rest.text.istitle()  # not a place's acronym ("Bawaslu DKI")
            and rest.text.lower() not in _titles()  # nor a rank ("Polri Jenderal")
        )
        return size if (len(rest) >= 2 or body) and (person or after_title) else 0
    return 0


#: Knowledge-base types of organizations that sell no products: a capitalised word after one's
#: name and a title before it is a person's name ("Ketua Umum Partai Gerindra Suhardi").
_NO_PRODUCTS = frozenset({"party", "ministry", "government", "regulator", "university", "ngo"})


@cache
def _verb_prefixes() -> tuple[str, ...]:
    """Prefixes of Indonesian verbs (``heads.toml``)."""
    prefixes = entity_data("heads.toml").get("verb_prefixes", [])
    assert isinstance(prefixes, list)
    return tuple(str(prefix) for prefix in prefixes)


#: Letters a verb has after its prefix at least ("dijual", "bekerja"; not "diri", "teh").
_VERB_STEM = 3


def _verb(word: str, function_words: frozenset[str]) -> bool:
    """Whether a lower-case word reads as an Indonesian verb (`_verb_prefixes`), not a function
    word ("dengan", "di")."""
    return word not in function_words and any(
        word.startswith(prefix) and len(word) >= len(prefix) + _VERB_STEM
        for prefix in _verb_prefixes()
    )


def _split_acronym_heads(
    doc: Doc, found: list[tuple[int, int, str, KnownOrganization | None]], kb: KnowledgeBase
) -> list[tuple[int, int, str, KnownOrganization | None]]:
    """Model ORG spans of an acronym before a known organization's name split in two: a unit of
    it ("FKH UGM", the faculty and the university) or two names run together ("IHSG BEI"). The
    acronym must not be a legal form ("PT KAI"), and the name must be one of the organization's
    as written, not only its key (`lookup_as_written`: "News" is not News Corp); a span the
    knowledge base knows whole ("XL Axiata") stays."""
    text = _doc_text(doc)
    split: list[tuple[int, int, str, KnownOrganization | None]] = []
    for start, end, kind, known in found:
        head, _, rest = text[start:end].partition(" ")
        named = kb.lookup_as_written(rest) if rest else None
        if (
            kind != "ORG"
            or known is not None
            or named is None
            or named.kind != "ORG"
            or rest not in named.surfaces  # a name as written, not "News" for News Corp
            or not (len(head) >= 2 and head.isalpha() and head.isupper())
            or kb.legal_forms.is_form(head)
        ):
            split.append((start, end, kind, known))
            continue
        at = end - len(rest)
        head_known = kb.lookup_as_written(head)
        split.append((start, start + len(head), kind, head_known))
        split.append((at, end, kind, named))
    return split


def _split_at_verbs(
    article: _Article,
    found: list[tuple[int, int, str, KnownOrganization | None]],
    kb: KnowledgeBase,
) -> list[tuple[int, int, str, KnownOrganization | None]]:
    """Model ORG spans split where ordinary lower-case words between capitalised ones run two
    names together ("Grab menggandeng Ovo", "Kementerian Sosial mengajak Himpunan Mahasiswa
    Islam (HMI)"; a lower-case word read as a verb, `_verb`): each side that starts with a
    capitalised word is an organization of its own. Other lower-case words are part of the name
    ("Bank of America", "Kementerian Komunikasi dan Informatika", "Sabah state government")."""
    # either language's: news in one names organizations in the other ("Museum of Modern Art")
    function_words = _function_words("id") | _function_words("en")
    split: list[tuple[int, int, str, KnownOrganization | None]] = []
    for start, end, kind, known in found:
        words = article.doc.char_span(start, end, alignment_mode="expand")
        if kind != "ORG" or known is not None or words is None or len(words) < 3:
            split.append((start, end, kind, known))
            continue
        parts: list[list[Token]] = [[]]
        run: list[Token] = []
        for word in words:
            if word.is_lower and word.is_alpha:
                run.append(word)
                continue
            if run and parts[-1] and any(_verb(w.lower_, function_words) for w in run):
                parts.append([])
            elif run:
                parts[-1] += run
            run = []
            parts[-1].append(word)
        parts[-1] += run
        if len(parts) < 2 or not all(_capitalised(part[0]) for part in parts):
            split.append((start, end, kind, known))
            continue
        for part in parts:
            at = max(start, part[0].idx)
            stop = min(end, part[-1].idx + len(part[-1]))
            named = kb.lookup(_doc_text(article.doc)[at:stop])
            split.append((at, stop, kind, named if named and named.kind == "ORG" else None))
    return split


#: A conjunction inside a model ORG span that may join two names ("OJK dan BEI").
_CONJUNCTION = re.compile(r"\s+(?:dan|serta|and)\s+")


@cache
def _branch() -> re.Pattern[str]:
    """A branch word of ``heads.toml`` (``branch_words``) after a name: "... Kantor Cabang"."""
    words = sorted(entity_words("heads.toml", "branch_words"), key=len, reverse=True)
    return re.compile(rf"\s+(?:{'|'.join(map(re.escape, words))})(?![\w-])", re.IGNORECASE)


def _split_known_pairs(
    article: _Article,
    found: list[tuple[int, int, str, KnownOrganization | None]],
    kb: KnowledgeBase,
) -> list[tuple[int, int, str, KnownOrganization | None]]:
    """Model ORG spans that run two known organizations together at a conjunction ("Otoritas
    Jasa Keuangan dan Bursa Efek Indonesia"), split into the two, and spans of a known
    organization and its branch ("Bank BCA Kantor Cabang Jayakarta"), cut to the organization. A
    name with a conjunction in it that is not two known names stays whole ("Kementerian
    Komunikasi dan Informatika")."""
    text = _doc_text(article.doc)
    split: list[tuple[int, int, str, KnownOrganization | None]] = []
    for start, end, kind, known in found:
        parts = None
        if kind == "ORG" and known is None:
            branch = _branch().search(text, start, end)
            owner = kb.lookup(text[start : branch.start()]) if branch is not None else None
            if branch is not None and owner is not None and owner.kind == "ORG":
                split.append((start, branch.start(), kind, owner))
                continue
            for conjunction in _CONJUNCTION.finditer(text, start, end):
                first = kb.lookup(text[start : conjunction.start()])
                second = kb.lookup(text[conjunction.end() : end])
                if first and second and first.kind == second.kind == "ORG":
                    parts = [
                        (start, conjunction.start(), kind, first),
                        (conjunction.end(), end, kind, second),
                    ]
                    break
        split += parts or [(start, end, kind, known)]
    return split


def _reshape(
    article: _Article,
    found: list[tuple[int, int, str, KnownOrganization | None]],
    kb: KnowledgeBase,
) -> list[tuple[int, int, str, KnownOrganization | None]]:
    """Model ORG spans cut back to the organization they name: without a title or a
    sentence-initial ordinary word before it (`_leading_words`) and without a person's name
    after it (`_trailing_person`, which becomes a PER span)."""
    reshaped = []
    for start, end, kind, known in found:
        words = article.doc.char_span(start, end, alignment_mode="expand")
        if kind != "ORG" or known is not None or words is None or len(words) < 2:
            reshaped.append((start, end, kind, known))
            continue
        lead = _leading_words(article, words, kb)
        words = words[lead:]
        person = _trailing_person(article, words, kb) if len(words) >= 2 else 0
        if person:
            reshaped.append((words[person].idx, end, "PER", None))
            words = words[:person]
        if not lead and not person:
            reshaped.append((start, end, kind, known))
            continue
        start, end = max(start, words[0].idx), min(end, words[-1].idx + len(words[-1]))
        known = kb.lookup(_doc_text(article.doc)[start:end])
        reshaped.append((start, end, kind, known if known and known.kind == "ORG" else None))
    return reshaped


#: A name written as a web address, a company's ("Tiket.com", "99.co", "DailySocial.id").
_WEB_NAME = re.compile(r"[A-Z0-9][\w-]*\.(?:com|co|id|net|io|my|sg|ai)(?:\.id|\.my)?")
#: A word of letters glued to digits ("Rumah123"): never part of a person's name.
_GLUED_DIGITS = re.compile(r"[A-Za-z]+\d+")


@cache
def _institution_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words that end institutions' names and words that make such a name a venue's
    (``heads.toml``), casefolded."""
    return entity_words("heads.toml", "institution_ends"), entity_words("heads.toml", "venue_words")


_CENTRES = frozenset({"Centre", "Center"})


def _institution(words: Sequence[str], kind: str) -> bool:
    """Whether capitalised words name an institution in English: ending in a word that ends
    institutions' names ("Mercantile Exchange", "Advisory Centre"). A centre is one only where
    the model took it for a person's name, and not after a word that makes it a venue: one it
    took for a place is as often a building ("Jakarta Convention Center", "Bang Yos Centre")."""
    ends, venues = _institution_words()
    return (
        len(words) >= 2
        and words[-1].casefold() in ends
        and not (words[-1] in _CENTRES and (kind != "PER" or words[-2].casefold() in venues))
        and all(word[:1].isupper() for word in words)
    )


def _shaped_as_organization(name: str, kind: str) -> bool:
    """Whether a name the model took for a person's or a place's is written as only an
    organization's is: ending in a word that ends organizations' names ("Gan Kapital"; a person's
    only) or institutions' names ("New York Mercantile Exchange", `_institution`), with letters
    glued to digits ("Rumah123"; a person's only), or as a web address ("99.co")."""
    words = name.split()
    if _WEB_NAME.fullmatch(name):
        return True
    if _institution(words, kind):
        return True
    return kind == "PER" and (
        (len(words) > 1 and words[-1].casefold() in _name_ends())
        or any(_GLUED_DIGITS.fullmatch(word) for word in words)
    )


def _web_names(doc: Doc, taken: Spans) -> list[tuple[int, int, str, str]]:
    """Organizations written as web addresses ("99.co", "Tiket.com") that nothing was found
    over: a capitalised or numeric name, not a page's address ("advandigital.com")."""
    found: list[tuple[int, int, str, str]] = []
    for match in _WEB_NAME.finditer(_doc_text(doc)):
        start, end = match.span()
        before = _doc_text(doc)[start - 1 : start]
        if (before and (before.isalnum() or before in "./@")) or taken.overlaps(start, end):
            continue
        if doc.char_span(start, end) is None:
            continue
        taken.add(start, end)
        found.append((start, end, "ORG", "ner"))
    return found


#: A name in brackets right after an organization's: its short name or acronym ("GW Intech Sdn
#: Bhd (GWI)", "Censof Holdings Bhd's (Censof)"): capitalised, up to five words, drawn from it.
_BRACKETED_NAME = re.compile(r"(?:'s|’s)?\s*\((?P<name>[A-Z0-9][\w&\-]*(?: [\w&\-]+){0,4})\)")


def _drawn_from(short: str, name: str) -> bool:
    """Whether a short name is drawn from a full one: same first letter, and its letters in the
    full name's order ("GWI" of "GW Intech", "SADA" of "Syarikat Air Darul Aman", "Censof" of
    "Censof Holdings"); a place, a year or a title in brackets is not."""
    letters = [ch for ch in short.casefold() if ch.isalnum()]
    rest = iter(name.casefold())
    return (
        bool(letters)
        and letters[0].isalpha()
        and letters[0] == name[:1].casefold()
        and all(ch in rest for ch in letters)
    )


#: Languages whose news annotation takes "Name (ACRONYM)" as two names; Indonesian takes it as
#: one ("Komisi Pengawas Persaingan Usaha (KPPU)"), and linking reads both names in it.
_BRACKETS_APART = frozenset({"en"})


def _bracketed_names(
    doc: Doc, spans: list[tuple[int, int, str, str]], taken: Spans, legal_forms: LegalForms
) -> list[tuple[int, int, str, str]]:
    """The model's spans with the short name an article gives an organization in brackets right
    after naming it, where nothing was found there: a name of its own (linking makes it the same
    organization) in a language that writes them apart, else part of the organization's
    mention."""
    apart = doc.lang_ in _BRACKETS_APART
    text = _doc_text(doc)
    places = {text[s:e] for s, e, kind, _ in spans if kind == "LOC"}

    def drawn_from(short: str, name: str) -> bool:
        # a place the name starts with may stay out of its acronym ("Sabah Commercial Vehicle
        # Licensing Board (CVLB)")
        first, _, rest = name.partition(" ")
        return _drawn_from(short, name) or (first in places and _drawn_from(short, rest))

    result = []
    for start, end, kind, via in spans:
        bracket = _BRACKETED_NAME.match(text, end) if kind == "ORG" else None
        if (
            bracket is None
            or legal_forms.is_form(bracket["name"])
            or not drawn_from(bracket["name"], text[start:end])
        ):
            result.append((start, end, kind, via))
            continue
        at, stop = bracket.span("name")
        if taken.overlaps(at, stop) or doc.char_span(at, stop) is None:
            result.append((start, end, kind, via))
        elif apart:
            taken.add(at, stop)
            result += [(start, end, kind, via), (at, stop, "ORG", via)]
        else:
            taken.add(end, bracket.end())
            result.append((start, bracket.end(), kind, via))
    return result


def _group_words() -> frozenset[str]:
    """Words that name a group of companies (``heads.toml``), casefolded: the name without them
    is the group's short name ("Express" of "Express Group")."""
    return entity_words("heads.toml", "groups")


def _name_ends() -> frozenset[str]:
    """Capitalised words that end organizations' names (``heads.toml``), casefolded."""
    return entity_words("heads.toml", "name_ends")


def _grown_names(
    doc: Doc, found: list[tuple[int, int, str, KnownOrganization | None]], kb: KnowledgeBase
) -> list[tuple[int, int, str, KnownOrganization | None]]:
    """Model ORG spans grown over capitalised words right after them that end organizations'
    names ("CTK" of "CTK Investments", "Orkid" of "Orkid Holdings"), where nothing else was
    found there."""
    text = _doc_text(doc)
    words, offsets = _doc_words(doc)
    starts = {start for start, _, _, _ in found}
    grown = []
    for start, end, kind, known in found:
        grown_end = end
        at = bisect.bisect_left(offsets, end + 1)
        while (
            kind == "ORG"
            and at < len(words)
            and offsets[at] == grown_end + 1
            and text[grown_end] == " "
            and offsets[at] not in starts
            and words[at].casefold() in _name_ends()
            and words[at][:1].isupper()
        ):
            grown_end = offsets[at] + len(words[at])
            at += 1
        if grown_end != end:
            end = grown_end
            known = kb.lookup(text[start:end])
            known = known if known and known.kind == "ORG" else None
        grown.append((start, end, kind, known))
    return grown


#: What makes a place's name its government's in English news: "Kedah state government",
#: "Sabah government" (one organization, as MEN annotates it).
_GOVERNMENT = re.compile(r" (?:state |federal |city |provincial )?government\b")


def _governments(
    doc: Doc, found: list[tuple[int, int, str, KnownOrganization | None]]
) -> list[tuple[int, int, str, KnownOrganization | None]]:
    """Place (or organization) names the model found right before a lower-case "government"
    grown over it into the government's name, an organization ("Kedah" of "Kedah state
    government"), where nothing else was found there; in English, whose news writes it so."""
    if doc.lang_ != "en":
        return found
    text = _doc_text(doc)
    starts = {start for start, _, _, _ in found}
    grown: list[tuple[int, int, str, KnownOrganization | None]] = []
    for start, end, kind, known in found:
        # a party's acronym before it is the governing party ("the GRS state government")
        place = kind in ("LOC", "ORG") and not text[start:end].isupper()
        government = _GOVERNMENT.match(text, end) if place else None
        if government is not None and not any(end < at < government.end() for at in starts):
            grown.append((start, government.end(), "ORG", None))
            continue
        grown.append((start, end, kind, known))
    return grown


#: A word of a name after a head noun: capitalised, with inner dots ("Amazon.com"), not a
#: possessive or a sentence's full stop.
_NAME_RUN = r"[A-Z][\w&-]*(?:\.\w+)*(?: (?:[A-Z][\w&-]*(?:\.\w+)*|&))*"


#: A capitalised name with the Indonesian clitic -nya glued to it: "akun Twitternya".
_CLITIC_NAME = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w.&-]*?)nya(?![\w-])")


def _clitic_names(
    text: str, language: str, taken: Spans, kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """Organizations the knowledge base knows as written, with the Indonesian clitic -nya glued
    to their name ("akun Twitternya", "saham Telkomnya"), which no token matches: the name alone,
    where nothing else was found."""
    if language != "id":
        return []
    found: list[tuple[int, int, str, str]] = []
    for match in _CLITIC_NAME.finditer(text):
        start, end = match.span("name")
        known = kb.lookup_as_written(match["name"])
        if known is not None and known.kind == "ORG" and not taken.overlaps(start, end):
            found.append((start, end, "ORG", "kb"))
            taken.add(start, end)
    return found


@cache
def _appositions(language: str) -> tuple[re.Pattern[str], ...]:
    """Patterns of a name in apposition to a head noun of ``heads.toml``: right after it ("tire
    manufacturer Michelin", "sports equipment company, Yonex,") and before it with an article
    ("Neoline, a French start-up"), in the languages `heads.toml` lists; before one of the
    ``{language}_after`` nouns and a comma ("Huami, anak perusahaan Xiaomi")."""
    heads = entity_data("heads.toml").get(language, [])
    after = entity_data("heads.toml").get(f"{language}_after", [])
    assert isinstance(heads, list) and isinstance(after, list)
    patterns = []
    if heads:
        alternation = "|".join(re.escape(str(h)) for h in sorted(heads, key=len, reverse=True))
        patterns += [
            re.compile(rf"\b(?:{alternation})(?:(?P<comma>,)? (?P<name>{_NAME_RUN}))(?P<after>.?)"),
            re.compile(rf"\b(?P<name>{_NAME_RUN}), an? (?:[\w-]+ ){{0,3}}?(?:{alternation})\b"),
        ]
    if after:
        alternation = "|".join(re.escape(str(h)) for h in sorted(after, key=len, reverse=True))
        patterns.append(re.compile(rf"\b(?P<name>{_NAME_RUN}), (?:{alternation})\b"))
    return tuple(patterns)


def _appositive_names(
    article: _Article, spans: Sequence[tuple[int, int, str, str]], taken: Spans
) -> list[tuple[int, int, str, str]]:
    """The spans, with names in apposition to a noun that says what kind of organization they
    are ("US venture capital firm Third Prime", "Neoline, a French start-up"; `_appositions`) as
    organizations: added where nothing was found, and, where the model took exactly that name for
    a person ("global hospitality company Hilton"), that name is an organization throughout the
    article; one it took for a place is an organization there. A name the model found across, a
    title ("the company Chairman"), a day or a month and an ordinary word capitalised at a
    sentence's start ("However, a firm") are not taken."""
    doc, text = article.doc, _doc_text(article.doc)
    not_names = entity_data("heads.toml").get("not_names", [])
    assert isinstance(not_names, list)
    kinds = {(s, e): kind for s, e, kind, _ in spans}
    found: list[tuple[int, int]] = []
    renamed: set[str] = set()  # names of people that are organizations throughout
    places: set[tuple[int, int]] = set()  # places that are organizations where they stand
    for pattern in _appositions(doc.lang_):
        for match in pattern.finditer(text):
            if match.groupdict().get("comma") and match["after"] != ",":
                continue
            words = match["name"].split(" ")
            cut = next((i for i, w in enumerate(words) if w.lower() in _titles()), len(words))
            words = words[:cut]
            while words and words[-1] == "&":
                words.pop()
            if not words or words[0] in not_names:
                continue
            first = words[0].lower()
            if len(words) == 1 and (
                first in article.lower_words or first in article.function_words
            ):
                continue
            start = match.start("name")
            end = start + len(" ".join(words))
            span = doc.char_span(start, end)
            if span is None or _name_before(article, span):
                continue
            if kinds.get((start, end)) == "PER":
                renamed.add(text[start:end])
            elif kinds.get((start, end)) == "LOC":
                places.add((start, end))
            elif not taken.overlaps(start, end):
                taken.add(start, end)
                found.append((start, end))
    result = [
        (
            s,
            e,
            "ORG" if (kind == "PER" and text[s:e] in renamed) or (s, e) in places else kind,
            via,
        )
        for s, e, kind, via in spans
    ]
    return result + [(start, end, "ORG", "ner") for start, end in found]


#: A list of capitalised names: "Maybank, CIMB and RHB Bank", "SparkLabs, Won & Partners, and
#: CTK Investments", "Airbnb, Dropbox, Stripe dan Twitch".
_LIST = re.compile(rf"{_NAME_RUN}(?:(?:,? (?:and|or|dan|serta|atau)|,) {_NAME_RUN})+")
_LIST_ITEM = re.compile(_NAME_RUN)


def _listed_names(
    article: _Article,
    spans: Sequence[tuple[int, int, str, str]],
    taken: Spans,
    legal_forms: LegalForms,
) -> list[tuple[int, int, str, str]]:
    """Names listed with two or more organizations the model found, where nothing was found:
    "Third Prime, SparkLabs, Won & Partners, and CTK Investments" lists organizations. A list
    with a person or a place in it is not one of organizations; an item that is an ordinary word
    capitalised ("However"), has a digit ("RM8.05") or starts with a legal form is not a name.
    A listed name that ends in an organization found and holds no other is the whole name
    ("Asuransi Umum BCA" among "BCA Finance, BCA Syariah, ..."), unless it starts a sentence
    or with a function word or a job title, or holds a place."""
    text = _doc_text(article.doc)
    kinds = {(start, end): kind for start, end, kind, _ in spans}
    organizations = Spans((start, end) for start, end, kind, _ in spans if kind == "ORG")
    found_orgs = {(start, end) for start, end, kind, _ in spans if kind == "ORG"}
    grown: set[tuple[int, int]] = set()  # organizations a listed name holds at its end
    found: list[tuple[int, int, str, str]] = []
    for listed in _LIST.finditer(text):
        items = [item.span() for item in _LIST_ITEM.finditer(text, *listed.span())]
        if any(kinds.get(item, "ORG") != "ORG" for item in items):
            continue
        named = [item for item in items if organizations.overlaps(*item)]
        if len(named) < 2:
            continue
        for start, end in items:
            word = text[start:end]
            # "Asuransi Umum BCA" listed with BCA's subsidiaries: the whole name, not the
            # "BCA" that ends it
            inside = [(s, e) for s, e in found_orgs if start <= s and e <= end]
            if (
                len(inside) == 1
                and start < inside[0][0]
                and inside[0][1] == end
                and start not in article.sentence_starts  # "Dilansir TechCrunch, Softbank ..."
                and not any(w in article.loc_texts for w in text[start : inside[0][0]].split())
                and text[start : inside[0][0]].split()[0].lower() not in article.function_words
                and not _titled(text[start : inside[0][0]].split())
                and not any(organizations.overlaps(s, e) for s, e in _outside(start, end, inside))
                and not legal_forms.is_form(word.split()[0])
                and article.doc.char_span(start, end) is not None
            ):
                grown.add(inside[0])
                taken.remove(*inside[0])
                taken.add(start, end)
                found.append((start, end, "ORG", "ner"))
                continue
            if (
                (start, end) in named
                or taken.overlaps(start, end)
                or word.lower() in article.lower_words
                or word.lower() in article.function_words
                or any(ch.isdigit() for ch in word)  # an amount ("RM8.05"), a model
                or legal_forms.is_form(word.split()[0])  # the end of a name ("(Malaysia) Bhd")
                or article.doc.char_span(start, end) is None
            ):
                continue
            taken.add(start, end)
            found.append((start, end, "ORG", "ner"))
    return [span for span in spans if span[:2] not in grown] + found


def _titled(words: Sequence[str]) -> bool:
    """Whether words start with a job title ("Sekretaris Jenderal PBB", "Direktur ...")."""
    return any(" ".join(words[:n]).lower() in _titles() for n in range(1, min(len(words), 3) + 1))


def _outside(start: int, end: int, inside: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) outside the spans `inside` (sorted, within it)."""
    parts, at = [], start
    for s, e in sorted(inside):
        if s > at:
            parts.append((at, s))
        at = e
    if at < end:
        parts.append((at, end))
    return parts


def _shared_heads(
    article: _Article,
    spans: Sequence[tuple[int, int, str, str]],
    taken: Spans,
    legal_forms: LegalForms,
) -> list[tuple[int, int, str, str]]:
    """Names ending in the same two capitalised words as two or more organizations the model
    found, where nothing was found: with "Alor Setar City Council" and "Manjung City Council"
    found, "Kuala Kangsar City Council" is one too, even run on after another ("Alor Setar City
    Council Kuala Kangsar City Council"). The name reaches back over capitalised words, not over
    a legal form, a function word ("The") or a name already found. Only in languages that end a
    name with its head (`_NAMES_GROW_AROUND`); a place is no head ("Jawa Timur")."""
    doc, text = article.doc, _doc_text(article.doc)
    if doc.lang_ not in _NAMES_GROW_AROUND:
        return list(spans)
    heads: dict[str, set[str]] = {}
    for start, end, kind, _ in spans:
        words = text[start:end].split()
        if kind == "ORG" and len(words) >= 3 and " ".join(words[-2:]) not in article.loc_texts:
            tail = words[-2:]
            if all(_name_word(w) and not legal_forms.is_form(w) for w in tail):
                heads.setdefault(" ".join(tail), set()).add(" ".join(words[:-2]))
    found: list[tuple[int, int, str, str]] = []
    for head, names in heads.items():
        if len(names) < 2:
            continue
        at = text.find(head)
        while at >= 0:
            end = at + len(head)
            occurrence = doc.char_span(at, end)
            first = occurrence.start if occurrence is not None else 0
            while (
                first > 0
                and _capitalised(doc[first - 1])
                and not legal_forms.is_form(doc[first - 1].text)
                and doc[first - 1].text.lower() not in article.function_words
                and not taken.overlaps(doc[first - 1].idx, doc[first - 1].idx + 1)
            ):
                first -= 1
            if occurrence is not None and first < occurrence.start and not taken.overlaps(at, end):
                start = doc[first].idx
                taken.add(start, end)
                found.append((start, end, "ORG", "ner"))
            at = text.find(head, end)
    return [*spans, *found]


#: A word written with two or more capitals, a candidate acronym ("GWI", "DNeX", "YBKU").
_CAPITALISED_TWICE = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b")


def _short_names(
    article: _Article,
    spans: Sequence[tuple[int, int, str, str]],
    taken: Spans,
    kb: KnowledgeBase,
) -> list[tuple[int, int, str, str]]:
    """The spans, with later mentions of an organization named with a legal form by a short name:
    the leading word(s) of its name before the form ("Censof" of "Censof Holdings Bhd", "MTT" of
    "MTT Properties and Development Sdn Bhd") or an acronym of it (`acronym_of`: "DNeX" of
    "Dagang NeXchange Bhd"), as news writes them after the full name (the whole name without its
    form, "PricewaterhouseCoopers" of "PricewaterhouseCoopers LLP", anywhere). They are added
    where nothing was found, and are organizations where the model took them for a person
    ("Censof group managing director") or, for the whole name without its form ("KPower" of
    "KPower Bhd"), for a place less often than for anything else. A short name standing in a
    longer capitalised name ("Censof Group"), one the article writes in lower case, as a place or
    in a person's full name, a word that heads many names ("Bank") and an acronym that fits two of
    the article's names are left out; a leading word two names share ("Selgate" of "Selgate
    Healthcare Sdn Bhd" and "Selgate Care Sdn Bhd") is an organization's, and linking tells
    neither it is theirs."""
    doc, text = article.doc, _doc_text(article.doc)
    legal_forms = kb.legal_forms
    kinds: dict[str, Counter[str]] = {}
    for start, end, kind, _ in spans:
        kinds.setdefault(text[start:end], Counter())[kind] += 1
    person_words = {word for name in article.per_texts if " " in name for word in name.split()}
    heads = kb.leading_name_words()
    groups = _group_words()
    shorts: dict[str, int] = {}  # short name -> where the first name it shortens starts
    longs: dict[str, int] = {}  # name written with a legal form -> where it first starts

    def place(short: str, whole: bool) -> bool:
        votes = kinds.get(short, Counter())
        return votes["LOC"] > 0 and (not whole or 2 * votes["LOC"] >= votes.total())

    for start, end, kind, _ in spans:
        name = text[start:end]
        words = legal_name_words(name, legal_forms, groups) if kind == "ORG" else None
        if words is None:
            continue
        longs[name] = min(start, longs.get(name, start))
        core = words[0]
        for size in range(1, len(core) + 1):
            short = " ".join(core[:size])
            if not all(_name_word(word) for word in core[:size]):
                break
            lower = short.lower()
            if (
                short in person_words
                or place(short, size == len(core))
                or (
                    size == 1
                    and (
                        len(short) < 2
                        or lower in article.lower_words
                        or lower in heads
                        or lower in article.function_words
                    )
                )
            ):
                continue
            # the whole name without its form is the name wherever it stands; a shorter one
            # only after the full name
            shorts[short] = 0 if size == len(core) else min(start, shorts.get(short, start))
    if not longs:
        return list(spans)
    first = min(longs.values())
    for found in _CAPITALISED_TWICE.finditer(text, first):
        word = found[0]
        if (
            word in shorts
            or word in person_words
            or place(word, False)
            or not acronym_like(word)
            or word.lower() in _titles()
        ):
            continue
        named = [name for name in longs if acronym_of(word, name, legal_forms)]
        if len({normalize_name(name) for name in named}) == 1:
            shorts[word] = longs[named[0]]
    result = [
        (start, end, "ORG" if shorts.get(text[start:end], end) < start else kind, via)
        for start, end, kind, via in spans
    ]
    for short, after in sorted(shorts.items(), key=lambda item: (-len(item[0]), item[0])):
        at = text.find(short, after)
        while at >= 0:
            end = at + len(short)
            occurrence = doc.char_span(at, end)
            if (
                occurrence is not None
                and not taken.overlaps(at, end)
                and _standing_alone(article, occurrence, legal_forms)
            ):
                taken.add(at, end)
                result.append((at, end, "ORG", "ner"))
            at = text.find(short, end)
    return result


#: Characters that join a word to the next into one name ("Nano-Satellite", "AT&T").
_JOINERS = frozenset("-–&/")


#: A stock ticker written bare after a listed company's name ("PT Medco Energi Internasional
#: Tbk MEDC"): four capital letters.
_TICKER = re.compile(r"[A-Z]{4}")


def _tickers_joined(
    doc: Doc, spans: list[tuple[int, int, str, str]], kb: KnowledgeBase
) -> list[tuple[int, int, str, str]]:
    """A company's name ending in a legal form ("Tbk") and its ticker right after it, found as
    two organizations, made one mention of the name with its ticker, as news annotation has it:
    the ticker must be the same known organization's (its ``ticker``, or a name it goes by)."""
    text = _doc_text(doc)
    by_start = {start: (end, kind) for start, end, kind, _ in spans}
    joined: dict[int, int] = {}
    dropped: set[int] = set()
    for start, end, kind, _ in spans:
        if kind != "ORG" or not kb.legal_forms.is_form(text[start:end].rsplit(" ", 1)[-1]):
            continue
        after = by_start.get(end + 1)
        if after is None or after[1] != "ORG" or text[end : end + 1] != " ":
            continue
        ticker = text[end + 1 : after[0]]
        company = kb.lookup(text[start:end])
        if (
            _TICKER.fullmatch(ticker) is None
            or company is None
            or not (
                (company.ticker or "").rpartition(":")[2] == ticker or kb.lookup(ticker) == company
            )
        ):
            continue
        joined[start] = after[0]
        dropped.add(end + 1)
    return [
        (start, joined.get(start, end), kind, via)
        for start, end, kind, via in spans
        if start not in dropped
    ]


def _standing_alone(article: _Article, words: Span, legal_forms: LegalForms) -> bool:
    """Whether words stand as a name of their own, not inside a longer capitalised one: the word
    after is not capitalised (bar a legal form) nor a number ("Liga 1"), the word before does not
    start the name (`_name_before`), and no hyphen joins them to the words after."""
    doc, text = article.doc, _doc_text(article.doc)
    if _name_before(article, words) or text[words.end_char : words.end_char + 1] in _JOINERS:
        return False
    if words.end < len(doc):
        after = doc[words.end]
        if (_capitalised(after) and not legal_forms.is_form(after.text)) or after.text[
            :1
        ].isdigit():
            return False
    return True


def _name_before(article: _Article, words: Span) -> bool:
    """Whether the word before words is part of the same name: capitalised (bar a function word,
    "The", and a sentence's first word the article writes in lower case too) or joined to them by
    a hyphen ("Nano-Satellite Systems")."""
    doc, text = article.doc, _doc_text(article.doc)
    if text[words.start_char - 1 : words.start_char] in _JOINERS:
        return True
    if words.start > 0:
        before = doc[words.start - 1]
        lower = before.text.lower()
        ordinary = lower in article.function_words or (
            before.idx in article.sentence_starts and lower in article.lower_words
        )
        return _capitalised(before) and not ordinary
    return False


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

    @staticmethod
    def _article_view(
        doc: Doc, starts: set[int], found: Sequence[tuple[int, int, str, object]]
    ) -> _Article:
        texts: dict[str, set[str]] = {"ORG": set(), "PER": set(), "LOC": set()}
        for start, end, kind, _ in found:
            texts[kind].add(_doc_text(doc)[start:end])
        return _Article(
            doc=doc,
            sentence_starts=starts,
            lower_words=_lower_words(doc),
            function_words=_function_words(doc.lang_),
            org_texts=texts["ORG"],
            per_texts=texts["PER"],
            per_words={word for name in texts["PER"] for word in name.split()},
            loc_texts=texts["LOC"],
        )

    def _with_mentions(self, article: Article, doc: Doc) -> Article:
        return dataclasses.replace(article, mentions=self._mentions(article, doc))

    def _mentions(self, article: Article, doc: Doc) -> tuple[Mention, ...]:
        gazetteer = self._gazetteer(article.language) if article.language else None
        starts = {s.start for s in article.sentences}
        matches = gazetteer.matches(doc, starts) if gazetteer is not None else []
        found: list[tuple[int, int, str, KnownOrganization | None]] = []
        for ent in doc.ents:
            kind = _KINDS.get(ent.label_)
            if kind is None:
                continue
            start, end = _clean_edges(ent, self.kb.legal_forms)
            known = self.kb.lookup(ent.text)
            if known is None and gazetteer is not None:
                start, end = gazetteer.trim(ent, start, end)
                known = self.kb.lookup(article.text[start:end])
            # "Komisi Pengawas Persaingan Usaha (KPPU)" stays one mention, as the model found it:
            # linking reads the name and the acronym in it.
            found.append((start, end, kind, known if known and known.kind == "ORG" else None))
        view = self._article_view(doc, starts, found)
        found = _split_at_verbs(view, _split_acronym_heads(doc, found, self.kb), self.kb)
        found = _split_known_pairs(view, found, self.kb)
        found = _reshape(view, found, self.kb)
        found = _governments(doc, _grown_names(doc, found, self.kb))
        # Organizations the article names without doubt: by an unambiguous name, or as an ORG the
        # model found.
        named = gazetteer.named(matches) if gazetteer is not None else set()
        named.update(known.id for _, _, kind, known in found if known and kind == "ORG")
        # A name written with a legal form is an organization's, however the model cut or labelled
        # it ("Century Software (Malaysia) Sdn Bhd" over the model's "Century Software"), unless
        # the model found something across its edges.
        for legal_start, legal_end in _legal_names(doc, self.kb):
            inside = [f for f in found if legal_start <= f[0] and f[1] <= legal_end]
            if any(f[0] < legal_end and legal_start < f[1] for f in found if f not in inside):
                continue
            found = [f for f in found if f not in inside]
            known = self.kb.lookup(_doc_text(doc)[legal_start:legal_end])
            found.append(
                (legal_start, legal_end, "ORG", known if known and known.kind == "ORG" else None)
            )
        spans: list[tuple[int, int, str, str]] = []
        for start, end, kind, known in found:
            # A model span that names a known organization is an ORG whatever the model called it,
            # when the name means the organization as written or the article names it elsewhere:
            # "Putrajaya" alone is a city, "Ma" a name and not "MA".
            # A person's or a place's name written as only an organization's is one ("Gan
            # Kapital", "Rumah123").
            if (
                known is not None
                and (known.id in named or self.kb.lookup_as_written(article.text[start:end]))
            ) or (kind != "ORG" and _shaped_as_organization(article.text[start:end], kind)):
                kind = "ORG"
            spans.append((start, end, kind, "ner"))
        spans = without_titles(article.text, spans, self.kb)
        taken = Spans((s, e) for s, e, _, _ in spans)
        spans += _web_names(doc, taken)
        if self.settings.gazetteer and gazetteer is not None:
            for start, end in gazetteer.spans(doc, starts, named, matches):
                if not taken.overlaps(start, end):
                    spans.append((start, end, "ORG", "kb"))
                    taken.add(start, end)
            spans += _clitic_names(article.text, doc.lang_, taken, self.kb)
        spans = _bracketed_names(doc, spans, taken, self.kb.legal_forms)
        view = self._article_view(doc, starts, spans)
        spans = _appositive_names(view, spans, taken)
        spans += _repeated(doc, spans, taken)
        spans = _listed_names(view, spans, taken, self.kb.legal_forms)
        spans = _shared_heads(view, spans, taken, self.kb.legal_forms)
        spans = _short_names(view, spans, taken, self.kb)
        spans = _without_citing_words(view, spans)
        spans = _organizations_throughout(doc, spans)
        spans = _people_throughout(view, spans, self.kb)
        spans = _people_by_context(view, spans, self.kb)
        spans = _people_by_given_name(view, spans, self.kb)
        spans = _lower_case_words_trimmed(view, spans, self.kb)
        spans = _without_ordinary_words(view, spans, self.kb)
        spans = _without_non_organizations(view, spans, self.kb)
        spans = _without_events(view, spans, self.kb)
        spans = _tickers_joined(doc, spans, self.kb)
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

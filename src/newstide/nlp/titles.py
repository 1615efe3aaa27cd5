"""Organization spans that swallowed a person's title, rank or name, cut back to the organization.

Indonesian news names an official as job title, organization, rank, name: "Kepala Bidang Humas
Polda Metro Jaya Komisaris Besar Polisi Argo Yuwono", "Analis Mandiri Sekuritas Hadiansyah",
"Kepala Polresta Denpasar Komisaris Besar Hadi Purnomo". The model often tags the whole run, or
its middle, as one organization. These rules, run on the entity stage's spans, cut such a span:

* at a rank or title inside it, followed by capitalised words: what comes before is the
  organization, the words after the rank a person ("Polda Jawa Barat Inspektur Jenderal Anton
  Charliyan" -> ORG "Polda Jawa Barat", PER "Anton Charliyan");
* at a title that opens it: "Kepala Perwakilan Bank Dunia" -> "Bank Dunia";
* at an amount's currency it ran into: "Universitas Negeri Surabaya Rp165 miliar";
* and they grow a span over an institution's prefix the model left out: "Polda" of "Polda Metro
  Jaya", "Kodam" of "Kodam Jaya".

The words are data: `data/entities/roles.toml` (``titles``, ``ranks``, ``posts``) and
`data/entities/heads.toml` (``institution_prefixes``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from newstide.nlp.kb import KnowledgeBase
from newstide.nlp.wordlists import entity_words, organization_words

Span = tuple[int, int, str, str]

#: A word as the rules see it: letters, digits and the marks inside names.
_WORD = re.compile(r"[^\s,;:()\"“”]+")
#: A capitalised word of a personal name ("Argo", "Rafli", "O'Neil").
_NAME_WORD = re.compile(r"[A-Z][a-zA-Z'’.-]*")
#: An acronym, no personal name ("RI" of "Bawaslu RI Abhan Misbah").
_ACRONYM = re.compile(r"[A-Z]{2,}")
#: A currency before an amount: "Rp", "US$".
_CURRENCY = re.compile(r"(?:Rp|US\$|\$|RM|S\$)")
#: At most this many words of a title or a rank.
_TITLE_WORDS = 4
#: At most this many words of a person's name after a rank.
_NAME_WORDS = 4


@cache
def _titles() -> frozenset[str]:
    """Casefolded titles, ranks, posts and public-relations divisions, each one to
    `_TITLE_WORDS` words."""
    return (
        entity_words("roles.toml", "titles")
        | entity_words("roles.toml", "ranks")
        | entity_words("roles.toml", "posts")
        | entity_words("roles.toml", "divisions")
    )


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of ``text[start:end]`` with their char offsets."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def _title_at(words: list[tuple[int, int, str]], index: int) -> int:
    """How many words, from ``words[index]``, make the longest title or rank (0 if none)."""
    titles = _titles()
    for size in range(min(_TITLE_WORDS, len(words) - index), 0, -1):
        phrase = " ".join(w for _, _, w in words[index : index + size]).casefold()
        if phrase in titles:
            return size
    return 0


def _personal(words: list[tuple[int, int, str]], kb: KnowledgeBase) -> bool:
    """Whether words are shaped as a personal name: one to four capitalised words, none a legal
    form or a word of organizations' names ("Bank", "Sekuritas", "Holdings"), and together not
    the name of a known organization."""
    if not 1 <= len(words) <= _NAME_WORDS:
        return False
    if not all(_NAME_WORD.fullmatch(w) for _, _, w in words) or _ACRONYM.fullmatch(words[0][2]):
        return False
    organizational = kb.leading_name_words() | organization_words()
    names = " ".join(w for _, _, w in words)
    return kb.lookup(names) is None and not any(
        kb.legal_forms.is_form(w) or w.casefold() in organizational for _, _, w in words
    )


def _organization(words: list[tuple[int, int, str]], kb: KnowledgeBase) -> str | None:
    """How words name an organization by themselves: ``"known"`` (the knowledge base's), ``"end"``
    (ending in an organization's word: "Mandiri Sekuritas"), ``"legal"`` (written with a legal
    form: "PT PP"); None when they do not."""
    name = " ".join(w for _, _, w in words)
    if kb.lookup(name) is not None:
        return "known"
    if len(words) > 1 and _ACRONYM.fullmatch(words[-1][2]) and kb.lookup(name.rsplit(" ", 1)[0]):
        return "known"  # "Bawaslu RI", "Kemlu AS"
    if len(words) > 1 and words[-1][2].casefold() in organization_words():
        return "end"
    forms = [kb.legal_forms.is_form(w) for _, _, w in words]
    return "legal" if any(forms) and not all(forms) else None


def _cut(text: str, span: Span, kb: KnowledgeBase) -> list[Span]:
    """One model ORG span without the titles, ranks and names it swallowed."""
    start, end, kind, via = span
    whole = words = _words(text, start, end)
    if not words:
        return [span]
    # a title that opens the span, or that stands right before it, names a person's post: the
    # span may end in that person's name ("Analis Mandiri Sekuritas Hadiansyah", "Direktur
    # Utama PT PP Tumiyana")
    opening = _title_at(words, 0)
    if 0 < opening < len(words) and any(
        w.casefold() not in organization_words() for _, _, w in words[opening:]
    ):
        words = words[opening:]  # not "Founder Institute"
        if _personal(words, kb) and not _organization(words, kb):
            # a rank or a title and a name alone: a person ("Bripka DR", "AKBP Johanes")
            return [(words[0][0], end if words[-1] == whole[-1] else words[-1][1], "PER", via)]
    else:
        opening = 0
    before = _words(text, max(0, start - 40), start)
    titled = bool(opening) or any(
        _title_at(before, index) == len(before) - index for index in range(len(before))
    )
    found: list[Span] = []
    also_names = entity_words("roles.toml", "name_words_too")
    for index in range(1, len(words)):
        # a rank or a title inside it, then a personal name to its end, or nothing
        size = _title_at(words, index)
        rest = words[index + size :]
        if size == 1 and words[index][2].casefold() in also_names:
            continue
        if size and (not rest or _personal(rest, kb)):
            if rest:
                found.append((rest[0][0], rest[-1][1], "PER", via))
            words = words[:index]
            break
    else:
        # after a post, an organization's name the span starts with, then a personal name: the
        # longest name known or ending as one ("Mandiri Sekuritas"), else the shortest written
        # with its legal form and followed by two names or more ("PT Railink" of "PT Railink Heru
        # Kuswanto")
        splits = {
            index: how
            for index in range(1, len(words) if titled else 0)
            if (how := _organization(words[:index], kb)) and _personal(words[index:], kb)
        }
        strong = [index for index, how in splits.items() if how != "legal"]
        # a legal form's name may end in words shaped as a name ("PT Mediatama Binakreasi"): a
        # person after one has two names at least
        legal = [i for i, how in splits.items() if how == "legal" and i < len(words) - 1]
        index = max(strong) if strong else min(legal, default=0)
        if index:
            found.append((words[index][0], words[-1][1], "PER", via))
            words = words[:index]
    # an amount's currency the span ran into: "Universitas Negeri Surabaya Rp|165 miliar"
    while (
        len(words) > 1
        and _CURRENCY.fullmatch(words[-1][2])
        and re.match(r"\s?\d", text[words[-1][1] : words[-1][1] + 2])
    ):
        words = words[:-1]
    if not words:
        return found
    # an edge not cut stays where it was (a closing bracket is no word)
    first = start if words[0] == whole[0] else words[0][0]
    last = end if words[-1] == whole[-1] else words[-1][1]
    return [(first, last, kind, via), *found]


def _grown(text: str, span: Span, prefixes: frozenset[str]) -> Span:
    """A span grown over the institution prefix right before it ("Polda" of "Polda Metro
    Jaya")."""
    start, end, kind, via = span
    before = re.search(r"([A-Z][A-Za-z]+)\s+$", text[max(0, start - 20) : start])
    if before is not None and before.group(1).casefold() in prefixes:
        return (start - len(before.group(0)), end, kind, via)
    return span


def without_titles(text: str, spans: Sequence[Span], kb: KnowledgeBase) -> list[Span]:
    """The spans with every model ORG span cut back to its organization (see the module).

    Args:
        text: The article's text; spans are char offsets into it.
        spans: (start, end, kind, via) of the entity stage; ``via == "ner"`` is the model's.
        kb: The knowledge base: its organizations and legal forms are no personal names.

    Returns:
        The spans, sorted; a person cut from an organization's span is a PER span of its own.
    """
    prefixes = entity_words("heads.toml", "institution_prefixes")
    result: list[Span] = []
    cut_people: set[Span] = set()
    for span in spans:
        if span[2] != "ORG" or span[3] != "ner" or kb.lookup(text[span[0] : span[1]]):
            result.append(span)
            continue
        for cut in _cut(text, span, kb):
            if cut[2] == "ORG":
                result.append(_grown(text, cut, prefixes))
            else:
                result.append(cut)
                cut_people.add(cut)
    return _joined_people(text, sorted(result), cut_people)


def _joined_people(text: str, spans: list[Span], cut_people: set[Span]) -> list[Span]:
    """A person cut from an organization's span and a PER span right after it, a space between,
    are one name ("Polri Irjen Boy" cut to "Boy", then the model's "Rafli Amar")."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last in cut_people
            and span[2] == "PER"
            and last[1] < span[0]
            and not text[last[1] : span[0]].strip(" ")
        ):
            joined[-1] = (last[0], span[1], "PER", last[3])
        else:
            joined.append(span)
    return joined

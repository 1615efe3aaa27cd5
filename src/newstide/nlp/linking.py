"""Linking: every mention gets a canonical entity, the same one across articles.

Organizations are looked up in the knowledge base by normalised name or alias (legal forms such
as PT, Tbk, Inc. dropped). Within an article, a shorter form of a name already seen ("Telkom" after
"PT Telkom Indonesia", "Altman" after "Sam Altman") and an acronym of it ("BRI" after "Bank Rakyat
Indonesia", "DNeX" after "Dagang NeXchange Bhd") join that entity, unless it fits two ("Selgate"
after "Selgate Corporation" and "Selgate Healthcare"); a mention written "Name (ACRONYM)" is
looked up by both and makes both stand for its entity later in the article. Whatever is left
becomes an entity of its own with an id made from its normalised name, so "Mitra Adiperkasa
Tbk" in one article and "PT Mitra Adiperkasa" in another are one entity.

A product the model took for an organization is linked to its maker: one the knowledge base
lists ("Bixby" → Samsung), a known maker's name followed by product words and model numbers
("Google Assistant", "Intel Core i7", from ``data/entities/products.toml``), or a maker's name
grown into one word with a capitalised product name ("GrabPay", "GrabHitch").
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from newstide.nlp.kb import (
    KnowledgeBase,
    KnownOrganization,
    LegalForms,
    entity_id_for_unknown,
    normalize_name,
)
from newstide.nlp.wordlists import entity_words
from newstide.pipeline import stage
from newstide.records import Article, Entity, Mention

_NAME_AND_ACRONYM = re.compile(r"(?P<name>\S.*?)\s*\((?P<acronym>[^()\s][^()]{0,20})\)")


def name_and_acronym(text: str) -> tuple[str, str] | None:
    """The name and the acronym of a mention written "Name (ACRONYM)" ("Komisi Pengawas
    Persaingan Usaha (KPPU)"), or None; a bracketed legal form ("PT Pertamina (Persero)") is part
    of the name, not an acronym."""
    found = _NAME_AND_ACRONYM.fullmatch(text.strip())
    if found is None or not normalize_name(found["acronym"]):
        return None
    return found["name"], found["acronym"]


def _product_words() -> frozenset[str]:
    """Words that make a maker's name a product's ("Assistant"), from ``products.toml``."""
    return entity_words("products.toml", "words")


#: Shortest maker's name grown into a product's in one word ("Grab" of "GrabPay"; "Go" is not).
_MIN_GROWN_NAME = 3


def _model_number(word: str) -> bool:
    """A model or version number ("i7", "625", "8550U", "x360")."""
    return any(ch.isdigit() for ch in word)


def product_owner(kb: KnowledgeBase, text: str) -> KnownOrganization | None:
    """The maker of the product an ORG mention names, or None when it names no product.

    A product the knowledge base lists ("Bixby", "Snapdragon 625" with its model number); a
    known organization's name followed only by product words and model numbers ("Google
    Assistant", "Intel Core i7"); or a first word that grows a known name by a capitalised part
    ("GrabPay", "GrabPay Indonesia") where the knowledge base does not know the word.

    Args:
        kb: The knowledge base.
        text: The mention as written.
    """
    words = text.split()
    for size in range(len(words), 0, -1):
        if all(_model_number(word) for word in words[size:]):
            owner = kb.product_owner(" ".join(words[:size]))
            if owner is not None:
                return owner
    for size in range(len(words) - 1, 0, -1):
        rest = words[size:]
        if not any(word.casefold() in _product_words() for word in rest) or not all(
            word.casefold() in _product_words() or _model_number(word) for word in rest
        ):
            continue
        maker = kb.lookup(" ".join(words[:size]))
        if maker is not None and maker.kind == "ORG":
            return maker
    first = words[0] if words else ""
    if kb.lookup(first) is not None:
        return None
    for cut in range(_MIN_GROWN_NAME, len(first) - 1):
        if first[cut].isupper() and first[cut - 1].islower():
            maker = kb.lookup(first[:cut])
            # written as the maker writes its name ("Grab" of "GrabPay", not "Line" of "Linear")
            if maker is not None and first[:cut] in maker.surfaces:
                return maker
    return None


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalnum())


@lru_cache(maxsize=1 << 12)
def legal_name_words(
    name: str, legal_forms: LegalForms, groups: frozenset[str] = frozenset()
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The words of a name written with a legal form: those before the form, after any that leads
    ("Dagang NeXchange" of "Dagang NeXchange Bhd", "Maju Jaya" of "PT Maju Jaya Tbk", "Century
    Software" of "Century Software (Malaysia) Sdn Bhd"), and all of them but a leading form; None
    when no legal form leads the name or follows a name word. `groups`, casefolded words that
    name a group of companies ("group", "grup"), count as forms ("Express" of "Express Group",
    "Astra" of "Grup Astra")."""
    words = name.split()

    def form(word: str) -> bool:  # as written in a name: "Company", not "company"
        return not word.islower() and (legal_forms.is_form(word) or word.casefold() in groups)

    lead = 0
    while lead < len(words) and form(words[lead]):
        lead += 1
    words = words[lead:]
    end = next(
        (i for i, word in enumerate(words) if form(word) or word.startswith("(")), len(words)
    )
    if end == 0 or not (lead or any(form(word) for word in words[end:])):
        return None
    return tuple(words[:end]), tuple(words)


def _capitals(text: str) -> str:
    return "".join(ch for ch in text if ch.isupper())


def _initials(words: Sequence[str]) -> str:
    return "".join(first for word in words if (first := word.strip("()")[:1]).isupper())


def acronym_like(word: str) -> bool:
    """A word written as an acronym: two or more capitals, as many as lower-case letters ("GWI",
    "DNeX"; not "SilTerra")."""
    capitals = len(_capitals(word))
    return " " not in word and capitals >= 2 and capitals >= sum(ch.islower() for ch in word)


def acronym_of(short: str, name: str, legal_forms: LegalForms) -> bool:
    """Whether an acronym-like word stands for a name written with a legal form: its capitals
    are the name's capitals or its words' initials, with or without the legal form ("DNeX" of
    "Dagang NeXchange Bhd", "HEB" of "HSS Engineers Bhd", "YBKU" of "YBK Usahasama Sdn Bhd"),
    its letters in the name's order."""
    words = legal_name_words(name, legal_forms)
    if words is None or not acronym_like(short):
        return False
    core, full = words
    named = list(itertools.takewhile(lambda word: not legal_forms.is_form(word), full))
    capitals = _capitals(short)
    if capitals not in {
        _capitals(" ".join(core)),
        _initials(core),
        _initials(named),
        _initials(full),
    }:
        return False
    letters = iter(" ".join(full).casefold())
    return short[0].casefold() == core[0][0].casefold() and all(
        ch in letters for ch in short.casefold() if ch.isalnum()
    )


def _is_short_form(short: str, long: str) -> bool:
    """Whether `short` names what `long` names: its leading or trailing words, or its acronym."""
    if short == long or not short:
        return False
    short_words, long_words = short.split(), long.split()
    n = len(short_words)
    if n < len(long_words) and (long_words[:n] == short_words or long_words[-n:] == short_words):
        return True
    return len(short) >= 2 and " " not in short and short == _acronym(long) and len(long_words) > 1


#: A name seen earlier in an article: its kind, normalised name, entity id and text as written.
_Seen = tuple[str, str, str, str]

_BRACKET_GAP = re.compile(r"(?:'s|’s)?\s*\(")


def _bracketed_after(article: Article) -> list[tuple[int, int]]:
    """``(i, j)`` where ORG mention j is a name in brackets right after ORG mention i."""
    orgs = sorted(
        (i for i, m in enumerate(article.mentions) if m.kind == "ORG"),
        key=lambda i: article.mentions[i].start,
    )
    pairs = []
    for i, j in itertools.pairwise(orgs):
        first, second = article.mentions[i], article.mentions[j]
        gap = article.text[first.end : second.start]
        if _BRACKET_GAP.fullmatch(gap) and article.text[second.end : second.end + 1] == ")":
            pairs.append((i, j))
    return pairs


@stage("linking", requires=("mentions",), assigns=("mentions", "entities"), nlp=True)
class EntityLinker:
    """Assigns each mention its ``entity_id`` and the article its ``entities``.

    Args:
        kb: The knowledge base of organizations.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, article: Article) -> Article:
        resolved: dict[int, str] = {}
        names: dict[str, Counter[str]] = {}
        kinds: dict[str, str] = {}
        seen: list[_Seen] = []  # longest first
        order = sorted(range(len(article.mentions)), key=lambda i: -len(article.mentions[i].text))
        for i in order:
            mention = article.mentions[i]
            entity_id = self._link(mention, seen)
            resolved[i] = entity_id
            kinds[entity_id] = mention.kind
            names.setdefault(entity_id, Counter())[mention.text] += 1
        for i, j in _bracketed_after(article):
            # "GW Intech Sdn Bhd (GWI)": the bracketed name, wherever the article uses it, is
            # the organization named before it, unless the knowledge base knows it otherwise.
            old, new = resolved[j], resolved[i]
            if old != new and self.kb.get(old) is None:
                for k, entity_id in resolved.items():
                    if entity_id == old:
                        resolved[k] = new
                        names.setdefault(new, Counter()).update({article.mentions[k].text: 1})
                names.pop(old, None)
        mentions = tuple(
            dataclasses.replace(m, entity_id=resolved[i]) for i, m in enumerate(article.mentions)
        )
        entities = tuple(
            self._entity(entity_id, kinds[entity_id], surfaces)
            for entity_id, surfaces in sorted(names.items())
        )
        return dataclasses.replace(article, mentions=mentions, entities=entities)

    def _link(self, mention: Mention, seen: list[_Seen]) -> str:
        if mention.entity_id:
            return mention.entity_id
        # "Bursa Efek Indonesia (BEI)": one mention naming the organization twice
        split = name_and_acronym(mention.text) if mention.kind == "ORG" else None
        parts = [mention.text] if split is None else list(split)
        known = None
        if mention.kind == "ORG":
            known = next(filter(None, map(self.kb.lookup, [mention.text, *parts])), None)
        if known is None and mention.kind == "ORG":
            known = product_owner(self.kb, mention.text)
        if known is not None:
            entity_id = known.id
        else:
            entity_id = self._earlier(mention, parts, seen) or entity_id_for_unknown(
                parts[0], mention.kind
            )
        # the name and the acronym both stand for it later in the article ("BEI")
        seen.extend((mention.kind, normalize_name(part), entity_id, part) for part in parts)
        return entity_id

    def _earlier(self, mention: Mention, parts: list[str], seen: list[_Seen]) -> str:
        """The entity a longer name seen before stands for, when the mention writes the same name,
        or a short form of it (`_is_short_form`, `acronym_of`) that fits no other organization: a
        short name two organizations share ("Selgate" of "Selgate Healthcare" and "Selgate
        Care") is neither's. A person's or a place's goes to the longest name it fits ("Trump"
        after "Donald Trump" and "President Trump")."""
        keys = [normalize_name(part) for part in parts]
        same = [entity for kind, other, entity, _ in seen if kind == mention.kind and other in keys]
        if same:
            return same[0]
        shorter = {
            entity
            for kind, other, entity, written in seen
            if kind == mention.kind
            for part, normalised in zip(parts, keys, strict=True)
            if _is_short_form(normalised, other)
            or (
                kind == "ORG"
                and acronym_like(part)
                and acronym_of(part, written, self.kb.legal_forms)
            )
        }
        if mention.kind != "ORG":  # "Trump" after "Donald Trump" and "President Trump"
            return next((entity for _, _, entity, _ in seen if entity in shorter), "")
        return shorter.pop() if len(shorter) == 1 else ""

    def _entity(self, entity_id: str, kind: str, surfaces: Counter[str]) -> Entity:
        known = self.kb.get(entity_id)
        if known is not None:
            return Entity(entity_id, known.name, "ORG", tuple(sorted(surfaces)), known.ticker)
        # An unknown entity is called by its longest surface form, the fullest name the text gives
        # (without an acronym in brackets after it).
        names: Counter[str] = Counter()
        for surface, count in surfaces.items():
            split = name_and_acronym(surface) if kind == "ORG" else None
            names[surface if split is None else split[0]] += count
        name = max(names, key=lambda s: (len(s), names[s]))
        return Entity(entity_id, name, kind, tuple(sorted(surfaces)))

"""References and roles: "kedua perusahaan" and "the tech giant" resolved to the organizations they
point back to; "Sam Altman, CEO OpenAI" read as a person's role at an organization.

Both are rules over the linked mentions, with their phrases in data files
(``data/entities/references.toml``, ``roles.toml``). A reference resolves to the most recent
organization(s) named before it within ``entities.reference_window`` sentences that fit what the
phrase prefers (a startup for "startup tersebut", a tech company for "the tech giant"); it is left
alone where nothing fits, rather than guessed.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from newstide.nlp.entities import Spans, sentence_of
from newstide.nlp.kb import KnowledgeBase
from newstide.nlp.wordlists import entity_data, entity_words
from newstide.pipeline import stage
from newstide.records import Article, Mention, Role
from newstide.settings import EntitySettings

#: Knowledge-base types of organizations that report on or govern businesses rather than being
#: the business an article is about ("Bursa Malaysia has rejected SCIB's request ... The company
#: said" is SCIB).
_NOT_BUSINESSES = frozenset({"regulator", "ministry", "government", "exchange", "international"})


@dataclass(frozen=True, slots=True)
class _Reference:
    pattern: re.Pattern[str]
    count: int
    type: str | None
    sector: str | None
    main_only: bool = False


@cache
def _references(language: str) -> tuple[_Reference, ...]:
    entries = entity_data("references.toml").get(language, [])
    assert isinstance(entries, list)
    return tuple(
        _Reference(
            re.compile(rf"\b(?:{e['pattern']})\b", re.IGNORECASE),
            int(e["count"]),
            e.get("type"),
            e.get("sector"),
            bool(e.get("main_only", False)),
        )
        for e in entries
    )


def _public_body_words() -> frozenset[str]:
    """Words that make a name a public body's (``references.toml``), casefolded."""
    return entity_words("references.toml", "public_body_words")


@cache
def _titles() -> re.Pattern[str]:
    titles = entity_data("roles.toml")["titles"]
    assert isinstance(titles, list)
    alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?:{alternation})", re.IGNORECASE)


@stage(
    "references",
    requires=("text", "language", "sentences", "mentions", "entities"),
    assigns=("mentions", "roles"),
    nlp=True,
)
class ReferenceResolver:
    """Adds ``mentions`` for resolved descriptive references, and assigns ``roles``.

    Args:
        settings: The ``[entities]`` settings (reference window, role gap).
        kb: The knowledge base, for what kind of organization each entity is.
    """

    def __init__(self, settings: EntitySettings, kb: KnowledgeBase) -> None:
        self.settings = settings
        self.kb = kb

    def __call__(self, article: Article) -> Article:
        references = self._resolve(article)
        mentions = tuple(
            sorted(
                (*article.mentions, *references), key=lambda m: (m.start, m.end, m.entity_id or "")
            )
        )
        return dataclasses.replace(article, mentions=mentions, roles=self._roles(article))

    # --- references -------------------------------------------------------------------------

    def _fits(self, entity_id: str, reference: _Reference) -> bool:
        known = self.kb.get(entity_id)
        if reference.type is None and reference.sector is None:
            return True
        if known is None:
            return False
        if reference.type is not None and known.type != reference.type:
            return False
        return (
            reference.sector is None
            or known.sector == reference.sector
            or (
                reference.sector == "tech"
                and known.sector in ("ai", "chips", "internet", "software")
            )
        )

    def _main_organization(self, organizations: list[Mention]) -> Mention | None:
        """The organization an article is about, as its first mention: the first one its first
        sentence naming an organization names (a news outlet aside), when the article names it
        again and it is a business (not a regulator, a ministry or an exchange reporting on one);
        else the one it names most often, at least twice (the earliest of those named as often).

        Args:
            organizations: The article's linked organization mentions, sorted by start.
        """
        public = {m.entity_id for m in organizations if not self._business(m)}
        counts = Counter(m.entity_id for m in organizations if m.entity_id not in public)
        if not counts:
            return None
        # not the outlet that signs the dateline ("Jakarta, CNN Indonesia - - PT PP ...")
        lead = next((m for m in organizations if not self._outlet(m)), organizations[0])
        if counts[lead.entity_id] >= 2:
            return lead
        most = max(counts.values())
        if most < 2:
            return None
        return next(m for m in organizations if counts[m.entity_id] == most)

    def _outlet(self, mention: Mention) -> bool:
        """Whether the knowledge base knows an organization mention as a news outlet."""
        known = self.kb.get(mention.entity_id or "")
        return known is not None and known.type == "media"

    def _business(self, mention: Mention) -> bool:
        """Whether an organization mention may name a business: not one the knowledge base
        knows as a public body, nor one whose name says it is one ("Sabah Forestry Department",
        and so its other names: "SFD")."""
        known = self.kb.get(mention.entity_id or "")
        if known is not None:
            return known.type not in _NOT_BUSINESSES
        return not _public_body_words().intersection(mention.text.casefold().split())

    def _resolve(self, article: Article) -> list[Mention]:
        organizations = sorted(
            (m for m in article.mentions if m.kind == "ORG" and m.entity_id), key=lambda m: m.start
        )
        main = self._main_organization(organizations)
        taken = Spans((m.start, m.end) for m in article.mentions)
        found: list[Mention] = []
        for reference in _references(article.language or ""):
            generic = reference.count == 1 and reference.type is None and reference.sector is None
            for match in reference.pattern.finditer(article.text):
                start, end = match.span()
                if taken.overlaps(start, end):
                    continue
                sentence = sentence_of(article.sentences, start)
                if generic and main is not None and main.start < start:
                    # "the company" is the company the article is about, not the bank or the
                    # customer named nearer to it ("Maybank, CIMB and RHB Bank were among the
                    # company's creditors")
                    antecedents = [main.entity_id or ""]
                elif reference.main_only:
                    continue  # "Perseroan": the issuer, or no one
                else:
                    antecedents = self._antecedents(organizations, start, sentence, reference)
                if len(antecedents) < reference.count:
                    continue
                taken.add(start, end)
                found.extend(
                    Mention(
                        start, end, article.text[start:end], "ORG", sentence, entity_id, "reference"
                    )
                    for entity_id in antecedents
                )
        return found

    def _antecedents(
        self, organizations: list[Mention], start: int, sentence: int, reference: _Reference
    ) -> list[str]:
        """The most recent distinct organizations before `start` that fit the reference.

        Args:
            organizations: The article's linked organization mentions, sorted by start.
        """
        window = sentence - self.settings.reference_window
        chosen: list[str] = []
        fallback: list[str] = []
        before = bisect.bisect_left([m.start for m in organizations], start)
        for mention in reversed(organizations[:before]):
            if mention.sentence < window:
                break
            if mention.entity_id is None:
                continue
            if mention.entity_id not in fallback:
                fallback.append(mention.entity_id)
            if mention.entity_id not in chosen and self._fits(mention.entity_id, reference):
                chosen.append(mention.entity_id)
            if len(chosen) == reference.count:
                break
        if len(chosen) < reference.count and reference.type is None and reference.sector is None:
            chosen = fallback[: reference.count]
        return chosen[: reference.count]

    # --- roles --------------------------------------------------------------------------------

    def _roles(self, article: Article) -> tuple[Role, ...]:
        roles: dict[tuple[str, str], Role] = {}
        by_sentence: dict[int, list[Mention]] = {}
        for mention in article.mentions:
            if mention.kind in ("ORG", "PER") and mention.entity_id:
                by_sentence.setdefault(mention.sentence, []).append(mention)
        for mentions in by_sentence.values():
            mentions.sort(key=lambda m: m.start)
            for i, person in enumerate(mentions):
                if person.kind != "PER" or person.entity_id is None:
                    continue
                for role in self._roles_of(article.text, person, mentions[:i], mentions[i + 1 :]):
                    roles.setdefault((role.person, role.organization), role)
        return tuple(roles.values())

    def _roles_of(
        self, text: str, person: Mention, before: list[Mention], after: list[Mention]
    ) -> list[Role]:
        found = []
        gap = self.settings.role_gap_words
        organizations_after = [m for m in after if m.kind == "ORG"]
        if organizations_after:
            # "Sam Altman, CEO OpenAI" / "Satya Nadella, chief executive of Microsoft"
            organization = organizations_after[0]
            between = text[person.end : organization.start]
            title = self._title(between, leading_comma=True, gap=gap)
            if title:
                found.append(self._role(person, organization, title))
        organizations_before = [m for m in before if m.kind == "ORG"]
        if organizations_before:
            # "CEO OpenAI Sam Altman" / "OpenAI's chief executive, Sam Altman"
            organization = organizations_before[-1]
            head = text[max(0, organization.start - 60) : organization.start]
            tail = text[organization.end : person.start]
            adjacent = not tail.strip(" ,")
            title = (self._title(head, at_end=True, gap=gap) if adjacent else None) or self._title(
                tail, possessive=True, gap=gap
            )
            if title:
                found.append(self._role(person, organization, title))
        return found

    @staticmethod
    def _role(person: Mention, organization: Mention, title: str) -> Role:
        assert person.entity_id is not None and organization.entity_id is not None
        return Role(person.entity_id, organization.entity_id, title, person.sentence)

    def _title(
        self,
        between: str,
        *,
        gap: int,
        leading_comma: bool = False,
        at_end: bool = False,
        possessive: bool = False,
    ) -> str | None:
        titles = _titles()
        if leading_comma:
            # ", CEO " or ", chief executive of " or " (Direktur Utama "
            words = rf"(?:\s+\S+){{0,{gap}}}?"
            match = re.fullmatch(
                rf"\s*[,(]\s*({titles.pattern}){words}\s*(?:of|at|di|dari)?\s*", between, re.I
            )
            return match.group(1) if match else None
        if at_end:
            # "... CEO " right before the organization (nothing but the title between)
            match = re.search(rf"\b({titles.pattern})\s*$", between, re.I)
            return match.group(1) if match else None
        if possessive:
            # "'s chief executive, " / " (its) CEO "
            match = re.fullmatch(rf"\s*(?:'s|’s)?\s*({titles.pattern})\s*,?\s*", between, re.I)
            return match.group(1) if match else None
        return None

"""Interaction extraction: triggers paired with the organizations around them, sentence by sentence.

For each sentence, the participants are its organization mentions (descriptive references already
resolved to names), and people whose role at an organization the article states ("Sam Altman, CEO
OpenAI, said ..." acts for OpenAI). Each trigger the lexicon finds picks its pair by position:

* an agent marked by "oleh" / "by" is the actor, whatever the order;
* a directed trigger takes the nearest organization before it as the actor and the nearest after
  it as the target (swapped for passive forms such as "diakuisisi oleh");
* with nothing before it, "TRIGGER X di/in Y" reads X acts on Y ("kepemilikan saham Microsoft di
  OpenAI");
* a symmetric trigger pairs the nearest organizations on either side, or the two nearest on one
  side ("Microsoft dan OpenAI bermitra", "ketegangan antara Microsoft dan OpenAI").

Each (a, b, type) is kept once per article, with its most confident evidence sentence.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from newstide.interactions.lexicon import Lexicon, Trigger
from newstide.interactions.modality import modality
from newstide.pipeline import stage
from newstide.records import Article, Interaction
from newstide.settings import InteractionSettings

#: Types where one side acts on the other (GUIDELINES.md): a invests in, acquires, supplies,
#: hires from, or sues b.
DIRECTED = frozenset({"investment", "acquisition", "supply", "talent", "legal"})
_AGENT_RE = re.compile(r"\b(?:oleh|by)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Participant:
    start: int  # char offsets in the sentence
    end: int
    entity: str
    via: str


def _nearest_before(participants: list[_Participant], offset: int) -> list[_Participant]:
    return sorted((p for p in participants if p.end <= offset), key=lambda p: -p.end)


def _nearest_after(participants: list[_Participant], offset: int) -> list[_Participant]:
    return sorted((p for p in participants if p.start >= offset), key=lambda p: p.start)


def _distinct(people: list[_Participant]) -> list[_Participant]:
    seen: set[str] = set()
    out = []
    for p in people:
        if p.entity not in seen:
            seen.add(p.entity)
            out.append(p)
    return out


@stage(
    "interactions",
    requires=("text", "language", "sentences", "mentions", "entities", "roles"),
    assigns=("interactions",),
    nlp=True,
)
class InteractionExtractor:
    """Assigns ``interactions``: typed, toned, evidenced interactions between organizations.

    Args:
        settings: The ``[interactions]`` settings (confidence scoring).
    """

    def __init__(self, settings: InteractionSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        if article.language is None:
            return article
        lexicon = Lexicon.load(article.language)
        acting_for = {r.person: r.organization for r in article.roles}
        best: dict[tuple[str, str, str], Interaction] = {}
        for sentence in article.sentences:
            text = article.text[sentence.start : sentence.end]
            participants = self._participants(article, sentence.index, sentence.start, acting_for)
            if len({p.entity for p in participants}) < 2:
                continue
            for trigger in lexicon.triggers(text):
                pair = self._pair(trigger, participants, text)
                if pair is None:
                    continue
                found = self._interaction(trigger, pair, text, sentence.index, sentence.start, article)
                key = (
                    (found.a, found.b, found.type)
                    if found.directed
                    else (min(found.a, found.b), max(found.a, found.b), found.type)
                )
                if key not in best or found.confidence > best[key].confidence:
                    best[key] = found
        interactions = tuple(sorted(best.values(), key=lambda i: (i.sentence, i.start, i.type)))
        return dataclasses.replace(article, interactions=interactions)

    @staticmethod
    def _participants(
        article: Article, index: int, offset: int, acting_for: dict[str, str]
    ) -> list[_Participant]:
        participants = []
        for mention in article.mentions:
            if mention.sentence != index or not mention.entity_id:
                continue
            if mention.kind == "ORG":
                entity = mention.entity_id
            elif mention.kind == "PER" and mention.entity_id in acting_for:
                entity = acting_for[mention.entity_id]
            else:
                continue
            participants.append(
                _Participant(mention.start - offset, mention.end - offset, entity, mention.via)
            )
        return participants

    def _pair(
        self, trigger: Trigger, participants: list[_Participant], text: str
    ) -> tuple[_Participant, _Participant] | None:
        before = _distinct(_nearest_before(participants, trigger.start))
        after = _distinct(_nearest_after(participants, trigger.end))
        agents = [p for p in after + before if _AGENT_RE.search(text[: p.start])]
        if trigger.type in DIRECTED:
            if agents:
                agent = agents[0]
                others = [p for p in after + before if p.entity != agent.entity]
                return (agent, others[0]) if others else None
            if before and after:
                first, second = before[0], next((p for p in after if p.entity != before[0].entity), None)
                if second is None:
                    return None
                return (first, second) if trigger.direction != "object" else (second, first)
            if len(after) >= 2 and not before:
                return after[0], after[1]
            return None
        if before and after:
            other = next((p for p in after if p.entity != before[0].entity), None)
            return (before[0], other) if other else None
        side = before if len(before) >= 2 else after
        if len(side) >= 2:
            first, second = sorted(side[:2], key=lambda p: p.start)
            return first, second
        return None

    def _interaction(
        self,
        trigger: Trigger,
        pair: tuple[_Participant, _Participant],
        text: str,
        index: int,
        offset: int,
        article: Article,
    ) -> Interaction:
        first, second = pair
        directed = trigger.type in DIRECTED
        a, b = first.entity, second.entity
        if not directed and b < a:
            a, b = b, a
        span = max(first.end, second.end, trigger.end) - min(first.start, second.start, trigger.start)
        confidence = self.settings.base_confidence - self.settings.distance_penalty * max(
            0, span - self.settings.free_span_chars
        ) / 100
        if "reference" in (first.via, second.via):
            confidence -= self.settings.reference_penalty
        assert article.language is not None
        return Interaction(
            a=a,
            b=b,
            type=trigger.type,
            tone=trigger.tone,
            directed=directed,
            modality=modality(text, trigger.start, article.language),
            confidence=round(min(1.0, max(self.settings.min_confidence, confidence)), 3),
            sentence=index,
            start=offset,
            end=offset + len(text),
        )

"""Interaction extraction: triggers paired with the organizations around them, sentence by sentence.

For each sentence, the participants are its organization mentions (descriptive references already
resolved to names), and people whose role at an organization the article states ("Sam Altman, CEO
OpenAI, said ..." acts for OpenAI). Each trigger the lexicon finds picks its pair by position:

* an agent marked by "oleh" / "by" is the actor, and a target marked by the type's preposition
  ("merekrut ... dari X", "berinvestasi di X", "a lawsuit against X") is acted on, whatever the
  order (``data/interactions/markers.toml``);
* otherwise a directed trigger takes the nearest organization before it as the actor and the
  nearest after it as the target (swapped for passive forms such as "diakuisisi");
* with nothing before it, "TRIGGER X di/in Y" reads X acts on Y ("kepemilikan saham Microsoft di
  OpenAI");
* a symmetric trigger takes a coordinated pair first ("ketegangan antara Microsoft dan OpenAI",
  "Microsoft dan OpenAI bermitra"), else the nearest organizations on either side of it.

Each (a, b, type) is kept once per article, with its most confident evidence sentence (the
strongest statement among equals).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from newstide.interactions.lexicon import Lexicon, Trigger
from newstide.interactions.modality import modality
from newstide.pipeline import stage
from newstide.records import Article, Interaction
from newstide.settings import InteractionSettings

#: Types where one side acts on the other (GUIDELINES.md): a invests in, acquires, supplies,
#: hires from, or sues b.
DIRECTED = frozenset({"investment", "acquisition", "supply", "talent", "legal"})


@dataclass(frozen=True, slots=True)
class _Markers:
    agent: re.Pattern[str]
    between: re.Pattern[str]
    opens: re.Pattern[str]
    joined: re.Pattern[str]
    target: dict[str, re.Pattern[str]]


def _before_name(words: list[str], gap: int) -> re.Pattern[str]:
    """Matches text ending in one of `words`, then at most `gap` more words, right before a name."""
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:^|\W)(?:{alternation})(?:\s+\S+){{0,{gap}}}\s+$", re.IGNORECASE)


@cache
def _markers() -> _Markers:
    path = resources.files("newstide").joinpath("data/interactions/markers.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    gap = int(data["gap"])
    conjunctions = "|".join(re.escape(w) for w in data["and"])
    return _Markers(
        agent=_before_name(data["agent"], gap),
        between=_before_name(data["between"], gap),
        opens=re.compile(
            rf"\s+(?:{'|'.join(re.escape(w) for w in data['between'])})\s+", re.IGNORECASE
        ),
        joined=re.compile(rf"\s*,?\s*(?:{conjunctions})\s+|\s*,\s*", re.IGNORECASE),
        target={kind: _before_name(words, gap) for kind, words in data["target"].items()},
    )


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


def _group(member: _Participant, participants: list[_Participant], text: str) -> list[_Participant]:
    """The coordinated list a participant stands in ("X, Y dan Z"), itself alone if none."""
    joined = _markers().joined
    ordered = sorted(participants, key=lambda p: p.start)
    at = ordered.index(member)
    first = last = at
    while first > 0 and joined.fullmatch(text, ordered[first - 1].end, ordered[first].start):
        first -= 1
    while last + 1 < len(ordered) and joined.fullmatch(
        text, ordered[last].end, ordered[last + 1].start
    ):
        last += 1
    return ordered[first : last + 1]


def _expanded(
    pair: tuple[_Participant, _Participant], participants: list[_Participant], text: str
) -> list[tuple[_Participant, _Participant]]:
    """A pair spread over the lists its sides stand in: every member of a coordinated subject
    ("Sunway University, Sunway iLabs and Daikin signed ...") pairs with every other, and each
    side's list pairs with the other side ("X invests in Y and Z": X-Y, X-Z)."""
    first, second = pair
    left, right = _group(first, participants, text), _group(second, participants, text)
    if left == right:
        pairs = [(p, q) for i, p in enumerate(left) for q in left[i + 1 :]]
    else:
        pairs = [(p, q) for p in left for q in right]
    return [(p, q) for p, q in pairs if p.entity != q.entity] or [pair]


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
            triggers = [
                t
                for t in lexicon.triggers(text)
                # a word inside a name ("PT Investasi ...", "East Ventures") is no trigger
                if not any(p.start <= t.start and t.end <= p.end for p in participants)
            ]
            for trigger in triggers:
                pair = self._pair(trigger, participants, text, triggers)
                if pair is None:
                    continue
                for each in _expanded(pair, participants, text):
                    found = self._interaction(
                        trigger, each, text, sentence.index, sentence.start, article
                    )
                    key = (
                        (found.a, found.b, found.type)
                        if found.directed
                        else (min(found.a, found.b), max(found.a, found.b), found.type)
                    )
                    # The best evidence: the most confident, then the strongest statement.
                    if key not in best or (found.confidence, abs(found.tone)) > (
                        best[key].confidence,
                        abs(best[key].tone),
                    ):
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
        self,
        trigger: Trigger,
        participants: list[_Participant],
        text: str,
        triggers: list[Trigger],
    ) -> tuple[_Participant, _Participant] | None:
        markers = _markers()
        participants = self._unclaimed(trigger, participants, text, triggers)
        before = _distinct(_nearest_before(participants, trigger.start))
        after = _distinct(_nearest_after(participants, trigger.end))
        nearby = after + before

        def marked(p: _Participant, pattern: re.Pattern[str] | None) -> bool:
            return pattern is not None and bool(pattern.search(text, 0, p.start))

        def other(than: _Participant, among: list[_Participant]) -> _Participant | None:
            return next((p for p in among if p.entity != than.entity), None)

        if trigger.type in DIRECTED:
            agent = next((p for p in nearby if marked(p, markers.agent)), None)
            target = next(
                (
                    p
                    for p in nearby
                    if marked(p, markers.target.get(trigger.type))
                    and (agent is None or p.entity != agent.entity)
                ),
                None,
            )
            if agent and target:
                return agent, target
            if agent:
                found = other(agent, nearby)
                return (agent, found) if found else None
            if target:
                actor = other(target, before) or other(target, after)
                return (actor, target) if actor else None
            if before and after:
                second = other(before[0], after)
                if second is None:
                    return None
                return (before[0], second) if trigger.direction != "object" else (second, before[0])
            if len(after) >= 2 and not before:
                return after[0], after[1]
            return None
        ordered = sorted(participants, key=lambda p: p.start)
        joined = [
            (p, q)
            for p, q in pairwise(ordered)
            if p.entity != q.entity and markers.joined.fullmatch(text, p.end, q.start)
        ]
        for p, q in joined:  # "antara X dan Y", "between X and Y"
            if marked(p, markers.between):
                return p, q
        for p, q in joined:  # "X dan Y bermitra", "kemitraan X dan Y", "hubungan X dan Y memanas"
            inside = trigger.start <= p.start and q.end <= trigger.end
            if p.start >= trigger.end and before:
                break  # "X bekerja sama dengan Y dan Z": X pairs with the list, below
            if q.end <= trigger.start or p.start >= trigger.end or inside:
                return p, q
        if before and after:
            second = other(before[0], after)
            return (before[0], second) if second else None
        side = before if len(before) >= 2 else after
        if len(side) >= 2:
            first, second = sorted(side[:2], key=lambda p: p.start)
            return first, second
        return None

    @staticmethod
    def _unclaimed(
        trigger: Trigger, participants: list[_Participant], text: str, triggers: list[Trigger]
    ) -> list[_Participant]:
        """Participants not claimed by another trigger: in "ketegangan antara X dan Y ... bahwa
        persaingan ...", X and Y belong to "ketegangan", which they hang from."""
        markers = _markers()
        ordered = sorted(participants, key=lambda p: p.start)
        claimed: set[int] = set()
        for p, q in pairwise(ordered):
            owner = next(
                (
                    t
                    for t in triggers
                    if t.end <= p.start and markers.opens.fullmatch(text, t.end, p.start)
                ),
                None,
            )
            if (
                owner is not None
                and owner != trigger
                and markers.joined.fullmatch(text, p.end, q.start)
            ):
                claimed |= {p.start, q.start}
        return [p for p in participants if p.start not in claimed]

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
        span = max(first.end, second.end, trigger.end) - min(
            first.start, second.start, trigger.start
        )
        confidence = (
            trigger.confidence * self.settings.base_confidence
            - self.settings.distance_penalty * max(0, span - self.settings.free_span_chars) / 100
        )
        if "reference" in (first.via, second.via):
            confidence -= self.settings.reference_penalty
        assert article.language is not None
        return Interaction(
            a=a,
            b=b,
            type=trigger.type,
            tone=trigger.tone,
            directed=directed,
            modality=modality(text, trigger.start, article.language, trigger_end=trigger.end),
            confidence=round(min(1.0, max(self.settings.min_confidence, confidence)), 3),
            sentence=index,
            start=offset,
            end=offset + len(text),
        )

"""Constructions that pair organizations beyond a trigger's own pair: funding rounds, joint
ventures, majority stakes and the arms a party acts through.

`round_pairs` reads the investors joining a round an earlier sentence's subject raised ("The round
was led by X"); `venture_pairs` makes the partners of a joint venture named after its trigger its
holders; `buys_majority` tells an investment that buys more than half of a company (an
acquisition); `through_pairs` extends a pair to the organization a party acts for ("X, through
its healthcare arm Y, signed ..."). Their words are markers.toml's ``[round]``, ``[venture]``,
``[majority]`` and ``through``.
"""

from __future__ import annotations

import dataclasses
import re

from newstide.interactions.lexicon import DIRECTED, Trigger
from newstide.interactions.markers import (
    majority_markers,
    pairing_markers,
    round_markers,
    venture_markers,
)
from newstide.interactions.participants import Participant, group_of, nearest_before


def through_pairs(
    trigger: Trigger,
    pairs: list[tuple[Participant, Participant]],
    participants: list[Participant],
    text: str,
    triggers: list[Trigger],
) -> list[tuple[Participant, Participant]]:
    """The organization a party acts for: in "Selgate Corporation, through its healthcare arm
    Selgate Healthcare, signed an MoU with MTT", the partner of Selgate Healthcare is also that of
    Selgate Corporation (markers.toml `through`, then a relational noun of the lexicon)."""
    if trigger.relational:
        return []
    markers = pairing_markers()
    extra = []
    for first, second in pairs:
        # the actor of a directed pair, either side of a symmetric one
        sides = (
            [(first, second)] if trigger.type in DIRECTED else [(first, second), (second, first)]
        )
        for side, counterpart in sides:
            if side.end > trigger.start:
                continue  # the act follows the party: "X, through its arm Y, signed"
            # ("its" in "through its arm" is itself a pronoun standing for the holder)
            named = [p for p in participants if p.via != "pronoun"]
            holder = next(iter(nearest_before(named, side.start)), None)
            if holder is None or holder.entity in (side.entity, counterpart.entity):
                continue
            through = markers.through.match(text, holder.end, side.start)
            noun = next(
                (
                    t
                    for t in triggers
                    if t.relational and through and through.end() <= t.start and t.end <= side.start
                ),
                None,
            )
            if (
                through is None
                or noun is None
                or len(text[through.end() : noun.start].split()) > markers.gap
                or len(text[noun.end : side.start].split()) > 1
            ):
                continue
            extra.append((holder, counterpart) if side is first else (counterpart, holder))
    return extra


def venture_pairs(
    trigger: Trigger,
    pairs: list[tuple[Participant, Participant]],
    participants: list[Participant],
    text: str,
) -> list[tuple[Trigger, tuple[Participant, Participant]]]:
    """A joint venture named right after its trigger is held by its partners: in "Indosat dan XL
    membentuk usaha patungan bernama PT One Indonesia Synergy" each holds One Indonesia Synergy
    (GUIDELINES rule 6: investment, structural). markers.toml `[venture]`."""
    venture = venture_markers()
    if trigger.lemma not in venture.lemmas:
        return []
    named = venture.named.match(text, trigger.end)
    if named is None:
        return []
    held = next((p for p in participants if p.start == named.end()), None)
    partners = {p.entity: p for pair in pairs for p in pair}
    if held is None or held.entity in partners:
        return []
    owns = dataclasses.replace(trigger, type="investment", tone=0.0, direction="subject")
    return [(owns, (p, held)) for p in partners.values()]


def buys_majority(trigger: Trigger, text: str, triggers: list[Trigger]) -> bool:
    """An investment trigger that buys more than half of a company: its own lemma an act of buying
    ("acquire ... stake", "beli ... saham"), or an acquisition trigger right before it ("the
    acquisition of the 51 per cent equity stake in X"), with a majority share within `window` words
    (markers.toml `[majority]`). Holding a majority stake stays ownership (investment)."""
    if trigger.type != "investment":
        return False
    majority = majority_markers()
    buying = [
        t
        for t in triggers
        if t.type == "acquisition"
        and t.end <= trigger.start
        and len(text[t.end : trigger.start].split()) <= majority.window
        and not any(c in text[t.end : trigger.start] for c in ",;:()")
    ]
    if trigger.lemma not in majority.acts and not buying:
        return False
    start = min([trigger.start, *(t.start for t in buying)])
    end = trigger.end
    if trigger.lemma in majority.acts:
        # "... agreement with Y to acquire a 51 per cent stake": a few words on, in its clause
        on = re.match(rf"(?:[^\s;:]+\s+){{0,{2 * majority.window}}}", text[trigger.end :].lstrip())
        end = len(text) if on is None else trigger.end + 1 + on.end()
    return majority.share.search(text, start, end) is not None


def round_pairs(
    text: str, language: str, participants: list[Participant], subject: str
) -> list[tuple[Trigger, tuple[Participant, Participant]]]:
    """Investors joining the round an earlier sentence's subject raised: "Apart from X, A, B and C
    also participated in this seed financing round", "The round was led by X", "Turut
    berpartisipasi dalam putaran pendanaan kali ini A, B dan C" (markers.toml `[round]`).

    The investors are the list right before the verb, else the list right after the reference
    (Indonesian puts it last). Not when the sentence names the subject itself: then the round is
    the subject's own, and the triggers pair it."""
    markers = round_markers()
    reference = markers.reference.get(language)
    verbs = markers.verbs.get(language)
    if reference is None or verbs is None or any(p.entity == subject for p in participants):
        return []
    for ref in reference.finditer(text):
        for verb in verbs.finditer(text):
            start, end = min(ref.start(), verb.start()), max(ref.end(), verb.end())
            between = text[min(ref.end(), verb.end()) : max(ref.start(), verb.start())]
            if len(between.split()) > markers.gap or any(c in between for c in ",;:()"):
                continue
            before = [p for p in participants if p.end <= start]
            after = [p for p in participants if p.start >= end]
            if before and not any(c in text[before[-1].end : start] for c in ",;:()"):
                first = before[-1]
            elif after and not any(c in text[end : after[0].start] for c in ";:()"):
                first = after[0]
            else:
                continue
            trigger = Trigger(
                start=verb.start(),
                end=verb.end(),
                text=verb.group(),
                type="investment",
                tone=0.6,
                direction="subject",
                lemma="round",
            )
            held = Participant(ref.start(), ref.end(), subject, "pronoun")
            return [
                (trigger, (p, held))
                for p in group_of(first, participants, text, strict=True)
                if p.entity != subject
            ]
    return []

"""Modality of a trigger: is the interaction asserted, reported, speculative or denied?

GUIDELINES.md: ``asserted`` (stated as fact), ``reported`` (attributed to unnamed sources or other
outlets: "dikabarkan", "sources said"), ``speculative`` (plans, possibilities, rumours:
"berencana", "could"), ``denied`` (negated or denied: "tidak akan", "membantah", "denied").

The markers, their scope windows and the precedence between modalities are data
(``data/interactions/modality-{id,en}.toml``). Markers are exact words or phrases, matched longest
first so that a phrase can override the words inside it ("tidak menutup kemungkinan" is
speculative, "tak lama" is neutral). A marker counts for a trigger when it is within its group's
window before or after the trigger — and, for clause-bound groups, with no punctuation or boundary
word ("tetapi", "but", "which") between them.

Example:
    >>> sentence = "Microsoft membantah akan mengakuisisi OpenAI."
    >>> modality(sentence, sentence.index("mengakuisisi"), "id")
    'denied'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from newstide.interactions.lexicon import LANGUAGES, Token, tokenize

#: The modalities of GUIDELINES.md; ``asserted`` is the default.
MODALITIES = ("asserted", "reported", "speculative", "denied")


@dataclass(frozen=True, slots=True)
class _Group:
    modality: str  # one of MODALITIES, or "none" for neutral phrases
    before: int  # tokens before the trigger; -1 = anywhere
    after: int
    clause: bool


@dataclass(frozen=True, slots=True)
class _Marker:
    start: int  # token indices
    end: int
    group: _Group
    original: str  # the surface text as written (for case-sensitive markers)


@dataclass(frozen=True, slots=True)
class _Rules:
    precedence: tuple[str, ...]
    phrases: dict[str, list[tuple[tuple[str, ...], _Group]]]  # first word -> phrases, longest first
    case_sensitive: frozenset[str]
    boundary_chars: frozenset[str]
    boundary_words: frozenset[str]


def _rules_from(data: dict[str, Any], where: str) -> _Rules:
    precedence = tuple(data["precedence"])
    if not set(precedence) <= set(MODALITIES) - {"asserted"}:
        raise ValueError(f"{where}: precedence {precedence} names an unknown modality")
    phrases: dict[str, list[tuple[tuple[str, ...], _Group]]] = {}
    for raw in data["group"]:
        group = _Group(
            modality=raw["modality"],
            before=int(raw["before"]),
            after=int(raw["after"]),
            clause=bool(raw["clause"]),
        )
        if group.modality not in (*MODALITIES, "none"):
            raise ValueError(f"{where}: unknown modality {group.modality!r}")
        for marker in raw["markers"]:
            words = tuple(t.text for t in tokenize(marker))
            if not words:
                raise ValueError(f"{where}: empty marker {marker!r}")
            phrases.setdefault(words[0], []).append((words, group))
    for candidates in phrases.values():
        candidates.sort(key=lambda c: -len(c[0]))
    boundaries = data.get("boundaries", {})
    return _Rules(
        precedence=precedence,
        phrases=phrases,
        case_sensitive=frozenset(data.get("case_sensitive", ())),
        boundary_chars=frozenset(boundaries.get("punctuation", "")),
        boundary_words=frozenset(boundaries.get("words", ())),
    )


@cache
def _rules(language: str) -> _Rules:
    if language not in LANGUAGES:
        raise ValueError(f"no modality markers for language {language!r}; have {LANGUAGES}")
    name = f"modality-{language}.toml"
    path = resources.files("newstide").joinpath(f"data/interactions/{name}")
    return _rules_from(tomllib.loads(path.read_text(encoding="utf-8")), name)


@lru_cache(maxsize=4096)
def _analysed(sentence: str, language: str) -> tuple[tuple[Token, ...], tuple[_Marker, ...]]:
    """A sentence's tokens and its markers (longest first, not overlapping), cached per sentence:
    a sentence with several triggers is looked at once."""
    rules = _rules(language)
    tokens = tokenize(sentence)
    markers: list[_Marker] = []
    i = 0
    while i < len(tokens):
        for words, group in rules.phrases.get(tokens[i].text, ()):
            end = i + len(words)
            if end <= len(tokens) and all(
                tokens[i + k].text == word for k, word in enumerate(words[1:], 1)
            ):
                original = sentence[tokens[i].start : tokens[i].end]
                if tokens[i].text in rules.case_sensitive and not original.islower():
                    continue
                markers.append(_Marker(i, end, group, original))
                i = end
                break
        else:
            i += 1
    return tuple(tokens), tuple(markers)


def _separated(sentence: str, tokens: tuple[Token, ...], lo: int, hi: int, rules: _Rules) -> bool:
    """Whether a clause boundary lies between token ``lo`` (exclusive end) and token ``hi``."""
    start = tokens[lo - 1].end if lo > 0 else 0
    end = tokens[hi].start if hi < len(tokens) else len(sentence)
    if rules.boundary_chars.intersection(sentence[start:end]):
        return True
    return any(t.text in rules.boundary_words for t in tokens[lo:hi])


def modality(
    sentence: str, trigger_start: int, language: str, trigger_end: int | None = None
) -> str:
    """The modality of the trigger at ``trigger_start`` in a sentence.

    Args:
        sentence: The sentence text.
        trigger_start: Char offset of the trigger in ``sentence``.
        language: ``id`` or ``en``.
        trigger_end: Char offset just after the trigger (default: the end of the word at
            ``trigger_start``). Markers inside the trigger span are ignored.

    Returns:
        ``asserted``, ``reported``, ``speculative`` or ``denied``.
    """
    rules = _rules(language)
    tokens, markers = _analysed(sentence, language)
    first = next((k for k, t in enumerate(tokens) if t.end > trigger_start), len(tokens))
    if trigger_end is None:
        last = first + 1
    else:
        last = next((k for k, t in enumerate(tokens) if t.start >= trigger_end), len(tokens))
        last = max(last, first + 1)
    found: set[str] = set()
    for marker in markers:
        group = marker.group
        if group.modality == "none" or group.modality in found:
            continue
        if marker.end <= first:  # before the trigger
            distance, window = first - marker.end, group.before
            lo, hi = marker.end, first
        elif marker.start >= last:  # after it
            distance, window = marker.start - last, group.after
            lo, hi = last, marker.start
        else:  # inside it
            continue
        if window >= 0 and distance >= window:  # adjacent = distance 0 = within a window of 1
            continue
        if group.clause and _separated(sentence, tokens, lo, hi, rules):
            continue
        found.add(group.modality)
    return next((m for m in rules.precedence if m in found), "asserted")

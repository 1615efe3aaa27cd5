"""The language-specific lists the TL;DR writer reads: stopwords, furniture, datelines, credits.

They live in ``models/tldr/lexicon/{common,id,en}.toml`` (shipped beside the scorer's weights); a
language file adds to the common lists. The patterns are compiled once per language.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: Languages with a lexicon file; any other language falls back to English.
LEXICON_LANGUAGES = ("id", "en")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's lists, compiled."""

    language: str
    stopwords: frozenset[str]
    connectives: frozenset[str]
    furniture_start: re.Pattern[str]
    furniture_anywhere: re.Pattern[str]
    trailing: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    dateline_marks: re.Pattern[str]
    outlets: frozenset[str]

    def is_furniture(self, sentence: str) -> bool:
        """Whether a sentence is page furniture (credit, "Baca juga", ad slot, byline ...)."""
        return bool(
            self.furniture_start.match(sentence) or self.furniture_anywhere.search(sentence)
        )


def _read(name: str) -> dict[str, Any]:
    path = resources.files("newstide").joinpath(f"models/tldr/lexicon/{name}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching where any of `patterns` does (never, if none)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


@cache
def lexicon(language: str | None) -> Lexicon:
    """The lexicon for a language code (English for a language without its own file)."""
    code = language if language in LEXICON_LANGUAGES else "en"
    common, own = _read("common"), _read(code)

    def merged(key: str) -> list[Any]:
        return [*common.get(key, []), *own.get(key, [])]

    return Lexicon(
        language=code,
        stopwords=frozenset(merged("stopwords")),
        connectives=frozenset(merged("connectives")),
        furniture_start=_alternation([p for p in merged("furniture") if p.startswith("^")]),
        furniture_anywhere=_alternation([p for p in merged("furniture") if not p.startswith("^")]),
        trailing=tuple(re.compile(p) for p in merged("trailing")),
        dateline=re.compile(common["dateline"]),
        dateline_marks=re.compile(common["dateline_marks"]),
        outlets=frozenset(merged("outlets")),
    )

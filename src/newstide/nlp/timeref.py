"""When what a sentence reports happened: explicit earlier times in evidence sentences.

News retells old events as background. An October 2025 article on a new Microsoft–OpenAI deal
says "the deal follows a period of visible strain, from Microsoft naming OpenAI as a competitor in
2024 ..."; dated at the article's day, that strain would sit in the very month the relationship
recovered. The `EventDater` stage reads the time expressions of the sentences that state each
interaction ("pada Maret 2019", "in late 2023", "kuartal ketiga 2024", "22/7/2019", "tahun lalu",
"last year") and, when every one of them places it before the article's month, records the time
its evidence sentence names as the interaction's ``refers_to``: an ISO 8601 partial date,
``2024``, ``2024-Q3``, ``2024-03`` or ``2024-03-19``. A time that starts or ends a state still
holding when the article was written ("Sejak 2019, Azure berstatus penyedia cloud eksklusif
OpenAI", "since late 2023") is not an event time and is passed over.

`event_time` turns ``refers_to`` into the time a timeline places the interaction at: the start of
the month, quarter or day referred to, the article's own date when there is none, and no time at
all for a year alone (a retold event known only by its year is too vague to place among months;
it stays in the pair's interactions, off its timeline).

The expressions are data: ``data/time/expressions.toml``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from newstide.pipeline import stage
from newstide.records import Article

_YEAR = r"(?P<year>(?:19|20)\d{2})"
#: A year is no year inside an amount or a longer number ("US$2019", "2.019", "2019%").
_YEAR_END = r"(?![\d%]|[.,]\d)"
_FILLERS = frozenset({"pada", "tahun", "in", "the", "of", "di"})


@dataclass(frozen=True, slots=True)
class TimeRef:
    """One time expression in a text: its char span and the ISO 8601 (partial) date it names."""

    start: int
    end: int
    value: str


@dataclass(frozen=True, slots=True)
class _Patterns:
    months: dict[str, int]
    parts: dict[str, int]
    quarters: dict[str, int]
    relative: dict[str, tuple[int, int]]
    continuing: frozenset[str]
    absolute: tuple[tuple[str, re.Pattern[str]], ...]
    relative_re: re.Pattern[str]


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of words (longest first, spaces matching any whitespace)."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


@cache
def _patterns() -> _Patterns:
    path = resources.files("newstide").joinpath("data/time/expressions.toml")
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    months = {k.lower(): int(v) for k, v in data["months"].items()}
    parts = {k.lower(): int(v) for k, v in data["parts"].items()}
    quarters = {k.lower(): int(v) for k, v in data["quarters"].items()}
    relative = {
        k.lower(): (int(v.get("years", 0)), int(v.get("months", 0)))
        for k, v in data["relative"].items()
    }
    month = rf"(?P<month>{_alternatives(months)})\.?"
    quarter = rf"(?P<quarter>{_alternatives(quarters)}|[1-4])"
    flags = re.IGNORECASE
    absolute = (
        ("iso", re.compile(rf"\b{_YEAR}-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b")),
        ("dmy", re.compile(rf"(?<![\d/])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/{_YEAR}{_YEAR_END}")),
        ("day", re.compile(rf"\b(?P<d>\d{{1,2}})\s+{month}\s+{_YEAR}{_YEAR_END}", flags)),
        ("day", re.compile(rf"\b{month}\s+(?P<d>\d{{1,2}}),?\s+{_YEAR}{_YEAR_END}", flags)),
        ("month", re.compile(rf"\b{month},?\s+(?:of\s+|tahun\s+)?{_YEAR}{_YEAR_END}", flags)),
        (
            "quarter",
            re.compile(
                rf"\b(?:kuartal|triwulan)\s+(?:ke-?)?{quarter}\s+(?:tahun\s+)?{_YEAR}{_YEAR_END}",
                flags,
            ),
        ),
        (
            "quarter",
            re.compile(rf"\b(?:the\s+)?{quarter}\s+quarter\s+(?:of\s+)?{_YEAR}{_YEAR_END}", flags),
        ),
        ("quarter", re.compile(rf"\bQ(?P<quarter>[1-4])\s*{_YEAR}{_YEAR_END}", flags)),
        (
            "part",
            re.compile(
                rf"\b(?P<part>{_alternatives(parts)})[\s-]+(?:tahun\s+)?{_YEAR}{_YEAR_END}", flags
            ),
        ),
        ("year", re.compile(rf"(?<![\d$.,/-])\b(?:tahun\s+)?{_YEAR}{_YEAR_END}", flags)),
    )
    return _Patterns(
        months=months,
        parts=parts,
        quarters=quarters,
        relative=relative,
        continuing=frozenset(w.lower() for w in data["continuing"]["words"]),
        absolute=absolute,
        relative_re=re.compile(rf"\b(?:{_alternatives(relative)})\b", flags),
    )


def _value(kind: str, match: re.Match[str], p: _Patterns) -> str | None:
    """The ISO 8601 (partial) date a match names, or None when it names no real date."""
    year = int(match["year"])
    if kind == "year":
        return f"{year:04d}"
    if kind in ("quarter", "part"):
        if kind == "part":
            q = p.parts[" ".join(match["part"].lower().split())]
        else:
            word = match["quarter"].lower()
            q = int(word) if word.isdigit() else p.quarters[word]
        return f"{year:04d}-Q{q}"
    month = p.months[match["month"].lower()] if "month" in match.re.groupindex else int(match["m"])
    if kind == "month":
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, int(match["d"])).isoformat()
    except ValueError:  # 31/2/2024, 2024-13-01
        return None


def _continuing(text: str, start: int, p: _Patterns) -> bool:
    """Whether the words just before ``start`` make the time the start or end of a state."""
    words = re.findall(r"[^\W\d_]+", text[max(0, start - 40) : start].lower())
    while words and words[-1] in _FILLERS:
        words.pop()
    return bool(words) and words[-1] in p.continuing


def time_references(
    text: str, published: dt.datetime | None = None, language: str | None = None
) -> list[TimeRef]:
    """The time expressions of a text that name a time of an event, left to right.

    Args:
        text: A sentence.
        published: The article's date, which relative expressions ("tahun lalu") count back
            from; without it they are skipped.
        language: ``id`` reads ``22/7/2019`` as day/month/year; other languages skip slashed dates
            (in English news they are as often month/day/year).

    Returns:
        Non-overlapping references (the most specific expression wins), leaving out times that
        start or end a state ("sejak 2019", "since late 2023").
    """
    p = _patterns()
    # Every expression read, kept or not: a state's time ("sejak akhir 2023") must not leave its
    # year to be read again on its own.
    taken: list[tuple[TimeRef, bool]] = []

    def take(match: re.Match[str], value: str | None) -> None:
        start, end = match.span()
        if value and all(end <= t.start or start >= t.end for t, _ in taken):
            taken.append((TimeRef(start, end, value), not _continuing(text, start, p)))

    for kind, pattern in p.absolute:
        if kind != "dmy" or language == "id":
            for match in pattern.finditer(text):
                take(match, _value(kind, match, p))
    if published is not None:
        for match in p.relative_re.finditer(text):
            years, months = p.relative[" ".join(match.group().lower().split())]
            back = published.year * 12 + published.month - 1 - months
            take(match, f"{back // 12 - years:04d}" + (f"-{back % 12 + 1:02d}" if months else ""))
    return sorted((ref for ref, kept in taken if kept), key=lambda t: t.start)


def period_of(value: str) -> tuple[dt.date, dt.date]:
    """The days an ISO 8601 (partial) date covers: ``(first day, the day after the last)``."""
    year = int(value[:4])
    if len(value) == 4:
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if value[5] == "Q":
        first = (int(value[6]) - 1) * 3 + 1
        return dt.date(year, first, 1), _month_after(year, first + 2)
    month = int(value[5:7])
    if len(value) == 7:
        return dt.date(year, month, 1), _month_after(year, month)
    day = dt.date.fromisoformat(value)
    return day, day + dt.timedelta(days=1)


def _month_after(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1)


def earlier_reference(
    text: str, published: dt.datetime | None, language: str | None = None
) -> str | None:
    """The first time in ``text`` that lies wholly before the article's month, as ISO 8601.

    For an undated article the first time of all is taken: it is the best date there is.
    """
    refs = time_references(text, published, language)
    if published is None:
        return refs[0].value if refs else None
    month_start = dt.date(published.year, published.month, 1)
    for ref in refs:
        if period_of(ref.value)[1] <= month_start:
            return ref.value
    return None


def event_time(refers_to: str | None, published: dt.datetime | None) -> dt.datetime | None:
    """Where a timeline places an interaction: the start of the time it refers to (a month,
    quarter or day), else the article's date; None for a year alone or an undated article."""
    if refers_to is None:
        return published
    if len(refers_to) == 4:
        return None
    first = period_of(refers_to)[0]
    return dt.datetime(first.year, first.month, first.day)


@stage(
    "event_dates",
    requires=("text", "published", "sentences", "interactions"),
    assigns=("interactions",),
    nlp=True,
)
class EventDater:
    """Sets each interaction's ``refers_to``: the earlier time its evidence says it happened.

    An interaction stated in several sentences is retold only when every one of them places it
    earlier: "the next chapter of a partnership that began with an investment in 2019" is not
    old news in an article whose other sentences report the new agreement.
    """

    def __call__(self, article: Article) -> Article:
        if not article.interactions:
            return article
        spans = {s.index: (s.start, s.end) for s in article.sentences}
        read: dict[int, str | None] = {}

        def reference(index: int) -> str | None:
            if index not in read:
                start, end = spans[index]
                read[index] = earlier_reference(
                    article.text[start:end], article.published, article.language
                )
            return read[index]

        dated = []
        for interaction in article.interactions:
            stated = {*interaction.sentences, interaction.sentence}
            retold = stated <= spans.keys() and all(reference(i) is not None for i in stated)
            refers_to = reference(interaction.sentence) if retold else None
            dated.append(dataclasses.replace(interaction, refers_to=refers_to))
        return dataclasses.replace(article, interactions=tuple(dated))

"""When what a sentence reports happened: earlier times and standing states in evidence sentences.

News retells old events as background. An October 2025 article on a new Microsoft–OpenAI deal
says "the deal follows a period of visible strain, from Microsoft naming OpenAI as a competitor in
2024 ..."; dated at the article's day, that strain would sit in the very month the relationship
recovered. The `EventDater` stage reads the time expressions of the sentences that state each
interaction ("pada Maret 2019", "in late 2023", "kuartal ketiga 2024", "22/7/2019", "Mei lalu",
"tahun lalu", "last year") and, when every one of them places it before the article's month,
records the time its evidence sentence names as the interaction's ``refers_to``: an ISO 8601
partial date, ``2024``, ``2024-Q3``, ``2024-03`` or ``2024-03-19``.

A time that starts or ends a state is no event time. When every sentence stating an interaction
presents it as a state still holding at the article's date, ``refers_to`` records that instead,
as an ISO 8601-2 (EDTF) interval: ``2019/..`` for "Sejak 2019, Azure berstatus penyedia cloud
eksklusif OpenAI" or "since late 2023", ``../2025-10`` for one held all along ("selama ini",
"its long-running partnership"). A standing state is the article's news, so it stays at the
article's date, but a restatement is not a new event: a timeline's tone counts it less
(``analysis.standing_weight``).

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
    since: frozenset[str]
    until: frozenset[str]
    absolute: tuple[tuple[str, re.Pattern[str]], ...]
    relative_re: re.Pattern[str]
    last_month_re: re.Pattern[str]
    vague: frozenset[str]
    standing_re: re.Pattern[str]


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
        since=frozenset(w.lower() for w in data["standing"]["since"]),
        until=frozenset(w.lower() for w in data["standing"]["until"]),
        absolute=absolute,
        relative_re=re.compile(rf"\b(?:{_alternatives(relative)})\b", flags),
        last_month_re=re.compile(
            rf"\b(?:{_alternatives(data['last_month']['before'])})\s+{month}(?![\w-])"
            rf"|\b{month.replace('<month>', '<month_>')}\s+"
            rf"(?:{_alternatives(data['last_month']['after'])})\b",
            flags,
        ),
        vague=frozenset(w.lower() for w in data["vague"]["words"]),
        standing_re=re.compile(rf"\b(?:{_alternatives(data['standing']['words'])})\b", flags),
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


def _role(text: str, start: int, p: _Patterns) -> str:
    """What the time at ``start`` is to the sentence, by the words just before it: the start of a
    state (``since``), its end (``until``) or the time of an event (``event``)."""
    words = re.findall(r"[^\W\d_]+", text[max(0, start - 40) : start].lower())
    while words and words[-1] in _FILLERS:
        words.pop()
    last = words[-1] if words else ""
    return "since" if last in p.since else "until" if last in p.until else "event"


def _read(
    text: str, published: dt.datetime | None, language: str | None
) -> list[tuple[TimeRef, str]]:
    """Every time expression of ``text`` with its role (see `_role`), left to right."""
    p = _patterns()
    # Every expression read, whatever its role: a state's time ("sejak akhir 2023") must not
    # leave its year to be read again on its own.
    taken: list[tuple[TimeRef, str]] = []

    def take(match: re.Match[str], value: str | None) -> None:
        start, end = match.span()
        if value and all(end <= t.start or start >= t.end for t, _ in taken):
            taken.append((TimeRef(start, end, value), _role(text, start, p)))

    for kind, pattern in p.absolute:
        if kind != "dmy" or language == "id":
            for match in pattern.finditer(text):
                take(match, _value(kind, match, p))
    if published is not None:
        for match in p.last_month_re.finditer(text):
            name = match["month"] or match["month_"]
            if not name[0].isupper():
                continue  # "how long it will last may depend on ..."
            month = p.months[name.lower()]
            take(match, f"{published.year - (month >= published.month):04d}-{month:02d}")
        for match in p.relative_re.finditer(text):
            before = re.findall(r"[^\W_]+", text[max(0, match.start() - 20) : match.start()])
            if before and (before[-1].lower() in p.vague or before[-1].isdigit()):
                continue  # "beberapa tahun lalu": no particular year
            years, months = p.relative[" ".join(match.group().lower().split())]
            back = published.year * 12 + published.month - 1 - months
            take(match, f"{back // 12 - years:04d}" + (f"-{back % 12 + 1:02d}" if months else ""))
    return sorted(taken, key=lambda taken_ref: taken_ref[0].start)


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
        start or end a state ("sejak 2019", "since late 2023", "hingga 2030").
    """
    return [ref for ref, role in _read(text, published, language) if role == "event"]


def standing_reference(
    text: str, published: dt.datetime | None, language: str | None = None
) -> str | None:
    """The state ``text`` says still holds, as an interval of ISO 8601-2 (EDTF): ``2019/..`` for
    one held since a time it names ("sejak 2019", "since late 2023"), ``../2024-03`` for one held
    all along up to the article's month ("selama ini", "long-running"); None for neither.

    A start after the article's date is no start of a state that holds at that date, and a
    state named in a relative clause is not what the sentence states (see `_in_relative_clause`).
    """
    for ref, role in _read(text, published, language):
        if (
            role == "since"
            and not _in_relative_clause(text, ref.start)
            and (published is None or period_of(ref.value)[0] <= published.date())
        ):
            return f"{ref.value}/.."
    if published is not None and any(
        not _in_relative_clause(text, m.start()) for m in _patterns().standing_re.finditer(text)
    ):
        return f"../{published.year:04d}-{published.month:02d}"
    return None


#: Words opening a relative clause, and the marks that end the clause before one.
_RELATIVE = re.compile(r"\b(?:yang|which|who|whom|whose)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _in_relative_clause(text: str, start: int) -> bool:
    """Whether ``start`` lies in a relative clause: then what it qualifies is a noun of the
    sentence, not what the sentence states ("meredakan ketegangan yang membayangi kedua
    perusahaan sejak akhir 2023" eases a tension today; "Microsoft, which has backed OpenAI since
    2019, announced ..." reports an announcement)."""
    clause = _CLAUSE_BREAK.split(text[:start])[-1]
    return _RELATIVE.search(clause) is not None


def is_standing(refers_to: str | None) -> bool:
    """Whether a ``refers_to`` records a standing state (an interval) rather than a retold event."""
    return refers_to is not None and "/" in refers_to


def describe_reference(refers_to: str) -> str:
    """A ``refers_to`` in words: ``retells 2024-03``, ``a state since 2019``, or ``a standing
    state``."""
    if refers_to.endswith("/.."):
        return f"a state since {refers_to[:-3]}"
    if refers_to.startswith("../"):
        return "a standing state"
    return f"retells {refers_to}"


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
    if refers_to is None or is_standing(refers_to):
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
    """Sets each interaction's ``refers_to``: the earlier time its evidence says it happened, or
    the standing state it restates.

    An interaction stated in several sentences is retold only when every one of them places it
    earlier: "the next chapter of a partnership that began with an investment in 2019" is not
    old news in an article whose other sentences report the new agreement. Likewise it is a
    standing state only when every sentence stating it presents it as one, by its time words
    or, as the interaction extractor reads it, by naming the relation only as the setting of other
    news ("di luar kemitraannya dengan OpenAI"), which it keeps.
    """

    def __call__(self, article: Article) -> Article:
        if not article.interactions:
            return article
        spans = {s.index: (s.start, s.end) for s in article.sentences}
        read: dict[int, tuple[str | None, str | None]] = {}

        def reference(index: int) -> tuple[str | None, str | None]:
            """The sentence's earlier event time and the standing state it states."""
            if index not in read:
                start, end = spans[index]
                text = article.text[start:end]
                read[index] = (
                    earlier_reference(text, article.published, article.language),
                    standing_reference(text, article.published, article.language),
                )
            return read[index]

        dated = []
        for interaction in article.interactions:
            stated = {*interaction.sentences, interaction.sentence}
            # a standing state the extractor read (a relation named only as a setting) holds
            # unless the time words say more
            refers_to = interaction.refers_to if is_standing(interaction.refers_to) else None
            if stated <= spans.keys():
                for kind in (0, 1):  # retold first, then standing
                    if all(reference(i)[kind] is not None for i in stated):
                        refers_to = reference(interaction.sentence)[kind]
                        break
            dated.append(dataclasses.replace(interaction, refers_to=refers_to))
        return dataclasses.replace(article, interactions=tuple(dated))

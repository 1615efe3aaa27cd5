"""What every analysis reads through (a `Queryable`) and how its results are narrowed (`Filters`).

Analyses only need to run parameterised read queries, so they take anything with a
``query(sql, params)`` method: a `Store`, or the web server's per-request reader of a snapshot.
Filter values always travel as bound parameters; only fixed SQL fragments are formatted in.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newstide.errors import AnalysisInputError
from newstide.nlp.timeref import period_of
from newstide.settings import AnalysisSettings

#: Timeline periods and the DuckDB ``date_trunc`` part each one truncates to.
PERIODS = {"week": "week", "month": "month", "quarter": "quarter"}


def tone_weight(settings: AnalysisSettings) -> str:
    """SQL for how much an interaction ``i`` counts in a mean tone: its confidence, times the
    number of sentences of its article that state it (an article about a dispute that mentions
    the partnership once is mostly about the dispute), times the weight of its modality
    (speculative and denied ones count less, or not at all), times ``standing_weight`` when it
    restates a standing state rather than reporting an event (see `newstide.nlp.timeref`)."""
    speculative, denied = float(settings.speculative_weight), float(settings.denied_weight)
    standing = float(settings.standing_weight)
    return (
        f"(i.confidence * greatest(len(i.stated_in), 1) * CASE i.modality "
        f"WHEN 'speculative' THEN {speculative!r} WHEN 'denied' THEN {denied!r} ELSE 1.0 END "
        f"* CASE WHEN contains(coalesce(i.refers_to, ''), '/') THEN {standing!r} ELSE 1.0 END)"
    )


class Queryable(Protocol):
    """Anything that runs a read query with bound parameters and returns its rows."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


def parse_when(value: str | dt.date | None, *, end: bool = False) -> dt.datetime | None:
    """A filter bound as a naive UTC datetime; a bare date as ``until`` includes its whole day.

    Args:
        value: An ISO 8601 date or datetime (``2024``, ``2024-Q3``, ``2024-03`` and
            ``2024-03-19`` too), a `datetime.date`, or None.
        end: Whether this is an exclusive upper bound, so a date or partial date is moved to the
            start of the next day, month, quarter or year.

    Raises:
        AnalysisInputError: The value is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        stamp = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        return stamp
    if isinstance(value, dt.date):
        day = dt.datetime(value.year, value.month, value.day)
        return day + dt.timedelta(days=1) if end else day
    text = value.strip()
    try:
        if _PARTIAL_DATE.fullmatch(text):
            first, after = period_of(text)
            bound = after if end else first
            return dt.datetime(bound.year, bound.month, bound.day)
        return parse_when(dt.datetime.fromisoformat(text.replace("Z", "+00:00")), end=end)
    except ValueError as exc:
        raise AnalysisInputError(
            f"{value!r} is not a date", "use ISO 8601: 2024, 2024-Q3, 2024-03, 2024-03-19"
        ) from exc


#: The partial dates `period_of` reads: a year, quarter, month or day.
_PARTIAL_DATE = re.compile(r"\d{4}(?:-Q\d|-\d{2}(?:-\d{2})?)?")


def check_period(by: str) -> str:
    """The DuckDB ``date_trunc`` part for a timeline period, or an error naming the choices."""
    if by not in PERIODS:
        raise AnalysisInputError(f"unknown period {by!r}", f"use one of: {', '.join(PERIODS)}")
    return PERIODS[by]


def check_confidence(value: float | str | None) -> float:
    """A minimum confidence as a float in [0, 1]; None or an empty string is 0 (keep all).

    Raises:
        AnalysisInputError: The value is not a number from 0 to 1.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not 0.0 <= number <= 1.0:  # NaN fails this too
        raise AnalysisInputError(
            f"min_confidence must be a number from 0 to 1, not {value!r}",
            "0 keeps every interaction, 0.6 only the confident ones",
        )
    return number


@dataclass(frozen=True, slots=True)
class Filters:
    """Which interactions an analysis looks at.

    Attributes:
        types: Interaction types to keep (empty: all).
        language: Keep interactions from articles in this language only.
        since: Keep interactions that happened at or after this time.
        until: Keep interactions that happened before this time (exclusive).
        min_confidence: Keep interactions whose ``confidence`` is at least this, in [0, 1]
            (0: all).

    An interaction happened when its article was published, unless its evidence places it
    earlier (``happened``: see `newstide.nlp.timeref`).
    """

    types: tuple[str, ...] = ()
    language: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        check_confidence(self.min_confidence)

    @classmethod
    def of(
        cls,
        types: Iterable[str] | str | None = None,
        language: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        min_confidence: float | str | None = None,
    ) -> Filters:
        """Filters from loosely typed arguments (a single type, ISO dates, empty strings, a
        confidence as text).

        Raises:
            AnalysisInputError: A malformed date, or a confidence outside [0, 1].
        """
        if isinstance(types, str):
            types = [types]
        kept = tuple(sorted({t.strip().lower() for t in types or () if t and t.strip()}))
        return cls(
            kept,
            language or None,
            parse_when(since),
            parse_when(until, end=True),
            check_confidence(min_confidence),
        )

    def sql(self) -> tuple[str, list[Any]]:
        """``AND ...`` conditions over ``i`` (interactions) and ``ar`` (articles), with params."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.types:
            clauses.append(f"i.type IN ({', '.join('?' for _ in self.types)})")
            params.extend(self.types)
        if self.language:
            clauses.append("ar.language = ?")
            params.append(self.language)
        if self.since is not None:
            clauses.append("i.happened >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("i.happened < ?")
            params.append(self.until)
        if self.min_confidence > 0:
            clauses.append("i.confidence >= ?")
            params.append(self.min_confidence)
        return "".join(f" AND {c}" for c in clauses), params

    def article_sql(self) -> tuple[str, list[Any]]:
        """The same period and language conditions over ``ar`` (articles) alone (the types and
        the minimum confidence are about interactions, so they do not apply)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.language:
            clauses.append("ar.language = ?")
            params.append(self.language)
        if self.since is not None:
            clauses.append("ar.published >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("ar.published < ?")
            params.append(self.until)
        return "".join(f" AND {c}" for c in clauses), params

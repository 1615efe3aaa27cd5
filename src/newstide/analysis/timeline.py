"""A pair's relationship over time: per-period counts and tone, and the turning points in its tone.

Everything is computed by queries over ``interactions`` joined to ``articles`` at call time, so a
timeline is never a second copy of the truth. Near-duplicate reports of one story share a
``story_id``; ``stories`` counts those, so a story syndicated ten times is one event, not ten.
An interaction is placed when it happened: its article's date, or the earlier month, quarter or
day its evidence names ("in late 2023"); one retold with a year alone is left off the timeline
(see `newstide.nlp.timeref`). Denied, speculative and restated standing interactions weigh less in
the tone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from newstide.analysis.entities import EntityRef, resolve
from newstide.analysis.filters import Filters, Queryable, check_period, tone_weight
from newstide.errors import AnalysisInputError
from newstide.settings import AnalysisSettings, default_settings

#: Columns every timeline frame has; one integer column per interaction type follows them.
TIMELINE_COLUMNS = ("period", "interactions", "stories", "tone", "weight", "articles")


def pair_sql(
    a: str, b: str, filters: Filters, settings: AnalysisSettings | None = None
) -> tuple[str, list[Any]]:
    """A subquery of one pair's interactions (either order) with their article's story and
    dates: ``published`` (the article's), ``happened`` (where a timeline places it, NULL when
    its evidence dates it to a year alone) and ``w``, its weight in a mean tone."""
    settings = settings or default_settings().analysis
    where, params = filters.sql()
    # The pair's rows first, then their articles: left to itself the planner may scan every
    # article to join a handful of interactions (3x slower on a million of them).
    sql = f"""
        WITH i AS MATERIALIZED (
            SELECT * FROM interactions WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)
        )
        SELECT i.article_id, i.sentence, i.a, i.b, i.type, i.tone, i.directed, i.modality,
               i.evidence, i.start, i."end", i.confidence, i.refers_to, ar.story_id, ar.title,
               ar.site, ar.language, coalesce(i.published, ar.published) AS published,
               i.happened, {tone_weight(settings)} AS w
        FROM i JOIN articles ar ON ar.id = i.article_id
        WHERE true {where}
    """
    return sql, [a, b, b, a, *params]


def timeline(
    store: Queryable,
    a: str | EntityRef,
    b: str | EntityRef,
    by: str | None = None,
    types: Iterable[str] | str | None = None,
    language: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    min_confidence: float = 0.0,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """How the relationship between two organizations went, period by period.

    Args:
        store: What to read (a `Store`).
        a, b: Each an entity id, canonical name or alias (case-insensitive).
        by: ``week``, ``month`` or ``quarter`` (default: ``analysis.period`` in settings).
        types: Interaction types to keep (default: all).
        language: Keep articles in this language only.
        since, until: ISO dates bounding the period (``until`` inclusive of its day).
        min_confidence: Keep interactions at least this confident, 0..1 (default 0: all).
        settings: Analysis settings (default: the shipped ones).

    Returns:
        One row per period that has interactions, oldest first: ``period`` (its first day),
        ``interactions``, ``stories`` (distinct stories: near-duplicates count once), ``tone``
        (mean tone weighted by confidence, modality and standing: see `tone_weight`; the reports
        of one story share their weight), ``weight`` (the evidence behind that tone: the sum of
        those weights), ``articles``
        (ids of the articles behind the point, oldest first) and one count column per
        interaction type seen. ``attrs`` holds ``a``, ``b`` (`EntityRef`), ``by``, ``types``
        (the type columns) and ``undated``: the pair's interactions with no place on the timeline
        (from undated articles, or retold with a year alone).

    Raises:
        UnknownEntityError: ``a`` or ``b`` names no organization in the store.
        AnalysisInputError: An unknown period, a malformed date or a confidence outside 0..1.
    """
    settings = settings or default_settings().analysis
    by = by or settings.period
    part = check_period(by)
    filters = Filters.of(types, language, since, until, min_confidence)
    first, second = resolve(store, a), resolve(store, b)
    if first.id == second.id:
        raise AnalysisInputError(
            f"{a!r} and {b!r} are the same organization ({first.id})", "name two organizations"
        )
    pair, params = pair_sql(first.id, second.id, filters, settings)
    # A story's reports share its weight: ten syndicated copies of one story count as one event.
    rows = store.query(
        f"""
        SELECT date_trunc('{part}', happened) AS period,
               count(*) AS interactions,
               count(DISTINCT story_id) AS stories,
               sum(tone * w) / nullif(sum(w), 0) AS tone,
               histogram(type) AS types,
               list(article_id ORDER BY happened, article_id) AS articles,
               sum(w) AS weight
        FROM (
            SELECT * REPLACE (w / count(DISTINCT article_id) OVER (
                       PARTITION BY coalesce(story_id, article_id)) AS w)
            FROM ({pair})
        )
        GROUP BY period
        ORDER BY period NULLS LAST
        """,
        params,
    )
    frame = _frame([r for r in rows if r[0] is not None], first, second, by)
    frame.attrs["undated"] = sum(int(r[1]) for r in rows if r[0] is None)
    return frame


def _frame(rows: Sequence[tuple[Any, ...]], a: EntityRef, b: EntityRef, by: str) -> pd.DataFrame:
    type_names = sorted({t for row in rows for t in (row[4] or {})})
    frame = pd.DataFrame(
        {
            "period": pd.to_datetime([r[0] for r in rows]).astype("datetime64[us]"),
            "interactions": pd.array([r[1] for r in rows], dtype="int64"),
            "stories": pd.array([r[2] for r in rows], dtype="int64"),
            "tone": np.array([math.nan if r[3] is None else r[3] for r in rows], dtype=float),
            "weight": np.array([r[6] or 0.0 for r in rows], dtype=float),
            "articles": [list(dict.fromkeys(r[5] or ())) for r in rows],
            **{
                t: pd.array([int((r[4] or {}).get(t, 0)) for r in rows], dtype="int64")
                for t in type_names
            },
        },
        columns=[*TIMELINE_COLUMNS, *type_names],
    )
    frame.attrs.update({"a": a, "b": b, "by": by, "types": type_names})
    return frame


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A change in a pair's tone: where a new regime starts, which way, and the evidence for it.

    Attributes:
        date: First day of the period the new regime starts in.
        direction: ``up`` (more cooperative) or ``down`` (more conflictual).
        before, after: Mean tone of the regime before and after.
        why: The evidence sentence that best shows the change (one line).
        article_id: The article that sentence is from; ``sentence`` is its index there.
        articles: Every article behind the new regime's first period.
    """

    date: dt.date
    direction: str
    before: float
    after: float
    why: str
    article_id: str | None
    sentence: int | None
    articles: tuple[str, ...]


def detect_changes(
    tones: Sequence[float], settings: AnalysisSettings, weights: Sequence[float] | None = None
) -> list[tuple[int, float, float]]:
    """Change points of a tone series: ``(index where the new regime starts, mean before, after)``.

    ruptures' Pelt search over a weighted L2 cost: a period's tone counts by the evidence behind
    it (``weights``, e.g. a timeline's ``weight``; equal when None), so one stray interaction
    moves a regime less than a month of coverage. The penalty a split must beat is
    ``change_penalty`` × σ² × log(periods), σ being the series' own noise, estimated robustly
    from the median step between neighbouring periods, each step scaled by the evidence of its
    two periods (σ is the noise of a period of average evidence; at least half of
    ``change_min_shift``): a pair with steady coverage turns on a smaller shift than one whose
    tone jumps about from month to month, and a jump between thinly covered months says less
    about the noise than one between well covered months. A series shorter than
    ``change_min_periods`` has none, and shifts smaller than ``change_min_shift`` are dropped.

    Indices count the non-NaN periods, in order.
    """
    values = np.asarray(tones, dtype=float)
    given = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    kept = ~np.isnan(values) & (given > 0)
    series, mass = values[kept], given[kept]
    minimum = max(settings.change_min_periods, 2 * settings.change_min_size)
    if len(series) < minimum or float(np.ptp(series)) == 0.0:
        return []
    import ruptures  # imported here: only change detection needs it

    mass = mass / mass.mean()
    # A step between two periods varies by both their noises: σ²/w each, w the evidence weight.
    steps = np.diff(series) / np.sqrt(1 / mass[:-1] + 1 / mass[1:])
    noise = max(float(np.median(np.abs(steps))) / 0.6745, settings.change_min_shift / 2)
    penalty = settings.change_penalty * noise**2 * math.log(len(series))
    cost = _weighted_l2()().fit(np.column_stack([series, mass]))
    ends = (
        ruptures.Pelt(custom_cost=cost, min_size=settings.change_min_size, jump=1)
        .fit(cost.signal)
        .predict(pen=penalty)
    )
    starts = [0, *ends[:-1]]
    means = [cost.mean(s, e) for s, e in zip(starts, ends, strict=True)]
    changes = []
    for k in range(1, len(starts)):
        before, after = means[k - 1], means[k]
        if abs(after - before) >= settings.change_min_shift:
            changes.append((starts[k], before, after))
    return changes


@cache
def _weighted_l2() -> type:
    """A ruptures cost: a segment's weighted squared error around its weighted mean (the signal's
    columns: tone, weight). Made on first use: only change detection imports ruptures."""
    from ruptures.base import BaseCost

    class WeightedL2(BaseCost):
        model = "weighted_l2"
        min_size = 1

        def fit(self, signal: np.ndarray) -> WeightedL2:
            self.signal = signal
            return self

        def mean(self, start: int, end: int) -> float:
            tone, weight = self.signal[start:end, 0], self.signal[start:end, 1]
            return float((tone * weight).sum() / weight.sum())

        def error(self, start: int, end: int) -> float:
            tone, weight = self.signal[start:end, 0], self.signal[start:end, 1]
            return float((weight * (tone - self.mean(start, end)) ** 2).sum())

    return WeightedL2


def turning_points(
    store: Queryable,
    a: str | EntityRef,
    b: str | EntityRef,
    by: str | None = None,
    types: Iterable[str] | str | None = None,
    language: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    min_confidence: float = 0.0,
    frame: pd.DataFrame | None = None,
    settings: AnalysisSettings | None = None,
) -> list[TurningPoint]:
    """Where the tone of a pair's relationship turned, with the sentence that shows why.

    Change points are found on the per-period tone series (see `detect_changes`); each one's
    "why" is the evidence of the interaction in the new regime's first period that moves most in
    the direction of the change (the most conflictual one for a turn down), weighted by
    confidence.

    Args:
        store, a, b, by, types, language, since, until, min_confidence: As for `timeline`.
        frame: The pair's `timeline`, when the caller already has it (saves a query).
        settings: Analysis settings (default: the shipped ones).

    Returns:
        Turning points, oldest first (none for a series too short to tell).
    """
    settings = settings or default_settings().analysis
    filters = Filters.of(types, language, since, until, min_confidence)
    if frame is None:
        frame = timeline(
            store, a, b, by, types, language, since, until,
            min_confidence=min_confidence, settings=settings,
        )  # fmt: skip
    dated = frame[frame["tone"].notna() & (frame["weight"] > 0)].reset_index(drop=True)
    changes = detect_changes(dated["tone"].tolist(), settings, dated["weight"].tolist())
    if not changes:
        return []
    first, second, by = frame.attrs["a"], frame.attrs["b"], frame.attrs["by"]
    part = check_period(by)
    pair, params = pair_sql(first.id, second.id, filters, settings)
    periods = [dated.at[index, "period"].to_pydatetime() for index, _, _ in changes]
    # The most cooperative and the most conflictual evidence of each new regime's first period.
    rows = store.query(
        f"""
        SELECT date_trunc('{part}', happened) AS period,
               list(struct_pack(evidence, article_id, sentence)
                    ORDER BY tone * w DESC, happened, article_id, sentence)[1],
               list(struct_pack(evidence, article_id, sentence)
                    ORDER BY tone * w ASC, happened, article_id, sentence)[1]
        FROM ({pair})
        WHERE date_trunc('{part}', happened) IN (SELECT unnest(?::TIMESTAMP[]))
        GROUP BY period
        """,
        [*params, periods],
    )
    extremes = {period: (up, down) for period, up, down in rows}
    points = []
    for (index, before, after), period in zip(changes, periods, strict=True):
        direction = "up" if after > before else "down"
        up, down = extremes.get(period, (None, None))
        evidence = (up if direction == "up" else down) or {}
        points.append(
            TurningPoint(
                date=period.date(),
                direction=direction,
                before=round(before, 4),
                after=round(after, 4),
                why=_one_line(str(evidence.get("evidence") or ""), settings.why_max_chars),
                article_id=evidence.get("article_id"),
                sentence=evidence.get("sentence"),
                articles=tuple(dated.at[index, "articles"]),
            )
        )
    return points


def _one_line(text: str, limit: int) -> str:
    """Whitespace collapsed, cut at a word boundary with an ellipsis when longer than ``limit``."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def timeline_record(frame: pd.DataFrame, points: Sequence[TurningPoint]) -> dict[str, Any]:
    """The JSON shape of a timeline (``timeline --json`` and ``/api/pair``); dates ISO 8601."""
    a: EntityRef = frame.attrs["a"]
    b: EntityRef = frame.attrs["b"]
    type_names: list[str] = frame.attrs.get("types", [])
    return {
        "a": {"id": a.id, "name": a.name},
        "b": {"id": b.id, "name": b.name},
        "by": frame.attrs.get("by"),
        "undated": int(frame.attrs.get("undated", 0)),
        "periods": [
            {
                "period": row["period"].date().isoformat(),
                "interactions": int(row["interactions"]),
                "stories": int(row["stories"]),
                "tone": None if math.isnan(row["tone"]) else round(float(row["tone"]), 4),
                "types": {t: int(row[t]) for t in type_names if row[t]},
                "articles": list(row["articles"]),
            }
            for row in frame.to_dict("records")
        ],
        "turning_points": [
            {
                "date": p.date.isoformat(),
                "direction": p.direction,
                "why": p.why,
                "articles": list(p.articles),
                "evidence_article": p.article_id,
                "evidence_sentence": p.sentence,
                "before": p.before,
                "after": p.after,
            }
            for p in points
        ],
    }

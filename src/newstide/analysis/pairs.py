"""Who interacts with whom: pairs of organizations, an organization's partners over time, and the
interactions of one pair, each one a query over ``interactions`` joined to ``articles``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd

from newstide.analysis.entities import EntityRef, resolve
from newstide.analysis.filters import Filters, Queryable, tone_weight
from newstide.analysis.timeline import pair_sql
from newstide.errors import AnalysisInputError
from newstide.settings import AnalysisSettings, default_settings

#: Columns of a `pairs` frame.
PAIR_COLUMNS = (
    "a", "a_name", "b", "b_name", "interactions", "stories", "tone", "first", "last", "types",
)  # fmt: skip

#: Columns of an `interactions` frame.
INTERACTION_COLUMNS = (
    "published", "refers_to", "a", "b", "type", "tone", "directed", "modality", "confidence",
    "evidence", "article_id", "sentence", "start", "end", "title", "site", "language", "story_id",
)  # fmt: skip


def pairs(
    store: Queryable,
    org: str | EntityRef | None = None,
    types: Iterable[str] | str | None = None,
    language: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int | None = None,
    *,
    min_confidence: float = 0.0,
    stories: bool = True,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """Pairs of organizations that interact, the most active first.

    Args:
        store: What to read.
        org: Only pairs with this organization (id, name or alias); it is then always ``a``.
        types, language, since, until, min_confidence: As for `timeline`.
        limit: At most this many pairs.
        stories: Count distinct stories per pair (the costliest column on big stores; without
            it ``stories`` is 0).
        settings: Analysis settings (the tone weights of modalities).

    Returns:
        One row per unordered pair (``a`` < ``b`` unless ``org`` is given): ids and names,
        ``interactions``, ``stories`` (distinct), ``tone`` (mean weighted by confidence and
        modality), ``first`` and ``last`` dates they happened, and ``types`` (a dict of counts).

    Raises:
        UnknownEntityError: ``org`` names no organization.
    """
    weight = tone_weight(settings or default_settings().analysis)
    where, params = Filters.of(types, language, since, until, min_confidence).sql()
    if org is None:
        sides = "least(i.a, i.b) AS a, greatest(i.a, i.b) AS b"
        scope = "i.a <> i.b"
        scope_params: list[Any] = []
    else:
        ref = resolve(store, org)
        sides = "? AS a, CASE WHEN i.a = ? THEN i.b ELSE i.a END AS b"
        scope = "(i.a = ? OR i.b = ?) AND i.a <> i.b"
        scope_params = [ref.id] * 4
    # One FILTER count per type is far cheaper than histogram() over many groups.
    kinds = [str(r[0]) for r in store.query("SELECT DISTINCT type FROM interactions ORDER BY 1")]
    per_type = "".join(", count(*) FILTER (WHERE i.type = ?)" for _ in kinds)
    rows = store.query(
        f"""
        SELECT p.*, coalesce(ea.name, p.a), coalesce(eb.name, p.b)
        FROM (
            SELECT {sides}, count(*) AS n,
                   {"count(DISTINCT ar.story_id)" if stories else "0"} AS stories,
                   sum(i.tone * {weight}) / nullif(sum({weight}), 0) AS tone,
                   min(i.happened) AS first, max(i.happened) AS last {per_type}
            FROM interactions i JOIN articles ar ON ar.id = i.article_id
            WHERE {scope} {where}
            GROUP BY ALL
        ) p
        LEFT JOIN entities ea ON ea.id = p.a
        LEFT JOIN entities eb ON eb.id = p.b
        ORDER BY p.n DESC, p.a, p.b
        {"LIMIT ?" if limit is not None else ""}
        """,
        [*scope_params[:2], *kinds, *scope_params[2:], *params]
        + ([limit] if limit is not None else []),
    )
    width = 7 + len(kinds)
    frame = pd.DataFrame(
        {
            "a": [r[0] for r in rows],
            "a_name": [r[width] for r in rows],
            "b": [r[1] for r in rows],
            "b_name": [r[width + 1] for r in rows],
            "interactions": [r[2] for r in rows],
            "stories": [r[3] for r in rows],
            "tone": [r[4] for r in rows],
            "first": [r[5] for r in rows],
            "last": [r[6] for r in rows],
            "types": [{k: n for k, n in zip(kinds, r[7:width], strict=True) if n} for r in rows],
        },
        columns=list(PAIR_COLUMNS),
    )
    return _typed(frame, ints=("interactions", "stories"), dates=("first", "last"))


def interactions(
    store: Queryable,
    a: str | EntityRef,
    b: str | EntityRef,
    types: Iterable[str] | str | None = None,
    language: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
    *,
    min_confidence: float = 0.0,
) -> pd.DataFrame:
    """Every interaction between two organizations, oldest first, with its evidence and article.

    Args:
        store: What to read.
        a, b: Each an entity id, canonical name or alias.
        types, language, since, until, min_confidence: As for `timeline`.
        limit, offset: A page of the rows.

    Returns:
        One row per interaction, in the order they were published: ``published`` (the article's
        date), ``refers_to`` (the earlier time its evidence names, or the standing state it
        restates, or None), ``a``, ``b``, ``type``, ``tone``, ``directed``, ``modality``,
        ``confidence``, ``evidence``, ``article_id``, ``sentence``, ``start``, ``end``, and the
        article's ``title``, ``site``, ``language`` and ``story_id``.

    Raises:
        UnknownEntityError: ``a`` or ``b`` names no organization.
    """
    filters = Filters.of(types, language, since, until, min_confidence)
    first, second = resolve(store, a), resolve(store, b)
    rows = pair_interactions(store, first, second, filters, limit, offset)
    frame = pd.DataFrame(rows, columns=list(INTERACTION_COLUMNS))
    frame.attrs.update({"a": first, "b": second})
    return _typed(frame, dates=("published",))


def pair_interactions(
    store: Queryable,
    first: EntityRef,
    second: EntityRef,
    filters: Filters,
    limit: int | None = None,
    offset: int = 0,
) -> list[tuple[Any, ...]]:
    """The rows of `interactions` (its `INTERACTION_COLUMNS`) for two resolved organizations."""
    pair, params = pair_sql(first.id, second.id, filters)
    paging = ""
    if limit is not None:
        paging = "LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    columns = ", ".join(f'"{c}"' for c in INTERACTION_COLUMNS)
    return store.query(
        f"""
        SELECT {columns}
        FROM ({pair})
        ORDER BY published NULLS LAST, article_id, sentence, type
        {paging}
        """,
        params,
    )


def count_pair_interactions(
    store: Queryable, first: EntityRef, second: EntityRef, filters: Filters
) -> int:
    """How many interactions two resolved organizations have under ``filters``."""
    pair, params = pair_sql(first.id, second.id, filters)
    return int(store.query(f"SELECT count(*) FROM ({pair})", params)[0][0])


def active_organizations(
    store: Queryable,
    limit: int = 20,
    types: Iterable[str] | str | None = None,
    language: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    *,
    min_confidence: float = 0.0,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """Organizations with the most interactions: ``id``, ``name``, ``interactions``,
    ``partners`` (distinct counterparts) and ``tone`` (mean weighted by confidence and
    modality), under the filters of `timeline`."""
    settings = settings or default_settings().analysis
    where, params = Filters.of(types, language, since, until, min_confidence).sql()
    rows = store.query(
        f"""
        WITH x AS (
            SELECT i.a, i.b, i.tone, {tone_weight(settings)} AS w
            FROM interactions i JOIN articles ar ON ar.id = i.article_id
            WHERE i.a <> i.b {where}
        ),
        sides AS (SELECT a AS id, b AS partner, tone, w FROM x
                  UNION ALL SELECT b AS id, a AS partner, tone, w FROM x)
        SELECT s.id, coalesce(e.name, s.id), count(*) AS n, count(DISTINCT s.partner),
               sum(s.tone * s.w) / nullif(sum(s.w), 0)
        FROM sides s LEFT JOIN entities e ON e.id = s.id
        GROUP BY s.id, e.name
        ORDER BY n DESC, s.id
        LIMIT ?
        """,
        [*params, limit],
    )
    frame = pd.DataFrame(rows, columns=["id", "name", "interactions", "partners", "tone"])
    return _typed(frame, ints=("interactions", "partners"))


#: Periods an organization's partners can be tallied by.
_PARTNER_PERIODS = {"year": "year", "quarter": "quarter", "month": "month"}


def partners_over_time(
    store: Queryable,
    org: str | EntityRef,
    by: str = "year",
    partners: Iterable[str] = (),
    *,
    settings: AnalysisSettings | None = None,
) -> pd.DataFrame:
    """One organization's interactions with each partner per period: ``partner``, ``period``,
    ``interactions`` and ``tone``, for the partners given (default: all).

    Raises:
        UnknownEntityError: ``org`` names no organization.
        AnalysisInputError: ``by`` is not ``year``, ``quarter`` or ``month``.
    """
    if by not in _PARTNER_PERIODS:
        raise AnalysisInputError(f"unknown period {by!r}", "use year, quarter or month")
    settings = settings or default_settings().analysis
    ref = resolve(store, org)
    wanted = sorted(set(partners))
    rows = store.query(
        f"""
        SELECT partner, date_trunc('{_PARTNER_PERIODS[by]}', happened) AS period, count(*) AS n,
               sum(tone * w) / nullif(sum(w), 0)
        FROM (
            SELECT CASE WHEN i.a = ? THEN i.b ELSE i.a END AS partner, i.tone,
                   {tone_weight(settings)} AS w, i.happened
            FROM interactions i JOIN articles ar ON ar.id = i.article_id
            WHERE (i.a = ? OR i.b = ?) AND i.a <> i.b
        )
        WHERE happened IS NOT NULL {"AND list_contains(?, partner)" if wanted else ""}
        GROUP BY ALL
        ORDER BY partner, period
        """,
        [ref.id, ref.id, ref.id, *([wanted] if wanted else [])],
    )
    frame = pd.DataFrame(rows, columns=["partner", "period", "interactions", "tone"])
    return _typed(frame, ints=("interactions",), dates=("period",))


def _typed(
    frame: pd.DataFrame, ints: Iterable[str] = (), dates: Iterable[str] = ()
) -> pd.DataFrame:
    """Stable dtypes whether or not the query returned rows."""
    for column in ints:
        frame[column] = frame[column].astype("int64")
    for column in dates:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    if "tone" in frame:
        frame["tone"] = frame["tone"].astype(float)
    return frame

"""Organizations as a user names them: an id, the canonical name or any alias, in any case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from newstide.analysis.filters import Queryable
from newstide.errors import UnknownEntityError
from newstide.nlp.kb import normalize_name


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A resolved entity: its canonical id and the name to show."""

    id: str
    name: str


_RESOLVE_SQL = """
    SELECT e.id, e.name
    FROM entities e
    WHERE e.id = ? OR lower(e.name) = lower(?)
       OR list_contains(list_transform(coalesce(e.aliases, []), lambda x: lower(x)), lower(?))
    ORDER BY CASE WHEN e.id = ? THEN 0 WHEN lower(e.name) = lower(?) THEN 1 ELSE 2 END,
             e.kind <> 'ORG', e.id
    LIMIT 1
"""


def resolve(store: Queryable, name: str | EntityRef) -> EntityRef:
    """The entity a user means by ``name``.

    Exact id first, then canonical name, then a known alias (all case-insensitive but the id),
    then the name with its legal forms and punctuation dropped ("Microsoft Corp.", "PT Bank
    Rakyat Indonesia (Persero) Tbk"); an id that only appears in ``interactions`` (no
    ``entities`` row yet) is accepted as is.

    Args:
        store: What to read.
        name: An entity id, canonical name or alias.

    Returns:
        The entity's id and canonical name.

    Raises:
        UnknownEntityError: Nothing in the store goes by that name.
    """
    if isinstance(name, EntityRef):
        return name
    wanted = " ".join(str(name).split())
    if wanted:
        rows = store.query(_RESOLVE_SQL, [wanted] * 5)
        normalised = normalize_name(wanted)
        if not rows and normalised and normalised != wanted.lower():
            rows = store.query(_RESOLVE_SQL, [normalised] * 5)
        if rows:
            return EntityRef(str(rows[0][0]), str(rows[0][1]))
        rows = store.query(
            "SELECT a FROM interactions WHERE a = ? UNION ALL "
            "SELECT b FROM interactions WHERE b = ? LIMIT 1",
            [wanted, wanted],
        )
        if rows:
            return EntityRef(wanted, wanted)
    raise UnknownEntityError(
        f"no organization called {name!r}",
        "use an id, a name or an alias the store knows (newstide pairs lists them)",
    )


def names(store: Queryable, ids: Iterable[str]) -> dict[str, str]:
    """Canonical names of entity ids; an id without an ``entities`` row names itself."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = store.query("SELECT e.id, e.name FROM entities e WHERE list_contains(?, e.id)", [wanted])
    found = {str(i): str(n) for i, n in rows}
    return {i: found.get(i, i) for i in wanted}


@dataclass(frozen=True, slots=True)
class OrganizationHit:
    """An organization matching a search, with how active it is in the interactions."""

    id: str
    name: str
    aliases: tuple[str, ...]
    interactions: int


def search(store: Queryable, text: str, limit: int = 20) -> list[OrganizationHit]:
    """Organizations whose id, name or an alias contains ``text`` (case-insensitive).

    Exact matches come first, then names that start with it, then the most active.
    """
    wanted = " ".join(text.split()).lower()
    if not wanted:
        return []
    rows = store.query(
        """
        WITH hits AS (
            SELECT e.id, e.name, coalesce(e.aliases, []) AS aliases
            FROM entities e
            WHERE contains(lower(e.name), ?) OR contains(lower(e.id), ?)
               OR len(list_filter(coalesce(e.aliases, []), lambda x: contains(lower(x), ?))) > 0
        ),
        activity AS (
            SELECT id, count(*) AS n FROM (
                SELECT a AS id FROM interactions WHERE a IN (SELECT id FROM hits)
                UNION ALL
                SELECT b AS id FROM interactions WHERE b IN (SELECT id FROM hits)
            ) GROUP BY id
        )
        SELECT h.id, h.name, h.aliases, coalesce(n, 0) AS n
        FROM hits h LEFT JOIN activity USING (id)
        ORDER BY (lower(h.name) = ? OR h.id = ?) DESC, starts_with(lower(h.name), ?) DESC,
                 n DESC, h.name
        LIMIT ?
        """,
        [wanted, wanted, wanted, wanted, wanted, wanted, limit],
    )
    return [OrganizationHit(str(i), str(n), tuple(a or ()), int(c)) for i, n, a, c in rows]


@dataclass(frozen=True, slots=True)
class OrganizationSummary:
    """How much, and when, the corpus talks about one organization."""

    id: str
    name: str
    aliases: tuple[str, ...]
    ticker: str | None
    mentions: int
    articles: int
    first_seen: dt.datetime | None
    last_seen: dt.datetime | None


_SUMMARY_SQL = """
    SELECT e.id, e.name, e.aliases, e.ticker,
           count(m.article_id) AS mentions,
           count(DISTINCT m.article_id) AS articles,
           min(a.published) AS first_seen,
           max(a.published) AS last_seen
    FROM entities e
    JOIN mentions m ON m.entity_id = e.id
    JOIN articles a ON a.id = m.article_id
    WHERE e.kind = 'ORG' {where}
    GROUP BY e.id, e.name, e.aliases, e.ticker
"""


def _summary(row: tuple[object, ...]) -> OrganizationSummary:
    entity_id, name, aliases, ticker, mentions, articles, first, last = row
    return OrganizationSummary(
        str(entity_id), str(name), tuple(aliases or ()), ticker,  # type: ignore[arg-type]
        int(mentions), int(articles), first, last,  # type: ignore[arg-type, call-overload]
    )  # fmt: skip


def organizations(store: Queryable, limit: int = 50) -> list[OrganizationSummary]:
    """The most mentioned organizations, most mentioned first."""
    rows = store.query(
        _SUMMARY_SQL.format(where="") + " ORDER BY mentions DESC, e.name LIMIT ?", [limit]
    )
    return [_summary(r) for r in rows]


def organization(store: Queryable, name: str) -> OrganizationSummary | None:
    """One organization by any name `resolve` takes; None when there is none, or it is not an
    organization mentioned in the articles."""
    try:
        ref = resolve(store, name)
    except UnknownEntityError:
        return None
    rows = store.query(_SUMMARY_SQL.format(where="AND e.id = ?"), [ref.id])
    return _summary(rows[0]) if rows else None

"""Read-only questions about a store's entities, answered with SQL over its tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from newstide.nlp.kb import normalize_name
from newstide.store.database import Store


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


def organizations(store: Store, limit: int = 50) -> list[OrganizationSummary]:
    """The most mentioned organizations, most mentioned first."""
    rows = store.query(
        _SUMMARY_SQL.format(where="") + " ORDER BY mentions DESC, e.name LIMIT ?", [limit]
    )
    return [_summary(r) for r in rows]


def organization(store: Store, name: str) -> OrganizationSummary | None:
    """One organization by id, name or any alias the corpus used for it (legal forms ignored)."""
    normalised = normalize_name(name)
    rows = store.query(
        _SUMMARY_SQL.format(
            where="AND (e.id = ? OR lower(e.name) = lower(?) "
            "OR list_contains(list_transform(e.aliases, lambda x: lower(x)), lower(?)))"
        ),
        [name, name, name],
    )
    if not rows and normalised != name.lower():
        rows = store.query(
            _SUMMARY_SQL.format(where="AND (lower(e.name) = ? OR e.id = ?)"),
            [normalised, normalised],
        )
    return _summary(rows[0]) if rows else None

"""The store: one DuckDB file, written in bulk, one transaction per batch.

Ids are content-addressed, so writing an article that is already stored is a no-op: re-ingesting
is idempotent, and an ingest killed mid-batch leaves the last committed batch intact.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from newstide.analysis.store_methods import StoreAnalysis
from newstide.dedup.stories import band_keys
from newstide.errors import StoreError
from newstide.ingest.sources import Input
from newstide.nlp.timeref import event_time
from newstide.records import (
    Article,
    Bullet,
    Entity,
    Failure,
    Interaction,
    Mention,
    Role,
    Sentence,
)
from newstide.settings import DedupSettings, default_settings
from newstide.store.schema import MIGRATIONS, SCHEMA_VERSION

#: The store file used when ``--db`` is not given.
DEFAULT_DB = "newstide.duckdb"

_ARTICLE_COLUMNS = (
    "id", "external_id", "url", "source", "site", "title", "published", "language", "category",
    "author", "image", "image_credit", "publisher_tldr", "tags", "text", "story_id", "skipped",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one batch write did."""

    added: int
    already_stored: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store(StoreAnalysis):
    """A newstide store in one DuckDB file.

    Analyses (``timeline``, ``turning_points``, ``pairs``, ``interactions``, ``graph``) come from
    `StoreAnalysis`; this class is about storage.

    Args:
        path: The DuckDB file; created (with its schema) when missing, unless read-only.
        read_only: Open without the write lock, for queries.
        dedup: Near-duplicate settings, needed to index new articles' stories.

    Raises:
        StoreError: The file cannot be opened, is not a newstide store, or is newer than this
            version of newstide.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = DEFAULT_DB,
        *,
        read_only: bool = False,
        dedup: DedupSettings | None = None,
    ) -> None:
        self.path = Path(path)
        self.dedup = dedup or default_settings().dedup
        if self.path.is_dir():  # a Parquet dataset written by `ingest --out` (newstide.scale)
            from newstide.scale.dataset import open_dataset

            if not read_only:
                raise StoreError(
                    f"{self.path} is a Parquet dataset, read-only",
                    f"add to it with ingest --out {self.path}, or load it into a store file",
                )
            self.con = open_dataset(self.path)
            self._check_version()
            return
        if read_only and not self.path.exists():
            raise StoreError(
                f"no store at {self.path}", "ingest something first: newstide ingest PATH"
            )
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the store {self.path}: {str(exc).splitlines()[0]}",
                "is another newstide process writing to it? stop it, or pass another --db",
            ) from exc
        if not read_only:
            self._migrate()
        self._check_version()

    # --- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _version(self) -> int:
        exists = self._one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        )
        if not exists or not exists[0]:
            return 0
        row = self._one("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row[0]) if row else 0

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a query, with the result fully consumed (DuckDB wants it so)."""
        rows = self.con.execute(sql, list(params)).fetchall()
        return rows[0] if rows else None

    def _migrate(self) -> None:
        version = self._version()
        if version >= SCHEMA_VERSION:
            return
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"
            )
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[target]:
                    self.con.execute(statement)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot migrate the store {self.path}: {exc}") from exc

    def _check_version(self) -> None:
        version = self._version()
        if version == 0:
            raise StoreError(f"{self.path} is not a newstide store", "pass another --db")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; "
                f"this newstide knows versions up to {SCHEMA_VERSION}",
                "upgrade newstide",
            )

    @property
    def schema_version(self) -> int:
        """The store's schema version."""
        return self._version()

    # --- writing ------------------------------------------------------------------------------

    def write(
        self,
        articles: Sequence[Article],
        failures: Sequence[Failure] = (),
        *,
        finished: Sequence[Input] = (),
    ) -> WriteResult:
        """Write a batch in one transaction: articles (with sentences and story index), failures,
        and the inputs this batch finishes.

        Articles already stored (same id) are left as they are.
        """
        unique = list({a.id: a for a in articles}.values())
        existing: set[str] = set()
        if unique:
            self.con.register("_ids", pa.table({"id": [a.id for a in unique]}))
            existing = {
                r[0]
                for r in self.con.execute("SELECT id FROM articles JOIN _ids USING (id)").fetchall()
            }
            self.con.unregister("_ids")
        new = [a for a in unique if a.id not in existing]
        try:
            self.con.execute("BEGIN TRANSACTION")
            if new:
                self._insert(new)
            if failures:
                self._insert_failures(failures)
            for source in finished:
                self.con.execute(
                    "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?)",
                    [source.name, source.size, source.mtime, _now()],
                )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot write to the store {self.path}: {exc}") from exc
        return WriteResult(added=len(new), already_stored=len(articles) - len(new))

    def _insert(self, articles: Sequence[Article]) -> None:
        now = _now()
        columns: dict[str, list[Any]] = {name: [] for name in _ARTICLE_COLUMNS}
        for article in articles:
            for name in _ARTICLE_COLUMNS:
                value = getattr(article, name)
                columns[name].append(list(value) if isinstance(value, tuple) else value)
        columns["ingested_at"] = [now] * len(articles)
        self._append("articles", pa.table(columns))
        self._append(
            "sentences",
            pa.table(
                {
                    "article_id": [a.id for a in articles for _ in a.sentences],
                    "index": [s.index for a in articles for s in a.sentences],
                    "start": [s.start for a in articles for s in a.sentences],
                    "end": [s.end for a in articles for s in a.sentences],
                    "text": [a.sentence_text(s) for a in articles for s in a.sentences],
                },
                schema=pa.schema(
                    [
                        ("article_id", pa.string()),
                        ("index", pa.int32()),
                        ("start", pa.int32()),
                        ("end", pa.int32()),
                        ("text", pa.string()),
                    ]
                ),
            ),
        )
        self._append(
            "story_signatures",
            pa.table(
                {
                    "article_id": [a.id for a in articles],
                    "story_id": [a.story_id or a.id for a in articles],
                    "signature": pa.array(
                        [list(a.minhash) for a in articles], pa.list_(pa.uint32())
                    ),
                }
            ),
        )
        self._insert_entities(articles)
        self._insert_findings(articles)
        bands = [(a.id, band, key) for a in articles for band, key in band_keys(a, self.dedup)]
        self._append(
            "story_bands",
            pa.table(
                {
                    "band": pa.array([b for _, b, _ in bands], pa.int16()),
                    "key": pa.array([k for _, _, k in bands], pa.int64()),
                    "article_id": pa.array([i for i, _, _ in bands], pa.string()),
                }
            ),
        )

    def _insert_entities(self, articles: Sequence[Article]) -> None:
        """Mentions and roles of a batch, and its entities merged into the corpus-wide table."""
        mentions = [(a.id, m) for a in articles for m in a.mentions]
        self._append(
            "mentions",
            pa.table(
                {
                    "article_id": [i for i, _ in mentions],
                    "sentence": pa.array([m.sentence for _, m in mentions], pa.int32()),
                    "start": pa.array([m.start for _, m in mentions], pa.int32()),
                    "end": pa.array([m.end for _, m in mentions], pa.int32()),
                    "text": [m.text for _, m in mentions],
                    "entity_id": pa.array([m.entity_id for _, m in mentions], pa.string()),
                    "kind": [m.kind for _, m in mentions],
                    "via": [m.via for _, m in mentions],
                }
            ),
        )
        roles = [(a.id, r) for a in articles for r in a.roles]
        self._append(
            "roles",
            pa.table(
                {
                    "article_id": [i for i, _ in roles],
                    "person": [r.person for _, r in roles],
                    "organization": [r.organization for _, r in roles],
                    "title": [r.title for _, r in roles],
                    "sentence": pa.array([r.sentence for _, r in roles], pa.int32()),
                }
            ),
        )
        # An entity of the batch as first seen, with the aliases every article gave it.
        merged: dict[str, Entity] = {}
        aliases: dict[str, set[str]] = {}
        for article in articles:
            for entity in article.entities:
                merged.setdefault(entity.id, entity)
                aliases.setdefault(entity.id, set()).update(entity.aliases)
        if not merged:
            return
        self.con.register(
            "_entities",
            pa.table(
                {
                    "id": [e.id for e in merged.values()],
                    "name": [e.name for e in merged.values()],
                    "kind": [e.kind for e in merged.values()],
                    "aliases": pa.array(
                        [sorted(aliases[e.id]) for e in merged.values()], pa.list_(pa.string())
                    ),
                    "ticker": pa.array([e.ticker for e in merged.values()], pa.string()),
                }
            ),
        )
        self.con.execute(
            """INSERT INTO entities SELECT id, name, kind, aliases, ticker FROM _entities
               ON CONFLICT (id) DO UPDATE SET
                   aliases = list_sort(list_distinct(
                       list_concat(entities.aliases, excluded.aliases)))"""
        )
        self.con.unregister("_entities")

    def _insert_findings(self, articles: Sequence[Article]) -> None:
        """Interactions (with their evidence sentence and the article's date) and TL;DR bullets."""
        found = [(a, i) for a in articles for i in a.interactions]
        self._append(
            "interactions",
            pa.table(
                {
                    "article_id": [a.id for a, _ in found],
                    "sentence": pa.array([i.sentence for _, i in found], pa.int32()),
                    "a": [i.a for _, i in found],
                    "b": [i.b for _, i in found],
                    "type": [i.type for _, i in found],
                    "tone": pa.array([i.tone for _, i in found], pa.float64()),
                    "directed": pa.array([i.directed for _, i in found], pa.bool_()),
                    "modality": [i.modality for _, i in found],
                    "evidence": [a.text[i.start : i.end] for a, i in found],
                    "start": pa.array([i.start for _, i in found], pa.int32()),
                    "end": pa.array([i.end for _, i in found], pa.int32()),
                    "published": pa.array([a.published for a, _ in found], pa.timestamp("us")),
                    "confidence": pa.array([i.confidence for _, i in found], pa.float64()),
                    "refers_to": pa.array([i.refers_to for _, i in found], pa.string()),
                    "stated_in": pa.array(
                        [list(i.sentences) for _, i in found],
                        pa.list_(pa.int32()),
                    ),
                    "happened": pa.array(
                        [event_time(i.refers_to, a.published) for a, i in found],
                        pa.timestamp("us"),
                    ),
                }
            ),
        )
        bullets = [(a.id, n, b) for a in articles for n, b in enumerate(a.tldr)]
        self._append(
            "summaries",
            pa.table(
                {
                    "article_id": [i for i, _, _ in bullets],
                    "index": pa.array([n for _, n, _ in bullets], pa.int32()),
                    "text": [b.text for _, _, b in bullets],
                    "sentence": pa.array([b.sentence for _, _, b in bullets], pa.int32()),
                }
            ),
        )

    def _append(self, table: str, data: pa.Table) -> None:
        if data.num_rows == 0:
            return
        self.con.register("_batch", data)
        names = ", ".join(f'"{n}"' for n in data.column_names)
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")
        self.con.unregister("_batch")

    def _insert_failures(self, failures: Sequence[Failure]) -> None:
        latest = {(f.source, f.reason): f for f in failures}
        self.con.executemany(
            "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?)",
            [
                (f.source, f.reason, f.detail, f.at.astimezone(dt.UTC).replace(tzinfo=None))
                for f in latest.values()
            ],
        )

    # --- resuming -----------------------------------------------------------------------------

    def source_finished(self, source: Input) -> bool:
        """Whether this input, unchanged since, was read to its end by an earlier ingest."""
        row = self._one("SELECT size, mtime FROM sources WHERE name = ?", [source.name])
        return row is not None and row[0] == source.size and row[1] == source.mtime

    # --- the story index (newstide.dedup.stories.StoryBackend) --------------------------------

    def story_candidates(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        return band_candidates(self.con, "story_bands", keys)

    def story_members(self, article_ids: Sequence[str]) -> dict[str, tuple[str, tuple[int, ...]]]:
        return story_members(self.con, "story_signatures", article_ids)

    # --- reading ------------------------------------------------------------------------------

    def articles(self, where: str = "", params: Sequence[Any] = ()) -> Iterator[Article]:
        """Stored articles, oldest first, with their sentences; streamed in chunks."""
        cursor = self.con.cursor()
        cursor.execute(
            f"""
            SELECT {", ".join("a." + c for c in _ARTICLE_COLUMNS)},
                   (SELECT list([s."index", s.start, s."end"] ORDER BY s."index")
                      FROM sentences s WHERE s.article_id = a.id) AS sentences,
                   g.signature,
                   (SELECT list({{'start': m.start, 'end': m."end", 'text': m.text, 'kind': m.kind,
                                 'sentence': m.sentence, 'entity_id': m.entity_id, 'via': m.via}}
                                ORDER BY m.start, m."end", m.entity_id)
                      FROM mentions m WHERE m.article_id = a.id) AS mentions,
                   (SELECT list({{'person': r.person, 'organization': r.organization,
                                 'title': r.title, 'sentence': r.sentence}})
                      FROM roles r WHERE r.article_id = a.id) AS roles,
                   (SELECT list({{'id': e.id, 'name': e.name, 'kind': e.kind, 'ticker': e.ticker,
                                 'aliases': (SELECT list(DISTINCT m.text ORDER BY m.text)
                                             FROM mentions m
                                             WHERE m.article_id = a.id AND m.entity_id = e.id
                                               AND m.via <> 'reference')}}
                                ORDER BY e.id)
                      FROM entities e
                      WHERE e.id IN (SELECT entity_id FROM mentions m WHERE m.article_id = a.id))
                     AS entities,
                   (SELECT list({{'a': i.a, 'b': i.b, 'type': i.type, 'tone': i.tone,
                                 'directed': i.directed, 'modality': i.modality,
                                 'confidence': i.confidence, 'sentence': i.sentence,
                                 'start': i.start, 'end': i."end", 'refers_to': i.refers_to,
                                 'stated_in': i.stated_in}}
                                ORDER BY i.sentence, i.start, i.type)
                      FROM interactions i WHERE i.article_id = a.id) AS interactions,
                   (SELECT list({{'text': t.text, 'sentence': t.sentence}} ORDER BY t."index")
                      FROM summaries t WHERE t.article_id = a.id) AS tldr
            FROM articles a LEFT JOIN story_signatures g ON g.article_id = a.id {where}
            ORDER BY a.published NULLS LAST, a.id
            """,
            list(params),
        )
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield _article_from_row(row)
        cursor.close()

    def article(self, article_id: str) -> Article | None:
        """One stored article by id (or by a unique id prefix), or None."""
        found = list(self.articles("WHERE a.id LIKE ? || '%'", [article_id]))
        return found[0] if len(found) == 1 else None

    def failures(self) -> list[Failure]:
        """Every recorded failure, most recent first."""
        rows = self.con.execute(
            'SELECT source, reason, detail, "at" FROM failures ORDER BY "at" DESC, source'
        ).fetchall()
        return [Failure(s, r, d, at.replace(tzinfo=dt.UTC)) for s, r, d, at in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables, plus distinct stories."""
        out = {}
        for table in (
            "articles",
            "sentences",
            "entities",
            "mentions",
            "interactions",
            "summaries",
            "failures",
        ):
            row = self._one(f"SELECT count(*) FROM {table}")
            out[table] = int(row[0]) if row else 0
        row = self._one("SELECT count(DISTINCT story_id) FROM articles")
        out["stories"] = int(row[0]) if row else 0
        return out

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query with bound parameters (for reports and the CLI)."""
        return self.con.execute(sql, list(params)).fetchall()


def _article_from_row(row: tuple[Any, ...]) -> Article:
    values = dict(zip(_ARTICLE_COLUMNS, row[: len(_ARTICLE_COLUMNS)], strict=True))
    values["publisher_tldr"] = tuple(values["publisher_tldr"] or ())
    values["tags"] = tuple(values["tags"] or ())
    sentences_row, signature, mentions_row, roles_row, entities_row, found_row, tldr_row = row[
        len(_ARTICLE_COLUMNS) :
    ]
    return Article(
        **values,
        sentences=tuple(Sentence(i, s, e) for i, s, e in sentences_row or ()),
        minhash=tuple(signature or ()),
        mentions=tuple(Mention(**m) for m in mentions_row or ()),
        roles=tuple(Role(**r) for r in roles_row or ()),
        entities=tuple(
            Entity(e["id"], e["name"], e["kind"], tuple(e["aliases"] or ()), e["ticker"])
            for e in entities_row or ()
        ),
        interactions=tuple(
            Interaction(**{**i, "stated_in": tuple(i["stated_in"] or ())}) for i in found_row or ()
        ),
        tldr=tuple(Bullet(**b) for b in tldr_row or ()),
    )


def band_candidates(
    con: duckdb.DuckDBPyConnection, table: str, keys: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], list[str]]:
    """Article ids indexed under each ``(band, key)`` in a band table (a story index in DuckDB)."""
    if not keys:
        return {}
    wanted = pa.table(
        {
            "band": pa.array([b for b, _ in keys], pa.int16()),
            "key": pa.array([k for _, k in keys], pa.int64()),
        }
    )
    con.register("_keys", wanted)
    rows = con.execute(f"SELECT band, key, article_id FROM {table} JOIN _keys USING (band, key)")
    found: dict[tuple[int, int], list[str]] = {}
    for band, key, article_id in rows.fetchall():
        found.setdefault((band, key), []).append(article_id)
    con.unregister("_keys")
    return found


def story_members(
    con: duckdb.DuckDBPyConnection, table: str, article_ids: Sequence[str]
) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Story id and signature of each given article, from a signatures table."""
    if not article_ids:
        return {}
    con.register("_ids", pa.table({"article_id": list(article_ids)}))
    rows = con.execute(
        f"SELECT article_id, story_id, signature FROM {table} JOIN _ids USING (article_id)"
    ).fetchall()
    con.unregister("_ids")
    return {r[0]: (r[1], tuple(r[2] or ())) for r in rows}

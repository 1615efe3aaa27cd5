"""A Parquet dataset written by a distributed ingest, read by DuckDB where it lies.

`attach_views` defines one view per store table over ``read_parquet('DIR/<table>/*.parquet')``, so
every query and analysis of `newstide.store.database.Store` runs on the dataset unchanged:

- only complete partitions count (those whose ``articles`` part was published);
- an article written by several partitions (the same document in two inputs) counts once, from
  the first partition in input order, with its sentences, mentions and the rest from that same
  partition, as a single-process ingest would have kept the first copy;
- ``story_id`` comes from the final story step (``stories/part-final.parquet``);
- ``entities`` are merged as the store merges them: the first row's name, kind and ticker, every
  alias of every row;
- ``failures`` and ``sources`` keep the last row per key (the store's INSERT OR REPLACE).

`load_dataset` copies those views into a store file.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

import duckdb
import fsspec

from newstide.errors import StoreError
from newstide.scale.partition import STORIES
from newstide.scale.stories import dataset_connection
from newstide.store.schema import MIGRATIONS, SCHEMA_VERSION

#: Tables whose rows belong to one article (``article_id``).
_CHILDREN = ("sentences", "mentions", "roles", "interactions", "summaries", "story_bands")


def _has(url: str, table: str) -> bool:
    fs, root = fsspec.core.url_to_fs(url)
    return bool(fs.glob(posixpath.join(root, table, "part-*.parquet")))


def attach_views(con: duckdb.DuckDBPyConnection, url: str, base: str, catalog: str) -> None:
    """Create the store's tables as views over the dataset at `url` (`base` as DuckDB sees it),
    inside `catalog` (an attached in-memory database)."""
    c = catalog

    def read(table: str, extra: str = "") -> str:
        return f"read_parquet('{base}/{table}/part-*.parquet'{extra})"

    con.execute(f"CREATE VIEW {c}.main.meta AS SELECT 'schema_version' AS key, "
                f"'{SCHEMA_VERSION}' AS value")  # fmt: skip
    if not _has(url, "articles"):
        # Nothing published yet: empty tables with the store's schema.
        (current,) = con.execute("SELECT current_database()").fetchone() or ("memory",)
        con.execute(f"USE {c}")
        try:
            for version in range(1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[version]:
                    con.execute(statement)
        finally:
            con.execute(f'USE "{current}"')
        return
    con.execute(
        f"""CREATE VIEW {c}.main._complete AS
            SELECT parse_filename(file) AS _part FROM glob('{base}/articles/part-*.parquet')"""
    )
    con.execute(
        f"""CREATE VIEW {c}.main._articles_raw AS
            SELECT * EXCLUDE (filename, file_row_number),
                   parse_filename(filename) AS _part, file_row_number AS _row
            FROM {read("articles", ", filename = true, file_row_number = true")}"""
    )
    con.execute(
        f"""CREATE VIEW {c}.main._first AS
            SELECT id, _part FROM {c}.main._articles_raw
            QUALIFY row_number() OVER (PARTITION BY id ORDER BY _part, _row) = 1"""
    )
    stories = (
        read(STORIES)
        if _has(url, STORIES)
        else "(SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS story_id WHERE false)"
    )
    con.execute(f"CREATE VIEW {c}.main._stories AS SELECT article_id, story_id FROM {stories}")
    con.execute(
        f"""CREATE VIEW {c}.main.articles AS
            SELECT a.* EXCLUDE (_part, _row) REPLACE (coalesce(s.story_id, a.story_id) AS story_id)
            FROM {c}.main._articles_raw a
            JOIN {c}.main._first f ON a.id = f.id AND a._part = f._part
            LEFT JOIN {c}.main._stories s ON s.article_id = a.id"""
    )
    for table in _CHILDREN:
        con.execute(
            f"""CREATE VIEW {c}.main.{table} AS
                SELECT t.* EXCLUDE (filename)
                FROM {read(table, ", filename = true")} t
                JOIN {c}.main._first f
                  ON t.article_id = f.id AND parse_filename(t.filename) = f._part"""
        )
    con.execute(
        f"""CREATE VIEW {c}.main.story_signatures AS
            SELECT t.* EXCLUDE (filename) REPLACE (coalesce(s.story_id, t.story_id) AS story_id)
            FROM {read("story_signatures", ", filename = true")} t
            JOIN {c}.main._first f ON t.article_id = f.id AND parse_filename(t.filename) = f._part
            LEFT JOIN {c}.main._stories s ON s.article_id = t.article_id"""
    )
    ordered = f"""SELECT * EXCLUDE (filename, file_row_number),
                         parse_filename(filename) AS _part, file_row_number AS _row
                  FROM {{source}}
                  WHERE parse_filename(filename) IN (SELECT _part FROM {c}.main._complete)"""
    entities = ordered.format(source=read("entities", ", filename = true, file_row_number = true"))
    con.execute(
        f"""CREATE VIEW {c}.main.entities AS
            SELECT id,
                   first(name ORDER BY _part, _row) AS name,
                   first(kind ORDER BY _part, _row) AS kind,
                   list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
                   first(ticker ORDER BY _part, _row) AS ticker
            FROM ({entities}) GROUP BY id"""
    )
    failures = ordered.format(source=read("failures", ", filename = true, file_row_number = true"))
    con.execute(
        f"""CREATE VIEW {c}.main.failures AS
            SELECT source, reason, detail, "at" FROM ({failures})
            QUALIFY row_number() OVER (PARTITION BY source, reason ORDER BY _part DESC, _row DESC)
                    = 1"""
    )
    sources = ordered.format(source=read("sources", ", filename = true, file_row_number = true"))
    con.execute(
        f"""CREATE VIEW {c}.main.sources AS
            SELECT name, size, mtime, finished_at FROM ({sources})
            QUALIFY row_number() OVER (PARTITION BY name ORDER BY _part DESC, _row DESC) = 1"""
    )


def open_dataset(path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection whose tables are views over the dataset at `path`."""
    url = str(path)
    con, base = dataset_connection(url)
    attach_views(con, url, base, "memory")
    return con


def is_dataset(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is a folder written by ``newstide ingest --out``."""
    folder = Path(path)
    return folder.is_dir() and (folder / "articles").is_dir()


def load_dataset(path: str | os.PathLike[str], con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Copy the dataset at `path` into the (empty) store behind `con`, in one transaction.

    Returns:
        Rows loaded per table.

    Raises:
        StoreError: The store already holds articles (story ids could not stay consistent).
    """
    url = str(path)
    if not _has(url, "articles"):
        raise StoreError(f"no Parquet dataset at {url}", "write one: newstide ingest --out DIR")
    (held,) = con.execute("SELECT count(*) FROM articles").fetchone() or (0,)
    if held:
        raise StoreError("the store already holds articles", "load into a new store file")
    fs, _ = fsspec.core.url_to_fs(url)
    protocols = (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)
    if "file" in protocols or "local" in protocols:
        base = str(Path(fsspec.core.url_to_fs(url)[1]).resolve())
    else:
        con.register_filesystem(fs)
        base = url.rstrip("/")
    con.execute("ATTACH ':memory:' AS newstide_dataset")
    loaded: dict[str, int] = {}
    try:
        attach_views(con, url, base, "newstide_dataset")
        con.execute("BEGIN TRANSACTION")
        try:
            for table in (
                "articles", *_CHILDREN, "story_signatures", "entities", "failures", "sources",
            ):  # fmt: skip
                verb = "INSERT OR REPLACE" if table in ("failures", "sources") else "INSERT"
                con.execute(
                    f"{verb} INTO main.{table} BY NAME SELECT * FROM newstide_dataset.main.{table}"
                )
                (loaded[table],) = con.execute(f"SELECT count(*) FROM main.{table}").fetchone() or (
                    0,
                )
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
    except duckdb.Error as exc:
        raise StoreError(f"cannot load the dataset {url}: {exc}") from exc
    finally:
        con.execute("DETACH newstide_dataset")
    return loaded

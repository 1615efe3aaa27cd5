"""The single final step of a distributed ingest: story ids over the whole dataset.

Story ids need one global order (the first article of a story names it), so they cannot be decided
inside partitions. This step walks the dataset's unique articles in partition order (the order the
inputs were listed, then the order within each input: the order a single-process ingest would have
written them), runs the same `StoryIndex` over them with a band index in a temporary DuckDB file
(memory stays flat however large the dataset), and writes ``DIR/stories/part-final.parquet``
(article_id, story_id), which the dataset's views apply to ``articles`` and ``story_signatures``.
"""

from __future__ import annotations

import posixpath
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb
import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from newstide.dedup.stories import StoryIndex, band_keys
from newstide.records import Article
from newstide.scale.partition import STORIES
from newstide.settings import Settings
from newstide.store.database import band_candidates, story_members


class DuckStoryBackend:
    """A band index and signatures in a DuckDB file (`newstide.dedup.stories.StoryBackend`)."""

    def __init__(self, path: str) -> None:
        self.con = duckdb.connect(path)
        self.con.execute("CREATE TABLE bands (band SMALLINT, key BIGINT, article_id VARCHAR)")
        self.con.execute(
            "CREATE TABLE members (article_id VARCHAR, story_id VARCHAR, signature UINTEGER[])"
        )

    def story_candidates(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        return band_candidates(self.con, "bands", keys)

    def story_members(self, article_ids: Sequence[str]) -> dict[str, tuple[str, tuple[int, ...]]]:
        return story_members(self.con, "members", article_ids)

    def add(self, articles: Sequence[Article], settings: Settings) -> None:
        bands = [(a.id, b, k) for a in articles for b, k in band_keys(a, settings.dedup)]
        self.con.register(
            "_bands",
            pa.table(
                {
                    "band": pa.array([b for _, b, _ in bands], pa.int16()),
                    "key": pa.array([k for _, _, k in bands], pa.int64()),
                    "article_id": pa.array([i for i, _, _ in bands], pa.string()),
                }
            ),
        )
        self.con.execute("INSERT INTO bands SELECT band, key, article_id FROM _bands")
        self.con.unregister("_bands")
        self.con.register(
            "_members",
            pa.table(
                {
                    "article_id": [a.id for a in articles],
                    "story_id": [a.story_id for a in articles],
                    "signature": pa.array(
                        [list(a.minhash) for a in articles], pa.list_(pa.uint32())
                    ),
                }
            ),
        )
        self.con.execute("INSERT INTO members SELECT * FROM _members")
        self.con.unregister("_members")

    def close(self) -> None:
        self.con.close()


def dataset_connection(url: str) -> tuple[duckdb.DuckDBPyConnection, str]:
    """A DuckDB connection that can read the dataset at `url`, and the dataset's base path in it."""
    fs, root = fsspec.core.url_to_fs(url)
    con = duckdb.connect()
    protocols = (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)
    if "file" in protocols or "local" in protocols:
        return con, str(Path(root).resolve())
    con.register_filesystem(fs)
    return con, url.rstrip("/")


_UNIQUE_ARTICLES = """
    WITH raw AS (
        SELECT id, text, parse_filename(filename) AS part, file_row_number AS row
        FROM read_parquet('{base}/articles/*.parquet', filename = true, file_row_number = true)),
    first AS (
        SELECT * FROM raw QUALIFY row_number() OVER (PARTITION BY id ORDER BY part, row) = 1),
    signatures AS (
        SELECT article_id, any_value(signature) AS signature
        FROM read_parquet('{base}/story_signatures/*.parquet') GROUP BY article_id)
    SELECT f.id, f.text, s.signature
    FROM first f LEFT JOIN signatures s ON s.article_id = f.id
    ORDER BY f.part, f.row
"""


def assign_stories(url: str, settings: Settings) -> int:
    """Assign story ids over the dataset at `url`; returns the number of unique articles."""
    fs, root = fsspec.core.url_to_fs(url)
    if not fs.glob(posixpath.join(root, "articles", "part-*.parquet")):
        return 0
    con, base = dataset_connection(url)
    schema = pa.schema([("article_id", pa.string()), ("story_id", pa.string())])
    final = posixpath.join(root, STORIES, "part-final.parquet")
    temporary = posixpath.join(root, STORIES, ".part-final.parquet.tmp")
    fs.makedirs(posixpath.join(root, STORIES), exist_ok=True)
    unique = 0
    with tempfile.TemporaryDirectory(prefix="newstide-stories-") as work:
        backend = DuckStoryBackend(str(Path(work) / "index.duckdb"))
        index = StoryIndex(settings.dedup, backend)
        try:
            cursor = con.execute(_UNIQUE_ARTICLES.format(base=base))
            with fs.open(temporary, "wb") as handle, pq.ParquetWriter(handle, schema) as writer:
                while rows := cursor.fetchmany(settings.scale.story_batch):
                    batch = [
                        Article(id=i, source="", text=t, minhash=tuple(s or ())) for i, t, s in rows
                    ]
                    done = index.assign(batch)
                    backend.add(done, settings)
                    writer.write_table(
                        pa.table(
                            {
                                "article_id": [a.id for a in done],
                                "story_id": [a.story_id for a in done],
                            },
                            schema=schema,
                        )
                    )
                    unique += len(done)
            fs.mv(temporary, final)
        finally:
            backend.close()
            con.close()
    return unique

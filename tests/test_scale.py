"""The distributed ingest (newstide.scale): a Dask cluster writing Parquet gives the single-process store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from newstide.ingest.run import ingest
from newstide.scale.dataset import load_dataset, open_dataset
from newstide.store.database import Store

_TABLES = (
    "articles", "sentences", "mentions", "roles", "entities", "interactions", "summaries",
    "failures", "story_signatures", "story_bands",
)  # fmt: skip
_WALL_CLOCK = {"articles": "* EXCLUDE (ingested_at)", "failures": '* EXCLUDE ("at")'}


def _rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {
        t: sorted(
            map(tuple, con.execute(f"SELECT {_WALL_CLOCK.get(t, '*')} FROM {t}").fetchall()),
            key=repr,
        )
        for t in _TABLES
    }


@pytest.mark.slow
def test_a_dask_cluster_gives_the_single_process_store(tmp_path: Path) -> None:
    from newstide.cli import demo_corpus
    from newstide.scale import ingest_dataset
    from newstide.settings import load_settings

    settings = load_settings()
    corpus = [str(demo_corpus())]
    with Store(tmp_path / "one.duckdb", dedup=settings.dedup) as store:
        ingest(corpus, store, settings, workers=1)
        single = _rows(store.con)
    assert single["articles"] and single["interactions"]

    out = tmp_path / "dataset"
    report = ingest_dataset(corpus, str(out), settings, local_workers=2)
    assert report.added == len(single["articles"]) and not report.failed

    dataset = open_dataset(out)
    try:
        viewed = _rows(dataset)
    finally:
        dataset.close()
    for table in _TABLES:
        assert viewed[table] == single[table], table

    # Resuming writes nothing new and duplicates nothing.
    again = ingest_dataset(corpus, str(out), settings, local_workers=2)
    assert again.inputs_skipped == again.inputs and again.added == 0

    # The Store opens the dataset folder read-only; `load` copies it into a store file.
    with Store(out, read_only=True) as view, Store(tmp_path / "one.duckdb", read_only=True) as one:
        assert view.counts() == one.counts()
        assert [a.id for a in view.articles()] == [a.id for a in one.articles()]
    with Store(tmp_path / "loaded.duckdb", dedup=settings.dedup) as loaded:
        load_dataset(out, loaded.con)
        assert _rows(loaded.con) == single

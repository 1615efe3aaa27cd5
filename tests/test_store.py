"""The store: idempotent, resumable, versioned, and never corrupted by a killed ingest."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newstide.errors import StoreError
from newstide.ingest.run import ingest
from newstide.settings import Settings
from newstide.store.database import Store
from newstide.store.schema import SCHEMA_VERSION

SENTENCES = [
    "Bank {n} dan Telkom {n} menandatangani nota kesepahaman untuk layanan digital.",
    "Perusahaan {n} berinvestasi di startup {n} yang bergerak di bidang logistik.",
    "Regulator menyelidiki kerja sama antara Grup {n} dan Mitra {n} di pasar pembayaran.",
    "Company {n} said it would acquire the cloud unit of Holdings {n} later this year.",
]


def write_corpus(folder: Path, files: int, per_file: int) -> int:
    """JSONL files of distinct short articles; returns how many articles were written."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for f in range(files):
        with (folder / f"part-{f:03}.jsonl").open("w", encoding="utf-8") as out:
            for _ in range(per_file):
                text = " ".join(s.format(n=f"{n}-{k}") for k, s in enumerate(SENTENCES))
                out.write(json.dumps({"text": text, "title": f"Artikel {n}"}) + "\n")
                n += 1
    return n


def test_reingesting_is_idempotent(tmp_path: Path, settings: Settings) -> None:
    written = write_corpus(tmp_path / "in", files=3, per_file=5)
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest([str(tmp_path / "in")], store, settings)
        again = ingest([str(tmp_path / "in")], store, settings, force=True)
        counts = store.counts()
    assert first.added == written and again.added == 0 and again.already_stored == written
    assert counts["articles"] == written
    assert counts["sentences"] == written * len(SENTENCES)


def test_a_finished_input_is_skipped_unless_changed(tmp_path: Path, settings: Settings) -> None:
    write_corpus(tmp_path / "in", files=2, per_file=2)
    with Store(tmp_path / "s.duckdb") as store:
        ingest([str(tmp_path / "in")], store, settings)
        target = tmp_path / "in" / "part-000.jsonl"
        target.write_text(
            target.read_text(encoding="utf-8")
            + json.dumps({"text": "Artikel tambahan tentang kerja sama Pertamina dan PLN di Jawa."})
            + "\n",
            encoding="utf-8",
        )
        report = ingest([str(tmp_path / "in")], store, settings)
    assert report.inputs_skipped == 1
    assert report.added == 1 and report.already_stored == 2


KILLER = """
import sys
from newstide.ingest.run import ingest
from newstide.settings import load_settings
from newstide.store.database import Store
with Store(sys.argv[1]) as store:
    ingest([sys.argv[2]], store, load_settings(sys.argv[3]))
"""


@pytest.mark.slow
def test_killed_ingest_resumes_with_every_article_exactly_once(tmp_path: Path) -> None:
    written = write_corpus(tmp_path / "in", files=12, per_file=40)
    small_batches = tmp_path / "settings.toml"
    small_batches.write_text("[ingest]\nbatch_size = 16\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", KILLER, str(db), str(tmp_path / "in"), str(small_batches)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(1.5, 3.0))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
    subprocess.run(
        [sys.executable, "-c", KILLER, str(db), str(tmp_path / "in"), str(small_batches)],
        check=True, capture_output=True,
    )  # fmt: skip
    assert kills >= 1, "the ingest finished before it could be killed: make the corpus larger"
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == written
        assert (
            store.query("SELECT count(*) FROM (SELECT DISTINCT title FROM articles)")[0][0]
            == written
        )
        per_article = store.query(
            "SELECT count(*) FROM sentences GROUP BY article_id HAVING count(*) <> ?",
            [len(SENTENCES)],
        )
        assert per_article == []
        assert store.query("SELECT count(*) FROM story_signatures")[0][0] == written


def test_schema_version_is_recorded_and_a_newer_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="upgrade newstide"):
        Store(db)


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a newstide store"):
        Store(db, read_only=True)


def test_articles_round_trip_through_the_store(tmp_path: Path, settings: Settings) -> None:
    from newstide.api import analyze

    text = (
        "Judul Uji\n\nFoto: Antara\n\nJakarta (ANTARA) - Pertamina dan PLN bekerja sama membangun "
        "stasiun pengisian daya. Kerja sama itu diteken di Jakarta, Senin, oleh direktur kedua "
        "perusahaan.\n\nKeduanya menargetkan seratus stasiun baru hingga akhir tahun depan."
    )
    article = analyze(text)
    assert article.minhash and article.image_credit == "Antara"
    with Store(tmp_path / "s.duckdb") as store:
        store.write([article])
        (back,) = list(store.articles())
    assert back == article


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    tables = ["articles", "sentences", "mentions", "entities", "roles", "interactions", "failures"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: sorted(
                map(tuple, con.execute(f"SELECT {_columns(t)} FROM {t}").fetchall()),
                key=repr,
            )
            for t in tables
        }
    finally:
        con.close()


def _columns(table: str) -> str:
    """Every column but the wall-clock ones."""
    return {"articles": "* EXCLUDE (ingested_at)", "failures": '* EXCLUDE ("at")'}.get(table, "*")


@pytest.mark.slow
def test_two_workers_give_the_same_store_as_one(tmp_path: Path) -> None:
    from newstide.cli import demo_corpus
    from newstide.settings import load_settings

    early_pool = tmp_path / "settings.toml"
    early_pool.write_text("[ingest]\npool_after_documents = 4\n", encoding="utf-8")
    settings = load_settings(early_pool)
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            ingest([str(demo_corpus())], store, settings, workers=workers)
    one, two = _rows(tmp_path / "w1.duckdb"), _rows(tmp_path / "w2.duckdb")
    assert one["articles"] and one["interactions"]
    for table in one:
        assert one[table] == two[table], table

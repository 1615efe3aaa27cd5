"""The bundled sample corpus: every format reads back as the articles it was rendered from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstide.cli import cli, demo_corpus
from newstide.store.database import Store

SOURCE = demo_corpus().parent / "articles.json"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = CliRunner().invoke(cli, ["--db", str(db), "demo"])
    assert result.exit_code == 0, result.output
    assert "40 new article(s)" in result.output and "0 failed" in result.output
    assert "next:" in result.output
    return db


def test_every_demo_article_reads_back_with_its_fields(demo_store: Path) -> None:
    records = json.loads(SOURCE.read_text(encoding="utf-8"))
    with Store(demo_store, read_only=True) as store:
        stored = {a.title: a for a in store.articles()}
    assert len(stored) == len(records) == 40
    for record in records:
        article = stored[record["title"]]
        assert article.language == record["language"], record["slug"]
        assert article.text.startswith(record["paragraphs"][0][:40]), record["slug"]
        assert article.text.rstrip().endswith(record["paragraphs"][-1][-40:]), record["slug"]
        if record["format"] != "text":
            assert article.url == record["url"], record["slug"]
        if article.published is not None:
            assert article.published.date().isoformat() == record["published"][:10], record["slug"]
        assert article.sentences, record["slug"]


def test_only_the_undated_seed_style_scrape_lacks_a_date(demo_store: Path) -> None:
    with Store(demo_store, read_only=True) as store:
        undated = store.query("SELECT source FROM articles WHERE published IS NULL")
    assert [Path(s).name for (s,) in undated] == ["2019-07-microsoft-suntik-openai-us1-miliar.txt"]


def test_rerunning_the_demo_adds_nothing(demo_store: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(demo_store), "demo"])
    assert result.exit_code == 0
    assert "20 already ingested" in result.output
    with Store(demo_store, read_only=True) as store:
        assert store.counts()["articles"] == 40


def test_the_rewritten_copy_shares_a_story(demo_store: Path) -> None:
    with Store(demo_store, read_only=True) as store:
        rows = store.query(
            "SELECT story_id, list(title ORDER BY title) FROM articles GROUP BY story_id "
            "HAVING count(*) > 1"
        )
    assert len(rows) == 1
    ((_, titles),) = rows
    assert len(titles) == 2 and all("OpenAI" in t for t in titles)


def test_demo_corpus_is_reproducible_from_its_source(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "make_demo_corpus.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_microsoft_openai_timeline_tells_the_story(demo_store: Path) -> None:
    """Issue 6's acceptance: the tone is high with the 2019 and 2023 investments, falls in the
    2023-2025 strains and recovers with the 2025 restructuring; the turning points are a turn
    down within the strains and a turn up within a quarter of the restructuring (October 2025)."""
    with Store(demo_store, read_only=True) as store:
        frame = store.timeline("Microsoft", "OpenAI", by="quarter")
        points = store.turning_points("Microsoft", "OpenAI", by="quarter")
    turns = [(p.date.isoformat()[:7], p.direction) for p in points]
    downs = [date for date, direction in turns if direction == "down"]
    assert downs and all("2023-10" <= date <= "2025-06" for date in downs), turns
    assert turns[-1][1] == "up" and "2025-07" <= turns[-1][0] <= "2025-10", turns
    tone = {
        p.date().isoformat()[:7]: t for p, t in zip(frame["period"], frame["tone"], strict=True)
    }
    investments = min(tone["2019-07"], tone["2023-01"])
    strains = [t for quarter, t in tone.items() if "2023-10" <= quarter <= "2025-06"]
    assert investments > 0.4
    assert min(strains) < investments - 0.4
    assert sum(strains) / len(strains) < investments - 0.1
    assert tone["2025-10"] > min(strains) + 0.3

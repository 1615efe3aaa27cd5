"""The founding example, read as it is, gives the right article (issue 2's acceptance)."""

from __future__ import annotations

import json

from click.testing import CliRunner

import newstide
from newstide.cli import cli

from .conftest import SEED

FURNITURE = ("the picture via", "336-280", "TL;DR", "pibitek.biz -", "- Sejarah", "•")


def test_analyze_seed_gives_the_article(seed_text: str) -> None:
    article = newstide.analyze(seed_text)
    assert article.title == "Microsoft dan OpenAI: Pasang Surut Kolaborasi"
    assert article.language == "id"
    assert article.site == "pibitek.biz"
    assert article.category == "Sejarah"
    assert article.image_credit == "geekwire"
    assert article.publisher_tldr == (
        "Microsoft dan OpenAI mengalami ketegangan dalam kemitraan mereka.",
        "Ketidakpastian kepemilikan saham memicu kekhawatiran Microsoft terhadap OpenAI.",
        "Persaingan dalam pengembangan AI semakin intens di industri teknologi.",
    )
    assert article.text.startswith("Hubungan antara Microsoft dan OpenAI, dua raksasa teknologi")
    assert article.text.endswith("ketegangan dalam hubungan mereka.")
    for furniture in FURNITURE:
        assert furniture not in article.text
    assert article.title not in article.text


def test_seed_sentences_are_spans_of_the_text(seed_text: str) -> None:
    article = newstide.analyze(seed_text)
    texts = [article.sentence_text(s) for s in article.sentences]
    assert texts[0] == (
        "Hubungan antara Microsoft dan OpenAI, dua raksasa teknologi yang merintis jalan di bidang "
        "AI, tampak mengalami pasang surut."
    )
    assert (
        "Sam Altman, CEO OpenAI, memberikan tanggapan positif kepada media tentang masa depan "
        "hubungan kedua perusahaan." in texts
    )
    assert all(t == t.strip() and t for t in texts)
    assert [s.index for s in article.sentences] == list(range(len(texts)))
    assert len(texts) == article.text.count(". ") + article.text.count(".\n") + 1


def test_cli_analyze_prints_the_export_record(seed_text: str) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(SEED)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["title"] == "Microsoft dan OpenAI: Pasang Surut Kolaborasi"
    assert record["site"] == "pibitek.biz"
    assert record["category"] == "Sejarah"
    assert record["image_credit"] == "geekwire"
    assert len(record["publisher_tldr"]) == 3
    assert record["source"] == str(SEED)
    for span in record["sentences"]:
        assert record["text"][span["start"] : span["end"]].strip()

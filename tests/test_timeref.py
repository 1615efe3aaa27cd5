"""When what a sentence reports happened: time expressions, the stage, and the stored dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from newstide.ingest.run import analyze_documents
from newstide.nlp.timeref import (
    describe_reference,
    earlier_reference,
    event_time,
    period_of,
    standing_reference,
    time_references,
)
from newstide.records import Article, RawDocument
from newstide.settings import Settings
from newstide.store.database import Store
from newstide.store.schema import MIGRATIONS, SCHEMA_VERSION

OCT_2025 = dt.datetime(2025, 10, 28, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Pada Maret 2019, lembaga itu membentuk entitas baru.", "id", "2019-03"),
        ("Microsoft hired them in late 2023, then signed again.", "en", "2023-Q4"),
        ("Kerja sama itu diumumkan pada akhir tahun 2022.", "id", "2022-Q4"),
        ("Laba turun pada kuartal ketiga 2024 dan triwulan II 2023.", "id", "2024-Q3"),
        ("Revenue fell in the second quarter of 2024.", "en", "2024-Q2"),
        ("Kesepakatan diteken pada Senin (22/7/2019).", "id", "2019-07-22"),
        ("The deal was announced on July 22, 2019.", "en", "2019-07-22"),
        ("Kesepakatan diteken pada 22 Juli 2019.", "id", "2019-07-22"),
        ("The strain began with a rival listing in 2024.", "en", "2024"),
        ("Tahun lalu, keduanya bersaing ketat.", "id", "2024"),
        ("Last month the two companies sued each other.", "en", "2025-09"),
        ("They split by mid-2023.", "en", "2023-Q3"),
        ("Pada Mei lalu, OpenAI mengumumkan restrukturisasi.", "id", "2025-05"),
        ("Keduanya berselisih pada Oktober silam.", "id", "2024-10"),
        ("Last November the two sued each other.", "en", "2024-11"),
    ],
)
def test_an_earlier_time_is_read_in_both_languages(
    sentence: str, language: str, expected: str
) -> None:
    assert earlier_reference(sentence, OCT_2025, language) == expected


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("Sejak 2019, Azure berstatus penyedia cloud eksklusif OpenAI.", "id", "2019/.."),
        ("Raksasa itu telah menanamkan miliaran dolar sejak akhir 2022.", "id", "2022-Q4/.."),
        ("The exclusivity has held since the end of 2022.", "en", "2022-Q4/.."),
        ("Kemitraan keduanya selama ini berjalan mulus.", "id", "../2025-10"),
        ("It is the latest turn in their long-running partnership.", "en", "../2025-10"),
        # the end of a state, or a state yet to start, is no standing state
        ("Kemitraan tetap berlaku hingga 2030.", "id", None),
        ("The exclusivity will hold since 2027, the filing says.", "en", None),
        # in a relative clause the state qualifies a noun, not what the sentence reports
        (
            "Kesepakatan ini meredakan ketegangan yang membayangi keduanya sejak akhir 2023.",
            "id",
            None,
        ),
        ("Acme, which has backed Globex since 2019, bought it on Monday.", "en", None),
        ("Acme and Globex signed a deal on Monday.", "en", None),
    ],
)
def test_a_standing_state_is_read_as_an_interval(
    sentence: str, language: str, expected: str | None
) -> None:
    assert standing_reference(sentence, OCT_2025, language) == expected


@pytest.mark.parametrize(
    ("refers_to", "words"),
    [("2024-03", "retells 2024-03"), ("2019/..", "a state since 2019"),
     ("../2025-10", "a standing state")],
)  # fmt: skip
def test_a_reference_in_words(refers_to: str, words: str) -> None:
    assert describe_reference(refers_to) == words


@pytest.mark.parametrize(
    "sentence",
    [
        # a state that began then and still holds is no event of that time
        "Sejak 2019, Azure berstatus penyedia cloud eksklusif OpenAI.",
        "Ketegangan membayangi kedua perusahaan sejak akhir 2023.",
        "The exclusivity has held since the end of 2022.",
        "Kemitraan tetap berlaku hingga 2030.",
        # the article's own month, or later, is no earlier time
        "Menurut laporan pada Senin (27/10/2025), keduanya sepakat.",
        "OpenAI plans to go public in 2027.",
        "The two signed the deal in October 2025.",
        # no particular time
        "Beberapa tahun lalu, keduanya bersaing ketat.",
        "Several years ago the two were rivals.",
        "How long the truce will last may depend on the regulators.",
        # numbers that are not years
        "Microsoft menyuntik US$2019 juta, naik 2019% dari tahun 2.019.",
        # English slashed dates are as often month/day as day/month
        "The deal was signed on 7/22/2019.",
        "No time at all here.",
    ],
)
def test_no_earlier_time(sentence: str) -> None:
    language = "en" if "The" in sentence or "OpenAI plans" in sentence else "id"
    assert earlier_reference(sentence, OCT_2025, language) is None


def test_the_first_earlier_time_wins_and_the_most_specific_expression_is_read() -> None:
    text = "In late 2023 Microsoft hired Altman; in March 2024 it hired Suleyman."
    refs = time_references(text, OCT_2025, "en")
    assert [(r.value, text[r.start : r.end]) for r in refs] == [
        ("2023-Q4", "late 2023"),
        ("2024-03", "March 2024"),
    ]
    assert earlier_reference(text, OCT_2025, "en") == "2023-Q4"


def test_an_undated_article_takes_the_time_its_sentence_names() -> None:
    assert earlier_reference("Diumumkan pada Senin (22/7/2019).", None, "id") == "2019-07-22"
    assert earlier_reference("Tahun lalu mereka bersaing.", None, "id") is None


def test_periods_and_event_times() -> None:
    assert period_of("2024") == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    assert period_of("2024-Q4") == (dt.date(2024, 10, 1), dt.date(2025, 1, 1))
    assert period_of("2024-12") == (dt.date(2024, 12, 1), dt.date(2025, 1, 1))
    assert period_of("2024-02-29") == (dt.date(2024, 2, 29), dt.date(2024, 3, 1))
    assert event_time(None, OCT_2025) == OCT_2025
    assert event_time("2023-Q4", OCT_2025) == dt.datetime(2023, 10, 1)
    assert event_time("2023-11-20", None) == dt.datetime(2023, 11, 20)
    assert event_time("2023", OCT_2025) is None  # a year alone is not placed on a timeline


def _analyzed(text: str, settings: Settings) -> Article:
    """An Indonesian article published on 28 October 2025, through the whole pipeline."""
    raw = RawDocument(
        source="test",
        format="record",
        content=text,
        given={"language": "id", "published": "2025-10-28T09:00:00+00:00", "title": "Berita"},
    )
    [article] = analyze_documents([raw], settings)
    assert isinstance(article, Article)
    return article


STORY = (
    "Microsoft dan OpenAI meneken kesepakatan baru pada Selasa (28/10/2025). "
    "Pada Maret 2024, Microsoft merekrut pendiri Inflection AI dan timnya. "
    "Sejak 2019, Microsoft berinvestasi di OpenAI."
)


def test_the_stage_dates_interactions_and_the_store_keeps_both_dates(
    tmp_path: Path, settings: Settings
) -> None:
    article = _analyzed(STORY, settings)
    by_sentence = {i.sentence: i for i in article.interactions}
    assert by_sentence[1].refers_to == "2024-03"  # the hires, retold
    assert by_sentence[0].refers_to is None  # today's deal
    assert by_sentence[2].refers_to == "2019/.."  # a state since 2019, still holding
    with Store(tmp_path / "s.duckdb") as store:
        store.write([article], [])
        rows = store.query(
            "SELECT sentence, refers_to, happened, published FROM interactions ORDER BY sentence"
        )
        stored = store.article(article.id)
    happened = {sentence: when for sentence, _, when, _ in rows}
    assert happened[1] == dt.datetime(2024, 3, 1)
    assert happened[0] == happened[2] == rows[0][3] == dt.datetime(2025, 10, 28, 9, 0)
    assert stored is not None
    assert {i.sentence: i.refers_to for i in stored.interactions} == {
        i.sentence: i.refers_to for i in article.interactions
    }


def test_an_interaction_is_retold_only_when_every_sentence_stating_it_is(
    settings: Settings,
) -> None:
    text = (
        "Gojek dan Tokopedia memperluas kemitraan mereka pada Selasa (28/10/2025). "
        "Kemitraan itu dimulai pada Maret 2019, ketika Gojek bekerja sama dengan Tokopedia. "
        "Pada Mei 2020, Grab bersaing ketat dengan Gojek."
    )
    article = _analyzed(text, settings)
    kinds = {i.type: i for i in article.interactions}
    assert kinds["partnership"].stated_in == (0, 1)
    assert kinds["partnership"].refers_to is None  # today's news, whatever its background says
    assert kinds["competition"].refers_to == "2020-05"


@pytest.mark.parametrize(
    ("text", "kind", "standing"),
    [
        # named only as the setting of other news, after a preposition
        ("Microsoft membentuk tim AI sendiri di luar kemitraannya dengan OpenAI.", "partnership",
         True),
        ("Microsoft mengumumkan perubahan dalam kemitraannya dengan OpenAI.", "partnership", True),
        # said to remain
        ("Microsoft tetap menjadi penyedia cloud utama bagi OpenAI.", "supply", True),
        # news
        ("Microsoft menjalin kemitraan dengan OpenAI.", "partnership", False),
        ("Microsoft dan OpenAI masuk dalam kemitraan baru.", "partnership", False),
    ],
)  # fmt: skip
def test_a_relation_named_as_a_setting_or_said_to_remain_is_a_standing_state(
    settings: Settings, text: str, kind: str, standing: bool
) -> None:
    article = _analyzed(text, settings)
    (found,) = [i for i in article.interactions if i.type == kind]
    assert found.refers_to == ("../2025-10" if standing else None)


def test_a_version_1_store_is_migrated_and_its_interactions_keep_their_dates(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for statement in MIGRATIONS[1]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute(
        "INSERT INTO interactions VALUES ('a1', 0, 'acme', 'globex', 'partnership', 0.5, false, "
        "'asserted', 'Acme and Globex.', 0, 16, TIMESTAMP '2024-01-05 10:00', 1.0)"
    )
    con.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.query("SELECT refers_to, happened, stated_in FROM interactions") == [
            (None, dt.datetime(2024, 1, 5, 10, 0), [0])
        ]

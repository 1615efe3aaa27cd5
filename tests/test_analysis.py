"""Pair timelines, turning points, pairs, the graph and exports, on stores with known interactions.

Each store is a real DuckDB file made by `Store`, with articles, entities and interactions written
by SQL, so every expected number can be worked out by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newstide.analysis import (
    AnalysisInputError,
    Filters,
    UnknownEntityError,
    active_organizations,
    detect_changes,
    export_graph,
    export_tables,
    graph,
    graph_json,
    interactions,
    pairs,
    resolve,
    search,
    timeline,
    timeline_record,
    turning_points,
)
from newstide.cli import cli
from newstide.nlp.timeref import event_time, is_standing
from newstide.settings import Settings
from newstide.store.database import Store

ORGS = [
    ("acme", "Acme", ["ACME Corp", "PT Acme Tbk"]),
    ("globex", "Globex", ["Globex Corporation"]),
    ("initech", "Initech", []),
    ("umbrella", "Umbrella", ["Umbrella Corp"]),
    ("hooli", "Hooli", []),
    ("piedpiper", "Pied Piper", []),
]


class Corpus:
    """Writes articles, entities, mentions and interactions into a store, keeping ids simple."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.n = 0
        store.con.executemany(
            "INSERT INTO entities (id, name, kind, aliases) VALUES (?, ?, 'ORG', ?)", ORGS
        )

    def article(
        self,
        published: str | dt.datetime | None,
        *,
        story: str | None = None,
        language: str = "en",
        title: str | None = None,
    ) -> str:
        self.n += 1
        article_id = f"art{self.n:04d}"
        self.store.con.execute(
            "INSERT INTO articles (id, source, title, published, language, text, story_id, ingested_at) "
            "VALUES (?, 'test', ?, ?, ?, 'Some text.', ?, now())",
            [article_id, title or f"Article {self.n}", published, language, story or article_id],
        )
        return article_id

    def interaction(
        self,
        article_id: str,
        a: str,
        b: str,
        kind: str = "partnership",
        tone: float = 0.5,
        confidence: float = 1.0,
        evidence: str | None = None,
        modality: str = "asserted",
        sentence: int = 0,
        refers_to: str | None = None,
        support: int = 1,
    ) -> None:
        """One interaction; ``refers_to`` is the earlier time its evidence names, if any, and
        ``support`` the number of sentences that state it."""
        happened = "published" if refers_to is None or is_standing(refers_to) else "?::TIMESTAMP"
        self.store.con.execute(
            "INSERT INTO interactions (article_id, sentence, a, b, type, tone, directed, modality, "
            f"evidence, start, \"end\", published, confidence, refers_to, stated_in, happened) "
            f"SELECT ?, ?, ?, ?, ?, ?, false, ?, ?, 0, 10, published, ?, ?, ?, {happened} "
            "FROM articles WHERE id = ?",
            [article_id, sentence, a, b, kind, tone, modality,
             evidence or f"{a} and {b}: {kind}", confidence, refers_to,
             list(range(sentence, sentence + support)),
             *([] if happened == "published" else [event_time(refers_to, None)]), article_id],
        )  # fmt: skip

    def mention(self, article_id: str, entity_id: str, count: int = 1) -> None:
        for _ in range(count):
            self.store.con.execute(
                "INSERT INTO mentions VALUES (?, 0, 0, 4, ?, ?, 'ORG', 'ner')",
                [article_id, entity_id, entity_id],
            )


@pytest.fixture
def corpus(store: Store) -> Corpus:
    return Corpus(store)


@pytest.fixture
def known(corpus: Corpus) -> Corpus:
    """Acme–Globex over three months, with one story reported twice, plus other pairs."""
    jan1 = corpus.article("2024-01-05", story="story-merger")
    jan2 = corpus.article("2024-01-06", story="story-merger", language="id")  # same story
    jan3 = corpus.article("2024-01-20")
    corpus.interaction(jan1, "acme", "globex", "investment", 0.8, 1.0, "Acme invests in Globex.")
    corpus.interaction(jan2, "globex", "acme", "investment", 0.2, 0.5, "Acme suntik Globex.")
    corpus.interaction(jan3, "acme", "globex", "tension", -0.4, 0.5, "Acme and Globex clash.")
    feb = corpus.article("2024-02-10")
    corpus.interaction(feb, "acme", "globex", "legal", -0.9, 1.0, "Globex sues Acme.")
    apr = corpus.article("2024-04-02")
    corpus.interaction(apr, "acme", "globex", "partnership", 0.6, 1.0, "They make up.")
    corpus.interaction(apr, "acme", "initech", "supply", 0.4, 1.0)
    other = corpus.article("2024-03-03")
    corpus.interaction(other, "umbrella", "initech", "competition", -0.5, 1.0)
    undated = corpus.article(None)
    corpus.interaction(undated, "acme", "globex", "partnership", 1.0, 1.0)
    return corpus


# --- timeline ------------------------------------------------------------------------------


def test_timeline_counts_interactions_stories_and_weighted_tone(known: Corpus) -> None:
    frame = timeline(known.store, "acme", "globex")
    assert [p.date().isoformat() for p in frame["period"]] == [
        "2024-01-01",
        "2024-02-01",
        "2024-04-01",
    ]
    jan = frame.iloc[0]
    assert jan["interactions"] == 3
    assert jan["stories"] == 2  # two reports of one merger story count once
    # ... in the tone too: the two reports share the merger story's weight
    merger = (0.8 * 1.0 + 0.2 * 0.5) / 2
    assert jan["tone"] == pytest.approx((merger - 0.4 * 0.5) / (1.5 / 2 + 0.5))
    assert jan["weight"] == pytest.approx(1.5 / 2 + 0.5)
    assert (jan["investment"], jan["tension"], jan["legal"]) == (2, 1, 0)
    assert jan["articles"] == ["art0001", "art0002", "art0003"]
    assert frame["interactions"].tolist() == [3, 1, 1]  # the undated one has no period
    assert frame.attrs["undated"] == 1
    assert frame.attrs["types"] == ["investment", "legal", "partnership", "tension"]


def test_a_retold_event_is_placed_when_it_happened(corpus: Corpus) -> None:
    """An April article recalling a January clash puts the clash in January; one recalled by
    its year alone stays off the timeline but is still listed among the pair's interactions."""
    april = corpus.article("2024-04-10")
    corpus.interaction(april, "acme", "globex", "partnership", 0.6, evidence="They sign a deal.")
    corpus.interaction(april, "acme", "globex", "tension", -0.8, refers_to="2024-01")
    corpus.interaction(april, "acme", "globex", "legal", -0.9, refers_to="2022")
    corpus.interaction(april, "acme", "globex", "competition", -0.5, refers_to="2023-Q4")
    frame = timeline(corpus.store, "acme", "globex")
    by_period = dict(
        zip([p.date().isoformat() for p in frame["period"]], frame["tone"], strict=True)
    )
    assert by_period == {"2023-10-01": -0.5, "2024-01-01": -0.8, "2024-04-01": 0.6}
    assert frame.attrs["undated"] == 1  # the one retold with its year alone
    assert frame["articles"].tolist() == [[april]] * 3
    listed = interactions(corpus.store, "acme", "globex")
    assert sorted(listed["refers_to"].fillna("-")) == ["-", "2022", "2023-Q4", "2024-01"]
    assert set(listed["published"].dt.date.astype(str)) == {"2024-04-10"}
    # period filters select by when it happened
    assert timeline(corpus.store, "acme", "globex", until="2024-01")["tone"].tolist() == [
        -0.5,
        -0.8,
    ]


def test_denied_and_speculative_interactions_weigh_less_in_the_tone(
    corpus: Corpus, settings: Settings
) -> None:
    jan = corpus.article("2024-01-05")
    corpus.interaction(jan, "acme", "globex", "partnership", 0.6)
    corpus.interaction(jan, "acme", "globex", "acquisition", 0.4, modality="denied")
    corpus.interaction(jan, "acme", "globex", "legal", -0.9, modality="speculative")
    corpus.interaction(jan, "acme", "globex", "tension", -0.3, modality="reported")
    (tone,) = timeline(corpus.store, "acme", "globex")["tone"]
    assert tone == pytest.approx((0.6 - 0.9 * 0.5 - 0.3) / (1 + 0.5 + 1))
    (pair_tone,) = pairs(corpus.store)["tone"]
    assert pair_tone == pytest.approx(tone)
    equal = dataclasses.replace(settings.analysis, speculative_weight=1.0, denied_weight=1.0)
    (plain,) = timeline(corpus.store, "acme", "globex", settings=equal)["tone"]
    assert plain == pytest.approx((0.6 + 0.4 - 0.9 - 0.3) / 4)


def test_a_restated_standing_state_weighs_less_than_a_new_event(
    corpus: Corpus, settings: Settings
) -> None:
    """ "Since 2019, Acme has backed Globex" is true in June 2025, but no June event."""
    june = corpus.article("2025-06-18")
    corpus.interaction(june, "acme", "globex", "investment", 0.6, refers_to="2019/..")
    corpus.interaction(june, "acme", "globex", "partnership", 0.5, refers_to="../2025-06")
    corpus.interaction(june, "acme", "globex", "tension", -0.6, sentence=2)
    frame = timeline(corpus.store, "acme", "globex")
    assert frame["period"].dt.date.astype(str).tolist() == ["2025-06-01"]  # the article's month
    standing = settings.analysis.standing_weight
    assert 0 < standing < 1
    assert frame["tone"].tolist() == pytest.approx(
        [(0.6 * standing + 0.5 * standing - 0.6) / (2 * standing + 1)]
    )
    equal = dataclasses.replace(settings.analysis, standing_weight=1.0)
    (plain,) = timeline(corpus.store, "acme", "globex", settings=equal)["tone"]
    assert plain == pytest.approx((0.6 + 0.5 - 0.6) / 3)


@pytest.mark.parametrize(
    ("a", "b"),
    [("acme", "globex"), ("Acme", "GLOBEX"), ("acme corp", "Globex Corporation"),
     ("PT ACME TBK", "globex"), ("globex", "acme"), ("  Acme  ", "globex")],
)  # fmt: skip
def test_timeline_takes_ids_names_and_aliases_in_any_case(known: Corpus, a: str, b: str) -> None:
    frame = timeline(known.store, a, b)
    assert frame["interactions"].sum() == 5
    assert {frame.attrs["a"].id, frame.attrs["b"].id} == {"acme", "globex"}


@pytest.mark.parametrize(
    ("by", "periods", "counts"),
    [("month", 3, [3, 1, 1]), ("quarter", 2, [4, 1]), ("week", 4, [2, 1, 1, 1])],
)
def test_timeline_periods(known: Corpus, by: str, periods: int, counts: list[int]) -> None:
    frame = timeline(known.store, "acme", "globex", by=by)
    assert len(frame) == periods
    assert frame["interactions"].tolist() == counts
    assert frame.attrs["by"] == by


@pytest.mark.parametrize(
    ("filters", "total"),
    [
        ({"types": ["investment"]}, 2),
        ({"types": "legal"}, 1),
        ({"types": ["investment", "legal"]}, 3),
        ({"language": "id"}, 1),
        ({"since": "2024-02"}, 2),
        ({"until": "2024-01-31"}, 3),
        ({"since": "2024-02-10", "until": "2024-02-10"}, 1),
        ({"since": "2025"}, 0),
        ({"until": "2024-Q1"}, 4),  # January to March
        ({"since": "2024-Q2"}, 1),
    ],
)
def test_timeline_filters(known: Corpus, filters: dict[str, Any], total: int) -> None:
    assert timeline(known.store, "acme", "globex", **filters)["interactions"].sum() == total


@pytest.mark.parametrize(
    ("a", "b", "error"),
    [
        ("acme", "nobody", UnknownEntityError),
        ("", "acme", UnknownEntityError),
        ("acme", "Acme Corp", AnalysisInputError),
    ],
)
def test_timeline_rejects_what_it_cannot_use(known: Corpus, a: str, b: str, error: type) -> None:
    with pytest.raises(error):
        timeline(known.store, a, b)


@pytest.mark.parametrize(
    "kwargs",
    [{"by": "year"}, {"since": "last tuesday"}, {"until": "2024-13-01"}, {"since": "2024-Q5"}],
)
def test_timeline_rejects_bad_options(known: Corpus, kwargs: dict[str, Any]) -> None:
    with pytest.raises(AnalysisInputError):
        timeline(known.store, "acme", "globex", **kwargs)


def test_an_id_known_only_from_interactions_resolves_to_itself(corpus: Corpus) -> None:
    article = corpus.article("2024-05-01")
    corpus.interaction(article, "acme", "org-unlisted", "supply", 0.3)
    assert resolve(corpus.store, "org-unlisted").name == "org-unlisted"
    assert timeline(corpus.store, "acme", "org-unlisted")["interactions"].sum() == 1


def test_empty_timeline_has_the_columns(corpus: Corpus) -> None:
    frame = timeline(corpus.store, "acme", "globex")
    assert frame.empty and list(frame.columns) == [
        "period",
        "interactions",
        "stories",
        "tone",
        "weight",
        "articles",
    ]
    assert turning_points(corpus.store, "acme", "globex", frame=frame) == []
    assert timeline_record(frame, [])["periods"] == []


def test_store_methods_are_the_analyses(known: Corpus) -> None:
    store = known.store
    pd.testing.assert_frame_equal(
        store.timeline("acme", "globex"), timeline(store, "acme", "globex")
    )
    pd.testing.assert_frame_equal(store.pairs(), pairs(store))
    pd.testing.assert_frame_equal(
        store.interactions("acme", "globex"), interactions(store, "acme", "globex")
    )
    assert store.turning_points("acme", "globex") == turning_points(store, "acme", "globex")
    assert sorted(store.graph().edges) == sorted(graph(store).edges)


@hsettings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 400),  # day offset
            st.integers(0, 5),  # story
            st.sampled_from(["partnership", "legal", "tension", "supply"]),
            st.floats(-1, 1),
            st.floats(0.05, 1),
            st.booleans(),  # which way round a and b are stored
        ),
        min_size=1,
        max_size=30,
    )
)
def test_timeline_totals_hold_for_any_interactions(rows: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "h.duckdb") as store:
        corpus = Corpus(store)
        for day, story, kind, tone, confidence, flipped in rows:
            article = corpus.article(
                dt.datetime(2023, 1, 1) + dt.timedelta(days=day), story=f"s{story}"
            )
            a, b = ("globex", "acme") if flipped else ("acme", "globex")
            corpus.interaction(article, a, b, kind, tone, confidence)
        frame = timeline(store, "acme", "globex", by="month")
        assert frame["interactions"].sum() == len(rows)
        assert (frame["stories"] <= frame["interactions"]).all()
        assert (frame["stories"] >= 1).all()
        assert frame["tone"].between(-1 - 1e-9, 1 + 1e-9).all()
        assert sum(frame[t].sum() for t in frame.attrs["types"]) == len(rows)
        assert frame["period"].is_monotonic_increasing


# --- turning points ------------------------------------------------------------------------


def _plant_regimes(corpus: Corpus, tones: list[float], seed: int, per_month: int = 3) -> None:
    """One month per entry, ``per_month`` interactions around that tone (noisy), oldest first."""
    rng = np.random.default_rng(seed)
    for month, level in enumerate(tones):
        when = dt.datetime(2020 + month // 12, month % 12 + 1, 10)
        for k in range(per_month):
            article = corpus.article(when + dt.timedelta(days=k))
            tone = float(np.clip(level + rng.normal(0, 0.12), -1, 1))
            corpus.interaction(
                article, "acme", "globex", "partnership" if tone > 0 else "tension", tone,
                evidence=f"month {month} item {k} tone {tone:+.2f}",
            )  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_turning_points_are_found_where_the_tone_changed(corpus: Corpus, seed: int) -> None:
    tones = [0.6] * 8 + [-0.5] * 8 + [0.4] * 8  # turns at months 8 (down) and 16 (up)
    _plant_regimes(corpus, tones, seed)
    points = turning_points(corpus.store, "acme", "globex")
    assert [p.direction for p in points] == ["down", "up"]
    expected = [dt.date(2020, 9, 1), dt.date(2021, 5, 1)]
    for point, when in zip(points, expected, strict=True):
        assert abs((point.date - when).days) <= 31  # within a period of the planted change
    down, up = points
    assert down.before > 0.3 and down.after < -0.3
    assert up.after > 0.2
    # the why is the most conflictual evidence of the new regime's first month (and vice versa)
    frame = interactions(corpus.store, "acme", "globex")
    first = frame[frame["published"].dt.to_period("M") == pd.Period(down.date, "M")]
    assert down.why == first.loc[first["tone"].idxmin(), "evidence"]
    assert down.article_id in down.articles and len(down.articles) == 3


@pytest.mark.parametrize(
    ("tones", "expected"),
    [
        ([0.5, 0.6, 0.5, 0.55, 0.5, 0.6], []),  # steady
        ([0.5, -0.5, 0.5], []),  # too short to tell
        ([0.7] * 5 + [-0.7] * 5, [(5, "down")]),
        ([-0.6] * 4 + [0.6] * 4 + [-0.6] * 4, [(4, "up"), (8, "down")]),
        ([0.3] * 6 + [0.2] * 6, []),  # a shift below change_min_shift
        ([0.4] * 6 + [math.nan] + [-0.6] * 6, [(6, "down")]),  # NaN periods are skipped
        ([0.0] * 10, []),
    ],
)
def test_detect_changes(
    settings: Settings, tones: list[float], expected: list[tuple[int, str]]
) -> None:
    found = detect_changes(tones, settings.analysis)
    assert [(i, "up" if after > before else "down") for i, before, after in found] == expected


def test_an_interaction_counts_by_the_sentences_that_state_it(corpus: Corpus) -> None:
    """An article about a dispute that mentions the partnership once is mostly a dispute."""
    june = corpus.article("2025-06-18")
    corpus.interaction(june, "acme", "globex", "partnership", 0.6, support=1)
    corpus.interaction(june, "acme", "globex", "tension", -0.6, sentence=1, support=3)
    frame = timeline(corpus.store, "acme", "globex")
    assert frame["tone"].tolist() == pytest.approx([(0.6 - 0.6 * 3) / 4])
    assert frame["weight"].tolist() == [4.0]
    assert frame["interactions"].tolist() == [2]  # counts stay counts of interactions


def test_a_period_counts_by_the_evidence_behind_it(settings: Settings) -> None:
    tones = [0.5, 0.55] * 4 + [-0.6] + [0.5, 0.55] * 3
    one_stray_report = [1.0] * 8 + [0.1] + [1.0] * 6
    assert detect_changes(tones, settings.analysis, one_stray_report) == []
    # the same month, as well covered as the others, is a dip: down, then back up
    dip = detect_changes(tones, settings.analysis)
    assert [(i, "up" if after > before else "down") for i, before, after in dip] == [
        (8, "down"),
        (9, "up"),
    ]


def test_thinly_covered_periods_do_not_drown_a_well_covered_shift(settings: Settings) -> None:
    """Months of one stray report each swing wildly between well covered months that drop from
    0.5 to 0.1: the swings say little about the noise of the well covered months."""
    tones = [0.5, 0.9] * 4 + [0.1, -0.3] * 4
    weights = [1.0, 0.05] * 8
    changes = detect_changes(tones, settings.analysis, weights)
    assert [(i, after < before) for i, before, after in changes] == [(8, True)]


def test_a_noisy_series_needs_a_bigger_shift_than_a_steady_one(settings: Settings) -> None:
    steady = [0.5, 0.52] * 5 + [0.1, 0.12] * 5
    noisy = [0.9, 0.1] * 5 + [0.5, -0.3] * 5  # the same 0.4 drop in the mean, amid 0.8 swings
    assert [i for i, _, _ in detect_changes(steady, settings.analysis)] == [10]
    assert detect_changes(noisy, settings.analysis) == []


def test_timeline_record_is_the_documented_json(known: Corpus) -> None:
    frame = timeline(known.store, "Acme Corp", "globex")
    record = json.loads(
        json.dumps(
            timeline_record(frame, turning_points(known.store, "acme", "globex", frame=frame))
        )
    )
    assert set(record) >= {"a", "b", "periods", "turning_points"}
    assert record["a"] == {"id": "acme", "name": "Acme"}
    assert record["undated"] == 1
    period = record["periods"][0]
    assert set(period) >= {"period", "interactions", "stories", "tone", "types"}
    assert period["period"] == "2024-01-01"
    assert dt.date.fromisoformat(period["period"])
    assert period["types"] == {"investment": 2, "tension": 1}


# --- pairs, interactions, graph ------------------------------------------------------------


def test_pairs_are_unordered_and_most_active_first(known: Corpus) -> None:
    frame = pairs(known.store)
    assert list(zip(frame["a"], frame["b"], frame["interactions"], strict=True)) == [
        ("acme", "globex", 6), ("acme", "initech", 1), ("initech", "umbrella", 1),
    ]  # fmt: skip
    top = frame.iloc[0]
    assert top["stories"] == 5 and top["a_name"] == "Acme"
    assert top["types"] == {"investment": 2, "tension": 1, "legal": 1, "partnership": 2}
    assert top["first"] == pd.Timestamp("2024-01-05") and top["last"] == pd.Timestamp("2024-04-02")


def test_pairs_of_one_organization_put_it_first(known: Corpus) -> None:
    frame = pairs(known.store, org="Initech")
    assert set(frame["a"]) == {"initech"}
    assert sorted(frame["b"]) == ["acme", "umbrella"]
    assert pairs(known.store, org="acme", limit=1)["b"].tolist() == ["globex"]


def test_interactions_lists_every_one_with_its_evidence(known: Corpus) -> None:
    frame = interactions(known.store, "globex", "acme")
    assert len(frame) == 6
    assert frame["evidence"].iloc[0] == "Acme invests in Globex."
    assert frame["published"].iloc[-1] is pd.NaT  # the undated one comes last
    assert interactions(known.store, "acme", "globex", types="legal")["evidence"].tolist() == [
        "Globex sues Acme."
    ]
    assert len(interactions(known.store, "acme", "globex", limit=2, offset=1)) == 2


def test_search_finds_organizations_by_any_name(known: Corpus) -> None:
    assert [h.id for h in search(known.store, "corp")][:2] == [
        "acme",
        "globex",
    ]  # most active first
    assert [h.id for h in search(known.store, "UMBRELLA")] == ["umbrella"]
    assert search(known.store, "   ") == []
    assert search(known.store, "' OR 1=1 --") == []


@pytest.fixture
def two_camps(corpus: Corpus) -> Corpus:
    """Two tight clusters joined by one weak edge, with mentions."""
    when = corpus.article("2024-06-01")
    for a, b, n in [("acme", "globex", 5), ("globex", "initech", 4), ("acme", "initech", 3),
                    ("umbrella", "hooli", 5), ("hooli", "piedpiper", 4), ("umbrella", "piedpiper", 3),
                    ("initech", "umbrella", 1)]:  # fmt: skip
        for _ in range(n):
            corpus.interaction(
                when,
                a,
                b,
                "partnership" if a != "initech" else "legal",
                0.5 if a != "initech" else -0.8,
            )
    corpus.mention(when, "acme", 7)
    return corpus


def test_graph_weights_tones_mentions_and_communities(two_camps: Corpus) -> None:
    g = graph(two_camps.store)
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 7
    assert g["acme"]["globex"]["weight"] == 5
    assert g["initech"]["umbrella"]["weight"] == 1
    assert g["initech"]["umbrella"]["tone"] == pytest.approx(-0.8)
    assert g["acme"]["globex"]["type"] == "partnership"
    assert g.nodes["acme"]["name"] == "Acme" and g.nodes["acme"]["mentions"] == 7
    assert g.nodes["globex"]["interactions"] == 5 + 4
    communities = {g.nodes[n]["community"] for n in ("acme", "globex", "initech")}
    others = {g.nodes[n]["community"] for n in ("umbrella", "hooli", "piedpiper")}
    assert len(communities) == 1 and len(others) == 1 and communities != others
    assert graph(two_camps.store, max_edges=2).number_of_edges() == 2
    assert graph(two_camps.store, types=["legal"]).number_of_edges() == 1
    assert graph(two_camps.store, since="2025").number_of_nodes() == 0


@pytest.mark.parametrize("suffix", [".gexf", ".graphml", ".json"])
def test_graph_exports_round_trip(two_camps: Corpus, tmp_path: Path, suffix: str) -> None:
    g = graph(two_camps.store)
    path = export_graph(g, tmp_path / f"graph{suffix}")
    if suffix == ".gexf":
        back = nx.read_gexf(path)
    elif suffix == ".graphml":
        back = nx.read_graphml(path)
    else:
        back = nx.node_link_graph(json.loads(path.read_text()), edges="edges")
    assert sorted(map(sorted, back.edges)) == sorted(map(sorted, g.edges))
    for a, b, data in g.edges(data=True):
        assert int(back[a][b]["weight"]) == data["weight"]
        assert float(back[a][b]["tone"]) == pytest.approx(data["tone"])
    assert {back.nodes[n].get("name", back.nodes[n].get("label")) for n in back} == {
        data["name"] for _, data in g.nodes(data=True)
    }
    assert graph_json(g)["edges"]


def test_graph_export_refuses_unknown_formats(two_camps: Corpus, tmp_path: Path) -> None:
    with pytest.raises(AnalysisInputError):
        export_graph(graph(two_camps.store), tmp_path / "graph.png")


# --- table exports ---------------------------------------------------------------------------


@pytest.fixture
def titled(corpus: Corpus) -> Corpus:
    corpus.article("2024-01-02", title='Quotes "and", commas\nand a newline')
    corpus.store.con.execute("UPDATE articles SET tags = ['a', 'b'] WHERE id = 'art0001'")
    corpus.article("2023-05-06", title="Older")
    return corpus


def test_csv_export_round_trips_the_articles(titled: Corpus, tmp_path: Path) -> None:
    [path] = export_tables(titled.store, "csv", tmp_path / "articles.csv")
    frame = pd.read_csv(path)
    assert frame["id"].tolist() == ["art0002", "art0001"]  # oldest first
    assert frame.loc[1, "title"] == 'Quotes "and", commas\nand a newline'
    assert json.loads(frame.loc[1, "tags"]) == ["a", "b"]
    assert frame.loc[1, "published"] == "2024-01-02T00:00:00Z"


def test_parquet_export_of_every_table_into_a_folder(titled: Corpus, tmp_path: Path) -> None:
    written = export_tables(titled.store, "parquet", f"{tmp_path}/out/")
    assert {p.name for p in written} >= {
        "articles.parquet",
        "interactions.parquet",
        "entities.parquet",
    }
    articles = pq.read_table(tmp_path / "out" / "articles.parquet").to_pandas()
    assert sorted(articles["id"]) == ["art0001", "art0002"]
    assert list(articles.loc[articles["id"] == "art0001", "tags"].iloc[0]) == ["a", "b"]
    assert pq.read_table(tmp_path / "out" / "entities.parquet").num_rows == len(ORGS)


def test_export_refuses_what_it_cannot_write(titled: Corpus) -> None:
    with pytest.raises(AnalysisInputError):
        export_tables(titled.store, "xlsx", "x.xlsx")
    with pytest.raises(AnalysisInputError):
        export_tables(titled.store, "parquet", None)


# --- the CLI ---------------------------------------------------------------------------------


@pytest.fixture
def db(known: Corpus) -> Iterator[str]:
    path = str(known.store.path)
    known.store.con.execute("CHECKPOINT")
    known.store.close()
    yield path


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_timeline_json(db: str) -> None:
    result = _run("--db", db, "timeline", "ACME CORP", "Globex", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert [p["interactions"] for p in record["periods"]] == [3, 1, 1]
    assert record["periods"][0]["stories"] == 2
    assert record["turning_points"] == [] or {"date", "direction", "why", "articles"} <= set(
        record["turning_points"][0]
    )


def test_cli_timeline_text_and_plots(db: str, tmp_path: Path) -> None:
    result = _run(
        "--db",
        db,
        "timeline",
        "acme",
        "globex",
        "--by",
        "quarter",
        "--plot",
        str(tmp_path / "t.png"),
    )
    assert result.exit_code == 0, result.output
    assert "Acme – Globex" in result.output and "2024-01-01" in result.output
    assert "(and 1 with no month: from undated articles" in result.output
    assert (tmp_path / "t.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = _run("--db", db, "timeline", "acme", "globex", "--plot", str(tmp_path / "t.svg"))
    assert "<svg" in (tmp_path / "t.svg").read_text()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["pairs"], "Acme – Globex"),
        (["pairs", "--org", "umbrella corp"], "Umbrella – Initech"),
        (["interactions", "acme", "globex", "--type", "legal"], "Globex sues Acme."),
        (["graph"], "4 organization(s), 3 relationship(s)"),
    ],
)
def test_cli_relationship_commands(db: str, args: list[str], expected: str) -> None:
    result = _run("--db", db, *args)
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_cli_interactions_say_what_is_retold_and_what_is_standing(corpus: Corpus) -> None:
    april = corpus.article("2024-04-10")
    corpus.interaction(april, "acme", "globex", "tension", -0.5, refers_to="2024-01")
    corpus.interaction(april, "acme", "globex", "investment", 0.6, refers_to="2019/..")
    corpus.interaction(april, "acme", "globex", "partnership", 0.6, evidence="Today's deal.")
    path = str(corpus.store.path)
    corpus.store.con.execute("CHECKPOINT")
    corpus.store.close()
    result = _run("--db", path, "interactions", "acme", "globex")
    assert result.exit_code == 0, result.output
    assert "(retells 2024-01)" in result.output
    assert "(a state since 2019)" in result.output
    (today,) = [line for line in result.output.splitlines() if "partnership" in line]
    assert "(" not in today


def test_cli_graph_export_and_table_exports(db: str, tmp_path: Path) -> None:
    assert _run("--db", db, "graph", "--export", str(tmp_path / "g.graphml")).exit_code == 0
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == 3
    result = _run("--db", db, "export", "--format", "csv")
    assert result.exit_code == 0 and result.output.startswith('"id"')
    assert (
        _run(
            "--db", db, "export", "--format", "parquet", "--output", str(tmp_path / "a.parquet")
        ).exit_code
        == 0
    )
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 7
    assert _run("--db", db, "export", "--format", "jsonl").output.count("\n") == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "acme", "nobody"], "no organization called 'nobody'"),
        (["timeline", "acme", "globex", "--since", "soon"], "'soon' is not a date"),
        (["graph", "--export", "g.png"], "cannot tell the graph format"),
        (["export", "--format", "parquet"], "Parquet needs a file"),
    ],
)
def test_cli_errors_are_one_line(db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_orgs_and_org_name_the_most_mentioned_and_take_any_name(corpus: Corpus) -> None:
    first = corpus.article("2024-01-05")
    last = corpus.article("2024-03-09")
    corpus.mention(first, "acme", 3)
    corpus.mention(last, "acme", 2)
    corpus.mention(last, "globex", 1)
    path = str(corpus.store.path)
    corpus.store.con.execute("CHECKPOINT")
    corpus.store.close()
    listed = _run("--db", path, "orgs").output.splitlines()
    assert listed[1].split()[:3] == ["Acme", "5", "2"] and listed[2].split()[:3] == [
        "Globex",
        "1",
        "1",
    ]
    for name in ("acme", "ACME Corp", "PT Acme Tbk", "Acme, Inc.", "PT. ACME"):
        shown = _run("--db", path, "org", name).output
        assert shown.startswith("Acme  (acme)"), name
        assert (
            "mentions: 5 in 2 article(s)" in shown
            and "2024-01-05" in shown
            and "2024-03-09" in shown
        )
    result = CliRunner().invoke(cli, ["--db", path, "org", "Nobody Inc"])
    assert result.exit_code == 1 and "no organization called 'Nobody Inc'" in result.output


# --- the minimum confidence ----------------------------------------------------------------


@pytest.fixture
def doubtful(known: Corpus) -> Corpus:
    """`known` (Acme–Globex at confidence 1.0 and 0.5), plus a pair known only from doubtful
    interactions."""
    may = known.article("2024-05-07")
    known.interaction(may, "hooli", "piedpiper", "competition", -0.7, 0.3, "Hooli vs Pied Piper.")
    known.interaction(may, "hooli", "piedpiper", "legal", -0.9, 0.59, "Hooli sues Pied Piper.")
    return known


def test_filters_take_a_minimum_confidence_as_a_bound_parameter() -> None:
    assert Filters.of().sql() == ("", [])  # 0: every interaction, as without the filter
    assert Filters.of(min_confidence="").min_confidence == 0.0  # a form's empty field
    where, params = Filters.of("legal", min_confidence="0.6").sql()
    assert where == " AND i.type IN (?) AND i.confidence >= ?" and params == ["legal", 0.6]
    assert Filters.of(min_confidence=1).min_confidence == 1.0
    assert Filters.of(min_confidence=0.6).article_sql() == ("", [])  # about interactions only


@pytest.mark.parametrize("value", [-0.1, 1.5, "abc", "nan", "inf", "0.6; DROP TABLE x", [0.5]])
def test_a_minimum_confidence_outside_0_to_1_is_refused_in_one_line(value: Any) -> None:
    with pytest.raises(AnalysisInputError) as raised:
        Filters.of(min_confidence=value)
    assert str(raised.value).startswith(
        f"min_confidence must be a number from 0 to 1, not {value!r}"
    )
    assert "\n" not in str(raised.value)
    with pytest.raises(AnalysisInputError):
        Filters(min_confidence=2.0)


def test_min_confidence_narrows_the_timeline_and_its_tone(doubtful: Corpus) -> None:
    store = doubtful.store
    everything = timeline(store, "acme", "globex")
    assert everything["interactions"].tolist() == [3, 1, 1]
    confident = timeline(store, "acme", "globex", min_confidence=0.6)
    assert confident["interactions"].tolist() == [1, 1, 1]  # January's two at 0.5 are dropped
    jan = confident.iloc[0]
    assert (jan["stories"], jan["investment"], jan["articles"]) == (1, 1, ["art0001"])
    assert jan["tone"] == pytest.approx(0.8)  # the tone is the confident interaction's alone
    assert confident.attrs["undated"] == 1  # the undated one is confident too
    assert "tension" not in confident.attrs["types"]
    # the bound is inclusive, and 0 is everything
    assert timeline(store, "acme", "globex", min_confidence=0.5)["interactions"].tolist() == [
        3,
        1,
        1,
    ]
    pd.testing.assert_frame_equal(timeline(store, "acme", "globex", min_confidence=0), everything)
    # it combines with the other filters
    assert timeline(store, "acme", "globex", types="investment", min_confidence=0.6)[
        "interactions"
    ].tolist() == [1]
    assert store.timeline("acme", "globex", min_confidence=0.6)["interactions"].tolist() == [
        1,
        1,
        1,
    ]
    assert timeline_record(confident, [])["periods"][0]["interactions"] == 1


def test_min_confidence_narrows_pairs_interactions_and_organizations(doubtful: Corpus) -> None:
    store = doubtful.store
    assert [(r["a"], r["b"], r["interactions"]) for r in pairs(store).to_dict("records")] == [
        ("acme", "globex", 6), ("hooli", "piedpiper", 2), ("acme", "initech", 1),
        ("initech", "umbrella", 1),
    ]  # fmt: skip
    confident = pairs(store, min_confidence=0.6)
    assert [(r["a"], r["b"], r["interactions"]) for r in confident.to_dict("records")] == [
        ("acme", "globex", 4), ("acme", "initech", 1), ("initech", "umbrella", 1),
    ]  # fmt: skip
    top = confident.iloc[0]
    assert top["tone"] == pytest.approx((0.8 - 0.9 + 0.6 + 1.0) / 4)  # the mean tone too
    assert top["types"] == {"investment": 1, "legal": 1, "partnership": 2}
    assert top["stories"] == 4
    assert pairs(store, "hooli", min_confidence=0.59)["interactions"].tolist() == [1]
    assert pairs(store, "hooli", min_confidence=0.6).empty
    listed = interactions(store, "acme", "globex", min_confidence=0.6)
    assert len(listed) == 4 and (listed["confidence"] >= 0.6).all()
    assert len(interactions(store, "acme", "globex")) == 6
    assert len(store.interactions("acme", "globex", min_confidence=0.6)) == 4
    orgs = active_organizations(store, min_confidence=0.6).set_index("id")
    assert orgs.loc["acme", "interactions"] == 5 and "hooli" not in orgs.index
    assert "hooli" in set(active_organizations(store)["id"])


def test_min_confidence_narrows_the_graph(doubtful: Corpus) -> None:
    store = doubtful.store
    everything = graph(store)
    assert everything.has_edge("hooli", "piedpiper") and everything["acme"]["globex"]["weight"] == 6
    confident = graph(store, min_confidence=0.6)
    assert not confident.has_node("hooli") and not confident.has_node("piedpiper")
    assert confident["acme"]["globex"]["weight"] == 4
    assert confident["acme"]["globex"]["tone"] == pytest.approx((0.8 - 0.9 + 0.6 + 1.0) / 4)
    assert confident.nodes["acme"]["interactions"] == 5
    assert sorted(store.graph(min_confidence=0.6).edges) == sorted(confident.edges)


def test_min_confidence_narrows_the_turning_points(corpus: Corpus) -> None:
    """A turn that only doubtful reports make is no turn among the confident ones."""
    _plant_regimes(corpus, [0.6] * 16, seed=4)
    for month in range(8, 16):
        for k in range(6):
            article = corpus.article(dt.datetime(2020 + month // 12, month % 12 + 1, 15 + k))
            corpus.interaction(
                article, "acme", "globex", "tension", -0.9, 0.4, f"rumour {month}.{k}"
            )
    (point,) = turning_points(corpus.store, "acme", "globex")
    assert point.direction == "down" and point.why.startswith("rumour")
    assert turning_points(corpus.store, "acme", "globex", min_confidence=0.5) == []
    frame = timeline(corpus.store, "acme", "globex", min_confidence=0.5)
    assert frame["interactions"].tolist() == [3] * 16
    assert turning_points(corpus.store, "acme", "globex", min_confidence=0.5, frame=frame) == []


def test_cli_min_confidence(db: str) -> None:
    result = _run("--db", db, "timeline", "acme", "globex", "--json", "--min-confidence", "0.6")
    assert result.exit_code == 0, result.output
    assert [p["interactions"] for p in json.loads(result.output)["periods"]] == [1, 1, 1]
    result = _run("--db", db, "interactions", "acme", "globex", "--min-confidence", "0.6")
    assert "4 interaction(s) between Acme and Globex" in result.output
    assert "Acme and Globex clash." not in result.output  # confidence 0.5
    assert "Acme and Globex clash." in _run("--db", db, "interactions", "acme", "globex").output
    result = _run("--db", db, "pairs", "--min-confidence", "0.6", "--type", "tension")
    assert "no interactions between organizations yet" in result.output
    assert "Acme – Globex" in _run("--db", db, "pairs", "--type", "tension").output
    result = _run("--db", db, "graph", "--min-confidence", "1", "--type", "supply")
    assert "2 organization(s), 1 relationship(s)" in result.output


@pytest.mark.parametrize("command", ["pairs", "interactions", "timeline", "graph"])
def test_every_relationship_command_takes_min_confidence(command: str) -> None:
    shown = " ".join(_run(command, "--help").output.split())
    assert "--min-confidence X" in shown and "confidence is at least X, from 0 to 1" in shown


@pytest.mark.parametrize(
    ("value", "message"),
    [("1.5", "min_confidence must be a number from 0 to 1, not 1.5"),
     ("-1", "min_confidence must be a number from 0 to 1, not -1.0")],
)  # fmt: skip
def test_cli_refuses_a_bad_min_confidence_in_one_line(db: str, value: str, message: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "pairs", "--min-confidence", value])
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(cli, ["--db", db, "pairs", "--min-confidence", "high"])
    assert result.exit_code == 2 and "'high' is not a valid float" in result.output

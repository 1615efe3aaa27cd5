"""Interactions: typed, toned, directed, evidenced; the seed's relationships as issue 4 states them."""

from __future__ import annotations

import pytest

import newstide
from newstide.ingest.run import analyze_documents
from newstide.records import Article, Interaction, RawDocument
from newstide.settings import load_settings


def named(article: Article) -> list[tuple[str, str, str, Interaction]]:
    names = {e.id: e.name for e in article.entities}
    return [(names[i.a], names[i.b], i.type, i) for i in article.interactions]


def find(article: Article, a: str, b: str, kind: str) -> Interaction:
    for x, y, t, interaction in named(article):
        if t == kind and ({x, y} == {a, b}):
            return interaction
    raise AssertionError(
        f"no {kind} between {a} and {b} in {[(x, y, t) for x, y, t, _ in named(article)]}"
    )


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Article:
    return newstide.analyze(seed_text)


def test_seed_partnership_investment_and_compute(seed: Article) -> None:
    assert find(seed, "Microsoft", "OpenAI", "partnership").tone > 0
    names = {e.id: e.name for e in seed.entities}
    for kind in ("investment", "supply"):
        found = find(seed, "Microsoft", "OpenAI", kind)
        assert found.tone > 0 and found.directed
        assert (names[found.a], names[found.b]) == ("Microsoft", "OpenAI")


def test_seed_tension_is_reported_by_anonymous_sources(seed: Article) -> None:
    tension = find(seed, "Microsoft", "OpenAI", "tension")
    assert tension.tone < 0
    assert tension.modality == "reported"
    assert "sumber anonim" in seed.text[tension.start : tension.end]


def test_seed_talent_and_rivalry(seed: Article) -> None:
    names = {e.id: e.name for e in seed.entities}
    hires = find(seed, "Microsoft", "Inflection AI", "talent")
    assert (names[hires.a], names[hires.b]) == ("Microsoft", "Inflection AI")
    assert find(seed, "OpenAI", "Inflection AI", "competition").tone < 0
    poaching = [
        i for x, y, t, i in named(seed) if t == "talent" and (x, y) == ("OpenAI", "Microsoft")
    ]
    assert [p.modality for p in poaching] == ["speculative"]


def test_seed_has_no_interaction_with_places_or_the_picture_credit(seed: Article) -> None:
    kinds = {e.id: e.kind for e in seed.entities}
    for interaction in seed.interactions:
        assert kinds[interaction.a] == kinds[interaction.b] == "ORG"


def test_evidence_spans_are_sentences_of_the_text(seed: Article) -> None:
    spans = {(s.start, s.end) for s in seed.sentences}
    for interaction in seed.interactions:
        assert (interaction.start, interaction.end) in spans
        assert 0 < interaction.confidence <= 1 and -1 <= interaction.tone <= 1


CASES = [
    ("id", "Grab resmi mengakuisisi bisnis Uber di Asia Tenggara pada Maret 2018.", ("Grab", "Uber", "acquisition"), "asserted"),
    ("id", "Tokopedia diakuisisi oleh TikTok pada akhir 2023.", ("TikTok", "Tokopedia", "acquisition"), "asserted"),
    ("id", "Telkomsel dikabarkan akan berinvestasi di Gojek tahun ini.", ("Telkomsel", "Gojek", "investment"), "reported"),
    ("id", "Pertamina membantah bermitra dengan Shell dalam proyek kilang tersebut.", ("Pertamina", "Shell", "partnership"), "denied"),
    ("en", "The Federal Trade Commission sued Microsoft to block the Activision deal.", ("Federal Trade Commission", "Microsoft", "legal"), "asserted"),
    ("en", "Nvidia plans to acquire Arm from SoftBank for $40 billion.", ("Nvidia", "Arm", "acquisition"), "speculative"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "text", "expected", "modality"), CASES)
def test_direction_and_modality(
    language: str, text: str, expected: tuple[str, str, str], modality: str
) -> None:
    (article,) = analyze_documents(
        [RawDocument("t", "record", text, {"language": language})], load_settings()
    )
    assert isinstance(article, Article)
    a, b, kind = expected
    found = find(article, a, b, kind)
    names = {e.id: e.name for e in article.entities}
    if found.directed:
        assert (names[found.a], names[found.b]) == (a, b)
    assert found.modality == modality


def test_a_sentence_naming_one_organization_has_no_interaction() -> None:
    (article,) = analyze_documents(
        [
            RawDocument(
                "t",
                "record",
                "Gojek meluncurkan fitur baru untuk pengemudi di Jakarta.",
                {"language": "id"},
            )
        ],
        load_settings(),
    )
    assert isinstance(article, Article) and article.interactions == ()

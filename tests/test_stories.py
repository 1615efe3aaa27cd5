"""Exact and near-duplicate copies share a story; different stories do not."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from newstide.api import analyze
from newstide.dedup.stories import MinHashSigner, StoryIndex, lsh_shape
from newstide.records import Article
from newstide.settings import Settings
from newstide.store.database import Store

ORIGINAL = (
    "Microsoft announced on Monday a multiyear, multibillion-dollar investment in OpenAI, extending "
    "a partnership that began in 2019. The companies said Azure would remain the exclusive cloud "
    "provider for OpenAI's research, products and API services, and that Microsoft would deploy "
    "OpenAI's models across its consumer and enterprise products. Satya Nadella said the next phase "
    "would bring advanced AI to every developer and organization."
)
REWRITE = ORIGINAL.replace("on Monday", "this week").replace(
    "Satya Nadella said", "Chief executive Satya Nadella said in a blog post that"
)
OTHER = (
    "Grab said it had acquired Uber's ride-hailing and food delivery business in Southeast Asia. "
    "In return Uber took a stake of about 27.5 percent in Grab, and its chief executive joined the "
    "Grab board. The deal ended a costly battle for riders and drivers across the region, where both "
    "companies had spent heavily on subsidies for several years."
)


def signed(text: str, settings: Settings, url: str) -> Article:
    return dataclasses.replace(analyze(text, url=url, settings=settings), story_id="")


def test_lsh_threshold_is_at_or_below_the_similarity_threshold(settings: Settings) -> None:
    bands, rows = lsh_shape(settings.dedup)
    assert bands * rows <= settings.dedup.num_perm
    assert (1 / bands) ** (1 / rows) <= settings.dedup.threshold


def test_near_duplicates_share_a_story_and_others_do_not(settings: Settings) -> None:
    index = StoryIndex(settings.dedup)
    first, copy, rewrite, other = index.assign(
        [
            signed(ORIGINAL, settings, "https://a.example/1"),
            signed(ORIGINAL, settings, "https://syndicated.example/1"),
            signed(REWRITE, settings, "https://b.example/2"),
            signed(OTHER, settings, "https://c.example/3"),
        ]
    )
    assert first.story_id == first.id
    assert copy.id != first.id and copy.story_id == first.id
    assert rewrite.story_id == first.id
    assert other.story_id == other.id


def test_stories_persist_across_ingests_through_the_store(
    tmp_path: Path, settings: Settings
) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        index = StoryIndex(settings.dedup, store)
        (first,) = index.assign([signed(ORIGINAL, settings, "https://a.example/1")])
        store.write([first])
    with Store(tmp_path / "s.duckdb") as store:
        index = StoryIndex(settings.dedup, store)
        rewrite, other = index.assign(
            [
                signed(REWRITE, settings, "https://b.example/2"),
                signed(OTHER, settings, "https://c.example/3"),
            ]
        )
    assert rewrite.story_id == first.id
    assert other.story_id == other.id


def test_short_articles_match_only_exact_copies(settings: Settings) -> None:
    signer, index = MinHashSigner(settings.dedup), StoryIndex(settings.dedup)
    short = (
        "Saham BBCA naik dua persen pada penutupan perdagangan hari ini di Bursa Efek Indonesia."
    )
    make = lambda text, i: signer(Article(id=f"id{i}", source="t", text=text))  # noqa: E731
    a, b, c = index.assign([make(short, 1), make(short, 2), make(short.replace("dua", "tiga"), 3)])
    assert not a.minhash
    assert b.story_id == a.id and c.story_id == c.id

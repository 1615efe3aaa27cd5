"""Fill a store with synthetic organizations, articles and interactions, for benchmarks.

    python scripts/make_synthetic_interactions.py bench.duckdb --interactions 1000000

Organizations and pairs follow a Zipf law (a few pairs are in the news all the time, most rarely);
each pair's tone drifts through regimes so timelines have turning points; about one article in
five is a near-duplicate report of an earlier story (same ``story_id``). Everything is written in
bulk through Arrow, in a handful of transactions. The text is placeholder text, not news.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from newstide.interactions.lexicon import TYPES as INTERACTION_TYPES
from newstide.store.database import Store

TYPES = np.array(INTERACTION_TYPES)
#: Each type's usual tone sign, as in GUIDELINES.md.
TYPE_TONE = np.array([0.7, 0.6, 0.1, 0.5, -0.5, -0.4, -0.7, -0.6])
MODALITIES = np.array(["asserted", "reported", "speculative", "denied"])
START = dt.datetime(2015, 1, 1)
DAYS = 11 * 365


def _append(store: Store, table: str, data: pa.Table) -> None:
    store.con.register("_synthetic", data)
    names = ", ".join(f'"{n}"' for n in data.column_names)
    store.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _synthetic")
    store.con.unregister("_synthetic")


def generate(path: Path, interactions: int, orgs: int, seed: int) -> dict[str, int]:
    """Write a synthetic corpus into a new store at ``path``; return its row counts."""
    rng = np.random.default_rng(seed)
    n_articles = max(interactions // 4, 1)
    with Store(path) as store:
        # Organizations: ids, names and aliases.
        ids = np.array([f"org-{i:05d}" for i in range(orgs)])
        names = [f"Org {i:05d} Group" for i in range(orgs)]
        aliases = [[f"Org{i:05d}", f"ORG {i:05d} Tbk"] for i in range(orgs)]
        _append(
            store,
            "entities",
            pa.table(
                {
                    "id": ids,
                    "name": names,
                    "kind": ["ORG"] * orgs,
                    "aliases": pa.array(aliases, pa.list_(pa.string())),
                    "ticker": pa.array([None] * orgs, pa.string()),
                }
            ),
        )

        # Articles: dates over eleven years; a fifth are near-duplicates of an earlier story.
        days = np.sort(rng.integers(0, DAYS, n_articles))
        published = np.datetime64(START, "s") + days.astype("timedelta64[D]")
        article_ids = np.char.add("syn-", np.char.zfill(np.arange(n_articles).astype(str), 9))
        story_of = np.arange(n_articles)
        duplicate = rng.random(n_articles) < 0.2
        duplicate[0] = False
        back = np.maximum(np.arange(n_articles) - rng.integers(1, 5, n_articles), 0)
        story_of[duplicate] = back[duplicate]
        for i in np.flatnonzero(duplicate):  # follow chains so a story has one id
            story_of[i] = story_of[story_of[i]]
        languages = np.where(rng.random(n_articles) < 0.5, "id", "en")
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        _append(
            store,
            "articles",
            pa.table(
                {
                    "id": article_ids,
                    "source": np.char.add("synthetic:", article_ids),
                    "site": np.where(
                        languages == "id", "synthetic.id.example", "synthetic.example"
                    ),
                    "title": np.char.add("Synthetic report ", np.arange(n_articles).astype(str)),
                    "published": pa.array(published, pa.timestamp("us")),
                    "language": languages,
                    "text": ["Placeholder text of a synthetic article."] * n_articles,
                    "story_id": article_ids[story_of],
                    "ingested_at": pa.array([now] * n_articles, pa.timestamp("us")),
                }
            ),
        )

        # Interactions: Zipf-distributed pairs, pair-specific tone regimes, typed and toned.
        rank_a = np.minimum(rng.zipf(1.3, interactions) - 1, orgs - 1)
        rank_b = np.minimum(rng.zipf(1.3, interactions) - 1, orgs - 1)
        rank_b = np.where(
            rank_b == rank_a, (rank_b + 1 + rng.integers(0, orgs - 1, interactions)) % orgs, rank_b
        )
        order = rng.permutation(orgs)  # so org-00000 is not always the busiest
        a, b = ids[order[rank_a]], ids[order[rank_b]]
        article = np.sort(rng.integers(0, n_articles, interactions))
        when = published[article]
        pair_key = np.minimum(rank_a, rank_b) * orgs + np.maximum(rank_a, rank_b)
        # A pair's relationship flips between warm and cold every few years.
        phase = (pair_key % 997) / 997 * 2 * np.pi
        years = days[article] / 365.0
        climate = 0.6 * np.sign(np.sin(years * 2 * np.pi / 4.0 + phase))
        kind = rng.integers(0, len(TYPES), interactions)
        tone = np.clip(
            0.5 * climate + 0.5 * TYPE_TONE[kind] + rng.normal(0, 0.15, interactions), -1, 1
        )
        modality = MODALITIES[rng.choice(4, interactions, p=[0.7, 0.2, 0.08, 0.02])]
        evidence = np.char.add(
            np.char.add(np.char.add(a, " and "), b), np.char.add(" – ", TYPES[kind])
        )
        _append(
            store,
            "interactions",
            pa.table(
                {
                    "article_id": article_ids[article],
                    "sentence": pa.array(rng.integers(0, 20, interactions), pa.int32()),
                    "a": a,
                    "b": b,
                    "type": TYPES[kind],
                    "tone": tone.round(3),
                    "directed": np.isin(kind, [1, 2, 3, 5, 6]),
                    "modality": modality,
                    "evidence": evidence,
                    "start": pa.array(np.zeros(interactions, dtype=np.int32)),
                    "end": pa.array(np.full(interactions, 40, dtype=np.int32)),
                    "published": pa.array(when, pa.timestamp("us")),
                    "confidence": rng.uniform(0.5, 1.0, interactions).round(3),
                    "happened": pa.array(when, pa.timestamp("us")),  # none retold
                }
            ),
        )

        # Two mentions per interaction (one per side), so the graph has mention counts.
        _append(
            store,
            "mentions",
            pa.table(
                {
                    "article_id": np.concatenate([article_ids[article]] * 2),
                    "sentence": pa.array(np.zeros(2 * interactions, dtype=np.int32)),
                    "start": pa.array(np.zeros(2 * interactions, dtype=np.int32)),
                    "end": pa.array(np.full(2 * interactions, 9, dtype=np.int32)),
                    "text": np.concatenate([a, b]),
                    "entity_id": np.concatenate([a, b]),
                    "kind": ["ORG"] * (2 * interactions),
                    "via": ["ner"] * (2 * interactions),
                }
            ),
        )
        store.con.execute("CHECKPOINT")
        return store.counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="the store to create (must not exist)")
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--orgs", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.db.exists():
        sys.exit(f"{args.db} exists; pass a new path")
    started = time.perf_counter()
    counts = generate(args.db, args.interactions, args.orgs, args.seed)
    print(
        f"{args.db}: {counts['interactions']:,} interactions, {counts['articles']:,} articles in "
        f"{counts['stories']:,} stories, {counts['entities']:,} organizations "
        f"({time.perf_counter() - started:.1f}s)"
    )


if __name__ == "__main__":
    main()

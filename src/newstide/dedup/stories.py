"""Stories: exact and near-duplicate copies (syndicated, lightly rewritten) share a story id.

Each article gets a MinHash signature of its word shingles (`MinHashSigner`, run wherever the NLP
runs). `StoryIndex` then assigns story ids in the single writer: locality-sensitive hashing over
bands of the signature finds candidates, the estimated Jaccard similarity decides, and an article
with no match above ``dedup.threshold`` starts a story of its own (its story_id is its id). Short
articles only match exact copies. The band index lives behind `StoryBackend`: in memory for one-off
analysis, in the store for corpora, so memory stays flat however large the corpus grows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

import numpy as np
from datasketch import MinHash

from newstide.pipeline import stage
from newstide.records import Article
from newstide.settings import DedupSettings

_WORD_RE = re.compile(r"\w+")
#: Band number used for the exact-copy key of short articles.
EXACT_BAND = -1


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def lsh_shape(settings: DedupSettings) -> tuple[int, int]:
    """Bands and rows whose LSH threshold ``(1/b)**(1/r)`` sits just below ``dedup.threshold``."""
    best = (1, settings.num_perm)
    best_gap = float("inf")
    for rows in range(1, settings.num_perm + 1):
        bands = settings.num_perm // rows
        point = (1 / bands) ** (1 / rows)
        gap = settings.threshold - point
        if (
            0 <= gap < best_gap
        ):  # at or below the threshold: recall first, the Jaccard check decides
            best, best_gap = (bands, rows), gap
    return best


def _key(payload: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "little", signed=True)


def band_keys(article: Article, settings: DedupSettings) -> list[tuple[int, int]]:
    """The ``(band, key)`` pairs an article is indexed under; the exact-copy key comes first."""
    keys = [(EXACT_BAND, _key(" ".join(_words(article.text)).encode("utf-8")))]
    if article.minhash:
        bands, rows = lsh_shape(settings)
        signature = np.asarray(article.minhash, dtype=np.uint32)
        for band in range(bands):
            keys.append((band, _key(signature[band * rows : (band + 1) * rows].tobytes())))
    return keys


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return float(np.mean(np.asarray(a) == np.asarray(b)))


@stage("minhash", requires=("text",), assigns=("minhash",))
class MinHashSigner:
    """Assigns ``minhash``: the signature of the article's word shingles (empty for short texts)."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        words = _words(article.text)
        if len(words) < self.settings.min_words:
            return dataclasses.replace(article, minhash=())
        size = self.settings.shingle_words
        shingles = {
            " ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)
        }
        signature = MinHash(num_perm=self.settings.num_perm, seed=1)
        signature.update_batch(sorted(shingles))
        return dataclasses.replace(
            article, minhash=tuple(int(v) for v in signature.hashvalues.astype(np.uint32))
        )


class StoryBackend(Protocol):
    """Where the band index and signatures of earlier articles live."""

    def story_candidates(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        """Article ids indexed under each of the given keys."""
        ...

    def story_members(self, article_ids: Sequence[str]) -> dict[str, tuple[str, tuple[int, ...]]]:
        """Story id and signature of each given article."""
        ...


class MemoryStoryBackend:
    """A band index in memory: for one-off analysis and tests."""

    def __init__(self) -> None:
        self._bands: dict[tuple[int, int], list[str]] = {}
        self._members: dict[str, tuple[str, tuple[int, ...]]] = {}

    def story_candidates(self, keys: Sequence[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        return {k: list(self._bands[k]) for k in keys if k in self._bands}

    def story_members(self, article_ids: Sequence[str]) -> dict[str, tuple[str, tuple[int, ...]]]:
        return {i: self._members[i] for i in article_ids if i in self._members}

    def add(self, article: Article, keys: Sequence[tuple[int, int]]) -> None:
        """Index an article whose story is decided."""
        self._members[article.id] = (article.story_id, article.minhash)
        for key in keys:
            self._bands.setdefault(key, []).append(article.id)


@stage("stories", requires=("text", "minhash"), assigns=("story_id",))
class StoryIndex:
    """Assigns ``story_id``: the id of the first article of the story an article belongs to.

    Args:
        settings: Threshold, signature size and the short-article cut-off.
        backend: Earlier articles; articles of the current batch are matched in memory on top.
    """

    def __init__(self, settings: DedupSettings, backend: StoryBackend | None = None) -> None:
        self.settings = settings
        self.backend = backend if backend is not None else MemoryStoryBackend()

    def __call__(self, article: Article) -> Article:
        return next(iter(self.assign([article])))

    def pipe(self, articles: Iterable[Article], batch_size: int = 256) -> Iterator[Article]:
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self.assign(batch)
                batch = []
        if batch:
            yield from self.assign(batch)

    def assign(self, batch: Sequence[Article]) -> list[Article]:
        """Story ids for a batch, matched against earlier articles and each other, in order."""
        keys_of = {a.id: band_keys(a, self.settings) for a in batch}
        wanted = sorted({k for keys in keys_of.values() for k in keys})
        stored = self.backend.story_candidates(wanted)
        members = self.backend.story_members(sorted({i for ids in stored.values() for i in ids}))
        local = MemoryStoryBackend()
        out = []
        for article in batch:
            keys = keys_of[article.id]
            known = members.get(article.id) or local.story_members([article.id]).get(article.id)
            story = known[0] if known else self._match(article, keys, stored, members, local)
            done = dataclasses.replace(article, story_id=story)
            local.add(done, keys)
            out.append(done)
        if isinstance(self.backend, MemoryStoryBackend):
            for article in out:
                self.backend.add(article, keys_of[article.id])
        return out

    def _match(
        self,
        article: Article,
        keys: Sequence[tuple[int, int]],
        stored: dict[tuple[int, int], list[str]],
        members: dict[str, tuple[str, tuple[int, ...]]],
        local: MemoryStoryBackend,
    ) -> str:
        exact, *lsh = keys
        local_hits = local.story_candidates(keys)
        for ids in (stored.get(exact, []), local_hits.get(exact, [])):
            for other in ids:
                found = members.get(other) or local.story_members([other]).get(other)
                if found:
                    return found[0]
        best, best_score = article.id, self.settings.threshold
        for key in lsh:
            for other in stored.get(key, []) + local_hits.get(key, []):
                found = members.get(other) or local.story_members([other]).get(other)
                if found is None:
                    continue
                score = similarity(article.minhash, found[1])
                if score >= best_score:
                    best, best_score = found[0], score
        return best

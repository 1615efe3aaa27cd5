"""The TL;DR stage: three extractive bullets per article, each citing the sentence it comes from.

How a TL;DR is written:

1. Candidates: the article's sentences minus furniture (credits, "Baca juga", bylines, ad slots)
   and very short or very long ones, with a leading dateline and a trailing editor code cut off
   (`newstide.summarize.features.candidates`), so a bullet's text is a substring of its sentence.
2. Scores: a small learned scorer (`newstide.summarize.model`, trained on IndoSum's gold
   extractive labels by ``training/tldr/train.py``) over position, length, centrality, LexRank,
   title and key-name overlap, numbers, quotes, dangling openers and interaction evidence; plus
   ``tldr.interaction_weight`` times the confidence of an interaction the sentence is the
   evidence of (newstide is about organizations' interactions; IndoSum's generic summaries
   neither reward nor punish this, see the tuning record in the weights file).
3. Selection (`select`): greedy, each bullet the candidate with the best score plus its coverage
   of the article's recurring concepts (pairs of content words found in two or more sentences)
   that earlier bullets left uncovered, minus its overlap in secondary names (not the article's
   main two) with an earlier bullet, so the three bullets tell three different things. Never a
   near-duplicate (TF-IDF cosine above ``tldr.max_similarity``), at most one bullet from a long
   paragraph (``tldr.long_paragraph`` candidates or more: such a paragraph develops one point),
   shown in article order.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

import numpy as np

from newstide.pipeline import stage
from newstide.records import Article, Bullet
from newstide.settings import TldrSettings
from newstide.summarize.features import FEATURES, Described, candidates, describe
from newstide.summarize.lexicon import lexicon
from newstide.summarize.model import SentenceScorer, shipped_scorer


def select(
    scores: np.ndarray, described: Described, paragraphs: Sequence[int], settings: TldrSettings
) -> list[int]:
    """Rows to keep (in row order), chosen greedily, each step taking the row with the best

        score + coverage * (weight of its concepts no bullet covers yet) / (all concept weight)
              - name_redundancy * (highest share of its secondary names in one chosen bullet)

    A row whose TF-IDF cosine to a chosen one exceeds ``max_similarity`` is a near-duplicate and
    never taken. A paragraph with at least ``long_paragraph`` candidates gives at most one bullet
    while other candidates remain; when that leaves fewer than ``bullets``, the rest are filled
    without that rule.
    """
    rows = len(scores)
    sizes = Counter(paragraphs)
    weights = described.concept_weights
    total = sum(weights.values()) or 1.0
    covered: set[tuple[str, str]] = set()
    chosen: list[int] = []
    closest = np.zeros(rows)
    shared = np.zeros(rows)
    for spread in (True, False):
        used = Counter(paragraphs[i] for i in chosen)
        while len(chosen) < settings.bullets:
            best, best_value = -1, -np.inf
            for row in range(rows):
                paragraph = paragraphs[row]
                if (
                    row in chosen
                    or closest[row] > settings.max_similarity
                    or (
                        spread
                        and settings.long_paragraph
                        and sizes[paragraph] >= settings.long_paragraph
                        and used[paragraph]
                    )
                ):
                    continue
                gain = sum(weights.get(c, 0.0) for c in described.concepts[row] - covered)
                value = (
                    scores[row]
                    + settings.coverage * gain / total
                    - settings.name_redundancy * shared[row]
                )
                if value > best_value:
                    best, best_value = row, value
            if best < 0:
                break
            chosen.append(best)
            used[paragraphs[best]] += 1
            covered |= described.concepts[best]
            closest = np.maximum(closest, described.vectors @ described.vectors[best])
            names = described.names[best]
            if names:
                shared = np.maximum(
                    shared,
                    [
                        len(names & other) / min(len(names), len(other)) if other else 0.0
                        for other in described.names
                    ],
                )
    return sorted(chosen)


@stage("tldr", requires=("text", "language", "sentences"), assigns=("tldr",), nlp=True)
class TldrWriter:
    """Assigns ``tldr``: up to ``tldr.bullets`` bullets, each citing its source sentence.

    Args:
        settings: The ``[tldr]`` settings.
        scorer: A sentence scorer; the shipped one when None.
    """

    def __init__(self, settings: TldrSettings, scorer: SentenceScorer | None = None) -> None:
        self.settings = settings
        self.scorer = scorer or shipped_scorer()

    def __call__(self, article: Article) -> Article:
        return dataclasses.replace(article, tldr=self.bullets(article))

    def bullets(self, article: Article) -> tuple[Bullet, ...]:
        """The bullets for one article (empty when it has no usable sentence)."""
        lex = lexicon(article.language)
        found = candidates(article, self.settings, lex)
        if not found:
            return ()
        described = describe(article, found, self.settings, lex)
        scores = self.scorer.logits(described.features)
        interaction = described.features[:, FEATURES.index("interaction")]
        scores = scores + self.settings.interaction_weight * interaction
        keep = select(scores, described, [c.paragraph for c in found], self.settings)
        return tuple(
            Bullet(article.text[found[k].start : found[k].end], found[k].sentence) for k in keep
        )

"""Interactions between organizations: the trigger lexicon, modality, and (later) extraction.

`Lexicon` finds trigger words and phrases in a sentence with a type, tone and direction;
`modality` says whether what a trigger states is asserted, reported, speculative or denied.
"""

from newstide.interactions.lexicon import (
    DIRECTIONS,
    LANGUAGES,
    TYPES,
    Lexicon,
    Trigger,
    candidate_roots,
    stem,
)
from newstide.interactions.modality import MODALITIES, modality

__all__ = [
    "DIRECTIONS",
    "LANGUAGES",
    "MODALITIES",
    "TYPES",
    "Lexicon",
    "Trigger",
    "candidate_roots",
    "modality",
    "stem",
]

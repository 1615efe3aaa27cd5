"""The learned sentence scorer: a linear model or a one-hidden-layer MLP, numpy only.

Its weights ship in ``newstide/models/tldr/weights.json`` (written by ``training/tldr/train.py``),
with the feature list they were trained on, the standardisation (mean, scale), a description of
the training data and the scores reached. The scorer refuses weights trained on another feature
list, so code and weights cannot drift apart silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from newstide.errors import NewstideError
from newstide.summarize.features import FEATURES

WEIGHTS_RESOURCE = "models/tldr/weights.json"


@dataclass(frozen=True, slots=True)
class SentenceScorer:
    """Scores candidate sentences (higher: more summary-worthy); see `from_dict` for the format."""

    kind: str
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceScorer:
        """Build from the weights format.

        Keys: ``kind`` (``logistic``, ``linear`` or ``mlp``: how it was trained), ``features``,
        ``mean``, ``scale`` and ``layers`` (a list of ``{"weight": [[...]], "bias": [...]}``:
        hidden layers with ReLU, the last one linear to a single logit).
        """
        if tuple(data["features"]) != FEATURES:
            raise NewstideError(
                "the TL;DR weights were trained on other features than this code computes",
                "retrain with training/tldr/train.py",
            )
        layers = tuple(
            (np.asarray(layer["weight"], dtype=float), np.asarray(layer["bias"], dtype=float))
            for layer in data["layers"]
        )
        return cls(
            data["kind"],
            np.asarray(data["mean"], dtype=float),
            np.asarray(data["scale"], dtype=float),
            layers,
        )

    def logits(self, features: np.ndarray) -> np.ndarray:
        """One logit per row of `features` (columns as `FEATURES`)."""
        hidden = (features - self.mean) / self.scale
        for weight, bias in self.layers[:-1]:
            hidden = np.maximum(hidden @ weight + bias, 0.0)
        weight, bias = self.layers[-1]
        return (hidden @ weight + bias).reshape(-1)


@cache
def shipped_scorer() -> SentenceScorer:
    """The scorer shipped with newstide, loaded once."""
    path = resources.files("newstide").joinpath(WEIGHTS_RESOURCE)
    return SentenceScorer.from_dict(json.loads(path.read_text(encoding="utf-8")))

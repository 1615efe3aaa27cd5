"""TF-IDF sentence vectors and LexRank (Erkan & Radev, 2004), in numpy.

LexRank here is the thresholded variant: sentences are nodes, an edge joins two sentences whose
TF-IDF cosine exceeds the threshold (0.1 in the paper's best runs), each row of the adjacency is
normalised by its degree, and the stationary distribution of the damped random walk (power
iteration) is each sentence's score. IDF is computed over the document's own sentences (as in
``sumy``'s LexRank), so no corpus statistics are needed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Probability of following an edge rather than jumping to a random sentence.
DAMPING = 0.85
_TOLERANCE = 1e-6
_MAX_ITERATIONS = 100


def tfidf_vectors(documents: Sequence[Sequence[str]]) -> np.ndarray:
    """L2-normalised TF-IDF rows (smoothed IDF over `documents`); an empty row stays zero."""
    vocabulary: dict[str, int] = {}
    columns = [[vocabulary.setdefault(t, len(vocabulary)) for t in tokens] for tokens in documents]
    rows = np.repeat(np.arange(len(documents)), [len(c) for c in columns])
    flat = np.fromiter((c for cols in columns for c in cols), dtype=np.intp, count=len(rows))
    width = max(1, len(vocabulary))
    counts = np.bincount(rows * width + flat, minlength=len(documents) * width).astype(float)
    counts = counts.reshape(len(documents), width)
    if not vocabulary:
        return counts[:, :0]
    frequency = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(documents)) / (1 + frequency)) + 1
    weighted = counts * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    return np.divide(weighted, norms, out=np.zeros_like(weighted), where=norms > 0)


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Pairwise cosine similarity of L2-normalised rows."""
    return vectors @ vectors.T


def lexrank_scores(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """LexRank score of each sentence (summing to 1) from their cosine similarity matrix."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0)
    adjacency = (similarity > threshold).astype(float)
    np.fill_diagonal(adjacency, 1.0)  # a sentence with no neighbour still has somewhere to go
    transition = adjacency / adjacency.sum(axis=1, keepdims=True)
    scores = np.full(n, 1.0 / n)
    for _ in range(_MAX_ITERATIONS):
        updated = (1 - DAMPING) / n + DAMPING * (transition.T @ scores)
        if np.abs(updated - scores).sum() < _TOLERANCE:
            return updated
        scores = updated
    return scores


def lexrank_summary(sentences: Sequence[Sequence[str]], size: int, threshold: float) -> list[int]:
    """Indices (in document order) of the `size` sentences with the highest LexRank score."""
    if not sentences:
        return []
    scores = lexrank_scores(cosine_matrix(tfidf_vectors(sentences)), threshold)
    ranked = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    return sorted(ranked[:size])

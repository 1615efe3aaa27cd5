"""Candidate sentences for a TL;DR and the features the learned scorer sees for each.

A candidate is a sentence of the article that may become a bullet: not furniture, neither very
short nor very long, with a leading dateline ("Jakarta (ANTARA) -") and a trailing editor code
("(kid)") cut off, so its text is always a substring of the sentence. Features describe where it
stands (position, paragraph), what it looks like (length, numbers, quotes, a dangling opener) and
what it says relative to the rest (TF-IDF centrality, LexRank, overlap with the title and with the
article's key names) and whether it is the evidence of an extracted interaction. Training
(``training/tldr``) and run time use these same functions.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from newstide.records import Article, Mention
from newstide.settings import TldrSettings
from newstide.summarize.lexicon import Lexicon
from newstide.summarize.lexrank import cosine_matrix, lexrank_scores, tfidf_vectors

_WORD_RE = re.compile(r"[^\W_]+")
_CAPITALISED_RE = re.compile(r"(?<![\w.])[A-Z][^\W_]*")
_DIGIT_RE = re.compile(r"\d")
_QUOTE_RE = re.compile(r"[\"“”«»]")
_OPENING_QUOTE_RE = re.compile(r"^\W{0,2}[\"“«]")

#: The scorer's inputs, in order (the shipped weights name the same list).
FEATURES = (
    "first",
    "second",
    "third",
    "rank_inv",
    "rank_rel",
    "index_rel",
    "paragraph_inv",
    "paragraph_first",
    "words_log",
    "words_rel",
    "centroid",
    "degree",
    "lexrank",
    "title",
    "has_title",
    "key_terms",
    "key_weight",
    "number",
    "quote",
    "quote_start",
    "question",
    "connective",
    "doc_log",
    "dateline",
    "interaction",
)


def words(text: str) -> list[str]:
    """Lowercased word tokens (letters and digits; punctuation dropped)."""
    return _WORD_RE.findall(text.lower())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may become a bullet.

    Attributes:
        sentence: Its index in ``Article.sentences``.
        start, end: The bullet's span in ``Article.text`` (inside the sentence's span).
        paragraph: Index of the paragraph it is in (a line break between sentences starts one).
        paragraph_first: Whether it opens its paragraph.
        dateline: Whether a leading dateline was cut off.
        tokens: Its lowercased words.
    """

    sentence: int
    start: int
    end: int
    paragraph: int
    paragraph_first: bool
    dateline: bool
    tokens: tuple[str, ...]


def _cut_dateline(text: str, lexicon: Lexicon) -> int:
    """Chars to cut from the start of a sentence for a leading dateline (0 when none)."""
    match = lexicon.dateline.match(text)
    if match is None:
        return 0
    prefix = match.group("prefix")
    if not (lexicon.dateline_marks.search(prefix) or prefix.strip() in lexicon.outlets):
        return 0
    return match.end()


def _cut_trailing(text: str, lexicon: Lexicon) -> int:
    """Where a sentence ends once trailing editor codes and credits are cut."""
    end = len(text)
    changed = True
    while changed:
        changed = False
        for pattern in lexicon.trailing:
            match = pattern.search(text, 0, end)
            if match is not None and match.start() > 0:
                end, changed = match.start(), True
    return end


def candidates(article: Article, settings: TldrSettings, lexicon: Lexicon) -> list[Candidate]:
    """The article's usable sentences, compressed, in article order."""
    text = article.text
    found: list[Candidate] = []
    paragraph, previous_end = 0, None
    for sentence in article.sentences[: settings.max_sentences]:
        first_in_paragraph = previous_end is None or "\n" in text[previous_end : sentence.start]
        if previous_end is not None and first_in_paragraph:
            paragraph += 1
        previous_end = sentence.end
        raw = text[sentence.start : sentence.end]
        head = _cut_dateline(raw, lexicon) if sentence.index < settings.dateline_sentences else 0
        tail = _cut_trailing(raw, lexicon)
        start, end = sentence.start + head, sentence.start + max(head, tail)
        while end > start and text[end - 1].isspace():
            end -= 1
        body = text[start:end]
        tokens = words(body)
        if not settings.min_words <= len(tokens) <= settings.max_words:
            continue
        if lexicon.is_furniture(body) or (head and lexicon.furniture_start.match(raw)):
            continue
        found.append(
            Candidate(
                sentence.index, start, end, paragraph, first_in_paragraph, head > 0, tuple(tokens)
            )
        )
    return found


def _capitalised(body: str, lexicon: Lexicon) -> set[str]:
    """Capitalised words of a sentence, lowercased: its first word only when in capitals."""
    names = {
        m.group(0).lower()
        for m in _CAPITALISED_RE.finditer(body)
        if m.start() > 0 or m.group(0).isupper()
    }
    return {n for n in names if n not in lexicon.stopwords and not n.isdigit()}


def _key_terms(
    named: Sequence[Mention], texts: Sequence[str], lexicon: Lexicon, k: int
) -> dict[str, float]:
    """The article's k most frequent name words, with their share of name occurrences.

    From named entity mentions when the article has them; otherwise from capitalised words
    (`_capitalised`), counted once per sentence.
    """
    counts: Counter[str] = Counter()
    if named:
        for mention in named:
            counts.update(set(words(mention.text)) - lexicon.stopwords)
    else:
        for body in texts:
            counts.update(_capitalised(body, lexicon))
    top = counts.most_common(k)
    total = sum(c for _, c in top)
    return {term: count / total for term, count in top} if total else {}


def _secondary_names(
    named: Sequence[Mention],
    found: Sequence[Candidate],
    texts: Sequence[str],
    lexicon: Lexicon,
    main: int,
) -> tuple[frozenset[str], ...]:
    """Per candidate, the names it mentions other than the article's `main` most frequent ones.

    Names are linked entities (or mention texts) when the article has mentions, else capitalised
    words. Two bullets sharing such a name tell the same side story ("... hired leaders from
    Inflection AI", "By hiring Inflection AI's leaders, ..."), which the writer avoids.
    """
    counts: Counter[str] = Counter()
    if named:
        per_sentence: dict[int, set[str]] = {}
        for mention in named:
            key = mention.entity_id or mention.text.lower()
            per_sentence.setdefault(mention.sentence, set()).add(key)
            counts[key] += 1
        sets = [per_sentence.get(c.sentence, set()) for c in found]
    else:
        sets = [_capitalised(body, lexicon) for body in texts]
        counts.update(name for names in sets for name in names)
    top = {name for name, _ in counts.most_common(main)}
    return tuple(frozenset(names - top) for names in sets)


def _concepts(
    content: Sequence[Sequence[str]],
) -> tuple[tuple[frozenset[tuple[str, str]], ...], dict[tuple[str, str], float]]:
    """Per candidate, its concepts (pairs of consecutive content words), and each concept's
    weight: the number of candidates it occurs in, for concepts in two or more."""
    concepts = tuple(frozenset(pairwise(ws)) for ws in content)
    frequency = Counter(c for found in concepts for c in found)
    return concepts, {c: float(n) for c, n in frequency.items() if n >= 2}


@dataclass(frozen=True, slots=True)
class Described:
    """What the writer knows about an article's candidates.

    Attributes:
        features: One row per candidate, columns as `FEATURES`.
        vectors: L2-normalised TF-IDF rows (content words, IDF over the candidates).
        names: Per candidate, the secondary names it mentions (`_secondary_names`).
        concepts: Per candidate, its concepts (`_concepts`).
        concept_weights: Weight of each concept that occurs in two or more candidates.
    """

    features: np.ndarray
    vectors: np.ndarray
    names: tuple[frozenset[str], ...]
    concepts: tuple[frozenset[tuple[str, str]], ...]
    concept_weights: dict[tuple[str, str], float]


def describe(
    article: Article, found: Sequence[Candidate], settings: TldrSettings, lexicon: Lexicon
) -> Described:
    """Features, TF-IDF vectors, secondary names and concepts of the candidates."""
    n = len(found)
    texts = [article.text[c.start : c.end] for c in found]
    content = [[w for w in c.tokens if w not in lexicon.stopwords] for c in found]
    vectors = tfidf_vectors(content)
    similarity = cosine_matrix(vectors)
    centroid = vectors.sum(axis=0)
    norm = float(np.linalg.norm(centroid))
    centrality = vectors @ centroid / norm if norm else np.zeros(n)
    linked = similarity > settings.lexrank_threshold
    degree = (linked.sum(axis=1) - 1) / max(1, n - 1)
    lexrank = lexrank_scores(similarity, settings.lexrank_threshold) * n
    title_words = set(words(article.title or "")) - lexicon.stopwords
    named = [m for m in article.mentions if m.via != "reference"]
    keys = _key_terms(named, texts, lexicon, settings.key_terms)
    lengths = np.array([len(c.tokens) for c in found], dtype=float)
    mean_length = float(lengths.mean()) if n else 1.0
    n_all = max(1, min(len(article.sentences), settings.max_sentences) - 1)
    evidence: dict[int, float] = {}
    for interaction in article.interactions:
        evidence[interaction.sentence] = max(
            evidence.get(interaction.sentence, 0.0), interaction.confidence
        )
    rows = np.zeros((n, len(FEATURES)))
    for rank, (cand, body, words_) in enumerate(zip(found, texts, content, strict=True)):
        unique = set(words_)
        first_word = cand.tokens[0] if cand.tokens else ""
        rows[rank] = (
            rank == 0,
            rank == 1,
            rank == 2,
            1.0 / (1 + rank),
            rank / max(1, n - 1),
            cand.sentence / n_all,
            1.0 / (1 + cand.paragraph),
            cand.paragraph_first,
            math.log(lengths[rank]),
            lengths[rank] / mean_length,
            centrality[rank],
            degree[rank],
            lexrank[rank],
            len(unique & title_words) / len(title_words) if title_words else 0.0,
            bool(title_words),
            sum(1 for t in keys if t in unique) / len(keys) if keys else 0.0,
            sum(w for t, w in keys.items() if t in unique),
            bool(_DIGIT_RE.search(body)),
            bool(_QUOTE_RE.search(body)),
            bool(_OPENING_QUOTE_RE.match(body)),
            body.rstrip().endswith("?"),
            first_word in lexicon.connectives,
            math.log(n),
            cand.dateline,
            evidence.get(cand.sentence, 0.0),
        )
    concepts, weights = _concepts(content)
    names = _secondary_names(named, found, texts, lexicon, settings.main_names)
    return Described(rows, vectors, names, concepts, weights)

"""Sentence segmentation for Indonesian and English news, as character spans of the article text.

A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or
brackets attached to it) followed by space and a capital, a digit or an opening quote — unless the
word before the period is a title or reference abbreviation (``Dr.``, ``Jl.``, ``Mr.``), a single
initial (``J.``) or a dotted acronym (``U.S.``).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from functools import cache
from importlib import resources

from newstide.pipeline import stage
from newstide.records import Article, Sentence
from newstide.settings import SentenceSettings

_BOUNDARY_RE = re.compile(r"(?:[.!?…]+)[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9\u00C0-\u00DD])|\n")
_WORD_BEFORE_RE = re.compile(r"([^\s(\"'“‘\[]+)\.+$")
_INITIAL_RE = re.compile(r"^[A-Z]$")
_DOTTED_ACRONYM_RE = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_CUT_RE = re.compile(r"[,;]\s|\s")


@cache
def _never_final() -> frozenset[str]:
    path = resources.files("newstide").joinpath("data/sentences/abbreviations.toml")
    return frozenset(tomllib.loads(path.read_text(encoding="utf-8"))["never_final"])


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if match.group(0) == "\n":
        return True
    if not match.group(0).startswith("."):
        return True
    word = _WORD_BEFORE_RE.search(text, max(0, match.start() - 40), match.start() + 1)
    if word is None:
        return True
    token = word.group(1)
    return not (
        token in _never_final() or _INITIAL_RE.match(token) or _DOTTED_ACRONYM_RE.match(token)
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut a run-on span (tables, lists scraped as one line) into pieces of at most max_chars."""
    pieces = []
    while end - start > max_chars:
        window = text[start : start + max_chars]
        cuts = [m.end() for m in _CUT_RE.finditer(window)]
        cut = start + (cuts[-1] if cuts and cuts[-1] > max_chars // 2 else max_chars)
        pieces.append(_trimmed(text, start, cut))
        start = cut
    pieces.append(_trimmed(text, start, end))
    return [p for p in pieces if p[0] < p[1]]


def split_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of a text, whitespace trimmed, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if _ends_sentence(text, match):
            end = match.end() if match.group(0) != "\n" else match.start()
            spans.extend(_cut_long(text, *_trimmed(text, start, end), max_chars))
            start = match.end()
    spans.extend(_cut_long(text, *_trimmed(text, start, len(text)), max_chars))
    return [s for s in spans if s[0] < s[1]]


@stage("sentences", requires=("text", "language"), assigns=("sentences",), nlp=True)
class SentenceSplitter:
    """Assigns ``sentences``: character spans of the article text."""

    def __init__(self, settings: SentenceSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        spans = split_spans(article.text, self.settings.max_chars)
        sentences = tuple(Sentence(i, s, e) for i, (s, e) in enumerate(spans))
        return dataclasses.replace(article, sentences=sentences)

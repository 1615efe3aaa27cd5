"""Language identification: langid (py3langid), and marker words that tell Malay from Indonesian."""

from __future__ import annotations

import dataclasses
import logging
import re
import tomllib
from functools import cache
from importlib import resources

import py3langid

from newstide.pipeline import stage
from newstide.records import Article
from newstide.settings import LanguageSettings

log = logging.getLogger(__name__)

_WORD_RE = re.compile(r"[^\W\d_]+")


@cache
def _markers() -> tuple[frozenset[str], frozenset[str]]:
    path = resources.files("newstide").joinpath("data/language/malay_indonesian.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(data["malay"]), frozenset(data["indonesian"])


def identify(text: str, settings: LanguageSettings) -> str:
    """The ISO 639-1 code of a text's language (``und`` when there is nothing to tell by).

    Args:
        text: The text; only its first ``settings.sample_chars`` characters are looked at.
        settings: Sample size and the Malay/Indonesian margin.
    """
    sample = text[: settings.sample_chars]
    if not _WORD_RE.search(sample):
        return "und"
    code, _score = py3langid.classify(sample)
    if code in ("id", "ms"):
        malay, indonesian = _markers()
        words = [w.lower() for w in _WORD_RE.findall(sample)]
        ms_votes = sum(w in malay for w in words)
        id_votes = sum(w in indonesian for w in words)
        if ms_votes - id_votes >= settings.malay_margin:
            return "ms"
        if id_votes - ms_votes >= settings.malay_margin:
            return "id"
    return str(code)


@stage("language", requires=("text",), assigns=("language", "skipped"))
class LanguageIdentifier:
    """Sets ``language`` (unless the input gave it) and marks unsupported languages as skipped."""

    def __init__(self, settings: LanguageSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        language = article.language or identify(article.text, self.settings)
        skipped = None
        if language not in self.settings.supported:
            skipped = f"language {language!r} is not processed (language.supported)"
            log.info("article %s (%s): %s", article.id, article.source, skipped)
        return dataclasses.replace(article, language=language, skipped=skipped)

"""The word lists of ``data/entities`` (``heads.toml``, ``roles.toml`` ...), each read once."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def entity_data(name: str) -> dict[str, object]:
    """A word-list file of ``data/entities`` (``heads.toml``, ``roles.toml`` ...), read once."""
    path = resources.files("newstide").joinpath(f"data/entities/{name}")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def entity_words(name: str, key: str) -> frozenset[str]:
    """One list of a ``data/entities`` file, casefolded (empty when the file has no such list)."""
    words = entity_data(name).get(key, [])
    assert isinstance(words, list)
    return frozenset(str(word).casefold() for word in words)


@cache
def organization_words() -> frozenset[str]:
    """Casefolded words of organizations' names that name none alone (``heads.toml``): the words
    that end them ("Sekuritas", "Holdings"), group words ("Group") and institutions' ends
    ("Commission")."""
    return (
        entity_words("heads.toml", "name_ends")
        | entity_words("heads.toml", "groups")
        | entity_words("heads.toml", "institution_ends")
    )

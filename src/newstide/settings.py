"""Settings: one shipped `settings.toml`, overridden key by key by a user's file.

The shipped file is the single place where tunable numbers live. A user file may set any subset of
its keys; an unknown section or key, or a value of another type than the shipped one, is a
`SettingsError` naming the key, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, get_type_hints

from newstide.errors import SettingsError

#: Environment variable naming a user settings file.
SETTINGS_ENV = "NEWSTIDE_SETTINGS"


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_document_bytes: int
    max_inflated_bytes: int
    max_feed_bytes: int
    workers: int
    pool_after_documents: int
    in_flight_per_worker: int
    batch_size: int
    min_text_chars: int
    max_control_char_ratio: float


@dataclass(frozen=True, slots=True)
class LanguageSettings:
    supported: tuple[str, ...]
    sample_chars: int
    malay_margin: int


@dataclass(frozen=True, slots=True)
class SentenceSettings:
    max_chars: int


@dataclass(frozen=True, slots=True)
class EntitySettings:
    max_chars: int
    gazetteer: bool
    user_kb: str
    reference_window: int
    role_gap_words: int


@dataclass(frozen=True, slots=True)
class InteractionSettings:
    base_confidence: float
    free_span_chars: int
    distance_penalty: float
    reference_penalty: float
    min_confidence: float


@dataclass(frozen=True, slots=True)
class DedupSettings:
    num_perm: int
    shingle_words: int
    threshold: float
    min_words: int


@dataclass(frozen=True, slots=True)
class TldrSettings:
    bullets: int
    min_words: int
    max_words: int
    max_sentences: int
    dateline_sentences: int
    max_similarity: float
    long_paragraph: int
    interaction_weight: float
    coverage: float
    name_redundancy: float
    main_names: int
    lexrank_threshold: float
    key_terms: int


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    period: str
    change_penalty: float
    change_min_size: int
    change_min_periods: int
    change_min_shift: float
    why_max_chars: int
    speculative_weight: float
    denied_weight: float
    standing_weight: float
    community_resolution: float
    community_seed: int


@dataclass(frozen=True, slots=True)
class WebSettings:
    host: str
    port: int
    snapshot_refresh_seconds: float
    page_size: int
    max_page_size: int
    home_orgs: int
    home_pairs: int
    home_turning_points: int
    home_turning_point_pairs: int
    graph_max_edges: int
    max_query_chars: int
    max_url_chars: int


@dataclass(frozen=True, slots=True)
class ScaleSettings:
    threads_per_worker: int
    memory_limit: str
    story_batch: int


@dataclass(frozen=True, slots=True)
class Settings:
    """All of newstide's tunable numbers, one frozen section per stage family."""

    ingest: IngestSettings
    language: LanguageSettings
    sentences: SentenceSettings
    entities: EntitySettings
    interactions: InteractionSettings
    dedup: DedupSettings
    tldr: TldrSettings
    analysis: AnalysisSettings
    web: WebSettings
    scale: ScaleSettings


def _read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(
            f"{origin} is not valid TOML: {exc}", "check the line it names"
        ) from exc


def _merge(shipped: dict[str, Any], user: dict[str, Any], origin: str) -> dict[str, Any]:
    merged = {section: dict(values) for section, values in shipped.items()}
    for section, values in user.items():
        if section not in shipped or not isinstance(values, dict):
            raise SettingsError(
                f"{origin}: unknown settings section [{section}]",
                f"known sections: {', '.join(sorted(shipped))}",
            )
        for key, value in values.items():
            if key not in shipped[section]:
                raise SettingsError(
                    f"{origin}: unknown setting {section}.{key}",
                    f"known keys in [{section}]: {', '.join(sorted(shipped[section]))}",
                )
            expected = type(shipped[section][key])
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
                raise SettingsError(
                    f"{origin}: {section}.{key} must be {expected.__name__}, got {value!r}",
                    "use the same type as the shipped settings.toml",
                )
            merged[section][key] = value
    return merged


def _build(values: dict[str, Any]) -> Settings:
    section_types = get_type_hints(Settings)
    return Settings(
        **{
            name: section_types[name](
                **{k: tuple(v) if isinstance(v, list) else v for k, v in values[name].items()}
            )
            for name in (f.name for f in fields(Settings))
        }
    )


@cache
def _shipped() -> dict[str, Any]:
    text = resources.files("newstide").joinpath("settings.toml").read_text(encoding="utf-8")
    return _read_toml(text, "shipped settings.toml")


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Load the shipped settings, overridden by a user file.

    Args:
        path: A user settings file; when None, ``$NEWSTIDE_SETTINGS`` is used if set.

    Returns:
        The merged, validated settings.

    Raises:
        SettingsError: The user file is missing, not TOML, or has unknown keys or wrong types.
    """
    path = path or os.environ.get(SETTINGS_ENV) or None
    user: dict[str, Any] = {}
    if path is not None:
        user_path = Path(path)
        try:
            text = user_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SettingsError(
                f"cannot read settings file {user_path}: {exc.strerror}",
                "pass an existing TOML file to --settings",
            ) from exc
        user = _read_toml(text, str(user_path))
    return _build(_merge(_shipped(), user, str(path or "settings")))


@cache
def default_settings() -> Settings:
    """The shipped settings (overridden by ``$NEWSTIDE_SETTINGS`` when set), loaded once."""
    return load_settings()

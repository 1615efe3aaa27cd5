"""Shared fixtures: settings, a real DuckDB store in a tmp dir, and paths to shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstide.settings import Settings, load_settings
from newstide.store.database import Store

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_9fe720d586508277.txt"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture
def store(tmp_path: Path, settings: Settings):
    with Store(tmp_path / "test.duckdb", dedup=settings.dedup) as opened:
        yield opened


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.exists():
        pytest.skip(f"needs the shared data folder at {path}, which is not here")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"needs the founding example at {SEED}, which is not here")
    return SEED.read_text(encoding="utf-8")

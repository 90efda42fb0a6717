"""Shared fixtures. Tests that read ../shared/data skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrail.settings import Settings
from newstrail.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
EXAMPLES = REPO / "examples"


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is absent (as on a user's machine)")
    return SHARED_DATA


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "t.db", per_host_interval=0.0)


@pytest.fixture
def store(settings: Settings):
    s = Store(settings.db)
    yield s
    s.close()

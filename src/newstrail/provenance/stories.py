"""Stories: groups of documents derived from one original report. (Scaffold.)"""

from __future__ import annotations

from typing import Any

from newstrail.settings import Settings
from newstrail.store import Store


def update(store: Store, settings: Settings, *, on_progress: Any = None) -> dict[str, Any]:
    """Place documents new to the provenance stage into stories."""
    return {}

"""Resolution of mentions to canonical entities. (Scaffold.)"""

from __future__ import annotations

from typing import Any

from newstrail.settings import Settings
from newstrail.store import Store


def update(store: Store, settings: Settings, *, on_progress: Any = None) -> dict[str, Any]:
    """Resolve mentions not yet linked to an entity."""
    return {}

"""The per-document NLP pass of ``process``. (Scaffold.)"""

from __future__ import annotations

from typing import Any

from newstrail.settings import Settings
from newstrail.store import Store

VERSION = "0"


def run(store: Store, settings: Settings, *, on_progress: Any = None) -> dict[str, Any]:
    """Parse documents not yet processed and store their claims and mentions."""
    return {}

"""Entity mentions found in a parsed document. (Scaffold.)"""

from __future__ import annotations

from typing import Any

from newstrail.store import Store


def record_mentions(store: Store, doc: dict[str, Any], sdoc: Any, claims: list[Any]) -> int:
    """Store the mentions of one parsed document (inside the caller's transaction);
    returns how many."""
    return 0

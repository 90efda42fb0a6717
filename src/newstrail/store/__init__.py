"""The SQLite store: one file, WAL mode, FTS5, versioned migrations."""

from newstrail.store.db import Store, open_store

__all__ = ["Store", "open_store"]

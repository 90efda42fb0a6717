"""Evaluation commands, one per stage, against gold data."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
"""The repository root (a source checkout: the evaluations read its fixtures and examples)."""
DEFAULT_SHARED = REPO.parent / "shared" / "data"
"""Where the shared evaluation data sits beside a checkout (``../shared/data``)."""


def iter_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a gzipped JSON Lines file of the shared data, one at a time."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)

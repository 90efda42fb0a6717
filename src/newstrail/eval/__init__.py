"""Evaluation commands, one per stage, against gold data."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def iter_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a gzipped JSON Lines file of the shared data, one at a time."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)

"""The alias table: entities whose names cannot be derived by rule.

Shipped as ``data/entities/aliases.yaml``; the user extends it with a file of the same shape
(setting ``entity_aliases_file``): an item with the same name and type adds variants to the
shipped one, a new item adds an entity. See the header of the shipped file for the format.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from newstrail.entities.names import fold
from newstrail.errors import UsageError

__all__ = ["TYPES", "AliasEntry", "AliasTable", "load_aliases"]

TYPES = ("person", "organisation", "armed_group", "unit", "country", "region", "settlement",
         "facility", "weapon", "other")


@dataclass(frozen=True, slots=True)
class AliasEntry:
    name: str
    type: str
    variants: tuple[str, ...]
    context: tuple[str, ...] = ()
    """Words one of which must be near a bare variant for this sense (homonyms)."""
    geonames_id: int | None = None
    source: str = "shipped"

    @property
    def key(self) -> str:
        return f"alias:{self.type}:{fold(self.name).replace(' ', '-')}"

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


class AliasTable:
    def __init__(self, entries: list[AliasEntry]) -> None:
        self.entries = entries
        self.by_norm: dict[str, list[AliasEntry]] = defaultdict(list)
        for e in entries:
            for n in e.names():
                bucket = self.by_norm[fold(n)]
                if e not in bucket:
                    bucket.append(e)

    def lookup(self, text: str) -> list[AliasEntry]:
        return self.by_norm.get(fold(text), [])


def _read(path: Path, source: str) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"cannot read alias file {path}: {exc}",
                         hint="fix the YAML, or unset entity_aliases_file") from exc
    if not isinstance(data, list):
        raise UsageError(f"alias file {path} is not a list of entities",
                         hint="each item: {name: ..., type: person, variants: [...]}")
    for item in data:
        if not isinstance(item, dict) or "name" not in item or item.get("type") not in TYPES:
            raise UsageError(f"bad item in alias file {path}: {item!r}",
                             hint=f"each item needs name and a type among {', '.join(TYPES)}")
        item["_source"] = source
    return data


@lru_cache(maxsize=8)
def load_aliases(user_file: str | None = None) -> AliasTable:
    shipped = Path(str(resources.files("newstrail") / "data" / "entities" / "aliases.yaml"))
    items = _read(shipped, "shipped")
    if user_file:
        items += _read(Path(user_file), "user")
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for item in items:
        k = (fold(item["name"]), item["type"])
        if k in merged:
            merged[k]["variants"] = [*merged[k].get("variants", []), *item.get("variants", [])]
            merged[k]["context"] = [*merged[k].get("context", []), *item.get("context", [])]
        else:
            merged[k] = dict(item)
    entries = [
        AliasEntry(name=i["name"], type=i["type"],
                   variants=tuple(str(v) for v in i.get("variants", []) or []),
                   context=tuple(str(c).lower() for c in i.get("context", []) or []),
                   geonames_id=i.get("geonames_id"), source=i["_source"])
        for i in merged.values()
    ]
    return AliasTable(entries)

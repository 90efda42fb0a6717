"""``newstrail eval geocoding``: places resolved within 10 km, wrongly, or not at all.

Gold file: one JSON object per line, ``{"name", "kind": settlement|region|country, "country",
"admin1" (regions), "lat", "lon", "context" (optional sentence with {} for the name)}``.
The shipped set (``data/entities/gold/geocoding.jsonl``) was written for newstrail: towns and
villages of Ukraine and Russia of all sizes, historical and Russian-style names (Artemivsk,
Kharkov, Dnipropetrovsk), oblasts and countries; coordinates from public knowledge, to two
decimals.

Each name becomes one mention (label GPE) in a document of its own and the real entities stage
runs over a scratch store. A settlement is right when the place found is within 10 km of the
gold point; a region when it is the gold first-level region (country and admin1), a country
when it is the gold country. Anything else that was resolved is wrong; a name left unresolved
counts against coverage, not as wrong, because saying "I do not know" is the intended
behaviour for a place the gazetteer lacks.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from newstrail.entities.gazetteer import distance_km
from newstrail.eval.entities import default_gold, read_gold, scratch_store
from newstrail.settings import Settings

__all__ = ["evaluate", "report"]

WITHIN_KM = 10.0


def evaluate(path: Path | None, settings: Settings) -> dict[str, Any]:
    path = path or default_gold("geocoding.jsonl")
    gold = read_gold(path)
    items = [(g.get("context", ""), g["name"], "GPE") for g in gold]
    with tempfile.TemporaryDirectory() as folder:
        store, ids = scratch_store(items, settings, folder)
        try:
            rows = {r["mention_id"]: dict(r) for r in store.conn.execute(
                "SELECT m.mention_id, m.rule, e.name, e.type, e.lat, e.lon, e.country, e.admin1,"
                " e.precision FROM mentions m LEFT JOIN entities e ON e.entity_id = m.entity_id")}
        finally:
            store.close()
    right, wrong, unresolved = [], [], []
    for g, mid in zip(gold, ids, strict=True):
        r = rows[mid]
        if r["lat"] is None or r["lat"] != r["lat"]:
            unresolved.append({"name": g["name"], "rule": r["rule"]})
            continue
        km = distance_km(g["lat"], g["lon"], r["lat"], r["lon"])
        kind = g.get("kind", "settlement")
        if kind == "region":
            ok = r["precision"] == "region" and (r["country"], r["admin1"]) == (
                g["country"], g["admin1"])
        elif kind == "country":
            ok = r["precision"] == "country" and r["country"] == g["country"]
        else:
            ok = r["precision"] == "settlement" and km <= WITHIN_KM
        entry = {"name": g["name"], "found": r["name"], "km": round(km, 1), "rule": r["rule"]}
        (right if ok else wrong).append(entry)
    n = len(gold)
    return {
        "gold": str(path), "places": n,
        "within_10km": round(len(right) / n, 4) if n else 0.0,
        "wrong": round(len(wrong) / n, 4) if n else 0.0,
        "unresolved": round(len(unresolved) / n, 4) if n else 0.0,
        "by_kind": {k: sum(1 for g in gold if g.get("kind", "settlement") == k)
                    for k in ("settlement", "region", "country")},
        "wrong_places": wrong, "unresolved_places": unresolved,
    }


def report(result: dict[str, Any], *, errors: bool = False) -> str:
    plural = {"settlement": "settlements", "region": "regions", "country": "countries"}
    kinds = ", ".join(f"{v} {plural[k]}" for k, v in result["by_kind"].items())
    lines = [
        f"gold: {result['gold']} ({result['places']} places: {kinds})",
        f"right (settlements within {WITHIN_KM:.0f} km, regions and countries exact): "
        f"{result['within_10km']:.1%}   wrong: {result['wrong']:.1%}   unresolved: "
        f"{result['unresolved']:.1%}",
    ]
    if errors:
        lines += ["wrong:"] + [f"  {w['name']} -> {w['found']} ({w['km']} km, {w['rule']})"
                               for w in result["wrong_places"]]
        lines += ["unresolved:"] + [f"  {u['name']} ({u['rule']})"
                                    for u in result["unresolved_places"]]
    return "\n".join(lines)

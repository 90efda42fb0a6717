"""Reads of the entity tables for the commands (and, later, the web UI and API), and the
user's overrides."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newstrail.entities.names import fold, has_cyrillic
from newstrail.entities.resolve import _strip_titles, apply_overrides, entity_by_key
from newstrail.errors import UsageError
from newstrail.store import Store
from newstrail.store.db import now

__all__ = ["add_gazetteer_file", "entity_detail", "find_entity", "iter_entities",
           "iter_mentions", "override"]


def _geo(row: Any) -> dict[str, Any] | None:
    if row["lat"] is None:
        return None
    return {"lat": row["lat"], "lon": row["lon"], "geonames_id": row["geonames_id"],
            "country": row["country"], "admin1": row["admin1"], "precision": row["precision"]}


def _variants(store: Store, entity_id: int, name: str = "", etype: str = "") -> list[str]:
    """The names an entity is written by, most frequent first: one per folded spelling (not
    MOSCOW next to Moscow), a person's without the titles that preceded them ("Russian
    Defense Minister Sergei Shoigu" is Sergei Shoigu), and not the preferred name itself."""
    rows = store.conn.execute(
        "SELECT text, count(*) AS n FROM mentions WHERE entity_id=? GROUP BY text"
        " ORDER BY n DESC, text", (entity_id,))
    # a Cyrillic spelling stays next to its Latin one (Київ, Kyiv): compared per script
    seen = {(False, fold(name))} if name else set()
    out = []
    for (text, _n) in rows:
        shown = " ".join(_strip_titles(text).split()) if etype == "person" else text
        key = (has_cyrillic(shown), fold(shown))
        if key in seen:
            continue
        seen.add(key)
        out.append(shown)
    return out


def iter_entities(store: Store, *, type: str | None = None, limit: int | None = None,
                  min_mentions: int = 1) -> Iterator[dict[str, Any]]:
    """Entities with at least ``min_mentions`` mentions, most mentioned first, in the JSON
    shape of ``newstrail entities --json``."""
    sql = ("SELECT e.*, count(m.mention_id) AS mention_count FROM entities e"
           " LEFT JOIN mentions m ON m.entity_id = e.entity_id")
    args: list[Any] = []
    if type:
        sql += " WHERE e.type = ?"
        args.append(type)
    sql += " GROUP BY e.entity_id HAVING mention_count >= ? ORDER BY mention_count DESC, e.name"
    args.append(min_mentions)
    if limit:
        sql += f" LIMIT {int(limit)}"
    for row in store.conn.execute(sql, args).fetchall():
        yield {"entity_id": row["entity_id"], "name": row["name"], "type": row["type"],
               "variants": _variants(store, row["entity_id"], row["name"], row["type"]),
               "mention_count": row["mention_count"], "geo": _geo(row)}


def find_entity(store: Store, name_or_id: str) -> int:
    """An entity by id, key, preferred name or any variant; a clear error when none or
    several match."""
    conn = store.conn
    if name_or_id.isdigit():
        row = conn.execute("SELECT entity_id FROM entities WHERE entity_id=?",
                           (int(name_or_id),)).fetchone()
        if row:
            return int(row[0])
    by_key = entity_by_key(store, name_or_id)
    if by_key is not None:
        return by_key
    ids = [r[0] for r in conn.execute(
        "SELECT entity_id FROM entities WHERE name = ? COLLATE NOCASE", (name_or_id,))]
    if not ids:
        ids = [r[0] for r in conn.execute(
            "SELECT DISTINCT v.entity_id FROM entity_variants v JOIN entities e"
            " ON e.entity_id = v.entity_id WHERE v.norm = ?", (fold(name_or_id),))]
    if not ids:
        # a name of the alias table (Prigozhin -> Yevgeny Prigozhin), or a surname
        from newstrail.entities.aliases import load_aliases

        keys = [e.key for e in load_aliases().lookup(name_or_id)]
        ids = [r[0] for k in keys for r in conn.execute(
            "SELECT entity_id FROM entities WHERE key=? UNION SELECT entity_id FROM entity_keys"
            " WHERE key=?", (k, k))]
    if not ids:
        norm = fold(name_or_id)
        ids = [r[0] for r in conn.execute("SELECT entity_id, name FROM entities WHERE type='person'")
               if len(fold(r[1]).split()) > 1 and fold(r[1]).split()[-1] == norm]
    if len(ids) == 1:
        return int(ids[0])
    if not ids:
        pending = conn.execute(
            "SELECT rule, count(*) FROM mentions WHERE entity_id IS NULL AND text = ?"
            " COLLATE NOCASE GROUP BY rule ORDER BY 2 DESC", (name_or_id,)).fetchall()
        if pending:
            why = ", ".join(f"{n} {r or 'pending'}" for r, n in pending)
            raise UsageError(f"{name_or_id!r} is mentioned but not linked to an entity ({why})",
                             hint="ambiguous places need a region nearby, or a gazetteer file:"
                                  " `newstrail gazetteer add FILE`")
        raise UsageError(f"no entity named {name_or_id!r}",
                         hint="see `newstrail entities` for names and ids")
    names = ", ".join(f"{r[0]} ({r[1]}, {r[2]})" for r in conn.execute(
        f"SELECT entity_id, name, type FROM entities WHERE entity_id IN ({','.join('?' * len(ids))})",
        ids))
    raise UsageError(f"{name_or_id!r} names several entities: {names}",
                     hint="pass the entity id instead")


def entity_detail(store: Store, entity_id: int) -> dict[str, Any]:
    """Everything ``newstrail entity`` shows: variants with the rule that linked them,
    mentions per day, the claims by and about the entity, the overrides that touch it."""
    conn = store.conn
    row = conn.execute("SELECT * FROM entities WHERE entity_id=?", (entity_id,)).fetchone()
    variants = []
    for v in conn.execute(
            "SELECT m.text, m.rule, m.score, count(*) AS n FROM mentions m WHERE m.entity_id=?"
            " GROUP BY m.text, m.rule ORDER BY n DESC", (entity_id,)):
        variants.append({"text": v["text"], "rule": v["rule"], "score": v["score"],
                         "mentions": v["n"]})
    timeline = [{"date": r[0], "mentions": r[1], "documents": r[2]} for r in conn.execute(
        "SELECT substr(d.published, 1, 10) AS day, count(*), count(DISTINCT m.doc_id)"
        " FROM mentions m JOIN documents d ON d.doc_id = m.doc_id WHERE m.entity_id=?"
        " GROUP BY day ORDER BY day", (entity_id,))]
    keys = [r[0] for r in conn.execute("SELECT key FROM entity_keys WHERE entity_id=?",
                                       (entity_id,))]
    all_keys = [row["key"], *keys]
    overrides = [dict(r) for r in conn.execute(
        f"SELECT action, key_a, key_b, created_at FROM entity_overrides WHERE key_a IN"
        f" ({','.join('?' * len(all_keys))}) OR key_b IN ({','.join('?' * len(all_keys))})",
        [*all_keys, *all_keys])]
    out: dict[str, Any] = {
        "entity_id": entity_id, "name": row["name"], "type": row["type"], "key": row["key"],
        "merged_keys": keys, "geo": _geo(row), "variants": variants, "timeline": timeline,
        "overrides": overrides, "claims_by": [], "claims_about": [],
    }
    by = conn.execute(
        "SELECT DISTINCT c.claim_id, c.doc_id, c.source_text, c.cue_text, c.content_text,"
        " c.stance, c.hedge_band, c.source_start, c.source_end, c.speaker_start,"
        " c.speaker_end, c.ord FROM mentions m JOIN claims c ON c.doc_id = m.doc_id"
        " AND c.speaker_start < m.end AND m.start < c.speaker_end WHERE m.entity_id=?"
        " ORDER BY c.doc_id, c.ord", (entity_id,)).fetchall()
    # only claims the entity makes, not those whose source merely names it ("a
    # milblogger who fought near Bakhmut")
    out["claims_by"] = [
        {k: r[k] for k in ("claim_id", "doc_id", "source_text", "cue_text", "content_text",
                           "stance", "hedge_band")}
        for r in by if source_entity(store, r["doc_id"], r["speaker_start"], r["speaker_end"])
        == entity_id][:50]
    about = conn.execute(
        "SELECT DISTINCT c.claim_id, c.doc_id, c.source_text, c.cue_text, c.content_text,"
        " c.stance, c.hedge_band FROM mentions m JOIN claims c ON c.doc_id = m.doc_id"
        " AND c.content_start <= m.start AND m.end <= c.content_end WHERE m.entity_id=?"
        " ORDER BY c.doc_id, c.ord LIMIT 50", (entity_id,))
    out["claims_about"] = [dict(r) for r in about]
    return out


_RELATIVE = re.compile(r"\b(?:who|which|that|whose|whom|where|near|about|against|in|on)\b|[,;(]",
                       re.I)


def source_entity(store: Store, doc_id: str, start: int | None, end: int | None) -> int | None:
    """The entity a claim's source span names as the speaker: the first linked person in it,
    else the first linked mention, provided no relative clause or preposition comes before it
    in the span ("Russian Defence Minister Sergei Shoigu" -> Shoigu, "the Russian MoD, which
    calls Bakhmut Artemovsk" -> the MoD, "a milblogger who fought near Bakhmut" -> none)."""
    if start is None or end is None:
        return None
    rows = store.conn.execute(
        "SELECT start, entity_id, label FROM mentions WHERE doc_id=? AND entity_id IS NOT NULL"
        " AND start >= ? AND end <= ? ORDER BY start", (doc_id, start, end)).fetchall()
    if not rows:
        return None
    people = [r for r in rows if r["label"] == "PERSON"]
    first = (people or rows)[0]
    # the span's text before the speaker, not the whole document once per mention row
    doc = store.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE doc_id=?",
                             (start + 1, first["start"] - start, doc_id)).fetchone()
    if doc is None:
        return None
    before = doc[0]
    if _RELATIVE.search(before):
        return None
    return int(first["entity_id"])


def iter_mentions(store: Store, *, doc: str | None = None, entity_id: int | None = None,
                  limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Mentions in the JSON shape of ``newstrail mentions --json`` (plus label, origin, rule)."""
    sql = ("SELECT m.*, d.input_id FROM mentions m JOIN documents d ON d.doc_id = m.doc_id")
    where, args = [], []
    if doc:
        where.append("m.doc_id = ?")
        args.append(doc)
    if entity_id is not None:
        where.append("m.entity_id = ?")
        args.append(entity_id)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY m.doc_id, m.start"
    if limit:
        sql += f" LIMIT {int(limit)}"
    for r in store.conn.execute(sql, args):
        yield {"doc_id": r["doc_id"], "input_id": r["input_id"], "start": r["start"],
               "end": r["end"], "text": r["text"], "entity_id": r["entity_id"],
               "label": r["label"], "origin": r["origin"], "rule": r["rule"]}


def override(store: Store, action: str, a: str, b: str) -> dict[str, Any]:
    """Record a merge (A and B are one) or a split (variant B is not A) and apply it now.
    Stored by entity key, so it is re-applied after every run and rebuild."""
    ida = find_entity(store, a)
    key_a = store.conn.execute("SELECT key FROM entities WHERE entity_id=?", (ida,)).fetchone()[0]
    if action == "merge":
        idb = find_entity(store, b)
        if idb == ida:
            raise UsageError(f"{a!r} and {b!r} are already one entity")
        key_b = store.conn.execute("SELECT key FROM entities WHERE entity_id=?",
                                   (idb,)).fetchone()[0]
    else:
        key_b = fold(b)
        found = store.conn.execute(
            "SELECT count(*) FROM mentions WHERE entity_id=?", (ida,)).fetchone()[0]
        variants = {fold(t) for (t,) in store.conn.execute(
            "SELECT DISTINCT text FROM mentions WHERE entity_id=?", (ida,))}
        from newstrail.entities.resolve import _strip_titles

        variants |= {fold(_strip_titles(t)) for (t,) in store.conn.execute(
            "SELECT DISTINCT text FROM mentions WHERE entity_id=?", (ida,))}
        if not found or key_b not in variants:
            raise UsageError(f"{b!r} is not a variant of entity {ida}",
                             hint=f"see `newstrail entity {ida}` for its variants")
    with store.atomic() as conn:
        conn.execute("INSERT OR IGNORE INTO entity_overrides (action, key_a, key_b, created_at)"
                     " VALUES (?,?,?,?)", (action, key_a, key_b, now()))
        apply_overrides(store)
    return {"action": action, "key_a": key_a, "key_b": key_b}


def add_gazetteer_file(store: Store, path: Path) -> int:
    """Import the populated places of a GeoNames dump (or extract) into the store; mentions
    that could not be placed are resolved again on the next ``newstrail process``."""
    from newstrail.entities.gazetteer import read_geonames_dump

    if not path.is_file():
        raise UsageError(f"no file {path}", hint="pass a GeoNames dump such as UA.txt")
    n = 0
    with store.atomic() as conn:
        for row in read_geonames_dump(path):
            conn.execute(
                "INSERT OR REPLACE INTO gazetteer_extra (geonameid, name, alternatenames,"
                " latitude, longitude, countrycode, admin1code, population, source)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (row["geonameid"], row["name"], ",".join(row["alternatenames"]), row["latitude"],
                 row["longitude"], row["countrycode"], row["admin1code"], row["population"],
                 str(path)))
            n += 1
        if n:
            # places are decided again with the larger gazetteer (overrides are kept)
            conn.execute("DELETE FROM entities_state WHERE name='version'")
    if n == 0:
        raise UsageError(f"{path} holds no populated places (feature class P)",
                         hint="use a file from https://download.geonames.org/export/dump/")
    return n

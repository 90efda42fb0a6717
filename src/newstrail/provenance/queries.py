"""Reading stories back: the JSON shape of ``newstrail stories --json`` and ``story``.

A document seen at several places (ingest keeps one document with several sightings) is
listed once per sighting: the earliest sighting carries the document's relation, the others
appear as ``verbatim-copy`` members whose ``parent_doc_id`` is the document itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newstrail.store import Store


def _sightings(store: Store, doc_ids: list[str]) -> dict[str, list[str]]:
    """doc_id -> input_ids of the document's sightings, earliest published first (the
    document's own input_id when it has no sighting); one query for all of ``doc_ids``."""
    if not doc_ids:
        return {}
    marks = ",".join("?" * len(doc_ids))
    out: dict[str, list[str]] = {}
    for doc_id, input_id in store.conn.execute(
            f"SELECT doc_id, input_id FROM sightings WHERE doc_id IN ({marks})"
            " GROUP BY doc_id, input_id"
            " ORDER BY doc_id, min(published IS NULL), min(published), min(sighting_id)", doc_ids):
        out.setdefault(doc_id, []).append(input_id)
    unseen = [d for d in doc_ids if d not in out]
    if unseen:
        marks = ",".join("?" * len(unseen))
        for doc_id, input_id in store.conn.execute(
                f"SELECT doc_id, input_id FROM documents WHERE doc_id IN ({marks})", unseen):
            out[doc_id] = [input_id]
    return out


def story_json(store: Store, story_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT * FROM stories WHERE story_id=?", (story_id,)).fetchone()
    if row is None:
        return None
    origin_doc = row["origin_doc_id"]
    members = []
    rows = store.conn.execute(
        "SELECT m.doc_id, m.relation, m.parent_doc_id, m.score, d.published FROM story_members m"
        " JOIN documents d USING (doc_id) WHERE m.story_id=?"
        " ORDER BY m.relation <> 'origin', d.published IS NULL, d.published, m.doc_id",
        (story_id,)).fetchall()
    seen = _sightings(store, sorted({r["doc_id"] for r in rows} | ({origin_doc} if origin_doc else set())))
    for r in rows:
        inputs = seen.get(r["doc_id"], [])
        members.append({"doc_id": r["doc_id"], "input_id": inputs[0] if inputs else None,
                        "relation": r["relation"], "parent_doc_id": r["parent_doc_id"]})
        for extra in inputs[1:]:
            members.append({"doc_id": r["doc_id"], "input_id": extra, "relation": "verbatim-copy",
                            "parent_doc_id": r["doc_id"]})
    origin_inputs = seen.get(origin_doc, []) if origin_doc else []
    return {"story_id": story_id,
            "origin": {"doc_id": origin_doc, "input_id": origin_inputs[0] if origin_inputs else None,
                       "cited_as": row["cited_as"]},
            "members": members}


def iter_stories(store: Store) -> Iterator[dict[str, Any]]:
    """Every story, largest first."""
    for (story_id,) in store.conn.execute(
            "SELECT story_id FROM stories ORDER BY n_members DESC, story_id").fetchall():
        story = story_json(store, story_id)
        if story and story["members"]:
            yield story


def find_story(store: Store, key: str) -> str | None:
    """A story id from a story id or prefix, or from a member's doc_id / input_id."""
    rows = store.conn.execute("SELECT story_id FROM stories WHERE story_id LIKE ? LIMIT 2",
                              (key + "%",)).fetchall()
    if len(rows) == 1:
        return rows[0][0]
    doc = store.get(key)
    if doc:
        row = store.conn.execute("SELECT story_id FROM story_members WHERE doc_id=?",
                                 (doc["doc_id"],)).fetchone()
        return row[0] if row else None
    return None


def passages(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Aligned passages of a member with its parent, with the texts of both sides."""
    rows = store.conn.execute(
        "SELECT p.*, d.text AS child_text, q.text AS parent_text FROM story_passages p"
        " JOIN documents d ON d.doc_id = p.doc_id JOIN documents q ON q.doc_id = p.parent_doc_id"
        " WHERE p.doc_id=? ORDER BY p.start", (doc_id,)).fetchall()
    return [{"start": r["start"], "end": r["end"], "text": r["child_text"][r["start"]:r["end"]],
             "parent_start": r["parent_start"], "parent_end": r["parent_end"],
             "parent_text": r["parent_text"][r["parent_start"]:r["parent_end"]],
             "score": r["score"]} for r in rows]

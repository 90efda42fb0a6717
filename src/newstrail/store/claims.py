"""Reads and writes of the claims stage (tables of migration 0004_claims)."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from newstrail.models import Claim
from newstrail.store.db import Store


def claim_id(claim: Claim) -> str:
    """Stable for the same text: the same document and cue/content offsets give the same id."""
    key = f"{claim.doc_id}:{claim.cue.start}:{claim.cue.end}:{claim.content.start}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def replace_claims(store: Store, doc_id: str, claims: list[Claim], version: str) -> list[str]:
    """Replace the claims of one document (inside the caller's transaction); returns their ids."""
    conn = store.conn
    conn.execute("DELETE FROM claims WHERE doc_id=?", (doc_id,))
    ids = [claim_id(c) for c in claims]
    rows, dates, quantities = [], [], []
    for i, (cid, c) in enumerate(zip(ids, claims, strict=True)):
        extra = dict(c.extra)
        chain = extra.pop("chain", [])
        c_dates = extra.pop("dates", [])
        c_quants = extra.pop("quantities", [])
        confidence = extra.pop("confidence", None)
        kind = extra.pop("kind", "report")
        parent = ids[c.parent] if c.parent is not None else None
        src = c.source
        speaker = extra.pop("source_resolved", None) or (
            {"text": src.text, "start": src.start, "end": src.end} if src else None)
        rows.append((
            cid, doc_id, i, parent,
            src.text if src else None, src.start if src else None, src.end if src else None,
            c.cue.text, c.cue.start, c.cue.end, c.content.text, c.content.start, c.content.end,
            c.stance, json.dumps(list(c.hedge_cues), ensure_ascii=False), c.hedge_band,
            confidence, json.dumps(chain, ensure_ascii=False),
            json.dumps(extra, ensure_ascii=False, default=str), version,
            *((speaker["text"], speaker["start"], speaker["end"]) if speaker else (None,) * 3),
            kind,
        ))
        for k, d in enumerate(c_dates):
            dates.append((cid, k, d["text"], d["start"], d["end"], d["value"]))
        for k, q in enumerate(c_quants):
            quantities.append((cid, k, q["text"], q["start"], q["end"], q["value"], q.get("high"),
                               q.get("unit"), q.get("counts"), q.get("qualifier"),
                               json.dumps(q.get("extra") or {}, ensure_ascii=False)))
    conn.executemany(f"INSERT OR REPLACE INTO claims ({_COLUMNS}) VALUES ({','.join('?' * 24)})",
                     rows)
    conn.executemany("INSERT OR REPLACE INTO claim_dates VALUES (?,?,?,?,?,?)", dates)
    conn.executemany(
        "INSERT OR REPLACE INTO claim_quantities VALUES (?,?,?,?,?,?,?,?,?,?,?)", quantities
    )
    return ids


_COLUMNS = ("claim_id, doc_id, ord, parent_claim_id, source_text, source_start, source_end,"
            " cue_text, cue_start, cue_end, content_text, content_start, content_end, stance,"
            " hedge_cues, hedge_band, confidence, chain, extra, version,"
            " speaker_text, speaker_start, speaker_end, kind")


def iter_claims(
    store: Store,
    *,
    doc: str | None = None,
    source: str | None = None,
    stance: str | None = None,
    band: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Claims as the JSON shape of ``newstrail claims --json``, in document order."""
    where, args = [], []
    if doc:
        row = store.get(doc)
        where.append("c.doc_id = ?")
        args.append(row["doc_id"] if row else doc)
    if source:
        where.append("(c.source_text LIKE ? OR c.speaker_text LIKE ? OR c.chain LIKE ?)")
        args += [f"%{source}%"] * 3
    if stance:
        where.append("c.stance = ?")
        args.append(stance)
    if kind:
        where.append("c.kind = ?")
        args.append(kind)
    if band:
        where.append("c.hedge_band = ?" if band != "none" else "c.hedge_band IS NULL")
        if band != "none":
            args.append(band)
    sql = (
        "SELECT c.*, d.input_id FROM claims c JOIN documents d USING (doc_id)"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY d.published IS NULL, d.published, c.doc_id, c.ord"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = [dict(r) for r in store.conn.execute(sql, args).fetchall()]
    for k in range(0, len(rows), _BATCH):
        part = rows[k:k + _BATCH]
        ids = [r["claim_id"] for r in part]
        dates = _rows_of(store, "claim_dates", ids)
        quants = _rows_of(store, "claim_quantities", ids)
        for r in part:
            cid = r["claim_id"]
            yield _claim_json(store, r, dates.get(cid, ()), quants.get(cid, ()))


_BATCH = 500  # claims whose dates and quantities are read in one query (under SQLite's 999 ?s)


def _rows_of(store: Store, table: str, ids: Sequence[str]) -> dict[str, list[Any]]:
    """The rows of ``table`` (claim_dates, claim_quantities) per claim id, in ``ord`` order."""
    out: dict[str, list[Any]] = defaultdict(list)
    marks = ",".join("?" * len(ids))
    for row in store.conn.execute(
            f"SELECT * FROM {table} WHERE claim_id IN ({marks}) ORDER BY claim_id, ord", ids):
        out[row["claim_id"]].append(row)
    return out


def _speaker(r: Any) -> tuple[int | None, int | None]:
    """The span the source stands for (its antecedent for a relative pronoun)."""
    if r["speaker_start"] is None:
        return r["source_start"], r["source_end"]
    return r["speaker_start"], r["speaker_end"]


def _claim_json(store: Store, r: dict[str, Any], date_rows: Sequence[Any], quantity_rows: Sequence[Any]) -> dict[str, Any]:
    from newstrail.entities.queries import source_entity

    cid = r["claim_id"]
    source = None
    if r["source_start"] is not None:
        # the entity the source span names as its speaker, as the entities stage decides it
        # (one rule for `claims --json` and `entity NAME`: "Russian Defence Minister Sergei
        # Shoigu" -> Shoigu; "a milblogger who fought near Bakhmut" -> none); None until that
        # stage has linked the mentions
        start, end = _speaker(r)
        source = {
            "text": r["source_text"], "start": r["source_start"], "end": r["source_end"],
            "entity_id": source_entity(store, r["doc_id"], start, end),
        }
        if (start, end) != (r["source_start"], r["source_end"]):
            # "Mr. Obama, who said ...": the source span is "who", the speaker Mr. Obama
            source["resolved"] = {"text": r["speaker_text"], "start": start, "end": end}
    dates = [
        {"text": d["text"], "start": d["start"], "end": d["end"], "value": d["value"]}
        for d in date_rows
    ]
    quantities = []
    for q in quantity_rows:
        item = {"text": q["text"], "start": q["start"], "end": q["end"], "value": q["value"],
                "unit": q["unit"], "counts": q["counts"]}
        if q["high"] is not None:
            item["high"] = q["high"]
        if q["qualifier"]:
            item["qualifier"] = q["qualifier"]
        extra = json.loads(q["extra"] or "{}")
        if extra.get("equivalent"):
            item["equivalent"] = extra["equivalent"]
        quantities.append(item)
    hedge: dict[str, Any] = {"cues": json.loads(r["hedge_cues"]), "band": r["hedge_band"]}
    if r["confidence"]:
        hedge["confidence"] = r["confidence"]
    return {
        "claim_id": cid,
        "parent_claim_id": r["parent_claim_id"],
        "doc_id": r["doc_id"],
        "input_id": r["input_id"],
        "source": source,
        "cue": {"text": r["cue_text"], "start": r["cue_start"], "end": r["cue_end"]},
        "content": {"text": r["content_text"], "start": r["content_start"],
                    "end": r["content_end"]},
        "chain": json.loads(r["chain"]),
        "kind": r["kind"],
        "stance": r["stance"],
        "hedge": hedge,
        "dates": dates,
        "quantities": quantities,
    }

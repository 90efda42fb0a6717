"""All reads and writes of the SQLite file go through :class:`Store`.

One process writes at a time (SQLite's rule); readers never block it in WAL
mode. Every document is written together with its sighting in one
transaction, so an interrupted run never leaves half a document behind.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from newstrail.errors import StoreError, UsageError
from newstrail.models import Document, Reject, Sighting
from newstrail.store.migrations import MIGRATIONS

AddResult = Literal["new", "duplicate", "unchanged"]

DOC_COLUMNS = (
    "doc_id, content_hash, input_id, url, outlet, title, author, published, "
    "published_inferred, lang, text, extracted, extractor, meta, raw_id, created_at, updated_at"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Store:
    def __init__(self, path: Path | str, *, keep_raw_max_bytes: int = 50 * 1024 * 1024) -> None:
        self.path = Path(path)
        self.keep_raw_max_bytes = keep_raw_max_bytes
        self._savepoints = 0
        if str(path) != ":memory:" and not self.path.parent.exists():
            raise StoreError(
                f"folder {self.path.parent} does not exist",
                hint="create it, or pass --db with a path in an existing folder",
            )
        try:
            self.conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open {path} as a newstrail store: {exc}",
                hint="is it a SQLite file? pass another path with --db or $NEWSTRAIL_DB",
            ) from exc

    # --- transactions and schema -------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction; inside an open transaction, a savepoint."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            return
        self._savepoints += 1
        name = f"sp{self._savepoints}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        self.conn.execute(f"RELEASE {name}")

    def migrate(self) -> list[str]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO _migrations VALUES (?, ?)", (name, now()))
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            applied.append(name)
        return applied

    def close(self) -> None:
        self.conn.close()

    # --- raw inputs ------------------------------------------------------------
    def put_raw(self, data: bytes, media_type: str | None = None) -> str:
        raw_id = sha256(data)
        content = zlib.compress(data, 1) if len(data) <= self.keep_raw_max_bytes else None
        self.conn.execute(
            "INSERT OR IGNORE INTO raw_inputs (raw_id, size, media_type, content) VALUES (?,?,?,?)",
            (raw_id, len(data), media_type, content),
        )
        return raw_id

    def get_raw(self, raw_id: str) -> bytes | None:
        row = self.conn.execute("SELECT content FROM raw_inputs WHERE raw_id=?", (raw_id,)).fetchone()
        if row is None or row[0] is None:
            return None
        return zlib.decompress(row[0])

    # --- documents and sightings ----------------------------------------------
    def seen(self, source: str, record_key: str, raw_id: str) -> bool:
        """Was this exact input (same place, same bytes) already ingested?"""
        row = self.conn.execute(
            "SELECT 1 FROM sightings WHERE source=? AND record_key=? AND raw_id=?",
            (source, record_key, raw_id),
        ).fetchone()
        return row is not None

    def add(self, doc: Document, sighting: Sighting) -> tuple[AddResult, str]:
        """Store a document and where it was seen. Returns the outcome and the doc_id.

        A document whose content hash is already stored becomes a new sighting of
        that document, not a second document.
        """
        with self.atomic():
            row = self.conn.execute(
                "SELECT doc_id FROM documents WHERE content_hash=?", (doc.content_hash,)
            ).fetchone()
            outcome: AddResult
            if row is None:
                ts = now()
                self.conn.execute(
                    f"INSERT INTO documents ({DOC_COLUMNS}) VALUES ({','.join('?' * 17)})",
                    (
                        doc.doc_id, doc.content_hash, doc.input_id, doc.url, doc.outlet,
                        doc.title, doc.author, doc.published, int(doc.published_inferred),
                        doc.lang, doc.text, doc.extracted, doc.extractor,
                        json.dumps(doc.meta, ensure_ascii=False, default=str),
                        sighting.raw_id, ts, ts,
                    ),
                )
                doc_id, outcome = doc.doc_id, "new"
            else:
                doc_id, outcome = row[0], "duplicate"
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO sightings (doc_id, source, record_key, input_id, kind, raw_id,"
                " url, warc_offset, fetched_at, ingested_at, outlet, title, author, published,"
                " published_inferred) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc_id, sighting.source, sighting.record_key, sighting.input_id,
                    sighting.kind, sighting.raw_id, sighting.url, sighting.warc_offset,
                    sighting.fetched_at, now(), sighting.outlet, sighting.title, sighting.author,
                    sighting.published, int(sighting.published_inferred),
                ),
            )
            if outcome == "duplicate" and cur.rowcount == 0:
                outcome = "unchanged"
            self.conn.execute(
                "DELETE FROM rejects WHERE source=? AND record_key=?",
                (sighting.source, sighting.record_key),
            )
        return outcome, doc_id

    def add_reject(self, reject: Reject) -> None:
        raw_id = self.put_raw(reject.data) if reject.data else None
        ts = now()
        self.conn.execute(
            "INSERT INTO rejects (source, record_key, input_id, kind, reason, message, raw_id,"
            " first_at, last_at) VALUES (?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (source, record_key) DO UPDATE SET reason=excluded.reason,"
            " message=excluded.message, raw_id=excluded.raw_id, input_id=excluded.input_id,"
            " attempts=attempts+1, last_at=excluded.last_at",
            (
                reject.source, reject.record_key, reject.input_id, reject.kind, reject.reason,
                reject.message, raw_id, ts, ts,
            ),
        )

    def update_text(self, doc_id: str, text: str, content_hash: str) -> str:
        """Replace a document's clean text (after re-cleaning).

        If another document already has that content, the two are merged: the
        sightings move to the older one and this one is removed. Returns the
        surviving doc_id.
        """
        with self.atomic():
            row = self.conn.execute(
                "SELECT doc_id FROM documents WHERE content_hash=? AND doc_id<>?",
                (content_hash, doc_id),
            ).fetchone()
            if row is not None:
                keep = row[0]
                self.conn.execute(
                    "UPDATE OR IGNORE sightings SET doc_id=? WHERE doc_id=?", (keep, doc_id)
                )
                self.conn.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
                return keep
            self.conn.execute(
                "UPDATE documents SET text=?, content_hash=?, updated_at=? WHERE doc_id=?",
                (text, content_hash, now(), doc_id),
            )
            return doc_id

    def count(self, table: str = "documents") -> int:
        if table not in {"documents", "sightings", "rejects", "raw_inputs"}:
            raise UsageError(f"no table {table}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def get(self, key: str) -> dict[str, Any] | None:
        """A document by doc_id, unique doc_id prefix, input_id or URL."""
        for sql, arg in (
            ("SELECT * FROM documents WHERE doc_id=?", key),
            ("SELECT * FROM documents WHERE input_id=?", key),
            ("SELECT * FROM documents WHERE url=?", key),
            (
                "SELECT d.* FROM documents d JOIN sightings s USING (doc_id)"
                " WHERE s.input_id=? OR s.url=? LIMIT 1",
                key,
            ),
            ("SELECT * FROM documents WHERE doc_id LIKE ? LIMIT 2", key + "%"),
        ):
            args = (arg, arg) if sql.count("?") == 2 else (arg,)
            rows = self.conn.execute(sql, args).fetchall()
            if len(rows) == 1:
                return _doc_row(rows[0])
        return None

    def documents(
        self,
        *,
        outlet: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        where, args = _filters(outlet=outlet, lang=lang, since=since, until=until)
        sql = f"SELECT * FROM documents d {where} ORDER BY d.published IS NULL, d.published, d.doc_id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.conn.execute(sql, args):
            yield _doc_row(row)

    def search(
        self,
        query: str,
        *,
        outlet: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 20,
    ) -> Iterator[dict[str, Any]]:
        where, args = _filters(outlet=outlet, lang=lang, since=since, until=until)
        where = ("AND " + where[len("WHERE ") :]) if where else ""
        sql = (
            "SELECT d.*, snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet,"
            " bm25(documents_fts) AS score FROM documents_fts"
            " JOIN documents d ON d.rowid = documents_fts.rowid"
            f" WHERE documents_fts MATCH ? {where} ORDER BY score LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (query, *args, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            # user text is not valid FTS5 syntax: search it as a phrase instead
            if not any(w in str(exc) for w in ("fts5", "syntax", "unterminated", "no such column")):
                raise
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self.conn.execute(sql, (phrase, *args, limit)).fetchall()
        for row in rows:
            yield _doc_row(row)

    def sightings(self, doc_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM sightings WHERE doc_id=? ORDER BY sighting_id", (doc_id,)
        )
        return [dict(r) for r in rows]

    def rejects(self, *, reason: str | None = None) -> Iterator[dict[str, Any]]:
        sql, args = "SELECT * FROM rejects", ()
        if reason:
            sql, args = sql + " WHERE reason=?", (reason,)
        for row in self.conn.execute(sql + " ORDER BY reject_id", args):
            yield dict(row)

    # --- analysis stages (`newstrail process`) -------------------------------------
    def pending(self, stage: str, version: str, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Documents that ``stage`` has not processed at ``version``, oldest first."""
        sql = (
            "SELECT d.* FROM documents d LEFT JOIN processed p"
            " ON p.doc_id = d.doc_id AND p.stage = ? AND p.version = ?"
            " WHERE p.doc_id IS NULL ORDER BY d.published IS NULL, d.published, d.doc_id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        # fetchall: the caller writes while iterating, and a live cursor would see its own writes
        for row in self.conn.execute(sql, (stage, version)).fetchall():
            yield _doc_row(row)

    def mark_processed(
        self,
        doc_id: str,
        stage: str,
        version: str,
        *,
        status: Literal["ok", "skipped", "failed"] = "ok",
        reason: str | None = None,
        message: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO processed (doc_id, stage, version, status, reason, message, processed_at)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT (doc_id, stage) DO UPDATE SET"
            " version=excluded.version, status=excluded.status, reason=excluded.reason,"
            " message=excluded.message, processed_at=excluded.processed_at",
            (doc_id, stage, version, status, reason, message, now()),
        )

    def processing_status(self, stage: str | None = None) -> list[dict[str, Any]]:
        """Counts of processed documents by stage, status and reason."""
        sql = "SELECT stage, status, reason, count(*) AS n FROM processed"
        args: tuple[Any, ...] = ()
        if stage:
            sql, args = sql + " WHERE stage = ?", (stage,)
        rows = self.conn.execute(sql + " GROUP BY stage, status, reason ORDER BY stage, n DESC", args)
        return [dict(r) for r in rows]

    # --- corpus-learned debris ------------------------------------------------
    def add_outlet_lines(self, outlet: str, doc_id: str, line_hashes: Iterable[str]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO outlet_lines (outlet, line_hash, doc_id) VALUES (?,?,?)",
            ((outlet, h, doc_id) for h in set(line_hashes)),
        )

    def learned_lines(self, outlet: str, min_docs: int) -> set[str]:
        rows = self.conn.execute(
            "SELECT line_hash FROM outlet_lines WHERE outlet=? GROUP BY line_hash"
            " HAVING count(*) >= ?",
            (outlet, min_docs),
        )
        return {r[0] for r in rows}

    def outlet_docs(self, outlet: str) -> list[tuple[str, str, str]]:
        """(doc_id, extracted, text) of every document of an outlet."""
        rows = self.conn.execute(
            "SELECT doc_id, extracted, text FROM documents WHERE outlet=?", (outlet,)
        )
        return [(r[0], r[1], r[2]) for r in rows]


def open_store(path: Path | str, **kwargs: Any) -> Store:
    return Store(path, **kwargs)


def _filters(**kw: str | None) -> tuple[str, tuple[Any, ...]]:
    clauses, args = [], []
    if kw.get("outlet"):
        # by name ("Kyiv Independent") or by host ("kyivindependent.com"), any case
        clauses.append("(d.outlet = ? COLLATE NOCASE"
                       " OR json_extract(d.meta, '$.domain') = lower(?))")
        args += [kw["outlet"], kw["outlet"]]
    if kw.get("lang"):
        clauses.append("d.lang = ?")
        args.append(kw["lang"])
    if kw.get("since"):
        clauses.append("d.published >= ?")
        args.append(kw["since"])
    if kw.get("until"):
        clauses.append("substr(d.published, 1, 10) <= ?")
        args.append(kw["until"])
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", tuple(args)


def _doc_row(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["published_inferred"] = bool(d.get("published_inferred"))
    if isinstance(d.get("meta"), str):
        d["meta"] = json.loads(d["meta"])
    return d


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buf = [], []
    for line in sql.splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        statements.append(rest)
    return statements


def document_dict(doc: Document) -> dict[str, Any]:
    return asdict(doc)

"""Numbered, ordered schema migrations, recorded in ``_migrations``.

The first two are written here; later ones are files ``store/sql/NNNN_name.sql``, one per
stage that owns the tables, applied in the order of their numbers. Never edit a migration
that has shipped: append a new one.
"""

from __future__ import annotations

from importlib import resources

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE raw_inputs (
            raw_id      TEXT PRIMARY KEY,          -- sha256 of the bytes
            size        INTEGER NOT NULL,
            media_type  TEXT,
            content     BLOB                       -- zlib-compressed bytes; NULL when over keep_raw_max_bytes
        );

        CREATE TABLE documents (
            doc_id              TEXT PRIMARY KEY,
            content_hash        TEXT NOT NULL UNIQUE,
            input_id            TEXT NOT NULL,
            url                 TEXT,
            outlet              TEXT,
            title               TEXT,
            author              TEXT,
            published           TEXT,
            published_inferred  INTEGER NOT NULL DEFAULT 0,
            lang                TEXT,
            text                TEXT NOT NULL,
            extracted           TEXT NOT NULL,
            extractor           TEXT,
            meta                TEXT NOT NULL DEFAULT '{}',
            raw_id              TEXT REFERENCES raw_inputs(raw_id),
            created_at          TEXT NOT NULL,
            updated_at          TEXT NOT NULL
        );
        CREATE INDEX documents_outlet ON documents(outlet);
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_input_id ON documents(input_id);

        CREATE TABLE sightings (
            sighting_id  INTEGER PRIMARY KEY,
            doc_id       TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            source       TEXT NOT NULL,
            record_key   TEXT NOT NULL,
            input_id     TEXT NOT NULL,
            kind         TEXT NOT NULL,
            raw_id       TEXT NOT NULL,
            url          TEXT,
            warc_offset  INTEGER,
            fetched_at   TEXT,
            ingested_at  TEXT NOT NULL,
            UNIQUE (source, record_key, raw_id)
        );
        CREATE INDEX sightings_doc ON sightings(doc_id);

        CREATE TABLE rejects (
            reject_id    INTEGER PRIMARY KEY,
            source       TEXT NOT NULL,
            record_key   TEXT NOT NULL,
            input_id     TEXT NOT NULL,
            kind         TEXT NOT NULL,
            reason       TEXT NOT NULL,
            message      TEXT NOT NULL,
            raw_id       TEXT,
            attempts     INTEGER NOT NULL DEFAULT 1,
            first_at     TEXT NOT NULL,
            last_at      TEXT NOT NULL,
            UNIQUE (source, record_key)
        );
        CREATE INDEX rejects_reason ON rejects(reason);

        -- lines seen per outlet, to learn site debris that recurs across documents
        CREATE TABLE outlet_lines (
            outlet     TEXT NOT NULL,
            line_hash  TEXT NOT NULL,
            doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            PRIMARY KEY (outlet, line_hash, doc_id)
        ) WITHOUT ROWID;

        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    ),
    (
        "0002_sighting_metadata",
        # A word-for-word copy is one document with several sightings; each copy keeps how it
        # presented itself (outlet, headline, byline, date), which provenance needs.
        """
        ALTER TABLE sightings ADD COLUMN outlet TEXT;
        ALTER TABLE sightings ADD COLUMN title TEXT;
        ALTER TABLE sightings ADD COLUMN author TEXT;
        ALTER TABLE sightings ADD COLUMN published TEXT;
        ALTER TABLE sightings ADD COLUMN published_inferred INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX sightings_outlet ON sightings(outlet);
        """,
    ),
]


def _file_migrations() -> list[tuple[str, str]]:
    folder = resources.files("newstrail.store").joinpath("sql")
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


MIGRATIONS += _file_migrations()

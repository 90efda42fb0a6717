-- Provenance stage (issue 4): what each document looks like to the stage, the persistent
-- LSH / passage / fingerprint index, and the stories with their members and aligned passages.

-- One row per document the stage has placed. `signature` is the MinHash (64 x uint32,
-- little-endian); `fingerprints` the JSON list of language-independent keys in order;
-- `citations` the JSON list of explicit citations; `parent_doc_id`/`relation` the edge to
-- the document it derives from (NULL for an origin or an unrelated document).
CREATE TABLE provenance_docs (
    doc_id         TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    lang           TEXT,
    day            TEXT,             -- publication day (YYYY-MM-DD) or NULL
    outlet_keys    TEXT NOT NULL DEFAULT '[]',
    report_day     TEXT,             -- MM-DD named in the title (daily series)
    n_words        INTEGER NOT NULL,
    signature      BLOB NOT NULL,
    fingerprints   TEXT NOT NULL DEFAULT '[]',
    citations      TEXT NOT NULL DEFAULT '[]',
    parent_doc_id  TEXT,
    relation       TEXT,
    score          REAL,
    signals        TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX provenance_docs_parent ON provenance_docs(parent_doc_id);

-- The inverted index: LSH band keys (kind 0), winnowed passage fingerprints (kind 1) and
-- translation fingerprints (kind 2), outlet and publication day (kind 3: "o:<source key>|MM-DD"),
-- lede 3-word passages (kind 4), each a signed 64-bit key.
CREATE TABLE provenance_keys (
    key     INTEGER NOT NULL,
    kind    INTEGER NOT NULL,
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;
CREATE INDEX provenance_keys_doc ON provenance_keys(doc_id);

-- How many documents hold each passage / fingerprint / lede key: keys held by more than
-- `provenance_max_key_docs` documents (boilerplate, common names) are skipped before their
-- postings are read, so a lookup stays cheap in a store of millions.
CREATE TABLE provenance_df (
    key   INTEGER NOT NULL,
    kind  INTEGER NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (key, kind)
) WITHOUT ROWID;

-- A story: documents derived from one original report. The origin is a document
-- (origin_doc_id) or, while the original is not in the store, a virtual origin built from
-- citations (cited_as: "Institute for Conflict Analysis, report of 03-03"; virtual_key).
CREATE TABLE stories (
    story_id       TEXT PRIMARY KEY,
    origin_doc_id  TEXT REFERENCES documents(doc_id) ON DELETE SET NULL,
    cited_as       TEXT,
    virtual_key    TEXT UNIQUE,
    n_members      INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

-- Members of a story, one row per document (a document is in at most one story). The
-- origin has relation 'origin'; others verbatim-copy | summary | translation | citation, with
-- the document they derive from (NULL when that is the virtual origin).
CREATE TABLE story_members (
    story_id       TEXT NOT NULL REFERENCES stories(story_id) ON DELETE CASCADE,
    doc_id         TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    relation       TEXT NOT NULL,
    parent_doc_id  TEXT,
    score          REAL,
    PRIMARY KEY (doc_id)
);
CREATE INDEX story_members_story ON story_members(story_id);

-- Aligned passages: sentence [start, end) of the member's text comes from sentence
-- [parent_start, parent_end) of its parent's text (character offsets into documents.text).
CREATE TABLE story_passages (
    doc_id         TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    parent_doc_id  TEXT NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    parent_start   INTEGER NOT NULL,
    parent_end     INTEGER NOT NULL,
    score          REAL NOT NULL
);
CREATE INDEX story_passages_doc ON story_passages(doc_id);

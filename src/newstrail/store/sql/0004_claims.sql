-- Attributed claims (the claims stage, `newstrail process`). Offsets are characters into
-- documents.text. claim_id is stable for the same text: sha256(doc_id, cue span, content
-- start), so re-processing a document rewrites the same ids.
CREATE TABLE claims (
    claim_id        TEXT PRIMARY KEY,
    doc_id          TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,              -- position in the document (by cue)
    parent_claim_id TEXT,                          -- the claim whose content holds this one
    source_text     TEXT,
    source_start    INTEGER,
    source_end      INTEGER,
    cue_text        TEXT NOT NULL,
    cue_start       INTEGER NOT NULL,
    cue_end         INTEGER NOT NULL,
    content_text    TEXT NOT NULL,
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    stance          TEXT NOT NULL,                 -- reported / assessed / claimed / denied / quoted
    hedge_cues      TEXT NOT NULL DEFAULT '[]',    -- JSON list of the hedge words
    hedge_band      TEXT,                          -- ICD 203 band, or NULL
    confidence      TEXT,                          -- high / moderate / low, or NULL
    chain           TEXT NOT NULL DEFAULT '[]',    -- JSON list of sources, outermost first
    extra           TEXT NOT NULL DEFAULT '{}',    -- JSON: how it was found, content parts, ...
    version         TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims(doc_id, ord);
CREATE INDEX claims_source ON claims(source_text COLLATE NOCASE);
CREATE INDEX claims_stance ON claims(stance, hedge_band);

-- Dates mentioned in a claim (cue or content), resolved against the publication date.
-- value: ISO date "2024-03-03", an interval "2023-11-01/2023-11-10", or NULL (kept as text).
CREATE TABLE claim_dates (
    claim_id    TEXT NOT NULL REFERENCES claims(claim_id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    value       TEXT,
    PRIMARY KEY (claim_id, ord)
) WITHOUT ROWID;

-- Quantities in a claim's content: value (low end of a range), high (top of a range),
-- unit (ISO currency, %, km, ...), what is counted, and the qualifier (at least, up to, ...).
CREATE TABLE claim_quantities (
    claim_id    TEXT NOT NULL REFERENCES claims(claim_id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    value       REAL,
    high        REAL,
    unit        TEXT,
    counts      TEXT,
    qualifier   TEXT,
    extra       TEXT NOT NULL DEFAULT '{}',        -- JSON: an equivalent in another currency, ...
    PRIMARY KEY (claim_id, ord)
) WITHOUT ROWID;

-- What the analysis stages (`newstrail process`) have done to each document.
-- One row per document and stage; `version` is the stage's own version string, so a
-- stage whose logic changes re-processes what an older version did. `status` is
-- ok / skipped / failed; `reason` is a stable code (e.g. unsupported-language, no-sentences)
-- and `message` says why in words.
CREATE TABLE processed (
    doc_id        TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    stage         TEXT NOT NULL,
    version       TEXT NOT NULL,
    status        TEXT NOT NULL,
    reason        TEXT,
    message       TEXT,
    processed_at  TEXT NOT NULL,
    PRIMARY KEY (doc_id, stage)
) WITHOUT ROWID;
CREATE INDEX processed_stage ON processed(stage, status);

-- Entities stage: canonical entities, the mentions linked to them, and the user's overrides.
--
-- entities: one row per canonical entity. `key` is its stable identity across re-processing
--   (geonames:ID, region:UA-05, alias:<type>:<name>, name:<type>:<folded name>, split:...),
--   so user overrides, which name keys, survive a rebuild. Geo columns are set for places.
CREATE TABLE entities (
    entity_id    INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    type         TEXT NOT NULL,
    lat          REAL,
    lon          REAL,
    geonames_id  INTEGER,
    country      TEXT,
    admin1       TEXT,
    precision    TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX entities_type ON entities(type);

-- Other keys that lead to an entity (the key of an entity merged into it by the user).
CREATE TABLE entity_keys (
    key        TEXT PRIMARY KEY,
    entity_id  INTEGER NOT NULL REFERENCES entities(entity_id) ON DELETE CASCADE
);

-- Every surface form seen for an entity, with the rule that first linked it (alias table,
-- transliteration, fuzzy score, surname in document...) and how often it was seen.
CREATE TABLE entity_variants (
    entity_id  INTEGER NOT NULL REFERENCES entities(entity_id) ON DELETE CASCADE,
    norm       TEXT NOT NULL,
    variant    TEXT NOT NULL,
    rule       TEXT NOT NULL,
    score      REAL,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, norm)
);
CREATE INDEX entity_variants_norm ON entity_variants(norm);

-- Names in documents. Written by the claims stage (English, via record_mentions) and by the
-- entities stage itself (gazetteer matching in Russian and Ukrainian text); re-processing a
-- document replaces its rows. `entity_id` is NULL until resolved (or when it cannot be:
-- `rule` then says why, e.g. anonymous, ambiguous-place).
CREATE TABLE mentions (
    mention_id   INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    label        TEXT NOT NULL,
    origin       TEXT NOT NULL,
    norm         TEXT,              -- the dictionary form when `text` is inflected (ru/uk)
    entity_id    INTEGER REFERENCES entities(entity_id) ON DELETE SET NULL,
    rule         TEXT,
    score        REAL,
    resolved_at  TEXT
);
CREATE INDEX mentions_doc ON mentions(doc_id, start);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_pending ON mentions(resolved_at) WHERE resolved_at IS NULL;

-- Acronyms defined in a text: "the Luhansk People's Republic (LPR)".
CREATE TABLE acronyms (
    acronym    TEXT NOT NULL,
    expansion  TEXT NOT NULL,
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (acronym, expansion, doc_id)
) WITHOUT ROWID;

-- The user's merges and splits, by entity key and folded variant; re-applied on every run.
CREATE TABLE entity_overrides (
    override_id  INTEGER PRIMARY KEY,
    action       TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    key_a        TEXT NOT NULL,
    key_b        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (action, key_a, key_b)
);

-- Rows of GeoNames dumps added with `newstrail gazetteer add FILE`.
CREATE TABLE gazetteer_extra (
    geonameid       INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    alternatenames  TEXT NOT NULL,
    latitude        REAL NOT NULL,
    longitude       REAL NOT NULL,
    countrycode     TEXT NOT NULL,
    admin1code      TEXT,
    population      INTEGER NOT NULL DEFAULT 0,
    source          TEXT NOT NULL
);

-- The resolver's version: a new version re-resolves every mention (overrides are kept).
CREATE TABLE entities_state (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

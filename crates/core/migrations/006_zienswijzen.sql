-- Zienswijze procedures and the nota van reactie.
--
-- A procedure is one round of sending documents to the councils; each municipality answers with
-- one zienswijze, split in sections (the zienswijze itself, attached sections such as the
-- "overdenkingen" of a werkgroep with their own numbering, closing requests) and hierarchical
-- points. Every point gets reply segments. References between replies are stored inside the
-- segment text as tokens ([[ref:12]], [[ref:12,13]], [[ref:11..14]], [[sectie:5]]) so they follow
-- a relabelled point; see zienswijze::refs.

CREATE TABLE zienswijze_procedure (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- What was sent, as the letters name it ("eerste bestuursrapportage 2020 van de SOJ met ...").
    subject         TEXT NOT NULL,
    -- The documents sent, one per line.
    documents       TEXT,
    sent_on         TEXT NOT NULL,
    -- The legal period (Wgr: 8 weeks); configurable because a bill proposed 12.
    period_weeks    INTEGER NOT NULL DEFAULT 8 CHECK (period_weeks BETWEEN 1 AND 52),
    -- The AB agenda item where the decision is taken.
    agenda_item_id  INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
    decided_on      TEXT,
    decision_amount TEXT,
    decision_text   TEXT,
    status          TEXT NOT NULL DEFAULT 'concept' CHECK (status IN ('concept', 'vastgesteld_db', 'behandeld_ab')),
    -- The covering letter (aanbiedingsbrief) as edited by the secretary; NULL = not drafted yet.
    letter_text     TEXT,
    demo_note       TEXT
) STRICT;

-- Municipalities that voted against the proposal (the dissent named in the covering letter).
CREATE TABLE procedure_dissent (
    procedure_id    INTEGER NOT NULL REFERENCES zienswijze_procedure(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (procedure_id, organisation_id)
) STRICT;

-- The most-mentioned concerns (aandachtspunten) explained in the covering letter.
CREATE TABLE concern (
    id              INTEGER PRIMARY KEY,
    procedure_id    INTEGER NOT NULL REFERENCES zienswijze_procedure(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    explanation     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE zienswijze (
    id                  INTEGER PRIMARY KEY,
    procedure_id        INTEGER NOT NULL REFERENCES zienswijze_procedure(id) ON DELETE CASCADE,
    organisation_id     INTEGER NOT NULL REFERENCES organisation(id),
    received_on         TEXT,
    council_decided_on  TEXT,
    stance              TEXT CHECK (stance IN ('instemmend', 'instemmend_met_kanttekeningen', 'niet_instemmend')),
    -- "De gemeente geeft de volgende zienswijze:"
    intro               TEXT,
    -- The letter as imported, kept for reference while correcting the split.
    source_text         TEXT,
    UNIQUE (procedure_id, organisation_id)
) STRICT;

CREATE TABLE zienswijze_section (
    id              INTEGER PRIMARY KEY,
    zienswijze_id   INTEGER NOT NULL REFERENCES zienswijze(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('zienswijze', 'bijlage', 'slotverzoeken')),
    -- How replies name it: "zienswijze", "overdenkingen".
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    intro           TEXT
) STRICT;
CREATE INDEX zienswijze_section_of ON zienswijze_section(zienswijze_id, position);

CREATE TABLE zienswijze_point (
    id              INTEGER PRIMARY KEY,
    section_id      INTEGER NOT NULL REFERENCES zienswijze_section(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES zienswijze_point(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    -- The label replies use ("4", "4.a"); NULL for bullets and closing requests.
    label           TEXT,
    title           TEXT,
    text            TEXT NOT NULL,
    -- The reply's own header above the answers to the sub-points ("In reactie op uw verzoek:").
    reply_intro     TEXT,
    -- The pairing of point and reply rests on layout only (from the source reconstruction).
    uncertain       INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1))
) STRICT;
CREATE INDEX zienswijze_point_of ON zienswijze_point(section_id, parent_id, position);

CREATE TABLE point_concern (
    point_id    INTEGER NOT NULL REFERENCES zienswijze_point(id) ON DELETE CASCADE,
    concern_id  INTEGER NOT NULL REFERENCES concern(id) ON DELETE CASCADE,
    PRIMARY KEY (point_id, concern_id)
) STRICT;

-- The standard response library: recurring reply paragraphs, with variants and placeholders.
CREATE TABLE standard_response (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- Uses before Bestuursmap (e.g. counted in the 2020 nota) and where they were counted.
    historic_uses   INTEGER NOT NULL DEFAULT 0,
    historic_source TEXT
) STRICT;

CREATE TABLE standard_response_variant (
    id                      INTEGER PRIMARY KEY,
    standard_response_id    INTEGER NOT NULL REFERENCES standard_response(id) ON DELETE CASCADE,
    position                INTEGER NOT NULL,
    label                   TEXT NOT NULL,
    text                    TEXT NOT NULL CHECK (length(trim(text)) > 0)
) STRICT;

CREATE TABLE reply_segment (
    id                      INTEGER PRIMARY KEY,
    point_id                INTEGER NOT NULL REFERENCES zienswijze_point(id) ON DELETE CASCADE,
    position                INTEGER NOT NULL,
    text                    TEXT NOT NULL,
    standard_response_id    INTEGER REFERENCES standard_response(id) ON DELETE SET NULL,
    uncertain               INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1))
) STRICT;
CREATE INDEX reply_segment_of ON reply_segment(point_id, position);
CREATE INDEX reply_segment_library ON reply_segment(standard_response_id);

-- Files a council made part of its zienswijze (such as the overdenkingen of a werkgroep).
CREATE TABLE zienswijze_attachment (
    id              INTEGER PRIMARY KEY,
    zienswijze_id   INTEGER NOT NULL REFERENCES zienswijze(id) ON DELETE CASCADE,
    file_name       TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    content         BLOB NOT NULL,
    added_at        TEXT NOT NULL
) STRICT;

-- Motions a council sent with (or after) its zienswijze; a late one is put on the AB agenda.
CREATE TABLE motion (
    id              INTEGER PRIMARY KEY,
    zienswijze_id   INTEGER NOT NULL REFERENCES zienswijze(id) ON DELETE CASCADE,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    text            TEXT,
    received_on     TEXT,
    late            INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    agenda_item_id  INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL
) STRICT;

-- Zienswijze points and replies are searchable (kind 'point').
CREATE TRIGGER zpoint_dirty_i AFTER INSERT ON zienswijze_point BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('point', new.id); END;
CREATE TRIGGER zpoint_dirty_u AFTER UPDATE ON zienswijze_point BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('point', new.id); END;
CREATE TRIGGER zpoint_dirty_d AFTER DELETE ON zienswijze_point BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('point', old.id); END;
CREATE TRIGGER segment_dirty_i AFTER INSERT ON reply_segment BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('point', new.point_id); END;
CREATE TRIGGER segment_dirty_u AFTER UPDATE ON reply_segment BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('point', new.point_id); END;
CREATE TRIGGER segment_dirty_d AFTER DELETE ON reply_segment BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('point', old.point_id); END;

-- Offline review on laptops: stable identities, private notes, meeting bundles.

-- Stable identities for what a meeting bundle carries. A re-issued agenda updates the rows with
-- the same uid, and private notes are anchored to uids, not to local row ids (which differ per
-- laptop and change when an item is re-created).
ALTER TABLE meeting ADD COLUMN uid TEXT;
ALTER TABLE agenda_item ADD COLUMN uid TEXT;
ALTER TABLE attachment ADD COLUMN uid TEXT;
UPDATE meeting SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE agenda_item SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
UPDATE attachment SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
CREATE UNIQUE INDEX meeting_uid ON meeting(uid);
CREATE UNIQUE INDEX agenda_item_uid ON agenda_item(uid);
CREATE UNIQUE INDEX attachment_uid ON attachment(uid);
-- SQLite cannot give an added column a random default, so new rows get theirs from a trigger.
CREATE TRIGGER meeting_uid_new AFTER INSERT ON meeting WHEN new.uid IS NULL BEGIN
    UPDATE meeting SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;
CREATE TRIGGER agenda_item_uid_new AFTER INSERT ON agenda_item WHEN new.uid IS NULL BEGIN
    UPDATE agenda_item SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;
CREATE TRIGGER attachment_uid_new AFTER INSERT ON attachment WHEN new.uid IS NULL BEGIN
    UPDATE attachment SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

-- Issue number of a meeting's bundle. At the secretariat: how often it was sent out. On a laptop:
-- the issue last imported, and the fingerprint of the key that signed it (NULL = made here).
ALTER TABLE meeting ADD COLUMN issue INTEGER NOT NULL DEFAULT 0 CHECK (issue >= 0);
ALTER TABLE meeting ADD COLUMN issued_by TEXT;

-- Private notes of the person on this laptop. Anchored to uids plus page and quoted passage, so
-- they survive a re-issued agenda; no foreign keys on purpose: a note outlives its item.
CREATE TABLE private_note (
    id              INTEGER PRIMARY KEY,
    meeting_uid     TEXT NOT NULL,
    item_uid        TEXT NOT NULL,
    attachment_uid  TEXT,
    -- The file name when the note was made: a replaced version of the file is found by it.
    attachment_name TEXT,
    page            INTEGER CHECK (page IS NULL OR page >= 1),
    quote           TEXT,
    body            TEXT NOT NULL CHECK (length(trim(body)) > 0),
    -- Where the anchor stands after the last re-issue.
    anchor          TEXT NOT NULL DEFAULT 'ok'
                    CHECK (anchor IN ('ok', 'verplaatst', 'passage_niet_gevonden', 'bijlage_vervallen', 'agendapunt_vervallen')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (page IS NULL OR attachment_uid IS NOT NULL)
) STRICT;
CREATE INDEX private_note_item ON private_note(item_uid);
CREATE INDEX private_note_meeting ON private_note(meeting_uid);

-- What the secretariat changed in an item when a newer issue came in.
CREATE TABLE item_change (
    id              INTEGER PRIMARY KEY,
    meeting_uid     TEXT NOT NULL,
    item_uid        TEXT NOT NULL,
    issue           INTEGER NOT NULL,
    what            TEXT NOT NULL CHECK (what IN ('titel', 'nummer', 'soort', 'voorstel', 'besluit', 'bijlage_nieuw',
                                                  'bijlage_gewijzigd', 'bijlage_vervallen', 'vervallen', 'nieuw')),
    before          TEXT,
    after           TEXT
) STRICT;
CREATE INDEX item_change_item ON item_change(item_uid, issue);

-- The secretariat's signing key (ed25519 seed); the file itself is encrypted.
CREATE TABLE signing_key (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    seed            BLOB NOT NULL CHECK (length(seed) = 32),
    created_at      TEXT NOT NULL
) STRICT;

-- Public keys whose bundles this laptop accepts.
CREATE TABLE trusted_signer (
    public_key      TEXT PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    added_at        TEXT NOT NULL
) STRICT;

-- Zienswijze procedures that arrived with a meeting bundle, replaced by the next issue.
CREATE TABLE bundle_procedure (
    meeting_uid     TEXT NOT NULL,
    procedure_id    INTEGER NOT NULL REFERENCES zienswijze_procedure(id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_uid, procedure_id)
) STRICT;

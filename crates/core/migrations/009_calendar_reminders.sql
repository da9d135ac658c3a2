-- Calendars and reminders (issue #19).
--
-- 1. A meeting can be called off: status 'afgelast' (STATUS:CANCELLED in the calendars). SQLite
--    cannot change a CHECK constraint in place, so the meeting table is rebuilt the way
--    https://www.sqlite.org/lang_altertable.html#otheralter describes (foreign keys are off while
--    migrations run; the migration ends with a foreign key check).
-- 2. The calendar revision of a meeting: `calendar_sequence` (the ICS SEQUENCE) and
--    `calendar_changed_at` (its DTSTAMP and LAST-MODIFIED, UTC). Triggers raise them whenever what
--    a calendar shows changes — title, time, place, status, a re-issue, or the public agenda — so
--    every way of writing (app, CLI, bundle import) counts, the number survives restarts, and two
--    exports without a change in between are identical.
-- 3. Reminders: which kinds are turned off, and which subjects were notified on which day.

CREATE TABLE meeting_new (
    id              INTEGER PRIMARY KEY,
    body_id         INTEGER NOT NULL REFERENCES body(id),
    title           TEXT NOT NULL,
    -- Local time in the Netherlands, ISO 8601 without offset: 2020-11-12T19:30:00.
    starts_at       TEXT NOT NULL,
    ends_at         TEXT,
    location        TEXT,
    status          TEXT NOT NULL DEFAULT 'concept'
                    CHECK (status IN ('concept', 'gepubliceerd', 'vergaderd', 'besluitenlijst_vastgesteld', 'afgelast')),
    -- What of this meeting is invented for the demo; NULL for real or user-entered data.
    demo_note       TEXT,
    chair_id        INTEGER REFERENCES person(id),
    secretary_id    INTEGER REFERENCES person(id),
    uid             TEXT,
    issue           INTEGER NOT NULL DEFAULT 0 CHECK (issue >= 0),
    issued_by       TEXT,
    calendar_sequence   INTEGER NOT NULL DEFAULT 0 CHECK (calendar_sequence >= 0),
    calendar_changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (ends_at IS NULL OR ends_at >= starts_at)
) STRICT;

INSERT INTO meeting_new (id, body_id, title, starts_at, ends_at, location, status, demo_note, chair_id,
                         secretary_id, uid, issue, issued_by)
SELECT id, body_id, title, starts_at, ends_at, location, status, demo_note, chair_id, secretary_id, uid, issue,
       issued_by
FROM meeting;

DROP TABLE meeting;
ALTER TABLE meeting_new RENAME TO meeting;

-- What the old table had: its indexes and triggers (search index, uid of new rows).
CREATE INDEX meeting_body_start ON meeting(body_id, starts_at);
CREATE UNIQUE INDEX meeting_uid ON meeting(uid);
CREATE TRIGGER meeting_uid_new AFTER INSERT ON meeting WHEN new.uid IS NULL BEGIN
    UPDATE meeting SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;
CREATE TRIGGER meeting_dirty_i AFTER INSERT ON meeting BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('meeting', new.id); END;
CREATE TRIGGER meeting_dirty_u AFTER UPDATE ON meeting BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES ('meeting', new.id);
    INSERT OR IGNORE INTO search_dirty SELECT 'item', id FROM agenda_item WHERE meeting_id = new.id;
END;
CREATE TRIGGER meeting_dirty_d AFTER DELETE ON meeting BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('meeting', old.id); END;

-- The calendar revision. Recursive triggers are off (SQLite's default), and the UPDATE inside
-- touches only the revision columns, so it does not fire these triggers again.
CREATE TRIGGER meeting_calendar_changed AFTER UPDATE OF title, starts_at, ends_at, location, status, issue ON meeting
WHEN old.title IS NOT new.title OR old.starts_at IS NOT new.starts_at OR old.ends_at IS NOT new.ends_at
  OR old.location IS NOT new.location OR old.status IS NOT new.status OR old.issue IS NOT new.issue
BEGIN
    UPDATE meeting SET calendar_sequence = calendar_sequence + 1,
                       calendar_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE id = new.id;
END;

-- The public agenda is in the calendar's description. A concept agenda is not shown there, so
-- its items count from the moment it is published (the status change itself raises the revision).
CREATE TRIGGER agenda_item_calendar_i AFTER INSERT ON agenda_item BEGIN
    UPDATE meeting SET calendar_sequence = calendar_sequence + 1,
                       calendar_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE id = new.meeting_id AND status <> 'concept';
END;
CREATE TRIGGER agenda_item_calendar_d AFTER DELETE ON agenda_item BEGIN
    UPDATE meeting SET calendar_sequence = calendar_sequence + 1,
                       calendar_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE id = old.meeting_id AND status <> 'concept';
END;
CREATE TRIGGER agenda_item_calendar_u AFTER UPDATE OF title, confidentiality, position, parent_id ON agenda_item
WHEN old.title IS NOT new.title OR old.confidentiality IS NOT new.confidentiality
  OR old.position IS NOT new.position OR old.parent_id IS NOT new.parent_id
BEGIN
    UPDATE meeting SET calendar_sequence = calendar_sequence + 1,
                       calendar_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE id = new.meeting_id AND status <> 'concept';
END;

-- Reminder kinds the user turned off (a kind without a row is on).
CREATE TABLE reminder_setting (
    kind            TEXT PRIMARY KEY CHECK (kind IN ('actie', 'toezegging', 'zienswijze_termijn', 'vergadering_morgen')),
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1))
) STRICT;

-- Which subject was announced by a desktop notification on which day: once per day per subject,
-- not on every start.
CREATE TABLE reminder_notified (
    subject         TEXT NOT NULL,
    day             TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (subject, day)
) STRICT;

-- Chair, secretary and attendance of meetings; attachments; the action list; settings.

ALTER TABLE meeting ADD COLUMN chair_id INTEGER REFERENCES person(id);
ALTER TABLE meeting ADD COLUMN secretary_id INTEGER REFERENCES person(id);

-- Who was invited and who came. presence NULL = not recorded yet.
CREATE TABLE attendance (
    meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES person(id),
    represents_id   INTEGER REFERENCES organisation(id),
    presence        TEXT CHECK (presence IN ('aanwezig', 'afwezig', 'vertegenwoordigd')),
    -- Name of the stand-in when presence = 'vertegenwoordigd'.
    substitute      TEXT,
    PRIMARY KEY (meeting_id, person_id)
) STRICT;

-- Files kept inside the store, so a laptop has everything offline.
CREATE TABLE attachment (
    id              INTEGER PRIMARY KEY,
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    file_name       TEXT NOT NULL,
    media_type      TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    page_count      INTEGER,
    content         BLOB NOT NULL,
    added_at        TEXT NOT NULL
) STRICT;
CREATE INDEX attachment_item ON attachment(agenda_item_id, position);

-- Actielijst: who does what by when, from which agenda item. Commitments (toezeggingen) are
-- actions promised to others, such as «vóór 15 april 2021».
CREATE TABLE action_item (
    id              INTEGER PRIMARY KEY,
    agenda_item_id  INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL,
    description     TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation(id),
    role            TEXT,
    due_date        TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_uitvoering', 'afgerond', 'vervallen')),
    is_commitment   INTEGER NOT NULL DEFAULT 0 CHECK (is_commitment IN (0, 1)),
    demo_note       TEXT
) STRICT;
CREATE INDEX action_item_due ON action_item(status, due_date);
CREATE INDEX action_item_source ON action_item(agenda_item_id);

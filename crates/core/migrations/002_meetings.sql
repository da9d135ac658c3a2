-- Meetings, agenda items, dossiers (the route of a proposal) and votes.

CREATE TABLE dossier (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    note            TEXT
) STRICT;

CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    body_id         INTEGER NOT NULL REFERENCES body(id),
    title           TEXT NOT NULL,
    -- Local time in the Netherlands, ISO 8601 without offset: 2020-11-12T19:30:00.
    starts_at       TEXT NOT NULL,
    ends_at         TEXT,
    location        TEXT,
    status          TEXT NOT NULL DEFAULT 'concept'
                    CHECK (status IN ('concept', 'gepubliceerd', 'vergaderd', 'besluitenlijst_vastgesteld')),
    -- What of this meeting is invented for the demo; NULL for real or user-entered data.
    demo_note       TEXT,
    CHECK (ends_at IS NULL OR ends_at >= starts_at)
) STRICT;
CREATE INDEX meeting_body_start ON meeting(body_id, starts_at);

CREATE TABLE agenda_item (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES agenda_item(id) ON DELETE CASCADE,
    -- Order among its siblings; the printed number (1, 2, 2a) is derived from it.
    position        INTEGER NOT NULL,
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('hamerstuk', 'ter_besluitvorming', 'ter_bespreking',
                                                  'ter_informatie', 'ingekomen_stukken', 'rondvraag')),
    level           TEXT CHECK (level IN ('strategisch', 'tactisch', 'operationeel')),
    portefeuillehouder_id INTEGER REFERENCES person(id),
    confidentiality TEXT NOT NULL DEFAULT 'openbaar' CHECK (confidentiality IN ('openbaar', 'vertrouwelijk', 'besloten')),
    proposal_md     TEXT,                   -- voorstel, Markdown
    dossier_id      INTEGER REFERENCES dossier(id),
    outcome         TEXT CHECK (outcome IN ('aangenomen', 'verworpen', 'aangehouden', 'teruggetrokken',
                                            'besproken', 'voor_kennisgeving_aangenomen')),
    decision_md     TEXT,                   -- besluit, Markdown
    demo_note       TEXT,
    UNIQUE (meeting_id, parent_id, position)
) STRICT;
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, parent_id, position);
CREATE INDEX agenda_item_dossier ON agenda_item(dossier_id);

-- Numbered decision points (beslispunten) of a proposal.
CREATE TABLE decision_point (
    id              INTEGER PRIMARY KEY,
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    text_md         TEXT NOT NULL,
    UNIQUE (agenda_item_id, position)
) STRICT;

-- One municipality's vote on one agenda item (weighted AB voting).
CREATE TABLE vote (
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    choice          TEXT NOT NULL CHECK (choice IN ('voor', 'tegen', 'onthouding', 'afwezig')),
    demo_note       TEXT,
    PRIMARY KEY (agenda_item_id, organisation_id)
) STRICT;

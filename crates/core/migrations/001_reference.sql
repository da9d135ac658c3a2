-- Reference data: organisations, bodies, persons, memberships and vote weights.
-- Enumerations are stored as their stable codes (see crates/core/src/domain.rs).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE organisation (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('gemeenschappelijke_regeling', 'uitvoeringsorganisatie',
                                                  'stichting', 'gemeente', 'provincie', 'overig')),
    -- Subregion is editable: the sources state it for Hoeksche Waard only.
    subregion       TEXT,
    subregion_basis TEXT,
    -- Membership of the gemeenschappelijke regeling (municipalities only); NULL = unknown/open.
    member_from     TEXT CHECK (member_from IS NULL OR member_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    member_until    TEXT CHECK (member_until IS NULL OR member_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    successor_id    INTEGER REFERENCES organisation(id),
    note            TEXT,
    CHECK (member_until IS NULL OR member_from IS NULL OR member_until >= member_from)
) STRICT;

CREATE TABLE body (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    short_name      TEXT NOT NULL,
    decision_power  TEXT NOT NULL CHECK (decision_power IN ('besluitvormend', 'niet_besluitvormend', 'onbekend')),
    level           TEXT CHECK (level IN ('strategisch', 'tactisch_operationeel')),
    weighted_voting INTEGER NOT NULL DEFAULT 0 CHECK (weighted_voting IN (0, 1)),
    -- Bodies that hold meetings in Bestuursmap (AB, DB, Netwerk-MTplus, BOT) come first in lists.
    sort_order      INTEGER NOT NULL DEFAULT 100,
    description     TEXT,
    -- Whether the body holds meetings in Bestuursmap (the rest are reference entries).
    holds_meetings  INTEGER NOT NULL DEFAULT 0 CHECK (holds_meetings IN (0, 1)),
    CHECK (weighted_voting = 0 OR decision_power = 'besluitvormend')
) STRICT;

CREATE TABLE person (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation(id),
    -- 1 for people invented for the demo (their names say so too).
    is_demo         INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    note            TEXT
) STRICT;

CREATE TABLE membership (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    body_id         INTEGER NOT NULL REFERENCES body(id),
    role            TEXT NOT NULL CHECK (role IN ('voorzitter', 'secretaris', 'portefeuillehouder',
                                                  'ambtenaar', 'manager', 'adviseur')),
    -- The municipality or organisation this person represents in the body, if any.
    represents_id   INTEGER REFERENCES organisation(id),
    valid_from      TEXT NOT NULL,
    valid_until     TEXT,
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
) STRICT;
CREATE INDEX membership_body ON membership(body_id, valid_from);

-- Vote weight of a municipality in the AB for a period ("stemrecht naar rato van omvang").
CREATE TABLE vote_weight (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    valid_from      TEXT NOT NULL,
    valid_until     TEXT,
    weight          TEXT NOT NULL,          -- exact decimal
    -- 1 when the weight is an example, not an adopted figure (the real weights are not in the sources).
    is_example      INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    note            TEXT,
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
) STRICT;
CREATE INDEX vote_weight_org ON vote_weight(organisation_id, valid_from);

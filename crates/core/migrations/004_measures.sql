-- Measures (maatregelen) of the Omdenknotitie, the Aanjaagplan and the AEF advice.

CREATE TABLE measure (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    kind            TEXT,                   -- maatregel, aanbeveling, project, … as the source calls it
    description     TEXT,
    source_plan     TEXT NOT NULL CHECK (source_plan IN ('omdenknotitie', 'aanjaagplan', 'aef_advies', 'overig')),
    source_version  TEXT,                   -- the plans and versions as the source names them
    trekker_id      INTEGER REFERENCES organisation(id),
    -- The trekker as the source writes it when it is not one organisation ("gemeenten en SJT").
    trekker_text    TEXT,
    -- "1 = trekker, 1 = steun en toeverlaat"
    second_id       INTEGER REFERENCES organisation(id),
    responsible     TEXT,
    status          TEXT NOT NULL CHECK (status IN ('voorgesteld', 'besloten', 'in_uitvoering', 'gerealiseerd',
                                                    'niet_doorgevoerd', 'alternatief_in_ontwikkeling')),
    knelpunten      TEXT,                   -- knelpunten en dilemma's, Markdown
    time_path       TEXT,
    demo_note       TEXT
) STRICT;

CREATE TABLE measure_status_change (
    id              INTEGER PRIMARY KEY,
    measure_id      INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('voorgesteld', 'besloten', 'in_uitvoering', 'gerealiseerd',
                                                    'niet_doorgevoerd', 'alternatief_in_ontwikkeling')),
    changed_on      TEXT NOT NULL,
    reason          TEXT,
    agenda_item_id  INTEGER REFERENCES agenda_item(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX measure_status_change_measure ON measure_status_change(measure_id, changed_on);

-- Taakstelling (target) and realised savings per year, for the region (municipality NULL) or
-- one municipality. NULL amounts are unknown, never zero.
CREATE TABLE measure_savings (
    id              INTEGER PRIMARY KEY,
    measure_id      INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    municipality_id INTEGER REFERENCES organisation(id),
    target          TEXT,
    realised        TEXT,
    is_example      INTEGER NOT NULL DEFAULT 0 CHECK (is_example IN (0, 1)),
    UNIQUE (measure_id, year, municipality_id)
) STRICT;

CREATE TABLE agenda_item_measure (
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_item(id) ON DELETE CASCADE,
    measure_id      INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    PRIMARY KEY (agenda_item_id, measure_id)
) STRICT;
CREATE INDEX agenda_item_measure_measure ON agenda_item_measure(measure_id);

-- Indicators with a time path (werkgroep 'Focus en resultaten': «een beperkt aantal indicatoren
-- met een tijdpad»): a target per period and the measured value.
CREATE TABLE measure_indicator (
    id              INTEGER PRIMARY KEY,
    measure_id      INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    unit            TEXT,
    higher_is_better INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1))
) STRICT;

CREATE TABLE indicator_point (
    indicator_id    INTEGER NOT NULL REFERENCES measure_indicator(id) ON DELETE CASCADE,
    -- "2021", "2021-Q2" or "2021-05"
    period          TEXT NOT NULL,
    target          TEXT,
    measured        TEXT,
    PRIMARY KEY (indicator_id, period)
) STRICT;

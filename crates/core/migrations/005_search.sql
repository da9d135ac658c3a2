-- Full-text search. The index holds Dutch stems of diacritic-folded text (computed in Rust, so
-- index and query are stemmed alike); triggers note every change in search_dirty, and the
-- store re-indexes those rows before each transaction commits, so the index never lags.

-- One row per indexed document; its id is the rowid of the document in search_index.
CREATE TABLE search_doc (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    ref_id  INTEGER NOT NULL
) STRICT;
CREATE INDEX search_doc_ref ON search_doc(kind, ref_id);

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,         -- meeting, item, attachment, measure
    ref_id UNINDEXED,       -- id of the meeting, item, attachment or measure
    page UNINDEXED,         -- attachment page (1-based), else NULL
    title UNINDEXED,        -- shown in results
    meeting_id UNINDEXED,
    body_code UNINDEXED,    -- AB, DB, …
    day UNINDEXED,          -- YYYY-MM-DD of the meeting
    municipalities UNINDEXED, -- ' CODE CODE ' of the municipalities a document concerns
    stems,                  -- what is searched
    tokenize = 'unicode61 remove_diacritics 2',
    -- Prefix indexes for the short prefixes people type ('wacht*'); longer ones match few terms.
    prefix = '3 4'
);

-- Text of attachment pages, as extracted when the file was added.
CREATE TABLE attachment_page (
    attachment_id   INTEGER NOT NULL REFERENCES attachment(id) ON DELETE CASCADE,
    page            INTEGER NOT NULL,
    text            TEXT NOT NULL,
    PRIMARY KEY (attachment_id, page)
) STRICT;
ALTER TABLE attachment ADD COLUMN searchable INTEGER NOT NULL DEFAULT 0 CHECK (searchable IN (0, 1));

CREATE TABLE search_dirty (
    kind    TEXT NOT NULL,
    ref_id  INTEGER NOT NULL,
    PRIMARY KEY (kind, ref_id)
) WITHOUT ROWID;

CREATE TRIGGER meeting_dirty_i AFTER INSERT ON meeting BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('meeting', new.id); END;
CREATE TRIGGER meeting_dirty_u AFTER UPDATE ON meeting BEGIN
    INSERT OR IGNORE INTO search_dirty VALUES ('meeting', new.id);
    INSERT OR IGNORE INTO search_dirty SELECT 'item', id FROM agenda_item WHERE meeting_id = new.id;
END;
CREATE TRIGGER meeting_dirty_d AFTER DELETE ON meeting BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('meeting', old.id); END;
CREATE TRIGGER item_dirty_i AFTER INSERT ON agenda_item BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('item', new.id); END;
CREATE TRIGGER item_dirty_u AFTER UPDATE ON agenda_item BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('item', new.id); END;
CREATE TRIGGER item_dirty_d AFTER DELETE ON agenda_item BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('item', old.id); END;
CREATE TRIGGER point_dirty_i AFTER INSERT ON decision_point BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('item', new.agenda_item_id); END;
CREATE TRIGGER point_dirty_d AFTER DELETE ON decision_point BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('item', old.agenda_item_id); END;
CREATE TRIGGER attachment_dirty_i AFTER INSERT ON attachment BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('attachment', new.id); END;
CREATE TRIGGER attachment_dirty_d AFTER DELETE ON attachment BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('attachment', old.id); END;
CREATE TRIGGER attachment_page_dirty_i AFTER INSERT ON attachment_page BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('attachment', new.attachment_id); END;
CREATE TRIGGER measure_dirty_i AFTER INSERT ON measure BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('measure', new.id); END;
CREATE TRIGGER measure_dirty_u AFTER UPDATE ON measure BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('measure', new.id); END;
CREATE TRIGGER measure_dirty_d AFTER DELETE ON measure BEGIN INSERT OR IGNORE INTO search_dirty VALUES ('measure', old.id); END;

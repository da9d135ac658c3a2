-- Search at scale (#18). The index no longer keeps a second copy of every text (the stems were
-- stored in search_index's content table as well as in its index): it is contentless, and what a
-- result shows (title, meeting, body, day, page) lives in search_doc, one small row per document.
-- Filters (kind, body, municipality, date) are tokens in a second indexed column, `facets`, so a
-- filtered query is one FTS5 expression that intersects doclists instead of reading a row per
-- match. Ranking (bm25 over `stems` only) covers every match. The store re-indexes everything
-- once, right after this migration (search_dirty lists it all).

DROP TABLE search_index;
DROP TABLE search_doc;

CREATE TABLE search_doc (
    id          INTEGER PRIMARY KEY,  -- rowid in search_index
    kind        TEXT NOT NULL,        -- meeting, item, attachment, measure, point
    ref_id      INTEGER NOT NULL,
    page        INTEGER,              -- attachment page (1-based), else NULL
    title       TEXT NOT NULL,
    meeting_id  INTEGER,
    body_code   TEXT,
    day         TEXT                  -- YYYY-MM-DD of the meeting (or of a zienswijze procedure)
) STRICT;
CREATE INDEX search_doc_ref ON search_doc(kind, ref_id);

CREATE VIRTUAL TABLE search_index USING fts5(
    stems,                  -- folded Dutch stems of the text: what users search
    facets,                 -- filter tokens: xk<kind> xb<body> xg<municipality> and the day (see search.rs)
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    -- Prefix indexes for the short prefixes people type ('wacht*'); longer ones match few terms.
    prefix = '3 4'
);

INSERT OR IGNORE INTO search_dirty SELECT 'meeting', id FROM meeting;
INSERT OR IGNORE INTO search_dirty SELECT 'item', id FROM agenda_item;
INSERT OR IGNORE INTO search_dirty SELECT 'attachment', id FROM attachment;
INSERT OR IGNORE INTO search_dirty SELECT 'measure', id FROM measure;
INSERT OR IGNORE INTO search_dirty SELECT 'point', id FROM zienswijze_point;

-- Search at scale, second step (#18).
-- * Each indexed document keeps its length in stems, so the ranking function (search/rank.rs)
--   holds all lengths in memory instead of asking FTS5 for one per match; an id is never handed
--   out twice (AUTOINCREMENT), so a length read once stays right.
-- * search_stats counts the documents and their stems for BM25's document count and average
--   length (FTS5's own totals keep counting deleted documents of a contentless_delete table, so
--   every re-index would make them drift); the re-indexing (search/store.rs) keeps it exact, one
--   update per write (a trigger per document cost a quarter of the indexing speed).
-- * An attachment's pages are re-indexed when its meeting's date or body or its item's
--   portefeuillehouder changes: their filter tokens (day, body, municipality) come from there.
-- * search_doc says only which entity (and page) a document is: what a hit shows (title, meeting,
--   body, day) is read from the entity when it is shown, not kept a second time per page.
-- * No prefix indexes ('3 4' before): on the ten-year benchmark they made the index 316 MB
--   instead of 111 MB and writing it half as fast, while FTS5 finds a 4-letter prefix by scanning
--   the terms that start with it within the target (p95 21 ms); a 3-letter prefix takes ~0.1 s
--   (README, «Search performance»).
-- The index is rebuilt once, right after this migration (search_dirty lists it all).

DROP TABLE search_index;
DROP TABLE search_doc;

CREATE TABLE search_doc (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- rowid in search_index; never reused
    kind        TEXT NOT NULL,        -- meeting, item, attachment, measure, point
    ref_id      INTEGER NOT NULL,
    page        INTEGER,              -- attachment page (1-based), else NULL
    length      INTEGER NOT NULL      -- stems in the document (BM25's document length)
) STRICT;
CREATE INDEX search_doc_ref ON search_doc(kind, ref_id);

CREATE VIRTUAL TABLE search_index USING fts5(
    stems,                  -- folded Dutch stems of the text: what users search
    facets,                 -- filter tokens: xk<kind> xb<body> xg<municipality> and the day (see search/rules.rs)
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE search_stats (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    documents   INTEGER NOT NULL,
    stems       INTEGER NOT NULL
) STRICT;
INSERT INTO search_stats VALUES (1, 0, 0);

CREATE TRIGGER meeting_attachments_dirty AFTER UPDATE OF starts_at, body_id ON meeting BEGIN
    INSERT OR IGNORE INTO search_dirty
        SELECT 'attachment', a.id FROM attachment a JOIN agenda_item i ON i.id = a.agenda_item_id WHERE i.meeting_id = new.id;
END;
CREATE TRIGGER item_attachments_dirty AFTER UPDATE OF portefeuillehouder_id ON agenda_item BEGIN
    INSERT OR IGNORE INTO search_dirty SELECT 'attachment', id FROM attachment WHERE agenda_item_id = new.id;
END;

INSERT OR IGNORE INTO search_dirty SELECT 'meeting', id FROM meeting;
INSERT OR IGNORE INTO search_dirty SELECT 'item', id FROM agenda_item;
INSERT OR IGNORE INTO search_dirty SELECT 'attachment', id FROM attachment;
INSERT OR IGNORE INTO search_dirty SELECT 'measure', id FROM measure;
INSERT OR IGNORE INTO search_dirty SELECT 'point', id FROM zienswijze_point;

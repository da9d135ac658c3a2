//! The search index in the store: what each document says (`documents`), keeping the index in
//! step inside every write (`reindex_dirty`, called by [`Store::write`]), and the queries.

use super::rules::{
    day_facets, day_range_facets, document_length, facet, kind_label, match_expression, snippet, stems,
};
use super::types::{AttachmentPage, SearchFilter, SearchHit};
use crate::error::{CoreError, Result};
use crate::store::Store;
use rusqlite::{params, Connection, OptionalExtension};

/// The page cache of a store connection, in KiB. SQLCipher decrypts and authenticates every page
/// it reads from the file; keeping the hot pages of the index (doclists, document sizes) in the
/// cache is what keeps a query from paying that again and again.
pub const PAGE_CACHE_KIB: i64 = 64 * 1024;

fn fts_error(e: rusqlite::Error, query: &str) -> CoreError {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("fts5") => CoreError::Invalid(format!(
            "De zoekvraag '{query}' is niet te lezen. Gebruik woorden, \"een zinsdeel\", woord* of EN/OF/NIET."
        )),
        other => CoreError::from(other),
    }
}

struct Doc {
    /// Organisation codes of the municipalities the document concerns (portefeuillehouder, trekker).
    municipalities: Vec<String>,
    page: Option<i64>,
    title: String,
    body: String,
    meeting_id: Option<i64>,
    body_code: Option<String>,
    day: Option<String>,
}

/// The documents an entity contributes to the index (none when it no longer exists); of an
/// attachment, all its pages or only `page`.
fn documents(conn: &Connection, kind: &str, id: i64, page: Option<i64>) -> Result<Vec<Doc>> {
    let meeting_of = |meeting_id: i64| -> rusqlite::Result<Option<(String, String, String)>> {
        conn.query_row(
            "SELECT b.code, b.short_name, substr(m.starts_at, 1, 10) FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.id = ?1",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
    };
    Ok(match kind {
        "meeting" => {
            let row: Option<(String, Option<String>)> = conn
                .query_row("SELECT title, location FROM meeting WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match (row, meeting_of(id)?) {
                (Some((title, location)), Some((code, short, day))) => vec![Doc {
                    municipalities: vec![],
                    page: None,
                    title: format!("{short} {day}: {title}"),
                    body: [title, location.unwrap_or_default()].join(" "),
                    meeting_id: Some(id),
                    body_code: Some(code),
                    day: Some(day),
                }],
                _ => vec![],
            }
        }
        "item" => {
            let row: Option<(i64, String, Option<String>, Option<String>)> = conn
                .query_row(
                    "SELECT meeting_id, title, proposal_md, decision_md FROM agenda_item WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((meeting_id, title, proposal, decision)) = row else { return Ok(vec![]) };
            let municipalities = item_municipalities(conn, id)?;
            let mut stmt =
                conn.prepare_cached("SELECT text_md FROM decision_point WHERE agenda_item_id = ?1 ORDER BY position")?;
            let points: Vec<String> = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let Some((code, short, day)) = meeting_of(meeting_id)? else { return Ok(vec![]) };
            vec![Doc {
                municipalities,
                page: None,
                title: format!("{short} {day}: {title}"),
                body: [title, proposal.unwrap_or_default(), points.join(" "), decision.unwrap_or_default()].join(" "),
                meeting_id: Some(meeting_id),
                body_code: Some(code),
                day: Some(day),
            }]
        }
        "attachment" => {
            let row: Option<(String, i64)> = conn
                .query_row(
                    "SELECT a.file_name, i.meeting_id FROM attachment a JOIN agenda_item i ON i.id = a.agenda_item_id WHERE a.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((file_name, meeting_id)) = row else { return Ok(vec![]) };
            let meeting = meeting_of(meeting_id)?;
            let item_id: i64 =
                conn.query_row("SELECT agenda_item_id FROM attachment WHERE id = ?1", [id], |r| r.get(0))?;
            let municipalities = item_municipalities(conn, item_id)?;
            let mut stmt = conn.prepare_cached(
                "SELECT page, text FROM attachment_page WHERE attachment_id = ?1 AND (?2 IS NULL OR page = ?2) ORDER BY page",
            )?;
            let pages: Vec<(i64, String)> =
                stmt.query_map(params![id, page], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            pages
                .into_iter()
                .map(|(page, text)| Doc {
                    municipalities: municipalities.clone(),
                    page: Some(page),
                    title: format!("{file_name}, pagina {page}"),
                    body: text,
                    meeting_id: Some(meeting_id),
                    body_code: meeting.as_ref().map(|m| m.0.clone()),
                    day: meeting.as_ref().map(|m| m.2.clone()),
                })
                .collect()
        }
        "measure" => {
            let row: Option<(String, String, String)> = conn
                .query_row(
                    "SELECT code, title, concat_ws(' ', description, knelpunten, time_path) FROM measure WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            match row {
                Some((code, title, rest)) => vec![Doc {
                    municipalities: {
                        let mut stmt = conn.prepare_cached(
                            "SELECT o.code FROM measure m JOIN organisation o ON o.id = m.trekker_id AND o.kind = 'gemeente' WHERE m.id = ?1
                             UNION SELECT o.code FROM measure_savings s JOIN organisation o ON o.id = s.municipality_id WHERE s.measure_id = ?1",
                        )?;
                        let codes = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                        codes
                    },
                    page: None,
                    title: format!("{code} {title}"),
                    body: [code, title, rest].join(" "),
                    meeting_id: None,
                    body_code: None,
                    day: None,
                }],
                None => vec![],
            }
        }
        "point" => {
            let row: Option<(String, String, Option<String>, String, String, String)> = conn
                .query_row(
                    "SELECT o.name, o.code, p.label, p.text, pr.title, pr.sent_on FROM zienswijze_point p
                     JOIN zienswijze_section s ON s.id = p.section_id JOIN zienswijze z ON z.id = s.zienswijze_id
                     JOIN organisation o ON o.id = z.organisation_id JOIN zienswijze_procedure pr ON pr.id = z.procedure_id
                     WHERE p.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )
                .optional()?;
            let Some((name, code, label, text, procedure, sent_on)) = row else { return Ok(vec![]) };
            let mut stmt =
                conn.prepare_cached("SELECT text FROM reply_segment WHERE point_id = ?1 ORDER BY position")?;
            let replies: Vec<String> = stmt
                .query_map([id], |r| r.get::<_, String>(0))?
                .map(|t| t.map(|t| crate::zienswijzen::refs::without_tokens(&t)))
                .collect::<rusqlite::Result<_>>()?;
            let point = label.map(|l| format!(", punt {l}")).unwrap_or_default();
            vec![Doc {
                municipalities: vec![code],
                page: None,
                title: format!("Zienswijze {name}{point} ({procedure})"),
                body: [text, replies.join(" ")].join(" "),
                meeting_id: None,
                body_code: None,
                day: Some(sent_on),
            }]
        }
        _ => vec![],
    })
}

/// The municipality of an item's portefeuillehouder (and, through the item, of its attachments).
fn item_municipalities(conn: &Connection, item_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.code FROM agenda_item a JOIN person p ON p.id = a.portefeuillehouder_id
         JOIN organisation o ON o.id = p.organisation_id AND o.kind = 'gemeente' WHERE a.id = ?1",
    )?;
    let codes = stmt.query_map([item_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(codes)
}

/// The filter tokens of a document (see the `facets` column in `008_search_contentless.sql`).
fn facets(kind: &str, doc: &Doc) -> String {
    let mut tokens = vec![facet("xk", kind)];
    tokens.extend(doc.body_code.as_deref().map(|b| facet("xb", b)));
    tokens.extend(doc.municipalities.iter().map(|m| facet("xg", m)));
    tokens.extend(doc.day.as_deref().and_then(day_facets));
    tokens.join(" ")
}

/// How a write changed the index's document count and total of stems (`search_stats`, BM25's N
/// and average length): summed over its documents, stored once per write.
#[derive(Default)]
struct StatsChange {
    documents: i64,
    stems: i64,
}

fn reindex_one(conn: &Connection, kind: &str, id: i64, change: &mut StatsChange) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id, length FROM search_doc WHERE kind = ?1 AND ref_id = ?2")?;
    let old: Vec<(i64, i64)> =
        stmt.query_map(params![kind, id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (rowid, length) in old {
        conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid])?;
        conn.prepare_cached("DELETE FROM search_doc WHERE id = ?1")?.execute([rowid])?;
        change.documents -= 1;
        change.stems -= length;
    }
    let mut add_doc =
        conn.prepare_cached("INSERT INTO search_doc (kind, ref_id, page, length) VALUES (?1, ?2, ?3, ?4)")?;
    let mut add_index = conn.prepare_cached("INSERT INTO search_index (rowid, stems, facets) VALUES (?1, ?2, ?3)")?;
    for doc in documents(conn, kind, id, None)? {
        let stems = stems(&doc.body);
        let length = document_length(&stems) as i64;
        add_doc.execute(params![kind, id, doc.page, length])?;
        let rowid = conn.last_insert_rowid();
        add_index.execute(params![rowid, stems, facets(kind, &doc)])?;
        change.documents += 1;
        change.stems += length;
    }
    Ok(())
}

/// True when changes wait to be indexed outside a write (after a migration rebuilt the index).
pub(crate) fn reindex_pending(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM search_dirty)", [], |r| r.get(0))?)
}

/// Brings the index in step with every change noted by the triggers (called before each commit).
pub(crate) fn reindex_dirty(conn: &Connection) -> Result<()> {
    let dirty: Vec<(String, i64)> = conn
        .prepare_cached("SELECT kind, ref_id FROM search_dirty")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if dirty.is_empty() {
        return Ok(());
    }
    let mut change = StatsChange::default();
    for (kind, id) in &dirty {
        reindex_one(conn, kind, *id, &mut change)?;
    }
    conn.prepare_cached("UPDATE search_stats SET documents = documents + ?1, stems = stems + ?2")?
        .execute(params![change.documents, change.stems])?;
    conn.prepare_cached("DELETE FROM search_dirty")?.execute([])?;
    Ok(())
}

impl Store {
    /// Stores the text of an attachment's pages (extracted by the caller) and makes it searchable.
    pub fn set_attachment_text(&mut self, attachment_id: i64, pages: &[String]) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM attachment_page WHERE attachment_id = ?1", [attachment_id])?;
            for (i, text) in pages.iter().enumerate() {
                tx.execute(
                    "INSERT INTO attachment_page (attachment_id, page, text) VALUES (?1, ?2, ?3)",
                    params![attachment_id, i as i64 + 1, text],
                )?;
            }
            let changed = tx.execute(
                "UPDATE attachment SET searchable = ?2 WHERE id = ?1",
                params![attachment_id, pages.iter().any(|p| !p.trim().is_empty())],
            )?;
            if changed == 0 {
                return Err(CoreError::NotFound { what: "Bijlage", id: attachment_id.to_string() });
            }
            tx.execute("INSERT OR IGNORE INTO search_dirty VALUES ('attachment', ?1)", [attachment_id])?;
            Ok(())
        })
    }

    /// The extracted text of one attachment page, with the file name (to show a search hit).
    pub fn attachment_page(&self, attachment_id: i64, page: i64, query: &str) -> Result<AttachmentPage> {
        let mut found = self.conn()
            .query_row(
                "SELECT a.file_name, p.text, a.agenda_item_id, (SELECT count(*) FROM attachment_page WHERE attachment_id = a.id)
                 FROM attachment_page p JOIN attachment a ON a.id = p.attachment_id WHERE p.attachment_id = ?1 AND p.page = ?2",
                params![attachment_id, page],
                |r| {
                    Ok(AttachmentPage {
                        attachment_id,
                        page,
                        file_name: r.get(0)?,
                        text: r.get(1)?,
                        agenda_item_id: r.get(2)?,
                        pages: r.get(3)?,
                        marked: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Bijlagepagina", id: format!("{attachment_id}/{page}") })?;
        found.marked = snippet(&found.text, query, usize::MAX);
        Ok(found)
    }

    /// Rebuilds the whole index (`bestuursmap reindex`). Returns the number of documents.
    pub fn reindex(&mut self) -> Result<i64> {
        self.write(|tx| {
            tx.execute_batch(
                "INSERT INTO search_index (search_index) VALUES ('delete-all'); DELETE FROM search_doc;
                 UPDATE search_stats SET documents = 0, stems = 0;
                 INSERT OR IGNORE INTO search_dirty SELECT 'meeting', id FROM meeting;
                 INSERT OR IGNORE INTO search_dirty SELECT 'item', id FROM agenda_item;
                 INSERT OR IGNORE INTO search_dirty SELECT 'attachment', id FROM attachment;
                 INSERT OR IGNORE INTO search_dirty SELECT 'measure', id FROM measure;
                 INSERT OR IGNORE INTO search_dirty SELECT 'point', id FROM zienswijze_point;",
            )?;
            Ok(())
        })?;
        Ok(self.conn().query_row("SELECT count(*) FROM search_doc", [], |r| r.get(0))?)
    }

    /// The `limit` most relevant documents for `query` (bm25 over every match), with snippets.
    pub fn search(&self, query: &str, filter: &SearchFilter, limit: usize) -> Result<Vec<SearchHit>> {
        // The user's words are matched in `stems` only; the filters are tokens of `facets`, so
        // FTS5 intersects doclists and never reads a stored row to decide whether a match counts.
        let asked = match_expression(query)?;
        let mut expression = format!("{{stems}} : ({})", asked.text);
        let mut require = |tokens: Vec<String>| {
            expression.push_str(&format!(" AND {{facets}} : ({})", tokens.join(" OR ")));
        };
        if !filter.kinds.is_empty() {
            require(filter.kinds.iter().map(|k| facet("xk", k)).collect());
        }
        if let Some(body) = &filter.body {
            require(vec![facet("xb", body)]);
        }
        if filter.from.is_some() || filter.to.is_some() {
            let days = day_range_facets(filter.from, filter.to);
            if days.is_empty() {
                return Ok(Vec::new());
            }
            require(days);
        }
        if let Some(code) = &filter.municipality {
            require(vec![facet("xg", code)]);
        }
        // Every match is scored (BM25 over the stems column and the user's phrases, see rank.rs)
        // and SQLite keeps only the best `limit` while it goes: no cut-off on the candidates.
        self.doc_lengths.refresh(self.conn())?;
        let (indexed, indexed_stems): (i64, i64) =
            self.conn().query_row("SELECT documents, stems FROM search_stats", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.kind, d.ref_id, d.page
             FROM (SELECT rowid AS id, bestuursmap_rank(search_index, ?3, ?4, ?5) AS score FROM search_index
                   WHERE search_index MATCH ?1 ORDER BY score, rowid DESC LIMIT ?2) AS best
             JOIN search_doc d ON d.id = best.id ORDER BY best.score, best.id DESC",
        )?;
        let best: Vec<(String, i64, Option<i64>)> = stmt
            .query_map(params![expression, limit as i64, asked.phrases as i64, indexed, indexed_stems], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| fts_error(e, query))?;
        // What a hit shows is read from the entity itself (the index keeps only which entity and
        // page a document is): one entity, or one page of an attachment, per hit.
        let mut hits = Vec::with_capacity(best.len());
        for (kind, ref_id, page) in best {
            if let Some(doc) = documents(self.conn(), &kind, ref_id, page)?.into_iter().find(|d| d.page == page) {
                hits.push(SearchHit {
                    kind_label: kind_label(&kind).to_string(),
                    snippet: snippet(&doc.body, query, 28),
                    kind,
                    ref_id,
                    page,
                    title: doc.title,
                    meeting_id: doc.meeting_id,
                    body: doc.body_code,
                    day: doc.day,
                });
            }
        }
        Ok(hits)
    }
}

//! Full-text search over meetings, agenda items (with their decisions), attachment pages and
//! measures. Text is folded (diacritics off, lower case) and reduced to Dutch Snowball stems, both
//! when it is indexed and when it is asked for, so "coordinatie" finds "coördinatie" and
//! "maatregel" finds "maatregelen". SQLite FTS5 does the matching (phrases, prefixes, AND/OR/NOT).

use super::Store;
use crate::error::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Dutch))
}

/// Lower case without diacritics: "Coördinatie" → "coordinatie".
pub fn fold(text: &str) -> String {
    text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The stem of one folded word.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// What the index holds for a text: its folded stems, space-separated.
pub fn stems(text: &str) -> String {
    let folded = fold(text);
    words(&folded).map(stem).collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Word(String),
    Prefix(String),
    Phrase(Vec<String>),
    Op(&'static str),
}

/// Turns what a user types into an FTS5 expression over stems. Words are stemmed; `word*` is a
/// prefix of the folded word; "…" is a phrase; AND, OR, NOT (or EN, OF, NIET) combine.
pub fn match_expression(query: &str) -> Result<String> {
    let mut terms = Vec::new();
    let mut rest = query.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = after.split_once('"').unwrap_or((after, ""));
            let folded = fold(phrase);
            let ws: Vec<String> = words(&folded).map(stem).collect();
            if !ws.is_empty() {
                terms.push(Term::Phrase(ws));
            }
            rest = tail.trim_start();
            continue;
        }
        let end = rest.find([' ', '"']).unwrap_or(rest.len());
        let token = &rest[..end];
        rest = rest[end..].trim_start();
        match token {
            "AND" | "EN" => terms.push(Term::Op("AND")),
            "OR" | "OF" => terms.push(Term::Op("OR")),
            "NOT" | "NIET" => terms.push(Term::Op("NOT")),
            _ => {
                let prefix = token.ends_with('*');
                let folded = fold(token.trim_end_matches('*'));
                let parts: Vec<&str> = words(&folded).collect();
                match (parts.as_slice(), prefix) {
                    ([], _) => {}
                    ([one], true) => terms.push(Term::Prefix(one.to_string())),
                    ([one], false) => terms.push(Term::Word(stem(one))),
                    // "begrotings-wijziging" or "4.a": the parts as a phrase.
                    (many, _) => terms.push(Term::Phrase(many.iter().map(|w| stem(w)).collect())),
                }
            }
        }
    }
    // Operators only between terms; a leading, trailing or doubled operator is dropped.
    let mut out: Vec<String> = Vec::new();
    let mut pending_op: Option<&str> = None;
    for term in terms {
        let text = match term {
            Term::Op(op) => {
                if !out.is_empty() {
                    pending_op = Some(op);
                }
                continue;
            }
            Term::Word(w) => format!("\"{w}\""),
            Term::Prefix(p) => format!("\"{p}\"*"),
            Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
        };
        if !out.is_empty() {
            out.push(pending_op.take().unwrap_or("AND").to_string());
        }
        out.push(text);
    }
    if out.is_empty() {
        return Err(CoreError::Invalid("Typ een of meer zoekwoorden.".into()));
    }
    Ok(out.join(" "))
}

/// How many of the latest matches are ranked by relevance (see [`Store::search`]).
pub const RANKED_CANDIDATES: usize = 2000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchFilter {
    /// meeting, item, attachment, measure; empty = all.
    pub kinds: Vec<String>,
    /// AB, DB, NETWERK_MTPLUS, BOT.
    pub body: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Organisation code of a municipality (DORDRECHT): documents that concern it.
    #[serde(default)]
    pub municipality: Option<String>,
}

/// A piece of a snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentPage {
    pub attachment_id: i64,
    pub page: i64,
    pub pages: i64,
    pub file_name: String,
    pub agenda_item_id: i64,
    pub text: String,
    /// The whole page with the words of the query marked (as in search results).
    pub marked: Vec<SnippetPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub kind: String,
    pub kind_label: String,
    pub ref_id: i64,
    /// For attachments: the page (1-based).
    pub page: Option<i64>,
    pub title: String,
    pub meeting_id: Option<i64>,
    pub body: Option<String>,
    pub day: Option<String>,
    pub snippet: Vec<SnippetPart>,
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "meeting" => "Vergadering",
        "item" => "Agendapunt",
        "attachment" => "Bijlage",
        "measure" => "Maatregel",
        "point" => "Zienswijze",
        _ => "Overig",
    }
}

/// About `width` words around the first hit, with the hits marked.
fn snippet(text: &str, query: &str, width: usize) -> Vec<SnippetPart> {
    let q = fold(query);
    let wanted: Vec<(String, bool)> = q
        .split(|c: char| !c.is_alphanumeric() && c != '*')
        .filter(|w| !w.is_empty() && !["and", "or", "not", "en", "of", "niet"].contains(w))
        .map(|w| match w.strip_suffix('*') {
            Some(p) => (p.to_string(), true),
            None => (stem(w), false),
        })
        .collect();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let is_hit = |token: &str| {
        let folded = fold(token);
        let hit = words(&folded)
            .any(|w| wanted.iter().any(|(t, prefix)| if *prefix { w.starts_with(t.as_str()) } else { stem(w) == *t }));
        hit
    };
    let first = tokens.iter().position(|t| is_hit(t)).unwrap_or(0);
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(tokens.len());
    let mut parts: Vec<SnippetPart> = Vec::new();
    if start > 0 {
        parts.push(SnippetPart { text: "… ".into(), hit: false });
    }
    let mut push = |text: &str, hit: bool| match parts.last_mut() {
        Some(last) if !last.hit && !hit => last.text.push_str(text),
        _ => parts.push(SnippetPart { text: text.to_string(), hit }),
    };
    for (i, token) in tokens[start..end].iter().enumerate() {
        if i > 0 {
            push(" ", false);
        }
        push(token, is_hit(token));
    }
    if end < tokens.len() {
        parts.push(SnippetPart { text: " …".into(), hit: false });
    }
    parts
}

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

/// The documents an entity contributes to the index (none when it no longer exists).
fn documents(conn: &Connection, kind: &str, id: i64) -> Result<Vec<Doc>> {
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
            let mut stmt =
                conn.prepare_cached("SELECT page, text FROM attachment_page WHERE attachment_id = ?1 ORDER BY page")?;
            let pages: Vec<(i64, String)> =
                stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
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
                .map(|t| t.map(|t| crate::zienswijze::refs::without_tokens(&t)))
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

fn reindex_one(conn: &Connection, kind: &str, id: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id FROM search_doc WHERE kind = ?1 AND ref_id = ?2")?;
    let old: Vec<i64> = stmt.query_map(params![kind, id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for rowid in old {
        conn.execute("DELETE FROM search_index WHERE rowid = ?1", [rowid])?;
        conn.execute("DELETE FROM search_doc WHERE id = ?1", [rowid])?;
    }
    for doc in documents(conn, kind, id)? {
        conn.execute("INSERT INTO search_doc (kind, ref_id) VALUES (?1, ?2)", params![kind, id])?;
        let rowid = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO search_index (rowid, kind, ref_id, page, title, meeting_id, body_code, day, municipalities, stems)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                rowid,
                kind,
                id,
                doc.page,
                doc.title,
                doc.meeting_id,
                doc.body_code,
                doc.day,
                format!(" {} ", doc.municipalities.join(" ")),
                stems(&doc.body)
            ],
        )?;
    }
    Ok(())
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
    for (kind, id) in &dirty {
        reindex_one(conn, kind, *id)?;
    }
    conn.execute("DELETE FROM search_dirty", [])?;
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
                "DELETE FROM search_index; DELETE FROM search_doc;
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

    pub fn search(&self, query: &str, filter: &SearchFilter, limit: usize) -> Result<Vec<SearchHit>> {
        let expression = match_expression(query)?;
        let mut filters = String::new();
        let mut args: Vec<rusqlite::types::Value> = vec![expression.into()];
        if !filter.kinds.is_empty() {
            filters.push_str(&format!(" AND kind IN ({})", vec!["?"; filter.kinds.len()].join(", ")));
            args.extend(filter.kinds.iter().map(|k| rusqlite::types::Value::from(k.clone())));
        }
        if let Some(body) = &filter.body {
            filters.push_str(" AND body_code = ?");
            args.push(body.to_uppercase().replace('-', "_").into());
        }
        if let Some(from) = filter.from {
            filters.push_str(" AND day >= ?");
            args.push(from.to_string().into());
        }
        if let Some(to) = filter.to {
            filters.push_str(" AND day <= ?");
            args.push(to.to_string().into());
        }
        if let Some(code) = &filter.municipality {
            filters.push_str(" AND municipalities LIKE ?");
            args.push(format!("% {} %", code.trim().to_uppercase()).into());
        }
        // Ranking every match of a common word in years of documents is what makes a search slow.
        // So the most relevant results are taken from the latest RANKED_CANDIDATES matches (rowid
        // order is the order of indexing): first find the rowid where those begin, then let FTS5
        // rank only the rows from there on. Answers stay fast however much is stored.
        let threshold: i64 = self
            .conn()
            .query_row(
                &format!(
                    "SELECT rowid FROM search_index WHERE stems MATCH ?1 {filters} ORDER BY rowid DESC LIMIT 1 OFFSET {}",
                    RANKED_CANDIDATES - 1
                ),
                rusqlite::params_from_iter(args.iter()),
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| fts_error(e, query))?
            .unwrap_or(0);
        let sql = format!(
            "SELECT kind, ref_id, page, title, meeting_id, body_code, day FROM search_index
             WHERE stems MATCH ?1 AND rowid >= {threshold} {filters} ORDER BY rank LIMIT ?"
        );
        args.push((limit as i64).into());
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<i64>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| fts_error(e, query))?;
        // The text for the snippet comes from where it lives; the index holds only stems.
        rows.into_iter()
            .map(|(kind, ref_id, page, title, meeting_id, body_code, day)| {
                let text = match (kind.as_str(), page) {
                    // One page, not the whole attachment.
                    ("attachment", Some(p)) => self
                        .conn()
                        .query_row(
                            "SELECT text FROM attachment_page WHERE attachment_id = ?1 AND page = ?2",
                            params![ref_id, p],
                            |r| r.get(0),
                        )
                        .optional()?
                        .unwrap_or_default(),
                    _ => documents(self.conn(), &kind, ref_id)?
                        .into_iter()
                        .find(|d| d.page == page)
                        .map(|d| d.body)
                        .unwrap_or_default(),
                };
                Ok(SearchHit {
                    kind_label: kind_label(&kind).to_string(),
                    snippet: snippet(&text, query, 28),
                    kind,
                    ref_id,
                    page,
                    title,
                    meeting_id,
                    body: body_code,
                    day,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_stemming_make_forms_meet() {
        assert_eq!(fold("Coördinatie én Hoeksche Waard"), "coordinatie en hoeksche waard");
        assert_eq!(stems("maatregelen"), stems("maatregel"));
        assert_eq!(stems("begrotingswijzigingen"), stems("begrotingswijziging"));
        assert_eq!(stems("Coördinatie"), stems("coordinatie"));
    }

    #[test]
    fn queries_become_fts_expressions() {
        assert_eq!(match_expression("maatregelen").unwrap(), format!("\"{}\"", stem("maatregelen")));
        assert_eq!(match_expression("maatreg*").unwrap(), "\"maatreg\"*");
        assert_eq!(match_expression("\"Nee, tenzij\"").unwrap(), format!("\"{} {}\"", stem("nee"), stem("tenzij")));
        assert_eq!(match_expression("a OF b").unwrap(), format!("\"{}\" OR \"{}\"", stem("a"), stem("b")));
        assert_eq!(
            match_expression("NIET AND kosten").unwrap(),
            format!("\"{}\"", stem("kosten")),
            "dangling operators are dropped"
        );
        assert!(match_expression("  \"\" * ").is_err());
    }

    #[test]
    fn snippets_mark_the_hits() {
        let parts = snippet("De Nee, tenzij-regeling wordt tijdelijk aangescherpt in 2021.", "regelingen", 10);
        assert!(parts.iter().any(|p| p.hit && p.text.starts_with("tenzij-regeling")), "{parts:?}");
        let parts = snippet("Wij vragen aandacht voor de coördinatie van de zorg.", "coordinatie", 10);
        assert!(parts.iter().any(|p| p.hit && p.text.starts_with("coördinatie")), "{parts:?}");
    }
}

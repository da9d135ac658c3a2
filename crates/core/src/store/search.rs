//! Full-text search over meetings, agenda items (with their decisions), attachment pages and
//! measures. Text is folded (diacritics off, lower case) and reduced to Dutch Snowball stems, both
//! when it is indexed and when it is asked for, so "coordinatie" finds "coördinatie" and
//! "maatregel" finds "maatregelen". SQLite FTS5 does the matching (phrases, prefixes, AND/OR/NOT).

use super::Store;
use crate::error::{CoreError, Result};
use chrono::{Datelike, NaiveDate};
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
    if text.is_ascii() {
        // Most text is plain ASCII: no decomposition needed.
        return text.to_ascii_lowercase();
    }
    text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The stem of one folded word.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// Distinct words in a text corpus are few compared with their occurrences, so indexing keeps
/// the stems it has computed (per thread, bounded) instead of running Snowball on every word.
const STEM_CACHE_LIMIT: usize = 200_000;

/// [`stem`] through a per-thread cache (bounded): indexing and snippets see the same words again
/// and again.
fn cached_stem<R>(word: &str, with: impl FnOnce(&str) -> R) -> R {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    CACHE.with_borrow_mut(|cache| {
        if cache.len() > STEM_CACHE_LIMIT {
            cache.clear();
        }
        if !cache.contains_key(word) {
            cache.insert(word.to_string(), stem(word));
        }
        with(&cache[word])
    })
}

/// What the index holds for a text: its folded stems, space-separated.
pub fn stems(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for word in words(&folded) {
        if !out.is_empty() {
            out.push(' ');
        }
        cached_stem(word, |stemmed| out.push_str(stemmed));
    }
    out
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

/// The page cache of a store connection, in KiB. SQLCipher decrypts and authenticates every page
/// it reads from the file; keeping the hot pages of the index (doclists, document sizes) in the
/// cache is what keeps a query from paying that again and again.
pub const PAGE_CACHE_KIB: i64 = 64 * 1024;

/// The token of a filter value in the `facets` column: a prefix letter pair and the value folded
/// to lower-case letters and digits ("NETWERK_MTPLUS" → "xbnetwerkmtplus").
fn facet(prefix: &str, value: &str) -> String {
    let mut token = String::from(prefix);
    token.extend(fold(value).chars().filter(char::is_ascii_alphanumeric));
    token
}

/// Tokens of a day at every calendar level (century, decade, year, month, day), so a date range
/// is a handful of tokens: whole centuries, decades, years and months, and days only at its edges.
fn day_facets(day: &str) -> Option<String> {
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    let y = date.year();
    Some(format!(
        "xc{} xe{} xy{y} xm{y}{:02} xd{y}{:02}{:02}",
        y.div_euclid(100),
        y.div_euclid(10),
        date.month(),
        date.month(),
        date.day()
    ))
}

/// The earliest and latest day a date filter can express (documents outside are not dated).
const FIRST_DAY: (i32, u32, u32) = (1900, 1, 1);
const LAST_DAY: (i32, u32, u32) = (2199, 12, 31);

/// The fewest calendar tokens (see [`day_facets`]) that together cover `from..=to`.
fn day_range_facets(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<String> {
    let ymd = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let lo = from.unwrap_or(ymd(FIRST_DAY)).max(ymd(FIRST_DAY));
    let hi = to.unwrap_or(ymd(LAST_DAY)).min(ymd(LAST_DAY));
    let year_end = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
    let mut tokens = Vec::new();
    let mut d = lo;
    while d <= hi {
        let (y, first_of_year) = (d.year(), d.month() == 1 && d.day() == 1);
        let whole = |years: i32| first_of_year && y % years == 0 && year_end(y + years - 1).is_some_and(|e| e <= hi);
        let next = if whole(100) {
            tokens.push(format!("xc{}", y / 100));
            NaiveDate::from_ymd_opt(y + 100, 1, 1)
        } else if whole(10) {
            tokens.push(format!("xe{}", y / 10));
            NaiveDate::from_ymd_opt(y + 10, 1, 1)
        } else if whole(1) {
            tokens.push(format!("xy{y}"));
            NaiveDate::from_ymd_opt(y + 1, 1, 1)
        } else {
            let next_month = if d.month() == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, d.month() + 1, 1)
            };
            match next_month {
                Some(next) if d.day() == 1 && next.pred_opt().is_some_and(|e| e <= hi) => {
                    tokens.push(format!("xm{y}{:02}", d.month()));
                    Some(next)
                }
                _ => {
                    tokens.push(format!("xd{y}{:02}{:02}", d.month(), d.day()));
                    d.succ_opt()
                }
            }
        };
        match next {
            Some(next) => d = next,
            None => break,
        }
    }
    tokens
}

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
    crate::domain::SearchKind::from_code(kind).map_or("Overig", crate::domain::SearchKind::label)
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
        let hit = words(&folded).any(|w| {
            wanted
                .iter()
                .any(|(t, prefix)| if *prefix { w.starts_with(t.as_str()) } else { cached_stem(w, |s| s == t) })
        });
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

/// The filter tokens of a document (see the `facets` column in `008_search_contentless.sql`).
fn facets(kind: &str, doc: &Doc) -> String {
    let mut tokens = vec![facet("xk", kind)];
    tokens.extend(doc.body_code.as_deref().map(|b| facet("xb", b)));
    tokens.extend(doc.municipalities.iter().map(|m| facet("xg", m)));
    tokens.extend(doc.day.as_deref().and_then(day_facets));
    tokens.join(" ")
}

fn reindex_one(conn: &Connection, kind: &str, id: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id FROM search_doc WHERE kind = ?1 AND ref_id = ?2")?;
    let old: Vec<i64> = stmt.query_map(params![kind, id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for rowid in old {
        conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?.execute([rowid])?;
        conn.prepare_cached("DELETE FROM search_doc WHERE id = ?1")?.execute([rowid])?;
    }
    let mut add_doc = conn.prepare_cached(
        "INSERT INTO search_doc (kind, ref_id, page, title, meeting_id, body_code, day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut add_index = conn.prepare_cached("INSERT INTO search_index (rowid, stems, facets) VALUES (?1, ?2, ?3)")?;
    for doc in documents(conn, kind, id)? {
        add_doc.execute(params![kind, id, doc.page, doc.title, doc.meeting_id, doc.body_code, doc.day])?;
        let rowid = conn.last_insert_rowid();
        add_index.execute(params![rowid, stems(&doc.body), facets(kind, &doc)])?;
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
    for (kind, id) in &dirty {
        reindex_one(conn, kind, *id)?;
    }
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
        let mut expression = format!("{{stems}} : ({})", match_expression(query)?);
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
        // Every match is scored (bm25 of the stems column; facets weigh nothing) and SQLite keeps
        // only the best `limit` while it goes: no cut-off on the number of candidates.
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.kind, d.ref_id, d.page, d.title, d.meeting_id, d.body_code, d.day
             FROM (SELECT rowid AS id, bm25(search_index, 1.0, 0.0) AS score FROM search_index
                   WHERE search_index MATCH ?1 ORDER BY score, rowid DESC LIMIT ?2) AS best
             JOIN search_doc d ON d.id = best.id ORDER BY best.score, best.id DESC",
        )?;
        let rows = stmt
            .query_map(params![expression, limit as i64], |r| {
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
    fn date_ranges_become_few_calendar_tokens() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(day_range_facets(d(2020, 11, 1), d(2020, 11, 30)), ["xm202011"]);
        assert_eq!(day_range_facets(d(2020, 11, 12), d(2020, 11, 12)), ["xd20201112"]);
        assert_eq!(day_range_facets(d(2019, 1, 1), d(2021, 12, 31)), ["xy2019", "xy2020", "xy2021"]);
        assert_eq!(
            day_range_facets(d(2019, 12, 30), d(2020, 2, 1)),
            ["xd20191230", "xd20191231", "xm202001", "xd20200201"]
        );
        assert_eq!(day_range_facets(None, None), ["xc19", "xc20", "xc21"]);
        assert_eq!(
            day_range_facets(d(2010, 1, 1), None),
            ["xe201", "xe202", "xe203", "xe204", "xe205", "xe206", "xe207", "xe208", "xe209", "xc21"]
        );
        assert!(day_range_facets(d(2021, 1, 2), d(2021, 1, 1)).is_empty());
        // Every token of a day in the range is among its own tokens.
        let day = day_facets("2020-11-12").unwrap();
        assert_eq!(day, "xc20 xe202 xy2020 xm202011 xd20201112");
        for range in [
            (d(2020, 11, 12), d(2020, 11, 12)),
            (d(2020, 1, 1), None),
            (None, d(2020, 11, 12)),
            (d(2015, 6, 3), d(2024, 2, 1)),
        ] {
            let tokens = day_range_facets(range.0, range.1);
            assert_eq!(day.split(' ').filter(|t| tokens.iter().any(|x| x == t)).count(), 1, "{range:?}: {tokens:?}");
        }
        assert_eq!(facet("xb", "NETWERK_MTPLUS"), "xbnetwerkmtplus");
    }

    #[test]
    fn snippets_mark_the_hits() {
        let parts = snippet("De Nee, tenzij-regeling wordt tijdelijk aangescherpt in 2021.", "regelingen", 10);
        assert!(parts.iter().any(|p| p.hit && p.text.starts_with("tenzij-regeling")), "{parts:?}");
        let parts = snippet("Wij vragen aandacht voor de coördinatie van de zorg.", "coordinatie", 10);
        assert!(parts.iter().any(|p| p.hit && p.text.starts_with("coördinatie")), "{parts:?}");
    }
}

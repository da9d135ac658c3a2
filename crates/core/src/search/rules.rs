//! The pure part of search (no store): text is folded (diacritics off, lower case) and reduced to
//! Dutch Snowball stems, both when it is indexed and when it is asked for, so "coordinatie" finds
//! "coördinatie" and "maatregel" finds "maatregelen"; a query becomes an FTS5 expression; a date
//! range becomes a few calendar tokens; a hit gets its marked snippet.

use super::types::SnippetPart;
use crate::error::{CoreError, Result};
use chrono::{Datelike, NaiveDate};
use rust_stemmers::{Algorithm, Stemmer};
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

/// A document's length for ranking: how many stems [`stems`] made of it.
pub fn document_length(stems: &str) -> usize {
    stems.split(' ').filter(|s| !s.is_empty()).count()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Word(String),
    Prefix(String),
    Phrase(Vec<String>),
    Op(&'static str),
}

/// A query as FTS5 reads it: the expression over stems, and how many phrases (words, prefixes,
/// quoted phrases) it has, numbered from 0 in the order they appear, as FTS5 numbers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchExpression {
    pub text: String,
    pub phrases: usize,
}

/// Turns what a user types into an FTS5 expression over stems. Words are stemmed; `word*` is a
/// prefix of the folded word; "…" is a phrase; AND, OR, NOT (or EN, OF, NIET) combine.
pub fn match_expression(query: &str) -> Result<MatchExpression> {
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
    let mut phrases = 0;
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
        phrases += 1;
    }
    if out.is_empty() {
        return Err(CoreError::Invalid("Typ een of meer zoekwoorden.".into()));
    }
    Ok(MatchExpression { text: out.join(" "), phrases })
}

/// Okapi BM25 with the constants of FTS5's own `bm25()`: how strongly term frequency saturates
/// (k1) and how much a long document is discounted (b).
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// The weight of a phrase that occurs in `matching` of `documents` documents (FTS5's formula:
/// rare phrases weigh more; a phrase in more than half of them still weighs a little).
pub fn bm25_idf(documents: i64, matching: i64) -> f64 {
    let idf = ((documents - matching) as f64 + 0.5).ln() - (matching as f64 + 0.5).ln();
    if idf > 0.0 {
        idf
    } else {
        1e-6
    }
}

/// What one phrase adds to a document's relevance: it occurs `frequency` times in a document of
/// `length` stems, where documents have `average_length` stems on average.
pub fn bm25_term(idf: f64, frequency: u32, length: u32, average_length: f64) -> f64 {
    if frequency == 0 {
        return 0.0;
    }
    let tf = f64::from(frequency);
    let norm = 1.0 - BM25_B + BM25_B * f64::from(length) / average_length.max(1.0);
    idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * norm)
}

/// The token of a filter value in the `facets` column: a prefix letter pair and the value folded
/// to lower-case letters and digits ("NETWERK_MTPLUS" → "xbnetwerkmtplus").
pub(crate) fn facet(prefix: &str, value: &str) -> String {
    let mut token = String::from(prefix);
    token.extend(fold(value).chars().filter(char::is_ascii_alphanumeric));
    token
}

/// Tokens of a day at every calendar level (century, decade, year, month, day), so a date range
/// is a handful of tokens: whole centuries, decades, years and months, and days only at its edges.
pub(crate) fn day_facets(day: &str) -> Option<String> {
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
pub(crate) fn day_range_facets(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Vec<String> {
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

pub(crate) fn kind_label(kind: &str) -> &'static str {
    crate::domain::SearchKind::from_code(kind).map_or("Overig", crate::domain::SearchKind::label)
}

/// About `width` words around the first hit, with the hits marked.
pub(crate) fn snippet(text: &str, query: &str, width: usize) -> Vec<SnippetPart> {
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
        let text = |q: &str| match_expression(q).unwrap().text;
        assert_eq!(text("maatregelen"), format!("\"{}\"", stem("maatregelen")));
        assert_eq!(text("maatreg*"), "\"maatreg\"*");
        assert_eq!(text("\"Nee, tenzij\""), format!("\"{} {}\"", stem("nee"), stem("tenzij")));
        assert_eq!(text("a OF b"), format!("\"{}\" OR \"{}\"", stem("a"), stem("b")));
        assert_eq!(text("NIET AND kosten"), format!("\"{}\"", stem("kosten")), "dangling operators are dropped");
        // Phrases are counted as FTS5 numbers them: a quoted phrase is one, operators none.
        assert_eq!(match_expression("jeugd \"nee tenzij\" OF zorg* NIET kosten").unwrap().phrases, 4);
        assert!(match_expression("  \"\" * ").is_err());
    }

    #[test]
    fn bm25_prefers_frequent_rare_phrases_in_short_documents() {
        let (common, rare) = (bm25_idf(1000, 600), bm25_idf(1000, 10));
        assert!(rare > common && common > 0.0, "a phrase in most documents still weighs a little");
        assert!(bm25_term(rare, 2, 50, 50.0) > bm25_term(rare, 1, 50, 50.0), "more often is more relevant");
        assert!(bm25_term(rare, 1, 20, 50.0) > bm25_term(rare, 1, 200, 50.0), "a long document is discounted");
        assert!(bm25_term(rare, 50, 50, 50.0) < rare * 2.2 + 1e-9, "frequency saturates at (k1 + 1) × idf");
        assert_eq!(bm25_term(rare, 0, 50, 50.0), 0.0);
        // FTS5's figure for one phrase in 10 of 1000 documents: ln(990.5 / 10.5).
        assert!((rare - (990.5f64 / 10.5).ln()).abs() < 1e-12);
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

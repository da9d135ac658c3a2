//! Cross-references between replies in a nota van reactie: real links, not loose text.
//!
//! The region writes references as "Zie onze reactie op punt 4.a.", "punten 4.d en 4.c", "de
//! punten 1 tot en met 4", "punt 1 van de zienswijze van de gemeente Dordrecht" and "onze reactie
//! op de overdenkingen". When a reply is saved, such phrases are recognised and stored as tokens
//! that name the target points by id:
//!
//! - `[[ref:12]]` one point, `[[ref:12,13]]` a list, `[[ref:11..14]]` a range (from..to),
//! - `[[sectie:5]]` a whole section ("de overdenkingen").
//!
//! Rendering turns tokens back into the region's wording, relative to the point being answered:
//! the qualifier "van de zienswijze van de gemeente X" appears only when the target lies in
//! another section or another municipality. So a relabelled point is followed everywhere, and a
//! rendered text recognises back to the same tokens (exports and the JSON round trip rely on it).
//! A phrase that names a point that does not exist stays text and is reported as dangling.

use crate::format::join_dutch;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A point as references see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefPoint {
    pub id: i64,
    pub municipality: String,
    pub section_id: i64,
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefSection {
    pub id: i64,
    pub municipality: String,
    /// "zienswijze", "overdenkingen".
    pub name: String,
    pub is_main: bool,
}

/// All points and sections of a procedure, in reading order.
#[derive(Debug, Clone, Default)]
pub struct RefIndex {
    pub points: Vec<RefPoint>,
    pub sections: Vec<RefSection>,
}

/// Where a reply stands: the point it answers.
#[derive(Debug, Clone, Copy)]
pub struct From<'a> {
    pub municipality: &'a str,
    pub section_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Points(Vec<i64>),
    Range(i64, i64),
    Section(i64),
}

/// A piece of a rendered reply: plain text, or a reference with the points it links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Part {
    Text { text: String },
    Link { text: String, point_ids: Vec<i64>, section_id: Option<i64>, dangling: bool },
}

/// The outcome of recognising references in a typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    /// The text with tokens in place of the resolved phrases.
    pub stored: String,
    /// Phrases that name a point that does not exist ("punt 9").
    pub dangling: Vec<String>,
}

impl RefIndex {
    fn point(&self, id: i64) -> Option<&RefPoint> {
        self.points.iter().find(|p| p.id == id)
    }

    fn section(&self, id: i64) -> Option<&RefSection> {
        self.sections.iter().find(|s| s.id == id)
    }

    fn find_label(&self, section_id: i64, label: &str) -> Option<i64> {
        self.points.iter().find(|p| p.section_id == section_id && p.label.as_deref() == Some(label)).map(|p| p.id)
    }

    fn main_section(&self, municipality: &str) -> Option<i64> {
        self.sections.iter().find(|s| s.is_main && s.municipality.eq_ignore_ascii_case(municipality)).map(|s| s.id)
    }

    fn named_section(&self, municipality: &str, name: &str) -> Option<i64> {
        self.sections
            .iter()
            .find(|s| s.municipality.eq_ignore_ascii_case(municipality) && s.name.eq_ignore_ascii_case(name))
            .map(|s| s.id)
    }

    /// The points a range covers, in reading order.
    fn range(&self, from: i64, to: i64) -> Vec<i64> {
        let (Some(a), Some(b)) =
            (self.points.iter().position(|p| p.id == from), self.points.iter().position(|p| p.id == to))
        else {
            return Vec::new();
        };
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.points[a..=b].iter().filter(|p| p.label.is_some()).map(|p| p.id).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens in stored text

fn parse_token(inner: &str) -> Option<Token> {
    let id = |s: &str| s.trim().parse::<i64>().ok();
    if let Some(rest) = inner.strip_prefix("sectie:") {
        return id(rest).map(Token::Section);
    }
    let rest = inner.strip_prefix("ref:")?;
    if let Some((a, b)) = rest.split_once("..") {
        return Some(Token::Range(id(a)?, id(b)?));
    }
    let ids: Option<Vec<i64>> = rest.split(',').map(id).collect();
    ids.filter(|v| !v.is_empty()).map(Token::Points)
}

fn write_token(token: &Token) -> String {
    match token {
        Token::Points(ids) => {
            format!("[[ref:{}]]", ids.iter().map(i64::to_string).collect::<Vec<_>>().join(","))
        }
        Token::Range(a, b) => format!("[[ref:{a}..{b}]]"),
        Token::Section(id) => format!("[[sectie:{id}]]"),
    }
}

enum Chunk<'a> {
    Text(&'a str),
    Token(Token),
}

/// Splits stored text into plain text and tokens. Malformed brackets stay text.
fn chunks(stored: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut rest = stored;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start..].find("]]") else { break };
        match parse_token(&rest[start + 2..start + len]) {
            Some(token) => {
                if start > 0 {
                    out.push(Chunk::Text(&rest[..start]));
                }
                out.push(Chunk::Token(token));
            }
            None => out.push(Chunk::Text(&rest[..start + len + 2])),
        }
        rest = &rest[start + len + 2..];
    }
    if !rest.is_empty() {
        out.push(Chunk::Text(rest));
    }
    out
}

/// The ids of all points a stored text refers to (ranges expanded), and of whole sections.
pub fn targets(stored: &str, index: &RefIndex) -> (Vec<i64>, Vec<i64>) {
    let mut points = Vec::new();
    let mut sections = Vec::new();
    for chunk in chunks(stored) {
        match chunk {
            Chunk::Token(Token::Points(ids)) => points.extend(ids),
            Chunk::Token(Token::Range(a, b)) => points.extend(index.range(a, b)),
            Chunk::Token(Token::Section(id)) => sections.push(id),
            Chunk::Text(_) => {}
        }
    }
    (points, sections)
}

/// Whether the stored text refers to `point_id` through a token (not through a range's inside).
pub fn mentions(stored: &str, point_id: i64) -> bool {
    chunks(stored).iter().any(|c| match c {
        Chunk::Token(Token::Points(ids)) => ids.contains(&point_id),
        Chunk::Token(Token::Range(a, b)) => *a == point_id || *b == point_id,
        _ => false,
    })
}

/// The text without its tokens, for the search index (references add no words worth finding).
pub fn without_tokens(stored: &str) -> String {
    chunks(stored)
        .into_iter()
        .map(|c| match c {
            Chunk::Text(t) => t,
            Chunk::Token(_) => "",
        })
        .collect()
}

/// Replaces ids in tokens (a merged point takes over the references to the one merged into it).
pub fn rewrite_ids(stored: &str, map: &HashMap<i64, i64>) -> String {
    let m = |id: i64| *map.get(&id).unwrap_or(&id);
    let mut out = String::with_capacity(stored.len());
    for chunk in chunks(stored) {
        match chunk {
            Chunk::Text(t) => out.push_str(t),
            Chunk::Token(Token::Points(ids)) => {
                let mut ids: Vec<i64> = ids.into_iter().map(m).collect();
                ids.dedup();
                out.push_str(&write_token(&Token::Points(ids)));
            }
            Chunk::Token(Token::Range(a, b)) => out.push_str(&write_token(&Token::Range(m(a), m(b)))),
            Chunk::Token(Token::Section(id)) => out.push_str(&write_token(&Token::Section(id))),
        }
    }
    out
}

/// Replaces the tokens that refer to `point_id` by their rendered text (before the point is
/// deleted), so the reference becomes visible text that the completeness check reports.
pub fn unlink(stored: &str, point_id: i64, from: From<'_>, index: &RefIndex) -> String {
    let mut out = String::new();
    for chunk in chunks(stored) {
        match chunk {
            Chunk::Text(t) => out.push_str(t),
            Chunk::Token(token) => {
                let hit = match &token {
                    Token::Points(ids) => ids.contains(&point_id),
                    Token::Range(a, b) => *a == point_id || *b == point_id,
                    Token::Section(_) => false,
                };
                if hit {
                    out.push_str(&render_token(&token, from, index).0);
                } else {
                    out.push_str(&write_token(&token));
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// The qualifier for a target outside the reply's own section: " van de zienswijze van de
/// gemeente Dordrecht".
fn qualifier(target_section: i64, from: From<'_>, index: &RefIndex) -> String {
    if target_section == from.section_id {
        return String::new();
    }
    match index.section(target_section) {
        Some(s) => format!(" van de {} van de gemeente {}", s.name, s.municipality),
        None => String::new(),
    }
}

fn label_of(index: &RefIndex, id: i64) -> Option<(String, i64)> {
    index.point(id).map(|p| (p.label.clone().unwrap_or_else(|| "•".into()), p.section_id))
}

/// Renders a token; the flag says whether it is dangling (a target no longer exists).
fn render_token(token: &Token, from: From<'_>, index: &RefIndex) -> (String, bool) {
    match token {
        Token::Points(ids) => {
            let found: Vec<(String, i64)> = ids.iter().filter_map(|id| label_of(index, *id)).collect();
            let dangling = found.len() != ids.len() || found.is_empty();
            let labels: Vec<String> = found.iter().map(|(l, _)| l.clone()).collect();
            let word = if labels.len() == 1 { "punt" } else { "punten" };
            let q = found.first().map(|(_, s)| qualifier(*s, from, index)).unwrap_or_default();
            if labels.is_empty() {
                return ("punt ?".into(), true);
            }
            (format!("{word} {}{q}", join_dutch(&labels)), dangling)
        }
        Token::Range(a, b) => match (label_of(index, *a), label_of(index, *b)) {
            (Some((la, s)), Some((lb, _))) => {
                (format!("punten {la} tot en met {lb}{}", qualifier(s, from, index)), false)
            }
            _ => ("punten ? tot en met ?".into(), true),
        },
        Token::Section(id) => match index.section(*id) {
            Some(s) => (format!("de {}", s.name), false),
            None => ("de bijlage".into(), true),
        },
    }
}

/// The reply as the region writes it.
pub fn render(stored: &str, from: From<'_>, index: &RefIndex) -> String {
    text_of(&parts(stored, from, index))
}

/// The text of rendered parts.
pub fn text_of(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Text { text } | Part::Link { text, .. } => text.as_str(),
        })
        .collect()
}

/// The reply in pieces, so the app can show references as links.
pub fn parts(stored: &str, from: From<'_>, index: &RefIndex) -> Vec<Part> {
    chunks(stored)
        .into_iter()
        .map(|chunk| match chunk {
            Chunk::Text(t) => Part::Text { text: t.to_string() },
            Chunk::Token(token) => {
                let (text, dangling) = render_token(&token, from, index);
                let (point_ids, section_id) = match &token {
                    Token::Points(ids) => (ids.clone(), None),
                    Token::Range(a, b) => (index.range(*a, *b), None),
                    Token::Section(id) => (Vec::new(), Some(*id)),
                };
                Part::Link { text, point_ids, section_id, dangling }
            }
        })
        .collect()
}

/// The phrase that refers from `from` to `target`, as inserted when a user picks a point.
pub fn phrase_for(target: i64, from: From<'_>, index: &RefIndex) -> Option<String> {
    index.point(target)?;
    Some(render_token(&Token::Points(vec![target]), from, index).0)
}

/// The token for a picked point, to store directly.
pub fn token_for(target: i64) -> String {
    write_token(&Token::Points(vec![target]))
}

// ---------------------------------------------------------------------------------------------
// Recognition

/// A label at the start of `s`: "4", "12", "4.a", "4a". Returns the label and its byte length.
fn read_label(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let letter_at = |i: usize| b.get(i).filter(|c| c.is_ascii_lowercase()).is_some();
    let boundary = |i: usize| b.get(i).is_none_or(|c| !c.is_ascii_alphanumeric());
    // "4.a" (followed by a non-letter)
    if b.get(digits) == Some(&b'.') && letter_at(digits + 1) && boundary(digits + 2) {
        return Some((format!("{}.{}", &s[..digits], &s[digits + 1..digits + 2]), digits + 2));
    }
    // "4a"
    if letter_at(digits) && boundary(digits + 1) {
        return Some((format!("{}.{}", &s[..digits], &s[digits..digits + 1]), digits + 1));
    }
    boundary(digits).then(|| (s[..digits].to_string(), digits))
}

enum Joiner {
    List,
    Range,
}

/// Labels after "punt(en) ": "1", "4.d en 4.c", "1, 2 en 3", "1 tot en met 4".
fn read_labels(s: &str) -> Option<(Vec<String>, Option<Joiner>, usize)> {
    let (first, mut used) = read_label(s)?;
    let mut labels = vec![first];
    let mut joiner = None;
    loop {
        let rest = &s[used..];
        let (sep_len, kind) = if rest.starts_with(" tot en met ") {
            (" tot en met ".len(), Joiner::Range)
        } else if rest.starts_with(" en ") {
            (" en ".len(), Joiner::List)
        } else if rest.starts_with(", ") {
            (", ".len(), Joiner::List)
        } else {
            break;
        };
        let Some((label, len)) = read_label(&rest[sep_len..]) else { break };
        if matches!(kind, Joiner::Range) && labels.len() != 1 {
            break;
        }
        labels.push(label);
        used += sep_len + len;
        joiner = Some(kind);
        if matches!(joiner, Some(Joiner::Range)) {
            break;
        }
    }
    Some((labels, joiner, used))
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.is_char_boundary(prefix.len()) && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// " van de overdenkingen van de gemeente Dordrecht", " van de zienswijze van de gemeente X",
/// " van de gemeente X", " van de overdenkingen": the named section or municipality, and length.
#[allow(clippy::type_complexity)]
fn read_qualifier<'a>(s: &str, index: &'a RefIndex) -> (Option<&'a str>, Option<Result<&'a str, String>>, usize) {
    let mut used = 0;
    let mut section = None;
    let mut municipality = None;
    let mut names: Vec<&str> = index.sections.iter().map(|x| x.name.as_str()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    if let Some(rest) = s.strip_prefix(" van de ") {
        if let Some(name) = names.iter().find(|n| starts_with_ci(rest, n)) {
            section = Some(*name);
            used = " van de ".len() + name.len();
        }
    }
    let rest = &s[used..];
    for prefix in [" van de gemeente ", " van gemeente "] {
        if let Some(after) = rest.strip_prefix(prefix) {
            let mut munis: Vec<&str> = index.sections.iter().map(|x| x.municipality.as_str()).collect();
            munis.sort_by_key(|n| std::cmp::Reverse(n.len()));
            match munis.into_iter().find(|m| starts_with_ci(after, m)) {
                Some(m) => {
                    municipality = Some(Ok(m));
                    used += prefix.len() + m.len();
                }
                None => {
                    // A municipality without a zienswijze here: the reference cannot resolve.
                    let name: String =
                        after.chars().take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'').collect();
                    if !name.is_empty() {
                        used += prefix.len() + name.len();
                        municipality = Some(Err(name));
                    }
                }
            }
            break;
        }
    }
    (section, municipality, used)
}

fn is_word_start(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// Recognises the references in a typed reply (which may already hold tokens).
pub fn recognise(text: &str, from: From<'_>, index: &RefIndex) -> Recognised {
    let mut stored = String::with_capacity(text.len());
    let mut dangling = Vec::new();
    for chunk in chunks(text) {
        match chunk {
            Chunk::Token(t) => stored.push_str(&write_token(&t)),
            Chunk::Text(t) => recognise_plain(t, from, index, &mut stored, &mut dangling),
        }
    }
    Recognised { stored, dangling }
}

fn recognise_plain(text: &str, from: From<'_>, index: &RefIndex, out: &mut String, dangling: &mut Vec<String>) {
    let lower = text.to_lowercase();
    // Lowercasing keeps byte offsets only for ASCII-case changes; fall back to no recognition
    // in the rare text where it does not.
    if lower.len() != text.len() {
        out.push_str(text);
        return;
    }
    let bijlagen: Vec<&RefSection> = index
        .sections
        .iter()
        .filter(|s| !s.is_main && s.municipality.eq_ignore_ascii_case(from.municipality))
        .collect();
    let mut i = 0;
    let mut copied = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) || !is_word_start(text, i) {
            i += 1;
            continue;
        }
        let rest = &lower[i..];
        // "punt 4.a", "punten 1 tot en met 4"
        let word = ["punten ", "punt "].into_iter().find(|w| rest.starts_with(w));
        if let Some(word) = word {
            if let Some((labels, joiner, len)) = read_labels(&text[i + word.len()..]) {
                let after = i + word.len() + len;
                let (section_name, municipality, qlen) = read_qualifier(&text[after..], index);
                let end = after + qlen;
                let section = match (&municipality, section_name) {
                    (Some(Err(_unknown)), _) => None,
                    (Some(Ok(m)), Some(name)) => index.named_section(m, name),
                    (Some(Ok(m)), None) => index.main_section(m),
                    (None, Some(name)) => index.named_section(from.municipality, name),
                    (None, None) => Some(from.section_id),
                };
                let ids: Option<Vec<i64>> =
                    section.and_then(|s| labels.iter().map(|l| index.find_label(s, l)).collect());
                out.push_str(&text[copied..i]);
                match ids {
                    Some(ids) => {
                        let token = match (joiner, ids.as_slice()) {
                            (Some(Joiner::Range), [a, b]) => Token::Range(*a, *b),
                            _ => Token::Points(ids),
                        };
                        out.push_str(&write_token(&token));
                    }
                    None => {
                        dangling.push(text[i..end].to_string());
                        out.push_str(&text[i..end]);
                    }
                }
                copied = end;
                i = end;
                continue;
            }
        }
        // "reactie op de overdenkingen": a whole attached section of the same municipality.
        if rest.starts_with("de ") && (lower[..i].ends_with("op ") || lower[..i].ends_with("bij ")) {
            if let Some(s) = bijlagen.iter().find(|s| starts_with_ci(&rest[3..], &s.name)) {
                let end = i + 3 + s.name.len();
                if text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric()) {
                    out.push_str(&text[copied..i]);
                    out.push_str(&write_token(&Token::Section(s.id)));
                    copied = end;
                    i = end;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
}

/// Dangling references of a stored text: unresolved phrases and tokens whose targets are gone.
pub fn dangling(stored: &str, from: From<'_>, index: &RefIndex) -> Vec<String> {
    dangling_in(stored, &parts(stored, from, index), from, index)
}

/// As [`dangling`], for a text whose parts were rendered already.
pub fn dangling_in(stored: &str, parts: &[Part], from: From<'_>, index: &RefIndex) -> Vec<String> {
    let mut found = recognise(stored, from, index).dangling;
    for part in parts {
        if let Part::Link { text, dangling: true, .. } = part {
            found.push(text.clone());
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dordrecht with a zienswijze (1, 2, 3) and overdenkingen (1, 2); Papendrecht 1–5;
    /// Alblasserdam 4 with 4.a–4.d.
    fn index() -> RefIndex {
        let mut ix = RefIndex::default();
        let mut next = 100;
        let mut section = |ix: &mut RefIndex, id: i64, m: &str, name: &str, main: bool, labels: &[&str]| {
            ix.sections.push(RefSection { id, municipality: m.into(), name: name.into(), is_main: main });
            for l in labels {
                next += 1;
                ix.points.push(RefPoint {
                    id: next,
                    municipality: m.into(),
                    section_id: id,
                    label: Some(l.to_string()),
                });
            }
        };
        section(&mut ix, 1, "Dordrecht", "zienswijze", true, &["1", "2", "3"]);
        section(&mut ix, 2, "Dordrecht", "overdenkingen", false, &["1", "2"]);
        section(&mut ix, 3, "Papendrecht", "zienswijze", true, &["1", "2", "3", "4", "5"]);
        section(&mut ix, 4, "Alblasserdam", "zienswijze", true, &["4", "4.a", "4.b", "4.c", "4.d"]);
        ix
    }

    fn id(ix: &RefIndex, section: i64, label: &str) -> i64 {
        ix.find_label(section, label).unwrap()
    }

    fn round_trip(text: &str, from: From<'_>, ix: &RefIndex) -> Recognised {
        let r = recognise(text, from, ix);
        assert_eq!(render(&r.stored, from, ix), text, "rendering gives back the region's wording");
        assert_eq!(recognise(&render(&r.stored, from, ix), from, ix).stored, r.stored, "stable");
        r
    }

    #[test]
    fn same_section_references_become_tokens_and_render_back() {
        let ix = index();
        let from = From { municipality: "Alblasserdam", section_id: 4 };
        let r = round_trip("Zie onze reactie op punt 4.a.", from, &ix);
        assert_eq!(r.stored, format!("Zie onze reactie op [[ref:{}]].", id(&ix, 4, "4.a")));
        assert!(r.dangling.is_empty());
        let r = round_trip("Zie onze reactie op punten 4.d en 4.c.", from, &ix);
        assert_eq!(r.stored, format!("Zie onze reactie op [[ref:{},{}]].", id(&ix, 4, "4.d"), id(&ix, 4, "4.c")));
    }

    #[test]
    fn ranges_and_other_municipalities() {
        let ix = index();
        let pap = From { municipality: "Papendrecht", section_id: 3 };
        let r = round_trip("U vindt onze reactie bij de punten 1 tot en met 4 hierboven.", pap, &ix);
        assert_eq!(targets(&r.stored, &ix).0.len(), 4, "a range covers 1, 2, 3 and 4");
        let overdenking = From { municipality: "Dordrecht", section_id: 2 };
        let r =
            round_trip("Zie onze reactie bij punt 1 van de zienswijze van de gemeente Dordrecht.", overdenking, &ix);
        assert_eq!(targets(&r.stored, &ix).0, vec![id(&ix, 1, "1")]);
        let r = round_trip(
            "Zie onze reactie bij de punten 1 en 2 van de zienswijze van de gemeente Dordrecht. Mede …",
            overdenking,
            &ix,
        );
        assert_eq!(targets(&r.stored, &ix).0, vec![id(&ix, 1, "1"), id(&ix, 1, "2")]);
        // From Papendrecht to Dordrecht.
        let r = round_trip("Zie ook punt 2 van de zienswijze van de gemeente Dordrecht.", pap, &ix);
        assert_eq!(targets(&r.stored, &ix).0, vec![id(&ix, 1, "2")]);
    }

    #[test]
    fn whole_sections_are_linked() {
        let ix = index();
        let from = From { municipality: "Dordrecht", section_id: 1 };
        let r = round_trip("Zie hieronder onze reactie op de overdenkingen van de regionale werkgroep;", from, &ix);
        assert_eq!(targets(&r.stored, &ix).1, vec![2]);
        // Not a reference: no "op"/"bij" before it, or another municipality without such a section.
        let pap = From { municipality: "Papendrecht", section_id: 3 };
        assert_eq!(
            recognise("Zie onze reactie op de overdenkingen.", pap, &ix).stored,
            "Zie onze reactie op de overdenkingen."
        );
    }

    #[test]
    fn dangling_references_are_reported_and_numbers_in_text_are_not_references() {
        let ix = index();
        let from = From { municipality: "Papendrecht", section_id: 3 };
        let r = recognise("Zie onze reactie op punt 9. Dit punt kost € 2,0 miljoen.", from, &ix);
        assert_eq!(r.dangling, vec!["punt 9".to_string()]);
        assert!(!r.stored.contains("[["));
        let r = recognise("Zie punt 1 van de zienswijze van de gemeente Gorinchem.", from, &ix);
        assert_eq!(r.dangling.len(), 1, "no zienswijze of Gorinchem in this procedure");
        assert_eq!(recognise("Het standpunt 1 keer", from, &ix).stored, "Het standpunt 1 keer");
    }

    #[test]
    fn relabelled_and_deleted_targets() {
        let mut ix = index();
        let from = From { municipality: "Alblasserdam", section_id: 4 };
        let stored = recognise("Zie onze reactie op punt 4.a.", from, &ix).stored;
        let target = id(&ix, 4, "4.a");
        ix.points.iter_mut().find(|p| p.id == target).unwrap().label = Some("4.b".into());
        assert_eq!(render(&stored, from, &ix), "Zie onze reactie op punt 4.b.", "a link follows the relabel");
        let unlinked = unlink(&stored, target, from, &ix);
        assert_eq!(unlinked, "Zie onze reactie op punt 4.b.");
        ix.points.retain(|p| p.id != target);
        assert_eq!(dangling(&stored, from, &ix), vec!["punt ?".to_string()]);
        let merged = rewrite_ids(&stored, &HashMap::from([(target, 7)]));
        assert_eq!(merged, "Zie onze reactie op [[ref:7]].");
    }
}

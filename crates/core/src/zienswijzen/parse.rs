//! Splits the text of a council letter into its numbered points.
//!
//! The output is the stable contract of `bestuursmap zienswijze parse FILE --json`:
//! `{"intro": string|null, "sections": [{"heading": string|null, "points": [{"label", "text",
//! "children"}]}]}` with labels as written in the source ("4", "a", "4.a", "2.1") and the text
//! without its label. Two optional fields are added only when they have content: `closing` (the
//! closing sentence after the last point) and `warnings` on the letter, `uncertain` (a Dutch reason)
//! on a point whose structure the parser is not sure of.
//!
//! Councils write in many ways, so the text is first cleaned (line endings, page furniture copied
//! from a PDF — running headers and footers, «Pagina 2 van 3», page numbers — and words broken at
//! the line end), then read line by line:
//!
//! - A line only opens a point when its label is the *next one expected* (1 after 0, 5 after 4;
//!   2.1 after point 2; a after a new point, c after b). So "23 juni 2020", "2020 was",
//!   "€ 2,0 miljoen", "1e tranche", "10 procent" and "punt 4.a" stay text.
//! - Decimal sub-points (2.1, 2.2) become children of point 2; letters (a, b) become children of
//!   the innermost point that expects them (so «a)» under «2.1» is a grandchild).
//! - Sections: Roman numerals («I.», «II.»), headings in capitals, and a short heading followed by
//!   a point 1 (an attached section such as the *overdenkingen*) start a section.
//! - Bullet lines (•, -, –, *) stay inside their point; a letter of bullets only gets numbered
//!   points, each marked uncertain.
//! - The signature ("Met vriendelijke groet", "Hoogachtend") ends the letter, except for an
//!   attachment with its own numbered points after it.
//!
//! Everything is linear in the size of the input.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParsedLetter {
    pub intro: Option<String>,
    pub sections: Vec<ParsedSection>,
    /// The closing sentence after the last point ("Wij vertrouwen erop …"), kept out of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    /// What the reader should check, in Dutch (e.g. no points found, points numbered by us).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParsedSection {
    pub heading: Option<String>,
    pub points: Vec<ParsedPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParsedPoint {
    pub label: String,
    pub text: String,
    pub children: Vec<ParsedPoint>,
    /// Why this point's structure is uncertain (Dutch), when it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
}

impl ParsedPoint {
    fn new(label: String, text: &str) -> Self {
        ParsedPoint { label, text: text.trim().to_string(), children: Vec::new(), uncertain: None }
    }
}

impl ParsedSection {
    /// A part of the letter itself («II. Inhoud», «FINANCIËN») rather than an attachment with its
    /// own numbering (the *overdenkingen*).
    pub fn is_part_of_letter(&self) -> bool {
        let Some(heading) = self.heading.as_deref() else { return false };
        let first = heading.lines().next().unwrap_or_default();
        matches!(split_label(first), Some(Found { label: Label::Roman(_), .. })) || is_capitals_heading(first)
    }
}

impl ParsedLetter {
    /// Whether any point (at any depth) is marked uncertain or the letter has warnings.
    pub fn is_uncertain(&self) -> bool {
        fn any(points: &[ParsedPoint]) -> bool {
            points.iter().any(|p| p.uncertain.is_some() || any(&p.children))
        }
        !self.warnings.is_empty() || self.sections.iter().any(|s| any(&s.points))
    }

    /// Number of points at the top level of all sections.
    pub fn point_count(&self) -> usize {
        self.sections.iter().map(|s| s.points.len()).sum()
    }
}

// ---------------------------------------------------------------------------------------------
// Labels

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    /// "4", "4.", "4)", "(4)" → 4
    Number(u32),
    /// "2.1", "2.1.", "2.1.3" → [2, 1], [2, 1, 3]
    Decimal(Vec<u32>),
    /// "a.", "a)", "(a)", "4.a", "4a." → letter a (optionally with its parent number)
    Letter { parent: Option<u32>, letter: char },
    /// "I.", "II)", "IV" + tab → a section
    Roman(u32),
}

#[derive(Debug)]
struct Found<'a> {
    label: Label,
    /// As written, without the closing "." or ")": "4", "2.1", "a", "4.a", "I".
    raw: String,
    rest: &'a str,
    /// Written with a mark ("." or ")") and followed by a capital or nothing: a line that
    /// looks like a point even when its number is not the expected one.
    strong: bool,
}

fn parse_u32(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    digits.parse().ok()
}

fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 {
        return None;
    }
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let mut total = 0i32;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let v = value(c)?;
        let next = chars.get(i + 1).and_then(|&n| value(n)).unwrap_or(0);
        total += if v < next { -v } else { v };
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Only canonical numerals ("IIII" and "IL" are not labels).
    (to_roman(total) == s).then_some(total)
}

/// A number as a Roman numeral in its canonical form (1–3999): how Word shows a Roman list
/// label, and the check that a label read from a letter is canonical.
pub fn to_roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in table {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// After a label: whitespace then text, or nothing (the text follows on the next line).
fn after_label(rest: &str) -> Option<&str> {
    if rest.is_empty() {
        return Some("");
    }
    rest.starts_with(char::is_whitespace).then(|| rest.trim_start())
}

/// After a label with its mark: as [`after_label`], or a capital right after the mark — `pdftotext`
/// drops the tab of a Word list («II.Inhoud», «10.De kosten»).
fn after_mark(rest: &str) -> Option<&str> {
    after_label(rest).or_else(|| {
        let mut chars = rest.chars();
        let (first, second) = (chars.next()?, chars.next());
        (first.is_uppercase() && second.is_some_and(char::is_lowercase)).then_some(rest)
    })
}

fn starts_upper(text: &str) -> bool {
    text.chars().next().is_none_or(|c| c.is_uppercase() || c == '«' || c == '"' || c == '\'' || c == '‘')
}

fn split_label(line: &str) -> Option<Found<'_>> {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let value = parse_u32(&trimmed[..digits])?;
        let rest = &trimmed[digits..];
        // "2.1", "2.1.3", "2.1." → a decimal sub-point.
        if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
            let mut parts = vec![value];
            let mut pos = digits;
            loop {
                let after = &trimmed[pos..];
                let Some(tail) = after.strip_prefix('.') else { break };
                let n = tail.bytes().take_while(u8::is_ascii_digit).count();
                if n == 0 {
                    break;
                }
                parts.push(parse_u32(&tail[..n])?);
                pos += 1 + n;
                if parts.len() > 4 {
                    return None;
                }
            }
            let raw = trimmed[..pos].to_string();
            let after = &trimmed[pos..];
            let after = after.strip_prefix(['.', ')']).unwrap_or(after);
            let text = after_label(after)?;
            // "2.500 kinderen": a thousands separator, never a label (parts stay small).
            if parts[1..].iter().any(|&p| p > 99) {
                return None;
            }
            return Some(Found { label: Label::Decimal(parts), raw, rest: text, strong: starts_upper(text) });
        }
        // "4.a", "4.a.", "4a.", "4a)" → a sub-point of 4.
        let after_dot = rest.strip_prefix('.').unwrap_or(rest);
        let mut chars = after_dot.chars();
        if let Some(letter @ 'a'..='z') = chars.next() {
            let tail = chars.as_str();
            let marked = tail.strip_prefix(['.', ')']);
            let tail = marked.unwrap_or(tail);
            // The letter must stand alone: "4.a " yes, "4 april" no, "1e tranche" no.
            if tail.starts_with(char::is_whitespace) && (rest.starts_with('.') || marked.is_some()) {
                let raw = trimmed[..trimmed.len() - tail.len()].trim_end_matches(['.', ')']).to_string();
                let text = tail.trim_start();
                return Some(Found {
                    label: Label::Letter { parent: Some(value), letter },
                    raw,
                    rest: text,
                    strong: true,
                });
            }
        }
        // "4." / "4)" / "4" + tab followed by text (or nothing: the text is on the next line).
        let (rest, had_mark) = match rest.strip_prefix(['.', ')']) {
            Some(r) => (r, true),
            None => (rest, false),
        };
        let raw = trimmed[..digits].to_string();
        if had_mark {
            let text = after_mark(rest)?;
            return Some(Found { label: Label::Number(value), raw, rest: text, strong: starts_upper(text) });
        }
        // Without "." or ")" only a tab or several spaces: "23 juni", "10 procent" are text.
        if (rest.starts_with('\t') || rest.starts_with("  ")) && !rest.trim().is_empty() {
            return Some(Found { label: Label::Number(value), raw, rest: rest.trim_start(), strong: false });
        }
        return None;
    }
    // "(4)" and "(a)".
    if let Some(inner) = trimmed.strip_prefix('(') {
        let close = inner.find(')').filter(|&i| i <= 4)?;
        let (label, rest) = (&inner[..close], &inner[close + 1..]);
        let text = after_label(rest)?;
        if let Some(value) = parse_u32(label).filter(|_| label.bytes().all(|b| b.is_ascii_digit())) {
            return Some(Found {
                label: Label::Number(value),
                raw: label.into(),
                rest: text,
                strong: starts_upper(text),
            });
        }
        let mut chars = label.chars();
        if let (Some(letter @ 'a'..='z'), None) = (chars.next(), chars.next()) {
            return Some(Found {
                label: Label::Letter { parent: None, letter },
                raw: letter.to_string(),
                rest: text,
                strong: true,
            });
        }
        return None;
    }
    // "a." / "a)" followed by text.
    let mut chars = trimmed.chars();
    if let (Some(letter @ 'a'..='z'), Some('.' | ')')) = (chars.next(), chars.next()) {
        let tail = chars.as_str();
        // «a.» alone on its line (a PDF's text layer) takes its text from the next line.
        if tail.trim().is_empty() {
            return Some(Found {
                label: Label::Letter { parent: None, letter },
                raw: letter.to_string(),
                rest: "",
                strong: true,
            });
        }
        if tail.starts_with(char::is_whitespace) {
            return Some(Found {
                label: Label::Letter { parent: None, letter },
                raw: letter.to_string(),
                rest: tail.trim_start(),
                strong: true,
            });
        }
        return None;
    }
    // "I." / "II)" / "IV" + tab: a Roman section number.
    let numeral = trimmed.bytes().take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L')).count();
    if numeral > 0 {
        let value = roman_value(&trimmed[..numeral])?;
        let rest = &trimmed[numeral..];
        let text = match rest.strip_prefix(['.', ')']) {
            Some(r) => after_mark(r)?,
            None if rest.starts_with('\t') || rest.starts_with("  ") => rest.trim_start(),
            None => return None,
        };
        return Some(Found { label: Label::Roman(value), raw: trimmed[..numeral].into(), rest: text, strong: true });
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Kinds of lines

/// "Met vriendelijke groet," and the like: the signature block starts here. The weaker ones only
/// count once points exist (an introduction may well begin "De raad van de gemeente …").
fn is_closing_formula(line: &str, has_points: bool) -> bool {
    let t = line.trim().to_lowercase();
    let strong = ["met vriendelijke groet", "hoogachtend", "met de meeste hoogachting", "met hartelijke groet"];
    let weak = ["namens de raad", "de griffier", "de raad van de gemeente", "namens het college", "de voorzitter,"];
    strong.iter().any(|f| t.starts_with(f)) || (has_points && weak.iter().any(|f| t.starts_with(f)))
}

/// The sentence after the last point that closes the letter.
fn is_closing_sentence(line: &str, after_blank: bool) -> bool {
    let t = line.trim().to_lowercase();
    let sure = [
        "wij vertrouwen erop",
        "wij vertrouwen u",
        "in afwachting van uw",
        "wij zien uw reactie",
        "wij zien uw antwoord",
        "wij zien uit naar uw",
        "graag vernemen wij",
        "hopende u",
        "wij hopen u hiermee",
        "ik vertrouw erop",
    ];
    let likely = ["wij verzoeken u", "wij hopen", "wij rekenen op", "wij wensen u", "tot slot verzoeken wij"];
    sure.iter().any(|f| t.starts_with(f)) || (after_blank && likely.iter().any(|f| t.starts_with(f)))
}

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    ["• ", "- ", "– ", "* ", "· ", "•\t", "-\t", "–\t", "▪ ", "▪\t", "o\t", "\u{f0b7}\t", "\u{f0b7} "]
        .iter()
        .any(|b| t.starts_with(b))
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

/// Looks like a section heading: short, no final full stop, not a bullet.
fn is_heading_candidate(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.len() <= 360
        && t.chars().count() <= 90
        && !t.ends_with(['.', ',', ';'])
        && !is_bullet(t)
        && split_label(t).is_none()
}

/// A heading in capitals ("FINANCIËN", "PROCEDURE EN PLANNING").
fn is_capitals_heading(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 320 || t.chars().count() > 80 || is_bullet(t) {
        return false;
    }
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4 && t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && !t.ends_with(['.', ','])
}

// ---------------------------------------------------------------------------------------------
// Cleaning: line endings, page furniture, line-break hyphens

/// A line that only carries a page number: «Pagina 2 van 3», «pag. 2», «2/3», «- 2 -», «2».
fn page_number_only(t: &str) -> bool {
    let lower = t.trim().to_lowercase();
    let s = lower.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if s.is_empty() {
        return false;
    }
    if s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    if let Some((a, b)) = s.split_once('/') {
        return is_small_number(a.trim()) && is_small_number(b.trim());
    }
    for prefix in ["pagina", "pag.", "blz.", "blad", "page"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let words: Vec<&str> = rest.split_whitespace().collect();
            return match words.as_slice() {
                [n] => is_small_number(n),
                [n, "van" | "of" | "/", m] => is_small_number(n) && is_small_number(m),
                _ => false,
            };
        }
    }
    false
}

fn is_bare_number(t: &str) -> bool {
    let s = t.trim().trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    is_small_number(s)
}

fn is_small_number(s: &str) -> bool {
    (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A header or footer line that carries «Pagina 2 van 3» beside other text (the municipality's
/// name, a reference).
fn has_page_of(t: &str) -> bool {
    if t.len() > 400 {
        return false;
    }
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.windows(4).any(|w| {
        matches!(w[0], "pagina" | "page" | "blad" | "blz." | "pag.")
            && is_small_number(w[1].trim_end_matches([',', ')']))
            && matches!(w[2], "van" | "of")
            && is_small_number(w[3].trim_end_matches([',', ')', '.']))
    })
}

#[derive(Debug, Clone, PartialEq)]
enum Line {
    Text(String),
    Blank,
    PageBreak,
}

/// The lines of the letter with line endings normalised (CRLF, CR) and page breaks (form feeds
/// from `pdftotext`) as their own lines.
fn split_lines(text: &str) -> Vec<Line> {
    let text = text.trim_start_matches('\u{feff}');
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    let mut out = Vec::new();
    for raw in text.split('\n') {
        let mut rest = raw;
        while let Some(pos) = rest.find('\u{c}') {
            let before = &rest[..pos];
            if !before.trim().is_empty() {
                out.push(Line::Text(before.trim_end().to_string()));
            }
            out.push(Line::PageBreak);
            rest = &rest[pos + 1..];
        }
        out.push(if rest.trim().is_empty() { Line::Blank } else { Line::Text(rest.trim_end().to_string()) });
    }
    out
}

/// The key under which repeated header/footer lines are counted: digits and spacing ignored.
fn furniture_key(t: &str) -> String {
    let mut key = String::with_capacity(t.len());
    let mut space = false;
    for c in t.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        key.push(if c.is_ascii_digit() { '#' } else { c });
    }
    key
}

/// Drops page furniture: page-number lines, header/footer lines with «Pagina n van m», and short
/// lines repeated next to page boundaries (running headers and footers). Blank lines around a
/// removed run go too, so a point that runs across a page stays one paragraph.
fn drop_furniture(lines: Vec<Line>) -> Vec<Line> {
    let is_page_marker = |l: &Line| match l {
        Line::PageBreak => true,
        Line::Text(t) => (page_number_only(t) && !is_bare_number(t)) || has_page_of(t),
        Line::Blank => false,
    };
    let has_markers = lines.iter().any(is_page_marker);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in &lines {
        if let Line::Text(t) = line {
            if t.len() <= 400 {
                *counts.entry(furniture_key(t)).or_default() += 1;
            }
        }
    }
    // Text lines within two non-blank lines of a page marker.
    let n = lines.len();
    let mut near_marker = vec![false; n];
    let mut next_to_marker = vec![false; n];
    let mut last_marker: Option<usize> = None;
    let mut since = 0usize;
    for i in 0..n {
        if is_page_marker(&lines[i]) {
            last_marker = Some(i);
            since = 0;
        } else if matches!(lines[i], Line::Text(_)) {
            since += 1;
            if last_marker.is_some() && since <= 2 {
                near_marker[i] = true;
                next_to_marker[i] |= since == 1;
            }
        }
    }
    let mut since = 0usize;
    let mut seen = false;
    for i in (0..n).rev() {
        if is_page_marker(&lines[i]) {
            seen = true;
            since = 0;
        } else if matches!(lines[i], Line::Text(_)) {
            since += 1;
            if seen && since <= 2 {
                near_marker[i] = true;
                next_to_marker[i] |= since == 1;
            }
        }
    }
    let candidate = |t: &str| t.chars().count() <= 100 && !is_bullet(t) && split_label(t).is_none();
    // A repeated line right next to a page boundary, or near two of them, is a running header
    // or footer everywhere, also where it opens the first page.
    let mut near: HashMap<String, (usize, bool)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if let Line::Text(t) = line {
            if near_marker[i] && t.len() <= 400 && candidate(t.trim()) {
                let entry = near.entry(furniture_key(t)).or_default();
                entry.0 += 1;
                entry.1 |= next_to_marker[i];
            }
        }
    }
    let running: std::collections::HashSet<String> = near
        .into_iter()
        .filter(|(key, (times, adjacent))| counts.get(key).is_some_and(|&c| c >= 2) && (*adjacent || *times >= 2))
        .map(|(key, _)| key)
        .collect();
    let repeated_furniture = |_: usize, t: &str| {
        let t = t.trim();
        if t.len() > 400 || !candidate(t) {
            return false;
        }
        let key = furniture_key(t);
        let count = counts.get(&key).copied().unwrap_or(0);
        // Without page breaks (text pasted from a PDF viewer) only a short capitalised line seen
        // three times or more, such as «Gemeente Zwijndrecht», counts as a running header.
        (has_markers && running.contains(&key))
            || (!has_markers && count >= 3 && !ends_sentence(t) && t.chars().count() <= 60 && starts_upper(t))
    };
    // A bare number is a page number only on a line of its own (blank or page break on both
    // sides): «3» wrapped from «3 scenario's» stays text.
    let alone = |i: usize| {
        let open = |l: Option<&Line>| l.is_none_or(|l| matches!(l, Line::Blank | Line::PageBreak));
        open(i.checked_sub(1).and_then(|p| lines.get(p))) && open(lines.get(i + 1))
    };
    let furniture: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| match line {
            Line::PageBreak => true,
            Line::Text(t) if is_bare_number(t) => alone(i),
            Line::Text(t) => page_number_only(t) || has_page_of(t) || repeated_furniture(i, t),
            Line::Blank => false,
        })
        .collect();
    let mut out: Vec<Line> = Vec::with_capacity(n);
    let mut dropped_run = false;
    for (line, furniture) in lines.into_iter().zip(furniture) {
        if furniture {
            while out.last() == Some(&Line::Blank) {
                out.pop();
            }
            dropped_run = true;
            continue;
        }
        if line == Line::Blank && dropped_run {
            continue;
        }
        dropped_run = false;
        out.push(line);
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_lowercase().next().unwrap_or(c), 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'ë' | 'ï' | 'è')
}

/// Joins words broken at the line end: «begrotings-» + «wijziging» → «begrotingswijziging».
/// The hyphen stays where it belongs: before «en»/«of» («gemeente- en regiobestuur»), before a
/// capital or digit («Hendrik-» «Ido-Ambacht», «COVID-» «19»), and between two vowels
/// («zee-» «egel»).
fn join_hyphens(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let (Some(Line::Text(prev)), Line::Text(next)) = (out.last_mut(), &line) {
            let soft = prev.ends_with('\u{ad}');
            let mut before = prev.trim_end_matches(['-', '\u{ad}']).chars().rev();
            let hyphen_end = (prev.ends_with('-') || soft)
                && !prev.ends_with("--")
                && before.next().is_some_and(char::is_alphabetic)
                && before.next().is_some_and(char::is_alphabetic);
            let next_trim = next.trim_start();
            if hyphen_end && !is_bullet(next) && split_label(next).is_none() && !next_trim.is_empty() {
                let last = prev.trim_end_matches(['-', '\u{ad}']).chars().last().unwrap_or(' ');
                let first = next_trim.chars().next().unwrap_or(' ');
                let first_word = next_trim.split_whitespace().next().unwrap_or("").trim_end_matches([',', ';']);
                if soft {
                    prev.pop();
                    prev.push_str(next_trim);
                } else if matches!(first_word, "en" | "of" | "tot" | "en/of" | "noch" | "als") {
                    prev.push(' ');
                    prev.push_str(next_trim);
                } else if first.is_uppercase() || first.is_ascii_digit() || (is_vowel(last) && is_vowel(first)) {
                    prev.push_str(next_trim);
                } else if first.is_lowercase() {
                    prev.pop();
                    prev.push_str(next_trim);
                } else {
                    out.push(line);
                }
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// The cleaned lines: `None` for a blank line.
fn clean_lines(text: &str) -> Vec<Option<String>> {
    join_hyphens(drop_furniture(split_lines(text)))
        .into_iter()
        .filter_map(|l| match l {
            // Soft hyphens left inside a line (Word's optional hyphens) are invisible: drop them.
            Line::Text(t) if t.contains('\u{ad}') => Some(Some(t.replace('\u{ad}', ""))),
            Line::Text(t) => Some(Some(t)),
            Line::Blank => Some(None),
            Line::PageBreak => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Building the tree

#[derive(Default)]
struct Builder {
    intro: Vec<String>,
    sections: Vec<ParsedSection>,
    /// The number of the last top-level point (numbering may continue across capitals headings).
    last_top: Option<u32>,
    last_roman: Option<u32>,
    /// Depth of the point text flows into: 0 = top point, 1 = child, 2 = grandchild.
    depth: usize,
    /// A blank line came before the current line.
    pending_blank: bool,
    /// The section was just opened by a heading and has no points yet: text extends the heading.
    heading_open: bool,
    /// The open point's text is only its title line so far («Procedure:»).
    title_only: bool,
    /// Where a closing sentence began inside the last point: (depth, byte offset in its text).
    closing_at: Option<(usize, usize)>,
    warnings: Vec<String>,
}

fn last_at_depth(points: &mut [ParsedPoint], depth: usize) -> Option<&mut ParsedPoint> {
    let mut point = points.last_mut()?;
    for _ in 0..depth {
        point = point.children.last_mut()?;
    }
    Some(point)
}

fn letter_children(point: &ParsedPoint) -> impl Iterator<Item = char> + '_ {
    point.children.iter().filter_map(|c| {
        let last = c.label.chars().last()?;
        last.is_ascii_lowercase().then_some(last)
    })
}

fn next_letter(point: &ParsedPoint) -> Option<char> {
    match letter_children(point).last() {
        None => Some('a'),
        Some(c) => char::from_u32(c as u32 + 1).filter(char::is_ascii_lowercase),
    }
}

fn decimal_children(point: &ParsedPoint) -> usize {
    point.children.iter().filter(|c| c.label.contains(|ch: char| ch.is_ascii_digit())).count()
}

impl Builder {
    fn current_section(&mut self) -> &mut ParsedSection {
        if self.sections.is_empty() {
            self.sections.push(ParsedSection { heading: None, points: Vec::new() });
        }
        self.sections.last_mut().expect("just ensured")
    }

    fn top(&mut self) -> Option<&mut ParsedPoint> {
        self.sections.last_mut()?.points.last_mut()
    }

    fn open(&mut self) -> Option<&mut ParsedPoint> {
        let depth = self.depth;
        last_at_depth(&mut self.sections.last_mut()?.points, depth)
    }

    fn opened(&mut self, depth: usize, text: &str) {
        self.depth = depth;
        self.pending_blank = false;
        self.heading_open = false;
        self.closing_at = None;
        let t = text.trim();
        self.title_only =
            !t.is_empty() && t.chars().count() <= 60 && !t.ends_with(['.', ',', ';']) && !t.contains(". ");
    }

    fn push_top(&mut self, raw: String, value: u32, text: &str) {
        self.current_section().points.push(ParsedPoint::new(raw, text));
        self.last_top = Some(value);
        self.opened(0, text);
    }

    fn push_section(&mut self, heading: Option<String>) {
        // An empty first section (a heading before any point) is replaced, not kept empty.
        if let Some(last) = self.sections.last() {
            if last.points.is_empty() && last.heading.is_none() {
                self.sections.pop();
            }
        }
        self.sections.push(ParsedSection { heading, points: Vec::new() });
        self.heading_open = true;
        self.closing_at = None;
    }

    fn mark_open(&mut self, reason: String) {
        if let Some(point) = self.open() {
            if point.uncertain.is_none() {
                point.uncertain = Some(reason);
            }
        }
    }

    /// Tries to take the line as a point; returns false when it is text.
    fn take_label(&mut self, found: Found<'_>) -> bool {
        let Found { label, raw, rest, strong } = found;
        match label {
            Label::Number(n) => {
                let next = self.last_top.map_or(1, |t| t + 1);
                let in_section = self.sections.last().is_some_and(|s| !s.points.is_empty());
                if n == next {
                    self.push_top(raw, n, rest);
                    return true;
                }
                if n == 1 && self.last_top.is_some() {
                    // Numbering restarts without a heading: a new, unnamed section.
                    if in_section || self.sections.last().is_some_and(|s| s.heading.is_none()) {
                        self.push_section(None);
                    }
                    self.push_top(raw, n, rest);
                    return true;
                }
                if strong && self.pending_blank_or_sentence() && n == next + 1 {
                    self.push_top(raw, n, rest);
                    self.mark_open(if next == 1 {
                        format!("De nummering begint bij {n}: punt 1 ontbreekt of is niet herkend.")
                    } else {
                        format!("Na punt {} volgt {n}: punt {next} ontbreekt of is niet herkend.", next - 1)
                    });
                    return true;
                }
                if strong && self.pending_blank_or_sentence() && self.open().is_some() {
                    self.mark_open(format!(
                        "Een regel die begint met «{raw}.» is als tekst gelezen (verwacht: punt {next}); controleer de nummering."
                    ));
                }
                false
            }
            Label::Decimal(parts) => {
                let Some(top_n) = self.last_top else {
                    // "1.1" before any point 1: the letter numbers only its sub-points.
                    if parts.len() == 2 && parts[1] == 1 && parts[0] == 1 {
                        self.push_implicit_top(parts[0]);
                        return self.push_decimal_child(raw, rest);
                    }
                    return false;
                };
                match parts.as_slice() {
                    [p, q] if *p == top_n => {
                        let expected = self.top().map_or(1, |t| decimal_children(t) + 1);
                        if *q as usize == expected {
                            return self.push_decimal_child(raw, rest);
                        }
                        false
                    }
                    [p, 1] if *p == top_n + 1 => {
                        self.push_implicit_top(*p);
                        self.push_decimal_child(raw, rest)
                    }
                    [p, q, r] if *p == top_n => {
                        let Some(top) = self.top() else { return false };
                        let Some(child) = top.children.last_mut() else { return false };
                        if child.label != format!("{p}.{q}") {
                            return false;
                        }
                        if *r as usize != decimal_children(child) + 1 {
                            return false;
                        }
                        child.children.push(ParsedPoint::new(raw, rest));
                        self.opened(2, rest);
                        true
                    }
                    _ => false,
                }
            }
            Label::Letter { parent, letter } => {
                if parent.is_some_and(|p| Some(p) != self.last_top) {
                    return false;
                }
                let depth = self.depth;
                let Some(top) = self.top() else { return false };
                // The innermost open point that expects this letter: a decimal child ("2.1")
                // before the point itself.
                let child_wants = depth >= 1
                    && parent.is_none()
                    && top.children.last().is_some_and(|c| {
                        c.label.contains(|ch: char| ch.is_ascii_digit()) && next_letter(c) == Some(letter)
                    });
                if child_wants {
                    let child = top.children.last_mut().expect("checked");
                    child.children.push(ParsedPoint::new(raw, rest));
                    self.opened(2, rest);
                    return true;
                }
                if next_letter(top) == Some(letter) {
                    top.children.push(ParsedPoint::new(raw, rest));
                    self.opened(1, rest);
                    return true;
                }
                false
            }
            Label::Roman(v) => {
                let expected = self.last_roman.map_or(1, |r| r + 1);
                if v != expected || rest.chars().count() > 120 {
                    return false;
                }
                self.last_roman = Some(v);
                let heading = if rest.is_empty() { raw.clone() } else { format!("{raw}. {rest}") };
                self.push_section(Some(heading));
                self.last_top = None;
                true
            }
        }
    }

    fn pending_blank_or_sentence(&mut self) -> bool {
        self.pending_blank || self.open().is_none_or(|p| ends_sentence(&p.text))
    }

    fn push_implicit_top(&mut self, n: u32) {
        self.push_top(n.to_string(), n, "");
        self.mark_open(format!("Punt {n} staat niet als eigen regel in de brief; Bestuursmap heeft het toegevoegd."));
    }

    fn push_decimal_child(&mut self, raw: String, rest: &str) -> bool {
        let Some(top) = self.top() else { return false };
        top.children.push(ParsedPoint::new(raw, rest));
        self.opened(1, rest);
        true
    }

    fn append(&mut self, line: &str) {
        let text = line.trim();
        let blank = std::mem::take(&mut self.pending_blank);
        let bullet = is_bullet(line);
        if self.heading_open {
            if let Some(heading) = self.sections.last_mut().and_then(|s| s.heading.as_mut()) {
                heading.push('\n');
                heading.push_str(text);
                return;
            }
        }
        let title_only = std::mem::take(&mut self.title_only);
        let depth = self.depth;
        let closing = is_closing_sentence(text, blank);
        match self.open() {
            Some(point) => {
                let after_sentence = point.text.is_empty() || ends_sentence(&point.text);
                let sep = if point.text.is_empty() {
                    ""
                } else if bullet || blank || (title_only && starts_upper(text)) {
                    "\n"
                } else {
                    " "
                };
                point.text.push_str(sep);
                let offset = point.text.len();
                point.text.push_str(text);
                if closing && after_sentence && !point.text[..offset].trim().is_empty() {
                    self.closing_at = Some((depth, offset));
                } else if blank && self.closing_at.is_some() {
                    // A new paragraph after the supposed closing sentence: it was not the end.
                    self.closing_at = None;
                }
            }
            None => {
                if blank && !self.intro.is_empty() {
                    self.intro.push(String::new());
                }
                self.intro.push(text.to_string());
            }
        }
    }

    /// Cuts the closing sentence off the last point.
    fn take_closing(&mut self) -> Option<String> {
        let (depth, offset) = self.closing_at.take()?;
        let point = last_at_depth(&mut self.sections.last_mut()?.points, depth)?;
        let closing = point.text.split_off(offset);
        point.text.truncate(point.text.trim_end().len());
        Some(closing.trim().to_string()).filter(|c| !c.is_empty())
    }
}

/// For each line, the index of the next non-blank line (linear look-ahead).
fn next_nonblank(lines: &[Option<String>]) -> Vec<Option<usize>> {
    let mut out = vec![None; lines.len()];
    let mut next = None;
    for i in (0..lines.len()).rev() {
        out[i] = next;
        if lines[i].is_some() {
            next = Some(i);
        }
    }
    out
}

pub fn parse_letter(text: &str) -> ParsedLetter {
    let lines = clean_lines(text);
    let mut letter = parse_lines(&lines);
    if letter.point_count() == 0 {
        // A letter of bullets only: every top-level bullet becomes a numbered point.
        let bullets = lines.iter().flatten().filter(|l| is_bullet(l) && !l.starts_with(char::is_whitespace)).count();
        if bullets >= 2 {
            let mut n = 0;
            let numbered: Vec<Option<String>> = lines
                .iter()
                .map(|l| {
                    l.as_ref().map(|l| {
                        if is_bullet(l) && !l.starts_with(char::is_whitespace) {
                            n += 1;
                            let body = l.trim_start().chars().skip(1).collect::<String>();
                            format!("{n}. {}", body.trim_start())
                        } else {
                            l.clone()
                        }
                    })
                })
                .collect();
            let mut numbered_letter = parse_lines(&numbered);
            if numbered_letter.point_count() >= 2 {
                for section in &mut numbered_letter.sections {
                    for point in &mut section.points {
                        point.uncertain.get_or_insert_with(|| {
                            "De brief gebruikt opsommingstekens zonder nummers; Bestuursmap heeft de punten genummerd."
                                .into()
                        });
                    }
                }
                numbered_letter.warnings.push(
                    "Geen genummerde punten gevonden; de opsommingstekens zijn als punten genomen. Controleer de indeling."
                        .into(),
                );
                letter = numbered_letter;
            }
        }
    }
    if letter.point_count() == 0 && letter.intro.is_some() {
        letter.warnings.push(
            "In deze tekst zijn geen genummerde punten gevonden (1., 2., …); de hele tekst staat in de inleiding."
                .into(),
        );
    }
    letter
}

fn parse_lines(lines: &[Option<String>]) -> ParsedLetter {
    let next = next_nonblank(lines);
    let mut b = Builder::default();
    let mut in_signature = false;
    let mut closing = None;
    let mut i = 0;
    while i < lines.len() {
        let Some(line) = lines[i].as_deref() else {
            b.pending_blank = true;
            i += 1;
            continue;
        };
        let has_points = b.last_top.is_some();
        // A heading followed (within a few lines) by a point 1: an attached section with its own
        // numbering, such as the overdenkingen — also after the signature.
        if (has_points || in_signature)
            && (b.pending_blank || in_signature || b.open().is_none_or(|p| ends_sentence(&p.text)))
            && is_heading_candidate(line)
            && !b.heading_open
        {
            let mut following = Vec::new();
            let mut j = next[i];
            while let (Some(n), true) = (j, following.len() < 6) {
                following.push(n);
                j = next[n];
            }
            let first_point = following.iter().position(|&n| {
                matches!(split_label(lines[n].as_deref().unwrap_or("")), Some(Found { label: Label::Number(1), .. }))
            });
            if let Some(pos) = first_point {
                if closing.is_none() {
                    closing = b.take_closing();
                }
                let heading: Vec<&str> = std::iter::once(line.trim())
                    .chain(following[..pos].iter().filter_map(|&n| lines[n].as_deref()).map(str::trim))
                    .collect();
                b.push_section(Some(heading.join("\n")));
                b.last_top = None;
                in_signature = false;
                i = following[pos];
                continue;
            }
        }
        if in_signature {
            i += 1;
            continue;
        }
        if let Some(found) = split_label(line) {
            // The first point of a letter whose numbering is unexpected stays text.
            if b.take_label(found) {
                i += 1;
                continue;
            }
        }
        // The signature ends the letter (or the section before an attachment).
        if is_closing_formula(line, has_points) {
            if closing.is_none() {
                closing = b.take_closing();
            }
            in_signature = true;
            i += 1;
            continue;
        }
        // A heading in capitals before the next expected point: a section of its own, whose
        // numbering may continue ("FINANCIËN" above point 3).
        if is_capitals_heading(line) && !b.heading_open {
            let expected = b.last_top.map_or(1, |t| t + 1);
            let next_label = next[i].and_then(|n| split_label(lines[n].as_deref().unwrap_or("")));
            let opens = match next_label.map(|f| f.label) {
                Some(Label::Number(n)) => n == expected || n == 1,
                Some(Label::Roman(_)) => false,
                _ => false,
            };
            if opens {
                if closing.is_none() && has_points {
                    closing = b.take_closing();
                }
                b.push_section(Some(line.trim().to_string()));
                b.pending_blank = false;
                i += 1;
                continue;
            }
        }
        b.append(line);
        i += 1;
    }
    if closing.is_none() {
        closing = b.take_closing();
    }
    let intro = b.intro.join("\n").replace("\n\n", "\n").trim().to_string();
    // Drop sections left empty (a heading that never got points keeps its text as heading only
    // when it has points).
    let sections = b.sections.into_iter().filter(|s| !s.points.is_empty()).collect();
    ParsedLetter { intro: (!intro.is_empty()).then_some(intro), sections, closing, warnings: b.warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(letter: &ParsedLetter) -> Vec<String> {
        fn walk(prefix: &str, points: &[ParsedPoint], out: &mut Vec<String>) {
            for p in points {
                let name = if prefix.is_empty() { p.label.clone() } else { format!("{prefix}/{}", p.label) };
                out.push(name.clone());
                walk(&name, &p.children, out);
            }
        }
        let mut out = Vec::new();
        for s in &letter.sections {
            walk("", &s.points, &mut out);
        }
        out
    }

    #[test]
    fn numbers_inside_text_do_not_split() {
        let letter = parse_letter(
            "Geacht bestuur,\n\nDe raad geeft de volgende zienswijze:\n\n\
             1. Wij vragen om realisme. De afslag van\n€ 2,0 miljoen is te groot.\n\
             2020 was een moeilijk jaar; zie onze brief van\n23 juni 2020 en de 1e tranche van\n5 miljoen.\n\
             2. Zie ook punt 4.a van onze eerdere brief en\n4 april 2020, een stijging van\n10 procent, \
             2 keer per jaar.\n",
        );
        assert_eq!(letter.intro.as_deref(), Some("Geacht bestuur,\nDe raad geeft de volgende zienswijze:"));
        assert_eq!(labels(&letter), ["1", "2"]);
        let first = &letter.sections[0].points[0].text;
        assert!(
            first.contains("€ 2,0 miljoen") && first.contains("23 juni 2020") && first.contains("1e tranche"),
            "{first}"
        );
        assert!(letter.sections[0].points[1].text.ends_with("2 keer per jaar."));
        assert!(!letter.is_uncertain());
    }

    #[test]
    fn sub_points_and_bullets_stay_with_their_point() {
        let letter = parse_letter(
            "1. Procedure: wij hechten aan realisme.\n\
             2. Wij zien goede ontwikkelingen:\n• de afschaffing van de solidariteit;\n• de nieuwe inkoopstrategie.\n\
             3. In dit perspectief vragen wij aandacht voor:\n\
             a. de maatregelen;\nb. de risico's, zoals\n- corona;\n- de boeggolf.\n\
             4.c is hier geen label maar tekst? Nee: 4 komt nog.\n\
             4. Tot slot:\n4.a eerste;\n4.b tweede.\n",
        );
        assert_eq!(labels(&letter), ["1", "2", "3", "3/a", "3/b", "4", "4/4.a", "4/4.b"]);
        let two = &letter.sections[0].points[1].text;
        assert_eq!(
            two,
            "Wij zien goede ontwikkelingen:\n• de afschaffing van de solidariteit;\n• de nieuwe inkoopstrategie."
        );
        let b = &letter.sections[0].points[2].children[1].text;
        assert!(b.contains("\n- corona;\n- de boeggolf.") && b.contains("4.c is hier geen label"), "{b}");
        assert_eq!(letter.sections[0].points[0].text, "Procedure: wij hechten aan realisme.");
    }

    #[test]
    fn an_attached_section_gets_its_own_numbering() {
        let letter = parse_letter(
            "1. Eerste punt.\n2. Tweede punt.\n\nOverdenkingen van de Regionale Werkgroep Jeugd\n\n\
             1. REALISTISCH BEZUINIGEN. Tekst.\n2. UITBLIJVENDE BESLUITEN. Tekst.\n",
        );
        assert_eq!(letter.sections.len(), 2);
        assert_eq!(letter.sections[0].heading, None);
        assert_eq!(letter.sections[1].heading.as_deref(), Some("Overdenkingen van de Regionale Werkgroep Jeugd"));
        assert_eq!(letter.sections[1].points.len(), 2);
    }

    #[test]
    fn a_letter_without_points_is_all_intro() {
        let letter = parse_letter("Wij stemmen in met de begrotingswijziging.\n");
        assert_eq!(letter.sections, []);
        assert_eq!(letter.intro.as_deref(), Some("Wij stemmen in met de begrotingswijziging."));
        assert_eq!(letter.warnings.len(), 1);
        assert_eq!(parse_letter("").intro, None);
    }

    #[test]
    fn decimal_points_become_children_with_lettered_grandchildren() {
        let letter = parse_letter(
            "1. Procedure.\n2. Financiën\n2.1 De afslag is te groot.\n2.2 Wij vragen:\na) een reserve;\nb) een plan.\n\
             2.3 Tot slot.\n3. Overig.\n",
        );
        assert_eq!(labels(&letter), ["1", "2", "2/2.1", "2/2.2", "2/2.2/a", "2/2.2/b", "2/2.3", "3"]);
    }

    #[test]
    fn line_endings_cr_and_crlf() {
        for sep in ["\r", "\r\n"] {
            let letter = parse_letter(&["Geacht bestuur,", "", "1. Een.", "2. Twee.", ""].join(sep));
            assert_eq!(labels(&letter), ["1", "2"], "{sep:?}");
            assert_eq!(letter.sections[0].points[1].text, "Twee.");
        }
    }

    #[test]
    fn more_than_ninety_nine_points() {
        let text: String = (1..=120).map(|n| format!("{n}. Punt nummer {n}.\n")).collect();
        let letter = parse_letter(&text);
        assert_eq!(letter.sections[0].points.len(), 120);
        assert_eq!(letter.sections[0].points[99].label, "100");
        assert_eq!(letter.sections[0].points[119].text, "Punt nummer 120.");
    }

    #[test]
    fn hyphens_at_the_line_end() {
        let letter = parse_letter(
            "1. De begrotings-\nwijziging raakt het gemeente-\nen regiobestuur van Hendrik-\nIdo-Ambacht en de zee-\negel.\n",
        );
        assert_eq!(
            letter.sections[0].points[0].text,
            "De begrotingswijziging raakt het gemeente- en regiobestuur van Hendrik-Ido-Ambacht en de zee-egel."
        );
    }

    #[test]
    fn page_furniture_is_dropped() {
        let letter = parse_letter(
            "Gemeente Sliedrecht\nGeacht bestuur,\n1. De kosten stijgen\nGemeente Sliedrecht Pagina 1 van 2\n\u{c}Gemeente Sliedrecht\n\
             verder dan verwacht.\n2. Tweede punt.\n\nWij vertrouwen erop u hiermee te hebben geïnformeerd.\n\n\
             Met vriendelijke groet,\nDe raad\n",
        );
        assert_eq!(labels(&letter), ["1", "2"]);
        assert_eq!(letter.sections[0].points[0].text, "De kosten stijgen verder dan verwacht.");
        assert_eq!(letter.sections[0].points[1].text, "Tweede punt.");
        assert_eq!(letter.closing.as_deref(), Some("Wij vertrouwen erop u hiermee te hebben geïnformeerd."));
    }

    #[test]
    fn roman_sections_each_with_points() {
        let letter = parse_letter(
            "Geacht bestuur,\n\nI. Procedure\n1. De termijn is kort.\n2. Graag eerder.\n\nII. Inhoud\n\
             1. De afslag.\n2. De reserve.\n",
        );
        assert_eq!(letter.intro.as_deref(), Some("Geacht bestuur,"));
        let headings: Vec<_> = letter.sections.iter().map(|s| s.heading.clone()).collect();
        assert_eq!(headings, [Some("I. Procedure".to_string()), Some("II. Inhoud".to_string())]);
        assert_eq!(letter.sections[1].points.len(), 2);
    }

    #[test]
    fn a_huge_single_line_is_linear() {
        let line = "woord ".repeat(900_000);
        let letter = parse_letter(&line);
        assert!(letter.intro.is_some());
        let many = "1. a\n".to_string() + &"- x\n\n".repeat(200_000);
        assert_eq!(parse_letter(&many).point_count(), 1);
    }
}

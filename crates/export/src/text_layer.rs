//! The text layer of a PDF in reading order, the way `pdftotext` gives it: every piece of text
//! is placed where the page shows it (text and graphics matrices, font sizes and glyph widths),
//! pieces on one baseline form a line, a gap between pieces becomes a space, and lines are read
//! top to bottom. Reading the content stream in drawing order instead (lopdf's `extract_text`)
//! interleaves running headers and footers with the body, loses the spaces that producers make
//! by positioning rather than with a space character, and splits hyphenated words: a council
//! letter then no longer parses into its points.
//!
//! Bounded for hostile files: the content of a page (with its form XObjects) is decompressed to
//! at most [`MAX_PAGE_CONTENT`], and of the whole document to [`MAX_DOCUMENT_CONTENT`] (pages past
//! it give no text); forms nest at most [`MAX_FORM_DEPTH`] deep and a page draws at most
//! [`MAX_FORMS`]; each font is read once per document; a page gives at most [`MAX_RUNS`] pieces.

use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};
use std::collections::BTreeMap;

/// Decompressed content of one page (forms included) read at most.
pub const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;
/// Form XObjects inside form XObjects, at most.
pub const MAX_FORM_DEPTH: usize = 8;
/// Pieces of text per page, at most (a page of dense text has a few thousand).
pub const MAX_RUNS: usize = 200_000;
/// Decompressed content of all pages together read at most.
pub const MAX_DOCUMENT_CONTENT: usize = 512 * 1024 * 1024;
/// Graphics states saved (`q`) without being restored, at most.
pub const MAX_SAVED_STATES: usize = 64;
/// Form XObjects drawn per page, at most.
pub const MAX_FORMS: usize = 2_000;

/// The fonts read so far, by the address of their dictionary in the (immutably borrowed)
/// document: a font shared by a thousand pages is read once.
type FontCache<'a> = std::collections::HashMap<usize, std::rc::Rc<Font<'a>>>;

/// The text of every page, in page order.
pub fn page_texts(doc: &mut Document) -> Vec<String> {
    embedded_cmaps_to_unicode(doc);
    let doc = &*doc;
    let mut fonts = FontCache::new();
    let mut budget = MAX_DOCUMENT_CONTENT;
    doc.get_pages()
        .values()
        .map(|&id| {
            let (text, read) = read_page(doc, id, &mut fonts, budget);
            budget = budget.saturating_sub(read);
            text
        })
        .collect()
}

/// Marks a composite font's code length when its codes are one byte (see below).
const ONE_BYTE_CODES: &[u8] = b"BestuursmapOneByteCodes";

/// Composite fonts whose `/Encoding` is an embedded CMap (Ghostscript and PDF/A producers write
/// them) are decoded through their `/ToUnicode` map, as for `Identity-H`: lopdf would otherwise
/// fall back to a one-byte Latin encoding and give garbage. The code length comes from the
/// CMap's `codespacerange`. Only the copy of the document loaded for reading text is changed.
fn embedded_cmaps_to_unicode(doc: &mut Document) {
    let mut changes: Vec<(ObjectId, bool)> = Vec::new();
    for (&id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice())
            || dict.get(b"ToUnicode").is_err()
        {
            continue;
        }
        let Ok(Object::Stream(cmap)) = dict.get_deref(b"Encoding", doc) else { continue };
        let content = cmap.decompressed_content_with_limit(1024 * 1024).unwrap_or_else(|_| cmap.content.clone());
        changes.push((id, codespace_bytes(&content) == Some(1)));
    }
    for (id, one_byte) in changes {
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(id) {
            dict.set("Encoding", Object::Name(b"Identity-H".to_vec()));
            if one_byte {
                dict.set(ONE_BYTE_CODES, Object::Boolean(true));
            }
        }
    }
}

/// The byte length of the codes of a CMap: the length of its first `codespacerange` bound.
fn codespace_bytes(cmap: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(cmap);
    let after = &text[text.find("begincodespacerange")? + "begincodespacerange".len()..];
    let start = after.find('<')? + 1;
    let end = start + after[start..].find('>')?;
    let hex = after[start..end].chars().filter(char::is_ascii_hexdigit).count();
    Some(hex.div_ceil(2))
}

/// The text of one page (lines top to bottom, pieces on a line left to right) and how many
/// decompressed content bytes it took, reading at most `budget`.
fn read_page<'a>(doc: &'a Document, page: ObjectId, fonts: &mut FontCache<'a>, budget: usize) -> (String, usize) {
    let limit = budget.min(MAX_PAGE_CONTENT);
    if limit == 0 {
        return (String::new(), 0);
    }
    let resources = page_resources(doc, page);
    let content = doc.get_page_content_with_limit(page, limit).unwrap_or_default();
    let mut reader = Reader { doc, runs: Vec::new(), content_read: content.len(), limit, forms: 0, fonts };
    reader.read(&content, resources, State::default(), 0);
    let read = reader.content_read;
    (lay_out(reader.runs), read)
}

/// A piece of text as placed on the page (PDF user space: y grows upwards).
#[derive(Debug, Clone)]
struct Run {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b`: first `a`, then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn translate(x: f64, y: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

/// The graphics and text state that matter for placing text.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            tm: IDENTITY,
            tlm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// What is needed of a font: how to turn codes into text, and how wide each glyph is.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Two-byte codes (a composite font, Type0), else one byte.
    two_byte: bool,
    widths: BTreeMap<u32, f64>,
    default_width: f64,
}

impl<'a> Font<'a> {
    fn load(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let encoding = dict.get_font_encoding_with_limit(doc, MAX_PAGE_CONTENT).ok();
        let subtype = dict.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        let mut widths = BTreeMap::new();
        if subtype == b"Type0" {
            let descendant = dict
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o).as_dict().ok());
            let mut default_width = 1000.0;
            if let Some(cid) = descendant {
                default_width = cid.get_deref(b"DW", doc).ok().and_then(number).unwrap_or(1000.0);
                if let Ok(w) = cid.get_deref(b"W", doc).and_then(Object::as_array) {
                    cid_widths(doc, w, &mut widths);
                }
            }
            let two_byte = dict.get(ONE_BYTE_CODES).is_err();
            return Font { encoding, two_byte, widths, default_width };
        }
        // Codes of a simple font are one byte: a FirstChar outside 0–255 is nonsense and ignored.
        let first = dict.get_deref(b"FirstChar", doc).ok().and_then(number).unwrap_or(0.0).clamp(0.0, 255.0) as u32;
        if let Ok(list) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
            for (i, w) in list.iter().enumerate().take(256 - first as usize) {
                if let Some(w) = number(deref(doc, w)) {
                    widths.insert(first + i as u32, w);
                }
            }
        }
        let missing = dict
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .ok()
            .and_then(|d| d.get_deref(b"MissingWidth", doc).ok().and_then(number));
        // Without widths (the standard 14 fonts), half an em is the usual average glyph width.
        let default_width = missing.filter(|w| *w > 0.0).unwrap_or(500.0);
        Font { encoding, two_byte: false, widths, default_width }
    }

    fn width(&self, code: u32) -> f64 {
        self.widths.get(&code).copied().unwrap_or(self.default_width) / 1000.0
    }

    fn decode(&self, bytes: &[u8]) -> String {
        match &self.encoding {
            Some(encoding) => encoding.bytes_to_string(bytes).unwrap_or_default(),
            None => bytes.iter().map(|&b| b as char).collect(),
        }
    }
}

/// `/W` of a CID font: `c [w1 w2 …]` or `c_first c_last w`. CIDs are 16-bit, so at most 65,536
/// widths are taken, however long or overlapping a hostile array is.
fn cid_widths(doc: &Document, list: &[Object], out: &mut BTreeMap<u32, f64>) {
    const MAX_WIDTHS: usize = 65_536;
    let mut budget = MAX_WIDTHS;
    let mut i = 0;
    while i + 1 < list.len() && budget > 0 {
        let Some(first) = number(deref(doc, &list[i])).map(|n| n.clamp(0.0, 65_535.0) as u32) else { return };
        match deref(doc, &list[i + 1]) {
            Object::Array(ws) => {
                for (k, w) in ws.iter().enumerate().take(budget) {
                    if let Some(w) = number(deref(doc, w)) {
                        out.insert(first + k as u32, w);
                    }
                }
                budget = budget.saturating_sub(ws.len());
                i += 2;
            }
            other => {
                let (Some(last), Some(w)) = (number(other), list.get(i + 2).and_then(|o| number(deref(doc, o)))) else {
                    return;
                };
                let last = (last.clamp(0.0, 65_535.0) as u32).min(first + budget as u32 - 1);
                for c in first..=last {
                    out.insert(c, w);
                }
                budget = budget.saturating_sub((last + 1).saturating_sub(first) as usize);
                i += 3;
            }
        }
    }
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        _ => object,
    }
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
    .filter(|n| n.is_finite())
}

fn numbers(operands: &[Object]) -> Vec<f64> {
    operands.iter().map(|o| number(o).unwrap_or(0.0)).collect()
}

/// The resources of a page, inherited from its parents when the page has none of its own.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(resources) = node.get_deref(b"Resources", doc).and_then(Object::as_dict) {
            return Some(resources);
        }
        node = node.get_deref(b"Parent", doc).and_then(Object::as_dict).ok()?;
    }
    None
}

struct Reader<'a, 'c> {
    doc: &'a Document,
    runs: Vec<Run>,
    /// Decompressed content read for this page so far, and the most it may read.
    content_read: usize,
    limit: usize,
    forms: usize,
    fonts: &'c mut FontCache<'a>,
}

impl<'a> Reader<'a, '_> {
    fn fonts(&mut self, resources: Option<&'a Dictionary>) -> BTreeMap<Vec<u8>, std::rc::Rc<Font<'a>>> {
        let doc = self.doc;
        let Some(fonts) = resources.and_then(|r| r.get_deref(b"Font", doc).and_then(Object::as_dict).ok()) else {
            return BTreeMap::new();
        };
        let mut found = BTreeMap::new();
        for (name, font) in fonts.iter() {
            let Ok(dict) = deref(doc, font).as_dict() else { continue };
            let key = dict as *const Dictionary as usize;
            let loaded = self.fonts.entry(key).or_insert_with(|| std::rc::Rc::new(Font::load(doc, dict)));
            found.insert(name.clone(), loaded.clone());
        }
        found
    }

    fn read(&mut self, content: &[u8], resources: Option<&'a Dictionary>, start: State, depth: usize) {
        let Ok(content) = lopdf::content::Content::decode(content) else { return };
        let fonts = self.fonts(resources);
        let mut state = start;
        let mut saved: Vec<State> = Vec::new();
        for op in &content.operations {
            let nums = || numbers(&op.operands);
            match op.operator.as_str() {
                // PDF allows 28 levels of saved states; a hostile stream of `q` is cut off.
                "q" if saved.len() < MAX_SAVED_STATES => saved.push(state.clone()),
                "Q" => state = saved.pop().unwrap_or_else(|| state.clone()),
                "cm" => {
                    if let [a, b, c, d, e, f] = nums()[..] {
                        state.ctm = mul(&[a, b, c, d, e, f], &state.ctm);
                    }
                }
                "BT" => {
                    state.tm = IDENTITY;
                    state.tlm = IDENTITY;
                }
                "Tf" => {
                    state.font = op.operands.first().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec);
                    state.size = op.operands.get(1).and_then(number).unwrap_or(0.0);
                }
                "Tc" => state.char_spacing = nums().first().copied().unwrap_or(0.0),
                "Tw" => state.word_spacing = nums().first().copied().unwrap_or(0.0),
                "Tz" => state.scale = nums().first().copied().unwrap_or(100.0) / 100.0,
                "TL" => state.leading = nums().first().copied().unwrap_or(0.0),
                "Ts" => state.rise = nums().first().copied().unwrap_or(0.0),
                "Td" | "TD" => {
                    if let [x, y] = nums()[..] {
                        if op.operator == "TD" {
                            state.leading = -y;
                        }
                        state.tlm = mul(&translate(x, y), &state.tlm);
                        state.tm = state.tlm;
                    }
                }
                "Tm" => {
                    if let [a, b, c, d, e, f] = nums()[..] {
                        state.tm = [a, b, c, d, e, f];
                        state.tlm = state.tm;
                    }
                }
                "T*" => next_line(&mut state),
                "Tj" => self.show(&mut state, &fonts, &op.operands),
                "'" => {
                    next_line(&mut state);
                    self.show(&mut state, &fonts, &op.operands);
                }
                "\"" => {
                    if let [aw, ac, ..] = nums()[..] {
                        state.word_spacing = aw;
                        state.char_spacing = ac;
                    }
                    next_line(&mut state);
                    self.show(&mut state, &fonts, op.operands.get(2..).unwrap_or_default());
                }
                "TJ" => {
                    if let Some(Object::Array(parts)) = op.operands.first() {
                        self.show(&mut state, &fonts, parts);
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH && self.forms < MAX_FORMS => {
                    self.forms += 1;
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    if let Some(name) = name {
                        self.form(name, resources, &state, depth);
                    }
                }
                _ => {}
            }
        }
    }

    /// A form XObject drawn with `Do`: its content, with its own resources and matrix.
    fn form(&mut self, name: &[u8], resources: Option<&'a Dictionary>, state: &State, depth: usize) {
        let doc = self.doc;
        let Some(stream) = resources
            .and_then(|r| r.get_deref(b"XObject", doc).and_then(Object::as_dict).ok())
            .and_then(|x| x.get_deref(name, doc).and_then(Object::as_stream).ok())
        else {
            return;
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return;
        }
        let budget = self.limit.saturating_sub(self.content_read);
        let Ok(content) = stream.decompressed_content_with_limit(budget).or_else(|_| {
            if stream.dict.get(b"Filter").is_err() && stream.content.len() <= budget {
                Ok(stream.content.clone())
            } else {
                Err(())
            }
        }) else {
            return;
        };
        self.content_read += content.len();
        let mut inner = state.clone();
        if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array) {
            if let [a, b, c, d, e, f] = numbers(m)[..] {
                inner.ctm = mul(&[a, b, c, d, e, f], &state.ctm);
            }
        }
        let own = stream.dict.get_deref(b"Resources", doc).and_then(Object::as_dict).ok();
        self.read(&content, own.or(resources), inner, depth + 1);
    }

    /// Places the strings of a `Tj`/`TJ`: each string is a run; numbers move the pen.
    fn show(&mut self, state: &mut State, fonts: &BTreeMap<Vec<u8>, std::rc::Rc<Font<'a>>>, parts: &[Object]) {
        let Some(font) = state.font.as_ref().and_then(|f| fonts.get(f)) else { return };
        for part in parts {
            match part {
                Object::String(bytes, _) => {
                    let start = mul(&translate(0.0, state.rise), &mul(&state.tm, &state.ctm));
                    let mut advance = 0.0;
                    let step = if font.two_byte { 2 } else { 1 };
                    for code in bytes.chunks(step) {
                        let code_value = code.iter().fold(0u32, |acc, b| acc * 256 + *b as u32);
                        let mut w = font.width(code_value) * state.size + state.char_spacing;
                        if !font.two_byte && code_value == 32 {
                            w += state.word_spacing;
                        }
                        advance += w * state.scale;
                    }
                    let (x0, y) = apply(&start, 0.0, 0.0);
                    let (x1, _) = apply(&start, advance, 0.0);
                    // The size as drawn: the font size scaled by the matrices (vertical extent).
                    let (_, top) = apply(&start, 0.0, state.size);
                    let size = (top - y).abs().max(0.1);
                    state.tm = mul(&translate(advance, 0.0), &state.tm);
                    if self.runs.len() < MAX_RUNS {
                        let text = font.decode(bytes);
                        if !text.is_empty() {
                            self.runs.push(Run { x0: x0.min(x1), x1: x0.max(x1), y, size, text });
                        }
                    }
                }
                other => {
                    if let Some(n) = number(other) {
                        state.tm = mul(&translate(-n / 1000.0 * state.size * state.scale, 0.0), &state.tm);
                    }
                }
            }
        }
    }
}

fn next_line(state: &mut State) {
    state.tlm = mul(&translate(0.0, -state.leading), &state.tlm);
    state.tm = state.tlm;
}

/// Puts the runs in reading order: lines top to bottom (runs whose baselines lie within a
/// fraction of the font size share a line), runs left to right, a space where the gap between
/// two runs is wider than a narrow space. Runs far apart on one baseline (a footer with the
/// sender left and «Pagina 1 van 2» right, two signatures side by side) become separate lines, as
/// `pdftotext` gives them. A blank line marks a gap of more than two lines (a new block, a footer).
fn lay_out(mut runs: Vec<Run>) -> String {
    // Spaces drawn as text only move the pen; the gaps say where words and blocks part.
    runs.retain(|r| r.x0.is_finite() && r.x1.is_finite() && r.y.is_finite() && !r.text.trim().is_empty());
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut baselines: Vec<(f64, f64, Vec<Run>)> = Vec::new();
    for run in runs {
        match baselines.last_mut() {
            Some((y, size, members)) if (*y - run.y).abs() <= 0.45 * size.max(run.size) => {
                *size = size.max(run.size);
                members.push(run);
            }
            _ => baselines.push((run.y, run.size, vec![run])),
        }
    }
    let mut out = String::new();
    let mut previous: Option<(f64, f64)> = None;
    for (y, size, mut members) in baselines {
        members.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut lines: Vec<String> = vec![String::new()];
        let mut end: Option<f64> = None;
        let mut last: Option<(f64, String)> = None;
        for run in members {
            // Bold faked by drawing the same text twice, a hair apart, is read once.
            if last.as_ref().is_some_and(|(x0, text)| *text == run.text && (run.x0 - x0).abs() < 0.2 * run.size) {
                continue;
            }
            last = Some((run.x0, run.text.clone()));
            if let Some(end) = end {
                let gap = run.x0 - end;
                let line = lines.last_mut().expect("one line at least");
                if gap > 2.5 * run.size {
                    lines.push(String::new());
                } else if gap > 0.1 * run.size
                    && !line.ends_with(char::is_whitespace)
                    && !run.text.starts_with(char::is_whitespace)
                {
                    line.push(' ');
                }
            }
            end = Some(end.map_or(run.x1, |e: f64| e.max(run.x1)));
            lines.last_mut().expect("one line at least").push_str(&run.text);
        }
        if let Some((prev_y, prev_size)) = previous {
            out.push('\n');
            if prev_y - y > 2.0 * prev_size.max(size) {
                out.push('\n');
            }
        }
        // Three or more spaces drawn in a row (a tab stop set with spaces) part blocks too.
        let lines: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split("   ").filter(|part| !part.trim().is_empty()).map(str::to_string).collect::<Vec<_>>())
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        out.push_str(&lines.join("\n"));
        previous = Some((y, size));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_width_array_costs_at_most_one_width_per_cid() {
        let doc = Document::new();
        // 30,000 ranges each claiming every CID: without the budget, two billion inserts.
        let list: Vec<Object> =
            (0..30_000).flat_map(|_| [Object::Integer(0), Object::Integer(65_535), Object::Integer(500)]).collect();
        let mut widths = BTreeMap::new();
        cid_widths(&doc, &list, &mut widths);
        assert_eq!(widths.len(), 65_536);
        let mut widths = BTreeMap::new();
        cid_widths(&doc, &[Object::Integer(-5), Object::Array(vec![Object::Integer(250); 3])], &mut widths);
        assert_eq!(widths.keys().copied().collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn the_code_length_comes_from_the_codespace() {
        assert_eq!(codespace_bytes(b"1 begincodespacerange\n<00> <FF>\nendcodespacerange"), Some(1));
        assert_eq!(codespace_bytes(b"1 begincodespacerange <0000> <FFFF> endcodespacerange"), Some(2));
        assert_eq!(codespace_bytes(b"no codespace here"), None);
    }

    #[test]
    fn runs_become_lines_in_reading_order_with_spaces_from_gaps() {
        let run = |x0: f64, x1: f64, y: f64, text: &str| Run { x0, x1, y, size: 10.0, text: text.to_string() };
        // Drawn footer first, then the body from the bottom up; a word drawn twice (fake bold)
        // on a baseline a hair higher; two runs one narrow gap apart.
        let text = lay_out(vec![
            run(50.0, 150.0, 40.0, "Gemeente Oud"),
            run(400.0, 480.0, 40.0, "Pagina 1 van 2"),
            run(50.0, 90.0, 700.0, "tweede"),
            run(92.0, 120.0, 700.0, "regel"),
            run(50.0, 80.0, 712.0, "Eerste"),
            run(50.5, 80.5, 712.4, "Eerste"),
            run(84.0, 100.0, 712.0, "regel"),
        ]);
        assert_eq!(text, "Eerste regel\ntweede regel\n\nGemeente Oud\nPagina 1 van 2");
    }
}

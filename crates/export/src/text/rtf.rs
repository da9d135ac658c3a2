//! Rich Text Format (.rtf): what Word's «Opslaan als RTF», LibreOffice and some mail systems
//! write. A small reader of its own, bounded and without recursion: groups are a stack of
//! states, skipped destinations are stepped over by counting braces, and groups nested deeper
//! than `MAX_DEPTH` share the state of the deepest one (no stack of 100,000 entries).
//!
//! It keeps the text: paragraphs (`\par`) and line breaks as lines, tabs, table cells separated by
//! a tab and rows as lines, `\'hh` in the document's code page (`\ansicpgN`), `\uN` with its `\ucN`
//! fallback skipped, and the list labels Word and LibreOffice write before a numbered paragraph
//! (`{\listtext 1.\tab}`, Word 95's `{\pntext …}`). It skips the destinations that are not letter
//! text: font, colour and style tables, document info, pictures, headers and footers, footnotes,
//! comments, field instructions (the field's result is kept), hidden text, tracked deletions
//! and every `{\*\…}` group.

use encoding_rs::{Encoding, WINDOWS_1252};

/// Groups deeper than this are read with the state of the deepest one.
const MAX_DEPTH: usize = 512;
/// Control words are letters only, at most 32 of them; parameters at most 10 digits.
const MAX_WORD: usize = 32;

/// Destinations whose content is not part of the letter.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "info",
    "pict",
    "object",
    "objdata",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "atnauthor",
    "atnid",
    "fldinst",
    "xe",
    "tc",
    "txe",
    "bkmkstart",
    "bkmkend",
    "filetbl",
    "pgdsctbl",
    "template",
    "nonshppict",
    "shpinst",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "generator",
    "xmlnstbl",
    "pn",
];

#[derive(Clone)]
struct State {
    /// Characters still to skip after a `\uN` (its fallback).
    uc: usize,
    /// Inside `{\listtext …}` or `{\pntext …}`: the text is a list label.
    label: bool,
    /// Hidden text (`\v`) or a tracked deletion (`\deleted`).
    hidden: bool,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    encoding: &'static Encoding,
    out: String,
    /// The list label being read.
    label: String,
    /// Bytes of `\'hh` escapes and raw 8-bit characters waiting to be decoded together (a
    /// double-byte code page needs both bytes).
    pending: Vec<u8>,
    /// The high surrogate of a `\uN` pair.
    high_surrogate: Option<u16>,
    /// Fallback characters still to skip after `\uN`.
    skip: usize,
}

impl Reader<'_> {
    fn flush(&mut self, state: &State) {
        if self.pending.is_empty() {
            return;
        }
        let text = self.encoding.decode_without_bom_handling(&self.pending).0.into_owned();
        self.pending.clear();
        self.push_str(&text, state);
    }

    fn push_str(&mut self, text: &str, state: &State) {
        if state.hidden {
            return;
        }
        if state.label {
            self.label.push_str(text);
        } else {
            self.out.push_str(text);
        }
    }

    fn push(&mut self, c: char, state: &State) {
        let mut buf = [0u8; 4];
        self.push_str(c.encode_utf8(&mut buf), state);
    }

    /// A byte of text: counts against a `\uN` fallback, else waits to be decoded.
    fn byte(&mut self, b: u8, state: &State) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if b < 0x80 {
            self.flush(state);
            self.push(b as char, state);
        } else {
            self.pending.push(b);
        }
    }

    /// Steps over the rest of a group whose opening brace has been read.
    fn skip_group(&mut self) {
        let mut depth = 1usize;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            self.pos += 1;
            match b {
                b'\\' => {
                    // `\bin N` is followed by N raw bytes that may hold braces.
                    if self.bytes[self.pos..].starts_with(b"bin") {
                        self.pos += 3;
                        let n = self.number().unwrap_or(0);
                        if self.bytes.get(self.pos) == Some(&b' ') {
                            self.pos += 1;
                        }
                        self.pos = self.pos.saturating_add(n.max(0) as usize).min(self.bytes.len());
                    } else {
                        self.pos += 1; // an escaped brace or backslash is not a group
                    }
                }
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// A control word's numeric parameter, if any (at most 10 digits count; more are dropped).
    fn number(&mut self) -> Option<i64> {
        let negative = self.bytes.get(self.pos) == Some(&b'-');
        let digits_start = self.pos + usize::from(negative);
        let digits = self.bytes.get(digits_start..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        self.pos = digits_start + digits;
        let used = std::str::from_utf8(&self.bytes[digits_start..digits_start + digits.min(10)]).ok()?;
        let value: i64 = used.parse().ok()?;
        Some(if negative { -value } else { value })
    }
}

/// The code page `\ansicpgN` names, when encoding_rs knows it (single-byte Windows and Mac
/// pages, and the Asian double-byte ones).
fn code_page(n: i64) -> Option<&'static Encoding> {
    let label = match n {
        874 => "windows-874".to_string(),
        932 => "shift_jis".to_string(),
        936 => "gbk".to_string(),
        949 => "euc-kr".to_string(),
        950 => "big5".to_string(),
        1250..=1258 => format!("windows-{n}"),
        10000 => "macintosh".to_string(),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

/// A list label as written (« 1.», «a)», «·» from the Symbol font): the label and a tab, or a
/// bullet and a space, as the .docx reader gives them.
fn label_text(label: &str) -> String {
    let label = label.trim();
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (None, _) => String::new(),
        // Word's bullets: Symbol's · (\'b7), its private-use twin, Courier's «o», Wingdings' §.
        (Some(c), None) if !c.is_alphanumeric() || c == 'o' || ('\u{f000}'..='\u{f0ff}').contains(&c) => "• ".into(),
        _ => format!("{label}\t"),
    }
}

pub(super) fn rtf_text(content: &[u8]) -> Result<String, String> {
    let start = content.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(content.len());
    let start = if content[start..].starts_with(b"\xef\xbb\xbf") { start + 3 } else { start };
    if !content[start..].starts_with(b"{\\rtf") {
        return Err("het bestand begint niet met «{\\rtf» en is dus geen RTF".into());
    }
    let mut r = Reader {
        bytes: content,
        pos: start,
        encoding: WINDOWS_1252,
        out: String::new(),
        label: String::new(),
        pending: Vec::new(),
        high_surrogate: None,
        skip: 0,
    };
    let mut stack: Vec<State> = vec![State { uc: 1, label: false, hidden: false }];
    // Groups opened beyond MAX_DEPTH, sharing the deepest state.
    let mut overflow = 0usize;
    // Just after «{»: the group's first control word may name a destination.
    let mut group_start = false;
    while r.pos < r.bytes.len() {
        let b = r.bytes[r.pos];
        r.pos += 1;
        let state = stack.last().cloned().unwrap_or(State { uc: 1, label: false, hidden: false });
        match b {
            b'{' => {
                r.flush(&state);
                r.skip = 0;
                if stack.len() >= MAX_DEPTH {
                    overflow += 1;
                } else {
                    stack.push(state);
                }
                group_start = true;
                continue;
            }
            b'}' => {
                r.flush(&state);
                r.skip = 0;
                if overflow > 0 {
                    overflow -= 1;
                } else if let Some(closed) = stack.pop() {
                    let outer_is_label = stack.last().is_some_and(|s| s.label);
                    if closed.label && !outer_is_label {
                        let label = label_text(&std::mem::take(&mut r.label));
                        r.out.push_str(&label);
                    }
                    if stack.is_empty() {
                        break; // the document's own group is closed
                    }
                }
            }
            b'\\' => {
                let Some(&next) = r.bytes.get(r.pos) else { break };
                if next.is_ascii_alphabetic() {
                    let word_start = r.pos;
                    let len = r.bytes[r.pos..].iter().take(MAX_WORD).take_while(|b| b.is_ascii_alphabetic()).count();
                    r.pos += len;
                    while r.bytes.get(r.pos).is_some_and(u8::is_ascii_alphabetic) {
                        r.pos += 1; // an over-long word is cut, not a reason to fail
                    }
                    let word = std::str::from_utf8(&r.bytes[word_start..word_start + len]).unwrap_or("");
                    let param = r.number();
                    if r.bytes.get(r.pos) == Some(&b' ') {
                        r.pos += 1;
                    }
                    let at_start = std::mem::take(&mut group_start);
                    if at_start && SKIPPED.contains(&word) {
                        skip_destination(&mut r, &state, &mut stack, &mut overflow);
                        continue;
                    }
                    control_word(&mut r, &mut stack, word, param, &state);
                    continue;
                }
                r.pos += 1;
                let at_start = std::mem::take(&mut group_start);
                match next {
                    b'*' if at_start => {
                        // {\*\destination …}: ignorable by definition.
                        skip_destination(&mut r, &state, &mut stack, &mut overflow);
                    }
                    b'\'' => {
                        let hex = r.bytes.get(r.pos..r.pos + 2).and_then(|h| std::str::from_utf8(h).ok());
                        if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            r.pos += 2;
                            r.byte(v, &state);
                        }
                    }
                    b'\\' | b'{' | b'}' => r.byte(next, &state),
                    b'~' => {
                        r.flush(&state);
                        r.push(' ', &state);
                    }
                    b'_' => {
                        r.flush(&state);
                        r.push('-', &state);
                    }
                    b'\n' | b'\r' => {
                        r.flush(&state);
                        r.push('\n', &state);
                    }
                    b'\t' => {
                        r.flush(&state);
                        r.push('\t', &state);
                    }
                    _ => {} // \- (optional hyphen), \: (index entry), anything else
                }
                continue;
            }
            b'\r' | b'\n' => {} // line ends in RTF source are not text
            _ => r.byte(b, &state),
        }
        group_start = false;
    }
    let state = State { uc: 1, label: false, hidden: false };
    r.flush(&state);
    Ok(r.out)
}

/// Skips the rest of a destination group the text does not need (fonts, pictures, `{\*…}`) and
/// leaves that group: one level of overflow first, else the state pushed when it opened.
fn skip_destination(r: &mut Reader<'_>, state: &State, stack: &mut Vec<State>, overflow: &mut usize) {
    r.flush(state);
    r.skip_group();
    if *overflow > 0 {
        *overflow -= 1;
    } else {
        stack.pop();
    }
}

fn control_word(r: &mut Reader<'_>, stack: &mut [State], word: &str, param: Option<i64>, state: &State) {
    // A control word counts as one fallback character after \uN.
    if r.skip > 0 && word != "u" {
        r.skip -= 1;
        return;
    }
    let text = |r: &mut Reader<'_>, s: &str| {
        r.flush(state);
        r.push_str(s, state);
    };
    match word {
        "par" | "line" | "sect" | "page" => text(r, "\n"),
        "row" => {
            r.flush(state);
            if r.out.ends_with('\t') {
                r.out.pop();
            }
            r.push('\n', state);
        }
        "tab" => text(r, "\t"),
        "cell" | "nestcell" => text(r, "\t"),
        "emdash" => text(r, "—"),
        "endash" => text(r, "–"),
        "lquote" => text(r, "‘"),
        "rquote" => text(r, "’"),
        "ldblquote" => text(r, "“"),
        "rdblquote" => text(r, "”"),
        "bullet" => text(r, "•"),
        "emspace" | "enspace" | "qmspace" => text(r, " "),
        "ansicpg" => {
            if let Some(encoding) = param.and_then(code_page) {
                r.flush(state);
                r.encoding = encoding;
            }
        }
        "mac" => {
            if let Some(encoding) = code_page(10000) {
                r.encoding = encoding;
            }
        }
        "uc" => {
            if let Some(top) = stack.last_mut() {
                top.uc = param.unwrap_or(1).clamp(0, 8) as usize;
            }
        }
        "u" => {
            r.flush(state);
            let Some(n) = param else { return };
            let unit = if n < 0 { (n + 65536) as u16 } else { n.min(65535) as u16 };
            let c = match (r.high_surrogate.take(), unit) {
                (None, 0xD800..=0xDBFF) => {
                    r.high_surrogate = Some(unit);
                    None
                }
                (Some(high), 0xDC00..=0xDFFF) => {
                    char::from_u32(0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00))
                }
                (_, unit) => char::from_u32(u32::from(unit)),
            };
            if let Some(c) = c {
                r.push(c, state);
            }
            r.skip = state.uc;
        }
        "listtext" | "pntext" => {
            r.flush(state);
            if let Some(top) = stack.last_mut() {
                top.label = true;
            }
            r.label.clear();
        }
        // Hidden text and text deleted with tracked changes are not what the letter says;
        // \plain resets the character formatting.
        "v" | "deleted" => {
            r.flush(state);
            if let Some(top) = stack.last_mut() {
                top.hidden = param != Some(0);
            }
        }
        "plain" => {
            r.flush(state);
            if let Some(top) = stack.last_mut() {
                top.hidden = false;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rtf: &str) -> String {
        rtf_text(rtf.as_bytes()).unwrap()
    }

    #[test]
    fn text_escapes_and_code_pages() {
        assert_eq!(
            text(
                r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Calibri;}}{\*\generator Word;}Financi\'ebn: \'80 5\par Tweede\tab regel\line derde}"
            ),
            "Financiën: € 5\nTweede\tregel\nderde"
        );
        // \uN with its fallback skipped (\uc1 by default, \uc0 and \uc2 as given), negative N and
        // surrogate pairs; control words and \'hh count as one fallback character.
        assert_eq!(text(r"{\rtf1 caf\u233?, \uc2\u8364\'80\'80 5, \uc0\u-10179\u-8704 ok}"), "café, € 5, 😀ok");
        assert_eq!(text(r"{\rtf1 a\u8220\ldblquote b}"), "a“b");
        // Central European and Cyrillic code pages.
        assert_eq!(text(r"{\rtf1\ansi\ansicpg1250 \'9ama\'9ee}"), "šmaže");
        assert_eq!(text(r"{\rtf1\ansi\ansicpg1251 \'cf\'f0\'e8}"), "При");
        assert_eq!(text(r"{\rtf1 \{a\} \\ b\~c\_d\-e}"), "{a} \\ b c-de");
    }

    #[test]
    fn destinations_are_skipped_and_list_labels_kept() {
        let rtf = r#"{\rtf1{\info{\title Geheim}{\author X}}{\header Kop}{\footer Voet}{\*\listtable{\list{\leveltext \'02\'00.;}}}
{\listtext\pard\plain \f0 1.\tab}Eerste{\footnote\chftn Voetnoot}.\par
{\listtext\pard\plain \f3\'b7\tab}Opsomming\par
{\pntext\f0 a)\tab}Word 95\par
{\field{\*\fldinst HYPERLINK "x"}{\fldrslt link}} en {\pict\pngblip 89504e47}{\*\shppict{\pict 00}}\v verborgen\v0 zichtbaar\par
\trowd\cellx100\cellx200 A\cell B\cell\row}"#;
        assert_eq!(text(r"{\rtf1 a{\deleted weg}b\deleted c\plain d{\v x}}"), "abd");
        assert_eq!(text(rtf), "1.\tEerste.\n• Opsomming\na)\tWord 95\nlink en zichtbaar\nA\tB\n");
    }

    #[test]
    fn hostile_input_is_bounded() {
        // 100,000 nested groups: no recursion, the text inside still read.
        let deep = format!("{{\\rtf1 {}x{}}}", "{".repeat(100_000), "}".repeat(100_000));
        assert_eq!(text(&deep), "x");
        // Unbalanced, truncated, over-long words and numbers, \bin with a huge count.
        assert_eq!(text("{\\rtf1 a{{{b"), "ab");
        assert_eq!(text(&format!("{{\\rtf1 \\{}123456789012345678901 c}}", "x".repeat(10_000))), "c");
        assert_eq!(text("{\\rtf1 a{\\*\\x \\bin999999999999 }}b"), "a");
        assert_eq!(text("{\\rtf1 \\u99999999999 z}"), "\u{ffff}");
        assert!(rtf_text(b"geen rtf").is_err());
    }
}

//! HTML (.html, .htm): a letter saved from a mail client or a web form. A careful tag scanner of
//! its own (HTML is not XML, and a full HTML5 parser is far more than a letter needs): the text of
//! the body with block elements as lines, table cells separated by a tab and rows as lines,
//! `<ol>`/`<li>` numbering turned into labels (type, start, value, reversed, and the
//! list-style-type of a style attribute; a decimal list in a decimal item as «2.1.»), entities
//! decoded, and script, style, head and comments
//! left out. Linear in the input, no recursion; list nesting beyond `MAX_LISTS` shares the
//! deepest list.

use super::format_number;
use encoding_rs::Encoding;

const MAX_LISTS: usize = 64;

/// Elements whose content is never text.
const RAW: &[&str] = &["script", "style", "head", "title", "template", "noscript", "textarea", "svg", "math"];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "address",
    "hr",
    "center",
    "form",
    "fieldset",
    "figure",
    "figcaption",
    "main",
    "nav",
    "aside",
    "body",
    "html",
];

/// Decodes the bytes of an HTML file: a byte-order mark, else the charset its `<meta>` names,
/// else UTF-8, else Windows-1252 (what browsers assume for Dutch pages without a charset).
fn decode(content: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(content) {
        return encoding.decode_without_bom_handling(&content[bom..]).0.into_owned();
    }
    let head = String::from_utf8_lossy(&content[..content.len().min(4096)]).to_ascii_lowercase();
    if let Some(at) = head.find("charset=") {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
            // A page cannot declare itself UTF-16 in a meta that was read as ASCII.
            if encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE {
                return encoding.decode_without_bom_handling(content).0.into_owned();
            }
        }
    }
    super::plain::utf8_else_windows_1252(content)
}

/// A named character reference: the ones letters use (Latin-1, typography, €), and whether
/// browsers also read it without its «;» (the Latin-1 names and the basic four do).
fn entity(name: &str) -> Option<(char, bool)> {
    const LATIN1: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not",
        "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1",
        "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml",
        "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH",
        "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
        "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
        "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    if let Some(i) = LATIN1.iter().position(|&n| n == name) {
        return char::from_u32(0xA0 + i as u32).map(|c| (c, true));
    }
    if let Some(c) = match name {
        "amp" | "AMP" => Some('&'),
        "lt" | "LT" => Some('<'),
        "gt" | "GT" => Some('>'),
        "quot" | "QUOT" => Some('"'),
        _ => None,
    } {
        return Some((c, true));
    }
    let c = match name {
        "apos" => '\'',
        "euro" => '€',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "bull" => '•',
        "trade" => '™',
        "dagger" => '†',
        "Dagger" => '‡',
        "permil" => '‰',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "Yuml" => 'Ÿ',
        "fnof" => 'ƒ',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "prime" => '′',
        "ensp" | "emsp" | "thinsp" => ' ',
        "zwnj" | "zwj" | "lrm" | "rlm" => '\u{200b}',
        _ => return None,
    };
    Some((c, false))
}

/// A numeric character reference; 128–159 are the Windows-1252 characters, as browsers read them.
fn numeric(value: u32) -> char {
    if (0x80..0xA0).contains(&value) {
        let byte = [value as u8];
        return encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte).0.chars().next().unwrap_or('\u{fffd}');
    }
    match char::from_u32(value) {
        Some('\0') | None => '\u{fffd}',
        Some(c) => c,
    }
}

/// Decodes the character references in `text`.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let name: String = rest[1..].chars().take(32).take_while(|c| c.is_ascii_alphanumeric() || *c == '#').collect();
        let after = &rest[1 + name.len()..];
        let semicolon = after.starts_with(';');
        let c = if let Some(num) = name.strip_prefix('#') {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            value.map(numeric)
        } else {
            entity(&name).filter(|&(_, legacy)| semicolon || legacy).map(|(c, _)| c)
        };
        match c {
            Some(c) => {
                if c != '\u{200b}' {
                    out.push(if c == '\u{a0}' { ' ' } else { c });
                }
                rest = &after[usize::from(semicolon)..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// One open `<ol>` or `<ul>`.
struct List {
    /// `None` for bullets (`<ul>`, list-style-type disc); `Some("")` for no marker.
    format: Option<&'static str>,
    next: i64,
    reversed: bool,
    /// A decimal list inside an item of a decimal list is numbered under it: «2.1.», as the
    /// Word or LibreOffice list it was saved from showed it (a browser shows «1.»).
    prefix: String,
    /// The label of its current item, for a list nested in it.
    current: Option<String>,
}

/// An attribute of a tag's text (`type="a"`, `start=3`, `reversed`), lower-cased names.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut search = 0;
    while let Some(found) = lower[search..].find(name) {
        let at = search + found;
        search = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let raw_after = &lower[at + name.len()..];
        let after = raw_after.trim_start();
        if !before_ok {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            // A bare attribute: `reversed`.
            if raw_after.is_empty() || raw_after.starts_with(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            {
                return Some(String::new());
            }
            continue;
        };
        // Take the value from the original text (its case matters for type="A").
        let offset = tag.len() - value.len();
        let value = tag[offset..].trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or("").to_string(),
            _ => value.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or("").to_string(),
        });
    }
    None
}

/// The numbering format of an `<ol>`: its type attribute, else a list-style-type in its style.
fn list_format(tag: &str, ordered: bool) -> Option<&'static str> {
    let style = attribute(tag, "style").unwrap_or_default().to_ascii_lowercase().replace(' ', "");
    if let Some(at) = style.find("list-style-type:").or_else(|| style.find("list-style:")) {
        let value = style[at..].split(':').nth(1).unwrap_or("");
        let value = value.split([';', '!']).next().unwrap_or("");
        for (css, format) in [
            ("lower-alpha", Some("lowerLetter")),
            ("lower-latin", Some("lowerLetter")),
            ("upper-alpha", Some("upperLetter")),
            ("upper-latin", Some("upperLetter")),
            ("lower-roman", Some("lowerRoman")),
            ("upper-roman", Some("upperRoman")),
            ("decimal", Some("decimal")),
            ("none", Some("")),
            ("disc", None),
            ("circle", None),
            ("square", None),
        ] {
            if value.starts_with(css) {
                return format;
            }
        }
    }
    if !ordered {
        return None;
    }
    Some(match attribute(tag, "type").as_deref() {
        Some("a") => "lowerLetter",
        Some("A") => "upperLetter",
        Some("i") => "lowerRoman",
        Some("I") => "upperRoman",
        _ => "decimal",
    })
}

struct Writer {
    out: String,
    /// Whitespace seen but not yet written (collapsed to one space before the next word).
    space: bool,
    pre: usize,
    /// A list label was written and its text has not come yet: a <p> inside the <li> does not
    /// start another line.
    after_label: bool,
}

impl Writer {
    fn text(&mut self, text: &str) {
        let text = decode_entities(text);
        if self.pre > 0 {
            self.out.push_str(&text);
            return;
        }
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.at_line_start() {
                self.out.push(' ');
            }
            self.space = false;
            self.after_label = false;
            self.out.push_str(word);
        }
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with(['\n', '\t'])
    }

    /// Ends the current line, if it has anything.
    fn line(&mut self) {
        if self.after_label {
            return;
        }
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
        self.space = false;
        self.after_label = false;
    }

    fn label(&mut self, label: &str) {
        self.push(label);
        self.after_label = true;
    }
}

pub(super) fn html_text(content: &[u8]) -> String {
    let html = decode(content);
    let lower = html.to_ascii_lowercase();
    let mut w = Writer { out: String::new(), space: false, pre: 0, after_label: false };
    let mut lists: Vec<List> = Vec::new();
    let mut overflow = 0usize;
    let mut pos = 0;
    while pos < html.len() {
        let Some(lt) = html[pos..].find('<').map(|i| pos + i) else {
            w.text(&html[pos..]);
            break;
        };
        w.text(&html[pos..lt]);
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            pos = html[lt + 4..].find("-->").map_or(html.len(), |i| lt + 4 + i + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            // A doctype, Word's <![if !supportLists]> markers, a processing instruction.
            pos = html[lt..].find('>').map_or(html.len(), |i| lt + i + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name: String = lower[name_start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // «a < b»: not a tag.
            w.text("<");
            pos = lt + 1;
            continue;
        }
        // The tag ends at the first «>» outside quotes.
        let mut end = name_start + name.len();
        let mut quote: Option<u8> = None;
        let bytes = html.as_bytes();
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            end += 1;
        }
        let tag = &html[lt..end.min(html.len())];
        pos = (end + 1).min(html.len());
        let name = name.as_str();
        if !closing && RAW.contains(&name) && !tag.ends_with('/') {
            // Skip to its end tag.
            let close = format!("</{name}");
            pos = lower[pos..].find(&close).map_or(html.len(), |i| pos + i);
            pos = html[pos..].find('>').map_or(html.len(), |i| pos + i + 1);
            continue;
        }
        match (name, closing) {
            ("br", _) => {
                w.after_label = false;
                while w.out.ends_with(' ') {
                    w.out.pop();
                }
                w.push("\n");
            }
            // A cell after another on its row: a tab between them.
            ("td" | "th", false) if !w.out.is_empty() && !w.out.ends_with(['\n', '\t']) => w.push("\t"),
            ("pre", ends) => {
                w.line();
                w.pre = if ends { w.pre.saturating_sub(1) } else { w.pre + 1 };
            }
            ("ol" | "ul", false) => {
                w.line();
                let ordered = name == "ol";
                let format = list_format(tag, ordered);
                let reversed = ordered && attribute(tag, "reversed").is_some();
                let start = attribute(tag, "start").and_then(|s| s.trim().parse::<i64>().ok());
                let prefix = match (format, lists.last()) {
                    (Some("decimal"), Some(List { format: Some("decimal"), current: Some(outer), .. })) => {
                        format!("{outer}.")
                    }
                    _ => String::new(),
                };
                if lists.len() >= MAX_LISTS {
                    overflow += 1;
                } else {
                    lists.push(List { format, next: start.unwrap_or(1), reversed, prefix, current: None });
                }
            }
            ("ol" | "ul", true) => {
                w.line();
                if overflow > 0 {
                    overflow -= 1;
                } else {
                    lists.pop();
                }
            }
            ("li", false) => {
                w.after_label = false; // an empty item still ends
                w.line();
                let value = attribute(tag, "value").and_then(|v| v.trim().parse::<i64>().ok());
                match lists.last_mut() {
                    Some(List { format: Some(format), next, reversed, prefix, current }) => {
                        let n = value.unwrap_or(*next);
                        *next = if *reversed { n.saturating_sub(1) } else { n.saturating_add(1) };
                        if !format.is_empty() {
                            let shown = u32::try_from(n).map_or_else(|_| n.to_string(), |n| format_number(n, format));
                            let shown = format!("{prefix}{shown}");
                            w.label(&format!("{shown}.\t"));
                            *current = Some(shown);
                        }
                    }
                    _ => w.label("• "),
                }
            }
            _ if BLOCKS.contains(&name) => w.line(),
            _ => {}
        }
    }
    w.line();
    w.out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_become_labels() {
        let html = r#"<ol><li>Een</li><li>Twee<ol type="a"><li>sub a<li>sub b</ol></li>
            <li value="7">Zeven</li></ol><ol start="3" style="list-style-type: upper-roman"><li>Drie</ol>
            <ol reversed start=2><li>Twee<li>Een</ol><ul><li>Punt</li></ul><ol style="list-style:none"><li>Geen</ol>"#;
        assert_eq!(
            html_text(html.as_bytes()),
            "1.\tEen\n2.\tTwee\na.\tsub a\nb.\tsub b\n7.\tZeven\nIII.\tDrie\n2.\tTwee\n1.\tEen\n• Punt\nGeen\n"
        );
        // LibreOffice saves Word's 2.1 numbering as a decimal list in a decimal item.
        let html = "<ol><li>Een<li>Twee<ol><li>Sub<li>Sub<ol type=a><li>x</ol></ol><li>Drie</ol>";
        assert_eq!(html_text(html.as_bytes()), "1.\tEen\n2.\tTwee\n2.1.\tSub\n2.2.\tSub\na.\tx\n3.\tDrie\n");
    }

    #[test]
    fn text_blocks_tables_and_entities() {
        let html = "<!DOCTYPE html><html><head><title>Titel</title><style>p{x:1}</style><script>if (a<b) {}</script></head>\
            <body><!-- opmerking --><p>Geacht&nbsp;bestuur,</p><div>De   raad\n van\tde gemeente &amp; &euro;&#8364;&#x20AC;&#128; \
            &ldquo;zo&rdquo; &eacute;&euml; &onbekend; a < b &copy</div>regel<br>twee<br/>drie\
            <table><tr><td>1.</td><td>Punt in een tabel</td></tr><tr><th>Kop</th><td>x</td></tr></table>\
            <pre>  vaste\n  opmaak</pre><p><![if !supportLists]>2.&nbsp;&nbsp;<![endif]>Word-lijst</p></body></html>";
        assert_eq!(
            html_text(html.as_bytes()),
            "Geacht bestuur,\nDe raad van de gemeente & €€€€ “zo” éë &onbekend; a < b ©\nregel\ntwee\ndrie\n\
             1.\tPunt in een tabel\nKop\tx\n  vaste\n  opmaak\n2. Word-lijst\n"
        );
    }

    #[test]
    fn encodings_from_the_meta_tag() {
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("<meta charset=\"windows-1252\"><p>Financiën €</p>");
        assert_eq!(html_text(&latin), "Financiën €\n");
        let (latin, _, _) = encoding_rs::WINDOWS_1252
            .encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>één</p>");
        assert_eq!(html_text(&latin), "één\n");
        assert_eq!(html_text("<p>Financiën</p>".as_bytes()), "Financiën\n");
        assert_eq!(html_text(b"<p>Financi\xebn</p>"), "Financiën\n");
    }

    #[test]
    fn hostile_html_is_bounded() {
        let deep = format!("{}<li>Diep{}", "<ol>".repeat(100_000), "</ol>".repeat(100_000));
        assert_eq!(html_text(deep.as_bytes()), "1.\tDiep\n");
        assert_eq!(html_text(b"<p>open <a href=\"x>y"), "open\n");
        assert_eq!(html_text(b"<script>nooit gesloten"), "\n");
        assert_eq!(html_text(b"<ol start=99999999999999999999><li>x</ol>"), "1.\tx\n");
        assert_eq!(html_text(b"<ol start=-5 type=a><li>x</ol>"), "-5.\tx\n");
    }
}

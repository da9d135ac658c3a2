//! OpenDocument text (.odt, and the single-file .fodt): the paragraphs and headings of
//! content.xml, table rows as lines, and the automatic list numbering (text:list with the list
//! styles of content.xml and styles.xml, the outline numbering of headings) turned into the
//! labels a reader sees, as the .docx reader does for Word's numbering.
//!
//! Elements are matched by their usual prefixes (office:, text:, style:, table:, draw:), which
//! LibreOffice, Word, Google Docs and every other producer we know write.

use super::{attr_unescaped, format_number, push_reference, read_part};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// ODF has ten list levels; a list nested deeper is numbered at the tenth.
const LEVELS: usize = 10;
/// `<text:s text:c="…"/>` is a run of spaces; a hostile count must not become a gigabyte.
const MAX_SPACES: usize = 100;

/// How one list level shows its number.
#[derive(Debug, Clone, Default)]
enum LevelStyle {
    /// `text:list-level-style-number`: format «1», «a», «A», «i», «I» or «» (no number).
    Number {
        format: String,
        prefix: String,
        suffix: String,
        display_levels: usize,
        start: u32,
        letter_sync: bool,
    },
    Bullet,
    #[default]
    Nothing,
}

type ListStyle = [LevelStyle; LEVELS];

#[derive(Debug, Default)]
struct Styles {
    lists: HashMap<String, ListStyle>,
    /// Paragraph style → (parent style, list style).
    paragraphs: HashMap<String, (Option<String>, Option<String>)>,
    outline: Option<ListStyle>,
}

impl Styles {
    /// Reads the list, outline and paragraph styles of styles.xml or content.xml (its automatic
    /// styles), or of a whole flat .fodt.
    fn read(&mut self, xml: &str, part: &str) -> Result<(), String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        // The list style being read: Some(name), or None for the outline style.
        let mut current: Option<Option<String>> = None;
        loop {
            let event = reader.read_event().map_err(|_| format!("{part} is geen geldige XML"))?;
            let (e, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) if matches!(e.name().as_ref(), "text:list-style" | "text:outline-style") => {
                    current = None;
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            match e.name().as_ref() {
                "style:style" if attr_unescaped(e, "style:family").as_deref() == Some("paragraph") => {
                    if let Some(name) = attr_unescaped(e, "style:name") {
                        let parent = attr_unescaped(e, "style:parent-style-name");
                        let list = attr_unescaped(e, "style:list-style-name").filter(|l| !l.is_empty());
                        self.paragraphs.insert(name, (parent, list));
                    }
                }
                "text:list-style" if !empty => {
                    let name = attr_unescaped(e, "style:name").unwrap_or_default();
                    self.lists.insert(name.clone(), Default::default());
                    current = Some(Some(name));
                }
                "text:outline-style" if !empty => {
                    self.outline = Some(Default::default());
                    current = Some(None);
                }
                name @ ("text:list-level-style-number"
                | "text:list-level-style-bullet"
                | "text:list-level-style-image"
                | "text:outline-level-style") => {
                    let Some(list) = &current else { continue };
                    let style = match list {
                        Some(name) => self.lists.get_mut(name),
                        None => self.outline.as_mut(),
                    };
                    let Some(style) = style else { continue };
                    let level = attr_unescaped(e, "text:level").and_then(|l| l.parse::<usize>().ok()).unwrap_or(1);
                    let Some(slot) = style.get_mut(level.clamp(1, LEVELS) - 1) else { continue };
                    *slot = if name.ends_with("number") || name == "text:outline-level-style" {
                        LevelStyle::Number {
                            format: attr_unescaped(e, "style:num-format").unwrap_or_default(),
                            prefix: attr_unescaped(e, "style:num-prefix").unwrap_or_default(),
                            suffix: attr_unescaped(e, "style:num-suffix").unwrap_or_default(),
                            display_levels: attr_unescaped(e, "text:display-levels")
                                .and_then(|d| d.parse().ok())
                                .unwrap_or(1usize)
                                .clamp(1, level.clamp(1, LEVELS)),
                            start: attr_unescaped(e, "text:start-value").and_then(|s| s.parse().ok()).unwrap_or(1),
                            letter_sync: attr_unescaped(e, "style:num-letter-sync").as_deref() == Some("true"),
                        }
                    } else {
                        LevelStyle::Bullet
                    };
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The list style a paragraph style carries (following its parents).
    fn list_of_paragraph(&self, style: &str) -> Option<String> {
        let mut current = Some(style.to_string());
        for _ in 0..16 {
            let (parent, list) = self.paragraphs.get(current.as_deref()?)?;
            if list.is_some() {
                return list.clone();
            }
            current = parent.clone();
        }
        None
    }
}

/// A number in an ODF format. Letters count on as «aa, ab» unless the level synchronises them
/// («aa, bb», as Word does).
fn odf_number(n: u32, format: &str, letter_sync: bool) -> String {
    let word_format = match format {
        "a" => "lowerLetter",
        "A" => "upperLetter",
        "i" => "lowerRoman",
        "I" => "upperRoman",
        _ => "decimal",
    };
    if matches!(format, "a" | "A") && !letter_sync && n > 26 && n <= 26 * 27 {
        let n = n - 1;
        let s: String = [(b'a' + (n / 26 - 1) as u8) as char, (b'a' + (n % 26) as u8) as char].iter().collect();
        return if format == "A" { s.to_uppercase() } else { s };
    }
    format_number(n, word_format)
}

/// The label of the item counted at `level` of a list with these counters.
fn label(style: &ListStyle, counters: &[Option<u32>; LEVELS], level: usize) -> Option<String> {
    match style.get(level)? {
        LevelStyle::Bullet => Some("•".into()),
        LevelStyle::Nothing => None,
        LevelStyle::Number { format, prefix, suffix, display_levels, .. } => {
            let mut parts = Vec::new();
            for l in (level + 1 - display_levels.min(&(level + 1)))..=level {
                if let LevelStyle::Number { format, start, letter_sync, .. } = &style[l] {
                    if !format.is_empty() {
                        parts.push(odf_number(counters[l].unwrap_or(*start), format, *letter_sync));
                    }
                }
            }
            if format.is_empty() && prefix.is_empty() && suffix.is_empty() {
                return None;
            }
            Some(format!("{prefix}{}{suffix}", parts.join(".")))
        }
    }
}

/// Counts the next item at `level` (or restarts it at `start_value`) and forgets the deeper levels.
fn count(counters: &mut [Option<u32>; LEVELS], style: Option<&ListStyle>, level: usize, start_value: Option<u32>) {
    let start = match style.and_then(|s| s.get(level)) {
        Some(LevelStyle::Number { start, .. }) => *start,
        _ => 1,
    };
    counters[level] = Some(match start_value {
        Some(v) => v,
        None => counters[level].map_or(start, |c| c.saturating_add(1)),
    });
    for deeper in counters.iter_mut().skip(level + 1) {
        *deeper = None;
    }
}

/// One open `text:list`.
struct OpenList {
    /// Index into the logical lists (a list continued by another shares its counters).
    logical: usize,
    /// Its own `text:style-name`.
    own_style: Option<String>,
    /// The style of the list it is nested in.
    outer_style: Option<String>,
}

/// One open `text:list-item` or `text:list-header`.
struct OpenItem {
    numbered: bool,
    header: bool,
    start_value: Option<u32>,
}

struct Paragraph {
    text: String,
    label: Option<String>,
}

/// The text of an OpenDocument file: a zip with content.xml (and styles.xml).
pub(super) fn odt_text(content: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(content))
        .map_err(|_| "het bestand is geen OpenDocument-tekst (geen leesbaar zip-archief)".to_string())?;
    let xml = read_part(&mut archive, "content.xml")?
        .ok_or_else(|| "het zip-archief bevat geen tekstdocument (content.xml ontbreekt)".to_string())?;
    let styles = read_part(&mut archive, "styles.xml")?;
    let mut all = Styles::default();
    if let Some(styles) = &styles {
        all.read(styles, "styles.xml")?;
    }
    all.read(&xml, "content.xml")?;
    body_text(&xml, "content.xml", &all)
}

/// The text of a flat OpenDocument file (.fodt): styles and body in one XML document.
pub(super) fn fodt_text(content: &[u8]) -> Result<String, String> {
    let xml = std::str::from_utf8(content).map_err(|_| "het bestand is geen geldige XML (geen UTF-8)".to_string())?;
    let mut all = Styles::default();
    all.read(xml, "het document")?;
    body_text(xml, "het document", &all)
}

/// Elements whose content is not part of the letter's running text: comments, footnotes (their
/// citation would stick to a word), deleted text of tracked changes, cached list numbers (the
/// label is computed from the list), alt texts of images, declarations and forms.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "office:annotation"
            | "text:note"
            | "text:tracked-changes"
            | "text:number"
            | "svg:title"
            | "svg:desc"
            | "text:sequence-decls"
            | "text:variable-decls"
            | "text:user-field-decls"
            | "office:forms"
            | "draw:image"
            | "text:ruby-text"
    )
}

fn body_text(xml: &str, part: &str, styles: &Styles) -> Result<String, String> {
    let bad = || format!("{part} is geen geldige XML");
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let mut in_body = false;
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut lists: Vec<OpenList> = Vec::new();
    let mut items: Vec<OpenItem> = Vec::new();
    // Counters of each logical list; a list's xml:id names its logical list for text:continue-list.
    let mut counters: Vec<[Option<u32>; LEVELS]> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut outline: [Option<u32>; LEVELS] = [None; LEVELS];
    // Open table rows, each with its cells so far (tables may nest).
    let mut rows: Vec<Vec<String>> = Vec::new();

    // Where a finished paragraph (or row) goes: the innermost open table cell, the paragraph it
    // is anchored in (a text box is given before it), or the output.
    fn emit(line: String, rows: &mut [Vec<String>], out: &mut String) {
        if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
            if !cell.is_empty() && !line.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&line);
        } else {
            out.push_str(&line);
            out.push('\n');
        }
    }

    loop {
        let event = reader.read_event().map_err(|_| bad())?;
        let (e, empty): (&BytesStart<'_>, bool) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.name().as_ref() {
                    "office:body" => in_body = false,
                    "text:p" | "text:h" => {
                        if let Some(p) = paragraphs.pop() {
                            emit(paragraph_line(p), &mut rows, &mut out);
                        }
                    }
                    "text:list" => {
                        lists.pop();
                    }
                    "text:list-item" | "text:list-header" => {
                        items.pop();
                    }
                    "table:table-row" => {
                        if let Some(cells) = rows.pop() {
                            let line = cells.join("\t").trim_end().to_string();
                            emit(line, &mut rows, &mut out);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            Event::Text(t) => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
                continue;
            }
            Event::GeneralRef(r) => {
                if let Some(p) = paragraphs.last_mut() {
                    push_reference(&mut p.text, r);
                }
                continue;
            }
            Event::CData(t) => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
                continue;
            }
            Event::Eof if in_body || !paragraphs.is_empty() => {
                return Err(format!("{part} is afgebroken (het document houdt halverwege op)"));
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.name();
        let name = name.as_ref();
        if name == "office:body" && !empty {
            in_body = true;
            continue;
        }
        if !in_body {
            continue;
        }
        if skipped(name) {
            if !empty {
                reader.read_to_end(e.name()).map_err(|_| bad())?;
            }
            continue;
        }
        match name {
            "text:p" | "text:h" => {
                let mut shown = None;
                let in_item = items.last().is_some_and(|i| !i.header && !i.numbered);
                if in_item && !lists.is_empty() {
                    // The first paragraph of a list item carries its number.
                    let level = (lists.len() - 1).min(LEVELS - 1);
                    let list = lists.last().map(|l| (l.logical, l.own_style.clone(), l.outer_style.clone()));
                    if let (Some((logical, own_style, outer_style)), Some(item)) = (list, items.last_mut()) {
                        item.numbered = true;
                        // The list's own style, else the one its paragraph style names (LibreOffice
                        // writes nested lists without a style and gives every paragraph in a list
                        // a style naming it), else the style of the list it is nested in.
                        let style_name = own_style
                            .or_else(|| attr_unescaped(e, "text:style-name").and_then(|p| styles.list_of_paragraph(&p)))
                            .or(outer_style);
                        let style = style_name.and_then(|s| styles.lists.get(&s));
                        if let Some(c) = counters.get_mut(logical) {
                            count(c, style, level, item.start_value);
                            shown = style.and_then(|s| label(s, c, level));
                        }
                    }
                } else if name == "text:h" && items.is_empty() {
                    // A heading outside a list: the outline numbering (1, 1.1, …) when it has one.
                    let level = attr_unescaped(e, "text:outline-level").and_then(|l| l.parse::<usize>().ok());
                    let header = attr_unescaped(e, "text:is-list-header").as_deref() == Some("true");
                    if let (Some(level), Some(style), false) = (level, &styles.outline, header) {
                        let level = level.clamp(1, LEVELS) - 1;
                        let restart = attr_unescaped(e, "text:restart-numbering").as_deref() == Some("true");
                        let start = attr_unescaped(e, "text:start-value").and_then(|v| v.parse().ok());
                        count(&mut outline, Some(style), level, if restart { start.or(Some(1)) } else { start });
                        shown = label(style, &outline, level);
                    }
                }
                let p = Paragraph { text: String::new(), label: shown };
                if empty {
                    emit(paragraph_line(p), &mut rows, &mut out);
                } else {
                    paragraphs.push(p);
                }
            }
            "text:list" if !empty => {
                let own_style = attr_unescaped(e, "text:style-name");
                let list = match lists.last() {
                    // A nested list counts on in its outer list, one level deeper.
                    Some(outer) => OpenList {
                        logical: outer.logical,
                        own_style,
                        outer_style: outer.own_style.clone().or_else(|| outer.outer_style.clone()),
                    },
                    None => {
                        let continued = attr_unescaped(e, "text:continue-list").and_then(|id| ids.get(&id).copied());
                        let continues = attr_unescaped(e, "text:continue-numbering").as_deref() == Some("true");
                        let logical = match continued {
                            Some(logical) => logical,
                            None if continues && !counters.is_empty() => counters.len() - 1,
                            None => {
                                counters.push([None; LEVELS]);
                                counters.len() - 1
                            }
                        };
                        OpenList { logical, own_style, outer_style: None }
                    }
                };
                if let Some(id) = attr_unescaped(e, "xml:id") {
                    ids.insert(id, list.logical);
                }
                lists.push(list);
            }
            "text:list-item" | "text:list-header" if !empty => items.push(OpenItem {
                numbered: false,
                header: name == "text:list-header",
                start_value: attr_unescaped(e, "text:start-value").and_then(|v| v.parse().ok()),
            }),
            "table:table-row" if !empty => rows.push(Vec::new()),
            "table:table-cell" => {
                if let Some(row) = rows.last_mut() {
                    row.push(String::new());
                }
            }
            "text:s" => {
                if let Some(p) = paragraphs.last_mut() {
                    let n = attr_unescaped(e, "text:c").and_then(|c| c.parse::<usize>().ok()).unwrap_or(1);
                    p.text.extend(std::iter::repeat_n(' ', n.min(MAX_SPACES)));
                }
            }
            "text:tab" => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text.push('\t');
                }
            }
            "text:line-break" => {
                if let Some(p) = paragraphs.last_mut() {
                    p.text.push('\n');
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

fn paragraph_line(p: Paragraph) -> String {
    match p.label.filter(|l| !l.is_empty() && !p.text.trim().is_empty()) {
        Some(label) if label == "•" => format!("• {}", p.text),
        Some(label) => format!("{label}\t{}", p.text),
        None => p.text,
    }
}

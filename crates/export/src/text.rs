//! The text of a document, for importing a council letter: plain text, Word (.docx) and the
//! text layer of a PDF.

use bestuursmap_core::zienswijzen::parse::to_roman;
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// The most a single part of a .docx may unpack to. A letter's `document.xml` is a few hundred
/// kilobytes; a zip bomb of 1 MB that unpacks to 1 GB is refused while reading, not after.
pub const MAX_DOCX_PART: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("'{0}' is geen geldige UTF-8-tekst. Sla het bestand op als UTF-8 of gebruik .docx of .pdf.")]
    NotUtf8(String),
    #[error("'{0}' is geen leesbaar Word-document (.docx): {1}")]
    BadDocx(String, String),
    #[error("De tekst van '{0}' kon niet uit de PDF worden gehaald: {1}")]
    BadPdf(String, String),
    #[error("Bestandstype van '{0}' wordt niet ondersteund. Gebruik .txt, .docx of .pdf.")]
    Unsupported(String),
    #[error("'{0}' bevat geen tekst.")]
    Empty(String),
    #[error("'{0}' bevat geen tekst die gelezen kan worden (waarschijnlijk een scan of afbeeldingen). Plak de tekst van de brief of gebruik het Word-bestand.")]
    NoTextLayer(String),
}

pub fn extract_text(file_name: &str, content: &[u8]) -> Result<String, TextError> {
    let lower = file_name.to_ascii_lowercase();
    let text = if lower.ends_with(".txt") || lower.ends_with(".md") {
        let text = std::str::from_utf8(content).map_err(|_| TextError::NotUtf8(file_name.into()))?;
        text.trim_start_matches('\u{feff}').replace("\r\n", "\n").replace('\r', "\n")
    } else if lower.ends_with(".docx") {
        docx_text(content).map_err(|e| TextError::BadDocx(file_name.into(), e))?
    } else if lower.ends_with(".pdf") {
        let text = pdf_text(content).map_err(|e| TextError::BadPdf(file_name.into(), e))?;
        if text.trim().is_empty() {
            return Err(TextError::NoTextLayer(file_name.into()));
        }
        text
    } else {
        return Err(TextError::Unsupported(file_name.into()));
    };
    if text.trim().is_empty() {
        return Err(TextError::Empty(file_name.into()));
    }
    Ok(text)
}

/// Checks that a file is what its name says before it is stored as an attachment: a .docx must
/// be a Word document (a plain zip is refused) and unpack within bounds.
pub fn check_document(file_name: &str, content: &[u8]) -> Result<(), TextError> {
    if file_name.to_ascii_lowercase().ends_with(".docx") {
        docx_text(content).map_err(|e| TextError::BadDocx(file_name.into(), e))?;
    }
    Ok(())
}

/// Reads one part of the zip, with a running bound on what it unpacks to. `Ok(None)` when the
/// part is absent.
fn read_part<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(format!("het onderdeel {name} is beschadigd")),
    };
    let too_big = || format!("het onderdeel {name} is uitgepakt groter dan {} MB", MAX_DOCX_PART / (1024 * 1024));
    if file.size() > MAX_DOCX_PART {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_DOCX_PART + 1).read_to_end(&mut bytes).map_err(|_| format!("het onderdeel {name} is beschadigd"))?;
    if bytes.len() as u64 > MAX_DOCX_PART {
        return Err(too_big());
    }
    String::from_utf8(bytes).map(Some).map_err(|_| format!("het onderdeel {name} is geen geldige XML"))
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| a.value.into_owned())
}

/// One level of a Word list: its number format («decimal», «lowerLetter», …), the text Word shows
/// («%1.», «%1.%2», «%2)») and where it starts.
#[derive(Debug, Clone, Default)]
struct ListLevel {
    format: String,
    text: String,
    start: u32,
}

/// A paragraph style's numbering: (basedOn, numId, ilvl).
type StyleNumbering = (Option<String>, Option<String>, Option<u8>);

/// Word's automatic numbering: the list numbers are not in the text but in `numbering.xml`
/// (abstract lists with their levels, and list instances that may restart them) and in the
/// paragraph styles of `styles.xml`.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, ListLevel>>,
    /// numId → (abstractNumId, start overrides per level)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    styles: HashMap<String, StyleNumbering>,
    counters: HashMap<String, [Option<u32>; 9]>,
    used_nums: HashSet<String>,
}

impl Numbering {
    fn read(numbering_xml: Option<&str>, styles_xml: Option<&str>) -> Result<Self, String> {
        use quick_xml::events::Event;
        let mut n = Numbering::default();
        if let Some(xml) = numbering_xml {
            let mut reader = quick_xml::Reader::from_str(xml);
            let (mut abstract_id, mut level, mut num_id, mut override_level) =
                (None::<String>, None::<u8>, None::<String>, None::<u8>);
            loop {
                let event = reader.read_event().map_err(|_| "numbering.xml is geen geldige XML".to_string())?;
                let (e, empty) = match &event {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    Event::End(e) => {
                        match e.name().as_ref() {
                            "w:abstractNum" => abstract_id = None,
                            "w:lvl" => level = None,
                            "w:num" => num_id = None,
                            "w:lvlOverride" => override_level = None,
                            _ => {}
                        }
                        continue;
                    }
                    Event::Eof => break,
                    _ => continue,
                };
                let val = || attr(e, "w:val");
                match e.name().as_ref() {
                    "w:abstractNum" if !empty => abstract_id = attr(e, "w:abstractNumId"),
                    "w:num" if !empty => num_id = attr(e, "w:numId"),
                    "w:lvlOverride" if !empty => override_level = attr(e, "w:ilvl").and_then(|v| v.parse().ok()),
                    "w:lvl" if !empty && num_id.is_none() => level = attr(e, "w:ilvl").and_then(|v| v.parse().ok()),
                    "w:abstractNumId" => {
                        if let (Some(num), Some(v)) = (&num_id, val()) {
                            n.nums.entry(num.clone()).or_default().0 = v;
                        }
                    }
                    "w:startOverride" => {
                        if let (Some(num), Some(l), Some(v)) =
                            (&num_id, override_level, val().and_then(|v| v.parse().ok()))
                        {
                            n.nums.entry(num.clone()).or_default().1.insert(l, v);
                        }
                    }
                    key @ ("w:start" | "w:numFmt" | "w:lvlText") => {
                        if let (Some(a), Some(l), Some(v)) = (&abstract_id, level, val()) {
                            let lvl = n
                                .abstracts
                                .entry(a.clone())
                                .or_default()
                                .entry(l)
                                .or_insert_with(|| ListLevel { start: 1, ..Default::default() });
                            match key {
                                "w:start" => lvl.start = v.parse().unwrap_or(1),
                                "w:numFmt" => lvl.format = v,
                                _ => lvl.text = v,
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(xml) = styles_xml {
            let mut reader = quick_xml::Reader::from_str(xml);
            let mut style: Option<String> = None;
            loop {
                let event = reader.read_event().map_err(|_| "styles.xml is geen geldige XML".to_string())?;
                match &event {
                    Event::Start(e) if e.name().as_ref() == "w:style" => style = attr(e, "w:styleId"),
                    Event::End(e) if e.name().as_ref() == "w:style" => style = None,
                    Event::Start(e) | Event::Empty(e) => {
                        let Some(id) = &style else { continue };
                        let entry = n.styles.entry(id.clone()).or_default();
                        match e.name().as_ref() {
                            "w:basedOn" => entry.0 = attr(e, "w:val"),
                            "w:numId" => entry.1 = attr(e, "w:val"),
                            "w:ilvl" => entry.2 = attr(e, "w:val").and_then(|v| v.parse().ok()),
                            _ => {}
                        }
                    }
                    Event::Eof => break,
                    _ => {}
                }
            }
        }
        Ok(n)
    }

    /// The numbering a paragraph gets from its style (following `basedOn`).
    fn of_style(&self, style: &str) -> (Option<String>, Option<u8>) {
        let (mut num, mut lvl) = (None, None);
        let mut current = Some(style.to_string());
        for _ in 0..16 {
            let Some(id) = current else { break };
            let Some((based_on, s_num, s_lvl)) = self.styles.get(&id) else { break };
            num = num.or_else(|| s_num.clone());
            lvl = lvl.or(*s_lvl);
            current = based_on.clone();
        }
        (num, lvl)
    }

    /// The label Word shows for the next paragraph of list `num_id` at level `ilvl`, counting it.
    fn label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(8);
        let (abstract_id, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abstract_id)?.clone();
        let level = levels.get(&ilvl)?.clone();
        let counters = self.counters.entry(abstract_id).or_insert([None; 9]);
        // A list instance with a start override restarts the list the first time it is used.
        if self.used_nums.insert(num_id.to_string()) {
            for (&l, &start) in &overrides {
                if let Some(c) = counters.get_mut(l as usize) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let i = ilvl as usize;
        counters[i] = Some(counters[i].map_or(level.start, |c| c.saturating_add(1)));
        for deeper in counters.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        match level.format.as_str() {
            "bullet" => return Some("•".into()),
            "none" => return (!level.text.is_empty() && !level.text.contains('%')).then(|| level.text.clone()),
            _ => {}
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d)) {
                    chars.next();
                    let l = (d - 1) as u8;
                    let fmt = levels.get(&l).map(|x| x.format.as_str()).unwrap_or("decimal");
                    let start = levels.get(&l).map_or(1, |x| x.start);
                    let value = counters[l as usize].unwrap_or(start);
                    out.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        Some(out)
    }
}

fn format_number(n: u32, format: &str) -> String {
    let letters = |upper: bool| {
        // a … z, aa … zz (as Word counts on).
        let n = n.max(1) - 1;
        let c = (b'a' + (n % 26) as u8) as char;
        let s: String = std::iter::repeat_n(c, (n / 26 + 1) as usize).collect();
        if upper {
            s.to_uppercase()
        } else {
            s
        }
    };
    // A hostile start value (4 000 000 000) must not become a string of millions of letters.
    match format {
        "lowerLetter" if n <= 26 * 30 => letters(false),
        "upperLetter" if n <= 26 * 30 => letters(true),
        "lowerRoman" if n < 4000 => to_roman(n).to_lowercase(),
        "upperRoman" if n < 4000 => to_roman(n),
        "decimalZero" if n < 10 => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Paragraphs of word/document.xml, one per line, each with the list label Word shows in front
/// («2.1», «a.», «I.») followed by a tab; tabs and breaks kept.
fn docx_text(content: &[u8]) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(content))
        .map_err(|_| "het bestand is geen Word-document (geen leesbaar zip-archief)".to_string())?;
    let xml = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "het zip-archief bevat geen Word-document (word/document.xml ontbreekt)".to_string())?;
    let numbering = read_part(&mut archive, "word/numbering.xml")?;
    let styles = read_part(&mut archive, "word/styles.xml")?;
    let mut numbering = Numbering::read(numbering.as_deref(), styles.as_deref())?;

    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let (mut in_text, mut in_ppr) = (false, false);
    let (mut style, mut num_id, mut ilvl): (Option<String>, Option<String>, Option<u8>) = (None, None, None);
    loop {
        let event = reader.read_event().map_err(|_| "word/document.xml is geen geldige XML".to_string())?;
        match event {
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                paragraph.clear();
                (style, num_id, ilvl) = (None, None, None);
            }
            Event::Start(e) if e.name().as_ref() == "w:pPr" => in_ppr = true,
            Event::End(e) if e.name().as_ref() == "w:pPr" => in_ppr = false,
            Event::Start(e) | Event::Empty(e) if in_ppr => match e.name().as_ref() {
                "w:pStyle" => style = attr(&e, "w:val"),
                "w:numId" => num_id = attr(&e, "w:val"),
                "w:ilvl" => ilvl = attr(&e, "w:val").and_then(|v| v.parse().ok()),
                _ => {}
            },
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => {
                let (style_num, style_lvl) = style.as_deref().map(|s| numbering.of_style(s)).unwrap_or_default();
                let num = num_id.clone().or(style_num).filter(|n| n != "0");
                let label = num.and_then(|num| numbering.label(&num, ilvl.or(style_lvl).unwrap_or(0)));
                if let Some(label) = label.filter(|l| !l.is_empty() && !paragraph.trim().is_empty()) {
                    out.push_str(&label);
                    out.push(if label == "•" { ' ' } else { '\t' });
                }
                out.push_str(&paragraph);
                out.push('\n');
                paragraph.clear();
            }
            Event::Empty(e) if e.name().as_ref() == "w:tab" => paragraph.push('\t'),
            Event::Empty(e) if matches!(e.name().as_ref(), "w:br" | "w:cr") => paragraph.push('\n'),
            Event::Empty(e) if e.name().as_ref() == "w:noBreakHyphen" => paragraph.push('-'),
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => match &*r {
                "amp" => paragraph.push('&'),
                "lt" => paragraph.push('<'),
                "gt" => paragraph.push('>'),
                "quot" => paragraph.push('"'),
                "apos" => paragraph.push('\''),
                _ => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        paragraph.push(c);
                    }
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The text of a document per page, for search: PDFs page by page, other documents as one page.
/// `None` when no text can be taken from it (a scan, a damaged or encrypted file, an image).
pub fn page_texts(file_name: &str, content: &[u8]) -> Option<Vec<String>> {
    if file_name.to_ascii_lowercase().ends_with(".pdf") {
        let mut doc = crate::inspect::load_pdf(content).ok()?;
        let pages = crate::text_layer::page_texts(&mut doc);
        return pages.iter().any(|p| !p.trim().is_empty()).then_some(pages);
    }
    let text = extract_text(file_name, content).ok()?;
    (!text.trim().is_empty()).then(|| vec![text])
}

/// The text layer of a PDF, pages separated by a form feed (as `pdftotext` does), so the letter
/// parser can recognise page furniture.
fn pdf_text(content: &[u8]) -> Result<String, String> {
    let mut doc = crate::inspect::load_pdf(content).map_err(|e| e.to_string())?;
    // Each page ends its last line, then a form feed: the shape `pdftotext` gives.
    Ok(crate::text_layer::page_texts(&mut doc).join("\n\u{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(paragraphs: &[&str]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", p.replace('&', "&amp;")))
            .collect();
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
        );
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn reads_word_paragraphs_as_lines() {
        let text =
            extract_text("brief.docx", &docx(&["Geacht bestuur,", "1. Kosten & baten.", "2. Tweede punt."])).unwrap();
        assert_eq!(text, "Geacht bestuur,\n1. Kosten & baten.\n2. Tweede punt.\n");
    }

    #[test]
    fn page_texts_come_page_by_page() {
        let pdf = crate::large_demo::attachment_pdf("Bijlage", 3, &["De wachtlijst voor jeugdhulp.".to_string()]);
        let pages = page_texts("bijlage.pdf", &pdf).unwrap();
        assert_eq!(pages.len(), 3);
        assert!(pages[1].contains("pagina 2"), "{:?}", pages[1]);
        assert_eq!(page_texts("notitie.txt", "Eén pagina.".as_bytes()).unwrap(), ["Eén pagina."]);
        assert_eq!(page_texts("scan.png", b"\x89PNG"), None);
        assert_eq!(page_texts("kapot.pdf", b"%PDF-1.4 kapot"), None);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(matches!(extract_text("brief.txt", b"\xff\xfe kapot"), Err(TextError::NotUtf8(_))));
        assert!(matches!(extract_text("brief.docx", b"geen zip"), Err(TextError::BadDocx(..))));
        assert!(matches!(extract_text("brief.pdf", b"%PDF-1.4 kapot"), Err(TextError::BadPdf(..))));
        assert!(matches!(extract_text("brief.rtf", b"{\\rtf1}"), Err(TextError::Unsupported(_))));
        assert_eq!(extract_text("brief.txt", "\u{feff}regel\r\n".as_bytes()).unwrap(), "regel\n");
    }
}

//! The text of a document, for importing a council letter: plain text in the encodings letters
//! arrive in (plain.rs), Word (.docx, docx.rs), OpenDocument (.odt and .fodt, odt.rs), RTF
//! (rtf.rs), HTML (html.rs) and the text layer of a PDF (text_layer.rs). The format
//! is taken from the content where it can be recognised (a zip's parts, the PDF and OLE
//! signatures), from the name otherwise: a .doc renamed .docx or an .odt named .docx is still
//! recognised for what it is.

use bestuursmap_core::zienswijzen::parse::to_roman;
use std::io::Read;

mod docx;
mod html;
mod odt;
mod plain;
mod rtf;

/// The most a single part of a .docx or .odt may unpack to. A letter's `document.xml` is a few
/// hundred kilobytes; a zip bomb of 1 MB that unpacks to 1 GB is refused while reading, not after.
pub const MAX_DOCX_PART: u64 = 64 * 1024 * 1024;

/// What the user is told to do with a file we cannot read.
const SAVE_AS: &str = "Sla de brief in Word op als .docx of PDF (Bestand > Opslaan als) en probeer opnieuw.";

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("'{0}' is geen leesbaar tekstbestand (het lijkt een ander soort bestand). Sla de brief op als tekst (.txt), Word (.docx), OpenDocument (.odt) of PDF en probeer opnieuw.")]
    NotText(String),
    #[error("'{0}' is geen leesbaar Word-document (.docx): {1}")]
    BadDocx(String, String),
    #[error("'{0}' is geen leesbaar OpenDocument-tekstdocument (.odt): {1}")]
    BadOdt(String, String),
    #[error("'{0}' is geen leesbaar RTF-document (.rtf): {1}")]
    BadRtf(String, String),
    #[error("De tekst van '{0}' kon niet uit de PDF worden gehaald: {1}")]
    BadPdf(String, String),
    #[error("'{0}' is een ouder Word-document (.doc) dat Bestuursmap niet kan lezen. {SAVE_AS}")]
    LegacyWord(String),
    #[error("'{0}' is met een wachtwoord beveiligd en kan daarom niet worden gelezen. Haal de beveiliging eraf (in Word: Bestand > Info > Document beveiligen) of vraag de gemeente om een onbeveiligde versie, en probeer opnieuw.")]
    Encrypted(String),
    #[error("Bestandstype van '{0}' wordt niet ondersteund. Bestuursmap leest brieven als tekst (.txt), Word (.docx), OpenDocument (.odt), RTF (.rtf), webpagina (.html) of PDF: sla de brief in een van die vormen op (Bestand > Opslaan als) en probeer opnieuw.")]
    Unsupported(String),
    #[error("'{0}' bevat geen tekst.")]
    Empty(String),
    #[error("'{0}' bevat geen tekst die gelezen kan worden (waarschijnlijk een scan of afbeeldingen). Plak de tekst van de brief of gebruik het Word-bestand.")]
    NoTextLayer(String),
}

/// What a file is, by its content where that can be told and by its name otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Plain,
    Docx,
    Odt,
    FlatOdt,
    Rtf,
    Html,
    Pdf,
    /// Word 97–2003 (.doc), an OLE compound file.
    LegacyWord,
    /// An OLE compound file holding an encrypted Office document (a .docx with a password).
    Encrypted,
    Unknown,
}

const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn extension(lower_name: &str) -> &str {
    lower_name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// Whether `haystack` holds `name` in UTF-16 LE, as the stream names of an OLE directory are.
fn has_utf16_name(haystack: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn format_of(lower_name: &str, content: &[u8]) -> Format {
    let ext = extension(lower_name);
    if content.starts_with(OLE_SIGNATURE) {
        // A password-protected .docx is an OLE file with an «EncryptedPackage» stream; a Word
        // 97–2003 document has a «WordDocument» stream.
        return if has_utf16_name(content, "EncryptedPackage") {
            Format::Encrypted
        } else if has_utf16_name(content, "WordDocument") || matches!(ext, "doc" | "dot" | "docx" | "odt" | "rtf") {
            Format::LegacyWord
        } else {
            Format::Unknown
        };
    }
    if content.starts_with(b"PK\x03\x04") {
        if let Some(format) = zip_format(content) {
            return format;
        }
    }
    let head = &content[..content.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    let text_start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let text_head = &head[text_start..];
    if text_head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text_head).starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    let xml_head = String::from_utf8_lossy(&content[..content.len().min(4096)]);
    if xml_head.contains("<office:document") && xml_head.contains("application/vnd.oasis.opendocument.text") {
        return Format::FlatOdt;
    }
    match ext {
        "txt" | "text" | "md" => Format::Plain,
        "docx" | "docm" | "dotx" => Format::Docx,
        "odt" | "ott" => Format::Odt,
        "fodt" => Format::FlatOdt,
        "rtf" => Format::Rtf,
        "html" | "htm" | "xhtml" => Format::Html,
        "pdf" => Format::Pdf,
        // Word and mail systems also save web pages as «.doc»; browsers and Word open them.
        "doc" | "dot" if looks_like_html(&xml_head) => Format::Html,
        "doc" | "dot" => Format::LegacyWord,
        _ if looks_like_html(&xml_head) => Format::Html,
        _ => Format::Unknown,
    }
}

/// The start of an HTML page (a doctype or an <html> element, after an optional byte-order mark
/// and XML declaration).
fn looks_like_html(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
    let head =
        if head.starts_with("<?xml") { head.split_once("?>").map_or("", |(_, r)| r).trim_start() } else { &head };
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// A zip is an OpenDocument text when its `mimetype` says so, a Word document when it has
/// word/document.xml; `None` when it is neither (the name decides which error is given).
fn zip_format(content: &[u8]) -> Option<Format> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(content)).ok()?;
    if let Ok(Some(mimetype)) = read_part(&mut archive, "mimetype") {
        let mimetype = mimetype.trim();
        if mimetype.starts_with("application/vnd.oasis.opendocument.text") {
            return Some(Format::Odt);
        }
        if mimetype.starts_with("application/vnd.oasis.opendocument") {
            return Some(Format::Unknown);
        }
    }
    if archive.index_for_name("word/document.xml").is_some() {
        return Some(Format::Docx);
    }
    None
}

pub fn extract_text(file_name: &str, content: &[u8]) -> Result<String, TextError> {
    let name = || file_name.to_string();
    let text = match format_of(&file_name.to_ascii_lowercase(), content) {
        Format::Plain => plain::decode(content).map_err(|_| TextError::NotText(name()))?,
        Format::Docx => docx::docx_text(content).map_err(|e| TextError::BadDocx(name(), e))?,
        Format::Odt => odt::odt_text(content).map_err(|e| TextError::BadOdt(name(), e))?,
        Format::FlatOdt => odt::fodt_text(content).map_err(|e| TextError::BadOdt(name(), e))?,
        Format::Rtf => {
            let text = rtf::rtf_text(content).map_err(|e| TextError::BadRtf(name(), e))?;
            if !plain::looks_like_text(&text) {
                return Err(TextError::BadRtf(name(), "er staat geen leesbare tekst in".into()));
            }
            text
        }
        Format::Html => {
            let text = html::html_text(content);
            if !plain::looks_like_text(&text) {
                return Err(TextError::NotText(name()));
            }
            text
        }
        Format::Pdf => {
            let text = pdf_text(content).map_err(|e| TextError::BadPdf(name(), e))?;
            if text.trim().is_empty() {
                return Err(TextError::NoTextLayer(name()));
            }
            text
        }
        Format::LegacyWord => return Err(TextError::LegacyWord(name())),
        Format::Encrypted => return Err(TextError::Encrypted(name())),
        Format::Unknown => return Err(TextError::Unsupported(name())),
    };
    if text.trim().is_empty() {
        return Err(TextError::Empty(name()));
    }
    Ok(text)
}

/// Checks that a file is what its name says before it is stored as an attachment: a .docx or
/// .odt must be a readable Word or OpenDocument document (a plain zip, a renamed .doc are
/// refused) and unpack within bounds.
pub fn check_document(file_name: &str, content: &[u8]) -> Result<(), TextError> {
    let lower = file_name.to_ascii_lowercase();
    if !matches!(extension(&lower), "docx" | "odt") {
        return Ok(());
    }
    let name = || file_name.to_string();
    match format_of(&lower, content) {
        Format::Docx => docx::docx_text(content).map(drop).map_err(|e| TextError::BadDocx(name(), e)),
        Format::Odt => odt::odt_text(content).map(drop).map_err(|e| TextError::BadOdt(name(), e)),
        Format::LegacyWord => Err(TextError::LegacyWord(name())),
        Format::Encrypted => Err(TextError::Encrypted(name())),
        _ if lower.ends_with(".odt") => Err(TextError::BadOdt(name(), "het is geen OpenDocument-tekst".into())),
        _ => Err(TextError::BadDocx(name(), "het is geen Word-document".into())),
    }
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

/// An attribute's value with its entities (`&amp;`, `&#40;`) resolved.
fn attr_unescaped(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| a.key.as_ref() == key)?;
    Some(
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_or_else(|_| a.value.to_string(), |v| v.into_owned()),
    )
}

/// An entity or character reference in XML text (`&amp;`, `&#8364;`).
fn push_reference(text: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    match &**r {
        "amp" => text.push('&'),
        "lt" => text.push('<'),
        "gt" => text.push('>'),
        "quot" => text.push('"'),
        "apos" => text.push('\''),
        _ => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                text.push(c);
            }
        }
    }
}

/// A list number in a numbering format (Word's names: «decimal», «lowerLetter», «upperRoman», …).
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
        assert!(matches!(extract_text("brief.txt", b"\x7fELF\x02\x01\x01\0\0\0"), Err(TextError::NotText(_))));
        assert!(matches!(extract_text("brief.docx", b"geen zip"), Err(TextError::BadDocx(..))));
        assert!(matches!(extract_text("brief.pdf", b"%PDF-1.4 kapot"), Err(TextError::BadPdf(..))));
        assert!(matches!(extract_text("brief.rtf", b"{\\rtf1}"), Err(TextError::Empty(_))));
        assert!(matches!(extract_text("brief.wpd", b"\xffWPC"), Err(TextError::Unsupported(_))));
        assert_eq!(extract_text("brief.txt", "\u{feff}regel\r\n".as_bytes()).unwrap(), "regel\n");
    }
}

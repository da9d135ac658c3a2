//! The text of a document, for importing a council letter: plain text in the encodings letters
//! arrive in, Word (.docx) and the text layer of a PDF. The format is taken from the content
//! where it can be recognised (a zip's parts, a PDF or OLE signature), from the name otherwise.

use bestuursmap_core::zienswijze::parse::to_roman;
use std::io::Read;

mod docx;
mod plain;

/// The most a single part of a .docx may unpack to. A letter's `document.xml` is a few hundred
/// kilobytes; a zip bomb of 1 MB that unpacks to 1 GB is refused while reading, not after.
pub const MAX_DOCX_PART: u64 = 64 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("'{0}' is geen leesbaar tekstbestand (het lijkt een ander soort bestand). Sla de brief op als tekst (.txt), Word-document (.docx) of PDF en probeer opnieuw.")]
    NotText(String),
    #[error("'{0}' is geen leesbaar Word-document (.docx): {1}")]
    BadDocx(String, String),
    #[error("De tekst van '{0}' kon niet uit de PDF worden gehaald: {1}")]
    BadPdf(String, String),
    #[error(
        "Bestandstype van '{0}' wordt niet ondersteund. Gebruik een tekstbestand (.txt), Word-document (.docx) of PDF."
    )]
    Unsupported(String),
    #[error("'{0}' bevat geen tekst.")]
    Empty(String),
    #[error("'{0}' bevat geen tekst die gelezen kan worden (waarschijnlijk een scan of afbeeldingen). Plak de tekst van de brief of gebruik het Word-bestand.")]
    NoTextLayer(String),
}

pub fn extract_text(file_name: &str, content: &[u8]) -> Result<String, TextError> {
    let lower = file_name.to_ascii_lowercase();
    let text = if lower.ends_with(".txt") || lower.ends_with(".md") {
        plain::decode(content).map_err(|_| TextError::NotText(file_name.into()))?
    } else if lower.ends_with(".docx") {
        docx::docx_text(content).map_err(|e| TextError::BadDocx(file_name.into(), e))?
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
        docx::docx_text(content).map_err(|e| TextError::BadDocx(file_name.into(), e))?;
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
        assert!(matches!(extract_text("brief.rtf", b"{\\rtf1}"), Err(TextError::Unsupported(_))));
        assert_eq!(extract_text("brief.txt", "\u{feff}regel\r\n".as_bytes()).unwrap(), "regel\n");
    }
}

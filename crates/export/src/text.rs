//! The text of a document, for importing a council letter: plain text, Word (.docx) and the
//! text layer of a PDF.

use std::io::Read;

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
}

pub fn extract_text(file_name: &str, content: &[u8]) -> Result<String, TextError> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".txt") || lower.ends_with(".md") {
        let text = std::str::from_utf8(content).map_err(|_| TextError::NotUtf8(file_name.into()))?;
        Ok(text.trim_start_matches('\u{feff}').replace("\r\n", "\n"))
    } else if lower.ends_with(".docx") {
        docx_text(content).map_err(|e| TextError::BadDocx(file_name.into(), e))
    } else if lower.ends_with(".pdf") {
        pdf_text(content).map_err(|e| TextError::BadPdf(file_name.into(), e))
    } else {
        Err(TextError::Unsupported(file_name.into()))
    }
}

/// Paragraphs of word/document.xml, one per line; tabs and breaks kept.
fn docx_text(content: &[u8]) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(content)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
            Event::Empty(e) if e.name().as_ref() == "w:tab" => out.push('\t'),
            Event::Empty(e) if e.name().as_ref() == "w:br" => out.push('\n'),
            Event::Text(t) if in_text => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                out.push_str(match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                });
            }
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
        let doc = lopdf::Document::load_mem(content).ok()?;
        if doc.is_encrypted() {
            return None;
        }
        let pages: Vec<String> = doc.get_pages().keys().map(|&n| doc.extract_text(&[n]).unwrap_or_default()).collect();
        return pages.iter().any(|p| !p.trim().is_empty()).then_some(pages);
    }
    let text = extract_text(file_name, content).ok()?;
    (!text.trim().is_empty()).then(|| vec![text])
}

fn pdf_text(content: &[u8]) -> Result<String, String> {
    let doc = lopdf::Document::load_mem(content).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        return Err("de PDF is versleuteld".into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).map_err(|e| e.to_string())
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

//! Looking inside attachments: how many pages a PDF has, and whether it can be read at all.

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InspectError {
    #[error("de PDF is met een wachtwoord beveiligd en kan zonder dat wachtwoord niet worden geopend")]
    Encrypted,
    /// The detail is for logs and tests; users see only the Dutch sentence.
    #[error("de PDF is beschadigd of onleesbaar")]
    Damaged(String),
}

/// Opens a PDF for reading and merging. lopdf reads most files directly; what it cannot parse
/// (a broken xref table or trailer, unusual object streams, owner-password encryption) is opened
/// and rewritten by libqpdf first, the way `qpdf in.pdf out.pdf` repairs it. Only a file that
/// needs a password to open, or that qpdf cannot read either, is refused — with a Dutch reason.
pub fn load_pdf(content: &[u8]) -> Result<lopdf::Document, InspectError> {
    if let Ok(doc) = lopdf::Document::load_mem(content) {
        if !doc.is_encrypted() && !doc.get_pages().is_empty() {
            return Ok(doc);
        }
    }
    let repaired = repair_pdf(content)?;
    let doc = lopdf::Document::load_mem(&repaired)
        .map_err(|_| InspectError::Damaged("de opbouw van het bestand is niet te herstellen".into()))?;
    if doc.is_encrypted() {
        return Err(InspectError::Encrypted);
    }
    Ok(doc)
}

/// Rewrites a PDF through libqpdf: xref rebuilt, no object streams, encryption removed when no
/// password is needed to open it.
pub fn repair_pdf(content: &[u8]) -> Result<Vec<u8>, InspectError> {
    use qpdf::{ObjectStreamMode, QPdf, QPdfErrorCode};
    if !content.starts_with(b"%PDF") && !content.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(InspectError::Damaged("het bestand is geen PDF".into()));
    }
    let pdf = QPdf::read_from_memory(content).map_err(|e| match e.error_code() {
        QPdfErrorCode::InvalidPassword => InspectError::Encrypted,
        _ => InspectError::Damaged("de opbouw van het bestand is niet te herstellen".into()),
    })?;
    if pdf.get_num_pages().unwrap_or(0) == 0 {
        return Err(InspectError::Damaged("geen pagina's".into()));
    }
    pdf.writer()
        .preserve_encryption(false)
        .object_stream_mode(ObjectStreamMode::Disable)
        .write_to_memory()
        .map_err(|_| InspectError::Damaged("het bestand kon niet worden hersteld".into()))
}

/// Number of pages of a PDF file.
pub fn pdf_page_count(content: &[u8]) -> Result<u32, InspectError> {
    let doc = load_pdf(content)?;
    let pages = doc.get_pages().len();
    if pages == 0 {
        return Err(InspectError::Damaged("geen pagina's".into()));
    }
    Ok(pages as u32)
}

/// Page count for files that have pages (PDF); `None` for other files and unreadable PDFs.
pub fn page_count(file_name: &str, content: &[u8]) -> Option<u32> {
    file_name.to_ascii_lowercase().ends_with(".pdf").then(|| pdf_page_count(content).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Document, Object, Stream};

    fn pdf_with_pages(n: usize) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let kids: Vec<Object> = (0..n)
            .map(|_| {
                let content = doc.add_object(Stream::new(dictionary! {}, b"".to_vec()));
                doc.add_object(dictionary! {
                    "Type" => "Page", "Parent" => pages_id, "Contents" => content,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                })
                .into()
            })
            .collect();
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => n as i64 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn counts_pages() {
        assert_eq!(pdf_page_count(&pdf_with_pages(3)), Ok(3));
        assert_eq!(page_count("Bijlage.PDF", &pdf_with_pages(2)), Some(2));
        assert_eq!(page_count("notitie.txt", b"tekst"), None);
    }

    #[test]
    fn damaged_files_are_reported_not_panicked_on() {
        let mut broken = pdf_with_pages(2);
        broken.truncate(broken.len() / 3);
        assert!(matches!(pdf_page_count(&broken), Err(InspectError::Damaged(_))));
        assert!(pdf_page_count(b"%PDF-1.4 en verder niets").is_err());
    }
}

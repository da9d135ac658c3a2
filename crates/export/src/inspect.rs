//! Looking inside attachments: how many pages a PDF has, and whether it can be read at all.

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InspectError {
    #[error("de PDF is versleuteld")]
    Encrypted,
    /// The detail is for logs and tests; users see only the Dutch sentence.
    #[error("de PDF is beschadigd of onleesbaar")]
    Damaged(String),
}

/// Number of pages of a PDF file.
pub fn pdf_page_count(content: &[u8]) -> Result<u32, InspectError> {
    let doc = lopdf::Document::load_mem(content).map_err(|e| InspectError::Damaged(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(InspectError::Encrypted);
    }
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

//! Files taken in: an attachment with its searchable text, the text of a council letter. The
//! front end reads the bytes (the command line from a path, the app from the upload); what is
//! checked and extracted, and how it is stored, is decided here once.

use crate::ServiceError;
use bestuursmap_core::{CoreError, Store};
use bestuursmap_export::{inspect, text};

/// A file checked and read, ready to be stored as an attachment. Made without the store, so the
/// app can do the slow part (reading the text of every page) without holding the store.
#[derive(Debug)]
pub struct PreparedAttachment {
    file_name: String,
    content: Vec<u8>,
    pages: Option<u32>,
    texts: Option<Vec<String>>,
}

/// Checks that the file is what its name says and reads its page count and the text of each page.
pub fn prepare_attachment(file_name: impl Into<String>, content: Vec<u8>) -> Result<PreparedAttachment, ServiceError> {
    let file_name = file_name.into();
    text::check_document(&file_name, &content)?;
    let pages = inspect::page_count(&file_name, &content);
    let texts = text::page_texts(&file_name, &content);
    Ok(PreparedAttachment { file_name, content, pages, texts })
}

impl PreparedAttachment {
    /// False when no text could be read from the file: it is stored, but search does not find it.
    pub fn searchable(&self) -> bool {
        self.texts.is_some()
    }

    /// Stores the file as an attachment of agenda item `item`, with its text, in one transaction:
    /// the file and its searchable text arrive together. Returns the attachment's id.
    pub fn store(&self, store: &mut Store, item: i64) -> Result<i64, CoreError> {
        store.atomically(|store| {
            let id = store.add_attachment(item, &self.file_name, &self.content, self.pages)?;
            if let Some(texts) = &self.texts {
                store.set_attachment_text(id, texts)?;
            }
            Ok(id)
        })
    }
}

/// An attachment just added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddedAttachment {
    pub id: i64,
    /// See [`PreparedAttachment::searchable`].
    pub searchable: bool,
}

/// Adds a file as an attachment of agenda item `item` with its text: [`prepare_attachment`], then
/// [`PreparedAttachment::store`].
pub fn add_attachment_with_text(
    store: &mut Store,
    item: i64,
    file_name: impl Into<String>,
    content: Vec<u8>,
) -> Result<AddedAttachment, ServiceError> {
    let prepared = prepare_attachment(file_name, content)?;
    let id = prepared.store(store, item)?;
    Ok(AddedAttachment { id, searchable: prepared.searchable() })
}

/// The text of a council letter (.txt in any common encoding, .docx, .odt, .rtf, .html, or the
/// text layer of a .pdf), refused when it is larger than a letter can be.
pub fn letter_text(file_name: &str, content: &[u8]) -> Result<String, ServiceError> {
    use bestuursmap_core::files::{check_size, MAX_LETTER_BYTES};
    check_size(file_name, "een brief", content.len() as u64, MAX_LETTER_BYTES)?;
    Ok(text::extract_text(file_name, content)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bestuursmap_core::search::SearchFilter;
    use bestuursmap_core::store::Passphrase;
    use bestuursmap_core::OpenMode;

    fn demo_store(dir: &std::path::Path) -> Store {
        let passphrase = Passphrase::new("proef-wachtwoordzin").unwrap();
        let mut store = Store::open(&dir.join("s.db"), OpenMode::CreateIfMissing, &passphrase).unwrap();
        bestuursmap_core::demo::load(&mut store).unwrap();
        store
    }

    #[test]
    fn an_attachment_arrives_with_its_text_and_a_false_one_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = demo_store(dir.path());
        let meeting = store.meetings().unwrap().iter().find(|m| m.item_count > 0).unwrap().id;
        let item = store.meeting(meeting).unwrap().items[0].id;
        let before = store.meeting(meeting).unwrap().items[0].attachments.len();

        let added =
            add_attachment_with_text(&mut store, item, "notitie.txt", b"De zeldzame kwartiermaker komt.".to_vec())
                .unwrap();
        assert!(added.searchable);
        let hits = store.search("kwartiermaker", &SearchFilter::default(), 10).unwrap();
        assert!(hits.iter().any(|h| h.kind == "attachment" && h.ref_id == added.id), "{hits:#?}");

        // A zip that calls itself a Word document: refused in Dutch, nothing stored.
        let e =
            add_attachment_with_text(&mut store, item, "brief.docx", b"PK\x03\x04 geen document".to_vec()).unwrap_err();
        assert!(matches!(e, ServiceError::Document(_)), "{e}");
        assert!(e.to_string().contains("brief.docx"), "{e}");
        assert_eq!(store.meeting(meeting).unwrap().items[0].attachments.len(), before + 1);
    }

    #[test]
    fn a_letter_is_read_and_an_oversized_one_refused() {
        assert_eq!(
            letter_text("brief.txt", "Geachte raad,\n1. Eerste punt.".as_bytes()).unwrap().trim(),
            "Geachte raad,\n1. Eerste punt."
        );
        let huge = vec![b'a'; bestuursmap_core::files::MAX_LETTER_BYTES as usize + 1];
        let e = letter_text("groot.txt", &huge).unwrap_err();
        assert!(matches!(e, ServiceError::Core(_)), "{e}");
        assert!(matches!(letter_text("plaatje.png", b"\x89PNG"), Err(ServiceError::Document(_))));
    }
}

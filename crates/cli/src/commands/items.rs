//! `bestuursmap items attach`: a file becomes an attachment of an agenda item, with its text.

use super::open_store;
use crate::args::ItemsCommand;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, command: ItemsCommand) -> Result<(), CoreError> {
    match command {
        ItemsCommand::Attach { item, file } => {
            let mut store = open_store(path, OpenMode::MustExist)?;
            let content = bestuursmap_core::files::read_bounded(
                &file,
                bestuursmap_core::store::MAX_ATTACHMENT_BYTES as u64,
                "een bijlage",
            )?;
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            bestuursmap_export::text::check_document(&name, &content).map_err(|e| CoreError::Invalid(e.to_string()))?;
            let pages = bestuursmap_export::inspect::page_count(&name, &content);
            let texts = bestuursmap_export::text::page_texts(&name, &content);
            let searchable = texts.is_some();
            // One transaction: the file and its searchable text arrive together.
            let id = store.atomically(|store| {
                let id = store.add_attachment(item, &name, &content, pages)?;
                if let Some(texts) = &texts {
                    store.set_attachment_text(id, texts)?;
                }
                Ok(id)
            })?;
            say!(
                "Bijlage {name} toegevoegd aan agendapunt {item} (bijlage {id}){}.",
                if searchable { "" } else { "; er is geen tekst uit te halen, dus ze is niet doorzoekbaar" }
            );
        }
    }
    Ok(())
}

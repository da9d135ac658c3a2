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
                bestuursmap_core::meetings::rules::MAX_ATTACHMENT_BYTES as u64,
                "een bijlage",
            )?;
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            let added = bestuursmap_service::files::add_attachment_with_text(&mut store, item, name.as_str(), content)?;
            say!(
                "Bijlage {name} toegevoegd aan agendapunt {item} (bijlage {}){}.",
                added.id,
                if added.searchable { "" } else { "; er is geen tekst uit te halen, dus ze is niet doorzoekbaar" }
            );
        }
    }
    Ok(())
}

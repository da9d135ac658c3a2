//! `bestuursmap notes`: my private notes (they stay on this computer).

use super::open_store;
use crate::args::NotesCommand;
use crate::output::print_json;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, command: NotesCommand) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    match command {
        NotesCommand::List { meeting, json } => {
            let notes = store.notes_for_meeting(meeting)?;
            let changes = store.item_changes(meeting)?;
            if json {
                let value = serde_json::json!({ "notes": notes, "changes": changes });
                return print_json(&value);
            }
            for note in notes {
                let place = [note.attachment_name.clone(), note.page.map(|p| format!("p. {p}"))]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(
                    "[{}] {}{}: {}{}",
                    note.id,
                    note.item_title.as_deref().unwrap_or("(vervallen agendapunt)"),
                    if place.is_empty() { String::new() } else { format!(" — {place}") },
                    note.quote.as_ref().map(|q| format!("«{q}» ")).unwrap_or_default(),
                    note.body
                );
                if let Some(warning) = &note.anchor_warning {
                    say!("      let op: {warning}");
                }
                for change in changes.iter().filter(|c| c.item_uid == note.item_uid) {
                    say!("      gewijzigd in versie {}: {}", change.issue, change.label);
                }
            }
        }
        NotesCommand::Add { item, attachment, page, quote, text } => {
            let id = store.add_note(&bestuursmap_core::offline::NewNote {
                item_id: item,
                attachment_id: attachment,
                page,
                quote,
                body: text,
            })?;
            say!("Notitie {id} bewaard (alleen op deze computer).");
        }
        NotesCommand::Delete { id } => {
            store.delete_note(id)?;
            say!("Notitie {id} verwijderd.");
        }
    }
    Ok(())
}

//! `bestuursmap bundle`: a meeting sent and read as a signed bundle, and the trusted senders.

use super::open_store;
use crate::args::BundleCommand;
use crate::output::print_json;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, command: BundleCommand) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    match command {
        BundleCommand::Export { meeting, out, signer } => {
            let done = store.export_bundle(meeting, &signer, &out)?;
            say!(
                "Bundel geschreven naar {}: versie {}, {} agendapunten, {} bijlagen, {} bytes.",
                out.display(),
                done.issue,
                done.items,
                done.attachments,
                done.size_bytes
            );
        }
        BundleCommand::Import { file, json } => {
            let report = store.import_bundle(&file)?;
            if json {
                return print_json(&report);
            }
            match report.previous_issue {
                None => say!(
                    "«{}» ingelezen (versie {}, van {}): vergadering {}, {} agendapunten.",
                    report.meeting_title,
                    report.issue,
                    report.signer_name,
                    report.meeting_id,
                    report.items_added
                ),
                Some(previous) => say!(
                    "«{}» bijgewerkt van versie {previous} naar {}: {} nieuw, {} gewijzigd, {} vervallen. {} notitie(s) bewaard, {} om na te kijken.",
                    report.meeting_title,
                    report.issue,
                    report.items_added,
                    report.items_changed,
                    report.items_removed,
                    report.notes_kept,
                    report.notes_to_check
                ),
            }
            for change in &report.changes_on_noted_items {
                say!("  gewijzigd bij uw notitie: {}", change.label);
            }
        }
        BundleCommand::Key => {
            let key = store.signer_key()?;
            say!("Publieke sleutel: {}\nVingerafdruk:     {}", key.public_key, key.fingerprint);
        }
        BundleCommand::Trust { key, name } => {
            let signer = store.trust_signer(&key, &name)?;
            say!("Bundels van «{}» (vingerafdruk {}) worden nu vertrouwd.", signer.name, signer.fingerprint);
        }
        BundleCommand::Signers => {
            for s in store.trusted_signers()? {
                say!("{}  {}  sinds {}", s.fingerprint, s.name, s.added_at);
            }
        }
    }
    Ok(())
}

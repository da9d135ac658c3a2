//! `bestuursmap pack`: the briefing pack (vergaderstukken) of a meeting as PDF.

use super::{find_person, open_store};
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(
    path: &Path,
    meeting: i64,
    out: &Path,
    reader: Option<String>,
    draft: bool,
    notes: bool,
) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    let reader = reader.map(|r| find_person(&store, &r)).transpose()?;
    let options = bestuursmap_export::pack::PackOptions {
        reader,
        draft,
        with_notes: notes,
        made_at: chrono::Local::now().naive_local(),
    };
    let report = bestuursmap_export::pack::write_pack(&store, meeting, &options, out, &mut |_| {})
        .map_err(|e| CoreError::Invalid(e.to_string()))?;
    for warning in &report.warnings {
        eprintln!("waarschuwing: {warning}");
    }
    say!(
        "Vergaderstukken geschreven naar {}: {} pagina's, {} agendapunten, {} bijlagen samengevoegd{}.",
        out.display(),
        report.pages,
        report.items,
        report.attachments_merged,
        if report.warnings.is_empty() {
            String::new()
        } else {
            format!(", {} waarschuwing(en)", report.warnings.len())
        }
    );
    Ok(())
}

//! `bestuursmap measures`: the register, and the kwartaalrapportage as PDF.

use super::open_store;
use crate::args::MeasuresCommand;
use crate::output::print_json;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, command: MeasuresCommand) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    match command {
        MeasuresCommand::List { json } => {
            let measures = store.measures(chrono::Local::now().date_naive())?;
            if json {
                print_json(&measures)?;
            } else {
                for m in measures {
                    say!(
                        "{:<5} {:<9} {:<28} {}{}",
                        m.code,
                        m.traffic_light_label,
                        m.status_label,
                        m.title,
                        m.trekker.map(|t| format!(" (trekker: {t})")).unwrap_or_default()
                    );
                }
            }
        }
        MeasuresCommand::Report { quarter, out } => {
            let quarter = bestuursmap_export::report::Quarter::parse(&quarter)?;
            let pages = bestuursmap_export::report::write_quarter_report(
                &store,
                quarter,
                chrono::Local::now().naive_local(),
                &out,
            )
            .map_err(|e| CoreError::Invalid(e.to_string()))?;
            say!("Kwartaalrapportage {} geschreven naar {} ({pages} pagina's).", quarter.label(), out.display());
        }
    }
    Ok(())
}

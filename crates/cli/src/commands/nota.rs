//! `bestuursmap nota`: zienswijze procedures, the nota van reactie and the procedure as JSON.

use super::open_store;
use crate::args::NotaCommand;
use crate::output::print_json;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, command: NotaCommand) -> Result<(), CoreError> {
    use bestuursmap_export::nota::write_nota;
    match command {
        NotaCommand::List { json } => {
            let store = open_store(path, OpenMode::MustExist)?;
            let list = store.procedures()?;
            if json {
                print_json(&list)?;
            } else if list.is_empty() {
                say!("Nog geen zienswijzeprocedures.");
            } else {
                for p in list {
                    say!(
                        "{:>3}  {}  {:<22} {} ({} gemeenten, {} van {} punten beantwoord)",
                        p.id,
                        p.sent_on.format("%d-%m-%Y"),
                        p.status_label,
                        p.title,
                        p.zienswijzen,
                        p.answered,
                        p.points
                    );
                }
            }
        }
        NotaCommand::Show { procedure } => {
            let store = open_store(path, OpenMode::MustExist)?;
            let d = store.procedure(procedure)?;
            say!("{} — {}", d.summary.title, d.summary.status_label);
            say!(
                "Verzonden {}, termijn {} weken (tot en met {})",
                bestuursmap_core::format::date(d.summary.sent_on),
                d.summary.period_weeks,
                bestuursmap_core::format::date(d.summary.deadline)
            );
            say!("{:<24} {:<12} {:>6} {:>11} {:>5}", "Gemeente", "Ontvangen", "Punten", "Beantwoord", "Open");
            for z in &d.zienswijzen {
                let received =
                    z.received_on.map(|r| r.format("%d-%m-%Y").to_string()).unwrap_or_else(|| "onbekend".into());
                let late = if z.late { " (te laat)" } else { "" };
                say!("{:<24} {:<12} {:>6} {:>11} {:>5}{late}", z.municipality, received, z.points, z.answered, z.open);
            }
            if !d.not_received.is_empty() {
                say!("Geen zienswijze: {}", d.not_received.join(", "));
            }
            if d.check.complete {
                say!("Volledig: alle {} punten beantwoord, alle verwijzingen kloppen.", d.check.points);
            } else {
                say!("Niet volledig ({} problemen):", d.check.errors.len());
                for p in &d.check.errors {
                    say!("  {} {}: {}", p.municipality, p.point, p.message);
                }
            }
            for w in &d.check.warnings {
                say!("  let op: {} {}: {}", w.municipality, w.point, w.message);
            }
        }
        NotaCommand::Export { procedure, format, out } => {
            let store = open_store(path, OpenMode::MustExist)?;
            let bytes = write_nota(&store, procedure, format, chrono::Local::now().naive_local(), &out)
                .map_err(|e| CoreError::Invalid(e.to_string()))?;
            say!("Nota van reactie ({}) geschreven naar {} ({bytes} bytes).", format.extension(), out.display());
        }
        NotaCommand::Import { file } => {
            let mut store = open_store(path, OpenMode::MustExist)?;
            let text = bestuursmap_core::files::read_text_bounded(
                &file,
                bestuursmap_core::files::MAX_PROCEDURE_JSON_BYTES,
                "een procedurebestand",
            )?;
            let parsed = bestuursmap_core::zienswijzen::exchange::parse(&text)?;
            let id = bestuursmap_core::zienswijzen::exchange::import(&mut store, &parsed)?;
            say!("Procedure ingelezen als nummer {id}: {}.", parsed.procedure.title);
        }
    }
    Ok(())
}

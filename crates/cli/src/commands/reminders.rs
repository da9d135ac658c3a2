//! `bestuursmap reminders`: «Wat komt eraan», the same list as the app's screen.

use super::open_store;
use crate::args::RemindersArgs;
use crate::output::print_json;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, args: RemindersArgs) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    let today = args.on.unwrap_or_else(|| chrono::Local::now().date_naive());
    let list = store.reminders(today)?;
    if args.json {
        return print_json(&list);
    }
    if list.is_empty() {
        say!(
            "Niets dat binnen {} dagen aandacht vraagt ({}).",
            bestuursmap_core::reminders::WINDOW_DAYS,
            today.format("%d-%m-%Y")
        );
    }
    for r in &list {
        say!("{} {:<20} {:<26} {}", r.date.format("%d-%m-%Y"), r.kind_label, r.when_text, r.title);
        if let Some(detail) = &r.detail {
            say!("{:<49}{detail}", "");
        }
    }
    let off: Vec<String> = store.reminder_settings()?.into_iter().filter(|s| !s.enabled).map(|s| s.label).collect();
    if !off.is_empty() {
        eprintln!("Uitgezet in de app: {}.", off.join(", "));
    }
    Ok(())
}

//! `bestuursmap calendar`: the meetings of a body, a person or one meeting as an iCalendar file.

use super::{find_person, open_store};
use crate::args::CalendarArgs;
use bestuursmap_core::calendar::CalendarScope;
use bestuursmap_core::{CoreError, OpenMode, Store};
use std::path::Path;

/// A body that holds meetings, by its code or short name in any case («ab», «netwerk-mtplus»).
fn find_body(store: &Store, text: &str) -> Result<i64, CoreError> {
    let bodies: Vec<_> = store.bodies()?.into_iter().filter(|b| b.holds_meetings).collect();
    let wanted = text.trim().to_lowercase();
    bodies
        .iter()
        .find(|b| b.code.to_lowercase() == wanted || b.short_name.to_lowercase() == wanted)
        .map(|b| b.id)
        .ok_or_else(|| {
            CoreError::Invalid(format!(
                "Het orgaan «{text}» bestaat niet. Kies uit: {}.",
                bodies.iter().map(|b| b.short_name.as_str()).collect::<Vec<_>>().join(", ")
            ))
        })
}

pub fn run(path: &Path, args: CalendarArgs) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    let scope = match (args.body, args.person, args.meeting) {
        (Some(body), _, _) => CalendarScope::Body(find_body(&store, &body)?),
        (_, Some(person), _) => CalendarScope::Person(find_person(&store, &person)?),
        (_, _, Some(meeting)) => CalendarScope::Meeting(meeting),
        (None, None, None) => unreachable!("clap requires one of --body, --person, --meeting"),
    };
    let report = bestuursmap_export::calendar::write_calendar(&store, scope, &args.out)
        .map_err(|e| CoreError::Invalid(e.to_string()))?;
    say!(
        "Agenda «{}» geschreven naar {}: {} vergadering(en){}.",
        report.name,
        args.out.display(),
        report.events,
        if report.cancelled > 0 { format!(", waarvan {} afgelast", report.cancelled) } else { String::new() }
    );
    if report.events == 0 {
        eprintln!("Let op: er staan (nog) geen vergaderingen in deze agenda.");
    }
    Ok(())
}

//! `bestuursmap publish`: the public part of a meeting, or of a body's meetings in a year, as a
//! folder for the website (Woo), with ORI JSON-LD and ODS-ORI JSON beside the HTML.

use super::open_store;
use crate::args::PublishArgs;
use crate::output::say_line;
use bestuursmap_core::publication::{PublicationOptions, PublicationScope};
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(db: &Path, args: PublishArgs) -> Result<(), CoreError> {
    // A non-empty folder is refused before the store is even opened.
    bestuursmap_export::publication::check_destination(&args.out)?;
    let scope = match (args.meeting, args.body, args.year) {
        (Some(meeting_id), _, _) => PublicationScope::Meeting { meeting_id },
        (None, Some(body), Some(year)) => PublicationScope::BodyYear { body, year },
        _ => return Err(CoreError::Invalid("Geef --meeting ID, of --body en --year.".into())),
    };
    let options = PublicationOptions { include_concept: args.include_concept, include_demo: args.include_demo };
    let store = open_store(db, OpenMode::MustExist)?;
    let publication = store.publication(&scope, options)?;
    let report = bestuursmap_export::publication::write_publication(&store, &publication, &args.out, &mut |_, _| {})?;
    say_line(&report.summary())
}

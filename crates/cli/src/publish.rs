//! `bestuursmap publish`: the public part of a meeting, or of a body's meetings in a year, as a
//! folder for the website (Woo), with ORI JSON-LD and ODS-ORI JSON beside the HTML.

use bestuursmap_core::publication::{PublicationOptions, PublicationScope};
use bestuursmap_core::{CoreError, OpenMode};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct PublishArgs {
    /// Nummer (id) van één vergadering
    #[arg(long, value_name = "ID", conflicts_with_all = ["body", "year"], required_unless_present = "body")]
    meeting: Option<i64>,
    /// Alle vergaderingen van dit orgaan (AB, DB, NETWERK_MTPLUS, BOT) in --year
    #[arg(long, value_name = "ORGAAN", requires = "year")]
    body: Option<String>,
    /// Het jaar, bij --body
    #[arg(long, value_name = "JAAR", requires = "body")]
    year: Option<i32>,
    /// De nieuwe (of lege) map waarin de publicatie komt
    #[arg(long, value_name = "MAP")]
    out: PathBuf,
    /// Neem ook vergaderingen met een concept-agenda op (gemarkeerd als concept)
    #[arg(long)]
    include_concept: bool,
    /// Publiceer ook demogegevens (overal gemarkeerd als demo)
    #[arg(long)]
    include_demo: bool,
}

pub fn run(db: &Path, args: PublishArgs) -> Result<(), CoreError> {
    // A non-empty folder is refused before the store is even opened.
    bestuursmap_export::publication::check_destination(&args.out)?;
    let scope = match (args.meeting, args.body, args.year) {
        (Some(meeting_id), _, _) => PublicationScope::Meeting { meeting_id },
        (None, Some(body), Some(year)) => PublicationScope::BodyYear { body, year },
        _ => return Err(CoreError::Invalid("Geef --meeting ID, of --body en --year.".into())),
    };
    let options = PublicationOptions { include_concept: args.include_concept, include_demo: args.include_demo };
    let store = crate::open_store(db, OpenMode::MustExist)?;
    let publication = store.publication(&scope, options)?;
    let report = bestuursmap_export::publication::write_publication(&store, &publication, &args.out, &mut |_, _| {})?;
    crate::say_line(&report.summary())
}

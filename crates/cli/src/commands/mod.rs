//! One module per command group, each with its `run`; `run` here hands a parsed command line to
//! the one it concerns.

pub mod bundle;
pub mod calendar;
pub mod items;
pub mod measures;
pub mod meetings;
pub mod nota;
pub mod notes;
pub mod pack;
pub mod publish;
pub mod reminders;
pub mod search;
pub mod setup;
pub mod store_care;
pub mod voting_rule;
pub mod zienswijze;

use crate::args::{Cli, Command, ZienswijzeCommand};
use bestuursmap_core::{CoreError, Store};
pub use bestuursmap_service::store::open_store;

pub fn run(cli: Cli) -> Result<(), CoreError> {
    // Parsing a letter needs no database.
    if let Command::Zienswijze { command: ZienswijzeCommand::Parse { file, json } } = &cli.command {
        return zienswijze::parse(file, *json);
    }
    let path = bestuursmap_service::store::database_path(cli.db)?;
    match cli.command {
        Command::Init => setup::init(&path),
        Command::Demo { large } => setup::demo(&path, large),
        Command::Meetings { command } => meetings::run(&path, command),
        Command::Pack { meeting, out, reader, draft, notes } => pack::run(&path, meeting, &out, reader, draft, notes),
        Command::Measures { command } => measures::run(&path, command),
        Command::Calendar(args) => calendar::run(&path, args),
        Command::Reminders(args) => reminders::run(&path, args),
        Command::Search { query, kind, body, municipality, from, to, limit, json } => {
            let kinds = kind.iter().map(|k| k.code().to_string()).collect();
            let filter = bestuursmap_core::search::SearchFilter { kinds, body, from, to, municipality };
            search::search(&path, &query, &filter, limit, json)
        }
        Command::Reindex => search::reindex(&path),
        Command::Backup { out, list } => store_care::backup(&path, out, list),
        Command::Restore { file } => store_care::restore(&path, &file),
        Command::Check { json } => store_care::check(&path, json),
        Command::Passphrase => store_care::passphrase(&path),
        Command::VotingRule { majority, quorum } => voting_rule::run(&path, majority, quorum),
        Command::Items { command } => items::run(&path, command),
        Command::Bundle { command } => bundle::run(&path, command),
        Command::Notes { command } => notes::run(&path, command),
        Command::Zienswijze { command } => zienswijze::run(&path, command),
        Command::Nota { command } => nota::run(&path, command),
        Command::Publish(args) => publish::run(&path, args),
    }
}

/// A person by id, or by name (exact, else a unique part of it).
pub fn find_person(store: &Store, text: &str) -> Result<i64, CoreError> {
    let persons = store.persons()?;
    if let Ok(id) = text.parse::<i64>() {
        if persons.iter().any(|p| p.id == id) {
            return Ok(id);
        }
    }
    if let Some(p) = persons.iter().find(|p| p.name == text) {
        return Ok(p.id);
    }
    let lower = text.to_lowercase();
    let matches: Vec<_> = persons.iter().filter(|p| p.name.to_lowercase().contains(&lower)).collect();
    match matches.as_slice() {
        [one] => Ok(one.id),
        [] => Err(CoreError::NotFound { what: "Persoon", id: text.to_string() }),
        many => Err(CoreError::Invalid(format!(
            "'{text}' past bij meerdere personen: {}. Geef de naam of het nummer preciezer op.",
            many.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

//! `bestuursmap`: the command line over the Bestuursmap core. Everything it does, the app can do
//! too; both use the same store file. Here: parse the arguments (usage errors in Dutch), run the
//! command, and turn the outcome into an exit code. The arguments are in `args`, the commands in
//! `commands`, one module per command group.

#[macro_use]
mod output;
mod args;
mod commands;
mod help;

use bestuursmap_core::CoreError;
use std::process::ExitCode;

/// clap's own (English) usage errors, said in Dutch with the argument they concern.
fn dutch_usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        _ => String::new(),
    };
    let argument = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::InvalidValue => {
            // «Kies pdf, docx of json.»
            let options = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(valid)) => match valid.as_slice() {
                    [] => String::new(),
                    [one] => format!(" Kies {one}."),
                    [first @ .., last] => format!(" Kies {} of {last}.", first.join(", ")),
                },
                _ => String::new(),
            };
            format!("«{value}» is geen geldige waarde voor {argument}.{options}")
        }
        ErrorKind::UnknownArgument => format!("de optie «{argument}» bestaat niet."),
        ErrorKind::InvalidSubcommand => format!("de opdracht «{value}» bestaat niet."),
        ErrorKind::MissingRequiredArgument => format!("{argument} ontbreekt; die is verplicht."),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "geef een opdracht op.".into()
        }
        ErrorKind::ValueValidation => format!("«{value}» is geen geldige waarde voor {argument}."),
        ErrorKind::TooManyValues => {
            format!("{argument} is te vaak of met te veel waarden gegeven.")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("{argument} heeft te weinig waarden."),
        ErrorKind::ArgumentConflict => format!("{argument} gaat niet samen met een andere gegeven optie."),
        ErrorKind::InvalidUtf8 => "een argument bevat ongeldige tekens (geen UTF-8).".into(),
        _ => "de opdracht is niet goed gegeven.".into(),
    };
    format!("bestuursmap: {what}\nZie `bestuursmap --help` (of `bestuursmap OPDRACHT --help`) voor wat kan.")
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = help::in_dutch(args::Cli::command()).try_get_matches().and_then(|m| args::Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{}", dutch_usage_error(&e));
            return ExitCode::from(2);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bestuursmap: {e}");
            if let CoreError::BundleUntrusted { public_key, name, .. } = &e {
                eprintln!("Klopt de vingerafdruk? Vertrouw de afzender dan met: bestuursmap bundle trust {public_key} --name \"{name}\"");
            }
            ExitCode::FAILURE
        }
    }
}

//! The command line's help in Dutch. clap writes its own words («Usage», «Options», «Print help»,
//! the `help` subcommand) in English; every command and subcommand gets them in Dutch here, so a
//! user of `bestuursmap --help` never meets English.

use clap::{Arg, ArgAction, Command};

/// `command` and all its subcommands with Dutch headings, flags and usage line.
pub fn in_dutch(command: Command) -> Command {
    dutch(command, None)
}

fn dutch(command: Command, parent: Option<&str>) -> Command {
    let is_root = parent.is_none();
    let bin_name = match parent {
        Some(parent) => format!("{parent} {}", command.get_name()),
        None => command.get_name().to_string(),
    };
    let mut command = command
        .bin_name(&bin_name)
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .help_template("{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}")
        .mut_args(|arg| {
            let heading = if arg.is_positional() { "Argumenten" } else { "Opties" };
            arg.help_heading(heading)
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Toon deze hulp")
                .help_heading("Opties"),
        );
    if is_root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Toon het versienummer")
                .help_heading("Opties"),
        );
    }
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").replace("[OPTIONS]", "[OPTIES]");
    command.override_usage(usage).mut_subcommands(|sub| dutch(sub, Some(&bin_name)))
}

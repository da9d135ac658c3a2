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
            with_dutch_values(arg.help_heading(heading))
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

/// clap adds «[possible values: …]», «[default: …]» and «[env: …]» to an option's help in
/// English; the same facts here in Dutch. The values are those the option accepts (for a closed
/// set: the codes of its vocabulary, each with its Dutch label).
fn with_dutch_values(arg: Arg) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut notes = Vec::new();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match v.get_help() {
            Some(help) => format!("{} ({help})", v.get_name()),
            None => v.get_name().to_string(),
        })
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(format!("waarden: {}", values.join(", ")));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(format!("standaard: {}", defaults.join(", ")));
    }
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        notes.push(format!("omgeving: {}", env.to_string_lossy()));
    }
    if notes.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let notes = notes.iter().map(|n| format!("[{n}]")).collect::<Vec<_>>().join(" ");
    let help = if help.is_empty() { notes } else { format!("{help} {notes}") };
    arg.help(help).hide_possible_values(true).hide_default_value(true).hide_env(true)
}

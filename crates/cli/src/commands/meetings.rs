//! `bestuursmap meetings`: list, show one, write its attachments to a folder.

use super::open_store;
use crate::args::MeetingsCommand;
use crate::output::print_json;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, command: MeetingsCommand) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    match command {
        MeetingsCommand::List { json } => {
            let meetings = store.meetings()?;
            if json {
                print_json(&meetings)?;
            } else if meetings.is_empty() {
                say!("Geen vergaderingen. Laad de demodata met `bestuursmap demo`.");
            } else {
                for m in meetings {
                    say!(
                        "{:>4}  {:<15} {}  {:<28} {}",
                        m.id,
                        m.body,
                        m.starts_at.format("%d-%m-%Y %H:%M"),
                        m.status_label,
                        m.title
                    );
                }
            }
        }
        MeetingsCommand::Attachments { id, out_dir } => {
            let meeting = store.meeting(id)?;
            std::fs::create_dir_all(&out_dir).map_err(|e| CoreError::io(&out_dir, e))?;
            let mut written = 0;
            for item in &meeting.items {
                for a in &item.attachments {
                    // Numbered by agenda order, so a directory listing follows the agenda.
                    let name = format!("{:03}-{}", written + 1, a.file_name);
                    let target = out_dir.join(&name);
                    bestuursmap_service::write_atomically(&target, &store.attachment_content(a.id)?)
                        .map_err(|e| CoreError::Invalid(e.to_string()))?;
                    say!("{}", target.display());
                    written += 1;
                }
            }
            eprintln!("{written} bijlagen geschreven naar {}.", out_dir.display());
        }
        MeetingsCommand::Show { id, json } => {
            let meeting = store.meeting(id)?;
            if json {
                print_json(&meeting)?;
            } else {
                print_meeting(&meeting)?;
            }
        }
    }
    Ok(())
}

fn print_meeting(detail: &bestuursmap_core::meetings::MeetingDetail) -> Result<(), CoreError> {
    let m = &detail.meeting;
    say!("{} — {} ({})", m.body_name, m.title, m.starts_at.format("%d-%m-%Y %H:%M"));
    say!("Status: {}", m.status_label);
    if !m.takes_decisions {
        say!("Let op: {} is {}.", m.body, bestuursmap_core::meetings::rules::NOT_DECISION_MAKING);
    }
    say!();
    for item in &detail.items {
        let indent = if item.parent_id.is_some() { "    " } else { "" };
        say!("{indent}{:<4} {} [{}]", item.number, item.title, item.kind_label.to_lowercase());
        if let Some(outcome) = &item.outcome_label {
            say!("{indent}     Uitkomst: {outcome}");
        }
        if let Some(tally) = &item.tally {
            say!(
                "{indent}     Stemming: voor {} · tegen {} · onthouding {} · afwezig {} → {}{}",
                tally.voor,
                tally.tegen,
                tally.onthouding,
                tally.afwezig,
                tally.result_label,
                if tally.uses_example_weights { " (voorbeeldgewichten)" } else { "" }
            );
        }
        if let Some(decision) = &item.decision_md {
            say!("{indent}     Besluit: {decision}");
        }
        for warning in &item.warnings {
            say!("{indent}     Waarschuwing: {warning}");
        }
    }
    Ok(())
}

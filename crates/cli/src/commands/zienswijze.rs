//! `bestuursmap zienswijze`: split a council letter into its points, or read it into a procedure.

use super::open_store;
use crate::args::ZienswijzeCommand;
use crate::output::print_json;
use bestuursmap_core::zienswijzen::parse::ParsedPoint;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, command: ZienswijzeCommand) -> Result<(), CoreError> {
    match command {
        ZienswijzeCommand::Parse { file, json } => parse(&file, json),
        ZienswijzeCommand::Import { procedure, gemeente, file } => {
            let mut store = open_store(path, OpenMode::MustExist)?;
            let text = letter_text(&file)?;
            let org = store.organisation_by_code(&gemeente.to_uppercase())?;
            let detail = store.procedure(procedure)?;
            let points = store.atomically(|store| {
                let id = match detail.zienswijzen.iter().find(|z| z.organisation_id == org.id) {
                    Some(z) => z.id,
                    None => store.add_zienswijze(procedure, org.id, None, None, None)?,
                };
                store.import_letter(id, &text)
            })?;
            say!("Zienswijze van {} ingelezen: {points} punten. Controleer de indeling in de app.", org.name);
            Ok(())
        }
    }
}

/// The text of a council letter (.txt, .docx, or the text of a .pdf).
fn letter_text(file: &Path) -> Result<String, CoreError> {
    let content = bestuursmap_core::files::read_bounded(file, bestuursmap_core::files::MAX_LETTER_BYTES, "een brief")?;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    Ok(bestuursmap_service::files::letter_text(name, &content)?)
}

/// `zienswijze parse`: needs no database.
pub fn parse(file: &Path, json: bool) -> Result<(), CoreError> {
    let text = letter_text(file)?;
    let letter = bestuursmap_core::zienswijzen::parse::parse_letter(&text);
    // What the reader should check goes to standard error, so the JSON stays clean.
    for warning in &letter.warnings {
        eprintln!("Let op: {warning}");
    }
    if json {
        return print_json(&letter);
    }
    if let Some(intro) = &letter.intro {
        say!("{intro}\n");
    }
    for section in &letter.sections {
        if let Some(heading) = &section.heading {
            say!("== {heading}");
        }
        print_points(&section.points, 0)?;
    }
    if let Some(closing) = &letter.closing {
        say!("\n{closing}");
    }
    Ok(())
}

/// Points with their sub-points indented; an uncertain point says why, right below it.
fn print_points(points: &[ParsedPoint], depth: usize) -> Result<(), CoreError> {
    let indent = " ".repeat(4 * depth);
    for point in points {
        let wrap = format!("\n{indent}      ");
        say!("{indent}{:>4}  {}", point.label, point.text.replace('\n', &wrap));
        if let Some(reason) = &point.uncertain {
            say!("{indent}      [onzeker: {reason}]");
        }
        print_points(&point.children, depth + 1)?;
    }
    Ok(())
}

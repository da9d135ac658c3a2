//! The one contract between the Rust side and the screens. `ui/src/lib/bindings.ts` is generated
//! from the commands registered here (with tauri-specta): every type a command takes or returns,
//! every error code, the progress event and a typed function per command. No TypeScript type or
//! command name is written by hand; `bindings_are_up_to_date` fails when the file is stale.

use crate::commands;
use tauri_specta::{collect_commands, collect_events, Builder, ErrorHandlingMode};

/// The commands that move a file as raw bytes: the uploads receive it as the request body (name
/// and owner in headers); `read_chosen_file` answers with it.
/// Typed bindings cannot describe a raw body, so `ui/src/lib/backend.ts` sends them with one
/// function; their names are exported into the bindings so they are not typed by hand either.
pub const RAW_UPLOADS: [&str; 5] =
    ["add_attachment", "letter_text", "add_zienswijze_attachment", "import_bundle", "read_chosen_file"];

/// The upload command names by their TypeScript accessor name (`addAttachment`), so a renamed
/// command breaks the type check of `backend.ts` instead of failing at run time.
fn upload_commands() -> serde_json::Map<String, serde_json::Value> {
    RAW_UPLOADS
        .iter()
        .map(|name| {
            let mut parts = name.split('_');
            let first = parts.next().unwrap_or_default().to_string();
            let camel = parts.fold(first, |mut acc, part| {
                let mut chars = part.chars();
                if let Some(c) = chars.next() {
                    acc.extend(c.to_uppercase());
                    acc.push_str(chars.as_str());
                }
                acc
            });
            (camel, serde_json::Value::String(name.to_string()))
        })
        .collect()
}

/// Where the generated bindings live, from this crate's folder.
#[cfg(test)]
pub const BINDINGS: &str = "../ui/src/lib/bindings.ts";

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::unlock_state,
            commands::unlock,
            commands::lock_store,
            commands::change_passphrase,
            commands::list_backups,
            commands::make_backup,
            commands::restore_backup,
            commands::check_store,
            commands::app_status,
            commands::load_demo,
            commands::list_meetings,
            commands::get_meeting,
            commands::reference_data,
            commands::member_municipalities,
            commands::create_dossier,
            commands::create_meeting,
            commands::update_meeting,
            commands::set_meeting_status,
            commands::add_agenda_item,
            commands::update_agenda_item,
            commands::move_agenda_item,
            commands::delete_agenda_item,
            commands::set_outcome,
            commands::voters,
            commands::preview_tally,
            commands::record_votes,
            commands::record_decision,
            commands::choose_files,
            commands::reveal_file,
            commands::decision_from_tally,
            commands::set_presence,
            commands::list_actions,
            commands::add_action,
            commands::set_action_status,
            commands::delete_attachment,
            commands::export_pack,
            crate::publication::publish,
            commands::list_measures,
            crate::calendar::save_calendar,
            crate::reminders::reminders_overview,
            crate::reminders::set_reminder_kind,
            crate::reminders::notify_reminders,
            commands::get_measure,
            commands::link_measure,
            commands::unlink_measure,
            commands::set_measure_status,
            commands::set_savings,
            commands::add_measure,
            commands::update_measure,
            commands::add_indicator,
            commands::set_indicator_point,
            commands::search,
            commands::attachment_page,
            commands::list_procedures,
            commands::get_procedure,
            commands::create_procedure,
            commands::update_procedure,
            commands::set_decision,
            commands::set_nota_status,
            commands::check_procedure,
            commands::add_zienswijze,
            commands::update_zienswijze,
            commands::get_zienswijze,
            commands::import_letter,
            commands::add_point,
            commands::update_point,
            commands::split_point,
            commands::merge_point_with_next,
            commands::delete_point,
            commands::add_segment,
            commands::update_segment,
            commands::delete_segment,
            commands::insert_standard_response,
            commands::standard_responses,
            commands::add_standard_response,
            commands::suggestions,
            commands::reference_options,
            commands::tag_point,
            commands::add_concern,
            commands::update_concern,
            commands::delete_concern,
            commands::update_standard_response_variant,
            commands::get_letter,
            commands::draft_letter,
            commands::save_letter,
            commands::add_motion,
            commands::motion_meetings,
            commands::schedule_motion,
            commands::point_location,
            commands::export_nota,
            commands::import_procedure,
            commands::meeting_notes,
            commands::add_note,
            commands::update_note,
            commands::delete_note,
            commands::export_bundle,
            commands::signers,
            commands::trust_signer,
            commands::untrust_signer,
            commands::take_opened_file,
        ])
        .events(collect_events![commands::Progress, commands::FileOpened])
        // Returned by an upload command, which the typed commands do not list.
        .typ::<bestuursmap_core::offline::BundleImport>()
        .constant("UPLOAD_COMMANDS", upload_commands())
        // Failures reject the promise with an ApiError; the screens show its Dutch message.
        .error_handling(ErrorHandlingMode::Throw)
        // Ids and counts are far below 2^53; the screens get plain numbers.
        .dangerously_cast_bigints_to_number()
        // One TypeScript type per Rust type (the screens read and send the same shapes).
        .disable_serde_phases()
}

/// Writes the bindings to `path`.
#[cfg(test)]
pub fn export(path: &std::path::Path) -> Result<(), String> {
    builder()
        .export(
            specta_typescript::Typescript::default().header(
                "// Generated from the Rust commands by tauri-specta (src-tauri/src/boundary.rs). Do not edit:\n\
                 // run `UPDATE_BINDINGS=1 cargo test -p bestuursmap-app bindings` after changing a command or type.\n",
            ),
            path,
        )
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_are_up_to_date() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            super::export(&committed).expect("the bindings can be generated");
            return;
        }
        let fresh = std::env::temp_dir().join(format!("bestuursmap-bindings-{}.ts", std::process::id()));
        super::export(&fresh).expect("the bindings can be generated");
        let generated = std::fs::read_to_string(&fresh).expect("the generated bindings can be read");
        let _ = std::fs::remove_file(&fresh);
        let on_disk = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            generated == on_disk,
            "ui/src/lib/bindings.ts is stale: a Rust command or type changed without regenerating. \
             Run `UPDATE_BINDINGS=1 cargo test -p bestuursmap-app bindings` and commit the file."
        );
    }

    /// Where a line compares a status to a string literal (`meeting.status === 'concept'`,
    /// `'open' !== a.status`): a domain rule in a screen. The core sends the answer instead, as a
    /// flag of the view type (`agenda_editable`, `pending`, `editable`, …).
    fn status_literal_comparisons(line: &str) -> Vec<usize> {
        let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | '?');
        let names_a_status = |expr: &str| {
            let last = expr.rsplit(|c: char| !is_name(c)).next().unwrap_or("");
            let field = last.rsplit(['.', '?']).find(|p| !p.is_empty()).unwrap_or("");
            field.to_ascii_lowercase().ends_with("status")
        };
        let quoted = |c: Option<char>| matches!(c, Some('\'' | '"' | '`'));
        let mut found = Vec::new();
        let mut i = 0;
        while i + 1 < line.len() {
            let rest = &line[i..];
            let width = if rest.starts_with("===") || rest.starts_with("!==") {
                3
            } else if rest.starts_with("==") || rest.starts_with("!=") {
                2
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let left = line[..i].trim_end();
            let right = line[i + width..].trim_start();
            let right_operand: String = right.chars().take_while(|&c| is_name(c)).collect();
            if (names_a_status(left) && quoted(right.chars().next()))
                || (quoted(left.chars().last()) && names_a_status(&right_operand))
            {
                found.push(i);
            }
            i += width;
        }
        found
    }

    #[test]
    fn the_status_guard_sees_both_orders_and_nothing_else() {
        assert_eq!(status_literal_comparisons("{#if meeting.status !== 'concept'}").len(), 1);
        assert_eq!(status_literal_comparisons("const e = $derived(z?.status === \"concept\");").len(), 1);
        assert_eq!(status_literal_comparisons("a.status === 'open' || a.status === 'in_uitvoering'").len(), 2);
        assert_eq!(status_literal_comparisons("if ('afgerond' != action.status) x();").len(), 1);
        assert_eq!(status_literal_comparisons("const s = nextStatus == `x`;").len(), 1);
        assert!(status_literal_comparisons("m.status === status").is_empty(), "a chosen value, not a literal");
        assert!(status_literal_comparisons("sortKey === 'status' ? m.status_label : ''").is_empty());
        assert!(status_literal_comparisons("m.status_label === 'Concept'").is_empty());
        assert!(status_literal_comparisons("x <= 'a' && status").is_empty());
    }

    /// «Screens never hold a domain rule» (docs/ARCHITECTURE.md): no screen compares a status to
    /// a string literal; the core's view types carry what a screen may do.
    #[test]
    fn no_screen_compares_a_status_to_a_literal() {
        fn walk(dir: &std::path::Path, files: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("ui/src can be read").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, files);
                } else if path.extension().is_some_and(|e| e == "svelte" || e == "ts") {
                    files.push(path);
                }
            }
        }
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src");
        let mut files = Vec::new();
        walk(&src, &mut files);
        assert!(files.len() > 20, "the screens are found under {}", src.display());
        let mut offences = Vec::new();
        for file in files.iter().filter(|f| !f.ends_with("lib/bindings.ts")) {
            let text = std::fs::read_to_string(file).expect("a screen file can be read");
            for (n, line) in text.lines().enumerate() {
                if !status_literal_comparisons(line).is_empty() {
                    offences.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
        assert!(
            offences.is_empty(),
            "A screen compares a status to a literal (a domain rule belongs in the core; send a flag in the view type):\n{}",
            offences.join("\n")
        );
    }

    #[test]
    fn every_raw_upload_is_a_registered_command_name() {
        let main = include_str!("main.rs");
        for name in super::RAW_UPLOADS {
            assert!(main.contains(&format!("commands::{name},")), "{name} is not registered in main.rs");
        }
    }
}

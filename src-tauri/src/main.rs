// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! Bestuursmap desktop app: a thin Tauri shell. Each command is a few lines over the core;
//! domain rules and Dutch messages live in `bestuursmap-core`.

mod commands;

use bestuursmap_core::store::{default_database_path, DATABASE_ENV};
use std::path::PathBuf;

/// The database file: `--db PATH` on the command line, else `BESTUURSMAP_DB`, else the platform
/// data directory (the same rule as the CLI).
fn database_path() -> Result<PathBuf, commands::ApiError> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            if let Some(path) = args.next() {
                return Ok(PathBuf::from(path));
            }
        }
    }
    if let Some(path) = std::env::var_os(DATABASE_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let path = default_database_path().ok_or_else(|| commands::ApiError {
        code: "no_data_dir".into(),
        message: "Geen gegevensmap gevonden. Stel BESTUURSMAP_DB in op een databasebestand.".into(),
        details: None,
    })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| commands::ApiError {
            code: "no_data_dir".into(),
            message: format!("Kan de gegevensmap {} niet aanmaken: {e}", dir.display()),
            details: None,
        })?;
    }
    Ok(path)
}

fn main() {
    let state = commands::AppState::start(database_path());
    tauri::Builder::default()
        // Native file dialogs (open/save) and opening files and folders with the system's
        // programs, instead of HTML file inputs and a hand-written xdg-open/open/start.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
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
            commands::reveal_file,
            commands::choose_files,
            commands::read_chosen_file,
            commands::set_presence,
            commands::list_actions,
            commands::add_action,
            commands::set_action_status,
            commands::add_attachment,
            commands::delete_attachment,
            commands::export_pack,
            commands::list_measures,
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
            commands::letter_text,
            commands::add_zienswijze_attachment,
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
            commands::get_letter,
            commands::draft_letter,
            commands::save_letter,
            commands::add_motion,
            commands::schedule_motion,
            commands::point_location,
            commands::export_nota,
            commands::import_procedure,
            commands::meeting_notes,
            commands::add_note,
            commands::update_note,
            commands::delete_note,
            commands::export_bundle,
            commands::import_bundle,
            commands::signers,
            commands::trust_signer,
            commands::untrust_signer,
        ])
        .run(tauri::generate_context!())
        .expect("Bestuursmap kon niet starten");
}

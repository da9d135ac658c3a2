// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! Bestuursmap desktop app: a thin Tauri shell. Each command is a few lines over the core;
//! domain rules and Dutch messages live in `bestuursmap-core`.

mod boundary;
mod commands;
mod publication;

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
    let path = default_database_path().ok_or_else(|| {
        commands::ApiError::new(
            commands::ErrorCode::NoDataDir,
            "Geen gegevensmap gevonden. Stel BESTUURSMAP_DB in op een databasebestand.",
        )
    })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            commands::ApiError::new(
                commands::ErrorCode::NoDataDir,
                format!("Kan de gegevensmap {} niet aanmaken: {e}", dir.display()),
            )
        })?;
    }
    Ok(path)
}

fn main() {
    let state = commands::AppState::start(database_path());
    let boundary = boundary::builder();
    let typed = boundary.invoke_handler();
    let uploads: Box<dyn Fn(tauri::ipc::Invoke) -> bool + Send + Sync> = Box::new(tauri::generate_handler![
        commands::add_attachment,
        commands::letter_text,
        commands::add_zienswijze_attachment,
        commands::import_bundle,
        commands::read_chosen_file,
    ]);
    tauri::Builder::default()
        // Native file dialogs (open/save) and opening files and folders with the system's
        // programs, instead of HTML file inputs and a hand-written xdg-open/open/start.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        // File uploads travel as raw bytes (no JSON arrays of numbers for megabytes), which the
        // generated bindings cannot describe; every other command goes through the typed handler.
        .invoke_handler(move |invoke| {
            if boundary::RAW_UPLOADS.contains(&invoke.message.command()) {
                uploads(invoke)
            } else {
                typed(invoke)
            }
        })
        .setup(move |app| {
            boundary.mount_events(app);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Bestuursmap kon niet starten");
}

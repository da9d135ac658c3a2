// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! Bestuursmap desktop app: a thin Tauri shell. Each command is a few lines over the core;
//! domain rules and Dutch messages live in `bestuursmap-core`.

mod boundary;
mod calendar;
mod commands;
mod publication;
mod reminders;

use std::path::PathBuf;

/// What the app was started with: `--db PATH`, and a file to open (a `.bmbundel` the user
/// double-clicked: the desktop entry and the file association start `bestuursmap-app FILE`).
#[derive(Debug, Default, PartialEq)]
struct LaunchArgs {
    database: Option<PathBuf>,
    file: Option<PathBuf>,
}

impl LaunchArgs {
    fn parse(args: impl IntoIterator<Item = std::ffi::OsString>) -> LaunchArgs {
        let mut launch = LaunchArgs::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if arg == "--db" {
                launch.database = args.next().map(PathBuf::from);
            } else if arg.to_string_lossy().starts_with('-') {
                // Options of the WebView or a test driver are not ours to judge.
            } else if launch.file.is_none() {
                launch.file = Some(PathBuf::from(arg));
            }
        }
        launch
    }
}

/// The database file: `--db PATH` on the command line, else `BESTUURSMAP_DB`, else the platform
/// data directory (the rule of the CLI too, in `bestuursmap-service`).
fn database_path(from_args: Option<PathBuf>) -> Result<PathBuf, commands::ApiError> {
    bestuursmap_service::store::database_path(from_args).map_err(commands::ApiError::from)
}

fn main() {
    let launch = LaunchArgs::parse(std::env::args_os().skip(1));
    let state = commands::AppState::start(database_path(launch.database));
    if let Some(file) = launch.file {
        state.open_file(file);
    }
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
        // Desktop notifications for «Wat komt eraan» (crate::reminders).
        .plugin(tauri_plugin_notification::init())
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
        .build(tauri::generate_context!())
        .expect("Bestuursmap kon niet starten")
        .run(|_app, _event| {
            // macOS hands a double-clicked file to the running app as an event, not as an argument.
            #[cfg(any(target_os = "macos", target_os = "ios"))]
            if let tauri::RunEvent::Opened { urls } = _event {
                use tauri::Manager;
                if let Some(path) = urls.into_iter().find_map(|url| url.to_file_path().ok()) {
                    _app.state::<commands::AppState>().open_file(path.clone());
                    commands::announce_opened_file(_app, &path);
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::LaunchArgs;
    use std::path::PathBuf;

    fn parse(args: &[&str]) -> LaunchArgs {
        LaunchArgs::parse(args.iter().map(std::ffi::OsString::from))
    }

    #[test]
    fn a_double_clicked_bundle_is_the_file_to_open_and_never_the_database() {
        assert_eq!(parse(&[]), LaunchArgs::default());
        assert_eq!(
            parse(&["/home/wethouder/Downloads/AB 12 november.bmbundel"]),
            LaunchArgs {
                database: None,
                file: Some(PathBuf::from("/home/wethouder/Downloads/AB 12 november.bmbundel"))
            }
        );
        assert_eq!(
            parse(&["--db", "/tmp/a.db", "b.bmbundel"]),
            LaunchArgs { database: Some(PathBuf::from("/tmp/a.db")), file: Some(PathBuf::from("b.bmbundel")) }
        );
        assert_eq!(
            parse(&["b.bmbundel", "--db", "/tmp/a.db"]),
            LaunchArgs { database: Some(PathBuf::from("/tmp/a.db")), file: Some(PathBuf::from("b.bmbundel")) }
        );
        // Options of a driver or the WebView are passed over; the first file counts.
        assert_eq!(
            parse(&["--inspect", "eerste.bmbundel", "tweede.bmbundel"]),
            LaunchArgs { database: None, file: Some(PathBuf::from("eerste.bmbundel")) }
        );
    }
}

//! The app's Woo publication: the public part of a meeting, or of all meetings of its body in
//! its year, written as a folder (HTML, attachments, ORI JSON-LD, ODS-ORI JSON). What is public
//! is the core's rule ([`bestuursmap_core::publication`]); the export writes the folder.

use crate::commands::{export_dir, off_main, run, test_save_dir, ApiError, ApiResult, ErrorCode, Progress, Task};
use bestuursmap_core::publication::{PublicationOptions, PublicationScope};
use serde::Serialize;
use std::path::PathBuf;

/// What was published, for the message in the app.
#[derive(Debug, Serialize, specta::Type)]
pub struct PublishResult {
    /// The folder that was written.
    pub folder: String,
    /// Its start page, to show in the file manager («Map openen»).
    pub index: String,
    /// One Dutch sentence: where, how much, what was left out, whether demo data is in it.
    pub summary: String,
    pub meetings: u32,
    pub items: u32,
    pub attachments: u32,
    pub contains_demo: bool,
}

/// Asks for the new folder with the system's save dialog (tauri-plugin-dialog): the name typed
/// becomes the folder. `None` when cancelled. Never on the main thread (the dialog blocks).
fn choose_folder(app: &tauri::AppHandle, dir: &std::path::Path, name: &str) -> ApiResult<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(dir) = test_save_dir() {
        return Ok(Some(dir.join(name)));
    }
    let chosen = app
        .dialog()
        .file()
        .set_title("Map voor de publicatie (nieuw of leeg)")
        .set_directory(dir)
        .set_file_name(name)
        .blocking_save_file();
    match chosen {
        None => Ok(None),
        Some(path) => path.into_path().map(Some).map_err(|_| {
            ApiError::new(ErrorCode::Io, "Op deze plek kan Bestuursmap niet publiceren; kies een map op deze computer.")
        }),
    }
}

/// Publishes the public part of a meeting (`whole_year` false) or of all meetings of its body
/// in the same year. Refuses before asking for a folder when the rules leave nothing to publish.
#[tauri::command]
#[specta::specta]
pub async fn publish(
    app: tauri::AppHandle,
    meeting_id: i64,
    whole_year: bool,
    include_concept: bool,
    include_demo: bool,
) -> ApiResult<Option<PublishResult>> {
    let options = PublicationOptions { include_concept, include_demo };
    let publication = run(&app, move |store| {
        let meeting = store.meeting_summary(meeting_id)?;
        let year = chrono::Datelike::year(&meeting.starts_at.date());
        let (scope, name) = if whole_year {
            (
                PublicationScope::BodyYear { body: meeting.body_code.clone(), year },
                format!("publicatie-{}-{year}", meeting.body_code.to_lowercase().replace('_', "-")),
            )
        } else {
            (
                PublicationScope::Meeting { meeting_id },
                format!(
                    "publicatie-{}-{}",
                    meeting.body_code.to_lowercase().replace('_', "-"),
                    meeting.starts_at.format("%Y-%m-%d")
                ),
            )
        };
        // Built here only to refuse before the dialog when nothing would be published; it is
        // built again after the folder is chosen, so a change made meanwhile is not missed.
        store.publication(&scope, options)?;
        Ok((scope, name))
    })
    .await?;
    let (scope, name) = publication;
    let dir = export_dir()?;
    let chooser = app.clone();
    let Some(folder) = off_main(move || choose_folder(&chooser, &dir, &name)).await? else {
        return Ok(None);
    };
    let progress = Progress::reporter(&app, Task::Publish);
    run(&app, move |store| {
        let publication = store.publication(&scope, options)?;
        let report =
            bestuursmap_export::publication::write_publication(store, &publication, &folder, &mut |f, step| {
                progress(f64::from(f), step)
            })?;
        Ok(Some(PublishResult {
            folder: report.folder.display().to_string(),
            index: report.folder.join("index.html").display().to_string(),
            summary: report.summary(),
            meetings: report.meetings as u32,
            items: report.items as u32,
            attachments: report.attachments as u32,
            contains_demo: report.contains_demo,
        }))
    })
    .await
}

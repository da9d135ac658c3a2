//! «Agenda (.ics) opslaan»: a body's, a person's or one meeting's calendar, saved where the user
//! chooses (tauri-plugin-dialog), written by `bestuursmap_export::calendar`.

use crate::commands::{choose_save_path, export_dir, off_main, run, ApiError, ApiResult, ErrorCode};
use bestuursmap_core::calendar::CalendarScope;
use bestuursmap_export::pack::PackError;
use serde::Serialize;

/// What was saved, for the confirmation the screen shows.
#[derive(Debug, Serialize, specta::Type)]
pub struct SavedCalendar {
    pub path: String,
    pub name: String,
    pub events: usize,
    pub cancelled: usize,
}

fn api_error(e: PackError) -> ApiError {
    match e {
        PackError::Core(core) => core.into(),
        other => ApiError::new(ErrorCode::Io, other.to_string()),
    }
}

/// Asks where to save the calendar of `scope` and writes it there; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn save_calendar(app: tauri::AppHandle, scope: CalendarScope) -> ApiResult<Option<SavedCalendar>> {
    let dir = export_dir()?;
    // The name first (an unknown body, person or meeting fails here, before any dialog).
    let file = run(&app, move |store| Ok(format!("{}.ics", store.calendar(scope)?.file_stem))).await?;
    let chooser = app.clone();
    let Some(path) = off_main(move || {
        choose_save_path(&chooser, "Agenda opslaan", &dir, &file, ("Agenda (iCalendar)", &["ics"][..]))
    })
    .await?
    else {
        return Ok(None);
    };
    let written = path.clone();
    let report = run(&app, move |store| Ok(bestuursmap_export::calendar::write_calendar(store, scope, &written)))
        .await?
        .map_err(api_error)?;
    Ok(Some(SavedCalendar {
        path: path.display().to_string(),
        name: report.name,
        events: report.events,
        cancelled: report.cancelled,
    }))
}

//! The commands the UI may call. Errors cross to the UI as `{code, message}`.

use bestuursmap_core::store::{MeetingDetail, MeetingSummary};
use bestuursmap_core::{demo, CoreError, OpenMode, Store};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        ApiError { code: e.code().to_string(), message: e.to_string() }
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// The store, or why it could not be opened (shown by the UI instead of a crash).
pub struct AppState {
    store: Result<Mutex<Store>, ApiError>,
    path: Option<PathBuf>,
}

impl AppState {
    pub fn open(path: Result<PathBuf, ApiError>) -> AppState {
        match path {
            Ok(path) => AppState {
                store: Store::open(&path, OpenMode::CreateIfMissing).map(Mutex::new).map_err(ApiError::from),
                path: Some(path),
            },
            Err(e) => AppState { store: Err(e), path: None },
        }
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, CoreError>) -> ApiResult<T> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        // A panic elsewhere must not lock users out of their data: the store itself is consistent
        // (every write is a transaction), so a poisoned lock is taken over.
        let mut guard = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard).map_err(ApiError::from)
    }
}

#[derive(Debug, Serialize)]
pub struct AppStatus {
    pub database_path: Option<String>,
    pub demo_loaded: bool,
    pub meeting_count: usize,
}

#[tauri::command]
pub fn app_status(state: tauri::State<'_, AppState>) -> ApiResult<AppStatus> {
    let path = state.path.as_ref().map(|p| p.display().to_string());
    state.with_store(|store| {
        Ok(AppStatus {
            database_path: path,
            demo_loaded: demo::loaded_at(store)?.is_some(),
            meeting_count: store.meetings()?.len(),
        })
    })
}

#[tauri::command]
pub fn load_demo(state: tauri::State<'_, AppState>) -> ApiResult<()> {
    state.with_store(demo::load)
}

#[tauri::command]
pub fn list_meetings(state: tauri::State<'_, AppState>) -> ApiResult<Vec<MeetingSummary>> {
    state.with_store(|store| store.meetings())
}

#[tauri::command]
pub fn get_meeting(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<MeetingDetail> {
    state.with_store(|store| store.meeting(id))
}

//! The commands the UI may call. Errors cross to the UI as `{code, message}`.

use bestuursmap_core::domain::{ActionStatus, MeasureStatus, MeetingStatus, Outcome, Presence, VoteChoice};
use bestuursmap_core::store::{
    is_new_database, os_keyring, BackupInfo, BundleExport, BundleImport, CheckReport, ItemChange, NewNote, NoteView,
    Passphrase, RestoreReport, SignerKey, TrustedSigner,
};
use bestuursmap_core::store::{
    ActionView, Body, Dossier, ItemUpdate, MeasureDetail, MeasureEdit, MeasureSummary, MeetingDetail, MeetingSummary,
    MeetingUpdate, NewAction, NewAgendaItem, NewMeasure, NewMeeting, Organisation, Person,
};
use bestuursmap_core::voting::{Tally, WeightedVote};
use bestuursmap_core::{demo, CoreError, OpenMode, Store};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// Extra facts for the screen that handles this error (the key of an untrusted bundle's
    /// signer, so the user can compare its fingerprint and trust it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let details = match &e {
            CoreError::BundleUntrusted { name, fingerprint, public_key } => {
                Some(serde_json::json!({ "name": name, "fingerprint": fingerprint, "public_key": public_key }))
            }
            _ => None,
        };
        ApiError { code: e.code().to_string(), message: e.to_string(), details }
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// The store once unlocked, the file it lives in, and why it could not be opened.
pub struct AppState {
    path: Result<PathBuf, ApiError>,
    store: Mutex<Option<Store>>,
    /// Why opening with the passphrase from the environment or the keyring failed at start.
    startup_error: Mutex<Option<ApiError>>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere must not lock users out of their data: the store itself is consistent
    // (every write is a transaction), so a poisoned lock is taken over.
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    /// Opens the store at start when a passphrase is at hand (`BESTUURSMAP_PASSPHRASE`, or the
    /// system keyring); otherwise the UI asks for it ([`unlock`], [`create_store`]).
    pub fn start(path: Result<PathBuf, ApiError>) -> AppState {
        let state = AppState { path, store: Mutex::new(None), startup_error: Mutex::new(None) };
        if let Ok(path) = &state.path {
            if let Some(passphrase) = Passphrase::from_env().or_else(|| os_keyring::remembered(path)) {
                if let Err(e) = state.open(&passphrase) {
                    *lock(&state.startup_error) = Some(e);
                }
            }
        }
        state
    }

    fn database_path(&self) -> ApiResult<&PathBuf> {
        self.path.as_ref().map_err(Clone::clone)
    }

    /// Opens (or creates, with the demo data on first start) the store with `passphrase`, then
    /// makes the daily automatic backup.
    fn open(&self, passphrase: &Passphrase) -> ApiResult<()> {
        let path = self.database_path()?;
        let is_new = is_new_database(path);
        let mut store = Store::open(path, OpenMode::CreateIfMissing, passphrase)?;
        if is_new {
            demo::load(&mut store)?;
        }
        // A failed automatic backup must not keep users from their meeting; the backup screen
        // shows when the last one was made.
        let _ = store.backup_if_due();
        *lock(&self.store) = Some(store);
        *lock(&self.startup_error) = None;
        Ok(())
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, CoreError>) -> ApiResult<T> {
        let mut guard = lock(&self.store);
        let store = guard.as_mut().ok_or_else(|| ApiError {
            code: "locked_store".into(),
            message: "De database is vergrendeld. Voer eerst de wachtwoordzin in.".into(),
            details: None,
        })?;
        f(store).map_err(ApiError::from)
    }
}

/// What the start screen needs to know before anything else.
#[derive(Debug, Serialize)]
pub struct UnlockState {
    pub database_path: Option<String>,
    pub unlocked: bool,
    /// No database file yet: the user chooses a passphrase.
    pub is_new: bool,
    pub keyring_available: bool,
    pub error: Option<ApiError>,
}

#[tauri::command]
pub fn unlock_state(state: tauri::State<'_, AppState>) -> UnlockState {
    let path = state.path.as_ref().ok();
    UnlockState {
        database_path: path.map(|p| p.display().to_string()),
        unlocked: lock(&state.store).is_some(),
        is_new: path.is_some_and(|p| is_new_database(p)),
        keyring_available: path.is_some_and(|p| os_keyring::available(p)),
        error: lock(&state.startup_error).clone().or_else(|| state.path.as_ref().err().cloned()),
    }
}

/// Unlocks an existing store, or creates a new one with this (chosen) passphrase.
#[tauri::command]
pub fn unlock(state: tauri::State<'_, AppState>, passphrase: String, remember: bool) -> ApiResult<()> {
    let path = state.database_path()?.clone();
    // A new store's passphrase is checked for strength by the core when the file is created.
    let passphrase = Passphrase::new(passphrase)?;
    state.open(&passphrase)?;
    if remember {
        os_keyring::remember(&path, &passphrase)?;
    }
    Ok(())
}

/// Locks the app: the store is closed until the passphrase is given again.
#[tauri::command]
pub fn lock_store(state: tauri::State<'_, AppState>) {
    *lock(&state.store) = None;
}

#[tauri::command]
pub fn change_passphrase(
    state: tauri::State<'_, AppState>,
    current: String,
    new: String,
    remember: bool,
) -> ApiResult<()> {
    let path = state.database_path()?.clone();
    let new = Passphrase::new_chosen(new)?;
    state.with_store(|store| {
        if !store.is_passphrase(&Passphrase::new(current)?) {
            return Err(CoreError::Invalid("De huidige wachtwoordzin klopt niet. Er is niets gewijzigd.".into()));
        }
        store.change_passphrase(&new)
    })?;
    if remember {
        os_keyring::remember(&path, &new)?;
    } else {
        os_keyring::forget(&path);
    }
    Ok(())
}

#[tauri::command]
pub fn list_backups(state: tauri::State<'_, AppState>) -> ApiResult<Vec<BackupInfo>> {
    state.with_store(|store| store.backups())
}

#[tauri::command]
pub fn make_backup(state: tauri::State<'_, AppState>) -> ApiResult<BackupInfo> {
    state.with_store(|store| store.backup_now("handmatig"))
}

#[tauri::command]
pub fn restore_backup(
    state: tauri::State<'_, AppState>,
    path: String,
    passphrase: Option<String>,
) -> ApiResult<RestoreReport> {
    let old = passphrase.filter(|p| !p.is_empty()).map(Passphrase::new).transpose()?;
    state.with_store(|store| store.restore_from(std::path::Path::new(&path), old.as_ref()))
}

#[tauri::command]
pub fn check_store(state: tauri::State<'_, AppState>) -> ApiResult<CheckReport> {
    state.with_store(|store| store.check())
}

#[derive(Debug, Serialize)]
pub struct AppStatus {
    pub database_path: Option<String>,
    pub demo_loaded: bool,
    pub meeting_count: usize,
}

#[tauri::command]
pub fn app_status(state: tauri::State<'_, AppState>) -> ApiResult<AppStatus> {
    let path = state.path.as_ref().ok().map(|p| p.display().to_string());
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

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Reference lists the editing screens choose from.
#[derive(Debug, Serialize)]
pub struct ReferenceData {
    pub bodies: Vec<Body>,
    pub persons: Vec<Person>,
    pub organisations: Vec<Organisation>,
    pub dossiers: Vec<Dossier>,
}

#[tauri::command]
pub fn reference_data(state: tauri::State<'_, AppState>) -> ApiResult<ReferenceData> {
    state.with_store(|store| {
        Ok(ReferenceData {
            bodies: store.bodies()?,
            persons: store.persons()?,
            organisations: store.organisations()?,
            dossiers: store.dossiers()?,
        })
    })
}

#[tauri::command]
pub fn create_dossier(state: tauri::State<'_, AppState>, title: String) -> ApiResult<i64> {
    state.with_store(|store| store.add_dossier(&title, None))
}

#[tauri::command]
pub fn create_meeting(state: tauri::State<'_, AppState>, meeting: NewMeeting) -> ApiResult<i64> {
    state.with_store(|store| store.add_meeting(&meeting))
}

#[tauri::command]
pub fn update_meeting(state: tauri::State<'_, AppState>, id: i64, update: MeetingUpdate) -> ApiResult<()> {
    state.with_store(|store| store.update_meeting(id, &update))
}

#[tauri::command]
pub fn set_meeting_status(state: tauri::State<'_, AppState>, id: i64, status: MeetingStatus) -> ApiResult<()> {
    state.with_store(|store| store.set_meeting_status(id, status))
}

#[tauri::command]
pub fn add_agenda_item(state: tauri::State<'_, AppState>, meeting_id: i64, item: NewAgendaItem) -> ApiResult<i64> {
    state.with_store(|store| store.add_agenda_item(meeting_id, &item))
}

#[tauri::command]
pub fn update_agenda_item(state: tauri::State<'_, AppState>, id: i64, update: ItemUpdate) -> ApiResult<()> {
    state.with_store(|store| store.update_agenda_item(id, &update))
}

#[tauri::command]
pub fn move_agenda_item(
    state: tauri::State<'_, AppState>,
    id: i64,
    parent_id: Option<i64>,
    index: usize,
) -> ApiResult<()> {
    state.with_store(|store| store.move_agenda_item(id, parent_id, index))
}

#[tauri::command]
pub fn delete_agenda_item(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.with_store(|store| store.delete_agenda_item(id))
}

#[tauri::command]
pub fn set_outcome(
    state: tauri::State<'_, AppState>,
    id: i64,
    outcome: Option<Outcome>,
    decision: Option<String>,
) -> ApiResult<()> {
    let decision = decision.filter(|d| !d.trim().is_empty());
    state.with_store(|store| store.set_outcome(id, outcome, decision.as_deref()))
}

#[tauri::command]
pub fn voters(state: tauri::State<'_, AppState>, meeting_id: i64) -> ApiResult<Vec<WeightedVote>> {
    state.with_store(|store| store.voters(meeting_id))
}

#[tauri::command]
pub fn preview_tally(
    state: tauri::State<'_, AppState>,
    meeting_id: i64,
    votes: Vec<(i64, VoteChoice)>,
) -> ApiResult<Tally> {
    state.with_store(|store| store.preview_tally(meeting_id, &votes))
}

#[tauri::command]
pub fn record_votes(state: tauri::State<'_, AppState>, item_id: i64, votes: Vec<(i64, VoteChoice)>) -> ApiResult<()> {
    state.with_store(|store| store.record_votes(item_id, &votes, None))
}

#[tauri::command]
pub fn set_presence(
    state: tauri::State<'_, AppState>,
    meeting_id: i64,
    person_id: i64,
    presence: Option<Presence>,
    substitute: Option<String>,
) -> ApiResult<()> {
    state.with_store(|store| store.set_presence(meeting_id, person_id, presence, substitute.as_deref()))
}

#[tauri::command]
pub fn list_actions(state: tauri::State<'_, AppState>) -> ApiResult<Vec<ActionView>> {
    state.with_store(|store| store.actions(today()))
}

#[tauri::command]
pub fn add_action(state: tauri::State<'_, AppState>, action: NewAction) -> ApiResult<i64> {
    state.with_store(|store| store.add_action(&action))
}

#[tauri::command]
pub fn set_action_status(state: tauri::State<'_, AppState>, id: i64, status: ActionStatus) -> ApiResult<()> {
    state.with_store(|store| store.set_action_status(id, status))
}

/// Receives a file as the raw request body (no JSON number arrays for megabytes), with the
/// item id and the URI-encoded file name in headers.
fn invalid_upload(message: &str) -> ApiError {
    ApiError { code: "invalid".into(), message: message.into(), details: None }
}

/// A file sent as raw bytes, with its name URI-encoded in `x-file-name`.
fn raw_file<'a>(request: &'a tauri::ipc::Request<'_>) -> ApiResult<(String, std::borrow::Cow<'a, [u8]>)> {
    let content: std::borrow::Cow<'a, [u8]> = match request.body() {
        tauri::ipc::InvokeBody::Raw(content) => std::borrow::Cow::Borrowed(content),
        // Where the webview cannot send a raw body (the IPC falls back to a message), the bytes
        // arrive as a JSON array or as an object with index keys.
        tauri::ipc::InvokeBody::Json(value) => std::borrow::Cow::Owned(
            json_bytes(value).ok_or_else(|| invalid_upload("Het bestand kwam niet goed aan; probeer het opnieuw."))?,
        ),
    };
    let file_name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .and_then(percent_decode)
        .ok_or_else(|| invalid_upload("De bestandsnaam ontbreekt."))?;
    Ok((file_name, content))
}

fn json_bytes(value: &serde_json::Value) -> Option<Vec<u8>> {
    let byte = |v: &serde_json::Value| v.as_u64().and_then(|n| u8::try_from(n).ok());
    match value {
        serde_json::Value::Array(items) => items.iter().map(byte).collect(),
        serde_json::Value::Object(map) => {
            let mut bytes = vec![0u8; map.len()];
            for (key, v) in map {
                *bytes.get_mut(key.parse::<usize>().ok()?)? = byte(v)?;
            }
            Some(bytes)
        }
        _ => None,
    }
}

/// The id a sent file belongs to, from the header `name`.
fn id_header(request: &tauri::ipc::Request<'_>, name: &str) -> ApiResult<i64> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| invalid_upload("Waar het bestand bij hoort, ontbreekt."))
}

#[tauri::command]
pub fn add_attachment(state: tauri::State<'_, AppState>, request: tauri::ipc::Request<'_>) -> ApiResult<i64> {
    let item_id = id_header(&request, "x-item-id")?;
    let (file_name, content) = raw_file(&request)?;
    let content = content.as_ref();
    let pages = bestuursmap_export::inspect::page_count(&file_name, content);
    let texts = bestuursmap_export::text::page_texts(&file_name, content);
    state.with_store(|store| {
        // One transaction: the file and its searchable text arrive together.
        store.atomically(|store| {
            let id = store.add_attachment(item_id, &file_name, content, pages)?;
            if let Some(texts) = &texts {
                store.set_attachment_text(id, texts)?;
            }
            Ok(id)
        })
    })
}

#[tauri::command]
pub fn delete_attachment(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.with_store(|store| store.delete_attachment(id))
}

/// Decodes the `encodeURIComponent` form the UI sends file names in (headers are ASCII only).
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_uri_encoded_file_names() {
        assert_eq!(percent_decode("Zienswijze%20%C3%A9%C3%A9n.pdf").as_deref(), Some("Zienswijze één.pdf"));
        assert_eq!(percent_decode("gewoon.pdf").as_deref(), Some("gewoon.pdf"));
        assert_eq!(percent_decode("kapot%2"), None);
        assert_eq!(percent_decode("%FF"), None, "not UTF-8");
    }
}

#[derive(Debug, Serialize)]
pub struct PackExport {
    pub path: String,
    pub pages: usize,
    pub warnings: Vec<String>,
    /// Set when the PDF was written but could not be opened in a viewer.
    pub open_error: Option<String>,
}

/// Where packs are saved: the user's documents folder, in a Bestuursmap folder.
fn export_dir() -> Result<PathBuf, ApiError> {
    let base = directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
        .ok_or_else(|| ApiError {
            code: "no_export_dir".into(),
            message: "Geen map gevonden om de vergaderstukken in op te slaan.".into(),
            details: None,
        })?;
    let dir = base.join("Bestuursmap");
    std::fs::create_dir_all(&dir).map_err(|e| ApiError {
        code: "no_export_dir".into(),
        message: format!("Kan de map {} niet aanmaken: {e}", dir.display()),
        details: None,
    })?;
    Ok(dir)
}

/// Opens a file with the system's viewer.
fn open_with_system(path: &std::path::Path) -> Result<(), String> {
    #[cfg(target_os = "linux")]
    let mut cmd = std::process::Command::new("xdg-open");
    #[cfg(target_os = "macos")]
    let mut cmd = std::process::Command::new("open");
    #[cfg(target_os = "windows")]
    let mut cmd = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    cmd.arg(path).spawn().map(|_| ()).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "Er is geen programma ingesteld om dit bestand te openen; open het bestand zelf.".to_string()
        }
        _ => format!("Het bestand is opgeslagen maar kon niet worden geopend: {e}"),
    })
}

/// Makes the briefing pack of a meeting, reporting progress as `pack-progress` events (0–1).
#[tauri::command]
pub async fn export_pack(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    meeting_id: i64,
    reader: Option<i64>,
    draft: bool,
    with_notes: bool,
) -> ApiResult<PackExport> {
    use tauri::Emitter;
    let dir = export_dir()?;
    let made_at = chrono::Local::now().naive_local();
    state.with_store(|store| {
        let meeting = store.meeting_summary(meeting_id)?;
        let reader_name = match reader {
            Some(id) => store.persons()?.into_iter().find(|p| p.id == id).map(|p| format!("-{}", p.name)),
            None => None,
        };
        let file = format!(
            "vergaderstukken-{}-{}{}.pdf",
            meeting.body,
            meeting.starts_at.format("%Y-%m-%d"),
            reader_name.unwrap_or_default()
        )
        .replace([' ', '/', '(', ')'], "_")
        .replace("__", "_");
        let path = dir.join(file);
        let options = bestuursmap_export::pack::PackOptions { reader, draft, with_notes, made_at };
        let report = bestuursmap_export::pack::write_pack(store, meeting_id, &options, &path, &mut |fraction| {
            // A lost progress event only makes the bar jump; the export goes on.
            let _ = app.emit("pack-progress", fraction);
        })
        .map_err(|e| CoreError::Invalid(e.to_string()))?;
        let open_error = open_with_system(&path).err();
        Ok(PackExport { path: path.display().to_string(), pages: report.pages, warnings: report.warnings, open_error })
    })
}

#[tauri::command]
pub fn list_measures(state: tauri::State<'_, AppState>) -> ApiResult<Vec<MeasureSummary>> {
    state.with_store(|store| store.measures(today()))
}

#[tauri::command]
pub fn get_measure(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<MeasureDetail> {
    state.with_store(|store| store.measure(id, today()))
}

#[tauri::command]
pub fn link_measure(state: tauri::State<'_, AppState>, item_id: i64, measure_id: i64) -> ApiResult<()> {
    state.with_store(|store| store.link_measure(item_id, measure_id))
}

#[tauri::command]
pub fn unlink_measure(state: tauri::State<'_, AppState>, item_id: i64, measure_id: i64) -> ApiResult<()> {
    state.with_store(|store| store.unlink_measure(item_id, measure_id))
}

#[tauri::command]
pub fn set_measure_status(
    state: tauri::State<'_, AppState>,
    id: i64,
    status: MeasureStatus,
    on: chrono::NaiveDate,
    reason: Option<String>,
    item_id: Option<i64>,
) -> ApiResult<()> {
    let reason = reason.filter(|r| !r.trim().is_empty());
    state.with_store(|store| store.set_measure_status(id, status, on, reason.as_deref(), item_id))
}

/// Amounts arrive as the user typed them ("1.250.000,50"); the core reads them or says why not.
#[tauri::command]
pub fn set_savings(
    state: tauri::State<'_, AppState>,
    measure_id: i64,
    year: i32,
    target: String,
    realised: String,
) -> ApiResult<()> {
    let read = |label: &str, text: &str| {
        bestuursmap_core::money::parse_optional_amount(text).map_err(|e| ApiError {
            code: "invalid".into(),
            message: format!("{label} {year}: {e}"),
            details: None,
        })
    };
    let (target, realised) = (read("Taakstelling", &target)?, read("Gerealiseerd", &realised)?);
    state.with_store(|store| store.set_savings(measure_id, year, None, target, realised, false))
}

#[tauri::command]
pub fn add_measure(state: tauri::State<'_, AppState>, measure: NewMeasure) -> ApiResult<i64> {
    state.with_store(|store| store.add_measure(&measure))
}

#[tauri::command]
pub fn update_measure(state: tauri::State<'_, AppState>, id: i64, edit: MeasureEdit) -> ApiResult<()> {
    state.with_store(|store| store.update_measure(id, &edit))
}

#[tauri::command]
pub fn add_indicator(
    state: tauri::State<'_, AppState>,
    measure_id: i64,
    name: String,
    unit: Option<String>,
    higher_is_better: bool,
) -> ApiResult<i64> {
    state.with_store(|store| store.add_indicator(measure_id, &name, unit.as_deref(), higher_is_better))
}

/// Values arrive as typed ("12,5"); empty is unknown.
#[tauri::command]
pub fn set_indicator_point(
    state: tauri::State<'_, AppState>,
    indicator_id: i64,
    period: String,
    target: String,
    measured: String,
) -> ApiResult<()> {
    let read = |label: &str, text: &str| {
        bestuursmap_core::money::parse_optional_number(text).map_err(|e| ApiError {
            code: "invalid".into(),
            message: format!("{label}: {e}"),
            details: None,
        })
    };
    let (target, measured) = (read("Doel", &target)?, read("Gemeten", &measured)?);
    state.with_store(|store| store.set_indicator_point(indicator_id, &period, target, measured))
}

#[tauri::command]
pub fn search(
    state: tauri::State<'_, AppState>,
    query: String,
    filter: bestuursmap_core::store::SearchFilter,
) -> ApiResult<Vec<bestuursmap_core::store::SearchHit>> {
    state.with_store(|store| store.search(&query, &filter, 40))
}

#[tauri::command]
pub fn attachment_page(
    state: tauri::State<'_, AppState>,
    attachment_id: i64,
    page: i64,
    query: String,
) -> ApiResult<bestuursmap_core::store::AttachmentPage> {
    state.with_store(|store| store.attachment_page(attachment_id, page, &query))
}

// -------------------------------------------------------------------------------------------------
// Zienswijzen and the nota van reactie

use bestuursmap_core::domain::{NotaStatus, Stance};
use bestuursmap_core::store::{
    Completeness, Decision, NewProcedure, ProcedureDetail, ProcedureSummary, ReferenceOption, StandardResponse,
    Suggestion, ZienswijzeView,
};

#[tauri::command]
pub fn list_procedures(state: tauri::State<'_, AppState>) -> ApiResult<Vec<ProcedureSummary>> {
    state.with_store(|store| store.procedures())
}

#[tauri::command]
pub fn get_procedure(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<ProcedureDetail> {
    state.with_store(|store| store.procedure(id))
}

#[tauri::command]
pub fn create_procedure(state: tauri::State<'_, AppState>, procedure: NewProcedure) -> ApiResult<i64> {
    state.with_store(|store| store.add_procedure(&procedure))
}

#[tauri::command]
pub fn update_procedure(state: tauri::State<'_, AppState>, id: i64, procedure: NewProcedure) -> ApiResult<()> {
    state.with_store(|store| store.update_procedure(id, &procedure))
}

#[tauri::command]
pub fn set_decision(state: tauri::State<'_, AppState>, id: i64, decision: Decision) -> ApiResult<()> {
    state.with_store(|store| store.set_decision(id, &decision))
}

#[tauri::command]
pub fn set_nota_status(state: tauri::State<'_, AppState>, id: i64, status: NotaStatus) -> ApiResult<()> {
    state.with_store(|store| store.set_nota_status(id, status))
}

#[tauri::command]
pub fn check_procedure(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<Completeness> {
    state.with_store(|store| store.completeness(id))
}

#[tauri::command]
pub fn add_zienswijze(
    state: tauri::State<'_, AppState>,
    procedure_id: i64,
    organisation_id: i64,
    received_on: Option<chrono::NaiveDate>,
    council_decided_on: Option<chrono::NaiveDate>,
    stance: Option<Stance>,
) -> ApiResult<i64> {
    state.with_store(|store| {
        store.add_zienswijze(procedure_id, organisation_id, received_on, council_decided_on, stance)
    })
}

#[tauri::command]
pub fn update_zienswijze(
    state: tauri::State<'_, AppState>,
    id: i64,
    received_on: Option<chrono::NaiveDate>,
    council_decided_on: Option<chrono::NaiveDate>,
    stance: Option<Stance>,
    intro: Option<String>,
) -> ApiResult<()> {
    state.with_store(|store| store.update_zienswijze(id, received_on, council_decided_on, stance, intro.as_deref()))
}

#[tauri::command]
pub fn get_zienswijze(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<ZienswijzeView> {
    state.with_store(|store| store.zienswijze(id))
}

/// Reads a pasted letter (or the text of an opened file) into a zienswijze.
#[tauri::command]
pub fn import_letter(state: tauri::State<'_, AppState>, zienswijze_id: i64, text: String) -> ApiResult<usize> {
    state.with_store(|store| store.import_letter(zienswijze_id, &text))
}

/// The text of a letter file (.txt, .docx, .pdf) sent as raw bytes, with its name in `x-file-name`.
#[tauri::command]
pub fn letter_text(request: tauri::ipc::Request<'_>) -> ApiResult<String> {
    let (name, bytes) = raw_file(&request)?;
    let limit = bestuursmap_core::files::MAX_LETTER_BYTES;
    bestuursmap_core::files::check_size(&name, "een brief", bytes.len() as u64, limit)?;
    bestuursmap_export::text::extract_text(&name, &bytes).map_err(|e| invalid_upload(&e.to_string()))
}

/// A file a council made part of its zienswijze (such as the overdenkingen of a werkgroep).
#[tauri::command]
pub fn add_zienswijze_attachment(
    state: tauri::State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> ApiResult<i64> {
    let zienswijze_id = id_header(&request, "x-zienswijze-id")?;
    let (name, bytes) = raw_file(&request)?;
    state.with_store(|store| store.add_zienswijze_attachment(zienswijze_id, &name, &bytes))
}

#[tauri::command]
pub fn add_point(
    state: tauri::State<'_, AppState>,
    section_id: i64,
    parent_id: Option<i64>,
    label: Option<String>,
    text: String,
) -> ApiResult<i64> {
    state.with_store(|store| store.add_point(section_id, parent_id, label.as_deref(), None, &text))
}

#[tauri::command]
pub fn update_point(
    state: tauri::State<'_, AppState>,
    id: i64,
    label: Option<String>,
    title: Option<String>,
    text: String,
    reply_intro: Option<String>,
) -> ApiResult<()> {
    state.with_store(|store| store.update_point(id, label.as_deref(), title.as_deref(), &text, reply_intro.as_deref()))
}

#[tauri::command]
pub fn split_point(state: tauri::State<'_, AppState>, id: i64, at: usize, label: Option<String>) -> ApiResult<i64> {
    state.with_store(|store| store.split_point(id, at, label.as_deref()))
}

#[tauri::command]
pub fn merge_point_with_next(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.with_store(|store| store.merge_with_next(id))
}

#[tauri::command]
pub fn delete_point(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.with_store(|store| store.delete_point(id))
}

/// Adds a reply; returns the references that do not resolve (shown at once).
#[tauri::command]
pub fn add_segment(state: tauri::State<'_, AppState>, point_id: i64, text: String) -> ApiResult<Vec<String>> {
    state.with_store(|store| store.add_segment(point_id, &text, None).map(|(_, dangling)| dangling))
}

#[tauri::command]
pub fn update_segment(state: tauri::State<'_, AppState>, id: i64, text: String) -> ApiResult<Vec<String>> {
    state.with_store(|store| store.update_segment(id, &text))
}

#[tauri::command]
pub fn delete_segment(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.with_store(|store| store.delete_segment(id))
}

#[tauri::command]
pub fn insert_standard_response(state: tauri::State<'_, AppState>, point_id: i64, variant_id: i64) -> ApiResult<()> {
    state.with_store(|store| store.insert_standard_response(point_id, variant_id).map(|_| ()))
}

#[tauri::command]
pub fn standard_responses(state: tauri::State<'_, AppState>) -> ApiResult<Vec<StandardResponse>> {
    state.with_store(|store| store.standard_responses())
}

#[tauri::command]
pub fn add_standard_response(
    state: tauri::State<'_, AppState>,
    code: String,
    title: String,
    variant_label: String,
    text: String,
) -> ApiResult<i64> {
    state.with_store(|store| store.add_standard_response(&code, &title, &variant_label, &text))
}

#[tauri::command]
pub fn suggestions(state: tauri::State<'_, AppState>, point_id: i64) -> ApiResult<Vec<Suggestion>> {
    state.with_store(|store| store.suggestions(point_id))
}

#[tauri::command]
pub fn reference_options(state: tauri::State<'_, AppState>, point_id: i64) -> ApiResult<Vec<ReferenceOption>> {
    state.with_store(|store| store.reference_options(point_id))
}

#[tauri::command]
pub fn tag_point(state: tauri::State<'_, AppState>, point_id: i64, concern_id: i64, on: bool) -> ApiResult<()> {
    state.with_store(|store| store.tag_point(point_id, concern_id, on))
}

#[tauri::command]
pub fn add_concern(
    state: tauri::State<'_, AppState>,
    procedure_id: i64,
    title: String,
    explanation: String,
) -> ApiResult<i64> {
    state.with_store(|store| store.add_concern(procedure_id, &title, &explanation))
}

#[tauri::command]
pub fn get_letter(state: tauri::State<'_, AppState>, procedure_id: i64) -> ApiResult<String> {
    state.with_store(|store| store.letter(procedure_id))
}

#[tauri::command]
pub fn draft_letter(state: tauri::State<'_, AppState>, procedure_id: i64) -> ApiResult<String> {
    state.with_store(|store| store.draft_letter(procedure_id))
}

#[tauri::command]
pub fn save_letter(state: tauri::State<'_, AppState>, procedure_id: i64, text: String) -> ApiResult<()> {
    state.with_store(|store| store.set_letter(procedure_id, Some(&text)))
}

#[tauri::command]
pub fn add_motion(
    state: tauri::State<'_, AppState>,
    zienswijze_id: i64,
    title: String,
    text: Option<String>,
    received_on: Option<chrono::NaiveDate>,
    late: bool,
) -> ApiResult<i64> {
    state.with_store(|store| store.add_motion(zienswijze_id, &title, text.as_deref(), received_on, late))
}

#[tauri::command]
pub fn schedule_motion(state: tauri::State<'_, AppState>, motion_id: i64, meeting_id: i64) -> ApiResult<i64> {
    state.with_store(|store| store.schedule_motion(motion_id, meeting_id))
}

#[tauri::command]
pub fn point_location(state: tauri::State<'_, AppState>, point_id: i64) -> ApiResult<(i64, i64)> {
    state.with_store(|store| store.point_location(point_id))
}

#[derive(Debug, Serialize)]
pub struct NotaExport {
    pub path: String,
    pub bytes: usize,
    pub open_error: Option<String>,
}

/// Writes the nota (pdf, docx) or the whole procedure (json) to the documents folder and opens it.
#[tauri::command]
pub async fn export_nota(
    state: tauri::State<'_, AppState>,
    procedure_id: i64,
    format: String,
) -> ApiResult<NotaExport> {
    use bestuursmap_export::nota::{write_nota, NotaFormat};
    let format = NotaFormat::parse(&format).map_err(ApiError::from)?;
    let dir = export_dir()?;
    state.with_store(|store| {
        let procedure = store.procedure_summary(procedure_id)?;
        let stem = if format == NotaFormat::Json { "zienswijzeprocedure" } else { "nota-van-reactie" };
        let file = format!("{stem}-{}.{}", procedure.title, format.extension())
            .replace([' ', '/', '(', ')'], "_")
            .replace("__", "_");
        let path = dir.join(file);
        let bytes = write_nota(store, procedure_id, format, chrono::Local::now().naive_local(), &path)
            .map_err(|e| CoreError::Invalid(e.to_string()))?;
        let open_error = if format == NotaFormat::Json { None } else { open_with_system(&path).err() };
        Ok(NotaExport { path: path.display().to_string(), bytes, open_error })
    })
}

/// Imports a procedure from its JSON text.
#[tauri::command]
pub fn import_procedure(state: tauri::State<'_, AppState>, json: String) -> ApiResult<i64> {
    state.with_store(|store| {
        let file = bestuursmap_core::zienswijze::exchange::parse(&json)?;
        bestuursmap_core::zienswijze::exchange::import(store, &file)
    })
}

/// The private notes of a meeting and what the latest issue changed.
#[derive(Debug, Serialize)]
pub struct MeetingNotes {
    pub notes: Vec<NoteView>,
    pub changes: Vec<ItemChange>,
    /// Issue number of the meeting and who signed it (fingerprint), when it came as a bundle.
    pub issue: i64,
    pub issued_by: Option<String>,
}

#[tauri::command]
pub fn meeting_notes(state: tauri::State<'_, AppState>, meeting_id: i64) -> ApiResult<MeetingNotes> {
    state.with_store(|store| {
        let (issue, issued_by) = store.meeting_issue(meeting_id)?;
        Ok(MeetingNotes {
            notes: store.notes_for_meeting(meeting_id)?,
            changes: store.item_changes(meeting_id)?,
            issue,
            issued_by,
        })
    })
}

#[tauri::command]
pub fn add_note(state: tauri::State<'_, AppState>, note: NewNote) -> ApiResult<i64> {
    state.with_store(|store| store.add_note(&note))
}

#[tauri::command]
pub fn update_note(state: tauri::State<'_, AppState>, id: i64, body: String) -> ApiResult<()> {
    state.with_store(|store| store.update_note(id, &body))
}

#[tauri::command]
pub fn delete_note(state: tauri::State<'_, AppState>, id: i64) -> ApiResult<()> {
    state.with_store(|store| store.delete_note(id))
}

#[derive(Debug, Serialize)]
pub struct BundleWritten {
    pub path: String,
    #[serde(flatten)]
    pub export: BundleExport,
}

/// Writes the meeting as a signed bundle into the export folder (a new issue).
#[tauri::command]
pub fn export_bundle(state: tauri::State<'_, AppState>, meeting_id: i64, signer: String) -> ApiResult<BundleWritten> {
    let dir = export_dir()?;
    state.with_store(|store| {
        let meeting = store.meeting_summary(meeting_id)?;
        let file = format!(
            "{}-{}-versie-{}.{}",
            meeting.body,
            meeting.starts_at.format("%Y-%m-%d"),
            store.meeting_issue(meeting_id)?.0 + 1,
            bestuursmap_core::bundle::FILE_EXTENSION
        )
        .replace([' ', '/'], "_");
        let path = dir.join(file);
        let export = store.export_bundle(meeting_id, &signer, &path)?;
        Ok(BundleWritten { path: path.display().to_string(), export })
    })
}

/// Imports a bundle sent as raw bytes (the UI's file picker). The bytes go to a temporary file
/// beside the database first, because the bundle reader checks a file; it is removed afterwards.
#[tauri::command]
pub fn import_bundle(state: tauri::State<'_, AppState>, request: tauri::ipc::Request<'_>) -> ApiResult<BundleImport> {
    let (_, content) = raw_file(&request)?;
    // Refused before it is written to disk.
    bestuursmap_core::bundle::format::check_size(content.len() as u64)?;
    // Beside the database, in the user's own data folder (a bundle holds the agenda in the clear).
    let temporary = state.database_path()?.with_extension("import.bmbundel");
    std::fs::write(&temporary, &content).map_err(|e| ApiError::from(CoreError::io(&temporary, e)))?;
    let outcome = state.with_store(|store| store.import_bundle(&temporary));
    let _ = std::fs::remove_file(&temporary);
    outcome
}

#[derive(Debug, Serialize)]
pub struct Signers {
    pub own: SignerKey,
    pub trusted: Vec<TrustedSigner>,
}

#[tauri::command]
pub fn signers(state: tauri::State<'_, AppState>) -> ApiResult<Signers> {
    state.with_store(|store| Ok(Signers { own: store.signer_key()?, trusted: store.trusted_signers()? }))
}

#[tauri::command]
pub fn trust_signer(state: tauri::State<'_, AppState>, public_key: String, name: String) -> ApiResult<TrustedSigner> {
    state.with_store(|store| store.trust_signer(&public_key, &name))
}

#[tauri::command]
pub fn untrust_signer(state: tauri::State<'_, AppState>, public_key: String) -> ApiResult<()> {
    state.with_store(|store| store.untrust_signer(&public_key))
}

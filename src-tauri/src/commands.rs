//! The commands the UI may call. Errors cross to the UI as `{code, message}`.

use bestuursmap_core::actions::{ActionView, NewAction};
use bestuursmap_core::domain::{
    ActionStatus, MeasureStatus, MeetingStatus, OrganisationKind, Outcome, Presence, VoteChoice,
};
use bestuursmap_core::measures::{MeasureDetail, MeasureEdit, MeasureSummary, NewMeasure};
use bestuursmap_core::meetings::voting::{Tally, WeightedVote};
use bestuursmap_core::meetings::{
    Dossier, ItemUpdate, MeetingDetail, MeetingSummary, MeetingUpdate, NewAgendaItem, NewMeeting,
};
use bestuursmap_core::offline::{BundleExport, BundleImport, ItemChange, NewNote, NoteView, SignerKey, TrustedSigner};
use bestuursmap_core::reference::{Body, Organisation, Person};
use bestuursmap_core::store::{is_new_database, os_keyring, BackupInfo, CheckReport, Passphrase, RestoreReport};
use bestuursmap_core::{demo, CoreError, OpenMode, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::Manager;

/// What went wrong, as the screens receive it: a stable code to branch on and a Dutch message to
/// show as it is.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// Only for `bundle_untrusted`: the signer of the bundle, so the user can compare its
    /// fingerprint and trust it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<UntrustedSigner>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct UntrustedSigner {
    pub name: String,
    pub fingerprint: String,
    pub public_key: String,
}

/// Every error code a command can return; in TypeScript a union of string literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    DatabaseMissing,
    DirectoryMissing,
    CannotUnlock,
    PassphraseMissing,
    Io,
    BundleRefused,
    BundleTooNew,
    BundleUntrusted,
    SchemaTooNew,
    Locked,
    DemoAlreadyLoaded,
    StoreNotEmpty,
    NotFound,
    Rule,
    Invalid,
    DemoData,
    Database,
    Migration,
    ForeignDatabase,
    ReadOnly,
    DiskFull,
    /// The app only: the store has not been unlocked yet.
    LockedStore,
    /// The app only: no folder for the database.
    NoDataDir,
    /// The app only: no folder to save exports in.
    NoExportDir,
    /// The app only: the work stopped unexpectedly (a bug); nothing was half-written.
    Internal,
    /// The app only: a file the page asked for was not chosen in the open dialog.
    NotChosen,
    /// The app only: the system has no program or file manager to open a saved file with.
    OpenFailed,
}

impl ErrorCode {
    /// Exhaustive on purpose: a new core error cannot reach the screens without a code here.
    fn of(e: &CoreError) -> ErrorCode {
        match e {
            CoreError::DatabaseMissing(_) => ErrorCode::DatabaseMissing,
            CoreError::DirectoryMissing(_) => ErrorCode::DirectoryMissing,
            CoreError::CannotUnlock(_) => ErrorCode::CannotUnlock,
            CoreError::PassphraseMissing => ErrorCode::PassphraseMissing,
            CoreError::Io(_) => ErrorCode::Io,
            CoreError::BundleRefused(_) => ErrorCode::BundleRefused,
            CoreError::BundleTooNew { .. } => ErrorCode::BundleTooNew,
            CoreError::BundleUntrusted { .. } => ErrorCode::BundleUntrusted,
            CoreError::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            CoreError::Locked => ErrorCode::Locked,
            CoreError::DemoAlreadyLoaded(_) => ErrorCode::DemoAlreadyLoaded,
            CoreError::StoreNotEmpty => ErrorCode::StoreNotEmpty,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Rule(_) => ErrorCode::Rule,
            CoreError::Invalid(_) => ErrorCode::Invalid,
            CoreError::DemoData(_) => ErrorCode::DemoData,
            CoreError::Sqlite(_) => ErrorCode::Database,
            CoreError::Migration(_) => ErrorCode::Migration,
            CoreError::ForeignDatabase(_) => ErrorCode::ForeignDatabase,
            CoreError::ReadOnly(_) => ErrorCode::ReadOnly,
            CoreError::DiskFull => ErrorCode::DiskFull,
        }
    }
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), details: None }
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let details = match &e {
            CoreError::BundleUntrusted { name, fingerprint, public_key } => Some(UntrustedSigner {
                name: name.clone(),
                fingerprint: fingerprint.clone(),
                public_key: public_key.clone(),
            }),
            _ => None,
        };
        ApiError { code: ErrorCode::of(&e), message: e.to_string(), details }
    }
}

impl From<bestuursmap_service::ServiceError> for ApiError {
    fn from(e: bestuursmap_service::ServiceError) -> Self {
        use bestuursmap_service::ServiceError;
        match e {
            ServiceError::Core(e) => ApiError::from(e),
            ServiceError::NoDataDir | ServiceError::DataDir { .. } => {
                ApiError::new(ErrorCode::NoDataDir, e.to_string())
            }
            ServiceError::Document(_) => ApiError::new(ErrorCode::Invalid, e.to_string()),
        }
    }
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;

/// The long tasks that report how far they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    ImportBundle,
    ExportBundle,
    AddAttachment,
    Restore,
    Check,
    Pack,
    ExportNota,
    Publish,
}

/// How far a long task is: `fraction` from 0 to 1 and what it is doing now, in Dutch.
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct Progress {
    pub task: Task,
    pub fraction: f64,
    pub step: String,
}

impl Progress {
    /// A function that reports the progress of `task` to the screens.
    pub(crate) fn reporter(app: &tauri::AppHandle, task: Task) -> impl Fn(f64, &str) + Send + 'static {
        let app = app.clone();
        move |fraction, step| {
            use tauri_specta::Event;
            // A lost progress event only makes the bar jump; the work goes on.
            let _ = Progress { task, fraction, step: step.to_string() }.emit(&app);
        }
    }
}

/// Runs store work on a blocking thread, never on the main thread: the window stays responsive
/// while a bundle is read, a backup restored or a pack made.
pub(crate) async fn off_main<T: Send + 'static>(work: impl FnOnce() -> ApiResult<T> + Send + 'static) -> ApiResult<T> {
    tauri::async_runtime::spawn_blocking(work).await.unwrap_or_else(|_| {
        Err(ApiError::new(
            ErrorCode::Internal,
            "Er ging onverwacht iets mis; er is niets half opgeslagen. Probeer het opnieuw.",
        ))
    })
}

/// Runs `work` on the unlocked store, off the main thread.
pub(crate) async fn run<T: Send + 'static>(
    app: &tauri::AppHandle,
    work: impl FnOnce(&mut Store) -> Result<T, CoreError> + Send + 'static,
) -> ApiResult<T> {
    let app = app.clone();
    off_main(move || app.state::<AppState>().with_store(work)).await
}

/// The store once unlocked, the file it lives in, and why it could not be opened.
pub struct AppState {
    path: Result<PathBuf, ApiError>,
    store: Mutex<Option<Store>>,
    /// Why opening with the passphrase from the environment or the keyring failed at start.
    startup_error: Mutex<Option<ApiError>>,
    /// Files the user picked in the open dialog: the only paths [`read_chosen_file`] reads.
    chosen: Mutex<std::collections::HashSet<PathBuf>>,
    /// A file the system asked the app to open (a double-clicked `.bmbundel`), until the screens
    /// take it with [`take_opened_file`].
    opened: Mutex<Option<PathBuf>>,
    /// The store being opened at start on its own thread: deriving the key from the passphrase
    /// takes a noticeable part of a second, during which GTK and WebKit start the window. Every
    /// use of the store waits for it first ([`AppState::settle`]).
    opening: Mutex<Option<std::thread::JoinHandle<ApiResult<Store>>>>,
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
        let state = AppState {
            path,
            store: Mutex::new(None),
            startup_error: Mutex::new(None),
            chosen: Mutex::new(Default::default()),
            opened: Mutex::new(None),
            opening: Mutex::new(None),
        };
        if let Ok(path) = &state.path {
            if let Some(passphrase) = bestuursmap_service::store::passphrase_at_hand(path) {
                let path = path.clone();
                *lock(&state.opening) = Some(std::thread::spawn(move || open_store_file(&path, &passphrase)));
            }
        }
        state
    }

    /// Waits for the store being opened at start, if it still is, and takes it in (or the reason
    /// it could not be opened). The lock is held while waiting, so a second command waits too
    /// instead of finding the store still closed.
    fn settle(&self) {
        let mut opening = lock(&self.opening);
        if let Some(handle) = opening.take() {
            let opened = handle.join().unwrap_or_else(|_| {
                Err(ApiError::new(ErrorCode::Internal, "Het openen van de database is onverwacht afgebroken."))
            });
            match opened {
                Ok(store) => *lock(&self.store) = Some(store),
                Err(e) => *lock(&self.startup_error) = Some(e),
            }
        }
    }

    /// Remembers a file the system asked the app to open; the screens offer to import it. It counts
    /// as chosen by the user (they double-clicked it), so [`read_chosen_file`] may read it once.
    pub fn open_file(&self, path: PathBuf) {
        let path = std::path::absolute(&path).unwrap_or(path);
        lock(&self.chosen).insert(path.clone());
        *lock(&self.opened) = Some(path);
    }

    fn database_path(&self) -> ApiResult<&PathBuf> {
        self.path.as_ref().map_err(Clone::clone)
    }

    /// Opens (or creates, with the demo data on first start) the store with `passphrase`, then
    /// makes the daily automatic backup.
    fn open(&self, passphrase: &Passphrase) -> ApiResult<()> {
        self.settle();
        let store = open_store_file(self.database_path()?, passphrase)?;
        *lock(&self.store) = Some(store);
        *lock(&self.startup_error) = None;
        Ok(())
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, CoreError>) -> ApiResult<T> {
        self.settle();
        let mut guard = lock(&self.store);
        let store = guard.as_mut().ok_or_else(|| {
            ApiError::new(ErrorCode::LockedStore, "De database is vergrendeld. Voer eerst de wachtwoordzin in.")
        })?;
        f(store).map_err(ApiError::from)
    }
}

/// Opens (or creates, with the demo data on first start) the store at `path` with `passphrase`,
/// then makes the daily automatic backup.
fn open_store_file(path: &Path, passphrase: &Passphrase) -> ApiResult<Store> {
    let is_new = is_new_database(path);
    let mut store = Store::open(path, OpenMode::CreateIfMissing, passphrase)?;
    if is_new {
        demo::load(&mut store)?;
    }
    // A failed automatic backup must not keep users from their meeting; the backup screen
    // shows when the last one was made.
    let _ = store.backup_if_due();
    Ok(store)
}

/// What the start screen needs to know before anything else.
#[derive(Debug, Serialize, specta::Type)]
pub struct UnlockState {
    pub database_path: Option<String>,
    pub unlocked: bool,
    /// No database file yet: the user chooses a passphrase.
    pub is_new: bool,
    pub keyring_available: bool,
    pub error: Option<ApiError>,
}

#[tauri::command]
#[specta::specta]
pub async fn unlock_state(app: tauri::AppHandle) -> ApiResult<UnlockState> {
    off_main(move || Ok(app.state::<AppState>().unlock_state())).await
}

impl AppState {
    fn unlock_state(&self) -> UnlockState {
        self.settle();
        let state = self;
        let path = state.path.as_ref().ok();
        UnlockState {
            database_path: path.map(|p| p.display().to_string()),
            unlocked: lock(&state.store).is_some(),
            is_new: path.is_some_and(|p| is_new_database(p)),
            keyring_available: path.is_some_and(|p| os_keyring::available(p)),
            error: lock(&state.startup_error).clone().or_else(|| state.path.as_ref().err().cloned()),
        }
    }
}

/// Unlocks an existing store, or creates a new one with this (chosen) passphrase.
#[tauri::command]
#[specta::specta]
pub async fn unlock(app: tauri::AppHandle, passphrase: String, remember: bool) -> ApiResult<()> {
    off_main(move || {
        let state = app.state::<AppState>();
        let path = state.database_path()?.clone();
        // A new store's passphrase is checked for strength by the core when the file is created.
        let passphrase = Passphrase::new(passphrase)?;
        state.open(&passphrase)?;
        if remember {
            os_keyring::remember(&path, &passphrase)?;
        }
        Ok(())
    })
    .await
}

/// Locks the app: the store is closed until the passphrase is given again.
#[tauri::command]
#[specta::specta]
pub async fn lock_store(app: tauri::AppHandle) -> ApiResult<()> {
    off_main(move || {
        let state = app.state::<AppState>();
        state.settle();
        *lock(&state.store) = None;
        Ok(())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn change_passphrase(
    app: tauri::AppHandle,
    current: String,
    new_passphrase: String,
    remember: bool,
) -> ApiResult<()> {
    let path = app.state::<AppState>().database_path()?.clone();
    let new = Passphrase::new_chosen(new_passphrase)?;
    let chosen = new.clone();
    run(&app, move |store| {
        if !store.is_passphrase(&Passphrase::new(current)?) {
            return Err(CoreError::Invalid("De huidige wachtwoordzin klopt niet. Er is niets gewijzigd.".into()));
        }
        store.change_passphrase(&chosen)
    })
    .await?;
    if remember {
        os_keyring::remember(&path, &new)?;
    } else {
        os_keyring::forget(&path);
    }
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn list_backups(app: tauri::AppHandle) -> ApiResult<Vec<BackupInfo>> {
    run(&app, move |store| store.backups()).await
}

#[tauri::command]
#[specta::specta]
pub async fn make_backup(app: tauri::AppHandle) -> ApiResult<BackupInfo> {
    run(&app, move |store| store.backup_now("handmatig")).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    app: tauri::AppHandle,
    path: String,
    passphrase: Option<String>,
) -> ApiResult<RestoreReport> {
    let old = passphrase.filter(|p| !p.is_empty()).map(Passphrase::new).transpose()?;
    let progress = Progress::reporter(&app, Task::Restore);
    progress(0.1, "Veiligheidskopie maken en reservekopie terugzetten");
    let outcome = run(&app, move |store| store.restore_from(std::path::Path::new(&path), old.as_ref())).await;
    progress(1.0, "Klaar");
    outcome
}

#[tauri::command]
#[specta::specta]
pub async fn check_store(app: tauri::AppHandle) -> ApiResult<CheckReport> {
    let progress = Progress::reporter(&app, Task::Check);
    progress(0.1, "Database, verwijzingen en zoekindex controleren");
    let outcome = run(&app, move |store| store.check()).await;
    progress(1.0, "Klaar");
    outcome
}

#[derive(Debug, Serialize, specta::Type)]
pub struct AppStatus {
    pub database_path: Option<String>,
    pub demo_loaded: bool,
    pub meeting_count: usize,
}

#[tauri::command]
#[specta::specta]
pub async fn app_status(app: tauri::AppHandle) -> ApiResult<AppStatus> {
    let path = app.state::<AppState>().path.as_ref().ok().map(|p| p.display().to_string());
    run(&app, move |store| {
        Ok(AppStatus {
            database_path: path,
            demo_loaded: demo::loaded_at(store)?.is_some(),
            meeting_count: store.meetings()?.len(),
        })
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn load_demo(app: tauri::AppHandle) -> ApiResult<()> {
    run(&app, demo::load).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_meetings(app: tauri::AppHandle) -> ApiResult<Vec<MeetingSummary>> {
    run(&app, move |store| store.meetings()).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_meeting(app: tauri::AppHandle, id: i64) -> ApiResult<MeetingDetail> {
    run(&app, move |store| store.meeting(id)).await
}

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Reference lists the editing screens choose from.
#[derive(Debug, Serialize, specta::Type)]
pub struct ReferenceData {
    pub bodies: Vec<Body>,
    pub persons: Vec<Person>,
    pub organisations: Vec<Organisation>,
    /// The organisations that can be chosen today: every organisation except municipalities that
    /// are no longer (or not yet) members, by the core's membership rule.
    pub current_organisations: Vec<Organisation>,
    pub dossiers: Vec<Dossier>,
    /// The choice lists with their Dutch labels (the screens keep no label tables).
    pub vocabularies: bestuursmap_core::domain::Vocabularies,
}

#[tauri::command]
#[specta::specta]
pub async fn reference_data(app: tauri::AppHandle) -> ApiResult<ReferenceData> {
    run(&app, move |store| {
        Ok(ReferenceData {
            bodies: store.bodies()?,
            persons: store.persons()?,
            organisations: store.organisations()?,
            current_organisations: store
                .organisations()?
                .into_iter()
                .filter(|o| o.kind != OrganisationKind::Gemeente || o.is_member_on(today()))
                .collect(),
            dossiers: store.dossiers()?,
            vocabularies: bestuursmap_core::domain::Vocabularies::new(),
        })
    })
    .await
}

/// Municipalities that are members of the regeling on `on`, alphabetically (the core's rule).
#[tauri::command]
#[specta::specta]
pub async fn member_municipalities(app: tauri::AppHandle, on: chrono::NaiveDate) -> ApiResult<Vec<Organisation>> {
    run(&app, move |store| store.member_municipalities_on(on)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_dossier(app: tauri::AppHandle, title: String) -> ApiResult<i64> {
    run(&app, move |store| store.add_dossier(&title, None)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_meeting(app: tauri::AppHandle, meeting: NewMeeting) -> ApiResult<i64> {
    run(&app, move |store| store.add_meeting(&meeting)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_meeting(app: tauri::AppHandle, id: i64, update: MeetingUpdate) -> ApiResult<()> {
    run(&app, move |store| store.update_meeting(id, &update)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_meeting_status(app: tauri::AppHandle, id: i64, status: MeetingStatus) -> ApiResult<()> {
    run(&app, move |store| store.set_meeting_status(id, status)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_agenda_item(app: tauri::AppHandle, meeting_id: i64, item: NewAgendaItem) -> ApiResult<i64> {
    run(&app, move |store| store.add_agenda_item(meeting_id, &item)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_agenda_item(app: tauri::AppHandle, id: i64, update: ItemUpdate) -> ApiResult<()> {
    run(&app, move |store| store.update_agenda_item(id, &update)).await
}

#[tauri::command]
#[specta::specta]
pub async fn move_agenda_item(app: tauri::AppHandle, id: i64, parent_id: Option<i64>, index: usize) -> ApiResult<()> {
    run(&app, move |store| store.move_agenda_item(id, parent_id, index)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_agenda_item(app: tauri::AppHandle, id: i64) -> ApiResult<()> {
    run(&app, move |store| store.delete_agenda_item(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_outcome(
    app: tauri::AppHandle,
    id: i64,
    outcome: Option<Outcome>,
    decision: Option<String>,
) -> ApiResult<()> {
    let decision = decision.filter(|d| !d.trim().is_empty());
    run(&app, move |store| store.set_outcome(id, outcome, decision.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn voters(app: tauri::AppHandle, meeting_id: i64) -> ApiResult<Vec<WeightedVote>> {
    run(&app, move |store| store.voters(meeting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn preview_tally(app: tauri::AppHandle, meeting_id: i64, votes: Vec<(i64, VoteChoice)>) -> ApiResult<Tally> {
    run(&app, move |store| store.preview_tally(meeting_id, &votes)).await
}

/// Records the votes (when given) and the outcome with its decision in one save.
#[tauri::command]
#[specta::specta]
pub async fn record_decision(
    app: tauri::AppHandle,
    item_id: i64,
    votes: Option<Vec<(i64, VoteChoice)>>,
    outcome: Option<Outcome>,
    decision: Option<String>,
) -> ApiResult<()> {
    let decision = decision.filter(|d| !d.trim().is_empty());
    run(&app, move |store| store.record_decision(item_id, votes.as_deref(), outcome, decision.as_deref())).await
}

/// The outcome and decision text a recorded vote gives ("Uitkomst uit stemming overnemen").
#[tauri::command]
#[specta::specta]
pub async fn decision_from_tally(
    tally: Tally,
    outcome: Option<Outcome>,
    text: String,
) -> ApiResult<bestuursmap_core::meetings::voting::DecisionDraft> {
    Ok(bestuursmap_core::meetings::voting::decision_from_tally(&tally, outcome, &text))
}

#[tauri::command]
#[specta::specta]
pub async fn record_votes(app: tauri::AppHandle, item_id: i64, votes: Vec<(i64, VoteChoice)>) -> ApiResult<()> {
    run(&app, move |store| store.record_votes(item_id, &votes, None)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_presence(
    app: tauri::AppHandle,
    meeting_id: i64,
    person_id: i64,
    presence: Option<Presence>,
    substitute: Option<String>,
) -> ApiResult<()> {
    run(&app, move |store| store.set_presence(meeting_id, person_id, presence, substitute.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn list_actions(app: tauri::AppHandle) -> ApiResult<Vec<ActionView>> {
    run(&app, move |store| store.actions(today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_action(app: tauri::AppHandle, action: NewAction) -> ApiResult<i64> {
    run(&app, move |store| store.add_action(&action)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_action_status(app: tauri::AppHandle, id: i64, status: ActionStatus) -> ApiResult<()> {
    run(&app, move |store| store.set_action_status(id, status)).await
}

/// Receives a file as the raw request body (no JSON number arrays for megabytes), with the
/// item id and the URI-encoded file name in headers.
fn invalid_upload(message: &str) -> ApiError {
    ApiError::new(ErrorCode::Invalid, message)
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
pub async fn add_attachment(app: tauri::AppHandle, request: tauri::ipc::Request<'_>) -> ApiResult<i64> {
    let item_id = id_header(&request, "x-item-id")?;
    let (file_name, content) = raw_file(&request)?;
    let content = content.into_owned();
    let progress = Progress::reporter(&app, Task::AddAttachment);
    progress(0.1, "Bestand controleren en tekst lezen");
    // The file check and the text of every page are read before the store is taken.
    let prepared = off_main(move || Ok(bestuursmap_service::files::prepare_attachment(file_name, content)?)).await?;
    progress(0.7, "Bijlage opslaan");
    let outcome = run(&app, move |store| prepared.store(store, item_id)).await;
    progress(1.0, "Klaar");
    outcome
}

#[tauri::command]
#[specta::specta]
pub async fn delete_attachment(app: tauri::AppHandle, id: i64) -> ApiResult<()> {
    run(&app, move |store| store.delete_attachment(id)).await
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

#[derive(Debug, Serialize, specta::Type)]
pub struct PackExport {
    pub path: String,
    pub pages: usize,
    pub warnings: Vec<String>,
    /// Set when the PDF was written but could not be opened in a viewer.
    pub open_error: Option<String>,
}

/// Where packs are saved: the user's documents folder, in a Bestuursmap folder.
pub(crate) fn export_dir() -> Result<PathBuf, ApiError> {
    let base = directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(|d| d.to_path_buf()))
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
        .ok_or_else(|| {
            ApiError::new(ErrorCode::NoExportDir, "Geen map gevonden om de vergaderstukken in op te slaan.")
        })?;
    let dir = base.join("Bestuursmap");
    std::fs::create_dir_all(&dir).map_err(|e| {
        ApiError::new(ErrorCode::NoExportDir, format!("Kan de map {} niet aanmaken: {e}", dir.display()))
    })?;
    Ok(dir)
}

/// Test path for saving: when set, files are saved in this folder without asking and are not
/// opened. Under WebDriver (the e2e tests) a native save dialog cannot be clicked, so the tests
/// set it; people never need it.
pub const SAVE_DIR_ENV: &str = "BESTUURSMAP_SAVE_DIR";

pub(crate) fn test_save_dir() -> Option<PathBuf> {
    std::env::var_os(SAVE_DIR_ENV).filter(|d| !d.is_empty()).map(PathBuf::from)
}

/// Asks where to save a file with the system's save dialog (tauri-plugin-dialog), starting in
/// `dir` with `file_name`; `None` when the user cancels. Called from async commands only: the
/// blocking dialog must not run on the main thread.
pub(crate) fn choose_save_path(
    app: &tauri::AppHandle,
    title: &str,
    dir: &std::path::Path,
    file_name: &str,
    filter: (&str, &[&str]),
) -> ApiResult<Option<PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(dir) = test_save_dir() {
        return Ok(Some(dir.join(file_name)));
    }
    let chosen = app
        .dialog()
        .file()
        .set_title(title)
        .set_directory(dir)
        .set_file_name(file_name)
        .add_filter(filter.0, filter.1)
        .blocking_save_file();
    match chosen {
        None => Ok(None),
        Some(path) => path.into_path().map(Some).map_err(|_| {
            ApiError::new(ErrorCode::Io, "Op deze plek kan Bestuursmap niet opslaan; kies een map op deze computer.")
        }),
    }
}

/// Opens a file with the program the system has for it (tauri-plugin-opener); a Dutch sentence
/// when that fails. Not under the e2e test path (no viewer is wanted there).
fn open_with_system(app: &tauri::AppHandle, path: &std::path::Path) -> Result<(), String> {
    use tauri_plugin_opener::OpenerExt;
    if test_save_dir().is_some() {
        return Ok(());
    }
    app.opener().open_path(path.to_string_lossy(), None::<&str>).map_err(|_| {
        "Het bestand is opgeslagen, maar er is geen programma gevonden om het te openen. Gebruik «Map openen» \
         of open het bestand zelf."
            .to_string()
    })
}

/// Asks for one or more files with the system's open dialog (tauri-plugin-dialog), in Dutch
/// where the system speaks Dutch, instead of the webview's «Choose File». Returns their paths
/// (empty when cancelled); only these can then be read with [`read_chosen_file`], so the page
/// cannot read other files. `extensions` empty means any file.
#[tauri::command]
#[specta::specta]
pub async fn choose_files(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    title: String,
    filter_name: String,
    extensions: Vec<String>,
    multiple: bool,
) -> ApiResult<Vec<String>> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_title(title);
    if !extensions.is_empty() {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(filter_name, &extensions);
    }
    if let Some(docs) = directories::UserDirs::new().and_then(|u| u.document_dir().map(|d| d.to_path_buf())) {
        dialog = dialog.set_directory(docs);
    }
    let picked = if multiple { dialog.blocking_pick_files() } else { dialog.blocking_pick_file().map(|p| vec![p]) };
    let paths: Vec<PathBuf> = picked.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).collect();
    let mut chosen = lock(&state.chosen);
    chosen.extend(paths.iter().cloned());
    Ok(paths.into_iter().map(|p| p.display().to_string()).collect())
}

/// The bytes of a file the user chose with [`choose_files`], as raw bytes (no JSON).
#[tauri::command]
pub async fn read_chosen_file(app: tauri::AppHandle, path: String) -> ApiResult<tauri::ipc::Response> {
    let path = PathBuf::from(path);
    if !lock(&app.state::<AppState>().chosen).remove(&path) {
        return Err(ApiError::new(ErrorCode::NotChosen, "Dit bestand is niet gekozen; kies het opnieuw."));
    }
    let bytes = off_main(move || std::fs::read(&path).map_err(|e| ApiError::from(CoreError::io(&path, e)))).await?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// The file the app was asked to open (a double-clicked `.bmbundel`), once: the screens take it
/// after the store is unlocked and import it like a chosen file.
#[tauri::command]
#[specta::specta]
pub async fn take_opened_file(state: tauri::State<'_, AppState>) -> ApiResult<Option<String>> {
    Ok(lock(&state.opened).take().map(|p| p.display().to_string()))
}

/// Told to the screens when the running app is asked to open a file (macOS hands a
/// double-clicked file over as an event); they then take it with [`take_opened_file`].
#[derive(Debug, Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct FileOpened {
    pub path: String,
}

#[cfg_attr(not(any(target_os = "macos", target_os = "ios")), allow(dead_code))]
pub fn announce_opened_file(app: &tauri::AppHandle, path: &std::path::Path) {
    use tauri_specta::Event;
    let _ = FileOpened { path: path.display().to_string() }.emit(app);
}

/// Shows a saved file in the system's file manager («Map openen»).
#[tauri::command]
#[specta::specta]
pub async fn reveal_file(app: tauri::AppHandle, path: String) -> ApiResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = PathBuf::from(path);
    if !path.is_file() {
        return Err(ApiError::new(ErrorCode::NotFound, format!("Het bestand {} bestaat niet (meer).", path.display())));
    }
    app.opener().reveal_item_in_dir(&path).map_err(|_| {
        ApiError::new(
            ErrorCode::OpenFailed,
            format!("De map kon niet worden geopend; het bestand staat in {}.", path.display()),
        )
    })
}

/// Makes the briefing pack of a meeting, reporting its progress page by page.
#[tauri::command]
#[specta::specta]
pub async fn export_pack(
    app: tauri::AppHandle,
    meeting_id: i64,
    reader: Option<i64>,
    draft: bool,
    with_notes: bool,
) -> ApiResult<Option<PackExport>> {
    let dir = export_dir()?;
    let made_at = chrono::Local::now().naive_local();
    let file = run(&app, move |store| {
        let meeting = store.meeting_summary(meeting_id)?;
        let reader_name = match reader {
            Some(id) => store.persons()?.into_iter().find(|p| p.id == id).map(|p| format!("-{}", p.name)),
            None => None,
        };
        Ok(format!(
            "vergaderstukken-{}-{}{}.pdf",
            meeting.body,
            meeting.starts_at.format("%Y-%m-%d"),
            reader_name.unwrap_or_default()
        )
        .replace([' ', '/', '(', ')'], "_")
        .replace("__", "_"))
    })
    .await?;
    // Asked before the store is locked for the export (the dialog may stay open a while), off
    // the main thread: the blocking dialog must not freeze the window.
    let chooser = app.clone();
    let Some(path) = off_main(move || {
        choose_save_path(&chooser, "Vergaderstukken opslaan", &dir, &file, ("PDF-document", &["pdf"][..]))
    })
    .await?
    else {
        return Ok(None);
    };
    let progress = Progress::reporter(&app, Task::Pack);
    let opener = app.clone();
    run(&app, move |store| {
        let options = bestuursmap_export::pack::PackOptions { reader, draft, with_notes, made_at };
        let report = bestuursmap_export::pack::write_pack(store, meeting_id, &options, &path, &mut |fraction| {
            progress(f64::from(fraction), "Vergaderstukken opmaken")
        })
        .map_err(|e| CoreError::Invalid(e.to_string()))?;
        let open_error = open_with_system(&opener, &path).err();
        Ok(Some(PackExport {
            path: path.display().to_string(),
            pages: report.pages,
            warnings: report.warnings,
            open_error,
        }))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn list_measures(app: tauri::AppHandle) -> ApiResult<Vec<MeasureSummary>> {
    run(&app, move |store| store.measures(today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_measure(app: tauri::AppHandle, id: i64) -> ApiResult<MeasureDetail> {
    run(&app, move |store| store.measure(id, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn link_measure(app: tauri::AppHandle, item_id: i64, measure_id: i64) -> ApiResult<()> {
    run(&app, move |store| store.link_measure(item_id, measure_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn unlink_measure(app: tauri::AppHandle, item_id: i64, measure_id: i64) -> ApiResult<()> {
    run(&app, move |store| store.unlink_measure(item_id, measure_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_measure_status(
    app: tauri::AppHandle,
    id: i64,
    status: MeasureStatus,
    on: chrono::NaiveDate,
    reason: Option<String>,
    item_id: Option<i64>,
) -> ApiResult<()> {
    let reason = reason.filter(|r| !r.trim().is_empty());
    run(&app, move |store| store.set_measure_status(id, status, on, reason.as_deref(), item_id)).await
}

/// Amounts arrive as the user typed them ("1.250.000,50"); the core reads them or says why not.
#[tauri::command]
#[specta::specta]
pub async fn set_savings(
    app: tauri::AppHandle,
    measure_id: i64,
    year: i32,
    target: String,
    realised: String,
) -> ApiResult<()> {
    let read = |label: &str, text: &str| {
        bestuursmap_core::money::parse_optional_amount(text)
            .map_err(|e| ApiError::new(ErrorCode::Invalid, format!("{label} {year}: {e}")))
    };
    let (target, realised) = (read("Taakstelling", &target)?, read("Gerealiseerd", &realised)?);
    run(&app, move |store| store.set_savings(measure_id, year, None, target, realised, false)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_measure(app: tauri::AppHandle, measure: NewMeasure) -> ApiResult<i64> {
    run(&app, move |store| store.add_measure(&measure)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_measure(app: tauri::AppHandle, id: i64, edit: MeasureEdit) -> ApiResult<()> {
    run(&app, move |store| store.update_measure(id, &edit)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_indicator(
    app: tauri::AppHandle,
    measure_id: i64,
    name: String,
    unit: Option<String>,
    higher_is_better: bool,
) -> ApiResult<i64> {
    run(&app, move |store| store.add_indicator(measure_id, &name, unit.as_deref(), higher_is_better)).await
}

/// Values arrive as typed ("12,5"); empty is unknown.
#[tauri::command]
#[specta::specta]
pub async fn set_indicator_point(
    app: tauri::AppHandle,
    indicator_id: i64,
    period: String,
    target: String,
    measured: String,
) -> ApiResult<()> {
    let read = |label: &str, text: &str| {
        bestuursmap_core::money::parse_optional_number(text)
            .map_err(|e| ApiError::new(ErrorCode::Invalid, format!("{label}: {e}")))
    };
    let (target, measured) = (read("Doel", &target)?, read("Gemeten", &measured)?);
    run(&app, move |store| store.set_indicator_point(indicator_id, &period, target, measured)).await
}

#[tauri::command]
#[specta::specta]
pub async fn search(
    app: tauri::AppHandle,
    query: String,
    filter: bestuursmap_core::search::SearchFilter,
) -> ApiResult<Vec<bestuursmap_core::search::SearchHit>> {
    run(&app, move |store| store.search(&query, &filter, 40)).await
}

#[tauri::command]
#[specta::specta]
pub async fn attachment_page(
    app: tauri::AppHandle,
    attachment_id: i64,
    page: i64,
    query: String,
) -> ApiResult<bestuursmap_core::search::AttachmentPage> {
    run(&app, move |store| store.attachment_page(attachment_id, page, &query)).await
}

// -------------------------------------------------------------------------------------------------
// Zienswijzen and the nota van reactie

use bestuursmap_core::domain::{NotaStatus, Stance};
use bestuursmap_core::zienswijzen::{
    Completeness, Decision, NewProcedure, ProcedureDetail, ProcedureSummary, ReferenceOption, StandardResponse,
    Suggestion, ZienswijzeView,
};

#[tauri::command]
#[specta::specta]
pub async fn list_procedures(app: tauri::AppHandle) -> ApiResult<Vec<ProcedureSummary>> {
    run(&app, move |store| store.procedures()).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_procedure(app: tauri::AppHandle, id: i64) -> ApiResult<ProcedureDetail> {
    run(&app, move |store| store.procedure(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_procedure(app: tauri::AppHandle, procedure: NewProcedure) -> ApiResult<i64> {
    run(&app, move |store| store.add_procedure(&procedure)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_procedure(app: tauri::AppHandle, id: i64, procedure: NewProcedure) -> ApiResult<()> {
    run(&app, move |store| store.update_procedure(id, &procedure)).await
}

#[tauri::command]
#[specta::specta]
/// Records (or changes) the AB's decision. The amount arrives as typed ("1.250.000,50"); the core
/// reads it or says why not. An empty amount is unknown.
pub async fn set_decision(
    app: tauri::AppHandle,
    id: i64,
    decided_on: Option<chrono::NaiveDate>,
    amount: String,
    text: Option<String>,
    dissent_ids: Vec<i64>,
) -> ApiResult<()> {
    let amount = bestuursmap_core::money::parse_optional_amount(&amount)
        .map_err(|e| ApiError::new(ErrorCode::Invalid, format!("Bedrag: {e}")))?;
    let decision = Decision { decided_on, amount, text: text.filter(|t| !t.trim().is_empty()), dissent_ids };
    run(&app, move |store| store.set_decision(id, &decision)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_nota_status(app: tauri::AppHandle, id: i64, status: NotaStatus) -> ApiResult<()> {
    run(&app, move |store| store.set_nota_status(id, status)).await
}

#[tauri::command]
#[specta::specta]
pub async fn check_procedure(app: tauri::AppHandle, id: i64) -> ApiResult<Completeness> {
    run(&app, move |store| store.completeness(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_zienswijze(
    app: tauri::AppHandle,
    procedure_id: i64,
    organisation_id: i64,
    received_on: Option<chrono::NaiveDate>,
    council_decided_on: Option<chrono::NaiveDate>,
    stance: Option<Stance>,
) -> ApiResult<i64> {
    run(&app, move |store| store.add_zienswijze(procedure_id, organisation_id, received_on, council_decided_on, stance))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn update_zienswijze(
    app: tauri::AppHandle,
    id: i64,
    received_on: Option<chrono::NaiveDate>,
    council_decided_on: Option<chrono::NaiveDate>,
    stance: Option<Stance>,
    intro: Option<String>,
) -> ApiResult<()> {
    run(&app, move |store| store.update_zienswijze(id, received_on, council_decided_on, stance, intro.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_zienswijze(app: tauri::AppHandle, id: i64) -> ApiResult<ZienswijzeView> {
    run(&app, move |store| store.zienswijze(id)).await
}

/// Reads a pasted letter (or the text of an opened file) into a zienswijze.
#[tauri::command]
#[specta::specta]
pub async fn import_letter(app: tauri::AppHandle, zienswijze_id: i64, text: String) -> ApiResult<usize> {
    run(&app, move |store| store.import_letter(zienswijze_id, &text)).await
}

/// The text of a letter file (.txt, .docx, .odt, .rtf, .html, .pdf) sent as raw bytes, with its name in `x-file-name`.
#[tauri::command]
pub async fn letter_text(request: tauri::ipc::Request<'_>) -> ApiResult<String> {
    let (name, bytes) = raw_file(&request)?;
    // Refused before the bytes are copied when it is larger than a letter can be.
    let limit = bestuursmap_core::files::MAX_LETTER_BYTES;
    bestuursmap_core::files::check_size(&name, "een brief", bytes.len() as u64, limit)?;
    let bytes = bytes.into_owned();
    off_main(move || Ok(bestuursmap_service::files::letter_text(&name, &bytes)?)).await
}

/// A file a council made part of its zienswijze (such as the overdenkingen of a werkgroep).
#[tauri::command]
pub async fn add_zienswijze_attachment(app: tauri::AppHandle, request: tauri::ipc::Request<'_>) -> ApiResult<i64> {
    let zienswijze_id = id_header(&request, "x-zienswijze-id")?;
    let (name, bytes) = raw_file(&request)?;
    let bytes = bytes.into_owned();
    let progress = Progress::reporter(&app, Task::AddAttachment);
    progress(0.2, "Bijlage opslaan");
    let outcome = run(&app, move |store| store.add_zienswijze_attachment(zienswijze_id, &name, &bytes)).await;
    progress(1.0, "Klaar");
    outcome
}

#[tauri::command]
#[specta::specta]
pub async fn add_point(
    app: tauri::AppHandle,
    section_id: i64,
    parent_id: Option<i64>,
    label: Option<String>,
    text: String,
) -> ApiResult<i64> {
    run(&app, move |store| store.add_point(section_id, parent_id, label.as_deref(), None, &text)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_point(
    app: tauri::AppHandle,
    id: i64,
    label: Option<String>,
    title: Option<String>,
    text: String,
    reply_intro: Option<String>,
) -> ApiResult<()> {
    run(&app, move |store| store.update_point(id, label.as_deref(), title.as_deref(), &text, reply_intro.as_deref()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn split_point(app: tauri::AppHandle, id: i64, at: usize, label: Option<String>) -> ApiResult<i64> {
    run(&app, move |store| store.split_point(id, at, label.as_deref())).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_point_with_next(app: tauri::AppHandle, id: i64) -> ApiResult<()> {
    run(&app, move |store| store.merge_with_next(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_point(app: tauri::AppHandle, id: i64) -> ApiResult<()> {
    run(&app, move |store| store.delete_point(id)).await
}

/// Adds a reply; returns the references that do not resolve (shown at once).
#[tauri::command]
#[specta::specta]
pub async fn add_segment(app: tauri::AppHandle, point_id: i64, text: String) -> ApiResult<Vec<String>> {
    run(&app, move |store| store.add_segment(point_id, &text, None).map(|(_, dangling)| dangling)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_segment(app: tauri::AppHandle, id: i64, text: String) -> ApiResult<Vec<String>> {
    run(&app, move |store| store.update_segment(id, &text)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_segment(app: tauri::AppHandle, id: i64) -> ApiResult<()> {
    run(&app, move |store| store.delete_segment(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn insert_standard_response(app: tauri::AppHandle, point_id: i64, variant_id: i64) -> ApiResult<()> {
    run(&app, move |store| store.insert_standard_response(point_id, variant_id).map(|_| ())).await
}

#[tauri::command]
#[specta::specta]
pub async fn standard_responses(app: tauri::AppHandle) -> ApiResult<Vec<StandardResponse>> {
    run(&app, move |store| store.standard_responses()).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_standard_response(
    app: tauri::AppHandle,
    code: String,
    title: String,
    variant_label: String,
    text: String,
) -> ApiResult<i64> {
    run(&app, move |store| store.add_standard_response(&code, &title, &variant_label, &text)).await
}

#[tauri::command]
#[specta::specta]
pub async fn suggestions(app: tauri::AppHandle, point_id: i64) -> ApiResult<Vec<Suggestion>> {
    run(&app, move |store| store.suggestions(point_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn reference_options(app: tauri::AppHandle, point_id: i64) -> ApiResult<Vec<ReferenceOption>> {
    run(&app, move |store| store.reference_options(point_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn tag_point(app: tauri::AppHandle, point_id: i64, concern_id: i64, on: bool) -> ApiResult<()> {
    run(&app, move |store| store.tag_point(point_id, concern_id, on)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_concern(
    app: tauri::AppHandle,
    procedure_id: i64,
    title: String,
    explanation: String,
) -> ApiResult<i64> {
    run(&app, move |store| store.add_concern(procedure_id, &title, &explanation)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_concern(app: tauri::AppHandle, id: i64, title: String, explanation: String) -> ApiResult<()> {
    run(&app, move |store| store.update_concern(id, &title, &explanation)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_concern(app: tauri::AppHandle, id: i64) -> ApiResult<()> {
    run(&app, move |store| store.delete_concern(id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_standard_response_variant(
    app: tauri::AppHandle,
    variant_id: i64,
    label: String,
    text: String,
) -> ApiResult<()> {
    run(&app, move |store| store.update_standard_response_variant(variant_id, &label, &text)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_letter(app: tauri::AppHandle, procedure_id: i64) -> ApiResult<String> {
    run(&app, move |store| store.letter(procedure_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn draft_letter(app: tauri::AppHandle, procedure_id: i64) -> ApiResult<String> {
    run(&app, move |store| store.draft_letter(procedure_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_letter(app: tauri::AppHandle, procedure_id: i64, text: String) -> ApiResult<()> {
    run(&app, move |store| store.set_letter(procedure_id, Some(&text))).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_motion(
    app: tauri::AppHandle,
    zienswijze_id: i64,
    title: String,
    text: Option<String>,
    received_on: Option<chrono::NaiveDate>,
    late: bool,
) -> ApiResult<i64> {
    run(&app, move |store| store.add_motion(zienswijze_id, &title, text.as_deref(), received_on, late)).await
}

/// The meetings a motion may be put on: AB meetings still to come (the core's rule, the same one
/// `schedule_motion` enforces).
#[tauri::command]
#[specta::specta]
pub async fn motion_meetings(app: tauri::AppHandle) -> ApiResult<Vec<MeetingSummary>> {
    run(&app, move |store| store.motion_meetings()).await
}

#[tauri::command]
#[specta::specta]
pub async fn schedule_motion(app: tauri::AppHandle, motion_id: i64, meeting_id: i64) -> ApiResult<i64> {
    run(&app, move |store| store.schedule_motion(motion_id, meeting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn point_location(app: tauri::AppHandle, point_id: i64) -> ApiResult<(i64, i64)> {
    run(&app, move |store| store.point_location(point_id)).await
}

#[derive(Debug, Serialize, specta::Type)]
pub struct NotaExport {
    pub path: String,
    pub bytes: usize,
    pub open_error: Option<String>,
}

/// Writes the nota (pdf, docx) or the whole procedure (json) to the documents folder and opens it.
#[tauri::command]
#[specta::specta]
pub async fn export_nota(
    app: tauri::AppHandle,
    procedure_id: i64,
    format: bestuursmap_export::nota::NotaFormat,
) -> ApiResult<NotaExport> {
    use bestuursmap_export::nota::{write_nota, NotaFormat};
    let dir = export_dir()?;
    let progress = Progress::reporter(&app, Task::ExportNota);
    progress(0.1, "Nota van reactie opmaken");
    let opener = app.clone();
    let outcome = run(&app, move |store| {
        let procedure = store.procedure_summary(procedure_id)?;
        let stem = if format == NotaFormat::Json { "zienswijzeprocedure" } else { "nota-van-reactie" };
        let file = format!("{stem}-{}.{}", procedure.title, format.extension())
            .replace([' ', '/', '(', ')'], "_")
            .replace("__", "_");
        let path = dir.join(file);
        let bytes = write_nota(store, procedure_id, format, chrono::Local::now().naive_local(), &path)
            .map_err(|e| CoreError::Invalid(e.to_string()))?;
        let open_error = if format == NotaFormat::Json { None } else { open_with_system(&opener, &path).err() };
        Ok(NotaExport { path: path.display().to_string(), bytes, open_error })
    })
    .await;
    progress(1.0, "Klaar");
    outcome
}

/// Imports a procedure from its JSON text.
#[tauri::command]
#[specta::specta]
pub async fn import_procedure(app: tauri::AppHandle, json: String) -> ApiResult<i64> {
    run(&app, move |store| {
        let file = bestuursmap_core::zienswijzen::exchange::parse(&json)?;
        bestuursmap_core::zienswijzen::exchange::import(store, &file)
    })
    .await
}

/// The private notes of a meeting and what the latest issue changed.
#[derive(Debug, Serialize, specta::Type)]
pub struct MeetingNotes {
    pub notes: Vec<NoteView>,
    pub changes: Vec<ItemChange>,
    /// Issue number of the meeting and who signed it (fingerprint), when it came as a bundle.
    pub issue: i64,
    pub issued_by: Option<String>,
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_notes(app: tauri::AppHandle, meeting_id: i64) -> ApiResult<MeetingNotes> {
    run(&app, move |store| {
        let (issue, issued_by) = store.meeting_issue(meeting_id)?;
        Ok(MeetingNotes {
            notes: store.notes_for_meeting(meeting_id)?,
            changes: store.item_changes(meeting_id)?,
            issue,
            issued_by,
        })
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn add_note(app: tauri::AppHandle, note: NewNote) -> ApiResult<i64> {
    run(&app, move |store| store.add_note(&note)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_note(app: tauri::AppHandle, id: i64, body: String) -> ApiResult<()> {
    run(&app, move |store| store.update_note(id, &body)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_note(app: tauri::AppHandle, id: i64) -> ApiResult<()> {
    run(&app, move |store| store.delete_note(id)).await
}

#[derive(Debug, Serialize, specta::Type)]
pub struct BundleWritten {
    pub path: String,
    #[serde(flatten)]
    pub export: BundleExport,
}

/// Writes the meeting as a signed bundle into the export folder (a new issue).
#[tauri::command]
#[specta::specta]
pub async fn export_bundle(app: tauri::AppHandle, meeting_id: i64, signer: String) -> ApiResult<BundleWritten> {
    let dir = export_dir()?;
    let progress = Progress::reporter(&app, Task::ExportBundle);
    progress(0.1, "Vergadering met bijlagen inpakken en ondertekenen");
    let outcome = run(&app, move |store| {
        let meeting = store.meeting_summary(meeting_id)?;
        let file = format!(
            "{}-{}-versie-{}.{}",
            meeting.body,
            meeting.starts_at.format("%Y-%m-%d"),
            store.meeting_issue(meeting_id)?.0 + 1,
            bestuursmap_core::offline::FILE_EXTENSION
        )
        .replace([' ', '/'], "_");
        let path = dir.join(file);
        let export = store.export_bundle(meeting_id, &signer, &path)?;
        Ok(BundleWritten { path: path.display().to_string(), export })
    })
    .await;
    progress(1.0, "Klaar");
    outcome
}

/// Imports a bundle sent as raw bytes (the UI's file picker). The bytes go to a temporary file
/// beside the database first, because the bundle reader checks a file; it is removed afterwards.
#[tauri::command]
pub async fn import_bundle(app: tauri::AppHandle, request: tauri::ipc::Request<'_>) -> ApiResult<BundleImport> {
    let (_, content) = raw_file(&request)?;
    // Refused before it is written to disk.
    bestuursmap_core::offline::format::check_size(content.len() as u64)?;
    let progress = Progress::reporter(&app, Task::ImportBundle);
    progress(0.05, "Bundel ontvangen");
    // Beside the database, in the user's own data folder (a bundle holds the agenda in the clear).
    let temporary = app.state::<AppState>().database_path()?.with_extension("import.bmbundel");
    // Written here, on the async runtime (not the main thread), while the request still holds the bytes.
    std::fs::write(&temporary, &content).map_err(|e| ApiError::from(CoreError::io(&temporary, e)))?;
    drop(content);
    progress(0.3, "Handtekening en inhoud controleren, vergadering bijwerken");
    let file = temporary.clone();
    let outcome = run(&app, move |store| store.import_bundle(&file)).await;
    let _ = std::fs::remove_file(&temporary);
    progress(1.0, "Klaar");
    outcome
}

#[derive(Debug, Serialize, specta::Type)]
pub struct Signers {
    pub own: SignerKey,
    pub trusted: Vec<TrustedSigner>,
}

#[tauri::command]
#[specta::specta]
pub async fn signers(app: tauri::AppHandle) -> ApiResult<Signers> {
    run(&app, move |store| Ok(Signers { own: store.signer_key()?, trusted: store.trusted_signers()? })).await
}

#[tauri::command]
#[specta::specta]
pub async fn trust_signer(app: tauri::AppHandle, public_key: String, name: String) -> ApiResult<TrustedSigner> {
    run(&app, move |store| store.trust_signer(&public_key, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn untrust_signer(app: tauri::AppHandle, public_key: String) -> ApiResult<()> {
    run(&app, move |store| store.untrust_signer(&public_key)).await
}

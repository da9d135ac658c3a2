//! Errors of the core. Messages are Dutch because they reach users unchanged (app and CLI);
//! `code()` gives a stable machine-readable name for the UI.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("De database {} bestaat niet. Maak hem aan met `bestuursmap init` of kies een ander bestand met --db.", .0.display())]
    DatabaseMissing(PathBuf),

    #[error("De map {} voor de database bestaat niet.", .0.display())]
    DirectoryMissing(PathBuf),

    #[error("Kan {} niet openen: de wachtwoordzin klopt niet, of het bestand is geen Bestuursmap-database. Er is niets gewijzigd.", .0.display())]
    CannotUnlock(PathBuf),

    #[error("De database is versleuteld en er is geen wachtwoordzin opgegeven. Zet de omgevingsvariabele BESTUURSMAP_PASSPHRASE (of ontgrendel de database in de app).")]
    PassphraseMissing,

    /// A meeting bundle failed a check; the message says which and nothing was imported.
    #[error("De bundel is geweigerd: {0}")]
    BundleRefused(String),

    #[error("De bundel is gemaakt met een nieuwere Bestuursmap (bundelformaat {format_version}, schemaversie {schema_version}). Werk Bestuursmap bij; er is niets ingelezen.")]
    BundleTooNew { format_version: u64, schema_version: i64 },

    #[error("De bundel is ondertekend door «{name}» met een sleutel die deze computer niet vertrouwt (vingerafdruk {fingerprint}). Vergelijk de vingerafdruk met die van het secretariaat en vertrouw de sleutel eerst; er is niets ingelezen.")]
    BundleUntrusted { name: String, fingerprint: String, public_key: String },

    /// A file could not be read or written; the message names the file and the reason.
    #[error("Bestandsfout: {0}")]
    Io(String),

    #[error("De database {} heeft schemaversie {found}, maar deze versie van Bestuursmap kent versies tot en met {supported}. Werk Bestuursmap bij; het bestand is niet gewijzigd.", path.display())]
    SchemaTooNew { path: PathBuf, found: i64, supported: i64 },

    #[error("De database is vergrendeld door een ander programma (bijvoorbeeld de Bestuursmap-app of een andere opdracht). Probeer het opnieuw zodra dat klaar is.")]
    Locked,

    #[error("De demodata is al geladen (op {0}). Begin met een nieuw databasebestand als u opnieuw wilt beginnen.")]
    DemoAlreadyLoaded(String),

    #[error("De database bevat al vergaderingen. Demodata wordt alleen in een lege database geladen.")]
    StoreNotEmpty,

    #[error("{what} {id} bestaat niet.")]
    NotFound { what: &'static str, id: String },

    /// A domain rule refused the change; the message says which rule and what to do.
    #[error("{0}")]
    Rule(String),

    /// Input that cannot be read (a date, an amount, a name); the message says what was expected.
    #[error("{0}")]
    Invalid(String),

    #[error("De demodata is beschadigd: {0}")]
    DemoData(String),

    #[error("{} is een database van een ander programma, geen Bestuursmap-database. Bestuursmap opent en wijzigt hem niet; kies een ander bestand met --db (of maak een nieuwe database met `bestuursmap init`).", .0.display())]
    ForeignDatabase(PathBuf),

    /// The store file or its disk is write-protected: reading works, this change did not.
    #[error("Er kan niet worden opgeslagen: {0}")]
    ReadOnly(String),

    #[error("De schijf is vol: er is niets opgeslagen. Maak ruimte vrij en probeer het opnieuw.")]
    DiskFull,

    /// An SQLite error, shown in Dutch by its kind; SQLite's own English text is not shown.
    #[error("{}", sqlite_message(.0))]
    Sqlite(rusqlite::Error),

    #[error("Databasemigratie mislukt: {0}")]
    Migration(String),
}

impl CoreError {
    /// A file that could not be read or written, named with the reason.
    pub fn io(path: &std::path::Path, e: std::io::Error) -> CoreError {
        match e.kind() {
            std::io::ErrorKind::StorageFull => CoreError::DiskFull,
            std::io::ErrorKind::ReadOnlyFilesystem => {
                CoreError::ReadOnly(format!("{}: {}.", path.display(), io_reason(&e)))
            }
            _ => CoreError::Io(format!("{}: {}.", path.display(), io_reason(&e))),
        }
    }

    /// Stable code for the UI and for scripts; never translated.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::DatabaseMissing(_) => "database_missing",
            CoreError::DirectoryMissing(_) => "directory_missing",
            CoreError::CannotUnlock(_) => "cannot_unlock",
            CoreError::PassphraseMissing => "passphrase_missing",
            CoreError::Io(_) => "io",
            CoreError::BundleRefused(_) => "bundle_refused",
            CoreError::BundleTooNew { .. } => "bundle_too_new",
            CoreError::BundleUntrusted { .. } => "bundle_untrusted",
            CoreError::SchemaTooNew { .. } => "schema_too_new",
            CoreError::Locked => "locked",
            CoreError::DemoAlreadyLoaded(_) => "demo_already_loaded",
            CoreError::StoreNotEmpty => "store_not_empty",
            CoreError::NotFound { .. } => "not_found",
            CoreError::Rule(_) => "rule",
            CoreError::Invalid(_) => "invalid",
            CoreError::DemoData(_) => "demo_data",
            CoreError::ForeignDatabase(_) => "foreign_database",
            CoreError::ReadOnly(_) => "read_only",
            CoreError::DiskFull => "disk_full",
            CoreError::Sqlite(_) => "database",
            CoreError::Migration(_) => "migration",
        }
    }
}

impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => CoreError::Locked,
            Some(ErrorCode::DiskFull) => CoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => CoreError::ReadOnly(
                "het databasebestand of de schijf is alleen-lezen. Bekijken kan wel; zet de schrijfbeveiliging uit of kopieer het bestand naar een schrijfbare plek om te wijzigen.".into(),
            ),
            _ => CoreError::Sqlite(e),
        }
    }
}

/// Why a file could not be read or written, in Dutch (not the system's English text).
pub fn io_reason(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "het bestand of de map bestaat niet",
        ErrorKind::PermissionDenied => "u hebt geen toegang (controleer de rechten)",
        ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen",
        ErrorKind::StorageFull => "de schijf is vol; maak ruimte vrij",
        ErrorKind::AlreadyExists => "het bestand bestaat al",
        ErrorKind::IsADirectory => "dit is een map, geen bestand",
        ErrorKind::NotADirectory => "een deel van het pad is geen map",
        ErrorKind::InvalidData | ErrorKind::UnexpectedEof => "het bestand is onvolledig of beschadigd",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "het lezen of schrijven werd onderbroken; probeer het opnieuw",
        ErrorKind::OutOfMemory => "er is niet genoeg geheugen",
        _ => "lees- of schrijffout van de schijf",
    }
}

/// A Dutch description of an SQLite error, by its kind, that says what to do. SQLite's own
/// (English) text stays out of what users see.
fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::{Error, ErrorCode};
    let check = "Controleer de database met `bestuursmap check`; zet zo nodig een reservekopie terug met `bestuursmap restore`.";
    match e {
        Error::FromSqlConversionFailure(column, ..) | Error::InvalidColumnType(column, ..) | Error::IntegralValueOutOfRange(column, _) => {
            format!("Een waarde in de database (kolom {}) heeft een onverwacht type of is te groot. {check}", column + 1)
        }
        Error::QueryReturnedNoRows => "Het gevraagde gegeven bestaat niet (meer).".into(),
        _ => match e.sqlite_error_code() {
            Some(ErrorCode::ConstraintViolation) => "Deze wijziging past niet bij de gegevens (een verplicht veld ontbreekt, een waarde is niet toegestaan, of iets bestaat al of wordt nog gebruikt). Er is niets opgeslagen.".into(),
            Some(ErrorCode::TooBig) => "Een tekst of bestand is te groot om op te slaan. Er is niets opgeslagen; maak het kleiner.".into(),
            Some(ErrorCode::NotADatabase) => "Het bestand is geen (leesbare) Bestuursmap-database, of de wachtwoordzin klopt niet. Er is niets gewijzigd.".into(),
            Some(ErrorCode::CannotOpen) => "Kan het databasebestand niet openen (de map bestaat niet, of u hebt geen toegang). Controleer het pad en de rechten.".into(),
            Some(ErrorCode::DatabaseCorrupt) => format!("De database is beschadigd. {check}"),
            Some(ErrorCode::SystemIoFailure) => "Lees- of schrijffout van de schijf bij de database. Controleer de schijf en probeer het opnieuw.".into(),
            Some(ErrorCode::OutOfMemory) => "Er is niet genoeg geheugen. Sluit andere programma's en probeer het opnieuw.".into(),
            Some(ErrorCode::PermissionDenied) => "U hebt geen toegang tot het databasebestand. Controleer de rechten.".into(),
            Some(ErrorCode::FileLockingProtocolFailed) => "De database kan niet worden vergrendeld (staat hij op een netwerkschijf?). Zet hem op een lokale schijf.".into(),
            Some(code) => format!("Onverwachte databasefout ({code:?}). {check}"),
            None => format!("Onverwachte databasefout. {check}"),
        },
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

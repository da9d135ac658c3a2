//! The SQLite store: one encrypted file shared by the app and the CLI. This folder keeps only
//! the shared machinery — the [`Store`] itself, opening and unlocking ([`unlock`]), the
//! migrations, transactions ([`Store::write`], [`Store::atomically`]), backup, restore and the
//! check (`backup`). Each feature keeps its own `impl Store` block and queries in its folder
//! (`crate::meetings`, `crate::zienswijzen`, …).
//!
//! Opening unlocks the file (SQLCipher, see [`unlock`]) and checks the schema version *before*
//! changing anything, so a file written by a newer Bestuursmap is refused and left untouched.
//! Then WAL, foreign keys and a busy timeout are set and pending migrations run in one
//! transaction. A plain (unencrypted) file from an older Bestuursmap is encrypted on first open.

mod backup;
mod unlock;

pub use backup::{
    backup_dir, list_backups, BackupInfo, CheckReport, RestoreReport, BACKUPS_KEPT, BACKUP_INTERVAL_HOURS,
};
#[cfg(feature = "keyring")]
pub use unlock::os_keyring;
pub use unlock::{Passphrase, MIN_PASSPHRASE_CHARS, PASSPHRASE_ENV};

use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file used when neither `--db` nor `BESTUURSMAP_DB` names one: the platform's
/// data directory (on Linux `~/.local/share/bestuursmap/bestuursmap.db`). The app and the CLI
/// use the same file.
pub fn default_database_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "ZHZ", "Bestuursmap").map(|dirs| dirs.data_dir().join("bestuursmap.db"))
}

/// The environment variable that overrides the default database path.
pub const DATABASE_ENV: &str = "BESTUURSMAP_DB";

/// How long a write waits for another process (the app, the CLI) to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

fn migrations() -> Migrations<'static> {
    Migrations::new(migration_steps())
}

fn migration_steps() -> Vec<M<'static>> {
    vec![
        M::up(include_str!("../../migrations/001_reference.sql")),
        M::up(include_str!("../../migrations/002_meetings.sql")),
        M::up(include_str!("../../migrations/003_agenda_work.sql")),
        M::up(include_str!("../../migrations/004_measures.sql")),
        M::up(include_str!("../../migrations/005_search.sql")),
        M::up(include_str!("../../migrations/006_zienswijzen.sql")),
        M::up(include_str!("../../migrations/007_notes_and_bundles.sql")),
        M::up(include_str!("../../migrations/008_search_contentless.sql")),
        // 009 rebuilds the meeting table, which needs foreign keys off, so it ends with a
        // foreign key check.
        M::up(include_str!("../../migrations/009_calendar_reminders.sql")).foreign_key_check(),
        M::up(include_str!("../../migrations/010_search_ranking.sql")),
    ]
}

/// The newest schema version this build knows (`PRAGMA user_version` after migrating).
pub fn latest_schema_version() -> i64 {
    // One version per migration; rusqlite_migration numbers them 1..=n.
    MIGRATION_COUNT
}
pub(crate) const MIGRATION_COUNT: i64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file if it does not exist (`init`, `demo`, the app).
    CreateIfMissing,
    /// The file must exist already (read commands).
    MustExist,
}

pub struct Store {
    // The fields are the crate's so that each feature's `impl Store` block (in its own folder)
    // can run its queries; outside the crate the store is reached only through methods.
    pub(crate) conn: Connection,
    pub(crate) path: Option<PathBuf>,
    /// What the file was unlocked with: backups are encrypted with the same passphrase.
    pub(crate) passphrase: Option<Passphrase>,
    pub(crate) read_only: bool,
    /// The search ranking's document lengths (see `search/rank.rs`).
    pub(crate) doc_lengths: crate::search::DocLengths,
}

impl Store {
    pub fn open(path: &Path, mode: OpenMode, passphrase: &Passphrase) -> Result<Store> {
        if mode == OpenMode::MustExist && !path.exists() {
            return Err(CoreError::DatabaseMissing(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(CoreError::DirectoryMissing(dir.to_path_buf()));
            }
        }
        if path.exists() && !path.is_file() {
            return Err(CoreError::Invalid(format!(
                "{} is geen gewoon bestand (een map of apparaat) en dus geen Bestuursmap-database. Kies een ander bestand met --db.",
                path.display()
            )));
        }
        if is_new_database(path) {
            passphrase.ensure_strong_enough()?;
        } else if unlock::is_plaintext_sqlite(path) {
            encrypt_plain_file(path, passphrase)?;
        }
        let access = Access::of(path);
        let conn = open_unlocked(path, passphrase, access)?;
        let mut store = Store::prepare(conn, Some(path.to_path_buf()), Some(passphrase), access)?;
        store.passphrase = Some(passphrase.clone());
        Ok(store)
    }

    /// True when the store was opened read-only (a write-protected file or disk): reading works,
    /// every change is refused with [`CoreError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A private in-memory store, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(quiet(Connection::open_in_memory()?)?, None, None, Access::ReadWrite)
    }

    fn prepare(
        mut conn: Connection,
        path: Option<PathBuf>,
        passphrase: Option<&Passphrase>,
        access: Access,
    ) -> Result<Store> {
        let shown_path = || path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > MIGRATION_COUNT {
            return Err(CoreError::SchemaTooNew { path: shown_path(), found, supported: MIGRATION_COUNT });
        }
        // Only an empty file or one that is recognisably a Bestuursmap store is touched.
        if !is_bestuursmap_schema(&conn, found)? {
            return Err(CoreError::ForeignDatabase(shown_path()));
        }
        let read_only = access == Access::ReadOnly;
        if read_only {
            if found < MIGRATION_COUNT {
                return Err(CoreError::ReadOnly(format!(
                    "{} moet worden bijgewerkt naar een nieuwere versie, maar het bestand of de schijf is alleen-lezen. Zet de schrijfbeveiliging uit of kopieer het bestand naar een schrijfbare plek.",
                    shown_path().display()
                )));
            }
            conn.pragma_update(None, "foreign_keys", true)?;
            let doc_lengths = crate::search::register_rank(&conn)?;
            return Ok(Store { conn, path, passphrase: None, read_only, doc_lengths });
        }
        if path.is_some() {
            let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
            debug_assert_eq!(mode.to_lowercase(), "wal");
            // After a checkpoint the write-ahead log shrinks back, so a large attachment is not
            // kept twice on disk (once in the log, once in the file).
            conn.pragma_update(None, "journal_size_limit", JOURNAL_SIZE_LIMIT)?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Every page read from the encrypted file is decrypted and checked (SQLCipher); a page
        // cache that holds the search index's hot pages keeps that off the path of a query.
        conn.pragma_update(None, "cache_size", -crate::search::PAGE_CACHE_KIB)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        if let (Some(file), Some(passphrase), true) = (&path, passphrase, found > 0 && found < MIGRATION_COUNT) {
            // An upgrade is saved first, so it can be undone.
            backup_before_upgrade(&conn, file, passphrase)?;
        }
        // All pending migrations run in one transaction: a failure leaves the file as it was.
        // Foreign keys are off meanwhile (a table rebuild must not cascade into its children, see
        // 010); a migration that could break them ends with a foreign key check.
        conn.pragma_update(None, "foreign_keys", false)?;
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => CoreError::from(err),
            other => CoreError::Migration(other.to_string()),
        })?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let doc_lengths = crate::search::register_rank(&conn)?;
        let mut store = Store { conn, path, passphrase: None, read_only, doc_lengths };
        // A migration that changed the index leaves everything marked for re-indexing.
        if crate::search::reindex_pending(&store.conn)? {
            store.write(|_| Ok(()))?;
        }
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction: all of it is stored, or nothing. Inside
    /// [`Store::atomically`] it becomes a savepoint of the enclosing transaction.
    pub fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if self.conn.is_autocommit() {
            let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            // The search index follows every change before it is committed.
            crate::search::reindex_dirty(&tx)?;
            tx.commit()?;
            Ok(value)
        } else {
            let sp = self.conn.savepoint()?;
            let value = f(&sp)?;
            sp.commit()?;
            Ok(value)
        }
    }

    /// Runs several store operations as one transaction: if any fails, none is kept.
    pub fn atomically<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            // Nested: a savepoint of the enclosing transaction, which indexes and commits.
            self.conn.execute_batch("SAVEPOINT atomically")?;
            let outcome = f(self);
            let end = if outcome.is_ok() { "RELEASE atomically" } else { "ROLLBACK TO atomically; RELEASE atomically" };
            self.conn.execute_batch(end)?;
            return outcome;
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        // The search index is brought in step inside the same transaction; if that or the commit
        // fails, everything is rolled back, so the connection never stays in a transaction.
        let outcome = f(self).and_then(|value| {
            crate::search::reindex_dirty(&self.conn)?;
            self.conn.execute_batch("COMMIT")?;
            Ok(value)
        });
        if outcome.is_err() && !self.conn.is_autocommit() {
            // The rollback can only fail if the transaction is already gone; the cause is the error.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        outcome
    }

    /// Re-encrypts the file with a new passphrase (SQLCipher `rekey`), in place and atomically.
    /// Backups made before keep the passphrase they were made with.
    pub fn change_passphrase(&mut self, new: &Passphrase) -> Result<()> {
        if self.path.is_none() {
            return Err(CoreError::Invalid("Een database in het geheugen heeft geen wachtwoordzin.".into()));
        }
        self.conn.pragma_update(None, "rekey", new.expose())?;
        self.passphrase = Some(new.clone());
        Ok(())
    }

    /// True if `candidate` is the passphrase this store was unlocked with (asked before a change).
    pub fn is_passphrase(&self, candidate: &Passphrase) -> bool {
        self.passphrase.as_ref() == Some(candidate)
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }
}

/// True when there is no database at `path` yet (no file, or an empty one): opening it creates
/// a new store, whose passphrase must be strong enough.
pub fn is_new_database(path: &Path) -> bool {
    std::fs::metadata(path).map(|m| m.len() == 0).unwrap_or(true)
}

/// The local time as stored in the database: ISO 8601 without offset, to the second.
pub(crate) fn local_timestamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The write-ahead log is cut back to this size after a checkpoint.
const JOURNAL_SIZE_LIMIT: i64 = 8 * 1024 * 1024;

/// Whether a store file can be written (a write-protected file or a read-only disk cannot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    ReadWrite,
    ReadOnly,
}

impl Access {
    pub(crate) fn of(path: &Path) -> Access {
        match std::fs::OpenOptions::new().write(true).open(path) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                Access::ReadOnly
            }
            _ => Access::ReadWrite,
        }
    }
}

/// Silences SQLCipher's own log lines (English, on stderr, e.g. on every wrong passphrase):
/// the user gets the Dutch error instead.
fn quiet(conn: Connection) -> Result<Connection> {
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))?;
    Ok(conn)
}

/// True for a store this build may open and change: an empty database (a new store) or one
/// whose version and tables are Bestuursmap's. Another program's database is neither.
pub(crate) fn is_bestuursmap_schema(conn: &Connection, version: i64) -> Result<bool> {
    let tables: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if version == 0 {
        return Ok(tables.is_empty());
    }
    Ok(["meta", "organisation", "body", "person"].iter().all(|t| tables.iter().any(|n| n == t)))
}

/// Opens `path` with the key derived from `passphrase`. Reading the schema version is the first
/// thing that touches the file: a wrong passphrase (or a file that is no database) fails here,
/// before anything is written.
pub(crate) fn unlocked_connection(path: &Path, passphrase: &Passphrase) -> Result<Connection> {
    open_unlocked(path, passphrase, Access::ReadWrite)
}

pub(crate) fn open_unlocked(path: &Path, passphrase: &Passphrase, access: Access) -> Result<Connection> {
    let conn = match access {
        Access::ReadWrite => {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(path, flags)
        }
        Access::ReadOnly => {
            // A write-protected folder or disk cannot hold the shared-memory file of the
            // write-ahead log; a file without a pending log is then opened as unchangeable.
            let mut wal = path.as_os_str().to_owned();
            wal.push("-wal");
            let dir_writable = path
                .parent()
                .map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d })
                .is_some_and(tempfile_probe);
            let immutable = !dir_writable && !Path::new(&wal).exists();
            let uri = format!("file:{}?mode=ro{}", percent_path(path), if immutable { "&immutable=1" } else { "" });
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(uri, flags)
        }
    }
    .map_err(|e| open_error(path, e))?;
    let conn = quiet(conn)?;
    conn.pragma_update(None, "key", passphrase.expose())?;
    match conn.pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0)) {
        Ok(_) => Ok(conn),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(CoreError::CannotUnlock(path.to_path_buf()))
        }
        Err(e) => Err(e.into()),
    }
}

fn open_error(path: &Path, e: rusqlite::Error) -> CoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::PermissionDenied) => CoreError::Io(format!(
            "kan de database {} niet openen (geen toegang, of de map bestaat niet). Controleer het pad en de rechten.",
            path.display()
        )),
        _ => e.into(),
    }
}

/// True when a new file can be made in `dir`.
fn tempfile_probe(dir: &Path) -> bool {
    let probe = dir.join(format!(".bestuursmap-schrijftest-{}", std::process::id()));
    let ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// A path as the path part of an SQLite URI: `%`, `?` and `#` escaped.
fn percent_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// A rotating backup of an older store before it is upgraded (see [`backup::backup_dir`]).
fn backup_before_upgrade(conn: &Connection, file: &Path, passphrase: &Passphrase) -> Result<()> {
    let dir = backup::backup_dir(file);
    std::fs::create_dir_all(&dir).map_err(|e| CoreError::io(&dir, e))?;
    let dest = dir.join(format!("reservekopie-{}-voor-upgrade.db", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    let partial = dest.with_extension("deels");
    let outcome = (|| {
        let mut target = unlocked_connection(&partial, passphrase)?;
        rusqlite::backup::Backup::new(conn, &mut target)?.step(-1)?;
        target.close().map_err(|(_, e)| CoreError::from(e))?;
        std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| CoreError::io(&partial, e))?;
        std::fs::rename(&partial, &dest).map_err(|e| CoreError::io(&dest, e))
    })();
    if outcome.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    outcome
}

/// Encrypts a plain SQLite file from a Bestuursmap before encryption. Another program's plain
/// database is refused without being changed (it is only read, read-only). The encrypted copy is
/// written beside the file, saved as a backup, migrated, and only then renamed over the file:
/// any failure, or a crash, leaves the original exactly as it was.
fn encrypt_plain_file(path: &Path, passphrase: &Passphrase) -> Result<()> {
    let found = {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let plain = quiet(Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?)?;
        let found: i64 = plain.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found > MIGRATION_COUNT {
            return Err(CoreError::SchemaTooNew { path: path.to_path_buf(), found, supported: MIGRATION_COUNT });
        }
        if found == 0 || !is_bestuursmap_schema(&plain, found)? {
            return Err(CoreError::ForeignDatabase(path.to_path_buf()));
        }
        found
    };
    if Access::of(path) == Access::ReadOnly {
        return Err(CoreError::ReadOnly(format!(
            "{} is een onversleutelde database van een eerdere Bestuursmap en moet worden versleuteld, maar het bestand of de schijf is alleen-lezen. Zet de schrijfbeveiliging uit en probeer het opnieuw.",
            path.display()
        )));
    }
    let temporary = path.with_extension("versleutelen.tmp");
    let _ = std::fs::remove_file(&temporary);
    let outcome = (|| -> Result<()> {
        // Read-write (and create) only so SQLite can attach the new file; the original is only read.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let plain = quiet(Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?)?;
        plain.execute("ATTACH DATABASE ?1 AS encrypted KEY ?2", (temporary.to_string_lossy(), passphrase.expose()))?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // sqlcipher_export copies the schema and rows, not the header's version number.
        plain.pragma_update(Some("encrypted"), "user_version", found)?;
        plain.execute_batch("DETACH DATABASE encrypted")?;
        plain.close().map_err(|(_, e)| CoreError::from(e))?;
        let mut conn = unlocked_connection(&temporary, passphrase)?;
        backup_before_upgrade(&conn, path, passphrase)?;
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => CoreError::from(err),
            other => CoreError::Migration(other.to_string()),
        })?;
        conn.close().map_err(|(_, e)| CoreError::from(e))?;
        std::fs::File::open(&temporary).and_then(|f| f.sync_all()).map_err(|e| CoreError::io(&temporary, e))?;
        std::fs::rename(&temporary, path).map_err(|e| CoreError::io(path, e))
    })();
    if outcome.is_err() {
        let _ = std::fs::remove_file(&temporary);
        return outcome;
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Passphrase {
        Passphrase::new("proef-wachtwoordzin").unwrap()
    }

    #[test]
    fn migrates_an_empty_file_to_the_latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nieuw.db");
        let store = Store::open(&path, OpenMode::CreateIfMissing, &key()).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_schema_version());
        let mode: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        drop(store);
        // Opening again is a no-op migration.
        let again = Store::open(&path, OpenMode::MustExist, &key()).unwrap();
        assert_eq!(again.schema_version().unwrap(), latest_schema_version());
    }

    #[test]
    fn refuses_a_missing_file_when_it_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(&dir.path().join("weg.db"), OpenMode::MustExist, &key()).err().unwrap();
        assert_eq!(err.code(), "database_missing");
        assert!(!dir.path().join("weg.db").exists(), "nothing may be created");
    }

    #[test]
    fn refuses_a_newer_schema_without_touching_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("toekomst.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE x (a); PRAGMA user_version = 99;").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, OpenMode::MustExist, &key()).err().unwrap();
        assert!(matches!(err, CoreError::SchemaTooNew { found: 99, .. }), "{err}");
        assert!(err.to_string().contains("schemaversie 99"));
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file must not change");
        assert!(!dir.path().join("toekomst.db-wal").exists());
    }

    #[test]
    fn refuses_a_file_that_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.db");
        std::fs::write(&path, "Geachte raad, dit is geen database maar een brief.".repeat(40)).unwrap();
        let err = Store::open(&path, OpenMode::MustExist, &key()).err().unwrap();
        assert_eq!(err.code(), "cannot_unlock", "{err}");
    }

    fn store_with_title(path: &Path, title: &str) {
        let mut store = Store::open(path, OpenMode::CreateIfMissing, &key()).unwrap();
        store
            .write(|tx| Ok(tx.execute("INSERT INTO meta (key, value) VALUES ('proef', ?1)", [title]).map(|_| ())?))
            .unwrap();
    }

    fn file_contains(path: &Path, needle: &str) -> bool {
        let mut bytes = std::fs::read(path).unwrap();
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        bytes.extend(std::fs::read(wal).unwrap_or_default());
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    }

    #[test]
    fn the_file_holds_no_plaintext_and_needs_the_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("versleuteld.db");
        store_with_title(&path, "Geheime titel Omdenknotitie");
        assert!(!file_contains(&path, "Geheime titel Omdenknotitie"));
        assert!(!file_contains(&path, "SQLite format 3"), "not even the plain header");

        let wrong = Passphrase::new("verkeerde-zin").unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, OpenMode::MustExist, &wrong).err().unwrap();
        assert_eq!(err.code(), "cannot_unlock");
        assert!(err.to_string().contains("wachtwoordzin klopt niet"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "a wrong passphrase changes nothing");
    }

    #[test]
    fn changing_the_passphrase_locks_out_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wissel.db");
        store_with_title(&path, "Agendapunt Aanjaagplan");
        let new = Passphrase::new_chosen("nieuwe wachtwoordzin").unwrap();
        Store::open(&path, OpenMode::MustExist, &key()).unwrap().change_passphrase(&new).unwrap();
        assert_eq!(Store::open(&path, OpenMode::MustExist, &key()).err().unwrap().code(), "cannot_unlock");
        let store = Store::open(&path, OpenMode::MustExist, &new).unwrap();
        assert_eq!(store.meta("proef").unwrap().as_deref(), Some("Agendapunt Aanjaagplan"));
        assert!(!file_contains(&path, "Agendapunt Aanjaagplan"));
    }

    /// A plain (unencrypted) store as an earlier Bestuursmap left it, at schema `version`.
    fn plain_store(path: &Path, version: usize) {
        let mut conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        Migrations::new(migration_steps().into_iter().take(version).collect()).to_latest(&mut conn).unwrap();
        conn.execute("INSERT INTO meta (key, value) VALUES ('proef', 'Jeugdhulp Dordrecht')", []).unwrap();
    }

    #[test]
    fn a_plain_file_from_an_older_version_is_encrypted_on_first_open_after_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("oud.db");
        plain_store(&path, 5);
        assert!(file_contains(&path, "Jeugdhulp Dordrecht"));
        let store = Store::open(&path, OpenMode::MustExist, &key()).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_schema_version());
        assert_eq!(store.meta("proef").unwrap().as_deref(), Some("Jeugdhulp Dordrecht"));
        drop(store);
        assert!(!file_contains(&path, "Jeugdhulp Dordrecht"));
        assert!(!dir.path().join("oud.versleutelen.tmp").exists());
        // The state before the upgrade is kept as an (encrypted) backup that restores.
        let backups = list_backups(&path).unwrap();
        assert_eq!(backups.len(), 1, "{backups:?}");
        assert_eq!(backups[0].reason, "voor-upgrade");
        assert!(!file_contains(&backups[0].path, "Jeugdhulp Dordrecht"));
    }

    #[test]
    fn another_programs_sqlite_file_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("klanten.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE klant (naam TEXT); INSERT INTO klant VALUES ('Van Dijk');").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        for mode in [OpenMode::MustExist, OpenMode::CreateIfMissing] {
            let err = Store::open(&path, mode, &key()).err().unwrap();
            assert_eq!(err.code(), "foreign_database", "{err}");
            assert!(err.to_string().contains("ander programma"), "{err}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file must not change");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "no backup, temporary or log files: {names:?}");
        // The other program still reads it.
        let conn = Connection::open(&path).unwrap();
        let name: String = conn.query_row("SELECT naam FROM klant", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "Van Dijk");
    }

    #[test]
    fn a_failed_migration_of_a_plain_file_leaves_it_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("half.db");
        plain_store(&path, 6);
        {
            // A table in the way of migration 7 makes it fail.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE private_note (x); PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, OpenMode::MustExist, &key()).err().unwrap();
        assert!(!err.to_string().contains("already exists"), "Dutch only: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file must not change");
        assert!(!dir.path().join("half.versleutelen.tmp").exists());
    }

    #[test]
    fn an_encrypted_store_of_another_program_is_refused_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vreemd.db");
        {
            let conn = unlocked_connection(&path, &key()).unwrap();
            conn.execute_batch("CREATE TABLE klant (naam TEXT);").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path, OpenMode::MustExist, &key()).err().unwrap();
        assert_eq!(err.code(), "foreign_database", "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_failed_composite_operation_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let result: Result<()> = store.atomically(|s| {
            s.write(|tx| Ok(tx.execute("INSERT INTO meta (key, value) VALUES ('a', '1')", []).map(|_| ())?))?;
            s.write(|_| Err(CoreError::Invalid("tweede stap mislukt".into())))
        });
        assert!(result.is_err());
        assert_eq!(store.meta("a").unwrap(), None);
        assert!(store.conn().is_autocommit(), "the transaction is closed");
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let result: Result<()> = store.write(|tx| {
            tx.execute("INSERT INTO meta (key, value) VALUES ('a', '1')", [])?;
            Err(CoreError::Invalid("halverwege afgebroken".into()))
        });
        assert!(result.is_err());
        assert_eq!(store.meta("a").unwrap(), None);
    }
}

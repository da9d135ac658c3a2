//! The SQLite store: one file shared by the app and the CLI.
//!
//! Opening checks the schema version *before* changing anything, so a file written by a newer
//! Bestuursmap is refused and left untouched. Then WAL, foreign keys and a busy timeout are set
//! and pending migrations run in one transaction.

mod actions;
mod agenda;
mod attachments;
mod measures;
mod meetings;
mod reference;
mod search;
mod zienswijzen;

pub use actions::*;
pub use agenda::*;
pub use attachments::*;
pub use measures::*;
pub use meetings::*;
pub use reference::*;
pub use search::*;
pub use zienswijzen::*;

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
    Migrations::new(vec![
        M::up(include_str!("../../migrations/001_reference.sql")),
        M::up(include_str!("../../migrations/002_meetings.sql")),
        M::up(include_str!("../../migrations/003_agenda_work.sql")),
        M::up(include_str!("../../migrations/004_measures.sql")),
        M::up(include_str!("../../migrations/005_search.sql")),
        M::up(include_str!("../../migrations/006_zienswijzen.sql")),
    ])
}

/// The newest schema version this build knows (`PRAGMA user_version` after migrating).
pub fn latest_schema_version() -> i64 {
    // One version per migration; rusqlite_migration numbers them 1..=n.
    MIGRATION_COUNT
}
const MIGRATION_COUNT: i64 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file if it does not exist (`init`, `demo`, the app).
    CreateIfMissing,
    /// The file must exist already (read commands).
    MustExist,
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        if mode == OpenMode::MustExist && !path.exists() {
            return Err(CoreError::DatabaseMissing(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(CoreError::DirectoryMissing(dir.to_path_buf()));
            }
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags)?;
        Store::prepare(conn, Some(path.to_path_buf()))
    }

    /// A private in-memory store, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let shown_path = || path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the header is the first thing that touches the file: a non-database fails here.
        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|e| {
            match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => CoreError::NotADatabase(shown_path()),
                _ => CoreError::from(e),
            }
        })?;
        if found > MIGRATION_COUNT {
            return Err(CoreError::SchemaTooNew { path: shown_path(), found, supported: MIGRATION_COUNT });
        }
        if path.is_some() {
            let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
            debug_assert_eq!(mode.to_lowercase(), "wal");
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => CoreError::from(err),
            other => CoreError::Migration(other.to_string()),
        })?;
        Ok(Store { conn, path })
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
            search::reindex_dirty(&tx)?;
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
            search::reindex_dirty(&self.conn)?;
            self.conn.execute_batch("COMMIT")?;
            Ok(value)
        });
        if outcome.is_err() && !self.conn.is_autocommit() {
            // The rollback can only fail if the transaction is already gone; the cause is the error.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        outcome
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_file_to_the_latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nieuw.db");
        let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
        assert_eq!(store.schema_version().unwrap(), latest_schema_version());
        let mode: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        drop(store);
        // Opening again is a no-op migration.
        let again = Store::open(&path, OpenMode::MustExist).unwrap();
        assert_eq!(again.schema_version().unwrap(), latest_schema_version());
    }

    #[test]
    fn refuses_a_missing_file_when_it_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(&dir.path().join("weg.db"), OpenMode::MustExist).err().unwrap();
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
        let err = Store::open(&path, OpenMode::MustExist).err().unwrap();
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
        let err = Store::open(&path, OpenMode::MustExist).err().unwrap();
        assert_eq!(err.code(), "not_a_database", "{err}");
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

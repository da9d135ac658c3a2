//! Backups, restore and the health check of the store.
//!
//! Backups go through SQLite's online backup API, so they are consistent while the app keeps
//! working, and are encrypted with the store's passphrase. Automatic backups rotate in a folder
//! beside the database (`<name>-reservekopieen/`); the newest [`BACKUPS_KEPT`] are kept.

use super::{is_bestuursmap_schema, open_unlocked, unlocked_connection, Access, Passphrase, Store, MIGRATION_COUNT};
use crate::error::{CoreError, Result};
use chrono::{Local, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many rotating backups are kept.
pub const BACKUPS_KEPT: usize = 10;

/// How old the newest backup may be before the app makes a new one at start.
pub const BACKUP_INTERVAL_HOURS: i64 = 24;

const STAMP: &str = "%Y%m%d-%H%M%S";

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    pub path: PathBuf,
    pub made_at: NaiveDateTime,
    /// Why it was made: `handmatig`, `automatisch`, `voor-import`, `voor-herstel`.
    pub reason: String,
    pub size_bytes: u64,
}

/// The result of `check`: empty lists mean a healthy store.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckReport {
    pub schema_version: i64,
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub search_index: Vec<String>,
    /// What could not be checked and why; not problems.
    pub notes: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.integrity.is_empty() && self.foreign_keys.is_empty() && self.search_index.is_empty()
    }

    /// Every problem, one line each, in Dutch.
    pub fn problems(&self) -> Vec<String> {
        let integrity = self.integrity.iter().map(|p| format!("Integriteit: {p}"));
        let keys = self.foreign_keys.iter().map(|p| format!("Verwijzing: {p}"));
        let search = self.search_index.iter().map(|p| format!("Zoekindex: {p}"));
        integrity.chain(keys).chain(search).collect()
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreReport {
    /// The backup of the state before the restore, so a restore can be undone.
    pub safety_backup: BackupInfo,
    pub schema_version_restored: i64,
}

/// The folder of rotating backups for a database file.
pub fn backup_dir(database: &Path) -> PathBuf {
    let stem = database.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "bestuursmap".into());
    database.with_file_name(format!("{stem}-reservekopieen"))
}

/// The rotating backups of a database file, newest first.
pub fn list_backups(database: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(database);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(CoreError::io(&dir, e)),
    };
    let mut found: Vec<BackupInfo> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix("reservekopie-")?.strip_suffix(".db")?;
            let (stamp, reason) = rest.split_at_checked(15)?;
            let made_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
            Some(BackupInfo {
                path: entry.path(),
                made_at,
                reason: reason.trim_start_matches('-').to_string(),
                size_bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect();
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.path.cmp(&a.path)));
    Ok(found)
}

impl Store {
    fn file_and_passphrase(&self) -> Result<(&Path, &Passphrase)> {
        match (self.path.as_deref(), self.passphrase.as_ref()) {
            (Some(path), Some(passphrase)) => Ok((path, passphrase)),
            _ => Err(CoreError::Invalid("Een database in het geheugen heeft geen reservekopieën.".into())),
        }
    }

    /// Copies the whole store into `dest` (encrypted with the same passphrase) through the online
    /// backup API. The copy is written beside `dest` and renamed over it when complete.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let (_, passphrase) = self.file_and_passphrase()?;
        // Never over an existing file (another backup, a document, the live database itself).
        if dest.exists() {
            return Err(CoreError::Invalid(format!(
                "{} bestaat al; een reservekopie overschrijft geen bestaand bestand. Kies een andere naam.",
                dest.display()
            )));
        }
        let partial = dest.with_extension("deels");
        let _ = std::fs::remove_file(&partial);
        let outcome = (|| {
            let mut target = unlocked_connection(&partial, passphrase)?;
            Backup::new(&self.conn, &mut target)?.step(-1)?;
            target.close().map_err(|(_, e)| CoreError::from(e))?;
            std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(|e| CoreError::io(&partial, e))?;
            std::fs::rename(&partial, dest).map_err(|e| CoreError::io(dest, e))
        })();
        if outcome.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        outcome
    }

    /// Makes a rotating backup now and removes the oldest beyond [`BACKUPS_KEPT`].
    pub fn backup_now(&self, reason: &str) -> Result<BackupInfo> {
        let (path, _) = self.file_and_passphrase()?;
        let dir = backup_dir(path);
        std::fs::create_dir_all(&dir).map_err(|e| CoreError::io(&dir, e))?;
        let now = Local::now().naive_local();
        let mut dest = dir.join(format!("reservekopie-{}-{reason}.db", now.format(STAMP)));
        // Two backups in the same second (an import right after a manual one) both stay.
        let mut n = 2;
        while dest.exists() {
            dest = dir.join(format!("reservekopie-{}-{reason}-{n}.db", now.format(STAMP)));
            n += 1;
        }
        self.backup_to(&dest)?;
        for old in list_backups(path)?.into_iter().skip(BACKUPS_KEPT) {
            let _ = std::fs::remove_file(old.path);
        }
        let size_bytes = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
        Ok(BackupInfo { path: dest, made_at: now, reason: reason.to_string(), size_bytes })
    }

    /// The automatic backup: made when the newest is older than [`BACKUP_INTERVAL_HOURS`].
    pub fn backup_if_due(&self) -> Result<Option<BackupInfo>> {
        let (path, _) = self.file_and_passphrase()?;
        let newest = list_backups(path)?.into_iter().next();
        let due = newest
            .is_none_or(|b| Local::now().naive_local() - b.made_at > chrono::Duration::hours(BACKUP_INTERVAL_HOURS));
        if due {
            return self.backup_now("automatisch").map(Some);
        }
        Ok(None)
    }

    /// The rotating backups of this store, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        let (path, _) = self.file_and_passphrase()?;
        list_backups(path)
    }

    /// Integrity of every page, foreign keys, and the full-text index.
    pub fn check(&self) -> Result<CheckReport> {
        Ok(CheckReport {
            schema_version: self.schema_version()?,
            integrity: integrity_problems(&self.conn)?,
            foreign_keys: foreign_key_problems(&self.conn)?,
            search_index: self.search_index_problems(),
            notes: if self.read_only {
                vec!["Het bestand is alleen-lezen: de zoekindex is niet gecontroleerd (de gegevens wel).".into()]
            } else {
                Vec::new()
            },
        })
    }

    /// The full-text index check. It is an FTS5 command given as an insert, which a read-only
    /// file refuses, so there it is skipped (and the report says so).
    fn search_index_problems(&self) -> Vec<String> {
        if self.read_only {
            return Vec::new();
        }
        let mut problems = Vec::new();
        if let Err(e) = self.conn.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')", []) {
            problems.push(format!(
                "de zoekindex klopt niet met de gegevens ({}); herstel hem met `bestuursmap reindex`.",
                CoreError::from(e)
            ));
        }
        // The totals the ranking weighs with (see search/rank.rs) must be those of the documents.
        let counted = self.conn.query_row(
            "SELECT documents = (SELECT count(*) FROM search_doc)
                    AND stems = (SELECT coalesce(sum(length), 0) FROM search_doc) FROM search_stats",
            [],
            |r| r.get::<_, bool>(0),
        );
        if !matches!(counted, Ok(true)) {
            problems.push(
                "de tellingen van de zoekindex kloppen niet (de volgorde van zoekresultaten lijdt eronder); herstel ze met `bestuursmap reindex`.".into(),
            );
        }
        problems
    }

    /// Replaces the contents of the store by a backup. The backup is checked first (passphrase,
    /// schema version, integrity, foreign keys); the current state is saved as a backup before it
    /// is overwritten. The copy is one step of the backup API, so it lands wholly or not at all.
    /// `backup_passphrase` is needed only when the backup was made before a passphrase change.
    pub fn restore_from(&mut self, file: &Path, backup_passphrase: Option<&Passphrase>) -> Result<RestoreReport> {
        let (_, own) = self.file_and_passphrase()?;
        if self.read_only {
            return Err(CoreError::ReadOnly(
                "het databasebestand of de schijf is alleen-lezen, dus er kan geen reservekopie worden teruggezet."
                    .into(),
            ));
        }
        if !file.is_file() {
            return Err(CoreError::Io(format!("{} bestaat niet of is geen bestand.", file.display())));
        }
        let not_a_backup = || {
            CoreError::Invalid(format!(
                "{} is geen reservekopie van Bestuursmap (het bestand is leeg of hoort bij een ander programma). Er is niets gewijzigd.",
                file.display()
            ))
        };
        // An empty file would open as an empty database and wipe the store.
        if std::fs::metadata(file).map_err(|e| CoreError::io(file, e))?.len() == 0 {
            return Err(not_a_backup());
        }
        // Opened read-only: checking a backup never changes it.
        let source = match open_unlocked(file, backup_passphrase.unwrap_or(own), Access::ReadOnly) {
            Err(CoreError::CannotUnlock(_)) => {
                return Err(CoreError::Invalid(format!(
                    "Kan de reservekopie {} niet openen: de wachtwoordzin klopt niet (misschien is de kopie gemaakt vóór een wijziging van de wachtwoordzin; geef dan de oude op), of het is geen reservekopie van Bestuursmap. Er is niets gewijzigd.",
                    file.display()
                )))
            }
            other => other?,
        };
        let version: i64 = source.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > MIGRATION_COUNT {
            return Err(CoreError::SchemaTooNew {
                path: file.to_path_buf(),
                found: version,
                supported: MIGRATION_COUNT,
            });
        }
        if version < 1 || !is_bestuursmap_schema(&source, version)? {
            return Err(not_a_backup());
        }
        let mut problems = integrity_problems(&source)?;
        problems.extend(foreign_key_problems(&source)?);
        if !problems.is_empty() {
            return Err(CoreError::Invalid(format!(
                "De reservekopie {} is beschadigd ({}). Er is niets gewijzigd.",
                file.display(),
                problems.join("; ")
            )));
        }
        let safety_backup = self.backup_now("voor-herstel")?;
        Backup::new(&source, &mut self.conn)?.step(-1)?;
        drop(source);
        // The search documents of the backup reuse ids the ranking has read lengths for.
        self.doc_lengths.clear();
        // A backup from an older Bestuursmap is brought up to date like any old file.
        super::migrations().to_latest(&mut self.conn).map_err(|e| CoreError::Migration(e.to_string()))?;
        // A migration that rebuilt the search index (008) left everything marked for re-indexing.
        if crate::search::reindex_pending(&self.conn)? {
            self.write(|_| Ok(()))?;
        }
        Ok(RestoreReport { safety_backup, schema_version_restored: version })
    }
}

fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = statement.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    // SQLCipher also checks every page's authentication code: a page changed outside SQLite.
    let mut cipher = conn.prepare("PRAGMA cipher_integrity_check")?;
    let tampered: Vec<String> = cipher.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").chain(tampered).collect())
}

fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut statement = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = statement.query_map([], |r| {
        let table: String = r.get(0)?;
        let rowid: Option<i64> = r.get(1)?;
        let parent: String = r.get(2)?;
        Ok(format!("{table} rij {} verwijst naar een ontbrekende rij in {parent}", rowid.unwrap_or_default()))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::OpenMode;

    fn key() -> Passphrase {
        Passphrase::new("proef-wachtwoordzin").unwrap()
    }

    fn set(store: &mut Store, value: &str) {
        store
            .write(|tx| {
                tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('proef', ?1)", [value])?;
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_backup_restores_what_was_there_and_the_restore_itself_can_be_undone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bestuursmap.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &key()).unwrap();
        set(&mut store, "vóór");
        let backup = store.backup_now("handmatig").unwrap();
        assert!(backup.path.starts_with(dir.path().join("bestuursmap-reservekopieen")));
        set(&mut store, "na");

        let report = store.restore_from(&backup.path, None).unwrap();
        assert_eq!(store.meta("proef").unwrap().as_deref(), Some("vóór"));
        assert!(store.check().unwrap().is_ok());
        // The state before the restore was saved, so the restore can be undone.
        store.restore_from(&report.safety_backup.path, None).unwrap();
        assert_eq!(store.meta("proef").unwrap().as_deref(), Some("na"));
        drop(store);
        let reopened = Store::open(&path, OpenMode::MustExist, &key()).unwrap();
        assert_eq!(reopened.meta("proef").unwrap().as_deref(), Some("na"));
    }

    #[test]
    fn backups_rotate_and_are_encrypted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &key()).unwrap();
        set(&mut store, "Vertrouwelijk agendapunt Hoeksche Waard");
        for _ in 0..BACKUPS_KEPT + 3 {
            store.backup_now("handmatig").unwrap();
        }
        let backups = store.backups().unwrap();
        assert_eq!(backups.len(), BACKUPS_KEPT);
        let bytes = std::fs::read(&backups[0].path).unwrap();
        let needle = b"Vertrouwelijk agendapunt";
        assert!(!bytes.windows(needle.len()).any(|w| w == needle));
        assert!(store.backup_if_due().unwrap().is_none(), "a fresh backup exists");
    }

    #[test]
    fn a_backup_from_before_a_passphrase_change_needs_the_old_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &key()).unwrap();
        set(&mut store, "oud");
        let backup = store.backup_now("handmatig").unwrap();
        store.change_passphrase(&Passphrase::new_chosen("een nieuwe zin").unwrap()).unwrap();
        let err = store.restore_from(&backup.path, None).unwrap_err();
        assert!(err.to_string().contains("vóór een wijziging van de wachtwoordzin"), "{err}");
        store.restore_from(&backup.path, Some(&key())).unwrap();
        assert_eq!(store.meta("proef").unwrap().as_deref(), Some("oud"));
        drop(store);
        // The restored store keeps the current passphrase.
        let new = Passphrase::new("een nieuwe zin").unwrap();
        assert_eq!(
            Store::open(&path, OpenMode::MustExist, &new).unwrap().meta("proef").unwrap().as_deref(),
            Some("oud")
        );
    }

    #[test]
    fn check_finds_a_broken_reference_and_restore_refuses_a_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &key()).unwrap();
        assert!(store.check().unwrap().is_ok());
        store
            .conn()
            .execute_batch("PRAGMA foreign_keys = OFF; INSERT INTO dossier (id, title) VALUES (1, 'd');")
            .unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO meeting (body_id, title, starts_at) VALUES (999, 'Zwevend', '2020-01-01T10:00:00')",
                [],
            )
            .unwrap();
        let report = store.check().unwrap();
        assert!(!report.is_ok());
        assert!(report.problems()[0].contains("meeting"), "{:?}", report.problems());
        store.conn().execute_batch("DELETE FROM meeting; PRAGMA foreign_keys = ON;").unwrap();

        let damaged = dir.path().join("kapot.db");
        let good = store.backup_now("handmatig").unwrap();
        let mut bytes = std::fs::read(&good.path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&damaged, &bytes).unwrap();
        set(&mut store, "blijft");
        assert!(store.restore_from(&damaged, None).is_err());
        assert_eq!(store.meta("proef").unwrap().as_deref(), Some("blijft"), "nothing changed");
    }

    #[test]
    fn restoring_an_empty_or_foreign_file_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &key()).unwrap();
        set(&mut store, "blijft");
        let empty = dir.path().join("leeg.db");
        std::fs::write(&empty, b"").unwrap();
        let foreign = dir.path().join("vreemd.db");
        unlocked_connection(&foreign, &key()).unwrap().execute_batch("CREATE TABLE klant (naam TEXT);").unwrap();
        let plain = dir.path().join("plat.db");
        Connection::open(&plain).unwrap().execute_batch("CREATE TABLE klant (naam TEXT);").unwrap();
        for file in [&empty, &foreign, &plain] {
            let before = std::fs::read(file).unwrap();
            let err = store.restore_from(file, None).unwrap_err();
            assert!(err.to_string().contains("Er is niets gewijzigd"), "{err}");
            assert_eq!(std::fs::read(file).unwrap(), before, "the offered file is only read");
            assert_eq!(store.meta("proef").unwrap().as_deref(), Some("blijft"), "nothing changed");
        }
        assert!(store.backups().unwrap().is_empty(), "no restore was started");
    }

    #[test]
    fn a_backup_never_overwrites_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("o.db");
        let store = Store::open(&path, OpenMode::CreateIfMissing, &key()).unwrap();
        let other = dir.path().join("brief.txt");
        std::fs::write(&other, "Geachte raad").unwrap();
        for target in [&other, &path] {
            let before = std::fs::read(target).unwrap();
            let err = store.backup_to(target).unwrap_err();
            assert!(err.to_string().contains("bestaat al"), "{err}");
            assert_eq!(std::fs::read(target).unwrap(), before);
        }
        assert!(store.check().unwrap().is_ok());
    }
}

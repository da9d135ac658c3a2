//! Which database file, and which passphrase is at hand to open it: the same rules for the
//! command line and the app.

use crate::ServiceError;
use bestuursmap_core::store::{default_database_path, os_keyring, Passphrase, DATABASE_ENV};
use bestuursmap_core::{CoreError, OpenMode, Store};
use std::path::{Path, PathBuf};

/// The database file: the one given on the command line (`--db`), else `BESTUURSMAP_DB`, else
/// `bestuursmap.db` in the platform's data folder, which is made when it is missing.
pub fn database_path(flag: Option<PathBuf>) -> Result<PathBuf, ServiceError> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os(DATABASE_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let path = default_database_path().ok_or(ServiceError::NoDataDir)?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| ServiceError::DataDir {
            dir: dir.to_path_buf(),
            reason: bestuursmap_core::error::io_reason(&e).to_string(),
        })?;
    }
    Ok(path)
}

/// The passphrase that opens `database` without asking: `BESTUURSMAP_PASSPHRASE`, else the one
/// remembered in the system keyring. `None`: the command line says how to give one, the app asks.
pub fn passphrase_at_hand(database: &Path) -> Option<Passphrase> {
    Passphrase::from_env().or_else(|| os_keyring::remembered(database))
}

/// Opens the store with the passphrase at hand, or says in Dutch how to give one.
pub fn open_store(database: &Path, mode: OpenMode) -> Result<Store, CoreError> {
    let passphrase = passphrase_at_hand(database).ok_or(CoreError::PassphraseMissing)?;
    Store::open(database, mode, &passphrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test for everything that reads the environment, so no other test sees it changed.
    #[test]
    fn the_flag_wins_then_the_environment_then_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let flag = dir.path().join("vlag.db");
        let from_env = dir.path().join("omgeving.db");
        std::env::set_var(DATABASE_ENV, &from_env);
        assert_eq!(database_path(Some(flag.clone())).unwrap(), flag);
        assert_eq!(database_path(None).unwrap(), from_env);
        // Empty counts as not set.
        std::env::set_var(DATABASE_ENV, "");
        match default_database_path() {
            Some(default) => assert_eq!(database_path(None).unwrap(), default),
            None => assert!(matches!(database_path(None), Err(ServiceError::NoDataDir))),
        }
        std::env::remove_var(DATABASE_ENV);
        assert_eq!(database_path(Some(flag.clone())).unwrap(), flag);
    }

    #[test]
    fn without_a_passphrase_the_store_is_not_opened_and_not_made() {
        // No test of this crate sets it; a new file has nothing in the keyring.
        std::env::remove_var(bestuursmap_core::store::PASSPHRASE_ENV);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nieuw.db");
        let outcome = open_store(&path, OpenMode::CreateIfMissing);
        assert!(matches!(outcome, Err(CoreError::PassphraseMissing)));
        assert!(!path.exists());
    }
}

//! Unlocking the encrypted store.
//!
//! The database file is encrypted with SQLCipher. Its key is derived (PBKDF2, by SQLCipher) from
//! a passphrase: typed by the user, kept in the operating system's keyring by the app, or — for
//! headless use in the CLI, CI and tests — read from `BESTUURSMAP_PASSPHRASE`.

use crate::error::{CoreError, Result};
use std::fmt;

/// The environment variable that gives the passphrase to the CLI and the app (headless use).
pub const PASSPHRASE_ENV: &str = "BESTUURSMAP_PASSPHRASE";

/// The shortest passphrase accepted for a new or changed key.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A passphrase. Its `Debug` output never shows it, so it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// A passphrase for opening an existing store: anything but empty.
    pub fn new(text: impl Into<String>) -> Result<Passphrase> {
        let text = text.into();
        if text.is_empty() {
            return Err(CoreError::Invalid("De wachtwoordzin is leeg.".into()));
        }
        Ok(Passphrase(text))
    }

    /// A passphrase chosen for a new store or as a replacement: at least
    /// [`MIN_PASSPHRASE_CHARS`] characters.
    pub fn new_chosen(text: impl Into<String>) -> Result<Passphrase> {
        let passphrase = Passphrase(text.into());
        passphrase.ensure_strong_enough()?;
        Ok(passphrase)
    }

    /// Refuses a passphrase too short to protect a new store (checked when one is created).
    pub fn ensure_strong_enough(&self) -> Result<()> {
        if self.0.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(CoreError::Invalid(format!(
                "Kies een wachtwoordzin van minstens {MIN_PASSPHRASE_CHARS} tekens."
            )));
        }
        Ok(())
    }

    /// The passphrase from `BESTUURSMAP_PASSPHRASE`, if set and not empty.
    pub fn from_env() -> Option<Passphrase> {
        std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty()).map(Passphrase)
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

/// True if the file starts with the header of an unencrypted SQLite database (written by a
/// Bestuursmap from before encryption, or a foreign plain database).
pub(crate) fn is_plaintext_sqlite(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)).is_ok() && &header == b"SQLite format 3\0"
}

/// The passphrase remembered in the operating system's keyring (Secret Service on Linux,
/// Keychain on macOS, Credential Manager on Windows), one entry per database file. Where no
/// keyring is reachable (a headless machine, CI) every call says so and the user types the
/// passphrase instead.
#[cfg(feature = "keyring")]
pub mod os_keyring {
    use super::Passphrase;
    use crate::error::{CoreError, Result};
    use std::path::Path;

    const SERVICE: &str = "Bestuursmap";

    fn entry(database: &Path) -> Option<keyring::Entry> {
        let account = database.canonicalize().unwrap_or_else(|_| database.to_path_buf());
        keyring::Entry::new(SERVICE, &account.to_string_lossy()).ok()
    }

    /// True when a keyring answers (an empty one counts).
    pub fn available(database: &Path) -> bool {
        entry(database).is_some_and(|e| matches!(e.get_password(), Ok(_) | Err(keyring::Error::NoEntry)))
    }

    /// The remembered passphrase of this database, if any.
    pub fn remembered(database: &Path) -> Option<Passphrase> {
        entry(database)?.get_password().ok().and_then(|p| Passphrase::new(p).ok())
    }

    pub fn remember(database: &Path, passphrase: &Passphrase) -> Result<()> {
        let entry = entry(database).ok_or_else(unavailable)?;
        entry.set_password(passphrase.expose()).map_err(|_| unavailable())
    }

    pub fn forget(database: &Path) {
        if let Some(entry) = entry(database) {
            let _ = entry.delete_credential();
        }
    }

    fn unavailable() -> CoreError {
        CoreError::Invalid(
            "De sleutelhanger van het systeem is niet bereikbaar; typ de wachtwoordzin bij elke start.".into(),
        )
    }
}

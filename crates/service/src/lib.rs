//! The service layer the two front ends share: what the `bestuursmap` command line and the app
//! both do around the core, written once. Finding the database file and the passphrase at hand
//! (`store`), taking in a file as an attachment with its searchable text or reading the text of a
//! letter (`files`), and writing an export to a chosen path all or nothing (`write_atomically`).
//!
//! It holds no domain rule (those are in `bestuursmap-core`) and no front end: no terminal, no
//! Tauri. Errors are Dutch, like the core's.

pub mod files;
pub mod store;

pub use bestuursmap_export::atomic::{write_atomically, write_atomically_with};

use bestuursmap_core::CoreError;
use std::path::PathBuf;

/// What went wrong in the shared layer. The messages are Dutch and reach users as they are.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No database was named and the platform has no data folder.
    #[error("Geen gegevensmap gevonden. Geef een databasebestand op met --db of in BESTUURSMAP_DB.")]
    NoDataDir,
    /// The platform's data folder could not be made.
    #[error("Kan de gegevensmap {} niet aanmaken: {reason}.", dir.display())]
    DataDir { dir: PathBuf, reason: String },
    /// A file is not what its name says, or its text cannot be read.
    #[error(transparent)]
    Document(#[from] bestuursmap_export::text::TextError),
    #[error(transparent)]
    Core(#[from] CoreError),
}

/// For the command line, whose commands fail with a core error: the same Dutch message.
impl From<ServiceError> for CoreError {
    fn from(e: ServiceError) -> CoreError {
        match e {
            ServiceError::Core(e) => e,
            other => CoreError::Invalid(other.to_string()),
        }
    }
}

//! Working offline: private notes on the agenda and its attachments, meeting bundles (the signed
//! `.bmbundel` file the secretariat sends, applied to a laptop's store), and the trust between
//! stores (this store's signing key, the signers it accepts).
//!
//! - `types`: the records (re-exported below);
//! - [`rules`]: how a quoted passage is matched and how a change is described (pure);
//! - [`format`]: the bundle file format with every safety check (reads and writes files, never
//!   the store: the store calls it);
//! - `store`: the `impl Store` blocks (notes and re-anchoring, bundle export and import, trust).

pub mod format;
pub mod rules;
mod store;
mod types;

pub use format::{fingerprint, FILE_EXTENSION, MAX_BUNDLE_BYTES, MAX_JSON_BYTES};
pub use types::{Anchor, BundleExport, BundleImport, ItemChange, NewNote, NoteView, SignerKey, TrustedSigner};

//! Meeting bundles: the secretariat sends a meeting (agenda, items, attachments, linked measures
//! and zienswijzen) as one signed file; a laptop imports it, and a newer issue updates the meeting
//! while the private notes stay. The file format is in [`format`]; writing and applying a bundle
//! to the store is in `store::bundles`.

pub mod format;

pub use format::{fingerprint, FILE_EXTENSION, MAX_BUNDLE_BYTES, MAX_JSON_BYTES};

//! The offline features in the store: private notes (and re-anchoring them after a re-issue),
//! writing and applying meeting bundles, and the signing key and trusted signers.

mod bundles;
mod notes;
mod trust;

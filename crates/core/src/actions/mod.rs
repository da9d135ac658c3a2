//! The actielijst: actions and commitments (toezeggingen) from meetings, with their due dates.
//!
//! - `types`: the records (re-exported below);
//! - [`rules`]: when an action is overdue (pure);
//! - `store`: the `impl Store` block (add, change status, list).

pub mod rules;
mod store;
mod types;

pub use types::{ActionView, NewAction};

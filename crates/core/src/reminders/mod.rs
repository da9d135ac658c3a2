//! «Wat komt eraan»: actions, commitments, zienswijze deadlines and tomorrow's meetings that need
//! attention soon, the switches per kind, and what was notified on which day.
//!
//! - `types`: a reminder and a switch (re-exported below);
//! - [`rules`]: the window, what is due and overdue, the texts (pure);
//! - `store`: the values the rule needs, the switches, the notification record.

pub mod rules;
mod store;
mod types;

pub use rules::{notification_text, when_text, WINDOW_DAYS};
pub use types::{Reminder, ReminderSetting};

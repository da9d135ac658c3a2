//! One reminder of «Wat komt eraan», and the switch of a kind of reminder.

use crate::domain::ReminderKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One thing that needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reminder {
    pub kind: ReminderKind,
    pub kind_label: String,
    /// Stable key of what the reminder is about (`actie:12`, `vergadering:<uid>`,
    /// `zienswijze:3`): a notification is shown once per day per subject.
    pub subject: String,
    /// What it is, in one line.
    pub title: String,
    /// Where it comes from or who does it.
    pub detail: Option<String>,
    /// The due date, the deadline or the meeting's day.
    pub date: NaiveDate,
    /// Days from today to `date`; negative when overdue.
    pub days: i64,
    pub overdue: bool,
    /// «3 dagen over de termijn», «vandaag», «morgen», «over 5 dagen».
    pub when_text: String,
    /// Where the screen links to: the meeting (of the meeting itself, or where an action was agreed).
    pub meeting_id: Option<i64>,
    pub procedure_id: Option<i64>,
    pub action_id: Option<i64>,
}

/// Which kinds are on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReminderSetting {
    pub kind: ReminderKind,
    pub label: String,
    pub enabled: bool,
}

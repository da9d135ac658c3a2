//! The records of the actielijst.

use crate::domain::ActionStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewAction {
    pub agenda_item_id: Option<i64>,
    pub description: String,
    pub organisation_id: Option<i64>,
    /// Who within the organisation, in the AEF's terms: wethouder, ambtenaar, directeur, …
    pub role: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub is_commitment: bool,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActionView {
    pub id: i64,
    pub description: String,
    pub organisation: Option<String>,
    pub role: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub status: ActionStatus,
    pub status_label: String,
    pub is_commitment: bool,
    /// Still to be done (open or in uitvoering; `ActionStatus::is_pending`): the «Alleen open
    /// acties» filter shows these.
    pub pending: bool,
    pub overdue: bool,
    /// Where it was agreed: "AB 12-11-2020, punt 2".
    pub source: Option<String>,
    pub agenda_item_id: Option<i64>,
    pub meeting_id: Option<i64>,
    pub demo_note: Option<String>,
}

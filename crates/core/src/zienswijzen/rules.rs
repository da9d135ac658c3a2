//! The rules of zienswijze procedures, as pure functions of values (never the store): the legal
//! period and the deadline, that the AB decides a procedure, the placeholders a standard response
//! may hold, and the name of a section read from a letter's heading.

use crate::error::{CoreError, Result};
use crate::meetings::rules::DECIDING_BODY;
use crate::reference::Body;
use chrono::NaiveDate;

/// The legal period for a zienswijze (Wgr art. 35), unless a procedure says otherwise.
pub const DEFAULT_PERIOD_WEEKS: u32 = 8;

/// Largest file accepted as part of a zienswijze (same limit as agenda attachments).
pub const MAX_ZIENSWIJZE_ATTACHMENT_BYTES: usize = crate::meetings::rules::MAX_ATTACHMENT_BYTES;

/// The deadline of a procedure: the date sent plus the period.
pub fn deadline(sent_on: NaiveDate, period_weeks: u32) -> NaiveDate {
    sent_on + chrono::Duration::weeks(period_weeks as i64)
}

/// The placeholders a library text may hold, filled in when it is inserted.
pub const PLACEHOLDERS: [(&str, &str); 3] = [
    ("{gemeente}", "naam van de gemeente"),
    ("{besluitdatum}", "datum van het AB-besluit"),
    ("{verzonden}", "datum waarop de stukken zijn verzonden"),
];

pub(crate) fn placeholders_in(text: &str) -> Vec<String> {
    PLACEHOLDERS.iter().filter(|(p, _)| text.contains(p)).map(|(p, _)| p.to_string()).collect()
}

/// "Overdenkingen van de Regionale Werkgroep Jeugd" → "overdenkingen": how replies name the section.
pub(crate) fn section_name(heading: &str) -> String {
    // «II. Inhoud» is named by its word, not its numeral.
    let first = heading
        .split_whitespace()
        .find(|w| !w.trim_end_matches(['.', ')']).chars().all(|c| "IVXL".contains(c)))
        .unwrap_or(heading);
    first.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// A zienswijze procedure is decided by the AB: its agenda item must be on an AB agenda.
pub fn check_procedure_item_body(body: &Body) -> Result<()> {
    if body.code != DECIDING_BODY {
        return Err(CoreError::Rule(format!(
            "Over een zienswijzeprocedure besluit het AB; kies een agendapunt van het AB, niet van het {}.",
            body.code
        )));
    }
    Ok(())
}

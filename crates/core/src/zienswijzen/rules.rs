//! The rules of zienswijze procedures, as pure functions of values (never the store): the legal
//! period and the deadline, that the AB decides a procedure, the placeholders a standard response
//! may hold, the name of a section read from a letter's heading, when a nota may change, which
//! meetings take a motion, and the draft of the covering letter.

use crate::domain::{MeetingStatus, NotaStatus};
use crate::error::{CoreError, Result};
use crate::format::date as dutch_date;
use crate::meetings::rules::DECIDING_BODY;
use crate::reference::Body;
use crate::zienswijzen::types::{Concern, ProcedureDetail};
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

/// Whether a nota van reactie may still change — its zienswijzen, points, replies and motions:
/// only in concept; an adopted one goes back to concept first.
pub fn nota_editable(status: NotaStatus) -> bool {
    status == NotaStatus::Concept
}

/// The refusal when a nota is not editable (see [`nota_editable`]).
pub fn check_nota_editable(status: NotaStatus) -> Result<()> {
    if !nota_editable(status) {
        return Err(CoreError::Rule(format!(
            "De nota van reactie is {}; zet de status terug naar concept om punten of reacties te wijzigen.",
            status.label().to_lowercase()
        )));
    }
    Ok(())
}

/// Whether a motion with a zienswijze may be put on a meeting: «nagekomen motie wordt apart
/// geagendeerd voor het Algemeen Bestuur», so the meeting is one of the AB that has not taken
/// place yet (its agenda is a concept or published).
pub fn motion_meeting_allowed(body_code: &str, status: MeetingStatus) -> bool {
    check_motion_meeting(body_code, status).is_ok()
}

/// The refusal when a motion cannot go on a meeting (see [`motion_meeting_allowed`]).
pub fn check_motion_meeting(body_code: &str, status: MeetingStatus) -> Result<()> {
    if body_code != DECIDING_BODY {
        return Err(CoreError::Rule(format!(
            "Een motie bij een zienswijze wordt geagendeerd voor het Algemeen Bestuur, niet voor het {body_code}."
        )));
    }
    if !matches!(status, MeetingStatus::Concept | MeetingStatus::Gepubliceerd) {
        return Err(CoreError::Rule(format!(
            "Een motie gaat op de agenda van een AB-vergadering die nog moet plaatsvinden; deze vergadering is {}.",
            status.label().to_lowercase()
        )));
    }
    Ok(())
}

/// A draft of the covering letter of a procedure: when it was sent, the AB's decision (with the
/// municipalities that voted against) and the most-mentioned concerns (aandachtspunten).
pub fn covering_letter_draft(d: &ProcedureDetail) -> String {
    let mut out = String::new();
    out.push_str("Geacht college,\n\n");
    out.push_str(&format!(
        "Op {} is de {}, voor zienswijze naar de deelnemende gemeenten gestuurd. In de bijlage vindt u de uitgebrachte zienswijzen en de reactie van het dagelijks bestuur hierop.\n\n",
        dutch_date(d.summary.sent_on),
        d.summary.subject
    ));
    out.push_str("## Besluit\n\n");
    match (&d.decision.text, d.decision.decided_on) {
        (Some(text), _) => out.push_str(text),
        (None, Some(day)) => {
            let amount = d.decision.amount.map(|a| format!(" ter hoogte van {}", a.to_dutch())).unwrap_or_default();
            out.push_str(&format!(
                "Het Algemeen Bestuur heeft op {} na weging van de ontvangen zienswijzen besloten tot het voorgelegde voorstel{amount}",
                dutch_date(day)
            ));
            match d.dissent.as_slice() {
                [] => out.push('.'),
                [one] => out.push_str(&format!(
                    ", met inachtneming van het feit dat de gemeente {} tegen het voorstel heeft gestemd.",
                    one.name
                )),
                many => {
                    let names: Vec<String> = many.iter().map(|o| o.name.clone()).collect();
                    out.push_str(&format!(
                        ", met inachtneming van het feit dat de gemeenten {} tegen het voorstel hebben gestemd.",
                        crate::format::join_dutch(&names)
                    ));
                }
            }
        }
        (None, None) => out.push_str("[Het besluit van het Algemeen Bestuur is nog niet vastgelegd.]"),
    }
    out.push_str("\n\n");
    let mut concerns = d.concerns.clone();
    concerns.sort_by_key(|c| std::cmp::Reverse(c.mentioned_by.len()));
    let top: Vec<&Concern> = concerns.iter().filter(|c| !c.mentioned_by.is_empty()).take(4).collect();
    if !top.is_empty() {
        out.push_str("## Toelichting op meest genoemde aandachtspunten\n\n");
        out.push_str("De gemeenten hebben in hun zienswijzen een aantal wezenlijke zorg- en aandachtspunten meegegeven. De meest genoemde punten zijn:\n\n");
        for (i, c) in top.iter().enumerate() {
            out.push_str(&format!(
                "{}. {} (genoemd door {})\n",
                i + 1,
                c.title,
                crate::format::join_dutch(&c.mentioned_by)
            ));
        }
        out.push('\n');
        for c in &top {
            out.push_str(&format!("### {}\n\n{}\n\n", c.title, c.explanation.trim()));
        }
    }
    out.push_str("Wij verzoeken u deze brief ter informatie aan te bieden aan uw gemeenteraad.\n\nMet vriendelijke groet,\n\nHet dagelijks bestuur");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_concept_nota_changes() {
        assert!(nota_editable(NotaStatus::Concept));
        for status in [NotaStatus::VastgesteldDoorDb, NotaStatus::BehandeldInAb] {
            assert!(!nota_editable(status));
            assert!(check_nota_editable(status).unwrap_err().to_string().contains("terug naar concept"));
        }
        check_nota_editable(NotaStatus::Concept).unwrap();
    }

    #[test]
    fn a_motion_goes_on_an_ab_meeting_still_to_come() {
        use MeetingStatus::*;
        assert!(motion_meeting_allowed("AB", Concept));
        assert!(motion_meeting_allowed("AB", Gepubliceerd));
        for status in [Vergaderd, BesluitenlijstVastgesteld, Afgelast] {
            assert!(!motion_meeting_allowed("AB", status), "{status:?}");
        }
        for body in ["DB", "BOT", "NETWERK_MTPLUS"] {
            assert!(!motion_meeting_allowed(body, Concept), "{body}");
        }
        assert!(check_motion_meeting("DB", Concept).unwrap_err().to_string().contains("Algemeen Bestuur"));
        assert!(check_motion_meeting("AB", Vergaderd).unwrap_err().to_string().contains("nog moet plaatsvinden"));
    }
}

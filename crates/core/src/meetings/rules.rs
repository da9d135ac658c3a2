//! The rules of meetings and agendas, as pure functions of values (never the store): which item
//! kinds and outcomes a body may use, who votes, agenda hygiene, an item's route along the bodies,
//! who may read an item, agenda numbering, the texts of an item and the files it may carry. The
//! app, the CLI and the exports all ask them, so they live here once.

use crate::domain::{Confidentiality, ItemKind, ItemLevel, MeetingStatus, Outcome, Presence};
use crate::error::{CoreError, Result};
use crate::meetings::types::RouteStep;
use crate::reference::Body;

/// Shown wherever a meeting of a non-deciding body appears (app, PDF).
pub const NOT_DECISION_MAKING: &str = "niet besluitvormend";

/// BOT and other non-deciding bodies cannot put items "ter besluitvorming".
pub fn check_item_kind(body: &Body, kind: ItemKind) -> Result<()> {
    if !item_kind_allowed(body.takes_decisions(), kind) {
        return Err(CoreError::Rule(format!(
            "{} is niet besluitvormend: een agendapunt kan hier niet '{}' zijn. Kies 'ter bespreking' of 'ter informatie'.",
            body.short_name,
            kind.label().to_lowercase()
        )));
    }
    Ok(())
}

/// Whether a body that does (or does not) take decisions may put an item of `kind` on its agenda.
pub fn item_kind_allowed(takes_decisions: bool, kind: ItemKind) -> bool {
    takes_decisions || !matches!(kind, ItemKind::TerBesluitvorming | ItemKind::Hamerstuk)
}

/// Whether a body that does (or does not) take decisions may record `outcome`.
pub fn outcome_allowed(takes_decisions: bool, outcome: Outcome) -> bool {
    takes_decisions || !outcome.is_decision()
}

/// Non-deciding bodies cannot record a decision (aangenomen/verworpen).
pub fn check_outcome(body: &Body, outcome: Outcome) -> Result<()> {
    if !outcome_allowed(body.takes_decisions(), outcome) {
        return Err(CoreError::Rule(format!(
            "{} is niet besluitvormend: er kan geen besluit ('{}') worden vastgelegd.",
            body.short_name,
            outcome.label().to_lowercase()
        )));
    }
    Ok(())
}

/// Only a body with weighted voting (the AB) records votes per municipality.
pub fn check_can_vote(body: &Body) -> Result<()> {
    if !body.weighted_voting {
        return Err(CoreError::Rule(format!(
            "In {} wordt niet per gemeente gestemd; stemmen worden alleen in het Algemeen Bestuur vastgelegd.",
            body.short_name
        )));
    }
    Ok(())
}

/// The status a new meeting starts in when its maker names none: a concept agenda.
pub const INITIAL_STATUS: MeetingStatus = MeetingStatus::Concept;

/// Whether a meeting's agenda (its items, their order, texts, measures and attachments) and its
/// particulars may still be edited: until the besluitenlijst is adopted.
pub fn agenda_editable(status: MeetingStatus) -> bool {
    status != MeetingStatus::BesluitenlijstVastgesteld
}

/// Refuses a change to the agenda or particulars of a meeting whose besluitenlijst is adopted.
pub fn check_agenda_editable(status: MeetingStatus) -> Result<()> {
    if agenda_editable(status) {
        return Ok(());
    }
    Err(CoreError::Rule(
        "De besluitenlijst van deze vergadering is vastgesteld: de agenda, de bijlagen en de gegevens van de vergadering liggen vast.".into(),
    ))
}

/// Refuses an outcome, vote or decision text on a meeting that does not take them now.
pub fn check_outcomes_recordable(status: MeetingStatus) -> Result<()> {
    if outcomes_recordable(status) {
        return Ok(());
    }
    Err(CoreError::Rule(format!(
        "Uitkomsten, stemmen en besluitteksten worden vastgelegd vanaf het publiceren van de agenda tot het vaststellen van de besluitenlijst; deze vergadering heeft de status '{}'.",
        status.label().to_lowercase()
    )))
}

/// Whether outcomes, votes and decision texts may be recorded on a meeting's items: once its
/// agenda is published (the meeting takes place) and until the besluitenlijst is adopted; not on a
/// concept agenda nor on a called-off meeting.
pub fn outcomes_recordable(status: MeetingStatus) -> bool {
    matches!(status, MeetingStatus::Gepubliceerd | MeetingStatus::Vergaderd)
}

/// Whether an item is voted on per municipality: a decision item of a body with weighted voting
/// (the AB). The same body rule as [`check_can_vote`].
pub fn item_votable(weighted_voting: bool, kind: ItemKind) -> bool {
    weighted_voting && kind == ItemKind::TerBesluitvorming
}

/// Whether an invitee counts as present at a meeting: there in person or represented.
pub fn counts_as_present(presence: Option<Presence>) -> bool {
    matches!(presence, Some(Presence::Aanwezig | Presence::Vertegenwoordigd))
}

/// Agenda hygiene (AEF: «strategisch = AB, tactisch/operationeel = Netwerk-MTplus»).
pub fn hygiene_warnings(body: &Body, _kind: ItemKind, level: Option<ItemLevel>) -> Vec<String> {
    let mut warnings = Vec::new();
    let strategic_body = body.level == Some(crate::domain::BodyLevel::Strategisch);
    if strategic_body && matches!(level, Some(ItemLevel::Tactisch | ItemLevel::Operationeel)) {
        warnings.push(format!(
            "{} agendapunt op de agenda van het {}: volgens het AEF-advies hoort dit in het Netwerk-MTplus (strategisch = AB, tactisch/operationeel = Netwerk-MTplus).",
            level.map(|l| l.label()).unwrap_or_default(),
            body.short_name
        ));
    }
    warnings
}

/// The body whose decision items must have been prepared, and the bodies that must have seen
/// them first (the DB prepares every AB proposal).
pub const DECIDING_BODY: &str = "AB";
pub const PREPARING_BODIES: &[&str] = &["DB"];

/// Warns when an AB decision item has not passed the preparing bodies on its route.
pub fn route_warnings(
    body: &Body,
    kind: ItemKind,
    item_id: i64,
    starts_at: chrono::NaiveDateTime,
    route: &[RouteStep],
) -> Vec<String> {
    if body.code != DECIDING_BODY || kind != ItemKind::TerBesluitvorming {
        return Vec::new();
    }
    let earlier: Vec<_> = route.iter().filter(|s| s.agenda_item_id != item_id && s.starts_at < starts_at).collect();
    PREPARING_BODIES
        .iter()
        .filter(|code| !earlier.iter().any(|s| s.body_code == **code))
        .map(|code| {
            if route.is_empty() {
                format!(
                    "Dit besluitvormende punt is niet gekoppeld aan een dossier: er is niet vastgelegd dat het {code} het heeft voorbereid."
                )
            } else {
                format!("Dit besluitvormende punt is niet eerst in het {code} geweest (route: {}).", route_text(route))
            }
        })
        .collect()
}

/// The route of one item: one step per meeting. Items of the same dossier on one agenda (a
/// proposal and its amendment, a sub-item) are one step, shown as the item itself when it is
/// on that agenda — otherwise «AB 12 nov 2020 → AB 12 nov 2020» would read as two meetings.
pub fn route_for_item(route: Vec<RouteStep>, item_id: i64) -> Vec<RouteStep> {
    let mut steps: Vec<RouteStep> = Vec::with_capacity(route.len());
    for step in route {
        match steps.iter_mut().find(|s| s.meeting_id == step.meeting_id) {
            Some(kept) => {
                if step.agenda_item_id == item_id {
                    *kept = step;
                }
            }
            None => steps.push(step),
        }
    }
    steps
}

/// "BOT → Netwerk-MTplus → DB → AB"
pub fn route_text(route: &[RouteStep]) -> String {
    route.iter().map(|s| s.body.as_str()).collect::<Vec<_>>().join(" → ")
}

/// Who may read an item: public items everyone; confidential and closed items only members of
/// the body (on the meeting date). Used for personal briefing packs.
pub fn may_read(confidentiality: Confidentiality, reader_is_member: bool) -> bool {
    confidentiality == Confidentiality::Openbaar || reader_is_member
}

/// Printed agenda number: top-level items 1, 2, 3; their sub-items 2a, 2b, … (then 2aa after z).
pub fn agenda_number(parent_number: Option<&str>, index: usize) -> String {
    match parent_number {
        None => (index + 1).to_string(),
        Some(parent) => {
            let mut suffix = String::new();
            let mut n = index;
            loop {
                suffix.insert(0, (b'a' + (n % 26) as u8) as char);
                if n < 26 {
                    break;
                }
                n = n / 26 - 1;
            }
            format!("{parent}{suffix}")
        }
    }
}

/// The texts of an agenda item follow [`crate::text`]: a one-line title, multi-line proposal
/// and decision points.
pub(crate) fn check_item_texts(title: &str, proposal: Option<&str>, decision_points: &[String]) -> Result<()> {
    crate::text::check_line("de titel van het agendapunt", title)?;
    if let Some(proposal) = proposal {
        crate::text::check_text("het voorstel", proposal)?;
    }
    for point in decision_points {
        crate::text::check_text("een beslispunt", point)?;
    }
    Ok(())
}

/// Largest attachment accepted (documented in the README).
pub const MAX_ATTACHMENT_BYTES: usize = 100 * 1024 * 1024;

/// The media type a file must have, judged from its extension and confirmed by its content.
pub fn media_type_of(file_name: &str, content: &[u8]) -> Result<&'static str> {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let starts = |magic: &[u8]| content.starts_with(magic);
    let (media_type, ok, expected) = match ext.as_str() {
        // PDF allows up to 1024 bytes of junk before the header.
        "pdf" => ("application/pdf", content[..content.len().min(1024 + 5)].windows(5).any(|w| w == b"%PDF-"), "een PDF"),
        "docx" => ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", starts(b"PK\x03\x04"), "een Word-document (.docx)"),
        "xlsx" => ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", starts(b"PK\x03\x04"), "een Excel-werkmap (.xlsx)"),
        "pptx" => ("application/vnd.openxmlformats-officedocument.presentationml.presentation", starts(b"PK\x03\x04"), "een PowerPoint-presentatie (.pptx)"),
        "odt" => ("application/vnd.oasis.opendocument.text", starts(b"PK\x03\x04"), "een OpenDocument-tekst (.odt)"),
        "doc" | "xls" => ("application/x-ole-storage", starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "een oud Office-bestand"),
        "png" => ("image/png", starts(b"\x89PNG\r\n\x1a\n"), "een PNG-afbeelding"),
        "jpg" | "jpeg" => ("image/jpeg", starts(b"\xFF\xD8\xFF"), "een JPEG-afbeelding"),
        "txt" | "md" | "csv" => ("text/plain; charset=utf-8", std::str::from_utf8(content).is_ok() && !content.contains(&0), "platte tekst (UTF-8)"),
        _ => {
            return Err(CoreError::Invalid(format!(
                "Bestanden van het type '.{ext}' worden niet als bijlage geaccepteerd. Toegestaan: PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG en tekst."
            )))
        }
    };
    if !ok {
        return Err(CoreError::Invalid(format!(
            "'{file_name}' is geen {expected}, hoewel de naam dat zegt. Controleer het bestand; het is niet toegevoegd.",
            expected = expected.trim_start_matches("een ")
        )));
    }
    Ok(media_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agenda_is_editable_until_the_decisions_are_adopted() {
        use MeetingStatus::*;
        for status in [Concept, Gepubliceerd, Vergaderd, Afgelast] {
            assert!(agenda_editable(status), "{status:?}");
        }
        assert!(!agenda_editable(BesluitenlijstVastgesteld));
    }

    #[test]
    fn outcomes_are_recorded_between_publication_and_adoption() {
        use MeetingStatus::*;
        assert!(outcomes_recordable(Gepubliceerd));
        assert!(outcomes_recordable(Vergaderd));
        for status in [Concept, BesluitenlijstVastgesteld, Afgelast] {
            assert!(!outcomes_recordable(status), "{status:?}");
        }
        assert_eq!(INITIAL_STATUS, Concept);
    }

    #[test]
    fn only_decision_items_of_a_weighted_body_are_voted_on() {
        assert!(item_votable(true, ItemKind::TerBesluitvorming));
        assert!(!item_votable(true, ItemKind::TerBespreking));
        assert!(!item_votable(true, ItemKind::Hamerstuk));
        assert!(!item_votable(false, ItemKind::TerBesluitvorming));
    }

    #[test]
    fn present_means_there_or_represented() {
        assert!(counts_as_present(Some(Presence::Aanwezig)));
        assert!(counts_as_present(Some(Presence::Vertegenwoordigd)));
        assert!(!counts_as_present(Some(Presence::Afwezig)));
        assert!(!counts_as_present(None));
    }

    #[test]
    fn numbers_follow_the_order() {
        assert_eq!(agenda_number(None, 0), "1");
        assert_eq!(agenda_number(None, 11), "12");
        assert_eq!(agenda_number(Some("2"), 0), "2a");
        assert_eq!(agenda_number(Some("2"), 25), "2z");
        assert_eq!(agenda_number(Some("2"), 26), "2aa");
    }
}

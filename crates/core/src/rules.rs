//! Domain rules that the app, the CLI and the exports all ask, so they live here once.

use crate::domain::{Confidentiality, ItemKind, ItemLevel, Outcome};
use crate::error::{CoreError, Result};
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
    route: &[crate::store::RouteStep],
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
pub fn route_for_item(route: Vec<crate::store::RouteStep>, item_id: i64) -> Vec<crate::store::RouteStep> {
    let mut steps: Vec<crate::store::RouteStep> = Vec::with_capacity(route.len());
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
pub fn route_text(route: &[crate::store::RouteStep]) -> String {
    route.iter().map(|s| s.body.as_str()).collect::<Vec<_>>().join(" → ")
}

/// Who may read an item: public items everyone; confidential and closed items only members of
/// the body (on the meeting date). Used for personal briefing packs.
pub fn may_read(confidentiality: Confidentiality, reader_is_member: bool) -> bool {
    confidentiality == Confidentiality::Openbaar || reader_is_member
}

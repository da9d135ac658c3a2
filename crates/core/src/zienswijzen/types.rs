//! The records of zienswijze procedures: what is sent to create one, what the overview and the
//! procedure page show, a zienswijze with its sections, points and replies, the library, the
//! completeness check, suggestions and reference options.

use crate::domain::{NotaStatus, SectionKind, Stance, StatusMove};
use crate::money::Money;
use crate::zienswijzen::refs::Part;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewProcedure {
    pub title: String,
    pub subject: String,
    pub documents: Option<String>,
    pub sent_on: NaiveDate,
    pub period_weeks: u32,
    pub agenda_item_id: Option<i64>,
    pub demo_note: Option<String>,
}

/// The decision of the AB on the proposal, as the covering letter reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decision {
    pub decided_on: Option<NaiveDate>,
    pub amount: Option<Money>,
    pub text: Option<String>,
    /// Municipalities (organisation ids) that voted against.
    pub dissent_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProcedureSummary {
    pub id: i64,
    pub title: String,
    pub subject: String,
    pub sent_on: NaiveDate,
    pub period_weeks: u32,
    pub deadline: NaiveDate,
    pub status: NotaStatus,
    pub status_label: String,
    /// The status changes allowed from here, with their button texts (from the core's rule).
    pub next_statuses: Vec<StatusMove<NotaStatus>>,
    /// Whether the nota may still change — zienswijzen added, points and replies edited
    /// (`rules::nota_editable`, the rule every such write checks).
    pub editable: bool,
    pub zienswijzen: usize,
    pub points: usize,
    pub answered: usize,
    pub decided_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Concern {
    pub id: i64,
    pub title: String,
    pub explanation: String,
    /// Municipalities with at least one point tagged with this concern.
    pub mentioned_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ZienswijzeAttachment {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Motion {
    pub id: i64,
    pub title: String,
    pub text: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub late: bool,
    pub agenda_item_id: Option<i64>,
    /// "AB 12-11-2020, punt 5" once scheduled.
    pub scheduled_as: Option<String>,
}

/// One municipality's zienswijze in the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ZienswijzeSummary {
    pub id: i64,
    pub organisation_id: i64,
    pub municipality: String,
    pub received_on: Option<NaiveDate>,
    /// Received after the deadline.
    pub late: bool,
    pub council_decided_on: Option<NaiveDate>,
    pub stance: Option<Stance>,
    pub stance_label: Option<String>,
    pub points: usize,
    pub answered: usize,
    pub open: usize,
    pub attachments: Vec<ZienswijzeAttachment>,
    pub motions: Vec<Motion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProcedureDetail {
    pub summary: ProcedureSummary,
    pub documents: Option<String>,
    pub agenda_item_id: Option<i64>,
    /// "AB 12-11-2020 — 4. Begrotingswijziging …"
    pub agenda_item_label: Option<String>,
    pub agenda_meeting_id: Option<i64>,
    pub decision: Decision,
    pub decision_amount_text: Option<String>,
    pub dissent: Vec<OrgRef>,
    pub letter_text: Option<String>,
    pub concerns: Vec<Concern>,
    pub zienswijzen: Vec<ZienswijzeSummary>,
    /// Member municipalities that sent no zienswijze (yet).
    pub not_received: Vec<String>,
    pub check: Completeness,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SegmentView {
    pub id: i64,
    /// The reply as the region writes it (references rendered).
    pub text: String,
    pub parts: Vec<Part>,
    pub standard_response_code: Option<String>,
    pub uncertain: bool,
    pub dangling: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PointView {
    pub id: i64,
    pub label: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub reply_intro: Option<String>,
    pub uncertain: bool,
    pub concern_ids: Vec<i64>,
    pub segments: Vec<SegmentView>,
    pub children: Vec<PointView>,
    /// Answered itself, or (for a point with sub-points) all its sub-points are.
    pub answered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SectionView {
    pub id: i64,
    pub kind: SectionKind,
    pub kind_label: String,
    pub name: String,
    pub intro: Option<String>,
    pub points: Vec<PointView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ZienswijzeView {
    pub id: i64,
    pub procedure_id: i64,
    pub procedure_title: String,
    pub status: NotaStatus,
    /// Whether this zienswijze, its points and replies may still change (`rules::nota_editable`,
    /// the rule every such write checks).
    pub editable: bool,
    pub organisation_id: i64,
    pub municipality: String,
    pub received_on: Option<NaiveDate>,
    pub council_decided_on: Option<NaiveDate>,
    pub stance: Option<Stance>,
    pub intro: Option<String>,
    pub source_text: Option<String>,
    pub sections: Vec<SectionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    pub point_id: i64,
    pub zienswijze_id: i64,
    pub municipality: String,
    /// "4.a", or a description for a point without a label.
    pub point: String,
    pub message: String,
}

/// The completeness check: errors block adoption; warnings do not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Completeness {
    pub complete: bool,
    pub points: usize,
    pub answered: usize,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Variant {
    pub id: i64,
    pub label: String,
    pub text: String,
    pub placeholders: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StandardResponse {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub historic_uses: i64,
    pub historic_source: Option<String>,
    /// Replies in Bestuursmap that use it.
    pub uses: i64,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Suggestion {
    pub point_id: i64,
    pub municipality: String,
    pub label: Option<String>,
    pub procedure_title: String,
    /// 0–100.
    pub score: u8,
    pub inbreng: String,
    pub reply: String,
}

/// A point a reference can go to, with the phrase it would insert from the current point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReferenceOption {
    pub point_id: i64,
    pub municipality: String,
    pub section: String,
    pub label: String,
    pub phrase: String,
    pub excerpt: String,
}

/// Where an agenda item stands: its meeting, body and day (to name it across databases).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItemPlace {
    pub meeting_id: i64,
    pub body_code: String,
    pub day: NaiveDate,
    pub title: String,
}

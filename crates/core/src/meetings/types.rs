//! The records of meetings: what is listed, what a meeting page shows (agenda items with votes,
//! route, attachments, measures and warnings), what is sent to create or change one, attendance
//! and dossier routes.

use crate::actions::ActionView;
use crate::domain::{Confidentiality, ItemKind, ItemLevel, MeetingStatus, Outcome, Presence, StatusMove};
use crate::measures::MeasureSummary;
use crate::meetings::voting::{Tally, WeightedVote};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A meeting as listed: enough to choose one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingSummary {
    pub id: i64,
    /// Short name of the body: "AB", "DB", "Netwerk-MTplus", "BOT".
    pub body: String,
    pub body_code: String,
    pub body_name: String,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub status_label: String,
    /// The status changes allowed from here, with their button texts (from the core's rule).
    pub next_statuses: Vec<StatusMove<MeetingStatus>>,
    /// False for bodies that take no decisions (BOT): the UI shows «niet besluitvormend».
    pub takes_decisions: bool,
    pub item_count: i64,
    pub demo_note: Option<String>,
}

/// A meeting with its agenda, as opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub meeting: MeetingSummary,
    pub chair_id: Option<i64>,
    pub chair: Option<String>,
    pub secretary_id: Option<i64>,
    pub secretary: Option<String>,
    pub attendance: Vec<AttendanceRow>,
    /// How many invitees count as present (there or represented; `rules::counts_as_present`).
    pub present_count: usize,
    /// Whether the agenda and the meeting's particulars may still be edited (`rules::agenda_editable`).
    pub agenda_editable: bool,
    /// Whether outcomes, votes and decision texts may be recorded now (`rules::outcomes_recordable`).
    pub outcomes_recordable: bool,
    pub items: Vec<AgendaItemView>,
    /// Actions and commitments that came from this meeting's items.
    pub actions: Vec<ActionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItemView {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// Printed number, derived from the order: "1", "2", "2a".
    pub number: String,
    pub title: String,
    pub kind: ItemKind,
    pub kind_label: String,
    pub level: Option<ItemLevel>,
    pub level_label: Option<String>,
    pub portefeuillehouder_id: Option<i64>,
    pub portefeuillehouder: Option<String>,
    pub confidentiality: Confidentiality,
    pub confidentiality_label: String,
    pub proposal_md: Option<String>,
    /// The voorstel rendered from Markdown to safe HTML (see [`crate::markdown`]).
    pub proposal_html: Option<String>,
    pub decision_points: Vec<String>,
    pub outcome: Option<Outcome>,
    pub outcome_label: Option<String>,
    pub decision_md: Option<String>,
    pub decision_html: Option<String>,
    pub dossier_id: Option<i64>,
    /// Whether this item is voted on per municipality (`rules::item_votable`): the screen offers
    /// the voting panel.
    pub votable: bool,
    pub votes: Vec<WeightedVote>,
    pub tally: Option<Tally>,
    /// Where this proposal has been: every item of its dossier, in date order.
    pub route: Vec<RouteStep>,
    pub attachments: Vec<AttachmentInfo>,
    /// The measures discussed under this item, with status, traffic light and savings.
    pub measures: Vec<MeasureSummary>,
    /// Agenda-hygiene and other warnings from the core rules, in Dutch.
    pub warnings: Vec<String>,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewMeeting {
    pub body_id: i64,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub location: Option<String>,
    /// The status it starts in; none: `rules::INITIAL_STATUS` (concept). The demo and imports
    /// name one for meetings of the past.
    #[serde(default)]
    pub status: Option<MeetingStatus>,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewAgendaItem {
    pub parent_id: Option<i64>,
    pub title: String,
    pub kind: ItemKind,
    pub level: Option<ItemLevel>,
    pub portefeuillehouder_id: Option<i64>,
    pub confidentiality: Confidentiality,
    pub proposal_md: Option<String>,
    pub decision_points: Vec<String>,
    pub dossier_id: Option<i64>,
    pub demo_note: Option<String>,
}

impl NewAgendaItem {
    pub fn new(title: impl Into<String>, kind: ItemKind) -> Self {
        NewAgendaItem {
            parent_id: None,
            title: title.into(),
            kind,
            level: None,
            portefeuillehouder_id: None,
            confidentiality: Confidentiality::Openbaar,
            proposal_md: None,
            decision_points: Vec::new(),
            dossier_id: None,
            demo_note: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemUpdate {
    pub title: String,
    pub kind: ItemKind,
    pub level: Option<ItemLevel>,
    pub portefeuillehouder_id: Option<i64>,
    pub confidentiality: Confidentiality,
    pub proposal_md: Option<String>,
    pub decision_points: Vec<String>,
    pub dossier_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingUpdate {
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub location: Option<String>,
    pub chair_id: Option<i64>,
    pub secretary_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttendanceRow {
    pub person_id: i64,
    pub person_name: String,
    pub represents: Option<String>,
    pub presence: Option<Presence>,
    pub presence_label: Option<String>,
    pub substitute: Option<String>,
}

/// One step of a dossier's route: the same proposal on the agenda of one meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RouteStep {
    pub agenda_item_id: i64,
    pub meeting_id: i64,
    pub body: String,
    pub body_code: String,
    pub starts_at: NaiveDateTime,
    pub title: String,
    pub kind: ItemKind,
    pub outcome: Option<Outcome>,
    pub outcome_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dossier {
    pub id: i64,
    pub title: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentInfo {
    pub id: i64,
    pub agenda_item_id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub page_count: Option<i64>,
    pub added_at: String,
}

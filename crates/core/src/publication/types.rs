//! The public view of meetings that every published file is rendered from, the options and the
//! scope of a publication, and what was withheld.

use crate::domain::{ItemKind, MeetingStatus, Outcome, Presence, VoteChoice};
use crate::meetings::voting::Tally;
use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What the user chose to publish beyond the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicationOptions {
    /// Also publish meetings whose agenda is still a concept (marked «concept»).
    pub include_concept: bool,
    /// Also publish demo data (marked as demo everywhere).
    pub include_demo: bool,
}

/// Which meetings to publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PublicationScope {
    Meeting {
        meeting_id: i64,
    },
    /// `body` is a body's code or short name (AB, DB, NETWERK_MTPLUS, BOT), in any case.
    BodyYear {
        body: String,
        year: i32,
    },
}

/// Why a meeting is left out of a publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingExclusion {
    Concept,
    Demo,
}

/// The public part of one or more meetings, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Publication {
    /// The gemeenschappelijke regeling that publishes.
    pub publisher: PublicOrganisation,
    /// «Algemeen Bestuur DG&J 2020» or the title and date of one meeting.
    pub title: String,
    pub options: PublicationOptions,
    pub meetings: Vec<PublicMeeting>,
    /// Every organisation the meetings refer to: the publisher, the bodies, the municipalities.
    pub organisations: Vec<PublicOrganisation>,
    pub persons: Vec<PublicPerson>,
    pub memberships: Vec<PublicMembership>,
    /// What was left out, for the report to the person who publishes (never published).
    pub withheld: Withheld,
}

impl Publication {
    /// True when any demo data is in the publication (it is then marked).
    pub fn contains_demo(&self) -> bool {
        self.meetings.iter().any(|m| m.demo_note.is_some() || m.items.iter().any(|i| i.demo_note.is_some()))
            || self.persons.iter().any(|p| p.is_demo)
    }
}

/// Counts of what the rules kept out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Withheld {
    pub concept_meetings: u32,
    pub demo_meetings: u32,
    pub items: u32,
    pub attachments: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicOrganisation {
    /// Stable UUID (from the organisation's or body's code).
    pub id: String,
    pub code: String,
    pub name: String,
    /// «Gemeenschappelijke regeling», «Gemeente», «Bestuursorgaan», …
    pub classification: String,
    /// The stable id of the organisation this one is part of (a body of the GR).
    pub parent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicPerson {
    pub id: String,
    pub name: String,
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicMembership {
    pub id: String,
    pub person_id: String,
    /// The body.
    pub organisation_id: String,
    pub role: String,
    /// The municipality the person represents, if any.
    pub on_behalf_of_id: Option<String>,
    pub start_date: chrono::NaiveDate,
    pub end_date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicMeeting {
    /// Stable UUID: the meeting's uid.
    pub id: String,
    /// Folder of the meeting in the publication, relative to its root: `vergaderingen/<id>`.
    pub path: String,
    pub body_id: String,
    pub body_code: String,
    pub body_short_name: String,
    pub body_name: String,
    pub takes_decisions: bool,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub location: Option<String>,
    pub status: MeetingStatus,
    pub status_label: String,
    /// Set when demo data is published: what of the meeting is invented.
    pub demo_note: Option<String>,
    /// Who was present or absent, as recorded (members marked demo only with demo data).
    pub attendance: Vec<PublicAttendance>,
    pub items: Vec<PublicItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicAttendance {
    pub person_id: String,
    pub name: String,
    /// The municipality or organisation the member represents.
    pub on_behalf_of: Option<String>,
    pub presence: Presence,
    pub presence_label: String,
}

impl PublicMeeting {
    pub fn is_concept(&self) -> bool {
        self.status == MeetingStatus::Concept
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicItem {
    /// Stable UUID: the item's uid.
    pub id: String,
    pub parent_id: Option<String>,
    /// Printed number as on the agenda («2a»); numbers of items that are not public are not reused.
    pub number: String,
    /// Position in the published agenda, from 1.
    pub position: u32,
    pub title: String,
    pub kind: ItemKind,
    pub kind_label: String,
    pub portefeuillehouder_id: Option<String>,
    pub portefeuillehouder: Option<String>,
    /// The voorstel as safe HTML (see [`crate::markdown`]).
    pub proposal_html: Option<String>,
    pub proposal_text: Option<String>,
    pub decision_points: Vec<String>,
    pub outcome: Option<Outcome>,
    pub outcome_label: Option<String>,
    pub decision_html: Option<String>,
    pub decision_text: Option<String>,
    pub attachments: Vec<PublicAttachment>,
    pub vote: Option<PublicVoteResult>,
    pub demo_note: Option<String>,
}

impl PublicItem {
    /// An item that takes a decision appears on the besluitenlijst.
    pub fn on_decision_list(&self) -> bool {
        self.outcome.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicAttachment {
    /// Stable UUID: the attachment's uid.
    pub id: String,
    /// The row id, to read the content from the store (not published).
    #[serde(skip)]
    pub store_id: i64,
    pub file_name: String,
    /// Path of the file relative to the publication's root.
    pub path: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicVoteResult {
    pub id: String,
    pub votes: Vec<PublicVote>,
    pub tally: Tally,
    /// True when any vote is demo (then published only with demo data, and marked).
    pub is_demo: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PublicVote {
    pub id: String,
    pub organisation_id: String,
    pub municipality: String,
    pub choice: VoteChoice,
    pub choice_label: String,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub weight: Decimal,
    pub weight_is_example: bool,
}

//! Publication (Wet open overheid): what of the store may be made public, once.
//!
//! The rules here are pure functions of values; [`crate::store::Store::publication`] loads a
//! meeting, asks them and builds a [`Publication`], the public view that the HTML, the ORI JSON-LD
//! and the ODS-ORI JSON are rendered from (in `bestuursmap-export`). Nothing that is not in a
//! [`Publication`] can reach a published file.
//!
//! What is public:
//! - a meeting only when its agenda is no longer a concept (or concept agendas are asked for);
//! - an agenda item only when it and its parent item are `openbaar`; vertrouwelijk and besloten
//!   items never appear, nor their sub-items, attachments, votes or decisions;
//! - private notes never (they are not read at all);
//! - demo data (a `demo_note`, a person marked demo, demo votes) only when the user chooses to
//!   publish demo data, and then it carries its demo note so every output can mark it.
//!
//! Identifiers are derived from the store's stable uids (never from row order), so a re-export
//! after a change gives the same paths and identifiers.

use crate::domain::{Confidentiality, ItemKind, MeetingStatus, Outcome, Presence, VoteChoice};
use crate::meetings::voting::Tally;
use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

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

/// The rule for a meeting: a concept agenda only when asked, demo data only when asked.
pub fn meeting_exclusion(
    status: MeetingStatus,
    is_demo: bool,
    options: PublicationOptions,
) -> Option<MeetingExclusion> {
    if status == MeetingStatus::Concept && !options.include_concept {
        Some(MeetingExclusion::Concept)
    } else if is_demo && !options.include_demo {
        Some(MeetingExclusion::Demo)
    } else {
        None
    }
}

/// Whether a meeting's agenda (its items) may be shown outside: once published (and after the
/// meeting), a concept only when asked. A meeting called off shows only that it was called off:
/// it may have been called off while still a concept, and its agenda was then never public.
pub fn agenda_is_public(status: MeetingStatus, options: PublicationOptions) -> bool {
    match status {
        MeetingStatus::Gepubliceerd | MeetingStatus::Vergaderd | MeetingStatus::BesluitenlijstVastgesteld => true,
        MeetingStatus::Concept => options.include_concept,
        MeetingStatus::Afgelast => false,
    }
}

/// The rule for an agenda item: public only when it and its parent are `openbaar`, and demo
/// content only when demo data is published.
pub fn item_is_public(
    confidentiality: Confidentiality,
    parent: Option<Confidentiality>,
    is_demo: bool,
    options: PublicationOptions,
) -> bool {
    confidentiality == Confidentiality::Openbaar
        && parent.is_none_or(|p| p == Confidentiality::Openbaar)
        && (!is_demo || options.include_demo)
}

/// Whether data marked demo (a person, a vote) may appear.
pub fn demo_allowed(is_demo: bool, options: PublicationOptions) -> bool {
    !is_demo || options.include_demo
}

/// A stable identifier as a UUID text: the store's uid (32 hex digits) as it is, anything else
/// (a vote event, a municipality) derived with SHA-256 from a kind and a stable key.
pub fn stable_id(kind: &str, key: &str) -> String {
    let hex: String = if key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()) && kind.is_empty() {
        key.to_ascii_lowercase()
    } else {
        Sha256::digest(format!("bestuursmap:{kind}:{key}")).iter().take(16).map(|b| format!("{b:02x}")).collect()
    };
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// A file name safe on every file system and in a URL: letters, digits, `-`, `_` and `.`.
pub fn safe_file_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c,
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            _ => '-',
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.').to_string();
    if trimmed.is_empty() {
        "bijlage".into()
    } else {
        trimmed
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: PublicationOptions = PublicationOptions { include_concept: true, include_demo: true };
    const NONE: PublicationOptions = PublicationOptions { include_concept: false, include_demo: false };

    #[test]
    fn a_meeting_called_off_never_shows_its_agenda() {
        assert!(!agenda_is_public(MeetingStatus::Afgelast, ALL));
        assert!(!agenda_is_public(MeetingStatus::Concept, NONE));
        assert!(agenda_is_public(MeetingStatus::Concept, ALL));
        for status in [MeetingStatus::Gepubliceerd, MeetingStatus::Vergaderd, MeetingStatus::BesluitenlijstVastgesteld]
        {
            assert!(agenda_is_public(status, NONE));
        }
    }

    #[test]
    fn confidential_and_closed_items_are_never_public_whatever_is_asked() {
        for options in [ALL, NONE] {
            assert!(!item_is_public(Confidentiality::Vertrouwelijk, None, false, options));
            assert!(!item_is_public(Confidentiality::Besloten, None, false, options));
            assert!(!item_is_public(Confidentiality::Openbaar, Some(Confidentiality::Besloten), false, options));
            assert!(!item_is_public(Confidentiality::Openbaar, Some(Confidentiality::Vertrouwelijk), false, options));
            assert!(item_is_public(Confidentiality::Openbaar, Some(Confidentiality::Openbaar), false, options));
        }
        assert!(!item_is_public(Confidentiality::Openbaar, None, true, NONE), "demo only when asked");
        assert!(item_is_public(Confidentiality::Openbaar, None, true, ALL));
    }

    #[test]
    fn concept_agendas_and_demo_meetings_only_when_asked() {
        assert_eq!(meeting_exclusion(MeetingStatus::Concept, false, NONE), Some(MeetingExclusion::Concept));
        assert_eq!(meeting_exclusion(MeetingStatus::Vergaderd, true, NONE), Some(MeetingExclusion::Demo));
        assert_eq!(meeting_exclusion(MeetingStatus::Gepubliceerd, false, NONE), None);
        assert_eq!(meeting_exclusion(MeetingStatus::Concept, true, ALL), None);
        let only_concept = PublicationOptions { include_concept: true, include_demo: false };
        assert_eq!(meeting_exclusion(MeetingStatus::Concept, true, only_concept), Some(MeetingExclusion::Demo));
        assert!(!demo_allowed(true, NONE) && demo_allowed(false, NONE) && demo_allowed(true, ALL));
    }

    #[test]
    fn identifiers_are_stable_uuids() {
        let uid = "0123456789abcdef0123456789ABCDEF";
        assert_eq!(stable_id("", uid), "01234567-89ab-cdef-0123-456789abcdef");
        let a = stable_id("organisatie", "ALBLASSERDAM");
        assert_eq!(a, stable_id("organisatie", "ALBLASSERDAM"));
        assert_ne!(a, stable_id("organisatie", "DORDRECHT"));
        assert_ne!(stable_id("stemming", uid), stable_id("motie", uid));
        assert_eq!(a.len(), 36);
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("Nota van reactie (2020).pdf"), "Nota-van-reactie-2020-.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_file_name("Begroting één.pdf"), "Begroting-een.pdf");
        assert_eq!(safe_file_name("..."), "bijlage");
    }
}

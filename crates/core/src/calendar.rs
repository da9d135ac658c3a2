//! Calendars of meetings: what one calendar event of a meeting says. Pure functions of values;
//! the store gathers the meetings ([`crate::store::Store::calendar`]) and `crates/export` writes
//! the iCalendar (RFC 5545) text.
//!
//! An exported calendar travels (mail, a phone, a calendar server), so it only ever carries the
//! public part of an agenda: items that are vertrouwelijk or besloten, and the sub-items under
//! them, never appear, whoever the calendar is for.

use crate::domain::MeetingStatus;
use crate::meetings::{AgendaItemView, MeetingDetail};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// The time zone of every meeting time in the store (local time in the Netherlands).
pub const TIME_ZONE: &str = "Europe/Amsterdam";

/// Which meetings a calendar holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum CalendarScope {
    /// Every meeting of one body.
    Body(i64),
    /// The meetings of the bodies a person is a member of on each meeting's date.
    Person(i64),
    /// One meeting.
    Meeting(i64),
}

/// The RFC 5545 STATUS of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum EventStatus {
    /// A concept agenda: the meeting is planned, its agenda not yet published.
    Tentative,
    Confirmed,
    /// The meeting was called off ([`MeetingStatus::Afgelast`]).
    Cancelled,
}

impl EventStatus {
    pub fn of(status: MeetingStatus) -> EventStatus {
        match status {
            MeetingStatus::Concept => EventStatus::Tentative,
            MeetingStatus::Afgelast => EventStatus::Cancelled,
            MeetingStatus::Gepubliceerd | MeetingStatus::Vergaderd | MeetingStatus::BesluitenlijstVastgesteld => {
                EventStatus::Confirmed
            }
        }
    }

    /// The value of the STATUS property.
    pub fn ics(self) -> &'static str {
        match self {
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One meeting as a calendar event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEvent {
    /// Stable across exports and laptops: from the meeting's uid (which meeting bundles carry),
    /// never from a row id.
    pub uid: String,
    /// Raised by the store whenever what the event shows changes or the meeting is re-issued.
    pub sequence: i64,
    /// When the event last changed in the store (DTSTAMP, LAST-MODIFIED).
    pub changed_at: DateTime<Utc>,
    /// Local time in [`TIME_ZONE`].
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveDateTime>,
    pub summary: String,
    pub location: Option<String>,
    pub description: String,
    pub status: EventStatus,
}

/// A calendar: its name and its events in date order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeed {
    pub name: String,
    /// A file name without extension that says what it holds: `vergaderingen-AB`.
    pub file_stem: String,
    pub events: Vec<CalendarEvent>,
}

/// The uid of a meeting's event: globally unique by the domain part (RFC 5545 3.8.4.7).
pub fn event_uid(meeting_uid: &str) -> String {
    format!("{meeting_uid}@bestuursmap.dgj-zhz.nl")
}

/// The agenda lines a calendar may show: public items only (the publication's rule, with demo
/// data allowed: a calendar is a working file, not a publication), numbered as printed. A
/// sub-item of a confidential item is left out with its parent. Returns the lines and whether
/// any item was left out.
pub fn public_agenda(items: &[AgendaItemView]) -> (Vec<String>, bool) {
    use crate::publication::{item_is_public, PublicationOptions};
    let working_file = PublicationOptions { include_concept: false, include_demo: true };
    let confidentiality: std::collections::HashMap<i64, _> = items.iter().map(|i| (i.id, i.confidentiality)).collect();
    let mut left_out = false;
    let mut lines = Vec::new();
    for item in items {
        let parent = item.parent_id.and_then(|p| confidentiality.get(&p).copied());
        if !item_is_public(item.confidentiality, parent, item.demo_note.is_some(), working_file) {
            left_out = true;
            continue;
        }
        let indent = if item.parent_id.is_some() { "   " } else { "" };
        lines.push(format!("{indent}{}. {}", item.number, item.title));
    }
    (lines, left_out)
}

/// The event of one meeting. `sequence` and `changed_at` are the meeting's calendar revision.
pub fn event_of(meeting: &MeetingDetail, uid: &str, sequence: i64, changed_at: DateTime<Utc>) -> CalendarEvent {
    let m = &meeting.meeting;
    let summary = if m.title.contains(&m.body) || m.title.contains(&m.body_name) {
        m.title.clone()
    } else {
        format!("{}: {}", m.body, m.title)
    };
    let mut description = vec![format!("{} — {}", m.body_name, m.status_label.to_lowercase())];
    if m.status == MeetingStatus::Afgelast {
        description.push("Deze vergadering is afgelast.".to_string());
    }
    if !m.takes_decisions {
        description.push("Niet besluitvormend.".to_string());
    }
    let agenda_public = crate::publication::agenda_is_public(
        m.status,
        crate::publication::PublicationOptions { include_concept: false, include_demo: true },
    );
    if m.status == MeetingStatus::Concept {
        description.push("De agenda is nog niet gepubliceerd.".to_string());
    } else if agenda_public {
        let (lines, left_out) = public_agenda(&meeting.items);
        if lines.is_empty() {
            description.push("Er staan geen openbare agendapunten op de agenda.".to_string());
        } else {
            description.push(String::new());
            description.push("Agenda (openbare punten):".to_string());
            description.extend(lines);
        }
        if left_out {
            description.push(String::new());
            description.push("Vertrouwelijke en besloten punten staan niet in deze agenda.".to_string());
        }
    }
    if let Some(note) = &m.demo_note {
        description.push(String::new());
        description.push(format!("Demo: {note}"));
    }
    CalendarEvent {
        uid: event_uid(uid),
        sequence,
        changed_at,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        summary,
        location: m.location.clone(),
        description: description.join("\n"),
        status: EventStatus::of(m.status),
    }
}

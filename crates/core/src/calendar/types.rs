//! What a calendar is for (its scope) and what it holds: the events of meetings with their status.

use crate::domain::MeetingStatus;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

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

//! Calendars of meetings: what one calendar event of a meeting says. Pure functions of values;
//! the store gathers the meetings ([`crate::store::Store::calendar`]) and `crates/export` writes
//! the iCalendar (RFC 5545) text.
//!
//! An exported calendar travels (mail, a phone, a calendar server), so it only ever carries the
//! public part of an agenda: items that are vertrouwelijk or besloten, and the sub-items under
//! them, never appear, whoever the calendar is for.

use super::types::{CalendarEvent, EventStatus};
use crate::domain::MeetingStatus;
use crate::meetings::{AgendaItemView, MeetingDetail};
use chrono::{DateTime, Utc};

/// The time zone of every meeting time in the store (local time in the Netherlands).
pub const TIME_ZONE: &str = "Europe/Amsterdam";

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

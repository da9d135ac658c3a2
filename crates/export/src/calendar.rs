//! iCalendar (RFC 5545) files of meetings: a body, a person or one meeting. What each event
//! says comes from the core ([`bestuursmap_core::calendar`]); this writes it.
//!
//! Written here rather than with the `icalendar` crate: that crate (0.17) adds a DTSTAMP of the
//! moment of writing and a random UID to every component it prints, VTIMEZONE and its
//! STANDARD/DAYLIGHT parts included (invalid there, and two exports would differ), and it has no
//! public way to build a VTIMEZONE. What a calendar needs is small and tested against a real
//! parser: TEXT escaping (3.3.11), folding at 75 octets on character boundaries (3.1), CRLF.

use crate::atomic::write_atomically;
use crate::pack::PackError;
use bestuursmap_core::calendar::{CalendarEvent, CalendarFeed, CalendarScope, TIME_ZONE};
use bestuursmap_core::Store;
use chrono::{DateTime, NaiveDateTime, Utc};
use std::path::Path;

/// Europe/Amsterdam as a VTIMEZONE: CET/CEST with the EU rule (last Sunday of March and of
/// October, since 1996), so a calendar program needs no time-zone database of its own.
const VTIMEZONE_AMSTERDAM: &[&str] = &[
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Amsterdam",
    "X-LIC-LOCATION:Europe/Amsterdam",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

const PRODID: &str = "-//Dienst Gezondheid & Jeugd ZHZ//Bestuursmap//NL";

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CalendarReport {
    pub name: String,
    pub events: usize,
    pub cancelled: usize,
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in a content line.
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line into lines of at most 75 octets (the CRLF not counted), never inside
/// a UTF-8 character; continuation lines start with one space (RFC 5545 3.1).
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / LIMIT * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > LIMIT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn event_lines(e: &CalendarEvent, out: &mut Vec<String>) {
    out.push("BEGIN:VEVENT".into());
    out.push(format!("UID:{}", e.uid));
    out.push(format!("DTSTAMP:{}", utc(e.changed_at)));
    out.push(format!("LAST-MODIFIED:{}", utc(e.changed_at)));
    out.push(format!("SEQUENCE:{}", e.sequence));
    out.push(format!("DTSTART;TZID={TIME_ZONE}:{}", local(e.starts_at)));
    if let Some(end) = e.ends_at {
        out.push(format!("DTEND;TZID={TIME_ZONE}:{}", local(end)));
    }
    out.push(format!("SUMMARY:{}", escape_text(&e.summary)));
    if let Some(location) = &e.location {
        out.push(format!("LOCATION:{}", escape_text(location)));
    }
    out.push(format!("DESCRIPTION:{}", escape_text(&e.description)));
    out.push(format!("STATUS:{}", e.status.ics()));
    out.push("CLASS:PUBLIC".into());
    out.push("TRANSP:OPAQUE".into());
    out.push("END:VEVENT".into());
}

/// The calendar as iCalendar text (CRLF line ends, folded). The same feed gives the same bytes.
pub fn to_ics(feed: &CalendarFeed) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape_text(&feed.name)),
        format!("X-WR-TIMEZONE:{TIME_ZONE}"),
    ];
    lines.extend(VTIMEZONE_AMSTERDAM.iter().map(|l| l.to_string()));
    for event in &feed.events {
        event_lines(event, &mut lines);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// Writes the calendar of `scope` to `out`, atomically (a half-written file never replaces a good one).
pub fn write_calendar(store: &Store, scope: CalendarScope, out: &Path) -> Result<CalendarReport, PackError> {
    let feed = store.calendar(scope)?;
    write_atomically(out, to_ics(&feed).as_bytes())?;
    Ok(CalendarReport {
        name: feed.name.clone(),
        events: feed.events.len(),
        cancelled: feed
            .events
            .iter()
            .filter(|e| e.status == bestuursmap_core::calendar::EventStatus::Cancelled)
            .count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_rfc5545_says() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape_text("regel\r\nregel"), "regel\\nregel");
        assert_eq!(escape_text("bel\u{7}"), "bel");
    }

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), line);
        assert_eq!(fold("KORT:x"), "KORT:x\r\n");
    }
}

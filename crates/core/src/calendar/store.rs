//! The meetings of a calendar (body, person, one meeting) with their calendar revision. What an
//! event says is decided by [`crate::calendar`]; who is a member on a date by [`Store::members_on`].

use super::rules::event_of;
use super::types::{CalendarFeed, CalendarScope};
use crate::error::{CoreError, Result};
use crate::store::Store;
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::OptionalExtension;

impl Store {
    /// The calendar of a body, a person or one meeting, events in date order.
    pub fn calendar(&self, scope: CalendarScope) -> Result<CalendarFeed> {
        let all = self.meetings()?;
        let (name, file_stem, meetings) = match scope {
            CalendarScope::Meeting(id) => {
                let m = self.meeting_summary(id)?;
                let name = format!("{} {}", m.body, m.starts_at.format("%d-%m-%Y"));
                let stem = format!("vergadering-{}-{}", m.body, m.starts_at.format("%Y-%m-%d"));
                (name, stem, vec![m])
            }
            CalendarScope::Body(body_id) => {
                let body = self.body(body_id)?;
                if !body.holds_meetings {
                    return Err(CoreError::Invalid(format!(
                        "{} vergadert niet in Bestuursmap; kies AB, DB, Netwerk-MTplus of BOT.",
                        body.name
                    )));
                }
                let meetings = all.into_iter().filter(|m| m.body_code == body.code).collect();
                (format!("Vergaderingen {}", body.short_name), format!("vergaderingen-{}", body.short_name), meetings)
            }
            CalendarScope::Person(person_id) => {
                let person = self
                    .persons()?
                    .into_iter()
                    .find(|p| p.id == person_id)
                    .ok_or_else(|| CoreError::NotFound { what: "Persoon", id: person_id.to_string() })?;
                let mut mine = Vec::new();
                for m in all {
                    let body = self.body_by_code(&m.body_code)?;
                    // Membership on the meeting's own date: someone who joined the AB in 2021
                    // does not get its 2020 meetings, and leaves with the meetings after.
                    if self.members_on(body.id, m.starts_at.date())?.iter().any(|x| x.person_id == person_id) {
                        mine.push(m);
                    }
                }
                (format!("Vergaderingen {}", person.name), format!("vergaderingen-{}", person.name), mine)
            }
        };
        let mut events = Vec::with_capacity(meetings.len());
        for m in &meetings {
            let detail = self.meeting(m.id)?;
            let (uid, sequence, changed_at) = self.calendar_revision(m.id)?;
            events.push(event_of(&detail, &uid, sequence, changed_at));
        }
        events.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then_with(|| a.uid.cmp(&b.uid)));
        // A file name every system accepts: letters, digits and dashes, other runs as one «_».
        let file_stem = file_stem
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        Ok(CalendarFeed { name, file_stem, events })
    }

    /// The meeting's uid, its calendar SEQUENCE and when it last changed (migration 009 keeps
    /// them with triggers).
    fn calendar_revision(&self, meeting_id: i64) -> Result<(String, i64, DateTime<Utc>)> {
        let (uid, sequence, changed): (String, i64, String) = self
            .conn()
            .query_row(
                "SELECT uid, calendar_sequence, calendar_changed_at FROM meeting WHERE id = ?1",
                [meeting_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Vergadering", id: meeting_id.to_string() })?;
        let changed_at = NaiveDateTime::parse_from_str(&changed, "%Y-%m-%dT%H:%M:%SZ")
            .map_err(|_| CoreError::Invalid(format!("Onleesbaar wijzigingstijdstip '{changed}' van een vergadering.")))?
            .and_utc();
        Ok((uid, sequence, changed_at))
    }
}

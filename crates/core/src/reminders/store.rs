//! The values «Wat komt eraan» needs, the kinds turned off, and which subjects were notified on
//! which day. The rule itself is [`crate::reminders`].

use super::rules as reminders;
use super::types::{Reminder, ReminderSetting};
use crate::domain::ReminderKind;
use crate::error::Result;
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::params;

/// How long the record of notifications is kept: enough to know today's, small forever.
const NOTIFIED_KEPT_DAYS: i64 = 30;

impl Store {
    /// The reminders on `today` for the kinds that are on.
    pub fn reminders(&self, today: NaiveDate) -> Result<Vec<Reminder>> {
        let actions = self.actions(today)?;
        let procedures = self.procedures()?;
        let mut meetings = Vec::new();
        for m in self.meetings()? {
            // Only the meetings around today need their uid.
            if (m.starts_at.date() - today).num_days() == 1 {
                let uid: String =
                    self.conn().query_row("SELECT uid FROM meeting WHERE id = ?1", [m.id], |r| r.get(0))?;
                meetings.push((m, uid));
            }
        }
        Ok(reminders::reminders(today, &actions, &procedures, &meetings, &self.reminder_kinds_off()?))
    }

    fn reminder_kinds_off(&self) -> Result<Vec<ReminderKind>> {
        let mut stmt = self.conn().prepare("SELECT kind FROM reminder_setting WHERE enabled = 0")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every kind with whether it is on.
    pub fn reminder_settings(&self) -> Result<Vec<ReminderSetting>> {
        Ok(reminders::settings(&self.reminder_kinds_off()?))
    }

    /// Turns a kind of reminder on or off (in the list and in the notifications).
    pub fn set_reminder_kind(&mut self, kind: ReminderKind, enabled: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO reminder_setting (kind, enabled) VALUES (?1, ?2)
                 ON CONFLICT (kind) DO UPDATE SET enabled = excluded.enabled",
                params![kind, enabled],
            )?;
            Ok(())
        })
    }

    /// The reminders still to be notified today, marked as notified in the same transaction:
    /// a subject is announced once per day, however often the app starts.
    pub fn reminders_to_notify(&mut self, today: NaiveDate) -> Result<Vec<Reminder>> {
        let all = self.reminders(today)?;
        let day = today.format("%Y-%m-%d").to_string();
        let oldest = (today - chrono::Duration::days(NOTIFIED_KEPT_DAYS)).format("%Y-%m-%d").to_string();
        self.write(|tx| {
            tx.execute("DELETE FROM reminder_notified WHERE day < ?1", [&oldest])?;
            let mut fresh = Vec::new();
            for r in all {
                let added = tx.execute(
                    "INSERT OR IGNORE INTO reminder_notified (subject, day) VALUES (?1, ?2)",
                    params![r.subject, day],
                )?;
                if added == 1 {
                    fresh.push(r);
                }
            }
            Ok(fresh)
        })
    }
}

//! The actielijst: actions and commitments (toezeggingen) with their due dates.

use super::rules::is_overdue;
use super::types::{ActionView, NewAction};
use crate::domain::ActionStatus;
use crate::error::{CoreError, Result};
use crate::store::Store;
use chrono::NaiveDate;
use rusqlite::params;

const ACTION_SELECT: &str = "
    SELECT x.id, x.description, o.name, x.role, x.due_date, x.status, x.is_commitment,
           b.short_name, m.starts_at, a.title, x.agenda_item_id, m.id, x.demo_note
    FROM action_item x
    LEFT JOIN organisation o ON o.id = x.organisation_id
    LEFT JOIN agenda_item a ON a.id = x.agenda_item_id
    LEFT JOIN meeting m ON m.id = a.meeting_id
    LEFT JOIN body b ON b.id = m.body_id";

impl Store {
    pub fn add_action(&mut self, new: &NewAction) -> Result<i64> {
        let description = new.description.trim();
        if description.is_empty() {
            return Err(CoreError::Invalid("Beschrijf de actie: wie doet wat?".into()));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO action_item (agenda_item_id, description, organisation_id, role, due_date, is_commitment, demo_note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    new.agenda_item_id,
                    description,
                    new.organisation_id,
                    new.role.as_deref().map(str::trim).filter(|r| !r.is_empty()),
                    new.due_date,
                    new.is_commitment,
                    new.demo_note
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn set_action_status(&mut self, id: i64, status: ActionStatus) -> Result<()> {
        let changed =
            self.write(|tx| Ok(tx.execute("UPDATE action_item SET status = ?2 WHERE id = ?1", params![id, status])?))?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: "Actie", id: id.to_string() });
        }
        Ok(())
    }

    fn query_actions(&self, filter: &str, param: Option<i64>, today: NaiveDate) -> Result<Vec<ActionView>> {
        let sql = format!("{ACTION_SELECT} {filter} ORDER BY x.due_date IS NULL, x.due_date, x.id");
        let mut stmt = self.conn().prepare(&sql)?;
        let map = |r: &rusqlite::Row<'_>| -> rusqlite::Result<ActionView> {
            let status: ActionStatus = r.get(5)?;
            let due_date: Option<NaiveDate> = r.get(4)?;
            let body: Option<String> = r.get(7)?;
            let starts_at: Option<chrono::NaiveDateTime> = r.get(8)?;
            let item_title: Option<String> = r.get(9)?;
            Ok(ActionView {
                id: r.get(0)?,
                description: r.get(1)?,
                organisation: r.get(2)?,
                role: r.get(3)?,
                due_date,
                status,
                status_label: status.label().to_string(),
                is_commitment: r.get(6)?,
                pending: status.is_pending(),
                overdue: is_overdue(due_date, status.is_pending(), today),
                source: match (body, starts_at, item_title) {
                    (Some(b), Some(s), Some(t)) => Some(format!("{b} {}: {t}", s.format("%d-%m-%Y"))),
                    _ => None,
                },
                agenda_item_id: r.get(10)?,
                meeting_id: r.get(11)?,
                demo_note: r.get(12)?,
            })
        };
        let rows = match param {
            Some(p) => stmt.query_map([p], map)?.collect::<rusqlite::Result<Vec<_>>>()?,
            None => stmt.query_map([], map)?.collect::<rusqlite::Result<Vec<_>>>()?,
        };
        Ok(rows)
    }

    /// The whole actielijst, soonest due first; `overdue` is judged against `today`.
    pub fn actions(&self, today: NaiveDate) -> Result<Vec<ActionView>> {
        self.query_actions("", None, today)
    }

    pub fn actions_of_meeting(&self, meeting_id: i64, today: NaiveDate) -> Result<Vec<ActionView>> {
        self.query_actions("WHERE m.id = ?1", Some(meeting_id), today)
    }
}

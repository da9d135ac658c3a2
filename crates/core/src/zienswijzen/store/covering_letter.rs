//! The aandachtspunten (concerns) of a procedure, tagging points with them, and the covering
//! letter: drafted from the procedure, or the text the secretary wrote.

use super::{clean, invalid, next_position, not_found, point_place, status_of};
use crate::error::Result;
use crate::store::Store;
use crate::zienswijzen::rules::covering_letter_draft;
use crate::zienswijzen::types::Concern;
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn concerns(&self, procedure_id: i64) -> Result<Vec<Concern>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT id, title, explanation FROM concern WHERE procedure_id = ?1 ORDER BY position")?;
        let base: Vec<(i64, String, String)> = stmt
            .query_map([procedure_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut by = conn.prepare(
            "SELECT DISTINCT o.name FROM point_concern pc JOIN zienswijze_point p ON p.id = pc.point_id
             JOIN zienswijze_section s ON s.id = p.section_id JOIN zienswijze z ON z.id = s.zienswijze_id
             JOIN organisation o ON o.id = z.organisation_id WHERE pc.concern_id = ?1 ORDER BY o.name",
        )?;
        base.into_iter()
            .map(|(id, title, explanation)| {
                let mentioned_by = by.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
                Ok(Concern { id, title, explanation, mentioned_by })
            })
            .collect()
    }

    pub fn add_concern(&mut self, procedure_id: i64, title: &str, explanation: &str) -> Result<i64> {
        if title.trim().is_empty() {
            return Err(invalid("Geef het aandachtspunt een titel."));
        }
        self.write(|tx| {
            status_of(tx, procedure_id)?;
            let position = next_position(
                tx,
                "SELECT coalesce(max(position), 0) + 1 FROM concern WHERE procedure_id = ?1 AND ?2 IS NULL",
                procedure_id,
                None,
            )?;
            tx.execute(
                "INSERT INTO concern (procedure_id, position, title, explanation) VALUES (?1, ?2, ?3, ?4)",
                params![procedure_id, position, title.trim(), explanation.trim()],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Rewords a concern (aandachtspunt); the points tagged with it stay tagged.
    pub fn update_concern(&mut self, id: i64, title: &str, explanation: &str) -> Result<()> {
        if title.trim().is_empty() {
            return Err(invalid("Geef het aandachtspunt een titel."));
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE concern SET title = ?1, explanation = ?2 WHERE id = ?3",
                params![title.trim(), explanation.trim(), id],
            )?;
            if n == 0 {
                return Err(not_found("Aandachtspunt", id));
            }
            Ok(())
        })
    }

    /// Removes a concern; its tags on points go with it.
    pub fn delete_concern(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM concern WHERE id = ?1", [id])? == 0 {
                return Err(not_found("Aandachtspunt", id));
            }
            Ok(())
        })
    }

    /// Tags (or untags) a point with a concern of its procedure.
    pub fn tag_point(&mut self, point_id: i64, concern_id: i64, on: bool) -> Result<()> {
        self.write(|tx| {
            let (procedure_id, ..) = point_place(tx, point_id)?;
            let concern_procedure: Option<i64> = tx
                .query_row("SELECT procedure_id FROM concern WHERE id = ?1", [concern_id], |r| r.get(0))
                .optional()?;
            if concern_procedure != Some(procedure_id) {
                return Err(not_found("Aandachtspunt", concern_id));
            }
            if on {
                tx.execute("INSERT OR IGNORE INTO point_concern VALUES (?1, ?2)", params![point_id, concern_id])?;
            } else {
                tx.execute(
                    "DELETE FROM point_concern WHERE point_id = ?1 AND concern_id = ?2",
                    params![point_id, concern_id],
                )?;
            }
            Ok(())
        })
    }

    /// A draft of the covering letter ([`crate::zienswijzen::rules::covering_letter_draft`]); the
    /// secretary edits it and stores it with [`Store::set_letter`].
    pub fn draft_letter(&self, procedure_id: i64) -> Result<String> {
        Ok(covering_letter_draft(&self.procedure(procedure_id)?))
    }

    pub fn set_letter(&mut self, procedure_id: i64, text: Option<&str>) -> Result<()> {
        self.write(|tx| {
            status_of(tx, procedure_id)?;
            tx.execute(
                "UPDATE zienswijze_procedure SET letter_text = ?1 WHERE id = ?2",
                params![clean(text), procedure_id],
            )?;
            Ok(())
        })
    }

    /// The covering letter as stored, or a fresh draft when none was edited yet.
    pub fn letter(&self, procedure_id: i64) -> Result<String> {
        let stored: Option<String> = self
            .conn()
            .query_row("SELECT letter_text FROM zienswijze_procedure WHERE id = ?1", [procedure_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| not_found("Zienswijzeprocedure", procedure_id))?;
        match stored {
            Some(text) => Ok(text),
            None => self.draft_letter(procedure_id),
        }
    }
}

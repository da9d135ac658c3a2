//! The aandachtspunten (concerns) of a procedure, tagging points with them, and the covering
//! letter: drafted from the procedure, or the text the secretary wrote.

use super::{clean, invalid, next_position, not_found, point_place, status_of};
use crate::error::Result;
use crate::format::date as dutch_date;
use crate::store::Store;
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

    /// A draft of the covering letter from the decision and the most-mentioned concerns; the
    /// secretary edits it and stores it with [`Store::set_letter`].
    pub fn draft_letter(&self, procedure_id: i64) -> Result<String> {
        let d = self.procedure(procedure_id)?;
        let mut out = String::new();
        out.push_str("Geacht college,\n\n");
        out.push_str(&format!(
            "Op {} is de {}, voor zienswijze naar de deelnemende gemeenten gestuurd. In de bijlage vindt u de uitgebrachte zienswijzen en de reactie van het dagelijks bestuur hierop.\n\n",
            dutch_date(d.summary.sent_on),
            d.summary.subject
        ));
        out.push_str("## Besluit\n\n");
        match (&d.decision.text, d.decision.decided_on) {
            (Some(text), _) => out.push_str(text),
            (None, Some(day)) => {
                let amount = d.decision.amount.map(|a| format!(" ter hoogte van {}", a.to_dutch())).unwrap_or_default();
                out.push_str(&format!(
                    "Het Algemeen Bestuur heeft op {} na weging van de ontvangen zienswijzen besloten tot het voorgelegde voorstel{amount}",
                    dutch_date(day)
                ));
                match d.dissent.as_slice() {
                    [] => out.push('.'),
                    [one] => out.push_str(&format!(
                        ", met inachtneming van het feit dat de gemeente {} tegen het voorstel heeft gestemd.",
                        one.name
                    )),
                    many => {
                        let names: Vec<String> = many.iter().map(|o| o.name.clone()).collect();
                        out.push_str(&format!(
                            ", met inachtneming van het feit dat de gemeenten {} tegen het voorstel hebben gestemd.",
                            crate::format::join_dutch(&names)
                        ));
                    }
                }
            }
            (None, None) => out.push_str("[Het besluit van het Algemeen Bestuur is nog niet vastgelegd.]"),
        }
        out.push_str("\n\n");
        let mut concerns = d.concerns.clone();
        concerns.sort_by_key(|c| std::cmp::Reverse(c.mentioned_by.len()));
        let top: Vec<&Concern> = concerns.iter().filter(|c| !c.mentioned_by.is_empty()).take(4).collect();
        if !top.is_empty() {
            out.push_str("## Toelichting op meest genoemde aandachtspunten\n\n");
            out.push_str("De gemeenten hebben in hun zienswijzen een aantal wezenlijke zorg- en aandachtspunten meegegeven. De meest genoemde punten zijn:\n\n");
            for (i, c) in top.iter().enumerate() {
                out.push_str(&format!(
                    "{}. {} (genoemd door {})\n",
                    i + 1,
                    c.title,
                    crate::format::join_dutch(&c.mentioned_by)
                ));
            }
            out.push('\n');
            for c in &top {
                out.push_str(&format!("### {}\n\n{}\n\n", c.title, c.explanation.trim()));
            }
        }
        out.push_str("Wij verzoeken u deze brief ter informatie aan te bieden aan uw gemeenteraad.\n\nMet vriendelijke groet,\n\nHet dagelijks bestuur");
        Ok(out)
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

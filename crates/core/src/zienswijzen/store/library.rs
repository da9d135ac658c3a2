//! The standard response library: its paragraphs and their variants, adding and rewording.

use super::{invalid, next_position, not_found};
use crate::error::Result;
use crate::store::Store;
use crate::zienswijzen::rules::placeholders_in;
use crate::zienswijzen::types::{StandardResponse, Variant};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// The standard response library, most used first.
    pub fn standard_responses(&self) -> Result<Vec<StandardResponse>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT r.id, r.code, r.title, r.historic_uses, r.historic_source,
                    (SELECT count(*) FROM reply_segment g WHERE g.standard_response_id = r.id) AS uses
             FROM standard_response r ORDER BY uses + r.historic_uses DESC, r.code",
        )?;
        let heads: Vec<(i64, String, String, i64, Option<String>, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut vstmt = conn.prepare(
            "SELECT id, label, text FROM standard_response_variant WHERE standard_response_id = ?1 ORDER BY position",
        )?;
        heads
            .into_iter()
            .map(|(id, code, title, historic_uses, historic_source, uses)| {
                let variants = vstmt
                    .query_map([id], |r| {
                        let text: String = r.get(2)?;
                        Ok(Variant { id: r.get(0)?, label: r.get(1)?, placeholders: placeholders_in(&text), text })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(StandardResponse { id, code, title, historic_uses, historic_source, uses, variants })
            })
            .collect()
    }

    /// Changes the label and text of a library variant. Replies already given keep their text.
    pub fn update_standard_response_variant(&mut self, variant_id: i64, label: &str, text: &str) -> Result<()> {
        if label.trim().is_empty() || text.trim().is_empty() {
            return Err(invalid("Een variant van een standaardtekst heeft een naam en tekst nodig."));
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE standard_response_variant SET label = ?1, text = ?2 WHERE id = ?3",
                params![label.trim(), text.trim(), variant_id],
            )?;
            if n == 0 {
                return Err(not_found("Variant van een standaardtekst", variant_id));
            }
            Ok(())
        })
    }

    /// Adds a paragraph to the library (or a variant to an existing code).
    pub fn add_standard_response(&mut self, code: &str, title: &str, variant_label: &str, text: &str) -> Result<i64> {
        let code = code.trim();
        if code.is_empty() || text.trim().is_empty() {
            return Err(invalid("Een standaardtekst heeft een code en tekst nodig."));
        }
        self.write(|tx| {
            let existing: Option<i64> =
                tx.query_row("SELECT id FROM standard_response WHERE code = ?1", [code], |r| r.get(0)).optional()?;
            let id = match existing {
                Some(id) => id,
                None if title.trim().is_empty() => {
                    return Err(invalid("Geef een nieuwe standaardtekst een titel."));
                }
                None => {
                    tx.execute("INSERT INTO standard_response (code, title) VALUES (?1, ?2)", params![code, title.trim()])?;
                    tx.last_insert_rowid()
                }
            };
            let position = next_position(
                tx,
                "SELECT coalesce(max(position), 0) + 1 FROM standard_response_variant WHERE standard_response_id = ?1 AND ?2 IS NULL",
                id,
                None,
            )?;
            let label = if variant_label.trim().is_empty() { format!("Variant {position}") } else { variant_label.trim().to_string() };
            tx.execute(
                "INSERT INTO standard_response_variant (standard_response_id, position, label, text) VALUES (?1, ?2, ?3, ?4)",
                params![id, position, label, text.trim()],
            )?;
            Ok(id)
        })
    }
}

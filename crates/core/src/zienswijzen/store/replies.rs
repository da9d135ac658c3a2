//! Replies to points: segments with cross-references, inserting a standard response,
//! suggestions from similar points, and the references a reply may make.

use super::{
    ensure_concept, from_of, invalid, next_position, not_found, parse_date, point_place, ref_index, segment_point,
    segment_rows, PointRow, SegmentRow,
};
use crate::error::Result;
use crate::format::date as dutch_date;
use crate::store::Store;
use crate::zienswijzen::refs::{self, RefIndex};
use crate::zienswijzen::similarity::{fingerprint, similarity, SUGGESTION_THRESHOLD};
use crate::zienswijzen::types::{ReferenceOption, Suggestion};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

impl Store {
    /// Adds a reply segment to a point. References in the text are recognised and linked; the
    /// returned list names the ones that do not resolve (shown at once, and blocking adoption).
    pub fn add_segment(
        &mut self,
        point_id: i64,
        text: &str,
        standard_response_id: Option<i64>,
    ) -> Result<(i64, Vec<String>)> {
        if text.trim().is_empty() {
            return Err(invalid("Een reactie heeft tekst nodig."));
        }
        self.write(|tx| {
            let (procedure_id, ..) = point_place(tx, point_id)?;
            ensure_concept(tx, procedure_id)?;
            let (index, rows) = ref_index(tx, procedure_id)?;
            let from = from_of(&rows, point_id).ok_or_else(|| not_found("Punt", point_id))?;
            let recognised = refs::recognise(text.trim(), from, &index);
            let position = next_position(
                tx,
                "SELECT coalesce(max(position), 0) + 1 FROM reply_segment WHERE point_id = ?1 AND ?2 IS NULL",
                point_id,
                None,
            )?;
            tx.execute(
                "INSERT INTO reply_segment (point_id, position, text, standard_response_id) VALUES (?1, ?2, ?3, ?4)",
                params![point_id, position, recognised.stored, standard_response_id],
            )?;
            Ok((tx.last_insert_rowid(), recognised.dangling))
        })
    }

    pub fn update_segment(&mut self, id: i64, text: &str) -> Result<Vec<String>> {
        if text.trim().is_empty() {
            return Err(invalid("Een reactie heeft tekst nodig; verwijder de reactie als hij weg moet."));
        }
        self.write(|tx| {
            let point_id = segment_point(tx, id)?;
            let (procedure_id, ..) = point_place(tx, point_id)?;
            ensure_concept(tx, procedure_id)?;
            let (index, rows) = ref_index(tx, procedure_id)?;
            let from = from_of(&rows, point_id).ok_or_else(|| not_found("Punt", point_id))?;
            let recognised = refs::recognise(text.trim(), from, &index);
            tx.execute("UPDATE reply_segment SET text = ?1 WHERE id = ?2", params![recognised.stored, id])?;
            Ok(recognised.dangling)
        })
    }

    pub fn delete_segment(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let point_id = segment_point(tx, id)?;
            ensure_concept(tx, point_place(tx, point_id)?.0)?;
            tx.execute("DELETE FROM reply_segment WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// Inserts a library paragraph as a new reply segment, with its placeholders filled in.
    pub fn insert_standard_response(&mut self, point_id: i64, variant_id: i64) -> Result<(i64, Vec<String>)> {
        let conn = self.conn();
        let (response_id, text): (i64, String) = conn
            .query_row(
                "SELECT standard_response_id, text FROM standard_response_variant WHERE id = ?1",
                [variant_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| not_found("Standaardtekst", variant_id))?;
        let (procedure_id, zienswijze_id, ..) = point_place(conn, point_id)?;
        let municipality: String = conn.query_row(
            "SELECT o.name FROM zienswijze z JOIN organisation o ON o.id = z.organisation_id WHERE z.id = ?1",
            [zienswijze_id],
            |r| r.get(0),
        )?;
        let (sent_on, decided_on): (String, Option<String>) = conn.query_row(
            "SELECT sent_on, decided_on FROM zienswijze_procedure WHERE id = ?1",
            [procedure_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let filled = text
            .replace("{gemeente}", &municipality)
            .replace(
                "{besluitdatum}",
                &parse_date(decided_on).map(dutch_date).unwrap_or_else(|| "[datum besluit]".into()),
            )
            .replace("{verzonden}", &parse_date(Some(sent_on)).map(dutch_date).unwrap_or_default());
        self.add_segment(point_id, &filled, Some(response_id))
    }

    /// Replies given to points that resemble this one, from other municipalities (this and
    /// earlier procedures), best first.
    pub fn suggestions(&self, point_id: i64) -> Result<Vec<Suggestion>> {
        let conn = self.conn();
        point_place(conn, point_id)?;
        let (own_text, own_org): (String, i64) = conn.query_row(
            "SELECT p.text, z.organisation_id FROM zienswijze_point p JOIN zienswijze_section s ON s.id = p.section_id
             JOIN zienswijze z ON z.id = s.zienswijze_id WHERE p.id = ?1",
            [point_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let own = fingerprint(&own_text);
        let mut stmt = conn.prepare(
            "SELECT p.id, o.name, p.label, p.text, z.procedure_id, pr.title FROM zienswijze_point p
             JOIN zienswijze_section s ON s.id = p.section_id JOIN zienswijze z ON z.id = s.zienswijze_id
             JOIN organisation o ON o.id = z.organisation_id JOIN zienswijze_procedure pr ON pr.id = z.procedure_id
             WHERE z.organisation_id != ?1 AND EXISTS (SELECT 1 FROM reply_segment g WHERE g.point_id = p.id)",
        )?;
        type Candidate = (i64, String, Option<String>, String, i64, String);
        let candidates: Vec<Candidate> = stmt
            .query_map([own_org], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut scored: Vec<(f64, Candidate)> = candidates
            .into_iter()
            .map(|c| (similarity(&own, &fingerprint(&c.3)), c))
            .filter(|(s, _)| *s >= SUGGESTION_THRESHOLD)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.truncate(3);
        let mut indexes: HashMap<i64, (RefIndex, Vec<PointRow>, Vec<SegmentRow>)> = HashMap::new();
        scored
            .into_iter()
            .map(|(score, (id, municipality, label, text, procedure_id, procedure_title))| {
                if let std::collections::hash_map::Entry::Vacant(e) = indexes.entry(procedure_id) {
                    let (ix, rows) = ref_index(conn, procedure_id)?;
                    e.insert((ix, rows, segment_rows(conn, procedure_id)?));
                }
                let (ix, rows, segs) = &indexes[&procedure_id];
                let from = from_of(rows, id).ok_or_else(|| not_found("Punt", id))?;
                let reply: Vec<String> =
                    segs.iter().filter(|s| s.point_id == id).map(|s| refs::render(&s.text, from, ix)).collect();
                Ok(Suggestion {
                    point_id: id,
                    municipality,
                    label,
                    procedure_title,
                    score: (score * 100.0).round().min(100.0) as u8,
                    inbreng: text,
                    reply: reply.join("\n\n"),
                })
            })
            .collect()
    }

    /// The points a reply to `point_id` can refer to, with the phrase each would insert.
    pub fn reference_options(&self, point_id: i64) -> Result<Vec<ReferenceOption>> {
        let conn = self.conn();
        let (procedure_id, ..) = point_place(conn, point_id)?;
        let (index, rows) = ref_index(conn, procedure_id)?;
        let from = from_of(&rows, point_id).ok_or_else(|| not_found("Punt", point_id))?;
        Ok(rows
            .iter()
            .filter(|p| p.id != point_id && p.label.is_some())
            .filter_map(|p| {
                let section = index.sections.iter().find(|s| s.id == p.section_id)?;
                Some(ReferenceOption {
                    point_id: p.id,
                    municipality: p.municipality.clone(),
                    section: section.name.clone(),
                    label: p.label.clone()?,
                    phrase: refs::phrase_for(p.id, from, &index)?,
                    excerpt: p.text.chars().take(120).collect(),
                })
            })
            .collect())
    }
}

//! The zienswijzen of a procedure and their structure: reading a council letter into sections
//! and points, correcting them (add, reword, split, merge, delete), and the editor's view.

use super::{
    check_label_free, clean, ensure_concept, from_of, insert_parsed, insert_point, invalid, next_position, not_found,
    parse_date, point_concerns, point_place, procedure_of_section, procedure_of_zienswijze, ref_index, relink,
    segment_rows, PointRow,
};
use crate::domain::{NotaStatus, SectionKind, Stance};
use crate::error::{CoreError, Result};
use crate::store::Store;
use crate::zienswijzen::parse::parse_letter;
use crate::zienswijzen::refs::{self, From};
use crate::zienswijzen::rules::section_name;
use crate::zienswijzen::types::{PointView, SectionView, SegmentView, ZienswijzeView};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

impl Store {
    pub fn add_zienswijze(
        &mut self,
        procedure_id: i64,
        organisation_id: i64,
        received_on: Option<NaiveDate>,
        council_decided_on: Option<NaiveDate>,
        stance: Option<Stance>,
    ) -> Result<i64> {
        let org = self
            .organisations()?
            .into_iter()
            .find(|o| o.id == organisation_id)
            .ok_or_else(|| not_found("Gemeente", organisation_id))?;
        if org.kind != crate::domain::OrganisationKind::Gemeente {
            return Err(invalid(format!("{} is geen gemeente; alleen gemeenten geven een zienswijze.", org.name)));
        }
        self.write(|tx| {
            ensure_concept(tx, procedure_id)?;
            let exists: bool = tx.query_row(
                "SELECT count(*) > 0 FROM zienswijze WHERE procedure_id = ?1 AND organisation_id = ?2",
                params![procedure_id, organisation_id],
                |r| r.get(0),
            )?;
            if exists {
                return Err(CoreError::Rule(format!("De zienswijze van {} staat al in deze procedure.", org.name)));
            }
            tx.execute(
                "INSERT INTO zienswijze (procedure_id, organisation_id, received_on, council_decided_on, stance, intro)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'De gemeente geeft de volgende zienswijze:')",
                params![
                    procedure_id,
                    organisation_id,
                    received_on.map(|d| d.to_string()),
                    council_decided_on.map(|d| d.to_string()),
                    stance
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO zienswijze_section (zienswijze_id, position, kind, name) VALUES (?1, 1, 'zienswijze', 'zienswijze')",
                [id],
            )?;
            Ok(id)
        })
    }

    pub fn update_zienswijze(
        &mut self,
        id: i64,
        received_on: Option<NaiveDate>,
        council_decided_on: Option<NaiveDate>,
        stance: Option<Stance>,
        intro: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| {
            ensure_concept(tx, procedure_of_zienswijze(tx, id)?)?;
            tx.execute(
                "UPDATE zienswijze SET received_on = ?1, council_decided_on = ?2, stance = ?3, intro = ?4 WHERE id = ?5",
                params![received_on.map(|d| d.to_string()), council_decided_on.map(|d| d.to_string()), stance, clean(intro), id],
            )?;
            Ok(())
        })
    }

    /// Splits a council letter into points and puts them in the zienswijze, replacing the points
    /// it had. Refused once replies were written, so no reply is lost.
    pub fn import_letter(&mut self, zienswijze_id: i64, text: &str) -> Result<usize> {
        if text.trim().is_empty() {
            return Err(invalid("De brief is leeg; plak de tekst van de zienswijze of kies een bestand."));
        }
        let letter = parse_letter(text);
        let count: usize = letter.sections.iter().map(|s| s.points.len()).sum();
        if count == 0 {
            return Err(invalid(
                "In deze tekst zijn geen genummerde punten gevonden (1., 2., …). Voeg de punten met de hand toe of controleer de tekst.",
            ));
        }
        self.write(|tx| {
            let procedure_id = procedure_of_zienswijze(tx, zienswijze_id)?;
            ensure_concept(tx, procedure_id)?;
            let replies: i64 = tx.query_row(
                "SELECT count(*) FROM reply_segment g JOIN zienswijze_point p ON p.id = g.point_id
                 JOIN zienswijze_section s ON s.id = p.section_id WHERE s.zienswijze_id = ?1",
                [zienswijze_id],
                |r| r.get(0),
            )?;
            if replies > 0 {
                return Err(CoreError::Rule(
                    "Deze zienswijze heeft al reacties; opnieuw inlezen zou ze weggooien. Corrigeer de punten in de editor (splitsen, samenvoegen, hernummeren)."
                        .into(),
                ));
            }
            tx.execute("DELETE FROM zienswijze_section WHERE zienswijze_id = ?1", [zienswijze_id])?;
            tx.execute("UPDATE zienswijze SET source_text = ?1 WHERE id = ?2", params![text, zienswijze_id])?;
            for (i, section) in letter.sections.iter().enumerate() {
                // Parts of the letter itself («II. Inhoud», «FINANCIËN») stay zienswijze; a
                // section with its own heading and numbering is an attachment.
                let (kind, name) = match (i, &section.heading) {
                    (0, _) => (SectionKind::Zienswijze, "zienswijze".to_string()),
                    (_, Some(h)) if section.is_part_of_letter() => (SectionKind::Zienswijze, section_name(h)),
                    (_, Some(h)) => (SectionKind::Bijlage, section_name(h)),
                    (_, None) => (SectionKind::Bijlage, format!("bijlage {i}")),
                };
                tx.execute(
                    "INSERT INTO zienswijze_section (zienswijze_id, position, kind, name, intro) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![zienswijze_id, i as i64 + 1, kind, name, section.heading.clone()],
                )?;
                let section_id = tx.last_insert_rowid();
                for point in &section.points {
                    insert_parsed(tx, section_id, None, point)?;
                }
            }
            relink(tx, procedure_id)?;
            Ok(count)
        })
    }

    pub fn add_section(
        &mut self,
        zienswijze_id: i64,
        kind: SectionKind,
        name: &str,
        intro: Option<&str>,
    ) -> Result<i64> {
        if name.trim().is_empty() {
            return Err(invalid("Geef het onderdeel een naam (zoals «overdenkingen»)."));
        }
        self.write(|tx| {
            let procedure_id = procedure_of_zienswijze(tx, zienswijze_id)?;
            ensure_concept(tx, procedure_id)?;
            let position = next_position(
                tx,
                "SELECT coalesce(max(position), 0) + 1 FROM zienswijze_section WHERE zienswijze_id = ?1 AND ?2 IS NULL",
                zienswijze_id,
                None,
            )?;
            tx.execute(
                "INSERT INTO zienswijze_section (zienswijze_id, position, kind, name, intro) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![zienswijze_id, position, kind, name.trim(), clean(intro)],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn add_point(
        &mut self,
        section_id: i64,
        parent_id: Option<i64>,
        label: Option<&str>,
        title: Option<&str>,
        text: &str,
    ) -> Result<i64> {
        self.write(|tx| {
            let procedure_id = procedure_of_section(tx, section_id)?;
            ensure_concept(tx, procedure_id)?;
            if let Some(parent) = parent_id {
                let (_, _, parent_section, grand) = point_place(tx, parent)?;
                if parent_section != section_id || grand.is_some() {
                    return Err(CoreError::Rule(
                        "Een subpunt hoort onder een hoofdpunt van hetzelfde onderdeel.".into(),
                    ));
                }
            }
            check_label_free(tx, section_id, label, None)?;
            let id = insert_point(tx, section_id, parent_id, label, title, text)?;
            relink(tx, procedure_id)?;
            Ok(id)
        })
    }

    /// Corrects a point: label, title, text and the reply's own header.
    pub fn update_point(
        &mut self,
        id: i64,
        label: Option<&str>,
        title: Option<&str>,
        text: &str,
        reply_intro: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| {
            let (procedure_id, _, section_id, _) = point_place(tx, id)?;
            ensure_concept(tx, procedure_id)?;
            check_label_free(tx, section_id, label, Some(id))?;
            tx.execute(
                "UPDATE zienswijze_point SET label = ?1, title = ?2, text = ?3, reply_intro = ?4 WHERE id = ?5",
                params![clean(label), clean(title), text.trim(), clean(reply_intro), id],
            )?;
            relink(tx, procedure_id)
        })
    }

    /// Splits a point where the parser missed a number: the text from `at` (a character index)
    /// becomes a new point right after it, labelled `new_label`.
    pub fn split_point(&mut self, id: i64, at: usize, new_label: Option<&str>) -> Result<i64> {
        self.write(|tx| {
            let (procedure_id, _, section_id, parent_id) = point_place(tx, id)?;
            ensure_concept(tx, procedure_id)?;
            let (text, position): (String, i64) =
                tx.query_row("SELECT text, position FROM zienswijze_point WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let byte = text.char_indices().nth(at).map(|(i, _)| i).unwrap_or(text.len());
            let (head, tail) = text.split_at(byte);
            if head.trim().is_empty() || tail.trim().is_empty() {
                return Err(invalid("Splits binnen de tekst: beide delen moeten tekst houden."));
            }
            check_label_free(tx, section_id, new_label, None)?;
            tx.execute(
                "UPDATE zienswijze_point SET position = position + 1
                 WHERE section_id = ?1 AND parent_id IS ?2 AND position > ?3",
                params![section_id, parent_id, position],
            )?;
            tx.execute("UPDATE zienswijze_point SET text = ?1 WHERE id = ?2", params![head.trim(), id])?;
            tx.execute(
                "INSERT INTO zienswijze_point (section_id, parent_id, position, label, text) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![section_id, parent_id, position + 1, clean(new_label), tail.trim()],
            )?;
            let new_id = tx.last_insert_rowid();
            relink(tx, procedure_id)?;
            Ok(new_id)
        })
    }

    /// Merges a point with the next one at its level (where the parser split on a number inside
    /// the text): texts, sub-points and replies are kept; references to the second follow.
    pub fn merge_with_next(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let (procedure_id, _, section_id, parent_id) = point_place(tx, id)?;
            ensure_concept(tx, procedure_id)?;
            let position: i64 =
                tx.query_row("SELECT position FROM zienswijze_point WHERE id = ?1", [id], |r| r.get(0))?;
            let next: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, text FROM zienswijze_point WHERE section_id = ?1 AND parent_id IS ?2 AND position > ?3
                     ORDER BY position LIMIT 1",
                    params![section_id, parent_id, position],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((next_id, next_text)) = next else {
                return Err(invalid("Er is geen volgend punt om mee samen te voegen."));
            };
            tx.execute(
                "UPDATE zienswijze_point SET text = text || char(10) || ?1 WHERE id = ?2",
                params![next_text, id],
            )?;
            let offset: i64 =
                tx.query_row("SELECT coalesce(max(position), 0) FROM reply_segment WHERE point_id = ?1", [id], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "UPDATE reply_segment SET point_id = ?1, position = position + ?2 WHERE point_id = ?3",
                params![id, offset, next_id],
            )?;
            tx.execute("UPDATE zienswijze_point SET parent_id = ?1 WHERE parent_id = ?2", params![id, next_id])?;
            tx.execute(
                "INSERT OR IGNORE INTO point_concern SELECT ?1, concern_id FROM point_concern WHERE point_id = ?2",
                params![id, next_id],
            )?;
            let map = HashMap::from([(next_id, id)]);
            for seg in segment_rows(tx, procedure_id)? {
                let rewritten = refs::rewrite_ids(&seg.text, &map);
                if rewritten != seg.text {
                    tx.execute("UPDATE reply_segment SET text = ?1 WHERE id = ?2", params![rewritten, seg.id])?;
                }
            }
            tx.execute("DELETE FROM zienswijze_point WHERE id = ?1", [next_id])?;
            relink(tx, procedure_id)
        })
    }

    /// Deletes a point with its sub-points and replies. References to it become plain text, which
    /// the completeness check then reports.
    pub fn delete_point(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            let (procedure_id, ..) = point_place(tx, id)?;
            ensure_concept(tx, procedure_id)?;
            let (index, rows) = ref_index(tx, procedure_id)?;
            let mut gone = vec![id];
            gone.extend(rows.iter().filter(|p| p.parent_id == Some(id)).map(|p| p.id));
            for seg in segment_rows(tx, procedure_id)? {
                let Some(from) = from_of(&rows, seg.point_id) else { continue };
                let mut text = seg.text.clone();
                for g in &gone {
                    text = refs::unlink(&text, *g, from, &index);
                }
                if text != seg.text {
                    tx.execute("UPDATE reply_segment SET text = ?1 WHERE id = ?2", params![text, seg.id])?;
                }
            }
            tx.execute("DELETE FROM zienswijze_point WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// (procedure, zienswijze) of a point, to open it from a search hit.
    pub fn point_location(&self, point_id: i64) -> Result<(i64, i64)> {
        let (procedure_id, zienswijze_id, ..) = point_place(self.conn(), point_id)?;
        Ok((procedure_id, zienswijze_id))
    }

    pub fn zienswijze(&self, id: i64) -> Result<ZienswijzeView> {
        let conn = self.conn();
        type Head = (
            i64,
            String,
            NotaStatus,
            i64,
            String,
            Option<String>,
            Option<String>,
            Option<Stance>,
            Option<String>,
            Option<String>,
        );
        let head: Head = conn
            .query_row(
                "SELECT z.procedure_id, p.title, p.status, z.organisation_id, o.name, z.received_on, z.council_decided_on,
                        z.stance, z.intro, z.source_text
                 FROM zienswijze z JOIN zienswijze_procedure p ON p.id = z.procedure_id
                 JOIN organisation o ON o.id = z.organisation_id WHERE z.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?)),
            )
            .optional()?
            .ok_or_else(|| not_found("Zienswijze", id))?;
        let (
            procedure_id,
            procedure_title,
            status,
            organisation_id,
            municipality,
            received,
            council,
            stance,
            intro,
            source_text,
        ) = head;
        let (index, all_rows) = ref_index(conn, procedure_id)?;
        let segments = segment_rows(conn, procedure_id)?;
        let concerns = point_concerns(conn, procedure_id)?;
        let rows: Vec<&PointRow> = all_rows.iter().filter(|p| p.zienswijze_id == id).collect();
        let view_of = |p: &PointRow, children: Vec<PointView>| -> PointView {
            let from = From { municipality: &p.municipality, section_id: p.section_id };
            let segs: Vec<SegmentView> = segments
                .iter()
                .filter(|s| s.point_id == p.id)
                .map(|s| {
                    // Rendered once: the text, the links and the dangling references come from it.
                    let parts = refs::parts(&s.text, from, &index);
                    SegmentView {
                        id: s.id,
                        text: refs::text_of(&parts),
                        dangling: refs::dangling_in(&s.text, &parts, from, &index),
                        parts,
                        standard_response_code: s.code.clone(),
                        uncertain: s.uncertain,
                    }
                })
                .collect();
            let answered = if children.is_empty() { !segs.is_empty() } else { children.iter().all(|c| c.answered) };
            PointView {
                id: p.id,
                label: p.label.clone(),
                title: p.title.clone(),
                text: p.text.clone(),
                reply_intro: p.reply_intro.clone(),
                uncertain: p.uncertain,
                concern_ids: concerns.get(&p.id).cloned().unwrap_or_default(),
                segments: segs,
                children,
                answered,
            }
        };
        let mut stmt = conn.prepare(
            "SELECT id, kind, name, intro FROM zienswijze_section WHERE zienswijze_id = ?1 ORDER BY position",
        )?;
        let sections: Vec<(i64, SectionKind, String, Option<String>)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let sections = sections
            .into_iter()
            .map(|(sid, kind, name, intro)| {
                let points = rows
                    .iter()
                    .filter(|p| p.section_id == sid && p.parent_id.is_none())
                    .map(|p| {
                        let children =
                            rows.iter().filter(|c| c.parent_id == Some(p.id)).map(|c| view_of(c, Vec::new())).collect();
                        view_of(p, children)
                    })
                    .collect();
                SectionView { id: sid, kind, kind_label: kind.label().to_string(), name, intro, points }
            })
            .collect();
        Ok(ZienswijzeView {
            id,
            procedure_id,
            procedure_title,
            status,
            editable: crate::zienswijzen::rules::nota_editable(status),
            organisation_id,
            municipality,
            received_on: parse_date(received),
            council_decided_on: parse_date(council),
            stance,
            intro,
            source_text,
            sections,
        })
    }
}

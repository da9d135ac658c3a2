//! Zienswijze procedures and the nota van reactie in the store, one module per concern:
//! [`procedures`] (procedure, AB decision, status, completeness), [`points`] (letters read into
//! sections and points), [`replies`] (segments, references, suggestions), [`library`] (standard
//! responses), [`covering_letter`] (aandachtspunten and the letter), [`motions`] (attachments and
//! motions of a zienswijze) and [`setters`] (plain setters for the demo and the exchange).
//! This module holds the lookups and row readers they share.
//!
//! Rules kept once: only a nota in concept can change (`ensure_concept`); a nota is adopted
//! only when every point is answered and every reference resolves; references are real links
//! ([`crate::zienswijzen::refs`]). The pure rules are in [`crate::zienswijzen::rules`].

mod covering_letter;
mod library;
mod motions;
mod points;
mod procedures;
mod replies;
mod setters;

use crate::domain::{NotaStatus, SectionKind};
use crate::error::{CoreError, Result};
use crate::zienswijzen::parse::ParsedPoint;
use crate::zienswijzen::refs::{self, From, RefIndex, RefPoint, RefSection};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

fn invalid(message: impl Into<String>) -> CoreError {
    CoreError::Invalid(message.into())
}

fn not_found(what: &'static str, id: i64) -> CoreError {
    CoreError::NotFound { what, id: id.to_string() }
}

fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

// ---------------------------------------------------------------------------------------------
// Lookups shared by the operations

fn procedure_of_zienswijze(conn: &Connection, zienswijze_id: i64) -> Result<i64> {
    conn.query_row("SELECT procedure_id FROM zienswijze WHERE id = ?1", [zienswijze_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("Zienswijze", zienswijze_id))
}

fn procedure_of_section(conn: &Connection, section_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT z.procedure_id FROM zienswijze_section s JOIN zienswijze z ON z.id = s.zienswijze_id WHERE s.id = ?1",
        [section_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| not_found("Onderdeel", section_id))
}

/// (procedure, zienswijze, section, parent) of a point.
fn point_place(conn: &Connection, point_id: i64) -> Result<(i64, i64, i64, Option<i64>)> {
    conn.query_row(
        "SELECT z.procedure_id, z.id, p.section_id, p.parent_id FROM zienswijze_point p
         JOIN zienswijze_section s ON s.id = p.section_id JOIN zienswijze z ON z.id = s.zienswijze_id
         WHERE p.id = ?1",
        [point_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .ok_or_else(|| not_found("Punt", point_id))
}

fn segment_point(conn: &Connection, segment_id: i64) -> Result<i64> {
    conn.query_row("SELECT point_id FROM reply_segment WHERE id = ?1", [segment_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("Reactie", segment_id))
}

fn status_of(conn: &Connection, procedure_id: i64) -> Result<NotaStatus> {
    conn.query_row("SELECT status FROM zienswijze_procedure WHERE id = ?1", [procedure_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found("Zienswijzeprocedure", procedure_id))
}

/// Only a nota in concept changes; an adopted one goes back to concept first
/// (`rules::check_nota_editable`, the rule behind the views' `editable`).
fn ensure_concept(conn: &Connection, procedure_id: i64) -> Result<()> {
    crate::zienswijzen::rules::check_nota_editable(status_of(conn, procedure_id)?)
}

fn parse_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// A point row of a procedure, in reading order.
#[derive(Debug, Clone)]
struct PointRow {
    id: i64,
    zienswijze_id: i64,
    municipality: String,
    section_id: i64,
    parent_id: Option<i64>,
    label: Option<String>,
    title: Option<String>,
    text: String,
    reply_intro: Option<String>,
    uncertain: bool,
}

/// All points of a procedure (or of one zienswijze), depth first in reading order: municipalities
/// alphabetically, sections and points by position.
fn point_rows(conn: &Connection, procedure_id: i64, zienswijze_id: Option<i64>) -> Result<Vec<PointRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, z.id, o.name, p.section_id, p.parent_id, p.label, p.title, p.text, p.reply_intro, p.uncertain
         FROM zienswijze_point p
         JOIN zienswijze_section s ON s.id = p.section_id
         JOIN zienswijze z ON z.id = s.zienswijze_id
         JOIN organisation o ON o.id = z.organisation_id
         WHERE z.procedure_id = ?1 AND (?2 IS NULL OR z.id = ?2)
         ORDER BY o.name, s.position, p.position",
    )?;
    let flat: Vec<PointRow> = stmt
        .query_map(params![procedure_id, zienswijze_id], |r| {
            Ok(PointRow {
                id: r.get(0)?,
                zienswijze_id: r.get(1)?,
                municipality: r.get(2)?,
                section_id: r.get(3)?,
                parent_id: r.get(4)?,
                label: r.get(5)?,
                title: r.get(6)?,
                text: r.get(7)?,
                reply_intro: r.get(8)?,
                uncertain: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Depth first: each top-level point followed by its sub-points.
    let mut ordered = Vec::with_capacity(flat.len());
    for top in flat.iter().filter(|p| p.parent_id.is_none()) {
        ordered.push(top.clone());
        ordered.extend(flat.iter().filter(|c| c.parent_id == Some(top.id)).cloned());
    }
    Ok(ordered)
}

fn section_rows(conn: &Connection, procedure_id: i64) -> Result<Vec<RefSection>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, o.name, s.name, s.kind FROM zienswijze_section s
         JOIN zienswijze z ON z.id = s.zienswijze_id JOIN organisation o ON o.id = z.organisation_id
         WHERE z.procedure_id = ?1 ORDER BY o.name, s.position",
    )?;
    let rows = stmt
        .query_map([procedure_id], |r| {
            let kind: SectionKind = r.get(3)?;
            Ok(RefSection {
                id: r.get(0)?,
                municipality: r.get(1)?,
                name: r.get(2)?,
                is_main: kind == SectionKind::Zienswijze,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn ref_index(conn: &Connection, procedure_id: i64) -> Result<(RefIndex, Vec<PointRow>)> {
    let rows = point_rows(conn, procedure_id, None)?;
    let index = RefIndex {
        points: rows
            .iter()
            .map(|p| RefPoint {
                id: p.id,
                municipality: p.municipality.clone(),
                section_id: p.section_id,
                label: p.label.clone(),
            })
            .collect(),
        sections: section_rows(conn, procedure_id)?,
    };
    Ok((index, rows))
}

fn from_of<'a>(rows: &'a [PointRow], point_id: i64) -> Option<From<'a>> {
    rows.iter()
        .find(|p| p.id == point_id)
        .map(|p| From { municipality: p.municipality.as_str(), section_id: p.section_id })
}

#[derive(Debug, Clone)]
struct SegmentRow {
    id: i64,
    point_id: i64,
    text: String,
    code: Option<String>,
    uncertain: bool,
}

fn segment_rows(conn: &Connection, procedure_id: i64) -> Result<Vec<SegmentRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.point_id, g.text, r.code, g.uncertain FROM reply_segment g
         JOIN zienswijze_point p ON p.id = g.point_id
         JOIN zienswijze_section s ON s.id = p.section_id
         JOIN zienswijze z ON z.id = s.zienswijze_id
         LEFT JOIN standard_response r ON r.id = g.standard_response_id
         WHERE z.procedure_id = ?1 ORDER BY g.point_id, g.position",
    )?;
    let rows = stmt
        .query_map([procedure_id], |r| {
            Ok(SegmentRow {
                id: r.get(0)?,
                point_id: r.get(1)?,
                text: r.get(2)?,
                code: r.get(3)?,
                uncertain: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Re-recognises the references of every reply of a procedure, after points were added,
/// relabelled, split or merged: a phrase that now names an existing point becomes a link.
fn relink(conn: &Connection, procedure_id: i64) -> Result<()> {
    let (index, rows) = ref_index(conn, procedure_id)?;
    for seg in segment_rows(conn, procedure_id)? {
        let Some(from) = from_of(&rows, seg.point_id) else { continue };
        let stored = refs::recognise(&seg.text, from, &index).stored;
        if stored != seg.text {
            conn.execute("UPDATE reply_segment SET text = ?1 WHERE id = ?2", params![stored, seg.id])?;
        }
    }
    Ok(())
}

fn next_position(conn: &Connection, sql: &str, key: i64, parent: Option<i64>) -> Result<i64> {
    Ok(conn.query_row(sql, params![key, parent], |r| r.get(0))?)
}

fn insert_point(
    conn: &Connection,
    section_id: i64,
    parent_id: Option<i64>,
    label: Option<&str>,
    title: Option<&str>,
    text: &str,
) -> Result<i64> {
    let position = next_position(
        conn,
        "SELECT coalesce(max(position), 0) + 1 FROM zienswijze_point WHERE section_id = ?1 AND parent_id IS ?2",
        section_id,
        parent_id,
    )?;
    conn.execute(
        "INSERT INTO zienswijze_point (section_id, parent_id, position, label, title, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![section_id, parent_id, position, clean(label), clean(title), text.trim()],
    )?;
    Ok(conn.last_insert_rowid())
}

fn insert_parsed(conn: &Connection, section_id: i64, parent: Option<(i64, &str)>, point: &ParsedPoint) -> Result<()> {
    // Sub-points are referred to as "4.a": the label is made full when the letter stands alone.
    let label = match parent {
        Some((_, parent_label))
            if !point.label.contains('.') && point.label.chars().all(|c| c.is_ascii_lowercase()) =>
        {
            format!("{parent_label}.{}", point.label)
        }
        _ => point.label.clone(),
    };
    let id = insert_point(conn, section_id, parent.map(|(id, _)| id), Some(&label), None, &point.text)?;
    if point.uncertain.is_some() {
        conn.execute("UPDATE zienswijze_point SET uncertain = 1 WHERE id = ?1", [id])?;
    }
    // The editor and the nota have two levels: a grandchild («a)» under «2.2») follows its
    // parent as a sub-point of the top point, with its full label «2.2.a».
    let top = parent.map_or(id, |(top, _)| top);
    for child in &point.children {
        insert_parsed(conn, section_id, Some((top, &label)), child)?;
    }
    Ok(())
}

/// Whether a point needs its own answer: every point without sub-points (a parent is answered
/// through its sub-points).
fn counts_as_point(p: &PointRow, rows: &[PointRow]) -> bool {
    !rows.iter().any(|c| c.parent_id == Some(p.id))
}

/// Points that have at least one reply segment → number of segments.
fn answered_points(conn: &Connection, procedure_id: i64) -> Result<HashMap<i64, usize>> {
    let mut map = HashMap::new();
    for seg in segment_rows(conn, procedure_id)? {
        *map.entry(seg.point_id).or_insert(0) += 1;
    }
    Ok(map)
}

fn point_concerns(conn: &Connection, procedure_id: i64) -> Result<HashMap<i64, Vec<i64>>> {
    let mut stmt = conn.prepare(
        "SELECT pc.point_id, pc.concern_id FROM point_concern pc JOIN concern c ON c.id = pc.concern_id
         WHERE c.procedure_id = ?1 ORDER BY c.position",
    )?;
    let mut map: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in stmt.query_map([procedure_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (p, c) = row?;
        map.entry(p).or_default().push(c);
    }
    Ok(map)
}

/// Two points of one section may not share a label: references would be ambiguous.
fn check_label_free(conn: &Connection, section_id: i64, label: Option<&str>, except: Option<i64>) -> Result<()> {
    let Some(label) = clean(label) else { return Ok(()) };
    let taken: bool = conn.query_row(
        "SELECT count(*) > 0 FROM zienswijze_point WHERE section_id = ?1 AND label = ?2 AND id IS NOT ?3",
        params![section_id, label, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(CoreError::Rule(format!(
            "Dit onderdeel heeft al een punt {label}; kies een ander nummer, zodat verwijzingen eenduidig blijven."
        )));
    }
    Ok(())
}

//! Zienswijze procedures and the nota van reactie: the councils' points, the replies, the
//! standard response library, the completeness check and the status.
//!
//! Rules kept here once: the deadline is the date sent plus the legal period; only a nota in
//! concept can change; a nota is adopted only when every point is answered and every reference
//! resolves; references are real links ([`crate::zienswijze::refs`]).

use super::Store;
use crate::domain::{ItemKind, ItemLevel, NotaStatus, SectionKind, Stance};
use crate::error::{CoreError, Result};
use crate::format::date as dutch_date;
use crate::meetings::NewAgendaItem;
use crate::money::Money;
use crate::zienswijze::parse::{parse_letter, ParsedPoint};
use crate::zienswijze::refs::{self, From, Part, RefIndex, RefPoint, RefSection};
use crate::zienswijze::similarity::{fingerprint, similarity, SUGGESTION_THRESHOLD};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The legal period for a zienswijze (Wgr art. 35), unless a procedure says otherwise.
pub const DEFAULT_PERIOD_WEEKS: u32 = 8;

/// Largest file accepted as part of a zienswijze (same limit as agenda attachments).
pub const MAX_ZIENSWIJZE_ATTACHMENT_BYTES: usize = crate::meetings::rules::MAX_ATTACHMENT_BYTES;

/// The deadline of a procedure: the date sent plus the period.
pub fn deadline(sent_on: NaiveDate, period_weeks: u32) -> NaiveDate {
    sent_on + chrono::Duration::weeks(period_weeks as i64)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewProcedure {
    pub title: String,
    pub subject: String,
    pub documents: Option<String>,
    pub sent_on: NaiveDate,
    pub period_weeks: u32,
    pub agenda_item_id: Option<i64>,
    pub demo_note: Option<String>,
}

/// The decision of the AB on the proposal, as the covering letter reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decision {
    pub decided_on: Option<NaiveDate>,
    pub amount: Option<Money>,
    pub text: Option<String>,
    /// Municipalities (organisation ids) that voted against.
    pub dissent_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProcedureSummary {
    pub id: i64,
    pub title: String,
    pub subject: String,
    pub sent_on: NaiveDate,
    pub period_weeks: u32,
    pub deadline: NaiveDate,
    pub status: NotaStatus,
    pub status_label: String,
    /// The status changes allowed from here, with their button texts (from the core's rule).
    pub next_statuses: Vec<crate::domain::StatusMove<crate::domain::NotaStatus>>,
    pub zienswijzen: usize,
    pub points: usize,
    pub answered: usize,
    pub decided_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Concern {
    pub id: i64,
    pub title: String,
    pub explanation: String,
    /// Municipalities with at least one point tagged with this concern.
    pub mentioned_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ZienswijzeAttachment {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Motion {
    pub id: i64,
    pub title: String,
    pub text: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub late: bool,
    pub agenda_item_id: Option<i64>,
    /// "AB 12-11-2020, punt 5" once scheduled.
    pub scheduled_as: Option<String>,
}

/// One municipality's zienswijze in the overview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ZienswijzeSummary {
    pub id: i64,
    pub organisation_id: i64,
    pub municipality: String,
    pub received_on: Option<NaiveDate>,
    /// Received after the deadline.
    pub late: bool,
    pub council_decided_on: Option<NaiveDate>,
    pub stance: Option<Stance>,
    pub stance_label: Option<String>,
    pub points: usize,
    pub answered: usize,
    pub open: usize,
    pub attachments: Vec<ZienswijzeAttachment>,
    pub motions: Vec<Motion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProcedureDetail {
    pub summary: ProcedureSummary,
    pub documents: Option<String>,
    pub agenda_item_id: Option<i64>,
    /// "AB 12-11-2020 — 4. Begrotingswijziging …"
    pub agenda_item_label: Option<String>,
    pub agenda_meeting_id: Option<i64>,
    pub decision: Decision,
    pub decision_amount_text: Option<String>,
    pub dissent: Vec<OrgRef>,
    pub letter_text: Option<String>,
    pub concerns: Vec<Concern>,
    pub zienswijzen: Vec<ZienswijzeSummary>,
    /// Member municipalities that sent no zienswijze (yet).
    pub not_received: Vec<String>,
    pub check: Completeness,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SegmentView {
    pub id: i64,
    /// The reply as the region writes it (references rendered).
    pub text: String,
    pub parts: Vec<Part>,
    pub standard_response_code: Option<String>,
    pub uncertain: bool,
    pub dangling: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PointView {
    pub id: i64,
    pub label: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub reply_intro: Option<String>,
    pub uncertain: bool,
    pub concern_ids: Vec<i64>,
    pub segments: Vec<SegmentView>,
    pub children: Vec<PointView>,
    /// Answered itself, or (for a point with sub-points) all its sub-points are.
    pub answered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SectionView {
    pub id: i64,
    pub kind: SectionKind,
    pub kind_label: String,
    pub name: String,
    pub intro: Option<String>,
    pub points: Vec<PointView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ZienswijzeView {
    pub id: i64,
    pub procedure_id: i64,
    pub procedure_title: String,
    pub status: NotaStatus,
    pub organisation_id: i64,
    pub municipality: String,
    pub received_on: Option<NaiveDate>,
    pub council_decided_on: Option<NaiveDate>,
    pub stance: Option<Stance>,
    pub intro: Option<String>,
    pub source_text: Option<String>,
    pub sections: Vec<SectionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    pub point_id: i64,
    pub zienswijze_id: i64,
    pub municipality: String,
    /// "4.a", or a description for a point without a label.
    pub point: String,
    pub message: String,
}

/// The completeness check: errors block adoption; warnings do not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Completeness {
    pub complete: bool,
    pub points: usize,
    pub answered: usize,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Variant {
    pub id: i64,
    pub label: String,
    pub text: String,
    pub placeholders: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StandardResponse {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub historic_uses: i64,
    pub historic_source: Option<String>,
    /// Replies in Bestuursmap that use it.
    pub uses: i64,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Suggestion {
    pub point_id: i64,
    pub municipality: String,
    pub label: Option<String>,
    pub procedure_title: String,
    /// 0–100.
    pub score: u8,
    pub inbreng: String,
    pub reply: String,
}

/// A point a reference can go to, with the phrase it would insert from the current point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReferenceOption {
    pub point_id: i64,
    pub municipality: String,
    pub section: String,
    pub label: String,
    pub phrase: String,
    pub excerpt: String,
}

/// Where an agenda item stands: its meeting, body and day (to name it across databases).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgendaItemPlace {
    pub meeting_id: i64,
    pub body_code: String,
    pub day: NaiveDate,
    pub title: String,
}

/// The placeholders a library text may hold, filled in when it is inserted.
pub const PLACEHOLDERS: [(&str, &str); 3] = [
    ("{gemeente}", "naam van de gemeente"),
    ("{besluitdatum}", "datum van het AB-besluit"),
    ("{verzonden}", "datum waarop de stukken zijn verzonden"),
];

fn placeholders_in(text: &str) -> Vec<String> {
    PLACEHOLDERS.iter().filter(|(p, _)| text.contains(p)).map(|(p, _)| p.to_string()).collect()
}

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

/// Only a nota in concept changes; an adopted one goes back to concept first.
fn ensure_concept(conn: &Connection, procedure_id: i64) -> Result<()> {
    match status_of(conn, procedure_id)? {
        NotaStatus::Concept => Ok(()),
        other => Err(CoreError::Rule(format!(
            "De nota van reactie is {}; zet de status terug naar concept om punten of reacties te wijzigen.",
            other.label().to_lowercase()
        ))),
    }
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

impl Store {
    // -----------------------------------------------------------------------------------------
    // Procedures

    /// What a new or changed procedure must satisfy: a title, a legal period of 1 to 52 weeks and,
    /// when it names one, an agenda item of the AB.
    fn check_procedure(&self, procedure: &NewProcedure) -> Result<()> {
        if procedure.title.trim().is_empty() {
            return Err(invalid("Geef de zienswijzeprocedure een titel."));
        }
        if !(1..=52).contains(&procedure.period_weeks) {
            return Err(invalid("De zienswijzetermijn is 1 tot 52 weken (wettelijk 8)."));
        }
        if let Some(item) = procedure.agenda_item_id {
            crate::meetings::rules::check_procedure_item_body(&self.item_body(item)?)?;
        }
        Ok(())
    }

    pub fn add_procedure(&mut self, new: &NewProcedure) -> Result<i64> {
        self.check_procedure(new)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO zienswijze_procedure (title, subject, documents, sent_on, period_weeks, agenda_item_id, demo_note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    new.title.trim(),
                    new.subject.trim(),
                    clean(new.documents.as_deref()),
                    new.sent_on.to_string(),
                    new.period_weeks,
                    new.agenda_item_id,
                    new.demo_note
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Changes what was sent, when, the period and the AB item.
    pub fn update_procedure(&mut self, id: i64, update: &NewProcedure) -> Result<()> {
        self.check_procedure(update)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE zienswijze_procedure SET title = ?1, subject = ?2, documents = ?3, sent_on = ?4, period_weeks = ?5,
                        agenda_item_id = ?6 WHERE id = ?7",
                params![
                    update.title.trim(),
                    update.subject.trim(),
                    clean(update.documents.as_deref()),
                    update.sent_on.to_string(),
                    update.period_weeks,
                    update.agenda_item_id,
                    id
                ],
            )?;
            if n == 0 {
                return Err(not_found("Zienswijzeprocedure", id));
            }
            Ok(())
        })
    }

    /// Records the AB's decision on the proposal.
    pub fn set_decision(&mut self, id: i64, decision: &Decision) -> Result<()> {
        self.write(|tx| {
            status_of(tx, id)?;
            tx.execute(
                "UPDATE zienswijze_procedure SET decided_on = ?1, decision_amount = ?2, decision_text = ?3 WHERE id = ?4",
                params![
                    decision.decided_on.map(|d| d.to_string()),
                    decision.amount.map(|m| m.0.to_string()),
                    clean(decision.text.as_deref()),
                    id
                ],
            )?;
            tx.execute("DELETE FROM procedure_dissent WHERE procedure_id = ?1", [id])?;
            for org in &decision.dissent_ids {
                tx.execute(
                    "INSERT OR IGNORE INTO procedure_dissent (procedure_id, organisation_id) VALUES (?1, ?2)",
                    params![id, org],
                )?;
            }
            Ok(())
        })
    }

    pub fn procedures(&self) -> Result<Vec<ProcedureSummary>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM zienswijze_procedure ORDER BY sent_on DESC, id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.procedure_summary(id)).collect()
    }

    pub fn procedure_summary(&self, id: i64) -> Result<ProcedureSummary> {
        Ok(self.summary_and_check(id)?.0)
    }

    /// The summary with the completeness check it counts from (computed once for both).
    fn summary_and_check(&self, id: i64) -> Result<(ProcedureSummary, Completeness)> {
        let conn = self.conn();
        let (title, subject, sent_on, period_weeks, status, decided_on): (String, String, String, u32, NotaStatus, Option<String>) =
            conn.query_row(
                "SELECT title, subject, sent_on, period_weeks, status, decided_on FROM zienswijze_procedure WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?
            .ok_or_else(|| not_found("Zienswijzeprocedure", id))?;
        let sent_on = parse_date(Some(sent_on)).ok_or_else(|| invalid("ongeldige verzenddatum in de database"))?;
        let zienswijzen: i64 =
            conn.query_row("SELECT count(*) FROM zienswijze WHERE procedure_id = ?1", [id], |r| r.get(0))?;
        let check = self.completeness(id)?;
        let summary = ProcedureSummary {
            id,
            title,
            subject,
            sent_on,
            period_weeks,
            deadline: deadline(sent_on, period_weeks),
            status,
            status_label: status.label().to_string(),
            next_statuses: status.next_statuses(),
            zienswijzen: zienswijzen as usize,
            points: check.points,
            answered: check.answered,
            decided_on: parse_date(decided_on),
        };
        Ok((summary, check))
    }

    pub fn procedure(&self, id: i64) -> Result<ProcedureDetail> {
        let (summary, check) = self.summary_and_check(id)?;
        let conn = self.conn();
        type Row = (
            Option<String>,
            Option<i64>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let (documents, agenda_item_id, decided_on, amount, decision_text, letter_text, demo_note): Row = conn
            .query_row(
                "SELECT documents, agenda_item_id, decided_on, decision_amount, decision_text, letter_text, demo_note
             FROM zienswijze_procedure WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )?;
        let amount = amount.and_then(|a| a.parse::<rust_decimal::Decimal>().ok()).map(Money);
        let dissent: Vec<OrgRef> = conn
            .prepare(
                "SELECT o.id, o.name FROM procedure_dissent d JOIN organisation o ON o.id = d.organisation_id
                 WHERE d.procedure_id = ?1 ORDER BY o.name",
            )?
            .query_map([id], |r| Ok(OrgRef { id: r.get(0)?, name: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let place = agenda_item_id.map(|item| self.agenda_item_place(item)).transpose()?.flatten();
        let agenda_item_label =
            place.as_ref().map(|p| format!("{} {} — {}", p.body_code, p.day.format("%d-%m-%Y"), p.title));
        let agenda_meeting_id = place.as_ref().map(|p| p.meeting_id);
        let concerns = self.concerns(id)?;
        let zienswijzen = self.zienswijze_summaries(id, summary.deadline)?;
        let received: Vec<&str> = zienswijzen.iter().map(|z| z.municipality.as_str()).collect();
        let not_received = self
            .member_municipalities_on(summary.sent_on)?
            .into_iter()
            .map(|o| o.name)
            .filter(|n| !received.contains(&n.as_str()))
            .collect();
        Ok(ProcedureDetail {
            check,
            documents,
            agenda_item_id,
            agenda_item_label,
            agenda_meeting_id,
            decision_amount_text: amount.map(|a| a.to_dutch()),
            decision: Decision {
                decided_on: parse_date(decided_on),
                amount,
                text: decision_text,
                dissent_ids: dissent.iter().map(|d| d.id).collect(),
            },
            dissent,
            letter_text,
            concerns,
            zienswijzen,
            not_received,
            demo_note,
            summary,
        })
    }

    fn zienswijze_summaries(&self, procedure_id: i64, deadline: NaiveDate) -> Result<Vec<ZienswijzeSummary>> {
        let conn = self.conn();
        let rows = point_rows(conn, procedure_id, None)?;
        let answered = answered_points(conn, procedure_id)?;
        let mut stmt = conn.prepare(
            "SELECT z.id, z.organisation_id, o.name, z.received_on, z.council_decided_on, z.stance
             FROM zienswijze z JOIN organisation o ON o.id = z.organisation_id
             WHERE z.procedure_id = ?1 ORDER BY o.name",
        )?;
        type Row = (i64, i64, String, Option<String>, Option<String>, Option<Stance>);
        let base: Vec<Row> = stmt
            .query_map([procedure_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        base.into_iter()
            .map(|(id, organisation_id, municipality, received, council, stance)| {
                let mine: Vec<&PointRow> = rows.iter().filter(|p| p.zienswijze_id == id).collect();
                let countable: Vec<&&PointRow> = mine.iter().filter(|p| counts_as_point(p, &rows)).collect();
                let done = countable.iter().filter(|p| answered.contains_key(&p.id)).count();
                let received_on = parse_date(received);
                Ok(ZienswijzeSummary {
                    id,
                    organisation_id,
                    municipality,
                    late: received_on.is_some_and(|r| r > deadline),
                    received_on,
                    council_decided_on: parse_date(council),
                    stance,
                    stance_label: stance.map(|s| s.label().to_string()),
                    points: countable.len(),
                    answered: done,
                    open: countable.len() - done,
                    attachments: self.zienswijze_attachments(id)?,
                    motions: self.motions(id)?,
                })
            })
            .collect()
    }

    /// Moves the nota of a procedure on: adopted by the DB only when complete; dealt with in the
    /// AB only once the decision is recorded.
    pub fn set_nota_status(&mut self, id: i64, next: NotaStatus) -> Result<()> {
        let current = status_of(self.conn(), id)?;
        if current == next {
            return Ok(());
        }
        if !current.can_move_to(next) {
            return Err(CoreError::Rule(format!(
                "De status kan niet van '{}' naar '{}'. De volgorde is: concept → vastgesteld door DB → behandeld in AB.",
                current.label(),
                next.label()
            )));
        }
        if next == NotaStatus::VastgesteldDoorDb {
            let check = self.completeness(id)?;
            if !check.complete {
                let first: Vec<String> = check
                    .errors
                    .iter()
                    .take(3)
                    .map(|p| format!("{} {}: {}", p.municipality, p.point, p.message))
                    .collect();
                return Err(CoreError::Rule(format!(
                    "De nota is nog niet compleet ({} problemen), dus het DB kan hem niet vaststellen. Eerst: {}",
                    check.errors.len(),
                    first.join("; ")
                )));
            }
        }
        if next == NotaStatus::BehandeldInAb && self.procedure_summary(id)?.decided_on.is_none() {
            return Err(CoreError::Rule(
                "Leg eerst het besluit van het AB vast (datum), dan kan de nota als behandeld in het AB worden gemarkeerd."
                    .into(),
            ));
        }
        self.write(|tx| {
            tx.execute("UPDATE zienswijze_procedure SET status = ?1 WHERE id = ?2", params![next, id])?;
            Ok(())
        })
    }

    // -----------------------------------------------------------------------------------------
    // Zienswijzen and their structure

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

    /// The meeting, body, day and title of an agenda item; `None` when it no longer exists.
    pub fn agenda_item_place(&self, item_id: i64) -> Result<Option<AgendaItemPlace>> {
        let row: Option<(i64, String, String, String)> = self
            .conn()
            .query_row(
                "SELECT m.id, b.code, substr(m.starts_at, 1, 10), a.title FROM agenda_item a
                 JOIN meeting m ON m.id = a.meeting_id JOIN body b ON b.id = m.body_id WHERE a.id = ?1",
                [item_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        Ok(row.and_then(|(meeting_id, body_code, day, title)| {
            Some(AgendaItemPlace { meeting_id, body_code, day: parse_date(Some(day))?, title })
        }))
    }

    /// The agenda item with this title in a meeting of `body_code` on `day`.
    pub fn find_agenda_item(&self, body_code: &str, day: NaiveDate, title: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT a.id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN body b ON b.id = m.body_id
                 WHERE b.code = ?1 AND substr(m.starts_at, 1, 10) = ?2 AND a.title = ?3 ORDER BY a.id LIMIT 1",
                params![body_code, day.to_string(), title],
                |r| r.get(0),
            )
            .optional()?)
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

    // -----------------------------------------------------------------------------------------
    // Replies

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

    /// Every point answered, every reference resolved. Uncertain pairings are warnings.
    pub fn completeness(&self, procedure_id: i64) -> Result<Completeness> {
        let conn = self.conn();
        status_of(conn, procedure_id)?;
        let (index, rows) = ref_index(conn, procedure_id)?;
        let segments = segment_rows(conn, procedure_id)?;
        let answered = answered_points(conn, procedure_id)?;
        let mut check = Completeness::default();
        let name_of = |p: &PointRow| match &p.label {
            Some(l) => format!("punt {l}"),
            None => format!("«{}»", p.text.chars().take(40).collect::<String>()),
        };
        let problem = |p: &PointRow, message: String| Problem {
            point_id: p.id,
            zienswijze_id: p.zienswijze_id,
            municipality: p.municipality.clone(),
            point: name_of(p),
            message,
        };
        for p in &rows {
            if counts_as_point(p, &rows) {
                check.points += 1;
                if answered.contains_key(&p.id) {
                    check.answered += 1;
                } else {
                    check.errors.push(problem(p, "heeft nog geen reactie".into()));
                }
            }
            if p.uncertain {
                check.warnings.push(problem(p, "de koppeling van punt en reactie is onzeker; controleer haar".into()));
            }
        }
        for seg in &segments {
            let Some(p) = rows.iter().find(|p| p.id == seg.point_id) else { continue };
            let from = From { municipality: &p.municipality, section_id: p.section_id };
            for d in refs::dangling(&seg.text, from, &index) {
                check.errors.push(problem(p, format!("verwijst naar «{d}», dat niet bestaat")));
            }
            if seg.uncertain {
                check.warnings.push(problem(p, "een deel van de reactie is onzeker gekoppeld".into()));
            }
        }
        check.complete = check.errors.is_empty();
        Ok(check)
    }

    // -----------------------------------------------------------------------------------------
    // Concerns and the covering letter

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

    // -----------------------------------------------------------------------------------------
    // Attachments and motions of a zienswijze

    pub fn add_zienswijze_attachment(&mut self, zienswijze_id: i64, file_name: &str, content: &[u8]) -> Result<i64> {
        let name = file_name.trim();
        crate::text::check_file_name(name)?;
        if content.len() > MAX_ZIENSWIJZE_ATTACHMENT_BYTES {
            return Err(invalid(format!("'{name}' is groter dan 100 MB en is niet toegevoegd.")));
        }
        let media_type = crate::meetings::rules::media_type_of(name, content)?;
        let sha = format!("{:x}", Sha256::digest(content));
        self.write(|tx| {
            procedure_of_zienswijze(tx, zienswijze_id)?;
            tx.execute(
                "INSERT INTO zienswijze_attachment (zienswijze_id, file_name, media_type, size_bytes, sha256, content, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    zienswijze_id,
                    name,
                    media_type,
                    content.len() as i64,
                    sha,
                    content,
                    chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn zienswijze_attachments(&self, zienswijze_id: i64) -> Result<Vec<ZienswijzeAttachment>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, file_name, media_type, size_bytes, sha256 FROM zienswijze_attachment WHERE zienswijze_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([zienswijze_id], |r| {
                Ok(ZienswijzeAttachment {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    media_type: r.get(2)?,
                    size_bytes: r.get(3)?,
                    sha256: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn zienswijze_attachment_content(&self, id: i64) -> Result<(String, Vec<u8>)> {
        self.conn()
            .query_row("SELECT file_name, content FROM zienswijze_attachment WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| not_found("Bijlage", id))
    }

    pub fn add_motion(
        &mut self,
        zienswijze_id: i64,
        title: &str,
        text: Option<&str>,
        received_on: Option<NaiveDate>,
        late: bool,
    ) -> Result<i64> {
        if title.trim().is_empty() {
            return Err(invalid("Geef de motie een titel."));
        }
        self.write(|tx| {
            procedure_of_zienswijze(tx, zienswijze_id)?;
            tx.execute(
                "INSERT INTO motion (zienswijze_id, title, text, received_on, late) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![zienswijze_id, title.trim(), clean(text), received_on.map(|d| d.to_string()), late],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn motions(&self, zienswijze_id: i64) -> Result<Vec<Motion>> {
        let mut stmt = self.conn().prepare(
            "SELECT mo.id, mo.title, mo.text, mo.received_on, mo.late, mo.agenda_item_id, b.code, m.starts_at
             FROM motion mo LEFT JOIN agenda_item a ON a.id = mo.agenda_item_id
             LEFT JOIN meeting m ON m.id = a.meeting_id LEFT JOIN body b ON b.id = m.body_id
             WHERE mo.zienswijze_id = ?1 ORDER BY mo.id",
        )?;
        let rows = stmt
            .query_map([zienswijze_id], |r| {
                let body: Option<String> = r.get(6)?;
                let starts: Option<String> = r.get(7)?;
                let scheduled_as = body.zip(starts).map(|(b, s)| {
                    let day = NaiveDate::parse_from_str(s.get(..10).unwrap_or(""), "%Y-%m-%d")
                        .map(|d| d.format("%d-%m-%Y").to_string())
                        .unwrap_or(s);
                    format!("{b} {day}")
                });
                Ok(Motion {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    text: r.get(2)?,
                    received_on: parse_date(r.get(3)?),
                    late: r.get(4)?,
                    agenda_item_id: r.get(5)?,
                    scheduled_as,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Puts a motion on the agenda of an AB meeting («nagekomen motie wordt apart geagendeerd
    /// voor het Algemeen Bestuur»).
    pub fn schedule_motion(&mut self, motion_id: i64, meeting_id: i64) -> Result<i64> {
        let (title, text, municipality, existing): (String, Option<String>, String, Option<i64>) = self
            .conn()
            .query_row(
                "SELECT mo.title, mo.text, o.name, mo.agenda_item_id FROM motion mo JOIN zienswijze z ON z.id = mo.zienswijze_id
                 JOIN organisation o ON o.id = z.organisation_id WHERE mo.id = ?1",
                [motion_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| not_found("Motie", motion_id))?;
        if existing.is_some() {
            return Err(CoreError::Rule("Deze motie staat al op een agenda.".into()));
        }
        let meeting = self.meeting_summary(meeting_id)?;
        if meeting.body_code != crate::meetings::rules::DECIDING_BODY {
            return Err(CoreError::Rule(format!(
                "Een motie bij een zienswijze wordt geagendeerd voor het Algemeen Bestuur, niet voor het {}.",
                meeting.body_code
            )));
        }
        self.atomically(|store| {
            let mut item =
                NewAgendaItem::new(format!("Motie gemeente {municipality}: {title}"), ItemKind::TerBespreking);
            item.level = Some(ItemLevel::Strategisch);
            item.proposal_md = text;
            let item_id = store.add_agenda_item(meeting_id, &item)?;
            store.write(|tx| {
                tx.execute("UPDATE motion SET agenda_item_id = ?1 WHERE id = ?2", params![item_id, motion_id])?;
                Ok(item_id)
            })
        })
    }
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

/// "Overdenkingen van de Regionale Werkgroep Jeugd" → "overdenkingen": how replies name the section.
fn section_name(heading: &str) -> String {
    // «II. Inhoud» is named by its word, not its numeral.
    let first = heading
        .split_whitespace()
        .find(|w| !w.trim_end_matches(['.', ')']).chars().all(|c| "IVXL".contains(c)))
        .unwrap_or(heading);
    first.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// Plain setters for the demo and the exchange format, which bring their own consistency.
impl Store {
    pub(crate) fn set_source_text(&mut self, zienswijze_id: i64, text: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE zienswijze SET source_text = ?1 WHERE id = ?2", params![text, zienswijze_id])?;
            Ok(())
        })
    }

    pub(crate) fn rename_section(&mut self, section_id: i64, name: &str, intro: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE zienswijze_section SET name = ?1, intro = ?2 WHERE id = ?3",
                params![name.trim(), clean(intro), section_id],
            )?;
            Ok(())
        })
    }

    pub(crate) fn delete_section(&mut self, section_id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM zienswijze_section WHERE id = ?1", [section_id])?;
            Ok(())
        })
    }

    pub(crate) fn link_motion(&mut self, motion_id: i64, agenda_item_id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE motion SET agenda_item_id = ?1 WHERE id = ?2", params![agenda_item_id, motion_id])?;
            Ok(())
        })
    }

    pub(crate) fn set_point_uncertain(&mut self, point_id: i64, uncertain: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE zienswijze_point SET uncertain = ?1 WHERE id = ?2", params![uncertain, point_id])?;
            Ok(())
        })
    }

    pub(crate) fn set_segment_uncertain(&mut self, segment_id: i64, uncertain: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE reply_segment SET uncertain = ?1 WHERE id = ?2", params![uncertain, segment_id])?;
            Ok(())
        })
    }

    pub(crate) fn set_reply_intro(&mut self, point_id: i64, reply_intro: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE zienswijze_point SET reply_intro = ?1 WHERE id = ?2",
                params![clean(reply_intro), point_id],
            )?;
            Ok(())
        })
    }

    /// The status as stored, without the checks of [`Store::set_nota_status`] (JSON import of a
    /// nota that was checked when it was exported).
    pub(crate) fn force_nota_status(&mut self, procedure_id: i64, status: NotaStatus) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE zienswijze_procedure SET status = ?1 WHERE id = ?2", params![status, procedure_id])?;
            Ok(())
        })
    }
}

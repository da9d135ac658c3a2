//! Procedures: creating and changing one (with its AB item), the AB decision, the overview
//! and the page of a procedure, the nota status and the completeness check.

use super::{
    answered_points, clean, counts_as_point, invalid, not_found, parse_date, point_rows, ref_index, segment_rows,
    status_of, PointRow,
};
use crate::domain::{NotaStatus, Stance};
use crate::error::{CoreError, Result};
use crate::money::Money;
use crate::store::Store;
use crate::zienswijzen::refs::{self, From};
use crate::zienswijzen::rules::deadline;
use crate::zienswijzen::types::{
    AgendaItemPlace, Completeness, Decision, NewProcedure, OrgRef, Problem, ProcedureDetail, ProcedureSummary,
    ZienswijzeSummary,
};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

impl Store {
    /// What a new or changed procedure must satisfy: a title, a legal period of 1 to 52 weeks and,
    /// when it names one, an agenda item of the AB.
    pub(super) fn check_procedure(&self, procedure: &NewProcedure) -> Result<()> {
        if procedure.title.trim().is_empty() {
            return Err(invalid("Geef de zienswijzeprocedure een titel."));
        }
        if !(1..=52).contains(&procedure.period_weeks) {
            return Err(invalid("De zienswijzetermijn is 1 tot 52 weken (wettelijk 8)."));
        }
        if let Some(item) = procedure.agenda_item_id {
            crate::zienswijzen::rules::check_procedure_item_body(&self.item_body(item)?)?;
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
    pub(super) fn summary_and_check(&self, id: i64) -> Result<(ProcedureSummary, Completeness)> {
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
            editable: crate::zienswijzen::rules::nota_editable(status),
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

    pub(super) fn zienswijze_summaries(
        &self,
        procedure_id: i64,
        deadline: NaiveDate,
    ) -> Result<Vec<ZienswijzeSummary>> {
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
}

//! The measures register in the store: adding and editing measures, status history, savings,
//! indicators and links to agenda items. The derived figures come from [`super::rules`].

use super::rules::{period_end, point_behind, traffic_light_with_indicators, year_figures};
use super::types::{
    AmountTexts, Indicator, IndicatorPoint, LinkedItem, MeasureDetail, MeasureEdit, MeasureSummary, NewMeasure,
    SavingsRow, StatusChange,
};
use crate::domain::{MeasureStatus, SourcePlan};
use crate::error::{CoreError, Result};
use crate::money::Money;
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};

const MEASURE_SELECT: &str = "
    SELECT m.id, m.code, m.title, m.kind, m.source_plan, coalesce(t.name, m.trekker_text), m.trekker_id, s.name,
           m.status, m.demo_note
    FROM measure m LEFT JOIN organisation t ON t.id = m.trekker_id LEFT JOIN organisation s ON s.id = m.second_id";

impl Store {
    pub fn add_measure(&mut self, new: &NewMeasure) -> Result<i64> {
        if new.code.trim().is_empty() || new.title.trim().is_empty() {
            return Err(CoreError::Invalid("Een maatregel heeft een code en een titel.".into()));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO measure (code, title, kind, description, source_plan, source_version, trekker_id, trekker_text,
                                      second_id, responsible, status, knelpunten, time_path, demo_note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    new.code.trim(),
                    new.title.trim(),
                    new.kind,
                    new.description,
                    new.source_plan,
                    new.source_version,
                    new.trekker_id,
                    new.trekker_text,
                    new.second_id,
                    new.responsible,
                    new.status,
                    new.knelpunten,
                    new.time_path,
                    new.demo_note
                ],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    CoreError::Invalid(format!("Er is al een maatregel met code {}.", new.code.trim()))
                }
                _ => CoreError::from(e),
            })?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Changes the descriptive fields of a measure (status and savings have their own history).
    pub fn update_measure(&mut self, id: i64, edit: &MeasureEdit) -> Result<()> {
        if edit.title.trim().is_empty() {
            return Err(CoreError::Invalid("Een maatregel heeft een titel.".into()));
        }
        if edit.trekker_id.is_some() && edit.trekker_id == edit.second_id {
            return Err(CoreError::Rule(
                "De trekker en de steun en toeverlaat zijn twee verschillende organisaties.".into(),
            ));
        }
        self.measure_code(id)?;
        let clean = |t: &Option<String>| t.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        self.write(|tx| {
            tx.execute(
                "UPDATE measure SET title = ?2, description = ?3, trekker_id = ?4, trekker_text = ?5, second_id = ?6,
                        responsible = ?7, knelpunten = ?8, time_path = ?9 WHERE id = ?1",
                params![
                    id,
                    edit.title.trim(),
                    clean(&edit.description),
                    edit.trekker_id,
                    if edit.trekker_id.is_some() { None } else { clean(&edit.trekker_text) },
                    edit.second_id,
                    clean(&edit.responsible),
                    clean(&edit.knelpunten),
                    clean(&edit.time_path)
                ],
            )?;
            Ok(())
        })
    }

    /// Records a status change (with the date, the reason and the item that decided it).
    pub fn set_measure_status(
        &mut self,
        measure_id: i64,
        status: MeasureStatus,
        on: NaiveDate,
        reason: Option<&str>,
        agenda_item_id: Option<i64>,
    ) -> Result<()> {
        self.measure_code(measure_id)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO measure_status_change (measure_id, status, changed_on, reason, agenda_item_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![measure_id, status, on, reason, agenda_item_id],
            )?;
            // The current status is the latest change.
            tx.execute(
                "UPDATE measure SET status = (SELECT status FROM measure_status_change WHERE measure_id = ?1
                                              ORDER BY changed_on DESC, id DESC LIMIT 1) WHERE id = ?1",
                [measure_id],
            )?;
            Ok(())
        })
    }

    /// Sets the taakstelling and the realised savings of a year (for the region, or one municipality).
    pub fn set_savings(
        &mut self,
        measure_id: i64,
        year: i32,
        municipality_id: Option<i64>,
        target: Option<Money>,
        realised: Option<Money>,
        is_example: bool,
    ) -> Result<()> {
        if !(2000..=2100).contains(&year) {
            return Err(CoreError::Invalid(format!("{year} is geen geldig jaar voor een taakstelling.")));
        }
        self.measure_code(measure_id)?;
        self.write(|tx| {
            tx.execute(
                "DELETE FROM measure_savings WHERE measure_id = ?1 AND year = ?2 AND municipality_id IS ?3",
                params![measure_id, year, municipality_id],
            )?;
            if target.is_some() || realised.is_some() {
                tx.execute(
                    "INSERT INTO measure_savings (measure_id, year, municipality_id, target, realised, is_example)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![measure_id, year, municipality_id, target, realised, is_example],
                )?;
            }
            Ok(())
        })
    }

    pub fn add_indicator(
        &mut self,
        measure_id: i64,
        name: &str,
        unit: Option<&str>,
        higher_is_better: bool,
    ) -> Result<i64> {
        if name.trim().is_empty() {
            return Err(CoreError::Invalid("Geef de indicator een naam.".into()));
        }
        self.measure_code(measure_id)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO measure_indicator (measure_id, name, unit, higher_is_better) VALUES (?1, ?2, ?3, ?4)",
                params![measure_id, name.trim(), unit.map(str::trim).filter(|u| !u.is_empty()), higher_is_better],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Sets the target and the measured value of one period ("2021", "2021-Q2", "2021-05").
    pub fn set_indicator_point(
        &mut self,
        indicator_id: i64,
        period: &str,
        target: Option<rust_decimal::Decimal>,
        measured: Option<rust_decimal::Decimal>,
    ) -> Result<()> {
        let period = period.trim().to_uppercase();
        if period_end(&period).is_none() {
            return Err(CoreError::Invalid(format!(
                "'{period}' is geen periode. Schrijf een jaar (2021), een kwartaal (2021-Q2) of een maand (2021-05)."
            )));
        }
        self.write(|tx| {
            tx.execute(
                "DELETE FROM indicator_point WHERE indicator_id = ?1 AND period = ?2",
                params![indicator_id, period],
            )?;
            if target.is_some() || measured.is_some() {
                tx.execute(
                    "INSERT INTO indicator_point (indicator_id, period, target, measured) VALUES (?1, ?2, ?3, ?4)",
                    params![indicator_id, period, target.map(|t| t.to_string()), measured.map(|m| m.to_string())],
                )?;
            }
            Ok(())
        })
    }

    pub fn indicators(&self, measure_id: i64, today: NaiveDate) -> Result<Vec<Indicator>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, unit, higher_is_better FROM measure_indicator WHERE measure_id = ?1 ORDER BY id",
        )?;
        let heads: Vec<(i64, String, Option<String>, bool)> = stmt
            .query_map([measure_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let decimal = |text: Option<String>| text.and_then(|t| t.parse::<rust_decimal::Decimal>().ok());
        heads
            .into_iter()
            .map(|(id, name, unit, higher_is_better)| {
                let mut stmt = self
                    .conn()
                    .prepare_cached("SELECT period, target, measured FROM indicator_point WHERE indicator_id = ?1")?;
                let mut points: Vec<IndicatorPoint> = stmt
                    .query_map([id], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .into_iter()
                    .map(|(period, t, m)| {
                        let (target, measured) = (decimal(t), decimal(m));
                        let end = period_end(&period).unwrap_or(NaiveDate::MAX);
                        IndicatorPoint {
                            behind: point_behind(end, target, measured, higher_is_better, today),
                            period,
                            target,
                            measured,
                        }
                    })
                    .collect();
                points.sort_by_key(|p| period_end(&p.period));
                Ok(Indicator { id, name, unit, higher_is_better, points })
            })
            .collect()
    }

    pub fn link_measure(&mut self, agenda_item_id: i64, measure_id: i64) -> Result<()> {
        self.measure_code(measure_id)?;
        crate::meetings::rules::check_agenda_editable(self.item_meeting(agenda_item_id)?.status)?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO agenda_item_measure (agenda_item_id, measure_id) VALUES (?1, ?2)",
                params![agenda_item_id, measure_id],
            )?;
            Ok(())
        })
    }

    pub fn unlink_measure(&mut self, agenda_item_id: i64, measure_id: i64) -> Result<()> {
        crate::meetings::rules::check_agenda_editable(self.item_meeting(agenda_item_id)?.status)?;
        self.write(|tx| {
            tx.execute(
                "DELETE FROM agenda_item_measure WHERE agenda_item_id = ?1 AND measure_id = ?2",
                params![agenda_item_id, measure_id],
            )?;
            Ok(())
        })
    }

    fn measure_code(&self, id: i64) -> Result<String> {
        self.conn()
            .query_row("SELECT code FROM measure WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Maatregel", id: id.to_string() })
    }

    fn savings_rows(&self, measure_id: i64) -> Result<Vec<SavingsRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.year, s.municipality_id, o.name, s.target, s.realised, s.is_example
             FROM measure_savings s LEFT JOIN organisation o ON o.id = s.municipality_id
             WHERE s.measure_id = ?1 ORDER BY s.year, o.name IS NOT NULL, o.name",
        )?;
        let rows = stmt.query_map([measure_id], |r| {
            Ok(SavingsRow {
                year: r.get(0)?,
                municipality_id: r.get(1)?,
                municipality: r.get(2)?,
                target: r.get(3)?,
                realised: r.get(4)?,
                is_example: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn summaries(&self, filter: &str, param: Option<i64>, today: NaiveDate) -> Result<Vec<MeasureSummary>> {
        let sql = format!("{MEASURE_SELECT} {filter} ORDER BY m.code");
        let mut stmt = self.conn().prepare(&sql)?;
        let map = |r: &rusqlite::Row<'_>| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, SourcePlan>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, MeasureStatus>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        };
        let raw = match param {
            Some(p) => stmt.query_map([p], map)?.collect::<rusqlite::Result<Vec<_>>>()?,
            None => stmt.query_map([], map)?.collect::<rusqlite::Result<Vec<_>>>()?,
        };
        raw.into_iter()
            .map(|(id, code, title, kind, source_plan, trekker, trekker_id, second, status, demo_note)| {
                let rows = self.savings_rows(id)?;
                let years = year_figures(&rows);
                let indicator_behind = self.indicators(id, today)?.iter().any(|i| i.points.iter().any(|p| p.behind));
                let (light, reason, behind) = traffic_light_with_indicators(status, &years, indicator_behind, today);
                Ok(MeasureSummary {
                    id,
                    code,
                    title,
                    kind,
                    source_plan,
                    source_plan_label: source_plan.label().to_string(),
                    trekker,
                    trekker_id,
                    second,
                    status,
                    status_label: status.label().to_string(),
                    traffic_light: light,
                    traffic_light_label: light.label().to_string(),
                    traffic_light_reason: reason,
                    behind_schedule: behind,
                    amounts: AmountTexts::of(&years),
                    years,
                    uses_example_amounts: rows.iter().any(|r| r.is_example),
                    demo_note,
                })
            })
            .collect()
    }

    /// The register, by code.
    pub fn measures(&self, today: NaiveDate) -> Result<Vec<MeasureSummary>> {
        self.summaries("", None, today)
    }

    /// The measures linked to an agenda item.
    pub fn measures_of_item(&self, agenda_item_id: i64, today: NaiveDate) -> Result<Vec<MeasureSummary>> {
        self.summaries(
            "WHERE m.id IN (SELECT measure_id FROM agenda_item_measure WHERE agenda_item_id = ?1)",
            Some(agenda_item_id),
            today,
        )
    }

    pub fn measure(&self, id: i64, today: NaiveDate) -> Result<MeasureDetail> {
        let summary = self
            .summaries("WHERE m.id = ?1", Some(id), today)?
            .pop()
            .ok_or_else(|| CoreError::NotFound { what: "Maatregel", id: id.to_string() })?;
        let (description, source_version, responsible, knelpunten, time_path, second_id, trekker_text) = self.conn().query_row(
            "SELECT description, source_version, responsible, knelpunten, time_path, second_id, trekker_text FROM measure WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )?;
        let mut stmt = self.conn().prepare(
            "SELECT c.id, c.status, c.changed_on, c.reason, c.agenda_item_id, b.short_name, mt.starts_at, a.title
             FROM measure_status_change c
             LEFT JOIN agenda_item a ON a.id = c.agenda_item_id
             LEFT JOIN meeting mt ON mt.id = a.meeting_id LEFT JOIN body b ON b.id = mt.body_id
             WHERE c.measure_id = ?1 ORDER BY c.changed_on, c.id",
        )?;
        let history = stmt
            .query_map([id], |r| {
                let status: MeasureStatus = r.get(1)?;
                let body: Option<String> = r.get(5)?;
                let at: Option<NaiveDateTime> = r.get(6)?;
                let title: Option<String> = r.get(7)?;
                Ok(StatusChange {
                    id: r.get(0)?,
                    status,
                    status_label: status.label().to_string(),
                    changed_on: r.get(2)?,
                    reason: r.get(3)?,
                    agenda_item_id: r.get(4)?,
                    decided_at: match (body, at, title) {
                        (Some(b), Some(at), Some(t)) => Some(format!("{b} {}: {t}", at.format("%d-%m-%Y"))),
                        _ => None,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn().prepare(
            "SELECT a.id, mt.id, b.short_name, mt.starts_at, a.title, a.outcome, a.decision_md
             FROM agenda_item_measure l JOIN agenda_item a ON a.id = l.agenda_item_id
             JOIN meeting mt ON mt.id = a.meeting_id JOIN body b ON b.id = mt.body_id
             WHERE l.measure_id = ?1 ORDER BY mt.starts_at",
        )?;
        let linked_items = stmt
            .query_map([id], |r| {
                let outcome: Option<crate::domain::Outcome> = r.get(5)?;
                Ok(LinkedItem {
                    agenda_item_id: r.get(0)?,
                    meeting_id: r.get(1)?,
                    body: r.get(2)?,
                    starts_at: r.get(3)?,
                    title: r.get(4)?,
                    outcome_label: outcome.map(|o| o.label().to_string()),
                    decision_md: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(MeasureDetail {
            summary,
            description,
            source_version,
            second_id,
            trekker_text,
            responsible,
            knelpunten,
            time_path,
            history,
            savings: self.savings_rows(id)?,
            indicators: self.indicators(id, today)?,
            linked_items,
        })
    }

    /// Status changes between two dates (inclusive), for "what changed since the previous quarter".
    pub fn status_changes_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(String, StatusChange)>> {
        let codes: Vec<(i64, String)> = self
            .conn()
            .prepare(
                "SELECT DISTINCT measure_id, m.code FROM measure_status_change c JOIN measure m ON m.id = c.measure_id
                      WHERE c.changed_on BETWEEN ?1 AND ?2 ORDER BY m.code",
            )?
            .query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (id, code) in codes {
            for change in self.measure(id, to)?.history {
                if change.changed_on >= from && change.changed_on <= to {
                    out.push((code.clone(), change));
                }
            }
        }
        Ok(out)
    }
}

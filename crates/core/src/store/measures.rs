//! The measures register: maatregelen with their trekker, status history, savings per year and
//! the agenda items where they were discussed. Derived figures (totals, gaps, the traffic light)
//! are computed here, once.

use super::Store;
use crate::domain::{MeasureStatus, SourcePlan, TrafficLight};
use crate::error::{CoreError, Result};
use crate::money::Money;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewMeasure {
    pub code: String,
    pub title: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub source_plan: SourcePlan,
    pub source_version: Option<String>,
    pub trekker_id: Option<i64>,
    pub trekker_text: Option<String>,
    pub second_id: Option<i64>,
    pub responsible: Option<String>,
    pub status: MeasureStatus,
    pub knelpunten: Option<String>,
    pub time_path: Option<String>,
    pub demo_note: Option<String>,
}

/// The editable description of a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeasureEdit {
    pub title: String,
    pub description: Option<String>,
    pub trekker_id: Option<i64>,
    pub trekker_text: Option<String>,
    pub second_id: Option<i64>,
    pub responsible: Option<String>,
    pub knelpunten: Option<String>,
    pub time_path: Option<String>,
}

/// Savings of one year: the taakstelling and what was realised. `None` is unknown, not zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct YearFigure {
    pub year: i32,
    pub target: Option<Money>,
    pub realised: Option<Money>,
    /// realised − target, when both are known (negative: behind).
    pub gap: Option<Money>,
}

/// The savings of a measure as Dutch text, so no screen formats or adds amounts itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AmountTexts {
    pub years: Vec<YearTexts>,
    /// The sum of the known taakstellingen ("€ 1.250.000,00"), "onbekend" when none is known,
    /// "—" when there are no years.
    pub target_total: String,
    pub realised_total: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct YearTexts {
    pub year: i32,
    /// "€ 1.250.000,50", or "onbekend".
    pub target: String,
    pub realised: String,
    pub gap: String,
    /// As a user types it in a form field ("1.250.000,50"), empty when unknown.
    pub target_input: String,
    pub realised_input: String,
}

impl AmountTexts {
    pub fn of(years: &[YearFigure]) -> AmountTexts {
        let text = |m: Option<Money>| m.map_or_else(|| "onbekend".to_string(), Money::to_dutch);
        let input = |m: Option<Money>| m.map(|m| m.to_dutch().replacen("€ ", "", 1)).unwrap_or_default();
        let total = |pick: fn(&YearFigure) -> Option<Money>| {
            let known: Vec<Money> = years.iter().filter_map(pick).collect();
            match (years.is_empty(), known.is_empty()) {
                (true, _) => "—".to_string(),
                (false, true) => "onbekend".to_string(),
                (false, false) => known.into_iter().fold(Money::ZERO, |a, b| a + b).to_dutch(),
            }
        };
        AmountTexts {
            years: years
                .iter()
                .map(|y| YearTexts {
                    year: y.year,
                    target: text(y.target),
                    realised: text(y.realised),
                    gap: text(y.gap),
                    target_input: input(y.target),
                    realised_input: input(y.realised),
                })
                .collect(),
            target_total: total(|y| y.target),
            realised_total: total(|y| y.realised),
        }
    }
}

impl YearFigure {
    fn new(year: i32, target: Option<Money>, realised: Option<Money>) -> Self {
        let gap = target.zip(realised).map(|(t, r)| r - t);
        YearFigure { year, target, realised, gap }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeasureSummary {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub kind: Option<String>,
    pub source_plan: SourcePlan,
    pub source_plan_label: String,
    pub trekker: Option<String>,
    pub trekker_id: Option<i64>,
    pub second: Option<String>,
    pub status: MeasureStatus,
    pub status_label: String,
    pub traffic_light: TrafficLight,
    pub traffic_light_label: String,
    /// Why the light has its colour, in Dutch.
    pub traffic_light_reason: String,
    pub behind_schedule: bool,
    /// Savings per year for the region (the sum of the municipalities where only those are known).
    pub years: Vec<YearFigure>,
    /// The same amounts as Dutch text (the screens show these).
    pub amounts: AmountTexts,
    pub uses_example_amounts: bool,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavingsRow {
    pub year: i32,
    pub municipality_id: Option<i64>,
    pub municipality: Option<String>,
    pub target: Option<Money>,
    pub realised: Option<Money>,
    pub is_example: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusChange {
    pub id: i64,
    pub status: MeasureStatus,
    pub status_label: String,
    pub changed_on: NaiveDate,
    pub reason: Option<String>,
    pub agenda_item_id: Option<i64>,
    /// "AB 12-11-2020: Begrotingswijziging 2020 …" when an agenda item decided it.
    pub decided_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LinkedItem {
    pub agenda_item_id: i64,
    pub meeting_id: i64,
    pub body: String,
    pub starts_at: NaiveDateTime,
    pub title: String,
    pub outcome_label: Option<String>,
    pub decision_md: Option<String>,
}

/// One period of an indicator's time path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IndicatorPoint {
    pub period: String,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub target: Option<rust_decimal::Decimal>,
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub measured: Option<rust_decimal::Decimal>,
    /// The period has ended and the measured value misses the target (or is not known).
    pub behind: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Indicator {
    pub id: i64,
    pub name: String,
    pub unit: Option<String>,
    pub higher_is_better: bool,
    pub points: Vec<IndicatorPoint>,
}

/// The last day of a period written as "2021", "2021-Q2" or "2021-05".
pub fn period_end(period: &str) -> Option<NaiveDate> {
    let p = period.trim().to_uppercase();
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1);
    let (year, rest) = match p.split_once('-') {
        Some((y, r)) => (y.parse::<i32>().ok()?, Some(r)),
        None => (p.parse::<i32>().ok()?, None),
    };
    if !(2000..=2100).contains(&year) {
        return None;
    }
    let next_start = match rest {
        None => first_of(year + 1, 1)?,
        Some(q) if q.starts_with('Q') => {
            let n: u32 = q[1..].parse().ok().filter(|n| (1..=4).contains(n))?;
            if n == 4 {
                first_of(year + 1, 1)?
            } else {
                first_of(year, n * 3 + 1)?
            }
        }
        Some(m) => {
            let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            if m == 12 {
                first_of(year + 1, 1)?
            } else {
                first_of(year, m + 1)?
            }
        }
    };
    next_start.pred_opt()
}

/// Whether an indicator point lags its time path on `today`.
pub fn point_behind(
    point_end: NaiveDate,
    target: Option<rust_decimal::Decimal>,
    measured: Option<rust_decimal::Decimal>,
    higher_is_better: bool,
    today: NaiveDate,
) -> bool {
    match (target, measured) {
        (Some(_), _) if point_end >= today => false,
        (Some(_), None) => true,
        (Some(t), Some(m)) => {
            if higher_is_better {
                m < t
            } else {
                m > t
            }
        }
        (None, _) => false,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeasureDetail {
    #[serde(flatten)]
    pub summary: MeasureSummary,
    pub description: Option<String>,
    pub source_version: Option<String>,
    pub second_id: Option<i64>,
    pub trekker_text: Option<String>,
    pub responsible: Option<String>,
    pub knelpunten: Option<String>,
    pub time_path: Option<String>,
    pub history: Vec<StatusChange>,
    pub savings: Vec<SavingsRow>,
    pub indicators: Vec<Indicator>,
    pub linked_items: Vec<LinkedItem>,
}

/// The traffic light of a measure, with its reason. The rule, in order:
/// 1. **Rood** when the measure is *niet doorgevoerd*, or in a year that has ended less than half of
///    the taakstelling was realised.
/// 2. **Oranje** when in a year that has ended the taakstelling was not fully realised (or what was
///    realised is not known), or when an *alternatief* is still being developed.
/// 3. **Groen** when the measure is *gerealiseerd*, or every ended year with a taakstelling realised it.
/// 4. **Onbekend** when no taakstelling is known and none of the above applies.
///
/// A measure is *behind schedule* when light 1 or 2 is caused by an ended year.
pub fn traffic_light(status: MeasureStatus, years: &[YearFigure], today: NaiveDate) -> (TrafficLight, String, bool) {
    traffic_light_with_indicators(status, years, false, today)
}

/// [`traffic_light`], where an indicator that lags its time path makes a green or unknown light
/// orange (rule 2) and the measure behind schedule.
pub fn traffic_light_with_indicators(
    status: MeasureStatus,
    years: &[YearFigure],
    indicator_behind: bool,
    today: NaiveDate,
) -> (TrafficLight, String, bool) {
    let (light, reason, behind) = savings_light(status, years, today);
    if indicator_behind && matches!(light, TrafficLight::Groen | TrafficLight::Onbekend) {
        return (TrafficLight::Oranje, "Een indicator loopt achter op zijn tijdpad.".into(), true);
    }
    (light, reason, behind || indicator_behind)
}

fn savings_light(status: MeasureStatus, years: &[YearFigure], today: NaiveDate) -> (TrafficLight, String, bool) {
    let ended: Vec<&YearFigure> = years.iter().filter(|y| y.year < today.year() && y.target.is_some()).collect();
    let half = |t: Money| Money(t.0 / rust_decimal::Decimal::TWO);
    if status == MeasureStatus::NietDoorgevoerd {
        return (TrafficLight::Rood, "De maatregel is niet doorgevoerd.".into(), false);
    }
    if let Some(y) = ended.iter().find(|y| y.realised.zip(y.target).is_some_and(|(r, t)| r < half(t))) {
        return (
            TrafficLight::Rood,
            format!("In {} is minder dan de helft van de taakstelling gerealiseerd.", y.year),
            true,
        );
    }
    if let Some(y) = ended.iter().find(|y| y.realised.zip(y.target).is_none_or(|(r, t)| r < t)) {
        let why = if y.realised.is_none() {
            format!("Voor {} is niet bekend wat er is gerealiseerd.", y.year)
        } else {
            format!("In {} is de taakstelling niet volledig gerealiseerd.", y.year)
        };
        return (TrafficLight::Oranje, why, true);
    }
    if status == MeasureStatus::AlternatiefInOntwikkeling {
        return (TrafficLight::Oranje, "Er wordt nog een alternatief uitgewerkt.".into(), false);
    }
    if status == MeasureStatus::Gerealiseerd || !ended.is_empty() {
        return (TrafficLight::Groen, "De taakstelling is gerealiseerd.".into(), false);
    }
    (TrafficLight::Onbekend, "Er is (nog) geen taakstelling bekend om aan te toetsen.".into(), false)
}

/// Sums amounts where any is known; unknown stays unknown.
pub fn sum_known(values: impl Iterator<Item = Option<Money>>) -> Option<Money> {
    values.fold(None, |acc, v| match (acc, v) {
        (None, v) => v,
        (Some(a), Some(b)) => Some(a + b),
        (a, None) => a,
    })
}

/// Region figures per year from the savings rows of one measure: the region row where there is one,
/// else the sum of the municipalities.
pub fn year_figures(rows: &[SavingsRow]) -> Vec<YearFigure> {
    let mut by_year: BTreeMap<i32, Vec<&SavingsRow>> = BTreeMap::new();
    for row in rows {
        by_year.entry(row.year).or_default().push(row);
    }
    by_year
        .into_iter()
        .map(|(year, rows)| match rows.iter().find(|r| r.municipality_id.is_none()) {
            Some(region) => YearFigure::new(year, region.target, region.realised),
            None => YearFigure::new(
                year,
                sum_known(rows.iter().map(|r| r.target)),
                sum_known(rows.iter().map(|r| r.realised)),
            ),
        })
        .collect()
}

/// Totals over measures per year.
pub fn total_per_year(measures: &[MeasureSummary]) -> Vec<YearFigure> {
    let mut by_year: BTreeMap<i32, (Option<Money>, Option<Money>)> = BTreeMap::new();
    for m in measures {
        for y in &m.years {
            let entry = by_year.entry(y.year).or_default();
            entry.0 = sum_known([entry.0, y.target].into_iter());
            entry.1 = sum_known([entry.1, y.realised].into_iter());
        }
    }
    by_year.into_iter().map(|(year, (t, r))| YearFigure::new(year, t, r)).collect()
}

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
        self.item_body(agenda_item_id)?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO agenda_item_measure (agenda_item_id, measure_id) VALUES (?1, ?2)",
                params![agenda_item_id, measure_id],
            )?;
            Ok(())
        })
    }

    pub fn unlink_measure(&mut self, agenda_item_id: i64, measure_id: i64) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn m(euros: i64) -> Option<Money> {
        Some(Money::euros(euros))
    }
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 3, 1).unwrap()
    }

    #[test]
    fn the_traffic_light_follows_its_rule() {
        use MeasureStatus::*;
        let y = |year, t, r| YearFigure::new(year, t, r);
        assert_eq!(traffic_light(InUitvoering, &[y(2021, m(100), m(40))], today()).0, TrafficLight::Rood);
        assert_eq!(traffic_light(InUitvoering, &[y(2021, m(100), m(90))], today()).0, TrafficLight::Oranje);
        assert_eq!(traffic_light(InUitvoering, &[y(2021, m(100), None)], today()).0, TrafficLight::Oranje);
        assert_eq!(traffic_light(InUitvoering, &[y(2021, m(100), m(100))], today()).0, TrafficLight::Groen);
        // A year that has not ended does not count yet.
        assert_eq!(traffic_light(InUitvoering, &[y(2022, m(100), m(0))], today()).0, TrafficLight::Onbekend);
        assert_eq!(traffic_light(NietDoorgevoerd, &[], today()).0, TrafficLight::Rood);
        assert_eq!(traffic_light(AlternatiefInOntwikkeling, &[], today()).0, TrafficLight::Oranje);
        assert_eq!(traffic_light(Gerealiseerd, &[], today()).0, TrafficLight::Groen);
        assert_eq!(traffic_light(Voorgesteld, &[], today()).0, TrafficLight::Onbekend);
        let (_, _, behind) = traffic_light(InUitvoering, &[y(2021, m(100), m(90))], today());
        assert!(behind);
    }

    #[test]
    fn periods_end_where_they_should_and_points_lag_only_once_ended() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(period_end("2021"), Some(d(2021, 12, 31)));
        assert_eq!(period_end("2021-q2"), Some(d(2021, 6, 30)));
        assert_eq!(period_end("2021-02"), Some(d(2021, 2, 28)));
        assert_eq!(period_end("2021-Q5"), None);
        assert_eq!(period_end("dit jaar"), None);
        let dec = |n: i64| Some(rust_decimal::Decimal::from(n));
        let end = d(2021, 6, 30);
        assert!(!point_behind(end, dec(10), None, true, d(2021, 6, 1)), "not ended yet");
        assert!(point_behind(end, dec(10), None, true, d(2021, 7, 1)), "ended, nothing measured");
        assert!(point_behind(end, dec(10), dec(8), true, d(2021, 7, 1)));
        assert!(!point_behind(end, dec(10), dec(8), false, d(2021, 7, 1)), "lower is better: 8 beats 10");
        // An indicator behind its time path turns an unknown light orange.
        let (light, _, behind) = traffic_light_with_indicators(MeasureStatus::InUitvoering, &[], true, d(2021, 7, 1));
        assert_eq!((light, behind), (TrafficLight::Oranje, true));
    }

    #[test]
    fn unknown_amounts_stay_unknown() {
        let row = |year, muni: Option<i64>, t, r| SavingsRow {
            year,
            municipality_id: muni,
            municipality: None,
            target: t,
            realised: r,
            is_example: false,
        };
        // Municipalities only: their sum; an unknown realised amount does not become zero.
        let figures = year_figures(&[row(2021, Some(1), m(100), m(50)), row(2021, Some(2), m(60), None)]);
        assert_eq!(figures, [YearFigure::new(2021, m(160), m(50))]);
        assert_eq!(figures[0].gap, Some(Money::euros(-110)));
        // A region row wins over the municipalities.
        let figures = year_figures(&[row(2021, None, m(500), None), row(2021, Some(1), m(100), m(50))]);
        assert_eq!(figures, [YearFigure::new(2021, m(500), None)]);
        assert_eq!(figures[0].gap, None);
        assert_eq!(sum_known([None, None].into_iter()), None);
    }

    #[test]
    fn amounts_are_sent_as_dutch_text_rounded_and_summed_where_known() {
        let cents = |c: i64| Some(Money(rust_decimal::Decimal::new(c, 3)));
        let texts = AmountTexts::of(&[
            YearFigure::new(2021, cents(1_250_000_506), None),
            YearFigure::new(2022, cents(1_000), cents(2_000)),
        ]);
        assert_eq!(texts.years[0].target, "€ 1.250.000,51", "rounded, not cut off");
        assert_eq!(texts.years[0].realised, "onbekend");
        assert_eq!(texts.years[0].target_input, "1.250.000,51");
        assert_eq!(texts.years[0].realised_input, "");
        assert_eq!(texts.years[1].gap, "€ 1,00");
        assert_eq!(texts.target_total, "€ 1.250.001,51");
        assert_eq!(texts.realised_total, "€ 2,00");
        assert_eq!(AmountTexts::of(&[]).target_total, "—");
        assert_eq!(AmountTexts::of(&[YearFigure::new(2021, None, None)]).target_total, "onbekend");
    }
}

//! The records of the measures register: a measure as listed and as opened, its savings per
//! year (as amounts and as Dutch texts), status changes, indicators and linked agenda items.

use crate::domain::{MeasureStatus, SourcePlan, TrafficLight};
use crate::money::Money;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

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
    pub(crate) fn new(year: i32, target: Option<Money>, realised: Option<Money>) -> Self {
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

//! The measures register (maatregelen): trekker, status history, savings per year, indicators and
//! the agenda items where a measure was discussed.
//!
//! - `types`: the records (re-exported below);
//! - [`rules`]: the traffic light, indicator lag, periods and yearly figures (pure, no store);
//! - `store`: the `impl Store` block (add, edit, status, savings, indicators, links, reading).

pub mod rules;
mod store;
mod types;

pub use types::{
    AmountTexts, Indicator, IndicatorPoint, LinkedItem, MeasureDetail, MeasureEdit, MeasureSummary, NewMeasure,
    SavingsRow, StatusChange, YearFigure, YearTexts,
};

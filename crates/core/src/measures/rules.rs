//! The rules of the measures register, as pure functions of values (never the store): the traffic
//! light and its reason, when an indicator lags its time path, the end of a period, and the
//! figures per year (unknown stays unknown).

use super::types::{MeasureSummary, SavingsRow, YearFigure};
use crate::domain::{MeasureStatus, TrafficLight};
use crate::money::Money;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::types::AmountTexts;

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

//! Dutch presentation of dates for documents and the CLI (the app formats with Intl).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];

/// "12 november 2020"
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// "donderdag 12 november 2020"
pub fn weekday_date(d: NaiveDate) -> String {
    format!("{} {}", WEEKDAYS[d.weekday().num_days_from_monday() as usize], date(d))
}

/// "12-11-2020"
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// "19:30"
pub fn time(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

/// "a", "a en b", "a, b en c"
pub fn join_dutch(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_dutch() {
        let d = NaiveDate::from_ymd_opt(2020, 11, 12).unwrap();
        assert_eq!(weekday_date(d), "donderdag 12 november 2020");
        assert_eq!(short_date(d), "12-11-2020");
    }
}

//! Money: euro amounts as exact decimals, never floats.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An amount in euros. Stored in SQLite as canonical decimal TEXT so that no digit is lost;
/// serialised to JSON as a string ("6600000.00") for the same reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct Money(
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub Decimal,
);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn euros(amount: i64) -> Money {
        Money(Decimal::from(amount))
    }

    /// Dutch notation as the region writes it: `€ 1.234.567,89` (always two decimals).
    pub fn to_dutch(self) -> String {
        let rounded = self.0.round_dp(2);
        let negative = rounded.is_sign_negative() && !rounded.is_zero();
        let text = format!("{:.2}", rounded.abs());
        let (int_part, frac) = text.split_once('.').unwrap_or((&text, "00"));
        let mut grouped = String::new();
        for (i, ch) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(ch);
        }
        format!("{}€ {},{}", if negative { "-" } else { "" }, grouped, frac)
    }

    /// Reads an amount as a Dutch user types it: "1.250.000", "1.250.000,50", "€ 6,6" or
    /// "1250000". Refuses anything ambiguous or not a number, with a message saying why.
    pub fn parse_dutch(input: &str) -> Result<Money, String> {
        let cleaned = input.trim().trim_start_matches('€');
        if cleaned.trim().is_empty() {
            return Err("Vul een bedrag in, bijvoorbeeld 1.250.000,50.".into());
        }
        dutch_decimal(cleaned, 2).map(Money).ok_or_else(|| {
            format!(
                "'{}' is geen bedrag. Schrijf bijvoorbeeld 1.250.000 of 1.250.000,50 (punt voor duizendtallen, komma voor centen).",
                input.trim()
            )
        })
    }
}

/// A number as a Dutch user types it ("1.250", "12,5", "-3"), for indicators.
pub fn parse_dutch_number(input: &str) -> Result<Decimal, String> {
    dutch_decimal(input, 6).ok_or_else(|| {
        format!("'{}' is geen getal. Schrijf bijvoorbeeld 1.250 of 12,5 (komma voor decimalen).", input.trim())
    })
}

/// Dutch notation: optional minus, digits grouped by dots in threes (or not grouped), an optional
/// comma with at most `max_decimals` decimals.
fn dutch_decimal(input: &str, max_decimals: usize) -> Option<Decimal> {
    let cleaned: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let (body, negative) = match cleaned.strip_prefix('-') {
        Some(rest) => (rest, true),
        None => (cleaned.as_str(), false),
    };
    let (int_part, frac_part) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let int_ok = !int_part.is_empty()
        && (int_part.chars().all(|c| c.is_ascii_digit())
            || int_part.split('.').enumerate().all(|(i, g)| {
                g.chars().all(|c| c.is_ascii_digit()) && if i == 0 { (1..=3).contains(&g.len()) } else { g.len() == 3 }
            }));
    let frac_ok =
        frac_part.is_none_or(|f| (1..=max_decimals).contains(&f.len()) && f.chars().all(|c| c.is_ascii_digit()));
    if !int_ok || !frac_ok {
        return None;
    }
    let canonical =
        format!("{}{}.{}", if negative { "-" } else { "" }, int_part.replace('.', ""), frac_part.unwrap_or("0"));
    Decimal::from_str(&canonical).ok()
}

/// An optional amount from a form field: empty means unknown (`None`), never zero.
pub fn parse_optional_amount(input: &str) -> Result<Option<Money>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        Money::parse_dutch(input).map(Some)
    }
}

/// An optional number from a form field: empty means unknown.
pub fn parse_optional_number(input: &str) -> Result<Option<Decimal>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_dutch_number(input).map(Some)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_dutch())
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl ToSql for Money {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.to_string()))
    }
}

impl FromSql for Money {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Decimal::from_str(text).map(Money).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_notation_groups_thousands_and_uses_comma() {
        assert_eq!(Money(Decimal::new(123456789, 2)).to_dutch(), "€ 1.234.567,89");
        assert_eq!(Money::euros(6_600_000).to_dutch(), "€ 6.600.000,00");
        assert_eq!(Money::euros(0).to_dutch(), "€ 0,00");
        assert_eq!(Money::euros(999).to_dutch(), "€ 999,00");
        assert_eq!(Money(Decimal::new(-500_000_000, 2)).to_dutch(), "-€ 5.000.000,00");
    }

    #[test]
    fn parses_what_users_type_and_refuses_the_rest() {
        assert_eq!(Money::parse_dutch("1.250.000").unwrap(), Money::euros(1_250_000));
        assert_eq!(Money::parse_dutch("1.250.000,50").unwrap(), Money(Decimal::new(125000050, 2)));
        assert_eq!(Money::parse_dutch("€ 6,6").unwrap(), Money(Decimal::new(66, 1)));
        assert_eq!(Money::parse_dutch("1250000").unwrap(), Money::euros(1_250_000));
        for bad in ["", "1,250,000", "12.34", "1.2345", "abc", "1.250.000,505", "€"] {
            assert!(Money::parse_dutch(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn an_empty_field_is_unknown_not_zero() {
        assert_eq!(parse_optional_amount("  "), Ok(None));
        assert_eq!(parse_optional_amount("0"), Ok(Some(Money::ZERO)));
        assert!(parse_optional_amount("veel").is_err());
        assert_eq!(parse_optional_number("12,5"), Ok(Some(Decimal::new(125, 1))));
        assert!(parse_optional_number("12.5").is_err(), "a dot is a thousands separator");
    }

    #[test]
    fn arithmetic_is_exact() {
        // 0.1 + 0.2 is the classic float failure; decimals must get it exactly right.
        let a = Money::parse_dutch("0,1").unwrap();
        let b = Money::parse_dutch("0,2").unwrap();
        assert_eq!(a + b, Money::parse_dutch("0,3").unwrap());
        assert_eq!(Money::euros(11_600_000) - Money::euros(6_600_000), Money::euros(5_000_000));
    }
}

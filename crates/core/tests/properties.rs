//! Property tests (proptest): generated input, not hand-picked examples.

use bestuursmap_core::zienswijzen::{exchange, parse::parse_letter};
use bestuursmap_core::Money;
use proptest::prelude::*;
use rust_decimal::Decimal;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Dutch money format → parse is the identity (to the cent).
    #[test]
    fn dutch_money_format_then_parse_is_the_identity(cents in -10_000_000_000_000i64..10_000_000_000_000i64) {
        let money = Money(Decimal::new(cents, 2));
        let text = money.to_dutch();
        let parsed = Money::parse_dutch(text.trim_start_matches('-').trim_start_matches("€ "))
            .map(|m| if text.starts_with('-') { Money(-m.0) } else { m });
        prop_assert_eq!(parsed, Ok(money), "{}", text);
    }

    /// The letter parser never panics, and what it returns comes from the input.
    #[test]
    fn the_letter_parser_never_panics(text in "(\\PC|\n|\r|\t|[0-9]{1,3}[.)] ){0,400}") {
        let letter = parse_letter(&text);
        for point in letter.sections.iter().flat_map(|s| &s.points) {
            prop_assert!(point.text.len() <= text.len() + 16);
        }
    }

    /// Procedure JSON: any text is parsed or refused with a Dutch message, never a panic.
    #[test]
    fn procedure_json_is_parsed_or_refused_in_dutch(text in "\\PC{0,300}") {
        let json = format!("{{\"format\": \"bestuursmap-zienswijzeprocedure\", \"version\": 1, {text}");
        if let Err(e) = exchange::parse(&json) {
            let message = e.to_string();
            prop_assert!(!message.contains("expected") && !message.contains("EOF"), "{}", message);
        }
    }

    /// The text rule refuses exactly the control characters (line breaks only in texts).
    #[test]
    fn names_with_a_control_character_are_refused(before in "\\PC{0,20}", c in any::<char>(), after in "\\PC{0,20}") {
        let text = format!("{before}{c}{after}");
        let line_ok = bestuursmap_core::text::check_line("titel", &text).is_ok();
        prop_assert_eq!(line_ok, !text.chars().any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}')));
    }
}

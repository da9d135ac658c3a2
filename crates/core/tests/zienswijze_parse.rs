//! The zienswijze parser on the four municipalities of the 2020 fixture, rendered as letters the
//! way councils write them.

use bestuursmap_core::zienswijzen::parse::{parse_letter, ParsedLetter};
use serde_json::Value;

const FIXTURE: &str = include_str!("../../../assets/demo/fixtures/zienswijzen-2020-deel.json");

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders one municipality's inbreng as a letter: salutation, intro, numbered points, bullets
/// for unnumbered sub-points, the attached overdenkingen with their heading, and a signature.
fn letter(gemeente: &Value) -> String {
    let mut out = format!(
        "Aan het Algemeen Bestuur van de Dienst Gezondheid & Jeugd\n\nBetreft: zienswijze 1e bestuursrapportage 2020\n\nGeacht bestuur,\n\n{}\n\n",
        gemeente["intro"].as_str().unwrap()
    );
    let items = gemeente["items"].as_array().unwrap();
    for section in ["zienswijze", "overdenkingen"] {
        let in_section: Vec<&Value> =
            items.iter().filter(|i| i["section"] == section && i["label"].is_string()).collect();
        if in_section.is_empty() {
            continue;
        }
        if section == "overdenkingen" {
            out.push_str("Overdenkingen Regionale Werkgroep Jeugd\n");
            out.push_str(gemeente["section_intros"]["overdenkingen"].as_str().unwrap());
            out.push_str("\n\n");
        }
        for item in in_section {
            let text = item["inbreng"].as_str().or(item["inbreng_intro"].as_str()).unwrap();
            out.push_str(&format!("{}. {}\n", item["label_in_source"].as_str().unwrap(), text));
            for sub in item["subpoints"].as_array().into_iter().flatten() {
                out.push_str(&format!("• {}\n", sub["inbreng"].as_str().unwrap()));
            }
        }
        out.push('\n');
    }
    out.push_str("Met vriendelijke groet,\n\nDe raad van de gemeente\n");
    out
}

fn parsed(name: &str) -> (Value, ParsedLetter) {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let gemeente = fixture["gemeenten"].as_array().unwrap().iter().find(|g| g["gemeente"] == name).unwrap().clone();
    let parsed = parse_letter(&letter(&gemeente));
    (gemeente, parsed)
}

#[test]
fn every_fixture_municipality_is_split_into_its_points() {
    for name in ["Dordrecht", "Gorinchem", "Molenlanden", "Papendrecht"] {
        let (gemeente, parsed) = parsed(name);
        assert!(parsed.intro.as_deref().unwrap().ends_with("De gemeente geeft de volgende zienswijze:"), "{name}");
        let expected: Vec<&Value> =
            gemeente["items"].as_array().unwrap().iter().filter(|i| i["section"] == "zienswijze").collect();
        let points = &parsed.sections[0].points;
        assert_eq!(points.len(), expected.len(), "{name}: {parsed:#?}");
        for (point, item) in points.iter().zip(&expected) {
            assert_eq!(point.label, item["label_in_source"].as_str().unwrap(), "{name}");
            match item["inbreng"].as_str() {
                Some(text) => assert_eq!(normalise(&point.text), normalise(text), "{name} {}", point.label),
                None => {
                    // A lead-in with bullet sub-points: the bullets stay inside the point.
                    assert!(point.text.starts_with(item["inbreng_intro"].as_str().unwrap()));
                    assert_eq!(point.text.matches("\n• ").count(), item["subpoints"].as_array().unwrap().len());
                }
            }
        }
    }
}

#[test]
fn dordrecht_keeps_the_overdenkingen_as_their_own_section() {
    let (gemeente, parsed) = parsed("Dordrecht");
    assert_eq!(parsed.sections.len(), 2);
    let overdenkingen = &parsed.sections[1];
    assert!(overdenkingen.heading.as_deref().unwrap().starts_with("Overdenkingen Regionale Werkgroep Jeugd"));
    let expected: Vec<&Value> =
        gemeente["items"].as_array().unwrap().iter().filter(|i| i["section"] == "overdenkingen").collect();
    assert_eq!(overdenkingen.points.len(), expected.len());
    for (point, item) in overdenkingen.points.iter().zip(expected) {
        assert_eq!(normalise(&point.text), normalise(item["inbreng"].as_str().unwrap()));
    }
}

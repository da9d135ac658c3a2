//! The letter corpus (crates/core/tests/letters, made by make.py): council letters in the styles
//! councils write in — decimal sub-points, Roman sections, capitals headings, CRLF and CR, title
//! lines, bullets only, an attachment after the signature, parenthesised labels, 120 points, and
//! text that `pdftotext` took from LibreOffice PDFs (running headers, «Pagina n van m» footers,
//! words broken at the line end). Each must parse to its expected tree.

use bestuursmap_core::zienswijzen::parse::{parse_letter, ParsedLetter, ParsedPoint};
use serde_json::Value;
use std::path::Path;

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn compare_points(name: &str, path: &str, found: &[ParsedPoint], expected: &Value) {
    let expected = expected.as_array().unwrap();
    let labels: Vec<&str> = found.iter().map(|p| p.label.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(labels, want, "{name}: labels under {path}");
    for (point, want) in found.iter().zip(expected) {
        let here = format!("{path}/{}", point.label);
        assert_eq!(normalise(&point.text), normalise(want["text"].as_str().unwrap()), "{name}: text of {here}");
        compare_points(name, &here, &point.children, &want["children"]);
    }
}

/// Compares a parsed letter with its expected tree: every section heading and label, every
/// point's text (whitespace-normalised), the closing sentence, and the intro's own words.
pub fn compare(name: &str, letter: &ParsedLetter, expected: &Value) {
    let intro = normalise(letter.intro.as_deref().unwrap_or_default());
    assert!(intro.ends_with(&normalise(expected["intro"].as_str().unwrap())), "{name}: intro was {intro:?}");
    let sections = expected["sections"].as_array().unwrap();
    let headings: Vec<Option<String>> = letter.sections.iter().map(|s| s.heading.as_deref().map(normalise)).collect();
    let want: Vec<Option<String>> = sections.iter().map(|s| s["heading"].as_str().map(normalise)).collect();
    assert_eq!(headings, want, "{name}: section headings");
    for (section, want) in letter.sections.iter().zip(sections) {
        compare_points(name, "", &section.points, &want["points"]);
    }
    assert_eq!(
        letter.closing.as_deref().map(normalise),
        expected["closing"].as_str().map(normalise),
        "{name}: closing"
    );
}

fn corpus() -> Vec<(String, String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/letters");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
            let expected: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap())
                    .unwrap();
            out.push((name, text, expected));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_text_letter_in_the_corpus_parses_to_its_tree() {
    let corpus = corpus();
    assert!(corpus.len() >= 16, "the corpus has {} text letters", corpus.len());
    for (name, text, expected) in &corpus {
        compare(name, &parse_letter(text), expected);
    }
}

#[test]
fn the_pdf_letters_carry_real_page_furniture_that_is_dropped() {
    let corpus = corpus();
    let from_pdf: Vec<_> = corpus.iter().filter(|(name, ..)| name.contains("-pdf-")).collect();
    assert!(from_pdf.len() >= 5);
    // The fixtures really have the artifacts: page breaks, the footer line, broken words.
    assert!(from_pdf.iter().any(|(_, text, _)| text.contains('\u{c}') && text.contains("Pagina 2 van")));
    for (name, text, _) in from_pdf {
        let letter = parse_letter(text);
        let all = serde_json::to_string(&letter).unwrap();
        assert!(!all.contains("Pagina "), "{name}: page footer left in {all}");
        // The running header may open a one-page letter's intro, never a point.
        let points = serde_json::to_string(&letter.sections).unwrap();
        assert!(!points.contains("— zienswijze"), "{name}: running header left in the points");
    }
}

#[test]
fn text_copied_from_a_pdf_is_cleaned() {
    let corpus = corpus();
    let (_, text, _) = corpus.iter().find(|(n, ..)| n == "alblasserdam-decimaal").unwrap();
    assert!(text.contains("begrotings-\nwijziging") && text.contains("Pagina 1 van 2"));
    let letter = parse_letter(text);
    assert!(letter.sections[0].points[1].children[0].text.starts_with("De begrotingswijziging laat"));
    let (_, text, _) = corpus.iter().find(|(n, ..)| n == "zwijndrecht-getallen").unwrap();
    assert!(text.contains("gemeente- en\n"));
    assert!(parse_letter(text).sections[0].points[0].text.contains("het gemeente- en regiobestuur"));
}

#[test]
fn uncertain_structure_is_marked_where_it_is() {
    // Point 3 is missing: 4 follows 2 after a blank line and is taken, marked uncertain.
    let letter = parse_letter("1. Een.\n2. Twee.\n\n4. Vier.\n5. Vijf.\n");
    let labels: Vec<_> = letter.sections[0].points.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "4", "5"]);
    assert!(letter.sections[0].points[2].uncertain.as_deref().unwrap().contains("punt 3 ontbreekt"));
    assert!(letter.sections[0].points[3].uncertain.is_none());
    // A line that looks like point 7 in the middle of point 2 stays text, and point 2 says so.
    let letter = parse_letter("1. Een.\n2. Twee.\n\n7. Zeven?\n3. Drie.\n");
    assert_eq!(letter.point_count(), 3);
    assert!(letter.sections[0].points[1].uncertain.as_deref().unwrap().contains("«7.»"));
    // Bullets only: numbered by us, and every point says so.
    let letter = parse_letter("Geacht bestuur,\n\n• Eerste punt.\n• Tweede punt.\n");
    assert_eq!(letter.point_count(), 2);
    assert!(letter.sections[0].points.iter().all(|p| p.uncertain.is_some()));
    assert!(!letter.warnings.is_empty());
    // The JSON contract gains the fields only when there is something to say.
    let plain = serde_json::to_value(parse_letter("1. Een.\n2. Twee.\n")).unwrap();
    assert!(plain.get("warnings").is_none() && plain["sections"][0]["points"][0].get("uncertain").is_none());
}

#[test]
fn an_imported_letter_keeps_nested_points_sections_and_uncertainty_in_the_store() {
    use bestuursmap_core::{demo, Store};
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    let procedure = store.procedures().unwrap()[0].id;
    let sliedrecht = store.organisation_by_code("SLIEDRECHT").unwrap().id;
    let z = store.add_zienswijze(procedure, sliedrecht, None, None, None).unwrap();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/letters/molenlanden-decimaal-letters.txt"),
    )
    .unwrap();
    // Molenlanden's letter with a skipped point number added at the end.
    let text =
        text.replace("Met vriendelijke groet,", "5. Een punt na een overgeslagen nummer.\n\nMet vriendelijke groet,");
    assert_eq!(store.import_letter(z, &text).unwrap(), 4);
    let view = store.zienswijze(z).unwrap();
    let two = &view.sections[0].points[1];
    let labels: Vec<_> = two.children.iter().map(|c| c.label.clone().unwrap()).collect();
    // The grandchildren a) b) c) of 2.1 follow it as sub-points of 2, with their full label.
    assert_eq!(labels, ["2.1", "2.1.a", "2.1.b", "2.1.c", "2.2"]);
    let five = view.sections[0].points.last().unwrap();
    assert_eq!(five.label.as_deref(), Some("5"));
    assert!(five.uncertain, "a skipped number is marked in the editor");
    assert!(!view.sections[0].points[0].uncertain);
    // Roman parts of a letter stay zienswijze sections, with their heading kept.
    let z2 = store
        .add_zienswijze(procedure, store.organisation_by_code("ZWIJNDRECHT").unwrap().id, None, None, None)
        .unwrap();
    store.import_letter(z2, "Geacht bestuur,\n\nI. Procedure\n1. Kort.\n\nII. Inhoud\n1. De afslag.\n").unwrap();
    let view = store.zienswijze(z2).unwrap();
    let kinds: Vec<_> = view.sections.iter().map(|s| (s.kind.code(), s.name.as_str(), s.intro.clone())).collect();
    assert_eq!(
        kinds,
        [
            ("zienswijze", "zienswijze", Some("I. Procedure".into())),
            ("zienswijze", "inhoud", Some("II. Inhoud".into()))
        ]
    );
}

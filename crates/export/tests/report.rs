//! The kwartaalrapportage on the demo register, checked with qpdf and pdftotext.

use bestuursmap_core::{demo, Store};
use bestuursmap_export::report::{write_quarter_report, Quarter};
use std::process::Command;

fn text(pdf: &std::path::Path, mode: &str) -> String {
    let out = Command::new("pdftotext").arg(mode).arg(pdf).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .replace('\u{a0}', " ")
        .replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_quarter_report_holds_every_measure_and_dutch_amounts() {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q1.pdf");
    let made = chrono::NaiveDate::from_ymd_opt(2021, 4, 2).unwrap().and_hms_opt(10, 0, 0).unwrap();
    let pages = write_quarter_report(&store, Quarter::parse("2021-Q1").unwrap(), made, &out).unwrap();
    assert!(pages >= 3);
    let check = Command::new("qpdf").arg("--check").arg(&out).output().expect("qpdf is installed");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    let raw = text(&out, "-raw");
    // Titles may be hyphenated or broken after a hyphen in the narrow column: compare without them.
    let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>();
    let squashed = squash(&raw);
    for m in store.measures(made.date()).unwrap() {
        assert!(raw.contains(&m.code), "missing code {}", m.code);
        assert!(squashed.contains(&squash(&m.title)), "missing {} {}", m.code, m.title);
    }
    // Dutch notation, and unknown is not zero.
    for amount in ["€ 1.500.000,00", "€ 600.000,00", "€ 2.000.000,00", "€ 1.300.000,00"] {
        assert!(raw.contains(amount), "missing {amount}");
    }
    assert!(raw.contains("onbekend"));
    // Judged at the end of Q1 2021, 2020 has ended: M05 is behind and red.
    assert!(raw.contains("Rood (achter)"));
    assert!(raw.contains("Kwartaalrapportage maatregelen Q1 2021"));
    assert!(raw.contains("Knelpunten en dilemma's"));
}

#[test]
fn what_changed_lists_only_the_changes_of_the_quarter() {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    let m08 = store
        .measures(chrono::NaiveDate::from_ymd_opt(2021, 2, 1).unwrap())
        .unwrap()
        .into_iter()
        .find(|m| m.code == "M08")
        .unwrap();
    store
        .set_measure_status(
            m08.id,
            bestuursmap_core::domain::MeasureStatus::Gerealiseerd,
            chrono::NaiveDate::from_ymd_opt(2021, 2, 15).unwrap(),
            Some("Definitie vastgesteld (demo)"),
            None,
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q1.pdf");
    let made = chrono::NaiveDate::from_ymd_opt(2021, 4, 2).unwrap().and_hms_opt(10, 0, 0).unwrap();
    write_quarter_report(&store, Quarter::parse("2021-Q1").unwrap(), made, &out).unwrap();
    let raw = text(&out, "-raw");
    let section = &raw[raw.find("Wat veranderde dit kwartaal").unwrap()..raw.find("Per maatregel").unwrap()];
    assert!(
        section.contains("M08") && section.contains("15-02-2021") && section.contains("Definitie vastgesteld (demo)"),
        "{section}"
    );
    assert!(!section.contains("M01"), "changes of 2020 are not in Q1 2021: {section}");
}

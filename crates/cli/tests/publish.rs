//! `bestuursmap publish` as users run it: the demo cycle to a folder, and every way it refuses
//! (unknown body, a year without meetings, nothing public, an existing folder with files).

use crate::util::{bestuursmap, demo};
use std::path::Path;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn publishes_the_ab_of_2020_with_demo_data_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out_dir = dir.path().join("ab-2020");
    let dest = out_dir.to_str().unwrap();

    // The demo is all demo data: without the choice nothing is written, and the message says why.
    let out = bestuursmap(&db, &["publish", "--body", "AB", "--year", "2020", "--out", dest]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--include-demo"), "{}", text(&out.stderr));
    assert!(!out_dir.exists(), "nothing written");

    let out = bestuursmap(&db, &["publish", "--body", "ab", "--year", "2020", "--out", dest, "--include-demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("Gepubliceerd naar") && said.contains("1 vergadering"), "{said}");
    assert!(said.contains("1 concept-agenda"), "the concept agenda of December is left out: {said}");
    assert!(said.contains("demogegevens"), "{said}");
    for file in ["index.html", "ab/2020/index.html", "data/ori.jsonld", "data/context.jsonld", "data/ods-ori.json"] {
        assert!(out_dir.join(file).is_file(), "{file}");
    }
    let ods: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("data/ods-ori.json")).unwrap()).unwrap();
    assert_eq!(ods["vergaderingen"].as_array().unwrap().len(), 1);

    // The same again is refused: the folder is not empty, and it is left as it was.
    let before = std::fs::read(out_dir.join("index.html")).unwrap();
    let out = bestuursmap(&db, &["publish", "--body", "AB", "--year", "2020", "--out", dest, "--include-demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("is niet leeg"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(out_dir.join("index.html")).unwrap(), before);

    // With concept agendas: both AB meetings of 2020.
    let both = dir.path().join("met-concept");
    let out = bestuursmap(
        &db,
        &[
            "publish",
            "--body",
            "AB",
            "--year",
            "2020",
            "--out",
            both.to_str().unwrap(),
            "--include-demo",
            "--include-concept",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 vergaderingen"), "{}", text(&out.stdout));
}

#[test]
fn one_meeting_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let list = bestuursmap(&db, &["meetings", "list", "--json"]);
    let meetings: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    let db_meeting = meetings.iter().find(|m| m["body"] == "DB").unwrap()["id"].as_i64().unwrap();
    let out_dir = dir.path().join("db");
    let out = bestuursmap(
        &db,
        &["publish", "--meeting", &db_meeting.to_string(), "--out", out_dir.to_str().unwrap(), "--include-demo"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out_dir.join("db/2020/index.html").is_file());
    let page = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(page.contains("Dagelijks Bestuur"), "{page}");
}

#[test]
fn bad_input_gets_a_dutch_message_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let dest = dir.path().join("uit");
    let dest = dest.to_str().unwrap();

    let out = bestuursmap(&db, &["publish", "--body", "RAAD", "--year", "2020", "--out", dest]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Het orgaan «RAAD» bestaat niet. Kies een van: AB, DB"),
        "{}",
        text(&out.stderr)
    );

    let out = bestuursmap(&db, &["publish", "--body", "AB", "--year", "2019", "--out", dest, "--include-demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("heeft in 2019 geen vergaderingen"), "{}", text(&out.stderr));

    let out = bestuursmap(&db, &["publish", "--meeting", "999", "--out", dest]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Vergadering 999 bestaat niet"), "{}", text(&out.stderr));

    // --meeting and --body together, or --body without --year: a usage error in Dutch.
    let out = bestuursmap(&db, &["publish", "--meeting", "1", "--body", "AB", "--year", "2020", "--out", dest]);
    assert_eq!(out.status.code(), Some(2));
    let out = bestuursmap(&db, &["publish", "--body", "AB", "--out", dest]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("ontbreekt"), "{}", text(&out.stderr));

    // An existing file in the way.
    let file = dir.path().join("bestand.txt");
    std::fs::write(&file, "x").unwrap();
    let out = bestuursmap(
        &db,
        &["publish", "--body", "AB", "--year", "2020", "--out", file.to_str().unwrap(), "--include-demo"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("geen map"), "{}", text(&out.stderr));
    assert!(!Path::new(dest).exists(), "nothing written by any refusal");
}

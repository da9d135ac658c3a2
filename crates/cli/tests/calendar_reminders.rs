//! `bestuursmap calendar` and `bestuursmap reminders` (issue #19) on a real database file.

use crate::util::{bestuursmap, demo};
use serde_json::Value;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn uids(ics: &str) -> Vec<String> {
    ics.lines().filter_map(|l| l.strip_prefix("UID:")).map(str::to_string).collect()
}

#[test]
fn calendars_of_a_body_a_person_and_a_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("ab.ics");
    let out = bestuursmap(&db, &["calendar", "--body", "ab", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Agenda «Vergaderingen AB» geschreven"), "{}", text(&out.stdout));
    let ics = std::fs::read_to_string(&file).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"));
    assert_eq!(uids(&ics).len(), 2);

    // Written again: the same uids (and the same file, nothing changed).
    let out = bestuursmap(&db, &["calendar", "--body", "AB", "--out", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ics);

    // A person by name: the alderman of Dordrecht sits in the AB and the BOT.
    let mine = dir.path().join("wethouder.ics");
    let out = bestuursmap(&db, &["calendar", "--person", "Wethouder Dordrecht", "--out", mine.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let personal = std::fs::read_to_string(&mine).unwrap();
    assert_eq!(uids(&personal).len(), 3);
    for uid in uids(&ics) {
        assert!(personal.contains(&uid), "the AB meetings keep their uid in the personal calendar");
    }

    // One meeting, by id.
    let list = bestuursmap(&db, &["meetings", "list", "--json"]);
    let meetings: Vec<Value> = serde_json::from_slice(&list.stdout).unwrap();
    let bot = meetings.iter().find(|m| m["body"] == "BOT").unwrap()["id"].as_i64().unwrap().to_string();
    let one = dir.path().join("bot.ics");
    let out = bestuursmap(&db, &["calendar", "--meeting", &bot, "--out", one.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(uids(&std::fs::read_to_string(&one).unwrap()).len(), 1);
}

#[test]
fn unknown_bodies_people_and_meetings_are_refused_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = dir.path().join("x.ics");
    let f = file.to_str().unwrap();
    for (args, expected) in [
        (
            vec!["calendar", "--body", "RvC", "--out", f],
            "Het orgaan «RvC» bestaat niet. Kies uit: AB, DB, Netwerk-MTplus, BOT.",
        ),
        (vec!["calendar", "--person", "Niemand Bekend", "--out", f], "Persoon"),
        (vec!["calendar", "--meeting", "4242", "--out", f], "Vergadering 4242 bestaat niet"),
    ] {
        let out = bestuursmap(&db, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("bestuursmap: ") && err.contains(expected), "{args:?}: {err}");
        assert!(!file.exists(), "no file for {args:?}");
    }
    // Two choices at once, or none: a usage error.
    let out = bestuursmap(&db, &["calendar", "--body", "AB", "--meeting", "1", "--out", f]);
    assert_eq!(out.status.code(), Some(2));
    let out = bestuursmap(&db, &["calendar", "--out", f]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("ontbreekt"), "{}", text(&out.stderr));
    // A folder that does not exist: a clear message, nothing written beside it.
    let nowhere = dir.path().join("bestaat-niet").join("ab.ics");
    let out = bestuursmap(&db, &["calendar", "--body", "AB", "--out", nowhere.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Kan "), "{}", text(&out.stderr));
}

#[test]
fn reminders_list_the_demo_s_overdue_actions() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = bestuursmap(&db, &["reminders", "--json", "--on", "2021-01-05"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 2, "{list:#?}");
    for r in &list {
        assert_eq!(r["kind"], "actie");
        assert_eq!(r["overdue"], true);
        assert_eq!(r["when_text"], "5 dagen over de termijn");
        assert!(r["subject"].as_str().unwrap().starts_with("actie:"));
    }
    // Today (long after the demo's 2020): the actions and the April 2021 commitment, as text.
    let out = bestuursmap(&db, &["reminders"]);
    assert!(out.status.success());
    let shown = text(&out.stdout);
    assert!(shown.contains("Herziene meerjarenbegroting 2021-2024"), "{shown}");
    assert!(shown.contains("Toezegging") && shown.contains("over de termijn"), "{shown}");
    // The day before the AB of 12 November 2020.
    let out = bestuursmap(&db, &["reminders", "--on", "2020-11-11"]);
    assert!(text(&out.stdout).contains("Vergadering morgen"), "{}", text(&out.stdout));
    // A wrong date is a usage error in Dutch.
    let out = bestuursmap(&db, &["reminders", "--on", "11-11-2020"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("geen geldige waarde"), "{}", text(&out.stderr));
}

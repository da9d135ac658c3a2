//! The iCalendar files (issue #19), read back by a real iCalendar parser: python3-icalendar
//! (Debian package, installed by scripts/common.sh), a different producer's reader than ours.

use bestuursmap_core::calendar::CalendarScope;
use bestuursmap_core::domain::{Confidentiality, ItemKind, MeetingStatus};
use bestuursmap_core::meetings::{MeetingUpdate, NewAgendaItem};
use bestuursmap_core::{demo, Store};
use bestuursmap_export::calendar::{to_ics, write_calendar};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// Parses the file with python3-icalendar and returns what it read: the VTIMEZONE ids and per
/// event its properties, the start as ISO with its UTC offset, and the TZID parameter.
fn parse(path: &Path) -> Value {
    const SCRIPT: &str = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = []
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    events.append({
        'uid': str(ev['UID']),
        'sequence': int(ev['SEQUENCE']),
        'status': str(ev['STATUS']),
        'summary': str(ev['SUMMARY']),
        'description': str(ev['DESCRIPTION']),
        'location': str(ev['LOCATION']) if 'LOCATION' in ev else None,
        'tzid': ev['DTSTART'].params.get('TZID'),
        'start': start.isoformat(),
        'utc_offset_hours': start.utcoffset().total_seconds() / 3600,
        'dtstamp': ev.decoded('DTSTAMP').isoformat(),
    })
print(json.dumps({
    'version': str(cal['VERSION']),
    'name': str(cal.get('X-WR-CALNAME')),
    'timezones': [str(tz['TZID']) for tz in cal.walk('VTIMEZONE')],
    'events': events,
}))
"#;
    // The Debian package is importable by the system's Python, not by one from pyenv or a venv.
    let out = Command::new("/usr/bin/python3").arg("-c").arg(SCRIPT).arg(path).output().expect("python3 runs");
    assert!(
        out.status.success(),
        "python3-icalendar could not read {} (apt install python3-icalendar; scripts/common.sh does):\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the parser")
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    store
}

fn ab(store: &Store) -> (i64, i64, i64) {
    let body = store.body_by_code("AB").unwrap().id;
    let mut ms: Vec<_> = store.meetings().unwrap().into_iter().filter(|m| m.body_code == "AB").collect();
    ms.sort_by_key(|m| m.starts_at);
    (body, ms[0].id, ms[1].id)
}

fn event<'a>(parsed: &'a Value, uid: &str) -> &'a Value {
    parsed["events"].as_array().unwrap().iter().find(|e| e["uid"] == uid).expect("event by uid")
}

#[test]
fn a_body_calendar_parses_with_its_time_zone_and_stable_uids() {
    let mut store = demo_store();
    let (body, november, december) = ab(&store);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ab.ics");
    let report = write_calendar(&store, CalendarScope::Body(body), &file).unwrap();
    assert_eq!(report.events, 2);
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    // Lines end in CRLF and are at most 75 octets (RFC 5545 3.1).
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'));
    }
    let parsed = parse(&file);
    assert_eq!(parsed["version"], "2.0");
    assert_eq!(parsed["name"], "Vergaderingen AB");
    assert_eq!(parsed["timezones"], serde_json::json!(["Europe/Amsterdam"]));
    let events = parsed["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    let first = &events[0];
    assert_eq!(first["tzid"], "Europe/Amsterdam");
    assert_eq!(first["start"].as_str().unwrap()[..19], *"2020-11-12T19:30:00");
    assert_eq!(first["utc_offset_hours"], 1.0, "November is winter time (CET)");
    assert_eq!(first["status"], "CONFIRMED");
    assert_eq!(events[1]["status"], "TENTATIVE", "the December agenda is a concept");
    // Escaped text comes back as written: the «DG&J», commas and the agenda's line breaks.
    let description = first["description"].as_str().unwrap();
    assert!(description.starts_with("Algemeen Bestuur"), "{description}");
    assert!(description.contains("\nAgenda (openbare punten):\n1. "), "{description}");
    assert!(description.contains("Tweede bestuursrapportage 2020 van de SOJ"));

    // Exported again without a change: the same bytes (uids, sequences and stamps from the store).
    let again = dir.path().join("ab-opnieuw.ics");
    write_calendar(&store, CalendarScope::Body(body), &again).unwrap();
    assert_eq!(std::fs::read(&again).unwrap(), bytes);

    // One meeting's file has the same uid as in the body's calendar, so importing both gives one event.
    let one = dir.path().join("een.ics");
    write_calendar(&store, CalendarScope::Meeting(november), &one).unwrap();
    let single = parse(&one);
    assert_eq!(single["events"][0]["uid"], first["uid"]);

    // A change raises the SEQUENCE under the same UID; calling off makes it CANCELLED.
    let uid = first["uid"].as_str().unwrap().to_string();
    let d = store.meeting(november).unwrap();
    store
        .update_meeting(
            november,
            &MeetingUpdate {
                title: d.meeting.title.clone(),
                starts_at: d.meeting.starts_at + chrono::Duration::minutes(30),
                ends_at: d.meeting.ends_at.map(|e| e + chrono::Duration::minutes(30)),
                location: Some("Stadskantoor; zaal 2, Dordrecht".into()),
                chair_id: d.chair_id,
                secretary_id: d.secretary_id,
            },
        )
        .unwrap();
    let december_uid = event(&parsed, events[1]["uid"].as_str().unwrap())["uid"].as_str().unwrap().to_string();
    let december_sequence = event(&parsed, &december_uid)["sequence"].as_i64().unwrap();
    store.set_meeting_status(december, MeetingStatus::Afgelast).unwrap();
    write_calendar(&store, CalendarScope::Body(body), &file).unwrap();
    let changed = parse(&file);
    let moved = event(&changed, &uid);
    assert!(moved["sequence"].as_i64() > first["sequence"].as_i64());
    assert_eq!(moved["start"].as_str().unwrap()[..19], *"2020-11-12T20:00:00");
    assert_eq!(moved["location"], "Stadskantoor; zaal 2, Dordrecht", "semicolon and comma escaped and read back");
    let cancelled = event(&changed, &december_uid);
    assert_eq!(cancelled["status"], "CANCELLED");
    assert!(cancelled["sequence"].as_i64().unwrap() > december_sequence);
}

#[test]
fn summer_meetings_are_in_summer_time_and_long_titles_fold_without_breaking_characters() {
    let mut store = demo_store();
    let bot = store.meetings().unwrap().into_iter().find(|m| m.body_code == "BOT").unwrap().id;
    let long =
        "Één lange titel met ë, ü en «aanhalingstekens» die zeker langer is dan vijfenzeventig octetten — en nog wat";
    store.add_agenda_item(bot, &NewAgendaItem::new(long, ItemKind::TerBespreking)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bot.ics");
    write_calendar(&store, CalendarScope::Meeting(bot), &file).unwrap();
    let parsed = parse(&file);
    let e = &parsed["events"][0];
    assert_eq!(e["start"].as_str().unwrap()[..19], *"2020-09-24T15:00:00");
    assert_eq!(e["utc_offset_hours"], 2.0, "September is summer time (CEST)");
    assert!(e["description"].as_str().unwrap().contains(long), "folded and unfolded intact");
    assert!(e["description"].as_str().unwrap().contains("Niet besluitvormend."));
}

#[test]
fn the_shared_calendar_has_no_confidential_titles() {
    let mut store = demo_store();
    let (body, november, _) = ab(&store);
    for (title, confidentiality) in [
        ("Geheime kwestie: vertrouwelijk dossier", Confidentiality::Vertrouwelijk),
        ("Besloten bespreking: onderhandelingen", Confidentiality::Besloten),
    ] {
        store
            .add_agenda_item(
                november,
                &NewAgendaItem { confidentiality, ..NewAgendaItem::new(title, ItemKind::TerBespreking) },
            )
            .unwrap();
    }
    let feed = store.calendar(CalendarScope::Body(body)).unwrap();
    let text = to_ics(&feed);
    for hidden in ["Geheime kwestie", "Besloten bespreking", "onderhandelingen"] {
        assert!(!text.contains(hidden), "{hidden} in the ICS");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ab.ics");
    write_calendar(&store, CalendarScope::Body(body), &file).unwrap();
    let parsed = parse(&file);
    let all = parsed.to_string();
    assert!(!all.contains("Geheime kwestie") && !all.contains("Besloten bespreking"));
    assert!(all.contains("Vertrouwelijke en besloten punten staan niet in deze agenda."));
}

#[test]
fn a_failed_write_leaves_no_file() {
    let store = demo_store();
    let (body, _, _) = ab(&store);
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("bestaat-niet").join("ab.ics");
    let err = write_calendar(&store, CalendarScope::Body(body), &missing).unwrap_err();
    assert!(err.to_string().starts_with("Kan "), "{err}");
    assert!(!missing.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing half-written beside it");
}

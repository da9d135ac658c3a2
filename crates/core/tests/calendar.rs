//! Calendars of meetings (issue #19), through the store on the demo data: stable uids, the
//! calendar revision (SEQUENCE) kept by the store, called-off meetings, public agendas only, and
//! the person calendar that follows membership dates. The ICS text is tested in crates/export.

use bestuursmap_core::calendar::{CalendarScope, EventStatus};
use bestuursmap_core::domain::{Confidentiality, ItemKind, MeetingStatus};
use bestuursmap_core::meetings::{ItemUpdate, MeetingUpdate, NewAgendaItem};
use bestuursmap_core::publication::{PublicationOptions, PublicationScope};
use bestuursmap_core::store::Passphrase;
use bestuursmap_core::{demo, CoreError, OpenMode, Store};
use chrono::NaiveDate;

const PASSPHRASE: &str = "proef-wachtwoordzin-agenda";

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    store
}

fn ab_meetings(store: &Store) -> Vec<i64> {
    let mut ids: Vec<_> = store.meetings().unwrap().into_iter().filter(|m| m.body_code == "AB").collect();
    ids.sort_by_key(|m| m.starts_at);
    ids.into_iter().map(|m| m.id).collect()
}

fn sequence_of(store: &Store, meeting: i64) -> i64 {
    store.calendar(CalendarScope::Meeting(meeting)).unwrap().events[0].sequence
}

fn update_of(store: &Store, meeting: i64) -> MeetingUpdate {
    let d = store.meeting(meeting).unwrap();
    MeetingUpdate {
        title: d.meeting.title.clone(),
        starts_at: d.meeting.starts_at,
        ends_at: d.meeting.ends_at,
        location: d.meeting.location.clone(),
        chair_id: d.chair_id,
        secretary_id: d.secretary_id,
    }
}

#[test]
fn uids_are_stable_and_the_sequence_rises_only_with_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.db");
    let passphrase = Passphrase::new(PASSPHRASE).unwrap();
    let (ab, first) = {
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &passphrase).unwrap();
        demo::load(&mut store).unwrap();
        let ab = ab_meetings(&store)[0];
        (ab, store.calendar(CalendarScope::Body(store.body_by_code("AB").unwrap().id)).unwrap())
    };
    assert_eq!(first.events.len(), 2, "the demo has two AB meetings");
    for e in &first.events {
        assert!(e.uid.ends_with("@bestuursmap.dgj-zhz.nl"), "{}", e.uid);
        assert!(e.uid.len() > 40, "from the meeting's random uid, not a row id: {}", e.uid);
    }

    // Reopened (a restart): the same uids, sequences and stamps; nothing changed, nothing moved.
    let mut store = Store::open(&path, OpenMode::MustExist, &passphrase).unwrap();
    let body = store.body_by_code("AB").unwrap().id;
    let again = store.calendar(CalendarScope::Body(body)).unwrap();
    assert_eq!(again, first);

    // Saving the same values is no change.
    let before = sequence_of(&store, ab);
    store.update_meeting(ab, &update_of(&store, ab)).unwrap();
    assert_eq!(sequence_of(&store, ab), before);

    // A new place is.
    let mut update = update_of(&store, ab);
    update.location = Some("Gemeentehuis Dordrecht, raadzaal".into());
    store.update_meeting(ab, &update).unwrap();
    let moved = store.calendar(CalendarScope::Meeting(ab)).unwrap().events.remove(0);
    assert_eq!(moved.sequence, before + 1);
    assert_eq!(moved.uid, first.events[0].uid, "a change keeps the uid");
    assert_eq!(moved.location.as_deref(), Some("Gemeentehuis Dordrecht, raadzaal"));

    // A new public agenda item changes the description: the sequence rises again and survives a restart.
    store.add_agenda_item(ab, &NewAgendaItem::new("Extra punt: jaarplanning 2021", ItemKind::TerInformatie)).unwrap();
    let after_item = sequence_of(&store, ab);
    assert!(after_item > before + 1);
    drop(store);
    let store = Store::open(&path, OpenMode::MustExist, &passphrase).unwrap();
    assert_eq!(sequence_of(&store, ab), after_item);
    assert!(store.calendar(CalendarScope::Meeting(ab)).unwrap().events[0]
        .description
        .contains("Extra punt: jaarplanning 2021"));
}

#[test]
fn a_re_issued_meeting_gets_a_higher_sequence() {
    let mut store = demo_store();
    let december = ab_meetings(&store)[1];
    store.set_meeting_status(december, MeetingStatus::Gepubliceerd).unwrap();
    let published = sequence_of(&store, december);
    let event = &store.calendar(CalendarScope::Meeting(december)).unwrap().events[0];
    assert_eq!(event.status, EventStatus::Confirmed);
    // Back to concept and published again: a re-issue.
    store.set_meeting_status(december, MeetingStatus::Concept).unwrap();
    store.set_meeting_status(december, MeetingStatus::Gepubliceerd).unwrap();
    assert_eq!(sequence_of(&store, december), published + 2);
    // Exporting a meeting bundle is a new issue too.
    let dir = tempfile::tempdir().unwrap();
    store.export_bundle(december, "Secretariaat", &dir.path().join("ab.bmap")).unwrap();
    assert_eq!(sequence_of(&store, december), published + 3);
}

#[test]
fn a_called_off_meeting_is_cancelled_and_can_be_revived() {
    let mut store = demo_store();
    let [november, december] = ab_meetings(&store)[..] else { panic!("two AB meetings") };
    // A meeting that took place cannot be called off.
    let err = store.set_meeting_status(november, MeetingStatus::Afgelast).unwrap_err();
    assert!(matches!(err, CoreError::Rule(_)), "{err}");

    let concept = store.meeting_summary(december).unwrap();
    assert!(concept.next_statuses.iter().any(|m| m.status == MeetingStatus::Afgelast));
    let before = sequence_of(&store, december);
    store.set_meeting_status(december, MeetingStatus::Afgelast).unwrap();
    let event = store.calendar(CalendarScope::Meeting(december)).unwrap().events.remove(0);
    assert_eq!(event.status, EventStatus::Cancelled);
    assert!(event.sequence > before);
    assert!(event.description.contains("afgelast"), "{}", event.description);
    // Called off while still a concept: its agenda was never public and stays out of the
    // calendar and out of a publication, even with demo data published.
    let titles: Vec<String> = store.meeting(december).unwrap().items.iter().map(|i| i.title.clone()).collect();
    assert!(!titles.is_empty());
    for title in &titles {
        assert!(!event.description.contains(title.as_str()), "{title} in {}", event.description);
    }
    let options = PublicationOptions { include_concept: false, include_demo: true };
    let published = store.publication(&PublicationScope::Meeting { meeting_id: december }, options).unwrap();
    assert!(published.meetings.iter().all(|m| m.items.is_empty()), "no agenda of a called-off meeting");
    // It stays in the body's calendar, cancelled, so calendar programs remove it.
    let body = store.body_by_code("AB").unwrap().id;
    let feed = store.calendar(CalendarScope::Body(body)).unwrap();
    assert_eq!(feed.events.iter().filter(|e| e.status == EventStatus::Cancelled).count(), 1);

    store.set_meeting_status(december, MeetingStatus::Concept).unwrap();
    let revived = store.calendar(CalendarScope::Meeting(december)).unwrap().events.remove(0);
    assert_eq!(revived.status, EventStatus::Tentative);
    assert!(revived.sequence > event.sequence);
}

#[test]
fn confidential_items_and_their_sub_items_never_reach_a_calendar() {
    let mut store = demo_store();
    let november = ab_meetings(&store)[0];
    let secret = store
        .add_agenda_item(
            november,
            &NewAgendaItem {
                confidentiality: Confidentiality::Vertrouwelijk,
                ..NewAgendaItem::new("Personele kwestie directeur SOJ", ItemKind::TerBespreking)
            },
        )
        .unwrap();
    store
        .add_agenda_item(
            november,
            &NewAgendaItem {
                parent_id: Some(secret),
                ..NewAgendaItem::new("Onderhandelingsruimte", ItemKind::TerBespreking)
            },
        )
        .unwrap();
    let closed = store
        .add_agenda_item(november, &NewAgendaItem::new("Aanbesteding jeugdhulp", ItemKind::TerBespreking))
        .unwrap();
    let detail = store.meeting(november).unwrap();
    let item = detail.items.iter().find(|i| i.id == closed).unwrap();
    let before = sequence_of(&store, november);
    store
        .update_agenda_item(
            closed,
            &ItemUpdate {
                title: item.title.clone(),
                kind: item.kind,
                level: item.level,
                portefeuillehouder_id: item.portefeuillehouder_id,
                confidentiality: Confidentiality::Besloten,
                proposal_md: item.proposal_md.clone(),
                decision_points: item.decision_points.clone(),
                dossier_id: item.dossier_id,
            },
        )
        .unwrap();
    assert!(sequence_of(&store, november) > before, "making an item besloten changes the public agenda");

    let people: Vec<i64> = store.persons().unwrap().into_iter().map(|p| p.id).collect();
    let body = store.body_by_code("AB").unwrap().id;
    let mut scopes = vec![CalendarScope::Meeting(november), CalendarScope::Body(body)];
    scopes.extend(people.into_iter().map(CalendarScope::Person));
    for scope in scopes {
        for event in store.calendar(scope).unwrap().events {
            for hidden in ["Personele kwestie", "Onderhandelingsruimte", "Aanbesteding jeugdhulp"] {
                assert!(!event.description.contains(hidden), "{hidden} in {scope:?}: {}", event.description);
                assert!(!event.summary.contains(hidden));
            }
        }
    }
    let event = store.calendar(CalendarScope::Meeting(november)).unwrap().events.remove(0);
    assert!(event.description.contains("Vertrouwelijke en besloten punten staan niet in deze agenda."));
    assert!(event.description.contains("Tweede bestuursrapportage 2020 van de SOJ"), "public items stay");
}

#[test]
fn the_person_calendar_follows_membership_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leden.db");
    let passphrase = Passphrase::new(PASSPHRASE).unwrap();
    let alderman = {
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &passphrase).unwrap();
        demo::load(&mut store).unwrap();
        store.persons().unwrap().into_iter().find(|p| p.name == "Wethouder Dordrecht (demo)").unwrap().id
    };
    // A stand-in who sits in the AB for November 2020 only (memberships have no editing API yet,
    // so the row is written as the reference data import writes it).
    let stand_in = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", PASSPHRASE).unwrap();
        conn.execute("INSERT INTO person (name, is_demo) VALUES ('Waarnemend wethouder (test)', 1)", []).unwrap();
        let id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO membership (person_id, body_id, role, valid_from, valid_until)
             SELECT ?1, id, 'portefeuillehouder', '2020-11-01', '2020-11-30' FROM body WHERE code = 'AB'",
            [id],
        )
        .unwrap();
        id
    };
    let store = Store::open(&path, OpenMode::MustExist, &passphrase).unwrap();
    let days = |person: i64| -> Vec<(String, NaiveDate)> {
        store
            .calendar(CalendarScope::Person(person))
            .unwrap()
            .events
            .into_iter()
            .map(|e| (e.summary, e.starts_at.date()))
            .collect()
    };
    let d = |m, day| NaiveDate::from_ymd_opt(2020, m, day).unwrap();
    // The demo alderman sits in the AB and the BOT, not in the DB or the Netwerk-MTplus.
    let theirs: Vec<NaiveDate> = days(alderman).into_iter().map(|(_, day)| day).collect();
    assert_eq!(theirs, [d(9, 24), d(11, 12), d(12, 17)]);
    // The stand-in only gets the AB meeting inside the membership period.
    let stand_in_days: Vec<NaiveDate> = days(stand_in).into_iter().map(|(_, day)| day).collect();
    assert_eq!(stand_in_days, [d(11, 12)]);
    let feed = store.calendar(CalendarScope::Person(stand_in)).unwrap();
    assert_eq!(feed.name, "Vergaderingen Waarnemend wethouder (test)");
    assert_eq!(feed.file_stem, "vergaderingen-Waarnemend_wethouder_test");

    assert!(matches!(store.calendar(CalendarScope::Person(999_999)), Err(CoreError::NotFound { .. })));
    assert!(matches!(store.calendar(CalendarScope::Meeting(999_999)), Err(CoreError::NotFound { .. })));
}

/// A store written by the previous version (schema 8) with a meeting, its items, attendance and
/// an action: migration 010 rebuilds the meeting table without losing or cascading anything.
#[test]
fn the_meeting_table_rebuild_keeps_everything_of_an_older_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oud.db");
    let meeting_uid = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", PASSPHRASE).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        for sql in [
            include_str!("../migrations/001_reference.sql"),
            include_str!("../migrations/002_meetings.sql"),
            include_str!("../migrations/003_agenda_work.sql"),
            include_str!("../migrations/004_measures.sql"),
            include_str!("../migrations/005_search.sql"),
            include_str!("../migrations/006_zienswijzen.sql"),
            include_str!("../migrations/007_notes_and_bundles.sql"),
            include_str!("../migrations/008_search_contentless.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO organisation (id, code, name, kind) VALUES (1, 'DORDRECHT', 'Dordrecht', 'gemeente');
             INSERT INTO body (id, code, name, short_name, decision_power, holds_meetings)
                 VALUES (1, 'AB', 'Algemeen Bestuur', 'AB', 'besluitvormend', 1);
             INSERT INTO person (id, name) VALUES (1, 'Wethouder Dordrecht');
             INSERT INTO membership (person_id, body_id, role, represents_id, valid_from)
                 VALUES (1, 1, 'portefeuillehouder', 1, '2020-01-01');
             INSERT INTO meeting (id, body_id, title, starts_at, status, issue)
                 VALUES (7, 1, 'Algemeen Bestuur', '2020-11-12T19:30:00', 'gepubliceerd', 2);
             INSERT INTO agenda_item (id, meeting_id, position, title, kind) VALUES (70, 7, 1, 'Opening', 'hamerstuk');
             INSERT INTO agenda_item (id, meeting_id, parent_id, position, title, kind)
                 VALUES (71, 7, 70, 1, 'Mededelingen', 'ter_informatie');
             INSERT INTO attendance (meeting_id, person_id, represents_id, presence) VALUES (7, 1, 1, 'aanwezig');
             INSERT INTO action_item (agenda_item_id, description, due_date) VALUES (70, 'Notulen rondsturen', '2020-11-19');
             PRAGMA user_version = 8;",
        )
        .unwrap();
        conn.query_row("SELECT uid FROM meeting WHERE id = 7", [], |r| r.get::<_, String>(0)).unwrap()
    };
    let passphrase = Passphrase::new(PASSPHRASE).unwrap();
    let mut store = Store::open(&path, OpenMode::MustExist, &passphrase).unwrap();
    assert_eq!(store.schema_version().unwrap(), bestuursmap_core::store::latest_schema_version());
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems());
    let meeting = store.meeting(7).unwrap();
    assert_eq!(meeting.items.len(), 2, "nothing cascaded away");
    assert_eq!(meeting.attendance.len(), 1);
    assert_eq!(meeting.actions.len(), 1);
    assert_eq!(store.meeting_issue(7).unwrap().0, 2);
    let event = store.calendar(CalendarScope::Meeting(7)).unwrap().events.remove(0);
    assert_eq!(event.uid, format!("{meeting_uid}@bestuursmap.dgj-zhz.nl"), "the uid is kept");
    assert_eq!(event.sequence, 0);
    // The new status and the triggers work on the rebuilt table; deleting still cascades.
    store.set_meeting_status(7, MeetingStatus::Afgelast).unwrap();
    assert_eq!(sequence_of(&store, 7), 1);
    store.delete_agenda_item(70).unwrap();
    assert!(store.meeting(7).unwrap().items.is_empty(), "the sub-item went with its parent");
    assert!(store.search("Opening", &Default::default(), 5).unwrap().is_empty(), "the search index followed");
}

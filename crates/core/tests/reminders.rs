//! «Wat komt eraan» (issue #19): the reminder rule at the edges of its 7-day window, overdue
//! actions, once-per-day notification and kinds turned off, on the demo data in a real store.

use bestuursmap_core::actions::NewAction;
use bestuursmap_core::domain::{ActionStatus, ReminderKind};
use bestuursmap_core::reminders::{notification_text, when_text, WINDOW_DAYS};
use bestuursmap_core::store::Passphrase;
use bestuursmap_core::zienswijzen::NewProcedure;
use bestuursmap_core::{demo, OpenMode, Store};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    store
}

fn subjects_of(store: &Store, today: NaiveDate, kind: ReminderKind) -> Vec<String> {
    store.reminders(today).unwrap().into_iter().filter(|r| r.kind == kind).map(|r| r.title).collect()
}

#[test]
fn the_demo_s_open_actions_are_overdue_after_new_year() {
    let store = demo_store();
    let list = store.reminders(d(2021, 1, 5)).unwrap();
    let overdue: Vec<_> = list.iter().filter(|r| r.overdue).collect();
    assert_eq!(overdue.len(), 2, "{list:#?}");
    for r in &overdue {
        assert_eq!(r.kind, ReminderKind::Actie);
        assert_eq!(r.date, d(2020, 12, 31));
        assert_eq!(r.days, -5);
        assert_eq!(r.when_text, "5 dagen over de termijn");
        assert!(r.action_id.is_some() && r.meeting_id.is_some(), "links to where it was agreed: {r:?}");
        assert!(r.subject.starts_with("actie:"));
    }
    assert!(overdue.iter().any(|r| r.title.contains("Herziene meerjarenbegroting 2021-2024")));
    // The commitment «vóór 15 april 2021» is months away: not yet.
    assert!(list.iter().all(|r| r.kind != ReminderKind::Toezegging));
}

#[test]
fn the_window_is_seven_days_ahead_and_a_done_action_is_no_reminder() {
    let mut store = demo_store();
    let due = d(2021, 4, 14); // the demo's commitment «vóór 15 april 2021»
    assert_eq!(WINDOW_DAYS, 7);
    assert!(subjects_of(&store, due - chrono::Duration::days(8), ReminderKind::Toezegging).is_empty());
    let a_week_before = store.reminders(due - chrono::Duration::days(7)).unwrap();
    let commitment = a_week_before.iter().find(|r| r.kind == ReminderKind::Toezegging).expect("7 days ahead");
    assert_eq!((commitment.days, commitment.overdue, commitment.when_text.as_str()), (7, false, "over 7 dagen"));
    let on_the_day = store.reminders(due).unwrap();
    let commitment = on_the_day.iter().find(|r| r.kind == ReminderKind::Toezegging).unwrap();
    assert_eq!((commitment.days, commitment.overdue, commitment.when_text.as_str()), (0, false, "vandaag"));
    let day_after = store.reminders(due + chrono::Duration::days(1)).unwrap();
    let commitment = day_after.iter().find(|r| r.kind == ReminderKind::Toezegging).unwrap();
    assert!(commitment.overdue);
    assert_eq!(commitment.when_text, "1 dag over de termijn");

    // Done (or dropped) is no longer a reminder; an action without a date never is.
    let id = commitment.action_id.unwrap();
    store.set_action_status(id, ActionStatus::Afgerond).unwrap();
    assert!(subjects_of(&store, due + chrono::Duration::days(1), ReminderKind::Toezegging).is_empty());
    store
        .add_action(&NewAction {
            agenda_item_id: None,
            description: "Zonder datum".into(),
            organisation_id: None,
            role: None,
            due_date: None,
            is_commitment: false,
            demo_note: None,
        })
        .unwrap();
    assert!(store.reminders(d(2021, 1, 5)).unwrap().iter().all(|r| r.title != "Zonder datum"));
}

#[test]
fn zienswijze_deadlines_and_tomorrow_s_meetings() {
    let mut store = demo_store();
    let id = store
        .add_procedure(&NewProcedure {
            title: "Begrotingswijziging 2021 (test)".into(),
            subject: "de begrotingswijziging".into(),
            documents: None,
            sent_on: d(2021, 1, 4),
            period_weeks: 8,
            agenda_item_id: None,
            demo_note: None,
        })
        .unwrap();
    let deadline = store.procedures().unwrap().into_iter().find(|p| p.id == id).unwrap().deadline;
    let mine = |today: NaiveDate| -> Vec<i64> {
        store
            .reminders(today)
            .unwrap()
            .into_iter()
            .filter(|r| r.kind == ReminderKind::ZienswijzeTermijn)
            .filter_map(|r| r.procedure_id)
            .collect()
    };
    assert!(mine(deadline - chrono::Duration::days(8)).is_empty());
    assert_eq!(mine(deadline - chrono::Duration::days(7)), [id]);
    assert_eq!(mine(deadline), [id]);
    assert!(mine(deadline + chrono::Duration::days(1)).is_empty(), "a passed deadline is not announced");

    // The AB of 12 November 2020, the day before; not on the day itself, nor two days before.
    let tomorrow = store.reminders(d(2020, 11, 11)).unwrap();
    let meeting = tomorrow.iter().find(|r| r.kind == ReminderKind::VergaderingMorgen).expect("the AB");
    assert!(meeting.title.starts_with("AB: "), "{}", meeting.title);
    assert_eq!(meeting.when_text, "morgen");
    assert!(meeting.detail.as_deref().unwrap().starts_with("19:30 uur"));
    assert!(meeting.meeting_id.is_some());
    assert!(meeting.subject.starts_with("vergadering:") && meeting.subject.len() > 20, "by uid: {}", meeting.subject);
    assert!(subjects_of(&store, d(2020, 11, 12), ReminderKind::VergaderingMorgen).is_empty());
    assert!(subjects_of(&store, d(2020, 11, 10), ReminderKind::VergaderingMorgen).is_empty());
}

#[test]
fn notifications_come_once_per_day_per_subject_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herinner.db");
    let passphrase = Passphrase::new("proef-wachtwoordzin-herinner").unwrap();
    let today = d(2021, 1, 5);
    {
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &passphrase).unwrap();
        demo::load(&mut store).unwrap();
        let first = store.reminders_to_notify(today).unwrap();
        assert_eq!(first.len(), 2);
        assert!(store.reminders_to_notify(today).unwrap().is_empty(), "not again on the same day");
    }
    // A new start the same day: still nothing; the list itself still shows them.
    let mut store = Store::open(&path, OpenMode::MustExist, &passphrase).unwrap();
    assert!(store.reminders_to_notify(today).unwrap().is_empty());
    assert_eq!(store.reminders(today).unwrap().len(), 2);
    // The next day they come once more.
    assert_eq!(store.reminders_to_notify(today.succ_opt().unwrap()).unwrap().len(), 2);
}

#[test]
fn a_kind_turned_off_is_neither_listed_nor_notified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("uit.db");
    let passphrase = Passphrase::new("proef-wachtwoordzin-herinner").unwrap();
    let today = d(2021, 1, 5);
    {
        let mut store = Store::open(&path, OpenMode::CreateIfMissing, &passphrase).unwrap();
        demo::load(&mut store).unwrap();
        assert!(store.reminder_settings().unwrap().iter().all(|s| s.enabled), "all on by default");
        store.set_reminder_kind(ReminderKind::Actie, false).unwrap();
    }
    let mut store = Store::open(&path, OpenMode::MustExist, &passphrase).unwrap();
    let settings = store.reminder_settings().unwrap();
    assert_eq!(settings.len(), ReminderKind::ALL.len());
    let actie = settings.iter().find(|s| s.kind == ReminderKind::Actie).unwrap();
    assert!(!actie.enabled, "kept in the store");
    assert_eq!(actie.label, "Acties");
    assert!(store.reminders(today).unwrap().is_empty());
    assert!(store.reminders_to_notify(today).unwrap().is_empty());
    // On again: listed, and notified (nothing was marked while it was off).
    store.set_reminder_kind(ReminderKind::Actie, true).unwrap();
    assert_eq!(store.reminders_to_notify(today).unwrap().len(), 2);
    // Meetings of tomorrow off: the AB of 12 November is not announced.
    store.set_reminder_kind(ReminderKind::VergaderingMorgen, false).unwrap();
    assert!(subjects_of(&store, d(2020, 11, 11), ReminderKind::VergaderingMorgen).is_empty());
}

#[test]
fn texts_for_people() {
    assert_eq!(when_text(0), "vandaag");
    assert_eq!(when_text(1), "morgen");
    assert_eq!(when_text(5), "over 5 dagen");
    assert_eq!(when_text(-1), "1 dag over de termijn");
    assert_eq!(when_text(-12), "12 dagen over de termijn");
    let store = demo_store();
    let list = store.reminders(d(2021, 1, 5)).unwrap();
    let (title, body) = notification_text(&list[..1]);
    assert_eq!(title, "Actie — 5 dagen over de termijn");
    assert_eq!(body, list[0].title);
    let (title, body) = notification_text(&list);
    assert_eq!(title, "Wat komt eraan: 2 punten, waarvan 2 over de termijn");
    assert!(body.starts_with("Acties: 2."), "{body}");
}

//! «Wat komt eraan» and «Agenda (.ics) opslaan» (issue #19) in the real app: the demo's overdue
//! actions are listed and link to where they were agreed, a kind can be turned off, the start
//! of the app announced today's reminders (once per day), and calendars are saved.

use bestuursmap_core::OpenMode;
use bestuursmap_e2e::App;

fn shown_titles(app: &App) -> Vec<String> {
    app.find_all("[data-testid=reminder-title]").iter().map(|t| t.text()).collect()
}

#[test]
fn wat_komt_eraan_shows_the_demo_s_overdue_actions() {
    let dir = tempfile::tempdir().unwrap();
    let path = bestuursmap_e2e::demo_database(dir.path());
    let app = App::start(&path);
    app.set_window_size(1024, 700);
    app.wait_for_all("[data-testid=meeting-link]", 5);
    // The start announces today's reminders a moment after the list is painted; the page marks
    // when that first round has returned (checked in the store at the end: once per day).
    let announced = (0..200).any(|_| {
        let marked = app.execute("return performance.getEntriesByName('reminders-notified').length > 0;", vec![]);
        if marked != serde_json::json!(true) {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        marked == serde_json::json!(true)
    });
    assert!(announced, "the first round of notifications never returned");

    // By keyboard, from the header.
    app.tab_to("[data-testid=nav-reminders]", 40);
    app.press(&["Enter"]);
    app.wait_for("[data-testid=reminders-overdue]");
    assert_eq!(app.title(), "Wat komt eraan — Bestuursmap");
    // The demo is of 2020: both actions agreed then and the commitment «vóór 15 april 2021» are overdue.
    let overdue = app.wait_for_all("[data-testid=reminders-overdue] [data-testid=reminder]", 3);
    assert_eq!(overdue.len(), 3);
    let titles = shown_titles(&app);
    assert!(titles.iter().any(|t| t.contains("Herziene meerjarenbegroting 2021-2024")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("gezamenlijke definitie van jeugdhulp")), "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("vóór 15 april 2021")), "{titles:?}");
    assert!(overdue[0].text().contains("dagen over de termijn"), "{}", overdue[0].text());
    app.screenshot("wat-komt-eraan-1024x700");
    let problems = app.layout_problems();
    assert!(problems.is_empty(), "{problems:#?}");
    app.set_window_size(1280, 800);
    let violations = app.axe_violations();
    assert!(violations.is_empty(), "{violations:#?}");

    // Turning actions off leaves the commitment; on again brings them back.
    app.wait_for("[data-testid=reminder-kind-actie]").click();
    app.wait_for_all("[data-testid=reminders-overdue] [data-testid=reminder]", 1);
    let remaining = app.find_all("[data-testid=reminders-overdue] [data-testid=reminder]");
    assert_eq!(remaining.len(), 1, "only the commitment");
    assert_eq!(remaining[0].attribute("data-kind").as_deref(), Some("toezegging"));
    app.wait_for("[data-testid=reminder-kind-actie]").click();
    app.wait_for_all("[data-testid=reminders-overdue] [data-testid=reminder]", 3);

    // Each entry leads to the meeting where it was agreed.
    // Found and clicked in one step in the page: the list re-renders when the switch's answer
    // arrives, which can replace an element between finding and clicking it.
    app.wait_for_text("[data-testid=reminder]", "Herziene meerjarenbegroting");
    app.execute(
        "[...document.querySelectorAll('[data-testid=reminder]')]
           .find((r) => r.textContent.includes(arguments[0]))
           .querySelector('[data-testid=reminder-open]').click();",
        vec![serde_json::json!("Herziene meerjarenbegroting")],
    );
    let heading = app.wait_for("[data-testid=meeting-title]").text();
    assert_eq!(heading, "Algemeen Bestuur DG&J");
    assert_eq!(app.title(), "AB 12 nov 2020 · Vergaderingen — Bestuursmap");

    // Asking again today finds nothing new: the start announced them (once per day).
    drop(app);
    let today = chrono::Local::now().date_naive();
    let mut store = bestuursmap_e2e::open_store(&path, OpenMode::MustExist);
    assert_eq!(store.reminders(today).unwrap().len(), 3);
    assert!(store.reminders_to_notify(today).unwrap().is_empty(), "the app already notified them today");
    // The setting was kept in the store, on again.
    assert!(store.reminder_settings().unwrap().iter().all(|s| s.enabled));
}

#[test]
fn calendars_are_saved_for_a_meeting_a_body_and_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("Documenten");
    std::fs::create_dir_all(&out).unwrap();
    let app = App::start_with_env(&bestuursmap_e2e::demo_database(dir.path()), &[("BESTUURSMAP_SAVE_DIR", &out)]);
    let ab = app.wait_for("[data-testid=body-group][data-body=AB]");
    ab.find_all("[data-testid=meeting-link]")[1].click();
    app.wait_for("[data-testid=save-calendar]").click();
    let path = app.wait_for("[data-testid=save-calendar-path]").text();
    assert!(path.ends_with("vergadering-AB-2020-11-12.ics"), "{path}");
    let ics = std::fs::read_to_string(&path).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(ics.contains("DTSTART;TZID=Europe/Amsterdam:20201112T193000"));
    app.screenshot("meeting-calendar-saved");

    app.wait_for("[data-testid=nav-reminders]").click();
    app.wait_for("[data-testid=calendar-body]").select_by_text("Algemeen Bestuur");
    app.wait_for("[data-testid=save-calendar-body]").click();
    let body_path = app.wait_for("[data-testid=save-calendar-body-path]").text();
    let body_ics = std::fs::read_to_string(&body_path).unwrap();
    assert_eq!(body_ics.matches("BEGIN:VEVENT").count(), 2);
    // The same meeting has the same UID in both files: importing both does not duplicate it.
    let uid = ics.lines().find(|l| l.starts_with("UID:")).unwrap();
    assert!(body_ics.contains(uid));

    app.wait_for("[data-testid=calendar-person]").select_by_text("Wethouder Dordrecht");
    app.wait_for("[data-testid=save-calendar-person]").click();
    let person_path = app.wait_for("[data-testid=save-calendar-person-path]").text();
    assert!(person_path.ends_with(".ics"), "{person_path}");
    let person_ics = std::fs::read_to_string(&person_path).unwrap();
    assert_eq!(person_ics.matches("BEGIN:VEVENT").count(), 3, "AB twice and the BOT");
    assert!(person_path.ends_with("vergaderingen-Wethouder_Dordrecht_demo.ics"), "{person_path}");
    app.screenshot("calendars-saved");

    // The December AB is called off in the app: saved again, it is CANCELLED with a higher SEQUENCE.
    let sequence = |ics: &str, uid: &str| -> i64 {
        let event = &ics[ics.find(uid).unwrap()..];
        let line = event.lines().find(|l| l.starts_with("SEQUENCE:")).unwrap();
        line["SEQUENCE:".len()..].trim().parse().unwrap()
    };
    let december_uid = body_ics.lines().filter(|l| l.starts_with("UID:")).find(|l| *l != uid).unwrap().to_string();
    let before = sequence(&body_ics, &december_uid);
    app.click_text(".top-nav .top-link", "Vergaderingen");
    app.wait_for("[data-testid=body-group][data-body=AB]").find_all("[data-testid=meeting-link]")[0].click();
    app.wait_for("[data-testid=status-afgelast]").click();
    app.wait_for_text("[data-testid=meeting-status]", "Afgelast");
    app.wait_for("[data-testid=save-calendar]").click();
    let path = app.wait_for("[data-testid=save-calendar-path]").text();
    let december = std::fs::read_to_string(&path).unwrap();
    assert!(december.contains(&december_uid), "the same UID");
    assert!(december.contains("STATUS:CANCELLED"), "{december}");
    assert!(sequence(&december, &december_uid) > before);
    app.screenshot("meeting-called-off");
}

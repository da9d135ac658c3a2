//! End-to-end: the real Bestuursmap binary under Xvfb, driven through tauri-driver.

use bestuursmap_core::{demo, OpenMode};
use bestuursmap_e2e::App;

#[test]
fn shows_meetings_by_body_and_opens_the_agenda_of_the_ab() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(&bestuursmap_e2e::demo_database(dir.path()));

    let groups = app.wait_for_all("[data-testid=body-group]", 4);
    assert_eq!(app.title(), "Kies een vergadering · Vergaderingen — Bestuursmap");
    let bodies: Vec<_> = groups.iter().map(|g| g.attribute("data-body").unwrap()).collect();
    assert_eq!(bodies, ["AB", "DB", "Netwerk-MTplus", "BOT"], "bodies in their fixed order");

    // Newest first within the AB: the concept meeting of December before the 12 November one.
    let ab_links = groups[0].find_all("[data-testid=meeting-link]");
    assert_eq!(ab_links.len(), 2);
    assert!(ab_links[0].text().contains("17 dec 2020"), "{}", ab_links[0].text());
    assert!(ab_links[1].text().contains("12 nov 2020"), "{}", ab_links[1].text());

    ab_links[1].click();
    app.wait_for_text("[data-testid=meeting-view]", "Agenda");
    let title = app.title();
    assert_eq!(title, "AB 12 nov 2020 · Vergaderingen — Bestuursmap");
    let titles: Vec<String> = app.wait_for_all("[data-testid=item-title]", 6).iter().map(|t| t.text()).collect();
    assert!(
        titles.iter().any(|t| t == "Begrotingswijziging 2020 bij de eerste bestuursrapportage 2020 van de SOJ"),
        "{titles:?}"
    );
    assert!(titles.iter().any(|t| t == "Tweede bestuursrapportage 2020 van de SOJ"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "Begrotingswijziging 2021 met meerjarenraming"), "{titles:?}");
    let numbers: Vec<String> = app.find_all("[data-testid=item-number]").iter().map(|n| n.text()).collect();
    assert_eq!(numbers, ["1", "2", "2a", "3", "4", "5"]);

    let decision = app.wait_for("[data-testid=item-decision]").text();
    assert!(decision.contains("ter hoogte van 6,6 miljoen"), "{decision}");
    assert!(decision.contains("de gemeente Alblasserdam tegen het voorstel heeft gestemd"), "{decision}");
    app.screenshot("ab-12-november-2020");
}

#[test]
fn a_bot_session_is_marked_not_decision_making() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(&bestuursmap_e2e::demo_database(dir.path()));
    let bot = app.wait_for("[data-testid=body-group][data-body=BOT]");
    assert!(bot.text().to_lowercase().contains("niet besluitvormend"), "{}", bot.text());
    bot.find_all("[data-testid=meeting-link]")[0].click();
    let banner = app.wait_for("[data-testid=not-deciding]").text();
    assert!(banner.contains("Niet besluitvormend"), "{banner}");
    let outcomes: Vec<String> = app.find_all("[data-testid=item-outcome]").iter().map(|o| o.text()).collect();
    assert!(!outcomes.iter().any(|o| o == "Aangenomen" || o == "Verworpen"), "BOT records no decisions: {outcomes:?}");
}

#[test]
fn the_first_start_asks_for_a_passphrase_and_fills_the_new_encrypted_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nieuw.db");
    let app = App::start_locked(&path, &[]);
    app.wait_for("[data-testid=unlock-repeat]");
    app.wait_for("[data-testid=unlock-passphrase]").set_value("kort");
    app.wait_for("[data-testid=unlock-repeat]").set_value("kort");
    app.wait_for("[data-testid=unlock-submit]").click();
    app.wait_for_text("[data-testid=error]", "minstens 8 tekens");
    assert!(!path.exists() || std::fs::metadata(&path).unwrap().len() == 0, "nothing written yet");
    app.wait_for("[data-testid=unlock-passphrase]").set_value(bestuursmap_e2e::PASSPHRASE);
    app.wait_for("[data-testid=unlock-repeat]").set_value(bestuursmap_e2e::PASSPHRASE);
    app.wait_for("[data-testid=unlock-submit]").click();
    assert_eq!(app.wait_for_all("[data-testid=meeting-link]", 5).len(), 5, "the demo data on first start");
    drop(app);
    let store = bestuursmap_e2e::open_store(&path, OpenMode::MustExist);
    assert!(demo::loaded_at(&store).unwrap().is_some());
}

#[test]
fn an_empty_store_offers_the_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leeg.db");
    drop(bestuursmap_e2e::open_store(&path, OpenMode::CreateIfMissing));
    let app = App::start(&path);
    let button = app.wait_for("[data-testid=load-demo]");
    assert!(app.find_all("[data-testid=meeting-link]").is_empty());
    app.screenshot("welcome");
    button.click();
    let links = app.wait_for_all("[data-testid=meeting-link]", 5);
    assert_eq!(links.len(), 5);
    drop(app);
    // The app wrote to the real file.
    let store = bestuursmap_e2e::open_store(&path, OpenMode::MustExist);
    assert!(demo::loaded_at(&store).unwrap().is_some());
}

#[test]
fn exports_the_briefing_pack_of_a_meeting() {
    let dir = tempfile::tempdir().unwrap();
    // Where the save dialog would put it: under WebDriver the test path chooses the folder.
    let out = dir.path().join("Documenten");
    std::fs::create_dir_all(&out).unwrap();
    let app = App::start_with_env(&bestuursmap_e2e::demo_database(dir.path()), &[("BESTUURSMAP_SAVE_DIR", &out)]);
    let ab = app.wait_for("[data-testid=body-group][data-body=AB]");
    ab.find_all("[data-testid=meeting-link]")[1].click();
    app.wait_for("[data-testid=open-pack]").click();
    app.wait_for("[data-testid=export-pack]").click();
    let path = app.wait_for("[data-testid=pack-path]").text();
    assert!(path.starts_with(out.to_str().unwrap()), "{path}");
    assert!(path.ends_with("vergaderstukken-AB-2020-11-12.pdf"), "{path}");
    let check = std::process::Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
    assert!(check.status.success());
    let text = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Tweede bestuursrapportage 2020 van de SOJ"));
    app.screenshot("pack-exported");
}

//! End-to-end: «Publiceren (Woo)» in the real app writes the public part of the AB meetings of
//! 2020 as a folder, and every generated page passes axe-core (WCAG 2.0/2.1 A and AA) in WebKit,
//! the engine of the app, opened from the folder as a visitor of the website would.

use bestuursmap_core::domain::{Confidentiality, ItemKind};
use bestuursmap_core::meetings::NewAgendaItem;
use bestuursmap_core::{demo, OpenMode};
use bestuursmap_e2e::App;
use std::path::{Path, PathBuf};

/// The demo with a vertrouwelijk item and its attachment on the AB of 12 November 2020, and a
/// public attachment on the budget item.
fn database(dir: &Path) -> PathBuf {
    let path = dir.join("bestuursmap.db");
    let mut store = bestuursmap_e2e::open_store(&path, OpenMode::CreateIfMissing);
    demo::load(&mut store).unwrap();
    let ab =
        store.meetings().unwrap().into_iter().find(|m| m.starts_at.to_string().starts_with("2020-11-12")).unwrap().id;
    let detail = store.meeting(ab).unwrap();
    let budget = detail.items.iter().find(|i| i.title.starts_with("Begrotingswijziging 2020")).unwrap().id;
    store.add_attachment(budget, "Nota van reactie 2020.txt", "Openbare nota van reactie.".as_bytes(), None).unwrap();
    let mut secret = NewAgendaItem::new("Geheim personeelsdossier", ItemKind::TerBesluitvorming);
    secret.confidentiality = Confidentiality::Vertrouwelijk;
    let secret = store.add_agenda_item(ab, &secret).unwrap();
    store.add_attachment(secret, "geheim.txt", b"GEHEIME-INHOUD", None).unwrap();
    path
}

fn html_pages(root: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn publishes_from_the_app_and_every_page_passes_axe() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("Documenten");
    std::fs::create_dir_all(&out).unwrap();
    let app = App::start_with_env(&database(dir.path()), &[("BESTUURSMAP_SAVE_DIR", &out)]);
    let ab = app.wait_for("[data-testid=body-group][data-body=AB]");
    ab.find_all("[data-testid=meeting-link]")[1].click();
    app.wait_for("[data-testid=open-publish]").click();
    app.wait_for("[data-testid=publish-panel]");
    let violations = app.axe_violations();
    assert!(violations.is_empty(), "the panel: {violations:#?}");
    app.wait_for("[data-testid=publish-year]").click();
    app.wait_for("[data-testid=publish-demo]").click();
    app.wait_for("[data-testid=publish-start]").click();
    let index = app.wait_for("[data-testid=publish-index]").text();
    let summary = app.wait_for("[data-testid=publish-summary]").text();
    app.screenshot("publication-done");
    drop(app);

    let folder = out.join("publicatie-ab-2020");
    assert_eq!(index, folder.join("index.html").display().to_string());
    assert!(summary.contains("1 vergadering"), "{summary}");
    assert!(summary.contains("1 vertrouwelijke, besloten of demo-agendapunt met 1 bijlage"), "{summary}");
    assert!(summary.contains("1 concept-agenda"), "{summary}");

    let mut pages = Vec::new();
    html_pages(&folder, &mut pages);
    pages.sort();
    assert!(pages.len() >= 3, "{pages:?}");
    let all: String = pages.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    assert!(!all.contains("Geheim personeelsdossier") && !all.contains("geheim.txt"));
    assert!(all.contains("Nota van reactie 2020.txt"));

    let browser = App::start_browser();
    for page in &pages {
        browser.navigate(&format!("file://{}", page.display()));
        browser.wait_for("main h1");
        let violations = browser.axe_violations();
        assert!(violations.is_empty(), "{}: {violations:#?}", page.strip_prefix(&folder).unwrap().display());
    }
    let meeting = pages.iter().find(|p| p.to_string_lossy().contains("vergaderingen")).unwrap();
    browser.navigate(&format!("file://{}#besluitenlijst", meeting.display()));
    browser.screenshot("publication-besluitenlijst");
}

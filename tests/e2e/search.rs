//! End-to-end: Ctrl+K finds a passage in an attachment and opens that page.

use bestuursmap_core::meetings::NewAgendaItem;
use bestuursmap_core::{demo, domain::ItemKind, OpenMode};
use bestuursmap_e2e::App;

#[test]
fn ctrl_k_finds_an_attachment_passage_and_opens_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bestuursmap.db");
    {
        let mut store = bestuursmap_e2e::open_store(&db, OpenMode::CreateIfMissing);
        demo::load(&mut store).unwrap();
        let ab = store
            .meetings()
            .unwrap()
            .into_iter()
            .find(|m| m.starts_at.to_string().starts_with("2020-11-12"))
            .unwrap()
            .id;
        let item =
            store.add_agenda_item(ab, &NewAgendaItem::new("Stukken jeugdhulpregio", ItemKind::TerInformatie)).unwrap();
        let att = store.add_attachment(item, "monitor.txt", b"Monitor jeugdhulp", None).unwrap();
        store
            .set_attachment_text(
                att,
                &[
                    "Inleiding van de monitor.".into(),
                    "De wachtlijst voor specialistische jeugdhulp groeit in 2020.".into(),
                ],
            )
            .unwrap();
    }
    let app = App::start(&db);
    app.wait_for("[data-testid=body-group]");
    app.execute("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))", vec![]);
    // Another form of the word than the text has: the stems meet.
    app.wait_for("[data-testid=search-input]").set_value("wachtlijsten");
    let hit = app.wait_for("[data-testid=search-hit][data-kind=attachment]");
    let text = hit.text();
    assert!(text.contains("monitor.txt, pagina 2") && text.contains("wachtlijst"), "{text}");
    hit.click();
    let page = app.wait_for("[data-testid=attachment-page]").text();
    assert!(page.contains("monitor.txt — pagina 2 van 2"), "{page}");
    let page_text = app.wait_for("[data-testid=attachment-page-text]");
    assert!(page_text.text().contains("specialistische jeugdhulp"));
    let marked: Vec<String> = page_text.find_all("mark").iter().map(|m| m.text()).collect();
    assert_eq!(marked, ["wachtlijst"], "the passage is marked on the page");
    // The meeting of the attachment is open behind it.
    assert!(app.wait_for("[data-testid=meeting-view]").text().contains("Stukken jeugdhulpregio"));
    app.screenshot("search-attachment-page");
}

//! End-to-end: a secretary reads a council letter into the 2020 procedure, answers one point with
//! a library paragraph and the next with a cross-reference picked from the list, sees the nota
//! complete and exports it as PDF and Word.

use bestuursmap_core::OpenMode;
use bestuursmap_e2e::App;
use std::process::Command;

const LETTER: &str = "Geacht bestuur,\n\nDe raad van Sliedrecht geeft de volgende zienswijze:\n\n\
1. Wij vragen u de maatregelen uit de Omdenknotitie met kracht uit te voeren; het tekort van € 11,6 miljoen baart ons zorgen.\n\
2. Ook vragen wij u de raden voor 15 april 2021 te informeren over de meerjarenraming.\n\n\
Met vriendelijke groet,\nDe raad van Sliedrecht";

fn pdf_text(path: &str) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).replace("-\n", "").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_point_is_answered_with_a_library_paragraph_and_a_cross_reference_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = bestuursmap_e2e::demo_database(dir.path());
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let app = App::start_with_env(&db, &[("HOME", &home)]);

    // The 2020 procedure: four municipalities, complete.
    app.wait_for("[data-testid=nav-zienswijzen]").click();
    app.wait_for("[data-testid=open-procedure]").click();
    app.wait_for_all("[data-testid=zienswijze-row]", 4);
    assert_eq!(app.wait_for("[data-testid=completeness]").attribute("data-complete").as_deref(), Some("true"));
    app.screenshot("procedure-overview");

    // Sliedrecht's letter arrives: add it and split it into points.
    app.wait_for("[data-testid=new-zienswijze-org]").select_by_text("Sliedrecht");
    app.wait_for("[data-testid=add-zienswijze]").click();
    app.wait_for("[data-testid=letter-input]").set_value(LETTER);
    app.wait_for("[data-testid=import-letter]").click();
    let points = app.wait_for_all("[data-testid=point]", 2);
    assert!(points[0].text().contains("€ 11,6 miljoen"), "an amount does not split a point");

    // A late motion came with the letter: it goes on the agenda of the December AB.
    app.wait_for("[data-testid=motion-title]").set_value("Nagekomen motie jeugdhulp (test)");
    app.click_text("button", "Motie vastleggen");
    let motion = app.wait_for("[data-testid=motion]");
    motion.find_all("select")[0].select_by_text("2020-12-17");
    app.wait_for("[data-testid=schedule-motion]:not([disabled])").click();
    assert!(app.wait_for_text("[data-testid=motion]", "geagendeerd").text().contains("AB 17-12-2020"));

    // Point 1: a paragraph from the standard response library.
    points[0].find_all("[data-testid=new-reply]")[0].click();
    app.wait_for("[data-testid=library-search]").set_value("SR01");
    app.wait_for("[data-testid=library-entry][data-code=SR01] [data-testid=insert-variant]").click();
    let segment =
        app.wait_for_text("[data-testid=point] [data-testid=segment]", "Wij benadrukken dat de Serviceorganisatie");
    assert!(segment.text().contains("standaardtekst SR01"));

    // Point 2: a reference to point 1, picked from the list, saved as a link.
    const SECOND: &str = "[data-testid=point][data-label='2']";
    app.wait_for(&format!("{SECOND} [data-testid=new-reply]")).click();
    app.wait_for(&format!("{SECOND} [data-testid=reference-picker]")).click();
    app.wait_for(&format!("{SECOND} [data-testid=reference-picker] option[value]:not([value=''])"));
    app.wait_for(&format!("{SECOND} [data-testid=reference-picker]")).select_by_text("Sliedrecht, zienswijze 1");
    let textarea = app.wait_for(&format!("{SECOND} [data-testid=new-reply]"));
    let draft = app.execute("return arguments[0].value;", vec![textarea.as_arg()]);
    assert_eq!(draft, serde_json::json!("Zie onze reactie op punt 1."));
    app.wait_for(&format!("{SECOND} [data-testid=save-reply]")).click();
    let link = app.wait_for("[data-testid=point][data-label='2'] [data-testid=reference-link]");
    assert_eq!(link.text(), "punt 1");
    app.screenshot("zienswijze-editor");

    // A reference to a point that does not exist is flagged at once.
    app.wait_for(&format!("{SECOND} [data-testid=new-reply]")).set_value("Zie ook punt 9.");
    app.wait_for(&format!("{SECOND} [data-testid=save-reply]")).click();
    assert!(app.wait_for("[data-testid=dangling]").text().contains("punt 9"));
    let bad = app.wait_for_text("[data-testid=segment]", "Zie ook punt 9.");
    bad.find_all("button")[0].click();
    app.wait_for_text("button", "Verwijderen");
    app.click_text("[data-testid=segment] button", "Verwijderen");
    app.wait_for("[data-testid=point][data-label='2'][data-answered=true]");

    // Back in the overview the nota is complete; export PDF and Word.
    app.click_text("button", "← Begrotingswijziging SOJ 2020");
    app.wait_for_all("[data-testid=zienswijze-row]", 5);
    assert_eq!(app.wait_for("[data-testid=completeness]").attribute("data-complete").as_deref(), Some("true"));
    app.wait_for("[data-testid=export-nota-pdf]").click();
    app.wait_for("[data-testid=nota-exported]");
    let path = app.wait_for("[data-testid=nota-path]").text();
    assert!(path.starts_with(home.to_str().unwrap()) && path.ends_with(".pdf"), "{path}");
    let check = Command::new("qpdf").arg("--check").arg(&path).output().unwrap();
    assert!(check.status.success(), "{path}: {}", String::from_utf8_lossy(&check.stdout));
    let text = pdf_text(&path);
    assert!(text.contains("Sliedrecht"), "the new municipality is in the table");
    assert!(text.contains("Zie onze reactie op punt 1."));
    assert!(text.contains("Wij benadrukken dat de Serviceorganisatie"));
    app.wait_for("[data-testid=export-nota-docx]").click();
    let docx = app.wait_for_text("[data-testid=nota-path]", ".docx").text();
    assert!(docx.contains("nota-van-reactie-Begrotingswijziging_SOJ_2020"), "{docx}");
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"), "a zip container");
    app.screenshot("procedure-exported");
    drop(app);

    // The store holds the link as a link.
    let store = bestuursmap_e2e::open_store(&db, OpenMode::MustExist);
    let check = store.completeness(store.procedures().unwrap()[0].id).unwrap();
    assert!(check.complete);
    assert_eq!(check.points, 22);
    let december = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.body_code == "AB" && m.starts_at.date().to_string() == "2020-12-17")
        .unwrap();
    let items = store.meeting(december.id).unwrap().items;
    assert!(items.iter().any(|i| i.title == "Motie gemeente Sliedrecht: Nagekomen motie jeugdhulp (test)"));
}

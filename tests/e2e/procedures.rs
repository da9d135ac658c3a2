//! End-to-end: a secretary makes a new zienswijze procedure in the app (no JSON import), puts it on
//! the AB agenda, records the AB's decision and changes it, notes an aandachtspunt and adds a
//! paragraph to the standard response library.

use bestuursmap_e2e::App;

#[test]
fn a_procedure_is_made_in_the_app_its_ab_decision_recorded_and_a_library_paragraph_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = bestuursmap_e2e::demo_database(dir.path());
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let app = App::start_with_env(&db, &[("HOME", &home)]);

    // A new procedure, decided on an item of the AB of 12 November 2020.
    app.wait_for("[data-testid=nav-zienswijzen]").click();
    app.wait_for("[data-testid=new-procedure]").click();
    app.wait_for("[data-testid=pf-title]").set_value("Begroting 2027 (test)");
    app.wait_for("[data-testid=pf-subject]").set_value("Ontwerpbegroting 2027 en meerjarenraming");
    app.wait_for("[data-testid=pf-sent]").set_value("2026-04-01");
    app.wait_for("[data-testid=pf-weeks]").set_value("8");
    app.wait_for("[data-testid=pf-meeting]").select_by_text("AB 2020-11-12");
    app.wait_for("[data-testid=pf-item] option:nth-child(2)");
    app.wait_for("[data-testid=pf-item]").select_by_text("1.");
    app.wait_for("[data-testid=pf-save]").click();
    app.wait_for_text("[data-testid=procedure-view] h1", "Begroting 2027 (test)");
    let facts = app.wait_for_text("dl.facts", "8 weken");
    assert!(facts.text().contains("nog niet genomen"), "{}", facts.text());
    assert!(facts.text().contains("AB 12-11-2020"), "the AB item is shown: {}", facts.text());

    // The AB decides: date, an amount typed the Dutch way, and one municipality against.
    app.wait_for("[data-testid=edit-decision]").click();
    app.wait_for("[data-testid=df-date]").set_value("2026-06-25");
    app.wait_for("[data-testid=df-amount]").set_value("1.250.000,50");
    app.wait_for("[data-testid=df-text]").set_value("Het AB stelt de begroting 2027 vast.");
    app.wait_for("[data-testid=df-save]").click();
    let facts = app.wait_for_text("dl.facts", "€ 1.250.000,50");
    assert!(facts.text().contains("25 jun 2026"), "{}", facts.text());

    // The decision is changed: an amount the core cannot read is refused in Dutch, then corrected.
    app.wait_for("[data-testid=edit-decision]").click();
    app.wait_for("[data-testid=df-amount]").set_value("twee miljoen");
    app.wait_for("[data-testid=df-save]").click();
    assert!(app.wait_for("[data-testid=decision-form] [data-testid=error]").text().contains("Bedrag"));
    app.wait_for("[data-testid=df-amount]").set_value("2.000.000");
    app.wait_for("[data-testid=df-save]").click();
    app.wait_for_text("dl.facts", "€ 2.000.000,00");

    // An aandachtspunt for the covering letter.
    app.wait_for("[data-testid=concern-title]").set_value("Wachttijden jeugdhulp");
    app.wait_for("[data-testid=add-concern]").click();
    app.wait_for_text("[data-testid=concern]", "Wachttijden jeugdhulp");

    // Dordrecht's zienswijze arrives; in its editor a paragraph is added to the library.
    app.wait_for("[data-testid=new-zienswijze-org]").select_by_text("Dordrecht");
    app.wait_for("[data-testid=add-zienswijze]").click();
    app.wait_for("[data-testid=library-add]").click();
    app.wait_for("[data-testid=library-code]").set_value("EIGEN9");
    app.wait_for("[data-testid=library-title]").set_value("Dank voor de zienswijze");
    app.wait_for("[data-testid=library-text]").set_value("Wij danken de raad van {gemeente} voor de zienswijze.");
    app.wait_for("[data-testid=library-save]").click();
    let entry = app.wait_for("[data-testid=library-entry][data-code=EIGEN9]");
    assert!(entry.text().contains("Dank voor de zienswijze"), "{}", entry.text());
    app.screenshot("procedure-made-in-app");
}

//! End-to-end: linking a measure to an agenda item shows it on both sides; the savings grid reads
//! Dutch amounts and refuses what it cannot read.

use bestuursmap_core::OpenMode;
use bestuursmap_e2e::App;

#[test]
fn a_measure_linked_to_an_item_shows_on_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let db = bestuursmap_e2e::demo_database(dir.path());
    let app = App::start(&db);

    // The concept AB of December: link M16 to the dashboard item.
    let ab = app.wait_for("[data-testid=body-group][data-body=AB]");
    ab.find_all("[data-testid=meeting-link]")[0].click();
    let card = app.wait_for_text("[data-testid=agenda-item]", "Werkafspraken maandrapportage");
    card.find_all("[data-testid=link-measure]")[0].click();
    let card = app.wait_for_text("[data-testid=agenda-item]", "Werkafspraken maandrapportage");
    app.wait_for("[data-testid=measure-choice]");
    card.find_all("[data-testid=measure-choice]")[0].select_by_text("M16");
    card.find_all("[data-testid=confirm-link]")[0].click();
    let linked = app.wait_for("[data-testid=item-measure][data-code=M16]").text();
    assert!(linked.contains("Voorgesteld"), "{linked}");

    // The register shows the link the other way round.
    app.wait_for("[data-testid=nav-measures]").click();
    app.wait_for_all("[data-testid=measure-row]", 46);
    app.wait_for("[data-testid=measure-row][data-code=M16]").find_all("[data-testid=open-measure]")[0].click();
    let linked_item = app.wait_for("[data-testid=linked-item]").text();
    assert!(
        linked_item.contains("AB 17 dec 2020") && linked_item.contains("Werkafspraken maandrapportage"),
        "{linked_item}"
    );

    // Savings in Dutch notation; nonsense is refused with a Dutch message.
    app.wait_for("[data-testid=savings-new-year]").set_value("2021");
    app.wait_for("[data-testid=savings-add-year]").click();
    let row = app.wait_for("[data-testid=savings-row][data-year='2021']");
    row.find_all("[data-testid=savings-target]")[0].set_value("1.250.000,50");
    row.find_all("[data-testid=savings-realised]")[0].set_value("veel");
    row.find_all("[data-testid=savings-save]")[0].click();
    let error = app.wait_for("[data-testid=savings-error]").text();
    assert!(error.contains("'veel' is geen bedrag"), "{error}");
    let row = app.wait_for("[data-testid=savings-row][data-year='2021']");
    row.find_all("[data-testid=savings-realised]")[0].set_value("900.000");
    row.find_all("[data-testid=savings-save]")[0].click();
    app.wait_for("[data-testid=savings-chart]");
    let light = app.wait_for("[data-testid=measure-detail] [data-testid=traffic-light]").text();
    assert!(light.contains("Oranje") && light.contains("achter"), "{light}");
    app.screenshot("measure-detail");
    drop(app);

    let store = bestuursmap_e2e::open_store(&db, OpenMode::MustExist);
    let m16 = store
        .measures(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        .unwrap()
        .into_iter()
        .find(|m| m.code == "M16")
        .unwrap();
    assert_eq!(m16.years[0].target.unwrap().to_dutch(), "€ 1.250.000,50");
    assert_eq!(m16.years[0].realised.unwrap().to_dutch(), "€ 900.000,00");
}

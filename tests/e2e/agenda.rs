//! End-to-end: a secretary builds an AB agenda, reorders it, and records a weighted vote.

use bestuursmap_core::domain::VoteChoice;
use bestuursmap_core::OpenMode;
use bestuursmap_e2e::App;

fn item_numbers(app: &App) -> Vec<String> {
    app.find_all("[data-testid=agenda-item]")
        .iter()
        .map(|card| {
            let number = card.find_all("[data-testid=item-number]")[0].text();
            let title = card.find_all("[data-testid=item-title]")[0].text();
            format!("{number} {title}")
        })
        .collect()
}

fn wait_for_numbers(app: &App, expected: &[&str]) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let numbers = item_numbers(app);
        if numbers == expected {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "agenda is {numbers:?}, expected {expected:?}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn card<'a>(app: &'a App, title: &str) -> bestuursmap_e2e::Element<'a> {
    app.wait_for_text("[data-testid=agenda-item]", title)
}

fn add_item(app: &App, title: &str, kind: &str) {
    app.wait_for("[data-testid=add-item]").click();
    app.wait_for("[data-testid=ie-title]").set_value(title);
    app.wait_for("[data-testid=ie-kind]").set_value(kind);
    app.wait_for("[data-testid=ie-save]").click();
    card(app, title);
}

#[test]
fn a_secretary_builds_an_agenda_and_records_a_weighted_vote() {
    let dir = tempfile::tempdir().unwrap();
    let db = bestuursmap_e2e::demo_database(dir.path());
    let app = App::start(&db);

    // A new AB meeting.
    app.wait_for("[data-testid=new-meeting]").click();
    app.wait_for("[data-testid=nm-body]").select_by_text("AB");
    app.wait_for("[data-testid=nm-title]").set_value("Algemeen Bestuur februari 2021");
    // Dutch date entry, whatever the system locale.
    app.wait_for("[data-testid=nm-date]").set_value("11-02-2021");
    app.wait_for("[data-testid=nm-submit]").click();
    app.wait_for_text("[data-testid=meeting-title]", "Algemeen Bestuur februari 2021");
    assert_eq!(app.wait_for("[data-testid=meeting-status]").text(), "Concept");

    add_item(&app, "Inkoopkader 2022", "ter_besluitvorming");
    add_item(&app, "Werkafspraken dashboard", "ter_bespreking");
    add_item(&app, "Rondvraag", "rondvraag");
    wait_for_numbers(&app, &["1 Inkoopkader 2022", "2 Werkafspraken dashboard", "3 Rondvraag"]);

    // Reorder: the dashboard item up, then under the inkoopkader as a sub-item.
    card(&app, "Werkafspraken dashboard").find_all("[data-testid=move-up]")[0].click();
    wait_for_numbers(&app, &["1 Werkafspraken dashboard", "2 Inkoopkader 2022", "3 Rondvraag"]);
    card(&app, "Werkafspraken dashboard").find_all("[data-testid=move-down]")[0].click();
    wait_for_numbers(&app, &["1 Inkoopkader 2022", "2 Werkafspraken dashboard", "3 Rondvraag"]);
    card(&app, "Werkafspraken dashboard").find_all("[data-testid=indent]")[0].click();
    wait_for_numbers(&app, &["1 Inkoopkader 2022", "1a Werkafspraken dashboard", "2 Rondvraag"]);

    // The AB decision item has not been through the DB: the hygiene rule says so.
    let warnings: Vec<String> =
        card(&app, "Inkoopkader 2022").find_all("[data-testid=item-warning]").iter().map(|w| w.text()).collect();
    assert!(warnings.iter().any(|w| w.contains("niet gekoppeld aan een dossier")), "{warnings:?}");

    // Publish, then vote: everyone for, Alblasserdam against.
    app.wait_for("[data-testid=status-gepubliceerd]").click();
    app.wait_for_text("[data-testid=meeting-status]", "Gepubliceerd");
    card(&app, "Inkoopkader 2022").find_all("[data-testid=open-decision]")[0].click();
    app.wait_for_all("[data-testid=vote-row]", 10);
    app.click_text("[data-testid=voting-panel] button", "Iedereen voor");
    app.wait_for_text("[data-testid=live-tally]", "van 47");
    assert_eq!(app.wait_for("[data-testid=live-result]").text(), "Aangenomen");
    let alblasserdam = app.wait_for("[data-testid=vote-row][data-municipality=Alblasserdam]");
    alblasserdam.find_all("[data-testid=vote-tegen]")[0].click();
    let tally = app.wait_for_text("[data-testid=live-tally]", "tegen 2").text();
    assert!(tally.contains("Voor 45"), "{tally}");
    let dissent = app.wait_for("[data-testid=live-dissent]").text();
    assert!(
        dissent.contains("met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd"),
        "{dissent}"
    );
    // Take the outcome over from the vote and save both at once.
    app.wait_for("[data-testid=of-from-tally]").click();
    app.wait_for("[data-testid=of-save]").click();
    let decision = app.wait_for("[data-testid=item-decision]").text();
    assert!(decision.contains("de gemeente Alblasserdam tegen het voorstel heeft gestemd"), "{decision}");
    assert_eq!(card(&app, "Inkoopkader 2022").find_all("[data-testid=item-outcome]")[0].text(), "Aangenomen");
    app.screenshot("weighted-vote");
    drop(app);

    // It is all in the real file.
    let store = bestuursmap_e2e::open_store(&db, OpenMode::MustExist);
    let meeting = store.meetings().unwrap().into_iter().find(|m| m.title == "Algemeen Bestuur februari 2021").unwrap();
    let detail = store.meeting(meeting.id).unwrap();
    let decided = detail.items.iter().find(|i| i.title == "Inkoopkader 2022").unwrap();
    let against: Vec<_> =
        decided.votes.iter().filter(|v| v.choice == VoteChoice::Tegen).map(|v| v.municipality.as_str()).collect();
    assert_eq!(against, ["Alblasserdam"]);
    assert_eq!(detail.items.iter().map(|i| i.number.as_str()).collect::<Vec<_>>(), ["1", "1a", "2"]);
}

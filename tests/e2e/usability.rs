//! The app as its users see it: every main screen at 1280×800 and 1024×700 without horizontal
//! overflow, overlapping controls or a document taller than the window (from the elements'
//! bounding boxes), axe-core with no WCAG 2.0/2.1 A or AA violation, and a keyboard-only walk
//! through the main flows with focus returned where it came from.

use bestuursmap_e2e::App;

/// Waits until the screen has settled (no pending frame) before its boxes are measured.
fn settle(app: &App) {
    app.execute_async(
        "const done = arguments[arguments.length - 1];
         requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 150)));",
        vec![],
    );
}

fn open_ab_12_november(app: &App) {
    let ab = app.wait_for("[data-testid=body-group][data-body=AB]");
    ab.find_all("[data-testid=meeting-link]")[1].click();
    app.wait_for_text("[data-testid=meeting-title]", "Algemeen Bestuur");
    app.wait_for_all("[data-testid=agenda-item]", 6);
}

fn card_id(app: &App, title: &str) -> String {
    app.execute(
        "return [...document.querySelectorAll('[data-testid=agenda-item]')]
           .find((c) => c.querySelector('[data-testid=item-title]')?.innerText === arguments[0])?.dataset.itemId ?? null;",
        vec![serde_json::json!(title)],
    )
    .as_str()
    .unwrap_or_else(|| panic!("no agenda item «{title}»"))
    .to_string()
}

/// How to get to a screen from the previous one.
type Step = Box<dyn Fn(&App)>;

/// Each main screen: its name and how to get there from the previous one.
fn screens() -> Vec<(&'static str, Step)> {
    vec![
        (
            "vergaderingen",
            Box::new(|app: &App| {
                app.wait_for_all("[data-testid=meeting-link]", 5);
            }),
        ),
        ("agenda", Box::new(open_ab_12_november)),
        (
            "besluitenlijst",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=tab-besluiten]").click();
                app.wait_for("[data-testid=tabpanel]");
            }),
        ),
        (
            "actielijst-vergadering",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=tab-acties]").click();
                app.wait_for("[data-testid=actions-table]");
            }),
        ),
        (
            "aanwezigheid",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=tab-aanwezigheid]").click();
                app.wait_for("[data-testid=tabpanel]");
            }),
        ),
        (
            "stemming",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=tab-agenda]").click();
                let id = card_id(app, "Tweede bestuursrapportage 2020 van de SOJ");
                app.wait_for(&format!("[data-item-id='{id}'] [data-testid=open-decision]")).click();
                app.wait_for_all("[data-testid=vote-row]", 10);
                app.wait_for("[data-testid=live-tally]");
            }),
        ),
        (
            "agendapunt-bewerken",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=edit-item]").click();
                app.wait_for("[data-testid=item-editor]");
            }),
        ),
        (
            "vergaderstukken",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=open-pack]").click();
                app.wait_for("[data-testid=pack-panel]");
            }),
        ),
        (
            "nieuwe-vergadering",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=new-meeting]").click();
                app.wait_for("[data-testid=nm-date]");
            }),
        ),
        (
            "maatregelen",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=nav-measures]").click();
                app.wait_for_all("[data-testid=measure-row]", 40);
            }),
        ),
        (
            "maatregel",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=measure-row][data-code=M05] [data-testid=open-measure]").click();
                app.wait_for("[data-testid=savings-chart]");
            }),
        ),
        (
            "zienswijzen",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=nav-zienswijzen]").click();
                app.wait_for("[data-testid=open-procedure]");
            }),
        ),
        (
            "procedure",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=open-procedure]").click();
                app.wait_for_all("[data-testid=zienswijze-row]", 4);
            }),
        ),
        (
            "zienswijze-dordrecht",
            Box::new(|app: &App| {
                app.click_text("[data-testid=open-zienswijze]", "Dordrecht");
                app.wait_for_all("[data-testid=point]", 3);
            }),
        ),
        (
            "actielijst",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=nav-actions]").click();
                app.wait_for("[data-testid=actions-table]");
            }),
        ),
        (
            "beveiliging",
            Box::new(|app: &App| {
                app.wait_for("[data-testid=nav-beheer]").click();
                app.wait_for("[data-testid=bundle-file-button]");
            }),
        ),
        (
            "zoeken",
            Box::new(|app: &App| {
                app.press(&["Control+k"]);
                app.wait_for("[data-testid=search-input]");
                app.type_text("bestuursrapportage");
                app.wait_for_all("[data-testid=search-hit]", 2);
            }),
        ),
    ]
}

fn check_every_screen(width: u32, height: u32, with_axe: bool) {
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(&bestuursmap_e2e::demo_database(dir.path()));
    app.set_window_size(width, height);
    let mut failures = Vec::new();
    for (name, go) in screens() {
        go(&app);
        settle(&app);
        app.screenshot(&format!("screen-{name}-{width}x{height}"));
        for problem in app.layout_problems() {
            failures.push(format!("{name} at {width}×{height}: {problem}"));
        }
        if with_axe {
            for violation in app.axe_violations() {
                failures.push(format!("{name}: axe {violation}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_screen_fits_and_passes_axe_at_1280x800() {
    check_every_screen(1280, 800, true);
}

#[test]
fn every_screen_fits_at_1024x700() {
    check_every_screen(1024, 700, false);
}

#[test]
fn the_window_stays_put_and_screens_open_at_their_top() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(&bestuursmap_e2e::demo_database(dir.path()));
    app.set_window_size(1280, 800);
    open_ab_12_november(&app);
    assert_eq!(app.title(), "AB 12 nov 2020 · Vergaderingen — Bestuursmap", "the title names the meeting");

    // Scrolling to the end of the agenda and focusing its last card move the main area only.
    let window = |app: &App| {
        app.execute(
            "return [document.scrollingElement.scrollTop, Math.round(document.querySelector('.app-header').getBoundingClientRect().top)];",
            vec![],
        )
    };
    app.execute("document.querySelector('main').scrollTo(0, 1e6);", vec![]);
    settle(&app);
    assert_eq!(window(&app), serde_json::json!([0, 0]), "the header stays at the top");
    app.execute("[...document.querySelectorAll('[data-testid=agenda-item]')].at(-1).focus();", vec![]);
    settle(&app);
    assert_eq!(window(&app), serde_json::json!([0, 0]), "focusing a card does not move the window");
    assert!(app.layout_problems().is_empty(), "{:?}", app.layout_problems());

    // A screen opens at its top, not where the previous one was scrolled to.
    app.wait_for("[data-testid=nav-beheer]").click();
    app.wait_for("[data-testid=bundle-file-button]");
    app.execute("document.querySelector('main').scrollTo(0, 600);", vec![]);
    app.wait_for("[data-testid=nav-measures]").click();
    app.wait_for_all("[data-testid=measure-row]", 40);
    assert_eq!(app.title(), "Maatregelen — Bestuursmap");
    app.wait_for("[data-testid=nav-beheer]").click();
    app.wait_for("[data-testid=bundle-file-button]");
    settle(&app);
    assert_eq!(app.execute("return document.querySelector('main').scrollTop;", vec![]), serde_json::json!(0));

    // The chart has a scale, the amounts and a table.
    app.wait_for("[data-testid=nav-measures]").click();
    app.wait_for("[data-testid=measure-row][data-code=M05] [data-testid=open-measure]").click();
    let ticks: Vec<String> = app.wait_for_all("[data-testid=chart-tick]", 3).iter().map(|t| t.text()).collect();
    assert!(ticks.iter().any(|t| t == "€ 1 mln" || t == "€ 500.000"), "{ticks:?}");
    let values: Vec<String> = app.find_all("[data-testid=chart-value]").iter().map(|t| t.text()).collect();
    assert!(values.contains(&"€ 1,5 mln".to_string()), "{values:?}");
    let gap = app.wait_for("[data-testid=savings-gap]").text();
    assert_eq!(gap, "€ 900.000,00 minder dan de taakstelling");
}

#[test]
fn keyboard_only_through_the_main_flows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uitvoer");
    std::fs::create_dir_all(&out).unwrap();
    let app = App::start_with_env(&bestuursmap_e2e::demo_database(dir.path()), &[("BESTUURSMAP_SAVE_DIR", &out)]);
    app.set_window_size(1280, 800);
    app.wait_for_all("[data-testid=meeting-link]", 5);

    // The skip link comes first and leads to the content.
    app.press(&["Tab"]);
    assert!(app.focus_matches(".utrecht-skip-link"), "{}", app.focused());

    // Open a meeting from the list.
    app.tab_to_text("[data-testid=meeting-link]", "12 nov 2020", 40);
    app.press(&["Enter"]);
    app.wait_for_text("[data-testid=meeting-title]", "Algemeen Bestuur");
    app.wait_for_all("[data-testid=agenda-item]", 6);

    // The meeting tabs: arrows move between them, the panel belongs to the tab.
    app.tab_to("[data-testid=tab-agenda]", 60);
    app.press(&["ArrowRight"]);
    assert!(app.focus_matches("[data-testid=tab-besluiten][aria-selected=true]"), "{}", app.focused());
    assert_eq!(app.wait_for("[role=tabpanel]").attribute("aria-labelledby").as_deref(), Some("tab-besluiten"));
    app.press(&["ArrowLeft"]);
    assert!(app.focus_matches("[data-testid=tab-agenda][aria-selected=true]"), "{}", app.focused());

    // Edit an item; Escape cancels and focus is back on «Bewerken».
    app.tab_to("[data-testid=edit-item]", 60);
    app.press(&["Enter"]);
    app.wait_for("[data-testid=item-editor]");
    assert!(app.focus_matches("[data-testid=item-editor] input"), "focus goes into the editor: {}", app.focused());
    app.press(&["Escape"]);
    assert!(app.find_all("[data-testid=item-editor]").is_empty(), "Escape closes the editor");
    assert!(app.focus_matches("[data-testid=edit-item]"), "focus back on Bewerken: {}", app.focused());

    // Record a vote and its outcome in one save.
    let id = card_id(&app, "Tweede bestuursrapportage 2020 van de SOJ");
    app.tab_to(&format!("[data-item-id='{id}'] [data-testid=open-decision]"), 120);
    app.press(&["Enter"]);
    app.wait_for_all("[data-testid=vote-row]", 10);
    app.tab_to_text("[data-testid=voting-panel] button", "Iedereen voor", 20);
    app.press(&["Enter"]);
    app.wait_for_text("[data-testid=live-tally]", "tegen 0");
    app.tab_to("[data-testid=vote-row][data-municipality=Alblasserdam] input[type=radio]", 60);
    app.press(&["ArrowRight"]);
    assert!(
        app.focus_matches("[data-municipality=Alblasserdam] [data-testid=vote-tegen]:checked"),
        "{}",
        app.focused()
    );
    let ring = app.execute(
        "const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} | ${s.outlineWidth}`;",
        vec![],
    );
    let ring = ring.as_str().unwrap_or_default().to_string();
    assert!(ring.starts_with("solid | 3px"), "a radio reached with the arrows shows where focus is: {ring}");
    app.wait_for_text("[data-testid=live-dissent]", "Alblasserdam");
    app.tab_to("[data-testid=of-from-tally]", 40);
    app.press(&["Enter"]);
    app.tab_to("[data-testid=of-save]", 10);
    app.press(&["Enter"]);
    app.wait_for_text(&format!("[data-item-id='{id}'] [data-testid=item-decision]"), "Alblasserdam tegen het voorstel");
    app.wait_for_text(&format!("[data-item-id='{id}'] [data-testid=item-tally]"), "tegen 2");

    // Search: focus stays inside the dialog, Escape closes it and focus comes back.
    assert!(app.focus_matches("[data-testid=of-save]"), "focus stays on the save button: {}", app.focused());
    app.press(&["Control+k"]);
    app.wait_for("[data-testid=search-input]");
    assert!(app.focus_matches("[data-testid=search-input]"), "{}", app.focused());
    app.type_text("bestuursrapportage");
    app.wait_for_all("[data-testid=search-hit]", 2);
    for _ in 0..30 {
        app.press(&["Tab"]);
        let inside = app.execute(
            "return document.querySelector('[data-testid=search-dialog]').contains(document.activeElement);",
            vec![],
        );
        assert_eq!(inside, serde_json::json!(true), "Tab left the search dialog for {}", app.focused());
    }
    app.press(&["Escape"]);
    assert!(app.find_all("[data-testid=search-dialog]").is_empty(), "Escape closes search");
    assert!(app.focus_matches("[data-testid=of-save]"), "focus back where it was: {}", app.focused());

    // Search and open a hit with the arrows and Enter: focus lands on what was opened.
    app.press(&["Control+k"]);
    app.wait_for("[data-testid=search-input]");
    app.type_text("Tweede bestuursrapportage");
    app.wait_for("[data-testid=search-hit][data-kind=item]");
    app.press(&["ArrowDown"]);
    assert!(app.focus_matches("[data-testid=search-hit]"), "{}", app.focused());
    app.press(&["Enter"]);
    assert!(app.find_all("[data-testid=search-dialog]").is_empty());
    app.wait_for_text("[data-testid=meeting-title]", "Algemeen Bestuur");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !app.focus_matches("main h1, main h2") {
        assert!(std::time::Instant::now() < deadline, "focus on the opened screen's heading: {}", app.focused());
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // Export the briefing pack: saved, focus stays on the button, Escape closes the panel.
    app.tab_to("[data-testid=open-pack]", 40);
    app.press(&["Enter"]);
    app.tab_to("[data-testid=export-pack]", 20);
    app.press(&["Enter"]);
    let path = app.wait_for("[data-testid=pack-path]").text();
    assert!(path.starts_with(out.to_str().unwrap()), "{path}");
    assert!(std::path::Path::new(&path).is_file(), "{path}");
    assert!(app.focus_matches("[data-testid=export-pack]"), "focus after the export: {}", app.focused());
    app.wait_for("[data-testid=reveal-pack]");
    app.press(&["Escape"]);
    assert!(app.find_all("[data-testid=pack-panel]").is_empty(), "Escape closes the panel");
    assert!(app.focus_matches("[data-testid=open-pack]"), "focus back on the button: {}", app.focused());
}

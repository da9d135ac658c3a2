//! End-to-end, two laptops with two database files: the secretariat sends the December AB as a
//! bundle from its app; an alderman's laptop (locked, encrypted) unlocks, refuses the unknown
//! sender until its fingerprint is confirmed, imports, makes a private note; the secretariat
//! re-issues with a changed item; the laptop imports the new version, keeps the note and shows
//! what changed.

use bestuursmap_core::meetings::ItemUpdate;
use bestuursmap_core::store::Passphrase;
use bestuursmap_core::{demo, OpenMode, Store};
use bestuursmap_e2e::{open_store, App};
use std::path::{Path, PathBuf};

fn december_ab(store: &Store) -> i64 {
    store.meetings().unwrap().into_iter().find(|m| m.starts_at.date().to_string() == "2020-12-17").unwrap().id
}

fn written_bundle(home: &Path) -> PathBuf {
    let dir = ["Documents/Bestuursmap", "Bestuursmap"].iter().map(|d| home.join(d)).find(|d| d.is_dir()).unwrap();
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bmbundel"))
        .collect();
    found.sort();
    found.pop().expect("a bundle was written")
}

#[test]
fn a_reissued_agenda_reaches_the_laptop_and_the_private_note_survives() {
    let dir = tempfile::tempdir().unwrap();
    let (secretariat_db, laptop_db) = (dir.path().join("secretariaat.db"), dir.path().join("laptop.db"));
    let (secretariat_home, laptop_home) = (dir.path().join("secretariaat"), dir.path().join("laptop"));
    std::fs::create_dir_all(&secretariat_home).unwrap();
    std::fs::create_dir_all(&laptop_home).unwrap();
    let mut secretariat = open_store(&secretariat_db, OpenMode::CreateIfMissing);
    demo::load(&mut secretariat).unwrap();
    let fingerprint = secretariat.signer_key().unwrap().fingerprint;
    let ab = december_ab(&secretariat);
    drop(secretariat);
    let mut laptop = open_store(&laptop_db, OpenMode::CreateIfMissing);
    demo::load_reference_data(&mut laptop).unwrap();
    drop(laptop);

    // The secretariat sends version 1 from its app.
    let v1 = {
        let app = App::start_with_env(&secretariat_db, &[("HOME", &secretariat_home)]);
        app.wait_for(&format!("[data-meeting-id='{ab}']")).click();
        app.wait_for("[data-testid=open-send]").click();
        app.wait_for("[data-testid=export-bundle]").click();
        assert!(app.wait_for_text("[data-testid=bundle-written]", "Versie 1").text().contains(".bmbundel"));
        written_bundle(&secretariat_home)
    };

    // The laptop starts locked: a wrong passphrase is refused in Dutch, the right one unlocks.
    let app = App::start_locked(&laptop_db, &[("HOME", &laptop_home)]);
    app.wait_for("[data-testid=unlock-screen]");
    app.wait_for("[data-testid=unlock-passphrase]").set_value("verkeerde zin");
    app.wait_for("[data-testid=unlock-submit]").click();
    assert!(app.wait_for_text("[data-testid=error]", "wachtwoordzin klopt niet").text().contains("niets gewijzigd"));
    app.screenshot("unlock");
    app.wait_for("[data-testid=unlock-passphrase]").set_value(bestuursmap_e2e::PASSPHRASE);
    app.wait_for("[data-testid=unlock-submit]").click();

    // No meetings yet: import the bundle. The sender is unknown until its fingerprint is confirmed.
    app.wait_for("[data-testid=welcome-import-bundle]").click();
    app.wait_for("[data-testid=bundle-file]").choose_file(&v1);
    app.wait_for("[data-testid=bundle-import]:not([disabled])").click();
    let shown = app.wait_for("[data-testid=untrusted-fingerprint]").text();
    assert_eq!(shown, fingerprint, "the laptop shows the fingerprint to compare");
    app.wait_for("[data-testid=trust-and-import]").click();
    assert!(app.wait_for_text("[data-testid=bundle-result]", "is ingelezen").text().contains("versie 1"));
    app.wait_for("[data-testid=open-imported]").click();

    // A private note on the second item.
    let items = app.wait_for_all("[data-testid=agenda-item]", 2);
    let second_title = items[1].find_all("[data-testid=item-title]")[0].text();
    items[1].find_all("[data-testid=add-note]")[0].click();
    app.wait_for("[data-testid=note-input]").set_value("Vragen naar de wachttijden in de Hoeksche Waard.");
    app.wait_for("[data-testid=note-save]").click();
    app.wait_for_text("[data-testid=note-body]", "Hoeksche Waard");
    drop(app);

    // The secretariat re-issues: the second item gets a new title (version 2).
    let v2 = dir.path().join("v2.bmbundel");
    {
        let mut secretariat = open_store(&secretariat_db, OpenMode::MustExist);
        let item = secretariat.meeting(ab).unwrap().items[1].clone();
        let update = ItemUpdate {
            title: format!("{} (aangepast voorstel)", item.title),
            kind: item.kind,
            level: item.level,
            portefeuillehouder_id: item.portefeuillehouder_id,
            confidentiality: item.confidentiality,
            proposal_md: item.proposal_md.clone(),
            decision_points: item.decision_points.clone(),
            dossier_id: item.dossier_id,
        };
        secretariat.update_agenda_item(item.id, &update).unwrap();
        assert_eq!(secretariat.export_bundle(ab, "Secretariaat DG&J", &v2).unwrap().issue, 2);
    }

    // The laptop imports version 2: the note is kept and the change is shown beside it.
    let app = App::start_with_env(&laptop_db, &[("HOME", &laptop_home)]);
    app.wait_for("[data-testid=nav-beheer]").click();
    app.wait_for("[data-testid=bundle-file]").choose_file(&v2);
    app.wait_for("[data-testid=bundle-import]:not([disabled])").click();
    let result = app.wait_for_text("[data-testid=bundle-result]", "bijgewerkt").text();
    assert!(result.contains("van versie 1 naar 2") && result.contains("1 notitie(s) bewaard"), "{result}");
    assert!(app.wait_for("[data-testid=bundle-changes]").text().contains("aangepast voorstel"));
    app.wait_for("[data-testid=open-imported]").click();
    let changes = app.wait_for("[data-testid=item-changes]").text();
    assert!(changes.contains("Gewijzigd in versie 2") && changes.contains(&second_title), "{changes}");
    let note = app.wait_for_text("[data-testid=note-body]", "Hoeksche Waard");
    app.execute("arguments[0].closest('[data-testid=agenda-item]').scrollIntoView();", vec![note.as_arg()]);
    app.screenshot("reissued-with-note");
    drop(app);

    // In the files: the note is on the laptop only, and both stores pass the check.
    let passphrase = Passphrase::new(bestuursmap_e2e::PASSPHRASE).unwrap();
    let laptop = Store::open(&laptop_db, OpenMode::MustExist, &passphrase).unwrap();
    let meeting = laptop.meetings().unwrap()[0].id;
    assert_eq!(laptop.notes_for_meeting(meeting).unwrap().len(), 1);
    assert!(laptop.check().unwrap().is_ok());
    let secretariat = Store::open(&secretariat_db, OpenMode::MustExist, &passphrase).unwrap();
    assert!(secretariat.notes_for_meeting(ab).unwrap().is_empty());
    assert!(secretariat.check().unwrap().is_ok());
}

/// A double-click on a `.bmbundel` (the desktop entry starts `bestuursmap-app FILE`) opens the
/// import at once: the unknown sender is asked about first, then the meeting is there.
#[test]
fn a_double_clicked_bundle_opens_its_import() {
    let dir = tempfile::tempdir().unwrap();
    let (secretariat_db, laptop_db) = (dir.path().join("secretariaat.db"), dir.path().join("laptop.db"));
    let bundle = dir.path().join("AB 17 december 2020.bmbundel");
    let fingerprint = {
        let mut secretariat = open_store(&secretariat_db, OpenMode::CreateIfMissing);
        demo::load(&mut secretariat).unwrap();
        let ab = december_ab(&secretariat);
        secretariat.export_bundle(ab, "Secretariaat DG&J", &bundle).unwrap();
        secretariat.signer_key().unwrap().fingerprint
    };
    let mut laptop = open_store(&laptop_db, OpenMode::CreateIfMissing);
    demo::load_reference_data(&mut laptop).unwrap();
    drop(laptop);

    let app = App::start_opening(&laptop_db, &bundle);
    app.wait_for("[data-testid=safety-view]");
    assert_eq!(app.wait_for("[data-testid=bundle-chosen]").text(), "AB 17 december 2020.bmbundel");
    assert_eq!(app.wait_for("[data-testid=untrusted-fingerprint]").text(), fingerprint);
    app.wait_for("[data-testid=trust-and-import]").click();
    assert!(app.wait_for_text("[data-testid=bundle-result]", "is ingelezen").text().contains("versie 1"));
    app.wait_for("[data-testid=open-imported]").click();
    app.wait_for_all("[data-testid=agenda-item]", 2);
    // Back on the import screen later, the opened bundle is not imported again.
    app.wait_for("[data-testid=nav-beheer]").click();
    assert_eq!(app.wait_for("[data-testid=bundle-chosen]").text(), "Nog geen bundel gekozen.");
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert!(app.find_all("[data-testid=bundle-result], [data-testid=error]").is_empty());
    drop(app);

    let laptop = open_store(&laptop_db, OpenMode::MustExist);
    assert_eq!(laptop.meetings().unwrap().len(), 1, "the bundle's meeting is in the laptop's file");
}

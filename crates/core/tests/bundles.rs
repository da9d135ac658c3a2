//! Meeting bundles between two real, encrypted database files: the secretariat's and a laptop's.

use bestuursmap_core::domain::ItemKind;
use bestuursmap_core::meetings::ItemUpdate;
use bestuursmap_core::offline::{Anchor, NewNote};
use bestuursmap_core::store::Passphrase;
use bestuursmap_core::{demo, OpenMode, Store};
use std::io::Write;
use std::path::{Path, PathBuf};

fn open(path: &Path) -> Store {
    Store::open(path, OpenMode::CreateIfMissing, &Passphrase::new("proef-wachtwoordzin").unwrap()).unwrap()
}

/// The secretariat (demo data) and a laptop (reference data only) that trusts it.
struct Two {
    dir: tempfile::TempDir,
    secretariat: Store,
    laptop: Store,
    meeting: i64,
}

fn two() -> Two {
    let dir = tempfile::tempdir().unwrap();
    let mut secretariat = open(&dir.path().join("secretariaat.db"));
    demo::load(&mut secretariat).unwrap();
    let mut laptop = open(&dir.path().join("laptop.db"));
    demo::load_reference_data(&mut laptop).unwrap();
    let key = secretariat.signer_key().unwrap();
    laptop.trust_signer(&key.public_key, "Secretariaat DG&J").unwrap();
    // The concept AB agenda of 17 December 2020.
    let meeting = secretariat
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.starts_at.date().to_string() == "2020-12-17")
        .unwrap()
        .id;
    Two { dir, secretariat, laptop, meeting }
}

impl Two {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn export(&mut self, name: &str) -> PathBuf {
        let out = self.path(name);
        self.secretariat.export_bundle(self.meeting, "Secretariaat DG&J", &out).unwrap();
        out
    }
}

fn fake_pdf(pages: &[&str]) -> Vec<u8> {
    format!("%PDF-1.4\n% proef: {}\n", pages.join(" | ")).into_bytes()
}

fn add_attachment(store: &mut Store, item: i64, name: &str, pages: &[&str]) -> i64 {
    let id = store.add_attachment(item, name, &fake_pdf(pages), Some(pages.len() as u32)).unwrap();
    store.set_attachment_text(id, &pages.iter().map(|p| p.to_string()).collect::<Vec<_>>()).unwrap();
    id
}

fn meeting_count(store: &Store) -> usize {
    store.meetings().unwrap().len()
}

#[test]
fn a_reissue_updates_the_meeting_keeps_the_notes_and_shows_what_changed() {
    let mut t = two();
    let items = t.secretariat.meeting(t.meeting).unwrap().items;
    let (first, second) = (items[1].clone(), items[2].clone());
    add_attachment(
        &mut t.secretariat,
        first.id,
        "raadsinformatiebrief.pdf",
        &["Inleiding", "De taakstelling voor 2021 bedraagt 4,2 miljoen euro.", "Slot"],
    );
    let v1 = t.export("v1.bmbundel");

    let report = t.laptop.import_bundle(&v1).unwrap();
    assert_eq!((report.issue, report.previous_issue, report.items_added), (1, None, items.len()));
    let here = t.laptop.meeting(report.meeting_id).unwrap();
    assert_eq!(
        here.items.iter().map(|i| &i.title).collect::<Vec<_>>(),
        items.iter().map(|i| &i.title).collect::<Vec<_>>()
    );
    let attachment = &here.items[1].attachments[0];
    assert_eq!(attachment.sha256, t.secretariat.meeting(t.meeting).unwrap().items[1].attachments[0].sha256);

    // Private notes on the laptop: on an item, and on a quoted passage of page 2.
    let on_item = t
        .laptop
        .add_note(&NewNote {
            item_id: here.items[2].id,
            attachment_id: None,
            page: None,
            quote: None,
            body: "Vragen naar de wachttijden.".into(),
        })
        .unwrap();
    let on_page = t
        .laptop
        .add_note(&NewNote {
            item_id: here.items[1].id,
            attachment_id: Some(attachment.id),
            page: Some(2),
            quote: Some("taakstelling voor 2021".into()),
            body: "Is 4,2 miljoen haalbaar?".into(),
        })
        .unwrap();

    // The secretariat re-issues: a new title, a new version of the letter with the passage on
    // page 3, and the items in another order.
    let mut update = ItemUpdate {
        title: "Wachttijden jeugdhulp (aangepast voorstel)".into(),
        kind: ItemKind::TerBespreking,
        level: second.level,
        portefeuillehouder_id: second.portefeuillehouder_id,
        confidentiality: second.confidentiality,
        proposal_md: second.proposal_md.clone(),
        decision_points: second.decision_points.clone(),
        dossier_id: second.dossier_id,
    };
    t.secretariat.update_agenda_item(second.id, &update).unwrap();
    let old = t.secretariat.meeting(t.meeting).unwrap().items[1].attachments[0].id;
    t.secretariat.delete_attachment(old).unwrap();
    add_attachment(
        &mut t.secretariat,
        first.id,
        "raadsinformatiebrief.pdf",
        &["Inleiding", "Nieuwe samenvatting", "De taakstelling voor 2021 bedraagt 4,2 miljoen euro.", "Slot"],
    );
    t.secretariat.move_agenda_item(second.id, None, 0).unwrap();
    let v2 = t.export("v2.bmbundel");

    let report = t.laptop.import_bundle(&v2).unwrap();
    assert_eq!((report.issue, report.previous_issue), (2, Some(1)));
    assert_eq!(report.notes_kept, 2, "no note is lost");
    assert!(report.items_changed >= 2, "{report:?}");
    let labels: Vec<&str> = report.changes_on_noted_items.iter().map(|c| c.label.as_str()).collect();
    assert!(labels.iter().any(|l| l.contains("Titel gewijzigd") && l.contains("aangepast voorstel")), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains("Bijlage vervangen")), "{labels:?}");

    let notes = t.laptop.notes_for_meeting(report.meeting_id).unwrap();
    let note = notes.iter().find(|n| n.id == on_page).unwrap();
    assert_eq!((note.page, note.anchor), (Some(3), Anchor::Verplaatst), "the note followed its passage");
    assert!(note.attachment_id.is_some());
    let note = notes.iter().find(|n| n.id == on_item).unwrap();
    assert_eq!(note.item_title.as_deref(), Some("Wachttijden jeugdhulp (aangepast voorstel)"));
    assert_eq!(note.anchor, Anchor::Ok);
    let here = t.laptop.meeting(report.meeting_id).unwrap();
    assert_eq!(here.items[0].title, "Wachttijden jeugdhulp (aangepast voorstel)", "the new order");

    // The same issue again, or an older one: refused, nothing changes.
    assert!(t.laptop.import_bundle(&v2).unwrap_err().to_string().contains("al ingelezen"));
    assert!(t.laptop.import_bundle(&v1).unwrap_err().to_string().contains("oudere versie"));

    // An item removed by the secretariat: its note stays and says so.
    let current = t.secretariat.meeting(t.meeting).unwrap();
    t.secretariat.delete_agenda_item(current.items[0].id).unwrap();
    update.title = "onbelangrijk".into();
    let v3 = t.export("v3.bmbundel");
    let report = t.laptop.import_bundle(&v3).unwrap();
    assert_eq!(report.items_removed, 1);
    let note = t.laptop.notes_for_meeting(report.meeting_id).unwrap().into_iter().find(|n| n.id == on_item).unwrap();
    assert_eq!(note.anchor, Anchor::AgendapuntVervallen);
    assert_eq!(note.body, "Vragen naar de wachttijden.");
    assert!(t.laptop.check().unwrap().is_ok());
}

#[test]
fn notes_never_leave_the_laptop_in_a_bundle() {
    let mut t = two();
    let item = t.secretariat.meeting(t.meeting).unwrap().items[0].id;
    t.secretariat
        .add_note(&NewNote {
            item_id: item,
            attachment_id: None,
            page: None,
            quote: None,
            body: "Persoonlijke aantekening XYZZY".into(),
        })
        .unwrap();
    let bundle = t.export("met-notitie.bmbundel");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&bundle).unwrap()).unwrap();
    for i in 0..archive.len() {
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_index(i).unwrap(), &mut text).unwrap();
        assert!(!String::from_utf8_lossy(&text).contains("XYZZY"));
    }
}

fn refused(laptop: &mut Store, path: &Path) -> String {
    let before = meeting_count(laptop);
    let err = laptop.import_bundle(path).unwrap_err();
    assert_eq!(meeting_count(laptop), before, "nothing imported for {}", path.display());
    assert!(laptop.check().unwrap().is_ok());
    err.to_string()
}

#[test]
fn tampered_truncated_and_foreign_bundles_are_refused() {
    let mut t = two();
    let items = t.secretariat.meeting(t.meeting).unwrap().items;
    add_attachment(&mut t.secretariat, items[0].id, "bijlage.pdf", &["Een pagina tekst"]);
    let good = t.export("goed.bmbundel");
    let bytes = std::fs::read(&good).unwrap();

    // One attachment byte changed (stored uncompressed, so the zip itself stays readable).
    let at = bytes.windows(16).position(|w| w.starts_with(b"% proef")).unwrap();
    let mut tampered = bytes.clone();
    tampered[at + 3] ^= 0x20;
    std::fs::write(t.path("gewijzigd.bmbundel"), &tampered).unwrap();
    let message = {
        let path = t.path("gewijzigd.bmbundel");
        refused(&mut t.laptop, &path)
    };
    assert!(message.contains("gewijzigd"), "{message}");

    std::fs::write(t.path("half.bmbundel"), &bytes[..bytes.len() / 2]).unwrap();
    let message = {
        let path = t.path("half.bmbundel");
        refused(&mut t.laptop, &path)
    };
    assert!(message.contains("onvolledig"), "{message}");

    // Signed by another Bestuursmap the laptop does not trust.
    let mut stranger = open(&t.path("vreemd.db"));
    demo::load(&mut stranger).unwrap();
    let theirs = stranger.meetings().unwrap()[0].id;
    stranger.export_bundle(theirs, "Onbekend", &t.path("vreemd.bmbundel")).unwrap();
    let err = t.laptop.import_bundle(&t.path("vreemd.bmbundel")).unwrap_err();
    assert_eq!(err.code(), "bundle_untrusted");
    assert!(err.to_string().contains("vingerafdruk"), "{err}");
    assert_eq!(meeting_count(&t.laptop), 0);

    // A header rewritten to a newer key: the signature no longer matches.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
    let mut header = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("bundel.json").unwrap(), &mut header).unwrap();
    let forged = header.replace("\"issue\": 1", "\"issue\": 7");
    assert_ne!(forged, header);
    rezip(&good, &t.path("vervalst.bmbundel"), &[("bundel.json", forged.as_bytes())]);
    let message = {
        let path = t.path("vervalst.bmbundel");
        refused(&mut t.laptop, &path)
    };
    assert!(message.contains("handtekening klopt niet"), "{message}");

    // And the good one imports.
    t.laptop.import_bundle(&good).unwrap();
}

/// Copies a bundle with some entries replaced or added.
fn rezip(from: &Path, to: &Path, replace: &[(&str, &[u8])]) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        let bytes = replace.iter().find(|(n, _)| *n == name).map(|(_, b)| b.to_vec()).unwrap_or(bytes);
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    for (name, bytes) in replace {
        if archive.by_name(name).is_err() {
            out.start_file(*name, options).unwrap();
            out.write_all(bytes).unwrap();
        }
    }
    out.finish().unwrap();
}

#[test]
fn hostile_bundles_are_refused_cleanly() {
    let mut t = two();
    let good = t.export("goed.bmbundel");

    rezip(&good, &t.path("pad.bmbundel"), &[("../../.bashrc", b"echo gehackt")]);
    let message = {
        let path = t.path("pad.bmbundel");
        refused(&mut t.laptop, &path)
    };
    assert!(message.contains("onveilige bestandsnaam"), "{message}");
    assert!(!t.dir.path().parent().unwrap().join(".bashrc").exists());

    rezip(
        &good,
        &t.path("utf8.bmbundel"),
        &[("bundel.json", b"{\"format\": \"bestuursmap-bundel\", \"x\": \"\xff\xfe\"}")],
    );
    let message = {
        let path = t.path("utf8.bmbundel");
        refused(&mut t.laptop, &path)
    };
    assert!(message.contains("UTF-8"), "{message}");

    let newer = br#"{"format": "bestuursmap-bundel", "format_version": 1, "schema_version": 99}"#;
    rezip(&good, &t.path("nieuwer.bmbundel"), &[("bundel.json", newer)]);
    let err = t.laptop.import_bundle(&t.path("nieuwer.bmbundel")).unwrap_err();
    assert_eq!(err.code(), "bundle_too_new");
    assert!(err.to_string().contains("nieuwere Bestuursmap"), "{err}");

    // Larger than the documented limit (a sparse file: no disk space used).
    let huge = std::fs::File::create(t.path("groot.bmbundel")).unwrap();
    huge.set_len(bestuursmap_core::offline::MAX_BUNDLE_BYTES + 1).unwrap();
    let message = {
        let path = t.path("groot.bmbundel");
        refused(&mut t.laptop, &path)
    };
    assert!(message.contains("hoogstens 512 MB"), "{message}");

    std::fs::write(t.path("brief.bmbundel"), "Geachte heer, mevrouw,").unwrap();
    let message = {
        let path = t.path("brief.bmbundel");
        refused(&mut t.laptop, &path)
    };
    assert!(message.contains("geen Bestuursmap-bundel"), "{message}");
}

#[test]
fn the_zienswijzen_of_a_meeting_travel_with_it_and_a_reissue_replaces_them() {
    let mut t = two();
    // The AB of 12 November 2020 decided on the begrotingswijziging with the four zienswijzen.
    t.meeting = t
        .secretariat
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.starts_at.date().to_string() == "2020-11-12")
        .unwrap()
        .id;
    let v1 = t.export("ab-nov-v1.bmbundel");
    let report = t.laptop.import_bundle(&v1).unwrap();
    let procedures = t.laptop.procedures().unwrap();
    assert_eq!(procedures.len(), 1);
    let detail = t.laptop.procedure(procedures[0].id).unwrap();
    assert_eq!(detail.zienswijzen.len(), 4, "Dordrecht, Gorinchem, Molenlanden, Papendrecht");
    let place = t.laptop.agenda_item_place(detail.agenda_item_id.unwrap()).unwrap().unwrap();
    assert_eq!(place.day.to_string(), "2020-11-12", "linked to the imported AB item");
    let measures = t.laptop.meeting(report.meeting_id).unwrap().items.iter().map(|i| i.measures.len()).sum::<usize>();
    assert!(measures > 0, "linked measures came along");

    let v2 = t.export("ab-nov-v2.bmbundel");
    t.laptop.import_bundle(&v2).unwrap();
    assert_eq!(t.laptop.procedures().unwrap().len(), 1, "replaced, not duplicated");
}

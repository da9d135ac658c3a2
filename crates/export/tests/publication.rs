//! The Woo publication of the 2020 demo cycle, checked on the generated files: nothing
//! vertrouwelijk, besloten, private, concept or demo unless asked; stable paths and identifiers;
//! the JSON-LD expanded by a real JSON-LD processor (pyld) and the HTML parsed by a strict
//! HTML5 parser (html5lib), both from the Debian packages in scripts/common.sh.

use bestuursmap_core::domain::{Confidentiality, ItemKind, MeetingStatus, Outcome, VoteChoice};
use bestuursmap_core::meetings::{ItemUpdate, NewAgendaItem, NewMeeting};
use bestuursmap_core::offline::NewNote;
use bestuursmap_core::publication::{PublicationOptions, PublicationScope};
use bestuursmap_core::{demo, Store};
use bestuursmap_export::publication::write_publication;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Words that only occur in what must never be published.
const SECRET_MARKERS: &[&str] = &[
    "Personeelsdossier directeur",
    "GEHEIME-BIJLAGE-INHOUD",
    "geheim-dossier",
    "Onderhandeling contract jeugdhulpaanbieder",
    "Subpunt onder besloten",
    "BESLOTEN-BIJLAGE-INHOUD",
    "PRIVÉ-NOTITIE van de wethouder",
];

const ALL: PublicationOptions = PublicationOptions { include_concept: true, include_demo: true };
const DEMO: PublicationOptions = PublicationOptions { include_concept: false, include_demo: true };
const NONE: PublicationOptions = PublicationOptions { include_concept: false, include_demo: false };

struct Fixture {
    store: Store,
    /// The demo AB of 12 November 2020.
    ab: i64,
    /// The item on the begrotingswijziging 2020 (public, voted, with a public attachment).
    budget_item: i64,
    /// A meeting entered by a user (no demo data).
    real_meeting: i64,
}

fn item_id(store: &Store, meeting: i64, prefix: &str) -> i64 {
    store.meeting(meeting).unwrap().items.iter().find(|i| i.title.starts_with(prefix)).unwrap().id
}

fn secret_item(store: &mut Store, meeting: i64, title: &str, confidentiality: Confidentiality) -> i64 {
    let mut item = NewAgendaItem::new(title, ItemKind::TerBesluitvorming);
    item.confidentiality = confidentiality;
    store.add_agenda_item(meeting, &item).unwrap()
}

/// The demo with what a real board adds: confidential and closed items with attachments, a
/// public attachment, a private note, and a meeting of its own without demo data.
fn fixture() -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    let ab = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.body == "AB" && m.starts_at.to_string().starts_with("2020-11-12"))
        .unwrap()
        .id;
    let budget_item = item_id(&store, ab, "Begrotingswijziging 2020");
    store
        .add_attachment(
            budget_item,
            "Nota van reactie 2020.txt",
            "Openbare nota van reactie op de zienswijzen.".as_bytes(),
            None,
        )
        .unwrap();

    let secret = secret_item(&mut store, ab, "Personeelsdossier directeur SOJ", Confidentiality::Vertrouwelijk);
    store.add_attachment(secret, "geheim-dossier.txt", b"GEHEIME-BIJLAGE-INHOUD", None).unwrap();
    let closed = secret_item(&mut store, ab, "Onderhandeling contract jeugdhulpaanbieder", Confidentiality::Besloten);
    store.add_attachment(closed, "contract.txt", b"BESLOTEN-BIJLAGE-INHOUD", None).unwrap();
    let mut child = NewAgendaItem::new("Subpunt onder besloten punt", ItemKind::TerInformatie);
    child.parent_id = Some(closed);
    store.add_agenda_item(ab, &child).unwrap();
    store
        .add_note(&NewNote {
            item_id: budget_item,
            attachment_id: None,
            page: None,
            quote: None,
            body: "PRIVÉ-NOTITIE van de wethouder: navragen bij Dordrecht".into(),
        })
        .unwrap();

    // A meeting the secretariat entered itself: published without the demo choice.
    let ab_body = store.body_by_code("AB").unwrap().id;
    let real_meeting = store
        .add_meeting(&NewMeeting {
            body_id: ab_body,
            title: "Algemeen Bestuur DG&J (extra)".into(),
            starts_at: chrono::NaiveDate::from_ymd_opt(2020, 7, 2).unwrap().and_hms_opt(19, 30, 0).unwrap(),
            ends_at: None,
            location: Some("Stadskantoor Dordrecht".into()),
            status: Some(MeetingStatus::Gepubliceerd),
            demo_note: None,
        })
        .unwrap();
    let real_item = store
        .add_agenda_item(real_meeting, &NewAgendaItem::new("Jaarstukken 2019 SOJ", ItemKind::TerBesluitvorming))
        .unwrap();
    store.set_outcome(real_item, Some(Outcome::Aangenomen), Some("Het AB stelt de jaarstukken 2019 vast.")).unwrap();
    let mut demo_item = NewAgendaItem::new("Proefpunt alleen voor de demonstratie", ItemKind::TerInformatie);
    demo_item.demo_note = Some("Dit punt is demo-invulling.".into());
    store.add_agenda_item(real_meeting, &demo_item).unwrap();
    secret_item(&mut store, real_meeting, "Personeelsdossier directeur (juli)", Confidentiality::Vertrouwelijk);
    Fixture { store, ab, budget_item, real_meeting }
}

fn ab_2020() -> PublicationScope {
    PublicationScope::BodyYear { body: "ab".into(), year: 2020 }
}

fn publish(store: &Store, scope: &PublicationScope, options: PublicationOptions, out: &Path) {
    let publication = store.publication(scope, options).unwrap();
    write_publication(store, &publication, out, &mut |_, _| {}).unwrap();
}

/// Every file of a folder, relative path → content.
fn files(root: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn all_text(root: &Path) -> String {
    files(root).into_iter().map(|(_, b)| String::from_utf8_lossy(&b).into_owned()).collect::<Vec<_>>().join("\n")
}

fn read_json(path: PathBuf) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn the_2020_cycle_publishes_only_its_public_part() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("publicatie");
    publish(&f.store, &ab_2020(), DEMO, &out);

    for (path, bytes) in files(&out) {
        for marker in SECRET_MARKERS {
            assert!(!contains(&bytes, marker), "{path} contains «{marker}»");
        }
    }
    let text = all_text(&out);
    // The public part is there: the agenda with numbers and kinds, the attachment, the decision.
    assert!(text.contains("Begrotingswijziging 2020 bij de eerste bestuursrapportage 2020 van de SOJ"));
    assert!(text.contains("Ter besluitvorming"));
    assert!(
        text.contains("met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd")
    );
    assert!(text.contains("Openbare nota van reactie op de zienswijzen."), "the public attachment is a file");
    assert!(text.contains("Stemgewicht"));
    assert!(text.contains("Aanwezig (10)</h3>"), "the attendance as recorded");
    // The concept agenda of December is not there.
    assert!(!text.contains("Werkafspraken maandrapportage"), "no concept agenda unless asked");
    assert!(!text.contains("2020-12-17"));
    // Demo data is there because it was asked for, and marked.
    assert!(text.contains("Demogegevens."));
    let ods = read_json(out.join("data/ods-ori.json"));
    assert_eq!(ods["bestuursmap"]["bevatDemogegevens"], true);
    assert!(!ods["bestuursmap"]["demogegevens"].as_array().unwrap().is_empty());

    // The attachment file is the stored file, with the size and hash the data give.
    let detail = f.store.meeting(f.ab).unwrap();
    let info = &detail.items.iter().find(|i| i.id == f.budget_item).unwrap().attachments[0];
    let object = ods["informatieobjecten"].as_array().unwrap().iter().find(|o| o["titel"] == info.file_name).unwrap();
    let file = out.join(object["link"].as_str().unwrap());
    assert_eq!(std::fs::read(&file).unwrap(), f.store.attachment_content(info.id).unwrap());
    let ld = read_json(out.join("data/ori.jsonld"));
    let media = ld["@graph"].as_array().unwrap().iter().find(|n| n["@type"] == "MediaObject").unwrap();
    assert_eq!(media["sha256"], info.sha256.as_str());
    assert_eq!(media["fileSize"], info.size_bytes);
    assert_eq!(media["encodingFormat"], info.media_type.as_str());

    // Weighted votes per municipality, with the weight, in both data files.
    let weights = ods["bestuursmap"]["stemgewichten"].as_array().unwrap();
    assert_eq!(weights.len(), 10, "ten municipalities voted");
    let alblasserdam = weights.iter().find(|w| w["gemeente"] == "Alblasserdam").unwrap();
    let stem = ods["stemmen"].as_array().unwrap().iter().find(|s| s["id"] == alblasserdam["stem"]).unwrap();
    assert_eq!(stem["keuzeStemming"], "tegen");
    assert!(stem.get("gewicht").is_none(), "no invented field inside an ODS resource");
    let votes: Vec<&Value> = ld["@graph"].as_array().unwrap().iter().filter(|n| n["@type"] == "Vote").collect();
    assert_eq!(votes.len(), 10);
    assert!(votes.iter().all(|v| v["weight"].as_str().is_some_and(|w| !w.is_empty())));
}

#[test]
fn demo_data_stays_out_unless_asked() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("echt");
    publish(&f.store, &ab_2020(), NONE, &out);
    let text = all_text(&out);
    assert!(text.contains("Jaarstukken 2019 SOJ"), "the meeting without demo data is published");
    assert!(!text.contains("Proefpunt alleen voor de demonstratie"), "a demo item is not");
    assert!(!text.contains("Begrotingswijziging 2020"), "the demo meeting is not");
    assert!(!text.contains("(demo)"), "no demo person");
    assert!(!text.contains("Demogegevens."));
    for marker in SECRET_MARKERS {
        assert!(!text.contains(marker), "«{marker}»");
    }
    let ods = read_json(out.join("data/ods-ori.json"));
    assert_eq!(ods["bestuursmap"]["bevatDemogegevens"], false);
    assert_eq!(ods["vergaderingen"].as_array().unwrap().len(), 1);

    // With nothing left (only demo and concept meetings), nothing is written.
    let none = dir.path().join("niets");
    let scope = PublicationScope::Meeting { meeting_id: f.ab };
    let err = f.store.publication(&scope, NONE).unwrap_err();
    assert!(err.to_string().contains("--include-demo"), "{err}");
    assert!(!none.exists());
}

#[test]
fn a_concept_agenda_only_when_asked_and_then_marked() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("met-concept");
    publish(&f.store, &ab_2020(), ALL, &out);
    let text = all_text(&out);
    assert!(text.contains("Werkafspraken maandrapportage"));
    assert!(text.contains("Concept-agenda."));
    let ods = read_json(out.join("data/ods-ori.json"));
    assert_eq!(ods["vergaderingen"].as_array().unwrap().len(), 3);
}

/// The properties of the ODS-ORI resources (openapi 2.0.0-beta.4, components/schemas): no
/// resource in data/ods-ori.json may carry a field the standard does not have.
const ODS_FIELDS: &[(&str, &[&str])] = &[
    (
        "vergaderingen",
        &[
            "url",
            "id",
            "aanvangVergadering",
            "agendapunten",
            "hoofdvergadering",
            "eindeVergadering",
            "gemeente",
            "provincie",
            "waterschap",
            "georganiseerdDoorGremium",
            "geplandeAanvangVergadering",
            "geplandeEindeVergadering",
            "geplandeVergaderdatum",
            "locatie",
            "naam",
            "status",
            "vergadertoelichting",
            "vergaderdatum",
            "vergaderingstype",
            "bijlagen",
            "informatieobject",
            "deelvergaderingen",
            "mediabronnen",
            "wijziging",
            "wijzigingsdatum",
        ],
    ),
    (
        "agendapunten",
        &[
            "url",
            "id",
            "vergadering",
            "hoofdagendapunt",
            "agendapuntKenmerk",
            "agendapuntOmschrijving",
            "agendapuntTitel",
            "agendapuntvolgnummer",
            "subagendapunten",
            "eindtijd",
            "gemeente",
            "provincie",
            "waterschap",
            "geplandAgendapuntvolgnummer",
            "geplandeEindtijd",
            "geplandeStarttijd",
            "indicatieHamerstuk",
            "indicatorBehandeld",
            "indicatorBesloten",
            "informatieobjecten",
            "starttijd",
            "stemmingen",
        ],
    ),
    ("besluiten", &["url", "id", "besluitresultaat", "besluittoelichting", "toezegging", "stemmingen"]),
    (
        "stemmingen",
        &[
            "url",
            "id",
            "agendapunt",
            "resultaatMondelingeStemming",
            "resultaatStemmingOverPersonen",
            "stemmingOverPersonen",
            "stemmingstype",
            "besluit",
            "informatieobject",
            "stemmen",
        ],
    ),
    ("stemmen", &["url", "id", "aanwezigeDeelnemer", "stemming", "keuzeStemming"]),
    (
        "informatieobjecten",
        &[
            "url",
            "id",
            "auteur",
            "bronorganisatie",
            "creatiedatum",
            "datumIngediend",
            "gemeente",
            "provincie",
            "waterschap",
            "informatieobjecttype",
            "inhoud",
            "link",
            "omschrijving",
            "taal",
            "titel",
            "motietype",
            "vraagtype",
            "vergaderingen",
            "versie",
            "agendapunten",
            "genotuleerdeVergadering",
            "gerelateerdInformatieobject",
            "zaken",
            "natuurlijkePersonen",
            "vertrouwelijkheidsaanduiding",
            "portefeuillehouder",
            "toelichting",
        ],
    ),
];

#[test]
fn the_ods_json_uses_only_fields_of_the_standard() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ods");
    publish(&f.store, &ab_2020(), ALL, &out);
    let ods = read_json(out.join("data/ods-ori.json"));
    let top: BTreeSet<&str> = ods.as_object().unwrap().keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> =
        ODS_FIELDS.iter().map(|(k, _)| *k).chain(["toelichting", "specificatie", "bestuursmap"]).collect();
    assert_eq!(top, expected);
    for (collection, fields) in ODS_FIELDS {
        let resources = ods[collection].as_array().unwrap();
        assert!(!resources.is_empty(), "{collection}");
        for resource in resources {
            for key in resource.as_object().unwrap().keys() {
                assert!(fields.contains(&key.as_str()), "{collection}: «{key}» is not an ODS field");
            }
            assert!(resource["id"].as_str().unwrap().len() <= 40);
            assert!(resource["url"].as_str().unwrap().starts_with("urn:uuid:"));
        }
    }
    // Enumerations as the standard has them.
    for v in ods["vergaderingen"].as_array().unwrap() {
        assert!(["gepland", "gehouden", "geannuleerd"].contains(&v["status"].as_str().unwrap()));
        assert!(v["naam"].as_str().unwrap().chars().count() <= 100);
    }
    for s in ods["stemmen"].as_array().unwrap() {
        assert!(["voor", "tegen", "afwezig", "onthouden"].contains(&s["keuzeStemming"].as_str().unwrap()));
    }
    for b in ods["besluiten"].as_array().unwrap() {
        assert!(b["besluittoelichting"].as_str().is_none_or(|t| t.chars().count() <= 200), "{b}");
    }
}

fn jsonld_ids(root: &Path) -> BTreeSet<String> {
    let ld = read_json(root.join("data/ori.jsonld"));
    ld["@graph"].as_array().unwrap().iter().map(|n| n["@id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_re_export_after_a_change_keeps_paths_and_identifiers() {
    let mut f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("eerste"), dir.path().join("tweede"));
    publish(&f.store, &ab_2020(), DEMO, &first);

    // The secretariat renames an item, adds one and records a vote again.
    let detail = f.store.meeting(f.ab).unwrap();
    let item = detail.items.iter().find(|i| i.id == f.budget_item).unwrap();
    f.store
        .update_agenda_item(
            f.budget_item,
            &ItemUpdate {
                title: format!("{} (gewijzigd)", item.title),
                kind: item.kind,
                level: item.level,
                portefeuillehouder_id: item.portefeuillehouder_id,
                confidentiality: item.confidentiality,
                proposal_md: item.proposal_md.clone(),
                decision_points: item.decision_points.clone(),
                dossier_id: item.dossier_id,
            },
        )
        .unwrap();
    let new_item =
        f.store.add_agenda_item(f.ab, &NewAgendaItem::new("Nagekomen mededeling", ItemKind::TerInformatie)).unwrap();
    let municipalities =
        f.store.member_municipalities_on(chrono::NaiveDate::from_ymd_opt(2020, 11, 12).unwrap()).unwrap();
    let votes: Vec<(i64, VoteChoice)> = municipalities.iter().map(|m| (m.id, VoteChoice::Voor)).collect();
    f.store.record_votes(new_item, &votes, Some("demo")).unwrap();
    publish(&f.store, &ab_2020(), DEMO, &second);

    let paths = |root: &Path| files(root).into_iter().map(|(p, _)| p).collect::<BTreeSet<_>>();
    let (before, after) = (paths(&first), paths(&second));
    assert!(before.is_subset(&after), "paths moved: {:?}", before.difference(&after).collect::<Vec<_>>());
    let (ids_before, ids_after) = (jsonld_ids(&first), jsonld_ids(&second));
    assert!(
        ids_before.is_subset(&ids_after),
        "identifiers changed: {:?}",
        ids_before.difference(&ids_after).collect::<Vec<_>>()
    );
    assert!(ids_after.len() > ids_before.len(), "the new item, its vote event and votes have new ids");
    assert!(all_text(&second).contains("(gewijzigd)"));

    // The same store published twice gives byte-identical files.
    let third = dir.path().join("derde");
    publish(&f.store, &ab_2020(), DEMO, &third);
    assert_eq!(files(&second), files(&third));
    let _ = f.real_meeting;
}

#[test]
fn an_existing_folder_with_files_is_refused_and_a_failure_leaves_nothing() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bestaand");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.html"), "oude site").unwrap();
    let publication = f.store.publication(&ab_2020(), DEMO).unwrap();
    let err = write_publication(&f.store, &publication, &out, &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("is niet leeg"), "{err}");
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "oude site");

    // An empty folder (as a save dialog makes) is fine.
    let empty = dir.path().join("leeg");
    std::fs::create_dir(&empty).unwrap();
    write_publication(&f.store, &publication, &empty, &mut |_, _| {}).unwrap();
    assert!(empty.join("index.html").is_file());

    // A failure halfway (an attachment gone from the store) leaves no folder and no leftovers.
    let mut broken = publication.clone();
    broken.meetings[0].items[0].attachments.push(bestuursmap_core::publication::PublicAttachment {
        id: "00000000-0000-0000-0000-000000000000".into(),
        store_id: 999_999,
        file_name: "weg.pdf".into(),
        path: "vergaderingen/x/bijlagen/weg.pdf".into(),
        media_type: "application/pdf".into(),
        size_bytes: 1,
        sha256: "0".repeat(64),
    });
    let half = dir.path().join("half");
    // What a killed run leaves: its temporary folder, which the next run removes.
    std::fs::create_dir_all(dir.path().join(".half.bezig-AbC123/vergaderingen")).unwrap();
    assert!(write_publication(&f.store, &broken, &half, &mut |_, _| {}).is_err());
    assert!(!half.exists());
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains("bezig")), "leftover temporary folder: {names:?}");
}

/// Debian's python3 with python3-pyld and python3-html5lib (scripts/common.sh installs them).
fn python(script: &str, arg: &Path) -> String {
    let output = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(script)
        .arg(arg)
        .output()
        .expect("/usr/bin/python3 (apt-get install python3-pyld python3-html5lib)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

/// Expands data/ori.jsonld with pyld, offline: the context is loaded from the folder itself.
const EXPAND: &str = r#"
import json, sys, pathlib
from pyld import jsonld
root = pathlib.Path(sys.argv[1]).resolve()
def loader(url, options=None):
    if not url.startswith("file://"):
        raise jsonld.JsonLdError("offline", "loading document failed", code="loading document failed")
    path = pathlib.Path(url[len("file://"):])
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": json.loads(path.read_text())}
jsonld.set_document_loader(loader)
doc_path = root / "data" / "ori.jsonld"
expanded = jsonld.expand(json.loads(doc_path.read_text()), {"base": doc_path.as_uri()})
print(json.dumps(expanded))
"#;

#[test]
fn the_json_ld_expands_with_the_ori_types() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ld");
    publish(&f.store, &ab_2020(), DEMO, &out);
    let expanded: Value = serde_json::from_str(&python(EXPAND, &out)).unwrap();
    let nodes = expanded.as_array().unwrap();
    let of_type = |t: &str| -> Vec<&Value> {
        nodes.iter().filter(|n| n["@type"].as_array().is_some_and(|a| a.iter().any(|x| x == t))).collect()
    };
    for (t, at_least) in [
        ("https://argu.co/ns/meeting/Meeting", 1),
        ("https://argu.co/ns/meeting/AgendaItem", 5),
        ("http://www.w3.org/ns/opengov#Motion", 1),
        ("http://www.w3.org/ns/opengov#VoteEvent", 1),
        ("http://www.w3.org/ns/opengov#Vote", 10),
        ("http://www.w3.org/ns/opengov#Count", 4),
        ("http://www.w3.org/ns/opengov#Result", 1),
        ("http://www.w3.org/ns/person#Person", 1),
        ("http://www.w3.org/ns/org#Organization", 11),
        ("http://www.w3.org/ns/org#Membership", 1),
        ("http://schema.org/MediaObject", 1),
    ] {
        assert!(of_type(t).len() >= at_least, "{t}: {} nodes", of_type(t).len());
    }
    // A vote carries its weight as an exact decimal and its option as an ORI IRI.
    let vote = of_type("http://www.w3.org/ns/opengov#Vote")[0];
    assert_eq!(vote["http://www.w3.org/ns/opengov#weight"][0]["@type"], "http://www.w3.org/2001/XMLSchema#decimal");
    assert!(vote["http://www.w3.org/ns/opengov#voteOption"][0]["@id"]
        .as_str()
        .unwrap()
        .starts_with("http://www.w3.org/ns/opengov#VoteOption"));
    // The attachment's content URL resolves to the file in the folder.
    let media = of_type("http://schema.org/MediaObject")[0];
    let url = media["http://schema.org/contentUrl"][0]["@id"].as_str().unwrap();
    let path = url.strip_prefix("file://").unwrap();
    assert!(Path::new(path).is_file(), "{url}");
    assert_eq!(media["http://schema.org/sha256"][0]["@value"].as_str().unwrap().len(), 64);
    // The agenda is an ordered list of the items, in agenda order.
    let longest = of_type("https://argu.co/ns/meeting/Meeting")
        .iter()
        .map(|m| m["https://argu.co/ns/meeting/agenda"][0]["@list"].as_array().unwrap().len())
        .max();
    assert!(longest >= Some(5), "{longest:?}");
    // Who was present: persons, by their stable ids.
    let attendees = of_type("https://argu.co/ns/meeting/Meeting")
        .iter()
        .filter_map(|m| m["http://schema.org/attendee"].as_array())
        .map(|a| a.len())
        .max();
    assert!(attendees >= Some(10), "{attendees:?}");
}

/// Parses every page with html5lib in strict mode (any parse error fails) and lists what an
/// accessible page needs: the language, a title, one h1, a main landmark, captioned tables.
const PARSE_HTML: &str = r#"
import sys, pathlib, json, html5lib
root = pathlib.Path(sys.argv[1])
report = {}
for page in sorted(root.rglob("*.html")):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        doc = parser.parse(page.read_bytes())
    except Exception as e:
        report[str(page.relative_to(root))] = {"error": f"{e} at {parser.errors[:3]}"}
        continue
    tables = doc.findall(".//table")
    report[str(page.relative_to(root))] = {
        "lang": doc.get("lang"),
        "title": (doc.findtext(".//title") or "").strip(),
        "h1": len(doc.findall(".//h1")),
        "main": len(doc.findall(".//main")),
        "uncaptioned_tables": sum(1 for t in tables if t.find("caption") is None),
        "scripts": len(doc.findall(".//script")),
        "links": [a.get("href") for a in doc.findall(".//a")],
    }
print(json.dumps(report))
"#;

#[test]
fn every_page_is_valid_html5_with_what_accessibility_needs_and_no_broken_links() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("html");
    publish(&f.store, &ab_2020(), ALL, &out);
    let report: Value = serde_json::from_str(&python(PARSE_HTML, &out)).unwrap();
    let pages = report.as_object().unwrap();
    assert!(pages.len() >= 5, "root, a body/year index and three meetings: {:?}", pages.keys());
    for (page, facts) in pages {
        assert!(facts.get("error").is_none(), "{page}: {}", facts["error"]);
        assert_eq!(facts["lang"], "nl", "{page}");
        assert!(!facts["title"].as_str().unwrap().is_empty(), "{page}");
        assert_eq!(facts["h1"], 1, "{page}");
        assert_eq!(facts["main"], 1, "{page}");
        assert_eq!(facts["uncaptioned_tables"], 0, "{page}");
        assert_eq!(facts["scripts"], 0, "{page}: no JavaScript");
        let base = out.join(page).parent().unwrap().to_path_buf();
        for href in facts["links"].as_array().unwrap().iter().filter_map(|h| h.as_str()) {
            if href.starts_with('#') || href.starts_with("http") {
                continue;
            }
            let target = base.join(href.split('#').next().unwrap());
            assert!(target.exists(), "{page}: broken link {href}");
        }
    }
}

//! Hostile input at the store's entry points (the app, the CLI and procedure JSON share them):
//! control characters in names and texts, unknown references, wrong types.

use bestuursmap_core::domain::ItemKind;
use bestuursmap_core::meetings::NewAgendaItem;
use bestuursmap_core::zienswijzen::exchange;
use bestuursmap_core::{demo, Store};

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    store
}

#[test]
fn control_characters_in_names_and_titles_are_refused_at_every_entry_point() {
    let mut store = demo_store();
    let meeting = store.meetings().unwrap()[0].id;
    let item = store.meeting(meeting).unwrap().items[0].id;
    for name in ["regel\nbreuk.pdf", "bel\u{7}.pdf", "nul\0.pdf"] {
        let err = store.add_attachment(item, name, b"%PDF-1.4 x", Some(1)).unwrap_err();
        assert!(err.to_string().contains("stuurteken"), "{name:?}: {err}");
    }
    for title in ["Begroting\u{0}2021", "Begroting\u{7}", "Twee\nregels"] {
        let err = store.add_agenda_item(meeting, &NewAgendaItem::new(title, ItemKind::TerBespreking)).unwrap_err();
        assert!(err.to_string().contains("stuurteken"), "{title:?}: {err}");
    }
    // A proposal may have line breaks.
    let mut fine = NewAgendaItem::new("Kadernota 2022", ItemKind::TerBespreking);
    fine.proposal_md = Some("Eerste alinea.\n\nTweede alinea.".into());
    store.add_agenda_item(meeting, &fine).unwrap();
    assert!(store.attachments(item).unwrap().iter().all(|a| !a.file_name.contains('\n')));
}

fn exported_procedure(store: &Store) -> serde_json::Value {
    let id = store.procedures().unwrap()[0].id;
    serde_json::to_value(exchange::export(store, id).unwrap()).unwrap()
}

#[test]
fn procedure_json_with_control_characters_wrong_types_or_unknown_items_is_refused_in_dutch() {
    let mut store = demo_store();
    let good = exported_procedure(&store);
    let before = store.procedures().unwrap().len();

    let mut nul = good.clone();
    nul["procedure"]["title"] = "Begroting\u{0}".into();
    let err = exchange::parse(&nul.to_string()).unwrap_err();
    assert!(err.to_string().contains("stuurteken"), "{err}");

    let mut wrong_type = good.clone();
    wrong_type["procedure"]["period_weeks"] = "acht".into();
    let err = exchange::parse(&wrong_type.to_string()).unwrap_err().to_string();
    assert!(err.contains("verkeerd type") && !err.contains("invalid type"), "{err}");

    let mut missing = good.clone();
    missing["procedure"].as_object_mut().unwrap().remove("title");
    let err = exchange::parse(&missing.to_string()).unwrap_err().to_string();
    assert!(err.contains("het veld \"title\" ontbreekt"), "{err}");

    let err = exchange::parse("{\"format\": ").unwrap_err().to_string();
    assert!(err.contains("regel 1") && !err.contains("EOF"), "{err}");

    // An agenda item this database does not have is refused, not dropped.
    let mut unknown = good.clone();
    unknown["procedure"]["agenda_item"] =
        serde_json::json!({"body": "AB", "date": "2019-01-01", "title": "Bestaat niet"});
    let file = exchange::parse(&unknown.to_string()).unwrap();
    let err = exchange::import(&mut store, &file).unwrap_err().to_string();
    assert!(err.contains("«Bestaat niet»") && err.contains("bestaat niet in deze database"), "{err}");
    assert_eq!(store.procedures().unwrap().len(), before, "nothing imported");
}

#[test]
fn a_large_attachment_is_stored_once_on_disk_not_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("groot.db");
    let passphrase = bestuursmap_core::store::Passphrase::new("proef-wachtwoordzin").unwrap();
    let mut store = Store::open(&path, bestuursmap_core::OpenMode::CreateIfMissing, &passphrase).unwrap();
    demo::load(&mut store).unwrap();
    let size_of = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
    };
    let before = size_of("") + size_of("-wal");
    let meeting = store.meetings().unwrap()[0].id;
    let item = store.meeting(meeting).unwrap().items[0].id;
    let content = vec![b'a'; 24 * 1024 * 1024];
    store.add_attachment(item, "groot.txt", &content, None).unwrap();
    let growth = size_of("") + size_of("-wal") - before;
    // Before: the log kept a second copy (a 99 MB file grew the store by 212 MB).
    assert!(growth < content.len() as u64 * 13 / 10, "grew {growth} bytes for {} bytes", content.len());
}

//! Zienswijze procedures and the nota van reactie, through the store's public API on the demo
//! data (the 2020 procedure of Dordrecht, Gorinchem, Molenlanden and Papendrecht).

use bestuursmap_core::domain::{MeetingStatus, NotaStatus, Stance};
use bestuursmap_core::zienswijzen::{exchange, refs::Part};
use bestuursmap_core::zienswijzen::{NewProcedure, PointView, ZienswijzeView};
use bestuursmap_core::{demo, Store};
use chrono::NaiveDate;
use serde_json::Value;

const FIXTURE: &str = include_str!("../../../assets/demo/fixtures/zienswijzen-2020-deel.json");

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    store
}

fn procedure(store: &Store) -> i64 {
    store.procedures().unwrap()[0].id
}

fn zienswijze_of(store: &Store, municipality: &str) -> ZienswijzeView {
    let d = store.procedure(procedure(store)).unwrap();
    let z = d.zienswijzen.iter().find(|z| z.municipality == municipality).unwrap();
    store.zienswijze(z.id).unwrap()
}

fn point<'a>(z: &'a ZienswijzeView, section: &str, label: &str) -> &'a PointView {
    z.sections
        .iter()
        .filter(|s| s.name == section)
        .flat_map(|s| s.points.iter().flat_map(|p| std::iter::once(p).chain(&p.children)))
        .find(|p| p.label.as_deref() == Some(label))
        .unwrap_or_else(|| panic!("{section} {label} of {}", z.municipality))
}

#[test]
fn the_demo_holds_the_2020_procedure_of_four_municipalities_word_for_word() {
    let store = demo_store();
    let d = store.procedure(procedure(&store)).unwrap();
    assert_eq!(d.summary.sent_on, NaiveDate::from_ymd_opt(2020, 7, 15).unwrap());
    assert_eq!(d.summary.deadline, NaiveDate::from_ymd_opt(2020, 9, 9).unwrap(), "8 weeks after 15 July");
    assert_eq!(d.decision.decided_on, NaiveDate::from_ymd_opt(2020, 11, 12));
    assert_eq!(d.decision_amount_text.as_deref(), Some("€ 6.600.000,00"));
    assert_eq!(d.dissent.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), ["Alblasserdam"]);
    assert!(d.agenda_item_label.as_deref().unwrap().starts_with("AB 12-11-2020 — Begrotingswijziging 2020"));
    let names: Vec<&str> = d.zienswijzen.iter().map(|z| z.municipality.as_str()).collect();
    assert_eq!(names, ["Dordrecht", "Gorinchem", "Molenlanden", "Papendrecht"]);
    assert_eq!(d.not_received.len(), 6, "the other six municipalities are not in the fixture");
    assert!(d.check.complete, "{:?}", d.check.errors);
    assert_eq!(
        d.check.points, 20,
        "Dordrecht 2 + 3 bullets + 5 overdenkingen + 1 slotverzoek, Gorinchem 1, Molenlanden 3, Papendrecht 5"
    );

    // Every reply is stored as the fixture has it and renders back to the same words.
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let mut compared = 0;
    for g in fixture["gemeenten"].as_array().unwrap() {
        let z = zienswijze_of(&store, g["gemeente"].as_str().unwrap());
        let all: Vec<&PointView> = z
            .sections
            .iter()
            .flat_map(|s| s.points.iter().flat_map(|p| std::iter::once(p).chain(&p.children)))
            .collect();
        for item in g["items"].as_array().unwrap() {
            let items = std::iter::once(item).chain(item["subpoints"].as_array().into_iter().flatten());
            for it in items {
                let Some(reply) = it["reactie"]["text"].as_str() else { continue };
                let found = all.iter().find(|p| p.segments.iter().any(|s| s.text == reply));
                assert!(found.is_some(), "{} {:?}: reply not found verbatim", z.municipality, it["label"]);
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 20);
}

#[test]
fn the_eight_cross_references_of_the_fixture_are_links() {
    let store = demo_store();
    let dordrecht = zienswijze_of(&store, "Dordrecht");
    let links = |p: &PointView| -> Vec<Part> {
        p.segments.iter().flat_map(|s| s.parts.clone()).filter(|x| matches!(x, Part::Link { .. })).collect()
    };
    let o1 = point(&dordrecht, "overdenkingen", "1");
    let target = point(&dordrecht, "zienswijze", "1").id;
    assert!(matches!(&links(o1)[..], [Part::Link { point_ids, dangling: false, .. }] if point_ids == &vec![target]));
    let o2 = point(&dordrecht, "overdenkingen", "2");
    assert!(matches!(&links(o2)[..], [Part::Link { point_ids, .. }] if point_ids.len() == 2));
    let bullet = &dordrecht.sections[0].points[2].children[0];
    let overdenkingen = dordrecht.sections.iter().find(|s| s.name == "overdenkingen").unwrap().id;
    assert!(matches!(&links(bullet)[..], [Part::Link { section_id: Some(s), .. }] if *s == overdenkingen));
    let papendrecht = zienswijze_of(&store, "Papendrecht");
    let p5 = point(&papendrecht, "zienswijze", "5");
    assert!(
        matches!(&links(p5)[..], [Part::Link { point_ids, text, .. }] if point_ids.len() == 4 && text == "punten 1 tot en met 4")
    );
    // And no other text became a link.
    let total: usize = ["Dordrecht", "Gorinchem", "Molenlanden", "Papendrecht"]
        .iter()
        .map(|m| {
            let z = zienswijze_of(&store, m);
            z.sections
                .iter()
                .flat_map(|s| s.points.iter().flat_map(|p| std::iter::once(p).chain(&p.children)))
                .map(|p| links(p).len())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(total, 4, "four reference phrases (eight targets) in these four municipalities");
}

#[test]
fn a_relabelled_point_is_followed_and_a_deleted_one_leaves_a_reported_dangling_reference() {
    let mut store = demo_store();
    let papendrecht = zienswijze_of(&store, "Papendrecht");
    let p4 = point(&papendrecht, "zienswijze", "4").clone();
    store.update_point(p4.id, Some("4a"), None, &p4.text, None).unwrap();
    let after = zienswijze_of(&store, "Papendrecht");
    assert_eq!(
        point(&after, "zienswijze", "5").segments[0].text,
        "U vindt onze reactie bij de punten 1 tot en met 4a hierboven."
    );

    let dordrecht = zienswijze_of(&store, "Dordrecht");
    let d1 = point(&dordrecht, "zienswijze", "1").id;
    store.delete_point(d1).unwrap();
    let check = store.completeness(procedure(&store)).unwrap();
    assert!(!check.complete);
    assert!(
        check.errors.iter().any(|p| p.municipality == "Dordrecht"
            && p.message.contains("punt 1 van de zienswijze van de gemeente Dordrecht")),
        "{:?}",
        check.errors
    );
    let err = store.set_nota_status(procedure(&store), NotaStatus::VastgesteldDoorDb).unwrap_err();
    assert!(err.to_string().contains("nog niet compleet"), "{err}");
}

#[test]
fn typed_references_are_recognised_and_a_dangling_one_is_an_error() {
    let mut store = demo_store();
    let molenlanden = zienswijze_of(&store, "Molenlanden");
    let m3 = point(&molenlanden, "zienswijze", "3").id;
    let (_, dangling) = store.add_segment(m3, "Zie ook onze reactie op punt 1.", None).unwrap();
    assert!(dangling.is_empty());
    let (_, dangling) = store.add_segment(m3, "Zie onze reactie op punt 7.", None).unwrap();
    assert_eq!(dangling, ["punt 7"]);
    let view = zienswijze_of(&store, "Molenlanden");
    let segs = &point(&view, "zienswijze", "3").segments;
    assert!(
        matches!(&segs[1].parts[1], Part::Link { point_ids, .. } if point_ids == &vec![point(&view, "zienswijze", "1").id])
    );
    assert_eq!(segs[2].dangling, ["punt 7"]);
    let check = store.completeness(procedure(&store)).unwrap();
    assert_eq!(check.errors.len(), 1);
    assert!(check.errors[0].message.contains("punt 7"));
    // Fixing the text makes the nota complete again.
    let still =
        store.update_segment(segs[2].id, "Zie onze reactie op punt 2 van de zienswijze van de gemeente Gorinchem.");
    assert_eq!(still.unwrap().len(), 1, "Gorinchem has one point only");
    let dangling = store
        .update_segment(segs[2].id, "Zie onze reactie op punt 1 van de zienswijze van de gemeente Gorinchem.")
        .unwrap();
    assert!(dangling.is_empty());
    assert!(store.completeness(procedure(&store)).unwrap().complete);
}

#[test]
fn status_moves_concept_adopted_dealt_with_and_locks_the_text() {
    let mut store = demo_store();
    let id = procedure(&store);
    let gorinchem = zienswijze_of(&store, "Gorinchem");
    let g1 = point(&gorinchem, "zienswijze", "1").clone();
    assert!(gorinchem.editable && store.procedure(id).unwrap().summary.editable);
    store.set_nota_status(id, NotaStatus::BehandeldInAb).unwrap_err();
    store.set_nota_status(id, NotaStatus::VastgesteldDoorDb).unwrap();
    // The views say what the writes refuse: not editable, and a change is refused.
    assert!(!zienswijze_of(&store, "Gorinchem").editable);
    assert!(!store.procedure(id).unwrap().summary.editable);
    let err = store.add_segment(g1.id, "Aanvulling.", None).unwrap_err();
    assert!(err.to_string().contains("terug naar concept"), "{err}");
    let alblasserdam = store.organisation_by_code("ALBLASSERDAM").unwrap().id;
    let err = store.add_zienswijze(id, alblasserdam, None, None, None).unwrap_err();
    assert!(err.to_string().contains("terug naar concept"), "{err}");
    store.set_nota_status(id, NotaStatus::Concept).unwrap();
    assert!(zienswijze_of(&store, "Gorinchem").editable);
    store.add_segment(g1.id, "Aanvulling.", None).unwrap();
    store.set_nota_status(id, NotaStatus::VastgesteldDoorDb).unwrap();
    store.set_nota_status(id, NotaStatus::BehandeldInAb).unwrap();
    store.set_nota_status(id, NotaStatus::Concept).unwrap_err();
}

#[test]
fn library_paragraphs_are_inserted_with_placeholders_filled_and_counted() {
    let mut store = demo_store();
    let library = store.standard_responses().unwrap();
    assert_eq!(library.len(), 36);
    let sr01 = library.iter().find(|r| r.code == "SR01").unwrap();
    assert_eq!(sr01.historic_uses, 10);
    let sr02 = library.iter().find(|r| r.code == "SR02").unwrap();
    assert_eq!(sr02.variants.len(), 2, "with and without «waaronder uw gemeente»");
    assert!(sr02.variants[1].text.starts_with("Een aantal gemeenten heeft aandacht gevraagd"));
    let id = store
        .add_standard_response(
            "EIGEN1",
            "Dank aan de raad",
            "Standaard",
            "Wij danken de raad van {gemeente} voor de zienswijze van {verzonden}.",
        )
        .unwrap();
    let variant = store.standard_responses().unwrap().into_iter().find(|r| r.id == id).unwrap().variants[0].clone();
    assert_eq!(variant.placeholders, ["{gemeente}", "{verzonden}"]);
    let z = zienswijze_of(&store, "Gorinchem");
    let g1 = point(&z, "zienswijze", "1").id;
    store.insert_standard_response(g1, variant.id).unwrap();
    let z = zienswijze_of(&store, "Gorinchem");
    let seg = point(&z, "zienswijze", "1").segments.last().unwrap().clone();
    assert_eq!(seg.text, "Wij danken de raad van Gorinchem voor de zienswijze van 15 juli 2020.");
    assert_eq!(seg.standard_response_code.as_deref(), Some("EIGEN1"));
    let used = store.standard_responses().unwrap().into_iter().find(|r| r.id == id).unwrap();
    assert_eq!(used.uses, 1);
}

#[test]
fn a_point_resembling_another_municipalitys_point_gets_its_reply_as_suggestion() {
    let store = demo_store();
    // Papendrecht and Molenlanden share passages (domain brief, section 6).
    let papendrecht = zienswijze_of(&store, "Papendrecht");
    let mut best = Vec::new();
    for s in &papendrecht.sections {
        for p in &s.points {
            best.extend(store.suggestions(p.id).unwrap().into_iter().map(|x| (p.label.clone(), x)));
        }
    }
    assert!(best.iter().any(|(_, s)| s.municipality == "Molenlanden" && !s.reply.is_empty()), "{best:?}");
    assert!(best.iter().all(|(_, s)| s.municipality != "Papendrecht"));
}

#[test]
fn a_letter_is_split_into_points_and_corrected_by_split_merge_and_relabel() {
    let mut store = demo_store();
    let id = procedure(&store);
    let sliedrecht = store.organisation_by_code("SLIEDRECHT").unwrap().id;
    let z = store
        .add_zienswijze(
            id,
            sliedrecht,
            NaiveDate::from_ymd_opt(2020, 9, 20),
            None,
            Some(Stance::InstemmendMetKanttekeningen),
        )
        .unwrap();
    let letter = "Geacht bestuur,\n\nDe raad geeft de volgende zienswijze:\n\n1. Wij steunen de wijziging van € 6,6 miljoen. Zie ook onze brief van 23 juni 2020.\n2. Procedure: de termijn van 8 weken is kort.\n3. Wij vragen aandacht voor:\n- de wachtlijsten;\n- de jeugdteams.\nOok vragen wij een update.\n\nMet vriendelijke groet,\nDe raad";
    assert_eq!(store.import_letter(z, letter).unwrap(), 3);
    let view = store.zienswijze(z).unwrap();
    let p3 = point(&view, "zienswijze", "3").clone();
    assert!(p3.text.contains("- de wachtlijsten;"), "bullets stay in their point");
    let summary = store.procedure(id).unwrap().zienswijzen.into_iter().find(|x| x.id == z).unwrap();
    assert!(summary.late, "received after 9 September 2020");
    assert_eq!(summary.open, 3);
    // Split point 3 before "Ook vragen wij", relabel it 4, then merge it back.
    let at = p3.text.find("Ook vragen").unwrap();
    let new = store.split_point(p3.id, p3.text[..at].chars().count(), Some("4")).unwrap();
    let view = store.zienswijze(z).unwrap();
    assert_eq!(point(&view, "zienswijze", "4").id, new);
    assert_eq!(point(&view, "zienswijze", "4").text, "Ook vragen wij een update.");
    store.update_point(new, Some("3"), None, "x", None).unwrap_err();
    let (_, _) = store.add_segment(new, "Zie onze reactie op punt 1.", None).unwrap();
    store.merge_with_next(p3.id).unwrap();
    let view = store.zienswijze(z).unwrap();
    let merged = point(&view, "zienswijze", "3");
    assert!(merged.text.ends_with("Ook vragen wij een update."));
    assert_eq!(merged.segments.len(), 1, "the reply of the merged point is kept");
    // A letter cannot be re-imported once replies exist.
    assert!(store.import_letter(z, letter).unwrap_err().to_string().contains("al reacties"));
}

#[test]
fn motions_go_on_an_ab_agenda_only() {
    let mut store = demo_store();
    let z = zienswijze_of(&store, "Molenlanden");
    let motion = store.add_motion(z.id, "Nagekomen motie jeugdhulp (test)", None, None, true).unwrap();
    let meetings = store.meetings().unwrap();
    let db = meetings.iter().find(|m| m.body_code == "DB").unwrap();
    assert!(store.schedule_motion(motion, db.id).unwrap_err().to_string().contains("Algemeen Bestuur"));
    // The choices the screen offers are exactly the meetings the write accepts.
    let allowed = store.motion_meetings().unwrap();
    assert!(!allowed.is_empty());
    for m in &meetings {
        let offered = allowed.iter().any(|a| a.id == m.id);
        assert_eq!(
            offered,
            m.body_code == "AB" && matches!(m.status, MeetingStatus::Concept | MeetingStatus::Gepubliceerd)
        );
        if !offered {
            let other = store.add_motion(z.id, "Proef", None, None, true).unwrap();
            assert!(store.schedule_motion(other, m.id).is_err(), "{} {:?}", m.body_code, m.status);
        }
    }
    let held = meetings.iter().find(|m| m.body_code == "AB" && m.status == MeetingStatus::Vergaderd).unwrap();
    let err = store.schedule_motion(motion, held.id).unwrap_err();
    assert!(err.to_string().contains("nog moet plaatsvinden"), "{err}");
    let ab = &allowed[0];
    let item = store.schedule_motion(motion, ab.id).unwrap();
    let title = store.meeting(ab.id).unwrap().items.into_iter().find(|i| i.id == item).unwrap().title;
    assert_eq!(title, "Motie gemeente Molenlanden: Nagekomen motie jeugdhulp (test)");
    assert!(store.motions(z.id).unwrap()[0].scheduled_as.as_deref().unwrap().starts_with("AB "));
}

#[test]
fn the_json_round_trip_is_lossless() {
    let mut store = demo_store();
    let id = procedure(&store);
    // Add what the demo lacks: an attachment, a motion, a library reply, a stance.
    let z = zienswijze_of(&store, "Dordrecht");
    store.add_zienswijze_attachment(z.id, "overdenkingen.txt", "Overdenkingen van de werkgroep".as_bytes()).unwrap();
    store.add_motion(z.id, "Motie (test)", Some("tekst"), NaiveDate::from_ymd_opt(2020, 9, 1), false).unwrap();
    store
        .update_zienswijze(
            z.id,
            NaiveDate::from_ymd_opt(2020, 9, 8),
            None,
            Some(Stance::Instemmend),
            z.intro.as_deref(),
        )
        .unwrap();
    let variant = store.standard_responses().unwrap()[0].variants[0].id;
    store.insert_standard_response(point(&z, "zienswijze", "2").id, variant).unwrap();
    let first = exchange::export(&store, id).unwrap();
    let json = serde_json::to_string_pretty(&first).unwrap();

    let mut other = Store::open_in_memory().unwrap();
    demo::load(&mut other).unwrap();
    let imported = exchange::import(&mut other, &exchange::parse(&json).unwrap()).unwrap();
    let second = exchange::export(&other, imported).unwrap();
    assert_eq!(serde_json::to_string_pretty(&second).unwrap(), json);
    let refs: usize = second
        .zienswijzen
        .iter()
        .flat_map(|z| &z.sections)
        .flat_map(|s| &s.points)
        .flat_map(|p| p.replies.iter().chain(p.children.iter().flat_map(|c| &c.replies)))
        .map(|r| r.references.len())
        .sum();
    assert_eq!(refs, 8);
    assert!(other.completeness(imported).unwrap().complete);
}

#[test]
fn bad_exchange_files_are_refused_and_leave_nothing_behind() {
    let mut store = demo_store();
    let id = procedure(&store);
    let mut file = exchange::export(&store, id).unwrap();
    assert!(exchange::parse("{").unwrap_err().to_string().contains("geen geldige JSON"));
    assert!(exchange::parse(r#"{"format":"iets anders"}"#)
        .unwrap_err()
        .to_string()
        .contains("geen zienswijzeprocedure"));
    let mut newer = serde_json::to_value(&file).unwrap();
    newer["version"] = 2.into();
    assert!(exchange::parse(&newer.to_string()).unwrap_err().to_string().contains("formaatversie 2"));
    file.zienswijzen[3].gemeente = "Atlantis".into();
    let before = store.procedures().unwrap().len();
    assert!(exchange::import(&mut store, &file).unwrap_err().to_string().contains("Atlantis"));
    assert_eq!(store.procedures().unwrap().len(), before, "nothing half-imported");
}

#[test]
fn the_covering_letter_is_drafted_from_the_decision_and_most_mentioned_concerns() {
    let mut store = demo_store();
    let demo = procedure(&store);
    let id = store
        .add_procedure(&NewProcedure {
            title: "Test".into(),
            subject: "primaire begroting 2022".into(),
            documents: None,
            sent_on: NaiveDate::from_ymd_opt(2021, 4, 14).unwrap(),
            period_weeks: 8,
            agenda_item_id: None,
            demo_note: None,
        })
        .unwrap();
    let draft = store.draft_letter(id).unwrap();
    assert!(draft.contains("Op 14 april 2021 is de primaire begroting 2022"));
    assert!(draft.contains("nog niet vastgelegd"));
    // The demo procedure: the real letter is stored; a fresh draft names the decision and concerns.
    assert!(store.letter(demo).unwrap().contains("ter hoogte van 6,6 miljoen"));
    let draft = store.draft_letter(demo).unwrap();
    assert!(draft.contains("Realistisch begroten en realistisch bezuinigen (genoemd door"), "{draft}");
}

#[test]
fn a_procedure_is_decided_on_an_ab_item_whether_it_is_made_or_changed() {
    let mut store = demo_store();
    let meetings = store.meetings().unwrap();
    let item_of = |body: &str| {
        let meeting = meetings.iter().find(|m| m.body_code == body && m.item_count > 0).unwrap();
        store.meeting(meeting.id).unwrap().items[0].id
    };
    let (db_item, ab_item) = (item_of("DB"), item_of("AB"));
    let new = |agenda_item_id| NewProcedure {
        title: "Begroting 2027 (test)".into(),
        subject: "Ontwerpbegroting 2027".into(),
        documents: None,
        sent_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        period_weeks: 8,
        agenda_item_id,
        demo_note: None,
    };
    let before = store.procedures().unwrap().len();
    let refused = store.add_procedure(&new(Some(db_item))).unwrap_err().to_string();
    assert!(refused.contains("besluit het AB"), "{refused}");
    assert_eq!(store.procedures().unwrap().len(), before, "nothing is made when refused");

    let id = store.add_procedure(&new(Some(ab_item))).unwrap();
    assert!(store.update_procedure(id, &new(Some(db_item))).unwrap_err().to_string().contains("besluit het AB"));
    store.update_procedure(id, &new(None)).unwrap();
}

#[test]
fn a_library_variant_is_reworded_and_replies_already_given_keep_their_text() {
    let mut store = demo_store();
    let id = store.add_standard_response("EIGEN2", "Dank", "Kort", "Wij danken {gemeente}.").unwrap();
    let variant = store.standard_responses().unwrap().into_iter().find(|r| r.id == id).unwrap().variants[0].clone();
    let z = zienswijze_of(&store, "Gorinchem");
    let g1 = point(&z, "zienswijze", "1").id;
    store.insert_standard_response(g1, variant.id).unwrap();

    store
        .update_standard_response_variant(variant.id, "Uitgebreid", "Wij danken de raad van {gemeente} hartelijk.")
        .unwrap();
    let edited = store.standard_responses().unwrap().into_iter().find(|r| r.id == id).unwrap().variants[0].clone();
    assert_eq!(
        (edited.label.as_str(), edited.text.as_str()),
        ("Uitgebreid", "Wij danken de raad van {gemeente} hartelijk.")
    );
    let z = zienswijze_of(&store, "Gorinchem");
    assert_eq!(point(&z, "zienswijze", "1").segments.last().unwrap().text, "Wij danken Gorinchem.");
    assert!(store.update_standard_response_variant(variant.id, "Leeg", "  ").is_err(), "a variant keeps a text");
}

#[test]
fn a_concern_is_reworded_or_removed_with_its_tags() {
    let mut store = demo_store();
    let procedure = procedure(&store);
    let concern = store.add_concern(procedure, "Wachtlijsten (test)", "Lange wachttijden").unwrap();
    let z = zienswijze_of(&store, "Gorinchem");
    store.tag_point(point(&z, "zienswijze", "1").id, concern, true).unwrap();

    store.update_concern(concern, "Wachttijden jeugdhulp", "Lange wachttijden bij aanbieders").unwrap();
    let found = store.concerns(procedure).unwrap().into_iter().find(|c| c.id == concern).unwrap();
    assert_eq!(found.title, "Wachttijden jeugdhulp");
    assert_eq!(found.mentioned_by, ["Gorinchem"]);
    assert!(store.update_concern(concern, " ", "").is_err(), "a concern keeps a title");

    store.delete_concern(concern).unwrap();
    assert!(!store.concerns(procedure).unwrap().iter().any(|c| c.id == concern));
}

//! Search on the demo data: stemming, diacritics, phrases, filters, and an index that follows
//! every edit and delete.

use bestuursmap_core::domain::{ItemKind, MeetingStatus};
use bestuursmap_core::meetings::{ItemUpdate, NewAgendaItem, NewMeeting};
use bestuursmap_core::search::SearchFilter;
use bestuursmap_core::{demo, Store};

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    store
}

fn titles(store: &Store, query: &str, filter: &SearchFilter) -> Vec<String> {
    store.search(query, filter, 50).unwrap().into_iter().map(|h| h.title).collect()
}

#[test]
fn stems_diacritics_prefixes_and_phrases() {
    let store = demo_store();
    let all = SearchFilter::default();
    // "maatregel" finds "maatregelen" (and the reverse).
    let hits = store.search("maatregel", &all, 50).unwrap();
    assert!(
        hits.iter().any(|h| h.snippet.iter().any(|p| p.hit && p.text.to_lowercase().starts_with("maatregelen"))),
        "{hits:?}"
    );
    // Diacritics folded: "een" finds "één", "coordinatie" finds the folded form.
    let mut store = store;
    let ab = store.meetings().unwrap()[0].id;
    store.add_agenda_item(ab, &NewAgendaItem::new("Coördinatie van de zorgvraag", ItemKind::TerBespreking)).unwrap();
    assert!(titles(&store, "coordinatie", &all).iter().any(|t| t.ends_with("Coördinatie van de zorgvraag")));
    // Prefix and phrase.
    assert!(titles(&store, "bestuursrapport*", &all).iter().any(|t| t.contains("Tweede bestuursrapportage")));
    let phrase = titles(&store, "\"met inachtneming van het feit\"", &all);
    assert!(phrase.iter().any(|t| t.contains("Begrotingswijziging 2020")), "{phrase:?}");
    assert!(titles(&store, "\"feit met inachtneming\"", &all).is_empty(), "a phrase keeps its order");
    // Boolean operators.
    let both = titles(&store, "begrotingswijziging EN 2021", &all);
    let either = titles(&store, "begrotingswijziging OF coordinatie", &all);
    assert!(either.len() > both.len());
    assert!(titles(&store, "begrotingswijziging NIET 2021", &all)
        .iter()
        .all(|t| !t.contains("2021 met meerjarenraming")));
    assert!(store.search("  ", &all, 10).is_err());
}

#[test]
fn filters_by_kind_body_and_date() {
    let store = demo_store();
    let kind = |k: &str| SearchFilter { kinds: vec![k.into()], ..SearchFilter::default() };
    let measures = store.search("jeugdhulp", &kind("measure"), 50).unwrap();
    assert!(!measures.is_empty() && measures.iter().all(|h| h.kind == "measure"));
    let ab_only = SearchFilter { body: Some("AB".into()), ..SearchFilter::default() };
    assert!(store.search("begrotingswijziging", &ab_only, 50).unwrap().iter().all(|h| h.body.as_deref() == Some("AB")));
    let november = SearchFilter {
        from: chrono::NaiveDate::from_ymd_opt(2020, 11, 1),
        to: chrono::NaiveDate::from_ymd_opt(2020, 11, 30),
        ..SearchFilter::default()
    };
    let hits = store.search("begrotingswijziging", &november, 50).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.day.as_deref() == Some("2020-11-12")), "{hits:?}");
    // Municipality: the AB item on the begrotingswijziging 2020 has Dordrecht's portefeuillehouder.
    let dordrecht = SearchFilter { municipality: Some("DORDRECHT".into()), ..SearchFilter::default() };
    let hits = store.search("begrotingswijziging", &dordrecht, 50).unwrap();
    let items: Vec<_> = hits.iter().filter(|h| h.kind == "item").collect();
    assert_eq!(items.len(), 1, "{hits:?}");
    assert!(items[0].title.contains("Begrotingswijziging 2020"));
    // And Dordrecht's own zienswijze, not another municipality's.
    assert!(hits.iter().filter(|h| h.kind == "point").all(|h| h.title.starts_with("Zienswijze Dordrecht")));
    assert!(hits.iter().any(|h| h.kind == "point"));
    let hoeksche_waard = SearchFilter { municipality: Some("HOEKSCHE_WAARD".into()), ..SearchFilter::default() };
    assert!(store.search("begrotingswijziging", &hoeksche_waard, 50).unwrap().iter().all(|h| h.title.contains("2021")));
}

#[test]
fn the_index_follows_edits_and_deletes() {
    let mut store = demo_store();
    let body = store.body_by_code("DB").unwrap().id;
    let meeting = store
        .add_meeting(&NewMeeting {
            body_id: body,
            title: "DB maart".into(),
            starts_at: chrono::NaiveDate::from_ymd_opt(2021, 3, 4).unwrap().and_hms_opt(13, 0, 0).unwrap(),
            ends_at: None,
            location: None,
            // Published: its decisions are recorded (and indexed) below.
            status: Some(MeetingStatus::Gepubliceerd),
            demo_note: None,
        })
        .unwrap();
    let item =
        store.add_agenda_item(meeting, &NewAgendaItem::new("Zwaluwstaartverbinding", ItemKind::TerBespreking)).unwrap();
    let all = SearchFilter::default();
    assert_eq!(store.search("zwaluwstaartverbinding", &all, 10).unwrap().len(), 1);
    let view = store.meeting(meeting).unwrap().items.remove(0);
    store
        .update_agenda_item(
            item,
            &ItemUpdate {
                title: "Pen-en-gatverbinding".into(),
                kind: view.kind,
                level: None,
                portefeuillehouder_id: None,
                confidentiality: view.confidentiality,
                proposal_md: Some("Een voorstel over de kwartaalrapportage.".into()),
                decision_points: vec!["Akkoord met de hoofdlijnen.".into()],
                dossier_id: None,
            },
        )
        .unwrap();
    assert!(store.search("zwaluwstaartverbinding", &all, 10).unwrap().is_empty(), "old text is gone");
    assert_eq!(store.search("hoofdlijn", &all, 10).unwrap().len(), 1, "decision points are indexed");
    store
        .set_outcome(item, Some(bestuursmap_core::domain::Outcome::Besproken), Some("Besproken met de regiegroep."))
        .unwrap();
    assert_eq!(store.search("regiegroep", &all, 10).unwrap().len(), 1, "decisions are indexed");
    store.delete_agenda_item(item).unwrap();
    assert!(store.search("regiegroep", &all, 10).unwrap().is_empty(), "deleted items leave the index");
    // The totals the ranking weighs with followed every one of these changes.
    assert!(store.check().unwrap().search_index.is_empty(), "{:?}", store.check().unwrap());

    // Attachment pages: the hit names the page.
    let other = store.add_agenda_item(meeting, &NewAgendaItem::new("Stukken", ItemKind::TerInformatie)).unwrap();
    let att = store.add_attachment(other, "notitie.txt", b"x", None).unwrap();
    store.set_attachment_text(att, &["Eerste pagina.".into(), "Over de wachtlijstproblematiek.".into()]).unwrap();
    let hits = store.search("wachtlijstproblematiek", &all, 10).unwrap();
    assert_eq!((hits[0].kind.as_str(), hits[0].page), ("attachment", Some(2)));
    // A rebuild gives the same answers.
    let before = store.search("begrotingswijziging", &all, 50).unwrap().len();
    assert!(store.reindex().unwrap() > 50);
    assert_eq!(store.search("begrotingswijziging", &all, 50).unwrap().len(), before);
    assert!(store.check().unwrap().search_index.is_empty(), "{:?}", store.check().unwrap());
}

#[test]
fn zienswijze_points_and_their_replies_are_found_per_municipality() {
    let mut store = demo_store();
    let only =
        |m: &str| SearchFilter { kinds: vec!["point".into()], municipality: Some(m.into()), ..SearchFilter::default() };
    // Words of Dordrecht's inbreng ("overdenkingen") and of the reply ("lobby").
    let hits = store.search("rijksmiddelen", &only("DORDRECHT"), 20).unwrap();
    assert!(hits.iter().any(|h| h.title.starts_with("Zienswijze Dordrecht")), "{hits:?}");
    assert!(store.search("rijksmiddelen", &only("GORINCHEM"), 20).unwrap().is_empty());
    let hits =
        store.search("lobby", &SearchFilter { kinds: vec!["point".into()], ..SearchFilter::default() }, 20).unwrap();
    assert!(!hits.is_empty());
    assert_eq!(hits[0].kind_label, "Zienswijze");
    // A new reply is found at once.
    let point = hits[0].ref_id;
    let (procedure, zienswijze) = store.point_location(point).unwrap();
    assert!(store.zienswijze(zienswijze).unwrap().procedure_id == procedure);
    store.add_segment(point, "Wij verwijzen naar de kwartaalrapportage.", None).unwrap();
    let found = store
        .search("kwartaalrapportage", &SearchFilter { kinds: vec!["point".into()], ..SearchFilter::default() }, 5)
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(!found[0].snippet.iter().any(|p| p.text.contains("[[")), "no tokens in snippets");
}

#[test]
fn the_best_match_is_found_among_all_matches_not_only_the_latest() {
    // The best hit is the oldest document; thousands of weaker, newer matches come after it. Only a
    // ranking over every match puts it first (the index once ranked only the latest 2,000).
    let mut store = demo_store();
    let body = store.body_by_code("DB").unwrap().id;
    let meeting = store
        .add_meeting(&NewMeeting {
            body_id: body,
            title: "DB reeks".into(),
            starts_at: chrono::NaiveDate::from_ymd_opt(2016, 2, 4).unwrap().and_hms_opt(13, 0, 0).unwrap(),
            ends_at: None,
            location: None,
            status: Some(MeetingStatus::Vergaderd),
            demo_note: None,
        })
        .unwrap();
    let best = store
        .add_agenda_item(meeting, &NewAgendaItem::new("Zorgvernieuwing zorgvernieuwing", ItemKind::TerBespreking))
        .unwrap();
    let filler = "met een lange toelichting over de regio en haar gemeenten ".repeat(4);
    store
        .atomically(|s| {
            for i in 0..2_100 {
                s.add_agenda_item(
                    meeting,
                    &NewAgendaItem {
                        proposal_md: Some(format!("Onderwerp {i}: zorgvernieuwing, {filler}")),
                        ..NewAgendaItem::new(format!("Punt {i}"), ItemKind::TerInformatie)
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    let hits = store.search("zorgvernieuwing", &SearchFilter::default(), 20).unwrap();
    assert_eq!(hits.len(), 20);
    assert_eq!((hits[0].kind.as_str(), hits[0].ref_id), ("item", best), "{:?}", hits[0]);
    // The same with a filter that all of them pass.
    let db = SearchFilter { body: Some("DB".into()), ..SearchFilter::default() };
    assert_eq!(store.search("zorgvernieuwing", &db, 5).unwrap()[0].ref_id, best);
}

#[test]
fn date_ranges_cut_at_the_day_across_months_and_years() {
    let store = demo_store();
    // The AB of 12 November 2020 has the begrotingswijziging; a range ending the day before misses it.
    let range = |from: (i32, u32, u32), to: (i32, u32, u32)| SearchFilter {
        from: chrono::NaiveDate::from_ymd_opt(from.0, from.1, from.2),
        to: chrono::NaiveDate::from_ymd_opt(to.0, to.1, to.2),
        ..SearchFilter::default()
    };
    let in_range = |f: &SearchFilter| {
        store.search("begrotingswijziging", f, 50).unwrap().iter().any(|h| h.day.as_deref() == Some("2020-11-12"))
    };
    assert!(in_range(&range((2019, 12, 31), (2021, 1, 1))));
    assert!(in_range(&range((2020, 11, 12), (2020, 11, 12))));
    assert!(!in_range(&range((2019, 1, 1), (2020, 11, 11))));
    assert!(!in_range(&range((2020, 11, 13), (2030, 1, 1))));
    let open_start = SearchFilter { to: chrono::NaiveDate::from_ymd_opt(2020, 11, 12), ..SearchFilter::default() };
    assert!(in_range(&open_start));
    // Every hit of a range lies in it.
    for hit in store.search("begrotingswijziging", &range((2020, 10, 15), (2020, 12, 1)), 50).unwrap() {
        let day = hit.day.unwrap();
        assert!(("2020-10-15".."2020-12-02").contains(&day.as_str()), "{day}");
    }
}

#[test]
fn an_attachment_follows_its_meeting_to_a_new_date() {
    let mut store = demo_store();
    let db = store.body_by_code("DB").unwrap().id;
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2021, 3, d).unwrap();
    let meeting = store
        .add_meeting(&NewMeeting {
            body_id: db,
            title: "DB maart".into(),
            starts_at: day(4).and_hms_opt(13, 0, 0).unwrap(),
            ends_at: None,
            location: None,
            status: None,
            demo_note: None,
        })
        .unwrap();
    let item = store.add_agenda_item(meeting, &NewAgendaItem::new("Stukken", ItemKind::TerInformatie)).unwrap();
    let att = store.add_attachment(item, "notitie.txt", b"x", None).unwrap();
    store.set_attachment_text(att, &["Over de zwaluwstaartverbinding.".into()]).unwrap();
    let on = |d: u32| SearchFilter {
        kinds: vec!["attachment".into()],
        from: Some(day(d)),
        to: Some(day(d)),
        ..SearchFilter::default()
    };
    assert_eq!(store.search("zwaluwstaartverbinding", &on(4), 10).unwrap().len(), 1);
    // The meeting moves a week: the page's date filter follows (its tokens come from the meeting).
    let view = store.meeting(meeting).unwrap().meeting;
    store
        .update_meeting(
            meeting,
            &bestuursmap_core::meetings::MeetingUpdate {
                title: view.title,
                starts_at: day(11).and_hms_opt(13, 0, 0).unwrap(),
                ends_at: None,
                location: None,
                chair_id: None,
                secretary_id: None,
            },
        )
        .unwrap();
    assert!(store.search("zwaluwstaartverbinding", &on(4), 10).unwrap().is_empty(), "not on the old date");
    let moved = store.search("zwaluwstaartverbinding", &on(11), 10).unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].day.as_deref(), Some("2021-03-11"));
}

#[test]
fn a_restored_backup_is_ranked_with_its_own_document_lengths() {
    restored_backup_ranks_as_a_fresh_open(false);
}

#[test]
fn a_backup_restored_by_another_program_is_ranked_with_its_own_document_lengths() {
    // The CLI's `restore` while the app has the file open: the app's next search reads anew.
    restored_backup_ranks_as_a_fresh_open(true);
}

/// Ids after the backup are handed out again once it is restored; the ranking must not keep the
/// lengths it read for the documents that had them before.
fn restored_backup_ranks_as_a_fresh_open(by_another_connection: bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bestuursmap.db");
    let passphrase = bestuursmap_core::store::Passphrase::new("proef-wachtwoordzin").unwrap();
    let mut store = Store::open(&path, bestuursmap_core::OpenMode::CreateIfMissing, &passphrase).unwrap();
    demo::load(&mut store).unwrap();
    let meeting = store.meetings().unwrap().into_iter().find(|m| m.status == MeetingStatus::Concept).unwrap().id;
    let all = SearchFilter::default();
    store.search("jeugdhulp", &all, 5).unwrap();
    let backup = store.backup_now("handmatig").unwrap();
    let filler = "met een lange toelichting over de regio en haar gemeenten ".repeat(30);
    let long = |title: &str, text: &str| NewAgendaItem {
        proposal_md: Some(text.to_string()),
        ..NewAgendaItem::new(title, ItemKind::TerBespreking)
    };
    store.add_agenda_item(meeting, &long("Lang een", &filler)).unwrap();
    store.add_agenda_item(meeting, &long("Lang twee", &filler)).unwrap();
    store.search("toelichting", &all, 5).unwrap();
    if by_another_connection {
        let mut other = Store::open(&path, bestuursmap_core::OpenMode::MustExist, &passphrase).unwrap();
        other.restore_from(&backup.path, None).unwrap();
    } else {
        store.restore_from(&backup.path, None).unwrap();
    }
    // The same two places in the index, now a short item that names the word once and a long one
    // that names it twice: by length the short one is the better match.
    store.add_agenda_item(meeting, &long("Kort", "zwaluwstaartverbinding")).unwrap();
    store
        .add_agenda_item(meeting, &long("Lang", &format!("zwaluwstaartverbinding zwaluwstaartverbinding {filler}")))
        .unwrap();
    let titles = |store: &Store| -> Vec<String> {
        store.search("zwaluwstaartverbinding", &all, 5).unwrap().into_iter().map(|h| h.title).collect()
    };
    let after_restore = titles(&store);
    assert!(after_restore[0].ends_with("Kort"), "{after_restore:?}");
    drop(store);
    let reopened = Store::open(&path, bestuursmap_core::OpenMode::MustExist, &passphrase).unwrap();
    assert_eq!(titles(&reopened), after_restore, "the same ranking as a store that read every length anew");
}

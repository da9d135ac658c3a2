//! The rules of meetings and agendas, through the store's public API on the demo data.

use bestuursmap_core::actions::NewAction;
use bestuursmap_core::domain::{ActionStatus, ItemKind, ItemLevel, MeetingStatus, Outcome, Presence, VoteChoice};
use bestuursmap_core::meetings::voting::{MajorityBasis, TallyResult, VotingRule};
use bestuursmap_core::meetings::{NewAgendaItem, NewMeeting};
use bestuursmap_core::{demo, CoreError, Store};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    store
}

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(19, 30, 0).unwrap()
}

fn meeting(store: &mut Store, body: &str, when: NaiveDateTime) -> i64 {
    let body_id = store.body_by_code(body).unwrap().id;
    store
        .add_meeting(&NewMeeting {
            body_id,
            title: format!("{body} test"),
            starts_at: when,
            ends_at: None,
            location: None,
            // No status named: the core starts a new meeting as a concept.
            status: None,
            demo_note: None,
        })
        .unwrap()
}

/// A meeting whose agenda is published: it takes place, so outcomes and votes are recorded.
fn held_meeting(store: &mut Store, body: &str, when: NaiveDateTime) -> i64 {
    let id = meeting(store, body, when);
    store.set_meeting_status(id, MeetingStatus::Gepubliceerd).unwrap();
    id
}

fn item(store: &mut Store, meeting: i64, title: &str, kind: ItemKind, level: Option<ItemLevel>) -> i64 {
    store.add_agenda_item(meeting, &NewAgendaItem { level, ..NewAgendaItem::new(title, kind) }).unwrap()
}

fn numbers(store: &Store, meeting: i64) -> Vec<(String, String)> {
    store.meeting(meeting).unwrap().items.into_iter().map(|i| (i.number, i.title)).collect()
}

#[test]
fn bot_takes_no_decisions_and_no_votes() {
    let mut store = demo_store();
    let bot = held_meeting(&mut store, "BOT", at(2021, 1, 14));
    // The reference data says it, so the new-meeting form warns by the same rule the agenda enforces.
    assert!(!store.body_by_code("BOT").unwrap().takes_decisions);
    assert!(store.body_by_code("AB").unwrap().takes_decisions);
    let err = store.add_agenda_item(bot, &NewAgendaItem::new("Besluit", ItemKind::TerBesluitvorming)).unwrap_err();
    assert!(err.to_string().contains("niet besluitvormend"), "{err}");
    assert!(store.add_agenda_item(bot, &NewAgendaItem::new("Hamer", ItemKind::Hamerstuk)).is_err());
    let talk = item(&mut store, bot, "Verkenning", ItemKind::TerBespreking, None);
    assert!(store.set_outcome(talk, Some(Outcome::Aangenomen), Some("besloten")).is_err());
    assert!(store.set_outcome(talk, Some(Outcome::Verworpen), None).is_err());
    store.set_outcome(talk, Some(Outcome::Besproken), None).unwrap();
    let alblasserdam = store.organisation_by_code("ALBLASSERDAM").unwrap().id;
    assert!(store.record_votes(talk, &[(alblasserdam, VoteChoice::Voor)], None).is_err());
    // A body that takes decisions but does not vote per municipality.
    let db = held_meeting(&mut store, "DB", at(2021, 1, 14));
    let db_item = item(&mut store, db, "Voorstel", ItemKind::TerBesluitvorming, None);
    assert!(store.record_votes(db_item, &[(alblasserdam, VoteChoice::Voor)], None).is_err());
}

#[test]
fn operational_items_on_the_ab_agenda_are_flagged() {
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 2, 11));
    let mt = meeting(&mut store, "NETWERK_MTPLUS", at(2021, 2, 4));
    item(&mut store, ab, "Werkproces", ItemKind::TerBespreking, Some(ItemLevel::Operationeel));
    item(&mut store, ab, "Koers", ItemKind::TerBespreking, Some(ItemLevel::Strategisch));
    item(&mut store, mt, "Werkproces", ItemKind::TerBespreking, Some(ItemLevel::Operationeel));
    let ab_items = store.meeting(ab).unwrap().items;
    assert!(ab_items[0].warnings.iter().any(|w| w.contains("Netwerk-MTplus")), "{:?}", ab_items[0].warnings);
    assert!(ab_items[1].warnings.is_empty());
    assert!(store.meeting(mt).unwrap().items[0].warnings.is_empty());
}

#[test]
fn an_ab_decision_must_have_passed_the_db() {
    let mut store = demo_store();
    let dossier = store.add_dossier("Inkoopkader 2022", None).unwrap();
    let bot = meeting(&mut store, "BOT", at(2021, 1, 7));
    let db = meeting(&mut store, "DB", at(2021, 1, 21));
    let ab = meeting(&mut store, "AB", at(2021, 2, 11));
    let unprepared = item(&mut store, ab, "Zonder dossier", ItemKind::TerBesluitvorming, None);
    let with_dossier = store
        .add_agenda_item(
            ab,
            &NewAgendaItem {
                dossier_id: Some(dossier),
                ..NewAgendaItem::new("Inkoopkader", ItemKind::TerBesluitvorming)
            },
        )
        .unwrap();
    store
        .add_agenda_item(
            bot,
            &NewAgendaItem {
                dossier_id: Some(dossier),
                ..NewAgendaItem::new("Verkenning inkoopkader", ItemKind::TerBespreking)
            },
        )
        .unwrap();
    let warnings =
        |store: &Store, id: i64| store.meeting(ab).unwrap().items.into_iter().find(|i| i.id == id).unwrap().warnings;
    assert!(warnings(&store, unprepared).iter().any(|w| w.contains("niet gekoppeld aan een dossier")));
    let w = warnings(&store, with_dossier);
    assert!(w.iter().any(|w| w.contains("niet eerst in het DB") && w.contains("BOT → AB")), "{w:?}");

    store
        .add_agenda_item(
            db,
            &NewAgendaItem {
                dossier_id: Some(dossier),
                ..NewAgendaItem::new("Voorbereiding inkoopkader", ItemKind::TerBesluitvorming)
            },
        )
        .unwrap();
    assert!(warnings(&store, with_dossier).is_empty());
    let route = store.meeting(ab).unwrap().items.into_iter().find(|i| i.id == with_dossier).unwrap().route;
    assert_eq!(route.iter().map(|s| s.body.as_str()).collect::<Vec<_>>(), ["BOT", "DB", "AB"]);
}

#[test]
fn the_demo_decision_has_been_prepared_by_the_db() {
    let store = demo_store();
    let ab = store.meetings().unwrap().into_iter().find(|m| m.starts_at == at(2020, 11, 12)).unwrap();
    let detail = store.meeting(ab.id).unwrap();
    let decision = detail.items.iter().find(|i| i.tally.is_some()).unwrap();
    assert!(decision.warnings.is_empty(), "{:?}", decision.warnings);
    // Two items of the dossier on this AB agenda are one step of the route, shown as this item.
    assert_eq!(decision.route.iter().map(|s| s.body.as_str()).collect::<Vec<_>>(), ["DB", "AB"]);
    assert_eq!(decision.route[1].agenda_item_id, decision.id);
    for item in detail.items.iter().filter(|i| !i.route.is_empty()) {
        let mut meetings: Vec<_> = item.route.iter().map(|s| s.meeting_id).collect();
        meetings.dedup();
        assert_eq!(meetings.len(), item.route.len(), "one step per meeting: {:?}", item.route);
        assert!(item.route.iter().any(|s| s.agenda_item_id == item.id), "the item itself is on its route");
    }
    assert_eq!(detail.attendance.len(), 10);
    assert!(detail.actions.iter().any(|a| a.is_commitment && a.description.contains("15 april 2021")));
}

#[test]
fn weights_follow_the_meeting_date() {
    let mut store = demo_store();
    let dordrecht = store.organisation_by_code("DORDRECHT").unwrap();
    let old = store.vote_weights().unwrap().into_iter().find(|w| w.organisation_id == dordrecht.id).unwrap();
    assert_eq!(old.weight, Decimal::from(12));
    // A new period for Dordrecht from 2022 with a higher weight.
    assert!(
        store
            .add_vote_weight(
                dordrecht.id,
                NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
                None,
                Decimal::from(20),
                true,
                None
            )
            .is_err(),
        "overlaps the open period"
    );
    store.end_vote_weight(old.id, NaiveDate::from_ymd_opt(2021, 12, 31).unwrap()).unwrap();
    store
        .add_vote_weight(
            dordrecht.id,
            NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
            None,
            Decimal::from(20),
            true,
            None,
        )
        .unwrap();

    let votes_against_dordrecht = |store: &mut Store, when| {
        let ab = held_meeting(store, "AB", when);
        let id = item(store, ab, "Voorstel", ItemKind::TerBesluitvorming, None);
        let votes: Vec<_> = store
            .member_municipalities_on(when.date())
            .unwrap()
            .into_iter()
            .map(|m| (m.id, if m.name == "Dordrecht" { VoteChoice::Voor } else { VoteChoice::Tegen }))
            .collect();
        store.record_votes(id, &votes, None).unwrap();
        store.meeting(ab).unwrap().items[0].tally.clone().unwrap()
    };
    // 2021: Dordrecht 12 for, the other 35 against. 2022: 20 for, 35 against.
    let t2021 = votes_against_dordrecht(&mut store, at(2021, 6, 1));
    assert_eq!((t2021.voor, t2021.tegen), (Decimal::from(12), Decimal::from(35)));
    let t2022 = votes_against_dordrecht(&mut store, at(2022, 6, 1));
    assert_eq!((t2022.voor, t2022.tegen), (Decimal::from(20), Decimal::from(35)));
    assert_eq!(t2022.result, TallyResult::Verworpen);
}

#[test]
fn the_voting_rule_is_a_setting() {
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 3, 1));
    let members = store.member_municipalities_on(at(2021, 3, 1).date()).unwrap();
    // Dordrecht (12) and Hoeksche Waard (9) for, Zwijndrecht (5) against, the rest abstain.
    let votes: Vec<_> = members
        .iter()
        .map(|m| {
            let choice = match m.name.as_str() {
                "Dordrecht" | "Hoeksche Waard" => VoteChoice::Voor,
                "Zwijndrecht" => VoteChoice::Tegen,
                _ => VoteChoice::Onthouding,
            };
            (m.id, choice)
        })
        .collect();
    assert_eq!(store.preview_tally(ab, &votes).unwrap().result, TallyResult::Aangenomen);
    store.set_voting_rule(VotingRule { majority: MajorityBasis::AllWeight, quorum_share: Decimal::new(5, 1) }).unwrap();
    let strict = store.preview_tally(ab, &votes).unwrap();
    assert_eq!(strict.result, TallyResult::Verworpen, "21 of 47 is no absolute majority");
    assert!(store
        .set_voting_rule(VotingRule { majority: MajorityBasis::VotesCast, quorum_share: Decimal::from(2) })
        .is_err());
    let strijen = store.organisation_by_code("STRIJEN").unwrap().id;
    assert!(store.preview_tally(ab, &[(strijen, VoteChoice::Voor)]).is_err(), "a former member cannot vote");
}

#[test]
fn reordering_renumbers_the_agenda() {
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 4, 1));
    let a = item(&mut store, ab, "A", ItemKind::Hamerstuk, None);
    let b = item(&mut store, ab, "B", ItemKind::TerBespreking, None);
    let c = item(&mut store, ab, "C", ItemKind::TerInformatie, None);
    let strs = |v: Vec<(String, String)>| v.into_iter().map(|(n, t)| format!("{n} {t}")).collect::<Vec<_>>();
    assert_eq!(strs(numbers(&store, ab)), ["1 A", "2 B", "3 C"]);
    store.move_agenda_item(c, None, 0).unwrap();
    assert_eq!(strs(numbers(&store, ab)), ["1 C", "2 A", "3 B"]);
    store.move_agenda_item(b, Some(a), 0).unwrap();
    assert_eq!(strs(numbers(&store, ab)), ["1 C", "2 A", "2a B"]);
    let d = store
        .add_agenda_item(ab, &NewAgendaItem { parent_id: Some(a), ..NewAgendaItem::new("D", ItemKind::TerBespreking) })
        .unwrap();
    assert_eq!(strs(numbers(&store, ab)), ["1 C", "2 A", "2a B", "2b D"]);
    store.move_agenda_item(d, Some(a), 0).unwrap();
    assert_eq!(strs(numbers(&store, ab)), ["1 C", "2 A", "2a D", "2b B"]);
    assert!(store.move_agenda_item(a, Some(c), 0).is_err(), "an item with sub-items cannot become one");
    assert!(store.move_agenda_item(d, Some(d), 0).is_err());
    store.delete_agenda_item(c).unwrap();
    assert_eq!(strs(numbers(&store, ab)), ["1 A", "1a D", "1b B"]);
    store.move_agenda_item(b, None, 99).unwrap();
    assert_eq!(strs(numbers(&store, ab)), ["1 A", "1a D", "2 B"]);
}

#[test]
fn the_meeting_status_moves_one_step_at_a_time() {
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 5, 1));
    let decision = item(&mut store, ab, "Voorstel", ItemKind::TerBesluitvorming, None);
    assert!(store.set_meeting_status(ab, MeetingStatus::Vergaderd).is_err());
    store.set_meeting_status(ab, MeetingStatus::Gepubliceerd).unwrap();
    store.set_meeting_status(ab, MeetingStatus::Concept).unwrap();
    store.set_meeting_status(ab, MeetingStatus::Gepubliceerd).unwrap();
    store.set_meeting_status(ab, MeetingStatus::Vergaderd).unwrap();
    let err = store.set_meeting_status(ab, MeetingStatus::BesluitenlijstVastgesteld).unwrap_err();
    assert!(err.to_string().contains("agendapunt 1 heeft nog geen uitkomst"), "{err}");
    store.set_outcome(decision, Some(Outcome::Aangehouden), None).unwrap();
    store.set_meeting_status(ab, MeetingStatus::BesluitenlijstVastgesteld).unwrap();
    assert!(store.set_meeting_status(ab, MeetingStatus::Concept).is_err());
}

#[test]
fn what_a_meeting_page_may_do_follows_its_status() {
    use bestuursmap_core::meetings::rules::{agenda_editable, outcomes_recordable};
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 6, 1));
    let decision = item(&mut store, ab, "Voorstel", ItemKind::TerBesluitvorming, None);
    item(&mut store, ab, "Bespreking", ItemKind::TerBespreking, None);
    let flags = |store: &Store| {
        let d = store.meeting(ab).unwrap();
        assert_eq!(d.agenda_editable, agenda_editable(d.meeting.status));
        assert_eq!(d.outcomes_recordable, outcomes_recordable(d.meeting.status));
        (d.meeting.status, d.agenda_editable, d.outcomes_recordable)
    };
    assert_eq!(flags(&store), (MeetingStatus::Concept, true, false), "a new meeting starts as a concept");
    store.set_meeting_status(ab, MeetingStatus::Gepubliceerd).unwrap();
    assert_eq!(flags(&store), (MeetingStatus::Gepubliceerd, true, true));
    store.set_meeting_status(ab, MeetingStatus::Vergaderd).unwrap();
    assert_eq!(flags(&store), (MeetingStatus::Vergaderd, true, true));
    store.set_outcome(decision, Some(Outcome::Aangenomen), None).unwrap();
    store.set_meeting_status(ab, MeetingStatus::BesluitenlijstVastgesteld).unwrap();
    assert_eq!(flags(&store), (MeetingStatus::BesluitenlijstVastgesteld, false, false));
    let other = meeting(&mut store, "AB", at(2021, 7, 1));
    store.set_meeting_status(other, MeetingStatus::Afgelast).unwrap();
    let called_off = store.meeting(other).unwrap();
    assert!(called_off.agenda_editable && !called_off.outcomes_recordable);
    // Only the AB's decision items are voted on per municipality.
    let items = store.meeting(ab).unwrap().items;
    assert_eq!(items.iter().map(|i| i.votable).collect::<Vec<_>>(), [true, false]);
    let db = meeting(&mut store, "DB", at(2021, 6, 2));
    item(&mut store, db, "Voorstel", ItemKind::TerBesluitvorming, None);
    assert!(!store.meeting(db).unwrap().items[0].votable, "the DB does not vote per municipality");
}

#[test]
fn the_writes_refuse_what_the_flags_say_no_to() {
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 6, 1));
    let decision = item(&mut store, ab, "Voorstel", ItemKind::TerBesluitvorming, None);
    let alblasserdam = store.organisation_by_code("ALBLASSERDAM").unwrap().id;
    let refused = |r: Result<(), CoreError>, what: &str| {
        let err = r.expect_err(what);
        assert!(matches!(err, CoreError::Rule(_)), "{what}: {err}");
    };
    // A concept agenda: no outcome, vote or decision text yet.
    refused(store.set_outcome(decision, Some(Outcome::Aangenomen), None), "outcome on a concept");
    refused(store.record_votes(decision, &[(alblasserdam, VoteChoice::Voor)], None), "votes on a concept");
    refused(store.record_decision(decision, None, Some(Outcome::Aangenomen), Some("x")), "decision on a concept");
    store.set_meeting_status(ab, MeetingStatus::Gepubliceerd).unwrap();
    store.record_decision(decision, None, Some(Outcome::Aangenomen), Some("Conform.")).unwrap();
    store.set_meeting_status(ab, MeetingStatus::Vergaderd).unwrap();
    store.set_meeting_status(ab, MeetingStatus::BesluitenlijstVastgesteld).unwrap();
    // An adopted besluitenlijst fixes the agenda, its files and the meeting's particulars.
    let view = store.meeting(ab).unwrap();
    refused(store.add_agenda_item(ab, &NewAgendaItem::new("Laat", ItemKind::TerBespreking)).map(|_| ()), "new item");
    refused(store.move_agenda_item(decision, None, 0), "move");
    refused(store.delete_agenda_item(decision), "delete");
    refused(store.set_outcome(decision, Some(Outcome::Verworpen), None), "outcome after adoption");
    refused(
        store.add_attachment(decision, "nota.txt", b"Nagekomen stuk", None).map(|_| ()),
        "attachment after adoption",
    );
    let measure = store.measures(at(2021, 6, 1).date()).unwrap()[0].id;
    refused(store.link_measure(decision, measure), "measure after adoption");
    refused(
        store.update_meeting(
            ab,
            &bestuursmap_core::meetings::MeetingUpdate {
                title: "Anders".into(),
                starts_at: view.meeting.starts_at,
                ends_at: None,
                location: None,
                chair_id: None,
                secretary_id: None,
            },
        ),
        "particulars after adoption",
    );
    let member = view.attendance[0].person_id;
    refused(store.set_presence(ab, member, Some(Presence::Afwezig), None), "attendance after adoption");
    let after = store.meeting(ab).unwrap();
    assert_eq!(after.items.len(), view.items.len(), "nothing changed");
    assert_eq!(after.items[0].outcome, Some(Outcome::Aangenomen));
    assert_eq!(after.meeting.title, view.meeting.title);
}

#[test]
fn present_counts_those_there_and_represented() {
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 6, 1));
    let invited = store.attendance(ab).unwrap();
    assert!(invited.len() >= 3);
    assert_eq!(store.meeting(ab).unwrap().present_count, 0);
    store.set_presence(ab, invited[0].person_id, Some(Presence::Aanwezig), None).unwrap();
    store.set_presence(ab, invited[1].person_id, Some(Presence::Vertegenwoordigd), Some("J. Jansen")).unwrap();
    store.set_presence(ab, invited[2].person_id, Some(Presence::Afwezig), None).unwrap();
    assert_eq!(store.meeting(ab).unwrap().present_count, 2);
}

#[test]
fn chair_secretary_and_invitees_come_from_the_memberships() {
    let mut store = demo_store();
    let db = meeting(&mut store, "DB", at(2021, 1, 21));
    let detail = store.meeting(db).unwrap();
    assert_eq!(detail.chair.as_deref(), Some("H. van der Linden"));
    assert_eq!(detail.secretary.as_deref(), Some("C. Vermeer"));
    let bot = meeting(&mut store, "BOT", at(2021, 1, 7));
    let invited = store.attendance(bot).unwrap();
    assert_eq!(invited.len(), 10);
    let first = invited[0].person_id;
    let err = store.set_presence(bot, first, Some(Presence::Vertegenwoordigd), None).unwrap_err();
    assert!(err.to_string().contains("vertegenwoordigt"));
    store.set_presence(bot, first, Some(Presence::Vertegenwoordigd), Some("Ambtenaar jeugd")).unwrap();
    assert_eq!(store.attendance(bot).unwrap()[0].substitute.as_deref(), Some("Ambtenaar jeugd"));
}

#[test]
fn open_actions_past_their_date_are_overdue() {
    let mut store = demo_store();
    let today = NaiveDate::from_ymd_opt(2021, 1, 10).unwrap();
    let all = store.actions(today).unwrap();
    let commitment = all.iter().find(|a| a.is_commitment).unwrap();
    assert!(!commitment.overdue, "due 14-04-2021");
    let late: Vec<_> = all.iter().filter(|a| a.overdue).collect();
    assert_eq!(late.len(), 2, "the two end-of-2020 requests");
    assert!(late.iter().all(|a| a.pending));
    store.set_action_status(late[0].id, ActionStatus::Afgerond).unwrap();
    let after = store.actions(today).unwrap();
    assert_eq!(after.iter().filter(|a| a.overdue).count(), 1);
    assert!(!after.iter().find(|a| a.id == late[0].id).unwrap().pending, "done is no longer pending");
    store.set_action_status(late[1].id, ActionStatus::InUitvoering).unwrap();
    assert!(store.actions(today).unwrap().iter().find(|a| a.id == late[1].id).unwrap().pending);
    assert!(store
        .actions(NaiveDate::from_ymd_opt(2021, 4, 15).unwrap())
        .unwrap()
        .iter()
        .any(|a| a.is_commitment && a.overdue));
    assert!(store
        .add_action(&NewAction {
            agenda_item_id: None,
            description: "  ".into(),
            organisation_id: None,
            role: None,
            due_date: None,
            is_commitment: false,
            demo_note: None
        })
        .is_err());
}

#[test]
fn attachments_must_be_what_their_name_says() {
    let mut store = demo_store();
    let ab = meeting(&mut store, "AB", at(2021, 6, 1));
    let id = item(&mut store, ab, "Stukken", ItemKind::TerInformatie, None);
    let pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    let att = store.add_attachment(id, "/tmp/raadsvoorstel.pdf", pdf, Some(1)).unwrap();
    let info = &store.attachments(id).unwrap()[0];
    assert_eq!(
        (info.id, info.file_name.as_str(), info.size_bytes, info.page_count),
        (att, "raadsvoorstel.pdf", pdf.len() as i64, Some(1))
    );
    assert_eq!(info.sha256.len(), 64);
    assert_eq!(store.attachment_content(att).unwrap(), pdf);

    let err = store.add_attachment(id, "begroting.pdf", b"MZ\x90\x00 not a pdf", None).unwrap_err();
    assert!(err.to_string().contains("is geen PDF"), "{err}");
    let err = store.add_attachment(id, "setup.exe", b"MZ", None).unwrap_err();
    assert!(err.to_string().contains("'.exe'"), "{err}");
    assert!(store.add_attachment(id, "notitie.txt", b"geen \xff utf-8", None).is_err());
    store.add_attachment(id, "notitie.txt", "Zienswijze Alblasserdam — één A4".as_bytes(), None).unwrap();
    assert_eq!(store.attachments(id).unwrap().len(), 2);
}

#[test]
fn an_indicator_behind_its_time_path_makes_the_measure_orange_and_behind() {
    use bestuursmap_core::domain::{MeasureStatus, SourcePlan, TrafficLight};
    use bestuursmap_core::measures::{MeasureEdit, NewMeasure};
    let mut store = demo_store();
    let id = store
        .add_measure(&NewMeasure {
            code: "M99".into(),
            title: "Wachttijden jeugdteams (test)".into(),
            source_plan: SourcePlan::Aanjaagplan,
            status: MeasureStatus::InUitvoering,
            ..store_measure_stub()
        })
        .unwrap();
    assert!(store.add_measure(&NewMeasure { code: "M99".into(), ..store_measure_stub() }).is_err(), "codes are unique");
    let ind = store.add_indicator(id, "Gemiddelde wachttijd", Some("weken"), false).unwrap();
    let today = NaiveDate::from_ymd_opt(2021, 8, 1).unwrap();
    store.set_indicator_point(ind, "2021-q2", Some(Decimal::from(6)), Some(Decimal::from(8))).unwrap();
    assert!(store.set_indicator_point(ind, "zomer", None, None).is_err());
    let m = store.measure(id, today).unwrap();
    assert_eq!(m.indicators[0].points[0].period, "2021-Q2");
    assert!(m.indicators[0].points[0].behind, "8 weeks is worse than 6 when lower is better");
    assert_eq!(m.summary.traffic_light, TrafficLight::Oranje);
    assert!(m.summary.behind_schedule);

    let soj = store.organisation_by_code("SOJ").unwrap().id;
    let edit = |second| MeasureEdit {
        title: "Wachttijden".into(),
        description: None,
        trekker_id: Some(soj),
        trekker_text: Some("wordt genegeerd".into()),
        second_id: second,
        responsible: Some("Programmamanager".into()),
        knelpunten: None,
        time_path: None,
    };
    assert!(store.update_measure(id, &edit(Some(soj))).is_err(), "trekker and second differ");
    store.update_measure(id, &edit(None)).unwrap();
    let m = store.measure(id, today).unwrap();
    assert_eq!(
        (m.summary.trekker.as_deref(), m.trekker_text, m.responsible.as_deref()),
        (Some("Serviceorganisatie Jeugd ZHZ (SOJ)"), None, Some("Programmamanager"))
    );
}

fn store_measure_stub() -> bestuursmap_core::measures::NewMeasure {
    bestuursmap_core::measures::NewMeasure {
        code: String::new(),
        title: "Stub".into(),
        kind: None,
        description: None,
        source_plan: bestuursmap_core::domain::SourcePlan::Overig,
        source_version: None,
        trekker_id: None,
        trekker_text: None,
        second_id: None,
        responsible: None,
        status: bestuursmap_core::domain::MeasureStatus::Voorgesteld,
        knelpunten: None,
        time_path: None,
        demo_note: None,
    }
}

#[test]
fn a_vote_and_its_outcome_are_saved_together_or_not_at_all() {
    let mut store = demo_store();
    let ab = store.meetings().unwrap().into_iter().find(|m| m.starts_at == at(2020, 11, 12)).unwrap();
    let item = store.meeting(ab.id).unwrap().items.into_iter().find(|i| i.tally.is_some()).unwrap();
    let voters = store.voters(ab.id).unwrap();
    let all_for: Vec<_> = voters.iter().map(|v| (v.organisation_id, VoteChoice::Voor)).collect();
    store
        .record_decision(item.id, Some(&all_for), Some(Outcome::Aangenomen), Some("Het voorstel is aangenomen."))
        .unwrap();
    let saved = store.meeting(ab.id).unwrap().items.into_iter().find(|i| i.id == item.id).unwrap();
    assert_eq!(saved.outcome, Some(Outcome::Aangenomen));
    assert_eq!(saved.decision_md.as_deref(), Some("Het voorstel is aangenomen."));
    assert!(saved.votes.iter().all(|v| v.choice == VoteChoice::Voor));
    assert_eq!(saved.tally.unwrap().tegen, Decimal::ZERO);

    // A vote by an organisation that is no member is refused, and the outcome is not written either.
    let mut bad = all_for.clone();
    bad.push((i64::MAX, VoteChoice::Tegen));
    assert!(store.record_decision(item.id, Some(&bad), Some(Outcome::Verworpen), Some("Verworpen.")).is_err());
    let kept = store.meeting(ab.id).unwrap().items.into_iter().find(|i| i.id == item.id).unwrap();
    assert_eq!(kept.outcome, Some(Outcome::Aangenomen));
    assert_eq!(kept.decision_md.as_deref(), Some("Het voorstel is aangenomen."));
}

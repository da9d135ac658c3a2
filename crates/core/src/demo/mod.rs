//! Demo data: the real reference data from the region's documents (`assets/demo/fixtures`)
//! plus a meeting cycle in autumn 2020 around the real AB decision of 12 November 2020.
//!
//! Real facts stay real. Everything invented to make the demo usable (times, places, most
//! agenda texts, people's names, vote weights, the votes other than Alblasserdam's) carries a
//! `demo_note` or "(demo)" in its name, and vote weights are flagged `is_example`.

use crate::actions::NewAction;
use crate::domain::{
    Confidentiality, ItemKind, ItemLevel, MeasureStatus, MeetingStatus, Outcome, Presence, SourcePlan, VoteChoice,
};
use crate::error::{CoreError, Result};
use crate::measures::NewMeasure;
use crate::meetings::{NewAgendaItem, NewMeeting};
use crate::money::Money;
use crate::store::Store;
use chrono::{NaiveDate, NaiveDateTime};
use fixtures::{
    parse, BodiesFile, CoveringLetter, MeasuresFile, MunicipalitiesFile, StandardResponsesFile, ZienswijzenFile,
};
use rusqlite::{params, Connection};
use rust_decimal::Decimal;

mod fixtures;

const BODIES_JSON: &str = include_str!("../../../../assets/demo/fixtures/bodies.json");
const MUNICIPALITIES_JSON: &str = include_str!("../../../../assets/demo/fixtures/municipalities.json");
const MEASURES_JSON: &str = include_str!("../../../../assets/demo/fixtures/measures.json");
const STANDARD_RESPONSES_JSON: &str = include_str!("../../../../assets/demo/fixtures/standard-responses.json");
const ZIENSWIJZEN_JSON: &str = include_str!("../../../../assets/demo/fixtures/zienswijzen-2020-deel.json");

/// The four bodies that meet in Bestuursmap, in the order the app lists them.
const MEETING_BODIES: [(&str, &str, i64); 4] =
    [("AB", "AB", 1), ("DB", "DB", 2), ("NETWERK_MTPLUS", "Netwerk-MTplus", 3), ("BOT", "BOT", 4)];

/// Example weights (not adopted figures: the sources give none). Roughly by size, so that the
/// demo shows what weighting does.
const EXAMPLE_WEIGHTS: [(&str, i64); 10] = [
    ("Alblasserdam", 2),
    ("Dordrecht", 12),
    ("Gorinchem", 4),
    ("Hardinxveld-Giessendam", 2),
    ("Hendrik-Ido-Ambacht", 3),
    ("Hoeksche Waard", 9),
    ("Molenlanden", 4),
    ("Papendrecht", 3),
    ("Sliedrecht", 3),
    ("Zwijndrecht", 5),
];

const DEMO_META_KEY: &str = "demo_loaded_at";

fn bad(what: impl Into<String>) -> CoreError {
    CoreError::DemoData(what.into())
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid literal date")
}

fn at(y: i32, m: u32, d: u32, hour: u32, minute: u32) -> NaiveDateTime {
    date(y, m, d).and_hms_opt(hour, minute, 0).expect("valid literal time")
}

/// "Hendrik-Ido-Ambacht" → "HENDRIK_IDO_AMBACHT".
pub fn organisation_code(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect()
}

/// Whether the demo data was loaded, and when.
pub fn loaded_at(store: &Store) -> Result<Option<String>> {
    store.meta(DEMO_META_KEY)
}

/// Loads the demo data into an empty store. Refuses a second load, and refuses a store that
/// already holds meetings, so that demo data never mixes with real data.
pub fn load(store: &mut Store) -> Result<()> {
    if let Some(when) = loaded_at(store)? {
        return Err(CoreError::DemoAlreadyLoaded(when));
    }
    if !store.meetings()?.is_empty() {
        return Err(CoreError::StoreNotEmpty);
    }
    // One transaction: a demo load is wholly present or wholly absent. The meeting cycle goes
    // through the public store API, so the demo obeys the same rules as users do.
    store.atomically(|store| {
        load_reference_data(store)?;
        store.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                params![DEMO_META_KEY, chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()],
            )?;
            Ok(())
        })?;
        let adopted = load_meetings(store)
            .map_err(|e| CoreError::DemoData(format!("de vergaderingen konden niet worden geladen: {e}")))?;
        load_measures(store)
            .map_err(|e| CoreError::DemoData(format!("de maatregelen konden niet worden geladen: {e}")))?;
        load_standard_responses(store)?;
        load_zienswijzen(store)
            .map_err(|e| CoreError::DemoData(format!("de zienswijzen konden niet worden geladen: {e}")))?;
        // An adopted besluitenlijst fixes the agenda, so those meetings reach that status last,
        // when everything on them (measures, attachments) is in place — as a secretary would.
        for meeting in adopted {
            store
                .set_meeting_status(meeting, MeetingStatus::BesluitenlijstVastgesteld)
                .map_err(|e| CoreError::DemoData(format!("de besluitenlijst kon niet worden vastgesteld: {e}")))?;
        }
        Ok(())
    })
}

/// The real reference data of the region (organisations, municipalities, bodies), from the
/// fixtures. Loaded once: by `init`, by the demo, by the app's first start; a later call does
/// nothing. A laptop needs it before it can import a meeting bundle.
pub fn load_reference_data(store: &mut Store) -> Result<()> {
    let present: i64 = store.conn().query_row("SELECT count(*) FROM body", [], |r| r.get(0))?;
    if present > 0 {
        return Ok(());
    }
    let bodies: BodiesFile = parse("bodies.json", BODIES_JSON)?;
    let municipalities: MunicipalitiesFile = parse("municipalities.json", MUNICIPALITIES_JSON)?;
    store.write(|tx| load_reference(tx, &bodies, &municipalities))
}

fn load_reference(tx: &Connection, bodies: &BodiesFile, municipalities: &MunicipalitiesFile) -> Result<()> {
    // Organisations named in the sources.
    for org in &bodies.organisations {
        let id = org.id.as_str();
        let kind = match id {
            "DGJ" => "gemeenschappelijke_regeling",
            "SOJ" | "SDD" => "uitvoeringsorganisatie",
            "SJT" => "stichting",
            "PROVINCIE_ZH" => "provincie",
            _ => "overig",
        };
        tx.execute(
            "INSERT INTO organisation (code, name, kind, note) VALUES (?1, ?2, ?3, ?4)",
            params![id, org.name_nl, kind, org.kind],
        )?;
    }

    // The ten current member municipalities.
    for m in &municipalities.current_members {
        let name = m.name.as_str();
        // Merged municipalities (Hoeksche Waard) and Molenlanden are members since 1-1-2019;
        // the others since the start of the jeugdhulpregio (Jeugdwet, 1-1-2015).
        let since_2019 = m.predecessors.is_some() || name == "Molenlanden";
        let from = if since_2019 { date(2019, 1, 1) } else { date(2015, 1, 1) };
        tx.execute(
            "INSERT INTO organisation (code, name, kind, subregion, subregion_basis, member_from, note)
             VALUES (?1, ?2, 'gemeente', ?3, ?4, ?5, ?6)",
            params![organisation_code(name), name, m.subregion, m.subregion_basis, from, m.member_since_note],
        )?;
    }

    // The former members: merged or left before 2019 (exact dates of leaving are not in the sources).
    for m in &municipalities.former_members {
        let name = m.name.as_str();
        let status = m.status.as_str();
        let successor = if status.contains("Hoeksche Waard") {
            Some("HOEKSCHE_WAARD")
        } else if status.contains("Molenlanden") {
            Some("MOLENLANDEN")
        } else {
            None
        };
        let successor_id: Option<i64> = match successor {
            Some(code) => Some(tx.query_row("SELECT id FROM organisation WHERE code = ?1", [code], |r| r.get(0))?),
            None => None,
        };
        let note = match &m.note {
            Some(extra) => format!("{status}. {extra}"),
            None => status.to_string(),
        };
        tx.execute(
            "INSERT INTO organisation (code, name, kind, subregion, member_from, member_until, successor_id, note)
             VALUES (?1, ?2, 'gemeente', ?3, ?4, ?5, ?6, ?7)",
            params![
                organisation_code(name),
                name,
                m.subregion,
                date(2015, 1, 1),
                date(2018, 12, 31),
                successor_id,
                format!("{note} (einddatum: uiterlijk 31-12-2018; de exacte datum staat niet in de bronnen)")
            ],
        )?;
    }

    // Bodies, with their decision power and level as the sources give them.
    for b in &bodies.bodies {
        let code = b.id.as_str();
        let power = match b.decision_making {
            Some(true) => "besluitvormend",
            Some(false) => "niet_besluitvormend",
            None => "onbekend",
        };
        let level = match code {
            "AB" => Some("strategisch"),
            "NETWERK_MTPLUS" => Some("tactisch_operationeel"),
            _ => None,
        };
        let meeting_body = MEETING_BODIES.iter().find(|(c, _, _)| *c == code);
        let short_name = meeting_body.map(|(_, s, _)| *s).unwrap_or(b.name_nl.as_str());
        tx.execute(
            "INSERT INTO body (code, name, short_name, decision_power, level, weighted_voting, sort_order, description, holds_meetings)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                code,
                b.name_nl,
                short_name,
                power,
                level,
                code == "AB",
                meeting_body.map(|(_, _, o)| *o).unwrap_or(100),
                b.kind,
                meeting_body.is_some()
            ],
        )?;
    }

    load_people(tx)?;

    for (name, weight) in EXAMPLE_WEIGHTS {
        tx.execute(
            "INSERT INTO vote_weight (organisation_id, valid_from, weight, is_example, note)
             VALUES ((SELECT id FROM organisation WHERE name = ?1 AND kind = 'gemeente'), ?2, ?3, 1, ?4)",
            params![
                name,
                date(2019, 1, 1),
                Decimal::from(weight).to_string(),
                "Voorbeeldgewicht (demo): de werkelijke stemverhouding staat niet in de bronnen. Pas aan onder Referentiegegevens."
            ],
        )?;
    }
    Ok(())
}

fn load_people(tx: &Connection) -> Result<()> {
    let id_of = |sql: &str, key: &str| -> Result<i64> { Ok(tx.query_row(sql, [key], |r| r.get(0))?) };
    let body = |code: &str| id_of("SELECT id FROM body WHERE code = ?1", code);
    let org = |code: &str| id_of("SELECT id FROM organisation WHERE code = ?1", code);
    let add_person = |name: &str, org_id: Option<i64>, is_demo: bool, note: Option<&str>| -> Result<i64> {
        tx.execute(
            "INSERT INTO person (name, organisation_id, is_demo, note) VALUES (?1, ?2, ?3, ?4)",
            params![name, org_id, is_demo, note],
        )?;
        Ok(tx.last_insert_rowid())
    };
    let add_membership =
        |person: i64, body_id: i64, role: &str, represents: Option<i64>, from: NaiveDate| -> Result<()> {
            tx.execute(
            "INSERT INTO membership (person_id, body_id, role, represents_id, valid_from) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![person, body_id, role, represents, from],
        )?;
            Ok(())
        };

    let dgj = org("DGJ")?;
    let (ab, db, mtplus, bot) = (body("AB")?, body("DB")?, body("NETWERK_MTPLUS")?, body("BOT")?);
    // Real: the 2020 DB letter is signed by «De secretaris C. Vermeer» and «De Voorzitter H. van der Linden».
    let chair =
        add_person("H. van der Linden", Some(dgj), false, Some("Voorzitter DB DG&J (ondertekening brief 2020)"))?;
    let secretary = add_person("C. Vermeer", Some(dgj), false, Some("Secretaris DB DG&J (ondertekening brief 2020)"))?;
    add_membership(chair, db, "voorzitter", None, date(2020, 1, 1))?;
    add_membership(secretary, db, "secretaris", None, date(2020, 1, 1))?;

    // One alderman and one manager per municipality; their names are placeholders.
    let mut stmt =
        tx.prepare("SELECT id, name FROM organisation WHERE kind = 'gemeente' AND member_until IS NULL ORDER BY name")?;
    let members: Vec<(i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (org_id, name) in &members {
        let alderman = add_person(&format!("Wethouder {name} (demo)"), Some(*org_id), true, None)?;
        add_membership(alderman, ab, "portefeuillehouder", Some(*org_id), date(2019, 1, 1))?;
        add_membership(alderman, bot, "portefeuillehouder", Some(*org_id), date(2019, 1, 1))?;
        let manager = add_person(&format!("Manager jeugd {name} (demo)"), Some(*org_id), true, None)?;
        add_membership(manager, mtplus, "manager", Some(*org_id), date(2019, 1, 1))?;
    }
    Ok(())
}

fn person_id(store: &Store, name: &str) -> Result<i64> {
    store
        .persons()?
        .into_iter()
        .find(|p| p.name == name)
        .map(|p| p.id)
        .ok_or_else(|| bad(format!("persoon '{name}' ontbreekt")))
}

struct ItemSpec<'a> {
    title: &'a str,
    kind: ItemKind,
    level: Option<ItemLevel>,
    proposal: Option<&'a str>,
    points: &'a [&'a str],
    outcome: Option<Outcome>,
    decision: Option<&'a str>,
    demo_note: Option<&'a str>,
}

impl<'a> ItemSpec<'a> {
    fn new(title: &'a str, kind: ItemKind, level: Option<ItemLevel>) -> Self {
        ItemSpec { title, kind, level, proposal: None, points: &[], outcome: None, decision: None, demo_note: None }
    }
    fn outcome(mut self, outcome: Outcome, decision: Option<&'a str>) -> Self {
        self.outcome = Some(outcome);
        self.decision = decision;
        self
    }
    fn proposal(mut self, text: &'a str, points: &'a [&'a str]) -> Self {
        self.proposal = Some(text);
        self.points = points;
        self
    }
    fn note(mut self, note: &'a str) -> Self {
        self.demo_note = Some(note);
        self
    }
}

fn add_item(
    store: &mut Store,
    meeting: i64,
    parent: Option<i64>,
    dossier: Option<i64>,
    holder: Option<i64>,
    spec: ItemSpec<'_>,
) -> Result<i64> {
    let id = store.add_agenda_item(
        meeting,
        &NewAgendaItem {
            parent_id: parent,
            title: spec.title.into(),
            kind: spec.kind,
            level: spec.level,
            portefeuillehouder_id: holder,
            confidentiality: Confidentiality::Openbaar,
            proposal_md: spec.proposal.map(str::to_string),
            decision_points: spec.points.iter().map(|p| p.to_string()).collect(),
            dossier_id: dossier,
            demo_note: spec.demo_note.map(str::to_string),
        },
    )?;
    if spec.outcome.is_some() {
        store.set_outcome(id, spec.outcome, spec.decision)?;
    }
    Ok(id)
}

const FILL_IN: &str =
    "Datum, tijd, plaats en de uitwerking van de agenda zijn demo-invulling rond onderwerpen uit de bronnen.";

/// The demo's meetings with their agendas; returns the meetings whose besluitenlijst is to be
/// adopted once the rest of the demo is loaded.
fn load_meetings(store: &mut Store) -> Result<Vec<i64>> {
    use ItemKind::*;
    use ItemLevel::*;
    let body = |store: &Store, code: &str| store.body_by_code(code).map(|b| b.id);
    let meeting = |store: &mut Store,
                   code: &str,
                   title: &str,
                   start: NaiveDateTime,
                   hours: i64,
                   status: MeetingStatus,
                   note: &str|
     -> Result<i64> {
        let body_id = body(store, code)?;
        store.add_meeting(&NewMeeting {
            body_id,
            title: title.into(),
            starts_at: start,
            ends_at: Some(start + chrono::Duration::hours(hours)),
            location: Some("Digitaal (Teams) — demo".into()),
            status: Some(status),
            demo_note: Some(note.into()),
        })
    };
    let holder_hw = person_id(store, "Wethouder Hoeksche Waard (demo)")?;
    let holder_dordrecht = person_id(store, "Wethouder Dordrecht (demo)")?;
    let dossier_bw2020 = store.add_dossier(
        "Begrotingswijziging 2020 bij de 1e bestuursrapportage SOJ",
        Some("Op 15-07-2020 voor zienswijze naar de gemeenten; AB-besluit 12-11-2020."),
    )?;
    let dossier_burap2 = store.add_dossier("2e bestuursrapportage 2020 en begrotingswijziging 2021", None)?;

    // BOT: informal, not decision-making.
    let bot = meeting(
        store,
        "BOT",
        "BOT-sessie Omdenken jeugdhulp en governance",
        at(2020, 9, 24, 15, 0),
        2,
        MeetingStatus::Vergaderd,
        FILL_IN,
    )?;
    add_item(
        store,
        bot,
        None,
        None,
        None,
        ItemSpec::new("Opening en doel van de sessie", TerInformatie, None)
            .outcome(Outcome::VoorKennisgevingAangenomen, None),
    )?;
    add_item(store, bot, None, None, None,
        ItemSpec::new("Aanbevelingen AEF over de governance (ophaalronde augustus/september 2020)", TerBespreking, Some(Strategisch))
            .proposal("AEF bezocht in augustus en september 2020 alle tien gemeenten voor hun reactie op de aanbevelingen. Bespreking van de eerste indrukken; de BOT-sessie is niet besluitvormend.", &[])
            .outcome(Outcome::Besproken, None))?;
    add_item(
        store,
        bot,
        None,
        None,
        None,
        ItemSpec::new("Eerste tussenbericht Aanjaagteam Omdenken Jeugdhulp", TerBespreking, Some(Tactisch))
            .outcome(Outcome::Besproken, None),
    )?;
    add_item(store, bot, None, None, None, ItemSpec::new("Rondvraag", Rondvraag, None))?;

    // Netwerk-MTplus: tactical/operational preparation.
    let mt = meeting(
        store,
        "NETWERK_MTPLUS",
        "Netwerk-MTplus oktober 2020",
        at(2020, 10, 8, 9, 30),
        2,
        MeetingStatus::Vergaderd,
        FILL_IN,
    )?;
    add_item(
        store,
        mt,
        None,
        None,
        None,
        ItemSpec::new("Verslag vorige vergadering", Hamerstuk, Some(Operationeel)).outcome(Outcome::Aangenomen, None),
    )?;
    let definitie = add_item(store, mt, None, None, None,
        ItemSpec::new("Gezamenlijke definitie jeugdhulp: opdracht aan de beleidsambtenaren", TerBespreking, Some(Tactisch))
            .proposal("Het AB vraagt via het Netwerk-MTplus de tien beleidsambtenaren in twee of drie dagdelen een gezamenlijke definitie van jeugdhulp voor te stellen.", &[])
            .outcome(Outcome::Besproken, None))?;
    add_item(
        store,
        mt,
        None,
        Some(dossier_burap2),
        None,
        ItemSpec::new("Voorbereiding AB: 2e bestuursrapportage 2020", TerBespreking, Some(Tactisch))
            .outcome(Outcome::Besproken, None),
    )?;
    add_item(store, mt, None, None, None, ItemSpec::new("Rondvraag", Rondvraag, None))?;

    // DB: prepares the AB.
    let db = meeting(
        store,
        "DB",
        "Dagelijks Bestuur DG&J",
        at(2020, 10, 22, 13, 0),
        2,
        // Its besluitenlijst is adopted at the end of the demo (see `load`).
        MeetingStatus::Vergaderd,
        FILL_IN,
    )?;
    add_item(store, db, None, Some(dossier_bw2020), None,
        ItemSpec::new("Concept-nota van reactie op de zienswijzen over de begrotingswijziging 2020", TerBesluitvorming, Some(Strategisch))
            .proposal("De gemeenten gaven hun zienswijze op de 1e bestuursrapportage 2020 met de begrotingswijziging, die op 15 juli 2020 werd verzonden. Het DB stelt de reactie op alle punten op.", &[
                "De concept-nota van reactie vast te stellen.",
                "De nota met het voorstel tot begrotingswijziging voor te leggen aan het Algemeen Bestuur.",
            ])
            .outcome(Outcome::Aangenomen, Some("Conform voorstel (demo)."))
            .note("Besluit van het DB is demo-invulling; de nota van reactie zelf is echt."))?;
    add_item(
        store,
        db,
        None,
        Some(dossier_burap2),
        None,
        ItemSpec::new(
            "2e bestuursrapportage 2020 en begrotingswijziging 2021: agendering AB",
            TerBesluitvorming,
            Some(Strategisch),
        )
        .outcome(Outcome::Aangenomen, Some("Geagendeerd voor het AB van 12 november 2020 (demo)."))
        .note("Besluit van het DB is demo-invulling; de agendering in het AB van 12-11-2020 is echt."),
    )?;

    // AB of 12 November 2020: the real decision on the begrotingswijziging 2020.
    let ab = meeting(store, "AB", "Algemeen Bestuur DG&J", at(2020, 11, 12, 19, 30), 3, MeetingStatus::Vergaderd,
        "De datum en de besluiten over de begrotingswijziging 2020 zijn echt (bron: brief DB DG&J 2020); tijd, plaats en de overige uitwerking zijn demo-invulling.")?;
    add_item(
        store,
        ab,
        None,
        None,
        None,
        ItemSpec::new("Opening en vaststelling van de agenda", Hamerstuk, None).outcome(Outcome::Aangenomen, None),
    )?;
    let bw = add_item(store, ab, None, Some(dossier_bw2020), Some(holder_dordrecht),
        ItemSpec::new("Begrotingswijziging 2020 bij de eerste bestuursrapportage 2020 van de SOJ", TerBesluitvorming, Some(Strategisch))
            .proposal("De eerste bestuursrapportage 2020 van de SOJ verwacht een kostenstijging van € 11,6 miljoen in 2020. Voorgesteld wordt een begrotingswijziging van € 6,6 miljoen; de afslag van € 5,0 miljoen houdt «de druk … maximaal». De gemeenten gaven hun zienswijze; de reactie van het dagelijks bestuur is bijgevoegd.", &[
                "Na weging van de ontvangen zienswijzen te besluiten tot de voorgelegde begrotingswijziging ter hoogte van € 6,6 miljoen.",
                "De nota van reactie toe te sturen aan de 10 gemeenten.",
            ])
            .outcome(Outcome::Aangenomen, Some("Het Algemeen Bestuur DG&J heeft op 12 november 2020 na weging van de ontvangen zienswijzen besloten tot de voorgelegde begrotingswijziging ter hoogte van 6,6 miljoen, met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd."))
            .note("Besluit en tegenstem van Alblasserdam zijn echt; de stemmen 'voor' van de andere gemeenten en de stemgewichten zijn demo-invulling (de bron noemt alleen de tegenstemmer)."))?;
    add_item(
        store,
        ab,
        Some(bw),
        Some(dossier_bw2020),
        None,
        ItemSpec::new("Nota van reactie op de zienswijzen van de gemeenten", TerInformatie, Some(Strategisch))
            .proposal(
                "Deze nota van reactie wordt na behandeling in het Algemeen Bestuur toegestuurd aan de 10 gemeenten.",
                &[],
            )
            .outcome(Outcome::VoorKennisgevingAangenomen, None),
    )?;
    let municipalities = store.member_municipalities_on(date(2020, 11, 12))?;
    let votes: Vec<(i64, VoteChoice)> = municipalities
        .iter()
        .map(|m| (m.id, if m.name == "Alblasserdam" { VoteChoice::Tegen } else { VoteChoice::Voor }))
        .collect();
    store.record_votes(
        bw,
        &votes,
        Some("Alleen de tegenstem van Alblasserdam staat in de bron; de overige stemmen zijn demo-invulling."),
    )?;

    // Attendance: everyone at the AB; not every municipality at the BOT session (which ones
    // stayed away is not in the sources, so this is demo).
    for row in store.attendance(ab)? {
        store.set_presence(ab, row.person_id, Some(Presence::Aanwezig), None)?;
    }
    for (i, row) in store.attendance(bot)?.into_iter().enumerate() {
        let presence = if i % 3 == 2 { Presence::Afwezig } else { Presence::Aanwezig };
        store.set_presence(bot, row.person_id, Some(presence), None)?;
    }

    // Commitments made in the nota van reactie and requests of the councils (real texts).
    let soj = store.organisation_by_code("SOJ")?.id;
    store.add_action(&NewAction {
        agenda_item_id: Some(bw),
        description: "Gemeenten informeren over de voorlopige werkelijke kosten 2020 en de primaire meerjarenbegroting voor zienswijze toesturen («vóór 15 april 2021»).".into(),
        organisation_id: Some(soj),
        role: Some("Directeur SOJ".into()),
        due_date: Some(date(2021, 4, 14)),
        is_commitment: true,
        demo_note: Some("Toezegging en datum zijn echt; de rol en de status zijn demo-invulling.".into()),
    })?;
    store.add_action(&NewAction {
        agenda_item_id: Some(bw),
        description:
            "Herziene meerjarenbegroting 2021-2024, gevraagd door Dordrecht en Molenlanden vóór het eind van 2020."
                .into(),
        organisation_id: Some(soj),
        role: None,
        due_date: Some(date(2020, 12, 31)),
        is_commitment: false,
        demo_note: Some("Het verzoek is echt; of en door wie het is opgepakt staat niet in de bronnen.".into()),
    })?;
    store.add_action(&NewAction {
        agenda_item_id: Some(definitie),
        description: "Eerste aanzet voor een gezamenlijke definitie van jeugdhulp (Papendrecht vraagt erom vóór het eind van 2020).".into(),
        organisation_id: None,
        role: Some("Beleidsambtenaren van de tien gemeenten".into()),
        due_date: Some(date(2020, 12, 31)),
        is_commitment: false,
        demo_note: Some("Verzoek en opdracht zijn echt; de datum volgt het verzoek van Papendrecht.".into()),
    })?;
    add_item(
        store,
        ab,
        None,
        Some(dossier_burap2),
        Some(holder_hw),
        ItemSpec::new("Tweede bestuursrapportage 2020 van de SOJ", TerBesluitvorming, Some(Strategisch))
            .note("De agendering is echt; de uitkomst staat niet in de bronnen en is daarom niet ingevuld."),
    )?;
    add_item(
        store,
        ab,
        None,
        Some(dossier_burap2),
        Some(holder_hw),
        ItemSpec::new("Begrotingswijziging 2021 met meerjarenraming", TerBesluitvorming, Some(Strategisch))
            .note("De agendering is echt; de uitkomst staat niet in de bronnen en is daarom niet ingevuld."),
    )?;
    add_item(store, ab, None, None, None, ItemSpec::new("Rondvraag", Rondvraag, None))?;

    // A concept AB agenda for December, to show the agenda-hygiene warning and the late motion.
    let ab2 = meeting(
        store,
        "AB",
        "Algemeen Bestuur DG&J",
        at(2020, 12, 17, 19, 30),
        2,
        MeetingStatus::Concept,
        "Deze vergadering is geheel demo-invulling.",
    )?;
    add_item(store, ab2, None, None, None, ItemSpec::new("Opening en vaststelling van de agenda", Hamerstuk, None))?;
    add_item(
        store,
        ab2,
        None,
        None,
        None,
        ItemSpec::new("Nagekomen motie van de gemeenteraad van Alblasserdam", TerBespreking, Some(Strategisch))
            .proposal(
                "«nagekomen motie wordt apart geagendeerd voor het Algemeen Bestuur» (zienswijze Alblasserdam 2020).",
                &[],
            ),
    )?;
    add_item(
        store,
        ab2,
        None,
        None,
        None,
        ItemSpec::new("Werkafspraken maandrapportage en dashboard op één A4", TerBespreking, Some(Operationeel))
            .note("Bewust operationeel punt op de AB-agenda om de agendahygiëne-waarschuwing te tonen."),
    )?;
    add_item(store, ab2, None, None, None, ItemSpec::new("Rondvraag", Rondvraag, None))?;
    Ok(vec![db])
}

/// The status the sources describe, in the register's terms (the source's words stay in the history).
fn measure_status(text: Option<&str>) -> MeasureStatus {
    let t = text.unwrap_or_default().to_lowercase();
    if t.contains("niet doorgevoerd") && t.contains("alternatief") {
        MeasureStatus::AlternatiefInOntwikkeling
    } else if t.contains("niet doorgevoerd") || t.contains("niet ingevoerd") {
        MeasureStatus::NietDoorgevoerd
    } else if ["loopt", "in uitvoering", "stapsgewijs", "in ontwikkeling", "uitgewerkt", "niet gehaald"]
        .iter()
        .any(|w| t.contains(w))
    {
        MeasureStatus::InUitvoering
    } else if t.contains("vastgesteld") || t.contains("gefinancierd") {
        MeasureStatus::Besloten
    } else {
        MeasureStatus::Voorgesteld
    }
}

fn source_plan(plans: &[&str]) -> SourcePlan {
    let all = plans.join(" ");
    if all.contains("Omdenknotitie") {
        SourcePlan::Omdenknotitie
    } else if all.contains("Aanjaagplan") {
        SourcePlan::Aanjaagplan
    } else if all.contains("AEF") {
        SourcePlan::AefAdvies
    } else {
        SourcePlan::Overig
    }
}

/// The date a status was known, from "2020-11-12" or "2020 (nota van reactie …)".
fn as_of(text: Option<&str>) -> NaiveDate {
    let t = text.unwrap_or_default();
    if let Some(d) = t.get(..10).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) {
        return d;
    }
    // Only a year (or nothing): the AB of 12 November 2020, where the 2020 state was reported.
    date(2020, 11, 12)
}

/// Dutch for the few texts the fixtures give only in English (the researchers' notes), translated
/// faithfully. The app speaks Dutch; the source stays readable beside the translation.
const TRANSLATIONS: &[(&str, &str)] = &[
    (
        "Progress to be reported in the next Aanjaagteam tussenbericht.",
        "De voortgang wordt gemeld in het volgende tussenbericht van het Aanjaagteam.",
    ),
    (
        "uiterlijk begin juni (year not stated in 003; the AEF sessions were 5 and 19 June 2020)",
        "uiterlijk begin juni (het jaar staat niet in bron 003; de AEF-sessies waren op 5 en 19 juni 2020)",
    ),
];

/// A fixture text in Dutch: as it is when it is Dutch, else its translation marked as such with
/// the English source after it.
fn in_dutch(text: &str) -> String {
    match TRANSLATIONS.iter().find(|(en, _)| *en == text) {
        Some((en, nl)) => format!("{nl} [vertaling van de Engelstalige bron: «{en}»]"),
        None => text.to_string(),
    }
}

/// The 46 entries of `measures.json`, as the sources give them: unknown amounts stay unknown. Three
/// measures get example savings (marked as examples) so that the register and the report have
/// figures to show; the real € 2,0 mln of the businesscase for 2023 is kept as it is.
fn load_measures(store: &mut Store) -> Result<()> {
    let file: MeasuresFile = parse("measures.json", MEASURES_JSON)?;
    let soj = store.organisation_by_code("SOJ")?.id;
    let sjt = store.organisation_by_code("SJT")?.id;
    for m in &file.measures {
        let code = m.id.as_str();
        let plans: Vec<&str> = m.source_plans.iter().map(String::as_str).collect();
        let trekker = m.trekker.as_ref().and_then(|t| t.value.as_deref());
        let trekker_id = match trekker {
            Some("SOJ") => Some(soj),
            Some("SJT") => Some(sjt),
            _ => None,
        };
        let status_text = m.status.as_ref().and_then(|s| s.value.as_deref());
        let status_as_of = m.status.as_ref().and_then(|s| s.as_of.as_deref());
        let status = measure_status(status_text);
        let quote = m
            .status
            .as_ref()
            .and_then(|s| s.evidence.as_ref())
            .and_then(|e| e.quote.as_deref())
            .or_else(|| m.evidence.first().and_then(|e| e.quote.as_deref()));
        let knelpunten: Vec<String> = m
            .requested_or_raised_by
            .iter()
            .filter_map(|r| Some(format!("{}: {}", r.gemeente.as_deref()?, r.request.as_deref()?)))
            .collect();
        let id = store.add_measure(&NewMeasure {
            code: code.to_string(),
            title: m.name_nl.clone(),
            kind: m.kind.clone(),
            description: quote.map(|q| format!("«{q}»")),
            source_plan: source_plan(&plans),
            source_version: (!plans.is_empty()).then(|| plans.join("; ")),
            trekker_id,
            trekker_text: if trekker_id.is_none() { trekker.map(str::to_string) } else { None },
            second_id: None,
            responsible: None,
            status,
            knelpunten: (!knelpunten.is_empty()).then(|| knelpunten.join("\n")),
            time_path: m.time_path.as_deref().map(in_dutch),
            demo_note: None,
        })?;
        // Only a status the sources give is a dated change in the history.
        if let Some(status_text) = status_text {
            let reason = match status_as_of {
                Some(when) => format!("{status_text} (bron: {when})"),
                None => status_text.to_string(),
            };
            store.set_measure_status(id, status, as_of(status_as_of), Some(&reason), None)?;
        }
        let potential = m.savings_potential.as_ref();
        if let (Some(amount), Some(years)) =
            (potential.and_then(|p| p.amount_eur), potential.and_then(|p| p.years.as_ref()))
        {
            // M21 is a cost level (€ 100 mln in 2022), not a saving; only savings go in the grid.
            if code != "M21" {
                for &year in years {
                    let year = i32::try_from(year).map_err(|_| bad(format!("{code}: jaar {year}")))?;
                    store.set_savings(id, year, None, Some(Money::euros(amount)), None, false)?;
                }
            }
        }
    }
    let id_of = |store: &Store, code: &str| -> Result<i64> {
        store
            .measures(date(2020, 11, 12))?
            .into_iter()
            .find(|m| m.code == code)
            .map(|m| m.id)
            .ok_or_else(|| bad(code.to_string()))
    };
    // Example savings (demo), to show the three colours of the traffic light.
    for (code, year, target, realised) in
        [("M05", 2020, 1_500_000, 600_000), ("M06", 2020, 800_000, 700_000), ("M12", 2020, 1_250_000, 1_300_000)]
    {
        let id = id_of(store, code)?;
        store.set_savings(id, year, None, Some(Money::euros(target)), Some(Money::euros(realised)), true)?;
    }
    // Where the measures were on the agenda of the demo cycle.
    let items: Vec<(i64, String)> = store
        .meetings()?
        .iter()
        .flat_map(|m| {
            store
                .meeting(m.id)
                .map(|d| d.items.into_iter().map(|i| (i.id, i.title)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
        .collect();
    let item = |prefix: &str| {
        items.iter().find(|(_, t)| t.starts_with(prefix)).map(|(id, _)| *id).ok_or_else(|| bad(prefix.to_string()))
    };
    for (prefix, code) in [
        ("Begrotingswijziging 2020", "M01"),
        ("Begrotingswijziging 2020", "M02"),
        ("Begrotingswijziging 2020", "M21"),
        ("Gezamenlijke definitie jeugdhulp", "M08"),
        ("Eerste tussenbericht Aanjaagteam", "M05"),
        ("Eerste tussenbericht Aanjaagteam", "M06"),
        ("Werkafspraken maandrapportage", "A12"),
    ] {
        store.link_measure(item(prefix)?, id_of(store, code)?)?;
    }
    Ok(())
}

/// The 36 recurring reply paragraphs of the 2020 nota van reactie (`standard-responses.json`) as
/// the start of the standard response library. Each component sentence with another wording in
/// the nota gives a variant. Loading twice adds nothing: existing codes are skipped.
pub fn load_standard_responses(store: &mut Store) -> Result<usize> {
    let file: StandardResponsesFile = parse("standard-responses.json", STANDARD_RESPONSES_JSON)?;
    let existing: Vec<String> = store.standard_responses()?.into_iter().map(|r| r.code).collect();
    let mut added = 0;
    store.atomically(|store| {
        for p in &file.standard_paragraphs {
            let code = p.id.as_str();
            if existing.iter().any(|c| c == code) {
                continue;
            }
            let canonical = p.canonical_text_nl.as_str();
            store.add_standard_response(code, &library_title(canonical), "Standaard", canonical)?;
            for wordings in &p.component_sentences_nl {
                let Some((first, others)) = wordings.split_first() else { continue };
                for other in others {
                    // Only a whole sentence can replace a whole sentence.
                    if canonical.contains(first) && other.starts_with(char::is_uppercase) && first.starts_with(char::is_uppercase) {
                        let variant = canonical.replacen(first, other, 1);
                        let label = format!("Met «{}…»", other.split_whitespace().take(5).collect::<Vec<_>>().join(" "));
                        store.add_standard_response(code, "", &label, &variant)?;
                    }
                }
            }
            let uses = p.reuse_count_in_nota.unwrap_or(0);
            store.write(|tx| {
                tx.execute(
                    "UPDATE standard_response SET historic_uses = ?1, historic_source = 'nota van reactie 2020' WHERE code = ?2",
                    params![uses, code],
                )?;
                Ok(())
            })?;
            added += 1;
        }
        Ok(())
    })?;
    Ok(added)
}

/// A short Dutch title for a library paragraph: its first sentence, cut at a word.
fn library_title(text: &str) -> String {
    let first = text.split(". ").next().unwrap_or(text).trim_end_matches('.');
    if first.chars().count() <= 80 {
        return first.to_string();
    }
    let mut out = String::new();
    for word in first.split_whitespace() {
        if out.chars().count() + word.chars().count() > 76 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("{out} …")
}

/// Keywords that tag a point with one of the four most-mentioned concerns of the covering letter.
/// The letter does not say which point raised which concern; this tagging is a demo aid.
const CONCERN_KEYWORDS: [&[&str]; 4] = [
    &["realistisch", "realisme"],
    &["sturing", "deskundig", "voortgang"],
    &["corona", "informatievoorziening"],
    &["meerjarenbegroting", "meerjarenraming", "meerjarenperspectief"],
];

/// The 2020 procedure on the budget change of the SOJ, with the zienswijzen and replies of the
/// four municipalities in `zienswijzen-2020-deel.json`, word for word.
fn load_zienswijzen(store: &mut Store) -> Result<()> {
    let file: ZienswijzenFile = parse("zienswijzen-2020-deel.json", ZIENSWIJZEN_JSON)?;
    let procedure = &file.procedure;
    let letter = &file.covering_letter;
    let besluit = &letter.besluit;
    let sent_on =
        NaiveDate::parse_from_str(&procedure.verzonden_voor_zienswijze, "%Y-%m-%d").map_err(|e| bad(e.to_string()))?;
    let decided_on = NaiveDate::parse_from_str(&besluit.datum, "%Y-%m-%d").map_err(|e| bad(e.to_string()))?;
    let ab_item = store
        .meetings()?
        .into_iter()
        .find(|m| m.body_code == "AB" && m.starts_at.date() == decided_on)
        .map(|m| store.meeting(m.id))
        .transpose()?
        .and_then(|m| m.items.into_iter().find(|i| i.title.starts_with("Begrotingswijziging 2020")))
        .map(|i| i.id);
    let id = store.add_procedure(&crate::zienswijzen::NewProcedure {
        title: "Begrotingswijziging SOJ 2020 (1e bestuursrapportage)".into(),
        subject: procedure.onderwerp.clone(),
        documents: Some("Eerste bestuursrapportage 2020 van de SOJ\nVoorstel tot begrotingswijziging 2020".into()),
        sent_on,
        period_weeks: procedure.wettelijke_zienswijzetermijn_weken.unwrap_or(8),
        agenda_item_id: ab_item,
        demo_note: Some(
            "Zienswijzen en reacties van vier van de tien gemeenten, letterlijk uit de nota van reactie 2020. Ontvangstdata, raadsbesluiten en standpunten staan niet in de bron en zijn leeg gelaten. De koppeling van punten aan aandachtspunten is een demo-hulpmiddel (op trefwoord)."
                .into(),
        ),
    })?;
    let alblasserdam = store.organisation_by_code("ALBLASSERDAM")?.id;
    store.set_decision(
        id,
        &crate::zienswijzen::Decision {
            decided_on: Some(decided_on),
            amount: besluit.bedrag_eur.map(Money::euros),
            text: Some(besluit.tekst.clone()),
            dissent_ids: vec![alblasserdam],
        },
    )?;
    let mut concern_ids = Vec::new();
    for c in &letter.meest_genoemde_aandachtspunten {
        concern_ids.push(store.add_concern(id, &c.titel, &c.toelichting)?);
    }
    store.set_letter(id, Some(&real_letter(letter)))?;

    // Structure first (references may point to any municipality), replies second.
    let mut replies: Vec<(i64, &fixtures::PointFixture)> = Vec::new();
    for g in &file.gemeenten {
        let org = store.organisation_by_code(&organisation_code(&g.gemeente))?.id;
        let z = store.add_zienswijze(id, org, None, None, None)?;
        store.update_zienswijze(z, None, None, None, g.intro.as_deref())?;
        let main_section = store.zienswijze(z)?.sections[0].id;
        let mut sections: Vec<(String, i64)> = vec![("zienswijze".into(), main_section)];
        for item in &g.items {
            let section_key =
                item.section.as_deref().ok_or_else(|| bad(format!("{}: een punt zonder sectie", g.gemeente)))?;
            let section_id = match sections.iter().find(|(k, _)| k == section_key) {
                Some((_, sid)) => *sid,
                None => {
                    let (kind, name) = match section_key {
                        "slotverzoek" => (crate::domain::SectionKind::Slotverzoeken, "slotverzoeken"),
                        other => (crate::domain::SectionKind::Bijlage, other),
                    };
                    let intro = g.section_intros.get(section_key).and_then(Option::as_deref);
                    let sid = store.add_section(z, kind, name, intro)?;
                    sections.push((section_key.to_string(), sid));
                    sid
                }
            };
            let inbreng = item.inbreng.as_deref().or(item.inbreng_intro.as_deref()).unwrap_or_default();
            let point = store.add_point(section_id, None, item.label.as_deref(), None, inbreng)?;
            store.set_point_uncertain(point, item.uncertain)?;
            store.set_reply_intro(point, item.reactie_intro.as_deref())?;
            tag_concerns(store, point, inbreng, &concern_ids)?;
            if item.reactie.is_some() {
                replies.push((point, item));
            }
            for sub in &item.subpoints {
                // Bullets have no label of their own in the source.
                let label = sub.label_in_source.as_deref();
                let text_of = sub.inbreng.as_deref().unwrap_or_default();
                let child = store.add_point(section_id, Some(point), label, None, text_of)?;
                store.set_point_uncertain(child, sub.uncertain)?;
                tag_concerns(store, child, text_of, &concern_ids)?;
                if sub.reactie.is_some() {
                    replies.push((child, sub));
                }
            }
        }
    }
    for (point, item) in replies {
        let Some(reactie) = &item.reactie else { continue };
        let (segment, dangling) = store.add_segment(point, &reactie.text, None)?;
        if !dangling.is_empty() {
            return Err(bad(format!("onopgeloste verwijzing in de demo: {dangling:?}")));
        }
        store.set_segment_uncertain(segment, item.uncertain)?;
    }
    Ok(())
}

fn tag_concerns(store: &mut Store, point: i64, inbreng: &str, concern_ids: &[i64]) -> Result<()> {
    let lower = inbreng.to_lowercase();
    for (keywords, concern) in CONCERN_KEYWORDS.iter().zip(concern_ids) {
        if keywords.iter().any(|k| lower.contains(k)) {
            store.tag_point(point, *concern, true)?;
        }
    }
    Ok(())
}

/// The covering letter of 2020 as the source has it, in the editor's plain-text form.
fn real_letter(letter: &CoveringLetter) -> String {
    let mut out = format!("{}\n\n", letter.aanhef);
    for p in &letter.inleiding {
        out.push_str(p);
        out.push_str("\n\n");
    }
    out.push_str(&format!("## {}\n\n{}\n\n", letter.besluit.kop, letter.besluit.tekst));
    out.push_str(&format!("## {}\n\n{}\n\n", letter.toelichting_kop, letter.toelichting_intro));
    let points = &letter.meest_genoemde_aandachtspunten;
    for p in points {
        out.push_str(&format!("{}. {}\n", p.nr.unwrap_or(0), p.titel));
    }
    out.push('\n');
    if let Some(t) = &letter.overgang_naar_bijlage {
        out.push_str(t);
        out.push_str("\n\n");
    }
    for p in points {
        out.push_str(&format!("### {}\n\n{}\n\n", p.toelichting_kop, p.toelichting));
    }
    for p in &letter.slot {
        out.push_str(p);
        out.push_str("\n\n");
    }
    let sign = &letter.ondertekening;
    out.push_str(&format!(
        "{}\n\nDe secretaris, {}\nDe voorzitter, {}",
        letter.afzender, sign.secretaris, sign.voorzitter
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        load(&mut store).unwrap();
        store
    }

    #[test]
    fn measure_texts_are_dutch_and_translations_are_marked() {
        let store = demo_store();
        let today = date(2020, 11, 12);
        // Words that only occur in the English notes of the fixtures.
        let english = [" the ", " to be ", "Progress", "not stated"];
        for m in store.measures(today).unwrap() {
            let detail = store.measure(m.id, today).unwrap();
            for text in [detail.description, detail.time_path, detail.knelpunten].into_iter().flatten() {
                let (dutch, source) = text.split_once(" [vertaling van de Engelstalige bron: ").unwrap_or((&text, ""));
                assert!(!english.iter().any(|w| dutch.contains(w)), "{}: English shown as Dutch: {text}", m.code);
                if !source.is_empty() {
                    assert!(source.ends_with("»]"), "the English source is kept: {text}");
                }
            }
        }
        let m16 = store.measures(today).unwrap().into_iter().find(|m| m.code == "M16").unwrap();
        let path = store.measure(m16.id, today).unwrap().time_path.unwrap();
        assert!(
            path.starts_with("De voortgang wordt gemeld in het volgende tussenbericht van het Aanjaagteam."),
            "{path}"
        );
        assert!(path.contains("«Progress to be reported"), "{path}");
    }

    #[test]
    fn reference_data_matches_the_sources() {
        let store = demo_store();
        let orgs = store.organisations().unwrap();
        let current = store.member_municipalities_on(date(2020, 11, 12)).unwrap();
        assert_eq!(current.len(), 10, "ten municipalities since 2019");
        assert_eq!(current[0].name, "Alblasserdam");
        let at_start = store.member_municipalities_on(date(2016, 6, 1)).unwrap();
        assert_eq!(at_start.len(), 17, "seventeen at the start");
        let hw = store.organisation_by_code("HOEKSCHE_WAARD").unwrap();
        assert_eq!(hw.subregion.as_deref(), Some("Hoeksche Waard"));
        let strijen = orgs.iter().find(|o| o.name == "Strijen").unwrap();
        assert_eq!(strijen.successor_id, Some(hw.id));
        // Subregions the sources cannot place stay unknown.
        assert_eq!(store.organisation_by_code("SLIEDRECHT").unwrap().subregion, None);
        for code in ["DGJ", "SOJ", "SJT"] {
            store.organisation_by_code(code).unwrap();
        }
    }

    #[test]
    fn bodies_carry_their_decision_power() {
        let store = demo_store();
        assert!(store.body_by_code("AB").unwrap().takes_decisions());
        assert!(store.body_by_code("AB").unwrap().weighted_voting);
        assert!(!store.body_by_code("BOT").unwrap().takes_decisions());
        assert_eq!(store.bodies().unwrap().len(), 20);
        let meeting_bodies: Vec<_> =
            store.bodies().unwrap().into_iter().filter(|b| b.holds_meetings).map(|b| b.short_name).collect();
        assert_eq!(meeting_bodies, ["AB", "DB", "Netwerk-MTplus", "BOT"]);
    }

    #[test]
    fn weights_are_examples_and_complete_for_the_members() {
        let store = demo_store();
        let weights = store.vote_weights_on(date(2020, 11, 12)).unwrap();
        assert_eq!(weights.len(), 10);
        assert!(weights.iter().all(|w| w.is_example));
    }

    #[test]
    fn the_ab_of_12_november_2020_shows_the_real_decision() {
        let store = demo_store();
        let meetings = store.meetings().unwrap();
        let bodies: std::collections::BTreeSet<_> = meetings.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies.into_iter().collect::<Vec<_>>(), ["AB", "BOT", "DB", "Netwerk-MTplus"]);
        let ab = meetings.iter().find(|m| m.body == "AB" && m.starts_at.date() == date(2020, 11, 12)).unwrap();
        let detail = store.meeting(ab.id).unwrap();
        let item = detail.items.iter().find(|i| i.title.starts_with("Begrotingswijziging 2020")).unwrap();
        assert_eq!(item.outcome, Some(Outcome::Aangenomen));
        assert!(item.decision_md.as_deref().unwrap().contains("6,6 miljoen"));
        let tally = item.tally.as_ref().unwrap();
        assert_eq!(tally.result, crate::meetings::voting::TallyResult::Aangenomen);
        assert!(tally.uses_example_weights);
        assert_eq!(
            tally.dissent_sentence.as_deref(),
            Some("met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd")
        );
        let titles: Vec<_> = detail.items.iter().map(|i| i.title.as_str()).collect();
        assert!(titles.contains(&"Tweede bestuursrapportage 2020 van de SOJ"));
        assert!(titles.contains(&"Begrotingswijziging 2021 met meerjarenraming"));
        let numbers: Vec<_> = detail.items.iter().map(|i| i.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "2a", "3", "4", "5"]);
    }

    #[test]
    fn the_register_holds_every_fixture_entry_faithfully() {
        let store = demo_store();
        let today = date(2021, 6, 1);
        let measures = store.measures(today).unwrap();
        assert_eq!(measures.len(), 46);
        let by_code = |c: &str| measures.iter().find(|m| m.code == c).unwrap();
        assert_eq!(by_code("M01").status, MeasureStatus::AlternatiefInOntwikkeling);
        assert_eq!(by_code("M03").status, MeasureStatus::NietDoorgevoerd);
        // The real € 2,0 mln for 2023; no realised amount is invented.
        let m13 = by_code("M13");
        assert_eq!(m13.years.len(), 1);
        assert_eq!(
            (m13.years[0].year, m13.years[0].target, m13.years[0].realised),
            (2023, Some(Money::euros(2_000_000)), None)
        );
        assert!(!m13.uses_example_amounts);
        // Unknown amounts stay unknown: most measures have no figures at all.
        assert!(measures.iter().filter(|m| m.years.is_empty()).count() >= 40);
        assert_eq!(by_code("M05").traffic_light, crate::domain::TrafficLight::Rood);
        assert_eq!(by_code("M06").traffic_light, crate::domain::TrafficLight::Oranje);
        assert_eq!(by_code("M12").traffic_light, crate::domain::TrafficLight::Groen);
        assert!(by_code("M12").uses_example_amounts);
        let m01 = store.measure(by_code("M01").id, today).unwrap();
        assert_eq!(m01.linked_items.len(), 1);
        assert_eq!(m01.linked_items[0].body, "AB");
        assert!(m01.history[0].reason.as_deref().unwrap().contains("niet doorgevoerd; alternatief in uitwerking"));
    }

    #[test]
    fn loading_twice_is_refused() {
        let mut store = demo_store();
        let before = store.meetings().unwrap().len();
        let err = load(&mut store).unwrap_err();
        assert_eq!(err.code(), "demo_already_loaded");
        assert_eq!(store.meetings().unwrap().len(), before);
    }
}

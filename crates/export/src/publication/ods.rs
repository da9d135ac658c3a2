//! A JSON in the shape of VNG's ODS Open Raadsinformatie (openapi 2.0.0-beta.4): the resources
//! Vergadering, Agendapunt, Besluit, Stemming, Stem and InformatieObject as the API would return
//! them, in one file. What ODS-ORI has no field for (the weight of a municipality's vote, the
//! weighted tally, a joint arrangement as publisher, demo marks) is never put into an ODS
//! resource: it is under the top-level key `bestuursmap`, described in docs/publicatie.md.

use super::iso_local;
use bestuursmap_core::domain::{ItemKind, MeetingStatus, VoteChoice};
use bestuursmap_core::meetings::voting::TallyResult;
use bestuursmap_core::publication::{stable_id, Publication};
use serde_json::{json, Value};

/// The version of the ODS-ORI specification whose shapes are followed.
pub const ODS_VERSION: &str = "2.0.0-beta.4";

fn urn(id: &str) -> String {
    format!("urn:uuid:{id}")
}

fn reference(id: &str) -> Value {
    json!({ "id": id, "url": urn(id) })
}

/// Cuts a text to an ODS field's maximum length (in characters), ending with «…» when cut. The
/// full text is in the HTML and the JSON-LD.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

fn status(status: MeetingStatus) -> &'static str {
    match status {
        MeetingStatus::Concept | MeetingStatus::Gepubliceerd => "gepland",
        MeetingStatus::Vergaderd | MeetingStatus::BesluitenlijstVastgesteld => "gehouden",
        MeetingStatus::Afgelast => "geannuleerd",
    }
}

fn choice(choice: VoteChoice) -> &'static str {
    match choice {
        VoteChoice::Voor => "voor",
        VoteChoice::Tegen => "tegen",
        VoteChoice::Onthouding => "onthouden",
        VoteChoice::Afwezig => "afwezig",
    }
}

pub fn document(publication: &Publication) -> Value {
    let (mut vergaderingen, mut agendapunten, mut besluiten, mut stemmingen, mut stemmen, mut informatieobjecten) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut gewichten, mut uitslagen, mut demo, mut organen) = (vec![], vec![], vec![], vec![]);

    for meeting in &publication.meetings {
        organen.push(json!({
            "gremiumidentificatie": fit(&meeting.body_code, 10),
            "orgaancode": meeting.body_code,
            "naam": meeting.body_name,
            "onderdeelVan": publication.publisher.name,
        }));
        if let Some(note) = &meeting.demo_note {
            demo.push(json!({ "id": meeting.id, "toelichting": note }));
        }
        let top_level: Vec<&str> =
            meeting.items.iter().filter(|i| i.parent_id.is_none()).map(|i| i.id.as_str()).collect();
        let mut vergadering = json!({
            "url": urn(&meeting.id),
            "id": meeting.id,
            "naam": fit(&meeting.title, 100),
            "vergaderdatum": meeting.starts_at.date().to_string(),
            "geplandeVergaderdatum": meeting.starts_at.date().to_string(),
            "geplandeAanvangVergadering": iso_local(meeting.starts_at),
            "status": status(meeting.status),
            // ODS knows only this type for a general board; other bodies have none that fits.
            "vergaderingstype": if meeting.body_code == "AB" { Value::from("algemene_bestuursvergadering") } else { Value::Null },
            "georganiseerdDoorGremium": {
                "gremiumidentificatie": fit(&meeting.body_code, 10),
                "gremiumnaam": fit(&meeting.body_name, 100),
            },
            "gemeente": null,
            "provincie": null,
            "waterschap": null,
            "agendapunten": top_level.iter().map(|id| urn(id)).collect::<Vec<_>>(),
            "bijlagen": meeting.items.iter().flat_map(|i| &i.attachments).map(|a| urn(&a.id)).collect::<Vec<_>>(),
        });
        if meeting.status != MeetingStatus::Concept && meeting.status != MeetingStatus::Gepubliceerd {
            vergadering["aanvangVergadering"] = json!(iso_local(meeting.starts_at));
            if let Some(end) = meeting.ends_at {
                vergadering["eindeVergadering"] = json!(iso_local(end));
            }
        }
        if let Some(end) = meeting.ends_at {
            vergadering["geplandeEindeVergadering"] = json!(iso_local(end));
        }
        if let Some(location) = &meeting.location {
            vergadering["locatie"] = json!(fit(location, 100));
        }
        if meeting.is_concept() {
            vergadering["vergadertoelichting"] = json!("Concept-agenda: nog niet vastgesteld.");
        }
        vergaderingen.push(vergadering);

        for item in &meeting.items {
            if let Some(note) = &item.demo_note {
                demo.push(json!({ "id": item.id, "toelichting": note }));
            }
            let besluit_id = stable_id("besluit", &item.id);
            let mut agendapunt = json!({
                "url": urn(&item.id),
                "id": item.id,
                "vergadering": reference(&meeting.id),
                "hoofdagendapunt": item.parent_id.as_deref().map(reference),
                "agendapuntTitel": fit(&item.title, 100),
                "agendapuntvolgnummer": fit(&item.number, 3),
                "geplandAgendapuntvolgnummer": fit(&item.number, 10),
                "agendapuntKenmerk": fit(item.kind_label.as_str(), 20),
                "indicatieHamerstuk": item.kind == ItemKind::Hamerstuk,
                "indicatorBehandeld": item.outcome.is_some(),
                // Only public items are published, so never besloten.
                "indicatorBesloten": false,
                "gemeente": null,
                "provincie": null,
                "waterschap": null,
                "subagendapunten": meeting.items.iter().filter(|c| c.parent_id.as_deref() == Some(item.id.as_str())).map(|c| urn(&c.id)).collect::<Vec<_>>(),
                "informatieobjecten": item.attachments.iter().map(|a| urn(&a.id)).collect::<Vec<_>>(),
                "stemmingen": item.vote.iter().map(|v| urn(&v.id)).collect::<Vec<_>>(),
            });
            if let Some(text) = &item.proposal_text {
                agendapunt["agendapuntOmschrijving"] = json!(text);
            }
            agendapunten.push(agendapunt);

            for attachment in &item.attachments {
                informatieobjecten.push(json!({
                    "url": urn(&attachment.id),
                    "id": attachment.id,
                    "titel": fit(&attachment.file_name, 200),
                    "link": attachment.path,
                    "informatieobjecttype": if item.kind == ItemKind::TerBesluitvorming { "besluitvormingsstuk" } else { "mededeling" },
                    "taal": "nld",
                    "vertrouwelijkheidsaanduiding": "openbaar",
                    "gemeente": null,
                    "provincie": null,
                    "waterschap": null,
                    "vergaderingen": [reference(&meeting.id)],
                    "agendapunten": [reference(&item.id)],
                    "portefeuillehouder": item.portefeuillehouder.as_deref().map(|p| fit(p, 100)),
                }));
            }

            if let Some(outcome) = item.outcome {
                let mut besluit = json!({
                    "url": urn(&besluit_id),
                    "id": besluit_id,
                    "besluitresultaat": fit(outcome.label(), 200),
                    "stemmingen": item.vote.iter().map(|v| urn(&v.id)).collect::<Vec<_>>(),
                });
                if let Some(text) = &item.decision_text {
                    besluit["besluittoelichting"] = json!(fit(text, 200));
                }
                besluiten.push(besluit);
            }

            if let Some(vote) = &item.vote {
                stemmingen.push(json!({
                    "url": urn(&vote.id),
                    "id": vote.id,
                    "agendapunt": reference(&item.id),
                    "stemmingstype": "hoofdelijk",
                    "resultaatMondelingeStemming": match vote.tally.result {
                        TallyResult::Aangenomen => Value::from("voor"),
                        TallyResult::Verworpen => Value::from("tegen"),
                        TallyResult::StemmenStaken => Value::from("gelijk"),
                        // ODS's enum has no value for «no quorum»: see bestuursmap.gewogenUitslagen.
                        TallyResult::GeenQuorum => Value::Null,
                    },
                    "besluit": item.outcome.is_some().then(|| reference(&besluit_id)),
                    "stemmen": vote.votes.iter().map(|v| urn(&v.id)).collect::<Vec<_>>(),
                }));
                uitslagen.push(json!({
                    "stemming": vote.id,
                    "voor": vote.tally.voor.to_string(),
                    "tegen": vote.tally.tegen.to_string(),
                    "onthouding": vote.tally.onthouding.to_string(),
                    "afwezig": vote.tally.afwezig.to_string(),
                    "totaal": vote.tally.total.to_string(),
                    "quorum": vote.tally.quorum_met,
                    "uitslag": vote.tally.result_label,
                    "kanttekening": vote.tally.dissent_sentence,
                    "voorbeeldgewichten": vote.tally.uses_example_weights,
                    "demo": vote.is_demo,
                }));
                for v in &vote.votes {
                    stemmen.push(json!({
                        "url": urn(&v.id),
                        "id": v.id,
                        // A municipality votes, not a person present: ODS has no field for that.
                        "aanwezigeDeelnemer": null,
                        "stemming": reference(&vote.id),
                        "keuzeStemming": choice(v.choice),
                    }));
                    gewichten.push(json!({
                        "stem": v.id,
                        "gemeente": v.municipality,
                        "gemeenteId": v.organisation_id,
                        "gewicht": v.weight.to_string(),
                        "voorbeeldgewicht": v.weight_is_example,
                    }));
                }
            }
        }
    }
    for person in publication.persons.iter().filter(|p| p.is_demo) {
        demo.push(json!({ "id": person.id, "toelichting": "Persoon bedacht voor de demo." }));
    }
    organen.dedup();

    json!({
        "toelichting": "Gegevens in de vorm van VNG ODS Open Raadsinformatie (geen API: één bestand). Wat ODS niet kent, staat alleen onder «bestuursmap»; zie docs/publicatie.md van Bestuursmap.",
        "specificatie": { "naam": "ODS Open Raads-, Staten- en Bestuursinformatie", "versie": ODS_VERSION },
        "vergaderingen": vergaderingen,
        "agendapunten": agendapunten,
        "besluiten": besluiten,
        "stemmingen": stemmingen,
        "stemmen": stemmen,
        "informatieobjecten": informatieobjecten,
        "bestuursmap": {
            "uitgever": {
                "id": publication.publisher.id,
                "naam": publication.publisher.name,
                "soort": publication.publisher.classification,
            },
            "organen": organen,
            "stemgewichten": gewichten,
            "gewogenUitslagen": uitslagen,
            "bevatDemogegevens": publication.contains_demo(),
            "demogegevens": demo,
        },
    })
}

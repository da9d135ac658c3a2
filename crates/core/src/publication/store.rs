//! The store side of a publication: load the meetings of a scope and keep what the rules in
//! [`crate::publication`] allow. Private notes are never read here.

use super::rules::{self, safe_file_name, stable_id};
use super::types::{
    MeetingExclusion, PublicAttachment, PublicAttendance, PublicItem, PublicMeeting, PublicMembership,
    PublicOrganisation, PublicPerson, PublicVote, PublicVoteResult, Publication, PublicationOptions, PublicationScope,
    Withheld,
};
use crate::domain::{Confidentiality, OrganisationKind};
use crate::error::{CoreError, Result};
use crate::store::Store;
use std::collections::{BTreeMap, HashMap};

impl Store {
    /// The public part of the meetings in `scope`. Fails with a Dutch message for an unknown
    /// meeting or body, a year without meetings, or when the rules leave nothing to publish.
    pub fn publication(&self, scope: &PublicationScope, options: PublicationOptions) -> Result<Publication> {
        let bodies = self.bodies()?;
        let (meeting_ids, title) = match scope {
            PublicationScope::Meeting { meeting_id } => {
                let summary = self.meeting_summary(*meeting_id)?;
                let title = format!("{} {}", summary.title, crate::format::date(summary.starts_at.date()));
                (vec![*meeting_id], title)
            }
            PublicationScope::BodyYear { body, year } => {
                let found = bodies
                    .iter()
                    .find(|b| {
                        b.code.eq_ignore_ascii_case(body.trim()) || b.short_name.eq_ignore_ascii_case(body.trim())
                    })
                    .filter(|b| b.holds_meetings)
                    .ok_or_else(|| {
                        let known: Vec<&str> =
                            bodies.iter().filter(|b| b.holds_meetings).map(|b| b.code.as_str()).collect();
                        CoreError::Invalid(format!(
                            "Het orgaan «{}» bestaat niet. Kies een van: {}.",
                            body.trim(),
                            known.join(", ")
                        ))
                    })?;
                let mut ids: Vec<(chrono::NaiveDateTime, i64)> = self
                    .meetings()?
                    .into_iter()
                    .filter(|m| m.body_code == found.code && chrono::Datelike::year(&m.starts_at.date()) == *year)
                    .map(|m| (m.starts_at, m.id))
                    .collect();
                if ids.is_empty() {
                    return Err(CoreError::Invalid(format!(
                        "Het {} heeft in {year} geen vergaderingen. Er is niets gepubliceerd.",
                        found.short_name
                    )));
                }
                ids.sort();
                (ids.into_iter().map(|(_, id)| id).collect(), format!("{} {year}", found.name))
            }
        };

        let organisations = self.organisations()?;
        let publisher_org =
            organisations.iter().find(|o| o.kind == OrganisationKind::GemeenschappelijkeRegeling).ok_or_else(|| {
                CoreError::Invalid(
                    "De gemeenschappelijke regeling ontbreekt in de referentiegegevens; laad die eerst.".into(),
                )
            })?;
        let publisher = PublicOrganisation {
            id: stable_id("organisatie", &publisher_org.code),
            code: publisher_org.code.clone(),
            name: publisher_org.name.clone(),
            classification: publisher_org.kind.label().to_string(),
            parent_id: None,
        };
        let persons: HashMap<i64, crate::reference::Person> = self.persons()?.into_iter().map(|p| (p.id, p)).collect();

        let mut withheld = Withheld::default();
        let mut meetings = Vec::new();
        let mut used_orgs: BTreeMap<String, PublicOrganisation> = BTreeMap::new();
        let mut used_persons: BTreeMap<String, PublicPerson> = BTreeMap::new();
        let mut memberships: BTreeMap<String, PublicMembership> = BTreeMap::new();
        used_orgs.insert(publisher.id.clone(), publisher.clone());

        for meeting_id in &meeting_ids {
            let summary = self.meeting_summary(*meeting_id)?;
            match rules::meeting_exclusion(summary.status, summary.demo_note.is_some(), options) {
                Some(MeetingExclusion::Concept) => {
                    withheld.concept_meetings += 1;
                    continue;
                }
                Some(MeetingExclusion::Demo) => {
                    withheld.demo_meetings += 1;
                    continue;
                }
                None => {}
            }
            let detail = self.meeting_on(*meeting_id, summary.starts_at.date())?;
            let body = bodies
                .iter()
                .find(|b| b.code == summary.body_code)
                .ok_or_else(|| CoreError::NotFound { what: "Orgaan", id: summary.body_code.clone() })?;
            let body_org = PublicOrganisation {
                id: stable_id("orgaan", &body.code),
                code: body.code.clone(),
                name: body.name.clone(),
                classification: "Bestuursorgaan".into(),
                parent_id: Some(publisher.id.clone()),
            };
            used_orgs.insert(body_org.id.clone(), body_org.clone());
            let meeting_uid: String =
                self.conn().query_row("SELECT uid FROM meeting WHERE id = ?1", [meeting_id], |r| r.get(0))?;
            let item_uids = self.uid_map("SELECT id, uid FROM agenda_item WHERE meeting_id = ?1", *meeting_id)?;
            let attachment_uids = self.uid_map(
                "SELECT a.id, a.uid FROM attachment a JOIN agenda_item i ON i.id = a.agenda_item_id WHERE i.meeting_id = ?1",
                *meeting_id,
            )?;
            let demo_votes: HashMap<i64, bool> = {
                let mut stmt = self.conn().prepare(
                    "SELECT v.agenda_item_id, max(v.demo_note IS NOT NULL) FROM vote v
                     JOIN agenda_item i ON i.id = v.agenda_item_id WHERE i.meeting_id = ?1 GROUP BY v.agenda_item_id",
                )?;
                let rows = stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let meeting_public_id = stable_id("", &meeting_uid);
            let path = format!("vergaderingen/{meeting_public_id}");
            let confidentiality: HashMap<i64, Confidentiality> =
                detail.items.iter().map(|i| (i.id, i.confidentiality)).collect();

            let mut items = Vec::new();
            let agenda_public = rules::agenda_is_public(summary.status, options);
            for item in &detail.items {
                let parent = item.parent_id.and_then(|p| confidentiality.get(&p).copied());
                if !agenda_public
                    || !rules::item_is_public(item.confidentiality, parent, item.demo_note.is_some(), options)
                {
                    withheld.items += 1;
                    withheld.attachments += item.attachments.len() as u32;
                    continue;
                }
                let uid = item_uids.get(&item.id).cloned().unwrap_or_default();
                let item_id = stable_id("", &uid);
                let holder = item
                    .portefeuillehouder_id
                    .and_then(|id| persons.get(&id))
                    .filter(|p| rules::demo_allowed(p.is_demo, options));
                if let Some(person) = holder {
                    use_person(&mut used_persons, person);
                }
                let attachments = item
                    .attachments
                    .iter()
                    .map(|a| {
                        let id = stable_id("", attachment_uids.get(&a.id).map(String::as_str).unwrap_or_default());
                        PublicAttachment {
                            path: format!("{path}/bijlagen/{}-{}", &id[..8], safe_file_name(&a.file_name)),
                            id,
                            store_id: a.id,
                            file_name: a.file_name.clone(),
                            media_type: a.media_type.clone(),
                            size_bytes: a.size_bytes,
                            sha256: a.sha256.clone(),
                        }
                    })
                    .collect();
                let votes_demo = demo_votes.get(&item.id).copied().unwrap_or(false);
                let vote = match &item.tally {
                    Some(tally) if rules::demo_allowed(votes_demo, options) => {
                        let votes = item
                            .votes
                            .iter()
                            .map(|v| {
                                let org = organisations.iter().find(|o| o.id == v.organisation_id);
                                let code = org.map(|o| o.code.clone()).unwrap_or_else(|| v.organisation_id.to_string());
                                let org_id = stable_id("organisatie", &code);
                                used_orgs.entry(org_id.clone()).or_insert_with(|| PublicOrganisation {
                                    id: org_id.clone(),
                                    code: code.clone(),
                                    name: v.municipality.clone(),
                                    classification: OrganisationKind::Gemeente.label().to_string(),
                                    parent_id: None,
                                });
                                PublicVote {
                                    id: stable_id("stem", &format!("{uid}:{code}")),
                                    organisation_id: org_id,
                                    municipality: v.municipality.clone(),
                                    choice: v.choice,
                                    choice_label: v.choice.label().to_string(),
                                    weight: v.weight,
                                    weight_is_example: v.weight_is_example,
                                }
                            })
                            .collect();
                        Some(PublicVoteResult {
                            id: stable_id("stemming", &uid),
                            votes,
                            tally: tally.clone(),
                            is_demo: votes_demo,
                        })
                    }
                    _ => None,
                };
                items.push(PublicItem {
                    id: item_id,
                    parent_id: item.parent_id.and_then(|p| item_uids.get(&p)).map(|u| stable_id("", u)),
                    number: item.number.clone(),
                    position: items.len() as u32 + 1,
                    title: item.title.clone(),
                    kind: item.kind,
                    kind_label: item.kind_label.clone(),
                    portefeuillehouder_id: holder.map(|p| person_public_id(&p.name)),
                    portefeuillehouder: holder.map(|p| p.name.clone()),
                    proposal_html: item.proposal_html.clone(),
                    proposal_text: item.proposal_md.clone(),
                    decision_points: item.decision_points.clone(),
                    outcome: item.outcome,
                    outcome_label: item.outcome_label.clone(),
                    decision_html: item.decision_html.clone(),
                    decision_text: item.decision_md.clone(),
                    attachments,
                    vote,
                    demo_note: item.demo_note.clone(),
                });
            }

            for member in self.members_on(body.id, summary.starts_at.date())? {
                let Some(person) = persons.get(&member.person_id) else { continue };
                if !rules::demo_allowed(person.is_demo, options) {
                    continue;
                }
                let person_id = use_person(&mut used_persons, person);
                let on_behalf_of =
                    member.represents_id.and_then(|r| organisations.iter().find(|o| o.id == r)).map(|o| {
                        let id = stable_id("organisatie", &o.code);
                        used_orgs.entry(id.clone()).or_insert_with(|| PublicOrganisation {
                            id: id.clone(),
                            code: o.code.clone(),
                            name: o.name.clone(),
                            classification: o.kind.label().to_string(),
                            parent_id: None,
                        });
                        id
                    });
                // Who, in which body, in which role, from when: the same on every laptop and after a
                // restore, unlike the row id.
                let id = stable_id(
                    "lidmaatschap",
                    &format!("{}:{}:{}:{}", person.name, body.code, member.role.code(), member.valid_from),
                );
                memberships.insert(
                    id.clone(),
                    PublicMembership {
                        id,
                        person_id,
                        organisation_id: body_org.id.clone(),
                        role: member.role.label().to_string(),
                        on_behalf_of_id: on_behalf_of,
                        start_date: member.valid_from,
                        end_date: member.valid_until,
                    },
                );
            }

            let mut attendance = Vec::new();
            for row in &detail.attendance {
                let (Some(presence), Some(person)) = (row.presence, persons.get(&row.person_id)) else { continue };
                if !rules::demo_allowed(person.is_demo, options) {
                    continue;
                }
                let person_id = use_person(&mut used_persons, person);
                attendance.push(PublicAttendance {
                    person_id,
                    name: person.name.clone(),
                    on_behalf_of: row.represents.clone(),
                    presence,
                    presence_label: presence.label().to_string(),
                });
            }

            meetings.push(PublicMeeting {
                id: meeting_public_id,
                path,
                body_id: body_org.id.clone(),
                body_code: body.code.clone(),
                body_short_name: body.short_name.clone(),
                body_name: body.name.clone(),
                takes_decisions: body.takes_decisions(),
                title: summary.title.clone(),
                starts_at: summary.starts_at,
                ends_at: summary.ends_at,
                location: summary.location.clone(),
                status: summary.status,
                status_label: summary.status.label().to_string(),
                demo_note: summary.demo_note.clone(),
                attendance,
                items,
            });
        }

        if meetings.is_empty() {
            return Err(CoreError::Invalid(nothing_to_publish(&withheld)));
        }
        Ok(Publication {
            publisher,
            title,
            options,
            meetings,
            organisations: used_orgs.into_values().collect(),
            persons: used_persons.into_values().collect(),
            memberships: memberships.into_values().collect(),
            withheld,
        })
    }

    fn uid_map(&self, sql: &str, meeting_id: i64) -> Result<HashMap<i64, String>> {
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Why nothing is left: said so the user knows which choice would publish something.
fn nothing_to_publish(withheld: &Withheld) -> String {
    let mut reasons = Vec::new();
    if withheld.concept_meetings > 0 {
        reasons.push(format!(
            "{} met een concept-agenda (kies «concept-agenda's meenemen», in de opdrachtregel --include-concept)",
            count_meetings(withheld.concept_meetings)
        ));
    }
    if withheld.demo_meetings > 0 {
        reasons.push(format!(
            "{} met demogegevens (kies «demogegevens publiceren», in de opdrachtregel --include-demo)",
            count_meetings(withheld.demo_meetings)
        ));
    }
    format!("Er is niets te publiceren: {}. Er is niets geschreven.", reasons.join(" en "))
}

fn count_meetings(n: u32) -> String {
    if n == 1 {
        "één vergadering".into()
    } else {
        format!("{n} vergaderingen")
    }
}

/// Adds `person` to the persons a publication names (once) and gives their public identifier.
fn use_person(used: &mut BTreeMap<String, PublicPerson>, person: &crate::reference::Person) -> String {
    let id = person_public_id(&person.name);
    used.entry(id.clone()).or_insert_with(|| PublicPerson {
        id: id.clone(),
        name: person.name.clone(),
        is_demo: person.is_demo,
    });
    id
}

/// A person's public identifier, from their name: the region's reference data names each person
/// once, and the name is the same on every laptop and after a restore (the row id is not).
fn person_public_id(name: &str) -> String {
    stable_id("persoon", name)
}

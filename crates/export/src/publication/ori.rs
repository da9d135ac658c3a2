//! ORI JSON-LD: the Open State Foundation's popolo-ori model (Meeting, AgendaItem, Motion,
//! VoteEvent, Vote, Count, Result, Person, Organization, Membership, MediaObject), with the
//! context shipped beside it in `data/context.jsonld`. Identifiers are `urn:uuid:` of the
//! stable ids; file links are relative to this document (`../vergaderingen/…`).

use super::iso_local;
use bestuursmap_core::domain::{MeetingStatus, Presence, VoteChoice};
use bestuursmap_core::meetings::voting::TallyResult;
use bestuursmap_core::publication::{PublicItem, PublicMeeting, Publication};
use serde_json::{json, Map, Value};

fn urn(id: &str) -> String {
    format!("urn:uuid:{id}")
}

/// The whole publication as one JSON-LD document with a `@graph`.
pub fn document(publication: &Publication) -> Value {
    let mut graph = Vec::new();
    for org in &publication.organisations {
        let mut node = json!({
            "@id": urn(&org.id),
            "@type": "Organization",
            "name": org.name,
            "classification": org.classification,
        });
        if let Some(parent) = &org.parent_id {
            node["subOrganizationOf"] = json!(urn(parent));
        }
        graph.push(node);
    }
    for person in &publication.persons {
        let mut node = json!({ "@id": urn(&person.id), "@type": "Person", "name": person.name });
        mark_demo(&mut node, person.is_demo.then_some("Persoon bedacht voor de demo."));
        graph.push(node);
    }
    for membership in &publication.memberships {
        let mut node = json!({
            "@id": urn(&membership.id),
            "@type": "Membership",
            "member": urn(&membership.person_id),
            "organization": urn(&membership.organisation_id),
            "role": membership.role,
            "validFrom": membership.start_date.to_string(),
        });
        if let Some(end) = membership.end_date {
            node["validUntil"] = json!(end.to_string());
        }
        if let Some(on_behalf) = &membership.on_behalf_of_id {
            node["onBehalfOf"] = json!(urn(on_behalf));
        }
        graph.push(node);
    }
    for meeting in &publication.meetings {
        meeting_nodes(publication, meeting, &mut graph);
    }
    json!({ "@context": "context.jsonld", "@graph": graph })
}

fn mark_demo(node: &mut Value, note: Option<&str>) {
    if let Some(note) = note {
        node["demo"] = json!(true);
        node["comment"] = json!(format!("DEMOGEGEVENS: {note}"));
    }
}

fn event_status(status: MeetingStatus) -> &'static str {
    match status {
        MeetingStatus::Concept => "meeting:EventUnconfirmed",
        MeetingStatus::Gepubliceerd => "schema:EventScheduled",
        MeetingStatus::Vergaderd | MeetingStatus::BesluitenlijstVastgesteld => "meeting:EventCompleted",
        // A meeting called off (schema.org's status, which the ORI model reuses).
        MeetingStatus::Afgelast => "schema:EventCancelled",
    }
}

fn meeting_nodes(publication: &Publication, meeting: &PublicMeeting, graph: &mut Vec<Value>) {
    let mut node = json!({
        "@id": urn(&meeting.id),
        "@type": "Meeting",
        "name": meeting.title,
        "startDate": iso_local(meeting.starts_at),
        "organizer": urn(&meeting.body_id),
        "eventStatus": event_status(meeting.status),
        "classification": meeting.status_label,
        "url": format!("../{}/index.html", meeting.path),
        "agenda": meeting.items.iter().map(|i| urn(&i.id)).collect::<Vec<_>>(),
    });
    if let Some(end) = meeting.ends_at {
        node["endDate"] = json!(iso_local(end));
    }
    if let Some(location) = &meeting.location {
        node["location"] = json!(location);
    }
    let present: Vec<String> =
        meeting.attendance.iter().filter(|a| a.presence != Presence::Afwezig).map(|a| urn(&a.person_id)).collect();
    let absent: Vec<String> =
        meeting.attendance.iter().filter(|a| a.presence == Presence::Afwezig).map(|a| urn(&a.person_id)).collect();
    if !present.is_empty() {
        node["attendee"] = json!(present);
    }
    if !absent.is_empty() {
        node["absentee"] = json!(absent);
    }
    mark_demo(&mut node, meeting.demo_note.as_deref());
    graph.push(node);
    for item in &meeting.items {
        item_nodes(publication, meeting, item, graph);
    }
}

fn item_nodes(publication: &Publication, meeting: &PublicMeeting, item: &PublicItem, graph: &mut Vec<Value>) {
    let mut node = Map::new();
    node.insert("@id".into(), json!(urn(&item.id)));
    node.insert("@type".into(), json!("AgendaItem"));
    node.insert("name".into(), json!(item.title));
    node.insert("position".into(), json!(item.position));
    node.insert("itemNumber".into(), json!(item.number));
    node.insert("classification".into(), json!(item.kind_label));
    node.insert("superEvent".into(), json!(urn(item.parent_id.as_deref().unwrap_or(&meeting.id))));
    node.insert("startDate".into(), json!(iso_local(meeting.starts_at)));
    if let Some(text) = &item.proposal_text {
        node.insert("description".into(), json!(text));
    }
    if !item.attachments.is_empty() {
        node.insert("attachment".into(), json!(item.attachments.iter().map(|a| urn(&a.id)).collect::<Vec<_>>()));
    }
    let is_motion = item.outcome.is_some_and(|o| o.is_decision()) || item.vote.is_some();
    let motion_id = urn(&bestuursmap_core::publication::stable_id("motie", &item.id));
    if is_motion {
        node.insert("motion".into(), json!(motion_id));
    }
    if let Some(vote) = &item.vote {
        node.insert("voteEvent".into(), json!(urn(&vote.id)));
    }
    let mut node = Value::Object(node);
    mark_demo(&mut node, item.demo_note.as_deref());
    graph.push(node);

    for attachment in &item.attachments {
        graph.push(json!({
            "@id": urn(&attachment.id),
            "@type": "MediaObject",
            "name": attachment.file_name,
            "fileName": attachment.file_name,
            "contentUrl": format!("../{}", attachment.path),
            "encodingFormat": attachment.media_type,
            "fileSize": attachment.size_bytes,
            "sha256": attachment.sha256,
        }));
    }

    if is_motion {
        let mut motion = json!({
            "@id": motion_id,
            "@type": "Motion",
            "name": item.title,
            "classification": item.kind_label,
            "publisher": urn(&publication.publisher.id),
            "creator": urn(&meeting.body_id),
        });
        let mut text = item.proposal_text.clone().unwrap_or_default();
        for (n, point) in item.decision_points.iter().enumerate() {
            text.push_str(&format!("\n{}. {point}", n + 1));
        }
        if !text.trim().is_empty() {
            motion["text"] = json!(text.trim());
        }
        if let Some(vote) = &item.vote {
            motion["voteEvent"] = json!(urn(&vote.id));
        }
        graph.push(motion);
    }

    let Some(vote) = &item.vote else { return };
    let result_id = urn(&bestuursmap_core::publication::stable_id("uitslag", &vote.id));
    let count_ids: Vec<String> = ["voor", "tegen", "onthouding", "afwezig"]
        .iter()
        .map(|c| urn(&bestuursmap_core::publication::stable_id(&format!("telling-{c}"), &vote.id)))
        .collect();
    let mut event = json!({
        "@id": urn(&vote.id),
        "@type": "VoteEvent",
        "name": format!("Stemming over agendapunt {}: {}", item.number, item.title),
        "startDate": iso_local(meeting.starts_at),
        "organizer": urn(&meeting.body_id),
        "superEvent": urn(&item.id),
        "motion": motion_id,
        "result": result_id,
        "vote": vote.votes.iter().map(|v| urn(&v.id)).collect::<Vec<_>>(),
        "count": count_ids,
    });
    mark_demo(&mut event, vote.is_demo.then_some("Stemmen zijn (deels) demo-invulling."));
    graph.push(event);

    let outcome_iri = match vote.tally.result {
        TallyResult::Aangenomen => "opengov:ResultPassed",
        _ => "opengov:ResultFailed",
    };
    let mut result = json!({
        "@id": result_id,
        "@type": "Result",
        "text": vote.tally.result_label,
        "classification": { "@id": outcome_iri },
        "voteEvent": urn(&vote.id),
    });
    if let Some(sentence) = &vote.tally.dissent_sentence {
        result["description"] = json!(sentence);
    }
    graph.push(result);

    let tallies = [
        ("voor", VoteChoice::Voor, vote.tally.voor),
        ("tegen", VoteChoice::Tegen, vote.tally.tegen),
        ("onthouding", VoteChoice::Onthouding, vote.tally.onthouding),
        ("afwezig", VoteChoice::Afwezig, vote.tally.afwezig),
    ];
    for (code, choice, value) in tallies {
        graph.push(json!({
            "@id": urn(&bestuursmap_core::publication::stable_id(&format!("telling-{code}"), &vote.id)),
            "@type": "Count",
            "voteOption": vote_option(choice),
            "value": value.to_string(),
            "voteEvent": urn(&vote.id),
        }));
    }
    for v in &vote.votes {
        graph.push(json!({
            "@id": urn(&v.id),
            "@type": "Vote",
            "voteEvent": urn(&vote.id),
            "voter": urn(&v.organisation_id),
            "voteOption": vote_option(v.choice),
            "weight": v.weight.to_string(),
            "exampleWeight": v.weight_is_example,
        }));
    }
}

fn vote_option(choice: VoteChoice) -> &'static str {
    match choice {
        VoteChoice::Voor => "opengov:VoteOptionYes",
        VoteChoice::Tegen => "opengov:VoteOptionNo",
        VoteChoice::Onthouding => "opengov:VoteOptionAbstain",
        VoteChoice::Afwezig => "opengov:VoteOptionAbsent",
    }
}

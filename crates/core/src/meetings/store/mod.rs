//! Meetings and their agendas in the store: reading a meeting with everything its page shows,
//! adding meetings, items, outcomes and votes. Editing, attendance, routes and the voting rule are
//! in [`agenda`], attachments in [`attachments`].

mod agenda;
mod attachments;

use super::rules::{self, agenda_number, check_item_texts};
use super::types::{AgendaItemView, MeetingDetail, MeetingSummary, NewAgendaItem, NewMeeting};
use super::voting::{self, WeightedVote};
use crate::domain::{Confidentiality, ItemKind, ItemLevel, MeetingStatus, Outcome, Role, VoteChoice};
use crate::error::{CoreError, Result};
use crate::store::Store;
use rusqlite::{params, OptionalExtension};

const SUMMARY_SELECT: &str = "
    SELECT m.id, b.short_name, b.code, b.name, m.title, m.starts_at, m.ends_at, m.location, m.status,
           b.decision_power, (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id), m.demo_note
    FROM meeting m JOIN body b ON b.id = m.body_id";

fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingSummary> {
    let status: MeetingStatus = r.get(8)?;
    let power: crate::domain::DecisionPower = r.get(9)?;
    Ok(MeetingSummary {
        id: r.get(0)?,
        body: r.get(1)?,
        body_code: r.get(2)?,
        body_name: r.get(3)?,
        title: r.get(4)?,
        starts_at: r.get(5)?,
        ends_at: r.get(6)?,
        location: r.get(7)?,
        status,
        status_label: status.label().to_string(),
        next_statuses: status.next_statuses(),
        takes_decisions: power.takes_decisions(),
        item_count: r.get(10)?,
        demo_note: r.get(11)?,
    })
}

/// The meeting an agenda item is on ([`Store::item_meeting`]).
pub(crate) struct ItemMeeting {
    pub meeting_id: i64,
    pub status: MeetingStatus,
    pub body_id: i64,
}

impl Store {
    /// All meetings, newest first.
    pub fn meetings(&self) -> Result<Vec<MeetingSummary>> {
        let sql = format!("{SUMMARY_SELECT} ORDER BY m.starts_at DESC, m.id DESC");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn meeting_summary(&self, id: i64) -> Result<MeetingSummary> {
        let sql = format!("{SUMMARY_SELECT} WHERE m.id = ?1");
        self.conn()
            .query_row(&sql, [id], summary_from_row)
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Vergadering", id: id.to_string() })
    }

    /// A meeting with everything the agenda screen shows. `today` decides what is overdue.
    pub fn meeting(&self, id: i64) -> Result<MeetingDetail> {
        self.meeting_on(id, chrono::Local::now().date_naive())
    }

    pub fn meeting_on(&self, id: i64, today: chrono::NaiveDate) -> Result<MeetingDetail> {
        let meeting = self.meeting_summary(id)?;
        let body = self.body_by_code(&meeting.body_code)?;
        let date = meeting.starts_at.date();
        let weights = self.vote_weights_on(date)?;
        let rule = self.voting_rule()?;
        let (chair_id, chair, secretary_id, secretary): (Option<i64>, Option<String>, Option<i64>, Option<String>) =
            self.conn().query_row(
                "SELECT m.chair_id, c.name, m.secretary_id, s.name FROM meeting m
                 LEFT JOIN person c ON c.id = m.chair_id LEFT JOIN person s ON s.id = m.secretary_id WHERE m.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;

        struct Row {
            id: i64,
            parent_id: Option<i64>,
            title: String,
            kind: ItemKind,
            level: Option<ItemLevel>,
            portefeuillehouder_id: Option<i64>,
            portefeuillehouder: Option<String>,
            confidentiality: Confidentiality,
            proposal_md: Option<String>,
            outcome: Option<Outcome>,
            decision_md: Option<String>,
            dossier_id: Option<i64>,
            demo_note: Option<String>,
        }
        let mut stmt = self.conn().prepare(
            "SELECT a.id, a.parent_id, a.title, a.kind, a.level, p.name, a.confidentiality, a.proposal_md,
                    a.outcome, a.decision_md, a.dossier_id, a.demo_note, a.portefeuillehouder_id
             FROM agenda_item a LEFT JOIN person p ON p.id = a.portefeuillehouder_id
             WHERE a.meeting_id = ?1 ORDER BY a.parent_id IS NOT NULL, a.parent_id, a.position",
        )?;
        let rows: Vec<Row> = stmt
            .query_map([id], |r| {
                Ok(Row {
                    id: r.get(0)?,
                    parent_id: r.get(1)?,
                    title: r.get(2)?,
                    kind: r.get(3)?,
                    level: r.get(4)?,
                    portefeuillehouder: r.get(5)?,
                    confidentiality: r.get(6)?,
                    proposal_md: r.get(7)?,
                    outcome: r.get(8)?,
                    decision_md: r.get(9)?,
                    dossier_id: r.get(10)?,
                    demo_note: r.get(11)?,
                    portefeuillehouder_id: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;

        // Depth-first: each top-level item followed by its sub-items, numbered as printed.
        let mut items = Vec::with_capacity(rows.len());
        let top: Vec<&Row> = rows.iter().filter(|r| r.parent_id.is_none()).collect();
        for (i, row) in top.iter().enumerate() {
            let number = agenda_number(None, i);
            let children: Vec<&Row> = rows.iter().filter(|c| c.parent_id == Some(row.id)).collect();
            items.push((number.clone(), *row));
            for (j, child) in children.iter().enumerate() {
                items.push((agenda_number(Some(&number), j), *child));
            }
        }

        let mut views = Vec::with_capacity(items.len());
        for (number, row) in items {
            let votes = self.votes_for(row.id, &weights)?;
            let tally = (!votes.is_empty()).then(|| voting::tally(&votes, rule));
            let route = match row.dossier_id {
                Some(dossier) => rules::route_for_item(self.dossier_route(dossier)?, row.id),
                None => Vec::new(),
            };
            let mut warnings = rules::hygiene_warnings(&body, row.kind, row.level);
            warnings.extend(rules::route_warnings(&body, row.kind, row.id, meeting.starts_at, &route));
            views.push(AgendaItemView {
                id: row.id,
                parent_id: row.parent_id,
                number,
                title: row.title.clone(),
                kind: row.kind,
                kind_label: row.kind.label().to_string(),
                level: row.level,
                level_label: row.level.map(|l| l.label().to_string()),
                portefeuillehouder_id: row.portefeuillehouder_id,
                portefeuillehouder: row.portefeuillehouder.clone(),
                confidentiality: row.confidentiality,
                confidentiality_label: row.confidentiality.label().to_string(),
                proposal_md: row.proposal_md.clone(),
                proposal_html: row.proposal_md.as_deref().map(crate::markdown::to_safe_html),
                decision_points: self.decision_points(row.id)?,
                outcome: row.outcome,
                outcome_label: row.outcome.map(|o| o.label().to_string()),
                decision_md: row.decision_md.clone(),
                decision_html: row.decision_md.as_deref().map(crate::markdown::to_safe_html),
                dossier_id: row.dossier_id,
                votable: rules::item_votable(body.weighted_voting, row.kind),
                votes,
                tally,
                route,
                attachments: self.attachments(row.id)?,
                measures: self.measures_of_item(row.id, today)?,
                warnings,
                demo_note: row.demo_note.clone(),
            });
        }
        let actions = self.actions_of_meeting(id, today)?;
        let attendance = self.attendance(id)?;
        let present_count = attendance.iter().filter(|a| rules::counts_as_present(a.presence)).count();
        let agenda_editable = rules::agenda_editable(meeting.status);
        let outcomes_recordable = rules::outcomes_recordable(meeting.status);
        Ok(MeetingDetail {
            meeting,
            chair_id,
            chair,
            secretary_id,
            secretary,
            attendance,
            present_count,
            agenda_editable,
            outcomes_recordable,
            items: views,
            actions,
        })
    }

    fn decision_points(&self, item_id: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT text_md FROM decision_point WHERE agenda_item_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([item_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Votes on an item with the weight that held on the meeting date (weights: `vote_weights_on`).
    fn votes_for(&self, item_id: i64, weights: &[crate::reference::VoteWeight]) -> Result<Vec<WeightedVote>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.organisation_id, o.name, v.choice FROM vote v JOIN organisation o ON o.id = v.organisation_id
             WHERE v.agenda_item_id = ?1 ORDER BY o.name",
        )?;
        let raw: Vec<(i64, String, VoteChoice)> =
            stmt.query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(organisation_id, municipality, choice)| {
                let weight = weights.iter().find(|w| w.organisation_id == organisation_id).ok_or_else(|| {
                    CoreError::Rule(format!(
                        "Voor {municipality} is geen stemgewicht vastgelegd op de vergaderdatum. Leg eerst het stemgewicht vast."
                    ))
                })?;
                Ok(WeightedVote {
                    organisation_id,
                    municipality,
                    choice,
                    weight: weight.weight,
                    weight_is_example: weight.is_example,
                })
            })
            .collect()
    }

    pub fn add_meeting(&mut self, new: &NewMeeting) -> Result<i64> {
        crate::text::check_line("de titel van de vergadering", &new.title)?;
        if let Some(location) = &new.location {
            crate::text::check_line("de locatie", location)?;
        }
        let title = new.title.trim();
        if title.is_empty() {
            return Err(CoreError::Invalid("Geef de vergadering een titel.".into()));
        }
        if new.ends_at.is_some_and(|end| end < new.starts_at) {
            return Err(CoreError::Invalid("Het einde van de vergadering ligt vóór het begin.".into()));
        }
        self.body(new.body_id)?;
        // Chair, secretary and invitees follow from the body's memberships on the meeting date.
        let members = self.members_on(new.body_id, new.starts_at.date())?;
        let with_role = |role: Role| members.iter().find(|m| m.role == role).map(|m| m.person_id);
        let (chair, secretary) = (with_role(Role::Voorzitter), with_role(Role::Secretaris));
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meeting (body_id, title, starts_at, ends_at, location, status, demo_note, chair_id, secretary_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    new.body_id,
                    title,
                    new.starts_at,
                    new.ends_at,
                    new.location,
                    new.status.unwrap_or(rules::INITIAL_STATUS),
                    new.demo_note,
                    chair,
                    secretary
                ],
            )?;
            let id = tx.last_insert_rowid();
            for m in &members {
                tx.execute(
                    "INSERT OR IGNORE INTO attendance (meeting_id, person_id, represents_id) VALUES (?1, ?2, ?3)",
                    params![id, m.person_id, m.represents_id],
                )?;
            }
            Ok(id)
        })
    }

    /// Appends an item to a meeting's agenda (or under a parent item), enforcing the rules.
    pub fn add_agenda_item(&mut self, meeting_id: i64, new: &NewAgendaItem) -> Result<i64> {
        let meeting = self.meeting_summary(meeting_id)?;
        rules::check_agenda_editable(meeting.status)?;
        let body = self.body_by_code(&meeting.body_code)?;
        rules::check_item_kind(&body, new.kind)?;
        check_item_texts(&new.title, new.proposal_md.as_deref(), &new.decision_points)?;
        if new.title.trim().is_empty() {
            return Err(CoreError::Invalid("Geef het agendapunt een titel.".into()));
        }
        self.write(|tx| {
            if let Some(parent) = new.parent_id {
                let parent_meeting: Option<(i64, Option<i64>)> = tx
                    .query_row("SELECT meeting_id, parent_id FROM agenda_item WHERE id = ?1", [parent], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                match parent_meeting {
                    Some((m, None)) if m == meeting_id => {}
                    Some((m, Some(_))) if m == meeting_id => {
                        return Err(CoreError::Rule("Subpunten kunnen niet zelf weer subpunten hebben.".into()))
                    }
                    _ => return Err(CoreError::NotFound { what: "Agendapunt", id: parent.to_string() }),
                }
            }
            let position: i64 = tx.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1 AND parent_id IS ?2",
                params![meeting_id, new.parent_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO agenda_item (meeting_id, parent_id, position, title, kind, level, portefeuillehouder_id,
                                          confidentiality, proposal_md, dossier_id, demo_note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![
                    meeting_id,
                    new.parent_id,
                    position,
                    new.title.trim(),
                    new.kind,
                    new.level,
                    new.portefeuillehouder_id,
                    new.confidentiality,
                    new.proposal_md,
                    new.dossier_id,
                    new.demo_note
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (i, point) in new.decision_points.iter().enumerate() {
                tx.execute(
                    "INSERT INTO decision_point (agenda_item_id, position, text_md) VALUES (?1, ?2, ?3)",
                    params![id, i as i64 + 1, point],
                )?;
            }
            Ok(id)
        })
    }

    /// The meeting an item is on: its id, its status (what may be changed on the item depends on
    /// it) and its body. One lookup for the rules of a change to the item.
    pub(crate) fn item_meeting(&self, item_id: i64) -> Result<ItemMeeting> {
        self.conn()
            .query_row(
                "SELECT m.id, m.status, m.body_id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.id = ?1",
                [item_id],
                |r| Ok(ItemMeeting { meeting_id: r.get(0)?, status: r.get(1)?, body_id: r.get(2)? }),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Agendapunt", id: item_id.to_string() })
    }

    pub(crate) fn item_body(&self, item_id: i64) -> Result<crate::reference::Body> {
        self.body(self.item_meeting(item_id)?.body_id)
    }

    /// Records what became of an item and the decision text.
    pub fn set_outcome(&mut self, item_id: i64, outcome: Option<Outcome>, decision_md: Option<&str>) -> Result<()> {
        let on = self.item_meeting(item_id)?;
        rules::check_outcomes_recordable(on.status)?;
        let body = self.body(on.body_id)?;
        if let Some(outcome) = outcome {
            rules::check_outcome(&body, outcome)?;
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE agenda_item SET outcome = ?2, decision_md = ?3 WHERE id = ?1",
                params![item_id, outcome, decision_md],
            )?;
            Ok(())
        })
    }

    /// Records the votes and the outcome with its decision text in one step (one transaction):
    /// what the secretary decides after a vote is saved together with the vote, or not at all.
    pub fn record_decision(
        &mut self,
        item_id: i64,
        votes: Option<&[(i64, VoteChoice)]>,
        outcome: Option<Outcome>,
        decision_md: Option<&str>,
    ) -> Result<()> {
        let on = self.item_meeting(item_id)?;
        rules::check_outcomes_recordable(on.status)?;
        let body = self.body(on.body_id)?;
        if let Some(outcome) = outcome {
            rules::check_outcome(&body, outcome)?;
        }
        if let Some(votes) = votes {
            rules::check_can_vote(&body)?;
            self.weigh_votes(on.meeting_id, votes)?;
        }
        self.write(|tx| {
            if let Some(votes) = votes {
                tx.execute("DELETE FROM vote WHERE agenda_item_id = ?1", [item_id])?;
                for (organisation_id, choice) in votes {
                    tx.execute(
                        "INSERT INTO vote (agenda_item_id, organisation_id, choice) VALUES (?1, ?2, ?3)",
                        params![item_id, organisation_id, choice],
                    )?;
                }
            }
            tx.execute(
                "UPDATE agenda_item SET outcome = ?2, decision_md = ?3 WHERE id = ?1",
                params![item_id, outcome, decision_md],
            )?;
            Ok(())
        })
    }

    /// Replaces the votes on an item (weighted voting bodies only).
    pub fn record_votes(&mut self, item_id: i64, votes: &[(i64, VoteChoice)], demo_note: Option<&str>) -> Result<()> {
        let on = self.item_meeting(item_id)?;
        rules::check_outcomes_recordable(on.status)?;
        let body = self.body(on.body_id)?;
        rules::check_can_vote(&body)?;
        // Refuses non-members and municipalities without a weight on the meeting date.
        self.weigh_votes(on.meeting_id, votes)?;
        self.write(|tx| {
            tx.execute("DELETE FROM vote WHERE agenda_item_id = ?1", [item_id])?;
            for (organisation_id, choice) in votes {
                tx.execute(
                    "INSERT INTO vote (agenda_item_id, organisation_id, choice, demo_note) VALUES (?1, ?2, ?3, ?4)",
                    params![item_id, organisation_id, choice, demo_note],
                )?;
            }
            Ok(())
        })
    }

    pub fn add_dossier(&mut self, title: &str, note: Option<&str>) -> Result<i64> {
        let title = title.trim();
        if title.is_empty() {
            return Err(CoreError::Invalid("Geef het dossier een titel.".into()));
        }
        self.write(|tx| {
            tx.execute("INSERT INTO dossier (title, note) VALUES (?1, ?2)", params![title, note])?;
            Ok(tx.last_insert_rowid())
        })
    }
}

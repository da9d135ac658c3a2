//! Editing meetings and agendas: item changes, order and renumbering, meeting status,
//! attendance, dossier routes and the voting rule.

use crate::domain::{ItemKind, MeetingStatus, Outcome, Presence, VoteChoice};
use crate::error::{CoreError, Result};
use crate::meetings::rules::{self, check_item_texts};
use crate::meetings::types::{AttendanceRow, Dossier, ItemUpdate, MeetingUpdate, RouteStep};
use crate::meetings::voting::{self, Tally, VotingRule, WeightedVote};
use crate::store::Store;
use rusqlite::{params, OptionalExtension};

const VOTING_RULE_KEY: &str = "voting_rule";

impl Store {
    pub fn update_agenda_item(&mut self, id: i64, update: &ItemUpdate) -> Result<()> {
        let on = self.item_meeting(id)?;
        rules::check_agenda_editable(on.status)?;
        let body = self.body(on.body_id)?;
        rules::check_item_kind(&body, update.kind)?;
        check_item_texts(&update.title, update.proposal_md.as_deref(), &update.decision_points)?;
        let title = update.title.trim();
        if title.is_empty() {
            return Err(CoreError::Invalid("Geef het agendapunt een titel.".into()));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE agenda_item SET title = ?2, kind = ?3, level = ?4, portefeuillehouder_id = ?5,
                        confidentiality = ?6, proposal_md = ?7, dossier_id = ?8 WHERE id = ?1",
                params![
                    id,
                    title,
                    update.kind,
                    update.level,
                    update.portefeuillehouder_id,
                    update.confidentiality,
                    update.proposal_md.as_deref().map(str::trim).filter(|p| !p.is_empty()),
                    update.dossier_id
                ],
            )?;
            tx.execute("DELETE FROM decision_point WHERE agenda_item_id = ?1", [id])?;
            for (i, point) in update.decision_points.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).enumerate() {
                tx.execute(
                    "INSERT INTO decision_point (agenda_item_id, position, text_md) VALUES (?1, ?2, ?3)",
                    params![id, i as i64 + 1, point],
                )?;
            }
            Ok(())
        })
    }

    /// Moves an item to `index` (0-based) among the children of `parent_id` (None = top level)
    /// in the same meeting. Numbers are derived from the order, so this is the renumbering.
    pub fn move_agenda_item(&mut self, id: i64, parent_id: Option<i64>, index: usize) -> Result<()> {
        rules::check_agenda_editable(self.item_meeting(id)?.status)?;
        let (meeting_id, has_children): (i64, bool) = self
            .conn()
            .query_row(
                "SELECT meeting_id, EXISTS (SELECT 1 FROM agenda_item c WHERE c.parent_id = a.id)
                 FROM agenda_item a WHERE a.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Agendapunt", id: id.to_string() })?;
        if let Some(parent) = parent_id {
            if parent == id {
                return Err(CoreError::Rule("Een agendapunt kan geen subpunt van zichzelf zijn.".into()));
            }
            if has_children {
                return Err(CoreError::Rule(
                    "Dit agendapunt heeft subpunten en kan daarom zelf geen subpunt worden.".into(),
                ));
            }
            let parent_ok: Option<(i64, Option<i64>)> = self
                .conn()
                .query_row("SELECT meeting_id, parent_id FROM agenda_item WHERE id = ?1", [parent], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            if parent_ok != Some((meeting_id, None)) {
                return Err(CoreError::Rule("Een subpunt hoort onder een hoofdpunt van dezelfde vergadering.".into()));
            }
        }
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "SELECT id FROM agenda_item WHERE meeting_id = ?1 AND parent_id IS ?2 AND id != ?3 ORDER BY position",
            )?;
            let mut siblings: Vec<i64> = stmt
                .query_map(params![meeting_id, parent_id, id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            siblings.insert(index.min(siblings.len()), id);
            // Two passes, so the unique (meeting, parent, position) never sees a duplicate.
            for (i, sibling) in siblings.iter().enumerate() {
                tx.execute(
                    "UPDATE agenda_item SET parent_id = ?2, position = ?3 WHERE id = ?1",
                    params![sibling, parent_id, -(i as i64) - 1],
                )?;
            }
            tx.execute(
                "UPDATE agenda_item SET position = -position WHERE meeting_id = ?1 AND parent_id IS ?2 AND position < 0",
                params![meeting_id, parent_id],
            )?;
            // Close the gap the item left among its old siblings.
            renumber_all(tx, meeting_id)?;
            Ok(())
        })
    }

    pub fn delete_agenda_item(&mut self, id: i64) -> Result<()> {
        let on = self.item_meeting(id)?;
        rules::check_agenda_editable(on.status)?;
        self.write(|tx| {
            tx.execute("DELETE FROM agenda_item WHERE id = ?1", [id])?;
            renumber_all(tx, on.meeting_id)
        })
    }

    pub fn update_meeting(&mut self, id: i64, update: &MeetingUpdate) -> Result<()> {
        crate::text::check_line("de titel van de vergadering", &update.title)?;
        if let Some(location) = &update.location {
            crate::text::check_line("de locatie", location)?;
        }
        if update.title.trim().is_empty() {
            return Err(CoreError::Invalid("Geef de vergadering een titel.".into()));
        }
        if update.ends_at.is_some_and(|end| end < update.starts_at) {
            return Err(CoreError::Invalid("Het einde van de vergadering ligt vóór het begin.".into()));
        }
        rules::check_agenda_editable(self.meeting_summary(id)?.status)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE meeting SET title = ?2, starts_at = ?3, ends_at = ?4, location = ?5, chair_id = ?6, secretary_id = ?7
                 WHERE id = ?1",
                params![
                    id,
                    update.title.trim(),
                    update.starts_at,
                    update.ends_at,
                    update.location.as_deref().map(str::trim).filter(|l| !l.is_empty()),
                    update.chair_id,
                    update.secretary_id
                ],
            )?;
            Ok(())
        })
    }

    /// Moves a meeting along concept → gepubliceerd → vergaderd → besluitenlijst vastgesteld.
    pub fn set_meeting_status(&mut self, id: i64, next: MeetingStatus) -> Result<()> {
        let meeting = self.meeting_summary(id)?;
        if meeting.status == next {
            return Ok(());
        }
        if !meeting.status.can_move_to(next) {
            return Err(CoreError::Rule(format!(
                "Een vergadering met status '{}' kan niet naar '{}'. De volgorde is concept → gepubliceerd → vergaderd → besluitenlijst vastgesteld.",
                meeting.status.label().to_lowercase(),
                next.label().to_lowercase()
            )));
        }
        if next == MeetingStatus::BesluitenlijstVastgesteld {
            let open: Vec<String> = self
                .meeting(id)?
                .items
                .into_iter()
                .filter(|i| i.kind == ItemKind::TerBesluitvorming && i.outcome.is_none())
                .map(|i| i.number)
                .collect();
            if !open.is_empty() {
                return Err(CoreError::Rule(format!(
                    "De besluitenlijst kan nog niet worden vastgesteld: agendapunt {} heeft nog geen uitkomst.",
                    open.join(", ")
                )));
            }
        }
        self.write(|tx| {
            Ok(tx.execute("UPDATE meeting SET status = ?2 WHERE id = ?1", params![id, next]).map(|_| ())?)
        })
    }

    pub fn attendance(&self, meeting_id: i64) -> Result<Vec<AttendanceRow>> {
        let mut stmt = self.conn().prepare(
            "SELECT a.person_id, p.name, o.name, a.presence, a.substitute
             FROM attendance a JOIN person p ON p.id = a.person_id LEFT JOIN organisation o ON o.id = a.represents_id
             WHERE a.meeting_id = ?1 ORDER BY coalesce(o.name, p.name)",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            let presence: Option<Presence> = r.get(3)?;
            Ok(AttendanceRow {
                person_id: r.get(0)?,
                person_name: r.get(1)?,
                represents: r.get(2)?,
                presence,
                presence_label: presence.map(|p| p.label().to_string()),
                substitute: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records whether an invited member was present. A stand-in must be named.
    pub fn set_presence(
        &mut self,
        meeting_id: i64,
        person_id: i64,
        presence: Option<Presence>,
        substitute: Option<&str>,
    ) -> Result<()> {
        // Who was there is part of the meeting's record: fixed with its besluitenlijst.
        rules::check_agenda_editable(self.meeting_summary(meeting_id)?.status)?;
        let substitute = substitute.map(str::trim).filter(|s| !s.is_empty());
        if presence == Some(Presence::Vertegenwoordigd) && substitute.is_none() {
            return Err(CoreError::Invalid("Vul in wie het lid vertegenwoordigt.".into()));
        }
        let changed = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE attendance SET presence = ?3, substitute = ?4 WHERE meeting_id = ?1 AND person_id = ?2",
                params![
                    meeting_id,
                    person_id,
                    presence,
                    if presence == Some(Presence::Vertegenwoordigd) { substitute } else { None }
                ],
            )?)
        })?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: "Uitgenodigde", id: person_id.to_string() });
        }
        Ok(())
    }

    pub fn dossiers(&self) -> Result<Vec<Dossier>> {
        let mut stmt = self.conn().prepare("SELECT id, title, note FROM dossier ORDER BY title")?;
        let rows = stmt.query_map([], |r| Ok(Dossier { id: r.get(0)?, title: r.get(1)?, note: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every agenda item of a dossier in date order: where the proposal has been.
    pub fn dossier_route(&self, dossier_id: i64) -> Result<Vec<RouteStep>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, m.id, b.short_name, b.code, m.starts_at, a.title, a.kind, a.outcome
             FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN body b ON b.id = m.body_id
             WHERE a.dossier_id = ?1 ORDER BY m.starts_at, a.id",
        )?;
        let rows = stmt.query_map([dossier_id], |r| {
            let outcome: Option<Outcome> = r.get(7)?;
            Ok(RouteStep {
                agenda_item_id: r.get(0)?,
                meeting_id: r.get(1)?,
                body: r.get(2)?,
                body_code: r.get(3)?,
                starts_at: r.get(4)?,
                title: r.get(5)?,
                kind: r.get(6)?,
                outcome,
                outcome_label: outcome.map(|o| o.label().to_string()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn voting_rule(&self) -> Result<VotingRule> {
        match self.meta(VOTING_RULE_KEY)? {
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| CoreError::Invalid(format!("De ingestelde stemregel is onleesbaar: {e}"))),
            None => Ok(VotingRule::default()),
        }
    }

    pub fn set_voting_rule(&mut self, rule: VotingRule) -> Result<()> {
        if rule.quorum_share < rust_decimal::Decimal::ZERO || rule.quorum_share >= rust_decimal::Decimal::ONE {
            return Err(CoreError::Invalid("Het quorum is een deel van het totale stemgewicht, van 0 tot 1.".into()));
        }
        let json = serde_json::to_string(&rule).map_err(|e| CoreError::Invalid(e.to_string()))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![VOTING_RULE_KEY, json],
            )?;
            Ok(())
        })
    }

    /// The municipalities that vote in a meeting, with their weight on its date (in order).
    pub fn voters(&self, meeting_id: i64) -> Result<Vec<WeightedVote>> {
        let meeting = self.meeting_summary(meeting_id)?;
        let date = meeting.starts_at.date();
        let weights = self.vote_weights_on(date)?;
        self.member_municipalities_on(date)?
            .into_iter()
            .map(|m| {
                let w = weights.iter().find(|w| w.organisation_id == m.id).ok_or_else(|| {
                    CoreError::Rule(format!(
                        "Voor {} is geen stemgewicht vastgelegd op {}. Leg eerst het stemgewicht vast.",
                        m.name,
                        date.format("%d-%m-%Y")
                    ))
                })?;
                Ok(WeightedVote {
                    organisation_id: m.id,
                    municipality: m.name,
                    choice: VoteChoice::Afwezig,
                    weight: w.weight,
                    weight_is_example: w.is_example,
                })
            })
            .collect()
    }

    /// The tally these votes would give, without storing them (the live voting panel).
    pub fn preview_tally(&self, meeting_id: i64, votes: &[(i64, VoteChoice)]) -> Result<Tally> {
        let weighted = self.weigh_votes(meeting_id, votes)?;
        Ok(voting::tally(&weighted, self.voting_rule()?))
    }

    pub(crate) fn weigh_votes(&self, meeting_id: i64, votes: &[(i64, VoteChoice)]) -> Result<Vec<WeightedVote>> {
        let voters = self.voters(meeting_id)?;
        votes
            .iter()
            .map(|(organisation_id, choice)| {
                voters
                    .iter()
                    .find(|v| v.organisation_id == *organisation_id)
                    .map(|v| WeightedVote { choice: *choice, ..v.clone() })
                    .ok_or_else(|| {
                        CoreError::Rule("Alleen gemeenten die op de vergaderdatum lid zijn, kunnen stemmen.".into())
                    })
            })
            .collect()
    }
}

/// Rewrites positions 1..n among every group of siblings of a meeting, keeping their order.
fn renumber_all(tx: &rusqlite::Connection, meeting_id: i64) -> Result<()> {
    let mut stmt =
        tx.prepare("SELECT id, parent_id FROM agenda_item WHERE meeting_id = ?1 ORDER BY parent_id IS NOT NULL, parent_id, position")?;
    let rows: Vec<(i64, Option<i64>)> =
        stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for phase in [-1i64, 1] {
        let mut last_parent: Option<Option<i64>> = None;
        let mut n = 0i64;
        for (id, parent) in &rows {
            if last_parent != Some(*parent) {
                last_parent = Some(*parent);
                n = 0;
            }
            n += 1;
            tx.execute("UPDATE agenda_item SET position = ?2 WHERE id = ?1", params![id, phase * n])?;
        }
    }
    Ok(())
}

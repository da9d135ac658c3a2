//! The reference data in the store: reading organisations, bodies, persons, memberships and
//! vote weights, and the few edits (subregion, vote weights).

use super::types::{Body, Membership, Organisation, Person, VoteWeight};
use crate::error::{CoreError, Result};
use crate::store::Store;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

fn decimal_column(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Decimal> {
    let text: String = row.get(idx)?;
    Decimal::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}

impl Store {
    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, code, name, kind, subregion, subregion_basis, member_from, member_until, successor_id, note
             FROM organisation ORDER BY kind = 'gemeente', name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Organisation {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                kind: r.get(3)?,
                subregion: r.get(4)?,
                subregion_basis: r.get(5)?,
                member_from: r.get(6)?,
                member_until: r.get(7)?,
                successor_id: r.get(8)?,
                note: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Municipalities that are members of the regeling on `date`, alphabetically.
    pub fn member_municipalities_on(&self, date: NaiveDate) -> Result<Vec<Organisation>> {
        let mut all: Vec<_> = self.organisations()?.into_iter().filter(|o| o.is_member_on(date)).collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(all)
    }

    pub fn organisation_by_code(&self, code: &str) -> Result<Organisation> {
        self.organisations()?
            .into_iter()
            .find(|o| o.code == code)
            .ok_or_else(|| CoreError::NotFound { what: "Organisatie", id: code.to_string() })
    }

    /// Changes the (editable) subregion of an organisation; `None` clears it.
    pub fn set_subregion(&mut self, organisation_id: i64, subregion: Option<&str>) -> Result<()> {
        let subregion = subregion.map(str::trim).filter(|s| !s.is_empty());
        let changed = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE organisation SET subregion = ?2, subregion_basis = CASE WHEN ?2 IS NULL THEN NULL ELSE 'ingevoerd door gebruiker' END WHERE id = ?1",
                rusqlite::params![organisation_id, subregion],
            )?)
        })?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: "Organisatie", id: organisation_id.to_string() });
        }
        Ok(())
    }

    pub fn bodies(&self) -> Result<Vec<Body>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, code, name, short_name, decision_power, level, weighted_voting, holds_meetings, description
             FROM body ORDER BY sort_order, name",
        )?;
        let rows = stmt.query_map([], |r| {
            let decision_power: crate::domain::DecisionPower = r.get(4)?;
            Ok(Body {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                short_name: r.get(3)?,
                decision_power,
                takes_decisions: decision_power.takes_decisions(),
                level: r.get(5)?,
                weighted_voting: r.get(6)?,
                holds_meetings: r.get(7)?,
                description: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn body(&self, id: i64) -> Result<Body> {
        self.bodies()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or_else(|| CoreError::NotFound { what: "Orgaan", id: id.to_string() })
    }

    pub fn body_by_code(&self, code: &str) -> Result<Body> {
        self.bodies()?
            .into_iter()
            .find(|b| b.code.eq_ignore_ascii_case(code))
            .ok_or_else(|| CoreError::NotFound { what: "Orgaan", id: code.to_string() })
    }

    pub fn persons(&self) -> Result<Vec<Person>> {
        let mut stmt =
            self.conn().prepare("SELECT id, name, organisation_id, is_demo, note FROM person ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                organisation_id: r.get(2)?,
                is_demo: r.get(3)?,
                note: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Members of a body on a date (memberships whose period includes it).
    pub fn members_on(&self, body_id: i64, date: NaiveDate) -> Result<Vec<Membership>> {
        let mut stmt = self.conn().prepare(
            "SELECT m.id, m.person_id, p.name, m.body_id, m.role, m.represents_id, m.valid_from, m.valid_until
             FROM membership m JOIN person p ON p.id = m.person_id
             WHERE m.body_id = ?1 AND m.valid_from <= ?2 AND (m.valid_until IS NULL OR m.valid_until >= ?2)
             ORDER BY CASE m.role WHEN 'voorzitter' THEN 0 WHEN 'secretaris' THEN 1 ELSE 2 END, p.name",
        )?;
        let rows = stmt.query_map(rusqlite::params![body_id, date], |r| {
            Ok(Membership {
                id: r.get(0)?,
                person_id: r.get(1)?,
                person_name: r.get(2)?,
                body_id: r.get(3)?,
                role: r.get(4)?,
                represents_id: r.get(5)?,
                valid_from: r.get(6)?,
                valid_until: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// All vote weight periods, per municipality and start date.
    pub fn vote_weights(&self) -> Result<Vec<VoteWeight>> {
        let mut stmt = self.conn().prepare(
            "SELECT w.id, w.organisation_id, o.name, w.valid_from, w.valid_until, w.weight, w.is_example, w.note
             FROM vote_weight w JOIN organisation o ON o.id = w.organisation_id
             ORDER BY o.name, w.valid_from",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(VoteWeight {
                id: r.get(0)?,
                organisation_id: r.get(1)?,
                organisation_name: r.get(2)?,
                valid_from: r.get(3)?,
                valid_until: r.get(4)?,
                weight: decimal_column(r, 5)?,
                is_example: r.get(6)?,
                note: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The weights that hold on `date`, one per municipality at most.
    pub fn vote_weights_on(&self, date: NaiveDate) -> Result<Vec<VoteWeight>> {
        Ok(self
            .vote_weights()?
            .into_iter()
            .filter(|w| w.valid_from <= date && w.valid_until.is_none_or(|u| date <= u))
            .collect())
    }

    /// Closes an open weight period on `until` (inclusive), so a new weight can start after it.
    pub fn end_vote_weight(&mut self, weight_id: i64, until: NaiveDate) -> Result<()> {
        let changed = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE vote_weight SET valid_until = ?2 WHERE id = ?1 AND valid_from <= ?2",
                rusqlite::params![weight_id, until],
            )?)
        })?;
        if changed == 0 {
            return Err(CoreError::Invalid("Dit stemgewicht bestaat niet of begint na de gekozen einddatum.".into()));
        }
        Ok(())
    }

    /// Records a vote weight for a period. Periods of one municipality may not overlap, so
    /// that exactly one weight holds on any meeting date.
    pub fn add_vote_weight(
        &mut self,
        organisation_id: i64,
        valid_from: NaiveDate,
        valid_until: Option<NaiveDate>,
        weight: Decimal,
        is_example: bool,
        note: Option<&str>,
    ) -> Result<i64> {
        if weight <= Decimal::ZERO {
            return Err(CoreError::Invalid("Een stemgewicht moet groter dan nul zijn.".into()));
        }
        if valid_until.is_some_and(|u| u < valid_from) {
            return Err(CoreError::Invalid("De einddatum van een stemgewicht ligt vóór de begindatum.".into()));
        }
        self.write(|tx| {
            let overlap: i64 = tx.query_row(
                "SELECT count(*) FROM vote_weight WHERE organisation_id = ?1
                   AND (valid_until IS NULL OR valid_until >= ?2) AND (?3 IS NULL OR valid_from <= ?3)",
                rusqlite::params![organisation_id, valid_from, valid_until],
                |r| r.get(0),
            )?;
            if overlap > 0 {
                return Err(CoreError::Rule(
                    "Deze periode overlapt met een ander stemgewicht van dezelfde gemeente. Sluit eerst de vorige periode af.".into(),
                ));
            }
            tx.execute(
                "INSERT INTO vote_weight (organisation_id, valid_from, valid_until, weight, is_example, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![organisation_id, valid_from, valid_until, weight.to_string(), is_example, note],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }
}

//! The types of the reference data: organisations, bodies, persons, memberships, vote weights.

use crate::domain::{BodyLevel, DecisionPower, OrganisationKind, Role};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Organisation {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub subregion: Option<String>,
    /// Where the subregion comes from ("stated", "inferred", …): most are not in the sources.
    pub subregion_basis: Option<String>,
    pub member_from: Option<NaiveDate>,
    pub member_until: Option<NaiveDate>,
    pub successor_id: Option<i64>,
    pub note: Option<String>,
}

impl Organisation {
    /// Whether the municipality is a member of the regeling on `date`.
    pub fn is_member_on(&self, date: NaiveDate) -> bool {
        self.kind == OrganisationKind::Gemeente
            && self.member_from.is_some_and(|from| from <= date)
            && self.member_until.is_none_or(|until| date <= until)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Body {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub decision_power: DecisionPower,
    /// Whether this body may take decisions ([`Body::takes_decisions`]): the screens warn when
    /// it does not.
    pub takes_decisions: bool,
    pub level: Option<BodyLevel>,
    /// Votes are weighted per municipality ("stemrecht naar rato van omvang"): the AB.
    pub weighted_voting: bool,
    pub holds_meetings: bool,
    pub description: Option<String>,
}

impl Body {
    /// Whether a body may take decisions: the rule of its power, `DecisionPower::takes_decisions`
    /// (BOT sessions may not).
    pub fn takes_decisions(&self) -> bool {
        self.decision_power.takes_decisions()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub organisation_id: Option<i64>,
    pub is_demo: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Membership {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub body_id: i64,
    pub role: Role,
    pub represents_id: Option<i64>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VoteWeight {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub weight: Decimal,
    pub is_example: bool,
    pub note: Option<String>,
}

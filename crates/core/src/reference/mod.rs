//! Reference data: the organisations of the regeling, its bodies, the persons in them, their
//! memberships and the vote weights per municipality. Every other feature reads it; the demo
//! loads it from the fixtures.
//!
//! - `types`: the records and the two questions they answer themselves (is a municipality a
//!   member on a date, does a body take decisions);
//! - `store`: the queries (`Store::organisations`, `Store::bodies`, `Store::members_on`, …).

mod store;
mod types;

pub use types::{Body, Membership, Organisation, Person, VoteWeight};

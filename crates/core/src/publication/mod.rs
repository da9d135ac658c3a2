//! Publication (Wet open overheid): what of the store may be made public, decided once.
//!
//! - `types`: the public view ([`Publication`]) every published file is rendered from, the options
//!   and the scope (re-exported below);
//! - [`rules`]: what is public, stable identifiers, safe file names (pure);
//! - `store`: `Store::publication`, which loads a scope and keeps what the rules allow.

pub mod rules;
mod store;
mod types;

pub use rules::{agenda_is_public, item_is_public, stable_id};
pub use types::{
    MeetingExclusion, PublicAttachment, PublicAttendance, PublicItem, PublicMeeting, PublicMembership,
    PublicOrganisation, PublicPerson, PublicVote, PublicVoteResult, Publication, PublicationOptions, PublicationScope,
    Withheld,
};

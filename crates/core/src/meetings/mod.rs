//! Meetings and their agendas: the meeting page (items, decision points, outcomes), weighted
//! voting and attendance, dossier routes and attachments.
//!
//! - `types`: the records (re-exported below);
//! - [`rules`]: the pure rules (BOT takes no decisions, only the AB votes, agenda hygiene, the
//!   route, numbering, attachment types); they never touch the store;
//! - [`voting`]: the weighted tally and its dissent sentence (pure);
//! - `store`: the `impl Store` blocks (reading a meeting, editing the agenda, attendance,
//!   votes, attachments).

pub mod rules;
mod store;
mod types;
pub mod voting;

pub use types::{
    AgendaItemView, AttachmentInfo, AttendanceRow, Dossier, ItemUpdate, MeetingDetail, MeetingSummary, MeetingUpdate,
    NewAgendaItem, NewMeeting, RouteStep,
};

//! Calendars of meetings (.ics): which meetings a calendar of a body, a person or one meeting
//! holds, and what each event says.
//!
//! - `types`: the scope, the events and their status (re-exported below);
//! - [`rules`]: what one event of a meeting says, public items only (pure);
//! - `store`: `Store::calendar`, which gathers the meetings and their calendar revision.

pub mod rules;
mod store;
mod types;

pub use rules::TIME_ZONE;
pub use types::{CalendarEvent, CalendarFeed, CalendarScope, EventStatus};

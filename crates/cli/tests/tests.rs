//! The integration tests of this crate, one binary: each module is one area.

mod calendar_reminders;
mod cli;
mod crash;
mod hostile;
mod publish;
mod util;

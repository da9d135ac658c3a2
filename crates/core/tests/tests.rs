//! The integration tests of this crate, one binary: each module is one area.

mod agenda;
mod bundles;
mod calendar;
mod hostile_bundles;
mod hostile_input;
mod properties;
mod reminders;
mod search;
mod zienswijze_letters;
mod zienswijze_parse;
mod zienswijzen;

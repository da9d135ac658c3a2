//! End-to-end tests of the real app binary, one binary: each module is one area.

mod agenda;
mod app;
mod installer;
mod measures;
mod offline;
mod procedures;
mod publication;
mod reminders;
mod search;
mod usability;
mod zienswijzen;

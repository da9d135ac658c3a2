//! The integration tests of this crate, one binary: each module is one area.

mod calendar;
mod letter_formats;
mod letters;
mod nota;
mod pack;
mod pdf_corpus;
mod publication;
mod report;
mod util;

//! The integration tests of this crate, one binary: each module is one area.

mod nota;
mod pack;
mod report;
mod letters;
mod pdf_corpus;

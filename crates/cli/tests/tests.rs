//! The integration tests of this crate, one binary: each module is one area.

mod cli;
mod crash;
mod hostile;
mod publish;

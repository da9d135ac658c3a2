//! Zienswijzen: the formal views of municipal councils on a budget (change), and the board's
//! point-by-point reply (nota van reactie) with its covering letter.
//!
//! - `types`: the records (re-exported below);
//! - [`rules`]: the legal period and deadline, that the AB decides, placeholders (pure);
//! - [`parse`]: splits a council letter into sections and points (pure);
//! - [`refs`]: recognises and renders cross-references between replies (pure);
//! - [`similarity`]: finds points that resemble each other, for suggestions (pure);
//! - [`exchange`]: the procedure JSON format (export, parse with every check, import);
//! - `store`: the `impl Store` blocks, one module per concern (procedures, points, replies,
//!   the library, the covering letter, motions).

pub mod exchange;
pub mod parse;
pub mod refs;
pub mod rules;
pub mod similarity;
mod store;
mod types;

pub use types::{
    AgendaItemPlace, Completeness, Concern, Decision, Motion, NewProcedure, OrgRef, PointView, Problem,
    ProcedureDetail, ProcedureSummary, ReferenceOption, SectionView, SegmentView, StandardResponse, Suggestion,
    Variant, ZienswijzeAttachment, ZienswijzeSummary, ZienswijzeView,
};

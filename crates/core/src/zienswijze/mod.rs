//! Zienswijzen: the formal views of municipal councils on a budget (change), and the board's
//! point-by-point reply (nota van reactie).
//!
//! - [`parse`] splits a council letter into points,
//! - [`refs`] recognises and renders cross-references between replies,
//! - [`similarity`] finds points that resemble each other (suggestions),
//! - the procedures themselves live in the store (`store::zienswijzen`), the JSON exchange
//!   format in [`exchange`].

pub mod exchange;
pub mod parse;
pub mod refs;
pub mod similarity;

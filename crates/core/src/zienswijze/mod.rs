//! Zienswijzen: the formal views of municipal councils on a budget (change), and the board's
//! point-by-point reply (nota van reactie).

pub mod parse;

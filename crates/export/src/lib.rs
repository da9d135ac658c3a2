//! Documents going in and out of Bestuursmap. Kept apart from the core so that the core builds
//! without any PDF code.

pub mod atomic;
pub mod calendar;
pub mod inspect;
pub mod large_demo;
pub mod nota;
pub mod pack;
pub mod pdf;
pub mod publication;
pub mod report;
pub mod text;
pub mod text_layer;

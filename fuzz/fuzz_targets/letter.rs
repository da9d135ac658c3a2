//! The council letter parser on any text: must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let letter = bestuursmap_core::zienswijzen::parse::parse_letter(text);
    let _ = letter.sections.len();
});

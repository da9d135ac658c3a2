//! PDF inspection (page count of an attachment) on any bytes: must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = bestuursmap_export::inspect::pdf_page_count(data);
    let _ = bestuursmap_export::inspect::page_count("bijlage.pdf", data);
});

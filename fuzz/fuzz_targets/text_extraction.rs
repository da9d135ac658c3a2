//! Text extraction of letters and attachments (.txt, .docx, .pdf) on any bytes: must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["brief.txt", "brief.docx", "brief.pdf"] {
        let _ = bestuursmap_export::text::extract_text(name, data);
        let _ = bestuursmap_export::text::page_texts(name, data);
    }
});

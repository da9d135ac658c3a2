//! Text extraction of letters and attachments (.txt, .docx, .odt, .fodt, .rtf, .html, .doc, .pdf) on any
//! bytes: must not panic. The format is mostly taken from the content, the names cover the rest.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in [
        "brief.txt",
        "brief.docx",
        "brief.odt",
        "brief.fodt",
        "brief.rtf",
        "brief.html",
        "brief.doc",
        "brief.pdf",
        "brief",
    ] {
        let _ = bestuursmap_export::text::extract_text(name, data);
        let _ = bestuursmap_export::text::page_texts(name, data);
    }
});

//! The bundle reader on any file: must refuse cleanly (never panic). The bytes go to a file
//! because the reader checks a file (size, container bounds) before it unpacks anything.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("proef.bmbundel");
    std::fs::write(&path, data).unwrap();
    if let Ok(mut bundle) = bestuursmap_core::offline::format::open(&path, 7) {
        let _ = bundle.verify_attachments();
    }
});

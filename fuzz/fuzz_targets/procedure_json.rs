//! Procedure JSON import (`nota import`) on any text: parse must not panic, and whatever parses
//! imports all or nothing into a store with the reference data.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::Mutex;

static STORE: Mutex<Option<bestuursmap_core::Store>> = Mutex::new(None);

fuzz_target!(|text: &str| {
    let Ok(file) = bestuursmap_core::zienswijzen::exchange::parse(text) else { return };
    let mut guard = STORE.lock().unwrap();
    let store = guard.get_or_insert_with(|| {
        let mut store = bestuursmap_core::Store::open_in_memory().unwrap();
        bestuursmap_core::demo::load_reference_data(&mut store).unwrap();
        bestuursmap_core::demo::load_standard_responses(&mut store).unwrap();
        store
    });
    let _ = bestuursmap_core::zienswijzen::exchange::import(store, &file);
});

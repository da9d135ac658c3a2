//! The search box on any text, through the store's public API over the demo data: a query is
//! answered or refused with a Dutch message, never a panic or an SQL/FTS5 error leaking out.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn store() -> &'static std::sync::Mutex<bestuursmap_core::Store> {
    static STORE: OnceLock<std::sync::Mutex<bestuursmap_core::Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = bestuursmap_core::Store::open_in_memory().unwrap();
        bestuursmap_core::demo::load(&mut store).unwrap();
        std::sync::Mutex::new(store)
    })
}

fuzz_target!(|query: &str| {
    let store = store().lock().unwrap();
    let filter = bestuursmap_core::search::SearchFilter::default();
    if let Err(e) = store.search(query, &filter, 20) {
        assert_ne!(e.code(), "database", "an SQLite error reached the user for {query:?}: {e}");
    }
});

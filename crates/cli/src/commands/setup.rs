//! `bestuursmap init` and `bestuursmap demo`: a new store, with the reference data or the demo.

use super::open_store;
use bestuursmap_core::{demo, CoreError, OpenMode};
use std::path::Path;

pub fn init(path: &Path) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::CreateIfMissing)?;
    // The region's bodies and municipalities, and the standard response library with the
    // recurring paragraphs of 2020.
    demo::load_reference_data(&mut store)?;
    demo::load_standard_responses(&mut store)?;
    say!("Database {} is klaar (schemaversie {}).", path.display(), store.schema_version()?);
    Ok(())
}

pub fn demo(path: &Path, large: bool) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::CreateIfMissing)?;
    if !large || demo::loaded_at(&store)?.is_none() {
        demo::load(&mut store)?;
    }
    if large {
        if store.meetings()?.iter().any(|m| m.title.contains("(benchmark)")) {
            return Err(CoreError::Invalid("De grote demovergadering staat al in deze database.".into()));
        }
        let id = bestuursmap_export::large_demo::add_large_meeting(&mut store)?;
        say!("Grote demovergadering toegevoegd: vergadering {id}.");
    }
    say!(
        "Demodata geladen in {}: {} vergaderingen. Verzonnen aanvullingen zijn gemarkeerd als demo.",
        path.display(),
        store.meetings()?.len()
    );
    Ok(())
}

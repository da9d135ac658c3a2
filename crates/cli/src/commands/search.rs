//! `bestuursmap search` and `bestuursmap reindex`.

use super::open_store;
use crate::output::print_json;
use bestuursmap_core::search::SearchFilter;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn search(path: &Path, query: &str, filter: &SearchFilter, limit: usize, json: bool) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    let hits = store.search(query, filter, limit)?;
    if json {
        print_json(&hits)?;
    } else if hits.is_empty() {
        say!("Niets gevonden voor '{query}'.");
    } else {
        for hit in hits {
            let snippet: String =
                hit.snippet.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect();
            say!("{:<11} {}\n            {}", hit.kind_label, hit.title, snippet.trim());
        }
    }
    Ok(())
}

pub fn reindex(path: &Path) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    let docs = store.reindex()?;
    say!("Zoekindex opnieuw opgebouwd: {docs} documenten.");
    Ok(())
}

//! Tests of the layout the architecture notes promise (docs/ARCHITECTURE.md), read from the
//! sources themselves so that a change which breaks a rule fails here.

use std::path::{Path, PathBuf};

/// The pure modules besides the features' `rules.rs`: they must not reach the store either.
const OTHER_PURE_MODULES: &[&str] = &[
    "domain.rs",
    "money.rs",
    "format.rs",
    "text.rs",
    "markdown.rs",
    "meetings/voting.rs",
    "zienswijzen/parse.rs",
    "zienswijzen/refs.rs",
    "zienswijzen/similarity.rs",
];

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `rules.rs` of a feature folder (`src/<feature>/rules.rs`), plus the other pure modules.
fn pure_modules() -> Vec<PathBuf> {
    let src = source_dir();
    let mut out: Vec<PathBuf> = std::fs::read_dir(&src)
        .expect("the source folder")
        .map(|e| e.expect("a folder entry").path().join("rules.rs"))
        .filter(|p| p.is_file())
        .collect();
    out.extend(OTHER_PURE_MODULES.iter().map(|m| src.join(m)));
    out.sort();
    out
}

/// The lines of code (comments dropped) that reach the store or a database connection. (Value
/// conversions such as `rusqlite::ToSql` on a vocabulary are not a store access.)
fn store_uses(source: &str) -> Vec<String> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| {
            l.contains("crate::store")
                || l.contains("super::store")
                || l.contains("Connection")
                || l.contains("impl Store")
                || l.contains("&Store")
                || l.contains("&mut Store")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_rules_modules_never_reach_the_store() {
    let modules = pure_modules();
    assert!(modules.len() >= 9 + OTHER_PURE_MODULES.len(), "every feature has its rules.rs: {modules:?}");
    for path in modules {
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let found = store_uses(&source);
        assert!(found.is_empty(), "{} is a pure module but reaches the store: {found:?}", path.display());
    }
}

#[test]
fn the_check_sees_a_store_import_and_ignores_comments() {
    assert_eq!(store_uses("use crate::store::Store;\nfn f() {}"), ["use crate::store::Store;"]);
    assert_eq!(store_uses("fn f(s: &Store) {}"), ["fn f(s: &Store) {}"]);
    assert_eq!(store_uses("fn f(tx: &Connection) {}"), ["fn f(tx: &Connection) {}"]);
    assert!(store_uses("//! The store calls [`crate::store::Store::calendar`].\nfn f() {}").is_empty());
}

/// Every module file of the crate.
fn all_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            all_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The glob re-exports (`pub use x::*;`, `pub(crate) use x::*;`) of a source file.
fn glob_re_exports(source: &str) -> Vec<&str> {
    source
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("pub") && l.contains(" use ") && l.ends_with("::*;"))
        .collect()
}

#[test]
fn re_exports_are_explicit() {
    assert_eq!(glob_re_exports("pub use types::*;\npub use rules::stable_id;"), ["pub use types::*;"]);
    let mut files = Vec::new();
    all_sources(&source_dir(), &mut files);
    assert!(files.len() > 40, "{files:?}");
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let globs = glob_re_exports(&source);
        assert!(globs.is_empty(), "{}: a glob re-export hides where things live: {globs:?}", path.display());
    }
}

//! Full-text search over meetings, agenda items (with their decisions), attachment pages,
//! measures and zienswijzen. SQLite FTS5 does the matching (phrases, prefixes, AND/OR/NOT).
//!
//! - `types`: the filter and the hits (re-exported below);
//! - [`rules`]: folding, Dutch stems, the query expression, date facets, snippets (pure);
//! - `store`: the index kept in step inside every write, and the queries (`Store::search`,
//!   `Store::reindex`, `Store::attachment_page`, `Store::set_attachment_text`).

pub mod rules;
mod store;
mod types;

pub use store::PAGE_CACHE_KIB;
pub(crate) use store::{reindex_dirty, reindex_pending};
pub use types::{AttachmentPage, SearchFilter, SearchHit, SnippetPart};

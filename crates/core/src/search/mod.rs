//! Full-text search over meetings, agenda items (with their decisions), attachment pages,
//! measures and zienswijzen. SQLite FTS5 does the matching (phrases, prefixes, AND/OR/NOT).
//!
//! - `types`: the filter and the hits (re-exported below);
//! - [`rules`]: folding, Dutch stems, the query expression, BM25, date facets, snippets (pure);
//! - `rank`: the ranking function registered on each connection (BM25 with the document
//!   lengths in memory);
//! - `store`: the index kept in step inside every write, and the queries (`Store::search`,
//!   `Store::reindex`, `Store::attachment_page`, `Store::set_attachment_text`).

mod rank;
pub mod rules;
mod store;
mod types;

pub(crate) use rank::{register as register_rank, DocLengths};
pub use store::PAGE_CACHE_KIB;
pub(crate) use store::{reindex_dirty, reindex_pending};
pub use types::{AttachmentPage, SearchFilter, SearchHit, SnippetPart};

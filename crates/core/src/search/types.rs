//! What a search asks (the filter) and what it answers (hits with marked snippets, a page of an
//! attachment).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchFilter {
    /// meeting, item, attachment, measure; empty = all.
    pub kinds: Vec<String>,
    /// AB, DB, NETWERK_MTPLUS, BOT.
    pub body: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Organisation code of a municipality (DORDRECHT): documents that concern it.
    #[serde(default)]
    pub municipality: Option<String>,
}

/// A piece of a snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentPage {
    pub attachment_id: i64,
    pub page: i64,
    pub pages: i64,
    pub file_name: String,
    pub agenda_item_id: i64,
    pub text: String,
    /// The whole page with the words of the query marked (as in search results).
    pub marked: Vec<SnippetPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub kind: String,
    pub kind_label: String,
    pub ref_id: i64,
    /// For attachments: the page (1-based).
    pub page: Option<i64>,
    pub title: String,
    pub meeting_id: Option<i64>,
    pub body: Option<String>,
    pub day: Option<String>,
    pub snippet: Vec<SnippetPart>,
}

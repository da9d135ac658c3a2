//! The records of the offline features: private notes and where their anchor stands, the
//! changes a re-issued agenda brought, signer keys and the outcome of a bundle export or import.

use serde::{Deserialize, Serialize};

/// Where a note's anchor stands after the last re-issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    Ok,
    /// The quoted passage moved to another page; the note followed it.
    Verplaatst,
    PassageNietGevonden,
    BijlageVervallen,
    AgendapuntVervallen,
}

impl Anchor {
    pub fn code(self) -> &'static str {
        match self {
            Anchor::Ok => "ok",
            Anchor::Verplaatst => "verplaatst",
            Anchor::PassageNietGevonden => "passage_niet_gevonden",
            Anchor::BijlageVervallen => "bijlage_vervallen",
            Anchor::AgendapuntVervallen => "agendapunt_vervallen",
        }
    }

    pub(crate) fn from_code(code: &str) -> Anchor {
        match code {
            "verplaatst" => Anchor::Verplaatst,
            "passage_niet_gevonden" => Anchor::PassageNietGevonden,
            "bijlage_vervallen" => Anchor::BijlageVervallen,
            "agendapunt_vervallen" => Anchor::AgendapuntVervallen,
            _ => Anchor::Ok,
        }
    }

    /// What the user reads beside the note; `None` when nothing needs saying.
    pub fn warning(self) -> Option<&'static str> {
        match self {
            Anchor::Ok => None,
            Anchor::Verplaatst => Some("De geciteerde passage staat in de nieuwe versie op een andere pagina."),
            Anchor::PassageNietGevonden => {
                Some("De geciteerde passage staat niet meer in de nieuwe versie van de bijlage.")
            }
            Anchor::BijlageVervallen => Some("De bijlage bij deze notitie zit niet meer in de nieuwe versie."),
            Anchor::AgendapuntVervallen => Some("Dit agendapunt staat niet meer op de agenda."),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewNote {
    pub item_id: i64,
    pub attachment_id: Option<i64>,
    pub page: Option<i64>,
    pub quote: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NoteView {
    pub id: i64,
    pub item_uid: String,
    /// The item where the note is now; `None` when it left the agenda.
    pub item_id: Option<i64>,
    pub item_title: Option<String>,
    pub attachment_id: Option<i64>,
    pub attachment_name: Option<String>,
    pub page: Option<i64>,
    pub quote: Option<String>,
    pub body: String,
    pub anchor: Anchor,
    pub anchor_warning: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// One change the secretariat made to an item, as found when a newer issue was imported.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemChange {
    pub item_uid: String,
    pub item_id: Option<i64>,
    pub issue: i64,
    pub what: String,
    /// Dutch sentence for the user: "Titel gewijzigd", "Bijlage vervangen: …".
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SignerKey {
    pub public_key: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TrustedSigner {
    pub public_key: String,
    pub fingerprint: String,
    pub name: String,
    pub added_at: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BundleExport {
    pub issue: i64,
    pub items: usize,
    pub attachments: usize,
    pub size_bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BundleImport {
    pub meeting_id: i64,
    pub meeting_title: String,
    pub issue: i64,
    /// The issue that was here before; `None` for a first import.
    pub previous_issue: Option<i64>,
    pub signer_name: String,
    pub items_added: usize,
    pub items_changed: usize,
    pub items_removed: usize,
    pub notes_kept: usize,
    /// Notes whose item, attachment or passage could not be found again.
    pub notes_to_check: usize,
    /// Changes to items that carry a note: what the user must look at.
    pub changes_on_noted_items: Vec<super::ItemChange>,
}

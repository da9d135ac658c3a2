//! Publication (Wet open overheid): what of the store may be made public, once.
//!
//! The rules here are pure functions of values; [`crate::store::Store::publication`] loads a
//! meeting, asks them and builds a [`Publication`], the public view that the HTML, the ORI JSON-LD
//! and the ODS-ORI JSON are rendered from (in `bestuursmap-export`). Nothing that is not in a
//! [`Publication`] can reach a published file.
//!
//! What is public:
//! - a meeting only when its agenda is no longer a concept (or concept agendas are asked for);
//! - an agenda item only when it and its parent item are `openbaar`; vertrouwelijk and besloten
//!   items never appear, nor their sub-items, attachments, votes or decisions;
//! - private notes never (they are not read at all);
//! - demo data (a `demo_note`, a person marked demo, demo votes) only when the user chooses to
//!   publish demo data, and then it carries its demo note so every output can mark it.
//!
//! Identifiers are derived from the store's stable uids (never from row order), so a re-export
//! after a change gives the same paths and identifiers.

use super::types::{MeetingExclusion, PublicationOptions};
use crate::domain::{Confidentiality, MeetingStatus};
use sha2::{Digest, Sha256};

/// The rule for a meeting: a concept agenda only when asked, demo data only when asked.
pub fn meeting_exclusion(
    status: MeetingStatus,
    is_demo: bool,
    options: PublicationOptions,
) -> Option<MeetingExclusion> {
    if status == MeetingStatus::Concept && !options.include_concept {
        Some(MeetingExclusion::Concept)
    } else if is_demo && !options.include_demo {
        Some(MeetingExclusion::Demo)
    } else {
        None
    }
}

/// Whether a meeting's agenda (its items) may be shown outside: once published (and after the
/// meeting), a concept only when asked. A meeting called off shows only that it was called off:
/// it may have been called off while still a concept, and its agenda was then never public.
pub fn agenda_is_public(status: MeetingStatus, options: PublicationOptions) -> bool {
    match status {
        MeetingStatus::Gepubliceerd | MeetingStatus::Vergaderd | MeetingStatus::BesluitenlijstVastgesteld => true,
        MeetingStatus::Concept => options.include_concept,
        MeetingStatus::Afgelast => false,
    }
}

/// The rule for an agenda item: public only when it and its parent are `openbaar`, and demo
/// content only when demo data is published.
pub fn item_is_public(
    confidentiality: Confidentiality,
    parent: Option<Confidentiality>,
    is_demo: bool,
    options: PublicationOptions,
) -> bool {
    confidentiality == Confidentiality::Openbaar
        && parent.is_none_or(|p| p == Confidentiality::Openbaar)
        && (!is_demo || options.include_demo)
}

/// Whether data marked demo (a person, a vote) may appear.
pub fn demo_allowed(is_demo: bool, options: PublicationOptions) -> bool {
    !is_demo || options.include_demo
}

/// A stable identifier as a UUID text: the store's uid (32 hex digits) as it is, anything else
/// (a vote event, a municipality) derived with SHA-256 from a kind and a stable key.
pub fn stable_id(kind: &str, key: &str) -> String {
    let hex: String = if key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit()) && kind.is_empty() {
        key.to_ascii_lowercase()
    } else {
        Sha256::digest(format!("bestuursmap:{kind}:{key}")).iter().take(16).map(|b| format!("{b:02x}")).collect()
    };
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// A file name safe on every file system and in a URL: letters, digits, `-`, `_` and `.`.
pub fn safe_file_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c,
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            _ => '-',
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.').to_string();
    if trimmed.is_empty() {
        "bijlage".into()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: PublicationOptions = PublicationOptions { include_concept: true, include_demo: true };
    const NONE: PublicationOptions = PublicationOptions { include_concept: false, include_demo: false };

    #[test]
    fn a_meeting_called_off_never_shows_its_agenda() {
        assert!(!agenda_is_public(MeetingStatus::Afgelast, ALL));
        assert!(!agenda_is_public(MeetingStatus::Concept, NONE));
        assert!(agenda_is_public(MeetingStatus::Concept, ALL));
        for status in [MeetingStatus::Gepubliceerd, MeetingStatus::Vergaderd, MeetingStatus::BesluitenlijstVastgesteld]
        {
            assert!(agenda_is_public(status, NONE));
        }
    }

    #[test]
    fn confidential_and_closed_items_are_never_public_whatever_is_asked() {
        for options in [ALL, NONE] {
            assert!(!item_is_public(Confidentiality::Vertrouwelijk, None, false, options));
            assert!(!item_is_public(Confidentiality::Besloten, None, false, options));
            assert!(!item_is_public(Confidentiality::Openbaar, Some(Confidentiality::Besloten), false, options));
            assert!(!item_is_public(Confidentiality::Openbaar, Some(Confidentiality::Vertrouwelijk), false, options));
            assert!(item_is_public(Confidentiality::Openbaar, Some(Confidentiality::Openbaar), false, options));
        }
        assert!(!item_is_public(Confidentiality::Openbaar, None, true, NONE), "demo only when asked");
        assert!(item_is_public(Confidentiality::Openbaar, None, true, ALL));
    }

    #[test]
    fn concept_agendas_and_demo_meetings_only_when_asked() {
        assert_eq!(meeting_exclusion(MeetingStatus::Concept, false, NONE), Some(MeetingExclusion::Concept));
        assert_eq!(meeting_exclusion(MeetingStatus::Vergaderd, true, NONE), Some(MeetingExclusion::Demo));
        assert_eq!(meeting_exclusion(MeetingStatus::Gepubliceerd, false, NONE), None);
        assert_eq!(meeting_exclusion(MeetingStatus::Concept, true, ALL), None);
        let only_concept = PublicationOptions { include_concept: true, include_demo: false };
        assert_eq!(meeting_exclusion(MeetingStatus::Concept, true, only_concept), Some(MeetingExclusion::Demo));
        assert!(!demo_allowed(true, NONE) && demo_allowed(false, NONE) && demo_allowed(true, ALL));
    }

    #[test]
    fn identifiers_are_stable_uuids() {
        let uid = "0123456789abcdef0123456789ABCDEF";
        assert_eq!(stable_id("", uid), "01234567-89ab-cdef-0123-456789abcdef");
        let a = stable_id("organisatie", "ALBLASSERDAM");
        assert_eq!(a, stable_id("organisatie", "ALBLASSERDAM"));
        assert_ne!(a, stable_id("organisatie", "DORDRECHT"));
        assert_ne!(stable_id("stemming", uid), stable_id("motie", uid));
        assert_eq!(a.len(), 36);
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(safe_file_name("Nota van reactie (2020).pdf"), "Nota-van-reactie-2020-.pdf");
        assert_eq!(safe_file_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_file_name("Begroting één.pdf"), "Begroting-een.pdf");
        assert_eq!(safe_file_name("..."), "bijlage");
    }
}

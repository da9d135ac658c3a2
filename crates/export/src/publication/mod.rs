//! The Woo publication: the public part of meetings as a folder for a website or a file share.
//!
//! What is public is decided once, in the core ([`bestuursmap_core::publication`]); this module
//! only renders a [`Publication`]: static, accessible Dutch HTML in the NL Design System look
//! (no JavaScript), the public attachments as files, ORI JSON-LD (popolo-ori) and a JSON in the
//! shape of VNG's ODS Open Raadsinformatie. See docs/publicatie.md for the mapping.
//!
//! The folder is written beside its destination and renamed into place when complete: an
//! interrupted publication leaves no half-written folder, and an existing non-empty folder is
//! refused before anything is written.
//!
//! Layout (all paths stable, derived from the store's uids):
//! ```text
//! index.html                                  overview: per body and year
//! <orgaan>/<jaar>/index.html                  the meetings of a body in a year
//! vergaderingen/<id>/index.html               agenda, attachments, besluitenlijst
//! vergaderingen/<id>/bijlagen/<id8>-<naam>    the public attachments
//! data/ori.jsonld, data/context.jsonld        ORI JSON-LD and its context (offline)
//! data/ods-ori.json                           ODS Open Raadsinformatie shape
//! assets/publicatie.css                       the stylesheet
//! ```

mod html;
mod ods;
mod ori;

use bestuursmap_core::publication::{Publication, Withheld};
use bestuursmap_core::{CoreError, Result, Store};
use std::path::{Path, PathBuf};

/// The JSON-LD context the ORI data refers to, shipped in the folder so it works offline.
pub const CONTEXT_JSONLD: &str = include_str!("context.jsonld");
const STYLESHEET: &str = include_str!("publicatie.css");

/// What was written, for the message to the person who published.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublishReport {
    pub folder: PathBuf,
    pub meetings: usize,
    pub items: usize,
    pub attachments: usize,
    pub files: usize,
    pub withheld: Withheld,
    pub contains_demo: bool,
}

impl PublishReport {
    /// One Dutch sentence for the CLI and the app.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "Gepubliceerd naar {}: {} {}, {} openbare {}, {} {} ({} bestanden).",
            self.folder.display(),
            self.meetings,
            if self.meetings == 1 { "vergadering" } else { "vergaderingen" },
            self.items,
            if self.items == 1 { "agendapunt" } else { "agendapunten" },
            self.attachments,
            if self.attachments == 1 { "bijlage" } else { "bijlagen" },
            self.files
        );
        let w = &self.withheld;
        let mut left_out = Vec::new();
        if w.items > 0 {
            left_out.push(format!(
                "{} vertrouwelijke, besloten of demo-{} met {} {}",
                w.items,
                if w.items == 1 { "agendapunt" } else { "agendapunten" },
                w.attachments,
                if w.attachments == 1 { "bijlage" } else { "bijlagen" }
            ));
        }
        if w.concept_meetings > 0 {
            left_out.push(format!(
                "{} {}",
                w.concept_meetings,
                if w.concept_meetings == 1 { "concept-agenda" } else { "concept-agenda's" }
            ));
        }
        if w.demo_meetings > 0 {
            left_out.push(format!(
                "{} {}",
                w.demo_meetings,
                if w.demo_meetings == 1 { "demovergadering" } else { "demovergaderingen" }
            ));
        }
        if !left_out.is_empty() {
            text.push_str(&format!(" Niet gepubliceerd: {}.", bestuursmap_core::format::join_dutch(&left_out)));
        }
        if self.contains_demo {
            text.push_str(" Let op: de publicatie bevat demogegevens (zo gemarkeerd).");
        }
        text
    }
}

/// Refuses a destination that exists and is not an empty folder, before anything is read or written.
pub fn check_destination(out: &Path) -> Result<()> {
    match std::fs::metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(CoreError::io(out, e)),
        Ok(meta) if !meta.is_dir() => {
            return Err(CoreError::Invalid(format!(
                "{} is een bestaand bestand, geen map. Kies een nieuwe of lege map voor de publicatie.",
                out.display()
            )))
        }
        Ok(_) => {
            let mut entries = std::fs::read_dir(out).map_err(|e| CoreError::io(out, e))?;
            if entries.next().is_some() {
                return Err(CoreError::Invalid(format!(
                    "De map {} is niet leeg. Kies een nieuwe of lege map; een bestaande publicatie wordt niet overschreven.",
                    out.display()
                )));
            }
        }
    }
    let parent = parent_of(out);
    if !parent.is_dir() {
        return Err(CoreError::Invalid(format!(
            "De map {} bestaat niet. Maak hem eerst aan of kies een andere plek.",
            parent.display()
        )));
    }
    Ok(())
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// One file of the publication, relative to its root.
struct OutFile {
    path: String,
    content: Content,
}

enum Content {
    Text(String),
    Attachment(i64),
}

/// Writes `publication` into the new folder `out`. `progress` gets a fraction and a Dutch step.
pub fn write_publication(
    store: &Store,
    publication: &Publication,
    out: &Path,
    progress: &mut dyn FnMut(f32, &str),
) -> Result<PublishReport> {
    check_destination(out)?;
    progress(0.05, "Pagina's en gegevens opbouwen");
    let mut files = vec![
        OutFile { path: "assets/publicatie.css".into(), content: Content::Text(STYLESHEET.into()) },
        OutFile { path: "data/context.jsonld".into(), content: Content::Text(CONTEXT_JSONLD.into()) },
        OutFile { path: "data/ori.jsonld".into(), content: Content::Text(json_text(&ori::document(publication))) },
        OutFile { path: "data/ods-ori.json".into(), content: Content::Text(json_text(&ods::document(publication))) },
    ];
    for page in html::pages(publication) {
        files.push(OutFile { path: page.path, content: Content::Text(page.html) });
    }
    for meeting in &publication.meetings {
        for item in &meeting.items {
            for attachment in &item.attachments {
                files
                    .push(OutFile { path: attachment.path.clone(), content: Content::Attachment(attachment.store_id) });
            }
        }
    }

    let parent = parent_of(out);
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "publicatie".into());
    // A run that was killed left its temporary folder: it is removed, never renamed into place.
    remove_leftovers(&parent, &name);
    // Beside the destination (same file system, so the rename is atomic); removed on any failure.
    let staging = tempfile::Builder::new()
        .prefix(&staging_prefix(&name))
        .tempdir_in(&parent)
        .map_err(|e| CoreError::io(&parent, e))?;
    let total = files.len();
    for (index, file) in files.iter().enumerate() {
        let target = staging.path().join(&file.path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
        }
        match &file.content {
            Content::Text(text) => write_file(&target, text.as_bytes())?,
            Content::Attachment(id) => {
                let bytes = store.attachment_content(*id)?;
                write_file(&target, &bytes)?;
            }
        }
        if index % 8 == 0 || index + 1 == total {
            progress(0.1 + 0.85 * (index + 1) as f32 / total as f32, "Bestanden schrijven");
        }
    }
    // Readable for a web server: the temporary folder is private (0700) until it is complete.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| CoreError::io(staging.path(), e))?;
    }
    check_destination(out)?;
    if out.is_dir() {
        // An empty folder chosen in the dialog is replaced by the finished one.
        std::fs::remove_dir(out).map_err(|e| CoreError::io(out, e))?;
    }
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, out) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(CoreError::io(out, e));
    }
    progress(1.0, "Klaar");
    Ok(PublishReport {
        folder: out.to_path_buf(),
        meetings: publication.meetings.len(),
        items: publication.meetings.iter().map(|m| m.items.len()).sum(),
        attachments: publication.meetings.iter().flat_map(|m| &m.items).map(|i| i.attachments.len()).sum(),
        files: total,
        withheld: publication.withheld.clone(),
        contains_demo: publication.contains_demo(),
    })
}

/// The prefix of the temporary folder of a publication into `<parent>/<name>`.
fn staging_prefix(name: &str) -> String {
    format!(".{name}.bezig-")
}

fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = staging_prefix(name);
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) && entry.path().is_dir() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(|e| CoreError::io(path, e))?;
    file.write_all(bytes).map_err(|e| CoreError::io(path, e))?;
    file.sync_all().map_err(|e| CoreError::io(path, e))
}

fn json_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The ISO 8601 local time of a meeting with its Dutch offset, as JSON-LD and ODS expect.
/// Europe/Amsterdam without a time-zone database: CET (+01:00), and CEST (+02:00) from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (the EU rule since 1996).
pub(crate) fn iso_local(t: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, NaiveDate, Weekday};
    let last_sunday = |month: u32| {
        (25..=31)
            .rev()
            .filter_map(|day| NaiveDate::from_ymd_opt(t.year(), month, day))
            .find(|d| d.weekday() == Weekday::Sun)
    };
    let summer = match (last_sunday(3), last_sunday(10)) {
        (Some(start), Some(end)) => {
            let (start, end) = (start.and_hms_opt(2, 0, 0), end.and_hms_opt(3, 0, 0));
            start.is_some_and(|s| t >= s) && end.is_some_and(|e| t < e)
        }
        _ => false,
    };
    format!("{}{}", t.format("%Y-%m-%dT%H:%M:%S"), if summer { "+02:00" } else { "+01:00" })
}

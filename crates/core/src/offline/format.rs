//! The meeting bundle file (`.bmbundel`): what it holds and how it is read safely.
//!
//! A bundle is a zip archive with exactly these entries:
//!
//! - `bundel.json` — the [`Header`]: format and schema version, the meeting's uid and issue,
//!   the signer's public key, the SHA-256 of the manifest, and the ed25519 signature over all
//!   of that;
//! - `vergadering.json` — the [`Manifest`]: meeting, items, decision points, linked measures,
//!   zienswijze procedures, and per attachment its SHA-256, size and page texts;
//! - `bijlagen/<uid>` — one entry per attachment, its bytes.
//!
//! Reading checks, in this order: the file size, that it is a complete zip, every entry name,
//! the header (UTF-8, JSON, versions), the signature, the manifest's checksum, and each
//! attachment's size and checksum. Only then is anything written, in one transaction.

use crate::error::{CoreError, Result};
use crate::zienswijzen::exchange::ProcedureFile;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Seek, Write};

use std::path::Path;

pub const FORMAT_NAME: &str = "bestuursmap-bundel";
pub const FORMAT_VERSION: u32 = 1;
pub const FILE_EXTENSION: &str = "bmbundel";

/// Largest bundle file accepted (documented in the README).
pub const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;
/// Largest `bundel.json` or `vergadering.json` accepted (page texts included).
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;
/// Largest number of entries (attachments + 2).
pub const MAX_ENTRIES: usize = 5_000;

pub(crate) const HEADER_ENTRY: &str = "bundel.json";
pub(crate) const MANIFEST_ENTRY: &str = "vergadering.json";
pub(crate) const ATTACHMENT_DIR: &str = "bijlagen/";

/// What the signature covers: everything in the header but the signature itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Signed {
    pub format: String,
    pub format_version: u32,
    /// The store schema of the Bestuursmap that wrote the bundle.
    pub schema_version: i64,
    pub meeting_uid: String,
    pub meeting_title: String,
    pub issue: i64,
    pub created_at: String,
    pub signer_name: String,
    /// ed25519 public key, base64.
    pub signer_key: String,
    pub manifest_sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Header {
    #[serde(flatten)]
    pub signed: Signed,
    /// ed25519 signature over [`Signed::message`], base64.
    pub signature: String,
}

impl Signed {
    /// The exact bytes that are signed (a fixed prefix and the fields in a fixed order).
    pub fn message(&self) -> Vec<u8> {
        let mut message = b"bestuursmap-bundel-handtekening\n".to_vec();
        // Serialising a struct keeps its field order, so both sides produce the same bytes.
        message.extend(serde_json::to_vec(self).expect("a header serialises"));
        message
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Manifest {
    pub meeting: MeetingData,
    /// In agenda order; a sub-item follows its parent.
    pub items: Vec<ItemData>,
    pub measures: Vec<MeasureData>,
    pub procedures: Vec<ProcedureFile>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingData {
    pub uid: String,
    pub body_code: String,
    pub title: String,
    pub starts_at: String,
    pub ends_at: Option<String>,
    pub location: Option<String>,
    pub status: String,
    pub chair: Option<PersonData>,
    pub secretary: Option<PersonData>,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PersonData {
    pub name: String,
    pub organisation_code: Option<String>,
    pub is_demo: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemData {
    pub uid: String,
    pub parent_uid: Option<String>,
    /// Printed number when exported ("2a"), to show what changed.
    pub number: String,
    pub title: String,
    pub kind: String,
    pub level: Option<String>,
    pub portefeuillehouder: Option<PersonData>,
    pub confidentiality: String,
    pub proposal_md: Option<String>,
    pub outcome: Option<String>,
    pub decision_md: Option<String>,
    pub dossier: Option<String>,
    pub demo_note: Option<String>,
    pub decision_points: Vec<String>,
    pub measure_codes: Vec<String>,
    pub attachments: Vec<AttachmentData>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentData {
    pub uid: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: u64,
    pub sha256: String,
    pub page_count: Option<i64>,
    pub added_at: String,
    /// Extracted text per page (for search and for finding a note's passage again).
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeasureData {
    pub code: String,
    pub title: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    pub source_plan: String,
    pub source_version: Option<String>,
    pub trekker_code: Option<String>,
    pub trekker_text: Option<String>,
    pub status: String,
    pub demo_note: Option<String>,
}

/// Largest total of all attachments of one bundle once unpacked (declared in the signed
/// manifest and enforced while reading).
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// A bundle whose container, header, signature and manifest are verified. Attachments are not
/// read yet: the store first decides whether it trusts the signer, then reads them one at a
/// time with [`OpenedBundle::attachment`], each checked against the signed manifest while it is
/// read, so an untrusted or forged bundle never costs more than its header and manifest.
pub struct OpenedBundle {
    pub header: Signed,
    pub manifest: Manifest,
    pub attachments: AttachmentReader,
}

/// Reads a verified bundle's attachments one at a time.
pub struct AttachmentReader {
    zip: zip::ZipArchive<std::fs::File>,
    /// Per uid: file name, size and SHA-256 from the signed manifest.
    expected: std::collections::HashMap<String, (String, u64, String)>,
}

impl std::fmt::Debug for OpenedBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedBundle").field("header", &self.header).finish_non_exhaustive()
    }
}

impl AttachmentReader {
    /// The bytes of attachment `uid`, read with the manifest's size as the bound and checked
    /// against its SHA-256.
    pub fn read(&mut self, uid: &str) -> Result<Vec<u8>> {
        let (name, size, sha) =
            self.expected.get(uid).ok_or_else(|| refused(format!("bijlage {uid} staat niet in de inhoudsopgave.")))?;
        let bytes = read_entry(&mut self.zip, &format!("{ATTACHMENT_DIR}{uid}"), *size)?;
        if bytes.len() as u64 != *size || sha256_hex(&bytes) != *sha {
            return Err(refused(format!(
                "bijlage «{name}» is gewijzigd of onvolledig (controlegetal klopt niet); de bundel is niet ingelezen."
            )));
        }
        Ok(bytes)
    }
}

impl OpenedBundle {
    /// Reads and checks every attachment, keeping none.
    pub fn verify_attachments(&mut self) -> Result<()> {
        let uids: Vec<String> = self.attachments.expected.keys().cloned().collect();
        for uid in uids {
            self.attachments.read(&uid)?;
        }
        Ok(())
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A short, readable fingerprint of a public key, to compare by phone or on paper.
pub fn fingerprint(public_key_b64: &str) -> String {
    let hex = sha256_hex(public_key_b64.as_bytes()).to_uppercase();
    hex.as_bytes()[..20].chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}

fn refused(reason: impl std::fmt::Display) -> CoreError {
    CoreError::BundleRefused(reason.to_string())
}

/// A uid as Bestuursmap makes them: 32 lower-case hex digits.
pub(crate) fn is_uid(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A file name that can be shown and saved without leaving its folder (see [`crate::text`]).
pub(crate) fn check_file_name(name: &str) -> Result<()> {
    crate::text::check_file_name(name).map_err(|_| {
        refused(format!(
            "de bijlagenaam «{}» is onveilig (een pad of vreemde tekens); de bundel is niet ingelezen.",
            name.escape_debug()
        ))
    })
}

/// Writes a bundle to `out` atomically (a temporary file beside it, renamed when complete).
pub fn write(out: &Path, header: &Header, manifest_json: &[u8], files: &[(String, &[u8])]) -> Result<()> {
    let partial = out.with_extension("deels");
    let outcome = (|| -> Result<()> {
        let file = std::fs::File::create(&partial).map_err(|e| CoreError::io(&partial, e))?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        // Attachments (mostly PDF) are compressed already.
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let header_json = serde_json::to_vec_pretty(header).map_err(|e| CoreError::Invalid(e.to_string()))?;
        zip.start_file(HEADER_ENTRY, deflated).map_err(zip_write)?;
        zip.write_all(&header_json).map_err(|e| CoreError::io(&partial, e))?;
        zip.start_file(MANIFEST_ENTRY, deflated).map_err(zip_write)?;
        zip.write_all(manifest_json).map_err(|e| CoreError::io(&partial, e))?;
        for (uid, bytes) in files {
            zip.start_file(format!("{ATTACHMENT_DIR}{uid}"), stored.large_file(bytes.len() as u64 > u32::MAX as u64))
                .map_err(zip_write)?;
            zip.write_all(bytes).map_err(|e| CoreError::io(&partial, e))?;
        }
        let inner = zip.finish().map_err(zip_write)?;
        let file = inner.into_inner().map_err(|e| CoreError::io(&partial, e.into_error()))?;
        file.sync_all().map_err(|e| CoreError::io(&partial, e))?;
        std::fs::rename(&partial, out).map_err(|e| CoreError::io(out, e))
    })();
    if outcome.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    outcome
}

fn zip_write(e: zip::result::ZipError) -> CoreError {
    match e {
        zip::result::ZipError::Io(e) => CoreError::io(Path::new("de bundel"), e),
        _ => CoreError::Io("kan de bundel niet schrijven.".into()),
    }
}

/// Refuses a bundle larger than [`MAX_BUNDLE_BYTES`] before anything of it is read.
pub fn check_size(size: u64) -> Result<()> {
    if size > MAX_BUNDLE_BYTES {
        return Err(refused(format!(
            "het bestand is {} MB; een bundel mag hoogstens {} MB zijn.",
            size / (1024 * 1024),
            MAX_BUNDLE_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Opens a bundle file and verifies all but the attachments' bytes (see the module docs for the
/// order of the checks).
pub fn open(path: &Path, latest_schema: i64) -> Result<OpenedBundle> {
    let meta = std::fs::metadata(path).map_err(|e| CoreError::io(path, e))?;
    if !meta.is_file() {
        return Err(refused(format!("{} is geen gewoon bestand.", path.display())));
    }
    check_size(meta.len())?;
    let mut file = std::fs::File::open(path).map_err(|e| CoreError::io(path, e))?;
    check_exact_container(&mut file, meta.len())?;
    open_from(file, latest_schema)
}

/// A bundle is exactly one zip archive as Bestuursmap writes it: it starts with a local file
/// header and ends with the end-of-central-directory record without a comment. Bytes before or
/// after it are not covered by the signature and are refused.
fn check_exact_container(file: &mut std::fs::File, len: u64) -> Result<()> {
    use std::io::SeekFrom;
    const EOCD_LEN: u64 = 22;
    let outside = || {
        refused("het bestand bevat meer dan de ondertekende bundel (bytes ervoor of erachter); hij is niet ingelezen.")
    };
    let not_a_bundle = || refused("dit is geen Bestuursmap-bundel, of het bestand is onvolledig of beschadigd.");
    if len < 4 + EOCD_LEN {
        return Err(not_a_bundle());
    }
    let mut start = [0u8; 4];
    let mut end = [0u8; EOCD_LEN as usize];
    let io = |e: std::io::Error| {
        refused(format!("het bestand is niet te lezen ({}).", CoreError::io(Path::new("bundel"), e)))
    };
    file.read_exact(&mut start).map_err(io)?;
    file.seek(SeekFrom::Start(len - EOCD_LEN)).map_err(io)?;
    file.read_exact(&mut end).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    if &start != b"PK\x03\x04" {
        return Err(if start.starts_with(b"PK") { not_a_bundle() } else { outside() });
    }
    if &end[..4] != b"PK\x05\x06" || end[20..22] != [0, 0] {
        // Still a readable archive: something was appended. Else it is cut off or damaged.
        let readable = zip::ZipArchive::new(&mut *file).is_ok();
        return Err(if readable { outside() } else { not_a_bundle() });
    }
    Ok(())
}

fn open_from(file: std::fs::File, latest_schema: i64) -> Result<OpenedBundle> {
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|_| refused("dit is geen Bestuursmap-bundel, of het bestand is onvolledig of beschadigd."))?;
    if zip.len() > MAX_ENTRIES {
        return Err(refused(format!(
            "de bundel heeft {} onderdelen; hoogstens {MAX_ENTRIES} zijn toegestaan.",
            zip.len()
        )));
    }
    if zip.offset() != 0 {
        return Err(refused(
            "het bestand bevat meer dan de ondertekende bundel (bytes ervoor); hij is niet ingelezen.",
        ));
    }
    let mut attachment_entries = std::collections::HashSet::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|_| refused("de bundel is beschadigd (inhoudsopgave onleesbaar)."))?;
        let name = entry
            .name()
            .map_err(|_| refused("een bestandsnaam in de bundel bevat ongeldige tekens (geen UTF-8)."))?
            .to_string();
        let traversal = name.starts_with('/') || name.contains('\\') || name.split('/').any(|part| part == "..");
        if traversal || entry.enclosed_name().is_none() {
            return Err(refused(format!(
                "de bundel bevat een onveilige bestandsnaam («{}», buiten de bundel); hij is niet ingelezen.",
                name.escape_debug()
            )));
        }
        match name.strip_prefix(ATTACHMENT_DIR) {
            Some(uid) if is_uid(uid) => {
                attachment_entries.insert(uid.to_string());
            }
            _ if name == HEADER_ENTRY || name == MANIFEST_ENTRY => {}
            _ => return Err(refused(format!("de bundel bevat een onbekend bestand «{}».", name.escape_debug()))),
        }
    }
    let header_bytes = read_entry(&mut zip, HEADER_ENTRY, MAX_JSON_BYTES)?;
    let header_text = String::from_utf8(header_bytes)
        .map_err(|_| refused("bundel.json bevat ongeldige tekens (geen UTF-8); de bundel is beschadigd."))?;
    let header = parse_header(&header_text, latest_schema)?;
    verify_signature(&header)?;

    let manifest_bytes = read_entry(&mut zip, MANIFEST_ENTRY, MAX_JSON_BYTES)?;
    if sha256_hex(&manifest_bytes) != header.signed.manifest_sha256 {
        return Err(refused(
            "de inhoud is gewijzigd na ondertekening (controlegetal klopt niet); hij is niet ingelezen.",
        ));
    }
    let manifest_text = String::from_utf8(manifest_bytes)
        .map_err(|_| refused("vergadering.json bevat ongeldige tekens (geen UTF-8)."))?;
    let manifest: Manifest = serde_json::from_str(&manifest_text)
        .map_err(|e| refused(format!("vergadering.json is onleesbaar ({}).", json_position(&e))))?;
    if manifest.meeting.uid != header.signed.meeting_uid {
        return Err(refused("kop en inhoud horen bij verschillende vergaderingen."));
    }
    check_manifest(&manifest)?;

    let limit = crate::meetings::rules::MAX_ATTACHMENT_BYTES as u64;
    let mut listed = std::collections::HashMap::new();
    let mut total: u64 = 0;
    for attachment in manifest.items.iter().flat_map(|i| &i.attachments) {
        check_file_name(&attachment.file_name)?;
        let entry = (attachment.file_name.clone(), attachment.size_bytes, attachment.sha256.clone());
        if !is_uid(&attachment.uid) || listed.insert(attachment.uid.clone(), entry).is_some() {
            return Err(refused(format!("bijlage «{}» heeft geen geldige identiteit.", attachment.file_name)));
        }
        if attachment.size_bytes > limit {
            return Err(refused(format!(
                "bijlage «{}» is {} MB; een bijlage mag hoogstens {} MB zijn.",
                attachment.file_name,
                attachment.size_bytes / (1024 * 1024),
                limit / (1024 * 1024)
            )));
        }
        total += attachment.size_bytes;
        if total > MAX_UNPACKED_BYTES {
            return Err(refused(format!(
                "de bijlagen zijn samen meer dan {} MB; dat is meer dan een bundel mag bevatten.",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            )));
        }
        if !attachment_entries.contains(&attachment.uid) {
            return Err(refused(format!("bijlage «{}» ontbreekt; de bundel is onvolledig.", attachment.file_name)));
        }
    }
    if listed.len() != attachment_entries.len() {
        return Err(refused("de bundel bevat bijlagen die niet in de inhoudsopgave staan."));
    }
    Ok(OpenedBundle { header: header.signed, manifest, attachments: AttachmentReader { zip, expected: listed } })
}

/// The codes and texts of a manifest: known kinds and statuses, and no control characters in
/// names and texts (a NUL in a title breaks a DOCX export; a newline in a file name a laptop).
fn check_manifest(manifest: &Manifest) -> Result<()> {
    use crate::domain::{Confidentiality, ItemKind, ItemLevel, MeetingStatus};
    use crate::text::{check_line, check_text};
    let m = &manifest.meeting;
    let field = |e: CoreError| refused(e.to_string());
    check_line("titel van de vergadering", &m.title).map_err(field)?;
    for (what, value) in [("locatie", &m.location), ("demonotitie", &m.demo_note)] {
        if let Some(value) = value {
            check_text(what, value).map_err(field)?;
        }
    }
    if MeetingStatus::from_code(&m.status).is_none() {
        return Err(refused(format!("de vergadering heeft een onbekende status «{}».", m.status.escape_debug())));
    }
    for item in &manifest.items {
        check_line("titel van een agendapunt", &item.title).map_err(field)?;
        check_line("nummer van een agendapunt", &item.number).map_err(field)?;
        if ItemKind::from_code(&item.kind).is_none() {
            return Err(refused(format!(
                "agendapunt «{}» heeft een onbekende soort «{}».",
                item.title,
                item.kind.escape_debug()
            )));
        }
        if Confidentiality::from_code(&item.confidentiality).is_none() {
            return Err(refused(format!("agendapunt «{}» heeft een onbekende vertrouwelijkheid.", item.title)));
        }
        if item.level.as_deref().is_some_and(|l| ItemLevel::from_code(l).is_none()) {
            return Err(refused(format!("agendapunt «{}» heeft een onbekend niveau.", item.title)));
        }
        for text in [&item.proposal_md, &item.decision_md, &item.demo_note].into_iter().flatten() {
            check_text("tekst van een agendapunt", text).map_err(field)?;
        }
        for point in &item.decision_points {
            check_text("beslispunt", point).map_err(field)?;
        }
    }
    for measure in &manifest.measures {
        check_line("titel van een maatregel", &measure.title).map_err(field)?;
    }
    Ok(())
}

/// Where a JSON text went wrong, in Dutch (serde's own message stays out).
pub(crate) fn json_position(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "ongeldige JSON",
        Category::Eof => "de tekst houdt te vroeg op",
        Category::Data => "een veld ontbreekt of heeft een verkeerd type",
        Category::Io => "leesfout",
    };
    format!("{what}, regel {} kolom {}", e.line(), e.column())
}

fn read_entry(zip: &mut zip::ZipArchive<impl Read + Seek>, name: &str, limit: u64) -> Result<Vec<u8>> {
    let entry = zip.by_name(name).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => refused(format!("{name} ontbreekt; de bundel is onvolledig.")),
        _ => refused(format!("{name} is beschadigd of gebruikt een onbekende compressie.")),
    })?;
    if entry.size() > limit {
        return Err(refused(format!("{name} is groter dan de toegestane {} MB.", limit / (1024 * 1024))));
    }
    let mut bytes = Vec::new();
    // The declared size can lie (a zip bomb): never read more than the limit.
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| refused(format!("{name} is gewijzigd, onvolledig of beschadigd.")))?;
    if bytes.len() as u64 > limit {
        return Err(refused(format!("{name} is groter dan de toegestane {} MB.", limit / (1024 * 1024))));
    }
    Ok(bytes)
}

fn parse_header(text: &str, latest_schema: i64) -> Result<Header> {
    // Versions first, so a newer bundle gets that message even if its fields changed.
    let loose: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| refused(format!("bundel.json is onleesbaar ({}).", json_position(&e))))?;
    if loose.get("format").and_then(|f| f.as_str()) != Some(FORMAT_NAME) {
        return Err(refused("dit is geen Bestuursmap-bundel."));
    }
    let format_version = loose.get("format_version").and_then(|v| v.as_u64()).unwrap_or(0);
    let schema_version = loose.get("schema_version").and_then(|v| v.as_i64()).unwrap_or(0);
    if format_version > u64::from(FORMAT_VERSION) || schema_version > latest_schema {
        return Err(CoreError::BundleTooNew { format_version, schema_version });
    }
    serde_json::from_str(text).map_err(|e| refused(format!("bundel.json is onleesbaar ({}).", json_position(&e))))
}

fn verify_signature(header: &Header) -> Result<()> {
    use base64::Engine;
    let engine = base64::engine::general_purpose::STANDARD;
    let key_bytes: [u8; 32] = engine
        .decode(&header.signed.signer_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| refused("de sleutel van de afzender is ongeldig."))?;
    let signature_bytes: [u8; 64] = engine
        .decode(&header.signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| refused("de handtekening ontbreekt of is ongeldig."))?;
    let key = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes)
        .map_err(|_| refused("de sleutel van de afzender is ongeldig."))?;
    let signature = ed25519_dalek::Signature::from_bytes(&signature_bytes);
    key.verify_strict(&header.signed.message(), &signature).map_err(|_| {
        refused("de handtekening klopt niet: de bundel is gewijzigd na ondertekening; hij is niet ingelezen.")
    })
}

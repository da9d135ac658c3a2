//! Hostile bundles signed with a real key: a trusted sender's bundle with bad content, and an
//! untrusted sender's bundle that must be refused before its attachments are unpacked.

use base64::Engine;
use bestuursmap_core::offline::format::{Header, MAX_UNPACKED_BYTES};
use bestuursmap_core::store::Passphrase;
use bestuursmap_core::{demo, OpenMode, Store};
use ed25519_dalek::{Signer, SigningKey};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn open(path: &Path) -> Store {
    Store::open(path, OpenMode::CreateIfMissing, &Passphrase::new("proef-wachtwoordzin").unwrap()).unwrap()
}

struct Setup {
    dir: tempfile::TempDir,
    laptop: Store,
    good: PathBuf,
    trusted: SigningKey,
}

/// A real bundle of the demo AB meeting with one attachment, and a laptop that trusts `trusted`.
fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let mut secretariat = open(&dir.path().join("secretariaat.db"));
    demo::load(&mut secretariat).unwrap();
    let meeting = secretariat.meetings().unwrap()[0].id;
    let item = secretariat.meeting(meeting).unwrap().items[0].id;
    secretariat.add_attachment(item, "bijlage.pdf", b"%PDF-1.4\n% proef\n", Some(1)).unwrap();
    let good = dir.path().join("goed.bmbundel");
    secretariat.export_bundle(meeting, "Secretariaat", &good).unwrap();
    let mut laptop = open(&dir.path().join("laptop.db"));
    demo::load_reference_data(&mut laptop).unwrap();
    let trusted = SigningKey::from_bytes(&[7u8; 32]);
    laptop.trust_signer(&B64.encode(trusted.verifying_key().as_bytes()), "Proefsleutel").unwrap();
    Setup { dir, laptop, good, trusted }
}

/// Rewrites `from` into `to`: the manifest edited by `edit`, attachment entries replaced by
/// `attachments` (uid → bytes; `None` keeps them), signed again with `key`.
fn resign(
    from: &Path,
    to: &Path,
    key: &SigningKey,
    edit: impl FnOnce(&mut serde_json::Value),
    attachments: Option<Vec<(String, &[u8])>>,
) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let read = |archive: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut bytes = Vec::new();
        archive.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    };
    let mut header: Header = serde_json::from_slice(&read(&mut archive, "bundel.json")).unwrap();
    let mut manifest: serde_json::Value = serde_json::from_slice(&read(&mut archive, "vergadering.json")).unwrap();
    edit(&mut manifest);
    let manifest = serde_json::to_vec(&manifest).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| n.starts_with("bijlagen/"))
        .collect();
    let kept: Vec<(String, Vec<u8>)> =
        names.iter().map(|n| (n.trim_start_matches("bijlagen/").to_string(), read(&mut archive, n))).collect();
    let files: Vec<(String, &[u8])> =
        attachments.unwrap_or_else(|| kept.iter().map(|(uid, bytes)| (uid.clone(), bytes.as_slice())).collect());
    header.signed.signer_key = B64.encode(key.verifying_key().as_bytes());
    header.signed.manifest_sha256 = bestuursmap_core::offline::format::sha256_hex(&manifest);
    header.signature = B64.encode(key.sign(&header.signed.message()).to_bytes());
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    out.start_file("bundel.json", options).unwrap();
    out.write_all(&serde_json::to_vec(&header).unwrap()).unwrap();
    out.start_file("vergadering.json", options).unwrap();
    out.write_all(&manifest).unwrap();
    for (uid, bytes) in files {
        out.start_file(format!("bijlagen/{uid}"), options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

fn refused(s: &mut Setup, path: &Path) -> bestuursmap_core::CoreError {
    let before = s.laptop.meetings().unwrap().len();
    let err = s.laptop.import_bundle(path).unwrap_err();
    assert_eq!(s.laptop.meetings().unwrap().len(), before, "nothing imported");
    err
}

#[test]
fn the_resigned_bundle_itself_imports() {
    let mut s = setup();
    let path = s.dir.path().join("opnieuw.bmbundel");
    resign(&s.good, &path, &s.trusted.clone(), |_| {}, None);
    s.laptop.import_bundle(&path).unwrap();
    assert_eq!(s.laptop.meetings().unwrap().len(), 1);
}

#[test]
fn an_untrusted_signer_is_refused_before_any_attachment_is_unpacked() {
    let mut s = setup();
    let stranger = SigningKey::from_bytes(&[9u8; 32]);
    // 10 attachments of 10 MB of zeros each (compressed to a few KB), with wrong checksums:
    // refused on the signer, so they are never unpacked (else the message would be about them).
    let zeros = vec![0u8; 10 * 1024 * 1024];
    let uids: Vec<String> = (0..10).map(|i| format!("{i:032x}")).collect();
    let path = s.dir.path().join("vreemd.bmbundel");
    let files: Vec<(String, &[u8])> = uids.iter().map(|uid| (uid.clone(), zeros.as_slice())).collect();
    resign(
        &s.good,
        &path,
        &stranger,
        |m| {
            let item = &mut m["items"][0];
            let template = item["attachments"][0].clone();
            item["attachments"] = uids
                .iter()
                .map(|uid| {
                    let mut a = template.clone();
                    a["uid"] = uid.clone().into();
                    a["size_bytes"] = (10u64 * 1024 * 1024).into();
                    a["sha256"] = "0".repeat(64).into(); // wrong on purpose
                    a
                })
                .collect();
        },
        Some(files),
    );
    let err = refused(&mut s, &path);
    assert_eq!(err.code(), "bundle_untrusted", "{err}");
}

#[test]
fn a_manifest_declaring_more_than_the_unpacked_limit_is_refused() {
    let mut s = setup();
    let path = s.dir.path().join("groot.bmbundel");
    let count = (MAX_UNPACKED_BYTES / (100 * 1024 * 1024) + 1) as usize;
    let uids: Vec<String> = (0..count).map(|i| format!("{i:032x}")).collect();
    let files = uids.iter().map(|u| (u.clone(), b"%PDF-1.4".as_slice())).collect();
    resign(
        &s.good,
        &path,
        &s.trusted.clone(),
        |m| {
            let item = &mut m["items"][0];
            let template = item["attachments"][0].clone();
            item["attachments"] = uids
                .iter()
                .map(|uid| {
                    let mut a = template.clone();
                    a["uid"] = uid.clone().into();
                    a["size_bytes"] = (100u64 * 1024 * 1024).into();
                    a
                })
                .collect();
        },
        Some(files),
    );
    let err = refused(&mut s, &path);
    assert!(err.to_string().contains("samen meer dan"), "{err}");
}

#[test]
fn a_trusted_bundle_with_bad_codes_or_control_characters_is_refused_for_what_it_is() {
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        ("soort", Box::new(|m| m["items"][0]["kind"] = "onzin".into()), "onbekende soort «onzin»"),
        ("nul", Box::new(|m| m["items"][0]["title"] = "Begroting\u{0}2021".into()), "stuurteken (U+0000)"),
        ("bel", Box::new(|m| m["meeting"]["title"] = "AB\u{7}".into()), "stuurteken (U+0007)"),
        ("status", Box::new(|m| m["meeting"]["status"] = "weg".into()), "onbekende status"),
        (
            "naam",
            Box::new(|m| {
                let item =
                    m["items"].as_array_mut().unwrap().iter_mut().find(|i| i["attachments"][0].is_object()).unwrap();
                item["attachments"][0]["file_name"] = "regel\nbreuk.pdf".into();
            }),
            "bijlagenaam",
        ),
    ];
    let mut s = setup();
    for (name, edit, expected) in cases {
        let path = s.dir.path().join(format!("{name}.bmbundel"));
        resign(&s.good, &path, &s.trusted.clone(), edit, None);
        let err = refused(&mut s, &path);
        assert_eq!(err.code(), "bundle_refused", "{name}: {err}");
        assert!(err.to_string().contains(expected), "{name}: {err}");
        assert!(!err.to_string().contains("bestaat hier al"), "{name}: {err}");
    }
}

#[test]
fn bytes_before_or_after_the_signed_archive_are_refused() {
    let mut s = setup();
    let good = std::fs::read(&s.good).unwrap();
    for (name, bytes) in [
        ("ervoor", [b"MZ-voorloper".as_slice(), &good].concat()),
        ("erachter", [good.as_slice(), b"aangeplakt"].concat()),
    ] {
        let path = s.dir.path().join(format!("{name}.bmbundel"));
        std::fs::write(&path, bytes).unwrap();
        let err = refused(&mut s, &path);
        assert!(err.to_string().contains("meer dan de ondertekende bundel"), "{name}: {err}");
    }
}

//! The PDF corpus (tests/corpus, made by make.sh from LibreOffice, Ghostscript, qpdf, img2pdf and
//! hand-written files; damaged xref, no startxref, broken /Info, incremental update, owner and
//! user passwords, forms, annotations, outlines, an embedded file, ASCII85/LZW, CCITT). Every file
//! qpdf can open is merged into the pack page for page and its text is searchable; the others get
//! a placeholder page with a Dutch reason.

use bestuursmap_core::{demo, Store};
use bestuursmap_export::pack::{write_pack, PackOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Entry {
    name: String,
    pages: u32,
    word: Option<String>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn manifest() -> Vec<Entry> {
    std::fs::read_to_string(dir().join("manifest.tsv"))
        .unwrap()
        .lines()
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            Entry {
                name: cols[0].to_string(),
                pages: cols[1].parse().unwrap(),
                word: (cols[2] != "-" && cols[2] != "placeholder").then(|| cols[2].to_string()),
            }
        })
        .collect()
}

fn qpdf_opens(path: &Path) -> bool {
    let out = tempfile::NamedTempFile::new().unwrap();
    let status = Command::new("qpdf").arg(path).arg(out.path()).output().expect("qpdf is installed");
    // 0 = fine, 3 = warnings (repaired); 2 = cannot open.
    matches!(status.status.code(), Some(0 | 3))
}

#[test]
fn every_pdf_qpdf_opens_is_read_page_for_page_with_its_text() {
    let entries = manifest();
    assert!(entries.len() >= 20);
    let mut repaired = Vec::new();
    for entry in &entries {
        let path = dir().join(&entry.name);
        let content = std::fs::read(&path).unwrap();
        let opens = qpdf_opens(&path);
        assert_eq!(opens, entry.pages > 0, "{}: manifest and qpdf disagree", entry.name);
        let count = bestuursmap_export::inspect::pdf_page_count(&content);
        if !opens {
            let err = count.unwrap_err().to_string();
            assert!(err.starts_with("de PDF is"), "{}: {err}", entry.name);
            continue;
        }
        assert_eq!(count, Ok(entry.pages), "{}", entry.name);
        let lopdf_alone = match lopdf::Document::load_mem(&content) {
            Ok(doc) => !doc.is_encrypted(),
            Err(_) => false,
        };
        if !lopdf_alone {
            repaired.push(entry.name.as_str());
        }
        if let Some(word) = &entry.word {
            let pages = bestuursmap_export::text::page_texts(&entry.name, &content).unwrap_or_default();
            assert_eq!(pages.len() as u32, entry.pages, "{}", entry.name);
            assert!(pages.iter().any(|p| p.contains(word.as_str())), "{}: {pages:?}", entry.name);
        }
    }
    // The repair path is really exercised: lopdf alone fails on these («invalid file trailer»).
    for name in ["trailing-garbage.pdf", "wrong-startxref.pdf", "no-startxref.pdf"] {
        assert!(repaired.contains(&name), "{name} opened without repair; repaired: {repaired:?}");
    }
}

#[test]
fn the_pack_merges_every_readable_pdf_and_explains_the_rest_in_dutch() {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    let ab = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.title == "Algemeen Bestuur DG&J" && m.starts_at.to_string().starts_with("2020-11-12"))
        .unwrap()
        .id;
    let item = store.meeting(ab).unwrap().items.into_iter().find(|i| i.title == "Rondvraag").unwrap().id;
    let options = PackOptions {
        reader: None,
        draft: false,
        with_notes: false,
        made_at: chrono::NaiveDate::from_ymd_opt(2020, 11, 5).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    };
    let tmp = tempfile::tempdir().unwrap();
    let before = write_pack(&store, ab, &options, &tmp.path().join("voor.pdf"), &mut |_| {}).unwrap();
    let entries = manifest();
    for entry in &entries {
        let content = std::fs::read(dir().join(&entry.name)).unwrap();
        store.add_attachment(item, &entry.name, &content, None).unwrap();
    }
    let out = tmp.path().join("pack.pdf");
    let report = write_pack(&store, ab, &options, &out, &mut |_| {}).unwrap();
    let readable: Vec<&Entry> = entries.iter().filter(|e| e.pages > 0).collect();
    assert_eq!(report.attachments_merged - before.attachments_merged, readable.len(), "{:?}", report.warnings);
    let refused: Vec<&String> = report.warnings.iter().filter(|w| !before.warnings.contains(w)).collect();
    assert_eq!(refused.len(), entries.len() - readable.len(), "{refused:?}");
    assert!(refused.iter().any(|w| w.contains("user-password.pdf") && w.contains("versleuteld met een wachtwoord")));
    assert!(refused.iter().any(|w| w.contains("no-trailer.pdf") && w.contains("beschadigd of onleesbaar")));
    for warning in &refused {
        for english in ["invalid", "trailer dictionary", "error", "xref", "Password"] {
            assert!(!warning.contains(english), "English library text in {warning}");
        }
    }
    let pages = |p: &Path| -> u32 {
        let out = Command::new("qpdf").arg("--show-npages").arg(p).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    };
    let added: u32 = readable.iter().map(|e| e.pages).sum();
    assert!(pages(&out) >= pages(&tmp.path().join("voor.pdf")) + added);
    let check = Command::new("qpdf").arg("--check").arg(&out).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let text = Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for word in ["Jaarverslag met ASCII85 en LZW", "Aanvraagformulier subsidie", "wachtlijst voor jeugdhulp"] {
        assert!(text.contains(word), "{word} missing from the pack");
    }
    assert!(text.contains("Reden: 'user-password.pdf' is versleuteld"));
}

/// The app's own text-layer reader gives the same words in the same order as `pdftotext` on every
/// readable PDF of both corpora (many producers, CID and simple fonts, damaged files repaired by
/// qpdf first). `pdftotext` joins a word hyphenated at a line end; the letter parser does that
/// for the app, so here both sides are compared with such hyphens joined.
#[test]
fn the_text_layer_reads_the_same_lines_as_pdftotext() {
    let letters = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters");
    let mut files: Vec<PathBuf> =
        manifest().into_iter().filter(|e| e.word.is_some()).map(|e| dir().join(e.name)).collect();
    files.extend(
        std::fs::read_dir(&letters)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf")),
    );
    let lines = |text: &str| -> Vec<String> {
        let mut joined = String::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match joined.strip_suffix('-') {
                Some(stem) if line.starts_with(char::is_lowercase) => joined = stem.to_string(),
                _ if !joined.is_empty() => joined.push(' '),
                _ => {}
            }
            joined.push_str(line);
        }
        joined.split_whitespace().map(str::to_string).collect()
    };
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ours = bestuursmap_export::text::page_texts(&name, &std::fs::read(path).unwrap()).unwrap();
        let repaired = tempfile::NamedTempFile::new().unwrap();
        Command::new("qpdf").arg(path).arg(repaired.path()).output().unwrap();
        let poppler = Command::new("pdftotext").arg(repaired.path()).arg("-").output().unwrap();
        let theirs: Vec<String> = String::from_utf8_lossy(&poppler.stdout).split('\u{c}').map(str::to_string).collect();
        for (page, text) in ours.iter().enumerate() {
            assert_eq!(lines(text), lines(&theirs[page]), "{name}, page {}", page + 1);
        }
    }
    assert!(files.len() >= 20, "{} PDFs", files.len());
}

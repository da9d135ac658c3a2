//! The nota van reactie of the demo procedure (2020, four municipalities) as PDF and DOCX,
//! checked with real tools: qpdf and pdftotext for the PDF, LibreOffice for the DOCX.

use bestuursmap_core::{demo, Store};
use bestuursmap_export::nota::{write_nota, NotaFormat};
use std::path::Path;
use std::process::Command;

fn demo_store() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    let id = store.procedures().unwrap()[0].id;
    (store, id)
}

fn made_at() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap().and_hms_opt(12, 0, 0).unwrap()
}

/// The text in drawing order (`-raw`) or reading order, whitespace normalised and hyphenation
/// at line ends undone.
fn pdftotext_mode(pdf: &Path, page: Option<usize>, raw: bool) -> String {
    let mut cmd = Command::new("pdftotext");
    if raw {
        cmd.arg("-raw");
    }
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap().replace("-\n", "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    pdftotext_mode(pdf, page, true)
}

fn page_count(pdf: &Path) -> usize {
    bestuursmap_export::inspect::pdf_page_count(&std::fs::read(pdf).unwrap()).unwrap() as usize
}

#[test]
fn the_pdf_has_the_letter_and_a_table_grouped_per_municipality_with_the_header_on_every_page() {
    let (store, id) = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("nota.pdf");
    write_nota(&store, id, NotaFormat::Pdf, made_at(), &pdf).unwrap();
    let check = Command::new("qpdf").arg("--check").arg(&pdf).output().expect("qpdf is installed");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    let all = pdftotext(&pdf, None);
    assert!(all.contains("met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd"));
    assert!(all.contains("Concept-nota van reactie zienswijzen"));
    // Alphabetical groups, each inbreng opening with the region's sentence.
    let order: Vec<usize> = ["Dordrecht", "Gorinchem", "Molenlanden", "Papendrecht"]
        .iter()
        .map(|m| all.find(&format!("{m} De gemeente geeft")).unwrap_or(usize::MAX))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1] && w[1] != usize::MAX), "{order:?}");
    // References rendered as the region writes them.
    assert!(all.contains("Zie onze reactie bij punt 1 van de zienswijze van de gemeente Dordrecht."));
    assert!(all.contains("U vindt onze reactie bij de punten 1 tot en met 4 hierboven."));

    // From the first table page on, every page repeats the header row.
    let pages = page_count(&pdf);
    let first_table_page =
        (1..=pages).find(|p| pdftotext(&pdf, Some(*p)).contains("Gemeente Inbreng Reactie")).unwrap();
    assert!(first_table_page > 1, "the letter comes first");
    for p in first_table_page..=pages {
        assert!(pdftotext(&pdf, Some(p)).contains("Gemeente Inbreng Reactie"), "header on page {p}");
    }
    assert!(pages - first_table_page >= 3, "the table spans several pages ({pages})");
    assert!(all.contains("Dordrecht (vervolg)"), "a group continued on a new page is named again");
}

#[test]
fn the_docx_is_a_real_word_table_that_libreoffice_opens() {
    let (store, id) = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("nota.docx");
    write_nota(&store, id, NotaFormat::Docx, made_at(), &docx).unwrap();

    // The document body holds a table whose first row repeats as header.
    let file = std::fs::File::open(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(
        xml.contains("<w:tbl>") && xml.contains("<w:tblHeader/>") && xml.contains(r#"<w:vMerge w:val="restart"/>"#)
    );

    // LibreOffice lays the document out (PDF: it opens and fills pages) and reads its text back
    // (plain text: independent of the fonts on the machine, which move line breaks in the PDF).
    let pdf = libreoffice_convert(&docx, "pdf", dir.path());
    let text = libreoffice_convert(&docx, "txt:Text (encoded):UTF8", dir.path());
    let text = std::fs::read_to_string(text).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Aanbiedingsbrief nota van reactie"));
    assert!(text.contains("Gemeente Inbreng Reactie"));
    assert!(text.contains("De Werkgroep Jeugd heeft de volgende overdenkingen aangeboden:"));
    assert!(text.contains("Zie onze reactie bij punt 1 van de zienswijze van de gemeente Dordrecht."));
    assert!(text.contains(
        "Deze nota van reactie wordt na behandeling in het Algemeen Bestuur toegestuurd aan de 10 gemeenten."
    ));
    assert!(page_count(&pdf) >= 8);
}

/// Converts `doc` with LibreOffice (headless, a private profile) and returns the new file.
fn libreoffice_convert(doc: &Path, to: &str, out_dir: &Path) -> std::path::PathBuf {
    let profile = out_dir.join("lo-profile");
    let out = Command::new("libreoffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out_dir)
        .arg(doc)
        .output()
        .expect("libreoffice (libreoffice-writer-nogui) is installed");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let extension = to.split(':').next().unwrap();
    let converted = out_dir.join(doc.file_stem().unwrap()).with_extension(extension);
    assert!(converted.exists(), "LibreOffice wrote no {extension}: {}", String::from_utf8_lossy(&out.stderr));
    converted
}

#[test]
fn an_export_to_a_missing_folder_fails_cleanly_and_an_existing_file_is_kept() {
    let (store, id) = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let err = write_nota(&store, id, NotaFormat::Pdf, made_at(), &dir.path().join("weg/nota.pdf")).unwrap_err();
    assert!(err.to_string().contains("niet schrijven"), "{err}");
    let out = dir.path().join("nota.json");
    std::fs::write(&out, "oud").unwrap();
    write_nota(&store, id, NotaFormat::Json, made_at(), &out).unwrap();
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["format"], "bestuursmap-zienswijzeprocedure");
    assert!(write_nota(&store, 999, NotaFormat::Pdf, made_at(), &out).is_err());
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'), "a failed export leaves the old file");
}

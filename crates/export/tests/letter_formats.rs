//! The letter formats beyond .txt/.docx/.pdf, on files written here: OpenDocument (.odt, .fodt),
//! RTF, HTML, and what cannot be read (Word 97–2003, a password) refused in Dutch. Each format: its
//! numbering, a damaged or hostile file refused without a panic, and its size and depth bounds.

use crate::util::zip_with;
use bestuursmap_export::text::{check_document, extract_text, TextError};
use std::time::{Duration, Instant};

const ODF: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#;
const ODT_MIME: &[u8] = b"application/vnd.oasis.opendocument.text";

/// An .odt with these list styles (in styles.xml) and this body.
fn odt(list_styles: &str, body: &str) -> Vec<u8> {
    let content = format!(
        "<office:document-content {ODF}><office:automatic-styles>\
         <style:style style:name=\"PL\" style:family=\"paragraph\" style:list-style-name=\"Punten\"/>\
         </office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    let styles =
        format!("<office:document-styles {ODF}><office:styles>{list_styles}</office:styles></office:document-styles>");
    zip_with(&[("mimetype", ODT_MIME), ("content.xml", content.as_bytes()), ("styles.xml", styles.as_bytes())])
}

fn number(level: u8, format: &str, prefix: &str, suffix: &str, display: u8) -> String {
    format!(
        "<text:list-level-style-number text:level=\"{level}\" style:num-format=\"{format}\" style:num-prefix=\"{prefix}\" \
         style:num-suffix=\"{suffix}\" text:display-levels=\"{display}\"/>"
    )
}

fn item(text: &str, nested: &str) -> String {
    format!("<text:list-item><text:p>{text}</text:p>{nested}</text:list-item>")
}

#[test]
fn opendocument_numbering_is_shown_as_labels() {
    // «1.», «1.1» (display-levels 2), «(A)», «i.», bullets; a list header is not numbered; a
    // nested list without a style takes its outer list's; start-value restarts.
    let styles = format!(
        "<text:list-style style:name=\"Punten\">{}{}{}{}<text:list-level-style-bullet text:level=\"5\" text:bullet-char=\"–\"/></text:list-style>",
        number(1, "1", "", ".", 1),
        number(2, "1", "", "", 2),
        number(3, "A", "(", ")", 1),
        number(4, "i", "", ".", 1),
    );
    let deep = format!(
        "<text:list>{}</text:list>",
        item(
            "Drie",
            &format!(
                "<text:list>{}{}</text:list>",
                item(
                    "A",
                    &format!(
                        "<text:list>{}</text:list>",
                        item("Romeins", &format!("<text:list>{}</text:list>", item("Streepje", "")))
                    )
                ),
                item("B", "")
            )
        )
    );
    let body = format!(
        "<text:list text:style-name=\"Punten\"><text:list-header><text:p>Kop zonder nummer</text:p></text:list-header>\
         {}{}</text:list><text:p>Tussentekst</text:p>\
         <text:list text:style-name=\"Punten\"><text:list-item text:start-value=\"5\"><text:p>Vijf</text:p></text:list-item>\
         <text:list-item><text:p>Zes</text:p><text:p>Tweede alinea van zes.</text:p></text:list-item></text:list>",
        item("Een", ""),
        item("Twee", &deep),
    );
    let text = extract_text("brief.odt", &odt(&styles, &body)).unwrap();
    assert_eq!(
        text,
        "Kop zonder nummer\n1.\tEen\n2.\tTwee\n2.1\tDrie\n(A)\tA\ni.\tRomeins\n• Streepje\n(B)\tB\nTussentekst\n\
         5.\tVijf\n6.\tZes\nTweede alinea van zes.\n"
    );
}

#[test]
fn opendocument_lists_continue_or_restart_as_libreoffice_shows_them() {
    let styles = format!("<text:list-style style:name=\"Punten\">{}</text:list-style>", number(1, "a", "", ")", 1));
    let body = format!(
        "<text:list xml:id=\"l1\" text:style-name=\"Punten\">{}</text:list><text:p>x</text:p>\
         <text:list text:style-name=\"Punten\">{}</text:list><text:p>x</text:p>\
         <text:list text:continue-numbering=\"true\" text:style-name=\"Punten\">{}</text:list><text:p>x</text:p>\
         <text:list text:continue-list=\"l1\">{}</text:list>",
        item("Een", ""),
        item("Nieuwe lijst", ""),
        item("Doorgenummerd", ""),
        // No style of its own: the paragraph style's list style (PL → Punten) applies.
        "<text:list-item><text:p text:style-name=\"PL\">Vervolg van de eerste</text:p></text:list-item>",
    );
    let text = extract_text("brief.odt", &odt(&styles, &body)).unwrap();
    assert_eq!(text, "a)\tEen\nx\na)\tNieuwe lijst\nx\nb)\tDoorgenummerd\nx\nb)\tVervolg van de eerste\n");
}

#[test]
fn opendocument_headings_tables_and_inline_marks() {
    let outline = "<text:outline-style style:name=\"Outline\">\
        <text:outline-level-style text:level=\"1\" style:num-format=\"I\" style:num-suffix=\".\"/>\
        <text:outline-level-style text:level=\"2\" style:num-format=\"1\" text:display-levels=\"2\"/></text:outline-style>";
    let body = "<text:h text:outline-level=\"1\">Procedure</text:h><text:h text:outline-level=\"2\">Termijn</text:h>\
        <text:h text:outline-level=\"2\">Stukken</text:h><text:h text:outline-level=\"1\">Inhoud</text:h>\
        <text:h text:outline-level=\"2\">Geld</text:h>\
        <text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d &amp; &#8364;<text:soft-page-break/> e</text:p>\
        <table:table><table:table-row><table:table-cell><text:p>1.</text:p></table:table-cell>\
        <table:table-cell><text:p>Eerste punt</text:p><text:p>in een tabel.</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:covered-table-cell/><table:table-cell/></table:table-row></table:table>";
    let text = extract_text("brief.odt", &odt(outline, body)).unwrap();
    assert_eq!(
        text,
        "I.\tProcedure\nI.1\tTermijn\nI.2\tStukken\nII.\tInhoud\nII.1\tGeld\na   b\tc\nd & € e\n1.\tEerste punt in een tabel.\n\n"
    );
}

#[test]
fn a_flat_opendocument_file_is_read_too() {
    let fodt = format!(
        "<?xml version=\"1.0\"?><office:document {ODF} office:mimetype=\"application/vnd.oasis.opendocument.text\">\
         <office:styles><text:list-style style:name=\"L\">{}</text:list-style></office:styles>\
         <office:master-styles><style:master-page><style:header><text:p>Koptekst</text:p></style:header></style:master-page></office:master-styles>\
         <office:body><office:text><text:list text:style-name=\"L\">{}{}</text:list></office:text></office:body></office:document>",
        number(1, "1", "", ".", 1),
        item("Een", ""),
        item("Twee", "")
    );
    assert_eq!(extract_text("brief.fodt", fodt.as_bytes()).unwrap(), "1.\tEen\n2.\tTwee\n");
    // Recognised by its content under another name as well.
    assert_eq!(extract_text("brief.xml", fodt.as_bytes()).unwrap(), "1.\tEen\n2.\tTwee\n");
}

#[test]
fn word_and_opendocument_are_told_apart_by_content_not_name() {
    let word = zip_with(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Uit Word</w:t></w:r></w:p></w:body></w:document>",
    )]);
    let open = odt("", "<text:p>Uit LibreOffice</text:p>");
    assert_eq!(extract_text("brief.odt", &word).unwrap(), "Uit Word\n");
    assert_eq!(extract_text("brief.docx", &open).unwrap(), "Uit LibreOffice\n");
    assert!(check_document("bijlage.docx", &open).is_ok() && check_document("bijlage.odt", &word).is_ok());
    // A spreadsheet is an OpenDocument too, but not a letter.
    let sheet = zip_with(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]);
    let err = extract_text("brief.odt", &sheet).unwrap_err();
    assert!(matches!(err, TextError::Unsupported(_)), "{err}");
    assert!(check_document("bijlage.odt", &sheet).is_err());
}

#[test]
fn damaged_opendocument_files_are_refused_in_dutch() {
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("kapot.odt", b"geen zip".to_vec(), "geen leesbaar zip-archief"),
        ("leeg.odt", zip_with(&[("mimetype", ODT_MIME)]), "content.xml ontbreekt"),
        (
            "kapot.odt",
            zip_with(&[("mimetype", ODT_MIME), ("content.xml", b"<office:document-content><office:body><text:p>")]),
            "afgebroken",
        ),
        ("kapot.odt", zip_with(&[("mimetype", ODT_MIME), ("content.xml", b"<a></b>")]), "geen geldige XML"),
    ];
    for (name, bytes, says) in cases {
        let err = extract_text(name, &bytes).unwrap_err();
        assert!(matches!(err, TextError::BadOdt(..)), "{name}: {err}");
        assert!(err.to_string().contains(says) && err.to_string().contains("OpenDocument"), "{err}");
        assert!(check_document(name, &bytes).is_err());
    }
}

#[test]
fn opendocument_bounds_hold() {
    // A zip bomb: 80 MB of spaces in content.xml is refused at the 64 MB bound while unpacking.
    let big = vec![b' '; 80 * 1024 * 1024];
    let bomb = zip_with(&[("mimetype", ODT_MIME), ("content.xml", &big)]);
    drop(big);
    let err = extract_text("bom.odt", &bomb).unwrap_err();
    assert!(err.to_string().contains("groter dan 64 MB"), "{err}");
    // 100,000 nested lists: no recursion, numbered at the tenth level, done quickly.
    let levels: String = (1..=10).map(|l| number(l, "1", "", if l == 10 { "." } else { "" }, l)).collect();
    let styles = format!("<text:list-style style:name=\"P\">{levels}</text:list-style>");
    let depth = 100_000;
    let body = format!(
        "<text:list text:style-name=\"P\">{}<text:list-item><text:p>Diep</text:p></text:list-item>{}</text:list>",
        "<text:list-item><text:list>".repeat(depth),
        "</text:list></text:list-item>".repeat(depth)
    );
    let started = Instant::now();
    let text = extract_text("diep.odt", &odt(&styles, &body)).unwrap();
    assert_eq!(text, "1.1.1.1.1.1.1.1.1.1.\tDiep\n");
    assert!(started.elapsed() < Duration::from_secs(20));
    // A hostile run of spaces and start value stay small.
    let styles = format!("<text:list-style style:name=\"P\">{}</text:list-style>", number(1, "a", "", ".", 1));
    let body = "<text:list text:style-name=\"P\"><text:list-item text:start-value=\"4000000000\">\
        <text:p>x<text:s text:c=\"4000000000\"/>y</text:p></text:list-item></text:list>";
    let text = extract_text("vijandig.odt", &odt(&styles, body)).unwrap();
    assert_eq!(text, format!("4000000000.\tx{}y\n", " ".repeat(100)));
}

/// The signature and directory entry names of an OLE compound file (what Word 97–2003 and a
/// password-protected Office file are), without the rest.
fn ole_with_stream(stream: &str) -> Vec<u8> {
    let mut out = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    out.resize(512, 0);
    out.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
    out.resize(1536, 0);
    out
}

#[test]
fn word_97_is_refused_with_what_to_do_under_any_name() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters/refused");
    let doc = std::fs::read(dir.join("papendrecht-word97.doc")).unwrap();
    assert!(doc.starts_with(b"\xD0\xCF\x11\xE0"), "LibreOffice wrote a real Word 97 file");
    // As .doc, renamed .docx (no zip error in English), or with any other name.
    for name in ["brief.doc", "brief.docx", "brief.DOCX", "brief.odt", "brief", "brief.txt"] {
        let err = extract_text(name, &doc).unwrap_err();
        assert!(matches!(err, TextError::LegacyWord(_)), "{name}: {err}");
        let message = err.to_string();
        assert!(message.contains("ouder Word-document (.doc)"), "{message}");
        assert!(
            message.contains("Sla de brief in Word op als .docx of PDF (Bestand > Opslaan als) en probeer opnieuw.")
        );
    }
    assert!(matches!(check_document("bijlage.docx", &doc), Err(TextError::LegacyWord(_))));
    // A .doc is still a fine attachment: only .docx and .odt are checked.
    assert!(check_document("bijlage.doc", &doc).is_ok());
    // A .doc that is not an OLE file at all gets the same advice.
    assert!(matches!(extract_text("brief.doc", b"iets anders"), Err(TextError::LegacyWord(_))));
}

#[test]
fn a_password_and_unknown_formats_are_refused_in_dutch() {
    let encrypted = ole_with_stream("EncryptedPackage");
    let err = extract_text("brief.docx", &encrypted).unwrap_err();
    assert!(matches!(err, TextError::Encrypted(_)), "{err}");
    assert!(err.to_string().contains("wachtwoord"), "{err}");
    assert!(matches!(extract_text("brief.doc", &ole_with_stream("WordDocument")), Err(TextError::LegacyWord(_))));
    // An Outlook message or Excel file (OLE, no Word stream) under its own name: not supported.
    let err = extract_text("bericht.msg", &ole_with_stream("__substg1.0_0037001F")).unwrap_err();
    assert!(matches!(err, TextError::Unsupported(_)), "{err}");
    for (name, bytes) in
        [("brief.pages", &b"PK\x03\x04kapot"[..]), ("brief.wpd", b"\xffWPC"), ("scan.png", b"\x89PNG\r\n")]
    {
        let err = extract_text(name, bytes).unwrap_err();
        assert!(matches!(err, TextError::Unsupported(_)), "{name}: {err}");
        assert!(err.to_string().contains("wordt niet ondersteund") && err.to_string().contains(".odt"), "{err}");
    }
    // A PDF under another name is read as the PDF it is.
    let pdf = bestuursmap_export::large_demo::attachment_pdf("Brief", 1, &["Geacht bestuur.".to_string()]);
    assert!(extract_text("brief.docx", &pdf).unwrap().contains("Geacht bestuur."));
}

#[test]
fn damaged_and_hostile_rtf_is_refused_or_bounded() {
    // Named .rtf but not RTF; RTF holding binary junk.
    let err = extract_text("brief.rtf", b"Dit is geen RTF").unwrap_err();
    assert!(matches!(err, TextError::BadRtf(..)), "{err}");
    assert!(err.to_string().contains("geen RTF"), "{err}");
    let mut junk = b"{\\rtf1 ".to_vec();
    junk.extend((0..2000u32).map(|i| (i % 31) as u8));
    junk.push(b'}');
    let err = extract_text("brief.rtf", &junk).unwrap_err();
    assert!(matches!(err, TextError::BadRtf(..)) && err.to_string().contains("leesbare tekst"), "{err}");
    // Recognised by content under another name (a mail system's «bericht.doc»).
    assert_eq!(extract_text("bericht.doc", b"{\\rtf1\\ansi Punt\\par}").unwrap(), "Punt\n");
    // 100,000 nested groups and 100,000 skipped destinations: bounded, quick, no recursion.
    let started = Instant::now();
    let deep = format!("{{\\rtf1 {}Diep{}}}", "{".repeat(100_000), "}".repeat(100_000));
    assert_eq!(extract_text("diep.rtf", deep.as_bytes()).unwrap(), "Diep");
    let skipped = format!("{{\\rtf1 {}Na{}}}", "{\\*\\x ".repeat(100_000), "}".repeat(100_000));
    assert_eq!(extract_text("diep.rtf", skipped.as_bytes()).unwrap_err().to_string(), "'diep.rtf' bevat geen tekst.");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn html_is_recognised_bounded_and_junk_refused() {
    // A page without an extension, recognised by its doctype; a web page Word saved as «.doc».
    let page = b"<!DOCTYPE html><html><body><ol type=a><li>Eerste</li></ol></body></html>";
    assert_eq!(extract_text("brief", page).unwrap(), "a.\tEerste\n");
    assert_eq!(extract_text("brief.doc", page).unwrap(), "a.\tEerste\n");
    // Binary junk named .html, and a page with nothing but script and style.
    let junk: Vec<u8> = (0..4000u32).map(|i| (i % 29) as u8).collect();
    assert!(matches!(extract_text("brief.html", &junk), Err(TextError::NotText(_))));
    let err =
        extract_text("brief.htm", b"<html><head><style>p{}</style></head><script>x()</script></html>").unwrap_err();
    assert!(matches!(err, TextError::Empty(_)), "{err}");
    // 100,000 nested lists, a million «<» and an unclosed tag of 10 MB: linear, no recursion.
    let started = Instant::now();
    let deep = format!("<html>{}<li>Diep{}", "<ol>".repeat(100_000), "</ol>".repeat(100_000));
    assert_eq!(extract_text("diep.html", deep.as_bytes()).unwrap(), "1.\tDiep\n");
    let lts = format!("<html>{}", "< ".repeat(1_000_000));
    assert!(extract_text("veel.html", lts.as_bytes()).unwrap().starts_with("< < <"));
    let open = format!("<html><p>Tekst<a href=\"{}", "x".repeat(10 * 1024 * 1024));
    assert_eq!(extract_text("open.html", open.as_bytes()).unwrap(), "Tekst\n");
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Damaged copies of the corpus letters (bytes flipped, cut short, braces and tags inserted;
/// for .odt inside content.xml, so the zip stays readable): every reader answers, text or a
/// Dutch error, and never panics. Deterministic, so a failure can be replayed.
#[test]
fn damaged_copies_of_every_letter_format_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters");
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.extend(std::fs::read_dir(dir.join("encodings")).unwrap().map(|e| e.unwrap().path()));
    files.retain(|p| p.extension().is_some_and(|e| ["odt", "rtf", "html", "txt"].contains(&e.to_str().unwrap())));
    files.sort();
    let mut tried = 0;
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let original = std::fs::read(&path).unwrap();
        // For an .odt the damage goes into content.xml.
        let (body, styles) = if name.ends_with(".odt") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&original)).unwrap();
            let mut read = |part: &str| {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut zip.by_name(part).unwrap(), &mut out).unwrap();
                out
            };
            (read("content.xml"), Some(read("styles.xml")))
        } else {
            (original, None)
        };
        for round in 0..40 {
            let mut bytes = body.clone();
            let len = bytes.len() as u64;
            match round % 4 {
                0 => bytes.truncate((next() % len) as usize),
                1 => {
                    for _ in 0..8 {
                        let i = (next() % len) as usize;
                        bytes[i] = next() as u8;
                    }
                }
                2 => {
                    let i = (next() % len) as usize;
                    let junk: &[u8] = [&b"{{{\\*"[..], b"}}}", b"<ol><li", b"</text:list>", b"\\'", b"&#x", b"\\u-"]
                        [(next() % 7) as usize];
                    bytes.splice(i..i, junk.iter().copied());
                }
                _ => {
                    let (a, b) = ((next() % len) as usize, (next() % len) as usize);
                    let (a, b) = (a.min(b), a.max(b));
                    bytes.drain(a..b.min(a + 200));
                }
            }
            let bytes = match &styles {
                Some(styles) => zip_with(&[("mimetype", ODT_MIME), ("content.xml", &bytes), ("styles.xml", styles)]),
                None => bytes,
            };
            match extract_text(&name, &bytes) {
                Ok(text) => assert!(!text.trim().is_empty()),
                Err(e) => assert!(e.to_string().contains(&name), "{e}"),
            }
            tried += 1;
        }
    }
    assert!(tried >= 40 * 20, "{tried} damaged letters");
}

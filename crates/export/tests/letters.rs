//! Council letters written in Word with its automatic numbering: the list numbers are not in the
//! text but in numbering.xml and the paragraph styles. The .docx letters of the corpus
//! (crates/core/tests/letters, some round-tripped through LibreOffice) must parse to their trees.

use crate::util::zip_with;
use bestuursmap_core::zienswijzen::parse::{parse_letter, ParsedPoint};
use bestuursmap_export::text::{extract_text, TextError};
use serde_json::Value;
use std::path::Path;

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tree(points: &[ParsedPoint]) -> Value {
    points
        .iter()
        .map(|p| serde_json::json!({"label": p.label, "text": normalise(&p.text), "children": tree(&p.children)}))
        .collect()
}

fn expected_tree(points: &Value) -> Value {
    points
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            serde_json::json!({"label": p["label"], "text": normalise(p["text"].as_str().unwrap()),
                               "children": expected_tree(&p["children"])})
        })
        .collect()
}

/// Reads every letter of the corpus with extension `ext` the way the app and the CLI do
/// (`extract_text`), parses it and compares it with its expected tree. Returns how many it read.
fn letters_parse_to_their_trees(ext: &str) -> usize {
    letters_in("", ext)
}

/// As `letters_parse_to_their_trees`, for the letters in a folder of the corpus.
fn letters_in(folder: &str, ext: &str) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters").join(folder);
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != ext) {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap();
        let text = extract_text(&format!("{name}.{ext}"), &std::fs::read(&path).unwrap()).unwrap();
        let letter = parse_letter(&text);
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.expected.json"))).unwrap()).unwrap();
        let sections = expected["sections"].as_array().unwrap();
        assert_eq!(letter.sections.len(), sections.len(), "{name}: {text}");
        for (section, want) in letter.sections.iter().zip(sections) {
            assert_eq!(section.heading.as_deref().map(normalise), want["heading"].as_str().map(normalise), "{name}");
            assert_eq!(tree(&section.points), expected_tree(&want["points"]), "{name}:\n{text}");
        }
        let intro = normalise(letter.intro.as_deref().unwrap_or_default());
        assert!(intro.ends_with(&normalise(expected["intro"].as_str().unwrap())), "{name}: {intro}");
        seen += 1;
    }
    seen
}

#[test]
fn word_letters_with_automatic_numbering_parse_to_their_trees() {
    let seen = letters_parse_to_their_trees("docx");
    assert!(seen >= 6, "{seen} Word letters");
}

/// OpenDocument letters: Word letters saved as .odt by LibreOffice (decimal 2.1 sub-points, Roman
/// section headings, numbering that runs on across headings), a typed letter saved as .odt, and
/// one written by hand with outline-numbered headings, «(1)» labels, bullets inside a point,
/// text:continue-numbering, text:continue-list, a restart by start-value, a table, a text box, a
/// footnote, a comment and a tracked deletion. make.py checked every expected label against
/// LibreOffice's own text export of the file.
#[test]
fn opendocument_letters_parse_to_their_trees() {
    let seen = letters_parse_to_their_trees("odt");
    assert!(seen >= 5, "{seen} OpenDocument letters");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters");
    let text = extract_text("brief.odt", &std::fs::read(dir.join("sliedrecht-odt-handgemaakt.odt")).unwrap()).unwrap();
    assert!(text.contains("Onderwerp:\tZienswijze begrotings wijziging 2021\n"), "a table row is a line: {text}");
    assert!(text.contains("Gemeente Sliedrecht\n"), "the text box is read: {text}");
    for gone in ["Artikel 35", "Nog nakijken", "geschrapt", "termijn1"] {
        assert!(!text.contains(gone), "{gone} is not letter text: {text}");
    }
    assert!(
        text.contains("I.\tProcedure\n(1)\tDe termijn van") && text.contains("\n• de hoogte van het tekort;\n"),
        "{text}"
    );
}

/// RTF letters as LibreOffice saves them from Word and OpenDocument letters: the labels come
/// from {\listtext …} (make.py checked they are the ones the author saw), «€» from the code page.
#[test]
fn rtf_letters_parse_to_their_trees() {
    let seen = letters_parse_to_their_trees("rtf");
    assert!(seen >= 4, "{seen} RTF letters");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters");
    let rtf = std::fs::read(dir.join("papendrecht-rtf-decimaal.rtf")).unwrap();
    assert!(rtf.windows(10).any(|w| w == b"{\\listtext"), "the fixture has Word's list labels");
    let text = extract_text("brief.rtf", &rtf).unwrap();
    assert!(text.contains("2.\tFinanciën: € 5,0 miljoen\n2.1\t") && text.contains("\na)\teen reserve;"), "{text}");
    for gone in ["Times New Roman", "Normal;", "Sectiekop"] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }
}

/// HTML letters: Word letters saved as HTML by LibreOffice (nested <ol>, type="I" with start
/// and value) and a mail client's Windows-1252 HTML with Word's list labels in the text.
#[test]
fn html_letters_parse_to_their_trees() {
    let seen = letters_parse_to_their_trees("html");
    assert!(seen >= 3, "{seen} HTML letters");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters");
    let mail = std::fs::read(dir.join("zwijndrecht-html-mail.html")).unwrap();
    assert!(std::str::from_utf8(&mail).is_err(), "the fixture is really Windows-1252");
    let text = extract_text("brief.htm", &mail).unwrap();
    assert!(text.contains("€ 5,0 miljoen op de ‘boeggolf’") && text.contains("\na.\tDe begrotings"), "{text}");
    for gone in ["MsoNormal", "font-family", "supportLists", "<o:p>", "Zienswijze\n"] {
        assert!(!text.contains(gone), "{gone}: {text}");
    }
}

/// The PDF letters themselves (printed from Word by LibreOffice: running header, «Pagina n van
/// m», hyphenation), read through the app's own text-layer reader rather than `pdftotext`.
#[test]
fn pdf_letters_read_by_the_app_parse_to_their_trees() {
    let seen = letters_parse_to_their_trees("pdf");
    assert!(seen >= 5, "{seen} PDF letters");
}

/// Plain-text letters in Windows-1252 (Notepad's «ANSI», CRLF) and UTF-16 with a byte-order mark
/// (Notepad's «Unicode», little and big endian): «financiën», «€» and curly quotes come through.
#[test]
fn text_letters_in_other_encodings_parse_to_their_trees() {
    let seen = letters_in("encodings", "txt");
    assert!(seen >= 3, "{seen} encoded letters");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/letters/encodings");
    let ansi = std::fs::read(dir.join("papendrecht-ansi.txt")).unwrap();
    assert!(std::str::from_utf8(&ansi).is_err() && ansi.contains(&0x80), "the fixture is really Windows-1252");
    let text = extract_text("papendrecht-ansi.txt", &ansi).unwrap();
    assert!(text.contains("Financiën: “Wij stemmen") && text.contains("€ 5,0 miljoen op de ‘boeggolf’"), "{text}");
    assert!(!text.contains('\r'));
    let unicode = std::fs::read(dir.join("zwijndrecht-unicode.txt")).unwrap();
    assert!(unicode.starts_with(&[0xff, 0xfe]), "the fixture is really UTF-16 LE with its mark");
    assert!(extract_text("zwijndrecht-unicode.txt", &unicode).unwrap().contains("FINANCIËN\n"));
}

#[test]
fn a_zip_bomb_and_a_plain_zip_are_refused_in_dutch() {
    // 80 MB of spaces compresses to well under a megabyte; reading stops at the 64 MB bound.
    let big = vec![b' '; 80 * 1024 * 1024];
    let bomb = zip_with(&[("word/document.xml", &big)]);
    drop(big);
    assert!(bomb.len() < 1024 * 1024);
    let err = extract_text("brief.docx", &bomb).unwrap_err();
    assert!(matches!(err, TextError::BadDocx(..)));
    assert!(err.to_string().contains("groter dan 64 MB"), "{err}");
    let plain = zip_with(&[("notities.txt", b"geen Word")]);
    let err = extract_text("brief.docx", &plain).unwrap_err();
    assert!(err.to_string().contains("word/document.xml ontbreekt"), "{err}");
    assert!(bestuursmap_export::text::check_document("bijlage.docx", &plain).is_err());
    assert!(bestuursmap_export::text::check_document("bijlage.pdf", b"%PDF").is_ok());
}

#[test]
fn empty_letters_say_so() {
    assert!(matches!(extract_text("leeg.txt", b"  \n\r\n"), Err(TextError::Empty(_))));
    let empty_doc = zip_with(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p/></w:body></w:document>",
    )]);
    assert!(matches!(extract_text("leeg.docx", &empty_doc), Err(TextError::Empty(_))));
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/img2pdf-gray.pdf");
    let err = extract_text("scan.pdf", &std::fs::read(corpus).unwrap()).unwrap_err();
    assert!(matches!(err, TextError::NoTextLayer(_)), "{err}");
}

#[test]
fn a_hostile_numbering_start_does_not_blow_up() {
    let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let numbering = format!(
        "<w:numbering {ns}><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"4000000000\"/>\
         <w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    );
    let document = format!(
        "<w:document {ns}><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>\
         <w:r><w:t>Punt</w:t></w:r></w:p></w:body></w:document>"
    );
    let docx = zip_with(&[("word/document.xml", document.as_bytes()), ("word/numbering.xml", numbering.as_bytes())]);
    let text = extract_text("brief.docx", &docx).unwrap();
    assert_eq!(text, "4000000000.\tPunt\n");
}

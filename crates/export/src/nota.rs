//! The nota van reactie with its covering letter (aanbiedingsbrief), as PDF and as DOCX.
//!
//! Both follow the region's layout: the letter first, then a table Gemeente | Inbreng | Reactie
//! grouped per municipality in alphabetical order; each inbreng opens with «De gemeente geeft de
//! volgende zienswijze:», attached sections (overdenkingen) follow with their intro, sub-points
//! are indented, and replies render their references as the region writes them. The DOCX holds a
//! real Word table (header row repeated, municipality cells merged) so a secretary can finish it
//! in Word.

use crate::atomic::write_atomically;
use crate::pack::PackError;
use crate::pdf::layout::{lay_out_stable, Align, Block, CellParagraph, Column, LongRow, LongTable, Run, BLACK};
use crate::pdf::render::{render, Decoration};
use bestuursmap_core::domain::NotaStatus;
use bestuursmap_core::zienswijzen::{PointView, ProcedureDetail, ZienswijzeView};
use bestuursmap_core::{format, Store};
use chrono::NaiveDateTime;
use std::io::Write;
use std::path::Path;

/// What the nota holds, gathered once for both formats.
pub struct Nota {
    pub detail: ProcedureDetail,
    pub zienswijzen: Vec<ZienswijzeView>,
    pub letter: String,
}

impl Nota {
    pub fn gather(store: &Store, procedure_id: i64) -> Result<Nota, PackError> {
        let detail = store.procedure(procedure_id)?;
        let zienswijzen = detail.zienswijzen.iter().map(|z| store.zienswijze(z.id)).collect::<Result<Vec<_>, _>>()?;
        let letter = store.letter(procedure_id)?;
        Ok(Nota { detail, zienswijzen, letter })
    }

    /// «Concept-nota van reactie …» until the DB adopted it.
    pub fn title(&self) -> String {
        let prefix = if self.detail.summary.status == NotaStatus::Concept { "Concept-nota" } else { "Nota" };
        format!("{prefix} van reactie zienswijzen {}", self.detail.summary.title)
    }

    /// The rows of the table: (municipality, inbreng paragraphs, reactie paragraphs).
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for z in &self.zienswijzen {
            let group = z.municipality.clone();
            if let Some(intro) = &z.intro {
                rows.push(Row { group: group.clone(), inbreng: vec![Para::plain(intro)], reactie: Vec::new() });
            }
            for (i, section) in z.sections.iter().enumerate() {
                if i > 0 {
                    if let Some(intro) = &section.intro {
                        rows.push(Row { group: group.clone(), inbreng: vec![Para::bold(intro)], reactie: Vec::new() });
                    }
                }
                for point in &section.points {
                    rows.push(point_row(&group, point, 0));
                    for child in &point.children {
                        rows.push(point_row(&group, child, 1));
                    }
                }
            }
        }
        rows
    }
}

/// A paragraph of a cell: optional bold label, optional bold title, text; indent level.
#[derive(Clone, Debug, PartialEq)]
pub struct Para {
    pub label: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub bold: bool,
    pub level: u8,
}

impl Para {
    fn plain(text: &str) -> Para {
        Para { label: None, title: None, text: text.to_string(), bold: false, level: 0 }
    }
    fn bold(text: &str) -> Para {
        Para { bold: true, ..Para::plain(text) }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub group: String,
    pub inbreng: Vec<Para>,
    pub reactie: Vec<Para>,
}

fn point_label(p: &PointView) -> String {
    match p.label.as_deref() {
        Some(l) if l.ends_with('.') => l.to_string(),
        Some(l) => format!("{l}."),
        None if p.text.is_empty() => String::new(),
        None => "•".into(),
    }
}

fn point_row(group: &str, p: &PointView, level: u8) -> Row {
    let label = Some(point_label(p)).filter(|l| !l.is_empty() && (p.label.is_some() || level > 0));
    let inbreng = vec![Para { label: label.clone(), title: p.title.clone(), text: p.text.clone(), bold: false, level }];
    let mut reactie = Vec::new();
    if let Some(intro) = &p.reply_intro {
        reactie.push(Para { label: label.clone(), title: None, text: intro.clone(), bold: false, level });
    }
    for (i, seg) in p.segments.iter().enumerate() {
        let first = i == 0 && reactie.is_empty();
        reactie.push(Para {
            label: if first { label.clone() } else { None },
            title: None,
            text: seg.text.clone(),
            bold: false,
            level,
        });
    }
    if reactie.is_empty() && !p.children.is_empty() {
        // A parent answered through its sub-points keeps an empty header ("4.").
        reactie.push(Para { label, title: None, text: String::new(), bold: false, level });
    }
    Row { group: group.to_string(), inbreng, reactie }
}

/// The covering letter's plain-text form: "## " and "### " headings, "N. " list lines.
enum LetterLine<'a> {
    Heading(&'a str, u8),
    Paragraph(&'a str),
}

fn letter_lines(letter: &str) -> Vec<LetterLine<'_>> {
    letter
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            if let Some(h) = p.strip_prefix("### ") {
                LetterLine::Heading(h, 3)
            } else if let Some(h) = p.strip_prefix("## ") {
                LetterLine::Heading(h, 2)
            } else {
                LetterLine::Paragraph(p)
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// PDF

fn cell(paras: &[Para]) -> Vec<CellParagraph> {
    paras
        .iter()
        .map(|p| {
            let mut runs = Vec::new();
            if let Some(l) = &p.label {
                runs.push(Run::bold(format!("{l} ")));
            }
            if let Some(t) = &p.title {
                runs.push(Run::bold(format!("{t} ")));
            }
            runs.push(Run { text: p.text.clone(), bold: p.bold });
            CellParagraph::new(runs, p.level as f32 * 14.0)
        })
        .collect()
}

pub fn nota_pdf(store: &Store, procedure_id: i64, made_at: NaiveDateTime) -> Result<Vec<u8>, PackError> {
    let nota = Nota::gather(store, procedure_id)?;
    let d = &nota.detail;
    let mut blocks = vec![Block::RunningHeader("Aanbiedingsbrief".into())];
    blocks
        .push(Block::Heading { text: format!("Aanbiedingsbrief nota van reactie — {}", d.summary.title), level: 1 });
    blocks.push(Block::Fields(vec![
        ("Aan".into(), "De colleges van burgemeester en wethouders van de deelnemende gemeenten".into()),
        ("Onderwerp".into(), format!("Reactie op de zienswijzen over de {}", d.summary.subject)),
    ]));
    for line in letter_lines(&nota.letter) {
        match line {
            LetterLine::Heading(text, level) => blocks.push(Block::Heading { text: text.into(), level }),
            LetterLine::Paragraph(text) => blocks.push(Block::Paragraph {
                runs: vec![Run::plain(text)],
                size: 10.5,
                align: if text.contains('\n') { Align::Left } else { Align::Justify },
                color: BLACK,
            }),
        }
    }
    blocks.push(Block::PageBreak);
    blocks.push(Block::RunningHeader(nota.title()));
    blocks.push(Block::Heading { text: nota.title(), level: 1 });
    let answered = format!("{} van {} punten beantwoord", d.check.answered, d.check.points);
    blocks.push(Block::Fields(vec![
        ("Verzonden voor zienswijze".into(), format::date(d.summary.sent_on)),
        (
            "Termijn".into(),
            format!("{} weken, tot en met {}", d.summary.period_weeks, format::date(d.summary.deadline)),
        ),
        ("Status".into(), d.summary.status_label.clone()),
        ("Zienswijzen".into(), format!("{} gemeenten; {answered}", d.zienswijzen.len())),
    ]));
    let table = LongTable {
        columns: vec![
            Column { title: "Gemeente".into(), width: 0.17, align: Align::Left },
            Column { title: "Inbreng".into(), width: 0.415, align: Align::Left },
            Column { title: "Reactie".into(), width: 0.415, align: Align::Left },
        ],
        rows: nota
            .rows()
            .iter()
            .map(|r| LongRow { group: r.group.clone(), cells: vec![cell(&r.inbreng), cell(&r.reactie)] })
            .collect(),
    };
    blocks.push(Block::LongTable(table));
    let layout = lay_out_stable(&blocks);
    let deco = Decoration {
        footer_left: format!("{} · gemaakt {}", d.summary.title, made_at.format("%d-%m-%Y %H:%M")),
        header_right: "Dagelijks bestuur DG&J".into(),
        watermarks: if d.summary.status == NotaStatus::Concept { vec!["CONCEPT".into()] } else { vec![] },
    };
    Ok(render(&layout, &nota.title(), &deco))
}

// ---------------------------------------------------------------------------------------------
// DOCX

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Runs for a text: line breaks inside become <w:br/>.
fn runs_xml(text: &str, bold: bool) -> String {
    let props = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let br = if i > 0 { "<w:br/>" } else { "" };
            format!(r#"<w:r>{props}{br}<w:t xml:space="preserve">{}</w:t></w:r>"#, xml_escape(line))
        })
        .collect()
}

fn paragraph_xml(style: Option<&str>, indent_twips: u32, body: &str) -> String {
    let mut props = String::new();
    if let Some(s) = style {
        props.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    if indent_twips > 0 {
        props.push_str(&format!(r#"<w:ind w:left="{indent_twips}"/>"#));
    }
    format!("<w:p><w:pPr>{props}<w:spacing w:after=\"80\"/></w:pPr>{body}</w:p>")
}

fn para_xml(p: &Para) -> String {
    let mut body = String::new();
    if let Some(l) = &p.label {
        body.push_str(&runs_xml(&format!("{l} "), true));
    }
    if let Some(t) = &p.title {
        body.push_str(&runs_xml(&format!("{t} "), true));
    }
    body.push_str(&runs_xml(&p.text, p.bold));
    paragraph_xml(None, p.level as u32 * 284, &body)
}

fn cell_xml(width: u32, paras: &[String], merge: Option<&str>, shade: bool) -> String {
    let merge = merge.map(|m| format!(r#"<w:vMerge w:val="{m}"/>"#)).unwrap_or_default();
    let shade = if shade { r#"<w:shd w:val="clear" w:color="auto" w:fill="E8F0F8"/>"# } else { "" };
    let content = if paras.is_empty() { "<w:p/>".to_string() } else { paras.concat() };
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}{shade}</w:tcPr>{content}</w:tc>"#)
}

const WIDTHS: [u32; 3] = [1600, 3850, 3850];

fn document_xml(nota: &Nota) -> String {
    let mut body = String::new();
    body.push_str(&paragraph_xml(Some("Title"), 0, &runs_xml("Aanbiedingsbrief nota van reactie", false)));
    for line in letter_lines(&nota.letter) {
        match line {
            LetterLine::Heading(text, level) => {
                body.push_str(&paragraph_xml(Some(&format!("Heading{}", level - 1)), 0, &runs_xml(text, false)))
            }
            LetterLine::Paragraph(text) => body.push_str(&paragraph_xml(None, 0, &runs_xml(text, false))),
        }
    }
    body.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
    body.push_str(&paragraph_xml(Some("Title"), 0, &runs_xml(&nota.title(), false)));
    // The table: fixed widths, borders, the header row repeated on every page.
    body.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders><w:top w:val="single" w:sz="4" w:color="999999"/><w:left w:val="single" w:sz="4" w:color="999999"/><w:bottom w:val="single" w:sz="4" w:color="999999"/><w:right w:val="single" w:sz="4" w:color="999999"/><w:insideH w:val="single" w:sz="4" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:color="999999"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{}</w:tblGrid>"#,
        WIDTHS.iter().sum::<u32>(),
        WIDTHS.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect::<String>()
    ));
    let header: String = ["Gemeente", "Inbreng", "Reactie"]
        .iter()
        .zip(WIDTHS)
        .map(|(t, w)| cell_xml(w, &[paragraph_xml(None, 0, &runs_xml(t, true))], None, true))
        .collect();
    body.push_str(&format!(r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>"#));
    let mut previous: Option<String> = None;
    for row in nota.rows() {
        let first = previous.as_deref() != Some(row.group.as_str());
        previous = Some(row.group.clone());
        let group = if first {
            cell_xml(WIDTHS[0], &[paragraph_xml(None, 0, &runs_xml(&row.group, true))], Some("restart"), false)
        } else {
            cell_xml(WIDTHS[0], &[], Some("continue"), false)
        };
        let inbreng: Vec<String> = row.inbreng.iter().map(para_xml).collect();
        let reactie: Vec<String> = row.reactie.iter().map(para_xml).collect();
        body.push_str(&format!(
            "<w:tr>{group}{}{}</w:tr>",
            cell_xml(WIDTHS[1], &inbreng, None, false),
            cell_xml(WIDTHS[2], &reactie, None, false)
        ));
    }
    body.push_str("</w:tbl>");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Noto Sans" w:hAnsi="Noto Sans" w:cs="Noto Sans"/><w:sz w:val="18"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="154273"/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="154273"/><w:sz w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="154273"/><w:sz w:val="22"/></w:rPr></w:style></w:styles>"#;

pub fn nota_docx(store: &Store, procedure_id: i64) -> Result<Vec<u8>, PackError> {
    let nota = Nota::gather(store, procedure_id)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let io = |e: std::io::Error| PackError::Write {
        path: "docx".into(),
        reason: bestuursmap_core::error::io_reason(&e).into(),
    };
    let zerr = |_: zip::result::ZipError| PackError::Write {
        path: "docx".into(),
        reason: "het Word-bestand kon niet worden opgebouwd".into(),
    };
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/document.xml", document_xml(&nota)),
    ] {
        zip.start_file(name, options).map_err(zerr)?;
        zip.write_all(content.as_bytes()).map_err(io)?;
    }
    Ok(zip.finish().map_err(zerr)?.into_inner())
}

/// The export formats of the CLI and the app (one list: the CLI's values and the app's choices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum NotaFormat {
    #[cfg_attr(feature = "clap", value(help = "de nota met aanbiedingsbrief als PDF"))]
    Pdf,
    #[cfg_attr(feature = "clap", value(alias = "word", help = "de nota met aanbiedingsbrief als Word-document"))]
    Docx,
    #[cfg_attr(feature = "clap", value(help = "de hele procedure als JSON, voor nota import"))]
    Json,
}

impl NotaFormat {
    pub fn extension(self) -> &'static str {
        match self {
            NotaFormat::Pdf => "pdf",
            NotaFormat::Docx => "docx",
            NotaFormat::Json => "json",
        }
    }
}

/// Writes the nota in a format, atomically.
pub fn write_nota(
    store: &Store,
    procedure_id: i64,
    format: NotaFormat,
    made_at: NaiveDateTime,
    out: &Path,
) -> Result<usize, PackError> {
    let bytes = match format {
        NotaFormat::Pdf => nota_pdf(store, procedure_id, made_at)?,
        NotaFormat::Docx => nota_docx(store, procedure_id)?,
        NotaFormat::Json => {
            let file = bestuursmap_core::zienswijzen::exchange::export(store, procedure_id)?;
            let mut json = serde_json::to_vec_pretty(&file).map_err(|_| PackError::Write {
                path: out.display().to_string(),
                reason: "de procedure kon niet als JSON worden geschreven".into(),
            })?;
            json.push(b'\n');
            json
        }
    };
    write_atomically(out, &bytes)?;
    Ok(bytes.len())
}

//! Laid-out pages to PDF bytes with printpdf: the fonts are embedded and subset; every page gets
//! the running header, "pagina n van N" and, where they apply, the CONCEPT / VERTROUWELIJK
//! watermarks. Reserved pages carry only those, to be laid over the attachment's pages.

use super::fonts::{Metrics, BOLD_TTF, REGULAR_TTF};
use super::layout::{Item, Layout, Page, Rgb, MUTED, RULE};
use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt,
    Rect, TextItem, TextMatrix, TextRenderingMode,
};

/// What every page carries besides its content.
#[derive(Clone, Debug, Default)]
pub struct Decoration {
    /// Left in the footer, e.g. "AB 12-11-2020 · versie 2 · gemaakt 22-11-2026 14:05".
    pub footer_left: String,
    /// Right in the header, e.g. the body and date of the meeting.
    pub header_right: String,
    /// Diagonal marks such as "CONCEPT" and "VERTROUWELIJK".
    pub watermarks: Vec<String>,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.0, c.1, c.2, None))
}

struct Fonts {
    regular: PdfFontHandle,
    bold: PdfFontHandle,
}

/// Size, weight and colour of a piece of text.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    fill: Rgb,
}

fn text_ops(ops: &mut Vec<Op>, fonts: &Fonts, (x, y_pdf): (f32, f32), text: &str, style: Style) {
    let font = if style.bold { fonts.bold.clone() } else { fonts.regular.clone() };
    ops.push(Op::SetFont { font, size: Pt(style.size) });
    ops.push(Op::SetFillColor { col: color(style.fill) });
    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(y_pdf)) });
    ops.push(Op::ShowText { items: vec![TextItem::Text(text.to_string())] });
}

fn page_ops(page: &Page, number: usize, total: usize, deco: &Decoration, fonts: &Fonts) -> Vec<Op> {
    let m = Metrics::get();
    let h = page.height;
    let mut ops = Vec::new();
    // Shapes first, text on top.
    for item in &page.items {
        match item {
            Item::Rect { x, y, w, h: rh, color: c } => {
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Line { x1, y1, x2, y2, width, color: c } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint { p: Point { x: Pt(*x1), y: Pt(h - y1) }, bezier: false },
                            LinePoint { p: Point { x: Pt(*x2), y: Pt(h - y2) }, bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Text { .. } => {}
        }
    }
    // Header rule.
    let margin = 42.0;
    ops.push(Op::SetOutlineColor { col: color(RULE) });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
    ops.push(Op::DrawLine {
        line: Line {
            points: vec![
                LinePoint { p: Point { x: Pt(margin), y: Pt(h - 30.0) }, bezier: false },
                LinePoint { p: Point { x: Pt(page.width - margin), y: Pt(h - 30.0) }, bezier: false },
            ],
            is_closed: false,
        },
    });

    ops.push(Op::StartTextSection);
    for item in &page.items {
        if let Item::Text { x, y, text, size, bold, color: c } = item {
            text_ops(&mut ops, fonts, (*x, h - y), text, Style { size: *size, bold: *bold, fill: *c });
        }
    }
    let small = 7.5;
    let note = Style { size: small, bold: false, fill: MUTED };
    let header = truncate(
        &page.running_header,
        page.width - 2.0 * margin - m.width(&deco.header_right, false, small) - 20.0,
        small,
    );
    text_ops(&mut ops, fonts, (margin, h - 24.0), &header, note);
    let header_right = m.drawable(&deco.header_right);
    let right_w = m.width(&header_right, false, small);
    text_ops(&mut ops, fonts, (page.width - margin - right_w, h - 24.0), &header_right, note);
    let footer = format!("pagina {number} van {total}");
    let fw = m.width(&footer, false, small);
    text_ops(&mut ops, fonts, (page.width - margin - fw, 22.0), &footer, note);
    text_ops(&mut ops, fonts, (margin, 22.0), &m.drawable(&deco.footer_left), note);

    // Watermarks: outlined, diagonal, light, so they never hide what is under them.
    ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Stroke });
    ops.push(Op::SetOutlineColor { col: color(Rgb(0.85, 0.55, 0.55)) });
    ops.push(Op::SetOutlineThickness { pt: Pt(1.0) });
    let angle = (page.height / page.width).atan();
    let (sin, cos) = angle.sin_cos();
    for (i, mark) in deco.watermarks.iter().enumerate() {
        let size = 64.0;
        let w = m.width(mark, true, size);
        let offset = (i as f32 - (deco.watermarks.len() as f32 - 1.0) / 2.0) * 90.0;
        // Centre of the page, shifted across the diagonal for a second mark.
        let cx = page.width / 2.0 - offset * sin;
        let cy = page.height / 2.0 + offset * cos;
        let x = cx - cos * w / 2.0 + sin * size * 0.35;
        let y = cy - sin * w / 2.0 - cos * size * 0.35;
        ops.push(Op::SetFont { font: fonts.bold.clone(), size: Pt(size) });
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([cos, sin, -sin, cos, x, y]) });
        ops.push(Op::ShowText { items: vec![TextItem::Text(mark.clone())] });
    }
    ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
    ops.push(Op::EndTextSection);
    ops
}

fn truncate(text: &str, max: f32, size: f32) -> String {
    let m = Metrics::get();
    if m.width(text, false, size) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for ch in text.chars() {
        if m.width(&format!("{out}{ch}…"), false, size) > max {
            break;
        }
        out.push(ch);
    }
    format!("{}…", out.trim_end())
}

/// The PDF of a layout. Fonts are embedded and subset to the glyphs used.
pub fn render(layout: &Layout, title: &str, deco: &Decoration) -> Vec<u8> {
    let mut warnings = Vec::new();
    let mut doc = PdfDocument::new(title);
    let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings).expect("bundled font parses");
    let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings).expect("bundled font parses");
    let fonts = Fonts {
        regular: PdfFontHandle::External(doc.add_font(&regular)),
        bold: PdfFontHandle::External(doc.add_font(&bold)),
    };
    let total = layout.pages.len();
    let pages: Vec<PdfPage> = layout
        .pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let ops = page_ops(page, i + 1, total, deco, &fonts);
            PdfPage::new(Pt(page.width).into(), Pt(page.height).into(), ops)
        })
        .collect();
    doc.with_pages(pages).save(&PdfSaveOptions { subset_fonts: true, ..Default::default() }, &mut Vec::new())
}

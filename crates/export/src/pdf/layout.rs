//! A small page-layout engine for generated documents.
//!
//! Blocks go in; pages of positioned text, rectangles and lines come out, with named anchors
//! (which page a heading or an attachment landed on) so that a second pass can print exact page
//! numbers in the table of contents. Coordinates are points from the top-left of the page.
//!
//! Typographic rules, all here once: paragraphs may be justified and hyphenate Dutch words that do
//! not fit; a paragraph split over two pages leaves at least two lines on each side (no stranded
//! single lines); a heading stays with at least three lines of what follows; table rows never split
//! and the header row is repeated on every page; right-aligned columns carry amounts.

use super::fonts::Metrics;
use super::hyphenate::break_points;
use std::collections::HashMap;

pub const A4: (f32, f32) = (595.28, 841.89);
const MARGIN_X: f32 = 62.0;
const MARGIN_TOP: f32 = 72.0;
const MARGIN_BOTTOM: f32 = 64.0;
pub const BODY_SIZE: f32 = 10.5;
const LEADING: f32 = 1.38;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const BLACK: Rgb = Rgb(0.1, 0.1, 0.1);
pub const MUTED: Rgb = Rgb(0.38, 0.42, 0.46);
pub const BLUE: Rgb = Rgb(0.082, 0.259, 0.451);
pub const RULE: Rgb = Rgb(0.8, 0.83, 0.86);
pub const HEADER_FILL: Rgb = Rgb(0.91, 0.94, 0.97);
pub const WARNING_FILL: Rgb = Rgb(1.0, 0.95, 0.82);
pub const HIGHLIGHT_FILL: Rgb = Rgb(0.99, 0.97, 0.86);
pub const INFO_FILL: Rgb = Rgb(0.93, 0.96, 0.93);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Justify,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Warning,
    Info,
    Highlight,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: false }
    }
    pub fn bold(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: true }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    /// Share of the content width; the shares of a table add up to 1.
    pub width: f32,
    pub align: Align,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Rows drawn on a highlighted background (e.g. the reader's own municipality).
    pub highlighted: Vec<usize>,
}

/// A paragraph inside a table cell, indented for sub-points.
#[derive(Clone, Debug, PartialEq)]
pub struct CellParagraph {
    pub runs: Vec<Run>,
    pub indent: f32,
}

impl CellParagraph {
    pub fn new(runs: Vec<Run>, indent: f32) -> Self {
        CellParagraph { runs, indent }
    }
}

/// A row of a [`LongTable`]: its group (shown in the first column) and the other cells.
#[derive(Clone, Debug, PartialEq)]
pub struct LongRow {
    pub group: String,
    pub cells: Vec<Vec<CellParagraph>>,
}

/// A table whose rows may be taller than a page (the nota van reactie): rows split between
/// lines, the header row and the group name ("Dordrecht (vervolg)") repeat on the next page.
#[derive(Clone, Debug, PartialEq)]
pub struct LongTable {
    /// The first column holds the group name.
    pub columns: Vec<Column>,
    pub rows: Vec<LongRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub label: String,
    pub title: String,
    pub anchor: String,
}

/// One series of a bar chart: a value per category, `None` when unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub color: Rgb,
    pub values: Vec<Option<f32>>,
    /// The value as printed above its bar ("€ 1,5 mln").
    pub labels: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub height: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    BarChart(BarChart),
    Heading {
        text: String,
        level: u8,
    },
    Paragraph {
        runs: Vec<Run>,
        size: f32,
        align: Align,
        color: Rgb,
    },
    /// Label–value rows (the facts of a meeting or an item).
    Fields(Vec<(String, String)>),
    Table(Table),
    LongTable(LongTable),
    Callout {
        title: String,
        text: String,
        tone: Tone,
    },
    Toc(Vec<TocEntry>),
    Space(f32),
    PageBreak,
    /// Records the current page under this name.
    Anchor(String),
    /// The running header from here on (meeting and item).
    RunningHeader(String),
    /// Pages kept free for an attachment, one per page size; the first is recorded as `anchor`.
    ReservedPages {
        anchor: String,
        sizes: Vec<(f32, f32)>,
    },
}

impl Block {
    pub fn text(text: impl Into<String>) -> Block {
        Block::Paragraph { runs: vec![Run::plain(text)], size: BODY_SIZE, align: Align::Justify, color: BLACK }
    }
    pub fn small(text: impl Into<String>) -> Block {
        Block::Paragraph { runs: vec![Run::plain(text)], size: 8.5, align: Align::Left, color: MUTED }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        bold: bool,
        color: Rgb,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
    },
}

/// A clickable area that jumps to an anchor.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub anchor: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PageKind {
    Generated,
    /// Kept free for page `index` of the attachment named `anchor`.
    Reserved {
        anchor: String,
        index: usize,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub kind: PageKind,
    pub running_header: String,
    pub items: Vec<Item>,
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub pages: Vec<Page>,
    /// Anchor name → page index (0-based).
    pub anchors: HashMap<String, usize>,
}

/// A piece of a laid-out line.
#[derive(Clone, Debug, PartialEq)]
struct Piece {
    text: String,
    bold: bool,
    width: f32,
}

#[derive(Clone, Debug, PartialEq)]
struct Line {
    pieces: Vec<Piece>,
    /// The last line of a paragraph, or one ended by a newline: never justified.
    ends_paragraph: bool,
}

enum Token {
    Word(String, bool),
    Break,
}

/// Words longer than this (in bytes) are cut, not hyphenated: no Dutch word is this long.
const MAX_HYPHENATED_BYTES: usize = 64;

/// Cuts a token wider than a line into pieces of at most `max_width` points (at least one
/// character each), preferring to cut after a hyphen or slash. One pass: linear in the length.
fn cut_overlong(word: &str, bold: bool, size: f32, max_width: f32) -> Vec<Piece> {
    let m = Metrics::get();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut width = 0.0f32;
    // Just after the last hyphen or slash in the current piece, and the width up to there.
    let mut last_break: Option<(usize, f32)> = None;
    let mut buf = [0u8; 4];
    for (i, c) in word.char_indices() {
        let cw = m.width(c.encode_utf8(&mut buf), bold, size);
        while width + cw > max_width && i > start {
            let (cut, cut_width) = match last_break {
                Some((at, aw)) if at > start && at < i => (at, aw),
                _ => (i, width),
            };
            pieces.push(Piece { text: word[start..cut].to_string(), bold, width: cut_width });
            width -= cut_width;
            start = cut;
            last_break = None;
        }
        width += cw;
        if c == '-' || c == '/' {
            last_break = Some((i + c.len_utf8(), width));
        }
    }
    if start < word.len() {
        pieces.push(Piece { text: word[start..].to_string(), bold, width: width.max(0.0) });
    }
    pieces
}

/// Breaks runs into lines of at most `max_width` points, hyphenating Dutch words that do not fit
/// and cutting tokens that are longer than a whole line.
fn break_lines(runs: &[Run], size: f32, max_width: f32) -> Vec<Line> {
    let m = Metrics::get();
    let space = m.width(" ", false, size);
    let mut tokens = Vec::new();
    for run in runs {
        let text = m.drawable(&run.text);
        for (i, segment) in text.split('\n').enumerate() {
            if i > 0 {
                tokens.push(Token::Break);
            }
            // Only ASCII spaces break: a no-break space keeps "€\u{a0}6.600.000,00" together.
            tokens.extend(
                segment.split([' ', '\t']).filter(|w| !w.is_empty()).map(|w| Token::Word(w.to_string(), run.bold)),
            );
        }
    }
    let mut lines = Vec::new();
    let mut current: Vec<Piece> = Vec::new();
    let mut width = 0.0f32;
    let finish = |lines: &mut Vec<Line>, current: &mut Vec<Piece>, width: &mut f32, ends: bool| {
        lines.push(Line { pieces: std::mem::take(current), ends_paragraph: ends });
        *width = 0.0;
    };
    for token in tokens {
        let (mut word, bold) = match token {
            Token::Break => {
                finish(&mut lines, &mut current, &mut width, true);
                continue;
            }
            Token::Word(w, b) => (w, b),
        };
        let mut w = m.width(&word, bold, size);
        loop {
            let gap = if current.is_empty() { 0.0 } else { space };
            if width + gap + w <= max_width {
                current.push(Piece { text: word, bold, width: w });
                width += gap + w;
                break;
            }
            // Try the longest hyphenated prefix that still fits (real words only: hyphenating a
            // huge token again for every line made the layout quadratic).
            let fitting = if word.len() <= MAX_HYPHENATED_BYTES {
                break_points(&word).into_iter().rev().find_map(|bp| {
                    let prefix = format!("{}-", &word[..bp]);
                    let pw = m.width(&prefix, bold, size);
                    (width + gap + pw <= max_width).then_some((bp, prefix, pw))
                })
            } else {
                None
            };
            if let Some((bp, prefix, pw)) = fitting {
                current.push(Piece { text: prefix, bold, width: pw });
                word = word[bp..].to_string();
                w = m.width(&word, bold, size);
                finish(&mut lines, &mut current, &mut width, false);
                continue;
            }
            if !current.is_empty() {
                finish(&mut lines, &mut current, &mut width, false);
                continue;
            }
            // Longer than a whole line (a URL, a file name): cut into line-wide pieces in one
            // pass; the last piece starts the next line.
            let mut pieces = cut_overlong(&word, bold, size, max_width);
            let last = pieces.pop();
            for piece in pieces {
                current.push(piece);
                finish(&mut lines, &mut current, &mut width, false);
            }
            if let Some(last) = last {
                width = last.width;
                current.push(last);
            }
            break;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        finish(&mut lines, &mut current, &mut width, true);
    } else if let Some(last) = lines.last_mut() {
        last.ends_paragraph = true;
    }
    lines
}

struct Engine<'a> {
    pages: Vec<Page>,
    anchors: HashMap<String, usize>,
    known: &'a HashMap<String, usize>,
    header: String,
    y: f32,
    /// The next content starts on a new page.
    need_page: bool,
}

impl Engine<'_> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() || self.need_page {
            self.new_page();
        }
        self.pages.last_mut().expect("a page exists")
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            width: A4.0,
            height: A4.1,
            kind: PageKind::Generated,
            running_header: self.header.clone(),
            items: Vec::new(),
            links: Vec::new(),
        });
        self.y = MARGIN_TOP;
        self.need_page = false;
    }

    fn bottom(&self) -> f32 {
        A4.1 - MARGIN_BOTTOM
    }

    fn content_width(&self) -> f32 {
        A4.0 - 2.0 * MARGIN_X
    }

    fn at_top(&self) -> bool {
        self.pages.is_empty() || self.need_page || self.y <= MARGIN_TOP + 0.1
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() || self.need_page || (self.y + height > self.bottom() && !self.at_top()) {
            self.new_page();
        }
    }

    fn current_index(&mut self) -> usize {
        self.page();
        self.pages.len() - 1
    }

    fn push(&mut self, item: Item) {
        self.page().items.push(item);
    }

    /// Draws one line at the current position (baseline = y + ascent).
    fn draw_line(&mut self, line: &Line, x: f32, width: f32, size: f32, align: Align, color: Rgb) {
        let m = Metrics::get();
        let baseline = self.y + m.ascent(size);
        let space = m.width(" ", false, size);
        let natural: f32 =
            line.pieces.iter().map(|p| p.width).sum::<f32>() + space * line.pieces.len().saturating_sub(1) as f32;
        let gaps = line.pieces.len().saturating_sub(1);
        let (mut cursor, gap) = match align {
            Align::Right => (x + width - natural, space),
            Align::Justify if !line.ends_paragraph && gaps > 0 => (x, space + (width - natural) / gaps as f32),
            _ => (x, space),
        };
        for piece in &line.pieces {
            self.push(Item::Text { x: cursor, y: baseline, text: piece.text.clone(), size, bold: piece.bold, color });
            cursor += piece.width + gap;
        }
    }

    fn paragraph(&mut self, runs: &[Run], size: f32, align: Align, color: Rgb, x: f32, width: f32) {
        let lines = break_lines(runs, size, width);
        let lh = size * LEADING;
        let mut rest: &[Line] = &lines;
        while !rest.is_empty() {
            self.page();
            let fit = ((self.bottom() - self.y) / lh).floor().max(0.0) as usize;
            let mut take = rest.len().min(fit);
            if take < rest.len() {
                // Keep at least two lines at the foot of the page and two at the top of the next.
                if rest.len() - take == 1 {
                    take = take.saturating_sub(1);
                }
                if take < 2 && !self.at_top() {
                    self.new_page();
                    continue;
                }
                take = take.max(1);
            }
            for line in &rest[..take] {
                self.draw_line(line, x, width, size, align, color);
                self.y += lh;
            }
            rest = &rest[take..];
            if !rest.is_empty() {
                self.new_page();
            }
        }
        self.y += size * 0.5;
    }

    fn heading(&mut self, text: &str, level: u8) {
        let size = match level {
            1 => 17.0,
            2 => 13.5,
            _ => 11.5,
        };
        let width = self.content_width();
        let lines = break_lines(&[Run::bold(text)], size, width);
        let height = lines.len() as f32 * size * 1.25 + size * 0.6;
        // Keep with at least three lines of what follows.
        self.ensure(height + 3.0 * BODY_SIZE * LEADING);
        if !self.at_top() {
            self.y += size * 0.5;
        }
        for line in &lines {
            self.draw_line(line, MARGIN_X, width, size, Align::Left, BLUE);
            self.y += size * 1.25;
        }
        self.y += size * 0.35;
    }

    fn fields(&mut self, rows: &[(String, String)]) {
        let label_w = 150.0;
        let value_w = self.content_width() - label_w;
        let size = BODY_SIZE;
        let lh = size * LEADING;
        for (label, value) in rows {
            let label_lines = break_lines(&[Run::bold(label.as_str())], size, label_w - 8.0);
            let value_lines = break_lines(&[Run::plain(value.as_str())], size, value_w);
            let n = label_lines.len().max(value_lines.len());
            self.ensure(n as f32 * lh);
            let top = self.y;
            for line in &label_lines {
                self.draw_line(line, MARGIN_X, label_w - 8.0, size, Align::Left, MUTED);
                self.y += lh;
            }
            self.y = top;
            for line in &value_lines {
                self.draw_line(line, MARGIN_X + label_w, value_w, size, Align::Left, BLACK);
                self.y += lh;
            }
            self.y = top + n as f32 * lh + 1.5;
        }
        self.y += 6.0;
    }

    fn table(&mut self, table: &Table) {
        let size = 9.0;
        let lh = size * 1.3;
        let pad = 4.0;
        let total = self.content_width();
        let widths: Vec<f32> = table.columns.iter().map(|c| c.width * total).collect();
        let wrap = |cells: &[String], bold: bool| -> Vec<Vec<Line>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(cell, w)| break_lines(&[Run { text: cell.clone(), bold }], size, w - 2.0 * pad))
                .collect()
        };
        let header_cells: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        let header = wrap(&header_cells, true);
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;

        let draw_row =
            |engine: &mut Engine<'_>, cells: &[Vec<Line>], height: f32, fill: Option<Rgb>, bold_rule: bool| {
                let top = engine.y;
                if let Some(color) = fill {
                    engine.push(Item::Rect { x: MARGIN_X, y: top, w: total, h: height, color });
                }
                let mut x = MARGIN_X;
                for ((lines, w), column) in cells.iter().zip(&widths).zip(&table.columns) {
                    engine.y = top + pad;
                    let align = if column.align == Align::Right { Align::Right } else { Align::Left };
                    for line in lines {
                        engine.draw_line(line, x + pad, w - 2.0 * pad, size, align, BLACK);
                        engine.y += lh;
                    }
                    x += w;
                }
                engine.y = top + height;
                engine.push(Item::Line {
                    x1: MARGIN_X,
                    y1: engine.y,
                    x2: MARGIN_X + total,
                    y2: engine.y,
                    width: if bold_rule { 0.9 } else { 0.4 },
                    color: if bold_rule { BLUE } else { RULE },
                });
            };

        // The header must have at least one row under it on the same page.
        let first_h = table
            .rows
            .first()
            .map(|r| wrap(r, false).iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad)
            .unwrap_or(0.0);
        self.ensure(header_h + first_h);
        draw_row(self, &header, header_h, Some(HEADER_FILL), true);
        for (i, row) in table.rows.iter().enumerate() {
            let cells = wrap(row, false);
            let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
            if self.y + height > self.bottom() {
                self.new_page();
                draw_row(self, &header, header_h, Some(HEADER_FILL), true);
            }
            let fill = table.highlighted.contains(&i).then_some(HIGHLIGHT_FILL);
            draw_row(self, &cells, height, fill, false);
        }
        self.y += 10.0;
    }

    fn long_table(&mut self, table: &LongTable) {
        let size = 9.0;
        let lh = size * 1.3;
        let para_gap = lh * 0.4;
        let pad = 4.0;
        let total = self.content_width();
        let widths: Vec<f32> = table.columns.iter().map(|c| c.width * total).collect();
        // A cell as lines with their vertical offset from the top of the cell and their indent.
        let cell_lines = |paras: &[CellParagraph], width: f32| -> Vec<(Line, f32, f32)> {
            let mut out = Vec::new();
            let mut y = 0.0;
            for (i, para) in paras.iter().enumerate() {
                if i > 0 {
                    y += para_gap;
                }
                for line in break_lines(&para.runs, size, width - 2.0 * pad - para.indent) {
                    out.push((line, y, para.indent));
                    y += lh;
                }
            }
            out
        };
        let header: Vec<Vec<CellParagraph>> =
            table.columns.iter().map(|c| vec![CellParagraph::new(vec![Run::bold(c.title.as_str())], 0.0)]).collect();
        let header_lines: Vec<Vec<(Line, f32, f32)>> =
            header.iter().zip(&widths).map(|(c, w)| cell_lines(c, *w)).collect();
        let header_h = header_lines.iter().map(|l| l.len()).max().unwrap_or(1) as f32 * lh + 2.0 * pad;

        // Draws the given lines of every column as one (part of a) row of `height`.
        let draw =
            |e: &mut Engine<'_>, cols: &[Vec<(Line, f32, f32)>], height: f32, fill: Option<Rgb>, strong: bool| {
                let top = e.y;
                if let Some(color) = fill {
                    e.push(Item::Rect { x: MARGIN_X, y: top, w: total, h: height, color });
                }
                let mut x = MARGIN_X;
                for (lines, w) in cols.iter().zip(&widths) {
                    for (line, dy, indent) in lines {
                        e.y = top + pad + dy;
                        e.draw_line(line, x + pad + indent, w - 2.0 * pad - indent, size, Align::Left, BLACK);
                    }
                    x += w;
                }
                e.y = top + height;
                e.push(Item::Line {
                    x1: MARGIN_X,
                    y1: e.y,
                    x2: MARGIN_X + total,
                    y2: e.y,
                    width: if strong { 0.9 } else { 0.4 },
                    color: if strong { BLUE } else { RULE },
                });
            };
        let header_row = |e: &mut Engine<'_>| draw(e, &header_lines, header_h, Some(HEADER_FILL), true);

        self.ensure(header_h + 3.0 * lh + 2.0 * pad);
        header_row(self);
        let mut previous_group: Option<&str> = None;
        for row in &table.rows {
            let first_in_group = previous_group != Some(row.group.as_str());
            previous_group = Some(&row.group);
            let group_cell = |continued: bool| {
                let mut cell = vec![CellParagraph::new(vec![Run::bold(row.group.as_str())], 0.0)];
                if continued {
                    cell.push(CellParagraph::new(vec![Run::plain("(vervolg)")], 0.0));
                }
                cell
            };
            let mut columns: Vec<Vec<(Line, f32, f32)>> = Vec::with_capacity(widths.len());
            columns.push(if first_in_group { cell_lines(&group_cell(false), widths[0]) } else { Vec::new() });
            for (cell, w) in row.cells.iter().zip(&widths[1..]) {
                columns.push(cell_lines(cell, *w));
            }
            loop {
                let needed = columns.iter().map(|c| c.last().map_or(0.0, |(_, dy, _)| dy + lh)).fold(0.0, f32::max);
                let room = self.bottom() - self.y - 2.0 * pad;
                if needed <= room {
                    draw(self, &columns, needed + 2.0 * pad, None, false);
                    break;
                }
                // Split between lines; fewer than two lines of room: start the row on a new page.
                if room < 2.0 * lh {
                    self.new_page();
                    header_row(self);
                    if columns[0].is_empty() {
                        columns[0] = cell_lines(&group_cell(true), widths[0]);
                    }
                    continue;
                }
                let mut here = Vec::with_capacity(columns.len());
                let mut rest = Vec::with_capacity(columns.len());
                for col in &columns {
                    let split = col.iter().position(|(_, dy, _)| dy + lh > room).unwrap_or(col.len());
                    here.push(col[..split].to_vec());
                    let offset = col.get(split).map_or(0.0, |(_, dy, _)| *dy);
                    rest.push(col[split..].iter().map(|(l, dy, i)| (l.clone(), dy - offset, *i)).collect::<Vec<_>>());
                }
                draw(self, &here, room + 2.0 * pad, None, false);
                self.new_page();
                header_row(self);
                rest[0] = cell_lines(&group_cell(true), widths[0]);
                columns = rest;
            }
        }
        self.y += 10.0;
    }

    fn callout(&mut self, title: &str, text: &str, tone: Tone) {
        let size = BODY_SIZE;
        let lh = size * LEADING;
        let pad = 8.0;
        let width = self.content_width() - 2.0 * pad;
        let mut runs = vec![Run::bold(title)];
        if !text.is_empty() {
            runs.push(Run::plain(format!(" {text}")));
        }
        let lines = break_lines(&runs, size, width);
        let height = lines.len() as f32 * lh + 2.0 * pad - (lh - size);
        self.ensure(height.min(self.bottom() - MARGIN_TOP));
        let color = match tone {
            Tone::Warning => WARNING_FILL,
            Tone::Info => INFO_FILL,
            Tone::Highlight => HIGHLIGHT_FILL,
        };
        let top = self.y;
        self.push(Item::Rect { x: MARGIN_X, y: top, w: self.content_width(), h: height, color });
        self.push(Item::Rect {
            x: MARGIN_X,
            y: top,
            w: 3.0,
            h: height,
            color: if tone == Tone::Warning { Rgb(0.8, 0.55, 0.0) } else { BLUE },
        });
        self.y = top + pad;
        for line in &lines {
            self.draw_line(line, MARGIN_X + pad, width, size, Align::Left, BLACK);
            self.y += lh;
        }
        self.y = top + height + 8.0;
    }

    fn bar_chart(&mut self, chart: &BarChart) {
        let m = Metrics::get();
        let legend_h = 16.0;
        let label_h = 14.0;
        self.ensure(chart.height + legend_h + label_h + 8.0);
        let left = MARGIN_X;
        let width = self.content_width();
        // Legend.
        let mut x = left;
        for s in &chart.series {
            self.push(Item::Rect { x, y: self.y + 2.0, w: 9.0, h: 9.0, color: s.color });
            self.push(Item::Text {
                x: x + 13.0,
                y: self.y + 9.5,
                text: s.name.clone(),
                size: 8.5,
                bold: false,
                color: BLACK,
            });
            x += 13.0 + m.width(&s.name, false, 8.5) + 18.0;
        }
        self.y += legend_h;
        let top = self.y + 10.0;
        let base = self.y + chart.height;
        let max = chart.series.iter().flat_map(|s| s.values.iter().flatten()).fold(0.0f32, |a, &b| a.max(b));
        let groups = chart.categories.len().max(1) as f32;
        let group_w = width / groups;
        let bar_w = (group_w * 0.7 / chart.series.len().max(1) as f32).min(60.0);
        for (c, category) in chart.categories.iter().enumerate() {
            let gx = left + c as f32 * group_w + (group_w - bar_w * chart.series.len() as f32) / 2.0;
            for (k, s) in chart.series.iter().enumerate() {
                let bx = gx + k as f32 * bar_w;
                match s.values.get(c).copied().flatten() {
                    Some(v) if max > 0.0 => {
                        let h = (v / max) * (base - top);
                        self.push(Item::Rect { x: bx + 2.0, y: base - h, w: bar_w - 4.0, h, color: s.color });
                        let label = s.labels.get(c).cloned().unwrap_or_default();
                        let lw = m.width(&label, false, 7.0);
                        self.push(Item::Text {
                            x: bx + (bar_w - lw) / 2.0,
                            y: base - h - 3.0,
                            text: label,
                            size: 7.0,
                            bold: false,
                            color: BLACK,
                        });
                    }
                    _ => {
                        let lw = m.width("onbekend", false, 7.0);
                        self.push(Item::Text {
                            x: bx + (bar_w - lw) / 2.0,
                            y: base - 3.0,
                            text: "onbekend".into(),
                            size: 7.0,
                            bold: false,
                            color: MUTED,
                        });
                    }
                }
            }
            let cw = m.width(category, true, 8.5);
            self.push(Item::Text {
                x: left + c as f32 * group_w + (group_w - cw) / 2.0,
                y: base + 11.0,
                text: category.clone(),
                size: 8.5,
                bold: true,
                color: BLACK,
            });
        }
        self.push(Item::Line { x1: left, y1: base, x2: left + width, y2: base, width: 0.8, color: MUTED });
        self.y = base + label_h + 8.0;
    }

    fn toc(&mut self, entries: &[TocEntry]) {
        let m = Metrics::get();
        let size = BODY_SIZE;
        let lh = size * LEADING;
        let number_w = 60.0;
        let label_w = 34.0;
        let total = self.content_width();
        for entry in entries {
            let indent = if entry.level > 1 { 22.0 } else { 0.0 };
            let title_w = total - indent - label_w - number_w;
            let bold = entry.level == 1;
            let lines = break_lines(&[Run { text: entry.title.clone(), bold }], size, title_w);
            let height = lines.len() as f32 * lh;
            self.ensure(height);
            let top = self.y;
            let page = self.known.get(&entry.anchor).map_or_else(|| "…".to_string(), |p| (p + 1).to_string());
            let baseline = top + m.ascent(size);
            self.push(Item::Text {
                x: MARGIN_X + indent,
                y: baseline,
                text: entry.label.clone(),
                size,
                bold,
                color: MUTED,
            });
            for line in &lines {
                self.draw_line(line, MARGIN_X + indent + label_w, title_w, size, Align::Left, BLACK);
                self.y += lh;
            }
            let pw = m.width(&page, bold, size);
            let last_baseline = self.y - lh + m.ascent(size);
            self.push(Item::Text { x: MARGIN_X + total - pw, y: last_baseline, text: page, size, bold, color: BLACK });
            let index = self.current_index();
            self.pages[index].links.push(Link {
                x: MARGIN_X,
                y: top,
                w: total,
                h: height,
                anchor: entry.anchor.clone(),
            });
            self.y += 2.0;
        }
        self.y += 8.0;
    }

    fn reserved(&mut self, anchor: &str, sizes: &[(f32, f32)]) {
        for (index, &(width, height)) in sizes.iter().enumerate() {
            self.pages.push(Page {
                width,
                height,
                kind: PageKind::Reserved { anchor: anchor.to_string(), index },
                running_header: self.header.clone(),
                items: Vec::new(),
                links: Vec::new(),
            });
            if index == 0 {
                self.anchors.insert(anchor.to_string(), self.pages.len() - 1);
            }
        }
        self.need_page = true;
    }
}

/// Lays out `blocks`. `known_anchors` holds the anchors of an earlier pass, for page numbers in
/// the table of contents; see [`lay_out_stable`].
pub fn lay_out(blocks: &[Block], known_anchors: &HashMap<String, usize>) -> Layout {
    let mut e = Engine {
        pages: Vec::new(),
        anchors: HashMap::new(),
        known: known_anchors,
        header: String::new(),
        y: MARGIN_TOP,
        need_page: false,
    };
    let width = e.content_width();
    for block in blocks {
        match block {
            Block::Heading { text, level } => e.heading(text, *level),
            Block::Paragraph { runs, size, align, color } => e.paragraph(runs, *size, *align, *color, MARGIN_X, width),
            Block::Fields(rows) => e.fields(rows),
            Block::Table(table) => e.table(table),
            Block::LongTable(table) => e.long_table(table),
            Block::Callout { title, text, tone } => e.callout(title, text, *tone),
            Block::Toc(entries) => e.toc(entries),
            Block::BarChart(chart) => e.bar_chart(chart),
            Block::Space(h) => {
                if !e.at_top() {
                    e.y += h;
                }
            }
            Block::PageBreak => e.need_page = true,
            Block::Anchor(name) => {
                // An anchor at the foot of a page belongs to the next page, where its content starts.
                if !e.pages.is_empty() && !e.need_page && e.y + 3.0 * BODY_SIZE * LEADING > e.bottom() {
                    e.need_page = true;
                }
                let index = e.current_index();
                e.anchors.insert(name.clone(), index);
            }
            Block::RunningHeader(text) => {
                e.header = text.clone();
                if e.at_top() && !e.need_page {
                    if let Some(page) = e.pages.last_mut() {
                        page.running_header = text.clone();
                    }
                }
            }
            Block::ReservedPages { anchor, sizes } => e.reserved(anchor, sizes),
        }
    }
    if e.pages.is_empty() {
        e.new_page();
    }
    Layout { pages: e.pages, anchors: e.anchors }
}

/// Lays out until the page numbers in the table of contents match where the anchors landed
/// (the first pass prints placeholders; numbers rarely change the layout, but it is checked).
pub fn lay_out_stable(blocks: &[Block]) -> Layout {
    let mut known = HashMap::new();
    for _ in 0..4 {
        let layout = lay_out(blocks, &known);
        if layout.anchors == known {
            return layout;
        }
        known = layout.anchors;
    }
    lay_out(blocks, &known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<&str> {
        page.items
            .iter()
            .filter_map(|i| if let Item::Text { text, .. } = i { Some(text.as_str()) } else { None })
            .collect()
    }

    #[test]
    fn lines_never_exceed_the_width_and_long_compounds_are_hyphenated() {
        let text =
            "De begrotingswijzigingsprocedure en de bestuursrapportage van de Serviceorganisatie Jeugd ".repeat(6);
        let lines = break_lines(&[Run::plain(text.clone())], BODY_SIZE, 120.0);
        let m = Metrics::get();
        let space = m.width(" ", false, BODY_SIZE);
        for line in &lines {
            let w: f32 =
                line.pieces.iter().map(|p| p.width).sum::<f32>() + space * (line.pieces.len().saturating_sub(1)) as f32;
            assert!(w <= 120.01, "line too wide: {w}");
        }
        assert!(
            lines.iter().any(|l| l.pieces.last().is_some_and(|p| p.text.ends_with('-'))),
            "something was hyphenated"
        );
        // Nothing is lost: the words come back when the hyphens are joined.
        let joined: String = lines
            .iter()
            .flat_map(|l| l.pieces.iter())
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
            .replace("- ", "");
        assert_eq!(joined.split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
    }

    /// The work (bytes measured) to break one unbroken word into lines.
    fn work_for_word(len: usize, word_char: char) -> (usize, Vec<Line>) {
        let word: String = std::iter::repeat_n(word_char, len).collect();
        let before = Metrics::measured_bytes();
        let lines = break_lines(&[Run::plain(word)], BODY_SIZE, 300.0);
        (Metrics::measured_bytes() - before, lines)
    }

    #[test]
    fn a_long_unbroken_word_is_laid_out_in_linear_work_and_kept_whole() {
        // Before: 30 KB took 3.6 s and 300 KB over 100 s (quadratic). Work is counted, not timed.
        for c in ['a', 'é', 'M'] {
            let (small, _) = work_for_word(10_000, c);
            let (large, lines) = work_for_word(100_000, c);
            assert!(large <= small * 12, "{c}: 10x the text cost {large} vs {small}");
            assert!(large <= 100_000 * c.len_utf8() * 4, "{c}: {large} bytes measured");
            let m = Metrics::get();
            assert!(lines.iter().all(|l| l.pieces.iter().all(|p| m.width(&p.text, false, BODY_SIZE) <= 300.01)));
            let joined: String = lines.iter().flat_map(|l| &l.pieces).map(|p| p.text.as_str()).collect();
            assert_eq!(joined.chars().count(), 100_000, "nothing lost or added");
        }
    }

    #[test]
    fn an_overlong_token_is_cut_rather_than_overflowing() {
        let lines =
            break_lines(&[Run::plain("https://www.example.org/".to_string() + &"x".repeat(200))], BODY_SIZE, 100.0);
        assert!(lines.len() > 3);
    }

    #[test]
    fn no_single_line_is_stranded_at_a_page_end() {
        // Fill a page nearly to the bottom, then add a multi-line paragraph.
        for filler_lines in 40..60 {
            let mut blocks = vec![Block::Space(0.0)];
            blocks.extend((0..filler_lines).map(|_| Block::Paragraph {
                runs: vec![Run::plain("x")],
                size: BODY_SIZE,
                align: Align::Left,
                color: BLACK,
            }));
            let long = "woord ".repeat(200);
            blocks.push(Block::text(long.clone()));
            let layout = lay_out(&blocks, &HashMap::new());
            for page in &layout.pages {
                let words = texts(page).iter().filter(|t| t.starts_with("woord")).count();
                // A line holds several words; one stranded line would give fewer than two lines' worth.
                let per_line =
                    break_lines(&[Run::plain(long.clone())], BODY_SIZE, A4.0 - 2.0 * MARGIN_X)[0].pieces.len();
                assert!(
                    words == 0 || words >= 2 * per_line - 1 || words == 200,
                    "{filler_lines}: {words} words on a page"
                );
            }
        }
    }

    #[test]
    fn table_headers_repeat_on_every_page() {
        let table = Table {
            columns: vec![
                Column { title: "Maatregel".into(), width: 0.7, align: Align::Left },
                Column { title: "Besparing".into(), width: 0.3, align: Align::Right },
            ],
            rows: (0..120).map(|i| vec![format!("Maatregel {i}"), "€\u{a0}1.234.567,89".into()]).collect(),
            highlighted: vec![],
        };
        let layout = lay_out(&[Block::Table(table)], &HashMap::new());
        assert!(layout.pages.len() >= 3);
        for page in &layout.pages {
            assert_eq!(texts(page).iter().filter(|t| **t == "Besparing").count(), 1, "one header per page");
        }
        // Amounts are right-aligned: they all end at the same x.
        let m = Metrics::get();
        let ends: Vec<f32> = layout.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, text, size, bold, .. } if text.starts_with('€') => {
                    Some(x + m.width(text, *bold, *size))
                }
                _ => None,
            })
            .collect();
        assert!(ends.len() > 20);
        assert!(ends.windows(2).all(|w| (w[0] - w[1]).abs() < 0.5), "{ends:?}");
    }

    #[test]
    fn long_rows_split_between_lines_and_repeat_header_and_group() {
        let long: String = (0..400).map(|i| format!("woord{i} ")).collect();
        let table = LongTable {
            columns: vec![
                Column { title: "Gemeente".into(), width: 0.2, align: Align::Left },
                Column { title: "Inbreng".into(), width: 0.4, align: Align::Left },
                Column { title: "Reactie".into(), width: 0.4, align: Align::Left },
            ],
            rows: vec![LongRow {
                group: "Dordrecht".into(),
                cells: vec![
                    vec![CellParagraph::new(vec![Run::bold("1"), Run::plain(long.clone())], 0.0)],
                    vec![CellParagraph::new(vec![Run::plain(long)], 14.0)],
                ],
            }],
        };
        let layout = lay_out(&[Block::LongTable(table)], &HashMap::new());
        assert!(layout.pages.len() >= 2);
        for page in &layout.pages {
            let t = texts(page);
            assert_eq!(t.iter().filter(|x| **x == "Inbreng").count(), 1, "header on every page");
            for item in &page.items {
                if let Item::Text { y, .. } = item {
                    assert!(*y <= A4.1 - MARGIN_BOTTOM + 1.0, "no line below the bottom margin");
                }
            }
        }
        assert!(texts(&layout.pages[1]).contains(&"(vervolg)"), "the group name repeats");
        // Every word is printed exactly once.
        let all: Vec<&str> = layout.pages.iter().flat_map(texts).collect();
        assert_eq!(all.iter().filter(|w| **w == "woord399").count(), 2, "once per column");
    }

    #[test]
    fn the_table_of_contents_prints_the_pages_the_anchors_landed_on() {
        let mut blocks = vec![Block::Toc(vec![
            TocEntry { level: 1, label: "1".into(), title: "Eerste".into(), anchor: "a".into() },
            TocEntry { level: 2, label: "".into(), title: "Bijlage".into(), anchor: "b".into() },
        ])];
        blocks.extend([
            Block::PageBreak,
            Block::Anchor("a".into()),
            Block::Heading { text: "Eerste".into(), level: 1 },
        ]);
        blocks.push(Block::ReservedPages { anchor: "b".into(), sizes: vec![A4, A4, A4] });
        blocks.push(Block::Heading { text: "Daarna".into(), level: 1 });
        let layout = lay_out_stable(&blocks);
        assert_eq!(layout.anchors["a"], 1);
        assert_eq!(layout.anchors["b"], 2);
        assert_eq!(layout.pages.len(), 6);
        let toc = texts(&layout.pages[0]);
        assert!(toc.contains(&"2") && toc.contains(&"3"), "{toc:?}");
        assert_eq!(layout.pages[0].links.len(), 2);
        assert!(matches!(layout.pages[3].kind, PageKind::Reserved { index: 1, .. }));
    }
}

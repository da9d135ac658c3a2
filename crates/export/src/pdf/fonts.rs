//! The font of every generated page: Noto Sans (OFL, `assets/fonts`), regular and bold.

use std::sync::OnceLock;
use ttf_parser::Face;

pub const REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf");

pub struct Metrics {
    regular: Face<'static>,
    bold: Face<'static>,
}

impl Metrics {
    /// The metrics, parsed once per process.
    pub fn get() -> &'static Metrics {
        static METRICS: OnceLock<Metrics> = OnceLock::new();
        METRICS.get_or_init(|| Metrics {
            regular: Face::parse(REGULAR_TTF, 0).expect("bundled font parses"),
            bold: Face::parse(BOLD_TTF, 0).expect("bundled font parses"),
        })
    }

    fn face(&self, bold: bool) -> &Face<'static> {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// Width of `text` in points at `size`.
    pub fn width(&self, text: &str, bold: bool, size: f32) -> f32 {
        #[cfg(test)]
        MEASURED.with(|m| m.set(m.get() + text.len()));
        let face = self.face(bold);
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .or_else(|| face.glyph_index('?'))
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0) as u32
            })
            .sum();
        units as f32 * size / face.units_per_em() as f32
    }

    /// How many bytes of text this thread has measured (tests count the layout's work with it:
    /// a deterministic stand-in for its running time).
    #[cfg(test)]
    pub fn measured_bytes() -> usize {
        MEASURED.with(|m| m.get())
    }

    /// Replaces characters the font cannot draw by a plain equivalent, so nothing prints as a box.
    pub fn drawable(&self, text: &str) -> String {
        // Line breaks and tabs are layout, not glyphs: the line breaker consumes them.
        let ok = |c: char| {
            c == '\n' || c == '\t' || (self.regular.glyph_index(c).is_some() && self.bold.glyph_index(c).is_some())
        };
        if text.chars().all(ok) {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c {
                c if ok(c) => c.to_string(),
                '→' => "->".to_string(),
                '←' => "<-".to_string(),
                '✓' | '✔' => "v".to_string(),
                _ => "?".to_string(),
            })
            .collect()
    }

    /// Distance from the baseline to the top of the tallest letters, in points.
    pub fn ascent(&self, size: f32) -> f32 {
        self.regular.ascender() as f32 * size / self.regular.units_per_em() as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_measured_from_the_font() {
        let m = Metrics::get();
        let narrow = m.width("iiii", false, 10.0);
        let wide = m.width("MMMM", false, 10.0);
        assert!(wide > narrow * 2.0, "{narrow} vs {wide}");
        assert!(m.width("MMMM", true, 10.0) > wide, "bold is wider");
        assert!((m.width("ab", false, 20.0) - 2.0 * m.width("ab", false, 10.0)).abs() < 0.01);
        assert!(m.width("€ 1.234.567,89", false, 10.0) > 50.0);
        assert_eq!(m.drawable("«één» € 6,6"), "«één» € 6,6");
        assert_eq!(
            m.drawable("BOT \u{2192} AB"),
            if m.regular.glyph_index('\u{2192}').is_some() { "BOT \u{2192} AB" } else { "BOT -> AB" }
        );
    }
}

#[cfg(test)]
thread_local! {
    static MEASURED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

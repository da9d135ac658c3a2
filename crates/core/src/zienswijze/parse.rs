//! Splits the text of a council letter into its numbered points.
//!
//! The output is the stable contract of `bestuursmap zienswijze parse FILE --json`:
//! `{"intro": string|null, "sections": [{"heading": string|null, "points": [{"label", "text",
//! "children"}]}]}` with labels as written in the source ("4", "a", "4.a") and the text without
//! its label.
//!
//! Numbers inside text must not start a point: a line only opens a point when its label is the
//! *next one expected* (1 after 0, 5 after 4; a after a new point, c after b). So "23 juni 2020",
//! "2020 was", "€ 2,0 miljoen", "1e tranche" and "punt 4.a" stay text. Bullet lines (•, -, –, *)
//! stay inside their point. A short line without a final full stop, followed by a point labelled
//! 1 while points exist already, starts a new section (such as the attached *overdenkingen*).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParsedLetter {
    pub intro: Option<String>,
    pub sections: Vec<ParsedSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParsedSection {
    pub heading: Option<String>,
    pub points: Vec<ParsedPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParsedPoint {
    pub label: String,
    pub text: String,
    pub children: Vec<ParsedPoint>,
}

/// A label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    /// "4", "4.", "4)" → 4
    Number { value: u32, raw: String },
    /// "a.", "a)", "4.a", "4a." → letter a (optionally with its parent number)
    Letter { parent: Option<u32>, letter: char, raw: String },
}

fn split_label(line: &str) -> Option<(Label, &str)> {
    let trimmed = line.trim_start();
    let bytes = trimmed.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let value: u32 = trimmed[..digits].parse().ok()?;
        let rest = &trimmed[digits..];
        // "4.a", "4.a.", "4a.", "4a)" → a sub-point of 4.
        let after_dot = rest.strip_prefix('.').unwrap_or(rest);
        let mut chars = after_dot.chars();
        if let Some(letter @ 'a'..='z') = chars.next() {
            let tail = chars.as_str();
            let tail = tail.strip_prefix(['.', ')']).unwrap_or(tail);
            // The letter must stand alone: "4.a " yes, "4 april" no, "1e tranche" no.
            if tail.starts_with(char::is_whitespace) && (rest.starts_with('.') || after_dot.len() != tail.len() + 1) {
                let raw = trimmed[..trimmed.len() - tail.len()].trim_end_matches(['.', ')']).to_string();
                return Some((Label::Letter { parent: Some(value), letter, raw }, tail.trim_start()));
            }
        }
        // "4." / "4)" / "4 " followed by text.
        let (rest, had_mark) = match rest.strip_prefix(['.', ')']) {
            Some(r) => (r, true),
            None => (rest, false),
        };
        if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
            // Without "." or ")" only accept a tab or several spaces: "23 juni" is a date.
            if !had_mark && !rest.starts_with('\t') && !rest.starts_with("  ") {
                return None;
            }
            return Some((Label::Number { value, raw: trimmed[..digits].to_string() }, rest.trim_start()));
        }
        return None;
    }
    // "a." / "a)" followed by text.
    let mut chars = trimmed.chars();
    if let (Some(letter @ 'a'..='z'), Some('.' | ')')) = (chars.next(), chars.next()) {
        let tail = chars.as_str();
        if tail.starts_with(char::is_whitespace) && !tail.trim().is_empty() {
            return Some((Label::Letter { parent: None, letter, raw: letter.to_string() }, tail.trim_start()));
        }
    }
    None
}

/// "Met vriendelijke groet," and the like: the signature block starts here.
fn is_closing_formula(line: &str) -> bool {
    let t = line.trim().to_lowercase();
    ["met vriendelijke groet", "hoogachtend", "namens de raad", "de griffier", "met vriendelijke groeten"]
        .iter()
        .any(|f| t.starts_with(f))
}

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    ["• ", "- ", "– ", "* ", "· ", "•\t"].iter().any(|b| t.starts_with(b))
}

/// Looks like a section heading: short, no final full stop, not a bullet.
fn is_heading_candidate(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 90
        && !t.ends_with(['.', ',', ';'])
        && !is_bullet(t)
        && split_label(t).is_none()
}

#[derive(Default)]
struct Builder {
    intro: Vec<String>,
    sections: Vec<ParsedSection>,
    /// Lines not yet assigned (a paragraph that may be a heading or a continuation).
    pending_blank: bool,
}

impl Builder {
    fn current_section(&mut self) -> &mut ParsedSection {
        if self.sections.is_empty() {
            self.sections.push(ParsedSection { heading: None, points: Vec::new() });
        }
        self.sections.last_mut().expect("just ensured")
    }

    fn last_number(&self) -> Option<u32> {
        self.sections.last()?.points.last()?.label.trim_end_matches(['.', ')']).parse().ok()
    }

    fn expected_letter(&self) -> Option<char> {
        let point = self.sections.last()?.points.last()?;
        Some(match point.children.last() {
            None => 'a',
            Some(child) => {
                let last = child.label.chars().last()?;
                char::from_u32(last as u32 + 1)?
            }
        })
    }

    /// The point (or sub-point) that text currently flows into.
    fn open_point(&mut self) -> Option<&mut ParsedPoint> {
        let point = self.sections.last_mut()?.points.last_mut()?;
        if point.children.is_empty() {
            Some(point)
        } else {
            point.children.last_mut()
        }
    }

    fn append(&mut self, line: &str) {
        let text = line.trim();
        let blank = std::mem::take(&mut self.pending_blank);
        let bullet = is_bullet(line);
        match self.open_point() {
            Some(point) => {
                let sep = if point.text.is_empty() {
                    ""
                } else if bullet || blank {
                    "\n"
                } else {
                    " "
                };
                point.text.push_str(sep);
                point.text.push_str(text);
            }
            None => {
                if blank && !self.intro.is_empty() {
                    self.intro.push(String::new());
                }
                self.intro.push(text.to_string());
            }
        }
    }
}

pub fn parse_letter(text: &str) -> ParsedLetter {
    let mut b = Builder::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if line.trim().is_empty() {
            b.pending_blank = true;
            i += 1;
            continue;
        }
        if let Some((label, rest)) = split_label(line) {
            match label {
                Label::Number { value, raw } => {
                    let next = b.last_number().map_or(1, |n| n + 1);
                    if value == next {
                        b.pending_blank = false;
                        b.current_section().points.push(ParsedPoint {
                            label: raw,
                            text: rest.to_string(),
                            children: Vec::new(),
                        });
                        i += 1;
                        continue;
                    }
                    if value == 1 && b.last_number().is_some() {
                        // Numbering restarts without a heading: a new, unnamed section.
                        b.pending_blank = false;
                        b.sections.push(ParsedSection {
                            heading: None,
                            points: vec![ParsedPoint { label: raw, text: rest.to_string(), children: Vec::new() }],
                        });
                        i += 1;
                        continue;
                    }
                }
                Label::Letter { parent, letter, raw } => {
                    let parent_ok = parent.is_none_or(|p| Some(p) == b.last_number());
                    if parent_ok && b.expected_letter() == Some(letter) {
                        b.pending_blank = false;
                        let point =
                            b.sections.last_mut().and_then(|s| s.points.last_mut()).expect("a parent point exists");
                        point.children.push(ParsedPoint { label: raw, text: rest.to_string(), children: Vec::new() });
                        i += 1;
                        continue;
                    }
                }
            }
        }
        // The signature ends the letter.
        if is_closing_formula(line) {
            break;
        }
        // A heading: a short line after points, followed by a point "1", possibly after a
        // one-paragraph introduction of the section (kept with the heading).
        if b.last_number().is_some() && b.pending_blank && is_heading_candidate(line) {
            let following: Vec<(usize, &str)> = lines
                .iter()
                .enumerate()
                .skip(i + 1)
                .filter(|(_, l)| !l.trim().is_empty())
                .take(3)
                .map(|(n, l)| (n, *l))
                .collect();
            let first_point =
                following.iter().position(|(_, l)| matches!(split_label(l), Some((Label::Number { value: 1, .. }, _))));
            if let Some(pos) = first_point {
                let (n, point_line) = following[pos];
                let Some((Label::Number { raw, .. }, rest)) = split_label(point_line) else {
                    unreachable!("matched above")
                };
                let heading: Vec<&str> =
                    std::iter::once(line.trim()).chain(following[..pos].iter().map(|(_, l)| l.trim())).collect();
                b.sections.push(ParsedSection {
                    heading: Some(heading.join("\n")),
                    points: vec![ParsedPoint { label: raw, text: rest.to_string(), children: Vec::new() }],
                });
                b.pending_blank = false;
                i = n + 1;
                continue;
            }
        }
        b.append(line);
        i += 1;
    }
    let intro = b.intro.join("\n").replace("\n\n", "\n").trim().to_string();
    ParsedLetter { intro: (!intro.is_empty()).then_some(intro), sections: b.sections }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(letter: &ParsedLetter) -> Vec<String> {
        letter
            .sections
            .iter()
            .flat_map(|s| s.points.iter())
            .flat_map(|p| {
                std::iter::once(p.label.clone()).chain(p.children.iter().map(|c| format!("{}/{}", p.label, c.label)))
            })
            .collect()
    }

    #[test]
    fn numbers_inside_text_do_not_split() {
        let letter = parse_letter(
            "Geacht bestuur,\n\nDe raad geeft de volgende zienswijze:\n\n\
             1. Wij vragen om realisme. De afslag van\n€ 2,0 miljoen is te groot.\n\
             2020 was een moeilijk jaar; zie onze brief van\n23 juni 2020 en de 1e tranche van\n5 miljoen.\n\
             2. Zie ook punt 4.a van onze eerdere brief en\n4 april 2020.\n",
        );
        assert_eq!(letter.intro.as_deref(), Some("Geacht bestuur,\nDe raad geeft de volgende zienswijze:"));
        assert_eq!(labels(&letter), ["1", "2"]);
        let first = &letter.sections[0].points[0].text;
        assert!(
            first.contains("€ 2,0 miljoen") && first.contains("23 juni 2020") && first.contains("1e tranche"),
            "{first}"
        );
        assert!(letter.sections[0].points[1].text.ends_with("4 april 2020."));
    }

    #[test]
    fn sub_points_and_bullets_stay_with_their_point() {
        let letter = parse_letter(
            "1. Procedure: wij hechten aan realisme.\n\
             2. Wij zien goede ontwikkelingen:\n• de afschaffing van de solidariteit;\n• de nieuwe inkoopstrategie.\n\
             3. In dit perspectief vragen wij aandacht voor:\n\
             a. de maatregelen;\nb. de risico's, zoals\n- corona;\n- de boeggolf.\n\
             4.c is hier geen label maar tekst? Nee: 4 komt nog.\n\
             4. Tot slot:\n4.a eerste;\n4.b tweede.\n",
        );
        assert_eq!(labels(&letter), ["1", "2", "3", "3/a", "3/b", "4", "4/4.a", "4/4.b"]);
        let two = &letter.sections[0].points[1].text;
        assert_eq!(
            two,
            "Wij zien goede ontwikkelingen:\n• de afschaffing van de solidariteit;\n• de nieuwe inkoopstrategie."
        );
        let b = &letter.sections[0].points[2].children[1].text;
        assert!(b.contains("\n- corona;\n- de boeggolf.") && b.contains("4.c is hier geen label"), "{b}");
        assert_eq!(letter.sections[0].points[0].text, "Procedure: wij hechten aan realisme.");
    }

    #[test]
    fn an_attached_section_gets_its_own_numbering() {
        let letter = parse_letter(
            "1. Eerste punt.\n2. Tweede punt.\n\nOverdenkingen van de Regionale Werkgroep Jeugd\n\n\
             1. REALISTISCH BEZUINIGEN. Tekst.\n2. UITBLIJVENDE BESLUITEN. Tekst.\n",
        );
        assert_eq!(letter.sections.len(), 2);
        assert_eq!(letter.sections[0].heading, None);
        assert_eq!(letter.sections[1].heading.as_deref(), Some("Overdenkingen van de Regionale Werkgroep Jeugd"));
        assert_eq!(letter.sections[1].points.len(), 2);
    }

    #[test]
    fn a_letter_without_points_is_all_intro() {
        let letter = parse_letter("Wij stemmen in met de begrotingswijziging.\n");
        assert_eq!(letter.sections, []);
        assert_eq!(letter.intro.as_deref(), Some("Wij stemmen in met de begrotingswijziging."));
        assert_eq!(parse_letter("").intro, None);
    }
}

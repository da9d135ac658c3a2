//! Word (.docx): the paragraphs of word/document.xml, with Word's automatic numbering
//! (numbering.xml and the paragraph styles of styles.xml) turned into the labels Word shows.

use super::{attr, format_number, push_reference, read_part};
use std::collections::{HashMap, HashSet};

/// One level of a Word list: its number format («decimal», «lowerLetter», …), the text Word shows
/// («%1.», «%1.%2», «%2)») and where it starts.
#[derive(Debug, Clone, Default)]
struct ListLevel {
    format: String,
    text: String,
    start: u32,
}

/// A paragraph style's numbering: (basedOn, numId, ilvl).
type StyleNumbering = (Option<String>, Option<String>, Option<u8>);

/// Word's automatic numbering: the list numbers are not in the text but in `numbering.xml`
/// (abstract lists with their levels, and list instances that may restart them) and in the
/// paragraph styles of `styles.xml`.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, ListLevel>>,
    /// numId → (abstractNumId, start overrides per level)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    styles: HashMap<String, StyleNumbering>,
    counters: HashMap<String, [Option<u32>; 9]>,
    used_nums: HashSet<String>,
}

impl Numbering {
    fn read(numbering_xml: Option<&str>, styles_xml: Option<&str>) -> Result<Self, String> {
        use quick_xml::events::Event;
        let mut n = Numbering::default();
        if let Some(xml) = numbering_xml {
            let mut reader = quick_xml::Reader::from_str(xml);
            let (mut abstract_id, mut level, mut num_id, mut override_level) =
                (None::<String>, None::<u8>, None::<String>, None::<u8>);
            loop {
                let event = reader.read_event().map_err(|_| "numbering.xml is geen geldige XML".to_string())?;
                let (e, empty) = match &event {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    Event::End(e) => {
                        match e.name().as_ref() {
                            "w:abstractNum" => abstract_id = None,
                            "w:lvl" => level = None,
                            "w:num" => num_id = None,
                            "w:lvlOverride" => override_level = None,
                            _ => {}
                        }
                        continue;
                    }
                    Event::Eof => break,
                    _ => continue,
                };
                let val = || attr(e, "w:val");
                match e.name().as_ref() {
                    "w:abstractNum" if !empty => abstract_id = attr(e, "w:abstractNumId"),
                    "w:num" if !empty => num_id = attr(e, "w:numId"),
                    "w:lvlOverride" if !empty => override_level = attr(e, "w:ilvl").and_then(|v| v.parse().ok()),
                    "w:lvl" if !empty && num_id.is_none() => level = attr(e, "w:ilvl").and_then(|v| v.parse().ok()),
                    "w:abstractNumId" => {
                        if let (Some(num), Some(v)) = (&num_id, val()) {
                            n.nums.entry(num.clone()).or_default().0 = v;
                        }
                    }
                    "w:startOverride" => {
                        if let (Some(num), Some(l), Some(v)) =
                            (&num_id, override_level, val().and_then(|v| v.parse().ok()))
                        {
                            n.nums.entry(num.clone()).or_default().1.insert(l, v);
                        }
                    }
                    key @ ("w:start" | "w:numFmt" | "w:lvlText") => {
                        if let (Some(a), Some(l), Some(v)) = (&abstract_id, level, val()) {
                            let lvl = n
                                .abstracts
                                .entry(a.clone())
                                .or_default()
                                .entry(l)
                                .or_insert_with(|| ListLevel { start: 1, ..Default::default() });
                            match key {
                                "w:start" => lvl.start = v.parse().unwrap_or(1),
                                "w:numFmt" => lvl.format = v,
                                _ => lvl.text = v,
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(xml) = styles_xml {
            let mut reader = quick_xml::Reader::from_str(xml);
            let mut style: Option<String> = None;
            loop {
                let event = reader.read_event().map_err(|_| "styles.xml is geen geldige XML".to_string())?;
                match &event {
                    Event::Start(e) if e.name().as_ref() == "w:style" => style = attr(e, "w:styleId"),
                    Event::End(e) if e.name().as_ref() == "w:style" => style = None,
                    Event::Start(e) | Event::Empty(e) => {
                        let Some(id) = &style else { continue };
                        let entry = n.styles.entry(id.clone()).or_default();
                        match e.name().as_ref() {
                            "w:basedOn" => entry.0 = attr(e, "w:val"),
                            "w:numId" => entry.1 = attr(e, "w:val"),
                            "w:ilvl" => entry.2 = attr(e, "w:val").and_then(|v| v.parse().ok()),
                            _ => {}
                        }
                    }
                    Event::Eof => break,
                    _ => {}
                }
            }
        }
        Ok(n)
    }

    /// The numbering a paragraph gets from its style (following `basedOn`).
    fn of_style(&self, style: &str) -> (Option<String>, Option<u8>) {
        let (mut num, mut lvl) = (None, None);
        let mut current = Some(style.to_string());
        for _ in 0..16 {
            let Some(id) = current else { break };
            let Some((based_on, s_num, s_lvl)) = self.styles.get(&id) else { break };
            num = num.or_else(|| s_num.clone());
            lvl = lvl.or(*s_lvl);
            current = based_on.clone();
        }
        (num, lvl)
    }

    /// The label Word shows for the next paragraph of list `num_id` at level `ilvl`, counting it.
    fn label(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(8);
        let (abstract_id, overrides) = self.nums.get(num_id)?.clone();
        let levels = self.abstracts.get(&abstract_id)?.clone();
        let level = levels.get(&ilvl)?.clone();
        let counters = self.counters.entry(abstract_id).or_insert([None; 9]);
        // A list instance with a start override restarts the list the first time it is used.
        if self.used_nums.insert(num_id.to_string()) {
            for (&l, &start) in &overrides {
                if let Some(c) = counters.get_mut(l as usize) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let i = ilvl as usize;
        counters[i] = Some(counters[i].map_or(level.start, |c| c.saturating_add(1)));
        for deeper in counters.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        match level.format.as_str() {
            "bullet" => return Some("•".into()),
            "none" => return (!level.text.is_empty() && !level.text.contains('%')).then(|| level.text.clone()),
            _ => {}
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d)) {
                    chars.next();
                    let l = (d - 1) as u8;
                    let fmt = levels.get(&l).map(|x| x.format.as_str()).unwrap_or("decimal");
                    let start = levels.get(&l).map_or(1, |x| x.start);
                    let value = counters[l as usize].unwrap_or(start);
                    out.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        Some(out)
    }
}

/// Paragraphs of word/document.xml, one per line, each with the list label Word shows in front
/// («2.1», «a.», «I.») followed by a tab; tabs and breaks kept.
pub(super) fn docx_text(content: &[u8]) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(content))
        .map_err(|_| "het bestand is geen Word-document (geen leesbaar zip-archief)".to_string())?;
    let xml = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "het zip-archief bevat geen Word-document (word/document.xml ontbreekt)".to_string())?;
    let numbering = read_part(&mut archive, "word/numbering.xml")?;
    let styles = read_part(&mut archive, "word/styles.xml")?;
    let mut numbering = Numbering::read(numbering.as_deref(), styles.as_deref())?;

    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let (mut in_text, mut in_ppr) = (false, false);
    let (mut style, mut num_id, mut ilvl): (Option<String>, Option<String>, Option<u8>) = (None, None, None);
    loop {
        let event = reader.read_event().map_err(|_| "word/document.xml is geen geldige XML".to_string())?;
        match event {
            Event::Start(e) if e.name().as_ref() == "w:p" => {
                paragraph.clear();
                (style, num_id, ilvl) = (None, None, None);
            }
            Event::Start(e) if e.name().as_ref() == "w:pPr" => in_ppr = true,
            Event::End(e) if e.name().as_ref() == "w:pPr" => in_ppr = false,
            Event::Start(e) | Event::Empty(e) if in_ppr => match e.name().as_ref() {
                "w:pStyle" => style = attr(&e, "w:val"),
                "w:numId" => num_id = attr(&e, "w:val"),
                "w:ilvl" => ilvl = attr(&e, "w:val").and_then(|v| v.parse().ok()),
                _ => {}
            },
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::End(e) if e.name().as_ref() == "w:p" => {
                let (style_num, style_lvl) = style.as_deref().map(|s| numbering.of_style(s)).unwrap_or_default();
                let num = num_id.clone().or(style_num).filter(|n| n != "0");
                let label = num.and_then(|num| numbering.label(&num, ilvl.or(style_lvl).unwrap_or(0)));
                if let Some(label) = label.filter(|l| !l.is_empty() && !paragraph.trim().is_empty()) {
                    out.push_str(&label);
                    out.push(if label == "•" { ' ' } else { '\t' });
                }
                out.push_str(&paragraph);
                out.push('\n');
                paragraph.clear();
            }
            Event::Empty(e) if e.name().as_ref() == "w:tab" => paragraph.push('\t'),
            Event::Empty(e) if matches!(e.name().as_ref(), "w:br" | "w:cr") => paragraph.push('\n'),
            Event::Empty(e) if e.name().as_ref() == "w:noBreakHyphen" => paragraph.push('-'),
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => push_reference(&mut paragraph, &r),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

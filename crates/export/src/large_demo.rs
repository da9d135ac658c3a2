//! `bestuursmap demo --large`: an AB meeting of the size a busy year brings (40 items, each with
//! an attachment of 10–11 pages, 420 pages in all), to measure the briefing pack against.
//! Everything in it is demo; the attachment texts are the real zienswijze texts of 2020 reused.

use crate::pdf::layout::{lay_out, Block};
use crate::pdf::render::{render, Decoration};
use bestuursmap_core::domain::{ItemKind, ItemLevel, MeetingStatus};
use bestuursmap_core::meetings::{NewAgendaItem, NewMeeting};
use bestuursmap_core::{CoreError, Store};
use std::collections::HashMap;

const ZIENSWIJZEN: &str = include_str!("../../../assets/demo/fixtures/zienswijzen-2020-deel.json");
pub const ITEMS: usize = 40;

fn texts() -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(ZIENSWIJZEN).expect("bundled fixture is valid JSON");
    let mut out = Vec::new();
    for gemeente in json["gemeenten"].as_array().into_iter().flatten() {
        for item in gemeente["items"].as_array().into_iter().flatten() {
            for key in ["inbreng", "inbreng_intro"] {
                if let Some(t) = item[key].as_str() {
                    out.push(t.to_string());
                }
            }
            if let Some(r) = item["reactie"]["text"].as_str() {
                out.push(r.to_string());
            }
        }
    }
    out
}

/// A text-only attachment of exactly `pages` pages.
pub fn attachment_pdf(title: &str, pages: usize, paragraphs: &[String]) -> Vec<u8> {
    let mut blocks = Vec::new();
    for page in 0..pages {
        if page > 0 {
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Heading { text: format!("{title} — pagina {}", page + 1), level: 2 });
        // Six paragraphs fill most of a page without spilling over.
        for k in 0..4 {
            blocks
                .push(Block::text(paragraphs[(page * 4 + k) % paragraphs.len()].chars().take(650).collect::<String>()));
        }
    }
    let layout = lay_out(&blocks, &HashMap::new());
    render(&layout, title, &Decoration { footer_left: "Demo-bijlage".into(), ..Decoration::default() })
}

/// Adds the large AB meeting; returns its id. The store must hold the demo data.
pub fn add_large_meeting(store: &mut Store) -> Result<i64, CoreError> {
    let paragraphs = texts();
    let ab = store.body_by_code("AB")?;
    let start =
        chrono::NaiveDate::from_ymd_opt(2021, 1, 28).and_then(|d| d.and_hms_opt(19, 30, 0)).expect("valid date");
    store.atomically(|store| {
        let meeting = store.add_meeting(&NewMeeting {
            body_id: ab.id,
            title: "Algemeen Bestuur DG&J — grote vergadering (benchmark)".into(),
            starts_at: start,
            ends_at: None,
            location: Some("Demo".into()),
            status: Some(MeetingStatus::Gepubliceerd),
            demo_note: Some("Geheel demo: een grote vergadering om de vergaderstukken mee te meten.".into()),
        })?;
        for n in 0..ITEMS {
            let item = store.add_agenda_item(
                meeting,
                &NewAgendaItem {
                    level: Some(ItemLevel::Strategisch),
                    proposal_md: Some(paragraphs[n % paragraphs.len()].clone()),
                    decision_points: vec![
                        "Kennis te nemen van de bijlage.".into(),
                        "In te stemmen met het voorstel.".into(),
                    ],
                    ..NewAgendaItem::new(format!("Agendapunt {} (demo)", n + 1), ItemKind::TerBesluitvorming)
                },
            )?;
            let pages = 10 + n % 2;
            let pdf = attachment_pdf(&format!("Bijlage bij agendapunt {}", n + 1), pages, &paragraphs);
            let id = store.add_attachment(item, &format!("bijlage-{:02}.pdf", n + 1), &pdf, Some(pages as u32))?;
            if let Some(texts) = crate::text::page_texts("bijlage.pdf", &pdf) {
                store.set_attachment_text(id, &texts)?;
            }
        }
        Ok(meeting)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_have_the_pages_they_claim() {
        let pdf = attachment_pdf("Test", 11, &texts());
        assert_eq!(crate::inspect::pdf_page_count(&pdf), Ok(11));
    }
}

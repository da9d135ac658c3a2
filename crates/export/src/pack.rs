//! The briefing pack (vergaderstukken) of one meeting: cover, table of contents, agenda, and per
//! item a cover sheet followed by its attachments as real pages. Optionally personal: for one
//! reader, leaving out what that reader may not see and highlighting their own municipality.

use crate::pdf::assemble::{assemble, Bookmark};
use crate::pdf::layout::{
    lay_out_stable, Align, Block, Column, Run, Table, TocEntry, Tone, A4, BLACK, BODY_SIZE, MUTED,
};
use crate::pdf::render::{render, Decoration};
use bestuursmap_core::domain::{Confidentiality, MeetingStatus};
use bestuursmap_core::meetings::rules;
use bestuursmap_core::meetings::AgendaItemView;
use bestuursmap_core::reference::Person;
use bestuursmap_core::{format, CoreError, Store};
use chrono::NaiveDateTime;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error("De vergaderstukken konden niet worden samengesteld: {0}")]
    Assemble(#[from] crate::pdf::assemble::AssembleError),
    #[error("Kan {path} niet schrijven: {reason}")]
    Write { path: String, reason: String },
}

#[derive(Clone, Debug)]
pub struct PackOptions {
    /// A personal pack for this person.
    pub reader: Option<i64>,
    /// Mark every page CONCEPT, whatever the meeting's status.
    pub draft: bool,
    /// Print the private notes of this laptop on the item pages (a personal pack only; the
    /// notes never leave the laptop otherwise).
    pub with_notes: bool,
    pub made_at: NaiveDateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PackReport {
    pub pages: usize,
    pub items: usize,
    pub attachments_merged: usize,
    /// Attachments that could not be merged, with the reason (also on their placeholder page).
    pub warnings: Vec<String>,
}

struct Reader {
    person: Person,
    municipality: Option<String>,
    is_member: bool,
}

/// Markdown to the plain text a printed page shows: emphasis markers dropped, lists kept.
fn plain(markdown: &str) -> String {
    markdown
        .lines()
        .map(|l| l.trim_start_matches('#').trim_start().replace("**", "").replace("__", ""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn money_nbsp(text: &str) -> String {
    text.replace("€ ", "€\u{a0}")
}

/// Loads a PDF attachment for merging, or says why it cannot be merged.
fn load_attachment(name: &str, media_type: &str, content: &[u8]) -> Result<(lopdf::Document, Vec<(f32, f32)>), String> {
    if media_type != "application/pdf" {
        return Err(format!(
            "'{name}' is geen PDF en kan niet als pagina's worden opgenomen; open het bestand in Bestuursmap"
        ));
    }
    // Whatever qpdf can open is merged (repaired first when lopdf cannot parse it); a file that
    // needs a password, or that is beyond repair, gets the placeholder page with this reason.
    let doc = crate::inspect::load_pdf(content).map_err(|e| match e {
        crate::inspect::InspectError::Encrypted => {
            format!("'{name}' is versleuteld met een wachtwoord en kan niet worden opgenomen")
        }
        crate::inspect::InspectError::Damaged(reason) => format!("'{name}' is beschadigd of onleesbaar ({reason})"),
    })?;
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    if pages.is_empty() {
        return Err(format!("'{name}' bevat geen pagina's"));
    }
    let sizes = pages
        .iter()
        .map(|&id| {
            let mut current = Some(id);
            let mut media = None;
            while let Some(pid) = current {
                let Ok(dict) = doc.get_dictionary(pid) else { break };
                if let Ok(b) = dict.get(b"MediaBox").and_then(lopdf::Object::as_array) {
                    media = Some(b.clone());
                    break;
                }
                current = dict.get(b"Parent").and_then(lopdf::Object::as_reference).ok();
            }
            let nums: Vec<f32> = media
                .unwrap_or_default()
                .iter()
                .filter_map(|o| o.as_float().ok().or_else(|| o.as_i64().ok().map(|i| i as f32)))
                .collect();
            match nums.as_slice() {
                [x0, y0, x1, y1] if (x1 - x0) > 10.0 && (y1 - y0) > 10.0 => ((x1 - x0).abs(), (y1 - y0).abs()),
                _ => A4,
            }
        })
        .collect();
    Ok((doc, sizes))
}

/// Builds the pack; `progress` is told how far it is (0.0 – 1.0).
pub fn build_pack(
    store: &Store,
    meeting_id: i64,
    options: &PackOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<(Vec<u8>, PackReport), PackError> {
    let meeting = store.meeting_on(meeting_id, options.made_at.date())?;
    let body = store.body_by_code(&meeting.meeting.body_code)?;
    let date = meeting.meeting.starts_at.date();
    let reader = match options.reader {
        Some(id) => {
            let person = store
                .persons()?
                .into_iter()
                .find(|p| p.id == id)
                .ok_or_else(|| CoreError::NotFound { what: "Lezer", id: id.to_string() })?;
            let municipality = person
                .organisation_id
                .and_then(|org| store.organisations().ok()?.into_iter().find(|o| o.id == org).map(|o| o.name));
            let is_member = store.members_on(body.id, date)?.iter().any(|m| m.person_id == id);
            Some(Reader { person, municipality, is_member })
        }
        None => None,
    };
    let readable =
        |item: &AgendaItemView| reader.as_ref().is_none_or(|r| rules::may_read(item.confidentiality, r.is_member));
    let items: Vec<&AgendaItemView> = meeting
        .items
        .iter()
        .filter(|i| readable(i) && i.parent_id.is_none_or(|p| meeting.items.iter().any(|x| x.id == p && readable(x))))
        .collect();
    let left_out = meeting.items.len() - items.len();
    let (notes, changes) = if options.with_notes {
        (store.notes_for_meeting(meeting_id)?, store.item_changes(meeting_id)?)
    } else {
        (Vec::new(), Vec::new())
    };

    let mut warnings = Vec::new();
    let mut attachment_docs = HashMap::new();
    let mut blocks = Vec::new();
    let mut toc = Vec::new();
    let mut bookmarks = Vec::new();
    let confidential = items.iter().any(|i| i.confidentiality != Confidentiality::Openbaar);
    let m = &meeting.meeting;
    let when = format!(
        "{}, {}{}",
        format::weekday_date(date),
        format::time(m.starts_at),
        m.ends_at.map(|e| format!("–{}", format::time(e))).unwrap_or_default()
    );
    let header_base = format!("{} {}", m.body, format::short_date(date));

    // Cover.
    blocks.push(Block::RunningHeader(format!("{} — vergaderstukken", m.body_name)));
    blocks.push(Block::Space(120.0));
    blocks.push(Block::Paragraph {
        runs: vec![Run::plain(m.body_name.clone())],
        size: 13.0,
        align: Align::Left,
        color: MUTED,
    });
    blocks.push(Block::Heading { text: m.title.clone(), level: 1 });
    blocks.push(Block::Paragraph {
        runs: vec![Run::bold("Vergaderstukken")],
        size: 13.0,
        align: Align::Left,
        color: BLACK,
    });
    blocks.push(Block::Space(16.0));
    let mut facts = vec![
        ("Orgaan".to_string(), format!("{} ({})", m.body_name, m.body)),
        ("Datum en tijd".to_string(), when.clone()),
        ("Plaats".to_string(), m.location.clone().unwrap_or_else(|| "—".into())),
        ("Status".to_string(), m.status_label.clone()),
        (
            "Vertrouwelijkheid".to_string(),
            if confidential { "Bevat vertrouwelijke of besloten stukken".into() } else { "Openbaar".into() },
        ),
    ];
    if let Some(chair) = &meeting.chair {
        facts.push(("Voorzitter".into(), chair.clone()));
    }
    if let Some(secretary) = &meeting.secretary {
        facts.push(("Secretaris".into(), secretary.clone()));
    }
    facts.push((
        "Versie".into(),
        format!("{}{}", m.status_label.to_lowercase(), if options.draft { " (concept-export)" } else { "" }),
    ));
    facts.push((
        "Gemaakt op".into(),
        format!("{} om {}", format::date(options.made_at.date()), format::time(options.made_at)),
    ));
    if let Some(r) = &reader {
        facts.push((
            "Persoonlijke map voor".into(),
            format!(
                "{}{}",
                r.person.name,
                r.municipality.as_ref().map(|g| format!(" (gemeente {g})")).unwrap_or_default()
            ),
        ));
    }
    blocks.push(Block::Fields(facts));
    if !m.takes_decisions {
        blocks.push(Block::Callout {
            title: format!("{} is {}.", m.body, rules::NOT_DECISION_MAKING),
            text: "In deze sessie worden geen besluiten genomen; niet alle gemeenten nemen deel. Uitkomsten zijn bespreekpunten.".into(),
            tone: Tone::Warning,
        });
    }
    if left_out > 0 {
        blocks.push(Block::Callout {
            title: format!("{left_out} agendapunt(en) niet opgenomen.")
                .replace("1 agendapunt(en)", "1 agendapunt")
                .replace("(en)", "en"),
            text: "Deze punten zijn vertrouwelijk of besloten en alleen voor leden van het orgaan.".into(),
            tone: Tone::Info,
        });
    }
    if let Some(note) = &m.demo_note {
        blocks.push(Block::small(format!("Demo: {note}")));
    }

    // Table of contents and agenda.
    let toc_index = blocks.len();
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading { text: "Inhoud".into(), level: 1 });
    blocks.push(Block::Toc(Vec::new())); // filled in below
    blocks.push(Block::Anchor("agenda".into()));
    blocks.push(Block::Heading { text: "Agenda".into(), level: 1 });
    blocks.push(Block::Table(Table {
        columns: vec![
            Column { title: "Nr.".into(), width: 0.07, align: Align::Left },
            Column { title: "Onderwerp".into(), width: 0.45, align: Align::Left },
            Column { title: "Soort".into(), width: 0.18, align: Align::Left },
            Column { title: "Niveau".into(), width: 0.13, align: Align::Left },
            Column { title: "Portefeuillehouder".into(), width: 0.17, align: Align::Left },
        ],
        rows: items
            .iter()
            .map(|i| {
                vec![
                    i.number.clone(),
                    i.title.clone(),
                    i.kind_label.clone(),
                    i.level_label.clone().unwrap_or_default(),
                    i.portefeuillehouder.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        highlighted: vec![],
    }));
    toc.push(TocEntry { level: 1, label: String::new(), title: "Agenda".into(), anchor: "agenda".into() });
    bookmarks.push(Bookmark { title: "Agenda".into(), anchor: "agenda".into(), children: vec![] });

    let total_attachments: usize = items.iter().map(|i| i.attachments.len()).sum::<usize>().max(1);
    let mut done = 0usize;
    let mut merged = 0usize;
    for item in &items {
        let anchor = format!("item-{}", item.id);
        blocks.push(Block::PageBreak);
        blocks.push(Block::RunningHeader(format!("{header_base} — {}. {}", item.number, item.title)));
        blocks.push(Block::Anchor(anchor.clone()));
        blocks.push(Block::Heading { text: format!("{}. {}", item.number, item.title), level: 1 });
        let mut fields = vec![("Soort".to_string(), item.kind_label.clone())];
        if let Some(level) = &item.level_label {
            fields.push(("Niveau".into(), level.clone()));
        }
        if let Some(holder) = &item.portefeuillehouder {
            fields.push(("Portefeuillehouder".into(), holder.clone()));
        }
        fields.push(("Vertrouwelijkheid".into(), item.confidentiality_label.clone()));
        if let Some(outcome) = &item.outcome_label {
            fields.push(("Uitkomst".into(), outcome.clone()));
        }
        blocks.push(Block::Fields(fields));
        if !m.takes_decisions {
            blocks.push(Block::Callout {
                title: "Niet besluitvormend.".into(),
                text: format!("Dit punt staat op de agenda van {}; er wordt niet over besloten.", m.body),
                tone: Tone::Warning,
            });
        }
        for warning in &item.warnings {
            blocks.push(Block::Callout { title: "Let op:".into(), text: warning.clone(), tone: Tone::Warning });
        }
        if let Some(proposal) = &item.proposal_md {
            blocks.push(Block::Heading { text: "Voorstel".into(), level: 3 });
            blocks.push(Block::text(money_nbsp(&plain(proposal))));
        }
        if !item.decision_points.is_empty() {
            blocks.push(Block::Heading { text: "Beslispunten".into(), level: 3 });
            for (n, point) in item.decision_points.iter().enumerate() {
                blocks.push(Block::Paragraph {
                    runs: vec![Run::bold(format!("{}. ", n + 1)), Run::plain(money_nbsp(&plain(point)))],
                    size: BODY_SIZE,
                    align: Align::Justify,
                    color: BLACK,
                });
            }
        }
        if let Some(decision) = &item.decision_md {
            blocks
                .push(Block::Heading { text: if m.takes_decisions { "Besluit" } else { "Verslag" }.into(), level: 3 });
            blocks.push(Block::Callout { title: String::new(), text: money_nbsp(&plain(decision)), tone: Tone::Info });
        }
        if let Some(tally) = &item.tally {
            blocks.push(Block::Heading { text: "Stemming (gewogen)".into(), level: 3 });
            let own = reader.as_ref().and_then(|r| r.municipality.clone());
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column { title: "Gemeente".into(), width: 0.5, align: Align::Left },
                    Column { title: "Stem".into(), width: 0.3, align: Align::Left },
                    Column { title: "Gewicht".into(), width: 0.2, align: Align::Right },
                ],
                rows: item
                    .votes
                    .iter()
                    .map(|v| {
                        vec![
                            v.municipality.clone(),
                            v.choice.label().to_string(),
                            v.weight.to_string().replace('.', ","),
                        ]
                    })
                    .collect(),
                highlighted: item
                    .votes
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| Some(&v.municipality) == own.as_ref())
                    .map(|(i, _)| i)
                    .collect(),
            }));
            blocks.push(Block::Paragraph {
                runs: vec![
                    Run::bold(format!("{}: ", tally.result_label)),
                    Run::plain(format!(
                        "voor {}, tegen {}, onthouding {}, afwezig {} van {}.{}",
                        tally.voor,
                        tally.tegen,
                        tally.onthouding,
                        tally.afwezig,
                        tally.total,
                        tally.dissent_sentence.as_ref().map(|d| format!(" …{d}.")).unwrap_or_default()
                    )),
                ],
                size: BODY_SIZE,
                align: Align::Left,
                color: BLACK,
            });
            if tally.uses_example_weights {
                blocks.push(Block::small(
                    "Stemgewichten zijn voorbeeldwaarden; de werkelijke gewichten staan niet in de bronnen.",
                ));
            }
        }
        if item.route.len() > 1 {
            blocks.push(Block::Heading { text: "Route van dit voorstel".into(), level: 3 });
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column { title: "Orgaan".into(), width: 0.2, align: Align::Left },
                    Column { title: "Datum".into(), width: 0.2, align: Align::Left },
                    Column { title: "Agendapunt".into(), width: 0.4, align: Align::Left },
                    Column { title: "Uitkomst".into(), width: 0.2, align: Align::Left },
                ],
                rows: item
                    .route
                    .iter()
                    .map(|s| {
                        vec![
                            s.body.clone(),
                            format::short_date(s.starts_at.date()),
                            if s.agenda_item_id == item.id {
                                format!("{} (dit punt)", s.title)
                            } else {
                                s.title.clone()
                            },
                            s.outcome_label.clone().unwrap_or_else(|| "—".into()),
                        ]
                    })
                    .collect(),
                highlighted: item
                    .route
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.agenda_item_id == item.id)
                    .map(|(i, _)| i)
                    .collect(),
            }));
        }
        if !item.measures.is_empty() {
            blocks.push(Block::Heading { text: "Maatregelen".into(), level: 3 });
            let show = |m: Option<bestuursmap_core::Money>| {
                m.map(|m| money_nbsp(&m.to_dutch())).unwrap_or_else(|| "onbekend".into())
            };
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column { title: "Code".into(), width: 0.07, align: Align::Left },
                    Column { title: "Maatregel".into(), width: 0.3, align: Align::Left },
                    Column { title: "Trekker".into(), width: 0.15, align: Align::Left },
                    Column { title: "Status".into(), width: 0.15, align: Align::Left },
                    Column {
                        title: "Besparing per jaar (taakstelling / gerealiseerd)".into(),
                        width: 0.33,
                        align: Align::Left,
                    },
                ],
                rows: item
                    .measures
                    .iter()
                    .map(|ms| {
                        let savings: Vec<String> = ms
                            .years
                            .iter()
                            .map(|y| format!("{}: {} / {}", y.year, show(y.target), show(y.realised)))
                            .collect();
                        vec![
                            ms.code.clone(),
                            ms.title.clone(),
                            ms.trekker.clone().unwrap_or_else(|| "—".into()),
                            format!("{} ({})", ms.status_label, ms.traffic_light_label.to_lowercase()),
                            if savings.is_empty() { "niet bekend".into() } else { savings.join("\n") },
                        ]
                    })
                    .collect(),
                highlighted: vec![],
            }));
        }
        let actions: Vec<_> =
            meeting.actions.iter().filter(|a| a.agenda_item_id == Some(item.id) && a.status.is_pending()).collect();
        if !actions.is_empty() {
            blocks.push(Block::Heading { text: "Open acties en toezeggingen".into(), level: 3 });
            blocks.push(Block::Table(Table {
                columns: vec![
                    Column { title: "Wat".into(), width: 0.55, align: Align::Left },
                    Column { title: "Wie".into(), width: 0.25, align: Align::Left },
                    Column { title: "Uiterlijk".into(), width: 0.2, align: Align::Left },
                ],
                rows: actions
                    .iter()
                    .map(|a| {
                        vec![
                            format!("{}{}", if a.is_commitment { "Toezegging: " } else { "" }, a.description),
                            [a.organisation.clone(), a.role.clone()]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(" — "),
                            a.due_date
                                .map(|d| {
                                    format!("{}{}", format::short_date(d), if a.overdue { " (te laat)" } else { "" })
                                })
                                .unwrap_or_else(|| "—".into()),
                        ]
                    })
                    .collect(),
                highlighted: actions.iter().enumerate().filter(|(_, a)| a.overdue).map(|(i, _)| i).collect(),
            }));
        }
        if options.with_notes {
            note_blocks(&mut blocks, notes.iter().filter(|n| n.item_id == Some(item.id)), &changes, item.id);
        }
        if let Some(note) = &item.demo_note {
            blocks.push(Block::small(format!("Demo: {note}")));
        }

        let mut children = Vec::new();
        if !item.attachments.is_empty() {
            blocks.push(Block::Heading { text: "Bijlagen".into(), level: 3 });
            for a in &item.attachments {
                blocks.push(Block::Paragraph {
                    runs: vec![Run::plain(format!(
                        "• {}{}",
                        a.file_name,
                        a.page_count
                            .map(|p| format!(" ({p} pagina{})", if p == 1 { "" } else { "'s" }))
                            .unwrap_or_default()
                    ))],
                    size: BODY_SIZE,
                    align: Align::Left,
                    color: BLACK,
                });
            }
        }
        let mut entries = Vec::new();
        for a in &item.attachments {
            let att_anchor = format!("att-{}", a.id);
            let content = store.attachment_content(a.id)?;
            blocks.push(Block::RunningHeader(format!("{header_base} — {}. bijlage {}", item.number, a.file_name)));
            match load_attachment(&a.file_name, &a.media_type, &content) {
                Ok((doc, sizes)) => {
                    attachment_docs.insert(att_anchor.clone(), doc);
                    blocks.push(Block::ReservedPages { anchor: att_anchor.clone(), sizes });
                    merged += 1;
                }
                Err(reason) => {
                    warnings.push(format!("Agendapunt {}: {reason}.", item.number));
                    blocks.push(Block::PageBreak);
                    blocks.push(Block::Anchor(att_anchor.clone()));
                    blocks.push(Block::Heading { text: format!("Bijlage: {}", a.file_name), level: 2 });
                    blocks.push(Block::Callout {
                        title: "Deze bijlage is niet opgenomen.".into(),
                        text: format!("Reden: {reason}."),
                        tone: Tone::Warning,
                    });
                    blocks.push(Block::Fields(vec![
                        ("Bestand".into(), a.file_name.clone()),
                        ("Type".into(), a.media_type.clone()),
                        ("Grootte".into(), format!("{} bytes", a.size_bytes)),
                        ("SHA-256".into(), a.sha256.clone()),
                    ]));
                }
            }
            entries.push(TocEntry {
                level: 2,
                label: String::new(),
                title: format!("Bijlage: {}", a.file_name),
                anchor: att_anchor.clone(),
            });
            children.push(Bookmark { title: a.file_name.clone(), anchor: att_anchor, children: vec![] });
            done += 1;
            progress(0.6 * done as f32 / total_attachments as f32);
        }
        toc.push(TocEntry { level: 1, label: item.number.clone(), title: item.title.clone(), anchor: anchor.clone() });
        toc.extend(entries);
        bookmarks.push(Bookmark { title: format!("{}. {}", item.number, item.title), anchor, children });
    }
    // Notes whose item left the agenda in a newer issue are printed last, not dropped.
    let orphans: Vec<_> = notes.iter().filter(|n| n.item_id.is_none()).collect();
    if !orphans.is_empty() {
        blocks.push(Block::PageBreak);
        blocks.push(Block::RunningHeader(format!("{header_base} — notities bij vervallen agendapunten")));
        blocks.push(Block::Anchor("vervallen-notities".into()));
        blocks.push(Block::Heading { text: "Notities bij vervallen agendapunten".into(), level: 1 });
        for change in changes.iter().filter(|c| c.what == "vervallen") {
            blocks.push(Block::small(change.label.clone()));
        }
        note_blocks(&mut blocks, orphans.into_iter(), &[], 0);
        toc.push(TocEntry {
            level: 1,
            label: String::new(),
            title: "Notities bij vervallen agendapunten".into(),
            anchor: "vervallen-notities".into(),
        });
    }
    blocks[toc_index + 2] = Block::Toc(toc);

    let layout = lay_out_stable(&blocks);
    progress(0.7);
    let mut watermarks = Vec::new();
    if options.draft || m.status == MeetingStatus::Concept {
        watermarks.push("CONCEPT".to_string());
    }
    if confidential {
        watermarks.push("VERTROUWELIJK".to_string());
    }
    let deco = Decoration {
        footer_left: format!(
            "Bestuursmap · {} · {} · gemaakt {} {}{}",
            header_base,
            m.status_label.to_lowercase(),
            format::short_date(options.made_at.date()),
            format::time(options.made_at),
            reader.as_ref().map(|r| format!(" · voor {}", r.person.name)).unwrap_or_default()
        ),
        header_right: format!("{} · {}", m.body, format::date(date)),
        watermarks,
    };
    let generated = render(&layout, &format!("Vergaderstukken {} {}", m.body, format::short_date(date)), &deco);
    progress(0.85);
    let pdf = assemble(&generated, &layout, attachment_docs, &bookmarks)?;
    progress(1.0);
    Ok((pdf, PackReport { pages: layout.pages.len(), items: items.len(), attachments_merged: merged, warnings }))
}

/// Builds the pack and writes it atomically: a half-written file never replaces a good one.
/// The "Mijn notities" part of an item page: what the secretariat changed in the latest issue,
/// then each note with its place (attachment, page, quoted passage) and any anchor warning.
fn note_blocks<'a>(
    blocks: &mut Vec<Block>,
    notes: impl Iterator<Item = &'a bestuursmap_core::offline::NoteView>,
    changes: &[bestuursmap_core::offline::ItemChange],
    item_id: i64,
) {
    let notes: Vec<_> = notes.collect();
    if notes.is_empty() {
        return;
    }
    blocks.push(Block::Heading { text: "Mijn notities".into(), level: 3 });
    let changed: Vec<_> = changes.iter().filter(|c| c.item_id == Some(item_id)).collect();
    if let Some(first) = changed.first() {
        blocks.push(Block::Callout {
            title: format!("Gewijzigd in versie {}:", first.issue),
            text: changed.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join(" "),
            tone: Tone::Warning,
        });
    }
    for note in notes {
        let mut place = Vec::new();
        if let Some(name) = &note.attachment_name {
            place.push(name.clone());
        }
        if let Some(page) = note.page {
            place.push(format!("p. {page}"));
        }
        let mut runs = Vec::new();
        if !place.is_empty() {
            runs.push(Run::bold(format!("{}: ", place.join(", "))));
        }
        if let Some(quote) = &note.quote {
            runs.push(Run::plain(format!("«{quote}» — ")));
        }
        runs.push(Run::plain(note.body.clone()));
        blocks.push(Block::Paragraph { runs, size: BODY_SIZE, align: Align::Left, color: BLACK });
        if let Some(warning) = &note.anchor_warning {
            blocks.push(Block::small(format!("Let op: {warning}")));
        }
    }
}

pub fn write_pack(
    store: &Store,
    meeting_id: i64,
    options: &PackOptions,
    out: &Path,
    progress: &mut dyn FnMut(f32),
) -> Result<PackReport, PackError> {
    let (pdf, report) = build_pack(store, meeting_id, options, progress)?;
    crate::atomic::write_atomically(out, &pdf)?;
    Ok(report)
}

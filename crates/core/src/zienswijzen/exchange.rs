//! A whole zienswijze procedure as JSON, and back: the exchange format between secretariats
//! and the archive. The round trip is lossless: exporting an imported file gives the same file.
//!
//! Replies carry their text as the region writes it ("Zie onze reactie op punt 4.a."); on import
//! the references are recognised again and become links, because rendering and recognising are
//! each other's inverse (see [`super::refs`]). `references` lists the targets for readers of the
//! file ("Dordrecht/zienswijze/1"); it is checked, not trusted, on import. Files are attached as
//! base64 with their SHA-256.

use crate::domain::{NotaStatus, SectionKind, Stance};
use crate::error::{CoreError, Result};
use crate::money::Money;
use crate::store::Store;
use crate::zienswijzen::refs::Part;
use crate::zienswijzen::{Decision, NewProcedure, PointView};
use base64::Engine;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

pub const FORMAT: &str = "bestuursmap-zienswijzeprocedure";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ProcedureFile {
    pub format: String,
    pub version: u32,
    pub procedure: ProcedureJson,
    pub zienswijzen: Vec<ZienswijzeJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ProcedureJson {
    pub title: String,
    pub subject: String,
    pub documents: Option<String>,
    pub sent_on: NaiveDate,
    pub period_weeks: u32,
    /// Derived (sent_on + period); ignored on import.
    pub deadline: NaiveDate,
    pub status: NotaStatus,
    pub decision: DecisionJson,
    /// The AB agenda item where it was decided, by meeting date and title.
    pub agenda_item: Option<ItemRefJson>,
    pub letter_text: Option<String>,
    pub concerns: Vec<ConcernJson>,
    pub demo_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct DecisionJson {
    pub decided_on: Option<NaiveDate>,
    pub amount: Option<Money>,
    pub text: Option<String>,
    /// Municipalities that voted against.
    pub against: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ItemRefJson {
    pub body: String,
    pub date: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ConcernJson {
    pub title: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ZienswijzeJson {
    pub gemeente: String,
    pub received_on: Option<NaiveDate>,
    pub council_decided_on: Option<NaiveDate>,
    pub stance: Option<Stance>,
    pub intro: Option<String>,
    pub source_text: Option<String>,
    pub attachments: Vec<AttachmentJson>,
    pub motions: Vec<MotionJson>,
    pub sections: Vec<SectionJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct AttachmentJson {
    pub file_name: String,
    pub media_type: String,
    pub sha256: String,
    pub content_base64: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct MotionJson {
    pub title: String,
    pub text: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub late: bool,
    pub agenda_item: Option<ItemRefJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SectionJson {
    pub kind: SectionKind,
    pub name: String,
    pub intro: Option<String>,
    pub points: Vec<PointJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct PointJson {
    pub label: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub reply_intro: Option<String>,
    pub uncertain: bool,
    /// Titles of the concerns the point raises.
    pub concerns: Vec<String>,
    pub replies: Vec<ReplyJson>,
    pub children: Vec<PointJson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ReplyJson {
    pub text: String,
    /// Code of the library paragraph it came from ("SR01").
    pub standard_response: Option<String>,
    pub uncertain: bool,
    /// "Gemeente/onderdeel/label" of each point it refers to, or "Gemeente/onderdeel" for a
    /// whole section.
    pub references: Vec<String>,
}

fn invalid(message: impl Into<String>) -> CoreError {
    CoreError::Invalid(message.into())
}

fn item_ref(store: &Store, item_id: Option<i64>) -> Result<Option<ItemRefJson>> {
    let Some(item_id) = item_id else { return Ok(None) };
    Ok(store.agenda_item_place(item_id)?.map(|p| ItemRefJson { body: p.body_code, date: p.day, title: p.title }))
}

fn find_item(store: &Store, r: &Option<ItemRefJson>, strict: bool) -> Result<Option<i64>> {
    let Some(r) = r else { return Ok(None) };
    let found = store.find_agenda_item(&r.body, r.date, &r.title)?;
    if found.is_none() && strict {
        return Err(invalid(format!(
            "Het agendapunt «{}» ({} van {}) uit het bestand bestaat niet in deze database. Voeg de vergadering eerst toe, of haal \"agenda_item\" weg; er is niets ingelezen.",
            r.title, r.body, r.date
        )));
    }
    Ok(found)
}

/// The procedure as an exchange file.
pub fn export(store: &Store, procedure_id: i64) -> Result<ProcedureFile> {
    let d = store.procedure(procedure_id)?;
    let concern_titles: HashMap<i64, String> = d.concerns.iter().map(|c| (c.id, c.title.clone())).collect();
    // Where every point and section lives, to name reference targets.
    let views: Vec<_> = d.zienswijzen.iter().map(|z| store.zienswijze(z.id)).collect::<Result<_>>()?;
    let mut point_names: HashMap<i64, String> = HashMap::new();
    let mut section_names: HashMap<i64, String> = HashMap::new();
    for v in &views {
        for s in &v.sections {
            section_names.insert(s.id, format!("{}/{}", v.municipality, s.name));
            for p in s.points.iter().flat_map(|p| std::iter::once(p).chain(&p.children)) {
                let label = p.label.clone().unwrap_or_else(|| "•".into());
                point_names.insert(p.id, format!("{}/{}/{label}", v.municipality, s.name));
            }
        }
    }
    let point_json = |p: &PointView, children: Vec<PointJson>| PointJson {
        label: p.label.clone(),
        title: p.title.clone(),
        text: p.text.clone(),
        reply_intro: p.reply_intro.clone(),
        uncertain: p.uncertain,
        concerns: p.concern_ids.iter().filter_map(|c| concern_titles.get(c).cloned()).collect(),
        replies: p
            .segments
            .iter()
            .map(|s| ReplyJson {
                text: s.text.clone(),
                standard_response: s.standard_response_code.clone(),
                uncertain: s.uncertain,
                references: s
                    .parts
                    .iter()
                    .flat_map(|part| match part {
                        Part::Link { point_ids, section_id, .. } => point_ids
                            .iter()
                            .filter_map(|id| point_names.get(id).cloned())
                            .chain(section_id.and_then(|s| section_names.get(&s).cloned()))
                            .collect(),
                        Part::Text { .. } => Vec::new(),
                    })
                    .collect(),
            })
            .collect(),
        children,
    };
    let mut zienswijzen = Vec::new();
    for (summary, v) in d.zienswijzen.iter().zip(&views) {
        let attachments = summary
            .attachments
            .iter()
            .map(|a| {
                let (_, content) = store.zienswijze_attachment_content(a.id)?;
                Ok(AttachmentJson {
                    file_name: a.file_name.clone(),
                    media_type: a.media_type.clone(),
                    sha256: a.sha256.clone(),
                    content_base64: base64::engine::general_purpose::STANDARD.encode(content),
                })
            })
            .collect::<Result<_>>()?;
        let motions = summary
            .motions
            .iter()
            .map(|m| {
                Ok(MotionJson {
                    title: m.title.clone(),
                    text: m.text.clone(),
                    received_on: m.received_on,
                    late: m.late,
                    agenda_item: item_ref(store, m.agenda_item_id)?,
                })
            })
            .collect::<Result<_>>()?;
        zienswijzen.push(ZienswijzeJson {
            gemeente: v.municipality.clone(),
            received_on: v.received_on,
            council_decided_on: v.council_decided_on,
            stance: v.stance,
            intro: v.intro.clone(),
            source_text: v.source_text.clone(),
            attachments,
            motions,
            sections: v
                .sections
                .iter()
                .map(|s| SectionJson {
                    kind: s.kind,
                    name: s.name.clone(),
                    intro: s.intro.clone(),
                    points: s
                        .points
                        .iter()
                        .map(|p| point_json(p, p.children.iter().map(|c| point_json(c, Vec::new())).collect()))
                        .collect(),
                })
                .collect(),
        });
    }
    Ok(ProcedureFile {
        format: FORMAT.into(),
        version: VERSION,
        procedure: ProcedureJson {
            title: d.summary.title.clone(),
            subject: d.summary.subject.clone(),
            documents: d.documents.clone(),
            sent_on: d.summary.sent_on,
            period_weeks: d.summary.period_weeks,
            deadline: d.summary.deadline,
            status: d.summary.status,
            decision: DecisionJson {
                decided_on: d.decision.decided_on,
                amount: d.decision.amount,
                text: d.decision.text.clone(),
                against: d.dissent.iter().map(|o| o.name.clone()).collect(),
            },
            agenda_item: item_ref(store, d.agenda_item_id)?,
            letter_text: d.letter_text.clone(),
            concerns: d
                .concerns
                .iter()
                .map(|c| ConcernJson { title: c.title.clone(), explanation: c.explanation.clone() })
                .collect(),
            demo_note: d.demo_note.clone(),
        },
        zienswijzen,
    })
}

/// Reads an exchange file; a file of another kind or a newer version is refused.
pub fn parse(json: &str) -> Result<ProcedureFile> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        invalid(format!("Het bestand is geen geldige JSON ({}).", crate::offline::format::json_position(&e)))
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(invalid(format!(
            "Dit is geen zienswijzeprocedure van Bestuursmap (veld \"format\" moet \"{FORMAT}\" zijn)."
        )));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > VERSION as u64 {
        return Err(invalid(format!(
            "Dit bestand heeft formaatversie {version}; deze Bestuursmap leest versies tot en met {VERSION}. Werk Bestuursmap bij."
        )));
    }
    let file: ProcedureFile = serde_json::from_value(value)
        .map_err(|e| invalid(format!("Het bestand wijkt af van het formaat: {}.", field_error(&e))))?;
    check_texts(&file)?;
    Ok(file)
}

/// serde's message names the field and what was expected; only those parts, in Dutch.
fn field_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let quoted =
        |marker: &str| text.split_once(marker).and_then(|(_, rest)| rest.split('`').nth(1)).map(str::to_string);
    if let Some(field) = quoted("missing field") {
        format!("het veld \"{field}\" ontbreekt")
    } else if let Some(field) = quoted("unknown field") {
        format!("het veld \"{field}\" is onbekend")
    } else if let Some(variant) = quoted("unknown variant") {
        format!("de waarde \"{variant}\" is onbekend")
    } else if text.starts_with("invalid type") {
        "een veld heeft een verkeerd type (bijvoorbeeld tekst waar een getal hoort)".into()
    } else if text.starts_with("invalid value")
        || text.contains("premature end")
        || text.contains("input contains invalid characters")
    {
        "een veld heeft een ongeldige waarde (een datum, bedrag of keuze)".into()
    } else {
        "de inhoud past niet bij het formaat".into()
    }
}

/// Names and texts in the file follow the same rule as everywhere ([`crate::text`]).
fn check_texts(file: &ProcedureFile) -> Result<()> {
    use crate::text::{check_file_name, check_line, check_text};
    let p = &file.procedure;
    check_line("de titel van de procedure", &p.title)?;
    if let Some(letter) = &p.letter_text {
        check_text("de aanbiedingsbrief", letter)?;
    }
    for c in &p.concerns {
        check_line("een aandachtspunt", &c.title)?;
    }
    for z in &file.zienswijzen {
        for a in &z.attachments {
            check_file_name(&a.file_name)?;
        }
        for s in &z.sections {
            check_line("de naam van een onderdeel", &s.name)?;
            let mut points: Vec<&PointJson> = s.points.iter().collect();
            points.extend(s.points.iter().flat_map(|p| &p.children));
            for point in points {
                check_text("de tekst van een punt", &point.text)?;
                for r in &point.replies {
                    check_text("een antwoord", &r.text)?;
                }
            }
        }
        for m in &z.motions {
            check_line("de titel van een motie", &m.title)?;
        }
    }
    Ok(())
}

/// Imports a procedure as a new one, all or nothing. Returns its id.
pub fn import(store: &mut Store, file: &ProcedureFile) -> Result<i64> {
    import_with(store, file, true)
}

/// As [`import`], but a link to an agenda item this store lacks is dropped (a bundle carries a
/// procedure to laptops that do not have every meeting it refers to).
pub(crate) fn import_dropping_unknown_items(store: &mut Store, file: &ProcedureFile) -> Result<i64> {
    import_with(store, file, false)
}

fn import_with(store: &mut Store, file: &ProcedureFile, strict: bool) -> Result<i64> {
    let orgs = store.organisations()?;
    let org_id = |name: &str| -> Result<i64> {
        orgs.iter()
            .find(|o| o.name.eq_ignore_ascii_case(name))
            .map(|o| o.id)
            .ok_or_else(|| invalid(format!("De gemeente «{name}» is onbekend in deze database; voeg haar eerst toe.")))
    };
    let library: HashMap<String, i64> = store.standard_responses()?.into_iter().map(|r| (r.code, r.id)).collect();
    let p = &file.procedure;
    let against: Vec<i64> = p.decision.against.iter().map(|n| org_id(n)).collect::<Result<_>>()?;
    let agenda_item_id = find_item(store, &p.agenda_item, strict)?;
    let mut motion_items = Vec::new();
    for z in &file.zienswijzen {
        for m in &z.motions {
            motion_items.push(find_item(store, &m.agenda_item, strict)?);
        }
    }
    store.atomically(|store| {
        let id = store.add_procedure(&NewProcedure {
            title: p.title.clone(),
            subject: p.subject.clone(),
            documents: p.documents.clone(),
            sent_on: p.sent_on,
            period_weeks: p.period_weeks,
            agenda_item_id,
            demo_note: p.demo_note.clone(),
        })?;
        store.set_decision(
            id,
            &Decision {
                decided_on: p.decision.decided_on,
                amount: p.decision.amount,
                text: p.decision.text.clone(),
                dissent_ids: against.clone(),
            },
        )?;
        let mut concerns = HashMap::new();
        for c in &p.concerns {
            concerns.insert(c.title.clone(), store.add_concern(id, &c.title, &c.explanation)?);
        }
        store.set_letter(id, p.letter_text.as_deref())?;
        let mut replies: Vec<(i64, &ReplyJson)> = Vec::new();
        let mut motion_items = motion_items.iter();
        for z in &file.zienswijzen {
            let zid = store.add_zienswijze(id, org_id(&z.gemeente)?, z.received_on, z.council_decided_on, z.stance)?;
            store.update_zienswijze(zid, z.received_on, z.council_decided_on, z.stance, z.intro.as_deref())?;
            store.set_source_text(zid, z.source_text.as_deref())?;
            let default_section = store.zienswijze(zid)?.sections[0].id;
            let mut used_default = false;
            for s in &z.sections {
                let sid = if s.kind == SectionKind::Zienswijze && !used_default {
                    used_default = true;
                    store.rename_section(default_section, &s.name, s.intro.as_deref())?;
                    default_section
                } else {
                    store.add_section(zid, s.kind, &s.name, s.intro.as_deref())?
                };
                for point in &s.points {
                    let pid = add_point(store, sid, None, point, &concerns, &mut replies)?;
                    for child in &point.children {
                        add_point(store, sid, Some(pid), child, &concerns, &mut replies)?;
                    }
                }
            }
            if !used_default {
                store.delete_section(default_section)?;
            }
            for a in &z.attachments {
                let content = base64::engine::general_purpose::STANDARD.decode(&a.content_base64).map_err(|_| {
                    invalid(format!("De bijlage «{}» is beschadigd (geen geldige base64).", a.file_name))
                })?;
                if format!("{:x}", Sha256::digest(&content)) != a.sha256 {
                    return Err(invalid(format!(
                        "De bijlage «{}» klopt niet met haar controlegetal (SHA-256).",
                        a.file_name
                    )));
                }
                store.add_zienswijze_attachment(zid, &a.file_name, &content)?;
            }
            for m in &z.motions {
                let mid = store.add_motion(zid, &m.title, m.text.as_deref(), m.received_on, m.late)?;
                if let Some(Some(item)) = motion_items.next() {
                    store.link_motion(mid, *item)?;
                }
            }
        }
        for (point, reply) in replies {
            let code = reply.standard_response.as_ref();
            let library_id = match code {
                Some(c) => Some(*library.get(c).ok_or_else(|| {
                    invalid(format!("De standaardtekst {c} staat niet in de bibliotheek van deze database."))
                })?),
                None => None,
            };
            let (segment, dangling) = store.add_segment(point, &reply.text, library_id)?;
            if !dangling.is_empty() && p.status != NotaStatus::Concept {
                return Err(invalid(format!(
                    "Een vastgestelde nota bevat een verwijzing die niet bestaat: {}",
                    dangling.join(", ")
                )));
            }
            store.set_segment_uncertain(segment, reply.uncertain)?;
        }
        store.force_nota_status(id, p.status)?;
        Ok(id)
    })
}

fn add_point<'a>(
    store: &mut Store,
    section_id: i64,
    parent: Option<i64>,
    point: &'a PointJson,
    concerns: &HashMap<String, i64>,
    replies: &mut Vec<(i64, &'a ReplyJson)>,
) -> Result<i64> {
    let id = store.add_point(section_id, parent, point.label.as_deref(), point.title.as_deref(), &point.text)?;
    store.set_point_uncertain(id, point.uncertain)?;
    store.set_reply_intro(id, point.reply_intro.as_deref())?;
    for c in &point.concerns {
        let concern =
            concerns.get(c).ok_or_else(|| invalid(format!("Het aandachtspunt «{c}» staat niet in de procedure.")))?;
        store.tag_point(id, *concern, true)?;
    }
    replies.extend(point.replies.iter().map(|r| (id, r)));
    Ok(id)
}

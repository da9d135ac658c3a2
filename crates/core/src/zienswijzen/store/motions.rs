//! What comes with a zienswijze: its attachments (files) and the council's motions, and
//! scheduling a late motion on an AB agenda.

use super::{clean, invalid, not_found, parse_date, procedure_of_zienswijze};
use crate::domain::{ItemKind, ItemLevel};
use crate::error::{CoreError, Result};
use crate::meetings::{MeetingSummary, NewAgendaItem};
use crate::store::Store;
use crate::zienswijzen::rules::{check_motion_meeting, motion_meeting_allowed, MAX_ZIENSWIJZE_ATTACHMENT_BYTES};
use crate::zienswijzen::types::{Motion, ZienswijzeAttachment};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

impl Store {
    pub fn add_zienswijze_attachment(&mut self, zienswijze_id: i64, file_name: &str, content: &[u8]) -> Result<i64> {
        let name = file_name.trim();
        crate::text::check_file_name(name)?;
        if content.len() > MAX_ZIENSWIJZE_ATTACHMENT_BYTES {
            return Err(invalid(format!("'{name}' is groter dan 100 MB en is niet toegevoegd.")));
        }
        let media_type = crate::meetings::rules::media_type_of(name, content)?;
        let sha = format!("{:x}", Sha256::digest(content));
        self.write(|tx| {
            procedure_of_zienswijze(tx, zienswijze_id)?;
            tx.execute(
                "INSERT INTO zienswijze_attachment (zienswijze_id, file_name, media_type, size_bytes, sha256, content, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    zienswijze_id,
                    name,
                    media_type,
                    content.len() as i64,
                    sha,
                    content,
                    chrono::Local::now().format("%Y-%m-%d %H:%M").to_string()
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn zienswijze_attachments(&self, zienswijze_id: i64) -> Result<Vec<ZienswijzeAttachment>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, file_name, media_type, size_bytes, sha256 FROM zienswijze_attachment WHERE zienswijze_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([zienswijze_id], |r| {
                Ok(ZienswijzeAttachment {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    media_type: r.get(2)?,
                    size_bytes: r.get(3)?,
                    sha256: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn zienswijze_attachment_content(&self, id: i64) -> Result<(String, Vec<u8>)> {
        self.conn()
            .query_row("SELECT file_name, content FROM zienswijze_attachment WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| not_found("Bijlage", id))
    }

    pub fn add_motion(
        &mut self,
        zienswijze_id: i64,
        title: &str,
        text: Option<&str>,
        received_on: Option<NaiveDate>,
        late: bool,
    ) -> Result<i64> {
        if title.trim().is_empty() {
            return Err(invalid("Geef de motie een titel."));
        }
        self.write(|tx| {
            procedure_of_zienswijze(tx, zienswijze_id)?;
            tx.execute(
                "INSERT INTO motion (zienswijze_id, title, text, received_on, late) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![zienswijze_id, title.trim(), clean(text), received_on.map(|d| d.to_string()), late],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn motions(&self, zienswijze_id: i64) -> Result<Vec<Motion>> {
        let mut stmt = self.conn().prepare(
            "SELECT mo.id, mo.title, mo.text, mo.received_on, mo.late, mo.agenda_item_id, b.code, m.starts_at
             FROM motion mo LEFT JOIN agenda_item a ON a.id = mo.agenda_item_id
             LEFT JOIN meeting m ON m.id = a.meeting_id LEFT JOIN body b ON b.id = m.body_id
             WHERE mo.zienswijze_id = ?1 ORDER BY mo.id",
        )?;
        let rows = stmt
            .query_map([zienswijze_id], |r| {
                let body: Option<String> = r.get(6)?;
                let starts: Option<String> = r.get(7)?;
                let scheduled_as = body.zip(starts).map(|(b, s)| {
                    let day = NaiveDate::parse_from_str(s.get(..10).unwrap_or(""), "%Y-%m-%d")
                        .map(|d| d.format("%d-%m-%Y").to_string())
                        .unwrap_or(s);
                    format!("{b} {day}")
                });
                Ok(Motion {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    text: r.get(2)?,
                    received_on: parse_date(r.get(3)?),
                    late: r.get(4)?,
                    agenda_item_id: r.get(5)?,
                    scheduled_as,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The meetings a motion may be put on (`rules::motion_meeting_allowed`: AB meetings still to
    /// come), newest first as [`Store::meetings`] lists them: the choices the screen offers, by
    /// the rule [`Store::schedule_motion`] enforces.
    pub fn motion_meetings(&self) -> Result<Vec<MeetingSummary>> {
        Ok(self.meetings()?.into_iter().filter(|m| motion_meeting_allowed(&m.body_code, m.status)).collect())
    }

    /// Puts a motion on the agenda of an AB meeting («nagekomen motie wordt apart geagendeerd
    /// voor het Algemeen Bestuur»).
    pub fn schedule_motion(&mut self, motion_id: i64, meeting_id: i64) -> Result<i64> {
        let (title, text, municipality, existing): (String, Option<String>, String, Option<i64>) = self
            .conn()
            .query_row(
                "SELECT mo.title, mo.text, o.name, mo.agenda_item_id FROM motion mo JOIN zienswijze z ON z.id = mo.zienswijze_id
                 JOIN organisation o ON o.id = z.organisation_id WHERE mo.id = ?1",
                [motion_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| not_found("Motie", motion_id))?;
        if existing.is_some() {
            return Err(CoreError::Rule("Deze motie staat al op een agenda.".into()));
        }
        let meeting = self.meeting_summary(meeting_id)?;
        check_motion_meeting(&meeting.body_code, meeting.status)?;
        self.atomically(|store| {
            let mut item =
                NewAgendaItem::new(format!("Motie gemeente {municipality}: {title}"), ItemKind::TerBespreking);
            item.level = Some(ItemLevel::Strategisch);
            item.proposal_md = text;
            let item_id = store.add_agenda_item(meeting_id, &item)?;
            store.write(|tx| {
                tx.execute("UPDATE motion SET agenda_item_id = ?1 WHERE id = ?2", params![item_id, motion_id])?;
                Ok(item_id)
            })
        })
    }
}

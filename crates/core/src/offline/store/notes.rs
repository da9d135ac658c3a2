//! Private notes of the person on this laptop, and the changes a re-issued agenda brought.
//!
//! A note is anchored to the *identity* of an agenda item and attachment (their uids, which a
//! meeting bundle carries), plus a page and a quoted passage. When a newer issue of the meeting
//! arrives, [`reanchor_notes`] finds each note's place again: the item by uid, the attachment by
//! uid or file name, the page by the quoted passage. A note is never deleted by an import; when
//! its place is gone it says so. Notes are never written into a bundle.

use crate::error::{CoreError, Result};
use crate::offline::rules::{change_label, normalise};
use crate::offline::types::{Anchor, ItemChange, NewNote, NoteView};
use crate::store::{local_timestamp, Store};
use rusqlite::{params, Connection, OptionalExtension};

impl Store {
    pub fn add_note(&mut self, note: &NewNote) -> Result<i64> {
        crate::text::check_text("de notitie", &note.body)?;
        let body = note.body.trim();
        if body.is_empty() {
            return Err(CoreError::Invalid("Een notitie zonder tekst wordt niet bewaard.".into()));
        }
        let (meeting_uid, item_uid): (String, String) = self
            .conn()
            .query_row(
                "SELECT m.uid, i.uid FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.id = ?1",
                [note.item_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Agendapunt", id: note.item_id.to_string() })?;
        let quote = note.quote.as_deref().map(str::trim).filter(|q| !q.is_empty());
        let attachment = match note.attachment_id {
            None if note.page.is_some() || quote.is_some() => {
                return Err(CoreError::Invalid(
                    "Een pagina of passage hoort bij een bijlage; kies eerst de bijlage.".into(),
                ))
            }
            None => None,
            Some(attachment_id) => {
                let (uid, name, item, pages): (String, String, i64, Option<i64>) = self
                    .conn()
                    .query_row(
                        "SELECT uid, file_name, agenda_item_id,
                                coalesce(page_count, (SELECT count(*) FROM attachment_page WHERE attachment_id = a.id))
                         FROM attachment a WHERE id = ?1",
                        [attachment_id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .optional()?
                    .ok_or_else(|| CoreError::NotFound { what: "Bijlage", id: attachment_id.to_string() })?;
                if item != note.item_id {
                    return Err(CoreError::Invalid("Deze bijlage hoort niet bij dit agendapunt.".into()));
                }
                if let (Some(page), Some(pages)) = (note.page, pages.filter(|p| *p > 0)) {
                    if !(1..=pages).contains(&page) {
                        return Err(CoreError::Invalid(format!(
                            "De bijlage heeft {pages} pagina's; pagina {page} bestaat niet."
                        )));
                    }
                }
                Some((uid, name))
            }
        };
        let (attachment_uid, attachment_name) = attachment.unzip();
        let stamp = local_timestamp();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO private_note (meeting_uid, item_uid, attachment_uid, attachment_name, page, quote, body,
                                           created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![meeting_uid, item_uid, attachment_uid, attachment_name, note.page, quote, body, stamp],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn update_note(&mut self, id: i64, body: &str) -> Result<()> {
        crate::text::check_text("de notitie", body)?;
        let body = body.trim();
        if body.is_empty() {
            return Err(CoreError::Invalid(
                "Een notitie zonder tekst wordt niet bewaard; verwijder de notitie als u haar niet meer nodig hebt."
                    .into(),
            ));
        }
        let changed = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE private_note SET body = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, body, local_timestamp()],
            )?)
        })?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: "Notitie", id: id.to_string() });
        }
        Ok(())
    }

    pub fn delete_note(&mut self, id: i64) -> Result<()> {
        let changed = self.write(|tx| Ok(tx.execute("DELETE FROM private_note WHERE id = ?1", [id])?))?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: "Notitie", id: id.to_string() });
        }
        Ok(())
    }

    /// All notes of a meeting in agenda order, including those whose item left the agenda (last).
    pub fn notes_for_meeting(&self, meeting_id: i64) -> Result<Vec<NoteView>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT n.id, n.item_uid, i.id, i.title, a.id, coalesce(a.file_name, n.attachment_name), n.page, n.quote,
                    n.body, n.anchor, n.created_at, n.updated_at, n.attachment_uid
             FROM private_note n
             JOIN meeting m ON m.uid = n.meeting_uid
             LEFT JOIN agenda_item i ON i.uid = n.item_uid AND i.meeting_id = m.id
             LEFT JOIN agenda_item p ON p.id = i.parent_id
             LEFT JOIN attachment a ON a.uid = n.attachment_uid AND a.agenda_item_id = i.id
             WHERE m.id = ?1
             ORDER BY i.id IS NULL, coalesce(p.position, i.position), i.parent_id IS NOT NULL, i.position,
                      a.position, n.page, n.id",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            let item_id: Option<i64> = r.get(2)?;
            let attachment_id: Option<i64> = r.get(4)?;
            let attachment_uid: Option<String> = r.get(12)?;
            // The stored anchor is what the last re-issue found; a later local deletion shows too.
            let anchor = match (item_id, attachment_uid.is_some() && attachment_id.is_none()) {
                (None, _) => Anchor::AgendapuntVervallen,
                (Some(_), true) => Anchor::BijlageVervallen,
                _ => Anchor::from_code(&r.get::<_, String>(9)?),
            };
            Ok(NoteView {
                id: r.get(0)?,
                item_uid: r.get(1)?,
                item_id,
                item_title: r.get(3)?,
                attachment_id,
                attachment_name: r.get(5)?,
                page: r.get(6)?,
                quote: r.get(7)?,
                body: r.get(8)?,
                anchor,
                anchor_warning: anchor.warning().map(str::to_string),
                created_at: r.get(10)?,
                updated_at: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The changes of the latest issue of a meeting, item by item.
    pub fn item_changes(&self, meeting_id: i64) -> Result<Vec<ItemChange>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.item_uid, i.id, c.issue, c.what, c.before, c.after
             FROM item_change c JOIN meeting m ON m.uid = c.meeting_uid AND c.issue = m.issue
             LEFT JOIN agenda_item i ON i.uid = c.item_uid
             WHERE m.id = ?1 ORDER BY c.id",
        )?;
        let rows = stmt.query_map([meeting_id], |r| {
            let what: String = r.get(3)?;
            let before: Option<String> = r.get(4)?;
            let after: Option<String> = r.get(5)?;
            Ok(ItemChange {
                item_uid: r.get(0)?,
                item_id: r.get(1)?,
                issue: r.get(2)?,
                label: change_label(&what, before.as_deref(), after.as_deref()),
                what,
                before,
                after,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Finds the place of every note of a meeting again after a re-issue (see the module docs).
pub(crate) fn reanchor_notes(tx: &Connection, meeting_uid: &str) -> Result<()> {
    let meeting_id: i64 = tx.query_row("SELECT id FROM meeting WHERE uid = ?1", [meeting_uid], |r| r.get(0))?;
    type Row = (i64, String, Option<String>, Option<String>, Option<i64>, Option<String>);
    let notes: Vec<Row> = tx
        .prepare("SELECT id, item_uid, attachment_uid, attachment_name, page, quote FROM private_note WHERE meeting_uid = ?1")?
        .query_map([meeting_uid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (note_id, item_uid, attachment_uid, attachment_name, page, quote) in notes {
        let item: Option<i64> = tx
            .query_row(
                "SELECT id FROM agenda_item WHERE uid = ?1 AND meeting_id = ?2",
                params![item_uid, meeting_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(item_id) = item else {
            set_anchor(tx, note_id, Anchor::AgendapuntVervallen, attachment_uid.as_deref(), page)?;
            continue;
        };
        let Some(old_attachment) = attachment_uid else {
            set_anchor(tx, note_id, Anchor::Ok, None, None)?;
            continue;
        };
        // The same file by identity, else a replaced version under the same file name.
        let attachment: Option<(i64, String)> = tx
            .query_row(
                "SELECT id, uid FROM attachment WHERE agenda_item_id = ?1 AND uid = ?2
                 UNION ALL
                 SELECT a.id, a.uid FROM attachment a
                 WHERE a.agenda_item_id = ?1 AND a.file_name = ?3
                 LIMIT 1",
                params![item_id, old_attachment, attachment_name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((attachment_id, new_uid)) = attachment else {
            set_anchor(tx, note_id, Anchor::BijlageVervallen, Some(&old_attachment), page)?;
            continue;
        };
        let Some(quote) = quote.map(|q| normalise(&q)).filter(|q| !q.is_empty()) else {
            set_anchor(tx, note_id, Anchor::Ok, Some(&new_uid), page)?;
            continue;
        };
        let pages: Vec<(i64, String)> = tx
            .prepare("SELECT page, text FROM attachment_page WHERE attachment_id = ?1 ORDER BY page")?
            .query_map([attachment_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let holding: Vec<i64> =
            pages.iter().filter(|(_, text)| normalise(text).contains(&quote)).map(|(p, _)| *p).collect();
        let (anchor, new_page) = match page {
            Some(p) if holding.contains(&p) => (Anchor::Ok, Some(p)),
            _ => match holding.iter().min_by_key(|p| (**p - page.unwrap_or(1)).abs()) {
                Some(p) => (Anchor::Verplaatst, Some(*p)),
                None => (Anchor::PassageNietGevonden, page),
            },
        };
        set_anchor(tx, note_id, anchor, Some(&new_uid), new_page)?;
    }
    Ok(())
}

fn set_anchor(
    tx: &Connection,
    note: i64,
    anchor: Anchor,
    attachment_uid: Option<&str>,
    page: Option<i64>,
) -> Result<()> {
    tx.execute(
        "UPDATE private_note SET anchor = ?2, attachment_uid = ?3, page = ?4 WHERE id = ?1",
        params![note, anchor.code(), attachment_uid, page],
    )?;
    Ok(())
}

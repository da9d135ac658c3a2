//! Attachments (bijlagen), kept inside the store so a laptop has everything offline.
//!
//! A file must be what its name says: the first bytes are checked against the extension, so a
//! renamed executable or a Word file called .pdf is refused with a clear message.

use crate::error::{CoreError, Result};
use crate::meetings::rules::{check_agenda_editable, media_type_of, MAX_ATTACHMENT_BYTES};
use crate::meetings::types::AttachmentInfo;
use crate::store::Store;
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

impl Store {
    /// Adds a file to an agenda item. `page_count` is given by the caller for PDFs (counting
    /// pages needs a PDF reader, which lives in the export crate).
    pub fn add_attachment(
        &mut self,
        item_id: i64,
        file_name: &str,
        content: &[u8],
        page_count: Option<u32>,
    ) -> Result<i64> {
        let file_name = std::path::Path::new(file_name)
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.trim().is_empty())
            .ok_or_else(|| CoreError::Invalid("Het bestand heeft geen geldige naam.".into()))?
            .to_string();
        // A name that travels in bundles to every laptop: no control characters.
        crate::text::check_file_name(&file_name)?;
        if content.len() > MAX_ATTACHMENT_BYTES {
            return Err(CoreError::Invalid(format!(
                "'{file_name}' is {} MB; een bijlage mag hoogstens {} MB zijn.",
                content.len() / (1024 * 1024),
                MAX_ATTACHMENT_BYTES / (1024 * 1024)
            )));
        }
        let media_type = media_type_of(&file_name, content)?;
        check_agenda_editable(self.item_meeting(item_id)?.status)?;
        let sha256: String = Sha256::digest(content).iter().map(|b| format!("{b:02x}")).collect();
        let added_at = crate::store::local_timestamp();
        let id = self.write(|tx| {
            let position: i64 = tx.query_row(
                "SELECT coalesce(max(position), 0) + 1 FROM attachment WHERE agenda_item_id = ?1",
                [item_id],
                |r| r.get(0),
            )?;
            tx.execute(
                // The uid is given here: the trigger that fills a missing one would rewrite the
                // whole row, leaving a second copy of the content in the file's free pages.
                "INSERT INTO attachment (agenda_item_id, position, file_name, media_type, size_bytes, sha256, page_count, content, added_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, lower(hex(randomblob(16))))",
                params![item_id, position, file_name, media_type, content.len() as i64, sha256, page_count, content, added_at],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        self.shrink_log_after(content.len());
        Ok(id)
    }

    /// After a large write, the write-ahead log is checkpointed and cut back, so a large file
    /// is not kept twice on disk (in the log and in the database). Inside a transaction (or
    /// when another reader holds the log) this waits for a later write; it never fails a write.
    pub(crate) fn shrink_log_after(&self, bytes: usize) {
        const LARGE: usize = 8 * 1024 * 1024;
        if bytes >= LARGE && self.path.is_some() && !self.read_only && self.conn().is_autocommit() {
            let _ = self.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }

    pub fn attachments(&self, item_id: i64) -> Result<Vec<AttachmentInfo>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, agenda_item_id, file_name, media_type, size_bytes, sha256, page_count, added_at
             FROM attachment WHERE agenda_item_id = ?1 ORDER BY position",
        )?;
        let rows = stmt.query_map([item_id], |r| {
            Ok(AttachmentInfo {
                id: r.get(0)?,
                agenda_item_id: r.get(1)?,
                file_name: r.get(2)?,
                media_type: r.get(3)?,
                size_bytes: r.get(4)?,
                sha256: r.get(5)?,
                page_count: r.get(6)?,
                added_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn attachment_content(&self, id: i64) -> Result<Vec<u8>> {
        self.conn()
            .query_row("SELECT content FROM attachment WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Bijlage", id: id.to_string() })
    }

    pub fn delete_attachment(&mut self, id: i64) -> Result<()> {
        let item_id: Option<i64> = self
            .conn()
            .query_row("SELECT agenda_item_id FROM attachment WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if let Some(item_id) = item_id {
            check_agenda_editable(self.item_meeting(item_id)?.status)?;
        }
        let changed = self.write(|tx| Ok(tx.execute("DELETE FROM attachment WHERE id = ?1", [id])?))?;
        if changed == 0 {
            return Err(CoreError::NotFound { what: "Bijlage", id: id.to_string() });
        }
        Ok(())
    }
}

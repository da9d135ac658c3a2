//! Plain setters for the demo and the exchange format, which bring their own consistency.

use super::clean;
use crate::domain::NotaStatus;
use crate::error::Result;
use crate::store::Store;
use rusqlite::params;

impl Store {
    pub(crate) fn set_source_text(&mut self, zienswijze_id: i64, text: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE zienswijze SET source_text = ?1 WHERE id = ?2", params![text, zienswijze_id])?;
            Ok(())
        })
    }

    pub(crate) fn rename_section(&mut self, section_id: i64, name: &str, intro: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE zienswijze_section SET name = ?1, intro = ?2 WHERE id = ?3",
                params![name.trim(), clean(intro), section_id],
            )?;
            Ok(())
        })
    }

    pub(crate) fn delete_section(&mut self, section_id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM zienswijze_section WHERE id = ?1", [section_id])?;
            Ok(())
        })
    }

    pub(crate) fn link_motion(&mut self, motion_id: i64, agenda_item_id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE motion SET agenda_item_id = ?1 WHERE id = ?2", params![agenda_item_id, motion_id])?;
            Ok(())
        })
    }

    pub(crate) fn set_point_uncertain(&mut self, point_id: i64, uncertain: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE zienswijze_point SET uncertain = ?1 WHERE id = ?2", params![uncertain, point_id])?;
            Ok(())
        })
    }

    pub(crate) fn set_segment_uncertain(&mut self, segment_id: i64, uncertain: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE reply_segment SET uncertain = ?1 WHERE id = ?2", params![uncertain, segment_id])?;
            Ok(())
        })
    }

    pub(crate) fn set_reply_intro(&mut self, point_id: i64, reply_intro: Option<&str>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE zienswijze_point SET reply_intro = ?1 WHERE id = ?2",
                params![clean(reply_intro), point_id],
            )?;
            Ok(())
        })
    }

    /// The status as stored, without the checks of [`Store::set_nota_status`] (JSON import of a
    /// nota that was checked when it was exported).
    pub(crate) fn force_nota_status(&mut self, procedure_id: i64, status: NotaStatus) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE zienswijze_procedure SET status = ?1 WHERE id = ?2", params![status, procedure_id])?;
            Ok(())
        })
    }
}

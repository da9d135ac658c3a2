//! Writing a meeting into a bundle, and applying a bundle to this store.
//!
//! The secretariat signs with its own ed25519 key (kept in the encrypted store); a laptop
//! accepts bundles only from keys it trusts. Applying a bundle is one transaction: the meeting,
//! its items, attachments, linked measures and zienswijze procedures are upserted by uid; items
//! that left the agenda are removed; every difference with the previous issue is recorded in
//! `item_change`; private notes are re-anchored (see `notes`). Notes never go into a bundle.

use super::notes::reanchor_notes;
use super::trust::B64;
use crate::error::{CoreError, Result};
use crate::offline::format::{
    self, fingerprint, sha256_hex, AttachmentData, AttachmentReader, Header, ItemData, Manifest, MeasureData,
    MeetingData, OpenedBundle, PersonData, Signed,
};
use crate::offline::types::{BundleExport, BundleImport};
use crate::store::{local_timestamp, Store, MIGRATION_COUNT};
use crate::zienswijzen::exchange;
use base64::Engine;
use ed25519_dalek::Signer;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;

/// An attachment's uid and bytes, as they go into the bundle.
type AttachmentFile = (String, Vec<u8>);

impl Store {
    /// The issue number of a meeting and the fingerprint of who signed it (`None`: made here).
    pub fn meeting_issue(&self, meeting_id: i64) -> Result<(i64, Option<String>)> {
        self.conn()
            .query_row("SELECT issue, issued_by FROM meeting WHERE id = ?1", [meeting_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Vergadering", id: meeting_id.to_string() })
    }

    /// Writes the meeting as a signed bundle; every export is a new issue.
    pub fn export_bundle(&mut self, meeting_id: i64, signer_name: &str, out: &Path) -> Result<BundleExport> {
        let key = self.signing_key()?;
        let signer_key = B64.encode(key.verifying_key().as_bytes());
        let (manifest, files) = self.gather_bundle(meeting_id)?;
        let manifest_json = serde_json::to_vec(&manifest).map_err(|e| CoreError::Invalid(e.to_string()))?;
        let previous: i64 =
            self.conn().query_row("SELECT issue FROM meeting WHERE id = ?1", [meeting_id], |r| r.get(0))?;
        let issue = previous + 1;
        let signed = Signed {
            format: format::FORMAT_NAME.into(),
            format_version: format::FORMAT_VERSION,
            schema_version: MIGRATION_COUNT,
            meeting_uid: manifest.meeting.uid.clone(),
            meeting_title: manifest.meeting.title.clone(),
            issue,
            created_at: local_timestamp(),
            signer_name: signer_name.trim().to_string(),
            signer_key,
            manifest_sha256: sha256_hex(&manifest_json),
        };
        let signature = B64.encode(key.sign(&signed.message()).to_bytes());
        let header = Header { signed, signature };
        let file_refs: Vec<(String, &[u8])> =
            files.iter().map(|(uid, bytes)| (uid.clone(), bytes.as_slice())).collect();
        // The issue is counted only once the file is complete.
        self.write(|tx| {
            format::write(out, &header, &manifest_json, &file_refs)?;
            tx.execute("UPDATE meeting SET issue = ?2 WHERE id = ?1", params![meeting_id, issue])?;
            Ok(())
        })?;
        Ok(BundleExport {
            issue,
            items: manifest.items.len(),
            attachments: files.len(),
            size_bytes: std::fs::metadata(out).map(|m| m.len()).unwrap_or(0),
        })
    }

    fn gather_bundle(&self, meeting_id: i64) -> Result<(Manifest, Vec<AttachmentFile>)> {
        let conn = self.conn();
        let meeting = conn
            .query_row(
                "SELECT m.uid, b.code, m.title, m.starts_at, m.ends_at, m.location, m.status, m.chair_id, m.secretary_id, m.demo_note
                 FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.id = ?1",
                [meeting_id],
                |r| {
                    Ok((
                        MeetingData {
                            uid: r.get(0)?,
                            body_code: r.get(1)?,
                            title: r.get(2)?,
                            starts_at: r.get(3)?,
                            ends_at: r.get(4)?,
                            location: r.get(5)?,
                            status: r.get(6)?,
                            chair: None,
                            secretary: None,
                            demo_note: r.get(9)?,
                        },
                        r.get::<_, Option<i64>>(7)?,
                        r.get::<_, Option<i64>>(8)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| CoreError::NotFound { what: "Vergadering", id: meeting_id.to_string() })?;
        let (mut meeting, chair, secretary) = meeting;
        meeting.chair = chair.map(|id| person_data(conn, id)).transpose()?;
        meeting.secretary = secretary.map(|id| person_data(conn, id)).transpose()?;

        let numbers: HashMap<i64, String> =
            self.meeting(meeting_id)?.items.into_iter().map(|item| (item.id, item.number)).collect();
        let mut stmt = conn.prepare(
            "SELECT i.id, i.uid, p.uid, i.title, i.kind, i.level, i.portefeuillehouder_id, i.confidentiality, i.proposal_md,
                    i.outcome, i.decision_md, d.title, i.demo_note
             FROM agenda_item i LEFT JOIN agenda_item p ON p.id = i.parent_id LEFT JOIN dossier d ON d.id = i.dossier_id
             WHERE i.meeting_id = ?1
             ORDER BY coalesce(p.position, i.position), i.parent_id IS NOT NULL, i.position",
        )?;
        type Row = (i64, Option<i64>, ItemData);
        let rows: Vec<Row> = stmt
            .query_map([meeting_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(6)?,
                    ItemData {
                        uid: r.get(1)?,
                        parent_uid: r.get(2)?,
                        number: String::new(),
                        title: r.get(3)?,
                        kind: r.get(4)?,
                        level: r.get(5)?,
                        portefeuillehouder: None,
                        confidentiality: r.get(7)?,
                        proposal_md: r.get(8)?,
                        outcome: r.get(9)?,
                        decision_md: r.get(10)?,
                        dossier: r.get(11)?,
                        demo_note: r.get(12)?,
                        decision_points: Vec::new(),
                        measure_codes: Vec::new(),
                        attachments: Vec::new(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = Vec::new();
        let mut files = Vec::new();
        let mut measure_codes = std::collections::BTreeSet::new();
        for (id, holder, mut item) in rows {
            item.number = numbers.get(&id).cloned().unwrap_or_default();
            item.portefeuillehouder = holder.map(|h| person_data(conn, h)).transpose()?;
            item.decision_points =
                column(conn, "SELECT text_md FROM decision_point WHERE agenda_item_id = ?1 ORDER BY position", id)?;
            item.measure_codes = column(
                conn,
                "SELECT m.code FROM agenda_item_measure l JOIN measure m ON m.id = l.measure_id WHERE l.agenda_item_id = ?1 ORDER BY m.code",
                id,
            )?;
            measure_codes.extend(item.measure_codes.iter().cloned());
            let mut attachments = conn.prepare(
                "SELECT id, uid, file_name, media_type, size_bytes, sha256, page_count, added_at, content
                 FROM attachment WHERE agenda_item_id = ?1 ORDER BY position",
            )?;
            let found: Vec<(i64, AttachmentData, Vec<u8>)> = attachments
                .query_map([id], |r| {
                    Ok((
                        r.get(0)?,
                        AttachmentData {
                            uid: r.get(1)?,
                            file_name: r.get(2)?,
                            media_type: r.get(3)?,
                            size_bytes: r.get::<_, i64>(4)? as u64,
                            sha256: r.get(5)?,
                            page_count: r.get(6)?,
                            added_at: r.get(7)?,
                            pages: Vec::new(),
                        },
                        r.get(8)?,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (attachment_id, mut data, content) in found {
                data.pages = column(
                    conn,
                    "SELECT text FROM attachment_page WHERE attachment_id = ?1 ORDER BY page",
                    attachment_id,
                )?;
                files.push((data.uid.clone(), content));
                item.attachments.push(data);
            }
            items.push((id, item));
        }
        let measures = measure_codes.iter().map(|code| measure_data(conn, code)).collect::<Result<Vec<_>>>()?;
        let item_ids: Vec<i64> = items.iter().map(|(id, _)| *id).collect();
        let mut procedures = Vec::new();
        let mut procedure_ids =
            conn.prepare("SELECT id FROM zienswijze_procedure WHERE agenda_item_id = ?1 ORDER BY id")?;
        for item_id in item_ids {
            let ids: Vec<i64> = procedure_ids.query_map([item_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            for id in ids {
                procedures.push(exchange::export(self, id)?);
            }
        }
        let items = items.into_iter().map(|(_, item)| item).collect();
        Ok((Manifest { meeting, items, measures, procedures }, files))
    }

    /// Verifies a bundle and applies it in one transaction (see the module docs). A backup of the
    /// store is made first when it lives in a file.
    pub fn import_bundle(&mut self, path: &Path) -> Result<BundleImport> {
        // Header, signature and manifest only: an untrusted signer is refused before a single
        // attachment is unpacked.
        let mut bundle = format::open(path, MIGRATION_COUNT)?;
        let own = self.signer_key()?.public_key;
        let trusted = bundle.header.signer_key == own
            || self
                .conn()
                .query_row(
                    "SELECT 1 FROM trusted_signer WHERE public_key = ?1",
                    [&bundle.header.signer_key],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
        if !trusted {
            return Err(CoreError::BundleUntrusted {
                name: bundle.header.signer_name.clone(),
                fingerprint: fingerprint(&bundle.header.signer_key),
                public_key: bundle.header.signer_key.clone(),
            });
        }
        let previous: Option<i64> = self
            .conn()
            .query_row("SELECT issue FROM meeting WHERE uid = ?1", [&bundle.header.meeting_uid], |r| r.get(0))
            .optional()?;
        if let Some(previous) = previous.filter(|p| *p >= bundle.header.issue) {
            let message = if previous == bundle.header.issue {
                format!(
                    "Versie {previous} van «{}» is al ingelezen; er is niets gewijzigd.",
                    bundle.header.meeting_title
                )
            } else {
                format!(
                    "Deze bundel is versie {} van «{}», maar versie {previous} is al ingelezen. Een oudere versie wordt niet ingelezen; er is niets gewijzigd.",
                    bundle.header.issue, bundle.header.meeting_title
                )
            };
            return Err(CoreError::Rule(message));
        }
        if self.read_only {
            return Err(CoreError::ReadOnly(
                "het databasebestand of de schijf is alleen-lezen, dus de bundel kan niet worden ingelezen.".into(),
            ));
        }
        if self.path.is_some() {
            self.backup_now("voor-import")?;
        }
        let total: u64 = bundle.manifest.items.iter().flat_map(|i| &i.attachments).map(|a| a.size_bytes).sum();
        let report = self.atomically(|store| apply(store, &mut bundle, previous))?;
        self.shrink_log_after(total as usize);
        Ok(report)
    }
}

/// The first column of every row `sql` returns for one key.
fn column<T: rusqlite::types::FromSql>(conn: &Connection, sql: &str, key: impl rusqlite::ToSql) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([key], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn person_data(conn: &Connection, id: i64) -> Result<PersonData> {
    Ok(conn.query_row(
        "SELECT p.name, o.code, p.is_demo FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.id = ?1",
        [id],
        |r| Ok(PersonData { name: r.get(0)?, organisation_code: r.get(1)?, is_demo: r.get(2)? }),
    )?)
}

fn measure_data(conn: &Connection, code: &str) -> Result<MeasureData> {
    Ok(conn.query_row(
        "SELECT m.code, m.title, m.kind, m.description, m.source_plan, m.source_version, o.code, m.trekker_text, m.status, m.demo_note
         FROM measure m LEFT JOIN organisation o ON o.id = m.trekker_id WHERE m.code = ?1",
        [code],
        |r| {
            Ok(MeasureData {
                code: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                description: r.get(3)?,
                source_plan: r.get(4)?,
                source_version: r.get(5)?,
                trekker_code: r.get(6)?,
                trekker_text: r.get(7)?,
                status: r.get(8)?,
                demo_note: r.get(9)?,
            })
        },
    )?)
}

fn organisation_id(conn: &Connection, code: Option<&str>) -> Result<Option<i64>> {
    let Some(code) = code else { return Ok(None) };
    Ok(conn.query_row("SELECT id FROM organisation WHERE code = ?1", [code], |r| r.get(0)).optional()?)
}

/// The person with this name (and organisation), added when this laptop does not know them.
fn person_id(conn: &Connection, person: &Option<PersonData>) -> Result<Option<i64>> {
    let Some(person) = person else { return Ok(None) };
    let organisation = organisation_id(conn, person.organisation_code.as_deref())?;
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM person WHERE name = ?1 AND organisation_id IS ?2 ORDER BY id LIMIT 1",
            params![person.name, organisation],
            |r| r.get(0),
        )
        .optional()?;
    if found.is_some() {
        return Ok(found);
    }
    conn.execute(
        "INSERT INTO person (name, organisation_id, is_demo) VALUES (?1, ?2, ?3)",
        params![person.name, organisation, person.is_demo],
    )?;
    Ok(Some(conn.last_insert_rowid()))
}

/// The state of an item before the import, to tell what changed.
struct Before {
    id: i64,
    number: String,
    title: String,
    kind: String,
    proposal: Option<String>,
    decision: Option<String>,
    attachments: Vec<(String, String, String)>,
}

fn apply(store: &mut Store, bundle: &mut OpenedBundle, previous: Option<i64>) -> Result<BundleImport> {
    let manifest = &bundle.manifest;
    let issue = bundle.header.issue;
    let meeting_uid = &manifest.meeting.uid;
    let existing_meeting: Option<i64> =
        store.conn().query_row("SELECT id FROM meeting WHERE uid = ?1", [meeting_uid], |r| r.get(0)).optional()?;
    let before: HashMap<String, Before> = match existing_meeting {
        None => HashMap::new(),
        Some(id) => snapshot(store, id)?,
    };
    let signer = fingerprint(&bundle.header.signer_key);

    let meeting_id = store.write(|tx| {
        let m = &manifest.meeting;
        let body: i64 = tx
            .query_row("SELECT id FROM body WHERE code = ?1", [&m.body_code], |r| r.get(0))
            .optional()?
            .ok_or_else(|| CoreError::BundleRefused(format!("het orgaan {} is hier onbekend.", m.body_code)))?;
        let chair = person_id(tx, &m.chair)?;
        let secretary = person_id(tx, &m.secretary)?;
        let values = params![body, m.title, m.starts_at, m.ends_at, m.location, m.status, chair, secretary, m.demo_note, issue, signer, m.uid];
        match existing_meeting {
            Some(id) => {
                tx.execute(
                    "UPDATE meeting SET body_id = ?1, title = ?2, starts_at = ?3, ends_at = ?4, location = ?5, status = ?6,
                            chair_id = ?7, secretary_id = ?8, demo_note = ?9, issue = ?10, issued_by = ?11
                     WHERE uid = ?12",
                    values,
                )?;
                Ok(id)
            }
            None => {
                tx.execute(
                    "INSERT INTO meeting (body_id, title, starts_at, ends_at, location, status, chair_id, secretary_id, demo_note,
                                          issue, issued_by, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    values,
                )?;
                Ok(tx.last_insert_rowid())
            }
        }
    })?;

    store.write(|tx| {
        for measure in &manifest.measures {
            upsert_measure(tx, measure)?;
        }
        // Free every position first: the new order may swap items.
        tx.execute("UPDATE agenda_item SET position = -id WHERE meeting_id = ?1", [meeting_id])?;
        let mut ids: HashMap<&str, i64> = HashMap::new();
        let mut sibling_positions: HashMap<Option<i64>, i64> = HashMap::new();
        for item in &manifest.items {
            let parent = match &item.parent_uid {
                None => None,
                Some(uid) => Some(*ids.get(uid.as_str()).ok_or_else(|| {
                    CoreError::BundleRefused(format!(
                        "agendapunt «{}» verwijst naar een onbekend hoofdpunt.",
                        item.title
                    ))
                })?),
            };
            let position = sibling_positions.entry(parent).or_insert(0);
            *position += 1;
            let id = upsert_item(tx, meeting_id, parent, *position, item, before.get(&item.uid).map(|b| b.id))?;
            ids.insert(&item.uid, id);
            apply_attachments(tx, id, &item.attachments, &mut bundle.attachments)?;
        }
        // Items that left the agenda (children go with their parent).
        for (uid, old) in &before {
            if !ids.contains_key(uid.as_str()) {
                tx.execute("DELETE FROM agenda_item WHERE id = ?1", [old.id])?;
            }
        }
        Ok(())
    })?;

    // Zienswijze procedures of this meeting replace the ones of the previous issue.
    let replaced: Vec<i64> =
        column(store.conn(), "SELECT procedure_id FROM bundle_procedure WHERE meeting_uid = ?1", meeting_uid)?;
    store.write(|tx| {
        for id in &replaced {
            tx.execute("DELETE FROM zienswijze_procedure WHERE id = ?1", [id])?;
        }
        Ok(())
    })?;
    // A reply keeps its text; its link to a library paragraph this laptop lacks is dropped (the
    // link only counts reuse at the secretariat).
    let library: std::collections::HashSet<String> = store.standard_responses()?.into_iter().map(|r| r.code).collect();
    for procedure in &manifest.procedures {
        let mut procedure = procedure.clone();
        for zienswijze in &mut procedure.zienswijzen {
            for section in &mut zienswijze.sections {
                forget_unknown_library_codes(&mut section.points, &library);
            }
        }
        let id = exchange::import_dropping_unknown_items(store, &procedure)?;
        store.write(|tx| {
            tx.execute(
                "INSERT INTO bundle_procedure (meeting_uid, procedure_id) VALUES (?1, ?2)",
                params![meeting_uid, id],
            )?;
            Ok(())
        })?;
    }

    // What changed, item by item, for this issue.
    let after = snapshot(store, meeting_id)?;
    let (mut added, mut changed, mut removed) = (0, 0, 0);
    store.write(|tx| {
        tx.execute("DELETE FROM item_change WHERE meeting_uid = ?1 AND issue = ?2", params![meeting_uid, issue])?;
        if previous.is_none() {
            return Ok(());
        }
        let record = |uid: &str, what: &str, before: Option<&str>, after: Option<&str>| -> Result<()> {
            tx.execute(
                "INSERT INTO item_change (meeting_uid, item_uid, issue, what, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![meeting_uid, uid, issue, what, before, after],
            )?;
            Ok(())
        };
        for item in &manifest.items {
            let now = &after[&item.uid];
            let Some(old) = before.get(&item.uid) else {
                added += 1;
                record(&item.uid, "nieuw", None, Some(&now.title))?;
                continue;
            };
            let mut differs = false;
            for (what, a, b) in [
                ("nummer", Some(old.number.as_str()), Some(now.number.as_str())),
                ("titel", Some(old.title.as_str()), Some(now.title.as_str())),
                ("soort", Some(old.kind.as_str()), Some(now.kind.as_str())),
                ("voorstel", old.proposal.as_deref(), now.proposal.as_deref()),
                ("besluit", old.decision.as_deref(), now.decision.as_deref()),
            ] {
                if a != b {
                    differs = true;
                    record(&item.uid, what, a, b)?;
                }
            }
            for (uid, name, sha) in &now.attachments {
                match old.attachments.iter().find(|(u, n, _)| u == uid || n == name) {
                    None => record(&item.uid, "bijlage_nieuw", None, Some(name))?,
                    Some((_, old_name, old_sha)) if old_sha != sha => {
                        record(&item.uid, "bijlage_gewijzigd", Some(old_name), Some(name))?
                    }
                    Some(_) => continue,
                }
                differs = true;
            }
            for (uid, name, _) in &old.attachments {
                if !now.attachments.iter().any(|(u, n, _)| u == uid || n == name) {
                    differs = true;
                    record(&item.uid, "bijlage_vervallen", Some(name), None)?;
                }
            }
            changed += usize::from(differs);
        }
        for (uid, old) in &before {
            if !after.contains_key(uid) {
                removed += 1;
                record(uid, "vervallen", Some(&format!("{} {}", old.number, old.title)), None)?;
            }
        }
        reanchor_notes(tx, meeting_uid)?;
        Ok(())
    })?;
    if previous.is_none() {
        added = manifest.items.len();
    }

    let notes = store.notes_for_meeting(meeting_id)?;
    let noted: std::collections::HashSet<&str> = notes.iter().map(|n| n.item_uid.as_str()).collect();
    let changes_on_noted_items =
        store.item_changes(meeting_id)?.into_iter().filter(|c| noted.contains(c.item_uid.as_str())).collect();
    Ok(BundleImport {
        meeting_id,
        meeting_title: manifest.meeting.title.clone(),
        issue,
        previous_issue: previous,
        signer_name: bundle.header.signer_name.clone(),
        items_added: added,
        items_changed: changed,
        items_removed: removed,
        notes_kept: notes.len(),
        notes_to_check: notes.iter().filter(|n| n.anchor_warning.is_some()).count(),
        changes_on_noted_items,
    })
}

fn forget_unknown_library_codes(points: &mut [exchange::PointJson], library: &std::collections::HashSet<String>) {
    for point in points {
        for reply in &mut point.replies {
            if reply.standard_response.as_ref().is_some_and(|code| !library.contains(code)) {
                reply.standard_response = None;
            }
        }
        forget_unknown_library_codes(&mut point.children, library);
    }
}

fn snapshot(store: &Store, meeting_id: i64) -> Result<HashMap<String, Before>> {
    let detail = store.meeting(meeting_id)?;
    let conn = store.conn();
    let mut found = HashMap::new();
    for item in detail.items {
        let (uid, proposal, decision): (String, Option<String>, Option<String>) =
            conn.query_row("SELECT uid, proposal_md, decision_md FROM agenda_item WHERE id = ?1", [item.id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let mut stmt = conn.prepare_cached(
            "SELECT uid, file_name, sha256 FROM attachment WHERE agenda_item_id = ?1 ORDER BY position",
        )?;
        let attachments =
            stmt.query_map([item.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        found.insert(
            uid,
            Before {
                id: item.id,
                number: item.number,
                title: item.title,
                kind: item.kind.label().to_string(),
                proposal,
                decision,
                attachments,
            },
        );
    }
    Ok(found)
}

fn upsert_measure(tx: &Connection, m: &MeasureData) -> Result<()> {
    let trekker = organisation_id(tx, m.trekker_code.as_deref())?;
    tx.execute(
        "INSERT INTO measure (code, title, kind, description, source_plan, source_version, trekker_id, trekker_text, status, demo_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (code) DO UPDATE SET title = excluded.title, kind = excluded.kind, description = excluded.description,
             source_plan = excluded.source_plan, source_version = excluded.source_version, trekker_id = excluded.trekker_id,
             trekker_text = excluded.trekker_text, status = excluded.status",
        params![m.code, m.title, m.kind, m.description, m.source_plan, m.source_version, trekker, m.trekker_text, m.status, m.demo_note],
    )?;
    Ok(())
}

fn upsert_item(
    tx: &Connection,
    meeting_id: i64,
    parent: Option<i64>,
    position: i64,
    item: &ItemData,
    existing: Option<i64>,
) -> Result<i64> {
    if !format::is_uid(&item.uid) {
        return Err(CoreError::BundleRefused(format!("agendapunt «{}» heeft geen geldige identiteit.", item.title)));
    }
    let holder = person_id(tx, &item.portefeuillehouder)?;
    let dossier: Option<i64> = match &item.dossier {
        None => None,
        Some(title) => {
            match tx.query_row("SELECT id FROM dossier WHERE title = ?1", [title], |r| r.get(0)).optional()? {
                Some(id) => Some(id),
                None => {
                    tx.execute("INSERT INTO dossier (title) VALUES (?1)", [title])?;
                    Some(tx.last_insert_rowid())
                }
            }
        }
    };
    let values = params![
        meeting_id,
        parent,
        position,
        item.title,
        item.kind,
        item.level,
        holder,
        item.confidentiality,
        item.proposal_md,
        dossier,
        item.outcome,
        item.decision_md,
        item.demo_note,
        item.uid
    ];
    let id = match existing {
        Some(id) => {
            tx.execute(
                "UPDATE agenda_item SET meeting_id = ?1, parent_id = ?2, position = ?3, title = ?4, kind = ?5, level = ?6,
                        portefeuillehouder_id = ?7, confidentiality = ?8, proposal_md = ?9, dossier_id = ?10, outcome = ?11,
                        decision_md = ?12, demo_note = ?13
                 WHERE uid = ?14",
                values,
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO agenda_item (meeting_id, parent_id, position, title, kind, level, portefeuillehouder_id,
                                          confidentiality, proposal_md, dossier_id, outcome, decision_md, demo_note, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                values,
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => CoreError::BundleRefused(format!(
                    "agendapunt «{}» bestaat hier al in een andere vergadering.",
                    item.title
                )),
                _ => e.into(),
            })?;
            tx.last_insert_rowid()
        }
    };
    tx.execute("DELETE FROM decision_point WHERE agenda_item_id = ?1", [id])?;
    for (i, text) in item.decision_points.iter().enumerate() {
        tx.execute(
            "INSERT INTO decision_point (agenda_item_id, position, text_md) VALUES (?1, ?2, ?3)",
            params![id, i as i64 + 1, text],
        )?;
    }
    tx.execute("DELETE FROM agenda_item_measure WHERE agenda_item_id = ?1", [id])?;
    for code in &item.measure_codes {
        let changed = tx.execute(
            "INSERT INTO agenda_item_measure (agenda_item_id, measure_id) SELECT ?1, id FROM measure WHERE code = ?2",
            params![id, code],
        )?;
        if changed == 0 {
            return Err(CoreError::BundleRefused(format!("maatregel {code} ontbreekt in de bundel.")));
        }
    }
    Ok(id)
}

fn apply_attachments(
    tx: &Connection,
    item_id: i64,
    attachments: &[AttachmentData],
    files: &mut AttachmentReader,
) -> Result<()> {
    let uids: Vec<&str> = attachments.iter().map(|a| a.uid.as_str()).collect();
    let current: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, uid, sha256 FROM attachment WHERE agenda_item_id = ?1")?
        .query_map([item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, uid, _) in &current {
        if !uids.contains(&uid.as_str()) {
            tx.execute("DELETE FROM attachment WHERE id = ?1", [id])?;
        }
    }
    tx.execute("UPDATE attachment SET position = -id WHERE agenda_item_id = ?1", [item_id])?;
    for (position, a) in attachments.iter().enumerate() {
        // One attachment in memory at a time, checked against the signed manifest as it is read.
        let content = files.read(&a.uid)?;
        let id = match current.iter().find(|(_, uid, _)| *uid == a.uid) {
            Some((id, _, sha)) if *sha == a.sha256 => {
                tx.execute(
                    "UPDATE attachment SET position = ?2, file_name = ?3 WHERE id = ?1",
                    params![id, position as i64 + 1, a.file_name],
                )?;
                continue;
            }
            Some((id, _, _)) => {
                tx.execute(
                    "UPDATE attachment SET position = ?2, file_name = ?3, media_type = ?4, size_bytes = ?5, sha256 = ?6,
                            page_count = ?7, content = ?8, added_at = ?9 WHERE id = ?1",
                    params![id, position as i64 + 1, a.file_name, a.media_type, a.size_bytes as i64, a.sha256, a.page_count, content, a.added_at],
                )?;
                *id
            }
            None => {
                tx.execute(
                    "INSERT INTO attachment (agenda_item_id, position, file_name, media_type, size_bytes, sha256, page_count,
                                             content, added_at, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![item_id, position as i64 + 1, a.file_name, a.media_type, a.size_bytes as i64, a.sha256, a.page_count, content, a.added_at, a.uid],
                )
                .map_err(|e| match e.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => {
                        CoreError::BundleRefused(format!("bijlage «{}» bestaat hier al bij een ander agendapunt.", a.file_name))
                    }
                    _ => e.into(),
                })?;
                tx.last_insert_rowid()
            }
        };
        tx.execute("DELETE FROM attachment_page WHERE attachment_id = ?1", [id])?;
        for (i, text) in a.pages.iter().enumerate() {
            tx.execute(
                "INSERT INTO attachment_page (attachment_id, page, text) VALUES (?1, ?2, ?3)",
                params![id, i as i64 + 1, text],
            )?;
        }
        tx.execute(
            "UPDATE attachment SET searchable = ?2 WHERE id = ?1",
            params![id, a.pages.iter().any(|p| !p.trim().is_empty())],
        )?;
        tx.execute("INSERT OR IGNORE INTO search_dirty VALUES ('attachment', ?1)", [id])?;
    }
    Ok(())
}

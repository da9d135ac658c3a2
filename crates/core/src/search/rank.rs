//! The ranking function of the search index,
//! `bestuursmap_rank(search_index, phrases, documents, stems)`: BM25 over the stems column,
//! registered on every store connection through FTS5's C API.
//!
//! Why not FTS5's own `bm25()`: it looks up each matching document's length with a query on the
//! `_docsize` table, row by row. For a short prefix that matches a quarter of all pages that
//! lookup was most of the time of a search (a profile: the SQL engine, B-tree seeks and page-cache
//! calls around one small query per match). Here the lengths come from an array in memory,
//! filled from `search_doc.length` once and then only with documents added since
//! ([`DocLengths::refresh`]); a document's id is never reused (`AUTOINCREMENT`), so a length,
//! once read, stays right — unless the file's contents are replaced (a restored backup, or
//! another connection): then the lengths are read again. The formula is FTS5's
//! ([`super::rules::bm25_term`]), over the user's phrases only: the filter tokens of the `facets`
//! column neither weigh nor cost a pass. The document count and the total of stems come from
//! `search_stats` (the caller passes them): FTS5's own totals count deleted documents too.

use super::rules::{bm25_idf, bm25_term};
use crate::error::Result;
use rusqlite::ffi;
use rusqlite::Connection;
use std::ffi::{c_int, c_void};
use std::sync::{Arc, Mutex, PoisonError};

/// The SQL name of the ranking function.
pub(crate) const RANK_FUNCTION: &str = "bestuursmap_rank";

/// Stems per document, by the document's id (its rowid in `search_index`); shared between the
/// store (which fills it) and the ranking function (which reads a snapshot per query).
#[derive(Clone, Default)]
pub(crate) struct DocLengths(Arc<Mutex<Known>>);

#[derive(Default)]
struct Known {
    lengths: Arc<Vec<u32>>,
    /// `PRAGMA data_version` when the lengths were read: it changes when another connection
    /// (another process) commits, after which ids may mean other documents.
    data_version: Option<i64>,
}

impl DocLengths {
    /// Forgets every length: the store's contents were replaced (a backup restored).
    pub(crate) fn clear(&self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Known::default();
    }

    /// Reads the lengths of documents added since the last call (all of them after another
    /// connection committed). Only outside a transaction: ids read inside one could be handed
    /// out again if it is rolled back (the function then asks FTS5 for the length of a document
    /// it does not know, which is exact, only slower).
    pub(crate) fn refresh(&self, conn: &Connection) -> Result<()> {
        if !conn.is_autocommit() {
            return Ok(());
        }
        let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let mut known = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if known.data_version != Some(data_version) {
            *known = Known { lengths: Arc::default(), data_version: Some(data_version) };
        }
        let shared = &mut known.lengths;
        let highest_known = shared.len() as i64 - 1;
        let mut stmt = conn.prepare_cached("SELECT id, length FROM search_doc WHERE id > ?1 ORDER BY id")?;
        let mut rows = stmt.query([highest_known])?;
        let mut added: Vec<(usize, u32)> = Vec::new();
        while let Some(row) = rows.next()? {
            let (id, length): (i64, i64) = (row.get(0)?, row.get(1)?);
            if let Ok(id) = usize::try_from(id) {
                added.push((id, u32::try_from(length).unwrap_or(u32::MAX)));
            }
        }
        if let Some(&(last, _)) = added.last() {
            // Copies only when a query still holds the previous snapshot.
            let lengths = Arc::make_mut(shared);
            // Ids of deleted documents keep 0: they no longer match anything.
            lengths.resize(last + 1, 0);
            for (id, length) in added {
                lengths[id] = length;
            }
        }
        Ok(())
    }

    fn snapshot(&self) -> Arc<Vec<u32>> {
        Arc::clone(&self.0.lock().unwrap_or_else(PoisonError::into_inner).lengths)
    }
}

/// Registers [`RANK_FUNCTION`] on `conn`; its lengths are the returned [`DocLengths`].
pub(crate) fn register(conn: &Connection) -> Result<DocLengths> {
    let lengths = DocLengths::default();
    // SAFETY: `handle` is the live connection; the api pointer FTS5 hands out lives as long as
    // the connection; the user data is a boxed clone that FTS5 frees through `destroy_user_data`.
    unsafe {
        let api = fts5_api(conn.handle())?;
        let create = (*api).xCreateFunction.ok_or_else(|| internal("xCreateFunction ontbreekt"))?;
        let name = std::ffi::CString::new(RANK_FUNCTION).map_err(|_| internal("naam"))?;
        let user_data = Box::into_raw(Box::new(lengths.clone())).cast::<c_void>();
        let rc = create(api, name.as_ptr(), user_data, Some(rank), Some(destroy_user_data));
        if rc != ffi::SQLITE_OK {
            drop(Box::from_raw(user_data.cast::<DocLengths>()));
            return Err(internal("de zoekfunctie kon niet worden aangemeld"));
        }
    }
    Ok(lengths)
}

/// Cannot happen with the SQLite this crate bundles (FTS5 compiled in); said as a database error.
fn internal(what: &str) -> crate::error::CoreError {
    crate::error::CoreError::from(rusqlite::Error::SqliteFailure(
        ffi::Error::new(ffi::SQLITE_ERROR),
        Some(format!("FTS5: {what}")),
    ))
}

/// The FTS5 API of a connection (the documented way: `SELECT fts5(?1)` with a pointer bound).
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Result<*mut ffi::fts5_api> {
    let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
    let rc = ffi::sqlite3_prepare_v2(db, c"SELECT fts5(?1)".as_ptr(), -1, &mut stmt, std::ptr::null_mut());
    if rc != ffi::SQLITE_OK {
        return Err(internal("niet beschikbaar"));
    }
    let mut api: *mut ffi::fts5_api = std::ptr::null_mut();
    ffi::sqlite3_bind_pointer(stmt, 1, (&raw mut api).cast::<c_void>(), c"fts5_api_ptr".as_ptr(), None);
    ffi::sqlite3_step(stmt);
    ffi::sqlite3_finalize(stmt);
    if api.is_null() || (*api).iVersion < 2 {
        return Err(internal("niet beschikbaar"));
    }
    Ok(api)
}

unsafe extern "C" fn destroy_user_data(p: *mut c_void) {
    drop(Box::from_raw(p.cast::<DocLengths>()));
}

/// What a query computes once: the lengths, the phrases' weights and the average length.
struct QueryData {
    lengths: Arc<Vec<u32>>,
    idf: Vec<f64>,
    average_length: f64,
}

unsafe extern "C" fn destroy_query_data(p: *mut c_void) {
    drop(Box::from_raw(p.cast::<QueryData>()));
}

unsafe extern "C" fn count_row(_: *const ffi::Fts5ExtensionApi, _: *mut ffi::Fts5Context, n: *mut c_void) -> c_int {
    *n.cast::<i64>() += 1;
    ffi::SQLITE_OK
}

/// What the caller tells the function: how many of the expression's phrases are the user's, and
/// the index's document count and total of stems (from `search_stats`).
#[derive(Clone, Copy)]
struct Arguments {
    phrases: c_int,
    documents: i64,
    stems: i64,
}

/// The per-query data, computed at the first matching row (as FTS5's `bm25()` does).
unsafe fn query_data(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    args: Arguments,
) -> Option<*mut QueryData> {
    let existing = (api.xGetAuxdata?)(fts, 0).cast::<QueryData>();
    if !existing.is_null() {
        return Some(existing);
    }
    let Arguments { phrases, documents, stems } = args;
    let mut idf = Vec::with_capacity(phrases.max(0) as usize);
    for phrase in 0..phrases {
        let mut matching: i64 = 0;
        if (api.xQueryPhrase?)(fts, phrase, (&raw mut matching).cast::<c_void>(), Some(count_row)) != ffi::SQLITE_OK {
            return None;
        }
        idf.push(bm25_idf(documents, matching));
    }
    let user = (api.xUserData?)(fts).cast::<DocLengths>();
    let data = Box::into_raw(Box::new(QueryData {
        lengths: (*user).snapshot(),
        idf,
        average_length: stems as f64 / documents.max(1) as f64,
    }));
    if (api.xSetAuxdata?)(fts, data.cast::<c_void>(), Some(destroy_query_data)) != ffi::SQLITE_OK {
        // FTS5 has already freed it through the destructor.
        return None;
    }
    Some(data)
}

/// `bestuursmap_rank(search_index, phrases, documents, stems)`: minus the BM25 score of the row
/// over the stems column and the first `phrases` phrases, so that `ORDER BY` it ascending puts the
/// best first.
unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_args: c_int,
    args: *mut *mut ffi::sqlite3_value,
) {
    if n_args != 3 {
        let message = c"bestuursmap_rank(search_index, phrases, documents, stems)";
        ffi::sqlite3_result_error(ctx, message.as_ptr(), -1);
        return;
    }
    let arguments = Arguments {
        phrases: ffi::sqlite3_value_int(*args).clamp(0, (*api).xPhraseCount.map_or(0, |f| f(fts))),
        documents: ffi::sqlite3_value_int64(*args.add(1)),
        stems: ffi::sqlite3_value_int64(*args.add(2)),
    };
    match score(&*api, fts, arguments) {
        Some(score) => ffi::sqlite3_result_double(ctx, -score),
        None => ffi::sqlite3_result_error_code(ctx, ffi::SQLITE_ERROR),
    }
}

unsafe fn score(api: &ffi::Fts5ExtensionApi, fts: *mut ffi::Fts5Context, args: Arguments) -> Option<f64> {
    let data = &*query_data(api, fts, args)?;
    let phrases = args.phrases;
    let rowid = (api.xRowid?)(fts);
    let length = match usize::try_from(rowid).ok().and_then(|i| data.lengths.get(i)) {
        Some(&length) => length,
        None => {
            let mut n: c_int = 0;
            (api.xColumnSize?)(fts, 0, &mut n);
            n.max(0) as u32
        }
    };
    let mut score = 0.0;
    for phrase in 0..phrases {
        let mut iter = ffi::Fts5PhraseIter { a: std::ptr::null(), b: std::ptr::null() };
        let (mut column, mut offset): (c_int, c_int) = (0, 0);
        if (api.xPhraseFirst?)(fts, phrase, &mut iter, &mut column, &mut offset) != ffi::SQLITE_OK {
            return None;
        }
        let mut frequency = 0u32;
        while column >= 0 {
            if column == 0 {
                frequency = frequency.saturating_add(1);
            }
            (api.xPhraseNext?)(fts, &mut iter, &mut column, &mut offset);
        }
        // No indexing that could panic: a panic cannot unwind out of this C callback.
        let idf = data.idf.get(phrase as usize).copied().unwrap_or(0.0);
        score += bm25_term(idf, frequency, length, data.average_length);
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::RANK_FUNCTION;
    use crate::search::rules::{document_length, match_expression, stems};
    use crate::Store;
    use rusqlite::params;
    use std::collections::HashMap;

    /// Documents of many lengths over a small vocabulary, the later words ever rarer (from most
    /// documents down to a few), so every weight and frequency occurs.
    fn corpus(n: usize, seed: u64) -> Vec<String> {
        let words = [
            "jeugdhulp",
            "gemeenten",
            "begroting",
            "zorg",
            "aanbieders",
            "wachtlijst",
            "regio",
            "kosten",
            "besluit",
            "zienswijze",
            "aanpak",
            "aanbesteding",
            "inkoop",
            "tarieven",
        ];
        let mut state = seed;
        let mut next = move || {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        (0..n)
            .map(|_| {
                let length = 2 + next() % 120;
                (0..length)
                    .map(|_| words[(next() % words.len()).min(next() % words.len()).min(next() % words.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// Indexes `texts` as the store does (a document row with its length, the stems in the index;
    /// no filter tokens, so FTS5's own bm25 sees the same lengths).
    fn index(store: &Store, texts: &[String]) -> Vec<i64> {
        let conn = store.conn();
        texts
            .iter()
            .map(|text| {
                let stems = stems(text);
                let length = document_length(&stems) as i64;
                conn.execute("INSERT INTO search_doc (kind, ref_id, length) VALUES ('measure', 0, ?1)", [length])
                    .unwrap();
                let id = conn.last_insert_rowid();
                conn.execute("INSERT INTO search_index (rowid, stems, facets) VALUES (?1, ?2, '')", params![id, stems])
                    .unwrap();
                conn.execute("UPDATE search_stats SET documents = documents + 1, stems = stems + ?1", [length])
                    .unwrap();
                id
            })
            .collect()
    }

    fn ranked(store: &Store, query: &str, ours: bool) -> Vec<(i64, f64)> {
        let asked = match_expression(query).unwrap();
        store.doc_lengths.refresh(store.conn()).unwrap();
        let (documents, stems): (i64, i64) = store
            .conn()
            .query_row("SELECT documents, stems FROM search_stats", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        let function = if ours {
            format!("{RANK_FUNCTION}(search_index, {}, {documents}, {stems})", asked.phrases)
        } else {
            "bm25(search_index)".into()
        };
        let sql = format!(
            "SELECT rowid, {function} AS score FROM search_index WHERE search_index MATCH ?1 ORDER BY score, rowid DESC"
        );
        let mut stmt = store.conn().prepare(&sql).unwrap();
        let rows = stmt.query_map([format!("{{stems}} : ({})", asked.text)], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    const QUERIES: [&str; 9] = [
        "zorg",
        "tarieven",
        "aanbesteding",
        "aanb*",
        "ta*",
        "jeugdhulp kosten",
        "\"regio kosten\"",
        "besluit OF inkoop",
        "zorg NIET tarieven",
    ];

    fn assert_close(ours: f64, theirs: f64, what: &str) {
        assert!((ours - theirs).abs() <= 1e-9 * theirs.abs(), "{what}: {ours} vs {theirs}");
    }

    /// On an index that never lost a document, the ranking is FTS5's own bm25(): same order and
    /// scores, for every kind of query; only where the lengths come from differs.
    fn assert_same_as_fts5(store: &Store) {
        for query in QUERIES {
            let (ours, fts5) = (ranked(store, query, true), ranked(store, query, false));
            assert!(!ours.is_empty(), "{query}");
            assert_eq!(ours.len(), fts5.len(), "{query}");
            for ((id, score), (id5, score5)) in ours.iter().zip(&fts5) {
                assert_eq!(id, id5, "{query}");
                assert_close(*score, *score5, query);
            }
        }
    }

    /// After deletes (and inside a transaction) the ranking is what FTS5's bm25() gives on a
    /// fresh index of the same texts: deleted documents neither count nor leave their lengths.
    fn assert_same_as_fresh(store: &Store, texts: &HashMap<i64, String>) {
        let fresh = Store::open_in_memory().unwrap();
        let live: Vec<String> = {
            let mut live: Vec<(i64, String)> = texts.iter().map(|(id, t)| (*id, t.clone())).collect();
            live.sort();
            live.into_iter().map(|(_, t)| t).collect()
        };
        let fresh_ids = index(&fresh, &live);
        let fresh_texts: HashMap<i64, String> = fresh_ids.into_iter().zip(live).collect();
        for query in QUERIES {
            let by_text = |rows: Vec<(i64, f64)>, texts: &HashMap<i64, String>| {
                let mut rows: Vec<(String, f64)> = rows.into_iter().map(|(id, s)| (texts[&id].clone(), s)).collect();
                rows.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                rows
            };
            let ours = by_text(ranked(store, query, true), texts);
            let theirs = by_text(ranked(&fresh, query, false), &fresh_texts);
            assert_eq!(ours.len(), theirs.len(), "{query}");
            for ((text, score), (text5, score5)) in ours.iter().zip(&theirs) {
                assert_eq!(text, text5, "{query}");
                assert_close(*score, *score5, query);
            }
        }
    }

    #[test]
    fn ranks_as_fts5_bm25_over_the_live_documents_only() {
        let store = Store::open_in_memory().unwrap();
        let first = corpus(400, 1);
        let ids = index(&store, &first);
        assert_same_as_fts5(&store);
        let mut texts: HashMap<i64, String> = ids.iter().copied().zip(first).collect();
        // Documents go (as every re-index does); their ids are not handed out again, so lengths
        // kept in memory for them can never be taken for a new document's.
        for id in ids.iter().skip(300) {
            let conn = store.conn();
            conn.execute("DELETE FROM search_index WHERE rowid = ?1", [id]).unwrap();
            conn.execute(
                "UPDATE search_stats SET documents = documents - 1,
                        stems = stems - (SELECT length FROM search_doc WHERE id = ?1)",
                [id],
            )
            .unwrap();
            conn.execute("DELETE FROM search_doc WHERE id = ?1", [id]).unwrap();
            texts.remove(id);
        }
        let second = corpus(60, 2);
        let added = index(&store, &second);
        assert!(added[0] > ids[399], "ids are never reused");
        texts.extend(added.into_iter().zip(second));
        assert_same_as_fresh(&store, &texts);
        // Inside a transaction the new documents' lengths are not cached (a rollback could hand
        // their ids out again); the ranking asks FTS5 for them and is just as exact.
        store.conn().execute_batch("BEGIN").unwrap();
        let third = corpus(40, 3);
        let uncommitted: HashMap<i64, String> = index(&store, &third).into_iter().zip(third).collect();
        let mut with_uncommitted = texts.clone();
        with_uncommitted.extend(uncommitted);
        assert_same_as_fresh(&store, &with_uncommitted);
        store.conn().execute_batch("ROLLBACK").unwrap();
        assert_same_as_fresh(&store, &texts);
    }
}

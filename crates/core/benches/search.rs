//! Search benchmark: ten years of a busy region (2,000 meetings, 40,000 agenda items, 20,000
//! attachments with 400,000 pages of text), written through the store's real write path (so the
//! index is built as in use), then typical queries timed, each kind without and with a filter
//! (body, date range, municipality, kind). The same generated text is also indexed by a peer, the
//! tantivy search library with its Dutch stemmer, and its figures are printed beside ours.
//! Prints the figures the README reports; asserts nothing about time.
//!
//! `cargo bench -p bestuursmap-core --bench search`; environment:
//! - `BENCH_SCALE=0.05` for a quick run (a fraction of the meetings);
//! - `BENCH_DB=path` keeps the encrypted database there (and reuses it when it exists: then the
//!   indexing figures are not measured again); the app's as-you-type benchmark opens it;
//! - `BENCH_PEER=0` skips the peer.

use bestuursmap_core::domain::{ItemKind, MeetingStatus};
use bestuursmap_core::meetings::{NewAgendaItem, NewMeeting};
use bestuursmap_core::search::SearchFilter;
use bestuursmap_core::{demo, OpenMode, Store};
use std::path::PathBuf;
use std::time::Instant;

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn vocabulary() -> Vec<String> {
    let texts = [
        include_str!("../../../assets/demo/fixtures/zienswijzen-2020-deel.json"),
        include_str!("../../../assets/demo/fixtures/standard-responses.json"),
    ];
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.chars().count() > 2 && w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn sentence(rng: &mut Lcg, words: &[String], n: usize) -> String {
    (0..n).map(|_| words[rng.next() % words.len()].as_str()).collect::<Vec<_>>().join(" ")
}

const ITEMS_PER_MEETING: usize = 20;
const ATTACHMENT_EVERY: usize = 2;
const PAGES_PER_ATTACHMENT: usize = 20;
const BODIES: [&str; 4] = ["AB", "DB", "NETWERK_MTPLUS", "BOT"];

struct GenItem {
    title: String,
    proposal: String,
    point: String,
    /// Index into the list of portefeuillehouders (persons of a municipality).
    portefeuillehouder: usize,
    pages: Option<Vec<String>>,
}

struct GenMeeting {
    body: usize,
    day: chrono::NaiveDate,
    title: String,
    items: Vec<GenItem>,
}

/// The generated region, meeting by meeting (deterministic, so the peer sees the same text).
fn generate(meetings: usize, words: &[String], portefeuillehouders: usize, mut each: impl FnMut(usize, GenMeeting)) {
    let mut rng = Lcg(2020);
    let start_day = chrono::NaiveDate::from_ymd_opt(2015, 1, 5).unwrap();
    for m in 0..meetings {
        let body = m % BODIES.len();
        let day = start_day + chrono::Duration::days((m as i64 * 3650) / meetings.max(1) as i64);
        let title = format!("Vergadering {m} {}", sentence(&mut rng, words, 3));
        let items = (0..ITEMS_PER_MEETING)
            .map(|i| {
                let proposal = sentence(&mut rng, words, 60);
                let point = sentence(&mut rng, words, 12);
                let title = sentence(&mut rng, words, 5);
                let portefeuillehouder = rng.next() % portefeuillehouders.max(1);
                let pages = (i % ATTACHMENT_EVERY == 0)
                    .then(|| (0..PAGES_PER_ATTACHMENT).map(|_| sentence(&mut rng, words, 60)).collect());
                GenItem { title, proposal, point, portefeuillehouder, pages }
            })
            .collect();
        each(m, GenMeeting { body, day, title, items });
    }
}

/// Thread CPU time in ms: on a shared machine wall time also counts waiting for a core.
fn cpu_ms() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes into the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

struct Timings {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Timings {
    fn new() -> Timings {
        Timings { wall: Vec::new(), cpu: Vec::new() }
    }
    fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let (t, c) = (Instant::now(), cpu_ms());
        let out = f();
        self.cpu.push(cpu_ms() - c);
        self.wall.push(t.elapsed().as_secs_f64() * 1000.0);
        out
    }
    fn pct(v: &[f64], q: f64) -> f64 {
        let mut v = v.to_vec();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[((v.len() as f64 * q) as usize).min(v.len() - 1)]
    }
    fn p50(&self) -> f64 {
        Self::pct(&self.wall, 0.5)
    }
    fn p95(&self) -> f64 {
        Self::pct(&self.wall, 0.95)
    }
    fn max(&self) -> f64 {
        Self::pct(&self.wall, 1.0)
    }
    fn cpu_p95(&self) -> f64 {
        Self::pct(&self.cpu, 0.95)
    }
}

/// One benchmark query: what is typed, and the filter (if any).
struct Query {
    text: String,
    filter: SearchFilter,
}

fn main() {
    let scale: f64 = std::env::var("BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let meetings = (2000.0 * scale).round() as usize;
    let kept = std::env::var_os("BENCH_DB").map(PathBuf::from);
    let dir = tempfile::tempdir().unwrap();
    let path = kept.clone().unwrap_or_else(|| dir.path().join("bench.db"));
    let reuse = path.exists();
    let words = vocabulary();

    let mut store = Store::open(&path, OpenMode::CreateIfMissing, &passphrase()).unwrap();
    if !reuse {
        demo::load(&mut store).unwrap();
    }
    let (people, municipality_of) = portefeuillehouders(&store);
    let bodies: Vec<i64> = BODIES.iter().map(|c| store.body_by_code(c).unwrap().id).collect();

    let (mut n_items, mut n_attachments, mut n_pages, mut text_bytes) = (0usize, 0usize, 0usize, 0usize);
    let (started, started_cpu) = (Instant::now(), cpu_ms());
    generate(meetings, &words, people.len(), |m, meeting| {
        n_items += meeting.items.len();
        for pages in meeting.items.iter().filter_map(|i| i.pages.as_ref()) {
            n_attachments += 1;
            n_pages += pages.len();
            text_bytes += pages.iter().map(String::len).sum::<usize>();
        }
        if reuse {
            return;
        }
        store
            .atomically(|store| {
                let id = store.add_meeting(&NewMeeting {
                    body_id: bodies[meeting.body],
                    title: meeting.title.clone(),
                    starts_at: meeting.day.and_hms_opt(19, 30, 0).unwrap(),
                    ends_at: None,
                    location: None,
                    status: Some(MeetingStatus::Vergaderd),
                    demo_note: Some("benchmark".into()),
                })?;
                for (i, item) in meeting.items.iter().enumerate() {
                    let kind = if BODIES[meeting.body] == "BOT" {
                        ItemKind::TerBespreking
                    } else {
                        ItemKind::TerBesluitvorming
                    };
                    let item_id = store.add_agenda_item(
                        id,
                        &NewAgendaItem {
                            proposal_md: Some(item.proposal.clone()),
                            decision_points: vec![item.point.clone()],
                            portefeuillehouder_id: people.get(item.portefeuillehouder).copied(),
                            ..NewAgendaItem::new(item.title.clone(), kind)
                        },
                    )?;
                    if let Some(pages) = &item.pages {
                        let att = store.add_attachment(item_id, &format!("bijlage-{m}-{i}.txt"), b"benchmark", None)?;
                        store.set_attachment_text(att, pages)?;
                    }
                }
                Ok(())
            })
            .unwrap();
    });
    let indexing = started.elapsed();
    let indexing_cpu = (cpu_ms() - started_cpu) / 1000.0;
    drop(store);
    let store = Store::open(&path, OpenMode::MustExist, &passphrase()).unwrap();
    let size = std::fs::metadata(&path).unwrap().len()
        + std::fs::metadata(path.with_extension("db-wal")).map(|m| m.len()).unwrap_or(0);

    println!(
        "data: {meetings} meetings, {n_items} agenda items, {n_attachments} attachments, {n_pages} pages ({:.0} MB of text)",
        text_bytes as f64 / 1e6
    );
    if reuse {
        println!("indexing: not measured (reused {})", path.display());
    } else {
        println!(
            "indexing through the write path: {:.1} s, {:.0} pages/s, {:.1} MB text/s; CPU {:.1} s, {:.0} pages per CPU second",
            indexing.as_secs_f64(),
            n_pages as f64 / indexing.as_secs_f64(),
            text_bytes as f64 / 1e6 / indexing.as_secs_f64(),
            indexing_cpu,
            n_pages as f64 / indexing_cpu
        );
    }
    println!(
        "database size: {:.0} MB ({:.2}× the text; all data + index, encrypted)",
        size as f64 / 1e6,
        size as f64 / text_bytes.max(1) as f64
    );

    // Typical queries: one word, two words, a phrase, a prefix; each without and with a filter.
    let frequent: Vec<&str> = words.iter().filter(|w| w.len() > 6).take(40).map(String::as_str).collect();
    let municipality = municipality_of.first().cloned().unwrap_or_default();
    let filter = |i: usize| match i % 4 {
        0 => SearchFilter { body: Some("AB".into()), ..SearchFilter::default() },
        1 => SearchFilter {
            from: chrono::NaiveDate::from_ymd_opt(2019, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2019, 12, 31),
            ..SearchFilter::default()
        },
        2 => SearchFilter { municipality: Some(municipality.clone()), ..SearchFilter::default() },
        _ => SearchFilter { kinds: vec!["attachment".into()], ..SearchFilter::default() },
    };
    type Make<'a> = Box<dyn Fn(usize) -> String + 'a>;
    let kinds: Vec<(&str, Make)> = vec![
        ("one word", Box::new(|i| frequent[i % frequent.len()].to_string())),
        (
            "two words",
            Box::new(|i| format!("{} {}", frequent[i % frequent.len()], frequent[(i * 7 + 3) % frequent.len()])),
        ),
        (
            "phrase",
            Box::new(|i| format!("\"{} {}\"", words[(i * 13) % words.len()], words[(i * 13 + 1) % words.len()])),
        ),
        ("prefix", Box::new(|i| format!("{}*", &frequent[i % frequent.len()][..4]))),
        // Not one of #18's four kinds: a shorter prefix matches more terms and more pages.
        ("prefix (3)", Box::new(|i| format!("{}*", &frequent[i % frequent.len()][..3]))),
    ];
    let peer = (std::env::var("BENCH_PEER").as_deref() != Ok("0"))
        .then(|| peer::Peer::build(meetings, &words, &municipality_of, n_pages));

    println!(
        "\n{:<11} {:>34} {:>34} {:>18}",
        "query", "no filter: p50 / p95 / max (cpu p95)", "filtered: p50 / p95 / max (cpu p95)", "peer p95 (ratio)"
    );
    let (mut all, mut all_peer) = (Timings::new(), Timings::new());
    for (k, (label, make)) in kinds.iter().enumerate() {
        // The summary line covers #18's four kinds (the first four); the 3-letter prefix is
        // shown on its own.
        let counted = k < 4;
        let mut line = format!("{label:<11}");
        let mut peer_line = String::new();
        for filtered in [false, true] {
            let queries: Vec<Query> = (0..200)
                .map(|i| Query { text: make(i), filter: if filtered { filter(i) } else { SearchFilter::default() } })
                .collect();
            let mut ours = Timings::new();
            for q in &queries {
                let hits = ours.time(|| store.search(&q.text, &q.filter, 20).unwrap());
                std::hint::black_box(hits);
            }
            line.push_str(&format!(
                " {:>8.1} / {:>6.1} / {:>6.1} ({:>5.1}) ms",
                ours.p50(),
                ours.p95(),
                ours.max(),
                ours.cpu_p95()
            ));
            if counted {
                all.wall.extend(&ours.wall);
                all.cpu.extend(&ours.cpu);
            }
            if let Some(peer) = &peer {
                let mut theirs = Timings::new();
                for q in &queries {
                    let hits = theirs.time(|| peer.search(&q.text, &q.filter, 20));
                    std::hint::black_box(hits);
                }
                peer_line.push_str(&format!(
                    "{}{:.1} ({:.1}×)",
                    if filtered { " / " } else { "" },
                    theirs.p95(),
                    ours.p95() / theirs.p95()
                ));
                if counted {
                    all_peer.wall.extend(&theirs.wall);
                    all_peer.cpu.extend(&theirs.cpu);
                }
            }
        }
        println!("{line} {peer_line:>18}");
    }
    println!(
        "all {} queries: p95 {:.1} ms (cpu p95 {:.1} ms), p50 {:.1} ms",
        all.wall.len(),
        all.p95(),
        all.cpu_p95(),
        all.p50()
    );
    if let Some(_peer) = &peer {
        println!(
            "peer (tantivy, unencrypted index, top 20 without snippets): p95 {:.1} ms (cpu p95 {:.1} ms), p50 {:.2} ms; ours/peer p95 = {:.1}×",
            all_peer.p95(),
            all_peer.cpu_p95(),
            all_peer.p50(),
            all.p95() / all_peer.p95()
        );
    }
}

/// Persons of a municipality (the portefeuillehouders of generated items) and their municipality codes.
fn portefeuillehouders(store: &Store) -> (Vec<i64>, Vec<String>) {
    let municipalities: Vec<(i64, String)> = store
        .organisations()
        .unwrap()
        .into_iter()
        .filter(|o| o.kind == bestuursmap_core::domain::OrganisationKind::Gemeente)
        .map(|o| (o.id, o.code))
        .collect();
    store
        .persons()
        .unwrap()
        .into_iter()
        .filter_map(|p| {
            let org = p.organisation_id?;
            municipalities.iter().find(|(id, _)| *id == org).map(|(_, code)| (p.id, code.clone()))
        })
        .unzip()
}

/// The e2e tests' passphrase, so the app's as-you-type benchmark can open a kept database.
fn passphrase() -> bestuursmap_core::store::Passphrase {
    bestuursmap_core::store::Passphrase::new("proef-wachtwoordzin").unwrap()
}

/// The peer: tantivy over the same generated documents, with Dutch stemming and ASCII folding,
/// the filters as indexed fields, BM25 ranking, top 20 with their stored titles.
mod peer {
    use super::*;
    use tantivy::query::{
        BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query as TQuery, RangeQuery, RegexQuery, TermQuery,
    };
    use tantivy::schema::{
        Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
    };
    use tantivy::tokenizer::{AsciiFoldingFilter, Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};
    use tantivy::{doc, Index, IndexReader, Term};

    pub struct Peer {
        _dir: tempfile::TempDir,
        index: Index,
        reader: IndexReader,
        text: Field,
        title: Field,
        kind: Field,
        body: Field,
        municipality: Field,
        day: Field,
    }

    fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::Dutch))
            .build()
    }

    /// A filter: required, but adds nothing to the score.
    fn filter_only(query: Box<dyn TQuery>) -> (Occur, Box<dyn TQuery>) {
        (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
    }

    fn yyyymmdd(d: chrono::NaiveDate) -> i64 {
        use chrono::Datelike;
        d.year() as i64 * 10_000 + d.month() as i64 * 100 + d.day() as i64
    }

    impl Peer {
        pub fn build(meetings: usize, words: &[String], municipality_of: &[String], n_pages: usize) -> Peer {
            let mut schema = Schema::builder();
            let indexing = TextFieldIndexing::default()
                .set_tokenizer("nl")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let text = schema.add_text_field("text", TextOptions::default().set_indexing_options(indexing));
            let title = schema.add_text_field("title", STORED);
            let kind = schema.add_text_field("kind", STRING);
            let body = schema.add_text_field("body", STRING);
            let municipality = schema.add_text_field("municipality", STRING);
            let day = schema.add_i64_field("day", INDEXED | FAST);
            let dir = tempfile::tempdir().unwrap();
            let index = Index::create_in_dir(dir.path(), schema.build()).unwrap();
            index.tokenizers().register("nl", analyzer());
            let started = Instant::now();
            // One indexing thread, like the store's write path.
            let mut writer = index.writer_with_num_threads(1, 200_000_000).unwrap();
            generate(meetings, words, municipality_of.len(), |m, meeting| {
                let (b, d) = (BODIES[meeting.body], yyyymmdd(meeting.day));
                writer.add_document(doc!(text => meeting.title.clone(), title => meeting.title.clone(), kind => "meeting", body => b, day => d)).unwrap();
                for (i, item) in meeting.items.iter().enumerate() {
                    let gemeente = municipality_of.get(item.portefeuillehouder).cloned().unwrap_or_default();
                    let all = format!("{} {} {}", item.title, item.proposal, item.point);
                    writer
                        .add_document(doc!(text => all, title => item.title.clone(), kind => "item", body => b, municipality => gemeente.clone(), day => d))
                        .unwrap();
                    for (p, page) in item.pages.iter().flatten().enumerate() {
                        let name = format!("bijlage-{m}-{i}.txt, pagina {}", p + 1);
                        writer
                            .add_document(doc!(text => page.clone(), title => name, kind => "attachment", body => b, municipality => gemeente.clone(), day => d))
                            .unwrap();
                    }
                }
            });
            writer.commit().unwrap();
            writer.wait_merging_threads().unwrap();
            let took = started.elapsed().as_secs_f64();
            let size: u64 =
                std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
            println!(
                "peer (tantivy 0.25): indexed in {took:.1} s, {:.0} pages/s, index {:.0} MB (not encrypted, no copy of the text)",
                n_pages as f64 / took,
                size as f64 / 1e6
            );
            let reader = index.reader().unwrap();
            Peer { _dir: dir, index, reader, text, title, kind, body, municipality, day }
        }

        fn terms(&self, text: &str) -> Vec<Term> {
            let mut analyzer = analyzer();
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push(Term::from_field_text(self.text, &stream.token().text));
            }
            out
        }

        pub fn search(&self, query: &str, filter: &SearchFilter, limit: usize) -> Vec<String> {
            let q = query.trim();
            let main: Box<dyn TQuery> = if let Some(phrase) = q.strip_prefix('"') {
                Box::new(PhraseQuery::new(self.terms(phrase.trim_end_matches('"'))))
            } else if let Some(prefix) = q.strip_suffix('*') {
                let folded = bestuursmap_core::search::rules::fold(prefix);
                Box::new(RegexQuery::from_pattern(&format!("{folded}.*"), self.text).unwrap())
            } else {
                let terms = self.terms(q);
                let musts = terms
                    .into_iter()
                    .map(|t| {
                        (Occur::Must, Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn TQuery>)
                    })
                    .collect();
                Box::new(BooleanQuery::new(musts))
            };
            let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Must, main)];
            let exact = |field: Field, value: &str| -> Box<dyn TQuery> {
                Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
            };
            if !filter.kinds.is_empty() {
                let any = filter.kinds.iter().map(|k| (Occur::Should, exact(self.kind, k))).collect();
                clauses.push(filter_only(Box::new(BooleanQuery::new(any))));
            }
            if let Some(b) = &filter.body {
                clauses.push(filter_only(exact(self.body, b)));
            }
            if let Some(m) = &filter.municipality {
                clauses.push(filter_only(exact(self.municipality, m)));
            }
            if filter.from.is_some() || filter.to.is_some() {
                use std::ops::Bound;
                let bound = |d: Option<chrono::NaiveDate>| match d {
                    Some(d) => Bound::Included(Term::from_field_i64(self.day, yyyymmdd(d))),
                    None => Bound::Unbounded,
                };
                clauses.push(filter_only(Box::new(RangeQuery::new(bound(filter.from), bound(filter.to)))));
            }
            let searcher = self.reader.searcher();
            let top =
                searcher.search(&BooleanQuery::new(clauses), &tantivy::collector::TopDocs::with_limit(limit)).unwrap();
            let _ = &self.index;
            top.into_iter()
                .map(|(_, address)| {
                    let doc: tantivy::TantivyDocument = searcher.doc(address).unwrap();
                    use tantivy::schema::Value;
                    doc.get_first(self.title).and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
                })
                .collect()
        }
    }
}

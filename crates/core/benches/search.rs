//! Search benchmark: ten years of a busy region (2,000 meetings, 40,000 agenda items, 20,000
//! attachments with 400,000 pages of text), written through the store's real write path (so the
//! index is built as in use), then typical queries timed. Run with
//! `cargo bench -p bestuursmap-core --bench search` (BENCH_SCALE=0.05 for a quick run).
//! Prints the figures the README reports; asserts nothing about time.

use bestuursmap_core::domain::{ItemKind, MeetingStatus};
use bestuursmap_core::store::{NewAgendaItem, NewMeeting, SearchFilter};
use bestuursmap_core::{demo, OpenMode, Store};
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

fn main() {
    let scale: f64 = std::env::var("BENCH_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let meetings = (2000.0 * scale).round() as usize;
    let (items_per, attachments_per_item_every, pages_per) = (20usize, 2usize, 20usize);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing, &passphrase()).unwrap();
    demo::load(&mut store).unwrap();
    let words = vocabulary();
    let mut rng = Lcg(2020);
    let bodies: Vec<i64> =
        ["AB", "DB", "NETWERK_MTPLUS", "BOT"].iter().map(|c| store.body_by_code(c).unwrap().id).collect();
    let bot = bodies[3];

    let started = Instant::now();
    let (mut n_items, mut n_attachments, mut n_pages, mut text_bytes) = (0usize, 0usize, 0usize, 0usize);
    let start_day = chrono::NaiveDate::from_ymd_opt(2015, 1, 5).unwrap();
    for m in 0..meetings {
        let body = bodies[m % bodies.len()];
        let day = start_day + chrono::Duration::days((m as i64 * 3650) / meetings.max(1) as i64);
        store
            .atomically(|store| {
                let meeting = store.add_meeting(&NewMeeting {
                    body_id: body,
                    title: format!("Vergadering {m} {}", sentence(&mut rng, &words, 3)),
                    starts_at: day.and_hms_opt(19, 30, 0).unwrap(),
                    ends_at: None,
                    location: None,
                    status: MeetingStatus::Vergaderd,
                    demo_note: Some("benchmark".into()),
                })?;
                for i in 0..items_per {
                    let kind = if body == bot { ItemKind::TerBespreking } else { ItemKind::TerBesluitvorming };
                    let item = store.add_agenda_item(
                        meeting,
                        &NewAgendaItem {
                            proposal_md: Some(sentence(&mut rng, &words, 60)),
                            decision_points: vec![sentence(&mut rng, &words, 12)],
                            ..NewAgendaItem::new(sentence(&mut rng, &words, 5), kind)
                        },
                    )?;
                    n_items += 1;
                    if i % attachments_per_item_every == 0 {
                        let att = store.add_attachment(item, &format!("bijlage-{m}-{i}.txt"), b"benchmark", None)?;
                        let pages: Vec<String> = (0..pages_per).map(|_| sentence(&mut rng, &words, 60)).collect();
                        text_bytes += pages.iter().map(String::len).sum::<usize>();
                        store.set_attachment_text(att, &pages)?;
                        n_attachments += 1;
                        n_pages += pages_per;
                    }
                }
                Ok(())
            })
            .unwrap();
    }
    let indexing = started.elapsed();
    drop(store);
    let store = Store::open(&path, OpenMode::MustExist, &passphrase()).unwrap();
    let size = std::fs::metadata(&path).unwrap().len()
        + std::fs::metadata(path.with_extension("db-wal")).map(|m| m.len()).unwrap_or(0);

    println!("data: {meetings} meetings, {n_items} agenda items, {n_attachments} attachments, {n_pages} pages ({:.0} MB of text)", text_bytes as f64 / 1e6);
    println!(
        "indexing through the write path: {:.1} s, {:.0} pages/s, {:.1} MB text/s",
        indexing.as_secs_f64(),
        n_pages as f64 / indexing.as_secs_f64(),
        text_bytes as f64 / 1e6 / indexing.as_secs_f64()
    );
    println!("database size: {:.0} MB", size as f64 / 1e6);

    // Typical queries: one word, two words, a phrase, a prefix; and one with filters.
    let frequent: Vec<&str> = words.iter().filter(|w| w.len() > 6).take(40).map(String::as_str).collect();
    let filter_ab = SearchFilter { body: Some("AB".into()), ..SearchFilter::default() };
    let mut all = Vec::new();
    for (label, make) in [
        ("one word", Box::new(|i: usize| frequent[i % frequent.len()].to_string()) as Box<dyn Fn(usize) -> String>),
        (
            "two words",
            Box::new(|i: usize| format!("{} {}", frequent[i % frequent.len()], frequent[(i * 7 + 3) % frequent.len()])),
        ),
        (
            "phrase",
            Box::new(|i: usize| format!("\"{} {}\"", words[(i * 13) % words.len()], words[(i * 13 + 1) % words.len()])),
        ),
        ("prefix", Box::new(|i: usize| format!("{}*", &frequent[i % frequent.len()][..4]))),
    ] {
        let mut times = Vec::new();
        for i in 0..200 {
            let q = make(i);
            let filter = if i % 4 == 0 { &filter_ab } else { &SearchFilter::default() };
            let t = Instant::now();
            let hits = store.search(&q, filter, 20).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(hits);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        println!(
            "query {label:<10} p50 {:>6.2} ms  p95 {:>6.2} ms  max {:>6.2} ms",
            p(0.5),
            p(0.95),
            times[times.len() - 1]
        );
        all.extend(times);
    }
    all.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("all queries: p95 {:.2} ms over {} queries", all[(all.len() as f64 * 0.95) as usize], all.len());
}

fn passphrase() -> bestuursmap_core::store::Passphrase {
    bestuursmap_core::store::Passphrase::new("benchmark-wachtwoordzin").unwrap()
}

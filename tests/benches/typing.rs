//! As the user feels it: results as you type in Ctrl+K, measured through the real app (under
//! Xvfb, driven by WebDriver) on the search benchmark's database. For every key, the time from
//! the input event to the frame after the results for what has been typed so far are on screen;
//! an answer for an earlier key that arrives late must be dropped, never painted (counted).
//! Prints figures; asserts nothing about time.
//!
//! First keep a benchmark database, then run this against it:
//! ```text
//! BENCH_DB=/tmp/bench.db cargo bench -p bestuursmap-core --bench search
//! BENCH_DB=/tmp/bench.db cargo bench -p bestuursmap-e2e --bench typing
//! ```
//! `BENCH_KEY_GAP_MS` sets the time between keys (default 120 ms, a quick typist);
//! `BESTUURSMAP_APP` picks the app binary (default `target/debug/bestuursmap-app`).

use bestuursmap_e2e::App;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The same vocabulary and query kinds as the search benchmark (crates/core/benches/search.rs).
fn vocabulary() -> Vec<String> {
    let texts = [
        include_str!("../../assets/demo/fixtures/zienswijzen-2020-deel.json"),
        include_str!("../../assets/demo/fixtures/standard-responses.json"),
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

/// Types `query` into the search box key by key (in the page, so the gaps are exact) and records
/// when each key landed and when the results of each query were painted.
const TYPE_SCRIPT: &str = r#"
const [query, gap] = arguments;
const input = document.querySelector('[data-testid=search-input]');
const results = document.querySelector('[data-testid=search-results]');
const rec = { keys: [], paints: [], done: false };
window.__typing = rec;
const observer = new MutationObserver(() => {
  const shown = results.dataset.query;
  // After the next frame: the results are on screen.
  requestAnimationFrame(() => setTimeout(() => rec.paints.push([shown, performance.now()]), 0));
});
observer.observe(results, { attributes: true, childList: true, subtree: true, characterData: true });
let typed = 0;
const finish = () => { observer.disconnect(); rec.done = true; };
function key() {
  typed += 1;
  const value = query.slice(0, typed);
  rec.keys.push([value, performance.now()]);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  if (typed < query.length) { setTimeout(key, gap); return; }
  const until = performance.now() + 3000;
  const wait = () => rec.paints.some(([q]) => q === query.trim()) || performance.now() > until ? setTimeout(finish, 50) : setTimeout(wait, 20);
  wait();
}
key();
"#;

fn percentile(values: &[f64], q: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 * q) as usize).min(v.len() - 1)]
}

fn main() {
    let db = PathBuf::from(std::env::var_os("BENCH_DB").expect(
        "BENCH_DB names a database kept by the search benchmark (BENCH_DB=… cargo bench -p bestuursmap-core --bench search)",
    ));
    assert!(db.exists(), "{} does not exist: run the search benchmark with BENCH_DB first", db.display());
    let gap: u64 = std::env::var("BENCH_KEY_GAP_MS").ok().and_then(|s| s.parse().ok()).unwrap_or(120);
    let words = vocabulary();
    let frequent: Vec<&str> = words.iter().filter(|w| w.len() > 6).take(40).map(String::as_str).collect();
    let mut queries = Vec::new();
    for i in 0..10 {
        queries.push(("one word", frequent[i * 3 % frequent.len()].to_string()));
        queries.push((
            "two words",
            format!("{} {}", frequent[i % frequent.len()], frequent[(i * 7 + 3) % frequent.len()]),
        ));
        queries
            .push(("phrase", format!("\"{} {}\"", words[(i * 13) % words.len()], words[(i * 13 + 1) % words.len()])));
        queries.push(("prefix", format!("{}*", &frequent[(i * 5) % frequent.len()][..4])));
    }

    let started = Instant::now();
    let app = App::start(&db);
    app.wait_for("[data-testid=body-group]");
    println!("app started on {} in {:.1} s", db.display(), started.elapsed().as_secs_f64());
    app.execute("window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))", vec![]);
    let input = app.wait_for("[data-testid=search-input]");
    app.wait_for("[data-testid=search-results]");

    let (mut every_key, mut last_key, mut stale, mut unanswered) = (Vec::new(), Vec::new(), 0usize, 0usize);
    for (_, query) in &queries {
        input.set_value("");
        std::thread::sleep(Duration::from_millis(300));
        app.execute(TYPE_SCRIPT, vec![json!(query), json!(gap)]);
        let deadline = Instant::now() + Duration::from_secs(30);
        while app.execute("return window.__typing.done", vec![]) != json!(true) {
            assert!(Instant::now() < deadline, "typing '{query}' did not finish");
            std::thread::sleep(Duration::from_millis(100));
        }
        let rec: Value = app.execute("return window.__typing", vec![]);
        let keys: Vec<(String, f64)> = serde_json::from_value(rec["keys"].clone()).unwrap();
        let paints: Vec<(String, f64)> = serde_json::from_value(rec["paints"].clone()).unwrap();
        // A painted answer to a shorter (earlier) query after a longer one was shown is stale.
        let mut longest = 0;
        for (shown, _) in &paints {
            if shown.len() < longest && !shown.is_empty() {
                stale += 1;
            }
            longest = longest.max(shown.len());
        }
        let mut previous = String::new();
        for (k, (value, at)) in keys.iter().enumerate() {
            let q = value.trim().to_string();
            if q.chars().count() < 2 || q == previous {
                continue;
            }
            previous = q.clone();
            // The key's own answer, if it was painted before the next key made it stale.
            let next_key = keys.get(k + 1).map(|(_, t)| *t).unwrap_or(f64::INFINITY);
            let painted = paints.iter().find(|(shown, t)| *shown == q && *t >= *at).map(|(_, t)| *t);
            match painted {
                Some(t) if k + 1 == keys.len() => {
                    every_key.push(t - at);
                    last_key.push(t - at);
                }
                Some(t) if t <= next_key + 1.0 => every_key.push(t - at),
                Some(_) | None if k + 1 < keys.len() => {} // superseded by the next key: dropped, as it should be
                _ => unanswered += 1,
            }
        }
    }
    println!(
        "{} queries typed key by key, {gap} ms between keys ({} keys answered before the next key)",
        queries.len(),
        every_key.len()
    );
    println!(
        "key → painted results, every answered key: median {:.0} ms, p95 {:.0} ms, max {:.0} ms",
        percentile(&every_key, 0.5),
        percentile(&every_key, 0.95),
        percentile(&every_key, 1.0)
    );
    if !last_key.is_empty() {
        println!(
            "last key of each query → its results painted: median {:.0} ms, p95 {:.0} ms ({} of {})",
            percentile(&last_key, 0.5),
            percentile(&last_key, 0.95),
            last_key.len(),
            queries.len()
        );
    }
    println!("stale answers painted: {stale}; last keys without results within 3 s: {unanswered}");
    app.screenshot("typing-benchmark");
}

//! Benchmarks of the release app (figures, not tests; the README gives method and results):
//!
//! - **start**: from the moment the process started (kernel start time in /proc) to the moment
//!   the meetings list was first painted (a `performance.mark` the list sets after its first
//!   frame), on an existing store with the demo data; one warm-up start, then the median of 5;
//! - **memory**: 10 s after a start, the resident memory of the app process and of its WebKit
//!   processes (RSS, and PSS, which counts shared pages once);
//! - **open**: from the click on the AB meeting of 12 November 2020 to its agenda painted,
//!   measured inside the page; median of 5.
//!
//! With `BENCH_PROFILE=1` it also prints, per run, where the time went: for the start, the moment
//! the page's navigation began (process start → WebView ready), the page's own milestones (scripts
//! loaded, DOM ready) and each command the page called before the list was painted (kept by
//! `ui/src/lib/backend.ts` as performance measures); for the opening, each command between the
//! click and the painted agenda (the Tauri invoke is wrapped for that one click).
//!
//! Run: `cargo build --release -p bestuursmap-app && cargo bench -p bestuursmap-e2e --bench app`
//! (`BESTUURSMAP_APP` names another binary). Needs Xvfb, tauri-driver and WebKitWebDriver, as the
//! e2e tests do.

use bestuursmap_core::{demo, OpenMode};
use bestuursmap_e2e::{open_store, workspace_root, App};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const RUNS: usize = 5;

fn release_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("BESTUURSMAP_APP") {
        return PathBuf::from(path);
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    let path = target.join("release/bestuursmap-app");
    assert!(path.exists(), "{} is missing: cargo build --release -p bestuursmap-app", path.display());
    path
}

/// The process running `binary` (one at a time in this benchmark).
fn pid_of(binary: &Path) -> u32 {
    let wanted = std::fs::canonicalize(binary).unwrap();
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == wanted))
        .expect("the app process")
}

fn stat_fields(pid: u32) -> Vec<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name (field 2) may hold spaces; the fields after it start past the last ')'.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    rest.split_whitespace().map(str::to_string).collect()
}

/// When the process started, in milliseconds since the epoch (10 ms resolution).
fn started_at_ms(pid: u32) -> f64 {
    let ticks: f64 = stat_fields(pid)[19].parse().unwrap();
    let hz: f64 = String::from_utf8(std::process::Command::new("getconf").arg("CLK_TCK").output().unwrap().stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let uptime: f64 =
        std::fs::read_to_string("/proc/uptime").unwrap().split_whitespace().next().unwrap().parse().unwrap();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0;
    now - uptime * 1000.0 + ticks / hz * 1000.0
}

/// The process and all its descendants (WebKitWebProcess, WebKitNetworkProcess).
fn family(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, stat_fields(pid).get(1)?.parse().ok()?)))
        .collect();
    let mut members = vec![root];
    let mut i = 0;
    while i < members.len() {
        let parent = members[i];
        members.extend(parents.iter().filter(|(_, ppid)| *ppid == parent).map(|(pid, _)| *pid));
        i += 1;
    }
    members
}

/// (name, RSS kB, PSS kB) of one process.
fn memory_of(pid: u32) -> (String, u64, u64) {
    let field = |text: &str, key: &str| {
        text.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()).unwrap_or(0)
    };
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let name = status.lines().next().unwrap_or("").trim_start_matches("Name:").trim().to_string();
    (name, field(&status, "VmRSS:"), field(&rollup, "Pss:"))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

const OPEN_AB: &str = r#"
const done = arguments[arguments.length - 1];
const link = [...document.querySelectorAll('[data-testid=meeting-link]')]
  .find((e) => e.innerText.includes(arguments[0]));
const t0 = performance.now();
// Each command of this one opening: [name, sent, answered] in ms after the click.
const calls = [];
const internals = window.__TAURI_INTERNALS__;
const invoke = internals.invoke;
internals.invoke = function (cmd, ...rest) {
  const sent = performance.now() - t0;
  const answer = invoke.call(this, cmd, ...rest);
  answer.finally(() => calls.push([cmd, sent, performance.now() - t0]));
  return answer;
};
link.click();
const poll = () => {
  const shown = [...document.querySelectorAll('[data-testid=item-title]')]
    .some((t) => t.textContent.includes(arguments[1]));
  if (shown) {
    const inDom = performance.now() - t0;
    requestAnimationFrame(() => setTimeout(() => {
      internals.invoke = invoke;
      done({ total: performance.now() - t0, in_dom: inDom, calls });
    }));
  } else requestAnimationFrame(poll);
};
poll();
"#;

/// Where the start-up time went inside the page (see the module docs).
const START_PROFILE: &str = r#"
const nav = performance.getEntriesByType('navigation')[0] || {};
const scripts = performance.getEntriesByType('resource')
  .map((r) => [r.name.split('/').pop(), r.startTime, r.responseEnd]);
const commands = performance.getEntriesByType('measure')
  .filter((m) => m.name.startsWith('command '))
  .map((m) => [m.name.slice(8), m.startTime, m.startTime + m.duration]);
const visible = performance.getEntriesByName('meetings-visible')[0];
return {
  time_origin: performance.timeOrigin,
  response_end: nav.responseEnd, dom_interactive: nav.domInteractive,
  dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
  resources: scripts, commands, visible: visible ? visible.startTime : null,
};
"#;

fn print_timeline(label: &str, entries: &serde_json::Value) {
    for entry in entries.as_array().into_iter().flatten() {
        println!(
            "    {label} {:<28} {:>7.1} → {:>7.1} ms",
            entry[0].as_str().unwrap_or("?"),
            entry[1].as_f64().unwrap_or(f64::NAN),
            entry[2].as_f64().unwrap_or(f64::NAN)
        );
    }
}

fn main() {
    let binary = release_binary();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("bestuursmap.db");
    demo::load(&mut open_store(&database, OpenMode::CreateIfMissing)).unwrap();

    let mut starts = Vec::new();
    let mut opens = Vec::new();
    let mut memory = Vec::new();
    for run in 0..=RUNS {
        let app = App::start_binary(&binary, &database);
        app.wait_for_all("[data-testid=meeting-link]", 5);
        let pid = pid_of(&binary);
        // The mark is set a frame after the list is painted: wait for it (at most 10 s).
        let visible = app.execute_async(
            "const done = arguments[arguments.length - 1]; const t0 = Date.now();
             const look = () => {
               const m = performance.getEntriesByName('meetings-visible')[0];
               if (m) done(performance.timeOrigin + m.startTime);
               else if (Date.now() - t0 > 10000) done(null);
               else setTimeout(look, 20);
             };
             look();",
            vec![],
        );
        let visible = visible.as_f64().expect("the meetings-visible mark");
        let process_start = started_at_ms(pid);
        let start_ms = visible - process_start;
        let profile = std::env::var_os("BENCH_PROFILE").is_some();
        if profile {
            let p = app.execute(START_PROFILE, vec![]);
            let at = |key: &str| p[key].as_f64().unwrap_or(f64::NAN);
            println!(
                "  start profile: process → navigation start {:.0} ms; then page (ms after navigation): \
                 response {:.0}, DOM interactive {:.0}, DOMContentLoaded {:.0}, load {:.0}, list painted {:.0}",
                at("time_origin") - process_start,
                at("response_end"),
                at("dom_interactive"),
                at("dom_content_loaded"),
                at("load"),
                at("visible")
            );
            print_timeline("resource", &p["resources"]);
            print_timeline("command ", &p["commands"]);
        }
        if run == 0 {
            // Warm-up: the first start after the build fills the file cache.
            std::thread::sleep(Duration::from_secs(10));
            memory = family(pid).into_iter().map(memory_of).collect();
            continue;
        }
        starts.push(start_ms);
        // Open the AB meeting, then another one, so the next round opens it anew.
        let opened = app.execute_async(OPEN_AB, vec![json!("12 nov 2020"), json!("Begrotingswijziging 2020")]);
        opens.push(opened["total"].as_f64().expect("milliseconds"));
        if profile {
            println!(
                "  open profile: in the DOM after {:.1} ms, painted after {:.1} ms",
                opened["in_dom"].as_f64().unwrap_or(f64::NAN),
                opens.last().unwrap()
            );
            print_timeline("command ", &opened["calls"]);
        }
        println!("run {run}: start {start_ms:.0} ms, open AB {:.1} ms", opens.last().unwrap());
    }

    println!("\nBestuursmap release app ({}), {RUNS} runs after one warm-up", binary.display());
    println!("cold start to the visible meetings list: median {:.0} ms (target ≤ 1000 ms)", median(&mut starts));
    println!("opening the AB of 12 November 2020:     median {:.1} ms (target ≤ 100 ms)", median(&mut opens));
    println!("memory 10 s after start:");
    let (mut rss, mut pss) = (0, 0);
    for (name, r, p) in &memory {
        println!("  {name:<24} RSS {:>6.1} MB   PSS {:>6.1} MB", *r as f64 / 1024.0, *p as f64 / 1024.0);
        rss += r;
        pss += p;
    }
    println!(
        "  {:<24} RSS {:>6.1} MB   PSS {:>6.1} MB (targets: ≤ 300 MB in total, ≤ 60 MB the app)",
        "total",
        rss as f64 / 1024.0,
        pss as f64 / 1024.0
    );
}

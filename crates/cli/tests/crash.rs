//! Crash safety: the `bestuursmap` process is killed with SIGKILL at random moments while it
//! imports a meeting bundle (a re-issue over a meeting that carries a private note) and while
//! it writes heavily (the large demo meeting: 40 items, 420 attachment pages, the search index).
//! After every kill the store must pass `check`, and the import or the write must be wholly
//! present or wholly absent; the note is never lost.
//!
//! The moments are drawn from a seeded generator; the seed is printed so a failure can be
//! replayed with `BESTUURSMAP_CRASH_SEED`. The README reports the number of kills per run.

use bestuursmap_core::store::{NewNote, Passphrase};
use bestuursmap_core::{demo, OpenMode, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "proef-wachtwoordzin";
const KILLS_PER_SCENARIO: usize = 30;

fn open(path: &Path) -> Store {
    Store::open(path, OpenMode::CreateIfMissing, &Passphrase::new(PASSPHRASE).unwrap()).unwrap()
}

fn bestuursmap(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bestuursmap"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env("BESTUURSMAP_PASSPHRASE", PASSPHRASE)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// A small deterministic generator (xorshift), so no randomness crate is needed.
struct Moments(u64);

impl Moments {
    fn from_env_or_clock() -> Moments {
        let seed = std::env::var("BESTUURSMAP_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
        });
        println!("crash seed: {seed} (replay with BESTUURSMAP_CRASH_SEED={seed})");
        Moments(seed)
    }

    /// A moment in [0, span).
    fn within(&mut self, span: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        span.mul_f64((self.0 % 10_000) as f64 / 10_000.0)
    }
}

fn copy_store(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let (mut a, mut b) = (from.as_os_str().to_owned(), to.as_os_str().to_owned());
        a.push(suffix);
        b.push(suffix);
        let _ = std::fs::remove_file(&b);
        if Path::new(&a).exists() {
            std::fs::copy(&a, &b).unwrap();
        }
    }
}

/// Runs the command to completion once, to learn how long it takes here.
fn duration_of(mut command: Command) -> Duration {
    let started = Instant::now();
    assert!(command.status().unwrap().success(), "the uninterrupted run must succeed");
    started.elapsed()
}

/// Starts the command and kills it after `after`; true if it was still running (a real kill).
fn kill_after(mut command: Command, after: Duration) -> bool {
    let mut child = command.spawn().unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    // SIGKILL: no destructor, no rollback by the process itself.
    let _ = child.kill();
    let _ = child.wait();
    running
}

fn checked(path: &Path) -> Store {
    let status = bestuursmap(path, &["check"]).status().unwrap();
    assert!(status.success(), "`bestuursmap check` must pass after a kill");
    let store = open(path);
    assert!(store.check().unwrap().is_ok());
    store
}

#[test]
fn killed_imports_and_writes_leave_a_sound_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut moments = Moments::from_env_or_clock();

    // The secretariat: a large meeting, sent as version 1, changed, sent as version 2.
    let secretariat_path = dir.path().join("secretariaat.db");
    let mut secretariat = open(&secretariat_path);
    demo::load(&mut secretariat).unwrap();
    let large = bestuursmap_export::large_demo::add_large_meeting(&mut secretariat).unwrap();
    let (v1, v2) = (dir.path().join("v1.bmbundel"), dir.path().join("v2.bmbundel"));
    secretariat.export_bundle(large, "Secretariaat", &v1).unwrap();
    let items = secretariat.meeting(large).unwrap().items;
    secretariat.delete_agenda_item(items[3].id).unwrap();
    secretariat.delete_agenda_item(items[7].id).unwrap();
    secretariat.export_bundle(large, "Secretariaat", &v2).unwrap();
    let (v1_items, v2_items) = (items.len(), items.len() - 2);
    let key = secretariat.signer_key().unwrap().public_key;
    drop(secretariat);

    // The laptop before each kill: version 1 imported, with a note on the first item.
    let base = dir.path().join("laptop-basis.db");
    let meeting = {
        let mut laptop = open(&base);
        demo::load_reference_data(&mut laptop).unwrap();
        laptop.trust_signer(&key, "Secretariaat").unwrap();
        let meeting = laptop.import_bundle(&v1).unwrap().meeting_id;
        let item = laptop.meeting(meeting).unwrap().items[0].id;
        let note = NewNote { item_id: item, attachment_id: None, page: None, quote: None, body: "Blijft".into() };
        laptop.add_note(&note).unwrap();
        meeting
    };

    let laptop = dir.path().join("laptop.db");
    copy_store(&base, &laptop);
    let import_time = duration_of(bestuursmap(&laptop, &["bundle", "import", v2.to_str().unwrap()]));
    let mut import_kills = 0;
    for _ in 0..KILLS_PER_SCENARIO {
        copy_store(&base, &laptop);
        let v2_arg = v2.to_str().unwrap();
        import_kills +=
            usize::from(kill_after(bestuursmap(&laptop, &["bundle", "import", v2_arg]), moments.within(import_time)));
        let store = checked(&laptop);
        let (issue, _) = store.meeting_issue(meeting).unwrap();
        let count = store.meeting(meeting).unwrap().items.len();
        match issue {
            1 => assert_eq!(count, v1_items, "version 1 wholly present"),
            2 => assert_eq!(count, v2_items, "version 2 wholly present"),
            other => panic!("unexpected issue {other}"),
        }
        assert_eq!(store.notes_for_meeting(meeting).unwrap().len(), 1, "the note survives every kill");
    }

    // Heavy writes: the large demo meeting added in one go.
    let writer_base = dir.path().join("schrijven-basis.db");
    demo::load(&mut open(&writer_base)).unwrap();
    let meetings_before = open(&writer_base).meetings().unwrap().len();
    let writer = dir.path().join("schrijven.db");
    copy_store(&writer_base, &writer);
    let write_time = duration_of(bestuursmap(&writer, &["demo", "--large"]));
    let mut write_kills = 0;
    for _ in 0..KILLS_PER_SCENARIO {
        copy_store(&writer_base, &writer);
        write_kills += usize::from(kill_after(bestuursmap(&writer, &["demo", "--large"]), moments.within(write_time)));
        let store = checked(&writer);
        let meetings = store.meetings().unwrap();
        if meetings.len() == meetings_before + 1 {
            let large = meetings.iter().find(|m| m.title.contains("(benchmark)")).expect("the large meeting");
            assert_eq!(store.meeting(large.id).unwrap().items.len(), 40, "wholly present");
        } else {
            assert_eq!(meetings.len(), meetings_before, "wholly absent");
        }
    }

    println!(
        "survived {import_kills} kills during bundle import and {write_kills} during heavy writes \
         (import {import_time:?}, write {write_time:?} uninterrupted)"
    );
    // A kill that lands after the process finished proves nothing: most must be real.
    assert!(import_kills * 2 >= KILLS_PER_SCENARIO, "only {import_kills} real kills during import");
    assert!(write_kills * 2 >= KILLS_PER_SCENARIO, "only {write_kills} real kills during writes");
}

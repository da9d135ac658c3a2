//! Crash safety: the `bestuursmap` process is killed with SIGKILL at random moments while it
//! imports a meeting bundle (a re-issue over a meeting that carries a private note) and while
//! it writes heavily (the large demo meeting: 40 items, 420 attachment pages, the search index).
//! After every kill the store must pass `check`, and the import or the write must be wholly
//! present or wholly absent; the note is never lost.
//!
//! The moments are drawn from a seeded generator; the seed is printed so a failure can be
//! replayed with `BESTUURSMAP_CRASH_SEED`. The README reports the number of kills per run.
//!
//! The verdict must not depend on how busy the machine is: a kill that lands after the process
//! has already finished proves nothing, so each scenario keeps drawing moments until it has
//! [`KILLS_PER_SCENARIO`] real kills (at most [`MAX_ATTEMPTS`] tries), and a run that finished
//! early shortens the window the next moments are drawn from.

use bestuursmap_core::offline::NewNote;
use bestuursmap_core::store::Passphrase;
use bestuursmap_core::{demo, OpenMode, Store};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "proef-wachtwoordzin";
const KILLS_PER_SCENARIO: usize = 30;
/// Bounded: on a machine where the commands keep finishing before any kill, fail clearly.
const MAX_ATTEMPTS: usize = 4 * KILLS_PER_SCENARIO;

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

/// What became of one run that was to be killed.
enum Run {
    /// Killed while it was still running.
    Killed,
    /// It finished on its own first, after this long.
    Finished(Duration),
}

/// Starts the command and kills it with SIGKILL after `after`, unless it finishes first.
fn kill_after(mut command: Command, after: Duration) -> Run {
    let started = Instant::now();
    let mut child = command.spawn().unwrap();
    loop {
        if let Some(_status) = child.try_wait().unwrap() {
            return Run::Finished(started.elapsed());
        }
        let elapsed = started.elapsed();
        if elapsed >= after {
            break;
        }
        std::thread::sleep((after - elapsed).min(Duration::from_millis(2)));
    }
    // SIGKILL: no destructor, no rollback by the process itself.
    let _ = child.kill();
    let _ = child.wait();
    Run::Killed
}

/// Kills `command()` at random moments until it has `KILLS_PER_SCENARIO` real kills, running
/// `after_each` (the checks) after every attempt. Returns the number of attempts it took.
fn kill_repeatedly(
    name: &str,
    moments: &mut Moments,
    mut window: Duration,
    mut command: impl FnMut() -> Command,
    mut after_each: impl FnMut(),
) -> usize {
    let (mut kills, mut attempts) = (0, 0);
    while kills < KILLS_PER_SCENARIO {
        assert!(
            attempts < MAX_ATTEMPTS,
            "{name}: only {kills} of {KILLS_PER_SCENARIO} kills landed while the process ran, in {attempts} attempts"
        );
        attempts += 1;
        match kill_after(command(), moments.within(window)) {
            Run::Killed => kills += 1,
            // The machine is quicker now than when the window was measured: draw from what it took.
            Run::Finished(took) => window = window.min(took),
        }
        after_each();
    }
    attempts
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
    let v2_arg = v2.to_str().unwrap();
    let import_attempts = kill_repeatedly(
        "bundle import",
        &mut moments,
        import_time,
        || {
            copy_store(&base, &laptop);
            bestuursmap(&laptop, &["bundle", "import", v2_arg])
        },
        || {
            let store = checked(&laptop);
            let (issue, _) = store.meeting_issue(meeting).unwrap();
            let count = store.meeting(meeting).unwrap().items.len();
            match issue {
                1 => assert_eq!(count, v1_items, "version 1 wholly present"),
                2 => assert_eq!(count, v2_items, "version 2 wholly present"),
                other => panic!("unexpected issue {other}"),
            }
            assert_eq!(store.notes_for_meeting(meeting).unwrap().len(), 1, "the note survives every kill");
        },
    );

    // Heavy writes: the large demo meeting added in one go.
    let writer_base = dir.path().join("schrijven-basis.db");
    demo::load(&mut open(&writer_base)).unwrap();
    let meetings_before = open(&writer_base).meetings().unwrap().len();
    let writer = dir.path().join("schrijven.db");
    copy_store(&writer_base, &writer);
    let write_time = duration_of(bestuursmap(&writer, &["demo", "--large"]));
    let write_attempts = kill_repeatedly(
        "heavy writes",
        &mut moments,
        write_time,
        || {
            copy_store(&writer_base, &writer);
            bestuursmap(&writer, &["demo", "--large"])
        },
        || {
            let store = checked(&writer);
            let meetings = store.meetings().unwrap();
            if meetings.len() == meetings_before + 1 {
                let large = meetings.iter().find(|m| m.title.contains("(benchmark)")).expect("the large meeting");
                assert_eq!(store.meeting(large.id).unwrap().items.len(), 40, "wholly present");
            } else {
                assert_eq!(meetings.len(), meetings_before, "wholly absent");
            }
        },
    );

    println!(
        "survived {KILLS_PER_SCENARIO} kills during bundle import ({import_attempts} attempts) and \
         {KILLS_PER_SCENARIO} during heavy writes ({write_attempts} attempts); uninterrupted: import \
         {import_time:?}, write {write_time:?}"
    );
}

//! What every test module needs: the real `bestuursmap` binary run on a real database file, as
//! users run it headless (the passphrase in the environment), and the demo store to start from.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The passphrase of the test databases.
pub const PASSPHRASE: &str = "proef-wachtwoordzin";

/// Runs `bestuursmap --db DB ARGS…` with `passphrase`, never with a database from the environment.
pub fn run(db: &Path, args: &[&str], passphrase: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bestuursmap"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BESTUURSMAP_DB")
        .env("BESTUURSMAP_PASSPHRASE", passphrase)
        .output()
        .expect("run bestuursmap")
}

/// Runs `bestuursmap --db DB ARGS…` with the test passphrase.
pub fn bestuursmap(db: &Path, args: &[&str]) -> Output {
    run(db, args, PASSPHRASE)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A new store `demo.db` in `dir` with the demo data, loaded through the binary.
pub fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("demo.db");
    let out = bestuursmap(&db, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

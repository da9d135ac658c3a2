//! Hostile and faulty input against the real binary (issue #17): every refusal is Dutch, exits
//! non-zero and leaves the store as it was.

use crate::util::{bestuursmap, demo, run, stderr, stdout, PASSPHRASE};
use std::path::Path;
use std::process::{Command, Output};

/// Words that only appear in internal (English) error text.
fn assert_dutch(text: &str) {
    for english in [
        "ERROR",
        "error:",
        "os error",
        "hmac",
        "file is not a database",
        "constraint failed",
        "Conversion error",
        "unable to open",
        "Usage:",
        "invalid value",
        "expected",
        "EOF",
    ] {
        assert!(!text.contains(english), "internal text «{english}» reached the user: {text}");
    }
}

#[test]
fn restoring_an_empty_file_is_refused_and_the_meetings_stay() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let empty = dir.path().join("e.db");
    std::fs::write(&empty, b"").unwrap();
    let out = bestuursmap(&db, &["restore", empty.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("geen reservekopie van Bestuursmap"), "{}", stderr(&out));
    assert_dutch(&stderr(&out));
    let list = bestuursmap(&db, &["meetings", "list"]);
    assert!(!stdout(&list).contains("Geen vergaderingen"), "{}", stdout(&list));
}

#[test]
fn a_wrong_passphrase_prints_only_the_dutch_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let out = run(&db, &["meetings", "list"], "verkeerde-zin");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("wachtwoordzin klopt niet"), "{err}");
    assert_eq!(err.lines().count(), 1, "no SQLCipher log lines: {err}");
    assert_dutch(&err);
}

#[test]
fn usage_errors_and_an_unknown_search_kind_are_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    for args in [
        &["search", "jeugd", "--kind", "bogus"][..],
        &["meetings", "show", "twaalf"],
        &["vergadering"],
        &["meetings", "list", "--onbekend"],
        &["items", "attach"],
    ] {
        let out = bestuursmap(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("bestuursmap: ") && err.contains("--help"), "{args:?}: {err}");
        assert_dutch(&err);
    }
    let out = bestuursmap(&db, &["meetings", "list", "--onbekend"]);
    assert!(stderr(&out).contains("«--onbekend»"), "{}", stderr(&out));
    let out = bestuursmap(&db, &["search", "jeugd", "--kind", "bogus"]);
    assert!(stderr(&out).contains("«bogus»") && stderr(&out).contains("meeting"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn a_device_or_an_oversize_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let zero = dir.path().join("nul.pdf");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    for args in
        [&["items", "attach", "1", zero.to_str().unwrap()][..], &["zienswijze", "parse", zero.to_str().unwrap()]]
    {
        let out = bestuursmap(&db, args);
        assert!(!out.status.success(), "{args:?}");
        assert!(stderr(&out).contains("geen gewoon bestand"), "{args:?}: {}", stderr(&out));
    }
    // A letter over the limit (sparse: no disk space used) is refused on its size.
    let big = dir.path().join("groot.txt");
    std::fs::File::create(&big).unwrap().set_len(bestuursmap_core::files::MAX_LETTER_BYTES + 1).unwrap();
    let out = bestuursmap(&db, &["zienswijze", "parse", big.to_str().unwrap()]);
    assert!(stderr(&out).contains("te groot"), "{}", stderr(&out));
    let missing = bestuursmap(&db, &["zienswijze", "parse", "/bestaat/niet.txt"]);
    assert!(stderr(&missing).contains("bestaat niet"), "{}", stderr(&missing));
    assert_dutch(&stderr(&missing));
}

#[test]
fn a_control_character_in_an_attachment_name_is_refused_and_the_meeting_can_still_be_sent() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let bad = dir.path().join("regel\nbreuk.pdf");
    std::fs::write(&bad, b"%PDF-1.4\n").unwrap();
    let out = bestuursmap(&db, &["items", "attach", "1", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("stuurteken"), "{}", stderr(&out));
    let bundle = dir.path().join("ab.bmbundel");
    let out = bestuursmap(&db, &["bundle", "export", "--meeting", "1", "--out", bundle.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn another_programs_sqlite_file_is_left_untouched_even_by_a_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klanten.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE klant (naam TEXT); INSERT INTO klant VALUES ('Van Dijk');").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = bestuursmap(&db, &["meetings", "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("ander programma"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn backup_out_never_overwrites_the_live_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::metadata(&db).unwrap().len();
    let out = bestuursmap(&db, &["backup", "--out", db.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("bestaat al"), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&db).unwrap().len(), before);
    assert!(bestuursmap(&db, &["check"]).status.success());
}

/// Runs the binary as a user who may only read the store. Root may write any file, so as root
/// the binary runs as `nobody` (setpriv, util-linux); otherwise file modes are enough.
fn as_reader(db: &Path, args: &[&str]) -> Output {
    let root = std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .is_some_and(|l| l.split_whitespace().nth(2) == Some("0"));
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_bestuursmap")]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_bestuursmap"))
    };
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BESTUURSMAP_DB")
        .env("BESTUURSMAP_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run bestuursmap")
}

/// A write-protected store (a copy on a read-only share, a file without write permission):
/// reading, searching and the check work; a change is refused in Dutch with nothing written.
#[test]
fn a_write_protected_store_is_read_and_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();

    let listed = as_reader(&db, &["meetings", "list"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(stdout(&listed).contains("AB"), "{}", stdout(&listed));
    let found = as_reader(&db, &["search", "jeugdhulp"]);
    assert!(found.status.success(), "{}", stderr(&found));
    let checked = as_reader(&db, &["check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(stdout(&checked).contains("integriteit en verwijzingen zijn gecontroleerd"), "{}", stdout(&checked));
    assert!(stderr(&checked).contains("alleen-lezen: de zoekindex is niet gecontroleerd"), "{}", stderr(&checked));

    let refused = as_reader(&db, &["notes", "add", "--item", "1", "Vragen naar de wachttijden."]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("alleen-lezen"), "{}", stderr(&refused));
    assert_dutch(&stderr(&refused));

    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(std::fs::read(&db).unwrap() == before, "the store file is unchanged");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![db.file_name().unwrap().to_owned()], "no journal or backup was left");
}

/// Every command's help, down to the last subcommand, is Dutch: no clap English («Usage»,
/// «Options», «Print help», a `help` subcommand) anywhere.
#[test]
fn the_help_of_every_command_is_dutch() {
    fn help(path: &[String]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_bestuursmap")).args(path).arg("--help").output().unwrap();
        assert!(out.status.success(), "{path:?}: {}", stderr(&out));
        stdout(&out)
    }
    let mut todo: Vec<Vec<String>> = vec![vec![]];
    let mut seen = 0;
    while let Some(path) = todo.pop() {
        let text = help(&path);
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "Print version",
            "Print this message",
            "possible values",
            "[default:",
            "[env:",
        ] {
            assert!(!text.contains(english), "`bestuursmap {} --help` says «{english}»:\n{text}", path.join(" "));
        }
        assert!(text.contains("Gebruik: bestuursmap"), "{text}");
        seen += 1;
        if let Some(commands) = text.split("Opdrachten:\n").nth(1) {
            for line in commands.lines().take_while(|l| l.starts_with("  ")) {
                let name = line.split_whitespace().next().unwrap().to_string();
                todo.push(path.iter().cloned().chain([name]).collect());
            }
        }
    }
    assert!(seen > 30, "{seen} commands");
}

//! Looking after the store: `backup`, `restore`, `check` and `passphrase`.

use super::open_store;
use crate::output::print_json;
use bestuursmap_core::store::Passphrase;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::{Path, PathBuf};

pub fn backup(path: &Path, out: Option<PathBuf>, list: bool) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    if list {
        for b in store.backups()? {
            say!(
                "{}  {:<12} {:>9} bytes  {}",
                b.made_at.format("%d-%m-%Y %H:%M:%S"),
                b.reason,
                b.size_bytes,
                b.path.display()
            );
        }
    } else if let Some(out) = out {
        store.backup_to(&out)?;
        say!("Reservekopie geschreven naar {}.", out.display());
    } else {
        let b = store.backup_now("handmatig")?;
        say!(
            "Reservekopie gemaakt: {} (de nieuwste {} worden bewaard).",
            b.path.display(),
            bestuursmap_core::store::BACKUPS_KEPT
        );
    }
    Ok(())
}

pub fn restore(path: &Path, file: &Path) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    let old = std::env::var("BESTUURSMAP_BACKUP_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty())
        .map(Passphrase::new)
        .transpose()?;
    let report = store.restore_from(file, old.as_ref())?;
    say!(
        "Reservekopie {} teruggezet. De toestand van daarvoor staat in {}.",
        file.display(),
        report.safety_backup.path.display()
    );
    Ok(())
}

pub fn check(path: &Path, json: bool) -> Result<(), CoreError> {
    let store = open_store(path, OpenMode::MustExist)?;
    let report = store.check()?;
    if json {
        print_json(&report)?;
    } else if report.is_ok() {
        say!(
            "Database in orde (schemaversie {}): integriteit{} zijn gecontroleerd.",
            report.schema_version,
            if report.notes.is_empty() { ", verwijzingen en zoekindex" } else { " en verwijzingen" }
        );
    }
    for note in &report.notes {
        eprintln!("let op: {note}");
    }
    if !report.is_ok() {
        for problem in report.problems() {
            eprintln!("probleem: {problem}");
        }
        return Err(CoreError::Rule(format!(
            "De controle vond {} probleem/problemen. Zet zo nodig een reservekopie terug met `bestuursmap restore`.",
            report.problems().len()
        )));
    }
    Ok(())
}

pub fn passphrase(path: &Path) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    let new = std::env::var("BESTUURSMAP_NEW_PASSPHRASE")
        .map_err(|_| CoreError::Invalid("Zet de nieuwe wachtwoordzin in BESTUURSMAP_NEW_PASSPHRASE.".into()))?;
    store.change_passphrase(&Passphrase::new_chosen(new)?)?;
    say!("De wachtwoordzin is gewijzigd. Reservekopieën van vóór nu houden de oude wachtwoordzin.");
    Ok(())
}

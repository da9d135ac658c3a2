//! Writing a document to the path the user chose, all or nothing: the bytes go to a hidden file
//! beside it, are flushed to disk, and only then take the chosen name. A reader of the path sees
//! the old file or the new one, never half of one, and a failed write leaves no file behind.
//! Every export (pack, kwartaalrapportage, nota, calendar) is written this way.

use crate::pack::PackError;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The temporary file a document is written to before it is renamed over `out`: one fixed, hidden
/// name beside it, so a run that was killed leaves no growing pile of orphans — the next run
/// reuses and removes it.
pub fn partial_path(out: &Path) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "pakket".into());
    out.with_file_name(format!(".{name}.deels"))
}

/// Writes `bytes` to `out` atomically (see the module).
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), PackError> {
    use std::io::Write;
    write_atomically_with(out, |file| file.write_all(bytes))
}

/// Writes to `out` atomically what `write` writes to the file it is given (for a document made
/// as it is written, such as a zip). When `write` fails, `out` is untouched.
pub fn write_atomically_with(
    out: &Path,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<(), PackError> {
    let err = |e: std::io::Error| {
        let reason = bestuursmap_core::error::io_reason(&e).to_string();
        PackError::Write { path: out.display().to_string(), reason }
    };
    let partial = partial_path(out);
    let outcome = (|| {
        // Created afresh (a leftover of a killed run is truncated), private until complete.
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&partial).map_err(err)?;
        write(&mut file).map_err(err)?;
        file.sync_all().map_err(err)?;
        // The document gets the permissions of the file it replaces, or the usual ones for a new one.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out).map(|m| m.permissions().mode()).unwrap_or(0o644);
            file.set_permissions(std::fs::Permissions::from_mode(mode)).map_err(err)?;
        }
        std::fs::rename(&partial, out).map_err(err)?;
        // The new name itself survives a power cut once its folder is flushed too (best effort:
        // not every platform or file system can flush a folder, and the document is complete).
        #[cfg(unix)]
        if let Some(dir) = out.parent().map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d }) {
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    })();
    if outcome.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_replaces_without_leaving_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("nota.pdf");
        write_atomically(&out, b"eerste").unwrap();
        write_atomically(&out, b"tweede").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"tweede");
        assert_eq!(names(dir.path()), ["nota.pdf"]);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("agenda.ics");
        std::fs::write(&out, "oud").unwrap();
        let e = write_atomically_with(&out, |file| {
            use std::io::Write;
            file.write_all(b"half")?;
            Err(std::io::Error::other("afgebroken"))
        })
        .unwrap_err();
        assert!(e.to_string().starts_with("Kan "), "{e}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "oud");
        assert_eq!(names(dir.path()), ["agenda.ics"]);
        // A folder that does not exist: a Dutch message, nothing written.
        let nowhere = dir.path().join("bestaat-niet").join("x.pdf");
        assert!(write_atomically(&nowhere, b"x").unwrap_err().to_string().contains("bestaat-niet"));
        assert_eq!(names(dir.path()), ["agenda.ics"]);
    }
}

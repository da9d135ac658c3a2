//! Reading a file the user gave (an attachment, a letter, a procedure, a bundle) with a bound
//! that holds *while reading*: the size on disk can lie (a symlink to `/dev/zero`, a pipe, a
//! file that grows), so reading stops at the limit instead of trusting the metadata.

use crate::error::{CoreError, Result};
use std::io::Read;
use std::path::Path;

/// Largest council letter read for parsing (.txt, .docx, .odt, .rtf, .html, .pdf).
pub const MAX_LETTER_BYTES: u64 = 20 * 1024 * 1024;
/// Largest procedure JSON (`nota import`).
pub const MAX_PROCEDURE_JSON_BYTES: u64 = 32 * 1024 * 1024;

const MB: u64 = 1024 * 1024;

/// Refuses `size` bytes of `what` (shown as `name`) above `limit`, in Dutch.
pub fn check_size(name: &str, what: &str, size: u64, limit: u64) -> Result<()> {
    if size > limit {
        return Err(CoreError::Invalid(format!(
            "{name} is te groot: {} MB; {what} mag hoogstens {} MB zijn. Er is niets ingelezen.",
            size.div_ceil(MB),
            limit / MB
        )));
    }
    Ok(())
}

/// Reads the regular file at `path` (a symlink is followed) of at most `limit` bytes. `what`
/// names it for the message («een bijlage», «een brief»). A device, pipe or folder is refused.
pub fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let shown = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        let reason = crate::error::io_reason(&e);
        match CoreError::io(path, e) {
            CoreError::Io(_) => CoreError::Io(format!("Kan {shown} niet lezen: {reason}.")),
            other => other,
        }
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(CoreError::Invalid(format!(
            "{shown} is geen gewoon bestand (maar een map, apparaat of pipe); kies een document. Er is niets ingelezen."
        )));
    }
    check_size(&shown, what, meta.len(), limit)?;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    check_size(&shown, what, bytes.len() as u64, limit)?;
    Ok(bytes)
}

/// [`read_bounded`] for text: the file must be UTF-8.
pub fn read_text_bounded(path: &Path, limit: u64, what: &str) -> Result<String> {
    String::from_utf8(read_bounded(path, limit, what)?).map_err(|_| {
        CoreError::Invalid(format!(
            "{} is geen tekstbestand in UTF-8 (ongeldige tekens); sla het op als UTF-8 en probeer het opnieuw.",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_or_folder_is_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("nul.pdf");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            let err = read_bounded(&link, 1024, "een bijlage").unwrap_err();
            assert!(err.to_string().contains("geen gewoon bestand"), "{err}");
        }
        let err = read_bounded(dir.path(), 1024, "een bijlage").unwrap_err();
        assert!(err.to_string().contains("geen gewoon bestand"), "{err}");
        let err = read_bounded(&dir.path().join("weg.txt"), 1024, "een brief").unwrap_err();
        assert!(err.to_string().contains("bestaat niet") && !err.to_string().contains("os error"), "{err}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_the_limit_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.txt");
        std::fs::write(&path, vec![b'a'; 2048]).unwrap();
        assert_eq!(read_bounded(&path, 2048, "een brief").unwrap().len(), 2048);
        let err = read_bounded(&path, 2047, "een brief").unwrap_err();
        assert!(err.to_string().contains("te groot"), "{err}");
        std::fs::write(&path, b"\xff\xfe").unwrap();
        assert!(read_text_bounded(&path, 10, "een brief").unwrap_err().to_string().contains("UTF-8"));
    }
}

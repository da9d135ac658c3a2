//! The one check for names and texts that enter the store, from any entry point (the app, the
//! CLI, procedure JSON, bundles): no control characters. A NUL makes a DOCX export ill-formed
//! XML; a newline in a file name makes a bundle that every laptop refuses. Multi-line texts may
//! hold line breaks and tabs; one-line fields (titles, names) none.

use crate::error::{CoreError, Result};

/// Longest file name accepted (bytes, as most file systems allow).
pub const MAX_FILE_NAME_BYTES: usize = 255;

fn first_control(text: &str, allow_breaks: bool) -> Option<char> {
    text.chars().find(|&c| {
        let allowed = allow_breaks && matches!(c, '\n' | '\t' | '\r');
        !allowed && (c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}'))
    })
}

fn refuse(field: &str, c: char) -> CoreError {
    CoreError::Invalid(format!(
        "{} bevat een onzichtbaar stuurteken (U+{:04X}); haal het weg en probeer het opnieuw. Er is niets opgeslagen.",
        capitalise(field),
        c as u32
    ))
}

fn capitalise(field: &str) -> String {
    let mut chars = field.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A one-line field (a title, a name, a number): no control characters at all.
pub fn check_line(field: &str, text: &str) -> Result<()> {
    match first_control(text, false) {
        Some(c) => Err(refuse(field, c)),
        None => Ok(()),
    }
}

/// A multi-line text (a proposal, a reply, a note): line breaks and tabs, no other control characters.
pub fn check_text(field: &str, text: &str) -> Result<()> {
    match first_control(text, true) {
        Some(c) => Err(refuse(field, c)),
        None => Ok(()),
    }
}

/// A file name that can be shown, sent in a bundle and saved without leaving its folder.
pub fn check_file_name(name: &str) -> Result<()> {
    let path_like = name.contains(['/', '\\']) || name == "." || name == "..";
    if name.trim().is_empty() || name.len() > MAX_FILE_NAME_BYTES || path_like {
        return Err(CoreError::Invalid(format!(
            "De bestandsnaam «{}» is ongeldig (leeg, te lang of een pad). Geef het bestand een gewone naam.",
            name.escape_debug()
        )));
    }
    check_line(&format!("de bestandsnaam «{}»", name.escape_debug()), name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_in_texts() {
        assert!(check_line("titel", "Begroting 2021 – «wijziging»").is_ok());
        for bad in ["a\0b", "bel\u{7}", "twee\nregels", "esc\u{1b}[31m", "del\u{7f}", "c1\u{85}"] {
            let err = check_line("titel", bad).unwrap_err();
            assert!(err.to_string().starts_with("Titel bevat een onzichtbaar stuurteken"), "{err}");
        }
        assert!(check_text("voorstel", "Regel één\nRegel twee\tmet tab").is_ok());
        assert!(check_text("voorstel", "nul\0").is_err());
    }

    #[test]
    fn file_names_must_be_plain() {
        assert!(check_file_name("Begroting 2021.pdf").is_ok());
        for bad in ["", " ", "a\nb.pdf", "../x.pdf", "map/x.pdf", "c:\\x.pdf", "nul\0.pdf", &"x".repeat(256)] {
            assert!(check_file_name(bad).is_err(), "{bad:?}");
        }
    }
}

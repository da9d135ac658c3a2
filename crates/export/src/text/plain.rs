//! Plain text in the encodings letters really arrive in: UTF-8 (with or without a byte-order
//! mark), UTF-16 from Notepad's «Unicode» (with a byte-order mark, or recognised by its zero
//! bytes), and Windows-1252 / ISO-8859-1 from Notepad's «ANSI» and older mail systems.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why bytes are not a text file.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct NotText;

/// Decodes a text file and gives it with `\n` line ends. UTF-8 first; a byte-order mark decides
/// UTF-8 or UTF-16 LE/BE; UTF-16 without a mark is recognised by the zero byte in every other
/// byte of Latin text; everything else is Windows-1252 (a superset of ISO-8859-1 for what letters
/// hold: «financiën», «€», curly quotes). A file that is mostly UTF-8 with a few Windows-1252
/// bytes pasted in (a forwarded mail) keeps both. Bytes that decode to control characters
/// (a binary file named .txt) are refused.
pub(super) fn decode(content: &[u8]) -> Result<String, NotText> {
    let text = if let Some((encoding, bom)) = Encoding::for_bom(content) {
        encoding.decode_without_bom_handling(&content[bom..]).0.into_owned()
    } else if let Ok(text) = std::str::from_utf8(content) {
        text.to_string()
    } else if let Some(encoding) = utf16_without_bom(content) {
        encoding.decode_without_bom_handling(content).0.into_owned()
    } else {
        utf8_else_windows_1252(content)
    };
    let text = text.strip_suffix('\u{1a}').unwrap_or(&text); // DOS end-of-file mark
    if !looks_like_text(text) {
        return Err(NotText);
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Valid UTF-8 runs as UTF-8, every other byte as Windows-1252 (which maps all 256 bytes).
pub(super) fn utf8_else_windows_1252(content: &[u8]) -> String {
    let mut out = String::with_capacity(content.len() + content.len() / 8);
    for chunk in content.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push_str(&WINDOWS_1252.decode_without_bom_handling(chunk.invalid()).0);
        }
    }
    out
}

/// UTF-16 without a byte-order mark: in Latin text every other byte is zero. Looks at the first
/// 4 KB only.
fn utf16_without_bom(content: &[u8]) -> Option<&'static Encoding> {
    let head = &content[..content.len().min(4096) & !1];
    if head.len() < 8 || content.len() % 2 != 0 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |offset: usize| head.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 6 && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 6 && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Text has no NUL and hardly any other control characters (tab, line ends and the form feed
/// of a page break are text) and few replacement characters from undecodable bytes.
pub(super) fn looks_like_text(text: &str) -> bool {
    let (mut chars, mut odd) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c == '\0' {
            return false;
        }
        if (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{fffd}' {
            odd += 1;
        }
    }
    odd * 100 <= chars
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUTCH: &str =
        "De financiën: € 5,0 miljoen, «niet» en ‘enkele’ “dubbele” aanhalingstekens – café.\r\n2. Tweede punt.\r\n";

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units: Vec<u16> = (if bom { "\u{feff}" } else { "" }).encode_utf16().chain(text.encode_utf16()).collect();
        for u in units {
            out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn reads_the_encodings_notepad_and_mail_systems_write() {
        let want = DUTCH.replace("\r\n", "\n");
        // «ANSI» (Windows-1252): € is 0x80, curly quotes 0x91–0x94, ë 0xEB.
        let (ansi, _, lossy) = WINDOWS_1252.encode(DUTCH);
        assert!(!lossy && ansi.contains(&0x80) && ansi.contains(&0xEB) && std::str::from_utf8(&ansi).is_err());
        assert_eq!(decode(&ansi).unwrap(), want);
        // ISO-8859-1 (no € or curly quotes there): «financiën» and «café».
        let latin1: Vec<u8> = "financiën, café, één".chars().map(|c| c as u32 as u8).collect();
        assert_eq!(decode(&latin1).unwrap(), "financiën, café, één");
        // Notepad's «Unicode» and «Unicode big endian», with their byte-order mark, and without.
        assert_eq!(decode(&utf16(DUTCH, false, true)).unwrap(), want);
        assert_eq!(decode(&utf16(DUTCH, true, true)).unwrap(), want);
        assert_eq!(decode(&utf16(DUTCH, false, false)).unwrap(), want);
        assert_eq!(decode(&utf16(DUTCH, true, false)).unwrap(), want);
        // UTF-8 with and without a byte-order mark.
        assert_eq!(decode(format!("\u{feff}{DUTCH}").as_bytes()).unwrap(), want);
        assert_eq!(decode(DUTCH.as_bytes()).unwrap(), want);
        // A UTF-8 mail with a Windows-1252 line pasted in keeps both.
        let mut mixed = "Financiën (UTF-8)\n".as_bytes().to_vec();
        mixed.extend(b"Financi\xebn (ANSI) \x80 5\n");
        assert_eq!(decode(&mixed).unwrap(), "Financiën (UTF-8)\nFinanciën (ANSI) € 5\n");
    }

    #[test]
    fn binary_files_are_not_text() {
        assert_eq!(decode(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"), Err(NotText));
        let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert_eq!(decode(&noise), Err(NotText));
        // A page break and a DOS end-of-file mark are text.
        assert_eq!(decode(b"Pagina 1\x0cPagina 2\x1a").unwrap(), "Pagina 1\u{c}Pagina 2");
    }
}

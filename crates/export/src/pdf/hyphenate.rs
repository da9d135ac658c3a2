//! Dutch hyphenation (Knuth-Liang patterns of the `hyphenation` crate).

use hyphenation::{Hyphenator, Language, Load, Standard};
use std::sync::OnceLock;

fn dictionary() -> &'static Standard {
    static DICT: OnceLock<Standard> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::Dutch).expect("Dutch patterns are embedded"))
}

/// Byte offsets inside `word` where it may be broken with a hyphen. Punctuation around the
/// word is left alone; words shorter than 6 letters are not broken.
pub fn break_points(word: &str) -> Vec<usize> {
    let start = word.find(char::is_alphabetic).unwrap_or(word.len());
    let end = word
        .rfind(char::is_alphabetic)
        .map(|i| i + word[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(start);
    if start >= end {
        return Vec::new();
    }
    let core = &word[start..end];
    if core.chars().count() < 6 || !core.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let lower = core.to_lowercase();
    if lower.len() != core.len() {
        return Vec::new();
    }
    dictionary().hyphenate(&lower).breaks.into_iter().map(|b| b + start).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dutch_compounds_get_break_points() {
        let word = "begrotingswijziging";
        let points = break_points(word);
        assert!(points.len() >= 3, "{points:?}");
        let pieces: Vec<&str> = std::iter::once(0)
            .chain(points.iter().copied())
            .zip(points.iter().copied().chain(std::iter::once(word.len())))
            .map(|(a, b)| &word[a..b])
            .collect();
        assert_eq!(pieces.concat(), word);
        assert!(pieces.contains(&"wij") || pieces.iter().any(|p| p.starts_with("wij")), "{pieces:?}");
        // Punctuation stays attached; short words are left whole.
        assert!(break_points("bestuursrapportage,").iter().all(|&b| b < "bestuursrapportage".len()));
        assert!(break_points("raad").is_empty());
        assert!(break_points("2020").is_empty());
    }
}

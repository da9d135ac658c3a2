//! Councils copy each other's zienswijzen. When a point resembles a point of another
//! municipality that was answered already, the reply given there is offered as a suggestion.
//! Plain text similarity is enough: the cosine of the sets of word shingles (pairs of stems).

use crate::search::rules::stems;
use std::collections::HashSet;

/// Word pairs of the stemmed text; pairs catch copied phrasing better than single words.
pub fn fingerprint(text: &str) -> HashSet<String> {
    let stems = stems(text);
    let words: Vec<&str> = stems.split(' ').filter(|w| w.len() > 2).collect();
    let mut set: HashSet<String> = words.windows(2).map(|w| format!("{} {}", w[0], w[1])).collect();
    if words.len() == 1 {
        set.insert(words[0].to_string());
    }
    set
}

/// Cosine similarity of two fingerprints, 0.0 ..= 1.0.
pub fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(b).count() as f64;
    shared / ((a.len() as f64) * (b.len() as f64)).sqrt()
}

/// Below this, two points are not offered as alike.
pub const SUGGESTION_THRESHOLD: f64 = 0.25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_passages_score_high_and_different_points_low() {
        let a = fingerprint("Wij verzoeken u om onveranderd druk te houden op het ministerie met als doel meer rijksmiddelen ter beschikking te krijgen.");
        let b = fingerprint("Onze raad verzoekt onveranderd druk te houden op het ministerie, met als doel meer rijksmiddelen beschikbaar te krijgen.");
        let c = fingerprint("De Coronacrisis zorgt bovendien voor veel onzekerheid over de kosten van de jeugdhulp.");
        assert!(similarity(&a, &b) > SUGGESTION_THRESHOLD, "{}", similarity(&a, &b));
        assert!(similarity(&a, &c) < 0.05);
        assert_eq!(similarity(&a, &HashSet::new()), 0.0);
    }
}

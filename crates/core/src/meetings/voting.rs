//! Weighted voting in the AB: «Gemeenten hebben nu stemrecht naar rato van omvang.»
//!
//! The tally is computed exactly with decimals. Which majority and quorum apply is a setting
//! (the GR text is not in the sources), with the common reading as default: a proposal passes
//! when the weight *voor* exceeds the weight *tegen* among the votes cast, provided more than
//! half of the total weight is present.

use crate::domain::VoteChoice;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum MajorityBasis {
    /// voor > tegen; abstentions and absentees do not count (the usual meaning of "bij meerderheid").
    #[cfg_attr(feature = "clap", value(name = "votes-cast", help = "voor > tegen van de uitgebrachte stemmen"))]
    VotesCast,
    /// voor > half of all weight of the members, present or not.
    #[cfg_attr(feature = "clap", value(name = "all-weight", help = "voor > de helft van al het gewicht"))]
    AllWeight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VotingRule {
    pub majority: MajorityBasis,
    /// Share of the total weight that must be present (voor, tegen or onthouding), exclusive:
    /// 1/2 means "more than half".
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub quorum_share: Decimal,
}

impl Default for VotingRule {
    fn default() -> Self {
        VotingRule { majority: MajorityBasis::VotesCast, quorum_share: Decimal::new(5, 1) }
    }
}

/// One municipality's vote with the weight that held on the meeting date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeightedVote {
    pub organisation_id: i64,
    pub municipality: String,
    pub choice: VoteChoice,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub weight: Decimal,
    pub weight_is_example: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TallyResult {
    Aangenomen,
    Verworpen,
    /// Equal weight for and against: the proposal is not adopted.
    StemmenStaken,
    GeenQuorum,
}

impl TallyResult {
    pub fn label(self) -> &'static str {
        match self {
            TallyResult::Aangenomen => "Aangenomen",
            TallyResult::Verworpen => "Verworpen",
            TallyResult::StemmenStaken => "Stemmen staken (niet aangenomen)",
            TallyResult::GeenQuorum => "Geen quorum",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Tally {
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub voor: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub tegen: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub onthouding: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub afwezig: Decimal,
    #[cfg_attr(feature = "specta", specta(type = String))]
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub quorum_met: bool,
    pub result: TallyResult,
    pub result_label: String,
    /// True when any weight used is an example, not an adopted figure.
    pub uses_example_weights: bool,
    /// «met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd»
    pub dissent_sentence: Option<String>,
}

pub fn tally(votes: &[WeightedVote], rule: VotingRule) -> Tally {
    let sum = |choice: VoteChoice| -> Decimal { votes.iter().filter(|v| v.choice == choice).map(|v| v.weight).sum() };
    let (voor, tegen, onthouding, afwezig) =
        (sum(VoteChoice::Voor), sum(VoteChoice::Tegen), sum(VoteChoice::Onthouding), sum(VoteChoice::Afwezig));
    let total = voor + tegen + onthouding + afwezig;
    let present = voor + tegen + onthouding;
    let quorum_met = total > Decimal::ZERO && present > total * rule.quorum_share;
    let result = if !quorum_met {
        TallyResult::GeenQuorum
    } else {
        match rule.majority {
            MajorityBasis::VotesCast if voor == tegen => TallyResult::StemmenStaken,
            MajorityBasis::VotesCast if voor > tegen => TallyResult::Aangenomen,
            MajorityBasis::VotesCast => TallyResult::Verworpen,
            MajorityBasis::AllWeight if voor * Decimal::TWO > total => TallyResult::Aangenomen,
            MajorityBasis::AllWeight if voor * Decimal::TWO == total && tegen * Decimal::TWO == total => {
                TallyResult::StemmenStaken
            }
            MajorityBasis::AllWeight => TallyResult::Verworpen,
        }
    };
    Tally {
        voor,
        tegen,
        onthouding,
        afwezig,
        total,
        quorum_met,
        result,
        result_label: result.label().to_string(),
        uses_example_weights: votes.iter().any(|v| v.weight_is_example),
        dissent_sentence: dissent_sentence(votes),
    }
}

/// Names dissent the way the region writes it, e.g. «met inachtneming van het feit dat de
/// gemeente Alblasserdam tegen het voorstel heeft gestemd». Abstentions are named too.
pub fn dissent_sentence(votes: &[WeightedVote]) -> Option<String> {
    let names = |choice: VoteChoice| -> Vec<&str> {
        let mut n: Vec<&str> = votes.iter().filter(|v| v.choice == choice).map(|v| v.municipality.as_str()).collect();
        n.sort_unstable();
        n
    };
    let against = names(VoteChoice::Tegen);
    let abstained = names(VoteChoice::Onthouding);
    let mut clauses = Vec::new();
    if !against.is_empty() {
        clauses.push(format!(
            "{} tegen het voorstel {}",
            municipalities_phrase(&against),
            if against.len() == 1 { "heeft gestemd" } else { "hebben gestemd" }
        ));
    }
    if !abstained.is_empty() {
        clauses.push(format!(
            "{} zich van stemming {}",
            municipalities_phrase(&abstained),
            if abstained.len() == 1 { "heeft onthouden" } else { "hebben onthouden" }
        ));
    }
    if clauses.is_empty() {
        return None;
    }
    let facts: Vec<String> = clauses.iter().map(|c| format!("dat {c}")).collect();
    Some(format!("met inachtneming van het feit {}", facts.join(" en ")))
}

/// "de gemeente X", "de gemeenten X en Y", "de gemeenten X, Y en Z".
fn municipalities_phrase(names: &[&str]) -> String {
    match names {
        [one] => format!("de gemeente {one}"),
        [init @ .., last] => format!("de gemeenten {} en {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// The outcome and decision text that a recorded vote gives: adopted or not (tied votes are not
/// adopted; without a quorum there is no outcome), the decision text kept or the standard sentence,
/// and the dissent sentence added once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecisionDraft {
    pub outcome: Option<crate::domain::Outcome>,
    pub decision: String,
}

pub fn decision_from_tally(tally: &Tally, current: Option<crate::domain::Outcome>, text: &str) -> DecisionDraft {
    use crate::domain::Outcome;
    let outcome = match tally.result {
        TallyResult::Aangenomen => Some(Outcome::Aangenomen),
        TallyResult::Verworpen | TallyResult::StemmenStaken => Some(Outcome::Verworpen),
        TallyResult::GeenQuorum => current,
    };
    let trimmed = text.trim().trim_end_matches(['.', ',']).trim_end();
    let base = if trimmed.is_empty() {
        format!("Het voorstel is {}", if outcome == Some(Outcome::Aangenomen) { "aangenomen" } else { "verworpen" })
    } else {
        trimmed.to_string()
    };
    let decision = match &tally.dissent_sentence {
        Some(dissent) if !base.contains(dissent.as_str()) => format!("{base}, {dissent}."),
        _ => format!("{base}."),
    };
    DecisionDraft { outcome, decision }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_recorded_vote_gives_the_outcome_and_the_decision_with_its_dissent_sentence_once() {
        use crate::domain::Outcome;
        let mut t = Tally {
            voor: Decimal::new(10, 0),
            tegen: Decimal::new(2, 0),
            onthouding: Decimal::ZERO,
            afwezig: Decimal::ZERO,
            total: Decimal::new(12, 0),
            quorum_met: true,
            result: TallyResult::Aangenomen,
            result_label: String::new(),
            uses_example_weights: false,
            dissent_sentence: Some(
                "met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd".into(),
            ),
        };
        let draft = decision_from_tally(&t, None, "");
        assert_eq!(draft.outcome, Some(Outcome::Aangenomen));
        assert_eq!(
            draft.decision,
            "Het voorstel is aangenomen, met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd."
        );
        assert_eq!(decision_from_tally(&t, None, &draft.decision).decision, draft.decision, "added once");
        t.result = TallyResult::StemmenStaken;
        t.dissent_sentence = None;
        assert_eq!(decision_from_tally(&t, None, "Besloten,").decision, "Besloten.");
        assert_eq!(decision_from_tally(&t, None, "").outcome, Some(Outcome::Verworpen), "tied votes are not adopted");
    }

    use super::*;

    fn vote(name: &str, choice: VoteChoice, weight: i64) -> WeightedVote {
        WeightedVote {
            organisation_id: 0,
            municipality: name.into(),
            choice,
            weight: Decimal::from(weight),
            weight_is_example: false,
        }
    }

    #[test]
    fn weighted_majority_beats_head_count() {
        // Three small municipalities outnumber one large one but carry less weight.
        let votes = [
            vote("Dordrecht", VoteChoice::Voor, 10),
            vote("Alblasserdam", VoteChoice::Tegen, 3),
            vote("Sliedrecht", VoteChoice::Tegen, 3),
            vote("Gorinchem", VoteChoice::Tegen, 3),
        ];
        let t = tally(&votes, VotingRule::default());
        assert_eq!(t.result, TallyResult::Aangenomen);
        assert_eq!((t.voor, t.tegen), (Decimal::from(10), Decimal::from(9)));
    }

    #[test]
    fn a_tie_is_not_adopted() {
        let votes =
            [vote("A", VoteChoice::Voor, 5), vote("B", VoteChoice::Tegen, 5), vote("C", VoteChoice::Onthouding, 2)];
        assert_eq!(tally(&votes, VotingRule::default()).result, TallyResult::StemmenStaken);
    }

    #[test]
    fn abstentions_count_for_quorum_but_not_for_majority() {
        let votes = [
            vote("A", VoteChoice::Voor, 2),
            vote("B", VoteChoice::Tegen, 1),
            vote("C", VoteChoice::Onthouding, 4),
            vote("D", VoteChoice::Afwezig, 3),
        ];
        let t = tally(&votes, VotingRule::default());
        assert!(t.quorum_met, "7 of 10 present");
        assert_eq!(t.result, TallyResult::Aangenomen);
        // Under the stricter rule, 2 of 10 is no majority.
        let strict = VotingRule { majority: MajorityBasis::AllWeight, ..VotingRule::default() };
        assert_eq!(tally(&votes, strict).result, TallyResult::Verworpen);
    }

    #[test]
    fn absent_members_can_break_the_quorum() {
        let votes = [vote("A", VoteChoice::Voor, 5), vote("B", VoteChoice::Afwezig, 5)];
        let t = tally(&votes, VotingRule::default());
        assert!(!t.quorum_met, "exactly half present is not more than half");
        assert_eq!(t.result, TallyResult::GeenQuorum);
    }

    #[test]
    fn fractional_weights_are_exact() {
        let w = |s: &str| Decimal::from_str_exact(s).unwrap();
        let votes = [
            WeightedVote { weight: w("0.1"), ..vote("A", VoteChoice::Voor, 0) },
            WeightedVote { weight: w("0.2"), ..vote("B", VoteChoice::Voor, 0) },
            WeightedVote { weight: w("0.3"), ..vote("C", VoteChoice::Tegen, 0) },
        ];
        assert_eq!(tally(&votes, VotingRule::default()).result, TallyResult::StemmenStaken);
    }

    #[test]
    fn dissent_is_named_as_the_region_writes_it() {
        let votes = [vote("Dordrecht", VoteChoice::Voor, 1), vote("Alblasserdam", VoteChoice::Tegen, 1)];
        assert_eq!(
            dissent_sentence(&votes).unwrap(),
            "met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd"
        );
        let votes = [
            vote("Sliedrecht", VoteChoice::Tegen, 1),
            vote("Alblasserdam", VoteChoice::Tegen, 1),
            vote("Gorinchem", VoteChoice::Tegen, 1),
            vote("Papendrecht", VoteChoice::Onthouding, 1),
        ];
        assert_eq!(
            dissent_sentence(&votes).unwrap(),
            "met inachtneming van het feit dat de gemeenten Alblasserdam, Gorinchem en Sliedrecht tegen het voorstel hebben gestemd en dat de gemeente Papendrecht zich van stemming heeft onthouden"
        );
        assert_eq!(dissent_sentence(&[vote("A", VoteChoice::Voor, 1)]), None);
    }
}

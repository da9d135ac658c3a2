//! `bestuursmap voting-rule`: show or change the AB's majority and quorum rule.

use super::open_store;
use bestuursmap_core::meetings::voting::MajorityBasis;
use bestuursmap_core::{CoreError, OpenMode};
use std::path::Path;

pub fn run(path: &Path, majority: Option<MajorityBasis>, quorum: Option<String>) -> Result<(), CoreError> {
    let mut store = open_store(path, OpenMode::MustExist)?;
    let mut rule = store.voting_rule()?;
    if let Some(majority) = majority {
        rule.majority = majority;
    }
    if let Some(q) = quorum.as_deref() {
        rule.quorum_share = bestuursmap_core::money::parse_dutch_number(q).map_err(CoreError::Invalid)?;
    }
    if majority.is_some() || quorum.is_some() {
        store.set_voting_rule(rule)?;
    }
    say!(
        "Stemregel: {}; quorum: meer dan {} van het totale stemgewicht aanwezig.",
        match rule.majority {
            MajorityBasis::VotesCast => "aangenomen als het gewicht voor groter is dan het gewicht tegen",
            MajorityBasis::AllWeight => "aangenomen als het gewicht voor groter is dan de helft van al het gewicht",
        },
        rule.quorum_share.to_string().replace('.', ",")
    );
    Ok(())
}

//! The demo fixtures (`assets/demo/fixtures/*.json`) as typed records: only the fields the demo
//! reads, every one with its type, so a fixture that changes shape fails to load with a message
//! naming the field instead of silently reading nothing. Fields the sources leave open are
//! `Option`; unknown fields are ignored (the fixtures carry evidence and notes for people).

use serde::Deserialize;
use std::collections::HashMap;

/// `bodies.json`: the organisations named in the sources and the governance bodies.
#[derive(Debug, Deserialize)]
pub(crate) struct BodiesFile {
    pub organisations: Vec<OrganisationFixture>,
    pub bodies: Vec<BodyFixture>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct OrganisationFixture {
    pub id: String,
    pub name_nl: String,
    pub kind: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct BodyFixture {
    pub id: String,
    pub name_nl: String,
    pub kind: Option<String>,
    /// `true`, `false`, or `null` when the sources do not say.
    pub decision_making: Option<bool>,
}

/// `municipalities.json`: the current and the former member municipalities.
#[derive(Debug, Deserialize)]
pub(crate) struct MunicipalitiesFile {
    pub current_members: Vec<CurrentMember>,
    pub former_members: Vec<FormerMember>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct CurrentMember {
    pub name: String,
    pub subregion: Option<String>,
    pub subregion_basis: Option<String>,
    pub member_since_note: Option<String>,
    /// The municipalities it was merged from (only Hoeksche Waard has them).
    pub predecessors: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct FormerMember {
    pub name: String,
    pub status: String,
    pub subregion: Option<String>,
    pub note: Option<String>,
}

/// `measures.json`: the measures of the Omdenknotitie, the Aanjaagplan and the AEF advice.
#[derive(Debug, Deserialize)]
pub(crate) struct MeasuresFile {
    pub measures: Vec<MeasureFixture>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct MeasureFixture {
    pub id: String,
    pub name_nl: String,
    pub kind: Option<String>,
    pub time_path: Option<String>,
    #[serde(default)]
    pub source_plans: Vec<String>,
    pub trekker: Option<Valued>,
    pub status: Option<MeasureStatusFixture>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub requested_or_raised_by: Vec<Request>,
    pub savings_potential: Option<SavingsPotential>,
}

/// A value the sources give, e.g. the trekker `{"value": "SOJ"}`.
#[derive(Debug, Deserialize)]
pub(crate) struct Valued {
    pub value: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct MeasureStatusFixture {
    pub value: Option<String>,
    pub as_of: Option<String>,
    pub evidence: Option<Evidence>,
}

/// Where a fact comes from; the demo shows the quoted passage.
#[derive(Debug, Deserialize)]
pub(crate) struct Evidence {
    pub quote: Option<String>,
}

/// A municipality's request or bottleneck about a measure.
#[derive(Debug, Deserialize)]
pub(crate) struct Request {
    pub gemeente: Option<String>,
    pub request: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct SavingsPotential {
    pub amount_eur: Option<i64>,
    pub years: Option<Vec<i64>>,
}

/// `standard-responses.json`: the recurring reply paragraphs of the 2020 nota van reactie.
#[derive(Debug, Deserialize)]
pub(crate) struct StandardResponsesFile {
    pub standard_paragraphs: Vec<StandardParagraph>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct StandardParagraph {
    pub id: String,
    pub canonical_text_nl: String,
    /// Per component sentence, its wordings in the nota (the first is the canonical one).
    #[serde(default)]
    pub component_sentences_nl: Vec<Vec<String>>,
    pub reuse_count_in_nota: Option<i64>,
}

/// `zienswijzen-2020-deel.json`: the 2020 procedure, its covering letter, and the zienswijzen
/// and replies of four municipalities.
#[derive(Debug, Deserialize)]
pub(crate) struct ZienswijzenFile {
    pub procedure: ProcedureFixture,
    pub covering_letter: CoveringLetter,
    pub gemeenten: Vec<GemeenteFixture>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ProcedureFixture {
    pub verzonden_voor_zienswijze: String,
    pub onderwerp: String,
    pub wettelijke_zienswijzetermijn_weken: Option<u32>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct CoveringLetter {
    pub afzender: String,
    pub aanhef: String,
    #[serde(default)]
    pub inleiding: Vec<String>,
    pub besluit: Besluit,
    pub toelichting_kop: String,
    pub toelichting_intro: String,
    pub meest_genoemde_aandachtspunten: Vec<Aandachtspunt>,
    pub overgang_naar_bijlage: Option<String>,
    #[serde(default)]
    pub slot: Vec<String>,
    pub ondertekening: Ondertekening,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Besluit {
    pub kop: String,
    pub tekst: String,
    pub datum: String,
    pub bedrag_eur: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Aandachtspunt {
    pub nr: Option<i64>,
    pub titel: String,
    pub toelichting_kop: String,
    pub toelichting: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Ondertekening {
    pub secretaris: String,
    pub voorzitter: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct GemeenteFixture {
    pub gemeente: String,
    pub intro: Option<String>,
    /// The introduction of each further section («slotverzoek», an annex), by section key.
    #[serde(default)]
    pub section_intros: HashMap<String, Option<String>>,
    pub items: Vec<PointFixture>,
}

/// A point of a zienswijze (an item, or a sub-point of one) with the board's reply.
#[derive(Debug, Deserialize)]
pub(crate) struct PointFixture {
    /// The section key: «zienswijze», «slotverzoek» or the name of an annex (sub-points have it
    /// too, but they follow their parent).
    pub section: Option<String>,
    pub label: Option<String>,
    pub label_in_source: Option<String>,
    pub inbreng: Option<String>,
    pub inbreng_intro: Option<String>,
    pub reactie_intro: Option<String>,
    #[serde(default)]
    pub uncertain: bool,
    pub reactie: Option<Reactie>,
    #[serde(default)]
    pub subpoints: Vec<PointFixture>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Reactie {
    pub text: String,
}

/// Reads one fixture; a fixture that does not match its type is a demo-data error that names
/// the file and the place.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(file: &str, json: &str) -> crate::error::Result<T> {
    serde_json::from_str(json).map_err(|e| crate::error::CoreError::DemoData(format!("{file}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixture_of_the_wrong_shape_is_refused_with_the_file_and_the_field() {
        let err = parse::<BodiesFile>("bodies.json", r#"{"organisations": [{"id": "DGJ"}], "bodies": []}"#)
            .expect_err("name_nl is missing");
        let text = err.to_string();
        assert!(text.contains("bodies.json") && text.contains("name_nl"), "{text}");
        let err = parse::<MeasuresFile>(
            "measures.json",
            r#"{"measures": [{"id": "M01", "name_nl": "x", "source_plans": "Omdenknotitie"}]}"#,
        )
        .expect_err("source_plans is a list");
        assert!(err.to_string().contains("measures.json"), "{err}");
    }

    #[test]
    fn the_bundled_fixtures_have_the_expected_shape() {
        let bodies: BodiesFile = parse("bodies.json", super::super::BODIES_JSON).unwrap();
        assert!(bodies.bodies.iter().any(|b| b.id == "AB" && b.decision_making == Some(true)));
        let municipalities: MunicipalitiesFile =
            parse("municipalities.json", super::super::MUNICIPALITIES_JSON).unwrap();
        assert_eq!(municipalities.current_members.len(), 10);
        assert_eq!(municipalities.current_members.iter().filter(|m| m.predecessors.is_some()).count(), 1);
        let zienswijzen: ZienswijzenFile = parse("zienswijzen-2020-deel.json", super::super::ZIENSWIJZEN_JSON).unwrap();
        assert_eq!(zienswijzen.gemeenten.len(), 4);
        assert!(zienswijzen.gemeenten.iter().flat_map(|g| &g.items).all(|i| i.section.is_some()));
    }
}

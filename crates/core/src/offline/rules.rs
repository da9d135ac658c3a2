//! The pure rules of the offline features (no store): how a quoted passage is compared when a
//! note is re-anchored, and how a change between two issues of an agenda is described.

/// Whitespace-collapsed, lower-case text: a quote is found again despite re-flowed lines.
pub(crate) fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub(crate) fn change_label(what: &str, before: Option<&str>, after: Option<&str>) -> String {
    let before = before.unwrap_or("");
    let after = after.unwrap_or("");
    match what {
        "titel" => format!("Titel gewijzigd: was «{before}», nu «{after}»."),
        "nummer" => format!("Nummer gewijzigd: was {before}, nu {after}."),
        "soort" => format!("Soort gewijzigd: was {before}, nu {after}."),
        "voorstel" => "Het voorstel is gewijzigd.".to_string(),
        "besluit" => "Het besluit is gewijzigd.".to_string(),
        "bijlage_nieuw" => format!("Bijlage toegevoegd: {after}."),
        "bijlage_gewijzigd" => format!("Bijlage vervangen door een nieuwe versie: {after}."),
        "bijlage_vervallen" => format!("Bijlage vervallen: {before}."),
        "vervallen" => format!("Agendapunt vervallen: «{before}»."),
        "nieuw" => format!("Nieuw agendapunt: «{after}»."),
        other => format!("Gewijzigd: {other}."),
    }
}

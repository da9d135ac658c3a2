//! The static HTML of a publication: Dutch, accessible (landmarks, a skip link, captioned tables,
//! one h1 per page, headings in order), the NL Design System's class names and look, and no
//! JavaScript. Every page is complete without network access.

use bestuursmap_core::domain::Presence;
use bestuursmap_core::format;
use bestuursmap_core::publication::{PublicAttachment, PublicItem, PublicMeeting, Publication};
use std::collections::BTreeMap;
use std::fmt::Write;

pub struct Page {
    pub path: String,
    pub html: String,
}

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The folder name of a body: its code in lower case with hyphens («netwerk-mtplus»).
pub fn body_slug(code: &str) -> String {
    code.to_ascii_lowercase().replace('_', "-")
}

fn year(meeting: &PublicMeeting) -> i32 {
    chrono::Datelike::year(&meeting.starts_at.date())
}

/// Dutch file size: «12 kB», «1,4 MB».
fn size_text(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{} kB", (bytes + 512) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    }
}

fn file_kind(media_type: &str) -> &'static str {
    match media_type.split(';').next().unwrap_or_default() {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => "PowerPoint",
        "application/vnd.oasis.opendocument.text" => "OpenDocument-tekst",
        "image/png" => "PNG-afbeelding",
        "image/jpeg" => "JPEG-afbeelding",
        "text/plain" => "tekst",
        _ => "bestand",
    }
}

fn page(root: &str, title: &str, publisher: &str, breadcrumbs: &[(String, String)], body: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — {publisher}</title>\n\
         <link rel=\"stylesheet\" href=\"{root}assets/publicatie.css\">\n</head>\n\
         <body class=\"utrecht-document\">\n\
         <a class=\"utrecht-skip-link\" href=\"#inhoud\">Direct naar de inhoud</a>\n\
         <header class=\"utrecht-page-header\"><div class=\"page-width\">\
         <p class=\"publisher\"><a class=\"utrecht-link\" href=\"{root}index.html\">{publisher}</a></p>\
         <p class=\"subtitle\">Openbare vergaderstukken en besluiten</p></div></header>\n",
        title = esc(title),
        publisher = esc(publisher),
    );
    if !breadcrumbs.is_empty() {
        out.push_str("<nav class=\"utrecht-breadcrumb-nav page-width\" aria-label=\"Kruimelpad\"><ol class=\"utrecht-breadcrumb-nav__list\">");
        for (href, label) in breadcrumbs {
            let _ = write!(
                out,
                "<li class=\"utrecht-breadcrumb-nav__item\"><a class=\"utrecht-link\" href=\"{}\">{}</a></li>",
                esc(href),
                esc(label)
            );
        }
        let _ = writeln!(
            out,
            "<li class=\"utrecht-breadcrumb-nav__item\" aria-current=\"page\">{}</li></ol></nav>",
            esc(title)
        );
    }
    let _ = write!(
        out,
        "<main id=\"inhoud\" class=\"utrecht-page-content page-width\">\n{body}</main>\n\
         <footer class=\"utrecht-page-footer\"><div class=\"page-width\">\
         <p>Gepubliceerd door {publisher} op grond van de Wet open overheid. \
         Vertrouwelijke en besloten agendapunten en hun stukken zijn niet opgenomen.</p>\
         <p>Open data: <a class=\"utrecht-link\" href=\"{root}data/ori.jsonld\">ORI JSON-LD</a> \
         en <a class=\"utrecht-link\" href=\"{root}data/ods-ori.json\">ODS Open Raadsinformatie (JSON)</a>.</p>\
         </div></footer>\n</body>\n</html>\n",
        publisher = esc(publisher),
    );
    out
}

fn demo_banner(note: &str) -> String {
    format!(
        "<div class=\"utrecht-alert utrecht-alert--warning demo\" role=\"note\"><p><strong>Demogegevens.</strong> {}</p></div>\n",
        esc(note)
    )
}

pub fn pages(publication: &Publication) -> Vec<Page> {
    let publisher = publication.publisher.name.as_str();
    let mut groups: BTreeMap<(String, i32), Vec<&PublicMeeting>> = BTreeMap::new();
    for meeting in &publication.meetings {
        groups.entry((meeting.body_code.clone(), year(meeting))).or_default().push(meeting);
    }
    let mut pages = Vec::new();

    // The root: every body and year, and the data files.
    let mut body = format!("<h1 class=\"utrecht-heading-1\">{}</h1>\n", esc(&publication.title));
    if publication.contains_demo() {
        body.push_str(&demo_banner(
            "Deze publicatie bevat gegevens die voor de demonstratie zijn bedacht; ze zijn bij elk onderdeel gemarkeerd.",
        ));
    }
    body.push_str("<h2 class=\"utrecht-heading-2\">Vergaderingen per orgaan en jaar</h2>\n<ul class=\"utrecht-unordered-list\">\n");
    for ((code, y), meetings) in &groups {
        let name = &meetings[0].body_name;
        let _ = writeln!(
            body,
            "<li><a class=\"utrecht-link\" href=\"{}/{y}/index.html\">{} {y}</a> ({} {})</li>",
            body_slug(code),
            esc(name),
            meetings.len(),
            if meetings.len() == 1 { "vergadering" } else { "vergaderingen" }
        );
    }
    body.push_str("</ul>\n<h2 class=\"utrecht-heading-2\">Open data</h2>\n<ul class=\"utrecht-unordered-list\">\n\
        <li><a class=\"utrecht-link\" href=\"data/ori.jsonld\">ORI JSON-LD</a>: vergaderingen, agendapunten, besluiten en gewogen stemmingen volgens het Open Raadsinformatie-model (popolo-ori), met <a class=\"utrecht-link\" href=\"data/context.jsonld\">de JSON-LD-context</a>.</li>\n\
        <li><a class=\"utrecht-link\" href=\"data/ods-ori.json\">ODS Open Raadsinformatie (JSON)</a>: dezelfde gegevens in de vorm van de VNG-standaard.</li>\n</ul>\n");
    pages.push(Page { path: "index.html".into(), html: page("", &publication.title, publisher, &[], &body) });

    // One index per body and year.
    for ((code, y), meetings) in &groups {
        let name = &meetings[0].body_name;
        let title = format!("{name} — vergaderingen {y}");
        let mut body = format!("<h1 class=\"utrecht-heading-1\">{}</h1>\n", esc(&title));
        let _ = write!(
            body,
            "<table class=\"utrecht-table\">\n<caption class=\"utrecht-table__caption\">Vergaderingen van het {} in {y}</caption>\n\
             <thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Datum</th>\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Vergadering</th>\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Status</th>\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Agendapunten</th></tr></thead>\n<tbody class=\"utrecht-table__body\">\n",
            esc(&meetings[0].body_short_name)
        );
        for meeting in meetings {
            let _ = writeln!(
                body,
                "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">{}</td>\
                 <td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" href=\"../../{}/index.html\">{}</a>{}</td>\
                 <td class=\"utrecht-table__cell\">{}</td><td class=\"utrecht-table__cell\">{}</td></tr>",
                format::weekday_date(meeting.starts_at.date()),
                meeting.path,
                esc(&meeting.title),
                if meeting.demo_note.is_some() { " <span class=\"badge\">demo</span>" } else { "" },
                esc(&meeting.status_label),
                meeting.items.len()
            );
        }
        body.push_str("</tbody>\n</table>\n");
        pages.push(Page {
            path: format!("{}/{y}/index.html", body_slug(code)),
            html: page("../../", &title, publisher, &[("../../index.html".into(), "Overzicht".into())], &body),
        });
    }

    for meeting in &publication.meetings {
        pages.push(meeting_page(publication, meeting));
    }
    pages
}

fn meeting_page(publication: &Publication, meeting: &PublicMeeting) -> Page {
    let date = meeting.starts_at.date();
    let title = format!("{} — {}", meeting.title, format::date(date));
    let mut body = format!("<h1 class=\"utrecht-heading-1\">{}</h1>\n", esc(&title));
    body.push_str("<dl class=\"meeting-facts\">\n");
    let mut time = format::time(meeting.starts_at);
    if let Some(end) = meeting.ends_at {
        time = format!("{time}–{}", format::time(end));
    }
    let facts = [
        ("Orgaan", Some(meeting.body_name.clone())),
        ("Datum", Some(format::weekday_date(date))),
        ("Tijd", Some(time)),
        ("Plaats", meeting.location.clone()),
        ("Status", Some(meeting.status_label.clone())),
    ];
    for (label, value) in facts {
        if let Some(value) = value {
            let _ = writeln!(body, "<div><dt>{label}</dt><dd>{}</dd></div>", esc(&value));
        }
    }
    body.push_str("</dl>\n");
    if meeting.is_concept() {
        body.push_str("<div class=\"utrecht-alert utrecht-alert--info\" role=\"note\"><p><strong>Concept-agenda.</strong> Deze agenda is nog niet vastgesteld en kan nog veranderen.</p></div>\n");
    }
    if !meeting.takes_decisions {
        body.push_str("<p class=\"utrecht-paragraph\">Dit overleg is niet besluitvormend: er worden geen besluiten genomen.</p>\n");
    }
    if let Some(note) = &meeting.demo_note {
        body.push_str(&demo_banner(note));
    }
    attendance_section(meeting, &mut body);

    // The agenda as a table, then each item with its proposal and attachments.
    body.push_str("<h2 class=\"utrecht-heading-2\" id=\"agenda\">Agenda</h2>\n");
    if meeting.items.is_empty() {
        body.push_str("<p class=\"utrecht-paragraph\">Er zijn geen openbare agendapunten.</p>\n");
    } else {
        body.push_str(
            "<table class=\"utrecht-table\">\n<caption class=\"utrecht-table__caption\">Openbare agendapunten</caption>\n\
             <thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Nr.</th>\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Onderwerp</th>\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Soort</th>\
             <th class=\"utrecht-table__header-cell\" scope=\"col\">Bijlagen</th></tr></thead>\n<tbody class=\"utrecht-table__body\">\n",
        );
        for item in &meeting.items {
            let _ = writeln!(
                body,
                "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" scope=\"row\">{}</th>\
                 <td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" href=\"#punt-{}\">{}</a></td>\
                 <td class=\"utrecht-table__cell\">{}</td><td class=\"utrecht-table__cell\">{}</td></tr>",
                esc(&item.number),
                esc(&item.number),
                esc(&item.title),
                esc(&item.kind_label),
                item.attachments.len()
            );
        }
        body.push_str("</tbody>\n</table>\n");
        for item in &meeting.items {
            item_section(meeting, item, &mut body);
        }
    }

    // The besluitenlijst.
    let decided: Vec<&PublicItem> = meeting.items.iter().filter(|i| i.on_decision_list()).collect();
    body.push_str("<h2 class=\"utrecht-heading-2\" id=\"besluitenlijst\">Besluitenlijst</h2>\n");
    if decided.is_empty() {
        body.push_str("<p class=\"utrecht-paragraph\">Er zijn (nog) geen openbare besluiten vastgelegd.</p>\n");
    }
    for item in decided {
        decision_section(item, &mut body);
    }
    Page {
        path: format!("{}/index.html", meeting.path),
        html: page(
            "../../",
            &title,
            &publication.publisher.name,
            &[
                ("../../index.html".into(), "Overzicht".into()),
                (
                    format!("../../{}/{}/index.html", body_slug(&meeting.body_code), year(meeting)),
                    format!("{} {}", meeting.body_short_name, year(meeting)),
                ),
            ],
            &body,
        ),
    }
}

/// Who was there, as recorded: present (or represented) and absent, with whom they represent.
fn attendance_section(meeting: &PublicMeeting, body: &mut String) {
    if meeting.attendance.is_empty() {
        return;
    }
    body.push_str("<h2 class=\"utrecht-heading-2\" id=\"aanwezigheid\">Aanwezigheid</h2>\n");
    let groups = [
        ("Aanwezig", Presence::Aanwezig),
        ("Vertegenwoordigd", Presence::Vertegenwoordigd),
        ("Afwezig", Presence::Afwezig),
    ];
    for (label, presence) in groups {
        let names: Vec<String> = meeting
            .attendance
            .iter()
            .filter(|a| a.presence == presence)
            .map(|a| match &a.on_behalf_of {
                Some(org) => format!("{} ({})", esc(&a.name), esc(org)),
                None => esc(&a.name),
            })
            .collect();
        if !names.is_empty() {
            let _ = writeln!(
                body,
                "<h3 class=\"utrecht-heading-4\">{label} ({})</h3>\n<ul class=\"utrecht-unordered-list attendance\">\n<li>{}</li>\n</ul>",
                names.len(),
                names.join("</li>\n<li>")
            );
        }
    }
}

fn item_section(meeting: &PublicMeeting, item: &PublicItem, body: &mut String) {
    let _ = write!(
        body,
        "<section class=\"agenda-item\" id=\"punt-{}\" aria-labelledby=\"kop-{}\">\n\
         <h3 class=\"utrecht-heading-3\" id=\"kop-{}\">{}. {}</h3>\n<p class=\"item-meta\">{}",
        esc(&item.number),
        esc(&item.number),
        esc(&item.number),
        esc(&item.number),
        esc(&item.title),
        esc(&item.kind_label)
    );
    if let Some(holder) = &item.portefeuillehouder {
        let _ = write!(body, " · portefeuillehouder: {}", esc(holder));
    }
    body.push_str("</p>\n");
    if let Some(note) = &item.demo_note {
        body.push_str(&demo_banner(note));
    }
    if let Some(html) = &item.proposal_html {
        let _ = writeln!(body, "<div class=\"proposal\">{html}</div>");
    }
    if !item.decision_points.is_empty() {
        body.push_str("<p class=\"utrecht-paragraph\">Voorgesteld besluit:</p>\n<ol class=\"utrecht-ordered-list\">\n");
        for point in &item.decision_points {
            let _ = writeln!(body, "<li>{}</li>", esc(point));
        }
        body.push_str("</ol>\n");
    }
    if !item.attachments.is_empty() {
        let _ = write!(body, "<h4 class=\"utrecht-heading-4\">Bijlagen bij punt {}</h4>\n<ul class=\"utrecht-unordered-list attachments\">\n", esc(&item.number));
        for attachment in &item.attachments {
            attachment_link(meeting, attachment, body);
        }
        body.push_str("</ul>\n");
    }
    body.push_str("</section>\n");
}

fn attachment_link(meeting: &PublicMeeting, attachment: &PublicAttachment, body: &mut String) {
    let href = attachment.path.strip_prefix(&format!("{}/", meeting.path)).unwrap_or(&attachment.path);
    let _ = writeln!(
        body,
        "<li><a class=\"utrecht-link\" href=\"{}\" type=\"{}\">{}</a> ({}, {}) <span class=\"checksum\">SHA-256: <code>{}</code></span></li>",
        esc(href),
        esc(&attachment.media_type),
        esc(&attachment.file_name),
        file_kind(&attachment.media_type),
        size_text(attachment.size_bytes),
        esc(&attachment.sha256)
    );
}

fn decision_section(item: &PublicItem, body: &mut String) {
    let _ = write!(
        body,
        "<section class=\"decision\" aria-labelledby=\"besluit-{}\">\n<h3 class=\"utrecht-heading-3\" id=\"besluit-{}\">{}. {}</h3>\n\
         <p class=\"outcome\"><strong>{}</strong></p>\n",
        esc(&item.number),
        esc(&item.number),
        esc(&item.number),
        esc(&item.title),
        esc(item.outcome_label.as_deref().unwrap_or_default())
    );
    if let Some(html) = &item.decision_html {
        let _ = writeln!(body, "<div class=\"decision-text\">{html}</div>");
    }
    let Some(vote) = &item.vote else {
        body.push_str("</section>\n");
        return;
    };
    if vote.is_demo {
        body.push_str(&demo_banner("De stemmen zijn (deels) voor de demonstratie ingevuld."));
    }
    let _ = write!(
        body,
        "<table class=\"utrecht-table votes\">\n<caption class=\"utrecht-table__caption\">Gewogen stemming over punt {}</caption>\n\
         <thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">\
         <th class=\"utrecht-table__header-cell\" scope=\"col\">Gemeente</th>\
         <th class=\"utrecht-table__header-cell\" scope=\"col\">Stem</th>\
         <th class=\"utrecht-table__header-cell utrecht-table__header-cell--numeric-column\" scope=\"col\">Stemgewicht</th></tr></thead>\n<tbody class=\"utrecht-table__body\">\n",
        esc(&item.number)
    );
    for v in &vote.votes {
        let _ = writeln!(
            body,
            "<tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" scope=\"row\">{}</th>\
             <td class=\"utrecht-table__cell\">{}</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">{}{}</td></tr>",
            esc(&v.municipality),
            esc(&v.choice_label),
            v.weight.to_string().replace('.', ","),
            if v.weight_is_example { " (voorbeeld)" } else { "" }
        );
    }
    let t = &vote.tally;
    let _ = write!(
        body,
        "</tbody>\n<tfoot class=\"utrecht-table__footer\">\
         <tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" scope=\"row\" colspan=\"2\">Voor</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">{}</td></tr>\
         <tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" scope=\"row\" colspan=\"2\">Tegen</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">{}</td></tr>\
         <tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" scope=\"row\" colspan=\"2\">Onthouding</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">{}</td></tr>\
         <tr class=\"utrecht-table__row\"><th class=\"utrecht-table__header-cell\" scope=\"row\" colspan=\"2\">Afwezig</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">{}</td></tr>\
         </tfoot>\n</table>\n<p class=\"utrecht-paragraph\">Uitslag: <strong>{}</strong>{}.</p>\n",
        t.voor.to_string().replace('.', ","),
        t.tegen.to_string().replace('.', ","),
        t.onthouding.to_string().replace('.', ","),
        t.afwezig.to_string().replace('.', ","),
        esc(&t.result_label),
        if t.quorum_met { "" } else { " (het quorum is niet gehaald)" }
    );
    if let Some(sentence) = &t.dissent_sentence {
        let _ = writeln!(body, "<p class=\"utrecht-paragraph dissent\">Het besluit is genomen {}.</p>", esc(sentence));
    }
    if t.uses_example_weights {
        body.push_str("<p class=\"utrecht-paragraph note\">De stemgewichten zijn voorbeeldgewichten, geen vastgestelde cijfers.</p>\n");
    }
    body.push_str("</section>\n");
}

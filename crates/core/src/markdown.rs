//! Texts (voorstel, besluit) are Markdown. They are rendered here, once, to HTML that is safe
//! to show in the app: raw HTML in the text is shown as text, never executed, and links may only
//! point to the web or to mail addresses.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

pub fn to_safe_html(markdown: &str) -> String {
    let parser =
        Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            // Raw HTML becomes visible text.
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
            }
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, parser);
    out
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
    {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_usual_markdown() {
        let html = to_safe_html("Het AB besluit:\n\n1. **vast te stellen**\n2. toe te sturen");
        assert!(html.contains("<ol>") && html.contains("<strong>vast te stellen</strong>"), "{html}");
    }

    #[test]
    fn html_and_script_links_are_neutralised() {
        let html = to_safe_html("<script>alert(1)</script>\n\nTekst met <img src=x onerror=alert(1)> erin.\n\n[klik](javascript:alert(1)) of [site](https://www.dgj.nl)");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("href=\"#\""), "{html}");
        assert!(html.contains("href=\"https://www.dgj.nl\""), "{html}");
    }
}

//! The PDF building blocks shared by every document Bestuursmap prints (briefing packs,
//! reports, the nota van reactie):
//!
//! - [`fonts`]: the embedded OFL font and its metrics (ttf-parser), for exact text widths;
//! - [`hyphenate`]: Dutch hyphenation, so long compounds such as "begrotingswijziging" break;
//! - [`layout`]: a small page-layout engine: justified paragraphs, headings kept with what follows,
//!   no single lines stranded, tables that repeat their header, a table of contents, reserved
//!   pages for attachments;
//! - [`render`]: laid-out pages to PDF with printpdf (fonts embedded and subset);
//! - [`assemble`]: lopdf merges the attachments into the reserved pages, stamps header, footer and
//!   watermarks on them, writes nested bookmarks and table-of-contents links.

pub mod assemble;
pub mod fonts;
pub mod hyphenate;
pub mod layout;
pub mod render;

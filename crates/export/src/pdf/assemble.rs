//! Merging attachments into the reserved pages of a rendered document (lopdf).
//!
//! Each reserved page of the layout is replaced by the attachment's own page, with the reserved
//! page's content (header, footer, watermarks) laid on top of it. Then the table-of-contents
//! links and the nested bookmarks are written against the final pages, so both stay correct
//! whatever the attachments contain.

use super::layout::{Layout, PageKind};
use lopdf::{content::Content, dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use std::collections::HashMap;

#[derive(Debug, thiserror::Error)]
pub enum AssembleError {
    /// The detail is for logs and tests; users see only the Dutch sentence.
    #[error(
        "het gegenereerde deel van de PDF kon niet worden gelezen; probeer het opnieuw of meld het aan de beheerder"
    )]
    Generated(String),
    #[error("bijlage {0} ontbreekt bij het samenvoegen")]
    MissingAttachment(String),
    #[error("een bijlage kon niet in het pakket worden samengevoegd (de PDF is beschadigd of gebruikt iets wat niet wordt ondersteund)")]
    Pdf(#[from] lopdf::Error),
}

/// One entry of the bookmark tree (item → its attachments).
#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub anchor: String,
    pub children: Vec<Bookmark>,
}

/// A text string as PDF wants it: PDFDocEncoding is not UTF-8, so use UTF-16BE with a BOM.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Looks up a page attribute, following the /Parent chain for inherited ones.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut id = page;
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(value) = dict.get(key) {
            return Some(value.clone());
        }
        id = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

fn resolve_dict(doc: &Document, object: &Object) -> Dictionary {
    match object {
        Object::Dictionary(d) => d.clone(),
        Object::Reference(id) => doc.get_dictionary(*id).cloned().unwrap_or_default(),
        _ => Dictionary::new(),
    }
}

fn content_refs(doc: &Document, page: ObjectId) -> Vec<Object> {
    doc.get_page_contents(page).into_iter().map(Object::Reference).collect()
}

/// Lays the overlay page's content over `target` (an attachment page already in `doc`).
fn stamp(doc: &mut Document, target: ObjectId, overlay: ObjectId, root_pages: ObjectId) -> Result<(), AssembleError> {
    // The attachment page keeps its own inherited attributes once it leaves its page tree.
    let mut page = doc.get_dictionary(target)?.clone();
    for key in [&b"MediaBox"[..], b"CropBox", b"Rotate"] {
        if !page.has(key) {
            if let Some(value) = inherited(doc, target, key) {
                page.set(key, value);
            }
        }
    }
    let mut resources = inherited(doc, target, b"Resources").map(|r| resolve_dict(doc, &r)).unwrap_or_default();
    let overlay_resources =
        doc.get_dictionary(overlay)?.get(b"Resources").map(|r| resolve_dict(doc, r)).unwrap_or_default();

    // Merge the overlay's resources; overlay fonts get names of their own so they never clash.
    let mut renames: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    for (category, entries) in overlay_resources.iter() {
        let entries = resolve_dict(doc, entries);
        let mut merged = resources.get(category).map(|d| resolve_dict(doc, d)).unwrap_or_default();
        for (name, value) in entries.iter() {
            let new_name = [b"BmOverlay".as_slice(), name.as_slice()].concat();
            renames.insert(name.clone(), new_name.clone());
            merged.set(new_name, value.clone());
        }
        resources.set(category.clone(), Object::Dictionary(merged));
    }

    let mut overlay_content = doc.get_and_decode_page_content(overlay)?;
    for op in &mut overlay_content.operations {
        for operand in &mut op.operands {
            if let Object::Name(name) = operand {
                if let Some(new_name) = renames.get(name) {
                    *name = new_name.clone();
                }
            }
        }
    }
    let overlay_stream =
        doc.add_object(Stream::new(dictionary! {}, Content { operations: overlay_content.operations }.encode()?));
    let save = doc.add_object(Stream::new(dictionary! {}, b"q\n".to_vec()));
    let restore = doc.add_object(Stream::new(dictionary! {}, b"\nQ\n".to_vec()));
    let mut contents = vec![Object::Reference(save)];
    contents.extend(content_refs(doc, target));
    contents.push(Object::Reference(restore));
    contents.push(Object::Reference(overlay_stream));

    page.set("Contents", Object::Array(contents));
    page.set("Resources", Object::Dictionary(resources));
    page.set("Parent", Object::Reference(root_pages));
    *doc.get_object_mut(target)? = Object::Dictionary(page);
    Ok(())
}

/// Merges the attachments (by anchor) into the reserved pages of `generated`, adds the links of
/// the layout and the bookmarks, and returns the finished PDF.
pub fn assemble(
    generated: &[u8],
    layout: &Layout,
    mut attachments: HashMap<String, Document>,
    bookmarks: &[Bookmark],
) -> Result<Vec<u8>, AssembleError> {
    let mut doc = Document::load_mem(generated).map_err(|e| AssembleError::Generated(e.to_string()))?;
    let generated_pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if generated_pages.len() != layout.pages.len() {
        return Err(AssembleError::Generated(format!(
            "{} pagina's, verwacht {}",
            generated_pages.len(),
            layout.pages.len()
        )));
    }
    let root_pages = doc.catalog()?.get(b"Pages")?.as_reference()?;

    // Bring every attachment's objects into this document under fresh numbers.
    let mut attachment_pages: HashMap<String, Vec<ObjectId>> = HashMap::new();
    let mut anchors: Vec<&String> = layout
        .pages
        .iter()
        .filter_map(|p| match &p.kind {
            PageKind::Reserved { anchor, index: 0 } => Some(anchor),
            _ => None,
        })
        .collect();
    anchors.dedup();
    for anchor in anchors {
        let mut source = attachments.remove(anchor).ok_or_else(|| AssembleError::MissingAttachment(anchor.clone()))?;
        source.renumber_objects_with(doc.max_id + 1);
        doc.max_id = source.max_id;
        attachment_pages.insert(anchor.clone(), source.get_pages().into_values().collect());
        doc.objects.extend(source.objects);
    }

    // The final page order.
    let mut final_pages = Vec::with_capacity(layout.pages.len());
    for (page, &generated_id) in layout.pages.iter().zip(&generated_pages) {
        match &page.kind {
            PageKind::Generated => final_pages.push(generated_id),
            PageKind::Reserved { anchor, index } => {
                let target = *attachment_pages
                    .get(anchor)
                    .and_then(|pages| pages.get(*index))
                    .ok_or_else(|| AssembleError::MissingAttachment(format!("{anchor} pagina {}", index + 1)))?;
                stamp(&mut doc, target, generated_id, root_pages)?;
                final_pages.push(target);
            }
        }
    }
    let kids: Vec<Object> = final_pages.iter().map(|id| Object::Reference(*id)).collect();
    let pages_dict = doc.get_object_mut(root_pages)?.as_dict_mut()?;
    pages_dict.set("Kids", Object::Array(kids));
    pages_dict.set("Count", final_pages.len() as i64);

    // Links of the table of contents, against the final pages.
    for (page, &page_id) in layout.pages.iter().zip(&final_pages) {
        if page.links.is_empty() {
            continue;
        }
        let mut annots = Vec::new();
        for link in &page.links {
            let Some(&target) = layout.anchors.get(&link.anchor).and_then(|i| final_pages.get(*i)) else { continue };
            let rect = vec![
                Object::Real(link.x),
                Object::Real(page.height - link.y - link.h),
                Object::Real(link.x + link.w),
                Object::Real(page.height - link.y),
            ];
            annots.push(Object::Reference(doc.add_object(dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => rect,
                "Border" => vec![0.into(), 0.into(), 0.into()],
                "Dest" => vec![Object::Reference(target), "Fit".into()],
            })));
        }
        doc.get_object_mut(page_id)?.as_dict_mut()?.set("Annots", Object::Array(annots));
    }

    // Nested bookmarks.
    if !bookmarks.is_empty() {
        let outlines = doc.new_object_id();
        let (first, last, count) = add_outline_level(&mut doc, bookmarks, outlines, layout, &final_pages)?;
        doc.objects.insert(
            outlines,
            Object::Dictionary(dictionary! {
                "Type" => "Outlines",
                "First" => Object::Reference(first),
                "Last" => Object::Reference(last),
                "Count" => count,
            }),
        );
        let catalog = doc.catalog_mut()?;
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", "UseOutlines");
    }

    doc.prune_objects();
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| AssembleError::Generated(e.to_string()))?;
    Ok(out)
}

/// Writes one level of bookmarks under `parent`; returns its first and last item and the count
/// of visible descendants.
fn add_outline_level(
    doc: &mut Document,
    items: &[Bookmark],
    parent: ObjectId,
    layout: &Layout,
    pages: &[ObjectId],
) -> Result<(ObjectId, ObjectId, i64), AssembleError> {
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    let mut count = 0i64;
    for (i, item) in items.iter().enumerate() {
        let mut dict = dictionary! {
            "Title" => text_string(&item.title),
            "Parent" => Object::Reference(parent),
        };
        if let Some(&page) = layout.anchors.get(&item.anchor).and_then(|p| pages.get(*p)) {
            dict.set("Dest", vec![Object::Reference(page), "Fit".into()]);
        }
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if i + 1 < ids.len() {
            dict.set("Next", Object::Reference(ids[i + 1]));
        }
        count += 1;
        if !item.children.is_empty() {
            let (first, last, sub) = add_outline_level(doc, &item.children, ids[i], layout, pages)?;
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            // Open: children visible.
            dict.set("Count", sub);
            count += sub;
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    Ok((ids[0], *ids.last().expect("non-empty level"), count))
}

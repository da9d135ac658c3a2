//! The briefing pack of the demo AB of 12 November 2020, checked with real tools: qpdf for the
//! structure, pdftotext for what a reader sees, lopdf for bookmarks.

use bestuursmap_core::domain::Confidentiality;
use bestuursmap_core::meetings::ItemUpdate;
use bestuursmap_core::{demo, Store};
use bestuursmap_export::pack::{build_pack, write_pack, PackOptions};
use lopdf::{dictionary, Document, Object, Stream};
use std::path::Path;
use std::process::Command;

/// A PDF whose pages say "<title> pagina n van N" in Helvetica (extractable by pdftotext).
fn attachment(title: &str, pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let kids: Vec<Object> = (1..=pages)
        .map(|n| {
            let text = format!("BT /F1 16 Tf 72 700 Td ({title} pagina {n} van {pages}) Tj ET");
            let content = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content,
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            })
            .into()
        })
        .collect();
    // MediaBox inherited from the page tree, as many real PDFs do.
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => pages as i64,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn pdftotext_mode(pdf: &Path, page: Option<usize>, mode: &str) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(mode).arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext {page:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    pdftotext_mode(pdf, page, "-layout")
}

/// Whether a watermark is on the page: its letters come out one by one (the text is diagonal).
fn has_watermark(pdf: &Path, page: Option<usize>, mark: &str) -> bool {
    pdftotext_mode(pdf, page, "-raw").split_whitespace().collect::<String>().contains(mark)
}

/// Text with hyphenated line ends joined and whitespace folded, for searching.
fn flat(text: &str) -> String {
    text.replace("-\n", "").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn demo_with_attachments() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    demo::load(&mut store).unwrap();
    let ab = store
        .meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.title == "Algemeen Bestuur DG&J" && m.starts_at.to_string().starts_with("2020-11-12"))
        .unwrap();
    let detail = store.meeting(ab.id).unwrap();
    let id_of = |prefix: &str| detail.items.iter().find(|i| i.title.starts_with(prefix)).unwrap().id;
    let (bw, nota, burap) =
        (id_of("Begrotingswijziging 2020"), id_of("Nota van reactie"), id_of("Tweede bestuursrapportage"));
    store.add_attachment(bw, "eerste-burap-2020.pdf", &attachment("Eerste bestuursrapportage", 3), Some(3)).unwrap();
    store.add_attachment(nota, "nota-van-reactie.pdf", &attachment("Nota van reactie", 2), Some(2)).unwrap();
    let mut broken = attachment("Kapot", 2);
    broken.truncate(broken.len() / 2);
    store.add_attachment(burap, "tweede-burap-kapot.pdf", &broken, None).unwrap();
    store.add_attachment(burap, "toelichting.txt", "Platte tekst, geen PDF.".as_bytes(), None).unwrap();
    (store, ab.id)
}

fn options() -> PackOptions {
    PackOptions {
        reader: None,
        draft: false,
        with_notes: false,
        made_at: chrono::NaiveDate::from_ymd_opt(2020, 11, 5).unwrap().and_hms_opt(9, 0, 0).unwrap(),
    }
}

#[test]
fn the_ab_pack_is_valid_complete_and_its_contents_page_is_right() {
    let (store, ab) = demo_with_attachments();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ab.pdf");
    let mut progress = Vec::new();
    let report = write_pack(&store, ab, &options(), &out, &mut |p| progress.push(p)).unwrap();
    assert_eq!(progress.last(), Some(&1.0));
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "progress only goes forward");

    let check = Command::new("qpdf").arg("--check").arg(&out).output().expect("qpdf is installed");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    // Every item and every merged attachment page is there.
    let all = flat(&pdftotext(&out, None));
    let detail = store.meeting(ab).unwrap();
    for item in &detail.items {
        assert!(all.contains(&item.title), "missing item {}", item.title);
    }
    for text in [
        "Eerste bestuursrapportage pagina 1 van 3",
        "Eerste bestuursrapportage pagina 3 van 3",
        "Nota van reactie pagina 2 van 2",
    ] {
        assert!(all.contains(text), "missing attachment text {text}");
    }
    assert!(all.contains("met inachtneming van het feit dat de gemeente Alblasserdam tegen het voorstel heeft gestemd"));
    // Linked measures with their status on the cover sheet.
    let raw = flat(&pdftotext_mode(&out, None, "-raw"));
    assert!(raw.contains("M01") && raw.contains("Alternatief in ontwikkeling (oranje)"), "linked measures are shown");
    assert_eq!(report.attachments_merged, 2);
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    assert!(report.warnings.iter().any(|w| w.contains("tweede-burap-kapot.pdf") && w.contains("beschadigd")));
    assert!(report.warnings.iter().any(|w| w.contains("toelichting.txt") && w.contains("geen PDF")));
    assert_eq!(all.matches("Deze bijlage is niet opgenomen").count(), 2);

    // Footer numbering runs over attachment pages too.
    let pages = Document::load(&out).unwrap().get_pages().len();
    assert_eq!(pages, report.pages);
    assert!(all.contains(&format!("pagina {pages} van {pages}")));

    // The contents page: every printed page number points at the page where that entry starts.
    let toc = pdftotext(&out, Some(2));
    let mut checked = 0;
    let contents = toc.lines().skip_while(|l| l.trim() != "Inhoud").skip(1).take_while(|l| !l.contains("Onderwerp"));
    // A long title wraps; its page number stands on the entry's last line.
    let mut pending: Vec<String> = Vec::new();
    for line in contents {
        pending.extend(line.split_whitespace().map(str::to_string));
        let Some(page) = pending.last().and_then(|w| w.parse::<usize>().ok()) else { continue };
        let words: Vec<String> = std::mem::take(&mut pending);
        let line = words.join(" ");
        if words.len() < 2 {
            continue;
        }
        let target = flat(&pdftotext(&out, Some(page)));
        let expected = if let Some(name) = line.strip_prefix("Bijlage: ") {
            let name = name.split_whitespace().next().unwrap();
            match name {
                "eerste-burap-2020.pdf" => "Eerste bestuursrapportage pagina 1 van 3".to_string(),
                "nota-van-reactie.pdf" => "Nota van reactie pagina 1 van 2".to_string(),
                other => format!("Bijlage: {other}"),
            }
        } else {
            // "2  Begrotingswijziging …  4" → the item heading "2. Begrotingswijziging …"
            format!("{}. {}", words[0], words[1])
        };
        if words[0] == "Agenda" {
            assert!(target.contains("Agenda Nr."), "page {page}: {target}");
        } else {
            assert!(target.contains(&expected), "contents line '{line}' → page {page} lacks '{expected}'");
        }
        checked += 1;
    }
    assert!(checked >= 10, "checked {checked} contents lines");
}

#[test]
fn bookmarks_are_nested_in_agenda_order() {
    let (store, ab) = demo_with_attachments();
    let (pdf, _) = build_pack(&store, ab, &options(), &mut |_| {}).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let title = |dict: &lopdf::Dictionary| -> String {
        let bytes = dict.get(b"Title").unwrap().as_str().unwrap();
        let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).unwrap()
    };
    let children = |parent: &lopdf::Dictionary| -> Vec<lopdf::Dictionary> {
        let mut out = Vec::new();
        let mut next = parent.get(b"First").and_then(Object::as_reference).ok();
        while let Some(id) = next {
            let dict = doc.get_dictionary(id).unwrap().clone();
            next = dict.get(b"Next").and_then(Object::as_reference).ok();
            out.push(dict);
        }
        out
    };
    let outlines =
        doc.get_dictionary(doc.catalog().unwrap().get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let top = children(outlines);
    let titles: Vec<String> = top.iter().map(title).collect();
    assert_eq!(titles[0], "Agenda");
    let numbers: Vec<&str> = titles[1..].iter().map(|t| t.split('.').next().unwrap()).collect();
    assert_eq!(numbers, ["1", "2", "2a", "3", "4", "5"]);
    let under_2: Vec<String> = children(&top[2]).iter().map(title).collect();
    assert_eq!(under_2, ["eerste-burap-2020.pdf"]);
    let under_3: Vec<String> = children(&top[4]).iter().map(title).collect();
    assert_eq!(under_3, ["tweede-burap-kapot.pdf", "toelichting.txt"]);
    // Every bookmark points at a page.
    for b in &top {
        assert!(b.get(b"Dest").is_ok());
    }
}

#[test]
fn a_personal_pack_leaves_out_what_the_reader_may_not_see() {
    let (mut store, ab) = demo_with_attachments();
    let detail = store.meeting(ab).unwrap();
    let secret = detail.items.iter().find(|i| i.title.starts_with("Begrotingswijziging 2021")).unwrap();
    store
        .update_agenda_item(
            secret.id,
            &ItemUpdate {
                title: secret.title.clone(),
                kind: secret.kind,
                level: secret.level,
                portefeuillehouder_id: secret.portefeuillehouder_id,
                confidentiality: Confidentiality::Vertrouwelijk,
                proposal_md: secret.proposal_md.clone(),
                decision_points: secret.decision_points.clone(),
                dossier_id: secret.dossier_id,
            },
        )
        .unwrap();
    let person = |name: &str| store.persons().unwrap().into_iter().find(|p| p.name == name).unwrap().id;
    let dir = tempfile::tempdir().unwrap();

    // An AB member sees it, marked VERTROUWELIJK, with the own municipality named.
    let member = dir.path().join("member.pdf");
    write_pack(
        &store,
        ab,
        &PackOptions { reader: Some(person("Wethouder Alblasserdam (demo)")), ..options() },
        &member,
        &mut |_| {},
    )
    .unwrap();
    let text = flat(&pdftotext(&member, None));
    assert!(text.contains("Begrotingswijziging 2021 met meerjarenraming"));
    assert!(has_watermark(&member, Some(1), "VERTROUWELIJK"));
    assert!(text.contains("Persoonlijke map voor Wethouder Alblasserdam (demo) (gemeente Alblasserdam)"));

    // A manager of the Netwerk-MTplus is no AB member: the item is left out, and said to be.
    let outsider = dir.path().join("outsider.pdf");
    write_pack(
        &store,
        ab,
        &PackOptions { reader: Some(person("Manager jeugd Dordrecht (demo)")), ..options() },
        &outsider,
        &mut |_| {},
    )
    .unwrap();
    let text = flat(&pdftotext(&outsider, None));
    assert!(!text.contains("Begrotingswijziging 2021 met meerjarenraming"));
    assert!(!has_watermark(&outsider, Some(1), "VERTROUWELIJK"));
    assert!(text.contains("1 agendapunt niet opgenomen"));
}

#[test]
fn a_draft_is_marked_concept_and_a_failed_write_leaves_the_old_file() {
    let (store, ab) = demo_with_attachments();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("concept.pdf");
    write_pack(&store, ab, &PackOptions { draft: true, ..options() }, &out, &mut |_| {}).unwrap();
    assert!(has_watermark(&out, Some(3), "CONCEPT"));
    let before = std::fs::read(&out).unwrap();
    // A meeting that does not exist: nothing is written, the old file stays.
    assert!(write_pack(&store, 9999, &options(), &out, &mut |_| {}).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary files left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644, "readable like any document");
    }
}

#[test]
fn an_encrypted_attachment_becomes_a_placeholder_page() {
    let (mut store, ab) = demo_with_attachments();
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.pdf");
    let locked = dir.path().join("locked.pdf");
    std::fs::write(&plain, attachment("Geheim", 2)).unwrap();
    let status = Command::new("qpdf")
        .args(["--encrypt", "wachtwoord", "eigenaar", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .expect("qpdf is installed");
    assert!(status.success());
    let item = store.meeting(ab).unwrap().items.into_iter().find(|i| i.title == "Rondvraag").unwrap().id;
    store.add_attachment(item, "geheim.pdf", &std::fs::read(&locked).unwrap(), None).unwrap();
    let out = dir.path().join("pack.pdf");
    let report = write_pack(&store, ab, &options(), &out, &mut |_| {}).unwrap();
    assert!(
        report.warnings.iter().any(|w| w.contains("geheim.pdf") && w.contains("versleuteld")),
        "{:?}",
        report.warnings
    );
    let text = flat(&pdftotext(&out, None));
    assert!(text.contains("Reden: 'geheim.pdf' is versleuteld"));
    assert!(!text.contains("Geheim pagina 1"));
}

#[test]
fn a_personal_pack_carries_the_private_notes_on_their_items() {
    let (mut store, ab) = demo_with_attachments();
    let detail = store.meeting(ab).unwrap();
    let item = detail.items.iter().find(|i| i.title.starts_with("Begrotingswijziging 2020")).unwrap();
    store
        .add_note(&bestuursmap_core::offline::NewNote {
            item_id: item.id,
            attachment_id: Some(item.attachments[0].id),
            page: Some(2),
            quote: None,
            body: "Navragen hoe de 6,6 miljoen is verdeeld.".into(),
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (with, without) = (dir.path().join("met.pdf"), dir.path().join("zonder.pdf"));
    write_pack(&store, ab, &PackOptions { with_notes: true, ..options() }, &with, &mut |_| {}).unwrap();
    write_pack(&store, ab, &options(), &without, &mut |_| {}).unwrap();
    let text = flat(&pdftotext(&with, None));
    assert!(text.contains("Mijn notities"), "{text}");
    assert!(text.contains("eerste-burap-2020.pdf, p. 2: Navragen hoe de 6,6 miljoen is verdeeld."), "{text}");
    assert!(!flat(&pdftotext(&without, None)).contains("Navragen hoe"), "notes only in the personal pack");

    // The item leaves the agenda: its note is printed at the end, not dropped.
    let gone = detail.items.iter().find(|i| i.title.starts_with("Tweede bestuursrapportage")).unwrap().id;
    store
        .add_note(&bestuursmap_core::offline::NewNote {
            item_id: gone,
            attachment_id: None,
            page: None,
            quote: None,
            body: "Vraag over de tweede burap.".into(),
        })
        .unwrap();
    store.delete_agenda_item(gone).unwrap();
    write_pack(&store, ab, &PackOptions { with_notes: true, ..options() }, &with, &mut |_| {}).unwrap();
    let text = flat(&pdftotext(&with, None));
    assert!(text.contains("Notities bij vervallen agendapunten"), "{text}");
    assert!(
        text.contains("Vraag over de tweede burap. Let op: Dit agendapunt staat niet meer op de agenda."),
        "{text}"
    );
}

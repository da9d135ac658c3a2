#!/usr/bin/env python3
"""Generates the council-letter corpus for the parser tests.

The letters are fictional test letters in the styles councils write in (no real council wrote
them); each is defined once as a tree and rendered in one style:

- ``txt``     plain text (LF, CRLF or CR), with its own labels and layout;
- ``docx``    a Word document whose list numbers live in numbering.xml / styles.xml (Word's
              automatic numbering), optionally round-tripped through LibreOffice;
- ``pdf``     that Word document printed to PDF by LibreOffice (running header, «Pagina n van m»
              footer, soft hyphens), then read back with ``pdftotext`` so the text has the real
              artifacts. Both the PDF and its ``pdftotext`` output are kept;
- ``txt`` with ``encoding``: plain text in Windows-1252 or UTF-16 (in encodings/);
- ``odt``     the Word document saved as .odt by LibreOffice; ``odt-txt`` a typed letter saved as
              .odt; ``odt-hand`` OpenDocument written here with every list feature
              (render_odt_hand). Each expected label is checked against LibreOffice's own text
              export of the file;
- ``rtf``     the Word document (or, ``rtf-odt-hand``, the hand-made .odt) saved as .rtf by
              LibreOffice; its {\\listtext} labels are checked against LibreOffice's view of the source;
- ``html``    the Word document saved as HTML by LibreOffice; ``html-mail`` a mail client's
              Windows-1252 HTML (render_html_mail);
- ``doc``     the Word document saved as Word 97 by LibreOffice (in refused/: the app refuses it).

For every letter NAME it writes NAME.txt, .docx, .pdf, .odt, .rtf or .html, and NAME.expected.json:
the tree the parser must find. Needs python3-docx is NOT required; needs LibreOffice (soffice) and
poppler-utils (pdftotext). Run from anywhere: ``python3 crates/core/tests/letters/make.py [NAME ...]``
(with names, only those letters are made again: LibreOffice's output differs a little between runs).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

SIGN = ["Met vriendelijke groet,", "", "De raad van de gemeente {g},", "", "de griffier,            de voorzitter,"]


def roman(n):
    out = ""
    for v, s in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]:
        while n >= v:
            out += s
            n -= v
    return out


def fmt(n, kind):
    return {"decimal": str(n), "lowerLetter": chr(ord("a") + n - 1), "upperRoman": roman(n)}[kind]


# ------------------------------------------------------------------------------------------------
# Labels: each letter says how its levels are numbered; the expected labels follow from that.

def label_points(points, levels, parents=(), start=1):
    """levels: list of (kind, template) per depth; template uses {0},{1},{2} for the counters."""
    kind, template = levels[len(parents)]
    for i, p in enumerate(points, start=start):
        counters = list(parents) + [(i, kind)]
        shown = template.format(*[fmt(n, k) for n, k in counters])
        p["shown"] = shown
        p["label"] = shown.strip("().)").rstrip(".")
        if p.get("children"):
            label_points(p["children"], levels, tuple(counters))


def expected(letter):
    def point(p):
        return {"label": p["label"], "text": p["text"], "children": [point(c) for c in p.get("children", [])]}

    return {
        "intro": letter["intro"],
        "sections": [{"heading": s.get("heading"), "points": [point(p) for p in s["points"]]} for s in letter["sections"]],
        "closing": letter.get("closing"),
    }


# ------------------------------------------------------------------------------------------------
# Plain text

def render_txt(letter, width=78, newline="\n"):
    g = letter["gemeente"]
    lines = [f"Gemeente {g}", "", "Aan het Algemeen Bestuur van de Dienst Gezondheid & Jeugd", ""]
    lines += letter["intro"].split("\n") + [""]

    def emit(points, indent):
        for p in points:
            lab = p["shown"] + letter.get("gap", " ")
            body = p["text"]
            if letter.get("title_lines") and ":" in body.split("\n")[0][:20]:
                title, rest = body.split("\n", 1) if "\n" in body else (body, "")
                lines.append(indent + lab + title)
                body_lines = [rest] if rest else []
            else:
                first, *more = body.split("\n")
                wrapped = textwrap.wrap(first, width - len(indent) - len(lab), break_on_hyphens=False) or [""]
                lines.append(indent + lab + wrapped[0])
                lines.extend(indent + w for w in wrapped[1:])
                body_lines = more
            for para in body_lines:
                wrapped = textwrap.wrap(para, width - len(indent), break_on_hyphens=False)
                lines.extend(indent + w for w in wrapped)
            if p.get("children"):
                emit(p["children"], indent + letter.get("indent", ""))
            if letter.get("blank_between"):
                lines.append("")

    for s in letter["sections"]:
        if s.get("heading"):
            if not letter.get("blank_between"):
                lines.append("")
            lines.extend(s["heading"].split("\n"))
            if letter.get("blank_after_heading", True):
                lines.append("")
        emit(s["points"], "")
        if s.get("after"):
            lines += [""] + s["after"]
    if letter.get("closing"):
        lines += ["", *textwrap.wrap(letter["closing"], width)]
    lines += [""] + [l.format(g=g) for l in SIGN]
    for extra in letter.get("attachment_after_signature", []):
        lines.append(extra)
    for line in letter.get("replace_lines", []):
        pass
    text = newline.join(lines) + newline
    for old, new in letter.get("replace", []):
        text = text.replace(old, new)
    return text


# ------------------------------------------------------------------------------------------------
# Word documents with automatic numbering

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def run(text):
    # Soft hyphens (U+00AD) in long words let LibreOffice break them at the line end.
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text, style=None, num=None, lvl=0, page_break=False):
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'
    br = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{br}{run(text)}</w:p>"


def abstract(aid, levels):
    lv = ""
    for i, (kind, text) in enumerate(levels):
        lv += (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{kind}"/>'
               f'<w:lvlText w:val="{escape(text)}"/><w:lvlJc w:val="left"/>'
               f'<w:pPr><w:ind w:left="{360 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>')
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{lv}</w:abstractNum>'


def word_template(levels):
    """Word's own lvlText: {1} → %1."""
    return re.sub(r"\{(\d)\}", r"%\1", levels)


def render_docx(letter, path):
    g = letter["gemeente"]
    levels = letter["levels"]
    body = [para(f"Gemeente {g}"), para(""), para("Aan het Algemeen Bestuur van de Dienst Gezondheid & Jeugd"), para("")]
    body += [para(l) for l in letter["intro"].split("\n")]
    nums = []  # (numId, abstractId, restart)
    abstracts = [abstract(0, [(k, word_template(t)) for k, t in levels])]
    if letter.get("roman_style"):
        abstracts.append(abstract(1, [("upperRoman", "%1.")]))
    next_num = [1]

    def new_num(aid=0, restart=False):
        n = next_num[0]
        next_num[0] += 1
        nums.append((n, aid, restart))
        return n

    def emit(points, num, depth):
        for p in points:
            first, *more = p["text"].split("\n")
            use_style = letter.get("points_by_style") and depth == 0
            body.append(para(soft(first), style="Zienswijzepunt" if use_style else None,
                             num=None if use_style else num, lvl=depth))
            for m in more:
                body.append(para(soft(m)))
            emit(p.get("children", []), num, depth + 1)

    main_num = new_num()
    for si, s in enumerate(letter["sections"]):
        num = main_num
        if si > 0 and letter.get("restart_sections"):
            num = new_num(restart=True)
        if s.get("heading"):
            if letter.get("roman_style"):
                heading = s["heading"].split(". ", 1)[1]
                body.append(para(heading, style="Sectiekop"))
            else:
                for h in s["heading"].split("\n"):
                    body.append(para(h))
        emit(s["points"], num, 0)
    if letter.get("closing"):
        body.append(para(letter["closing"]))
    body += [para(l.format(g=g)) for l in SIGN]
    numbering = "".join(abstracts)
    for n, aid, restart in nums:
        override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        numbering += f'<w:num w:numId="{n}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>'
    roman_num = ""
    if letter.get("roman_style"):
        roman_num = f'<w:num w:numId="90"><w:abstractNumId w:val="1"/></w:num>'
    styles = (f'<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"><w:name w:val="Normal"/>'
              f'<w:rPr><w:sz w:val="{30 if letter["style"] == "pdf" else 22}"/></w:rPr></w:style>'
              f'<w:style w:type="paragraph" w:styleId="Sectiekop"><w:name w:val="Sectiekop"/><w:basedOn w:val="Standaard"/>'
              f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
              f'<w:style w:type="paragraph" w:styleId="Zienswijzepunt"><w:name w:val="Zienswijzepunt"/><w:basedOn w:val="Standaard"/>'
              f'<w:pPr><w:numPr><w:numId w:val="{main_num}"/></w:numPr></w:pPr></w:style>')
    header = f'<w:hdr {W}>{para("Gemeente " + g + " — zienswijze")}</w:hdr>'
    footer = (f'<w:ftr {W}><w:p><w:r><w:t xml:space="preserve">{escape(letter.get("footer_left", "Gemeente " + g))}    Pagina </w:t></w:r>'
              f'<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
              f'<w:r><w:t xml:space="preserve"> van </w:t></w:r>'
              f'<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>')
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/>'
            '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" '
            'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(body)}{sect}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                   '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
                   '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
                   '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
                   '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
                   '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                   '<Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                   '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
                   '<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
                   '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W}>{styles}</w:styles>')
        z.writestr("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>{numbering}{roman_num}</w:numbering>')
        z.writestr("word/settings.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:settings {W}><w:autoHyphenation/></w:settings>')
        z.writestr("word/header1.xml", header)
        z.writestr("word/footer1.xml", footer)


# ------------------------------------------------------------------------------------------------
# HTML as a mail client writes it: Windows-1252 with its meta tag, paragraphs of class MsoNormal,
# Word's list labels in the text behind <![if !supportLists]>, &nbsp; and <o:p>, a signature
# table, a list of the web-form kind (<ol type="a">) and a quoted earlier mail that stays below
# the signature.

def render_html_mail(letter):
    g = letter["gemeente"]
    par = lambda t: f"<p class=MsoNormal>{escape(t)}<o:p></o:p></p>\n"
    out = ['<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
           '<meta http-equiv=Content-Type content="text/html; charset=windows-1252">'
           "<style><!-- p.MsoNormal {margin:0cm; font-family:Calibri} --></style>"
           "<title>Zienswijze</title></head><body lang=NL><div class=WordSection1>\n"]
    out.append(par(f"Gemeente {g}") + "<p class=MsoNormal>&nbsp;<o:p></o:p></p>\n")
    out += [par(l) for l in letter["intro"].split("\n")]
    for p in letter["sections"][0]["points"]:
        out.append('<p class=MsoListParagraph style="mso-list:l0 level1 lfo1"><![if !supportLists]>'
                   f'<span style="mso-list:Ignore">{escape(p["shown"])}<span>&nbsp;&nbsp;&nbsp;</span></span><![endif]>'
                   f'{escape(p["text"])}<o:p></o:p></p>\n')
        if p.get("children"):
            out.append('<ol type="a" style="margin-top:0cm">' +
                       "".join(f"<li>{escape(c['text'])}</li>" for c in p["children"]) + "</ol>\n")
    out.append(par(letter["closing"]))
    out += [par(l.format(g=g)) for l in SIGN[:3]]
    out.append("<table><tr><td><p class=MsoNormal>de griffier,</p></td><td><p class=MsoNormal>de voorzitter,</p></td></tr></table>\n")
    out.append('<div style="border-top:solid #E1E1E1 1.0pt"><p class=MsoNormal><b>Van:</b> Griffie &lt;griffie@example.nl&gt;'
               "<br><b>Onderwerp:</b> Concept zienswijze</p></div>\n")
    out.append("</div></body></html>\n")
    return "".join(out)


# ------------------------------------------------------------------------------------------------
# OpenDocument written by hand: what LibreOffice writes for lists, with the features a converted
# Word file does not show (outline-numbered headings, «(1)» labels, bullets inside a point, a list
# continued by text:continue-numbering and by text:continue-list, a restart by start-value, a
# table, a text box, a footnote, a comment and a tracked deletion that are not letter text).

ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" '
          'xmlns:xml="http://www.w3.org/XML/1998/namespace" office:version="1.3"')


def odf_level(level, fmt, prefix="", suffix="", display=1, bullet=None):
    props = ('<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
             f'<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="{0.5 * level}cm" '
             f'fo:text-indent="-0.6cm" fo:margin-left="{0.6 * level}cm"/></style:list-level-properties>')
    if bullet:
        return f'<text:list-level-style-bullet text:level="{level}" text:bullet-char="{bullet}">{props}</text:list-level-style-bullet>'
    return (f'<text:list-level-style-number text:level="{level}" style:num-prefix="{escape(prefix)}" '
            f'style:num-suffix="{escape(suffix)}" style:num-format="{fmt}" text:display-levels="{display}">{props}'
            '</text:list-level-style-number>')


INTERRUPTIONS = ["Dit punt is met algemene stemmen aangenomen.", "Wij lichten dit toe in de bijlage."]


def render_odt_hand(letter, path):
    g = letter["gemeente"]
    p = lambda text, style="Standard": f'<text:p text:style-name="{style}">{text}</text:p>'

    def items(points, style):
        # As LibreOffice writes a list: every paragraph in it has a style naming the list style.
        out = ""
        for pt in points:
            first, *more = pt["text"].split("\n")
            bullets = [m[2:] for m in more if m.startswith("• ")]
            # Paragraphs between two parts of a list are written there, not inside the item.
            more = [m for m in more if not m.startswith("• ") and m not in INTERRUPTIONS]
            body = p(escape(first).replace("termijn van", 'termijn<text:note text:id="n1" text:note-class="footnote">'
                                           '<text:note-citation>1</text:note-citation><text:note-body>'
                                           '<text:p text:style-name="Footnote">Artikel 35 Wgr.</text:p></text:note-body>'
                                           '</text:note> van'), style)
            body += "".join(p(escape(m), style) for m in more)
            if bullets:
                body += "<text:list>" + "".join(f"<text:list-item>{p(escape(b), style)}</text:list-item>" for b in bullets) + "</text:list>"
            if pt.get("children"):
                body += "<text:list>" + items(pt["children"], style) + "</text:list>"
            out += f"<text:list-item>{body}</text:list-item>"
        return out

    body = ('<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>'
            '<dc:creator>Griffie</dc:creator><dc:date>2020-09-28T10:00:00</dc:date></office:change-info>'
            '<text:p>Deze zin is geschrapt.</text:p></text:deletion></text:changed-region></text:tracked-changes>')
    body += p('<draw:frame draw:name="Logo" text:anchor-type="paragraph" svg:width="6cm" svg:height="1cm">'
              '<draw:text-box><text:p>Gemeente ' + escape(g) + '</text:p></draw:text-box></draw:frame>')
    body += ('<table:table table:name="Kenmerken"><table:table-column table:number-columns-repeated="2"/>'
             '<table:table-row><table:table-cell><text:p>Onderwerp:</text:p></table:table-cell>'
             '<table:table-cell><text:p>Zienswijze begrotings<text:s/>wijziging 2021</text:p></table:table-cell></table:table-row>'
             '<table:table-row><table:table-cell><text:p>Datum:</text:p></table:table-cell>'
             '<table:table-cell><text:p>29 september 2020</text:p></table:table-cell></table:table-row></table:table>')
    body += p("") + p("Aan het Algemeen Bestuur van de Dienst Gezondheid &amp; Jeugd") + p("")
    intro = letter["intro"].split("\n")
    body += p(escape(intro[0]) + '<office:annotation><dc:creator>Griffie</dc:creator><text:p>Nog nakijken</text:p>'
              '</office:annotation><text:change text:change-id="ct1"/>')
    body += "".join(p(escape(l)) for l in intro[1:])
    s1, s2, s3 = letter["sections"]
    heading = lambda h: f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{escape(h.split(". ", 1)[1])}</text:h>'
    # I: «(1)» labels, bullets inside point (2); the list continues after a plain paragraph through
    # text:continue-numbering.
    body += heading(s1["heading"])
    body += f'<text:list xml:id="lijst1" text:style-name="L1">{items(s1["points"][:1], "P1")}</text:list>'
    body += p(INTERRUPTIONS[0])
    body += f'<text:list text:continue-numbering="true" text:style-name="L1">{items(s1["points"][1:], "P1")}</text:list>'
    # II: restarts (a new list), «1.» with «a)»; the second part continues the first through
    # text:continue-list.
    body += heading(s2["heading"])
    body += f'<text:list xml:id="lijst2" text:style-name="L2">{items(s2["points"][:2], "P2")}</text:list>'
    body += p(INTERRUPTIONS[1])
    body += f'<text:list text:continue-list="lijst2" text:style-name="L2">{items(s2["points"][2:], "P2")}</text:list>'
    # III: continues list 2 by name but restarts at 1 (start-value), as LibreOffice writes a restart.
    body += heading(s3["heading"])
    rest = items(s3["points"], "P2").replace("<text:list-item>", '<text:list-item text:start-value="1">', 1)
    body += f'<text:list text:continue-list="lijst2" text:style-name="L2">{rest}</text:list>'
    if letter.get("closing"):
        body += p(escape(letter["closing"]))
    body += "".join(p(escape(l.format(g=g)).replace("            ", '<text:s text:c="12"/>')) for l in SIGN)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}><office:automatic-styles>'
               '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L1"/>'
               '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard" style:list-style-name="L2"/>'
               f'</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>')
    l1 = odf_level(1, "1", "(", ")") + odf_level(2, "", bullet="•")
    l2 = odf_level(1, "1", "", ".") + odf_level(2, "a", "", ")")
    outline = "".join(f'<text:outline-level-style text:level="{i}" style:num-format="{"I" if i == 1 else ""}" '
                      f'style:num-suffix="{"." if i == 1 else ""}"/>' for i in range(1, 4))
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF_NS}><office:styles>'
              '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
              '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" '
              'style:parent-style-name="Standard" style:default-outline-level="1"><style:text-properties fo:font-weight="bold"/></style:style>'
              f'<text:outline-style style:name="Outline">{outline}</text:outline-style>'
              f'<text:list-style style:name="L1">{l1}</text:list-style><text:list-style style:name="L2">{l2}</text:list-style>'
              '</office:styles></office:document-styles>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles)
        z.writestr("META-INF/manifest.xml", manifest)


def soft(text):
    """Soft hyphens in a few long compounds, so a PDF breaks them at the line end."""
    for word, split in [("begrotingswijziging", "begrotings\u00adwijziging"),
                        ("jeugdhulpaanbieders", "jeugdhulp\u00adaanbieders"),
                        ("bestuursrapportage", "bestuurs\u00adrapportage"),
                        ("meerjarenperspectief", "meerjaren\u00adperspectief")]:
        text = text.replace(word, split)
    return text


def soffice(args, cwd):
    subprocess.run(["soffice", "--headless", "--norestore", *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# ------------------------------------------------------------------------------------------------
# The letters

LOREM = {
    "proc": "De termijn van acht weken is kort voor een zorgvuldige behandeling in de raad; wij vragen u de stukken voortaan eerder aan te bieden, zodat de commissie er tijdig over kan spreken.",
    "fin": "De begrotingswijziging laat een tekort zien dat groter is dan in de eerste bestuursrapportage werd verwacht. Wij vragen u het tekort te verklaren en aan te geven welke maatregelen worden genomen.",
    "risk": "Wij missen een analyse van de risico's voor de komende jaren, zoals de boeggolf van lopende trajecten en de gevolgen van de coronacrisis voor de vraag naar jeugdhulp.",
    "sturing": "Wij vragen u de raad elk kwartaal te informeren over de voortgang van de maatregelen uit het Aanjaagplan, met per maatregel de trekker, de status en het bereikte effect.",
    "inkoop": "De nieuwe inkoopstrategie moet leiden tot minder jeugdhulpaanbieders en meer zicht op de kwaliteit; wij zien graag hoe dit wordt gemeten en wanneer de eerste resultaten bekend zijn.",
    "reserve": "Wij stemmen niet in met een onttrekking aan de reserve zonder dat de raden vooraf zijn gehoord over de hoogte ervan en de gevolgen voor het meerjarenperspectief.",
    "kort": "Wij stemmen in met de voorgestelde wijziging.",
}


def P(text, *children):
    return {"text": text, "children": list(children)}


def letters():
    L = []
    intro = "Geacht bestuur,\nDe raad heeft in zijn vergadering van 29 september 2020 besloten de volgende zienswijze te geven:"
    # 1. Decimal sub-points, plain text.
    L.append(dict(name="alblasserdam-decimaal", style="txt", gemeente="Alblasserdam", intro=intro,
                  levels=[("decimal", "{0}."), ("decimal", "{0}.{1}")],
                  sections=[{"points": [P("Procedure: " + LOREM["proc"]),
                                        P("Financiën", P(LOREM["fin"]), P(LOREM["risk"]), P(LOREM["reserve"])),
                                        P("Sturing", P(LOREM["sturing"]), P(LOREM["inkoop"])),
                                        P(LOREM["kort"])]}],
                  closing="Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd.",
                  # Copied from a PDF: a word broken at the line end, and a footer between points.
                  replace=[("De begrotingswijziging laat", "De begrotings-\nwijziging laat"),
                           ("3. Sturing", "Gemeente Alblasserdam                       Pagina 1 van 2\n3. Sturing")]))
    # 2. Roman sections each with their own points.
    L.append(dict(name="dordrecht-romeins", style="txt", gemeente="Dordrecht", intro=intro,
                  levels=[("decimal", "{0}.")], blank_between=False,
                  sections=[{"heading": "I. Procedure", "points": [P(LOREM["proc"]), P(LOREM["kort"])]},
                            {"heading": "II. Inhoud", "points": [P(LOREM["fin"]), P(LOREM["risk"]), P(LOREM["reserve"])]},
                            {"heading": "III. Tot slot", "points": [P(LOREM["sturing"])]}]))
    # 3. Headings in capitals; numbering continues.
    L.append(dict(name="gorinchem-kapitalen", style="txt", gemeente="Gorinchem", intro=intro,
                  levels=[("decimal", "{0}.")], blank_between=True, blank_after_heading=False,
                  sections=[{"heading": "PROCEDURE", "points": [P(LOREM["proc"])]},
                            {"heading": "FINANCIËN EN RISICO'S", "points": [P(LOREM["fin"]), P(LOREM["risk"])]},
                            {"heading": "STURING", "points": [P(LOREM["sturing"])]}],
                  continue_numbering=True))
    # 4. CRLF and a title line per point.
    L.append(dict(name="hardinxveld-crlf-titels", style="txt", newline="\r\n", gemeente="Hardinxveld-Giessendam",
                  intro=intro, levels=[("decimal", "{0}.")], title_lines=True,
                  sections=[{"points": [P("Procedure:\n" + LOREM["proc"]), P("Financiën:\n" + LOREM["fin"]),
                                        P("Sturing:\n" + LOREM["sturing"])]}]))
    # 5. CR-only line endings (an old Mac export), tab after the number.
    L.append(dict(name="hendrik-ido-ambacht-cr", style="txt", newline="\r", gemeente="Hendrik-Ido-Ambacht", intro=intro,
                  levels=[("decimal", "{0}")], gap="\t",
                  sections=[{"points": [P(LOREM["proc"]), P(LOREM["fin"]), P(LOREM["risk"]), P(LOREM["kort"])]}]))
    # 6. Decimal points with lettered sub-points a), b).
    L.append(dict(name="molenlanden-decimaal-letters", style="txt", gemeente="Molenlanden", intro=intro,
                  levels=[("decimal", "{0}."), ("decimal", "{0}.{1}"), ("lowerLetter", "{2})")], indent="   ",
                  sections=[{"points": [P("Procedure", P(LOREM["proc"])),
                                        P("Financiën", P("Wij vragen aandacht voor:", P("de hoogte van het tekort;"),
                                                         P("de onttrekking aan de reserve;"), P("de gevolgen voor 2021.")),
                                          P(LOREM["risk"])),
                                        P(LOREM["sturing"])]}],
                  # Pasted from a PDF: the footer lands in the middle of a sub-point.
                  replace=[("de boeggolf", "de\nMolenlanden | zienswijze burap 2020 | Pagina 2 van 3\nboeggolf")]))
    # 7. Bullets only.
    L.append(dict(name="papendrecht-opsomming", style="txt", gemeente="Papendrecht", intro=intro,
                  levels=[("decimal", "•")], gap=" ",
                  sections=[{"points": [P(LOREM["proc"]), P(LOREM["fin"]), P(LOREM["sturing"])]}],
                  bullets=True))
    # 8. Numbering restarts in an attachment after the signature.
    L.append(dict(name="sliedrecht-bijlage", style="txt", gemeente="Sliedrecht", intro=intro,
                  levels=[("decimal", "{0}.")],
                  sections=[{"points": [P(LOREM["proc"]), P(LOREM["fin"])]},
                            {"heading": "Bijlage: Overdenkingen Regionale Werkgroep Jeugd\nDe werkgroep heeft de volgende overdenkingen aangeboden:",
                             "points": [P("REALISTISCH BEZUINIGEN. " + LOREM["risk"]), P("UITBLIJVENDE BESLUITEN. " + LOREM["sturing"])],
                             "after_signature": True}]))
    # 9. Numbers that wrap to the line start, and hyphens that belong.
    L.append(dict(name="zwijndrecht-getallen", style="txt", gemeente="Zwijndrecht", intro=intro,
                  levels=[("decimal", "{0}.")],
                  sections=[{"points": [P("De kosten stijgen in 2021 met meer dan 10 procent ten opzichte van de begroting, terwijl de raad 2 keer per jaar wordt geïnformeerd; dat is te weinig voor het gemeente- en regiobestuur."),
                                        P("Wij vragen u de rapportage 4 keer per jaar te sturen en daarbij 3 scenario's uit te werken voor de periode 2021-2024."),
                                        P(LOREM["kort"])]}],
                  width=40))
    # 10. Parenthesised labels (1), (a).
    L.append(dict(name="hoeksche-waard-haakjes", style="txt", gemeente="Hoeksche Waard", intro=intro,
                  levels=[("decimal", "({0})"), ("lowerLetter", "({1})")],
                  sections=[{"points": [P(LOREM["proc"]), P("Wij vragen:", P(LOREM["sturing"]), P(LOREM["inkoop"])), P(LOREM["kort"])]}]))
    # 11. A long letter (120 points, a motion list).
    L.append(dict(name="dordrecht-lang", style="txt", gemeente="Dordrecht", intro=intro, levels=[("decimal", "{0}.")],
                  sections=[{"points": [P(f"Punt {i}: " + LOREM["kort"]) for i in range(1, 121)]}]))

    # PDF: Word document → LibreOffice PDF → pdftotext.
    L.append(dict(name="alblasserdam-pdf-decimaal", style="pdf", gemeente="Alblasserdam", intro=intro,
                  levels=[("decimal", "%1."), ("decimal", "%1.%2")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën", P(LOREM["fin"] + " " + LOREM["risk"]), P(LOREM["reserve"]), P(LOREM["fin"])),
                                        P("Sturing", P(LOREM["sturing"] + " " + LOREM["inkoop"]), P(LOREM["sturing"])),
                                        P(LOREM["inkoop"] + " " + LOREM["fin"]), P(LOREM["risk"] + " " + LOREM["reserve"]),
                                        P(LOREM["kort"])]}],
                  closing="Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd."))
    L.append(dict(name="gorinchem-pdf-romeins", style="pdf", gemeente="Gorinchem", intro=intro, roman_style=True,
                  restart_sections=True, levels=[("decimal", "%1."), ("lowerLetter", "%2.")],
                  sections=[{"heading": "I. Procedure", "points": [P(LOREM["proc"]), P(LOREM["kort"])]},
                            {"heading": "II. Inhoud", "points": [P(LOREM["fin"] + " " + LOREM["risk"]), P("Wij vragen:", P(LOREM["sturing"]), P(LOREM["inkoop"])), P(LOREM["reserve"])]},
                            {"heading": "III. Tot slot", "points": [P(LOREM["risk"] + " " + LOREM["fin"]), P(LOREM["kort"])]}]))
    L.append(dict(name="sliedrecht-pdf-afbreking", style="pdf", gemeente="Sliedrecht", intro=intro,
                  levels=[("decimal", "%1.")],
                  sections=[{"points": [P(LOREM["fin"] + " " + LOREM["fin"]), P(LOREM["inkoop"] + " " + LOREM["risk"] + " " + LOREM["inkoop"]),
                                        P(LOREM["reserve"] + " " + LOREM["fin"]), P(LOREM["sturing"] + " " + LOREM["fin"] + " " + LOREM["risk"]),
                                        P(LOREM["fin"] + " " + LOREM["reserve"] + " " + LOREM["inkoop"]), P(LOREM["proc"] + " " + LOREM["fin"]),
                                        P(LOREM["kort"])]}],
                  closing="In afwachting van uw reactie verblijven wij."))
    L.append(dict(name="zwijndrecht-pdf-letters", style="pdf", gemeente="Zwijndrecht", intro=intro,
                  levels=[("decimal", "%1."), ("lowerLetter", "%2.")], points_by_style=True,
                  sections=[{"points": [P(LOREM["proc"]), P("Wij vragen aandacht voor:", P(LOREM["fin"]), P(LOREM["risk"]), P(LOREM["reserve"])),
                                        P(LOREM["sturing"] + " " + LOREM["inkoop"])]}]))
    L.append(dict(name="molenlanden-pdf-lang", style="pdf", gemeente="Molenlanden", intro=intro,
                  levels=[("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "%3)")],
                  sections=[{"points": [P("Procedure", P(LOREM["proc"] + " " + LOREM["proc"])),
                                        P("Financiën", P(LOREM["fin"] + " " + LOREM["risk"]), P("Wij vragen:", P(LOREM["reserve"]), P(LOREM["inkoop"]))),
                                        P("Sturing", P(LOREM["sturing"] + " " + LOREM["fin"]), P(LOREM["risk"] + " " + LOREM["inkoop"])),
                                        P(LOREM["fin"] + " " + LOREM["sturing"] + " " + LOREM["reserve"])]}]))

    # DOCX with Word's automatic numbering.
    L.append(dict(name="papendrecht-word-decimaal", style="docx", gemeente="Papendrecht", intro=intro,
                  levels=[("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "%3)")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën", P(LOREM["fin"]), P("Wij vragen:", P("een reserve;"), P("een plan."))),
                                        P(LOREM["kort"])]}]))
    L.append(dict(name="hendrik-ido-ambacht-word-romeins", style="docx", gemeente="Hendrik-Ido-Ambacht", intro=intro,
                  roman_style=True, restart_sections=True, levels=[("decimal", "%1."), ("lowerLetter", "%2.")],
                  sections=[{"heading": "I. Procedure", "points": [P(LOREM["proc"]), P(LOREM["kort"])]},
                            {"heading": "II. Inhoud", "points": [P("Wij vragen:", P(LOREM["fin"]), P(LOREM["risk"])), P(LOREM["reserve"])]}]))
    L.append(dict(name="hardinxveld-word-stijl", style="docx", gemeente="Hardinxveld-Giessendam", intro=intro,
                  levels=[("decimal", "%1."), ("lowerLetter", "%2.")], points_by_style=True,
                  sections=[{"points": [P(LOREM["proc"]), P("Wij vragen aandacht voor:", P(LOREM["fin"]), P(LOREM["inkoop"])), P(LOREM["sturing"])]}]))
    L.append(dict(name="hoeksche-waard-word-bijlage", style="docx", gemeente="Hoeksche Waard", intro=intro,
                  restart_sections=True, levels=[("decimal", "%1.")],
                  sections=[{"points": [P(LOREM["proc"]), P(LOREM["fin"]), P(LOREM["kort"])]},
                            {"heading": "Bijlage: Overdenkingen Regionale Werkgroep Jeugd\nDe werkgroep heeft de volgende overdenkingen aangeboden:",
                             "points": [P("REALISTISCH BEZUINIGEN. " + LOREM["risk"]), P("UITBLIJVENDE BESLUITEN. " + LOREM["sturing"])]}]))
    L.append(dict(name="dordrecht-word-libreoffice", style="docx", roundtrip=True, gemeente="Dordrecht", intro=intro,
                  levels=[("decimal", "%1."), ("decimal", "%1.%2")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën", P(LOREM["fin"]), P(LOREM["risk"])), P(LOREM["sturing"])]}]))
    L.append(dict(name="gorinchem-word-libreoffice-letters", style="docx", roundtrip=True, gemeente="Gorinchem", intro=intro,
                  levels=[("decimal", "%1."), ("lowerLetter", "%2.")],
                  sections=[{"points": [P(LOREM["fin"]), P("Wij vragen:", P(LOREM["sturing"]), P(LOREM["inkoop"]), P(LOREM["reserve"])), P(LOREM["kort"])]}]))
    # Plain text in the encodings Notepad and older mail systems write (in encodings/, since the
    # core's corpus test reads the .txt letters here as UTF-8).
    euro = "Wij vragen u de afslag van € 5,0 miljoen op de ‘boeggolf’ toe te lichten, en de «nieuwe» financiën per gemeente te tonen."
    L.append(dict(name="papendrecht-ansi", style="txt", encoding="cp1252", newline="\r\n", subdir="encodings",
                  gemeente="Papendrecht", intro=intro, levels=[("decimal", "{0}."), ("lowerLetter", "{1}.")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën: “" + LOREM["kort"] + "”", P(euro), P(LOREM["reserve"])),
                                        P(LOREM["sturing"])]}],
                  closing="Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd."))
    L.append(dict(name="zwijndrecht-unicode", style="txt", encoding="utf-16", newline="\r\n", subdir="encodings",
                  gemeente="Zwijndrecht", intro=intro, levels=[("decimal", "{0}."), ("decimal", "{0}.{1}")],
                  sections=[{"heading": "FINANCIËN", "points": [P(euro), P("Reserves", P(LOREM["reserve"]), P(LOREM["fin"]))]},
                            {"heading": "STURING", "points": [P(LOREM["sturing"])]}], continue_numbering=True))
    L.append(dict(name="alblasserdam-unicode-be", style="txt", encoding="utf-16-be-bom", subdir="encodings",
                  gemeente="Alblasserdam", intro=intro, levels=[("decimal", "{0})")],
                  sections=[{"points": [P(euro), P(LOREM["risk"]), P(LOREM["kort"])]}]))
    # OpenDocument: Word documents saved by LibreOffice as .odt, a typed letter opened in
    # LibreOffice and saved as .odt, and one written by hand (see render_odt_hand).
    L.append(dict(name="dordrecht-odt-decimaal", style="odt", gemeente="Dordrecht", intro=intro,
                  levels=[("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "%3)")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën", P(LOREM["fin"]), P("Wij vragen:", P("een reserve;"), P("een plan.")), P(LOREM["risk"])),
                                        P(LOREM["sturing"])]}]))
    L.append(dict(name="hendrik-ido-ambacht-odt-romeins", style="odt", gemeente="Hendrik-Ido-Ambacht", intro=intro,
                  roman_style=True, restart_sections=True, levels=[("decimal", "%1."), ("lowerLetter", "%2.")],
                  sections=[{"heading": "I. Procedure", "points": [P(LOREM["proc"]), P(LOREM["kort"])]},
                            {"heading": "II. Inhoud", "points": [P("Wij vragen:", P(LOREM["fin"]), P(LOREM["risk"])), P(LOREM["reserve"])]},
                            {"heading": "III. Tot slot", "points": [P(LOREM["sturing"])]}]))
    L.append(dict(name="gorinchem-odt-doorlopend", style="odt", gemeente="Gorinchem", intro=intro,
                  levels=[("decimal", "%1."), ("lowerLetter", "%2)")], continue_numbering=True,
                  sections=[{"heading": "PROCEDURE", "points": [P(LOREM["proc"])]},
                            {"heading": "FINANCIËN EN RISICO'S", "points": [P(LOREM["fin"], P(LOREM["reserve"]), P(LOREM["risk"])), P(LOREM["inkoop"])]},
                            {"heading": "STURING", "points": [P(LOREM["sturing"])]}]))
    L.append(dict(name="molenlanden-odt-getypt", style="odt-txt", gemeente="Molenlanden", intro=intro,
                  levels=[("decimal", "{0}."), ("decimal", "{0}.{1}"), ("lowerLetter", "{2})")], indent="   ",
                  sections=[{"points": [P("Procedure", P(LOREM["proc"])),
                                        P("Financiën", P("Wij vragen aandacht voor:", P("de hoogte van het tekort;"),
                                                         P("de onttrekking aan de reserve;"), P("de gevolgen voor 2021.")),
                                          P(LOREM["risk"])),
                                        P(LOREM["sturing"])]}]))
    L.append(dict(name="sliedrecht-odt-handgemaakt", style="odt-hand", gemeente="Sliedrecht", intro=intro,
                  levels=[("decimal", "({0})"), ("lowerLetter", "{1})")],
                  sections=[{"heading": "I. Procedure",
                             "points": [P(LOREM["proc"] + "\nDit punt is met algemene stemmen aangenomen."),
                                        P("Wij vragen aandacht voor:\n• de hoogte van het tekort;\n• de gevolgen voor 2021.")]},
                            {"heading": "II. Inhoud", "levels": [("decimal", "{0}."), ("lowerLetter", "{1})")],
                             "points": [P(LOREM["fin"]), P("Wij vragen:", P(LOREM["sturing"]), P(LOREM["inkoop"] + "\nWij lichten dit toe in de bijlage.")),
                                        P(LOREM["reserve"])]},
                            {"heading": "III. Tot slot", "levels": [("decimal", "{0}."), ("lowerLetter", "{1})")],
                             "points": [P(LOREM["risk"]), P(LOREM["kort"])]}],
                  closing="Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd."))
    # RTF: Word letters and the hand-made OpenDocument letter saved as .rtf by LibreOffice.
    L.append(dict(name="papendrecht-rtf-decimaal", style="rtf", gemeente="Papendrecht", intro=intro,
                  levels=[("decimal", "%1."), ("decimal", "%1.%2"), ("lowerLetter", "%3)")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën: € 5,0 miljoen", P(LOREM["fin"]), P("Wij vragen:", P("een reserve;"), P("een plan."))),
                                        P(LOREM["kort"])]}]))
    L.append(dict(name="hendrik-ido-ambacht-rtf-romeins", style="rtf", gemeente="Hendrik-Ido-Ambacht", intro=intro,
                  roman_style=True, restart_sections=True, levels=[("decimal", "%1."), ("lowerLetter", "%2.")],
                  sections=[{"heading": "I. Procedure", "points": [P(LOREM["proc"]), P(LOREM["kort"])]},
                            {"heading": "II. Inhoud", "points": [P("Wij vragen:", P(LOREM["fin"]), P(LOREM["risk"])), P(LOREM["reserve"])]}]))
    L.append(dict(name="hardinxveld-rtf-stijl", style="rtf", gemeente="Hardinxveld-Giessendam", intro=intro,
                  levels=[("decimal", "%1."), ("lowerLetter", "%2.")], points_by_style=True,
                  sections=[{"points": [P(LOREM["proc"]), P("Wij vragen aandacht voor:", P(LOREM["fin"]), P(LOREM["inkoop"])), P(LOREM["sturing"])]}]))
    hand = next(l for l in L if l["name"] == "sliedrecht-odt-handgemaakt")
    L.append(dict(hand, name="sliedrecht-rtf-handgemaakt", style="rtf-odt-hand",
                  sections=[dict(s, points=[json.loads(json.dumps(p)) for p in s["points"]]) for s in hand["sections"]]))
    # HTML: Word letters saved as HTML by LibreOffice, and a letter in a mail client's HTML.
    L.append(dict(name="papendrecht-html-libreoffice", style="html", gemeente="Papendrecht", intro=intro,
                  levels=[("decimal", "%1."), ("decimal", "%1.%2."), ("lowerLetter", "%3.")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën", P(LOREM["fin"]), P("Wij vragen:", P("een reserve;"), P("een plan."))),
                                        P(LOREM["kort"])]}]))
    L.append(dict(name="hendrik-ido-ambacht-html-romeins", style="html", gemeente="Hendrik-Ido-Ambacht", intro=intro,
                  roman_style=True, restart_sections=True, levels=[("decimal", "%1."), ("lowerLetter", "%2.")],
                  sections=[{"heading": "I. Procedure", "points": [P(LOREM["proc"]), P(LOREM["kort"])]},
                            {"heading": "II. Inhoud", "points": [P("Wij vragen:", P(LOREM["fin"]), P(LOREM["risk"])), P(LOREM["reserve"])]}]))
    L.append(dict(name="zwijndrecht-html-mail", style="html-mail", gemeente="Zwijndrecht", intro=intro,
                  levels=[("decimal", "{0}."), ("lowerLetter", "{1}.")],
                  sections=[{"points": [P(LOREM["proc"]), P("Financiën: wij vragen u de afslag van € 5,0 miljoen op de ‘boeggolf’ toe te lichten.",
                                                               P(LOREM["fin"]), P(LOREM["reserve"])), P(LOREM["kort"])]}],
                  closing="Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd."))
    # Word 97–2003: refused with advice (crates/export/tests/letter_formats.rs).
    L.append(dict(name="papendrecht-word97", style="doc", subdir="refused", gemeente="Papendrecht", intro=intro,
                  levels=[("decimal", "%1.")], sections=[{"points": [P(LOREM["proc"]), P(LOREM["kort"])]}]))
    return L


def write_text(path, text, encoding):
    data = {"utf-8": lambda t: t.encode("utf-8"), "cp1252": lambda t: t.encode("cp1252"),
            "utf-16": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),  # Notepad's «Unicode»
            "utf-16-be-bom": lambda t: b"\xfe\xff" + t.encode("utf-16-be")}[encoding](text)
    with open(path, "wb") as f:
        f.write(data)


def main():
    only = set(sys.argv[1:])
    for letter in letters():
        name = letter["name"]
        if only and name not in only:
            continue
        here = os.path.join(HERE, letter["subdir"]) if letter.get("subdir") else HERE
        os.makedirs(here, exist_ok=True)
        txt_levels = [(k, t.replace("%1", "{0}").replace("%2", "{1}").replace("%3", "{2}")) for k, t in letter["levels"]]
        label_points_all(letter, txt_levels)
        exp = expected(letter)
        for path in [f"{name}.txt", f"{name}.docx"]:
            if os.path.exists(os.path.join(here, path)):
                os.remove(os.path.join(here, path))
        if letter["style"] == "txt":
            text = render_txt_full(letter)
            write_text(os.path.join(here, f"{name}.txt"), text, letter.get("encoding", "utf-8"))
        elif letter["style"] == "doc":
            # Word 97–2003 (.doc), which the app refuses with advice: only the file is kept.
            with tempfile.TemporaryDirectory() as tmp:
                src = os.path.join(tmp, "src", f"{name}.docx")
                os.mkdir(os.path.dirname(src))
                render_docx(letter, src)
                soffice(["--convert-to", "doc:MS Word 97", "--outdir", tmp, src], tmp)
                shutil.copy(os.path.join(tmp, f"{name}.doc"), os.path.join(here, f"{name}.doc"))
            print(name)
            continue
        elif letter["style"] == "html-mail":
            with open(os.path.join(here, f"{name}.html"), "wb") as f:
                f.write(render_html_mail(letter).encode("cp1252"))
        elif letter["style"] == "html":
            # HTML as LibreOffice saves a Word letter (Bestand > Opslaan als > HTML). A browser
            # numbers a decimal list inside a decimal item «1.» again; the reader gives «2.1.», as
            # the Word list showed, so there is no LibreOffice check of the labels here.
            with tempfile.TemporaryDirectory() as tmp:
                src = os.path.join(tmp, "src", f"{name}.docx")
                os.mkdir(os.path.dirname(src))
                render_docx(letter, src)
                soffice(["--convert-to", "html", "--outdir", tmp, src], tmp)
                shutil.copy(os.path.join(tmp, f"{name}.html"), os.path.join(here, f"{name}.html"))
        elif letter["style"].startswith("rtf"):
            # RTF as LibreOffice saves it: the list labels written out in {\listtext …}.
            with tempfile.TemporaryDirectory() as tmp:
                os.mkdir(os.path.join(tmp, "src"))
                if letter["style"] == "rtf-odt-hand":
                    src = os.path.join(tmp, "src", f"{name}.odt")
                    render_odt_hand(letter, src)
                else:
                    src = os.path.join(tmp, "src", f"{name}.docx")
                    render_docx(letter, src)
                soffice(["--convert-to", "rtf", "--outdir", tmp, src], tmp)
                rtf = os.path.join(tmp, f"{name}.rtf")
                # The labels the author saw (LibreOffice showing the source) are the ones the RTF
                # writes out in {\listtext …}. (LibreOffice reading the RTF back renumbers from
                # its list table and loses a restart by start-value, so it is not the judge.)
                check_labels_with_libreoffice(src, letter, tmp)
                with open(rtf, encoding="latin-1") as f:
                    written = [l.strip() for l in re.findall(r"\\listtext\\pard\\plain([^\\}]*)\\tab", f.read())]
                written = [l for l in written if l and not l.startswith(("\\u8226", "\\'95", "\\'b7"))]  # bullets
                if written != expected_labels(letter):
                    raise SystemExit(f"{rtf}: list labels {written} are not {expected_labels(letter)}")
                shutil.copy(rtf, os.path.join(here, f"{name}.rtf"))
        elif letter["style"].startswith("odt"):
            with tempfile.TemporaryDirectory() as tmp:
                odt = os.path.join(tmp, f"{name}.odt")
                if letter["style"] == "odt-hand":
                    render_odt_hand(letter, odt)
                elif letter["style"] == "odt-txt":
                    src = os.path.join(tmp, f"{name}.txt")
                    write_text(src, render_txt_full(letter), "utf-8")
                    soffice(["--infilter=Text (encoded):UTF8,LF,,", "--convert-to", "odt", "--outdir", tmp, src], tmp)
                else:
                    src = os.path.join(tmp, "src", f"{name}.docx")
                    os.mkdir(os.path.dirname(src))
                    render_docx(letter, src)
                    soffice(["--convert-to", "odt", "--outdir", tmp, src], tmp)
                check_labels_with_libreoffice(odt, letter, tmp)
                shutil.copy(odt, os.path.join(here, f"{name}.odt"))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                docx = os.path.join(tmp, f"{name}.docx")
                render_docx(letter, docx)
                if letter.get("roundtrip"):
                    out = os.path.join(tmp, "lo")
                    os.mkdir(out)
                    soffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", out, docx], tmp)
                    docx = os.path.join(out, f"{name}.docx")
                if letter["style"] == "docx":
                    shutil.copy(docx, os.path.join(here, f"{name}.docx"))
                else:
                    soffice(["--convert-to", "pdf", "--outdir", tmp, docx], tmp)
                    pdf = os.path.join(tmp, f"{name}.pdf")
                    # The PDF itself is kept too: the app reads it through its own text layer
                    # reader (crates/export/src/text.rs), which must give the same tree.
                    shutil.copy(pdf, os.path.join(here, f"{name}.pdf"))
                    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True).stdout.decode()
                    with open(os.path.join(here, f"{name}.txt"), "w", newline="") as f:
                        f.write(text)
        with open(os.path.join(here, f"{name}.expected.json"), "w") as f:
            json.dump(exp, f, ensure_ascii=False, indent=1)
            f.write("\n")
        print(name)


def shown_labels(points):
    for p in points:
        yield p["shown"]
        yield from shown_labels(p.get("children", []))


def expected_labels(letter):
    """The labels a reader sees: Roman section numbers and the points' labels, in order."""
    want = []
    for s in letter["sections"]:
        if s.get("heading") and re.match(r"^[IVX]+\. ", s["heading"]):
            want.append(s["heading"].split(" ", 1)[0])
        want += list(shown_labels(s["points"]))
    return want


def check_labels_with_libreoffice(path, letter, tmp):
    """LibreOffice's own text export shows the list numbers as it lays them out: every label the
    expected tree has must appear there, in order, at the start of a line. So the expected labels
    are LibreOffice's reading of the file, not only ours."""
    out = os.path.join(tmp, "check")
    os.makedirs(out, exist_ok=True)
    soffice(["--convert-to", "txt:Text (encoded):UTF8", "--outdir", out, path], tmp)
    base = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(out, base + ".txt"), encoding="utf-8-sig") as f:
        starts = [line.strip().split()[0] for line in f if line.strip()]
    want = []
    for s in letter["sections"]:
        if s.get("heading") and re.match(r"^[IVX]+\. ", s["heading"]):
            want.append(s["heading"].split(" ", 1)[0])
        want += list(shown_labels(s["points"]))
    pos = 0
    for label in want:
        while pos < len(starts) and starts[pos] != label:
            pos += 1
        if pos == len(starts):
            raise SystemExit(f"{path}: LibreOffice does not show label {label!r} where expected: {starts}")
        pos += 1


def label_points_all(letter, levels):
    if letter.get("bullets"):
        n = 0
        for s in letter["sections"]:
            for p in s["points"]:
                n += 1
                p["shown"], p["label"] = "•", str(n)
        return
    start = 1
    for s in letter["sections"]:
        start = s.get("start", start)
        label_points(s["points"], s.get("levels", levels), start=start)
        if letter.get("continue_numbering"):
            start += len(s["points"])
        else:
            start = 1


def render_txt_full(letter):
    sections = letter["sections"]
    after = [s for s in sections if s.get("after_signature")]
    before = [s for s in sections if not s.get("after_signature")]
    copy = dict(letter, sections=before)
    attachment = []
    for s in after:
        attachment += ["", ""] + s["heading"].split("\n") + [""]
        for p in s["points"]:
            attachment += textwrap.wrap(p["shown"] + " " + p["text"], 78, break_on_hyphens=False)
    copy["attachment_after_signature"] = attachment
    return render_txt(copy, width=letter.get("width", 78), newline=letter.get("newline", "\n"))


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Generates the PDF corpus of the pack tests from many producers and with the damage real files
# have. The PDFs are committed, so the tests need none of these tools; to regenerate them:
#   apt-get install libreoffice-writer-nogui ghostscript qpdf img2pdf poppler-utils imagemagick python3
#   crates/export/tests/corpus/make.sh
# manifest.tsv lists each file with its page count and a word on its pages (or «placeholder»).
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pdf manifest.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
row() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>manifest.tsv; }

# LibreOffice: a two-page memo.
cat >"$tmp/memo.html" <<'HTML'
<html><body><h1>Memo wachtlijsten</h1><p>De wachtlijst voor jeugdhulp is in het derde kwartaal gedaald.</p>
<p style="page-break-before: always">Tweede pagina met de kwartaalcijfers.</p></body></html>
HTML
soffice --headless --norestore --convert-to pdf --outdir "$tmp" "$tmp/memo.html" >/dev/null 2>&1
cp "$tmp/memo.pdf" libreoffice.pdf; row libreoffice.pdf 2 wachtlijst

# Ghostscript re-distilled, and PDF/A-2b.
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOutputFile=ghostscript.pdf libreoffice.pdf; row ghostscript.pdf 2 wachtlijst
gs -q -dNOPAUSE -dBATCH -dPDFA=2 -dPDFACompatibilityPolicy=1 -sColorConversionStrategy=RGB -sDEVICE=pdfwrite \
  -sOutputFile=pdfa.pdf libreoffice.pdf; row pdfa.pdf 2 wachtlijst # CID fonts with an embedded CMap: read through ToUnicode

# qpdf: linearized, object streams, rotated page, owner password only (readable), user password.
qpdf --linearize libreoffice.pdf linearized.pdf; row linearized.pdf 2 wachtlijst
qpdf --object-streams=generate libreoffice.pdf objectstreams.pdf; row objectstreams.pdf 2 wachtlijst
qpdf --rotate=+90:2 libreoffice.pdf rotated.pdf; row rotated.pdf 2 wachtlijst
qpdf --encrypt "" eigenaar 256 -- libreoffice.pdf owner-password.pdf; row owner-password.pdf 2 wachtlijst
qpdf --encrypt "" eigenaar 128 --use-aes=y -- libreoffice.pdf owner-password-aes128.pdf; row owner-password-aes128.pdf 2 wachtlijst
qpdf --encrypt geheim eigenaar 256 -- libreoffice.pdf user-password.pdf; row user-password.pdf 0 placeholder

# Damage qpdf repairs: xref offsets shifted, the trailer and startxref cut off, an /Info that
# points nowhere (unreadable metadata).
qpdf --object-streams=disable --compress-streams=n libreoffice.pdf "$tmp/plain.pdf"
python3 - "$tmp/plain.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
# Every xref offset 7 bytes off.
head, xref = data.split(b"\nxref\n", 1)
def shift(m):
    return b"%010d" % (int(m.group(1)) + 7) + m.group(2)
xref = re.sub(rb"(\d{10})( \d{5} n)", shift, xref)
open("damaged-xref.pdf", "wb").write(head + b"\nxref\n" + xref)
# No startxref (qpdf rebuilds the xref from the objects), and no trailer at all (beyond repair).
open("no-startxref.pdf", "wb").write(data[: data.rindex(b"startxref")])
open("no-trailer.pdf", "wb").write(data[: data.rindex(b"trailer")])
# /Info to an object that does not exist.
info = re.sub(rb"/Info \d+ 0 R", b"/Info 9999 0 R", data)
if info == data:
    info = data.replace(b"/Root", b"/Info 9999 0 R /Root", 1)
open("broken-info.pdf", "wb").write(info)
PY
# Bytes around the file: a mail gateway's padding after %%EOF, a prefix before %PDF, and a
# startxref that points into the wrong place.
python3 - <<'PY'
import re
data = open("libreoffice.pdf", "rb").read()
open("trailing-garbage.pdf", "wb").write(data + b"\0" * 4096)
open("prefix-garbage.pdf", "wb").write(b"X-Mailer-Junk: " + b"x" * 500 + b"\n" + data)
m = list(re.finditer(rb"startxref\s+(\d+)", data))[-1]
open("wrong-startxref.pdf", "wb").write(data[: m.start(1)] + str(int(m.group(1)) - 40).encode() + data[m.end(1):])
PY
row trailing-garbage.pdf 2 wachtlijst; row prefix-garbage.pdf 2 wachtlijst; row wrong-startxref.pdf 2 wachtlijst
row damaged-xref.pdf 2 wachtlijst; row no-startxref.pdf 2 wachtlijst; row no-trailer.pdf 0 placeholder; row broken-info.pdf 2 wachtlijst

# Incremental update: a new /Info and a changed page appended after the original file.
python3 - "$tmp/plain.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
size = int(re.search(rb"/Size (\d+)", data).group(1))
root = re.search(rb"/Root (\d+ \d+ R)", data).group(1)
startxref = int(re.search(rb"startxref\s+(\d+)", data).group(1))
obj = b"%d 0 obj\n<< /Title (Bijgewerkt) /Producer (incrementele update) >>\nendobj\n" % size
offset = len(data)
update = obj + b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
    size, offset, size + 1, root, size, startxref, offset + len(obj))
open("incremental.pdf", "wb").write(data + update)
PY
row incremental.pdf 2 wachtlijst

export PATH="/usr/bin:$PATH" # the real ImageMagick, not a stand-in earlier on the PATH

# Images (made with ImageMagick): grayscale and colour through img2pdf, a page image from
# Ghostscript, a CCITT G4 fax page.
convert -size 600x800 xc:white -fill black -pointsize 40 -annotate +50+100 'Scan' -colorspace Gray "$tmp/gray.png"
img2pdf "$tmp/gray.png" -o img2pdf-gray.pdf; row img2pdf-gray.pdf 1 -
convert -size 600x800 gradient:blue-yellow "$tmp/colour.jpg"
img2pdf "$tmp/colour.jpg" -o img2pdf-jpeg.pdf; row img2pdf-jpeg.pdf 1 -
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfimage8 -r50 -sOutputFile=gs-image.pdf libreoffice.pdf; row gs-image.pdf 2 -
convert "$tmp/gray.png" -monochrome -compress Group4 "$tmp/fax.tif"
img2pdf "$tmp/fax.tif" -o ccitt.pdf; row ccitt.pdf 1 -

# Hand-written PDFs with ASCII85 + LZW content, and a form field + annotation + outline.
python3 <<'PY'
import base64, zlib

def lzw(data):
    table = {bytes([i]): i for i in range(256)}
    code, width, out, bits, nbits = 258, 9, [], 0, 0
    def emit(c):
        nonlocal bits, nbits
        bits = (bits << width) | c; nbits += width
        while nbits >= 8:
            nbits -= 8; out.append((bits >> nbits) & 0xFF)
    emit(256)
    w = b""
    for b in data:
        wc = w + bytes([b])
        if wc in table:
            w = wc
        else:
            emit(table[w]); table[wc] = code; code += 1
            if code + 1 >= (1 << width) and width < 12: width += 1
            if code >= 4094:
                emit(256); table = {bytes([i]): i for i in range(256)}; code, width = 258, 9
            w = bytes([b])
    if w: emit(table[w])
    emit(257)
    if nbits: out.append((bits << (8 - nbits)) & 0xFF)
    return bytes(out)

def pdf(objects, path):
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(path, "wb").write(out)

def stream(data, filters):
    return b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(data), filters) + data + b"\nendstream"

text = b"BT /F1 18 Tf 72 720 Td (Jaarverslag met ASCII85 en LZW) Tj ET"
encoded = base64.a85encode(lzw(text), adobe=True)[2:]  # ASCII85 without the <~ opener
font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
     stream(encoded, b"/ASCII85Decode /LZWDecode"), font], "ascii85-lzw.pdf")

body = zlib.compress(b"BT /F1 14 Tf 72 760 Td (Aanvraagformulier subsidie) Tj ET")
pdf([b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> /Outlines 8 0 R >>",
     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R 7 0 R] >>",
     stream(body, b"/FlateDecode"), font,
     b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (naam) /V (Gemeente Dordrecht) /Rect [72 700 300 720] /P 3 0 R >>",
     b"<< /Type /Annot /Subtype /Text /Rect [400 700 420 720] /Contents (Graag controleren) /P 3 0 R >>",
     b"<< /Type /Outlines /First 9 0 R /Last 9 0 R /Count 1 >>",
     b"<< /Title (Formulier) /Parent 8 0 R /Dest [3 0 R /Fit] >>"], "form-annotations.pdf")
PY
row ascii85-lzw.pdf 1 Jaarverslag; row form-annotations.pdf 1 Aanvraagformulier

# An embedded file (attachment inside the PDF).
echo "Bijlage in de PDF" >"$tmp/bijlage.txt"
qpdf libreoffice.pdf --add-attachment "$tmp/bijlage.txt" -- embedded-file.pdf; row embedded-file.pdf 2 wachtlijst

for f in *.pdf; do
  if qpdf --check "$f" >/dev/null 2>&1; then c=ok; else c="qpdf --check: $?"; fi
  printf '%-28s %7d bytes  %s\n' "$f" "$(stat -c %s "$f")" "$c"
done

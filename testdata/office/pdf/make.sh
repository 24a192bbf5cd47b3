#!/bin/sh
# Regenerates the sample PDF reports in testdata/docs from the sources here.
# Needs python3, LibreOffice (soffice), pandoc, qpdf, poppler-utils and
# tesseract (vie). Run from anywhere.
#   report-ha-tinh-q1.pdf    FODT, Times New Roman -> Liberation Serif 2
#                            (all glyphs), signature block
#   report-phu-tho-q3.pdf    FODT, DejaVu Serif (all glyphs), page numbers
#   report-quang-tri-6t-fallback.pdf  FODT, Liberation Sans Narrow: no Vietnamese
#                            precomposed letters, DejaVu fallback glyphs
#   report-quang-tri-6t.pdf  pandoc Markdown -> DOCX -> LibreOffice
set -eu
here=$(cd "$(dirname "$0")" && pwd)
docs=$here/../../docs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen.py" "$here"
for f in report-ha-tinh-q1 report-phu-tho-q3 report-quang-tri-6t-fallback; do
	soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf --outdir "$tmp" "$here/$f.fodt" >/dev/null
	cp "$tmp/$f.pdf" "$docs/$f.pdf"
done
pandoc "$here/report-quang-tri-6t.md" -o "$tmp/report-quang-tri-6t.docx"
soffice -env:UserInstallation=file://$tmp/lo --headless --convert-to pdf --outdir "$tmp" "$tmp/report-quang-tri-6t.docx" >/dev/null
cp "$tmp/report-quang-tri-6t.pdf" "$docs/report-quang-tri-6t.pdf"

# Malformed and unreadable samples (testdata/bad) and edge cases.
python3 "$here/make_bad.py" "$here/../../bad" "$here/../../../pipeline/pdf/testdata/edge"
src=$docs/report-ha-tinh-q1.pdf
bad=$here/../../bad
qpdf --encrypt u o 256 -- "$src" "$bad/pdf-aes256.pdf"
qpdf --allow-weak-crypto --encrypt "" o 40 -- "$src" "$bad/pdf-rc4-40.pdf"
qpdf --encrypt user1 o 128 --use-aes=y -- "$src" "$bad/pdf-aes128-password.pdf"
head -c $(( $(wc -c <"$src") * 6 / 10 )) "$src" >"$bad/pdf-truncated.pdf"

# The text layer a scanner's OCR writes over a page image (Tesseract, as
# in a "searchable PDF"; text only, to keep the file small): one wide
# ToUnicode range maps every two-byte code to itself.
edge=$here/../../../pipeline/pdf/testdata/edge
pdftoppm -r 200 -f 1 -l 1 -gray -jpeg -jpegopt quality=60 "$here/../../real/pdf-bc-ubnd-footnote-marks.pdf" "$tmp/scan"
tesseract "$tmp/scan-1.jpg" "$tmp/ocr-text-layer" -l vie -c textonly_pdf=1 pdf 2>/dev/null
cp "$tmp/ocr-text-layer.pdf" "$edge/ocr-text-layer.pdf"

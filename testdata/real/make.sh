#!/bin/sh
# Regenerates the DOCX, PDF, Markdown and text files of the real-layout
# corpus from src/*.html, with the programs offices and readers use. Needs
# pandoc, LibreOffice and Chromium; the Go tests only read the committed
# outputs. Run from anywhere: testdata/real/make.sh
#
#   src/docx-NAME.html  a document written in Word: pandoc writes the
#                       two-column header as a Word table (authority |
#                       Quốc hiệu, number | place and date) -> docx-NAME.docx;
#                       for the names in $printed LibreOffice prints that
#                       DOCX to PDF as an office would -> pdf-NAME.pdf
#   src/web-NAME.html   a document published on a web page, with the site's
#                       menu and counters: copied as text (pandoc plain) ->
#                       web-NAME.txt, saved as Markdown (pandoc gfm) ->
#                       md-web-NAME.md, pasted into Word (pandoc docx) ->
#                       docx-web-NAME.docx, printed from the browser
#                       (Chromium) -> pdf-web-NAME.pdf
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
for src in "$here"/src/docx-*.html; do
	base=$(basename "$src" .html)
	pandoc -f html -t docx -o "$here/$base.docx" "$src"
done
# The PDFs: the same documents printed from their DOCX.
printed="bc-ninh-binh-h1 qd-bnv-two-rows nq-hdnd-lam-dong kh-ubnd-binh-phuoc
	qd-ubnd-quy-dinh-chuong bc-ubnd-footnote-marks bc-bo-vhttdl tt-bnv-chapters nq-hdtp-an-le"
for base in $printed; do
	cp "$here/docx-$base.docx" "$tmp/pdf-$base.docx"
	soffice --headless "-env:UserInstallation=file://$tmp/profile" \
		--convert-to pdf --outdir "$tmp" "$tmp/pdf-$base.docx" >/dev/null
	cp "$tmp/pdf-$base.pdf" "$here/pdf-$base.pdf"
done
# Web pages in the four forms they reach an analyst in.
for src in "$here"/src/web-*.html; do
	base=$(basename "$src" .html)
	pandoc -f html -t plain -o "$here/$base.txt" "$src"
	pandoc -f html -t gfm -o "$here/md-$base.md" "$src"
	pandoc -f html -t docx -o "$here/docx-$base.docx" "$src"
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--user-data-dir="$tmp/chromium" --print-to-pdf="$here/pdf-$base.pdf" "file://$src" 2>/dev/null
done

#!/bin/sh
# Regenerates the files of testdata/formats from the Unicode samples in
# testdata/docs. Needs Go, LibreOffice (soffice) and poppler-utils
# (pdftoppm); the Go tests only read the committed outputs.
# Run from anywhere: testdata/formats/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
docs="$root/testdata/docs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() { (cd "$root" && go run ./testdata/formats/gen "$@"); }

# TCVN3 and VNI: text files and a DOCX with .VnTime/.VnTimeH runs, made
# from the Unicode samples with the tables of pipeline/legacy.
gen legacy "$docs" "$here"

# Word 97 (.doc), RTF and OpenDocument text saved by LibreOffice from DOCX
# samples that have a Markdown twin.
for spec in lang-son-2025-q1:doc lang-son-2025-q1:rtf thanh-hoa-2023-q1:doc nghe-an-2024-h1:rtf nghe-an-2024-h1:odt; do
	f=${spec%:*} ext=${spec#*:}
	soffice --headless "-env:UserInstallation=file://$tmp/profile" \
		--convert-to "$ext" --outdir "$tmp/out" "$docs/$f.docx" >/dev/null 2>&1
	cp "$tmp/out/$f.$ext" "$here/$f.$ext"
done

# Scans: the born-digital PDFs rendered to grey images at 300 and 150 dpi,
# turned by a fraction of a degree, with noise, assembled into image-only
# PDFs.
for spec in khanh-hoa-2023-q1:300:0.6 lang-son-2025-q1:150:-0.8; do
	f=${spec%%:*} rest=${spec#*:} dpi=${rest%:*} angle=${rest#*:}
	pdftoppm -r "$dpi" -gray "$docs/$f.pdf" "$tmp/$f"
	gen scan "$dpi" "$angle" "$here/$f-scan.pdf" "$tmp/$f"-*.pgm
done

# Images sent instead of a PDF: the first page of a report photographed
# (150 dpi, turned, JPEG) and scanned to PNG (200 dpi, turned the other
# way).
pdftoppm -r 150 -gray -f 1 -l 1 -singlefile "$docs/khanh-hoa-2023-q1.pdf" "$tmp/kh-photo"
gen photo 0.5 "$here/khanh-hoa-2023-q1-page1.jpg" "$tmp/kh-photo.pgm"
pdftoppm -r 200 -gray -f 1 -l 1 -singlefile "$docs/lang-son-2025-q1.pdf" "$tmp/ls-photo"
gen photo -0.4 "$here/lang-son-2025-q1-page1.png" "$tmp/ls-photo.pgm"
# The image ingester reads an image as a one-page PDF (pipeline/pdf).
gen imagepdf "$here/khanh-hoa-2023-q1-page1.jpg" "$tmp/khanh-hoa-2023-q1-page1.pdf"
gen imagepdf "$here/lang-son-2025-q1-page1.png" "$tmp/lang-son-2025-q1-page1.pdf"

# Tesseract's layout output (TSV) for every scanned page, rendered at 300
# dpi as pipeline/ocr does: pipeline tests replay it, so the layout of
# OCR'd pages is tested without Tesseract.
mkdir -p "$here/ocr"
for f in khanh-hoa-2023-q1-scan lang-son-2025-q1-scan khanh-hoa-2023-q1-page1 lang-son-2025-q1-page1; do
	src="$here/$f.pdf"
	[ -f "$src" ] || src="$tmp/$f.pdf"
	pdftoppm -r 300 -gray -png "$src" "$tmp/$f"
	for png in "$tmp/$f"-*.png; do
		n=${png##*-}
		n=${n%.png}
		OMP_THREAD_LIMIT=1 tesseract "$png" stdout -l vie --psm 3 --dpi 300 tsv >"$here/ocr/$f-$((n + 0)).tsv" 2>/dev/null
	done
done

#!/bin/sh
# Regenerates the DOCX and PDF files of the real-layout corpus from src/*.html:
# pandoc writes the two-column header as a Word table (authority | Quốc hiệu,
# number | place and date), LibreOffice prints that DOCX to PDF as an office
# would from Word. Needs pandoc and LibreOffice; the Go tests only read the
# committed outputs. Run from anywhere: testdata/real/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
for src in "$here"/src/*.html; do
	base=$(basename "$src" .html)
	pandoc -f html -t docx -o "$here/$base.docx" "$src"
done
# The PDFs: the same documents printed from their DOCX.
for base in bc-ninh-binh-h1 qd-bnv-two-rows nq-hdnd-lam-dong kh-ubnd-binh-phuoc; do
	cp "$here/docx-$base.docx" "$tmp/pdf-$base.docx"
	soffice --headless "-env:UserInstallation=file://$tmp/profile" \
		--convert-to pdf --outdir "$tmp" "$tmp/pdf-$base.docx" >/dev/null
	cp "$tmp/pdf-$base.pdf" "$here/pdf-$base.pdf"
done

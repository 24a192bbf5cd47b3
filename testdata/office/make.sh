#!/bin/sh
# Regenerates the DOCX test files in testdata/docs from the sources here.
# Needs pandoc and LibreOffice (soffice); the Go tests only read the
# committed outputs. Run from anywhere: testdata/office/make.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
docs=$(cd "$here/../docs" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Fixed timestamps in docProps so regenerating does not churn the files.
export SOURCE_DATE_EPOCH=1700000000

# pandoc: Heading styles, real footnotes, a table, bullet and numbered lists.
pandoc -f markdown -t docx -o "$docs/binh-dinh-2023-q2.docx" "$here/binh-dinh-2023-q2.md"

# The Markdown report in testdata/docs as a clerk's DOCX: its <sup>n</sup>
# marks become real superscript runs and its footnotes plain paragraphs
# starting with one (hand-made footnotes, no footnotes.xml).
sed -E 's#<sup>([0-9]+)</sup>#^\1^#g' "$docs/khanh-hoa-2023-q1.md" >"$tmp/khanh-hoa-2023-q1.md"
pandoc -f markdown -t docx -o "$docs/khanh-hoa-2023-q1.docx" "$tmp/khanh-hoa-2023-q1.md"

# LibreOffice: automatic I./1./a) numbering with headings as bold
# paragraphs, footnotes, an endnote and a table (lao-cai); tracked
# changes, a text box, a date field, header and footer (ha-giang).
for f in lao-cai-2023-q3 ha-giang-2023-6t; do
	soffice --headless "-env:UserInstallation=file://$tmp/profile" \
		--convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$here/$f.fodt" >/dev/null
	cp "$tmp/$f.docx" "$docs/$f.docx"
done

# The pandoc file re-saved by LibreOffice: other style ids, FootnoteAnchor
# runs, and one list split over several numIds of the same abstractNum.
cp "$docs/binh-dinh-2023-q2.docx" "$tmp/resave.docx"
mkdir -p "$tmp/out"
soffice --headless "-env:UserInstallation=file://$tmp/profile" \
	--convert-to 'docx:MS Word 2007 XML' --outdir "$tmp/out" "$tmp/resave.docx" >/dev/null
cp "$tmp/out/resave.docx" "$docs/binh-dinh-2023-q2-resaved.docx"

#!/bin/sh
# Makes DOCX and PDF versions of some Markdown sample reports, named like
# them, for the cross-format test (pipeline TestSameReportInEveryFormat):
# pandoc writes the DOCX with real footnotes, LibreOffice exports it to PDF,
# as a clerk's "Save as PDF" would. Needs pandoc and LibreOffice; the tests
# only read the committed outputs. Run from anywhere.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
docs=$(cd "$here/../docs" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

for name in lang-son-2025-q1 nghe-an-2024-h1 thanh-hoa-2023-q1 quang-ninh-2024-h1 ha-noi-2024 dong-thap-2025-q3 binh-dinh-2023 khanh-hoa-2025 \
	long-an-2023-q1 tay-ninh-2024-h1 ben-tre-2023; do
	# <sup>n</sup> marks and "<sup>n</sup> text" lines become pandoc notes.
	sed -E 's#^<sup>([0-9]+)</sup> *#[^\1]: #; s#<sup>([0-9]+)</sup>#[^\1]#g' "$docs/$name.md" >"$tmp/$name.md"
	pandoc -f markdown -t docx -o "$tmp/$name.docx" "$tmp/$name.md"
	soffice --headless "-env:UserInstallation=file://$tmp/profile" \
		--convert-to pdf --outdir "$tmp" "$tmp/$name.docx" >/dev/null
	cp "$tmp/$name.docx" "$tmp/$name.pdf" "$docs/"
done

# khanh-hoa-2023-q1.docx (made by make.sh with hand-made superscript notes)
# stays; its PDF is exported from a copy with real notes.
name=khanh-hoa-2023-q1
sed -E 's#^<sup>([0-9]+)</sup> *#[^\1]: #; s#<sup>([0-9]+)</sup>#[^\1]#g' "$docs/$name.md" >"$tmp/$name.md"
pandoc -f markdown -t docx -o "$tmp/$name.docx" "$tmp/$name.md"
soffice --headless "-env:UserInstallation=file://$tmp/profile" \
	--convert-to pdf --outdir "$tmp" "$tmp/$name.docx" >/dev/null
cp "$tmp/$name.pdf" "$docs/"

# The pandoc DOCX of make.sh, exported to PDF as it is (Heading styles,
# real footnotes, a table, lists).
soffice --headless "-env:UserInstallation=file://$tmp/profile" \
	--convert-to pdf --outdir "$tmp" "$docs/binh-dinh-2023-q2.docx" >/dev/null
cp "$tmp/binh-dinh-2023-q2.pdf" "$docs/"

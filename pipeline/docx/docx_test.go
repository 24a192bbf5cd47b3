package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// docsDir holds the committed sample reports (made by testdata/office/make.sh).
const docsDir = "../../testdata/docs"

// goldenBlock is what the golden files pin: kind, level, hints and text.
type goldenBlock struct {
	Kind     extract.BlockKind `json:"kind"`
	Level    int               `json:"level,omitempty"`
	Bold     bool              `json:"bold,omitempty"`
	Footnote int               `json:"footnote,omitempty"`
	Text     string            `json:"text"`
}

// goldenRef places a footnote marker by block and by the text before it,
// so the golden files stay readable.
type goldenRef struct {
	Number int    `json:"number"`
	Block  int    `json:"block"`
	After  string `json:"after"`
}

type golden struct {
	Blocks []goldenBlock `json:"blocks"`
	Refs   []goldenRef   `json:"refs"`
}

func toGolden(t testing.TB, doc *extract.Document) golden {
	g := golden{Blocks: []goldenBlock{}, Refs: []goldenRef{}}
	for i, b := range doc.Blocks {
		g.Blocks = append(g.Blocks, goldenBlock{Kind: b.Kind, Level: b.Level, Bold: b.Bold, Footnote: b.Footnote, Text: doc.BlockText(i)})
	}
	for _, r := range doc.Refs {
		bi := -1
		for i, b := range doc.Blocks {
			if r.Offset >= b.Span.Start && r.Offset <= b.Span.End {
				bi = i
				break
			}
		}
		if bi < 0 {
			t.Fatalf("ref %d at %d is in no block", r.Number, r.Offset)
		}
		before := doc.Text[doc.Blocks[bi].Span.Start:r.Offset]
		if rs := []rune(before); len(rs) > 24 {
			before = string(rs[len(rs)-24:])
		}
		g.Refs = append(g.Refs, goldenRef{Number: r.Number, Block: bi, After: before})
	}
	return g
}

// checkInvariants asserts what every Document must satisfy.
func checkInvariants(t testing.TB, doc *extract.Document) {
	t.Helper()
	prevEnd := -1
	for i, b := range doc.Blocks {
		if b.Span.Start < 0 || b.Span.End > len(doc.Text) || b.Span.Start >= b.Span.End {
			t.Fatalf("block %d span %v out of bounds (text %d bytes)", i, b.Span, len(doc.Text))
		}
		if b.Span.Start <= prevEnd {
			t.Fatalf("block %d span %v overlaps or precedes the previous block (end %d)", i, b.Span, prevEnd)
		}
		prevEnd = b.Span.End
		if s := doc.BlockText(i); strings.Contains(s, "\n") || s != strings.TrimSpace(s) {
			t.Fatalf("block %d text %q has a line break or untrimmed space", i, s)
		}
		if b.Kind == extract.BlockFootnote && b.Footnote <= 0 {
			t.Fatalf("footnote block %d without a number", i)
		}
	}
	for _, r := range doc.Refs {
		if r.Offset < 0 || r.Offset > len(doc.Text) {
			t.Fatalf("ref %+v out of bounds", r)
		}
	}
	if strings.ContainsAny(doc.Text, "\uE000\uE001\uE002\uE003") {
		t.Fatalf("placeholder left in text")
	}
}

func sampleFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(docsDir, "*.docx"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample .docx in %s: %v", docsDir, err)
	}
	return files
}

// TestGolden ingests every committed sample and compares its blocks and
// markers with testdata/golden/<name>.json (-update rewrites them).
func TestGolden(t *testing.T) {
	in := New(DefaultOptions())
	for _, path := range sampleFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".docx")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := in.Ingest(context.Background(), filepath.Base(path), data)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, doc)
			if doc.Source.Format != extract.FormatDOCX || doc.Source.SHA256 != extract.HashBytes(data) || doc.Source.Path != filepath.Base(path) {
				t.Errorf("source = %+v", doc.Source)
			}
			got := toGolden(t, doc)
			gpath := filepath.Join("testdata", "golden", name+".json")
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(gpath), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(gpath, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(gpath)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			var want golden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("blocks differ from %s (-want +got):\n%s", gpath, d)
			}
		})
	}
}

// makeDocx zips parts into a minimal package; document is the inside of
// w:body, the other parts are given whole.
func makeDocx(t testing.TB, body string, parts map[string]string) []byte {
	t.Helper()
	files := map[string]string{
		"[Content_Types].xml":          `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
			`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
			`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
			`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
			`xmlns:v="urn:schemas-microsoft-com:vml"><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range parts {
		files[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/_rels/document.xml.rels", "word/document.xml"} {
		writeZip(t, zw, name, files[name])
		delete(files, name)
	}
	for name, s := range files {
		writeZip(t, zw, name, s)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeZip(t testing.TB, zw *zip.Writer, name, s string) {
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

const wns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func p(runs string) string { return `<w:p>` + runs + `</w:p>` }
func r(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }
func rb(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}
func rsup(text string) string {
	return `<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>` + text + `</w:t></w:r>`
}
func pstyle(id, runs string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + id + `"/></w:pPr>` + runs + `</w:p>`
}
func pnum(numID, ilvl, runs string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr>` + runs + `</w:p>`
}

// styles localises ids (Word in Vietnamese writes "u1" style ids) while
// names stay English, and derives a custom style from a heading.
const styles = `<w:styles ` + wns + `>
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="26"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="u1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Muc2"><w:name w:val="Mục cấp 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MucCon"><w:name w:val="Mục con"/><w:basedOn w:val="Muc2"/></w:style>
<w:style w:type="paragraph" w:styleId="Than"><w:name w:val="Body Text"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop1"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop2"/><w:basedOn w:val="Loop1"/></w:style>
<w:style w:type="paragraph" w:styleId="DanhSo"><w:name w:val="Danh số"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Dam"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Mu"><w:name w:val="Mũ"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>`

// numbering: abstract 1 is an I./1./a) outline used by numIds 1 and 2
// (LibreOffice's split, numId 2 restarting at its first use), abstract 2
// a bullet list, abstract 3 a decimalZero list starting at 5.
const numberingXML = `<w:numbering ` + wns + ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/><w:suff w:val="space"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/><w:isLgl/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="5"/>
<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="01, 02, 03, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimalZero"/></mc:Fallback></mc:AlternateContent>
<w:lvlText w:val="%1/"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>`

const footnotesXML = `<w:footnotes ` + wns + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="7"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Quyết định số 4831/QĐ-UBND</w:t></w:r></w:p><w:p><w:r><w:t>ngày 24/12/2021.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Kế hoạch số 18/KH-UBND.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="9"><w:p><w:r><w:t>Không được tham chiếu.</w:t></w:r></w:p></w:footnote>
</w:footnotes>`

const endnotesXML = `<w:endnotes ` + wns + `>
<w:endnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>
<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>Số liệu đến 10/9/2023.</w:t></w:r></w:p></w:endnote>
</w:endnotes>`

// TestFeatures pins one OOXML construct per case on hand-made packages.
func TestFeatures(t *testing.T) {
	full := map[string]string{"word/styles.xml": styles, "word/numbering.xml": numberingXML}
	tests := []struct {
		name  string
		body  string
		parts map[string]string
		want  []goldenBlock
		refs  []goldenRef
	}{
		{
			name: "runs: tabs, breaks, hyphens, symbols",
			body: p(`<w:r><w:t>Số:</w:t><w:tab/><w:t>125/BC</w:t><w:noBreakHyphen/><w:t>UBND</w:t><w:br/><w:t>ngày</w:t><w:cr/><w:t>10</w:t></w:r>` +
				`<w:r><w:t>cải cách hành </w:t><w:softHyphen/><w:t>chính</w:t><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Arial" w:char="2013"/></w:r>`),
			want: []goldenBlock{{Kind: "paragraph", Text: "Số: 125/BC-UBND ngày 10cải cách hành chính–"}},
		},
		{
			name: "fields keep the result, drop the instruction, nest",
			body: p(r("Trang ") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>INNER</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("3") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<w:fldSimple w:instr="NUMPAGES">` + r(" / 9") + `</w:fldSimple>`),
			want: []goldenBlock{{Kind: "paragraph", Text: "Trang 3 / 9"}},
		},
		{
			name: "a field left open does not swallow the next paragraphs",
			body: p(r("Mở ")+`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>HYPERLINK</w:t></w:r>`) + p(r("Đoạn sau vẫn còn.")),
			want: []goldenBlock{{Kind: "paragraph", Text: "Mở"}, {Kind: "paragraph", Text: "Đoạn sau vẫn còn."}},
		},
		{
			name: "tracked changes: insertions kept, deletions and moves dropped",
			body: p(r("ban hành ") + `<w:ins w:id="1">` + r("11") + `</w:ins>` + `<w:del w:id="2"><w:r><w:delText>09</w:delText></w:r></w:del>` +
				r(" văn bản") + `<w:moveFrom>` + r(" cũ") + `</w:moveFrom><w:moveTo>` + r(" mới") + `</w:moveTo>`),
			want: []goldenBlock{{Kind: "paragraph", Text: "ban hành 11 văn bản mới"}},
		},
		{
			name: "text box once, after its anchor paragraph",
			body: p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>`+
				p(r("Điểm nhấn"))+`</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></w:drawing></mc:Choice>`+
				`<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>`+p(r("Điểm nhấn"))+`</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`+
				r("Đoạn neo.")) + p(r("Đoạn sau.")),
			want: []goldenBlock{{Kind: "paragraph", Text: "Đoạn neo."}, {Kind: "paragraph", Text: "Điểm nhấn"}, {Kind: "paragraph", Text: "Đoạn sau."}},
		},
		{
			name: "DrawingML text is not body text",
			body: p(`<w:r><w:drawing><a:graphic><a:p><a:r><a:t>nhãn biểu đồ</a:t></a:r></a:p></a:graphic></w:drawing></w:r>` + r("Văn bản.")),
			want: []goldenBlock{{Kind: "paragraph", Text: "Văn bản."}},
		},
		{
			name:  "headings by style name, outline level and basedOn; not by id",
			parts: full,
			body: pstyle("u1", r("I. CÔNG TÁC CHỈ ĐẠO")) + pstyle("MucCon", r("1. Chỉ đạo")) + pstyle("Than", r("Thân bài.")) +
				`<w:p><w:pPr><w:pStyle w:val="Than"/><w:outlineLvl w:val="2"/></w:pPr>` + r("a) Mục") + `</w:p>` +
				pstyle("Heading1", r("Không phải tiêu đề")) + pstyle("Loop1", r("Vòng lặp")),
			want: []goldenBlock{
				{Kind: "heading", Level: 1, Bold: true, Text: "I. CÔNG TÁC CHỈ ĐẠO"},
				{Kind: "heading", Level: 2, Text: "1. Chỉ đạo"},
				{Kind: "paragraph", Text: "Thân bài."},
				{Kind: "heading", Level: 3, Text: "a) Mục"},
				{Kind: "paragraph", Text: "Không phải tiêu đề"},
				{Kind: "paragraph", Text: "Vòng lặp"},
			},
		},
		{
			name:  "bold: every visible run, direct or by character style",
			parts: full,
			body: p(rb("1. Cải cách ")+r(" ")+`<w:r><w:rPr><w:rStyle w:val="Dam"/></w:rPr><w:t>thể chế</w:t></w:r>`) +
				p(rb("Một phần ")+r("đậm")) + p(`<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>tắt</w:t></w:r>`),
			want: []goldenBlock{{Kind: "paragraph", Bold: true, Text: "1. Cải cách thể chế"}, {Kind: "paragraph", Text: "Một phần đậm"}, {Kind: "paragraph", Text: "tắt"}},
		},
		{
			name:  "numbering per abstractNum, startOverride on first use, levels restart",
			parts: full,
			body: pnum("1", "0", r("CÔNG TÁC CHỈ ĐẠO")) + pnum("1", "1", r("Chỉ đạo")) + pnum("1", "2", r("kế hoạch")) +
				pnum("2", "2", r("kiểm tra")) + pnum("1", "2", r("tuyên truyền")) + pnum("2", "1", r("Kiểm tra")) + pnum("1", "3", r("chi tiết")) +
				pnum("2", "0", r("KẾT QUẢ")) + pnum("1", "1", r("Thể chế")) + pnum("1", "2", r("văn bản")),
			want: []goldenBlock{
				{Kind: "paragraph", Text: "I. CÔNG TÁC CHỈ ĐẠO"},
				{Kind: "paragraph", Text: "1. Chỉ đạo"},
				{Kind: "paragraph", Text: "a) kế hoạch"},
				{Kind: "paragraph", Text: "a) kiểm tra"},
				{Kind: "paragraph", Text: "b) tuyên truyền"},
				{Kind: "paragraph", Text: "2. Kiểm tra"},
				{Kind: "paragraph", Text: "2.1. chi tiết"},
				{Kind: "paragraph", Text: "II. KẾT QUẢ"},
				{Kind: "paragraph", Text: "1. Thể chế"},
				{Kind: "paragraph", Text: "a) văn bản"},
			},
		},
		{
			name:  "bullets become list items; style numbering; numId 0 removes it",
			parts: full,
			body: pnum("4", "0", r("rà soát TTHC;")) + pnum("4", "0", r("số hóa hồ sơ.")) + pstyle("DanhSo", r("Mục năm")) + pstyle("DanhSo", r("Mục sáu")) +
				`<w:p><w:pPr><w:pStyle w:val="DanhSo"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>` + r("Không số") + `</w:p>` + pnum("99", "0", r("num không tồn tại")),
			want: []goldenBlock{
				{Kind: "list_item", Text: "rà soát TTHC;"},
				{Kind: "list_item", Text: "số hóa hồ sơ."},
				{Kind: "paragraph", Text: "05/Mục năm"},
				{Kind: "paragraph", Text: "06/Mục sáu"},
				{Kind: "paragraph", Text: "Không số"},
				{Kind: "paragraph", Text: "num không tồn tại"},
			},
		},
		{
			name: "tables: one row per block, cells joined, nested tables flattened, empty rows dropped",
			body: `<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:tc><w:tcPr/>` + p(r("Đơn vị")) + `</w:tc><w:tc>` + p(r("Hồ sơ")) + `</w:tc><w:tc>` + p(r("Ghi chú")) + `</w:tc></w:tr>` +
				`<w:tr><w:tc>` + p(r("UBND huyện")) + p(r("Bảo Yên")) + `</w:tc><w:tc>` + p(r("1.204")) + `</w:tc><w:tc><w:tbl><w:tr><w:tc>` + p(r("con 1")) + `</w:tc><w:tc>` + p(r("con 2")) + `</w:tc></w:tr></w:tbl></w:tc></w:tr>` +
				`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>` + p("") + `</w:tc><w:tc>` + p(r("87")) + `</w:tc><w:tc>` + p("") + `</w:tc></w:tr>` +
				`<w:tr><w:tc>` + p("") + `</w:tc><w:tc>` + p("") + `</w:tc></w:tr></w:tbl>` + p(r("Sau bảng.")),
			want: []goldenBlock{
				{Kind: "table_row", Text: "Đơn vị | Hồ sơ | Ghi chú"},
				{Kind: "table_row", Text: "UBND huyện Bảo Yên | 1.204 | con 1 con 2"},
				{Kind: "table_row", Text: "| 87 |"},
				{Kind: "paragraph", Text: "Sau bảng."},
			},
		},
		{
			name:  "footnotes in reference order, endnotes after, notes at the end",
			parts: map[string]string{"word/footnotes.xml": footnotesXML, "word/endnotes.xml": endnotesXML},
			body: p(r("Chương trình")+`<w:r><w:endnoteReference w:id="2"/></w:r>`+r(" và kế hoạch")+`<w:r><w:footnoteReference w:id="3"/></w:r>`+r(".")) +
				p(r("Quyết định")+`<w:r><w:footnoteReference w:id="7"/></w:r>`+r(" nói trên")+`<w:r><w:footnoteReference w:id="3"/></w:r>`),
			want: []goldenBlock{
				{Kind: "paragraph", Text: "Chương trình và kế hoạch."},
				{Kind: "paragraph", Text: "Quyết định nói trên"},
				{Kind: "footnote", Footnote: 1, Text: "Kế hoạch số 18/KH-UBND."},
				{Kind: "footnote", Footnote: 2, Text: "Quyết định số 4831/QĐ-UBND ngày 24/12/2021."},
				{Kind: "footnote", Footnote: 3, Text: "Số liệu đến 10/9/2023."},
			},
			refs: []goldenRef{{3, 0, "Chương trình"}, {1, 0, "Chương trình và kế hoạch"}, {2, 1, "Quyết định"}, {1, 1, "Quyết định nói trên"}},
		},
		{
			name:  "custom footnote mark is not text",
			parts: map[string]string{"word/footnotes.xml": footnotesXML},
			body:  p(r("Ghi chú") + `<w:r><w:footnoteReference w:customMarkFollows="1" w:id="3"/><w:t>*</w:t></w:r>` + r(" hết.")),
			want:  []goldenBlock{{Kind: "paragraph", Text: "Ghi chú hết."}, {Kind: "footnote", Footnote: 1, Text: "Kế hoạch số 18/KH-UBND."}},
			refs:  []goldenRef{{1, 0, "Ghi chú"}},
		},
		{
			name:  "hand-made footnotes without footnotes.xml; units left alone",
			parts: full,
			body: p(r("Chương trình CCHC")+rsup("1")+r(" với 500 m")+rsup("2")+r(" sàn và ")+rsup("3")+r(" kho")) +
				p(r("Kế hoạch năm 2023")+`<w:r><w:rPr><w:rStyle w:val="Mu"/></w:rPr><w:t>2</w:t></w:r>`+r(".")) +
				p(rsup("1")+r(" Quyết định số 4831/QĐ-UBND.")) + p(rsup("2")+r("Quyết định số 3604/QĐ-UBND.")) + p(rsup("7")+r(" không có dấu tham chiếu")),
			want: []goldenBlock{
				{Kind: "paragraph", Text: "Chương trình CCHC với 500 m2 sàn và 3 kho"},
				{Kind: "paragraph", Text: "Kế hoạch năm 2023."},
				{Kind: "paragraph", Text: "7 không có dấu tham chiếu"},
				{Kind: "footnote", Footnote: 1, Text: "Quyết định số 4831/QĐ-UBND."},
				{Kind: "footnote", Footnote: 2, Text: "Quyết định số 3604/QĐ-UBND."},
			},
			refs: []goldenRef{{1, 0, "Chương trình CCHC"}, {2, 1, "Kế hoạch năm 2023"}},
		},
		{
			name:  "superscripts stay text when the file has real notes",
			parts: map[string]string{"word/footnotes.xml": footnotesXML},
			body:  p(r("diện tích 20 km") + rsup("2") + r(", lần") + rsup("1")),
			want:  []goldenBlock{{Kind: "paragraph", Text: "diện tích 20 km2, lần1"}},
		},
		{
			name: "content controls, hyperlinks, smart tags are transparent; sdtPr and comments are not text",
			body: `<w:sdt><w:sdtPr><w:placeholder><w:docPart w:val="x"/></w:placeholder><w:text/></w:sdtPr><w:sdtContent>` +
				p(`<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+r("Cổng dịch vụ công")+`</w:hyperlink>`+
					`<w:smartTag>`+r(" tỉnh")+`</w:smartTag><w:commentRangeStart w:id="1"/>`+`<w:r><w:commentReference w:id="1"/></w:r>`) +
				`</w:sdtContent></w:sdt>`,
			want: []goldenBlock{{Kind: "paragraph", Text: "Cổng dịch vụ công tỉnh"}},
		},
		{
			name: "private-use characters cannot forge markers",
			body: p(r("a\uE0001\uE001b\uE0020\uE003c")),
			want: []goldenBlock{{Kind: "paragraph", Text: "a1b0c"}},
		},
	}
	in := New(DefaultOptions())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := in.Ingest(context.Background(), "t.docx", makeDocx(t, tc.body, tc.parts))
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, doc)
			got := toGolden(t, doc)
			if d := cmp.Diff(tc.want, got.Blocks); d != "" {
				t.Errorf("blocks (-want +got):\n%s", d)
			}
			if tc.refs == nil {
				tc.refs = []goldenRef{}
			}
			if d := cmp.Diff(tc.refs, got.Refs); d != "" {
				t.Errorf("refs (-want +got):\n%s", d)
			}
		})
	}
}

// TestHeadersFootersNotBody: a header and footer part exist but their text
// never reaches the Document.
func TestHeadersFootersNotBody(t *testing.T) {
	data := makeDocx(t, p(r("Thân văn bản.")), map[string]string{
		"word/header1.xml": `<w:hdr ` + wns + `>` + p(r("ĐẦU TRANG")) + `</w:hdr>`,
		"word/footer1.xml": `<w:ftr ` + wns + `>` + p(r("CHÂN TRANG")) + `</w:ftr>`,
	})
	doc, err := New(Options{}).Ingest(context.Background(), "h.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Thân văn bản." {
		t.Errorf("text = %q", doc.Text)
	}
}

// zipBomb is a package whose document.xml inflates to size bytes of one
// repeated paragraph: a few KiB on disk.
func zipBomb(t testing.TB, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	writeZip(t, zw, "word/_rels/document.xml.rels", `<Relationships/>`)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte(" "), 1<<16)
	for written := 0; written < size; written += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingSizes rewrites the declared uncompressed size of every entry (local
// headers and central directory) to n.
func lyingSizes(data []byte, n uint32) []byte {
	out := append([]byte(nil), data...)
	put := func(off int) {
		out[off], out[off+1], out[off+2], out[off+3] = byte(n), byte(n>>8), byte(n>>16), byte(n>>24)
	}
	for i := 0; i+46 < len(out); i++ {
		switch {
		case bytes.Equal(out[i:i+4], []byte("PK\x01\x02")):
			put(i + 24)
		case bytes.Equal(out[i:i+4], []byte("PK\x07\x08")):
			put(i + 12)
		}
	}
	return out
}

// TestErrors maps broken input to the pipeline's failure reasons.
func TestErrors(t *testing.T) {
	good, err := os.ReadFile(filepath.Join(docsDir, "lao-cai-2023-q3.docx"))
	if err != nil {
		t.Fatal(err)
	}
	cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	encrypted := append(append([]byte(nil), cfb...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)
	bomb := zipBomb(t, 16<<20)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		data []byte
		opts Options
		ctx  context.Context
		want error
	}{
		{"empty", nil, Options{}, nil, pipeline.ErrTruncated},
		{"truncated zip", good[:len(good)*6/10], Options{}, nil, pipeline.ErrTruncated},
		{"not a zip", []byte("%PDF-1.7\nnot a word file"), Options{}, nil, pipeline.ErrMalformed},
		{"encrypted OOXML", encrypted, Options{}, nil, pipeline.ErrEncrypted},
		{"legacy .doc", cfb, Options{}, nil, pipeline.ErrUnsupportedFormat},
		{"file too large", good, Options{MaxFileSize: 1024}, nil, pipeline.ErrTooLarge},
		{"zip bomb by ratio", bomb, Options{}, nil, pipeline.ErrTooLarge},
		{"zip bomb by declared size", bomb, Options{MaxUncompressed: 1 << 20, MaxCompressionRatio: 1e9}, nil, pipeline.ErrTooLarge},
		{"declared sizes lie", lyingSizes(bomb, 1000), Options{}, nil, pipeline.ErrMalformed},
		{"no document.xml", makeZip(t, map[string]string{"word/_rels/document.xml.rels": "<Relationships/>"}), Options{}, nil, pipeline.ErrMalformed},
		{"broken XML", makeZip(t, map[string]string{"word/_rels/document.xml.rels": "<Relationships/>", "word/document.xml": "<w:document><w:body><w:p>"}), Options{}, nil, pipeline.ErrMalformed},
		{"empty XML", makeZip(t, map[string]string{"word/_rels/document.xml.rels": "<Relationships/>", "word/document.xml": ""}), Options{}, nil, pipeline.ErrMalformed},
		{"broken styles", makeDocx(t, p(r("x")), map[string]string{"word/styles.xml": "<w:styles><w:style>"}), Options{}, nil, pipeline.ErrMalformed},
		{"corrupt deflate", corruptDeflate(t), Options{}, nil, pipeline.ErrMalformed},
		{"no text", makeDocx(t, p("")+`<w:tbl><w:tr><w:tc>`+p("")+`</w:tc></w:tr></w:tbl>`, nil), Options{}, nil, pipeline.ErrNoText},
		{"nesting too deep", makeDocx(t, strings.Repeat(`<w:tbl><w:tr><w:tc><w:p><w:r><w:txbxContent>`, 40)+strings.Repeat(`</w:txbxContent></w:r></w:p></w:tc></w:tr></w:tbl>`, 40), nil), Options{}, nil, pipeline.ErrMalformed},
		// TCVN3-looking symbols inside words that neither table turns
		// into Vietnamese (TCVN3 that does convert is read by content:
		// TestLegacyByContent).
		{"undecodable mojibake", makeDocx(t, strings.Repeat(p(r("Xq¸rt bz©kl mn«pq rs®tv ¬wxz kh¸¸p Xq¸rt bz©kl mn«pq.")), 8), nil), Options{}, nil, pipeline.ErrLegacyEncoding},
		{"cancelled", good, Options{}, cancelled, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tc.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			doc, err := New(tc.opts).Ingest(ctx, "bad.docx", tc.data)
			t.Log(err)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if doc != nil {
				t.Errorf("doc = %v, want nil", doc)
			}
			if !strings.Contains(err.Error(), "bad.docx") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func makeZip(t testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, s := range files {
		writeZip(t, zw, name, s)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// corruptDeflate flips bytes inside document.xml's compressed data.
func corruptDeflate(t testing.TB) []byte {
	data := makeDocx(t, p(r(strings.Repeat("Cải cách hành chính. ", 200))), nil)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			off, err := f.DataOffset()
			if err != nil {
				t.Fatal(err)
			}
			for i := off + 10; i < off+40; i++ {
				data[i] ^= 0xFF
			}
		}
	}
	return data
}

// BenchmarkIngest ingests every committed sample; reports/s is the figure
// to watch.
func BenchmarkIngest(b *testing.B) {
	var files [][]byte
	for _, path := range sampleFiles(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	in := New(DefaultOptions())
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, data := range files {
			if _, err := in.Ingest(ctx, "bench.docx", data); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkIngestLarge ingests a synthetic 50-page report (numbered
// headings, bold runs, footnote references, tables); SetBytes is the size
// of its document.xml.
func BenchmarkIngestLarge(b *testing.B) {
	var body strings.Builder
	var notes strings.Builder
	notes.WriteString(`<w:footnotes ` + wns + `>`)
	for i := 0; i < 200; i++ {
		body.WriteString(pnum("1", "0", rb("KẾT QUẢ THỰC HIỆN")))
		for j := 0; j < 5; j++ {
			body.WriteString(pnum("1", "1", rb("Cải cách thủ tục hành chính")))
			id := strconv.Itoa(i*5 + j + 1)
			body.WriteString(p(r("Trong quý, UBND tỉnh đã ban hành ") + rb("12") + r(" văn bản chỉ đạo theo Quyết định số 3604/QĐ-UBND ngày 28/12/2022") +
				`<w:r><w:footnoteReference w:id="` + id + `"/></w:r>` + r("; tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%.")))
			notes.WriteString(`<w:footnote w:id="` + id + `">` + p(`<w:r><w:footnoteRef/></w:r>`+r(" Kế hoạch số 18/KH-UBND ngày 10/01/2023.")) + `</w:footnote>`)
		}
		body.WriteString(`<w:tbl><w:tr><w:tc>` + p(r("Sở Tư pháp")) + `</w:tc><w:tc>` + p(r("2.140")) + `</w:tc><w:tc>` + p(r("99,1%")) + `</w:tc></w:tr></w:tbl>`)
	}
	notes.WriteString(`</w:footnotes>`)
	data := makeDocx(b, body.String(), map[string]string{"word/styles.xml": styles, "word/numbering.xml": numberingXML, "word/footnotes.xml": notes.String()})
	in := New(DefaultOptions())
	ctx := context.Background()
	b.SetBytes(int64(body.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := in.Ingest(ctx, "large.docx", data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

// TestLegacyFonts: runs set in TCVN3/VNI fonts are converted run by run,
// next to Unicode runs, with the font given on the run, by a style or by
// the document default; a .VnTimeH run comes out in capitals.
func TestLegacyFonts(t *testing.T) {
	font := func(f, text string) string {
		return `<w:r><w:rPr><w:rFonts w:ascii="` + f + `" w:hAnsi="` + f + `"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
	}
	body := p(font(".VnTimeH", "c«ng t¸c chØ ®¹o")) +
		p(r("Năm 2023, tỉnh ")+font(".VnTime", "®· ban hµnh")+r(" 12 văn bản.")) +
		p(font("VNI-Times", "Ñaûng boä tænh ")+font("VNI-Times", "ñaõ chæ ñaïo"))
	doc, err := New(Options{}).Ingest(context.Background(), "mixed.docx", makeDocx(t, body, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CÔNG TÁC CHỈ ĐẠO", "Năm 2023, tỉnh đã ban hành 12 văn bản.", "Đảng bộ tỉnh đã chỉ đạo"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Code != "text.legacy_converted" ||
		!strings.Contains(doc.Diagnostics[0].Message, ".VnTime (TCVN3)") || !strings.Contains(doc.Diagnostics[0].Message, "VNI-Times (VNI)") {
		t.Errorf("diagnostics = %+v", doc.Diagnostics)
	}

	styled := makeDocx(t, p(r("C«ng t¸c chØ ®¹o")), map[string]string{"word/styles.xml": `<w:styles ` + wns + `><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>`})
	doc, err = New(Options{}).Ingest(context.Background(), "default.docx", styled)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text, "Công tác chỉ đạo") {
		t.Errorf("document-default .VnTime not converted: %q", doc.Text)
	}
}

// TestLegacyByContent: TCVN3 codes in runs that name a Unicode font are
// found by their content, paragraph by paragraph (a word split over
// runs too), and converted next to Unicode paragraphs in the same font,
// which stay as they are; the diagnostic says the font was read by
// content.
func TestLegacyByContent(t *testing.T) {
	tnr := func(text string) string {
		return `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
	}
	body := p(tnr("Sè: 58/BC-UBND")) +
		p(tnr("C«ng t¸c chØ ®¹o, ®iÒu hµnh c¶i c¸ch hµnh chÝnh")) +
		p(tnr("N¨m 2023, tØnh ®· ban hµnh 12 v")+tnr("¨n b¶n quy ph¹m ph¸p luËt.")) +
		p(tnr("Ủy ban nhân dân tỉnh Khánh Hòa báo cáo như sau:")) +
		p(tnr("Hòa, Hà, Lê Thị Mỹ – © 2023"))
	doc, err := New(Options{}).Ingest(context.Background(), "tnr.docx", makeDocx(t, body, nil))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Số: 58/BC-UBND", "Công tác chỉ đạo, điều hành cải cách hành chính", "Năm 2023, tỉnh đã ban hành 12 văn bản quy phạm pháp luật.",
		"Ủy ban nhân dân tỉnh Khánh Hòa báo cáo như sau:", "Hòa, Hà, Lê Thị Mỹ – © 2023"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	if len(doc.Diagnostics) != 1 || !strings.Contains(doc.Diagnostics[0].Message, "Times New Roman (TCVN3, read by content)") {
		t.Errorf("diagnostics = %+v", doc.Diagnostics)
	}
	// "Sè" reads as Unicode too: alone in a Unicode document it stays.
	doc, err = New(Options{}).Ingest(context.Background(), "se.docx", makeDocx(t, p(tnr("Sè: 58/BC-UBND"))+p(tnr("Ủy ban nhân dân tỉnh báo cáo.")), nil))
	if err != nil || !strings.Contains(doc.Text, "Sè: 58/BC-UBND") || len(doc.Diagnostics) != 0 {
		t.Errorf("a Unicode document: %v %q %+v", err, doc.Text, doc.Diagnostics)
	}
}

package plaintext

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

type block struct {
	kind extract.BlockKind
	text string
	note int
}

func blocks(doc *extract.Document) []block {
	var out []block
	for i, b := range doc.Blocks {
		out = append(out, block{b.Kind, doc.BlockText(i), b.Footnote})
	}
	return out
}

func checkBlocks(t *testing.T, doc *extract.Document, want []block) {
	t.Helper()
	got := blocks(doc)
	if len(got) != len(want) {
		t.Fatalf("got %d blocks:\n%+v", len(got), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("block %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func ingest(t *testing.T, markdown bool, data []byte) *extract.Document {
	t.Helper()
	doc, err := New(DefaultOptions(), markdown).Ingest(context.Background(), "t", data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestMarkdownBlocksAndFootnotes(t *testing.T) {
	src := "## BÁO CÁO\n\n### Kết quả quý I\n\nKính gửi: Bộ Nội vụ\n\n" +
		"#### I. CÔNG TÁC CHỈ ĐẠO\n\nUBND tỉnh ban hành kế hoạch<sup>1</sup>; Sở Nội vụ **hướng dẫn**[^a].\n" +
		"Dòng tiếp theo của đoạn.\n\n- Bộ Nội vụ;\n+ Lưu: VT.\n\n| Chỉ tiêu | Kết quả |\n|---|---|\n| Hồ sơ | 120 |\n\n" +
		"<sup>1</sup> Quyết định số 12/QĐ-UBND ngày 05/01/2023.\n\n[^a]: Công văn số 45/SNV-CCHC\n    ngày 10/01/2023.\n"
	doc := ingest(t, true, []byte(src))
	want := []block{
		{extract.BlockHeading, "BÁO CÁO", 0},
		{extract.BlockHeading, "Kết quả quý I", 0},
		{extract.BlockParagraph, "Kính gửi: Bộ Nội vụ", 0},
		{extract.BlockHeading, "I. CÔNG TÁC CHỈ ĐẠO", 0},
		{extract.BlockParagraph, "UBND tỉnh ban hành kế hoạch; Sở Nội vụ hướng dẫn. Dòng tiếp theo của đoạn.", 0},
		{extract.BlockListItem, "Bộ Nội vụ;", 0},
		{extract.BlockListItem, "Lưu: VT.", 0},
		{extract.BlockTableRow, "Chỉ tiêu | Kết quả", 0},
		{extract.BlockTableRow, "Hồ sơ | 120", 0},
		{extract.BlockFootnote, "Quyết định số 12/QĐ-UBND ngày 05/01/2023.", 1},
		{extract.BlockFootnote, "Công văn số 45/SNV-CCHC ngày 10/01/2023.", 2},
	}
	checkBlocks(t, doc, want)
	if len(doc.Refs) != 2 {
		t.Fatalf("refs = %+v", doc.Refs)
	}
	for _, r := range doc.Refs {
		before := doc.Text[:r.Offset]
		if r.Number == 1 && !strings.HasSuffix(before, "kế hoạch") || r.Number == 2 && !strings.HasSuffix(before, "hướng dẫn") {
			t.Errorf("marker %d at %q", r.Number, before[max(0, len(before)-20):])
		}
	}
}

func TestPlainTextWrappingAndTrailingNotes(t *testing.T) {
	src := strings.Join([]string{
		"ỦY BAN NHÂN DÂN",
		"TỈNH NGHỆ AN",
		"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH",
		"1. Chỉ đạo, điều hành",
		"Trong quý, Ủy ban nhân dân tỉnh đã ban hành kế hoạch cải cách hành chính năm",
		"2023 và tổ chức hội nghị triển khai tới các sở, ngành, địa phương trên địa bàn",
		"tỉnh theo Quyết định1 đã nêu.",
		"- Lưu: VT.",
		"",
		"1 Quyết định số 4851/QĐ-UBND ngày 26/12/2022",
		"của UBND tỉnh.",
	}, "\n")
	doc := ingest(t, false, []byte(src))
	want := []block{
		{extract.BlockParagraph, "ỦY BAN NHÂN DÂN", 0},
		{extract.BlockParagraph, "TỈNH NGHỆ AN", 0},
		{extract.BlockParagraph, "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH", 0},
		{extract.BlockParagraph, "1. Chỉ đạo, điều hành", 0},
		{extract.BlockParagraph, "Trong quý, Ủy ban nhân dân tỉnh đã ban hành kế hoạch cải cách hành chính năm 2023 và tổ chức hội nghị triển khai tới các sở, ngành, địa phương trên địa bàn tỉnh theo Quyết định đã nêu.", 0},
		{extract.BlockListItem, "Lưu: VT.", 0},
		{extract.BlockFootnote, "Quyết định số 4851/QĐ-UBND ngày 26/12/2022 của UBND tỉnh.", 1},
	}
	checkBlocks(t, doc, want)
	if len(doc.Refs) != 1 || !strings.HasSuffix(doc.Text[:doc.Refs[0].Offset], "theo Quyết định") {
		t.Errorf("refs = %+v", doc.Refs)
	}
}

func TestGluedMarks(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string // text before each mark, in order
	}{
		{"after a word", "Theo kế hoạch1 và chỉ thị2.", []string{"Theo kế hoạch", "Theo kế hoạch và chỉ thị"}},
		{"after a year", "Chương trình giai đoạn 2021-20301; kế hoạch năm 20232.", []string{"giai đoạn 2021-2030", "kế hoạch năm 2023"}},
		{"after punctuation", "ban hành kế hoạch.1 Tiếp theo (Chỉ thị)2.", []string{"ban hành kế hoạch.", "(Chỉ thị)"}},
		// Numbers are not marks: 12341 is no year, QH14 is a symbol, and
		// footnote 2 cannot come before footnote 1.
		{"numbers stay numbers", "Tiếp nhận 12341 hồ sơ theo kế hoạch2, Luật số 63/2020/QH14 và Chỉ thị1.", []string{"Luật số 63/2020/QH14 và Chỉ thị"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := c.body + "\n\n1 Ghi chú một.\n2 Ghi chú hai.\n"
			doc := ingest(t, false, []byte(src))
			if len(doc.Refs) != len(c.want) {
				t.Fatalf("refs = %+v in %q", doc.Refs, doc.Text)
			}
			for i, r := range doc.Refs {
				if r.Number != i+1 || !strings.HasSuffix(doc.Text[:r.Offset], c.want[i]) {
					t.Errorf("mark %d at %q, want after %q", r.Number, doc.Text[:r.Offset], c.want[i])
				}
			}
		})
	}
}

func TestEncodings(t *testing.T) {
	text := "Kính gửi: Bộ Nội vụ\r\nUBND tỉnh Khánh Hoà báo cáo.\r\n"
	want := "Kính gửi: Bộ Nội vụ\nUBND tỉnh Khánh Hoà báo cáo."
	u := utf16.Encode([]rune(text))
	le := []byte{0xFF, 0xFE}
	be := []byte{0xFE, 0xFF}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
		be = append(be, byte(c>>8), byte(c))
	}
	nfd := "Kính gửi: Bộ Nội vụ\nUBND tỉnh Khánh Hoà báo cáo."
	cases := map[string][]byte{
		"utf8":      []byte(text),
		"utf8 BOM":  append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"utf16 LE":  le,
		"utf16 BE":  be,
		"NFD input": []byte(strings.NewReplacer("í", "i\u0301", "ộ", "o\u0323\u0302", "à", "a\u0300").Replace(nfd)),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if got := ingest(t, false, data).Text; got != want {
				t.Errorf("text = %q, want %q", got, want)
			}
		})
	}
}

// TestLegacyConverted: TCVN3 and VNI text, as bytes or as mojibake saved
// in UTF-8, is converted to Unicode and says so in a diagnostic.
func TestLegacyConverted(t *testing.T) {
	tcvn3 := "Uû ban nh©n d©n tØnh Kh¸nh Hßa b¸o c¸o kÕt qu¶ c¶i c¸ch hµnh chÝnh quý I n¨m 2023 víi c¸c néi dung chÝnh."
	var latin1 []byte
	for _, r := range tcvn3 {
		latin1 = append(latin1, byte(r))
	}
	vni := "Uûy ban nhaân daân tænh Khaùnh Hoøa baùo caùo keát quaû caûi caùch haønh chính quyù I naêm 2023."
	for _, c := range []struct {
		name, enc, want string
		data            []byte
	}{
		{"TCVN3 bytes", "TCVN3", "Uỷ ban nhân dân tỉnh Khánh Hòa báo cáo kết quả cải cách hành chính quý I năm 2023 với các nội dung chính.", latin1},
		{"TCVN3 mojibake in UTF-8", "TCVN3", "Uỷ ban nhân dân tỉnh Khánh Hòa báo cáo kết quả cải cách hành chính quý I năm 2023 với các nội dung chính.", []byte(tcvn3)},
		{"VNI mojibake", "VNI", "Ủy ban nhân dân tỉnh Khánh Hòa báo cáo kết quả cải cách hành chính quý I năm 2023.", []byte(vni)},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := ingest(t, false, c.data)
			if got := strings.TrimSpace(doc.Text); got != c.want {
				t.Errorf("text = %q\nwant %q", got, c.want)
			}
			if len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Code != "text.legacy_converted" || !strings.Contains(doc.Diagnostics[0].Message, c.enc) {
				t.Errorf("diagnostics = %+v, want one text.legacy_converted naming %s", doc.Diagnostics, c.enc)
			}
		})
	}
}

func TestRefusals(t *testing.T) {
	cases := []struct {
		name string
		data []byte
		want error
	}{
		// Legacy-looking symbols inside words that neither table turns
		// into Vietnamese syllables: refused, not guessed at.
		{"undecodable legacy", []byte(strings.Repeat("Xq©rt bz¬kl mn×pq rs®tv ¸wxz ", 4)), pipeline.ErrLegacyEncoding},
		{"empty", []byte("\n\n  \n"), pipeline.ErrNoText},
		{"binary", []byte("abc\x00def"), pipeline.ErrUnsupportedFormat},
		{"odd UTF-16", []byte{0xFF, 0xFE, 0x41}, pipeline.ErrTruncated},
		// Code pages of other scripts are not legacy Vietnamese: they are
		// refused as unsupported, not called TCVN3.
		{"cp866 Russian", encode(t, charmap.CodePage866, strings.Repeat("Отчёт за квартал: проведено двенадцать совещаний и семь проверок.\n", 4)), pipeline.ErrUnsupportedFormat},
		{"EBCDIC", encode(t, charmap.CodePage037, strings.Repeat("Quarterly report: twelve meetings were held and seven offices inspected. ", 4)), pipeline.ErrUnsupportedFormat},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(DefaultOptions(), false).Ingest(context.Background(), "t", c.data)
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
	if _, err := New(Options{MaxFileSize: 10}, false).Ingest(context.Background(), "t", []byte("more than ten bytes")); !errors.Is(err, pipeline.ErrTooLarge) {
		t.Errorf("size limit: %v", err)
	}
}

func FuzzIngest(f *testing.F) {
	f.Add([]byte("## BÁO CÁO\nKính gửi: Bộ Nội vụ\n#### I. A<sup>1</sup>\n\n<sup>1</sup> Quyết định số 1/QĐ-UBND\n"), true)
	f.Add([]byte("I. A\nb1 c\n\n1 Ghi chú\n2 x\n"), false)
	f.Add([]byte("[^x]: a\n[^x] [^1] | a | b |\n|---|\n"), true)
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00}, false)
	f.Add([]byte("Quye\u0302\u0301t \u0111i\u0323nh\tso\u0302\u0301  12\u00a0x \u2019y\u2019\r\n| a\t| b  |\r\n"), true)
	f.Add([]byte("B\xb8o c\xb8o k\xd5t qu\xb6 c\xb6i c\xb8ch h\xb5nh ch\xddnh n\xa8m 2024\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, markdown bool) {
		doc, err := New(DefaultOptions(), markdown).Ingest(context.Background(), "f", data)
		if err != nil {
			return
		}
		prev := -1
		for _, b := range doc.Blocks {
			if b.Span.Start < 0 || b.Span.End > len(doc.Text) || b.Span.Start > b.Span.End || b.Span.Start <= prev {
				t.Fatalf("bad block span %v (text %d bytes)", b.Span, len(doc.Text))
			}
			prev = b.Span.End
		}
		for _, r := range doc.Refs {
			if r.Offset < 0 || r.Offset > len(doc.Text) {
				t.Fatalf("ref %v out of bounds", r)
			}
		}
		// What the Builder trusts without looking (Builder.Normal) is
		// what its full steps would give: normal text.
		for i := range doc.Blocks {
			if s := doc.BlockText(i); extract.Normalize(s) != s {
				t.Fatalf("block %d not normal: %q", i, s)
			}
		}
		ex, err := extract.New()
		if err != nil {
			t.Fatal(err)
		}
		ex.Extract(doc)
	})
}

func TestWrappedLineStartingWithANumber(t *testing.T) {
	var lines []string
	for i := 0; i < 10; i++ {
		lines = append(lines, "Trong quý, Ủy ban nhân dân tỉnh tiếp tục chỉ đạo các sở, ngành thực hiện kế hoạch với")
	}
	lines = append(lines, "64 nhiệm vụ cụ thể.", "II - KẾT QUẢ", "2 - Cải cách thủ tục hành chính")
	doc := ingest(t, false, []byte(strings.Join(lines, "\n")))
	got := blocks(doc)
	if len(got) != 3 || !strings.HasSuffix(got[0].text, "với 64 nhiệm vụ cụ thể.") || got[1].text != "II - KẾT QUẢ" {
		t.Errorf("blocks = %+v", got)
	}
}

func TestGridTable(t *testing.T) {
	src := "+-----------+-----------+\n| ỦY BAN    | CỘNG HÒA  |\n| NHÂN DÂN  | XÃ HỘI    |\n+===========+===========+\n| Số: 1/BC  | Hà Nam,   |\n|           | ngày 2    |\n+-----------+-----------+\n\nĐoạn văn.\n"
	checkBlocks(t, ingest(t, true, []byte(src)), []block{
		{extract.BlockTableRow, "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI", 0},
		{extract.BlockTableRow, "Số: 1/BC | Hà Nam, ngày 2", 0},
		{extract.BlockParagraph, "Đoạn văn.", 0},
	})
}

// TestBoldItalicRunIn: a run-in heading in bold italics keeps no stray
// asterisk, so its label is read.
func TestBoldItalicRunIn(t *testing.T) {
	doc := ingest(t, true, []byte("***a) Rà soát thủ tục hành chính:*** Tỉnh đã rà soát 45 thủ tục.\n\n___b) Công khai:___ Tỉnh công khai.\n"))
	checkBlocks(t, doc, []block{
		{extract.BlockParagraph, "a) Rà soát thủ tục hành chính: Tỉnh đã rà soát 45 thủ tục.", 0},
		{extract.BlockParagraph, "b) Công khai: Tỉnh công khai.", 0},
	})
}

// TestBracketMarks: footnote marks written "[1]" in plain text are linked
// to the trailing notes written "[1] …".
func TestBracketMarks(t *testing.T) {
	src := "Tỉnh ban hành kế hoạch[1] và tổ chức kiểm tra [2].\n\n" +
		"Các sở triển khai thực hiện theo đúng tiến độ đề ra trong năm.\n\n" +
		"[1] Kế hoạch số 12/KH-UBND ngày 05/01/2023.\n[2] Quyết định số 421/QĐ-\nUBND ngày 03/3/2023.\n"
	doc := ingest(t, false, []byte(src))
	checkBlocks(t, doc, []block{
		{extract.BlockParagraph, "Tỉnh ban hành kế hoạch và tổ chức kiểm tra.", 0},
		{extract.BlockParagraph, "Các sở triển khai thực hiện theo đúng tiến độ đề ra trong năm.", 0},
		{extract.BlockFootnote, "Kế hoạch số 12/KH-UBND ngày 05/01/2023.", 1},
		{extract.BlockFootnote, "Quyết định số 421/QĐ-UBND ngày 03/3/2023.", 2},
	})
	if len(doc.Refs) != 2 {
		t.Fatalf("refs = %+v", doc.Refs)
	}
}

func encode(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzDecodeUTF16(f *testing.F) {
	for _, s := range []string{"", "A\x00", "\x3d\xd8\x00\xde", "\x00\xd8A\x00", "\x00\xdc\x00\xd8", "\xe6\x1eY\x00"} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, be bool) {
		data = data[:len(data)/2*2]
		u := make([]uint16, len(data)/2)
		for i := range u {
			if be {
				u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			} else {
				u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
			}
		}
		if got, want := decodeUTF16(data, be), string(utf16.Decode(u)); got != want {
			t.Errorf("decodeUTF16(%x, %v) = %q, utf16.Decode %q", data, be, got, want)
		}
	})
}

// TestIngestSum: handed the file's hash, the ingester builds the same
// Document as when it hashes the file itself, for Markdown and text, in
// every encoding it reads.
func TestIngestSum(t *testing.T) {
	texts := map[string][]byte{
		"a.md":  []byte("# Báo cáo\n\nKết quả *tốt*[^1].\n\n[^1]: Kế hoạch số 5.\n"),
		"b.txt": []byte("BÁO CÁO\nKết quả cải cách hành chính quý I\n"),
		"c.txt": append([]byte{0xFF, 0xFE}, []byte("B\x00\xe1\x00o\x00 \x00c\x00\xe1\x00o\x00")...),
		"d.md":  []byte("B\xb8o c\xb8o k\xd5t qu\xb6 c\xb6i c\xb8ch h\xb5nh ch\xddnh n\xa8m nay\n"),
	}
	for name, data := range texts {
		in := New(DefaultOptions(), strings.HasSuffix(name, ".md"))
		want, err1 := in.Ingest(context.Background(), name, data)
		got, err2 := in.IngestSum(context.Background(), name, data, extract.HashBytes(data))
		if (err1 == nil) != (err2 == nil) || err1 == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: IngestSum %+v %v, Ingest %+v %v", name, got, err2, want, err1)
		}
		if err1 == nil && want.Source.SHA256 != extract.HashBytes(data) {
			t.Errorf("%s: hash %s", name, want.Source.SHA256)
		}
	}
}

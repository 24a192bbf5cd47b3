package extract

import (
	"strconv"
	"testing"
)

// FuzzParseRef drives the hand-written ref parser at every '/' of arbitrary
// text: no panic, spans in bounds and around the slash.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"4831/QĐ-UBND", "số31-QĐ/TW", "367 - QĐ/TWĐTN-VP", "30/2020/NĐ-CP", "3048/QĐ-\nBTNMT",
		"62/65", "24/12/2021", "30c/NQ-CP", "84 QĐ/TWĐTN", "/", "1/", "-/", "a-B/C", "12/2020/ /"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if s[i] != '/' {
				continue
			}
			for _, loose := range []bool{false, true} {
				r, ok := parseRef(s, i, loose)
				if !ok {
					continue
				}
				if r.start < 0 || r.start > i || r.end <= i || r.end > len(s) || len(r.groups) == 0 {
					t.Fatalf("parseRef(%q, %d) = %+v: span not around the slash", s, i, r)
				}
			}
		}
	})
}

// benchReport is a realistic report of about 20 KB: header, numbered
// sections, long paragraphs where citations are a minority of the text,
// footnotes.
func benchReport() *Document {
	b := NewBuilder(Source{Path: "bench.txt", Format: FormatText})
	add := func(k BlockKind, s string) { b.Add(Block{Kind: k}, s) }
	for _, l := range []string{"ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN", "Số: 9/BC-UBND", "Phú Yên, ngày 12 tháng 3 năm 2023",
		"BÁO CÁO", "Kết quả công tác cải cách hành chính quý I năm 2023", "Kính gửi: Bộ Nội vụ"} {
		add(BlockParagraph, l)
	}
	add(BlockParagraph, "Thực hiện Văn bản số 581/BNV-CCHC ngày 21/02/2022 của Bộ Nội vụ về chế độ báo cáo, UBND tỉnh báo cáo như sau:")
	plain := "Các cơ quan, đơn vị tiếp tục quán triệt, triển khai đồng bộ các nhiệm vụ cải cách hành chính, gắn với chuyển đổi số; " +
		"tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%, có 62/65 cơ quan cập nhật đầy đủ dữ liệu, 5/9 huyện hoàn thành chỉ tiêu trước thời hạn; " +
		"công tác kiểm tra được thực hiện tại 12 đơn vị, kịp thời chấn chỉnh những tồn tại, hạn chế trong giải quyết thủ tục hành chính. "
	for n := 1; b.Len() < 20000; n++ {
		add(BlockParagraph, strconv.Itoa(n)+". Nội dung công tác thứ "+strconv.Itoa(n))
		b.Add(Block{Kind: BlockParagraph}, plain+"Căn cứ Quyết định số "+strconv.Itoa(100+n)+"/QĐ-UBND ngày 12/01/2023 của UBND tỉnh, "+
			"các sở đã ban hành kế hoạch"+Marker(n)+"; thực hiện Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ, "+
			"Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và Kết luận số 91-KL/TU ngày 18/10/2022 của Ban Thường vụ Tỉnh ủy. "+plain)
		add(BlockParagraph, plain+"Triển khai Quyết định nêu trên, "+plain)
		b.Add(Block{Kind: BlockFootnote, Footnote: n}, "Kế hoạch số "+strconv.Itoa(200+n)+"/KH-SNV ngày 16/01/2023 của Sở Nội vụ")
	}
	return b.Document()
}

// BenchmarkFindCitations measures the citation rule alone, after the rules
// it depends on (header, sections, footnotes) have run once.
func BenchmarkFindCitations(b *testing.B) {
	d := benchReport()
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	base := e.Extract(d)
	if len(base.Citations) < 20 {
		b.Fatalf("bench report has %d citations", len(base.Citations))
	}
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		r := *base
		r.Citations, r.Diagnostics = nil, nil
		s := &scan{doc: d, report: &r, flat: flatten(base.Sections)}
		e.findCitations(s)
	}
}

// BenchmarkExtractWithCitations is the whole extraction of the same report,
// to see the citations' share.
func BenchmarkExtractWithCitations(b *testing.B) {
	d := benchReport()
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	for b.Loop() {
		e.Extract(d)
	}
}

func flatten(secs []*Section) []*Section {
	var out []*Section
	for _, s := range secs {
		out = append(out, s)
		out = append(out, flatten(s.Children)...)
	}
	return out
}

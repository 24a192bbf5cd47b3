package extract

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func paths(secs []*Section) []string {
	var out []string
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			out = append(out, s.Path+" "+s.Title)
			walk(s.Children)
		}
	}
	walk(secs)
	return out
}

var header = []string{"BÁO CÁO", "Kết quả công tác cải cách hành chính quý I năm 2023", "Kính gửi: Bộ Nội vụ"}

func TestSections(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  []string
	}{
		{
			name: "roman, arabic, letters, run-in; bullets, list items, signature and appendix are not sections",
			lines: []string{
				"I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",
				"1. Chỉ đạo, điều hành CCHC",
				"UBND tỉnh đã ban hành kế hoạch.",
				"1. Quyết định số 12/QĐ-UBND ngày 05/01/2023 về việc ban hành kế hoạch;",
				"2. Quyết định số 13/QĐ-UBND ngày 06/01/2023 về việc kiện toàn Ban Chỉ đạo;",
				"- Tổ chức hội nghị triển khai",
				"2. Kiểm tra CCHC",
				"II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH",
				"HÀNH CHÍNH",
				"1. Cải cách thể chế",
				"a) Xây dựng văn bản quy phạm pháp luật: Trong quý, HĐND tỉnh ban hành 05 nghị quyết.",
				"b) Kiểm tra, rà soát văn bản",
				"đ) Theo dõi thi hành pháp luật",
				"2. Cải cách thủ tục hành chính",
				"III. ĐÁNH GIÁ CHUNG",
				"TM. ỦY BAN NHÂN DÂN",
				"KT. CHỦ TỊCH",
				"Nơi nhận:",
				"- Như trên;",
				"| 1. Hồ sơ tiếp nhận | 120",
			},
			want: []string{
				"I CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "I.1 Chỉ đạo, điều hành CCHC", "I.2 Kiểm tra CCHC",
				"II KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", "II.1 Cải cách thể chế",
				"II.1.a Xây dựng văn bản quy phạm pháp luật", "II.1.b Kiểm tra, rà soát văn bản", "II.1.đ Theo dõi thi hành pháp luật",
				"II.2 Cải cách thủ tục hành chính", "III ĐÁNH GIÁ CHUNG",
			},
		},
		{
			name: "decimal numbering nests under its parent number",
			lines: []string{
				"II. KẾT QUẢ THỰC HIỆN",
				"1. Cải cách thể chế",
				"1.1. Xây dựng văn bản",
				"1.2. Rà soát văn bản",
				"2. Cải cách thủ tục hành chính",
				"2.1. Kiểm soát TTHC",
			},
			want: []string{"II KẾT QUẢ THỰC HIỆN", "II.1 Cải cách thể chế", "II.1.1 Xây dựng văn bản", "II.1.2 Rà soát văn bản",
				"II.2 Cải cách thủ tục hành chính", "II.2.1 Kiểm soát TTHC"},
		},
		{
			name: "capital parts, hyphen labels",
			lines: []string{"A. KẾT QUẢ ĐẠT ĐƯỢC", "I- CÔNG TÁC CHỈ ĐẠO", "1- Ban hành kế hoạch", "Thời gian 2 - 3 ngày.",
				"2 - 3 ngày làm việc là đủ.", "II – KẾT QUẢ THỰC HIỆN", "1 – Cải cách thể chế", "B. PHƯƠNG HƯỚNG NHIỆM VỤ",
				"A. Nguyễn cho biết"},
			want: []string{"A KẾT QUẢ ĐẠT ĐƯỢC", "A.I CÔNG TÁC CHỈ ĐẠO", "A.I.1 Ban hành kế hoạch", "A.II KẾT QUẢ THỰC HIỆN",
				"A.II.1 Cải cách thể chế", "B PHƯƠNG HƯỚNG NHIỆM VỤ"},
		},
		{
			name:  "a report that starts at 1. gets its levels from the schemes it uses",
			lines: []string{"1. Công tác chỉ đạo", "a) Ban hành kế hoạch", "b) Kiểm tra", "2. Kết quả"},
			want:  []string{"1 Công tác chỉ đạo", "1.a Ban hành kế hoạch", "1.b Kiểm tra", "2 Kết quả"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := extractLines(t, append(append([]string{}, header...), c.lines...)...)
			got := paths(r.Sections)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestSectionBodiesNest(t *testing.T) {
	r := extractLines(t, append(append([]string{}, header...), "I. A", "1. B", "text b", "2. C", "text c", "II. D", "text d")...)
	var check func(parent *Section, ss []*Section)
	check = func(parent *Section, ss []*Section) {
		for _, s := range ss {
			if parent != nil && (s.Body.Start < parent.Body.Start || s.Body.End > parent.Body.End) {
				t.Errorf("%s body %v not inside %s body %v", s.Path, s.Body, parent.Path, parent.Body)
			}
			check(s, s.Children)
		}
	}
	check(nil, r.Sections)
	if body := r.Text[r.Sections[0].Children[0].Body.Start:r.Sections[0].Children[0].Body.End]; body != "1. B\ntext b" {
		t.Errorf("body of I.1 = %q", body)
	}
}

func TestFootnoteLinks(t *testing.T) {
	r := extractLines(t, append(append([]string{}, header...),
		"I. CHỈ ĐẠO", "UBND tỉnh ban hành kế hoạch{1}.", "II. KẾT QUẢ", "1. Thể chế", "Ban hành văn bản{2} và chỉ thị{4}.",
		"^1 Kế hoạch số 10/KH-UBND ngày 05/01/2023.", "^2 Quyết định số 20/QĐ-UBND ngày 06/01/2023.", "^3 Không được tham chiếu.")...)
	got := map[int]string{}
	for _, f := range r.Footnotes {
		got[f.Number] = f.Section
		if f.Anchor >= 0 && (f.Anchor > len(r.Text)) {
			t.Errorf("anchor out of bounds: %+v", f)
		}
	}
	if got[1] != "I" || got[2] != "II.1" || got[3] != "" || len(got) != 3 {
		t.Errorf("footnote sections = %v", got)
	}
	codes := map[string]bool{}
	for _, d := range r.Diagnostics {
		codes[d.Code] = true
	}
	if !codes["footnote.unreferenced"] || !codes["footnote.missing_text"] {
		t.Errorf("diagnostics = %+v", r.Diagnostics)
	}
}

// FuzzMayBeLabel: the quick test sectionLabel runs first never rejects a
// block one of the label patterns matches.
func FuzzMayBeLabel(f *testing.F) {
	for _, s := range []string{"I. MỞ ĐẦU", "IV – Kết quả", "1.2.3 Tên", "12) Nội dung", "đ) Mục", "Đ. ABC", "a . Về", "B) KẾT", "3 \t- x", "Trong năm", "", "X:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, re := range labelPatterns {
			if re.MatchString(s) && !mayBeLabel(s) {
				t.Fatalf("%q matches %v but mayBeLabel rejects it", s, re)
			}
		}
	})
}

// labelLines are label shapes, with white space of any length and a
// paragraph after them.
var labelLines = []string{
	"I. KẾT QUẢ", "IV . Tồn tại", "II) x", "1. Công tác", "1.2. Cải cách", "1.2.3 Thủ tục", "12 – Nội dung",
	"a) Về thể chế", "a. Về", "a. về", "đ) Khác", "Đ. KHÁC", "A. KẾT QUẢ ĐẠT ĐƯỢC", "A.  kết quả",
	"1      .   x", "1\t)\n\ny", "1.2.3.4.5. x", "X - ", "3:", "1.", "b)", "đ)  ", "1..2 x",
}

// labelPatterns are the regexps matchLabel reads as, kind by kind.
var labelPatterns = map[labelKind]*regexp.Regexp{
	labelRoman:   regexp.MustCompile(`^([IVX]{1,5})\s*([.):]|[-–])\s+`),
	labelDecimal: regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){1,3})(\.?)\s+`),
	labelArabic:  regexp.MustCompile(`^(\d{1,2})\s*([.)]|[-–])\s+`),
	labelLetter:  regexp.MustCompile(`^([a-zđ])\s*([).])\s+`),
	labelCapital: regexp.MustCompile(`^([A-ZĐ])\s*([.)])\s+`),
}

// FuzzMatchLabel: matchLabel finds what the label pattern of each kind
// finds, at the same offsets.
func FuzzMatchLabel(f *testing.F) {
	for _, l := range labelLines {
		f.Add(l)
	}
	for _, s := range []string{"123. x", "1.234 x", "1.2.3.4 x", "1.2.3.4.5 x", "1.2. ", "VVVVVV. x", "IIIII – x", "Đ . x", "đ) y", "1\f-\r\ty", "1–", "I:\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for kind, re := range labelPatterns {
			want := re.FindStringSubmatchIndex(s)
			m, ok := matchLabel(s, kind)
			if ok != (want != nil) || ok && !slices.Equal(m[:], want) {
				t.Errorf("%s on %q: matchLabel %v %v, regexp %v", re, s, m, ok, want)
			}
		}
	})
}

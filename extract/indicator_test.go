package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// indicatorsOf runs the count and indicator rules over every block of doc
// (no header, no sections), with the period year given.
func indicatorsOf(t testing.TB, doc *Document, year int) *Report {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Counts: []Count{}, Indicators: []Indicator{}, Text: doc.Text}
	r.Meta.Period.Year = year
	s := &scan{doc: doc, report: r, tailFrom: len(doc.Blocks)}
	e.findCounts(s)
	e.findIndicators(s)
	return r
}

// indicatorLines renders values as "id value[/out_of] [nested] [conflict]
// [footnote] [year=Y]", sorted.
func indicatorLines(r *Report) []string {
	var out []string
	for _, v := range r.Indicators {
		s := v.Indicator + " " + strconv.FormatFloat(v.Value, 'f', -1, 64)
		if v.OutOf != 0 {
			s += "/" + strconv.FormatFloat(v.OutOf, 'f', -1, 64)
		}
		if v.Nested {
			s += " nested"
		}
		if v.Conflict {
			s += " conflict"
		}
		if v.Source != SourceBody {
			s += " " + string(v.Source)
		}
		if v.RefYear != 0 {
			s += fmt.Sprintf(" year=%d", v.RefYear)
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestIndicatorCases(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"received and online", "Trong quý, tỉnh tiếp nhận 19.630 hồ sơ, trong đó 12.000 hồ sơ trực tuyến.",
			"dossier.online 12000 nested|dossier.received 19630"},
		{"label before the number", "Tổng số hồ sơ tiếp nhận: 19.630",
			"dossier.received 19630"},
		{"dash list under a heading",
			"Kết quả giải quyết TTHC như sau:\n- Tổng số hồ sơ tiếp nhận: 19.630 hồ sơ, trong đó:\n- Trực tuyến: 12.000 hồ sơ;\n- Trực tiếp và qua bưu chính: 7.630 hồ sơ.\n- Số hồ sơ đã giải quyết: 19.255 hồ sơ, trong đó:\n- Đúng hạn: 19.000 hồ sơ;\n- Trễ hạn: 255 hồ sơ.",
			"dossier.late 255 nested|dossier.on_time 19000 nested|dossier.online 12000 nested|dossier.received 19630|dossier.resolved 19255"},
		{"stages in one sentence", "Tiếp nhận 4.210 hồ sơ; đã giải quyết 4.100 hồ sơ, trong đó đúng hạn 4.050 hồ sơ, trễ hạn 50 hồ sơ.",
			"dossier.late 50 nested|dossier.on_time 4050 nested|dossier.received 4210|dossier.resolved 4100"},
		{"a change is not a value", "Tiếp nhận 8.000 hồ sơ, tăng 1.250 hồ sơ so với cùng kỳ; tỷ lệ hồ sơ trực tuyến tăng 5,2% so với quý trước.",
			"dossier.received 8000"},
		{"baseline in parentheses is not a value", "Tiếp nhận 8.000 hồ sơ (cùng kỳ năm trước: 7.100 hồ sơ).",
			"dossier.received 8000"},
		{"rates with comma decimals", "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5 %; tỷ lệ hồ sơ trực tuyến là 86,38%; tỷ lệ số hóa hồ sơ đạt 45%.",
			"dossier.digitized_pct 45|dossier.on_time_pct 98.5|dossier.online_pct 86.38"},
		{"payment and signing rates", "Tỷ lệ thanh toán trực tuyến đạt 31,4%; 100% văn bản điện tử được ký số.",
			"edoc.signed_pct 100|payment.online_pct 31.4"},
		{"index score and rank", "Chỉ số cải cách hành chính năm 2022 của tỉnh đạt 85,66%, xếp thứ 11/63 tỉnh, thành phố.",
			"index.par_rank 11/63 year=2022|index.par_score 85.66 year=2022"},
		{"rank in words, year from the period", "Chỉ số SIPAS đạt 86,38%, đứng thứ 5 trong 63 tỉnh, thành phố.",
			"index.sipas_rank 5/63 year=2022|index.sipas_score 86.38 year=2022"},
		{"score in points", "PAR INDEX của tỉnh đạt 85,66 điểm.",
			"index.par_score 85.66 year=2022"},
		{"published and its parts", "Công bố 45 TTHC, trong đó 10 TTHC mới ban hành và 30 TTHC sửa đổi, bổ sung, 5 TTHC bãi bỏ.",
			"procedure.published 45|procedure.published.abolished 5 nested|procedure.published.amended 30 nested|procedure.published.new 10 nested"},
		{"every kind named is the whole", "Tỉnh đã công bố 212 thủ tục hành chính mới, sửa đổi, bổ sung hoặc bãi bỏ.",
			"procedure.published 212"},
		{"a breakdown by level is not a second value", "Tiếp nhận 19.630 hồ sơ, trong đó cấp tỉnh tiếp nhận 10.000 hồ sơ.",
			"dossier.received 19630"},
		{"stated twice is one value", "Tiếp nhận 19.630 hồ sơ.\nNhư vậy, trong quý đã tiếp nhận 19.630 hồ sơ.",
			"dossier.received 19630"},
		{"two values conflict", "Tiếp nhận 19.630 hồ sơ.\nTrong quý, tỉnh đã tiếp nhận 19.360 hồ sơ.",
			"dossier.received 19360 conflict|dossier.received 19630 conflict"},
		{"footnote figures", "Tổ chức tập huấn cho cán bộ¹.\n[^1] Đã mở 16 lớp tập huấn cho 1.200 lượt cán bộ, công chức.",
			"training.classes 16 footnote|training.people 1200 footnote"},
		{"direction", "UBND tỉnh ban hành 12 văn bản chỉ đạo, điều hành về CCHC; tổ chức 03 hội nghị; kiểm tra 15 cơ quan, đơn vị.",
			"document.issued 12|inspection.units 15|meeting.held 3"},
		{"legal documents", "Ban hành 09 văn bản quy phạm pháp luật, trong đó 07 văn bản do UBND tỉnh ban hành; rà soát 120 văn bản.",
			"legal_doc.issued 9|legal_doc.reviewed 120"},
		{"online services", "Cung cấp 1.686 dịch vụ công trực tuyến, trong đó 1.054 dịch vụ công trực tuyến toàn trình, 632 dịch vụ một phần.",
			"online_service.full 1054 nested|online_service.partial 632 nested|online_service.provided 1686"},
		{"feedback", "Tiếp nhận 14 phản ánh, kiến nghị; đã xử lý 12 phản ánh, kiến nghị.",
			"feedback.received 14|feedback.resolved 12"},
		{"plan tasks", "Kế hoạch CCHC năm đề ra 64 nhiệm vụ; đã hoàn thành 60 nhiệm vụ, đạt 93,75%.",
			"plan.done_pct 93.75|plan.tasks 64|plan.tasks_done 60"},
		{"no indicator for dates and numbers", "Quyết định số 512/QĐ-UBND ngày 01/3/2023 công bố danh mục; Kế hoạch 27/KH-UBND.",
			""},
		{"stock of procedures", "Tổng số TTHC thuộc thẩm quyền giải quyết của tỉnh là 1.856 thủ tục; đã đơn giản hóa 24 TTHC.",
			"procedure.simplified 24|procedure.total 1856"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := indicatorsOf(t, countDoc(t, c.in), 2023)
			got := strings.Join(indicatorLines(r), "|")
			if got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			checkIndicatorInvariants(t, r)
		})
	}
}

// checkIndicatorInvariants asserts what holds of any report's indicators.
func checkIndicatorInvariants(t testing.TB, r *Report) {
	t.Helper()
	conflicts := map[string]int{}
	for _, v := range r.Indicators {
		if v.Span.Start < 0 || v.Span.End > len(r.Text) || v.Span.Start >= v.Span.End {
			t.Errorf("%s: span %v out of the text", v.Indicator, v.Span)
		}
		if v.Conflict {
			conflicts[v.Indicator]++
		}
	}
	for id, n := range conflicts {
		if n < 2 {
			t.Errorf("%s: a lone value marked conflict", id)
		}
	}
	n := 0
	for _, d := range r.Diagnostics {
		if d.Code == diagIndicatorConflict {
			n++
		}
	}
	if (len(conflicts) > 0) != (n > 0) {
		t.Errorf("%d conflicting indicators but %d conflict diagnostics", len(conflicts), n)
	}
}

func TestParseVNNumber(t *testing.T) {
	for _, c := range []struct {
		in      string
		want    float64
		integer bool
		ok      bool
	}{
		{"1.455.775", 1455775, true, true},
		{"86,38", 86.38, false, true},
		{"98.5", 98.5, false, true},
		{"100", 100, true, true},
		{"12.000", 12000, true, true},
		{"1.234,5", 1234.5, false, true},
		{"1.23.4", 0, false, false},
		{"1,2,3", 0, false, false},
		{"1234.567", 0, false, false},
	} {
		v, integer, ok := parseVNNumber(c.in)
		if ok != c.ok || ok && (v != c.want || integer != c.integer) {
			t.Errorf("parseVNNumber(%q) = %v %v %v, want %v %v %v", c.in, v, integer, ok, c.want, c.integer, c.ok)
		}
	}
}

func TestCatalogue(t *testing.T) {
	c, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	// The ids the issue names are all there.
	for _, id := range []string{"document.issued", "plan.tasks", "plan.tasks_done", "meeting.held", "inspection.done",
		"inspection.units", "training.classes", "training.people", "legal_doc.issued", "legal_doc.reviewed",
		"procedure.published", "procedure.total", "procedure.simplified", "dossier.received", "dossier.online",
		"dossier.resolved", "dossier.on_time", "dossier.late", "feedback.received", "feedback.resolved",
		"dossier.on_time_pct", "dossier.online_pct", "dossier.digitized_pct", "payment.online_pct", "edoc.signed_pct",
		"plan.done_pct", "online_service.provided", "online_service.full", "online_service.partial",
		"index.par_score", "index.par_rank", "index.sipas_score"} {
		if _, ok := c.Def(id); !ok {
			t.Errorf("%s missing from the catalogue", id)
		}
	}
	dir := t.TempDir()
	over := filepath.Join(dir, "ind.yaml")
	if err := os.WriteFile(over, []byte(`indicators:
  - id: dossier.received
    label: Hồ sơ nhận
    unit: hồ sơ
    kind: count
    scope: period
    units: [hồ sơ]
    phrases: [[nhận]]
  - id: local.hotline_calls
    label: Cuộc gọi đường dây nóng
    unit: cuộc gọi
    kind: count
    scope: period
    units: [cuộc gọi]
    phrases: [[đường dây nóng]]
remove: [index.sipas_rank]
`), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := LoadCatalogue(over)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := m.Def("dossier.received"); d.Label != "Hồ sơ nhận" {
		t.Errorf("override did not replace dossier.received: %+v", d)
	}
	if _, ok := m.Def("local.hotline_calls"); !ok {
		t.Error("override did not add local.hotline_calls")
	}
	if _, ok := m.Def("index.sipas_rank"); ok {
		t.Error("remove did not drop index.sipas_rank")
	}
	e, err := NewWithCatalogue(m)
	if err != nil {
		t.Fatal(err)
	}
	doc := countDoc(t, "Đường dây nóng đã nhận 240 cuộc gọi: 240 cuộc gọi.")
	r := &Report{Counts: []Count{}, Text: doc.Text}
	e.findIndicators(&scan{doc: doc, report: r, tailFrom: len(doc.Blocks)})
	if got := strings.Join(indicatorLines(r), "|"); got != "local.hotline_calls 240" {
		t.Errorf("a configured indicator: got %q", got)
	}
	for name, bad := range map[string]string{
		"bad id":       "indicators: [{id: Dossier, label: x, unit: x, kind: count, scope: period, units: [x]}]",
		"bad kind":     "indicators: [{id: a.b, label: x, unit: x, kind: sum, scope: period, units: [x]}]",
		"bad scope":    "indicators: [{id: a.b, label: x, unit: x, kind: count, scope: ever, units: [x]}]",
		"no units":     "indicators: [{id: a.b, label: x, unit: x, kind: count, scope: period}]",
		"rate phrases": "indicators: [{id: a.b, label: x, unit: '%', kind: rate, scope: period}]",
		"part_of":      "indicators: [{id: a.b, label: x, unit: x, kind: count, scope: period, units: [x], part_of: no.such}]",
		"unknown key":  "indicators: [{id: a.b, label: x, unit: x, kind: count, scope: period, units: [x], colour: red}]",
		"not yaml":     "indicators: [",
	} {
		if _, err := MergeCatalogue([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestIndicatorTables(t *testing.T) {
	in := strings.Join([]string{
		"Tiếp nhận 19.630 hồ sơ.",
		"Biểu số liệu kết quả giải quyết TTHC",
		"| STT | Nội dung | Đơn vị tính | Số liệu | Ghi chú",
		"| 1 | Tổng số hồ sơ tiếp nhận | Hồ sơ | 19.630 | ",
		"| 1.1 | Trong đó: trực tuyến | Hồ sơ | 12.000 | ",
		"| 1.2 | Trong đó: cấp xã tiếp nhận | Hồ sơ | 5.000 | ",
		"| 2 | Số hồ sơ đã giải quyết | Hồ sơ | 19.255 | ",
		"| a | Đúng hạn | Hồ sơ | 19.000 | ",
		"| 3 | Tỷ lệ hồ sơ giải quyết đúng hạn | % | 98,67 | ",
		"| 4 | Chỉ số CCHC năm 2022 | Điểm | 85,66 | ",
		"| 5 | Xếp hạng Chỉ số CCHC | Thứ hạng | 11/63 | ",
		"| 6 | Số TTHC được công bố | TTHC | 45 | ",
		"| 7 | Ghi chú khác | | không có | ",
		"Bảng không phải số liệu",
		"| Họ và tên | Chức vụ",
		"| Nguyễn Văn A | 12 năm",
	}, "\n")
	r := indicatorsOf(t, countDoc(t, in), 2023)
	got := strings.Join(indicatorLines(r), "|")
	want := "dossier.on_time 19000 nested table|dossier.on_time_pct 98.67 table|dossier.online 12000 nested table|" +
		"dossier.received 19630|dossier.received 19630 table|dossier.resolved 19255 table|" +
		"index.par_rank 11/63 table year=2022|index.par_score 85.66 table year=2022|procedure.published 45 table"
	if got != want {
		t.Errorf("got  %s\nwant %s", strings.ReplaceAll(got, "|", "\n     "), strings.ReplaceAll(want, "|", "\n     "))
	}
	checkIndicatorInvariants(t, r)
}

func TestCellSpans(t *testing.T) {
	s := "1 | Tổng số | Hồ sơ |  19.630 "
	var cells []string
	for _, sp := range cellSpans(s) {
		cells = append(cells, s[sp[0]:sp[1]])
	}
	if strings.Join(cells, "/") != "1/Tổng số/Hồ sơ/19.630" {
		t.Errorf("cells = %q", cells)
	}
}

// digitSeeds place digits and near-digits ('/', ':', bytes with the top
// bit set) at every offset of an eight-byte word.
var digitSeeds = []string{"", "5", "abcdefgh", "abcdefgh9", "/:/:/:/:0", "ÀÁÂÃÄÅ9", "\xb0\xb9\xff\x80\xc0\xba\xaf\xb0", "tăng 12,5%", "\xff\xff\xff\xff\xff\xff\xff\xff1", "0123456789", "xếp thứ 11/63"}

// TestNextDigit: nextDigit finds the first digit the byte loop finds,
// from every offset.
func TestNextDigit(t *testing.T) { eachSeed(t, digitSeeds, checkNextDigit) }

func FuzzNextDigit(f *testing.F) { fuzzSeeds(f, digitSeeds, checkNextDigit) }

func checkNextDigit(t *testing.T, s string) {
	for i := 0; i <= len(s); i++ {
		want := i
		for want < len(s) && !isDigit(s[want]) {
			want++
		}
		if got := nextDigit(s, i); got != want {
			t.Errorf("nextDigit(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

// TestFutureSections: the sections about the next period and proposals,
// with their subsections, in document order.
func TestFutureSections(t *testing.T) {
	flat := []*Section{
		{Path: "I", Level: 1, Title: "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ"},
		{Path: "I.1", Level: 2, Title: "Nhiệm vụ trọng tâm"}, // a subsection follows its top section only
		{Path: "II", Level: 1, Title: "NHIỆM VỤ 6 THÁNG CUỐI NĂM"},
		{Path: "II.1", Level: 2, Title: "Công tác chỉ đạo"},
		{Path: "II.2", Level: 2, Title: "Cải cách thể chế"},
		{Path: "III", Level: 1, Title: "Đề xuất, kiến nghị"},
		{Path: "IV", Level: 2, Title: "Nhiệm vụ khác"}, // not a top level: "nhiệm vụ" alone does not mark it
		{Path: "IV.1", Level: 3, Title: "Trong thời gian tới"},
	}
	got := futureSections(nil, flat)
	want := []string{"II", "II.1", "II.2", "III"}
	if !slices.Equal(got, want) {
		t.Errorf("futureSections = %q, want %q", got, want)
	}
}

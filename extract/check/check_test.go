package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
)

func sec(num, path, title string, children ...*extract.Section) *extract.Section {
	if children == nil {
		children = []*extract.Section{}
	}
	return &extract.Section{Number: num, Path: path, Title: title, Level: strings.Count(path, ".") + 1, Children: children}
}

// cleanReport is a complete, on-time Q1 report: no rule may fire on it.
func cleanReport() *extract.Report {
	areas := []*extract.Section{
		sec("1", "II.1", "Cải cách thể chế"),
		sec("2", "II.2", "Cải cách thủ tục hành chính",
			sec("a", "II.2.a", "Kiểm soát TTHC"), sec("b", "II.2.b", "Một cửa"), sec("c", "II.2.c", "Phản ánh")),
		sec("3", "II.3", "Cải cách tổ chức bộ máy hành chính nhà nước"),
		sec("4", "II.4", "Cải cách chế độ công vụ"),
		sec("5", "II.5", "Cải cách tài chính công"),
		sec("6", "II.6", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
	}
	ref := "4831/QĐ-UBND"
	one := 1
	return &extract.Report{
		ID: "clean",
		Meta: extract.Meta{
			Number: "31/BC-UBND", Date: "2023-03-15", DocType: "Báo cáo",
			Title:      "Kết quả công tác cải cách hành chính quý I năm 2023",
			Recipients: []string{"Bộ Nội vụ"},
			Period:     extract.Period{Kind: extract.PeriodQuarter, Year: 2023, Quarter: 1, Label: "2023-Q1"},
		},
		Sections: []*extract.Section{
			// Abbreviation and tone style differ from the rule on purpose.
			sec("I", "I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", sec("1", "I.1", "Kế hoạch"), sec("2", "I.2", "Kiểm tra")),
			sec("II", "II", "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", areas...),
			sec("III", "III", "ĐÁNH GIÁ CHUNG"),
			sec("IV", "IV", "PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2023"),
			sec("V", "V", "KIẾN NGHỊ, ĐỀ XUẤT"),
		},
		Footnotes: []extract.Footnote{{Number: 1, Text: "Quyết định số 4831/QĐ-UBND ngày 24/12/2021", Anchor: 10, Section: "I.1"}},
		Citations: []extract.Citation{{Type: "Quyết định", Ref: &ref, Date: "2021-12-24", Footnote: &one}},
		Diagnostics: []extract.Diagnostic{
			{Code: "count.ambiguous_number", Severity: extract.SeverityInfo, Message: "not a finding"},
		},
		Text: strings.Repeat("x\n", 50),
	}
}

func defaultChecker(t testing.TB) *Checker {
	t.Helper()
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	return New(rs)
}

func rules(fs []extract.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule+"@"+f.Location)
	}
	return out
}

func TestCleanReportHasNoFinding(t *testing.T) {
	if fs := defaultChecker(t).Check(cleanReport()); len(fs) != 0 {
		t.Errorf("clean report: %v", fs)
	}
}

// TestRules breaks the clean report one way per case; each case lists
// exactly the findings (rule@location) it must produce.
func TestRules(t *testing.T) {
	tests := []struct {
		name    string
		breakIt func(r *extract.Report)
		want    []string
	}{
		{"clean", func(r *extract.Report) {}, nil},
		{"missing section III", func(r *extract.Report) {
			r.Sections = append(r.Sections[:2:2], r.Sections[3:]...)
		}, []string{"missing-section@section III", "numbering-gap@section IV"}},
		{"missing reform area", func(r *extract.Report) {
			r.Sections[1].Children = r.Sections[1].Children[:5]
		}, []string{"missing-section@section II"}},
		{"reform area under a sub-heading still counts", func(r *extract.Report) {
			ii := r.Sections[1]
			ii.Children = []*extract.Section{sec("1", "II.1", "Các lĩnh vực", ii.Children...)}
		}, nil},
		{"title variants: no diacritics, new tone style, Về", func(r *extract.Report) {
			r.Sections[0].Title = "cong tac chi dao, dieu hanh cai cach hanh chinh"
			r.Sections[1].Children[0].Title = "Về cải cách thể chế"
			r.Sections[2].Title = "Đánh giá chung"
			r.Sections[4].Title = "ĐỀ XUẤT, KIẾN NGHỊ"
		}, nil},
		{"sections out of order", func(r *extract.Report) {
			s := r.Sections
			s[2], s[3] = s[3], s[2]
			s[2].Number, s[2].Path, s[3].Number, s[3].Path = "III", "III", "IV", "IV"
		}, []string{"section-order@section III"}}, // the heading numbered III is the plan (IV)
		{"numbering backwards", func(r *extract.Report) {
			c := r.Sections[0].Children
			c[0].Number, c[0].Path, c[1].Number, c[1].Path = "2", "I.2", "1", "I.1"
		}, []string{"section-order@section I.1", "numbering-gap@section I.2"}},
		{"numbering gap", func(r *extract.Report) {
			c := r.Sections[1].Children[1].Children
			c[2].Number, c[2].Path = "d", "II.2.d"
		}, []string{"numbering-gap@section II.2.d"}},
		{"letters d then e without đ is no gap", func(r *extract.Report) {
			c := r.Sections[1].Children[1]
			c.Children = append(c.Children, sec("d", "II.2.d", "D"), sec("e", "II.2.e", "E"), sec("g", "II.2.g", "G"))
		}, nil},
		{"footnote without mark", func(r *extract.Report) { r.Footnotes[0].Anchor = -1 },
			[]string{"footnote-unreferenced@footnote 1"}},
		{"mark without footnote text", func(r *extract.Report) {
			r.Diagnostics = append(r.Diagnostics, extract.Diagnostic{Code: "footnote.missing_text", Severity: extract.SeverityWarning,
				Message: "dấu chú thích 7 không có nội dung chú thích", Span: &extract.Span{Start: 4, End: 4}})
		}, []string{"footnote-missing-text@line 3"}},
		{"text and appendix agree", func(r *extract.Report) {
			r.Indicators = []extract.Indicator{
				{Indicator: "dossier.received", Value: 19630, Source: extract.SourceBody, Span: extract.Span{Start: 4, End: 5}},
				{Indicator: "dossier.received", Value: 19630, Source: extract.SourceTable, Span: extract.Span{Start: 40, End: 41}},
				{Indicator: "index.par_rank", Value: 11, OutOf: 63, Source: extract.SourceFootnote, Span: extract.Span{Start: 6, End: 7}},
				{Indicator: "index.par_rank", Value: 11, OutOf: 63, Source: extract.SourceTable, Span: extract.Span{Start: 42, End: 43}},
				{Indicator: "dossier.online", Value: 12000, Source: extract.SourceTable, Span: extract.Span{Start: 44, End: 45}},
			}
		}, nil},
		{"appendix disagrees with the text", func(r *extract.Report) {
			r.Indicators = []extract.Indicator{
				{Indicator: "dossier.received", Value: 19630, Source: extract.SourceBody, Span: extract.Span{Start: 4, End: 5}},
				{Indicator: "dossier.received", Value: 19360, Source: extract.SourceTable, Span: extract.Span{Start: 40, End: 41}},
				{Indicator: "index.par_rank", Value: 11, OutOf: 63, Source: extract.SourceBody, Span: extract.Span{Start: 6, End: 7}},
				{Indicator: "index.par_rank", Value: 12, OutOf: 63, Source: extract.SourceTable, Span: extract.Span{Start: 42, End: 43}},
			}
		}, []string{"figure-mismatch@line 3", "figure-mismatch@line 4"}},
		{"no number", func(r *extract.Report) { r.Meta.Number = "" }, []string{"header-missing-number@header"}},
		{"blank number", func(r *extract.Report) { r.Meta.Number = "/BC-UBND" }, []string{"header-missing-number@header"}},
		{"no date", func(r *extract.Report) { r.Meta.Date = "" }, []string{"header-missing-date@header"}},
		{"no recipient", func(r *extract.Report) { r.Meta.Recipients = []string{" "} }, []string{"header-missing-recipient@header"}},
		{"dated on the due date", func(r *extract.Report) { r.Meta.Date = "2023-03-20" }, nil},
		{"late", func(r *extract.Report) { r.Meta.Date = "2023-03-21" }, []string{"late-submission@header"}},
		{"months late: wrong period too", func(r *extract.Report) { r.Meta.Date = "2023-09-10" },
			[]string{"period-mismatch@header", "late-submission@header"}},
		{"dated before the period", func(r *extract.Report) { r.Meta.Date = "2022-11-30" }, []string{"period-mismatch@header"}},
		{"year report of the same year", func(r *extract.Report) {
			r.Meta.Period = extract.Period{Kind: extract.PeriodYear, Year: 2023, Label: "2023"}
			r.Meta.Date = "2023-12-14"
		}, nil},
		{"9M report", func(r *extract.Report) {
			r.Meta.Period = extract.Period{Kind: extract.PeriodNineMonths, Year: 2023, Label: "2023-9M"}
			r.Meta.Date = "2023-09-21"
		}, []string{"late-submission@header"}},
		{"Q2 is not a national period", func(r *extract.Report) {
			r.Meta.Period = extract.Period{Kind: extract.PeriodQuarter, Year: 2023, Quarter: 2, Label: "2023-Q2"}
		}, []string{"period-unknown@header"}},
		{"impossible citation date", func(r *extract.Report) {
			r.Diagnostics = append(r.Diagnostics, extract.Diagnostic{Code: "citation.bad_date", Severity: extract.SeverityWarning,
				Message: "impossible date", Span: &extract.Span{Start: 0, End: 3}})
		}, []string{"citation-bad-date@line 1"}},
		{"citation after the report", func(r *extract.Report) { r.Citations[0].Date = "2023-04-01" },
			[]string{"citation-bad-date@footnote 1"}},
		{"other report type: only type-free checks", func(r *extract.Report) {
			r.Meta.DocType = "Quyết định"
			r.Meta.Number, r.Meta.Recipients, r.Sections = "", nil, nil
			r.Footnotes[0].Anchor = -1
		}, []string{"footnote-unreferenced@footnote 1"}},
	}
	c := defaultChecker(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cleanReport()
			tt.breakIt(r)
			got := rules(c.Check(r))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMessagesAndSeverities(t *testing.T) {
	r := cleanReport()
	r.Meta.Date = "2023-03-25"
	// The message is English with the ISO date; its template and
	// arguments let the reader's language say it (package i18n).
	fs := defaultChecker(t).Check(r)
	if len(fs) != 1 || fs[0].Severity != extract.SeverityError || !strings.Contains(fs[0].Message, "2023-03-20") {
		t.Errorf("%+v, want one error mentioning 2023-03-20", fs)
	}
	if len(fs) == 1 && (fs[0].Template != msgLate || strings.Join(fs[0].Args, " ") != "2023-Q1 2023-03-25 2023-03-20 5") {
		t.Errorf("template %q args %q", fs[0].Template, fs[0].Args)
	}
	if !HasErrors(fs) {
		t.Error("HasErrors false")
	}
}

func TestOddReportsDoNotPanic(t *testing.T) {
	c := defaultChecker(t)
	c.Check(nil)
	c.Check(&extract.Report{})
	c.Check(&extract.Report{Meta: extract.Meta{DocType: "Báo cáo", Title: "CCHC", Date: "2023-02-31",
		Period: extract.Period{Label: "x"}}, Sections: []*extract.Section{nil, sec("", "", "")},
		Diagnostics: []extract.Diagnostic{{Code: "citation.bad_date", Span: &extract.Span{Start: 90, End: -4}},
			{Code: "footnote.missing_text"}}})
}

// TestRuleFile: a rule file changes severities, disables a rule, adds a
// report type and a local period without rebuilding.
func TestRuleFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "rules.yaml")
	custom := `
rules:
  header-missing-recipient: {severity: error}
  numbering-gap: {enabled: false}
periods:
  Q2: {name: Quý II, from: "03-15", to: "06-14", due: "06-20"}
report_types:
  - name: so-nganh
    match: {doc_types: [Báo cáo], title: [tình hình hoạt động]}
    header: {number: true, date: true, recipient: false}
    sections:
      - number: I
        titles: [tình hình]
`
	if err := os.WriteFile(file, []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	rs, err := LoadRules(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.ReportTypes) != 2 {
		t.Fatalf("%d report types, want the built-in one and the new one", len(rs.ReportTypes))
	}
	c := New(rs)

	r := cleanReport()
	r.Meta.Recipients = nil
	r.Sections[0].Children[1].Number = "3" // a gap, but the rule is off
	r.Meta.Period = extract.Period{Label: "2023-Q2"}
	r.Meta.Date = "2023-06-19"
	got := c.Check(r)
	if len(got) != 1 || got[0].Rule != RuleHeaderMissingRecipient || got[0].Severity != extract.SeverityError {
		t.Errorf("custom rules on the CCHC report: %+v", got)
	}

	other := &extract.Report{Meta: extract.Meta{Number: "5/BC-SNV", Date: "2023-05-02", DocType: "Báo cáo",
		Title: "Tình hình hoạt động tháng 4"}, Sections: []*extract.Section{sec("I", "I", "Kết quả")}}
	if c.TypeOf(other) != "so-nganh" {
		t.Fatalf("type %q, want so-nganh", c.TypeOf(other))
	}
	if got := rules(c.Check(other)); strings.Join(got, " ") != "missing-section@section I" {
		t.Errorf("new report type: %v", got)
	}
}

func TestBadRuleFiles(t *testing.T) {
	for name, body := range map[string]string{
		"unknown key":      "rulez: {}",
		"unknown rule":     "rules: {no-such-rule: {severity: error}}",
		"bad severity":     "rules: {late-submission: {severity: fatal}}",
		"bad period date":  `periods: {Q1: {from: "12-15", to: "3/14", due: "03-20"}}`,
		"bad period key":   `periods: {M1: {from: "01-01", to: "01-31", due: "02-05"}}`,
		"section no title": "report_types: [{name: x, sections: [{number: I}]}]",
		"not yaml":         "rules: [",
	} {
		file := filepath.Join(t.TempDir(), "r.yaml")
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadRules(file); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := LoadRules(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestPeriodWindows(t *testing.T) {
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ label, from, to, due string }{
		{"2023-Q1", "2022-12-15", "2023-03-14", "2023-03-20"},
		{"2023-H1", "2022-12-15", "2023-06-14", "2023-06-20"},
		{"2023-Q3", "2023-06-15", "2023-09-14", "2023-09-20"},
		{"2024-9M", "2023-12-15", "2024-09-14", "2024-09-20"},
		{"2025", "2024-12-15", "2025-12-14", "2025-12-20"},
	} {
		w, ok := rs.PeriodWindow(tt.label)
		if !ok || w != (Window{tt.from, tt.to, tt.due}) {
			t.Errorf("%s: %+v %v", tt.label, w, ok)
		}
	}
	for _, label := range []string{"2023-Q2", "2023-Q4", "", "20-Q1"} {
		if _, ok := rs.PeriodWindow(label); ok {
			t.Errorf("%s: has a window", label)
		}
	}
	if end, ok := PeriodEnd("2023-Q2"); !ok || end != "2023-06-30" {
		t.Errorf("PeriodEnd(2023-Q2) = %s", end)
	}
}

func TestTitleMatching(t *testing.T) {
	rs, _ := DefaultRules()
	m := newMatcher(rs)
	rule := m.variants([]string{"CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"})
	for _, title := range []string{
		"Công tác chỉ đạo, điều hành cải cách hành chính",
		"CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC",
		"cong tac chi dao dieu hanh CCHC",
		"Về công tác chỉ đạo, điều hành CCHC",
	} {
		if rule.score(m.key(title)) == 0 {
			t.Errorf("%q does not satisfy the rule", title)
		}
	}
	if rule.score(m.key("Công tác kiểm tra")) != 0 {
		t.Error("an unrelated title matched")
	}
}

func BenchmarkCheck(b *testing.B) {
	c := defaultChecker(b)
	r := cleanReport()
	for b.Loop() {
		c.Check(r)
	}
}

// TestReformAreaSixVariants: the sixth reform area has been named several
// correct ways over the years; every one satisfies the built-in rule.
func TestReformAreaSixVariants(t *testing.T) {
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	var six SectionRule
	for _, s := range rs.ReportTypes[0].Sections {
		for _, c := range s.Children {
			if c.Number == "6" {
				six = c
			}
		}
	}
	m := newMatcher(rs)
	rule := m.variants(six.Titles)
	for _, title := range []string{
		"Hiện đại hóa hành chính",
		"Hiện đại hoá nền hành chính",
		"Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
		"Xây dựng và phát triển chính quyền điện tử, chính quyền số",
		"Xây dựng chính quyền điện tử, chính quyền số",
		"Chuyển đổi số",
		"Đẩy mạnh chuyển đổi số trong hoạt động của cơ quan hành chính",
		"Về xây dựng Chính phủ điện tử",
	} {
		if rule.score(m.key(title)) == 0 {
			t.Errorf("%q does not satisfy reform area 6", title)
		}
	}
}

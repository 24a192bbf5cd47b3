package web

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0",
		"+1":                 "'+1",
		"-2+3":               "'-2+3",
		"@SUM(A1)":           "'@SUM(A1)",
		"\t=1":               "'\t=1",
		"Khánh Hòa":          "Khánh Hòa",
		"":                   "",
		"a=b":                "a=b",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExportNeutralizesCells(t *testing.T) {
	c := &index.Comparison{Period: "2023-Q1",
		Indicators: []index.ComparedIndicator{
			{ID: "meeting.held", Label: "Hội nghị", Unit: "cuộc", Kind: "count"},
			{ID: "dossier.online_pct", Label: "Tỷ lệ hồ sơ trực tuyến", Unit: "%", Kind: "rate"},
			{ID: "index.par_rank", Label: "Xếp hạng PAR INDEX", Kind: "rank"},
		},
		Rows: []index.ComparisonRow{
			{Province: "=HYPERLINK(\"http://x\")", ReportID: "@id", Values: map[string]index.IndicatorValue{
				"meeting.held": {Value: 3, Text: "-Tổ chức 03 hội nghị", Section: "I"}}},
			{Province: "Khánh Hòa", ReportID: "abc", Values: map[string]index.IndicatorValue{
				"dossier.online_pct": {Value: 86.38, Text: "Tỷ lệ … 86,38%", Conflict: true},
				"index.par_rank":     {Value: 11, OutOf: 63, Text: "xếp thứ 11/63"}}},
		}}
	var buf bytes.Buffer
	if err := writeCSV(&buf, comparisonSheet(c, i18n.New(i18n.VI))); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0][:3], ",") != "Tỉnh, thành phố,Kỳ báo cáo,Mã báo cáo" || recs[0][4] != "Tỷ lệ hồ sơ trực tuyến (%)" ||
		strings.Join(recs[1], ",") != "province,period,report_id,meeting.held,dossier.online_pct,index.par_rank,index.par_rank.out_of,conflicts" {
		t.Errorf("CSV header = %q / %q, want labels then ids", recs[0], recs[1])
	}
	// Unstated values are empty, never 0; rates as stated; formulas inert.
	if strings.Join(recs[2], "|") != `'=HYPERLINK("http://x")|2023-Q1|'@id|3||||` {
		t.Errorf("CSV row = %q", recs[2])
	}
	if strings.Join(recs[3], "|") != "Khánh Hòa|2023-Q1|abc||86.38|11|63|dossier.online_pct" {
		t.Errorf("CSV row = %q", recs[3])
	}
	buf.Reset()
	if err := writeComparisonXLSX(&buf, c, i18n.New(i18n.VI)); err != nil {
		t.Fatal(err)
	}
	if err := checkXLSX(buf.Bytes()); err != nil {
		t.Error(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if v, _ := f.GetCellValue(sheet, "A3"); v != `'=HYPERLINK("http://x")` {
		t.Errorf("A3 = %q, want the neutralised text", v)
	}
	if v, _ := f.GetCellValue(sheet, "E4", excelize.Options{RawCellValue: true}); v != "0.8638" {
		t.Errorf("rate cell E4 = %q, want the fraction 0.8638", v)
	}
	if v, _ := f.GetCellValue(sheet, "E4"); v != "86.38%" {
		t.Errorf("rate cell E4 shows %q, want 86.38%%", v)
	}
	if v, _ := f.GetCellValue(sheet, "E3"); v != "" {
		t.Errorf("an unstated value E3 = %q, want blank", v)
	}
	ev, _ := f.GetRows(f.GetSheetList()[1])
	if len(ev) != 4 || ev[1][5] != "'-Tổ chức 03 hội nghị" || ev[2][3] != "86,38%" || ev[3][3] != "11/63" {
		t.Errorf("evidence sheet = %q", ev)
	}
}

func TestFormatValue(t *testing.T) {
	vi, en := i18n.New(i18n.VI), i18n.New(i18n.EN)
	for _, c := range []struct {
		kind   string
		v      index.IndicatorValue
		vi, en string
	}{
		{"count", index.IndicatorValue{Value: 1455775}, "1.455.775", "1,455,775"},
		{"rate", index.IndicatorValue{Value: 86.38}, "86,38%", "86.38%"},
		{"rate", index.IndicatorValue{Value: 100}, "100%", "100%"},
		{"score", index.IndicatorValue{Value: 85.6}, "85,6", "85.6"},
		{"rank", index.IndicatorValue{Value: 11, OutOf: 63}, "11/63", "11/63"},
	} {
		if got := FormatValue(vi, c.kind, c.v); got != c.vi {
			t.Errorf("vi %s %v = %q, want %q", c.kind, c.v.Value, got, c.vi)
		}
		if got := FormatValue(en, c.kind, c.v); got != c.en {
			t.Errorf("en %s %v = %q, want %q", c.kind, c.v.Value, got, c.en)
		}
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"báo cáo.pdf":                      "b_o_c_o.pdf",
		"../../etc/passwd":                 "passwd",
		`..\..\windows\win.ini`:            "win.ini",
		".hidden":                          "hidden",
		"":                                 "file",
		"..":                               "file",
		"a/b/":                             "file",
		"x\x00y.md":                        "x_y.md",
		strings.Repeat("a", 200) + ".docx": strings.Repeat("a", 75) + ".docx",
	} {
		got := SafeName(in)
		if got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(got, `/\`) || strings.HasPrefix(got, ".") {
			t.Errorf("SafeName(%q) = %q is not a safe base name", in, got)
		}
	}
}

func TestSearchExportNeutralizesCells(t *testing.T) {
	res := &index.Result{Hits: []index.Hit{{Province: "Khánh Hòa", Period: "2023-Q1", ReportID: "abc",
		Section: "II.1", SectionTitle: "=cmd|' /C calc'!A0", SnippetText: "-2+3 [[TTHC]]", More: 2}}}
	var buf bytes.Buffer
	if err := WriteSearchCSV(&buf, res, i18n.New(i18n.VI)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("%v %q", err, recs)
	}
	if recs[2][5] != "'=cmd|' /C calc'!A0" || recs[2][7] != "'-2+3 [[TTHC]]" || recs[2][6] != "2" {
		t.Errorf("CSV row = %q", recs[2])
	}
	buf.Reset()
	if err := WriteSearchXLSX(&buf, res, i18n.New(i18n.VI)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) != 3 || rows[2][5] != "'=cmd|' /C calc'!A0" || rows[2][6] != "2" {
		t.Errorf("sheet rows: %v %q", err, rows)
	}
}

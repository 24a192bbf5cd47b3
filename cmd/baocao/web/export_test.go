package web

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

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
	c := &index.Comparison{Period: "2023-Q1", Rows: []index.ComparisonRow{
		{Province: "=HYPERLINK(\"http://x\")", ReportID: "@id", Metrics: map[string]int64{"meeting": 3}},
		{Province: "Khánh Hòa", ReportID: "abc", Metrics: map[string]int64{"dossier": 41495}},
	}}
	var buf bytes.Buffer
	if err := writeCSV(&buf, comparisonSheet(c, i18n.New(i18n.VI))); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0][:3], ",") != "Kỳ báo cáo,Tỉnh, thành phố,Mã báo cáo" || strings.Join(recs[1][:4], ",") != "period,province,report_id,meeting" {
		t.Errorf("CSV header = %q / %q, want labels then ids", recs[0], recs[1])
	}
	if recs[2][1] != `'=HYPERLINK("http://x")` || recs[2][2] != "'@id" || recs[2][3] != "3" {
		t.Errorf("CSV row = %q", recs[2])
	}
	buf.Reset()
	if err := writeXLSX(&buf, "2023-Q1", comparisonSheet(c, i18n.New(i18n.VI))); err != nil {
		t.Fatal(err)
	}
	if err := checkXLSX(buf.Bytes()); err != nil {
		t.Error(err)
	}
	sheet := unzipPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	for _, want := range []string{`<t xml:space="preserve">&#39;=HYPERLINK(&#34;http://x&#34;)</t>`, `<c r="K4"><v>41495</v></c>`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet lacks %s:\n%s", want, sheet)
		}
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := columnName(i); got != want {
			t.Errorf("columnName(%d) = %s, want %s", i, got, want)
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
	if sheet := unzipPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml"); !strings.Contains(sheet, "&#39;=cmd|&#39; /C calc&#39;!A0") || !strings.Contains(sheet, `<c r="G3"><v>2</v></c>`) {
		t.Errorf("sheet: %s", sheet)
	}
}

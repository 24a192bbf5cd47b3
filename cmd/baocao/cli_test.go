package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/baocao/baocao/extract"
)

const seedPath = "../../../shared/seeds/khanh-hoa-q1-2023-page1.md"

// TestMain lets the test binary stand in for baocao when the pipeline
// starts a parser worker (os.Executable() extract-one …).
func TestMain(m *testing.M) {
	if os.Getenv("BAOCAO_TEST_AS_CLI") == "1" && len(os.Args) > 1 && os.Args[1] == "extract-one" {
		main()
		return
	}
	os.Setenv("BAOCAO_TEST_AS_CLI", "1")
	os.Exit(m.Run())
}

// run executes baocao with args in dir and returns stdout, stderr and the
// exit status.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errOut bytes.Buffer
	code := execute(context.Background(), args, &out, &errOut, os.Environ())
	return out.String(), errOut.String(), code
}

func abs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestExtractSeedMeetsTheContract(t *testing.T) {
	seed := abs(t, seedPath)
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("the seed page is not beside the checkout (%v); CI copies shared/ there", err)
	}
	stdout, stderr, code := run(t, t.TempDir(), "extract", "-o", "json", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	validateReportJSON(t, stdout)
	var r extract.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	m := r.Meta
	if m.Province != "Khánh Hòa" || m.Period.Label != "2023-Q1" || len(m.Recipients) != 1 || m.Recipients[0] != "Bộ Nội vụ" {
		t.Errorf("meta = %+v", m)
	}
	if len(r.Sections) != 1 || r.Sections[0].Number != "I" || r.Sections[0].Title != "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC" ||
		len(r.Sections[0].Children) != 1 || r.Sections[0].Children[0].Number != "1" || r.Sections[0].Children[0].Title != "Chỉ đạo, điều hành CCHC" {
		t.Errorf("sections = %+v", r.Sections)
	}
	if len(r.Footnotes) != 2 || r.Footnotes[0].Section != "I.1" || r.Footnotes[1].Section != "I.1" {
		t.Errorf("footnotes = %+v", r.Footnotes)
	}
	want := map[string]string{"581/BNV-CCHC": "2022-02-21 -", "4831/QĐ-UBND": "2021-12-24 1", "3604/QĐ-UBND": "2022-12-28 2", "91-KL/TU": "2022-10-18 -"}
	got := map[string]string{}
	for _, c := range r.Citations {
		fn := "-"
		if c.Footnote != nil {
			fn = string(rune('0' + *c.Footnote))
		}
		if c.Ref != nil {
			got[*c.Ref] = c.Date + " " + fn
		}
	}
	if len(r.Citations) != 4 || len(got) != 4 {
		t.Errorf("want exactly 4 citations, got %v", got)
	}
	for ref, w := range want {
		if got[ref] != w {
			t.Errorf("citation %s = %q, want %q", ref, got[ref], w)
		}
	}
	counts := map[string]int64{}
	for _, c := range r.Counts {
		counts[string(c.Kind)] += c.Value
	}
	wantCounts := map[string]int64{"target": 12, "task": 64, "field": 6, "document": 10}
	if len(r.Counts) != 4 || len(counts) != 4 {
		t.Errorf("want exactly 4 counts, got %+v", r.Counts)
	}
	for k, v := range wantCounts {
		if counts[k] != v {
			t.Errorf("count %s = %d, want %d", k, counts[k], v)
		}
	}
}

// validateReportJSON checks a Report JSON against the shipped schema.
func validateReportJSON(t *testing.T, doc string) {
	t.Helper()
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(extract.ReportSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("report.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("output does not validate against report.schema.json: %v", err)
	}
}

func TestExtractEveryFormatValidates(t *testing.T) {
	docs := abs(t, "../../testdata/docs")
	entries, err := os.ReadDir(docs)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if seen[ext] {
			continue
		}
		seen[ext] = true
		t.Run(e.Name(), func(t *testing.T) {
			stdout, stderr, code := run(t, t.TempDir(), "extract", "-o", "json", filepath.Join(docs, e.Name()))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			validateReportJSON(t, stdout)
		})
	}
}

// TestReportTextIsCleanForTheTerminal: a report whose text carries
// terminal escapes prints without them in text (extract and show), and
// keeps its text as it is in JSON.
func TestReportTextIsCleanForTheTerminal(t *testing.T) {
	docs := t.TempDir()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata/docs/khanh-hoa-2023-q1.md"))
	if err != nil {
		t.Fatal(err)
	}
	hostile := strings.Replace(string(src), "Sở Nội vụ đã tham mưu", "Đoạn \x1b]0;pwned\x07\x1b[31mđỏ\x1b[0m và \u202eđảo\u202c chữ. Sở Nội vụ đã tham mưu", 1)
	file := filepath.Join(docs, "hostile.md")
	os.WriteFile(file, []byte(hostile), 0o644)
	work := t.TempDir()
	out, stderr, code := run(t, work, "extract", file)
	if code != 0 || strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("extract: exit %d %s, escapes in the text output:\n%q", code, stderr, out)
	}
	js, _, _ := run(t, work, "extract", "-o", "json", file)
	if !strings.Contains(js, `\u001b]0;pwned`) {
		t.Error("extract -o json: the text is not kept as it is")
	}
	run(t, work, "ingest", docs)
	id := between(js, `"id": "`, `"`)
	if out, stderr, code := run(t, work, "show", id); code != 0 || strings.ContainsAny(out, "\x1b\x07\u202e") || !strings.Contains(out, "đỏ") {
		t.Errorf("show: exit %d %s, escapes in the text output (or the body missing):\n%q", code, stderr, out)
	}
}

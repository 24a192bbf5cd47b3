package pipeline_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/docx"
	"github.com/baocao/baocao/pipeline/pdf"
	"github.com/baocao/baocao/pipeline/plaintext"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

const (
	docsDir   = "../testdata/docs"
	goldenDir = "../testdata/golden"
	expectDir = "../testdata/expect"
)

func newTestPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return &pipeline.Pipeline{Extractor: ex, Ingesters: map[extract.Format]pipeline.Ingester{
		extract.FormatMarkdown: plaintext.New(plaintext.DefaultOptions(), true),
		extract.FormatText:     plaintext.New(plaintext.DefaultOptions(), false),
		extract.FormatDOCX:     docx.New(docx.DefaultOptions()),
		extract.FormatPDF:      pdf.New(pdf.DefaultOptions()),
	}}
}

func sampleFiles(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, e.Name())
		}
	}
	return out
}

func process(t testing.TB, p *pipeline.Pipeline, name string) *extract.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(docsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	// The source path is recorded relative to testdata/docs, so golden
	// files do not depend on where the checkout is.
	r, err := p.Process(context.Background(), name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

// TestGolden runs the real ingest and extraction on every sample and
// compares the Report with testdata/golden/<file>.json (go test ./pipeline
// -run TestGolden -update rewrites them; review the diff like code).
func TestGolden(t *testing.T) {
	p := newTestPipeline(t)
	for _, name := range sampleFiles(t) {
		t.Run(name, func(t *testing.T) {
			r := process(t, p, name)
			checkInvariants(t, r)
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join(goldenDir, name+".json")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no golden file (run with -update): %v", err)
			}
			var gv, wv any
			if err := json.Unmarshal(got, &gv); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(want, &wv); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(wv, gv); d != "" {
				t.Errorf("report differs from %s (-want +got):\n%s", path, d)
			}
		})
	}
}

// checkInvariants asserts what must hold of any Report: spans in bounds
// with their text, sections nested inside their parents.
func checkInvariants(t *testing.T, r *extract.Report) {
	t.Helper()
	in := func(what string, s extract.Span) {
		if s.Start < 0 || s.End > len(r.Text) || s.Start > s.End {
			t.Errorf("%s: span %v out of bounds (text %d bytes)", what, s, len(r.Text))
		}
	}
	var walk func(parent *extract.Section, secs []*extract.Section)
	walk = func(parent *extract.Section, secs []*extract.Section) {
		for _, s := range secs {
			in("section "+s.Path, s.Span)
			in("section body "+s.Path, s.Body)
			if parent != nil && (s.Body.Start < parent.Body.Start || s.Body.End > parent.Body.End) {
				t.Errorf("section %s body %v outside parent %s body %v", s.Path, s.Body, parent.Path, parent.Body)
			}
			walk(s, s.Children)
		}
	}
	walk(nil, r.Sections)
	for _, f := range r.Footnotes {
		in(fmt.Sprint("footnote ", f.Number), f.Span)
	}
	for _, c := range r.Citations {
		in("citation "+c.Text, c.Span)
		if r.Text[c.Span.Start:c.Span.End] != c.Text {
			t.Errorf("citation text %q != text at its span %q", c.Text, r.Text[c.Span.Start:c.Span.End])
		}
	}
	for _, c := range r.Counts {
		in("count "+c.Text, c.Span)
	}
}

// expectation is a hand-written account of a sample report
// (testdata/expect/<name>.json), independent of the program's output.
type expectation struct {
	Province      string            `json:"province"`
	Period        string            `json:"period"`
	Number        string            `json:"number"`
	Date          string            `json:"date"`
	DocType       string            `json:"doc_type"`
	Recipients    []string          `json:"recipients"`
	Sections      []string          `json:"sections"`
	SectionTitles map[string]string `json:"section_titles"`
	Footnotes     map[string]string `json:"footnotes"`
	Citations     []struct {
		Ref      *string `json:"ref"`
		Type     string  `json:"type"`
		Date     string  `json:"date"`
		Footnote *int    `json:"footnote"`
	} `json:"citations"`
	Counts []struct {
		Kind   string `json:"kind"`
		Value  int64  `json:"value"`
		Nested bool   `json:"nested"`
	} `json:"counts"`
}

// TestExpectations compares the extraction of every sample, in every
// format it exists in, with its hand-written expectation.
func TestExpectations(t *testing.T) {
	p := newTestPipeline(t)
	files, err := filepath.Glob(filepath.Join(expectDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no expectations in", expectDir)
	}
	samples := sampleFiles(t)
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		var exp expectation
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &exp); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, name := range samples {
			if strings.TrimSuffix(name, filepath.Ext(name)) != base {
				continue
			}
			t.Run(name, func(t *testing.T) {
				compareExpectation(t, exp, process(t, p, name))
			})
		}
	}
}

func compareExpectation(t *testing.T, exp expectation, r *extract.Report) {
	t.Helper()
	m := r.Meta
	for _, f := range []struct{ name, want, got string }{
		{"province", exp.Province, m.Province}, {"period", exp.Period, m.Period.Label},
		{"number", exp.Number, m.Number}, {"date", exp.Date, m.Date}, {"doc_type", exp.DocType, m.DocType},
	} {
		if f.want != f.got {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	if exp.Recipients != nil {
		if d := cmp.Diff(exp.Recipients, m.Recipients); d != "" {
			t.Errorf("recipients (-want +got):\n%s", d)
		}
	}
	var paths []string
	titles := map[string]string{}
	var walk func([]*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			paths = append(paths, s.Path)
			titles[s.Path] = s.Title
			walk(s.Children)
		}
	}
	walk(r.Sections)
	if d := cmp.Diff(exp.Sections, paths); d != "" {
		t.Errorf("section paths (-want +got):\n%s", d)
	}
	for path, want := range exp.SectionTitles {
		if got := titles[path]; extract.SearchKey(got) != extract.SearchKey(want) {
			t.Errorf("section %s title = %q, want %q", path, got, want)
		}
	}
	gotNotes := map[string]string{}
	for _, f := range r.Footnotes {
		gotNotes[fmt.Sprint(f.Number)] = f.Section
	}
	if d := cmp.Diff(exp.Footnotes, gotNotes); exp.Footnotes != nil && d != "" {
		t.Errorf("footnote → section (-want +got):\n%s", d)
	}
	key := func(ref *string, typ, date string, fn *int) string {
		s := "null"
		if ref != nil {
			s = *ref
		} else {
			s = "law:" + typ
		}
		f := "body"
		if fn != nil {
			f = fmt.Sprint("fn", *fn)
		}
		return s + " " + date + " " + f
	}
	var want, got []string
	for _, c := range exp.Citations {
		want = append(want, key(c.Ref, c.Type, c.Date, c.Footnote))
	}
	for _, c := range r.Citations {
		got = append(got, key(c.Ref, c.Type, c.Date, c.Footnote))
	}
	sort.Strings(want)
	sort.Strings(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("citations (ref date footnote) (-want +got):\n%s", d)
	}
	want, got = nil, nil
	for _, c := range exp.Counts {
		want = append(want, fmt.Sprintf("%s %d nested=%v", c.Kind, c.Value, c.Nested))
	}
	for _, c := range r.Counts {
		got = append(got, fmt.Sprintf("%s %d nested=%v", c.Kind, c.Value, c.Nested))
	}
	sort.Strings(want)
	sort.Strings(got)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("counts (-want +got):\n%s", d)
	}
}

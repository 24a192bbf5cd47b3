package pipeline_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
)

// The real-layout corpus (testdata/real, see its README): documents laid
// out the way offices send them — web pages copied with the site's chrome,
// DOCX with two-column header tables, PDFs printed from those, decisions
// and decrees with Chương/Điều, công văn with V/v — each with a
// hand-written expectation in testdata/real/expect.
const realDir = "../testdata/real"

// realExpectation lists what a corpus document must give; a field left out
// of the file is not checked, a field given empty must be empty.
type realExpectation struct {
	Issuer          *string           `json:"issuer"`
	IssuerCanonical *string           `json:"issuer_canonical"`
	Province        *string           `json:"province"`
	Number          *string           `json:"number"`
	Date            *string           `json:"date"`
	Place           *string           `json:"place"`
	DocType         *string           `json:"doc_type"`
	Title           *string           `json:"title"`
	Period          *string           `json:"period"`
	Recipients      []string          `json:"recipients"`
	Sections        []string          `json:"sections"`
	Footnotes       map[string]string `json:"footnotes"`
	Citations       []struct {
		Ref             *string `json:"ref"`
		Type            string  `json:"type"`
		Date            string  `json:"date"`
		Issuer          string  `json:"issuer"`
		IssuerCanonical *string `json:"issuer_canonical"`
	} `json:"citations"`
}

func TestRealLayouts(t *testing.T) {
	entries, err := os.ReadDir(realDir)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := check.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	checker := check.New(rs)
	p := newTestPipeline(t)
	n := 0
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || e.Name() == "README.md" || !strings.Contains(".txt.md.docx.pdf", filepath.Ext(e.Name())) {
			continue
		}
		n++
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			var exp realExpectation
			raw, err := os.ReadFile(filepath.Join(realDir, "expect", strings.TrimSuffix(name, filepath.Ext(name))+".json"))
			if err != nil {
				t.Fatalf("no expectation: %v", err)
			}
			if err := json.Unmarshal(raw, &exp); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join(realDir, name))
			if err != nil {
				t.Fatal(err)
			}
			r, err := p.Process(t.Context(), name, data)
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, r)
			compareReal(t, exp, r)
			// Every document of the corpus is clean: a finding is a false
			// alarm.
			for _, f := range checker.Check(r) {
				t.Errorf("finding on a clean document: %s %s: %s", f.Rule, f.Location, f.Message)
			}
		})
	}
	if n < 15 {
		t.Errorf("only %d documents in %s", n, realDir)
	}
}

func compareReal(t *testing.T, exp realExpectation, r *extract.Report) {
	t.Helper()
	m := r.Meta
	for _, f := range []struct {
		name string
		want *string
		got  string
	}{
		{"issuer", exp.Issuer, m.Issuer}, {"issuer_canonical", exp.IssuerCanonical, m.IssuerCanonical},
		{"province", exp.Province, m.Province}, {"number", exp.Number, m.Number}, {"date", exp.Date, m.Date},
		{"place", exp.Place, m.Place}, {"doc_type", exp.DocType, m.DocType}, {"title", exp.Title, m.Title},
		{"period", exp.Period, m.Period.Label},
	} {
		if f.want != nil && *f.want != f.got {
			t.Errorf("%s = %q, want %q", f.name, f.got, *f.want)
		}
	}
	if exp.Recipients != nil {
		if d := cmp.Diff(exp.Recipients, m.Recipients); d != "" {
			t.Errorf("recipients (-want +got):\n%s", d)
		}
	}
	paths := []string{}
	var walk func([]*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			paths = append(paths, s.Path)
			walk(s.Children)
		}
	}
	walk(r.Sections)
	if exp.Sections != nil {
		if d := cmp.Diff(exp.Sections, paths); d != "" {
			t.Errorf("section paths (-want +got):\n%s", d)
		}
	}
	if exp.Footnotes != nil {
		got := map[string]string{}
		for _, f := range r.Footnotes {
			got[fmt.Sprint(f.Number)] = f.Section
		}
		if d := cmp.Diff(exp.Footnotes, got); d != "" {
			t.Errorf("footnote → section (-want +got):\n%s", d)
		}
	}
	if exp.Citations != nil {
		line := func(ref *string, typ, date, issuer string, canon *string) string {
			s := "law"
			if ref != nil {
				s = *ref
			}
			l := s + " | " + typ + " | " + date + " | " + issuer
			if canon != nil {
				l += " | " + *canon
			}
			return l
		}
		var want, got []string
		canonWanted := map[string]bool{}
		for _, c := range exp.Citations {
			want = append(want, line(c.Ref, c.Type, c.Date, c.Issuer, c.IssuerCanonical))
			if c.IssuerCanonical != nil && c.Ref != nil {
				canonWanted[*c.Ref] = true
			}
		}
		for _, c := range r.Citations {
			var canon *string
			if c.Ref != nil && canonWanted[*c.Ref] {
				canon = &c.IssuerCanonical
			}
			got = append(got, line(c.Ref, c.Type, c.Date, c.Issuer, canon))
		}
		sort.Strings(want)
		sort.Strings(got)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("citations (-want +got):\n%s", d)
		}
	}
}

package pipeline_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// realSample is one document of the real-layout corpus as the pipeline
// reads it: its format, the ingested Document (the text the rules see) and
// its hand-written expectation.
type realSample struct {
	name   string
	format extract.Format
	doc    *extract.Document
	exp    realExpectation
}

// realPattern is one of the patterns of real documents that issue 8 lists
// under "Why", the formats it occurs in, and how a sample shows it: from
// what the ingester hands the rules (the Document) and from what the
// sample must give (its expectation, checked by TestRealLayouts).
type realPattern struct {
	name    string
	formats []extract.Format
	shows   func(s realSample) bool
}

var (
	allFormats = []extract.Format{extract.FormatText, extract.FormatMarkdown, extract.FormatDOCX, extract.FormatPDF}
	// "QĐ-TTgngày", "NĐ-CPngày", "năm2018", "119A/…": glued by a web
	// page's or a PDF's text, or typed so.
	reGlued       = regexp.MustCompile(`[\p{Lu}g]ngày\b|năm(?:19|20)\d\d|\b\d{1,5}[A-ZĐ]/`)
	reNumberYear  = regexp.MustCompile(`^\d{1,5}[a-zA-ZđĐ]?/(?:19|20)\d\d/`)
	reLowerLaw    = regexp.MustCompile(`\b(?:Bộ luật|Luật) \p{Ll}`)
	reQuocHieuCut = regexp.MustCompile(`^(?:CỘNG HÒA|CHỦ NGHĨA|NAM$)`)
)

// The nine patterns; every one can occur in every format (a web page
// copied as text or Markdown, a DOCX typed in Word, a PDF printed from
// Word or from a browser).
var realPatterns = []realPattern{
	{"1 own number with a year", allFormats, func(s realSample) bool {
		return s.exp.Number != nil && reNumberYear.MatchString(*s.exp.Number)
	}},
	{"2 header in regions (tables, columns, wrapped Quốc hiệu, web chrome)", allFormats, func(s realSample) bool {
		for i, b := range s.doc.Blocks[:min(12, len(s.doc.Blocks))] {
			t := s.doc.BlockText(i)
			switch {
			case b.Kind == extract.BlockTableRow, strings.Contains(t, " | CỘNG HÒA"):
				return true // a header table
			case reQuocHieuCut.MatchString(t) && !strings.Contains(t, "VIỆT NAM"):
				return true // the Quốc hiệu wrapped
			}
		}
		// Web chrome: the first line is neither the issuer nor the Quốc hiệu.
		first := s.doc.BlockText(0)
		chrome := s.exp.Issuer != nil && *s.exp.Issuer != "" && !strings.HasPrefix(first, strings.Fields(*s.exp.Issuer)[0]) && !strings.HasPrefix(first, "CỘNG HÒA")
		return chrome || s.format == extract.FormatPDF // two columns by position
	}},
	{"3 title stopped at the authority line or Căn cứ; type split over two lines", allFormats, func(s realSample) bool {
		for i := range s.doc.Blocks {
			t := s.doc.BlockText(i)
			if strings.HasPrefix(t, "Căn cứ") || t == "QUYẾT" || t == "QUYẾT ĐỊNH" && i > 0 && s.doc.BlockText(i-1) == "QUYẾT" {
				return s.exp.Title != nil && *s.exp.Title != ""
			}
		}
		return false
	}},
	{"4 citation issuers read whole (commas, lower-case words, lists)", allFormats, func(s realSample) bool {
		for _, c := range s.exp.Citations {
			if strings.Contains(c.Issuer, ",") || len(strings.Fields(c.Issuer)) >= 4 {
				return true
			}
		}
		return false
	}},
	{"5 glued tokens (QĐ-TTgngày, năm2007, 119A/…)", allFormats, func(s realSample) bool {
		return reGlued.MatchString(s.doc.Text)
	}},
	{"6 types (Nghị định, Thông tư, Nghị quyết, Án lệ, laws in lower case)", allFormats, func(s realSample) bool {
		types := map[string]bool{"Nghị định": true, "Thông tư": true, "Nghị quyết": true, "Án lệ": true}
		if s.exp.DocType != nil && types[*s.exp.DocType] {
			return true
		}
		for _, c := range s.exp.Citations {
			if types[c.Type] {
				return true
			}
		}
		return reLowerLaw.MatchString(s.doc.Text)
	}},
	{"7 legal structure (Chương / Mục / Điều / khoản / điểm)", allFormats, func(s realSample) bool {
		for _, p := range s.exp.Sections {
			if strings.Contains(p, "Điều") && strings.Contains(p, ".") {
				return true
			}
		}
		return false
	}},
	{"8 clean report, no false alarm (area titles, run-ins, [1] notes, broken refs)", allFormats, func(s realSample) bool {
		if s.exp.DocType == nil || *s.exp.DocType != "Báo cáo" {
			return false
		}
		if len(s.exp.Footnotes) > 0 {
			return true
		}
		for _, p := range s.exp.Sections {
			if p == "II.6" {
				return true
			}
		}
		return false
	}},
	{"9 central body: no province, no period from a law's date", allFormats, func(s realSample) bool {
		return s.exp.Province != nil && *s.exp.Province == "" && s.exp.IssuerCanonical != nil && *s.exp.IssuerCanonical != ""
	}},
}

// TestRealLayoutPatterns shows, pattern by pattern, in which formats the
// real-layout corpus has a sample of it (TestRealLayouts checks that each
// sample gives its expectation), and fails when a format a pattern occurs
// in has none. Run with -v to print the coverage matrix.
func TestRealLayoutPatterns(t *testing.T) {
	samples := realSamples(t)
	var matrix strings.Builder
	fmt.Fprintf(&matrix, "%-78s", "pattern")
	for _, f := range allFormats {
		fmt.Fprintf(&matrix, " %-9s", f)
	}
	matrix.WriteString("\n")
	for _, p := range realPatterns {
		by := map[extract.Format][]string{}
		for _, s := range samples {
			if p.shows(s) {
				by[s.format] = append(by[s.format], s.name)
			}
		}
		fmt.Fprintf(&matrix, "%-78s", p.name)
		for _, f := range allFormats {
			fmt.Fprintf(&matrix, " %-9d", len(by[f]))
		}
		matrix.WriteString("\n")
		for _, f := range p.formats {
			if len(by[f]) == 0 {
				t.Errorf("pattern %q: no %s sample", p.name, f)
			}
		}
		for _, f := range allFormats {
			sort.Strings(by[f])
			t.Logf("%s / %s: %s", p.name, f, strings.Join(by[f], ", "))
		}
	}
	t.Logf("samples per pattern and format:\n%s", matrix.String())
}

// realSamples reads every document of the corpus with its expectation.
func realSamples(t *testing.T) []realSample {
	t.Helper()
	entries, err := os.ReadDir(realDir)
	if err != nil {
		t.Fatal(err)
	}
	p := newTestPipeline(t)
	var out []realSample
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if e.IsDir() || e.Name() == "README.md" || !strings.Contains(".txt.md.docx.pdf", ext) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(realDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		format, err := pipeline.Sniff(e.Name(), data)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		doc, err := p.Ingest(t.Context(), format, e.Name(), data)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		s := realSample{name: e.Name(), format: format, doc: doc}
		raw, err := os.ReadFile(filepath.Join(realDir, "expect", strings.TrimSuffix(e.Name(), ext)+".json"))
		if err != nil {
			t.Fatalf("%s: no expectation: %v", e.Name(), err)
		}
		if err := json.Unmarshal(raw, &s.exp); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		out = append(out, s)
	}
	return out
}

// TestRealLayoutsSameInEveryFormat: a document of the corpus made in
// several forms from one source (a web page as text, Markdown, DOCX and
// browser PDF; a Word file and its PDF) gives the same Report in each.
func TestRealLayoutsSameInEveryFormat(t *testing.T) {
	entries, err := os.ReadDir(realDir)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string][]string{}
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		if e.IsDir() || name == "README.md" || !strings.Contains(".txt.md.docx.pdf", ext) {
			continue
		}
		base := strings.TrimSuffix(name, ext)
		for _, prefix := range []string{"md-", "docx-", "pdf-"} {
			base = strings.TrimPrefix(base, prefix)
		}
		groups[base] = append(groups[base], name)
	}
	p := newTestPipeline(t)
	compared := 0
	for base, names := range groups {
		if len(names) < 2 {
			continue
		}
		compared++
		t.Run(base, func(t *testing.T) {
			read := func(name string) comparable {
				data, err := os.ReadFile(filepath.Join(realDir, name))
				if err != nil {
					t.Fatal(err)
				}
				r, err := p.Process(t.Context(), name, data)
				if err != nil {
					t.Fatal(err)
				}
				return formatFree(r)
			}
			want := read(names[0])
			for _, other := range names[1:] {
				if d := cmp.Diff(want, read(other)); d != "" {
					t.Errorf("%s and %s differ (-%s +%s):\n%s", names[0], other, names[0], other, d)
				}
			}
		})
	}
	if compared < 6 {
		t.Errorf("only %d documents in several formats", compared)
	}
}

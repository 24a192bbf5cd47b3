package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract runs every rule on arbitrary documents (lines in docFrom's
// notation, so headings, list items, table rows, footnotes and markers all
// occur) and checks the Report's invariants. Seeds are the sample reports.
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("../testdata/docs/*.md")
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && utf8.Valid(data) {
			f.Add(string(data))
		}
	}
	f.Add("BÁO CÁO\nKết quả CCHC quý I năm 2023\nKính gửi: Bộ Nội vụ\nI. A\n1. B{1}\n^1 Quyết định số 1/QĐ-UBND ngày 01/01/2023")
	e, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		d := docFrom(strings.Split(src, "\n")...)
		r := e.Extract(d)
		in := func(what string, s Span) {
			if s.Start < 0 || s.End > len(r.Text) || s.Start > s.End {
				t.Fatalf("%s: span %v out of bounds (%d bytes)", what, s, len(r.Text))
			}
		}
		for k, s := range r.Meta.Spans {
			in("meta "+k, s)
		}
		var walk func(parent *Section, ss []*Section)
		walk = func(parent *Section, ss []*Section) {
			for _, s := range ss {
				in("section", s.Span)
				in("section body", s.Body)
				if parent != nil && (s.Body.Start < parent.Body.Start || s.Body.End > parent.Body.End || s.Level != parent.Level+1) {
					t.Fatalf("section %s not nested in %s", s.Path, parent.Path)
				}
				walk(s, s.Children)
			}
		}
		walk(nil, r.Sections)
		for _, fn := range r.Footnotes {
			in("footnote", fn.Span)
			if fn.Anchor > len(r.Text) {
				t.Fatalf("footnote anchor %d out of bounds", fn.Anchor)
			}
		}
		for _, c := range r.Citations {
			in("citation", c.Span)
			if r.Text[c.Span.Start:c.Span.End] != c.Text {
				t.Fatalf("citation text %q is not the text at its span", c.Text)
			}
		}
		for _, c := range r.Counts {
			in("count", c.Span)
			if c.Value < 0 {
				t.Fatalf("negative count %+v", c)
			}
		}
	})
}

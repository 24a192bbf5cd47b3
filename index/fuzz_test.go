package index

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/baocao/baocao/extract"
)

// FuzzBuildDocs feeds arbitrary text and spans (as a broken extractor
// might produce) to the document builder: no panic, valid UTF-8 out of
// valid UTF-8 in, every piece of a section's text taken from the report.
func FuzzBuildDocs(f *testing.F) {
	for _, r := range corpus() {
		f.Add(r.Text, r.Sections[0].Body.Start, r.Sections[0].Body.End, 3, 40, 10, 20)
	}
	f.Add("Nghệ An", -5, 100, 7, 2, 1, 1)
	f.Add(strings.Repeat("ế", 30), 1, 44, 2, 3, 5, 4)
	f.Fuzz(func(t *testing.T, text string, s0, e0, s1, e1, fs, fe int) {
		r := &extract.Report{ID: "f", Text: text, Meta: extract.Meta{Province: text}}
		child := &extract.Section{Path: "I.1", Title: text, Body: extract.Span{Start: s1, End: e1}}
		r.Sections = []*extract.Section{{Path: "I", Body: extract.Span{Start: s0, End: e0}, Children: []*extract.Section{child, nil}}, nil}
		r.Footnotes = []extract.Footnote{{Number: 1, Span: extract.Span{Start: fs, End: fe}, Section: "I.1"}}
		ref := text
		r.Citations = []extract.Citation{{Ref: &ref, Span: extract.Span{Start: fs, End: fe}, Mentions: []extract.Span{{Start: e0, End: s0}}}}
		docs, err := buildDocs(r, newAbbrevSet(nil), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs[1:] {
			sd, ok := d.data.(*sectionDoc)
			if !ok {
				continue // cite documents hold no text
			}
			for _, piece := range strings.Split(sd.Text+"\n"+sd.Notes, "\n") {
				if !strings.Contains(text, piece) {
					t.Fatalf("piece %q not in text", piece)
				}
				if utf8.ValidString(text) && !utf8.ValidString(piece) {
					t.Fatalf("invalid UTF-8 piece %q", piece)
				}
			}
		}
	})
}

// FuzzSearch runs arbitrary query text against a small index: Search
// never fails or panics, and snippets stay valid UTF-8.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"cai cach the che", `"Nghệ An"`, "3604/QĐ-UBND", "TTHC", `"`, `""`, "số /", "1/2/3/4", "ủy ban nhân dân", "\u0301", "a\"b\"c\"", "91-KL/TU", "x/ -"} {
		f.Add(s, "khanh hoa")
	}
	ix := openTest(f)
	if err := ix.Put(context.Background(), corpus()...); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, province string) {
		res, err := ix.Search(context.Background(), Query{Text: text, Province: province, Limit: 5})
		if err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		for _, h := range res.Hits {
			if !utf8.ValidString(h.Snippet) || !utf8.ValidString(h.SnippetText) {
				t.Fatalf("invalid snippet %q", h.Snippet)
			}
		}
	})
}

// FuzzSnippet checks the snippet cutter on arbitrary text and matches.
func FuzzSnippet(f *testing.F) {
	f.Add("Công tác cải cách thể chế được chú trọng", 9, 13, 14, 19)
	f.Add(strings.Repeat("Khánh Hòa và ", 40), 0, 6, 400, 420)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		var locs []span
		for _, l := range []span{{a, b}, {c, d}} {
			if l.start >= 0 && l.end <= len(text) && l.start < l.end {
				locs = append(locs, l)
			}
		}
		h, p := snippet(text, locs)
		if utf8.ValidString(text) && (!utf8.ValidString(h) || !utf8.ValidString(p)) {
			t.Fatalf("invalid UTF-8: %q", p)
		}
	})
}

package extract

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/tools/txtar"
)

// Rule case files (testdata/rules/{header,citation,section}.txtar): a new
// real-world pattern is one new case, not new test code. Each case is a
// "<name>.in" document in the block syntax of caseDoc and a "<name>.want"
// listing what the rule must find (see the comment at the top of each
// file). Every case also runs decomposed (NFD).

// caseDoc builds a Document from case lines: "| " a table row (cells
// separated by " | ", as the DOCX reader writes them), "[^N] " footnote N,
// "# " a heading, "- " a list item, "** " a bold paragraph, anything else a
// paragraph; "^N^" in a line is footnote marker N.
func caseDoc(t testing.TB, in string, format Format) *Document {
	t.Helper()
	b := NewBuilder(Source{Path: "case", Format: format})
	for _, line := range strings.Split(in, "\n") {
		blk := Block{Kind: BlockParagraph}
		switch {
		case strings.HasPrefix(line, "| "):
			blk.Kind, line = BlockTableRow, line[2:]
		case strings.HasPrefix(line, "[^"):
			end := strings.Index(line, "] ")
			n, err := strconv.Atoi(line[2:max(2, end)])
			if end < 0 || err != nil {
				t.Fatalf("bad footnote line %q", line)
			}
			blk.Kind, blk.Footnote, line = BlockFootnote, n, line[end+2:]
		case strings.HasPrefix(line, "# "):
			blk.Kind, blk.Level, line = BlockHeading, 1, line[2:]
		case strings.HasPrefix(line, "- "):
			blk.Kind, line = BlockListItem, line[2:]
		case strings.HasPrefix(line, "** "):
			blk.Bold, line = true, line[3:]
		}
		line = reCaseMarker.ReplaceAllStringFunc(line, func(m string) string {
			n, _ := strconv.Atoi(strings.Trim(m, "^"))
			return Marker(n)
		})
		b.Add(blk, line)
	}
	return b.Document()
}

var reCaseMarker = regexp.MustCompile(`\^\d+\^`)

// runCases runs every case of one file through the whole extraction and
// compares lines(report) with the case's .want.
func runCases(t *testing.T, file string, minCases int, lines func(r *Report) []string) {
	ar, err := txtar.ParseFile(filepath.Join("..", "testdata", "rules", file))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	var names []string
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
		if name, ok := strings.CutSuffix(f.Name, ".in"); ok {
			names = append(names, name)
		}
	}
	if len(names) < minCases {
		t.Fatalf("only %d cases in %s", len(names), file)
	}
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		want, ok := files[name+".want"]
		if !ok {
			t.Fatalf("%s: no .want", name)
		}
		in := strings.TrimRight(files[name+".in"], "\n")
		for _, v := range []struct{ name, in, want string }{
			{"nfc", in, want},
			{"nfd", norm.NFD.String(in), want},
		} {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				r := e.Extract(caseDoc(t, v.in, FormatText))
				got, w := lines(r), wantLines(v.want)
				for i := range w {
					w[i] = cellLine(w[i])
				}
				if strings.Join(got, "\n") != strings.Join(w, "\n") {
					t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", v.in, strings.Join(got, "\n"), strings.Join(w, "\n"))
				}
			})
		}
	}
}

// cellLine writes a line of " | "-separated columns one way: columns
// trimmed, empty trailing columns dropped.
func cellLine(l string) string {
	cols := strings.Split(l, "|")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	for len(cols) > 1 && cols[len(cols)-1] == "" {
		cols = cols[:len(cols)-1]
	}
	return strings.Join(cols, " | ")
}

// TestHeaderCases: each .want line is "field: value" for the fields the
// case is about; a field listed with no value must be empty.
func TestHeaderCases(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "testdata", "rules", "header.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fieldsOf := map[string][]string{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".want"); ok {
			for _, l := range wantLines(string(f.Data)) {
				k, _, _ := strings.Cut(l, ":")
				fieldsOf[name] = append(fieldsOf[name], k)
			}
		}
	}
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".in")
		if !ok {
			continue
		}
		var want string
		for _, g := range ar.Files {
			if g.Name == name+".want" {
				want = string(g.Data)
			}
		}
		in := strings.TrimRight(string(f.Data), "\n")
		for _, v := range []struct{ name, in string }{{"nfc", in}, {"nfd", norm.NFD.String(in)}} {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				r := e.Extract(caseDoc(t, v.in, FormatText))
				var got []string
				for _, k := range fieldsOf[name] {
					got = append(got, strings.TrimSpace(k+": "+headerField(r, k)))
				}
				w := wantLines(want)
				if strings.Join(got, "\n") != strings.Join(w, "\n") {
					t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", v.in, strings.Join(got, "\n"), strings.Join(w, "\n"))
				}
			})
		}
	}
	_ = e
}

func headerField(r *Report, k string) string {
	m := r.Meta
	switch k {
	case "issuer":
		return m.Issuer
	case "issuer_canonical":
		return m.IssuerCanonical
	case "province":
		return m.Province
	case "number":
		return m.Number
	case "date":
		return m.Date
	case "place":
		return m.Place
	case "doc_type":
		return m.DocType
	case "title":
		return m.Title
	case "period":
		return m.Period.Label
	case "recipients":
		return strings.Join(m.Recipients, "; ")
	case "own_cited":
		// whether the report's own number came back as a citation
		for _, c := range r.Citations {
			if c.Ref != nil && m.Number != "" && *c.Ref == m.Number {
				return "yes"
			}
		}
		return "no"
	}
	return "?unknown field " + k
}

// TestCitationCases: each .want line is one citation in text order:
// "ref | type | date | issuer" (ref "-" for a law by name, then its title
// as a fifth column).
func TestCitationCases(t *testing.T) {
	runCases(t, "citation.txtar", 1, func(r *Report) []string {
		var out []string
		for _, c := range r.Citations {
			ref := "-"
			if c.Ref != nil {
				ref = *c.Ref
			}
			l := fmt.Sprintf("%s | %s | %s | %s", ref, c.Type, c.Date, c.Issuer)
			if c.Ref == nil {
				l += " | " + c.Title
			}
			out = append(out, cellLine(l))
		}
		return out
	})
}

// TestSectionCases: each .want line is one section in document order:
// its path, then its title in quotes.
func TestSectionCases(t *testing.T) {
	runCases(t, "section.txtar", 1, func(r *Report) []string {
		var out []string
		var walk func([]*Section)
		walk = func(secs []*Section) {
			for _, s := range secs {
				out = append(out, fmt.Sprintf("%s %q", s.Path, s.Title))
				walk(s.Children)
			}
		}
		walk(r.Sections)
		return out
	})
}

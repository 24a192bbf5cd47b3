package pipeline_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
)

// comparable is a Report without what legitimately differs between formats
// of the same report: the source and the byte offsets.
type comparable struct {
	Meta      extract.Meta
	Sections  []string
	Footnotes []string
	Citations []string
	Counts    []string
}

func formatFree(r *extract.Report) comparable {
	c := comparable{Meta: r.Meta}
	c.Meta.Spans = nil
	var walk func([]*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			c.Sections = append(c.Sections, s.Path+" "+s.Title)
			walk(s.Children)
		}
	}
	walk(r.Sections)
	for _, f := range r.Footnotes {
		c.Footnotes = append(c.Footnotes, f.Section+" "+f.Text)
	}
	for _, ct := range r.Citations {
		ref := "—"
		if ct.Ref != nil {
			ref = *ct.Ref
		}
		fn := "body"
		if ct.Footnote != nil {
			fn = "fn"
		}
		c.Citations = append(c.Citations, strings.Join([]string{ref, ct.Type, ct.Date, ct.Issuer, ct.Section, fn}, " | "))
	}
	for _, n := range r.Counts {
		c.Counts = append(c.Counts, fmt.Sprintf("%s %d %s | %s nested=%v", n.Kind, n.Value, n.Unit, n.Section, n.Nested))
	}
	return c
}

// TestSameReportInEveryFormat: a report that exists as Markdown or text
// and as DOCX or PDF gives the same Report, apart from its source and the
// byte offsets of its spans.
func TestSameReportInEveryFormat(t *testing.T) {
	p := newTestPipeline(t)
	groups := map[string][]string{}
	for _, name := range sampleFiles(t) {
		base := strings.TrimSuffix(name, filepath.Ext(name))
		groups[base] = append(groups[base], name)
	}
	compared := 0
	for base, names := range groups {
		if len(names) < 2 {
			continue
		}
		compared++
		t.Run(base, func(t *testing.T) {
			want := formatFree(process(t, p, names[0]))
			for _, other := range names[1:] {
				got := formatFree(process(t, p, other))
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s and %s differ (-%s +%s):\n%s", names[0], other, names[0], other, d)
				}
			}
		})
	}
	if compared == 0 {
		t.Fatal("no sample exists in several formats")
	}
}

// facts is what an analyst reads off a report, independent of spans.
type facts struct {
	Province, Period, Title string
	Recipients              []string
	Sections                []string
	Footnotes               []string
	Citations               []string
	Counts                  []string
}

func factsOf(r *extract.Report) facts {
	c := formatFree(r)
	return facts{Province: r.Meta.Province, Period: r.Meta.Period.Label, Title: extract.SearchKey(r.Meta.Title),
		Recipients: r.Meta.Recipients, Sections: keys(c.Sections), Footnotes: keys(c.Footnotes),
		Citations: keys(c.Citations), Counts: c.Counts}
}

// keys compares strings the way search does, so tone style and NFD do not
// count as differences.
func keys(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = extract.SearchKey(x)
	}
	return out
}

package pipeline_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
)

// indicatorDir holds the hand-written indicator expectations.
const indicatorDir = "../testdata/indicators"

// indicatorExpectation is testdata/indicators/<name>.json.
type indicatorExpectation struct {
	Indicators     []string `json:"indicators"`
	FigureMismatch int      `json:"figure_mismatch"`
}

// indicatorLine renders a value as the expectations write it.
func indicatorLine(v extract.Indicator) string {
	s := v.Indicator + " " + strconv.FormatFloat(v.Value, 'f', -1, 64)
	if v.OutOf != 0 {
		s += "/" + strconv.FormatFloat(v.OutOf, 'f', -1, 64)
	}
	s += " " + string(v.Source)
	if v.Nested {
		s += " nested"
	}
	return s
}

// TestIndicatorExpectations checks every indicator value of the samples
// with expectations, in every format they exist in, and that
// figure-mismatch fires where expected and on no other sample.
func TestIndicatorExpectations(t *testing.T) {
	p := newTestPipeline(t)
	rs, err := check.DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	chk := check.New(rs)
	exps := map[string]indicatorExpectation{}
	files, err := filepath.Glob(filepath.Join(indicatorDir, "*.json"))
	if err != nil || len(files) < 3 {
		t.Fatalf("indicator expectations: %v %v", files, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var e indicatorExpectation
		if err := json.Unmarshal(data, &e); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		exps[strings.TrimSuffix(filepath.Base(f), ".json")] = e
	}
	formats := map[string]int{}
	for _, name := range sampleFiles(t) {
		base := strings.TrimSuffix(name, filepath.Ext(name))
		t.Run(name, func(t *testing.T) {
			r := process(t, p, name)
			mismatches := 0
			for _, f := range chk.Check(r) {
				if f.Rule == check.RuleFigureMismatch {
					mismatches++
				}
			}
			e, ok := exps[base]
			if !ok {
				if mismatches != 0 {
					t.Errorf("figure-mismatch on a sample whose text and tables agree: %d", mismatches)
				}
				return
			}
			formats[base]++
			var got []string
			for _, v := range r.Indicators {
				got = append(got, indicatorLine(v))
			}
			want := append([]string(nil), e.Indicators...)
			sort.Strings(got)
			sort.Strings(want)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("indicators (-want +got):\n%s", d)
			}
			if mismatches != e.FigureMismatch {
				t.Errorf("figure-mismatch findings = %d, want %d", mismatches, e.FigureMismatch)
			}
		})
	}
	for base := range exps {
		if formats[base] < 3 {
			t.Errorf("%s: expected in Markdown, DOCX and PDF, found %d formats", base, formats[base])
		}
	}
}

package index

import (
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
)

func TestTrendOf(t *testing.T) {
	cat, err := extract.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	sum := func(id, prov, period, date string, ind string, v float64) Summary {
		return Summary{ID: id, Province: prov, Period: period, Date: date,
			Indicators: map[string]IndicatorValue{ind: {Value: v, Text: "…"}}}
	}
	sums := []Summary{
		sum("a1", "Khánh Hòa", "2023-Q1", "2023-03-15", "dossier.received", 21418),
		sum("a2", "Khánh Hòa", "2023-H1", "2023-06-15", "dossier.received", 45000),
		sum("a3", "Khánh Hòa", "2023-9M", "2023-09-15", "dossier.received", 41000), // falls: impossible
		sum("a4", "Khánh Hòa", "2023-Q3", "2023-09-16", "dossier.received", 20000),
		sum("b1", "Nghệ An", "2023-Q1", "2023-03-20", "dossier.online_pct", 101.5),
	}
	d, _ := cat.Def("dossier.received")
	tr := TrendOf(sums, d, "", "")
	if len(tr.Series) != 2 || tr.Series[0].Kind != "quarter" || len(tr.Series[0].Points) != 2 || tr.Series[1].Kind != "cumulative" {
		t.Fatalf("series = %+v", tr.Series)
	}
	if p := tr.Series[0].Points; p[0].Period != "2023-Q1" || p[1].Period != "2023-Q3" {
		t.Errorf("quarter points out of order: %+v", p)
	}
	if len(tr.Warnings) != 1 || !strings.Contains(tr.Warnings[0], "2023-9M") {
		t.Errorf("warnings = %q, want the fall from H1 to 9M", tr.Warnings)
	}
	if tr := TrendOf(sums, d, "2023-Q2", "2023-9M"); len(tr.Series) != 2 || len(tr.Series[0].Points) != 1 {
		t.Errorf("from/to: %+v", tr.Series)
	}
	r, _ := cat.Def("dossier.online_pct")
	if tr := TrendOf(sums, r, "", ""); len(tr.Warnings) != 1 || !strings.Contains(tr.Warnings[0], "above 100%") {
		t.Errorf("rate warnings = %q", tr.Warnings)
	}
}

func TestTrendDossierSum(t *testing.T) {
	cat, err := extract.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	rep := func(id, prov, period string, vals map[string]float64) Summary {
		m := map[string]IndicatorValue{}
		for k, v := range vals {
			m[k] = IndicatorValue{Value: v, Text: "…"}
		}
		return Summary{ID: id, Province: prov, Period: period, Date: period, Indicators: m}
	}
	sums := []Summary{
		// adds up: no warning
		rep("ok", "Khánh Hòa", "2024-Q1", map[string]float64{"dossier.resolved": 1000, "dossier.on_time": 990, "dossier.late": 10}),
		// does not add up
		rep("bad", "Khánh Hòa", "2024-Q2", map[string]float64{"dossier.resolved": 1000, "dossier.on_time": 900, "dossier.late": 20}),
		// only two of three stated: nothing to check
		rep("two", "Nghệ An", "2024-Q2", map[string]float64{"dossier.resolved": 500, "dossier.on_time": 300}),
	}
	for _, id := range []string{"dossier.resolved", "dossier.on_time", "dossier.late"} {
		d, ok := cat.Def(id)
		if !ok {
			t.Fatalf("%s not in the catalogue", id)
		}
		tr := TrendOf(sums, d, "", "")
		if len(tr.Warnings) != 1 || !strings.Contains(tr.Warnings[0], "bad") || !strings.Contains(tr.Warnings[0], "920") {
			t.Errorf("%s: warnings = %q, want one for report bad (900 + 20 = 920 ≠ 1000)", id, tr.Warnings)
		}
	}
	d, _ := cat.Def("dossier.received")
	if tr := TrendOf(sums, d, "", ""); len(tr.Warnings) != 0 {
		t.Errorf("dossier.received: warnings = %q, want none", tr.Warnings)
	}
}

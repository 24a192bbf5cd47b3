package index

import (
	"context"
	"fmt"
	"sort"

	"github.com/baocao/baocao/extract"
)

// Comparison is the cross-province table of one period, by indicator. Its
// JSON names are a contract:
//
//	{"period", "indicators": [{id, label, unit, kind}],
//	 "rows": [{"province", "report_id", "date", "values": {id: {value, out_of?, text, section, conflict?}}}]}
//
// A value a report does not state is absent from its row (shown blank,
// never 0); values of different indicators are never added.
type Comparison struct {
	Period     string              `json:"period"`
	Indicators []ComparedIndicator `json:"indicators"`
	Rows       []ComparisonRow     `json:"rows"`
}

// ComparedIndicator is one column of a comparison.
type ComparedIndicator struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// LabelEN is the English label (pages and spreadsheets in English).
	LabelEN string `json:"label_en,omitempty"`
	Unit    string `json:"unit"`
	Kind    string `json:"kind"`
	Scope   string `json:"scope"`
}

// ComparisonRow is one province's figures for the period.
type ComparisonRow struct {
	Province string `json:"province"`
	// ReportID is the report the values come from: when a province sent
	// several for the period, the one with the latest date, then the
	// smallest id. OtherReports lists the rest.
	ReportID     string   `json:"report_id"`
	Date         string   `json:"date"`
	OtherReports []string `json:"other_reports,omitempty"`
	// Values holds the stated value of each compared indicator, by id.
	Values map[string]IndicatorValue `json:"values"`
}

// IndicatorValue is what a report states for one indicator, with its
// evidence: the value as stated (a rate 86.38 means 86,38%), a rank's size,
// the sentence and section, and Conflict when the report states another
// value too.
type IndicatorValue struct {
	Value    float64      `json:"value"`
	OutOf    float64      `json:"out_of,omitempty"`
	Text     string       `json:"text"`
	Section  string       `json:"section"`
	Source   string       `json:"source,omitempty"`
	RefYear  int          `json:"ref_year,omitempty"`
	Span     extract.Span `json:"span"`
	Conflict bool         `json:"conflict,omitempty"`
}

// indicatorValues picks, for each indicator a report states, the value a
// comparison shows: the first stated in the narrative (body or footnote),
// else in an appendix table. Conflict is set when the narrative states
// several values.
func indicatorValues(r *extract.Report) map[string]IndicatorValue {
	out := map[string]IndicatorValue{}
	rank := func(s extract.IndicatorSource) int {
		if s == extract.SourceTable {
			return 1
		}
		return 0
	}
	best := map[string]int{}
	for _, v := range r.Indicators {
		cur, seen := out[v.Indicator]
		if seen && rank(v.Source) >= best[v.Indicator] {
			if v.Conflict && rank(v.Source) == 0 {
				cur.Conflict = true
				out[v.Indicator] = cur
			}
			continue
		}
		out[v.Indicator] = IndicatorValue{Value: v.Value, OutOf: v.OutOf, Text: v.Text, Section: v.Section,
			Source: string(v.Source), RefYear: v.RefYear, Span: v.Span, Conflict: v.Conflict || cur.Conflict}
		best[v.Indicator] = rank(v.Source)
	}
	return out
}

// Compare builds the comparison of every province's report for period (a
// label: 2023-Q1), one column per indicator of inds. The values are read
// from the report summaries. Reports without a province are grouped
// under "".
func (ix *Index) Compare(ctx context.Context, period string, inds []extract.IndicatorDef) (*Comparison, error) {
	label := canonicalPeriod(normalizeSpace(period))
	if label == "" {
		return nil, fmt.Errorf("compare: no period given")
	}
	sums, err := ix.Reports(ctx, Filter{Period: label})
	if err != nil {
		return nil, fmt.Errorf("compare %s: %w", label, err)
	}
	groups := map[string][]Summary{}
	var keys []string
	for _, s := range sums {
		k := provinceKey(s.Province)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], s)
	}
	sort.Slice(keys, func(i, j int) bool {
		if fi, fj := provinceFold(keys[i]), provinceFold(keys[j]); fi != fj {
			return fi < fj
		}
		return keys[i] < keys[j]
	})
	cmp := &Comparison{Period: label, Indicators: []ComparedIndicator{}, Rows: []ComparisonRow{}}
	for _, d := range inds {
		cmp.Indicators = append(cmp.Indicators, ComparedIndicator{ID: d.ID, Label: d.Label, LabelEN: d.LabelEN, Unit: d.Unit, Kind: string(d.Kind), Scope: d.Scope})
	}
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool {
			if g[i].Date != g[j].Date {
				return g[i].Date > g[j].Date
			}
			return g[i].ID < g[j].ID
		})
		pick := g[0]
		row := ComparisonRow{Province: pick.Province, ReportID: pick.ID, Date: pick.Date, Values: map[string]IndicatorValue{}}
		for _, d := range inds {
			if v, ok := pick.Indicators[d.ID]; ok {
				row.Values[d.ID] = v
			}
		}
		for _, o := range g[1:] {
			row.OtherReports = append(row.OtherReports, o.ID)
		}
		cmp.Rows = append(cmp.Rows, row)
	}
	return cmp, nil
}

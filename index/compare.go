package index

import (
	"context"
	"fmt"
	"sort"
)

// Comparison is the cross-province table of one period. Its JSON names
// are a contract.
type Comparison struct {
	Period string          `json:"period"`
	Rows   []ComparisonRow `json:"rows"`
}

// ComparisonRow is one province's figures for the period.
type ComparisonRow struct {
	Province string `json:"province"`
	// ReportID is the report the metrics come from: when a province sent
	// several for the period, the one with the latest date, then the
	// smallest id. OtherReports lists the rest.
	ReportID     string   `json:"report_id"`
	Date         string   `json:"date"`
	OtherReports []string `json:"other_reports,omitempty"`
	// Metrics maps every extract.CountKind to the sum of the report's
	// non-nested counts of that kind (0 when it states none).
	Metrics map[string]int64 `json:"metrics"`
}

// Compare builds the comparison of every province's report for period (a
// label: 2023-Q1). Bleve cannot sum, so the sums are read from the report
// summaries. Reports without a province are grouped under "".
func (ix *Index) Compare(ctx context.Context, period string) (*Comparison, error) {
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
	cmp := &Comparison{Period: label, Rows: []ComparisonRow{}}
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool {
			if g[i].Date != g[j].Date {
				return g[i].Date > g[j].Date
			}
			return g[i].ID < g[j].ID
		})
		pick := g[0]
		row := ComparisonRow{Province: pick.Province, ReportID: pick.ID, Date: pick.Date, Metrics: map[string]int64{}}
		for _, kind := range countKinds() {
			row.Metrics[kind] = pick.Counts[kind]
		}
		for _, o := range g[1:] {
			row.OtherReports = append(row.OtherReports, o.ID)
		}
		cmp.Rows = append(cmp.Rows, row)
	}
	return cmp, nil
}

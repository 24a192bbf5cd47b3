package index

import (
	"fmt"
	"sort"

	"github.com/baocao/baocao/extract"
)

// Trend is one indicator over reporting periods, by province. Its JSON is
// the answer of `baocao trend -o json`.
type Trend struct {
	Indicator ComparedIndicator `json:"indicator"`
	Series    []TrendSeries     `json:"series"`
	// Warnings are the sanity checks that failed (impossible series), in
	// English; Checks are the same with their message key and arguments,
	// for a page or the CLI to translate.
	Warnings []string     `json:"warnings"`
	Checks   []TrendCheck `json:"-"`
}

// TrendCheck is one failed sanity check: a message key of the i18n
// catalogue (a Printf format) and its arguments.
type TrendCheck struct {
	Format string
	Args   []any
}

func (t *Trend) warn(format string, args ...any) {
	t.Checks = append(t.Checks, TrendCheck{format, args})
	t.Warnings = append(t.Warnings, fmt.Sprintf(format, args...))
}

// TrendSeries is one province's values, in period order. Quarter figures
// and the cumulative figures of the half-year, nine-month and year reports
// are separate series (Kind "quarter" or "cumulative"): they are never
// mixed in one line.
type TrendSeries struct {
	Province string       `json:"province"`
	Kind     string       `json:"kind"`
	Points   []TrendPoint `json:"points"`
}

// TrendPoint is the value one report states for the indicator.
type TrendPoint struct {
	Period   string  `json:"period"`
	ReportID string  `json:"report_id"`
	Value    float64 `json:"value"`
	OutOf    float64 `json:"out_of,omitempty"`
	Text     string  `json:"text"`
	Conflict bool    `json:"conflict,omitempty"`
}

// TrendOf builds the trend of indicator d from report summaries (Reports
// of a province, or of all), keeping the periods in [from, to] (labels,
// "" for open). Superseded reports are left out; a province with several
// reports for a period uses the latest, as Compare does.
func TrendOf(sums []Summary, d extract.IndicatorDef, from, to string) *Trend {
	t := &Trend{Indicator: ComparedIndicator{ID: d.ID, Label: d.Label, LabelEN: d.LabelEN, Unit: d.Unit, Kind: string(d.Kind), Scope: d.Scope},
		Series: []TrendSeries{}, Warnings: []string{}}
	fromP, _ := extract.ParsePeriod(from)
	toP, _ := extract.ParsePeriod(to)
	type key struct{ prov, kind, period string }
	best := map[key]Summary{}
	for _, s := range sums {
		if s.SupersededBy != "" {
			continue
		}
		if _, ok := s.Indicators[d.ID]; !ok {
			continue
		}
		p, err := extract.ParsePeriod(s.Period)
		if err != nil || from != "" && periodBefore(p, fromP) || to != "" && periodBefore(toP, p) {
			continue
		}
		kind := "quarter"
		if p.Kind != extract.PeriodQuarter {
			kind = "cumulative"
		}
		k := key{provinceKey(s.Province), kind, s.Period}
		if o, ok := best[k]; !ok || s.Date > o.Date || s.Date == o.Date && s.ID < o.ID {
			best[k] = s
		}
	}
	series := map[[2]string]*TrendSeries{}
	var order [][2]string
	var reports []Summary
	for k, s := range best {
		reports = append(reports, s)
		sk := [2]string{k.prov, k.kind}
		if series[sk] == nil {
			series[sk] = &TrendSeries{Province: s.Province, Kind: k.kind}
			order = append(order, sk)
		}
		v := s.Indicators[d.ID]
		series[sk].Points = append(series[sk].Points, TrendPoint{Period: s.Period, ReportID: s.ID, Value: v.Value, OutOf: v.OutOf, Text: v.Text, Conflict: v.Conflict})
	}
	sort.Slice(order, func(i, j int) bool {
		if order[i][0] != order[j][0] {
			return provinceFold(order[i][0]) < provinceFold(order[j][0])
		}
		return order[i][1] > order[j][1] // quarter before cumulative
	})
	for _, sk := range order {
		sr := series[sk]
		sort.Slice(sr.Points, func(i, j int) bool {
			a, _ := extract.ParsePeriod(sr.Points[i].Period)
			b, _ := extract.ParsePeriod(sr.Points[j].Period)
			return periodBefore(a, b)
		})
		sanity(t, d, sr)
		t.Series = append(t.Series, *sr)
	}
	if dossierParts[d.ID] {
		sort.Slice(reports, func(i, j int) bool { return reports[i].ID < reports[j].ID })
		for _, s := range reports {
			dossierSum(t, s)
		}
	}
	return t
}

// dossierParts are the indicators of the identity resolved = on time +
// late; the trend of any of them checks it.
var dossierParts = map[string]bool{"dossier.resolved": true, "dossier.on_time": true, "dossier.late": true}

// dossierSum warns when one report states all three of resolved,
// on-time and late dossiers and the two parts do not add up to the whole
// (every resolved dossier is either on time or late). A report that states
// fewer than three says nothing to check.
func dossierSum(t *Trend, s Summary) {
	res, ok1 := s.Indicators["dossier.resolved"]
	on, ok2 := s.Indicators["dossier.on_time"]
	late, ok3 := s.Indicators["dossier.late"]
	if !ok1 || !ok2 || !ok3 || on.Value+late.Value == res.Value {
		return
	}
	t.warn("%s %s (%s): on time %g + late %g = %g, but %g resolved",
		s.Province, s.Period, s.ID, on.Value, late.Value, on.Value+late.Value, res.Value)
}

// periodBefore orders periods by their end: 2023-Q1 < 2023-H1 < 2023-Q3 =
// 2023-9M < 2023-Q4 = 2023.
func periodBefore(a, b extract.Period) bool {
	end := func(p extract.Period) int {
		m := 12
		switch p.Kind {
		case extract.PeriodQuarter:
			m = 3 * p.Quarter
		case extract.PeriodHalfYear:
			m = 6
		case extract.PeriodNineMonths:
			m = 9
		}
		return p.Year*100 + m
	}
	if end(a) != end(b) {
		return end(a) < end(b)
	}
	return a.Kind == extract.PeriodQuarter && b.Kind != extract.PeriodQuarter
}

// sanity flags impossible series: a rate above 100%, a rank beyond its
// ranking, and a count of the reporting period that falls from one
// cumulative report to the next of the same year (H1 → 9M → year).
func sanity(t *Trend, d extract.IndicatorDef, s *TrendSeries) {
	for i, p := range s.Points {
		switch d.Kind {
		case extract.IndicatorRate:
			if p.Value > 100 {
				t.warn("%s %s %s: rate %g%% above 100%%", s.Province, p.Period, d.ID, p.Value)
			}
		case extract.IndicatorRank:
			if p.OutOf > 0 && p.Value > p.OutOf {
				t.warn("%s %s %s: rank %g of %g", s.Province, p.Period, d.ID, p.Value, p.OutOf)
			}
		case extract.IndicatorCount:
			if s.Kind == "cumulative" && d.Scope == extract.ScopePeriod && i > 0 {
				prev := s.Points[i-1]
				a, _ := extract.ParsePeriod(prev.Period)
				b, _ := extract.ParsePeriod(p.Period)
				if a.Year == b.Year && p.Value < prev.Value {
					t.warn("%s %s: %g in %s falls to %g in %s, but the figures since the start of the year cannot fall",
						s.Province, d.ID, prev.Value, prev.Period, p.Value, p.Period)
				}
			}
		}
	}
}

package web

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
)

// trendQuery reads indicator, province, from and to of /trend and
// /api/trend. from and to are period labels ("" when open); an unknown
// indicator or a malformed period is the client's error.
func (s *Server) trendQuery(r *http.Request, def string) (d extract.IndicatorDef, province, from, to string, err error) {
	q := r.URL.Query()
	id := strings.TrimSpace(q.Get("indicator"))
	if id == "" {
		id = def
	}
	if id == "" {
		return d, "", "", "", invalid("indicator is required: dossier.online_pct, index.par_rank …")
	}
	d, ok := s.opts.Catalogue.Def(id)
	if !ok {
		return d, "", "", "", invalid("indicator %q is not in the catalogue", id)
	}
	var labels [2]string
	for i, name := range []string{"from", "to"} {
		v := strings.TrimSpace(q.Get(name))
		if v == "" {
			continue
		}
		per, perr := extract.ParsePeriod(v)
		if perr != nil {
			return d, "", "", "", invalid("period %q: want 2023-Q1, 2023-H1, 2023-9M or 2023", strings.ToUpper(v))
		}
		labels[i] = per.Label
	}
	return d, strings.TrimSpace(q.Get("province")), labels[0], labels[1], nil
}

func (s *Server) trend(r *http.Request, d extract.IndicatorDef, province, from, to string) (*index.Trend, error) {
	sums, err := s.ix.Reports(r.Context(), index.Filter{Province: province})
	if err != nil {
		return nil, err
	}
	return index.TrendOf(sums, d, from, to), nil
}

// handleAPITrend answers GET /api/trend: the JSON of `baocao trend -o json`.
func (s *Server) handleAPITrend(w http.ResponseWriter, r *http.Request) {
	d, province, from, to, err := s.trendQuery(r, "")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	t, err := s.trend(r, d, province, from, to)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

type trendView struct {
	Indicator, Province, From, To string
	Label                         string
	Picker                        []indicatorOption
	Provinces                     []string
	// Series are one province's lines (quarter, cumulative), each with
	// its chart; Ranked is, without a province, one table per kind of
	// series ranking the provinces by their latest value.
	Series   []trendSeriesView
	Ranked   []rankedView
	Warnings []string
	API      string
}

type trendSeriesView struct {
	Province, Kind string
	Points         []trendPointView
	Chart          lineChart
}

type trendPointView struct {
	Period, Value, Evidence, Link string
	Conflict                      bool
}

type rankedView struct {
	Kind string
	Rows []rankedRow
}

type rankedRow struct {
	Province, Period, Value, Evidence, Link, URL string
	Periods                                      int
	Conflict                                     bool
	value                                        float64 // to rank by
}

// lineChart is an inline SVG of one series: a polyline over the periods,
// a dot, the value and the period under each point.
type lineChart struct {
	Width, Height, Base int
	Line                string
	Dots                []lineDot
}

type lineDot struct {
	X, Y, LabelY, PeriodY int
	Period                string
	Value                 string
}

func (s *Server) handleTrendPage(w http.ResponseWriter, r *http.Request) {
	defs := s.opts.Catalogue.Defs()
	def := ""
	if _, ok := s.opts.Catalogue.Def("dossier.online_pct"); ok {
		def = "dossier.online_pct"
	} else if len(defs) > 0 {
		def = defs[0].ID
	}
	d, province, from, to, err := s.trendQuery(r, def)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all, err := s.ix.Reports(r.Context(), index.Filter{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	t, err := s.trend(r, d, province, from, to)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ci := t.Indicator
	v := trendView{Indicator: d.ID, Province: province, From: from, To: to, Label: ColumnLabel(s.p, ci),
		API: "/api/trend?" + queryString("indicator", d.ID, "province", province, "from", from, "to", to)}
	for _, o := range defs {
		v.Picker = append(v.Picker, indicatorOption{ID: o.ID, Label: IndicatorLabel(s.p, index.ComparedIndicator{Label: o.Label, LabelEN: o.LabelEN}), Checked: o.ID == d.ID})
	}
	seen := map[string]bool{}
	for _, rep := range all {
		if rep.Province != "" && !seen[rep.Province] {
			seen[rep.Province] = true
			v.Provinces = append(v.Provinces, rep.Province)
		}
	}
	sort.Strings(v.Provinces)
	for _, c := range t.Checks {
		v.Warnings = append(v.Warnings, s.p.T(c.Format, c.Args...))
	}
	kindLabel := func(k string) string {
		if k == "cumulative" {
			return s.p.T("since the start of the year")
		}
		return s.p.T("quarter by quarter")
	}
	point := func(pt index.TrendPoint) trendPointView {
		val := index.IndicatorValue{Value: pt.Value, OutOf: pt.OutOf}
		return trendPointView{Period: s.p.Period(pt.Period), Value: FormatValue(s.p, ci.Kind, val), Evidence: pt.Text,
			Link: "/reports/" + pt.ReportID, Conflict: pt.Conflict}
	}
	if province != "" {
		for _, sr := range t.Series {
			sv := trendSeriesView{Province: sr.Province, Kind: kindLabel(sr.Kind)}
			for _, pt := range sr.Points {
				sv.Points = append(sv.Points, point(pt))
			}
			sv.Chart = drawLine(sr, ci, sv.Points)
			v.Series = append(v.Series, sv)
		}
	} else {
		byKind := map[string]*rankedView{}
		var kinds []string
		for _, sr := range t.Series {
			rv := byKind[sr.Kind]
			if rv == nil {
				rv = &rankedView{Kind: sr.Kind}
				byKind[sr.Kind] = rv
				kinds = append(kinds, sr.Kind)
			}
			last := sr.Points[len(sr.Points)-1]
			pv := point(last)
			rv.Rows = append(rv.Rows, rankedRow{Province: orUnknown(sr.Province, s.p), Period: pv.Period, Value: pv.Value,
				Evidence: pv.Evidence, Link: pv.Link, Conflict: pv.Conflict, Periods: len(sr.Points), value: last.Value,
				URL: "/trend?" + queryString("indicator", d.ID, "province", sr.Province, "from", from, "to", to)})
		}
		sort.Sort(sort.Reverse(sort.StringSlice(kinds))) // quarter before cumulative
		for _, k := range kinds {
			rv := byKind[k]
			// Best first: the largest value, or for a rank the smallest.
			sort.SliceStable(rv.Rows, func(i, j int) bool {
				a, b := rv.Rows[i].value, rv.Rows[j].value
				if ci.Kind == "rank" {
					return a < b
				}
				return a > b
			})
			rv.Kind = kindLabel(k)
			v.Ranked = append(v.Ranked, *rv)
		}
	}
	title := s.p.T("Trend of %s", IndicatorLabel(s.p, ci))
	s.render(w, r, http.StatusOK, "trend", page{Title: title, Nav: "trend", Data: v})
}

// drawLine lays out one series for an inline SVG: the periods evenly
// spaced left to right, values from 0 (rates up to 100%; a rank upside
// down, first place at the top).
func drawLine(sr index.TrendSeries, d index.ComparedIndicator, pts []trendPointView) lineChart {
	const left, right, top, bottom, step = 20, 60, 24, 40, 90
	const plotH = 180
	c := lineChart{Width: left + right + step*max(len(pts)-1, 1), Height: top + plotH + bottom, Base: top + plotH}
	hi := 0.0
	for _, p := range sr.Points {
		hi = max(hi, p.Value, p.OutOf)
	}
	if d.Kind == "rate" {
		hi = max(hi, 100)
	}
	if hi == 0 {
		hi = 1
	}
	var line []string
	for i, p := range sr.Points {
		frac := p.Value / hi
		if d.Kind == "rank" {
			frac = 1 - (p.Value-1)/hi
		}
		x := left + step*i + 10
		y := top + plotH - int(frac*plotH)
		line = append(line, fmt.Sprintf("%d,%d", x, y))
		c.Dots = append(c.Dots, lineDot{X: x, Y: y, LabelY: y - 8, PeriodY: c.Base + 20, Period: pts[i].Period, Value: pts[i].Value})
	}
	c.Line = strings.Join(line, " ")
	return c
}

package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

var pageNames = []string{"search", "report", "compare", "trend", "compliance", "ingest", "error", "documents"}

func parsePages(p *i18n.Printer) (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(templateFuncs(p)).ParseFS(assets, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// templateFuncs are the pages' helpers; every word and number a page
// shows goes through p (the message catalogue of package i18n).
func templateFuncs(p *i18n.Printer) template.FuncMap {
	return template.FuncMap{
		"add": func(a, b int) int { return a + b },
		// mul100 turns a similarity into a percentage.
		"mul100": func(f float64) float64 { return f * 100 },
		// searchURL builds /?… from key, value pairs; empty values are left out.
		"searchURL": func(kv ...string) string { return "/?" + queryString(kv...) },
		"sectionAnchor": func(path string) string {
			if path == "" {
				return "dau"
			}
			return "s-" + path
		},
		"orDash": func(s string) string {
			if s == "" {
				return "—"
			}
			return s
		},
		// t translates a message: {{t "Search"}}, {{t "%d files" .N}}.
		"t":    p.T,
		"lang": p.Lang,
		// num groups digits by locale: 1.286.032 (vi).
		"num": func(n any) string {
			switch x := n.(type) {
			case int:
				return p.Num(int64(x))
			case int64:
				return p.Num(x)
			case uint64:
				return p.Num(int64(x))
			}
			return fmt.Sprint(n)
		},
		"date":        p.Date,
		"longDate":    p.LongDate,
		"time":        p.Time,
		"kindLabel":   p.Kind,
		"periodLabel": p.Period,
		"statusLabel": p.Status,
		"outcome":     p.Outcome,
		"reason":      func(word string) string { return p.T(pipeline.ReasonText(word)) },
		"trigger":     p.Trigger,
		"location":    p.Location,
		"fill":        p.Fill,
		"itoa":        strconv.Itoa,
		"base":        filepath.Base,
	}
}

func queryString(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v.Encode()
}

// page is what every page template gets.
type page struct {
	Title string
	Nav   string
	Data  any
}

// render executes a page into a buffer first, so a template error is a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, s.p.T("internal error"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// pageError shows an error page, with the status errorStatus chooses.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, code, msg := errorStatus(err, s.p)
	s.logError(r, status, err)
	retryAfter(w, code)
	title := s.p.T("Error")
	switch code {
	case CodeNotFound:
		title = s.p.T("Not found")
	case CodeInvalid:
		title = s.p.T("Invalid request")
	case CodeInternal:
		msg = s.p.T("Something went wrong in the server; see the server's log.")
	}
	s.render(w, r, status, "error", page{Title: title, Data: map[string]string{"Message": msg, "Code": code}})
}

// ---- search ----

type snippetPart struct {
	Text string
	Mark bool
}

// snippetParts rebuilds a snippet from its plain text with [[…]] around
// the matches, so the page never trusts index HTML.
func snippetParts(s string) []snippetPart {
	var out []snippetPart
	for s != "" {
		i := strings.Index(s, "[[")
		if i < 0 {
			break
		}
		j := strings.Index(s[i+2:], "]]")
		if j < 0 {
			break
		}
		if i > 0 {
			out = append(out, snippetPart{Text: s[:i]})
		}
		out = append(out, snippetPart{Text: s[i+2 : i+2+j], Mark: true})
		s = s[i+2+j+2:]
	}
	if s != "" {
		out = append(out, snippetPart{Text: s})
	}
	return out
}

type hitView struct {
	index.Hit
	Parts []snippetPart
	N     int
}

type facetView struct {
	Name, Label string
	Terms       []facetTermView
}

type facetTermView struct {
	Term   string
	Count  int
	URL    string
	Active bool
}

type searchView struct {
	Q, Province, Period string
	Result              *index.Result
	Hits                []hitView
	Facets              []facetView
	Reports             []index.Summary
	From, To            int
	Prev, Next          string
	Clear               string
	// Syntax is the query language, shown under the search box.
	Syntax string
	// CSV and XLSX download every hit; ByDate/ByRelevance and
	// BySection/ByReport switch the order and the grouping.
	CSV, XLSX           string
	ByDate, ByRelevance string
	BySection, ByReport string
	Sort, Group         string
}

const pageSize = 20

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r, pageSize)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	q.Limit = pageSize
	v := searchView{Q: q.Text, Province: q.Province, Period: q.Period, Syntax: index.QuerySyntax}
	if strings.TrimSpace(q.Text) == "" && q.Province == "" && q.Period == "" {
		v.Reports, err = s.ix.Reports(r.Context(), index.Filter{})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "search", page{Title: s.p.T("Search CCHC reports"), Nav: "search", Data: v})
		return
	}
	res, err := s.search(r.Context(), q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Result = res
	for i, h := range res.Hits {
		v.Hits = append(v.Hits, hitView{Hit: h, Parts: snippetParts(h.SnippetText), N: q.Offset + i + 1})
	}
	for _, f := range []struct{ name, label, cur string }{
		{index.FacetProvince, s.p.T("Province"), q.Province}, {index.FacetPeriod, s.p.T("Reporting period"), q.Period},
	} {
		fv := facetView{Name: f.name, Label: f.label}
		for _, t := range res.Facets[f.name] {
			prov, per := q.Province, q.Period
			active := strings.EqualFold(t.Term, f.cur)
			val := t.Term
			if active {
				val = "" // a second click removes the filter
			}
			if f.name == index.FacetProvince {
				prov = val
			} else {
				per = val
			}
			fv.Terms = append(fv.Terms, facetTermView{Term: t.Term, Count: t.Count, Active: active,
				URL: "/?" + queryString("q", q.Text, "province", prov, "period", per)})
		}
		v.Facets = append(v.Facets, fv)
	}
	v.From, v.To = q.Offset+1, q.Offset+len(res.Hits)
	if q.Offset > 0 {
		v.Prev = "/?" + queryString("q", q.Text, "province", q.Province, "period", q.Period, "sort", q.Sort, "group", q.Group, "offset", strconv.Itoa(max(0, q.Offset-pageSize)))
	}
	found := uint64(res.Reports)
	if res.Group == index.GroupSection {
		found = res.Total
	}
	base := []string{"q", q.Text, "province", q.Province, "period", q.Period}
	with := func(kv ...string) string { return queryString(append(append([]string(nil), base...), kv...)...) }
	v.Sort, v.Group = q.Sort, res.Group
	v.CSV = "/api/search?" + with("sort", q.Sort, "group", q.Group, "format", "csv")
	v.XLSX = "/api/search?" + with("sort", q.Sort, "group", q.Group, "format", "xlsx")
	v.ByDate, v.ByRelevance = "/?"+with("group", q.Group, "sort", index.SortDate), "/?"+with("group", q.Group)
	v.BySection, v.ByReport = "/?"+with("sort", q.Sort, "group", index.GroupSection), "/?"+with("sort", q.Sort)
	if uint64(q.Offset+len(res.Hits)) < found {
		v.Next = "/?" + queryString("q", q.Text, "province", q.Province, "period", q.Period, "sort", q.Sort, "group", q.Group, "offset", strconv.Itoa(q.Offset+pageSize))
	}
	if q.Province != "" || q.Period != "" {
		v.Clear = "/?" + queryString("q", q.Text)
	}
	title := s.p.T("Search: %s", q.Text)
	s.render(w, r, http.StatusOK, "search", page{Title: title, Nav: "search", Data: v})
}

// ---- report ----

type sectionView struct {
	Path, Number, Title string
	Level               int
	Segs                []seg
	Children            []sectionView
}

type footnoteView struct {
	Number    int
	Segs      []seg
	HasMarker bool
	Section   string
}

type citationView struct {
	I        int
	Ref      string
	Type     string
	Date     string
	Issuer   string
	Title    string
	Text     string
	Mentions int
	// Key is the cited document's key (its page); Others the other
	// reports citing that same document.
	Key    string
	Others []index.Citing
}

type reportView struct {
	// Reuse: sections nearly the same as the previous report's (side by
	// side); Similar: other provinces' sections nearly the same.
	Reuse     []reuseView
	ReuseOf   *index.Reuse
	Similar   []index.SectionMatch
	R         *extract.Report
	Preface   []seg
	Sections  []sectionView
	Closing   []seg
	Footnotes []footnoteView
	Citations []citationView
	Counts    []extract.Count
	// Indicators are the report's indicator values with their evidence.
	Indicators []reportIndicator
}

type reportIndicator struct {
	ID, Label, Value, Evidence, Link, Source string
	Nested, Conflict                         bool
}

func (s *Server) handleReportPage(w http.ResponseWriter, r *http.Request) {
	id, err := reportID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rep, err := s.ix.Get(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	l := newTextLayout(rep)
	v := reportView{R: rep, Counts: rep.Counts}
	first, last := len(rep.Text), 0
	for _, sec := range rep.Sections {
		first = min(first, sec.Body.Start)
		last = max(last, sec.Body.End)
	}
	if len(rep.Sections) == 0 {
		first, last = len(rep.Text), len(rep.Text)
	}
	v.Preface = trimSegs(l.segments(0, first))
	var build func(sec *extract.Section) sectionView
	build = func(sec *extract.Section) sectionView {
		end := sec.Body.End
		if len(sec.Children) > 0 {
			end = sec.Children[0].Body.Start
		}
		sv := sectionView{Path: sec.Path, Number: sec.Number, Title: sec.Title, Level: min(sec.Level, 4),
			Segs: trimSegs(l.segments(sec.Span.End, end))}
		for _, c := range sec.Children {
			sv.Children = append(sv.Children, build(c))
		}
		return sv
	}
	for _, sec := range rep.Sections {
		v.Sections = append(v.Sections, build(sec))
	}
	v.Closing = trimSegs(l.segments(last, len(rep.Text)))
	for _, f := range rep.Footnotes {
		v.Footnotes = append(v.Footnotes, footnoteView{Number: f.Number, Segs: l.footnoteSegments(f), HasMarker: f.Anchor >= 0, Section: f.Section})
	}
	for i, c := range rep.Citations {
		cv := citationView{I: i, Type: c.Type, Date: c.Date, Issuer: c.Issuer, Title: c.Title, Text: c.Text, Mentions: len(c.Mentions)}
		if c.Ref != nil {
			cv.Ref = *c.Ref
			// Only citations of the same document: ref, authority and year.
			if key, ok := s.ix.DocumentKeyOf(rep, c); ok {
				cv.Key = key
				d, err := s.ix.Document(r.Context(), key)
				if err != nil && !errors.Is(err, index.ErrNotFound) {
					s.pageError(w, r, err)
					return
				}
				if d != nil {
					for _, o := range d.Citations {
						if o.ReportID != rep.ID {
							cv.Others = append(cv.Others, o)
						}
					}
				}
			}
		}
		v.Citations = append(v.Citations, cv)
	}
	// The report's indicators, each with its evidence; never sums of
	// unlike counts.
	for _, ind := range rep.Indicators {
		d, ok := s.opts.Catalogue.Def(ind.Indicator)
		if !ok {
			continue
		}
		ci := index.ComparedIndicator{ID: d.ID, Label: d.Label, LabelEN: d.LabelEN, Unit: d.Unit, Kind: string(d.Kind)}
		v.Indicators = append(v.Indicators, reportIndicator{
			ID: d.ID, Label: IndicatorLabel(s.p, ci), Nested: ind.Nested, Conflict: ind.Conflict, Source: string(ind.Source),
			Value:    FormatValue(s.p, string(d.Kind), index.IndicatorValue{Value: ind.Value, OutOf: ind.OutOf}),
			Evidence: sectionPrefix(ind.Section) + ind.Text, Link: "#" + sectionAnchorOf(ind.Section),
		})
	}
	ru, err := s.ix.Reuse(r.Context(), rep.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.ReuseOf = ru
	for _, m := range ru.Sections {
		rv := reuseView{SectionMatch: m, Percent: int(m.Similarity*100 + 0.5)}
		rv.This, rv.Other = wordDiff(m.Text, m.OtherText)
		v.Reuse = append(v.Reuse, rv)
	}
	if v.Similar, err = s.ix.Similar(r.Context(), rep.ID, 10); err != nil {
		s.pageError(w, r, err)
		return
	}
	title := rep.Meta.Title
	if title == "" {
		title = s.p.T("Report %s", rep.ID[:8])
	}
	s.render(w, r, http.StatusOK, "report", page{Title: title, Nav: "search", Data: v})
}

// ---- compare ----

type compareView struct {
	Period  string
	Periods []string
	// Picker lists every indicator of the catalogue, Checked for the
	// columns shown; Columns are the shown ones.
	Picker  []indicatorOption
	Columns []columnView
	Rows    []compareRow
	// Metric is the indicator of the chart.
	Metric      string
	MetricLabel string
	Chart       chart
	CSV         string
	XLSX        string
}

type columnView struct{ ID, Label, Unit string }

type indicatorOption struct {
	ID, Label, Area string
	Checked         bool
}

type compareRow struct {
	Province, ReportID, Date string
	Others                   int
	Cells                    []compareCell
}

// compareCell is one value: its text in the page's number format, the
// raw value to sort by, and its evidence (sentence, section, link).
type compareCell struct {
	Text, Sort, Evidence, Link string
	Conflict                   bool
}

type chart struct {
	Width, Height int
	Bars          []bar
}

type bar struct {
	Label  string
	Value  string
	Y      int
	Width  int
	TextY  int
	ValueX int
}

func (s *Server) handleComparePage(w http.ResponseWriter, r *http.Request) {
	p, err := period(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all, err := s.ix.Reports(r.Context(), index.Filter{})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	byPeriod := map[string]int{}
	for _, rep := range all {
		if rep.Period != "" {
			byPeriod[rep.Period]++
		}
	}
	v := compareView{Period: p}
	for per := range byPeriod {
		v.Periods = append(v.Periods, per)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(v.Periods)))
	if p == "" { // the period with the most reports
		for _, per := range v.Periods {
			if p == "" || byPeriod[per] > byPeriod[p] {
				p = per
			}
		}
		v.Period = p
	}
	// A period asked for that has no report is still the one selected
	// (not another one the browser picks), with the empty state below.
	if p != "" && !slices.Contains(v.Periods, p) {
		v.Periods = append([]string{p}, v.Periods...)
	}
	q := r.URL.Query()
	ids := q["ind"]
	if len(ids) == 1 && strings.Contains(ids[0], ",") {
		ids = strings.Split(ids[0], ",")
	}
	inds, err := s.opts.Catalogue.Select(ids)
	if err != nil {
		s.pageError(w, r, invalid("indicators: %v", err))
		return
	}
	shown := map[string]bool{}
	var idList []string
	for _, d := range inds {
		shown[d.ID] = true
		idList = append(idList, d.ID)
	}
	for _, d := range s.opts.Catalogue.Defs() {
		label := d.Label
		if s.p.Lang() == i18n.EN && d.LabelEN != "" {
			label = d.LabelEN
		}
		v.Picker = append(v.Picker, indicatorOption{ID: d.ID, Label: label, Area: d.Area, Checked: shown[d.ID]})
	}
	v.Metric = q.Get("metric")
	if !shown[v.Metric] && len(inds) > 0 {
		v.Metric = inds[0].ID
	}
	if p != "" {
		c, err := s.ix.Compare(r.Context(), p, inds)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, d := range c.Indicators {
			v.Columns = append(v.Columns, columnView{ID: d.ID, Label: IndicatorLabel(s.p, d), Unit: d.Unit})
		}
		for _, row := range c.Rows {
			cr := compareRow{Province: row.Province, ReportID: row.ReportID, Date: row.Date, Others: len(row.OtherReports)}
			for _, d := range c.Indicators {
				val, ok := row.Values[d.ID]
				if !ok {
					cr.Cells = append(cr.Cells, compareCell{}) // not stated: blank, never 0
					continue
				}
				cr.Cells = append(cr.Cells, compareCell{
					Text: FormatValue(s.p, d.Kind, val), Sort: strconv.FormatFloat(val.Value, 'f', -1, 64),
					Evidence: sectionPrefix(val.Section) + val.Text, Conflict: val.Conflict,
					Link: "/reports/" + row.ReportID + "#" + sectionAnchorOf(val.Section),
				})
			}
			v.Rows = append(v.Rows, cr)
		}
		for _, d := range c.Indicators {
			if d.ID == v.Metric {
				v.MetricLabel = ColumnLabel(s.p, d)
				v.Chart = barChart(c, d, s.p)
			}
		}
		list := strings.Join(idList, ",")
		v.CSV = "/api/compare?" + queryString("period", p, "indicators", list, "format", "csv")
		v.XLSX = "/api/compare?" + queryString("period", p, "indicators", list, "format", "xlsx")
	}
	s.render(w, r, http.StatusOK, "compare", page{Title: s.p.T("Comparison %s", s.p.Period(p)), Nav: "compare", Data: v})
}

func sectionPrefix(path string) string {
	if path == "" {
		return ""
	}
	return "§" + path + ": "
}

// sectionAnchorOf is the report page's anchor of a section path (the
// sectionAnchor template helper).
func sectionAnchorOf(path string) string {
	if path == "" {
		return "dau"
	}
	return "s-" + path
}

// barChart lays out a horizontal bar chart of one indicator over the
// provinces that state it, best first (largest, or for a rank the
// smallest), for an inline SVG. Provinces that do not state it get no bar.
func barChart(c *index.Comparison, d index.ComparedIndicator, p *i18n.Printer) chart {
	const labelW, barMax, rowH = 130, 300, 26
	type pv struct {
		prov string
		v    index.IndicatorValue
	}
	var rs []pv
	for _, r := range c.Rows {
		if v, ok := r.Values[d.ID]; ok {
			rs = append(rs, pv{r.Province, v})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if d.Kind == "rank" {
			return rs[i].v.Value < rs[j].v.Value
		}
		return rs[i].v.Value > rs[j].v.Value
	})
	top := 0.0
	for _, r := range rs {
		top = max(top, r.v.Value, r.v.OutOf)
	}
	if d.Kind == "rate" {
		top = max(top, 100)
	}
	if top == 0 {
		top = 1
	}
	ch := chart{Width: labelW + barMax + 90, Height: len(rs)*rowH + 4}
	for i, r := range rs {
		w := int(r.v.Value * barMax / top)
		if d.Kind == "rank" && r.v.OutOf > 0 { // first place gets the longest bar
			w = int((r.v.OutOf - r.v.Value + 1) * barMax / r.v.OutOf)
		}
		ch.Bars = append(ch.Bars, bar{Label: orUnknown(r.prov, p), Value: FormatValue(p, d.Kind, r.v), Y: i*rowH + 4, Width: w, TextY: i*rowH + 21, ValueX: labelW + w + 6})
	}
	return ch
}

func orUnknown(s string, p *i18n.Printer) string {
	if s == "" {
		return p.T("(unknown)")
	}
	return s
}

// ---- ingest ----

func (s *Server) handleIngestPage(w http.ResponseWriter, r *http.Request) {
	s.ingestPage(w, r, nil, nil)
}

// uploadView is what happened to one file sent with the ingest form.
type uploadView struct {
	Name, Outcome, ReportID, Reason string
	Existing                        bool
}

// ingestPage shows the ingest page; after the form, with what happened
// (res) or why nothing did (failed).
func (s *Server) ingestPage(w http.ResponseWriter, r *http.Request, res *IngestResult, failed error) {
	v := s.ledgerView()
	// Newest first: what the analyst wants to see after pressing the button.
	sort.SliceStable(v.Entries, func(i, j int) bool { return v.Entries[i].Time.After(v.Entries[j].Time) })
	data := struct {
		LedgerView
		TokenSet bool
		Done     *IngestResult
		Uploads  []uploadView
		Error    string
	}{LedgerView: v, TokenSet: s.opts.Token != ""}
	status := http.StatusOK
	if failed != nil {
		var code string
		status, code, data.Error = errorStatus(failed, s.p)
		retryAfter(w, code)
		s.logError(r, status, failed)
	}
	if res != nil {
		data.Done = s.publicResult(res)
		for _, u := range res.Uploads {
			uv := uploadView{Name: pipeline.CleanMessage(u.Name), Existing: u.Existing}
			for _, ev := range res.Events {
				if filepath.Base(ev.Path) == u.Stored {
					uv.Outcome, uv.ReportID, uv.Reason = string(ev.Outcome), ev.ReportID, ev.Reason
				}
			}
			data.Uploads = append(data.Uploads, uv)
		}
	}
	s.render(w, r, status, "ingest", page{Title: s.p.T("Ingest reports"), Nav: "ingest", Data: data})
}

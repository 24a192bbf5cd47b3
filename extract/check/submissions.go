package check

import (
	"sort"
	"time"

	"github.com/baocao/baocao/extract"
)

// Submission statuses.
const (
	StatusOnTime  = "on_time"
	StatusLate    = "late"
	StatusUndated = "undated"
	StatusMissing = "missing"
)

// Submissions is the tracker of one period: which units reported, on time
// or late, and which did not. Its JSON names are a contract (baocao
// submissions -o json, GET /api/submissions).
type Submissions struct {
	Period string `json:"period"`
	// Due is the deadline ("" for a period the rules have none for);
	// Day is the date the list of units is taken at.
	Due       string          `json:"due"`
	Day       string          `json:"day"`
	Units     int             `json:"units"`
	Submitted int             `json:"submitted"`
	OnTime    int             `json:"on_time"`
	Late      int             `json:"late"`
	Missing   int             `json:"missing"`
	Rows      []SubmissionRow `json:"rows"`
	// Others are reports whose province is unknown or not a unit at Day.
	Others []SubmissionRow `json:"others"`
}

// SubmissionRow is one province of the tracker.
type SubmissionRow struct {
	Province string `json:"province"`
	Status   string `json:"status"`
	ReportID string `json:"report_id,omitempty"`
	Date     string `json:"date,omitempty"`
	DaysLate int    `json:"days_late,omitempty"`
	// Duplicates are the other reports of the province for the period,
	// which do not count.
	Duplicates []string `json:"duplicates,omitempty"`
}

// Submitted is what the tracker needs to know of an ingested report.
type Submitted struct {
	ID, Province, Date string
}

// Track builds the tracker of period from the reports ingested for it: the
// units that existed on the period's due date (63 before 01/7/2025, 34
// after), each with the report that counts — the latest by date, then the
// smallest id — and the others as duplicates.
func Track(rs *RuleSet, g *extract.Gazetteer, period string, sums []Submitted) Submissions {
	res := Submissions{Period: period, Rows: []SubmissionRow{}, Others: []SubmissionRow{}}
	if w, ok := rs.PeriodWindow(period); ok {
		res.Due, res.Day = w.Due, w.Due
	} else if end, ok := PeriodEnd(period); ok {
		res.Day = end
	}
	units := g.Units(res.Day)
	res.Units = len(units)
	// Alphabetical as people read it: Bạc Liêu before Bình Định.
	sort.SliceStable(units, func(i, j int) bool { return extract.Fold(units[i].Name) < extract.Fold(units[j].Name) })

	// Group the reports by canonical province name.
	groups := map[string][]Submitted{}
	for _, s := range sums {
		name, ok := g.Lookup(s.Province)
		if !ok {
			name = s.Province
		}
		groups[name] = append(groups[name], s)
	}
	row := func(name string, g []Submitted) SubmissionRow {
		sort.Slice(g, func(i, j int) bool {
			if g[i].Date != g[j].Date {
				return g[i].Date > g[j].Date
			}
			return g[i].ID < g[j].ID
		})
		pick := g[0]
		r := SubmissionRow{Province: name, ReportID: pick.ID, Date: pick.Date}
		for _, o := range g[1:] {
			r.Duplicates = append(r.Duplicates, o.ID)
		}
		switch late, due, ok := rs.Late(period, pick.Date); {
		case pick.Date == "":
			r.Status = StatusUndated
		case !ok || !late:
			r.Status = StatusOnTime
		default:
			r.Status = StatusLate
			r.DaysLate = daysAfter(due, pick.Date)
		}
		return r
	}
	valid := map[string]bool{}
	for _, u := range units {
		valid[u.Name] = true
		g, ok := groups[u.Name]
		if !ok {
			res.Rows = append(res.Rows, SubmissionRow{Province: u.Name, Status: StatusMissing})
			res.Missing++
			continue
		}
		r := row(u.Name, g)
		res.Submitted++
		switch r.Status {
		case StatusLate:
			res.Late++
		case StatusOnTime:
			res.OnTime++
		}
		res.Rows = append(res.Rows, r)
	}
	var others []string
	for name := range groups {
		if !valid[name] {
			others = append(others, name)
		}
	}
	sort.Slice(others, func(i, j int) bool { return extract.Fold(others[i]) < extract.Fold(others[j]) })
	for _, name := range others {
		res.Others = append(res.Others, row(name, groups[name]))
	}
	return res
}

// daysAfter is the number of days from ISO date a to ISO date b.
func daysAfter(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

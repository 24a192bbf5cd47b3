package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/index"
)

func newSubmissionsCmd(a *app) *cobra.Command {
	var period string
	cmd := &cobra.Command{
		Use:   "submissions --period PERIOD",
		Short: "Which provinces reported for a period, on time or late, and which did not",
		Long: `Submissions lists every province-level unit that existed at PERIOD (the 63
units before 01/7/2025, the 34 after; the day used is the period's due date)
with the report ingested for it: its date, and whether it arrived by the due
date of the rules (Văn bản 581/BNV-CCHC: Q1 by 20/3, H1 by 20/6, Q3 and 9M
by 20/9, the year by 20/12; a report's own date stands for its arrival).

When a province sent several reports for the period, the one that counts is
the latest by date, then the smallest id (as in 'compare'); the others are
listed as duplicates. Reports naming a province that did not exist at that
period are listed apart.

Status: on_time, late, undated (no date in the header), missing.
-o json prints {"period", "due", "day", "units", "submitted", "on_time",
"late", "missing", "rows": [{"province", "status", "report_id", "date",
"days_late", "duplicates"}], "others": [...]}.`,
		Example: `  baocao submissions --period 2023-Q1
  baocao submissions --period 2025-Q3 -o json | jq '.rows[] | select(.status=="missing") | .province'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !rePeriodLabel.MatchString(period) {
				return usageError{fmt.Errorf("--period %q: want 2023-Q1, 2023-H1, 2023-9M or 2023", period)}
			}
			return runSubmissions(cmd.Context(), a, period)
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "the period to track (required)")
	_ = cmd.MarkFlagRequired("period")
	return cmd
}

// Submission statuses.
const (
	statusOnTime  = "on_time"
	statusLate    = "late"
	statusUndated = "undated"
	statusMissing = "missing"
)

// submissions is the JSON of the command; its names are a contract.
type submissions struct {
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
	Rows      []submissionRow `json:"rows"`
	// Others are reports whose province is unknown or not a unit at Day.
	Others []submissionRow `json:"others"`
}

type submissionRow struct {
	Province string `json:"province"`
	Status   string `json:"status"`
	ReportID string `json:"report_id,omitempty"`
	Date     string `json:"date,omitempty"`
	DaysLate int    `json:"days_late,omitempty"`
	// Duplicates are the other reports of the province for the period,
	// which do not count.
	Duplicates []string `json:"duplicates,omitempty"`
}

func runSubmissions(ctx context.Context, a *app, period string) error {
	rs, err := check.LoadRules(a.cfg.Check.Rules)
	if err != nil {
		return usageError{fmt.Errorf("check.rules: %w", err)}
	}
	g, err := extract.LoadGazetteer()
	if err != nil {
		return err
	}
	ix, err := openIndexRead(a.cfg)
	if err != nil {
		return err
	}
	defer ix.Close()
	sums, err := ix.Reports(ctx, index.Filter{Period: period})
	if err != nil {
		return err
	}
	res := trackSubmissions(rs, g, period, sums)
	if a.output == "json" {
		return writeJSON(a.out, res)
	}
	printSubmissions(a.out, res)
	return nil
}

// trackSubmissions builds the tracker from the period's report summaries.
func trackSubmissions(rs *check.RuleSet, g *extract.Gazetteer, period string, sums []index.Summary) submissions {
	res := submissions{Period: period, Rows: []submissionRow{}, Others: []submissionRow{}}
	if w, ok := rs.PeriodWindow(period); ok {
		res.Due, res.Day = w.Due, w.Due
	} else if end, ok := check.PeriodEnd(period); ok {
		res.Day = end
	}
	units := g.Units(res.Day)
	res.Units = len(units)
	// Alphabetical as people read it: Bạc Liêu before Bình Định.
	sort.SliceStable(units, func(i, j int) bool { return extract.Fold(units[i].Name) < extract.Fold(units[j].Name) })

	// Group the reports by canonical province name.
	groups := map[string][]index.Summary{}
	for _, s := range sums {
		name, ok := g.Lookup(s.Province)
		if !ok {
			name = s.Province
		}
		groups[name] = append(groups[name], s)
	}
	row := func(name string, g []index.Summary) submissionRow {
		sort.Slice(g, func(i, j int) bool {
			if g[i].Date != g[j].Date {
				return g[i].Date > g[j].Date
			}
			return g[i].ID < g[j].ID
		})
		pick := g[0]
		r := submissionRow{Province: name, ReportID: pick.ID, Date: pick.Date}
		for _, o := range g[1:] {
			r.Duplicates = append(r.Duplicates, o.ID)
		}
		switch late, due, ok := rs.Late(period, pick.Date); {
		case pick.Date == "":
			r.Status = statusUndated
		case !ok || !late:
			r.Status = statusOnTime
		default:
			r.Status = statusLate
			r.DaysLate = daysAfter(due, pick.Date)
		}
		return r
	}
	valid := map[string]bool{}
	for _, u := range units {
		valid[u.Name] = true
		g, ok := groups[u.Name]
		if !ok {
			res.Rows = append(res.Rows, submissionRow{Province: u.Name, Status: statusMissing})
			res.Missing++
			continue
		}
		r := row(u.Name, g)
		res.Submitted++
		switch r.Status {
		case statusLate:
			res.Late++
		case statusOnTime:
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

func printSubmissions(w io.Writer, s submissions) {
	due := s.Due
	if due == "" {
		due = "none in the rules"
	}
	fmt.Fprintf(w, "Period %s (due %s): %d units, %d reported (%d on time, %d late), %d missing\n\n",
		s.Period, due, s.Units, s.Submitted, s.OnTime, s.Late, s.Missing)
	tw := newTable(w)
	fmt.Fprint(tw, "PROVINCE\tSTATUS\tDATE\tREPORT\tDUPLICATES\n")
	for _, r := range append(append([]submissionRow{}, s.Rows...), s.Others...) {
		status := r.Status
		if r.Status == statusLate {
			status += " (" + strconv.Itoa(r.DaysLate) + "d)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", orDash(r.Province), status, orDash(r.Date), orDash(r.ReportID), orDash(strings.Join(r.Duplicates, " ")))
	}
	tw.Flush()
	if len(s.Others) > 0 {
		fmt.Fprintf(w, "\nThe last %d rows name a province that is not a unit on %s.\n", len(s.Others), s.Day)
	}
}

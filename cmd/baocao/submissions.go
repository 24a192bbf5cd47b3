package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/i18n"
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
			if err := checkPeriod(period, true); err != nil {
				return err
			}
			return runSubmissions(cmd.Context(), a, period)
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "the period to track (required)")
	return cmd
}

// submitted turns index summaries into the tracker's input.
func submitted(sums []index.Summary) []check.Submitted {
	out := make([]check.Submitted, len(sums))
	for i, s := range sums {
		out[i] = check.Submitted{ID: s.ID, Province: s.Province, Date: s.Date}
	}
	return out
}

func runSubmissions(ctx context.Context, a *app, period string) error {
	rs, err := check.LoadRules(a.cfg.Check.Rules)
	if err != nil {
		return usageError{i18n.Errorf("check.rules: %v", err)}
	}
	g, err := extract.LoadGazetteer()
	if err != nil {
		return err
	}
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	sums, err := ix.Reports(ctx, index.Filter{Period: period})
	if err != nil {
		return err
	}
	res := check.Track(rs, g, period, submitted(sums))
	if a.output == "json" {
		return writeJSON(a.out, res)
	}
	printSubmissions(a.out, a.p, res)
	return nil
}

func printSubmissions(w io.Writer, p *i18n.Printer, s check.Submissions) {
	due := p.T("none in the rules")
	if s.Due != "" {
		due = p.Date(s.Due)
	}
	fmt.Fprintln(w, p.T("%s (due %s): %d units, %d reported (%d on time, %d late), %d missing",
		p.Period(s.Period), due, s.Units, s.Submitted, s.OnTime, s.Late, s.Missing))
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.T("PROVINCE"), p.T("STATUS"), p.T("DATE"), p.T("REPORT"), p.T("DUPLICATES"))
	for _, r := range append(append([]check.SubmissionRow{}, s.Rows...), s.Others...) {
		status := p.Status(r.Status)
		if r.Status == check.StatusLate {
			status += " (" + p.Plural(r.DaysLate, "%d day", "%d days") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", orDash(r.Province), status, orDash(p.Date(r.Date)), orDash(r.ReportID), orDash(strings.Join(r.Duplicates, " ")))
	}
	tw.Flush()
	if len(s.Others) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.T("The last %d rows name a province that is not a unit on %s.", len(s.Others), p.LongDate(s.Day)))
	}
}

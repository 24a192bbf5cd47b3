package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

func newCheckCmd(a *app) *cobra.Command {
	var period string
	cmd := &cobra.Command{
		Use:   "check FILE... | check --period PERIOD",
		Short: "Check reports against the compliance rules (outline, numbering, footnotes, header, deadline)",
		Long: `Check reads each FILE (nothing is indexed) and lists what does not follow
the rules of its report type: missing or misplaced sections of the outline
(I–V and the six reform areas), numbering gaps, footnotes without text or
without a mark, a missing number, date or recipient, a period that does not
fit the date, a report sent after its deadline, and impossible or future
dates in citations.

With --period it checks every ingested report of that period instead and
prints one row per province with the number of findings of each rule.

The rules are data: the built-in set (see 'extract/check/default_rules.yaml')
with the file of the config key check.rules merged over it. Messages follow
the config key lang (vi or en).

-o json prints, for one file, {"file", "report_id", "report_type",
"violations": [{"rule", "severity", "message", "location"}]}; for several
files an array of such objects; with --period {"period", "rows": [{"province",
"report_id", "date", "violations"}]}. The exit status is 1 when any finding
is an error.`,
		Example: `  baocao check testdata/docs/khanh-hoa-2023-q1.md
  baocao check -o json inbox/*.pdf
  baocao check --period 2023-Q1`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case period != "" && len(args) > 0:
				return usageError{i18n.Errorf("give files or --period, not both")}
			case period != "":
				if err := checkPeriod(period, true); err != nil {
					return err
				}
				return runCheckPeriod(cmd.Context(), a, period)
			case len(args) == 0:
				return usageError{i18n.Errorf("give at least one FILE, or --period")}
			}
			return runCheckFiles(cmd.Context(), a, args)
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "check the ingested reports of this period")
	return cmd
}

// newChecker loads the rules the configuration names.
func newChecker(cfg config.Config) (*check.Checker, error) {
	rs, err := check.LoadRules(cfg.Check.Rules)
	if err != nil {
		return nil, usageError{i18n.Errorf("check.rules: %v", err)}
	}
	if rs.Table, err = loadAbbreviations(cfg); err != nil {
		return nil, err
	}
	return check.New(rs), nil
}

// fileCheck is the JSON result of one checked file.
type fileCheck struct {
	File       string `json:"file"`
	ReportID   string `json:"report_id,omitempty"`
	ReportType string `json:"report_type"`
	Error      string `json:"error,omitempty"`
	// err is Error before it became text, for printing in the user's language.
	err        error
	Violations []extract.Finding `json:"violations"`
}

func runCheckFiles(ctx context.Context, a *app, files []string) error {
	chk, err := newChecker(a.cfg)
	if err != nil {
		return err
	}
	p, err := newPipeline(a.cfg, a.cfgFile)
	if err != nil {
		return err
	}
	defer p.Close()
	var results []fileCheck
	failed := false
	for _, f := range files {
		res := fileCheck{File: f, Violations: []extract.Finding{}}
		data, err := os.ReadFile(f)
		var r *extract.Report
		if err != nil {
			err = fileError(f, err)
		} else {
			if r, err = p.Process(ctx, f, data); err != nil {
				err = docFailed(a.p, f, err)
			}
		}
		if err != nil {
			res.Error, res.err = err.Error(), err
			failed = true
		} else {
			res.ReportID = r.ID
			res.ReportType = chk.TypeOf(r)
			if fs := chk.Check(r); fs != nil {
				res.Violations = fs
			}
			failed = failed || check.HasErrors(res.Violations)
		}
		results = append(results, res)
	}
	if a.output == "json" {
		var err error
		if len(results) == 1 {
			err = writeJSON(a.out, results[0])
		} else {
			err = writeJSON(a.out, results)
		}
		if err != nil {
			return err
		}
	} else {
		for i, res := range results {
			if i > 0 {
				fmt.Fprintln(a.out)
			}
			printFileCheck(a.out, a.p, res)
		}
	}
	if failed {
		return errFound
	}
	return nil
}

func printFileCheck(w io.Writer, p *i18n.Printer, res fileCheck) {
	switch {
	case res.err != nil:
		fmt.Fprintln(w, p.T("%s: cannot check: %s", res.File, p.Message(res.err)))
		return
	case len(res.Violations) == 0:
		fmt.Fprintln(w, p.T("%s: no findings", res.File))
		return
	}
	fmt.Fprintf(w, "%s: %s\n", res.File, findingSummary(p, res.Violations))
	printFindings(w, p, res.Violations, "  ")
}

func printFindings(w io.Writer, p *i18n.Printer, fs []extract.Finding, indent string) {
	tw := newTable(w)
	for _, f := range fs {
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\n", indent, p.T(string(f.Severity)), f.Rule, orDash(p.Location(f.Location)), pipeline.CleanMessage(p.Fill(f.Template, f.Args, f.Message)))
	}
	tw.Flush()
}

// findingSummary is "2 errors, 1 warning".
func findingSummary(p *i18n.Printer, fs []extract.Finding) string {
	errs := 0
	for _, f := range fs {
		if f.Severity == extract.SeverityError {
			errs++
		}
	}
	return p.Plural(errs, "%d error", "%d errors") + ", " + p.Plural(len(fs)-errs, "%d warning", "%d warnings")
}

// periodCheck is the JSON of check --period.
type periodCheck struct {
	Period string           `json:"period"`
	Rows   []periodCheckRow `json:"rows"`
}

type periodCheckRow struct {
	Province   string            `json:"province"`
	ReportID   string            `json:"report_id"`
	Date       string            `json:"date"`
	Violations []extract.Finding `json:"violations"`
}

// runCheckPeriod checks every ingested report of a period with the rules
// in effect now (not those stored at ingest time, which may be older).
func runCheckPeriod(ctx context.Context, a *app, period string) error {
	chk, err := newChecker(a.cfg)
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
	out := periodCheck{Period: period, Rows: []periodCheckRow{}}
	anyError := false
	for _, s := range sums {
		r, err := ix.Get(ctx, s.ID)
		if err != nil {
			return err
		}
		row := periodCheckRow{Province: s.Province, ReportID: s.ID, Date: s.Date, Violations: []extract.Finding{}}
		if fs := chk.Check(r); fs != nil {
			row.Violations = fs
		}
		anyError = anyError || check.HasErrors(row.Violations)
		out.Rows = append(out.Rows, row)
	}
	if a.output == "json" {
		if err := writeJSON(a.out, out); err != nil {
			return err
		}
	} else {
		printPeriodCheck(a.out, a.p, out)
	}
	if anyError {
		return errFound
	}
	return nil
}

// printPeriodCheck prints provinces × rules: the number of findings of
// each rule that occurs at all, then the findings themselves.
func printPeriodCheck(w io.Writer, p *i18n.Printer, pc periodCheck) {
	if len(pc.Rows) == 0 {
		fmt.Fprintln(w, p.T("No report for the period %s.", p.Period(pc.Period)))
		return
	}
	var cols []string
	for _, id := range check.RuleIDs() {
		for _, r := range pc.Rows {
			if countRule(r.Violations, id) > 0 {
				cols = append(cols, id)
				break
			}
		}
	}
	fmt.Fprintln(w, p.T("%s: %d reports", p.Period(pc.Period), len(pc.Rows)))
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprintf(tw, "%s\t%s\t%s", p.T("PROVINCE"), p.T("REPORT"), p.T("DATE"))
	for _, c := range cols {
		fmt.Fprintf(tw, "\t%s", c)
	}
	fmt.Fprintf(tw, "\t%s\n", p.T("FINDINGS"))
	for _, r := range pc.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s", orDash(r.Province), r.ReportID, orDash(p.Date(r.Date)))
		for _, c := range cols {
			n := countRule(r.Violations, c)
			cell := "·"
			if n > 0 {
				cell = p.Num(int64(n))
			}
			fmt.Fprintf(tw, "\t%s", cell)
		}
		summary := p.T("none")
		if len(r.Violations) > 0 {
			summary = findingSummary(p, r.Violations)
		}
		fmt.Fprintf(tw, "\t%s\n", summary)
	}
	tw.Flush()
	for _, r := range pc.Rows {
		if len(r.Violations) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s (%s)\n", orDash(r.Province), r.ReportID)
		printFindings(w, p, r.Violations, "  ")
	}
}

func countRule(fs []extract.Finding, rule string) int {
	n := 0
	for _, f := range fs {
		if f.Rule == rule {
			n++
		}
	}
	return n
}

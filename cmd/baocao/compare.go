package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

func newCompareCmd(a *app) *cobra.Command {
	var period, indicators string
	cmd := &cobra.Command{
		Use:   "compare --period PERIOD [--indicators a,b,…]",
		Short: "Compare provinces for one period: one row per province, one column per indicator",
		Long: `Compare shows, for each province that reported for PERIOD, the value its
report states for each indicator (dossier.received, dossier.online_pct,
index.par_rank …; see README "Indicators"), as stated: a rate stays a rate,
a rank stays "11/63", and indicators are never added together. A value the
report does not state is blank, not 0; a report stating two different values
for one indicator is marked. When a province has several reports for the
period, the latest is used and the others are listed.

--indicators picks the columns (comma-separated ids, or "all"); without it a
default set (the catalogue's compare: true) is shown.

PERIOD is 2023-Q1 (quarter), 2023-H1 (6 months), 2023-9M (9 months) or 2023 (year).
Output: a table, -o json, -o csv, or -o xlsx (a workbook on stdout).`,
		Example: `  baocao compare --period 2023-Q1
  baocao compare --period 2023-Q1 --indicators dossier.online_pct,dossier.on_time_pct,index.par_rank
  baocao compare --period 2024-H1 -o csv > so-sanh.csv
  baocao compare --period 2024-H1 -o xlsx > so-sanh.xlsx`,
		Args:        exactArgs(0),
		Annotations: map[string]string{outputsKey: "csv,xlsx"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPeriod(period, true); err != nil {
				return err
			}
			cat, err := loadCatalogue(a.cfg)
			if err != nil {
				return err
			}
			var ids []string
			if strings.TrimSpace(indicators) != "" {
				ids = strings.Split(indicators, ",")
			}
			inds, err := cat.Select(ids)
			if err != nil {
				return usageError{i18n.Errorf("--indicators: %v", err)}
			}
			return runCompare(cmd.Context(), a, period, inds)
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "the period to compare (required)")
	cmd.Flags().StringVar(&indicators, "indicators", "", `indicator ids to compare, comma-separated, or "all" (default: the catalogue's default set)`)
	return cmd
}

func runCompare(ctx context.Context, a *app, period string, inds []extract.IndicatorDef) error {
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	c, err := ix.Compare(ctx, period, inds)
	if err != nil {
		return err
	}
	switch a.output {
	case "json":
		return writeJSON(a.out, c)
	case "csv":
		return web.WriteComparisonCSV(a.out, c, a.p)
	case "xlsx":
		return web.WriteComparisonXLSX(a.out, c, a.p)
	}
	printComparison(a.out, a.p, c)
	return nil
}

// printComparison prints the comparison as a table, one column per
// indicator (by id; the labels follow the table), numbers in the
// language's format; blank when not stated, "≠" after a value the report
// contradicts.
func printComparison(w io.Writer, p *i18n.Printer, c *index.Comparison) {
	if len(c.Rows) == 0 {
		fmt.Fprintln(w, p.T("No report for the period %s.", p.Period(c.Period)))
		return
	}
	fmt.Fprintln(w, p.T("%s: %d provinces", p.Period(c.Period), len(c.Rows)))
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprint(tw, p.T("PROVINCE"))
	for _, d := range c.Indicators {
		fmt.Fprintf(tw, "\t%s", d.ID)
	}
	fmt.Fprintf(tw, "\t%s\n", p.T("REPORT"))
	for _, r := range c.Rows {
		fmt.Fprint(tw, orDash(r.Province))
		for _, d := range c.Indicators {
			v, ok := r.Values[d.ID]
			switch {
			case !ok:
				fmt.Fprint(tw, "\t")
			case v.Conflict:
				fmt.Fprintf(tw, "\t%s≠", web.FormatValue(p, d.Kind, v))
			default:
				fmt.Fprintf(tw, "\t%s", web.FormatValue(p, d.Kind, v))
			}
		}
		fmt.Fprintf(tw, "\t%s\n", r.ReportID)
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, d := range c.Indicators {
		fmt.Fprintf(w, "  %-26s %s\n", d.ID, web.ColumnLabel(p, d))
	}
}

package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

func newCompareCmd(a *app) *cobra.Command {
	var period string
	cmd := &cobra.Command{
		Use:   "compare --period PERIOD",
		Short: "Compare provinces for one period: one row per province, one column per kind of count",
		Long: `Compare sums, for each province that reported for PERIOD, the counts its
report states (meetings, documents, tasks, targets, inspections, procedures,
online services, dossiers, trainings, fields). Parts of a larger count
("trong đó …") are not added twice. When a province has several reports for
the period, the latest is used and the others are listed.

PERIOD is 2023-Q1 (quarter), 2023-H1 (6 months), 2023-9M (9 months) or 2023 (year).
Output: a table, -o json, or -o csv.`,
		Example: `  baocao compare --period 2023-Q1
  baocao compare --period 2024-H1 -o csv > so-sanh.csv`,
		Args:        exactArgs(0),
		Annotations: map[string]string{outputsKey: "csv"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkPeriod(period, true); err != nil {
				return err
			}
			return runCompare(cmd.Context(), a, period)
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "the period to compare (required)")
	return cmd
}

func runCompare(ctx context.Context, a *app, period string) error {
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	c, err := ix.Compare(ctx, period)
	if err != nil {
		return err
	}
	switch a.output {
	case "json":
		return writeJSON(a.out, c)
	case "csv":
		return web.WriteComparisonCSV(a.out, c, a.p)
	}
	printComparison(a.out, a.p, c)
	return nil
}

func printComparison(w io.Writer, p *i18n.Printer, c *index.Comparison) {
	if len(c.Rows) == 0 {
		fmt.Fprintln(w, p.T("No report for the period %s.", p.Period(c.Period)))
		return
	}
	fmt.Fprintln(w, p.T("%s: %d provinces", p.Period(c.Period), len(c.Rows)))
	fmt.Fprintln(w)
	tw := newTable(w)
	fmt.Fprint(tw, p.T("PROVINCE"))
	for _, k := range extract.CountKinds {
		fmt.Fprintf(tw, "\t%s", p.Kind(string(k)))
	}
	fmt.Fprintf(tw, "\t%s\n", p.T("REPORT"))
	for _, r := range c.Rows {
		fmt.Fprint(tw, orDash(r.Province))
		for _, k := range extract.CountKinds {
			fmt.Fprintf(tw, "\t%s", p.Num(r.Metrics[string(k)]))
		}
		fmt.Fprintf(tw, "\t%s\n", r.ReportID)
	}
	tw.Flush()
}

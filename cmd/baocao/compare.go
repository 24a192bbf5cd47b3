package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/extract"
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
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := extract.ParsePeriod(period); err != nil {
				return usageError{fmt.Errorf("--%w", err)}
			}
			return runCompare(cmd.Context(), a, period)
		},
	}
	cmd.Flags().StringVar(&period, "period", "", "the period to compare (required)")
	_ = cmd.MarkFlagRequired("period")
	return cmd
}

func runCompare(ctx context.Context, a *app, period string) error {
	ix, err := openIndexRead(a.cfg)
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
		return web.WriteComparisonCSV(a.out, c)
	}
	printComparison(a.out, c)
	return nil
}

func printComparison(w io.Writer, c *index.Comparison) {
	if len(c.Rows) == 0 {
		fmt.Fprintf(w, "No report for period %s.\n", c.Period)
		return
	}
	fmt.Fprintf(w, "Period %s: %d provinces\n\n", c.Period, len(c.Rows))
	tw := newTable(w)
	fmt.Fprint(tw, "PROVINCE")
	for _, k := range extract.CountKinds {
		fmt.Fprintf(tw, "\t%s", k)
	}
	fmt.Fprint(tw, "\tREPORT\n")
	for _, r := range c.Rows {
		fmt.Fprint(tw, r.Province)
		for _, k := range extract.CountKinds {
			fmt.Fprintf(tw, "\t%d", r.Metrics[string(k)])
		}
		fmt.Fprintf(tw, "\t%s\n", r.ReportID)
	}
	tw.Flush()
}

package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

func newTrendCmd(a *app) *cobra.Command {
	var indicator, province, from, to string
	cmd := &cobra.Command{
		Use:   "trend --indicator ID [--province P] [--from PERIOD] [--to PERIOD]",
		Short: "One indicator over the reporting periods, by province, with sanity checks",
		Long: `Trend lists, for each province (or only --province), the value its reports
state for one indicator (see README "Indicators"), period by period. Quarter
figures and the cumulative figures of the 6-month, 9-month and year reports are
separate series, never mixed. Impossible series are warned about: a rate above
100%, a rank beyond its ranking, a figure since the start of the year that
falls from one report to the next.`,
		Example: `  baocao trend --indicator dossier.online_pct
  baocao trend --indicator dossier.received --province "Khánh Hòa" --from 2023-Q1 --to 2025 -o json`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, p := range []string{from, to} {
				if err := checkPeriod(p, false); err != nil {
					return err
				}
			}
			cat, err := loadCatalogue(a.cfg)
			if err != nil {
				return err
			}
			inds, err := cat.Select([]string{indicator})
			if err != nil || strings.TrimSpace(indicator) == "" {
				return usageError{i18n.Errorf("--indicators: %v", fmt.Errorf("%q: %v", indicator, err))}
			}
			ix, err := a.openReader(cmd.Context())
			if err != nil {
				return err
			}
			defer ix.Close()
			sums, err := ix.Reports(cmd.Context(), index.Filter{Province: province})
			if err != nil {
				return err
			}
			t := index.TrendOf(sums, inds[0], from, to)
			if a.output == "json" {
				return writeJSON(a.out, t)
			}
			printTrend(a, t)
			return nil
		},
	}
	cmd.Flags().StringVar(&indicator, "indicator", "", "the indicator id (required): dossier.online_pct, index.par_rank …")
	cmd.Flags().StringVar(&province, "province", "", "only this province")
	cmd.Flags().StringVar(&from, "from", "", "first period (2023-Q1)")
	cmd.Flags().StringVar(&to, "to", "", "last period (2025)")
	return cmd
}

func printTrend(a *app, t *index.Trend) {
	w, p := a.out, a.p
	fmt.Fprintf(w, "%s — %s\n", t.Indicator.ID, web.ColumnLabel(p, t.Indicator))
	for _, s := range t.Series {
		kind := p.T("quarter by quarter")
		if s.Kind == "cumulative" {
			kind = p.T("since the start of the year")
		}
		fmt.Fprintf(w, "\n%s (%s)\n", orDash(s.Province), kind)
		for _, pt := range s.Points {
			v := web.FormatValue(p, t.Indicator.Kind, index.IndicatorValue{Value: pt.Value, OutOf: pt.OutOf})
			if pt.Conflict {
				v += "≠"
			}
			fmt.Fprintf(w, "  %-12s %14s  %s\n", p.Period(pt.Period), v, pt.ReportID)
		}
	}
	for _, c := range t.Checks {
		fmt.Fprintf(w, "\n! %s", p.T(c.Format, c.Args...))
	}
	if len(t.Warnings) > 0 {
		fmt.Fprintln(w)
	}
}

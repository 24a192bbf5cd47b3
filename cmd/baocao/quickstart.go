package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
)

func newQuickstartCmd(a *app) *cobra.Command {
	docs := filepath.Join("testdata", "docs")
	var serve bool
	cmd := &cobra.Command{
		Use:   "quickstart",
		Short: "Ingest the bundled sample reports and show what an analyst sees",
		Long: `Quickstart ingests the sample reports bundled in testdata/docs into data_dir
(default ./data) and prints a tour: how many reports, sections, citations and
counts were found, sample searches, and the comparison table of the period
with the most provinces. Run it again and nothing is re-ingested.

With --serve it then starts the web app on the same data (serve.addr, default
http://127.0.0.1:8080/) until Ctrl-C.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := runQuickstart(cmd.Context(), a, docs); err != nil {
				return err
			}
			if !serve {
				return nil
			}
			return runServe(cmd.Context(), a, serveOptions{addr: a.cfg.Serve.Addr})
		},
	}
	cmd.Flags().StringVar(&docs, "docs", docs, "folder of reports to ingest")
	cmd.Flags().BoolVar(&serve, "serve", false, "then serve the web app on the same data")
	return cmd
}

func runQuickstart(ctx context.Context, a *app, docs string) error {
	w := a.out
	sum, err := runIngest(ctx, a, []string{docs}, progressWriter(a))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Ingested %s into %s\n", docs, a.cfg.DataDir)
	printSummary(w, sum)
	if a.output == "json" {
		return writeJSON(a.out, sum)
	}

	ix, err := openIndexRead(a.cfg)
	if err != nil {
		return err
	}
	defer ix.Close()
	reports, err := ix.Reports(ctx, index.Filter{})
	if err != nil {
		return err
	}
	provinces, periods := map[string]int{}, map[string]map[string]bool{}
	sections, citations, footnotes := 0, 0, 0
	counts := map[string]int64{}
	for _, r := range reports {
		provinces[r.Province]++
		if periods[r.Period] == nil {
			periods[r.Period] = map[string]bool{}
		}
		periods[r.Period][r.Province] = true
		sections += r.Sections
		citations += r.Citations
		footnotes += r.Footnotes
		for k, v := range r.Counts {
			counts[k] += v
		}
	}
	fmt.Fprintf(w, "\nThe index holds %d reports from %d provinces over %d periods:\n", len(reports), len(provinces), len(periods))
	fmt.Fprintf(w, "  %d sections, %d footnotes, %d cited documents.\n  Stated counts, summed over all reports (parts of larger counts left out):\n   ", sections, footnotes, citations)
	for _, k := range extract.CountKinds {
		fmt.Fprintf(w, " %s %d", k, counts[string(k)])
	}
	fmt.Fprintln(w)

	for _, q := range []string{"cai cach the che", "Chính phủ số", "3604/QĐ-UBND"} {
		res, err := ix.Search(ctx, index.Query{Text: q, Limit: 3})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n$ baocao search %q\n  %d sections in %d reports; best:\n", q, res.Total, res.Reports)
		for _, h := range res.Hits {
			fmt.Fprintf(w, "  - %s %s §%s %s  [%s]\n", h.Province, h.Period, orDash(h.Section), h.SectionTitle, h.ReportID)
		}
	}

	best := ""
	for p, ps := range periods {
		if best == "" || len(ps) > len(periods[best]) || (len(ps) == len(periods[best]) && p < best) {
			best = p
		}
	}
	if best != "" {
		c, err := ix.Compare(ctx, best)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n$ baocao compare --period %s\n", best)
		printComparison(w, c)
	}
	if len(reports) > 0 {
		sort.Slice(reports, func(i, j int) bool { return reports[i].ID < reports[j].ID })
		fmt.Fprintf(w, "\nNext: baocao show %s · baocao search \"TTHC\" --period %s · baocao --help\n", reports[0].ID[:8], best)
		fmt.Fprintf(w, "The web app on these reports: baocao quickstart --serve (http://%s/)\n", a.cfg.Serve.Addr)
	}
	if sum.Failed > 0 {
		fmt.Fprintf(w, "\n%d sample files were refused on purpose or by error; see above.\n", sum.Failed)
	}
	return nil
}

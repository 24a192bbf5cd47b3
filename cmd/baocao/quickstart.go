package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao"
	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/index"
)

func newQuickstartCmd(a *app) *cobra.Command {
	var docs, addr string
	var serve bool
	cmd := &cobra.Command{
		Use:   "quickstart",
		Short: "Ingest the bundled sample reports and show what an analyst sees",
		Long: `Quickstart unpacks the sample reports carried in the binary into
data_dir/samples (default ./data/samples), ingests them into data_dir and
prints a tour: how many reports, sections, citations and counts were found,
sample searches, and the comparison table of the period with the most
provinces. It works from any folder. Run it again and nothing is re-ingested.

--docs FOLDER ingests that folder instead of the bundled samples.
With --serve it then starts the web app on the same data (--addr, or
serve.addr, default 127.0.0.1:8080) until Ctrl-C.
-o json prints only a JSON summary: {"data_dir", "docs", "ingest",
"reports", "provinces", "periods"}.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if docs == "" {
				dir, err := unpackSamples(a.cfg.DataDir)
				if err != nil {
					return err
				}
				docs = dir
			}
			if err := runQuickstart(cmd.Context(), a, docs); err != nil {
				return err
			}
			if !serve {
				return nil
			}
			if addr == "" {
				addr = a.cfg.Serve.Addr
			}
			return runServe(cmd.Context(), a, serveOptions{addr: addr})
		},
	}
	cmd.Flags().StringVar(&docs, "docs", "", "folder of reports to ingest instead of the bundled samples")
	cmd.Flags().BoolVar(&serve, "serve", false, "then serve the web app on the same data")
	cmd.Flags().StringVar(&addr, "addr", "", "with --serve: listen address (key serve.addr, default 127.0.0.1:8080)")
	return cmd
}

// unpackSamples writes the sample reports carried in the binary into
// dataDir/samples (files already there with the same content are left
// alone, so the ingest stays incremental) and returns that folder.
func unpackSamples(dataDir string) (string, error) {
	dest := filepath.Join(dataDir, "samples")
	sub, err := fs.Sub(baocao.Samples, baocao.SamplesDir)
	if err != nil {
		return "", err
	}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(sub, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dest, filepath.FromSlash(p))
		if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, data) {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		return "", fmt.Errorf("unpack the sample reports into %s: %w", dest, err)
	}
	return dest, nil
}

func runQuickstart(ctx context.Context, a *app, docs string) error {
	w, p := a.out, a.p
	res, err := runIngestCmd(ctx, a, []string{docs}, false)
	if err != nil {
		return err
	}
	if a.output != "json" {
		fmt.Fprintln(w, p.T("Ingested %s into %s", docs, a.cfg.DataDir))
		printIngest(w, p, res, false)
	}

	ix, err := a.openReader(ctx)
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
	// How many reports state each indicator: values of unlike measures
	// (dossiers received and resolved, a rate and a count) are never added,
	// so the tour shows which figures the reports give, not their sums.
	stated := map[string]int{}
	for _, r := range reports {
		provinces[r.Province]++
		if periods[r.Period] == nil {
			periods[r.Period] = map[string]bool{}
		}
		periods[r.Period][r.Province] = true
		sections += r.Sections
		citations += r.Citations
		footnotes += r.Footnotes
		for id := range r.Indicators {
			stated[id]++
		}
	}
	if a.output == "json" {
		return writeJSON(w, map[string]any{"data_dir": a.cfg.DataDir, "docs": docs, "ingest": res,
			"reports": len(reports), "provinces": len(provinces), "periods": len(periods)})
	}
	fmt.Fprintf(w, "\n%s\n", p.T("The index holds %d reports from %d provinces over %d periods:", len(reports), len(provinces), len(periods)))
	fmt.Fprintf(w, "  %s\n", p.T("%d sections, %d footnotes, %d cited documents.", sections, footnotes, citations))
	cat, err := loadCatalogue(a.cfg)
	if err != nil {
		return err
	}
	if len(stated) > 0 {
		fmt.Fprintf(w, "  %s\n", p.T("Indicators the reports state (in how many reports; compared by 'baocao compare', never added up):"))
		ids := slices.SortedFunc(maps.Keys(stated), func(x, y string) int {
			return cmp.Or(stated[y]-stated[x], strings.Compare(x, y))
		})
		for _, id := range ids[:min(8, len(ids))] {
			label := id
			if d, ok := cat.Def(id); ok {
				label = web.IndicatorLabel(p, index.ComparedIndicator{Label: d.Label, LabelEN: d.LabelEN})
			}
			fmt.Fprintf(w, "    %s (%s) %s\n", label, id, p.Num(int64(stated[id])))
		}
	}

	for _, q := range []string{"cai cach the che", "Chính phủ số", "3604/QĐ-UBND"} {
		res, err := ix.Search(ctx, index.Query{Text: q, Limit: 3})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n$ baocao search %q\n  %s\n", q, p.T("%d sections in %d reports; best:", res.Total, res.Reports))
		for _, h := range res.Hits {
			fmt.Fprintf(w, "  - %s %s §%s %s  [%s]\n", h.Province, p.Period(h.Period), orDash(h.Section), h.SectionTitle, h.ReportID)
		}
	}

	best := ""
	for per, ps := range periods {
		if best == "" || len(ps) > len(periods[best]) || (len(ps) == len(periods[best]) && per < best) {
			best = per
		}
	}
	if best != "" {
		inds, err := cat.Select(nil)
		if err != nil {
			return err
		}
		c, err := ix.Compare(ctx, best, inds)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n$ baocao compare --period %s\n", best)
		printComparison(w, p, c)
	}
	if len(reports) > 0 {
		sort.Slice(reports, func(i, j int) bool { return reports[i].ID < reports[j].ID })
		fmt.Fprintf(w, "\n%s baocao show %s · baocao search \"TTHC\" --period %s · baocao --help\n", p.T("Next:"), reports[0].ID[:8], best)
		fmt.Fprintln(w, p.T("The web app on these reports: baocao quickstart --serve (http://%s/)", a.cfg.Serve.Addr))
	}
	if res.Failed > 0 {
		fmt.Fprintf(w, "\n%s\n", p.T("%d sample files were refused on purpose or by error; see above.", res.Failed))
	}
	return nil
}

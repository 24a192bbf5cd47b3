package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/cmd/baocao/web"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

type searchOptions struct {
	province, period string
	hasFinding       string
	from, to         string
	sections         bool
	sort             string
	limit, offset    int
}

func newSearchCmd(a *app) *cobra.Command {
	var o searchOptions
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the reports, section by section",
		Long: `Search finds the reports of QUERY, one hit per report: its best section,
and how many more of its sections match (--sections lists every section).

Query language:
` + index.QuerySyntax + `

Reports are ranked by the words typed together (a place, a phrase of
several syllables), with their diacritics and tone style before other
spellings; a word only in a heading counts less. A filter value that names
nothing (unknown province, malformed period) is a usage error (exit 2).`,
		Example: `  baocao search "chính phủ số" --period 2023-Q1
  baocao search 'TTHC tinh:"Khánh Hòa"' --limit 20
  baocao search '"kiosk tra cứu" -"Hà Nội" ky:2024-H1' --sort date
  baocao search 3604/QĐ-UBND -o json
  baocao search "" --has-finding late-submission --from 2023-01 --to 2023-06
  baocao search "một cửa" -o csv > hits.csv      # -o xlsx > hits.xlsx; every hit up to 1000
`,
		Args:        exactArgs(1),
		Annotations: map[string]string{outputsKey: "csv,xlsx"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if (a.output == "csv" || a.output == "xlsx") && !cmd.Flags().Changed("limit") {
				o.limit = web.ExportLimit // an export holds every hit, not a page
			}
			return runSearch(cmd.Context(), a, args[0], o)
		},
	}
	cmd.Flags().StringVar(&o.province, "province", "", "only reports of this province")
	cmd.Flags().StringVar(&o.period, "period", "", "only this period: 2023-Q1, 2023-H1, 2023-9M, 2023")
	cmd.Flags().StringVar(&o.hasFinding, "has-finding", "", "only reports stored with a finding of this rule (late-submission, missing-section, …)")
	cmd.Flags().StringVar(&o.from, "from", "", "only reports dated on or after: 2023-03-15, 2023-03 or 2023")
	cmd.Flags().StringVar(&o.to, "to", "", "only reports dated on or before: 2023-03-15, 2023-03 or 2023")
	cmd.Flags().BoolVar(&o.sections, "sections", false, "every matching section, not one hit per report")
	cmd.Flags().StringVar(&o.sort, "sort", "relevance", "relevance, or date (newest first)")
	cmd.Flags().IntVar(&o.limit, "limit", 10, "hits per page")
	cmd.Flags().IntVar(&o.offset, "offset", 0, "hits to skip")
	return cmd
}

func runSearch(ctx context.Context, a *app, q string, o searchOptions) error {
	if o.limit < 1 {
		return usageError{i18n.Errorf("--limit %s: must be at least 1", strconv.Itoa(o.limit))}
	}
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	group := index.GroupReport
	if o.sections {
		group = index.GroupSection
	}
	res, err := ix.Search(ctx, index.Query{Text: q, Province: o.province, Period: o.period, HasFinding: o.hasFinding,
		From: o.from, To: o.to, Group: group, Sort: o.sort, Limit: o.limit, Offset: o.offset})
	if errors.Is(err, index.ErrBadQuery) {
		return usageError{err}
	}
	if err != nil {
		return err
	}
	switch a.output {
	case "json":
		return writeJSON(a.out, res)
	case "csv":
		return web.WriteSearchCSV(a.out, res, a.p)
	case "xlsx":
		return web.WriteSearchXLSX(a.out, res, a.p)
	}
	printSearch(a.out, a.p, q, o.offset, res)
	return nil
}

// printSearch writes a search result for a person.
func printSearch(w io.Writer, p *i18n.Printer, q string, offset int, res *index.Result) {
	fmt.Fprintln(w, p.T("%d reports (%d sections) match %q", res.Reports, res.Total, q))
	if res.Relaxed {
		fmt.Fprintln(w, p.T("(no section has every word; showing sections with some of them)"))
	}
	for i, h := range res.Hits {
		sec := h.Section
		if sec == "" {
			sec = p.T("opening")
		}
		fmt.Fprintf(w, "\n%d. %s · %s · §%s %s  [%s]\n   %s\n", offset+i+1, orDash(h.Province), p.Period(h.Period), sec, h.SectionTitle, h.ReportID,
			strings.ReplaceAll(strings.ReplaceAll(h.SnippetText, "[[", "«"), "]]", "»"))
		if h.More > 0 {
			fmt.Fprintln(w, "   "+p.T("(%d more sections in this report)", h.More))
		}
	}
	for _, f := range []struct{ name, label string }{{index.FacetProvince, p.T("By province")}, {index.FacetPeriod, p.T("By period")}} {
		if terms := res.Facets[f.name]; len(terms) > 0 {
			parts := make([]string, len(terms))
			for i, t := range terms {
				term := t.Term
				if f.name == index.FacetPeriod {
					term = p.Period(term)
				}
				parts[i] = fmt.Sprintf("%s (%s)", term, p.Num(int64(t.Count)))
			}
			fmt.Fprintf(w, "\n%s: %s\n", f.label, strings.Join(parts, ", "))
		}
	}
}

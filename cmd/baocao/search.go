package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

type searchOptions struct {
	province, period string
	hasFinding       string
	limit, offset    int
}

func newSearchCmd(a *app) *cobra.Command {
	var o searchOptions
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the reports, section by section",
		Long: `Search finds the sections of ingested reports that contain every word of
QUERY, with or without diacritics and in either tone-mark style ("cai cach
the che", "Khánh Hoà"). Abbreviations match their long forms and back
(CCHC, TTHC, UBND, HĐND, DVCTT, VBQPPL). "Quoted words" are phrases.
A document number such as 3604/QĐ-UBND finds every report citing it.`,
		Example: `  baocao search "chính phủ số" --period 2023-Q1
  baocao search TTHC --province "Khánh Hòa" --limit 20
  baocao search 3604/QĐ-UBND -o json
  baocao search "" --has-finding late-submission`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSearch(cmd.Context(), a, args[0], o)
		},
	}
	cmd.Flags().StringVar(&o.province, "province", "", "only reports of this province")
	cmd.Flags().StringVar(&o.period, "period", "", "only this period: 2023-Q1, 2023-H1, 2023-9M, 2023")
	cmd.Flags().StringVar(&o.hasFinding, "has-finding", "", "only reports stored with a finding of this rule (late-submission, missing-section, …)")
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
	res, err := ix.Search(ctx, index.Query{Text: q, Province: o.province, Period: o.period, HasFinding: o.hasFinding, Limit: o.limit, Offset: o.offset})
	if err != nil {
		return err
	}
	if a.output == "json" {
		return writeJSON(a.out, res)
	}
	printSearch(a.out, a.p, q, o.offset, res)
	return nil
}

// printSearch writes a search result for a person.
func printSearch(w io.Writer, p *i18n.Printer, q string, offset int, res *index.Result) {
	fmt.Fprintln(w, p.T("%d sections in %d reports match %q", res.Total, res.Reports, q))
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

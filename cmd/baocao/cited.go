package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

func newCitedCmd(a *app) *cobra.Command {
	var f index.DocFilter
	cmd := &cobra.Command{
		Use:   "cited [KEY]",
		Short: "The documents the reports cite most, or every report citing one document",
		Long: `Cited lists the documents cited by the most reports, national documents
(NĐ-CP, QĐ-TTg, TT-BNV, /QH15, -NQ/TW…) and local ones (QĐ-UBND, KH-UBND,
NQ-HĐND, /TU…) apart. A cited document is its number/symbol plus its issuing
authority and year: local documents belong to the province the citation
names ("của UBND tỉnh X") or else to the citing report's province, so Khánh
Hòa's 512/QĐ-UBND and Sơn La's 512/QĐ-UBND are two documents.

With KEY (from the listing: vn~30_2020_nd-cp~2020, khanh-hoa~512_qd-ubnd~2023)
it prints the document and every report citing it, in time order, with the
sections that cite it.

-o json prints {"national": [...], "local": [...]} of {"key", "ref",
"national", "authority", "year", "type", "date", "issuer", "title",
"reports"}; with KEY, one such object with "citations": [{"report_id",
"province", "period", "date", "number", "sections", "type", "ref",
"doc_date", "issuer", "title", "text", "key"}].`,
		Example: `  baocao cited --period 2023-Q1 --top 5
  baocao cited --province "Khánh Hòa"
  baocao cited vn~107_2021_nd-cp~2021 -o json | jq '.citations[].province'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.RangeArgs(0, 1)(cmd, args); err != nil {
				return usageError{err}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				return runCitedDocument(cmd.Context(), a, args[0])
			}
			return runCited(cmd.Context(), a, f)
		},
	}
	cmd.Flags().StringVar(&f.Period, "period", "", "period of the citing reports: 2023-Q1, 2023-H1, 2023-9M, 2023")
	cmd.Flags().StringVar(&f.Province, "province", "", "province of the citing reports")
	cmd.Flags().IntVar(&f.Top, "top", 10, "documents listed of each kind")
	return cmd
}

func runCited(ctx context.Context, a *app, f index.DocFilter) error {
	if f.Top < 1 || f.Top > 1000 {
		return usageError{i18n.Errorf("--top %d: want a whole number from 1 to 1000", f.Top)}
	}
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	nat, loc, err := ix.TopDocuments(ctx, f)
	if err != nil {
		return err
	}
	if a.output == "json" {
		return writeJSON(a.out, map[string]any{"national": nat, "local": loc})
	}
	printDocList(a.out, a.p.T("National documents"), nat)
	fmt.Fprintln(a.out)
	printDocList(a.out, a.p.T("Local documents"), loc)
	return nil
}

func printDocList(w io.Writer, title string, list []index.CitedDocument) {
	fmt.Fprintf(w, "%s\n", title)
	if len(list) == 0 {
		fmt.Fprintln(w, "  —")
		return
	}
	tw := newTable(w)
	for _, d := range list {
		fmt.Fprintf(tw, "  %d\t%s %s\t%s\t%s\t%s\n", d.Reports, d.Type, d.Ref, orDash(d.Date), orDash(d.Issuer), d.Key)
	}
	tw.Flush()
}

func runCitedDocument(ctx context.Context, a *app, key string) error {
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	d, err := ix.Document(ctx, strings.TrimSpace(key))
	if errors.Is(err, index.ErrNotFound) {
		return i18n.Errorf("no report cites a document with the key %s; 'baocao cited' lists keys", key)
	}
	if err != nil {
		return err
	}
	if a.output == "json" {
		return writeJSON(a.out, d)
	}
	fmt.Fprintf(a.out, "%s %s  (%s)\n", d.Type, d.Ref, d.Key)
	tw := newTable(a.out)
	fmt.Fprintf(tw, "  %s\t%s\n", a.p.T("Date"), orDash(d.Date))
	fmt.Fprintf(tw, "  %s\t%s\n", a.p.T("Issuer"), orDash(d.Issuer))
	if d.Title != "" {
		fmt.Fprintf(tw, "  %s\t%s\n", a.p.T("Title"), d.Title)
	}
	tw.Flush()
	fmt.Fprintf(a.out, "\n%s\n", a.p.T("Cited by %d reports", len(d.Citations)))
	tw = newTable(a.out)
	for _, c := range d.Citations {
		secs := make([]string, len(c.Sections))
		for i, s := range c.Sections {
			secs[i] = "§" + orDash(s)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", orDash(c.Date), c.Province, orDash(c.Period), strings.Join(secs, " "), c.ReportID)
	}
	tw.Flush()
	return nil
}

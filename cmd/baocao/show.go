package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

func newShowCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "show ID",
		Short: "Show an ingested report with its sections, footnotes, citations and counts",
		Long: `Show prints an ingested report: header, each section with its text,
footnotes with the section of their marker, cited documents and counts.
ID is the report id from search or ingest; a unique prefix is enough.
With -o json it prints the Report object, as 'baocao extract -o json' does.`,
		Example: `  baocao show 3768e0af             # Khánh Hòa, Q1 2023, after baocao quickstart
  baocao show 3768e0af -o json | jq .meta`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runShow(cmd.Context(), a, args[0])
		},
	}
}

func runShow(ctx context.Context, a *app, id string) error {
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	r, err := ix.Get(ctx, id)
	switch {
	case errors.Is(err, index.ErrNotFound):
		return i18n.Errorf("no report has the id %s; 'baocao search' and 'baocao compare' show report ids", id)
	case errors.Is(err, index.ErrAmbiguous):
		return i18n.Errorf("several reports have ids starting with %s; give more digits", id)
	case err != nil:
		return err
	}
	if a.output == "json" {
		return writeJSON(a.out, r)
	}
	printReport(a.out, a.p, r, true)
	ru, err := ix.Reuse(ctx, r.ID)
	if err != nil {
		return err
	}
	printReuse(a.out, a.p, ru)
	return nil
}

// printReuse lists what a report repeats from the previous one.
func printReuse(w io.Writer, p *i18n.Printer, ru *index.Reuse) {
	if ru == nil || len(ru.Sections)+len(ru.Values) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", p.T("Same as the previous report (%s, %s)", ru.PreviousPeriod, ru.Previous))
	for _, m := range ru.Sections {
		fmt.Fprintf(w, "  §%s %s  ≈ §%s  %.0f%%\n", m.Section, m.Title, m.OtherSection, m.Similarity*100)
	}
	for _, v := range ru.Values {
		fmt.Fprintf(w, "  %s = %s  %s\n", v.Indicator, p.Dec(v.Value, 0), p.T("unchanged"))
	}
}

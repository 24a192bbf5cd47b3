package main

import (
	"context"
	"errors"

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
	return nil
}

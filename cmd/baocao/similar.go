package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
)

func newSimilarCmd(a *app) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "similar ID",
		Short: "Sections of other provinces' reports that say nearly the same as this report's",
		Long: `Similar finds, for each section of report ID, sections of other provinces'
reports whose text is the same or nearly the same: a Jaccard similarity of
their 5-word shingles of at least 0.7 (README "Reuse across quarters"). It
spots copy-paste between provinces and common wording worth reading side by
side. The candidates come from the index (a text query per section), so it
does not scan every report.

-o json prints {"matches": [{"section", "title", "other_report",
"other_section", "province", "period", "similarity", "text", "other_text"}]}.`,
		Example: `  baocao similar 3768e0af
  baocao similar 3768e0af -o json | jq '.matches[] | [.province, .similarity]'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSimilar(cmd.Context(), a, args[0], limit)
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 20, "matches shown")
	return cmd
}

func runSimilar(ctx context.Context, a *app, id string, limit int) error {
	ix, err := a.openReader(ctx)
	if err != nil {
		return err
	}
	defer ix.Close()
	list, err := ix.Similar(ctx, id, limit)
	switch {
	case errors.Is(err, index.ErrNotFound):
		return i18n.Errorf("no report has the id %s; 'baocao search' and 'baocao compare' show report ids", id)
	case err != nil:
		return err
	}
	if a.output == "json" {
		return writeJSON(a.out, map[string]any{"matches": list})
	}
	if len(list) == 0 {
		fmt.Fprintln(a.out, a.p.T("No section of another province is nearly the same."))
		return nil
	}
	tw := newTable(a.out)
	for _, m := range list {
		fmt.Fprintf(tw, "  §%s\t%.0f%%\t%s %s\t§%s\t%s\n", m.Section, m.Similarity*100, m.Province, m.Period, m.OtherSection, m.OtherReport)
	}
	return tw.Flush()
}

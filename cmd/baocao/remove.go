package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

func newRemoveCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID|PATH...",
		Short: "Take reports or files out of the index (recorded in the ledger)",
		Long: `Remove takes reports out of the index. An ID (or a unique prefix) removes the
whole report: every rendition and every earlier version. A PATH (a file that
was ingested) removes that file's rendition only: the report stays while it
has another file, read from the best one left, and goes with its last.
Every removal is recorded in the ledger (status removed); a removed file
that is ingested again comes back as new. 'ingest --prune DIR' removes the
files under DIR that are gone from the disk.

-o json prints {"removed": [{"path", "report_id", "status", "reason"}]}.`,
		Example: `  baocao remove 3768e0af
  baocao remove reports/khanh-hoa-2023-q1.pdf`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRemove(cmd.Context(), a, args)
		},
	}
}

// openWritable opens the index and its ledger for a change.
func openWritable(a *app) (*index.Index, *pipeline.Ledger, error) {
	if err := os.MkdirAll(a.cfg.DataDir, 0o755); err != nil {
		return nil, nil, err
	}
	ix, err := index.Open(a.cfg.IndexDir(), indexOptions(a.cfg))
	if err != nil {
		return nil, nil, err
	}
	ledger, err := pipeline.OpenLedger(a.cfg.LedgerPath(), ix)
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	return ix, ledger, nil
}

func runRemove(ctx context.Context, a *app, args []string) error {
	ix, ledger, err := openWritable(a)
	if err != nil {
		return err
	}
	defer ix.Close()
	defer ledger.Close()
	now := time.Now()
	var removed []pipeline.Entry
	failed := false
	for _, arg := range args {
		path := arg
		if abs, err := filepath.Abs(arg); err == nil {
			path = abs
		}
		if e, ok := ledger.Get(path); ok && e.Status != pipeline.StatusRemoved {
			got, _, err := ledger.RemoveFiles(ctx, []string{path}, pipeline.ReasonRemoved, now)
			if err != nil {
				return err
			}
			removed = append(removed, got...)
			continue
		}
		r, err := ix.Get(ctx, arg)
		switch {
		case errors.Is(err, index.ErrNotFound):
			failed = true
			fmt.Fprintln(a.errOut, "baocao:", a.p.T("%s is neither an ingested file nor a report id", arg))
			continue
		case errors.Is(err, index.ErrAmbiguous):
			return i18n.Errorf("several reports have ids starting with %s; give more digits", arg)
		case err != nil:
			return err
		}
		var paths []string
		for _, s := range r.AllSources() {
			paths = append(paths, s.Path)
		}
		got, err := ledger.RemoveReport(ctx, r.ID, paths, now)
		if err != nil {
			return err
		}
		if len(got) == 0 {
			got = []pipeline.Entry{{ReportID: r.ID, Status: pipeline.StatusRemoved, Reason: pipeline.ReasonRemoved}}
		}
		removed = append(removed, got...)
	}
	if a.output == "json" {
		if removed == nil {
			removed = []pipeline.Entry{}
		}
		if err := writeJSON(a.out, map[string]any{"removed": removed}); err != nil {
			return err
		}
	} else {
		for _, e := range removed {
			fmt.Fprintf(a.out, "%s  %s  %s\n", a.p.T("removed"), e.ReportID, e.Path)
		}
	}
	if failed {
		return errFound
	}
	return nil
}

package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

func newLedgerCmd(a *app) *cobra.Command {
	var failed bool
	cmd := &cobra.Command{
		Use:   "ledger",
		Short: "List every file ingest has seen: indexed, duplicate or failed, and why",
		Long: `Ledger prints the ingest ledger (data_dir/ledger.json and its journal
ledger.log, as far as the index has committed them): each file's path,
content hash, status (indexed, duplicate, failed), report id, and for a failed
file the reason and the error. A failed file is not retried until its content
changes. -o json prints the entries as an array.`,
		Example: `  baocao ledger --failed
  baocao ledger -o json | jq '.[] | select(.status=="failed") | .path'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			var all []pipeline.Entry
			// The ledger holds what the index has committed, so it is read
			// with the index; without an index nothing was ingested yet.
			ix, err := index.OpenReadOnly(a.cfg.IndexDir(), indexOptions(a.cfg))
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				return err
			default:
				defer ix.Close()
				l, err := pipeline.OpenLedger(a.cfg.LedgerPath(), ix)
				if err != nil {
					return err
				}
				all = l.Entries()
			}
			entries := []pipeline.Entry{}
			for _, e := range all {
				if !failed || e.Status == pipeline.StatusFailed {
					entries = append(entries, e)
				}
			}
			if a.output == "json" {
				return writeJSON(a.out, entries)
			}
			p := a.p
			tw := newTable(a.out)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.T("STATUS"), p.T("REPORT"), p.T("WHEN"), p.T("FILE"), p.T("REASON"))
			for _, e := range entries {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.Outcome(string(e.Status)), orDash(e.ReportID), p.Time(e.Time), pipeline.CleanMessage(e.Path), orDash(reasonText(p, e.Reason, e.Error)))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&failed, "failed", false, "only the files that failed")
	return cmd
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

func newIngestCmd(a *app) *cobra.Command {
	var server string
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add reports (files or folders) to the index",
		Long: `Ingest reads every PDF, DOCX, Markdown and text file under the given paths,
extracts each report and adds it to the index in data_dir.

It is incremental by content: a file already ingested with the same content
is skipped, a changed file replaces its old report, a file with the same
content as another is recorded as a duplicate and not indexed twice, and a
file that failed is not retried until it changes. One bad file is reported
with its reason and the rest go on. The exit status is 1 when any file failed.

While 'baocao serve' runs, it owns the index: --server URL uploads the files
to it instead (with serve.token / BAOCAO_SERVE_TOKEN).`,
		Example: `  baocao ingest testdata/docs
  baocao ingest -o json inbox/*.pdf
  baocao ingest --server http://127.0.0.1:8080 new-reports/`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			run := func() (pipeline.Summary, error) { return runIngest(cmd.Context(), a, args, progressWriter(a)) }
			if server != "" {
				run = func() (pipeline.Summary, error) { return runRemoteIngest(cmd.Context(), a, server, args) }
			}
			sum, err := run()
			if err != nil {
				return err
			}
			if a.output == "json" {
				if err := writeJSON(a.out, sum); err != nil {
					return err
				}
			} else {
				printSummary(a.out, sum)
			}
			if sum.Failed > 0 {
				return errFound
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&server, "server", "", "hand the files to a running 'baocao serve' at this URL")
	return cmd
}

// progressWriter is where per-file progress goes: the terminal when a
// person watches, nowhere otherwise (scripts read the summary).
func progressWriter(a *app) io.Writer {
	if f, ok := a.errOut.(*os.File); ok && isTerminal(f) {
		return f
	}
	return nil
}

func runIngest(ctx context.Context, a *app, paths []string, progress io.Writer) (pipeline.Summary, error) {
	files, err := pipeline.Collect(paths)
	if err != nil {
		return pipeline.Summary{}, usageError{err}
	}
	p, err := newPipeline(a.cfg, a.cfgFile)
	if err != nil {
		return pipeline.Summary{}, err
	}
	defer p.Close()
	if err := os.MkdirAll(a.cfg.DataDir, 0o755); err != nil {
		return pipeline.Summary{}, err
	}
	ix, err := index.Open(a.cfg.IndexDir(), indexOptions(a.cfg))
	if errors.Is(err, index.ErrInUse) {
		return pipeline.Summary{}, fmt.Errorf("%w\nIs 'baocao serve' running? It owns the index; hand it the files: baocao ingest --server http://%s PATH...", err, a.cfg.Serve.Addr)
	}
	if err != nil {
		return pipeline.Summary{}, err
	}
	defer ix.Close()
	ledger, err := pipeline.OpenLedger(a.cfg.LedgerPath(), ix)
	if err != nil {
		return pipeline.Summary{}, err
	}
	defer ledger.Close()
	b := &pipeline.Batch{Pipeline: p, Ledger: ledger, Workers: a.cfg.Workers, MaxFileSize: a.cfg.Ingest.MaxFileSize}
	if progress != nil {
		b.Progress = func(ev pipeline.Event) {
			fmt.Fprintf(progress, "\r\033[K[%d/%d] %-9s %s", ev.Done, ev.Total, ev.Outcome, pipeline.CleanMessage(filepath.Base(ev.Path)))
			if ev.Done == ev.Total {
				fmt.Fprintln(progress)
			}
		}
	}
	return b.Run(ctx, files)
}

func printSummary(w io.Writer, s pipeline.Summary) {
	for _, ev := range s.Events {
		switch {
		case ev.Outcome == pipeline.OutcomeFailed:
			fmt.Fprintf(w, "FAILED  %s\n        %s: %s\n", pipeline.CleanMessage(ev.Path), ev.Reason, pipeline.CleanMessage(ev.Error))
		case ev.Outcome == pipeline.OutcomeUnchanged && ev.Error != "":
			fmt.Fprintf(w, "SKIPPED %s (failed before and unchanged, not retried)\n        %s: %s\n", pipeline.CleanMessage(ev.Path), ev.Reason, pipeline.CleanMessage(ev.Error))
		}
	}
	fmt.Fprintf(w, "%d files: %d indexed, %d replaced, %d unchanged, %d duplicate, %d failed\n",
		s.Files, s.Indexed, s.Replaced, s.Unchanged, s.Duplicate, s.Failed)
}

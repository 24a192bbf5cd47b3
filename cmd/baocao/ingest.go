package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// ingestResult is what `ingest` reports (-o json prints it).
type ingestResult struct {
	pipeline.Summary
	// Pruned are the files under the --prune folders that were gone from
	// the disk and so left the index (recorded in the ledger).
	Pruned []pipeline.Entry `json:"pruned,omitempty"`
	// Reasons counts the files that failed (now, or before and unchanged)
	// by reason word; Events lists each.
	Reasons map[string]int `json:"reasons,omitempty"`
}

func newIngestCmd(a *app) *cobra.Command {
	var force, prune, verbose bool
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Add reports (files or folders) to the index",
		Long: `Ingest reads every PDF, DOCX, Markdown and text file under the given paths,
extracts each report and adds it to the index in data_dir. Files of other
kinds get the reason "unsupported" in the summary and the ledger.

It is incremental by content: a file already ingested with the same content
is skipped, a changed file replaces its old report, a file with the same
content as another is recorded as a duplicate and not indexed twice, and a
file that failed is not retried until it changes. One bad file is reported
with its reason and the rest go on. A file with no recognisable header and
no report structure is refused as not-a-report (--force indexes it anyway).
The exit status is 1 when any file failed. The summary counts the failed
files by reason; files of unsupported kinds are listed one by one only with
-v or -o json.

With --prune, files ingested from under the given folders that are gone
from the disk leave the index (a report goes when every one of its files is
gone; removing one rendition keeps the report), each recorded in the ledger
as pruned.

While 'baocao serve' runs, it owns the index: ingest then hands the files to
it (found by itself in data_dir, or --server URL), with serve.token /
BAOCAO_SERVE_TOKEN.`,
		Example: `  baocao ingest testdata/docs
  baocao ingest -o json inbox/*.pdf
  baocao ingest --prune reports/
  baocao ingest --server http://127.0.0.1:8080 new-reports/`,
		Args: minArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := runIngestCmd(cmd.Context(), a, args, force)
			if err != nil {
				return err
			}
			if prune {
				if res.Pruned, err = runPrune(cmd.Context(), a, args); err != nil {
					return err
				}
			}
			res.Reasons = failureReasons(res.Events)
			if a.output == "json" {
				if err := writeJSON(a.out, res); err != nil {
					return err
				}
			} else {
				printIngest(a.out, a.p, res, verbose)
				if prune {
					fmt.Fprintln(a.out, a.p.T("%d files gone from the disk removed from the index", len(res.Pruned)))
				}
			}
			if res.Failed > 0 {
				return errFound
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "index files that do not look like reports too (no header, no sections)")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list every file that failed, the unsupported kinds too")
	cmd.Flags().BoolVar(&prune, "prune", false, "also remove from the index the files under the given folders that are gone from the disk")
	return cmd
}

// runIngestCmd ingests here, or through the server that holds the index.
func runIngestCmd(ctx context.Context, a *app, paths []string, force bool) (ingestResult, error) {
	files, err := pipeline.Collect(paths)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return ingestResult{}, fileError(pe.Path, pe.Err)
		}
		return ingestResult{}, err
	}
	var res ingestResult
	if a.cfg.Server.URL != "" {
		res.Summary, err = runRemoteIngest(ctx, a, a.cfg.Server.URL, files)
		return res, err
	}
	res.Summary, err = runIngest(ctx, a, files, progressWriter(a), force)
	if errors.Is(err, index.ErrInUse) {
		if u := runningServer(ctx, a.cfg); u != "" {
			fmt.Fprintln(a.errOut, a.p.T("The index is held by 'baocao serve' at %s: handing the files to it.", u))
			res.Summary, err = runRemoteIngest(ctx, a, u, files)
			return res, err
		}
		return res, i18n.Errorf("the index in %s is in use by another process and no running 'baocao serve' was found in it; wait for the other ingest, or give --server URL", a.cfg.DataDir)
	}
	return res, err
}

// progressWriter is where per-file progress goes: the terminal when a
// person watches, nowhere otherwise (scripts read the summary).
func progressWriter(a *app) io.Writer {
	if f, ok := a.errOut.(*os.File); ok && isTerminal(f) {
		return f
	}
	return nil
}

// runIngest ingests files (from pipeline.Walk) into the local index.
func runIngest(ctx context.Context, a *app, files []string, progress io.Writer, force bool) (pipeline.Summary, error) {
	p, err := newPipeline(a.cfg, a.cfgFile)
	if err != nil {
		return pipeline.Summary{}, err
	}
	p.AcceptNonReports = force
	defer p.Close()
	if err := os.MkdirAll(a.cfg.DataDir, 0o755); err != nil {
		return pipeline.Summary{}, err
	}
	ix, err := index.Open(a.cfg.IndexDir(), indexOptions(a.cfg))
	if err != nil {
		return pipeline.Summary{}, err
	}
	defer ix.Close()
	ledger, err := pipeline.OpenLedger(a.cfg.LedgerPath(), ix)
	if err != nil {
		return pipeline.Summary{}, err
	}
	defer ledger.Close()
	b := &pipeline.Batch{Pipeline: p, Ledger: ledger, Workers: a.cfg.Workers, MaxFileSize: a.cfg.Ingest.MaxFileSize,
		FlushEvery: a.cfg.Index.CommitReports}
	if progress != nil {
		start := time.Now()
		b.Progress = func(ev pipeline.Event) {
			// Throughput and time left, once there is enough to go on.
			rate := ""
			if el := time.Since(start).Seconds(); el >= 1 && ev.Done > 0 {
				r := float64(ev.Done) / el
				left := time.Duration(float64(ev.Total-ev.Done) / r * float64(time.Second)).Round(time.Second)
				rate = " " + a.p.T("%s files/s, %s left", a.p.Dec(r, 1), left)
			}
			fmt.Fprintf(progress, "\r\033[K[%s/%s]%s %-9s %s", a.p.Num(int64(ev.Done)), a.p.Num(int64(ev.Total)), rate, a.p.Outcome(string(ev.Outcome)), pipeline.CleanMessage(filepath.Base(ev.Path)))
			if ev.Done == ev.Total {
				fmt.Fprintln(progress)
			}
		}
	}
	return b.Run(ctx, files)
}

func printIngest(w io.Writer, p *i18n.Printer, r ingestResult, verbose bool) {
	printSummary(w, p, r.Summary, verbose)
}

// failed reports whether ev is a file that could not be ingested: now, or
// before and unchanged since (not retried).
func failed(ev pipeline.Event) bool {
	return ev.Outcome == pipeline.OutcomeFailed || ev.Outcome == pipeline.OutcomeUnchanged && ev.Error != ""
}

// failureReasons counts the failed files by reason word.
func failureReasons(evs []pipeline.Event) map[string]int {
	n := map[string]int{}
	for _, ev := range evs {
		if failed(ev) {
			n[ev.Reason]++
		}
	}
	if len(n) == 0 {
		return nil
	}
	return n
}

// printSummary lists the failed files, each with its reason — files of
// kinds baocao does not read only when verbose, counted by extension
// otherwise (a folder of spreadsheets is one line, not hundreds) — then
// the count per reason and the totals.
func printSummary(w io.Writer, p *i18n.Printer, s pipeline.Summary, verbose bool) {
	unsupported := map[string]int{}
	for _, ev := range s.Events {
		if !failed(ev) {
			continue
		}
		if ev.Reason == "unsupported" && !verbose {
			ext := strings.ToLower(filepath.Ext(ev.Path))
			if ext == "" {
				ext = p.T("(no extension)")
			}
			unsupported[ext]++
			continue
		}
		if ev.Outcome == pipeline.OutcomeFailed {
			fmt.Fprintf(w, "%s  %s\n        %s\n", p.T("FAILED"), pipeline.CleanMessage(ev.Path), reasonText(p, ev.Reason, ev.Error))
		} else {
			fmt.Fprintf(w, "%s  %s %s\n        %s\n", p.T("SKIPPED"), pipeline.CleanMessage(ev.Path), p.T("(failed before and unchanged, not retried)"), reasonText(p, ev.Reason, ev.Error))
		}
	}
	if len(unsupported) > 0 {
		var kinds []string
		total := 0
		for _, ext := range slices.Sorted(maps.Keys(unsupported)) {
			kinds = append(kinds, pipeline.CleanMessage(ext)+" "+p.Num(int64(unsupported[ext])))
			total += unsupported[ext]
		}
		fmt.Fprintln(w, p.T("%d files of kinds baocao does not read (%s); -v lists them", total, strings.Join(kinds, ", ")))
	}
	if reasons := failureReasons(s.Events); len(reasons) > 0 {
		var parts []string
		for _, r := range slices.Sorted(maps.Keys(reasons)) {
			parts = append(parts, p.T(pipeline.ReasonText(r))+": "+p.Num(int64(reasons[r])))
		}
		fmt.Fprintln(w, p.T("Failed files by reason: %s", strings.Join(parts, "; ")))
	}
	fmt.Fprintln(w, p.T("%d files: %d indexed, %d replaced, %d unchanged, %d duplicate, %d failed",
		s.Files, s.Indexed, s.Replaced, s.Unchanged, s.Duplicate, s.Failed))
}

// runPrune removes the files under dirs that are gone from the disk.
func runPrune(ctx context.Context, a *app, dirs []string) ([]pipeline.Entry, error) {
	ix, ledger, err := openWritable(a)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	defer ledger.Close()
	return ledger.Prune(ctx, dirs, time.Now())
}

// Command bleve-baseline is the yardstick of `baocao ingest`'s speed. It
// parses every Markdown and text report under a folder first (timed
// apart), then writes the Bleve documents baocao would write for them into
// a new index in plain batches of 500 documents, and prints what that
// write took as JSON: reports/s and sections/s are what ingest, which also
// reads, parses and keeps its ledger, is compared with in BENCHMARKS.md.
//
//	go run ./cmd/bleve-baseline FOLDER NEW-INDEX-DIR
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/plaintext"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: bleve-baseline FOLDER NEW-INDEX-DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "bleve-baseline:", err)
		os.Exit(1)
	}
}

func run(folder, out string) error {
	files, err := pipeline.Collect([]string{folder})
	if err != nil {
		return err
	}
	ex, err := extract.New()
	if err != nil {
		return err
	}
	p := &pipeline.Pipeline{Extractor: ex, Ingesters: map[extract.Format]pipeline.Ingester{
		extract.FormatMarkdown: plaintext.New(plaintext.DefaultOptions(), true),
		extract.FormatText:     plaintext.New(plaintext.DefaultOptions(), false),
	}}
	parseStart := time.Now()
	var reports []*extract.Report
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		r, err := p.Process(context.Background(), f, data)
		if err != nil {
			continue // ingest would record it as failed; nothing to index
		}
		reports = append(reports, r)
	}
	parse := time.Since(parseStart)
	// What the parsed corpus occupies: part of this process's peak
	// memory that ingest, which streams, does not have.
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)

	cpu0 := cpuTime()
	start := time.Now()
	w, err := index.NewPlainWriter(out, 500)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if err := w.Add(r); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	write := time.Since(start).Seconds()
	cpu := (cpuTime() - cpu0).Seconds()
	return json.NewEncoder(os.Stdout).Encode(map[string]any{
		"reports": len(reports), "documents": w.Docs, "parse_seconds": parse.Seconds(),
		"write_seconds": write, "write_cpu_seconds": cpu, "parsed_heap_mib": float64(ms.HeapAlloc) / (1 << 20),
		"reports_per_s": float64(len(reports)) / write, "sections_per_s": float64(w.Docs-len(reports)) / write,
	})
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

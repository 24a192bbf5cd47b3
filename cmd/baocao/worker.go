package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// newExtractOneCmd is the child side of pipeline.Worker: hidden, it reads
// files on stdin and answers each with a JSON line on stdout.
func newExtractOneCmd(a *app) *cobra.Command {
	var format string
	var memMB int
	cmd := &cobra.Command{
		Use:    "extract-one --format FORMAT",
		Short:  "Parse files from stdin in a worker process (used by ingest)",
		Hidden: true,
		Args:   exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if memMB > 0 {
				limitMemory(memMB)
			}
			in, ok := inProcessIngesters(a.cfg)[extract.Format(format)]
			if !ok {
				return usageError{fmt.Errorf("--format %q: unknown", format)}
			}
			return pipeline.ServeWorker(cmd.Context(), in, os.Stdin, a.out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "pdf, docx, markdown or text")
	cmd.Flags().IntVar(&memMB, "memory-limit-mb", 0, "address-space cap of this process")
	return cmd
}

// limitMemory caps the heap (the GC works harder near it) and the address
// space (allocation beyond it fails and the runtime exits, which the
// parent reports as "exceeded its memory limit").
func limitMemory(mb int) {
	limit := int64(mb) << 20
	debug.SetMemoryLimit(limit)
	// The Go runtime reserves address space beyond the heap; leave room.
	as := uint64(limit) + 1<<30
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: as, Max: as})
}

package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

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
			if c, ok := in.(io.Closer); ok {
				defer c.Close() // a converter's private LibreOffice profile
			}
			return pipeline.ServeWorker(cmd.Context(), in, os.Stdin, a.out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "pdf, docx, doc, rtf, odt, markdown or text")
	cmd.Flags().IntVar(&memMB, "memory-limit-mb", 0, "memory cap of this process, in MB (the parent enforces it)")
	return cmd
}

// limitMemory sets the Go memory limit (what GOMEMLIMIT sets) to four
// fifths of the worker's cap, so the collector works hard before the
// parent, which watches this process's resident memory, kills it at the
// cap. The rest is room for what the limit does not count (stacks, the
// binary's own pages).
func limitMemory(mb int) {
	debug.SetMemoryLimit(int64(mb) << 20 / 5 * 4)
}

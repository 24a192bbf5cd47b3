package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newConfigCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "config",
		Short: "Print the configuration in effect (after file, environment and flags)",
		Long: `Config prints every key with the value in effect. Keys are set, from lowest to
highest precedence, by the defaults, baocao.yaml (or --config FILE), BAOCAO_*
environment variables (index.batch_size → BAOCAO_INDEX_BATCH_SIZE) and flags.
An unknown key in the file is an error.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.output == "json" {
				return writeJSON(a.out, a.cfg)
			}
			c := a.cfg
			tw := newTable(a.out)
			for _, kv := range [][2]any{
				{"data_dir", c.DataDir}, {"workers", c.Workers}, {"lang", c.Lang},
				{"index.batch_size", c.Index.BatchSize}, {"index.lock_timeout", c.Index.LockTimeout},
				{"ingest.timeout", c.Ingest.Timeout}, {"ingest.isolate", c.Ingest.Isolate},
				{"ingest.memory_limit_mb", c.Ingest.MemoryLimitMB}, {"ingest.max_file_size", c.Ingest.MaxFileSize},
				{"ingest.max_pages", c.Ingest.MaxPages}, {"ingest.max_uncompressed", c.Ingest.MaxUncompressed},
				{"ingest.max_compression_ratio", c.Ingest.MaxCompressionRatio},
				{"ingest.passwords", fmt.Sprintf("(%d set)", len(c.Ingest.Passwords))},
			} {
				fmt.Fprintf(tw, "%s\t%v\n", kv[0], kv[1])
			}
			return tw.Flush()
		},
	}
}

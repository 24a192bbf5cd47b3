package fault

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// Every PDF and DOCX sample parses in a worker at the default memory cap,
// again and again (FAULT_RUNS times each; by default enough for
// 100 runs in all), and at the smallest cap the configuration accepts.
func TestWorkerCapsParseEverySample(t *testing.T) {
	files := samples(t, ".pdf", ".docx")
	perFile := runs()
	if perFile == 0 {
		perFile = (100 + len(files) - 1) / len(files)
	}
	for _, c := range []struct {
		name  string
		capMB int
		runs  int
	}{
		{"default cap", config.Default().Ingest.MemoryLimitMB, perFile},
		{"smallest cap", config.MinMemoryLimitMB, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			workers := map[extract.Format]*pipeline.Worker{}
			for _, f := range []extract.Format{extract.FormatPDF, extract.FormatDOCX} {
				w := &pipeline.Worker{Command: []string{baocaoBin, "extract-one"}, Format: f,
					Timeout: time.Minute, MemoryLimitMB: c.capMB, MaxFiles: 25}
				defer w.Close()
				workers[f] = w
			}
			failed, total := 0, 0
			for _, path := range files {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				format := extract.FormatPDF
				if filepath.Ext(path) == ".docx" {
					format = extract.FormatDOCX
				}
				for range c.runs {
					total++
					if _, err := workers[format].Ingest(context.Background(), filepath.Base(path), data); err != nil {
						failed++
						t.Errorf("%s at %d MB: %v", filepath.Base(path), c.capMB, err)
					}
				}
			}
			t.Logf("%d runs of %d samples at %d MB: %d failed", total, len(files), c.capMB, failed)
		})
	}
}

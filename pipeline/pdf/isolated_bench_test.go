package pdf

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// BenchmarkIngestIsolated is BenchmarkIngest as a batch really runs it:
// each file parsed in its own baocao worker process (pipeline.Worker), so
// the figure includes process start and the JSON hand-back — comparable to
// BenchmarkPdftotext, which also starts one process per file.
func BenchmarkIngestIsolated(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "baocao")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/baocao").CombinedOutput(); err != nil {
		b.Fatalf("build baocao: %v\n%s", err, out)
	}
	var datas [][]byte
	for _, p := range samples(b) {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, d)
	}
	pages := countPages(b, datas)
	w := &pipeline.Worker{Command: []string{bin, "extract-one"}, Format: extract.FormatPDF, Timeout: time.Minute}
	b.Chdir(b.TempDir()) // no baocao.yaml from the checkout
	b.ResetTimer()
	for b.Loop() {
		for _, d := range datas {
			if _, err := w.Ingest(context.Background(), "b.pdf", d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

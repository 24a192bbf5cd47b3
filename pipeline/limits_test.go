package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/convert"
	"github.com/baocao/baocao/pipeline/docx"
	"github.com/baocao/baocao/pipeline/pdf"
	"github.com/baocao/baocao/pipeline/plaintext"
)

// Every ingester given a zero limit applies the one default
// (config.Limit, config.Default): a file one byte over the default size is
// refused as too large, where a zero once meant "no limit" (PDF, the
// converter) or a default of the ingester's own (DOCX 64 MB, text 20 MB).
func TestIngestersTakeTheDefaultForZero(t *testing.T) {
	over := make([]byte, config.Default().Ingest.MaxFileSize+1)
	for name, in := range map[string]pipeline.Ingester{
		"pdf":       pdf.New(pdf.Options{}),
		"docx":      docx.New(docx.Options{}),
		"markdown":  plaintext.New(plaintext.Options{}, true),
		"text":      plaintext.New(plaintext.Options{}, false),
		"converter": convert.New(convert.Options{}, extract.FormatDOC, docx.New(docx.Options{})),
	} {
		if _, err := in.Ingest(context.Background(), "big", over); !errors.Is(err, pipeline.ErrTooLarge) {
			t.Errorf("%s with zero limits, %d bytes: %v, want ErrTooLarge", name, len(over), err)
		}
	}
	if got, want := pdf.DefaultOptions(), (pdf.Options{MaxFileSize: config.Default().Ingest.MaxFileSize, MaxPages: config.Default().Ingest.MaxPages, OCRMaxPages: config.Default().Ingest.OCRMaxPages}); got.MaxFileSize != want.MaxFileSize || got.MaxPages != want.MaxPages || got.OCRMaxPages != want.OCRMaxPages {
		t.Errorf("pdf.DefaultOptions %+v, want config.Default's limits", got)
	}
	if got, d := docx.DefaultOptions(), config.Default().Ingest; got.MaxFileSize != d.MaxFileSize || got.MaxUncompressed != d.MaxUncompressed || got.MaxCompressionRatio != d.MaxCompressionRatio {
		t.Errorf("docx.DefaultOptions %+v, want config.Default's limits", got)
	}
}

// A batch without MaxFileSize skips a file over the default size before
// reading it (a sparse file: nothing is written), as too large.
func TestBatchFileSizeZeroIsTheDefault(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(config.Default().Ingest.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	e := openEnv(t, filepath.Join(dir, "data"))
	defer e.close(t)
	b := &pipeline.Batch{Pipeline: newTestPipeline(t), Ledger: e.ledger, Workers: 1}
	sum, err := b.Run(context.Background(), []string{big})
	if err != nil {
		t.Fatal(err)
	}
	if en, ok := e.ledger.Get(big); sum.Failed != 1 || !ok || en.Reason != "too-large" {
		t.Errorf("summary %+v, ledger %+v: want the file failed as too-large", sum, en)
	}
}

package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline/ocr"
)

// TestExtractScanInWorker: a scanned PDF is read by OCR inside the parser
// worker, and the report lists its OCR'd pages with their confidence.
// Tesseract is optional (README): without it the scan is no-text and the
// message says what to install.
func TestExtractScanInWorker(t *testing.T) {
	scan := filepath.Join(abs(t, "../../testdata/formats"), "khanh-hoa-2023-q1-scan.pdf")
	t.Setenv("BAOCAO_INGEST_ISOLATE", "true")
	t.Setenv("BAOCAO_LANG", "en")
	if _, _, err := ocr.Find("vie"); err != nil {
		t.Setenv("BAOCAO_INGEST_OCR", "auto")
		_, stderr, code := run(t, t.TempDir(), "extract", scan, "-o", "json")
		if code != exitFailure || !strings.Contains(stderr, "tesseract") {
			t.Errorf("without Tesseract: exit %d: %s", code, stderr)
		}
		t.Skipf("OCR not tested in the worker: %v", err)
	}
	if testing.Short() {
		t.Skip("-short: OCR takes seconds per page")
	}
	t.Setenv("BAOCAO_INGEST_TIMEOUT", "10m") // a loaded 2-core machine
	stdout, stderr, code := run(t, t.TempDir(), "extract", scan, "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r extract.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, d := range r.Diagnostics {
		if d.Code == "pdf.ocr" && strings.Contains(d.Message, "mean confidence") {
			pages++
		}
	}
	if pages != 4 || r.Meta.Number != "31/BC-UBND" || len(r.Citations) < 14 {
		t.Errorf("%d OCR'd pages, number %q, %d citations", pages, r.Meta.Number, len(r.Citations))
	}
	// ingest.ocr: off keeps the scan no-text, saying so.
	t.Setenv("BAOCAO_INGEST_OCR", "off")
	if _, stderr, code := run(t, t.TempDir(), "extract", scan, "-o", "json"); code != exitFailure || !strings.Contains(stderr, "ingest.ocr") {
		t.Errorf("ocr off: exit %d: %s", code, stderr)
	}
}

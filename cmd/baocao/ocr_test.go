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
// worker, up to ingest.ocr_max_pages, and the report lists its OCR'd pages
// with their confidence.
// Tesseract is optional (README): without it the scan is no-text and the
// message says what to install.
func TestExtractScanInWorker(t *testing.T) {
	scan := filepath.Join(abs(t, "../../testdata/formats"), "khanh-hoa-2023-q1-scan.pdf")
	photo := filepath.Join(abs(t, "../../testdata/formats"), "khanh-hoa-2023-q1-page1.jpg")
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
	// One page is enough to test the worker's side (and the page limit);
	// pipeline's tests read the whole scan.
	t.Setenv("BAOCAO_INGEST_OCR_MAX_PAGES", "1")
	stdout, stderr, code := run(t, t.TempDir(), "extract", scan, "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r extract.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	pages, limited := 0, false
	for _, d := range r.Diagnostics {
		if d.Code == "pdf.ocr" && d.Page == 1 && strings.Contains(d.Message, "mean confidence") {
			pages++
		}
		limited = limited || d.Code == "pdf.ocr_limit"
	}
	if pages != 1 || !limited || r.Meta.Number != "31/BC-UBND" || r.Meta.Province != "Khánh Hòa" {
		t.Errorf("%d OCR'd pages, limit diagnostic %v, number %q, province %q: %+v", pages, limited, r.Meta.Number, r.Meta.Province, r.Diagnostics)
	}
	// A photographed page (JPEG) is read by the same OCR in the worker.
	stdout, stderr, code = run(t, t.TempDir(), "extract", photo, "-o", "json")
	if code != 0 {
		t.Fatalf("image: exit %d: %s", code, stderr)
	}
	r = extract.Report{}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	ocrd := false
	for _, d := range r.Diagnostics {
		ocrd = ocrd || d.Code == "pdf.ocr" && strings.Contains(d.Message, "mean confidence")
	}
	if !ocrd || r.Source.Format != extract.FormatImage || r.Meta.Number != "31/BC-UBND" || r.Meta.Province != "Khánh Hòa" {
		t.Errorf("image: format %s, number %q, province %q: %+v", r.Source.Format, r.Meta.Number, r.Meta.Province, r.Diagnostics)
	}
	// ingest.ocr: off keeps the scan no-text and the image unsupported,
	// saying so.
	t.Setenv("BAOCAO_INGEST_OCR", "off")
	if _, stderr, code := run(t, t.TempDir(), "extract", scan, "-o", "json"); code != exitFailure || !strings.Contains(stderr, "ingest.ocr") {
		t.Errorf("ocr off: exit %d: %s", code, stderr)
	}
	if _, stderr, code := run(t, t.TempDir(), "extract", photo, "-o", "json"); code != exitFailure || !strings.Contains(stderr, "ingest.ocr") {
		t.Errorf("ocr off, image: exit %d: %s", code, stderr)
	}
}

package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/ocr"
	"github.com/baocao/baocao/pipeline/pdf"
)

// scans are the scanned samples and their born-digital twins.
var scans = map[string]string{
	"lang-son-2025-q1-scan.pdf":  "lang-son-2025-q1.pdf",
	"khanh-hoa-2023-q1-scan.pdf": "khanh-hoa-2023-q1.pdf",
}

// exactScan is the 300 dpi scan, the one Tesseract is checked against.
const exactScan = "khanh-hoa-2023-q1-scan.pdf"

// overlap counts the items of want found in got (a multiset).
func overlap(want, got []string) int {
	have := map[string]int{}
	for _, g := range got {
		have[g]++
	}
	n := 0
	for _, w := range want {
		if have[w] > 0 {
			have[w]--
			n++
		}
	}
	return n
}

// recordedOCR answers with Tesseract's TSV output recorded for a scan
// (testdata/formats/ocr/NAME-PAGE.tsv, made by make.sh at 300 dpi), so the
// layout of OCR'd pages is tested without Tesseract and in milliseconds.
type recordedOCR struct{ name string }

func (r recordedOCR) Languages() string { return "vie (recorded)" }

func (r recordedOCR) Read(ctx context.Context, data []byte, pages []int) ([]ocr.Page, error) {
	var out []ocr.Page
	for _, n := range pages {
		tsv, err := os.ReadFile(filepath.Join(formatsDir, "ocr", fmt.Sprintf("%s-%d.tsv", r.name, n)))
		if err != nil {
			out = append(out, ocr.Page{Number: n, Err: err})
			continue
		}
		p, err := ocr.ParseTSV(tsv)
		p.Number, p.Err, p.DPI = n, err, 300
		out = append(out, p)
	}
	return out, nil
}

func pipelineWithOCR(t testing.TB, o pdf.OCR) *pipeline.Pipeline {
	p := newTestPipeline(t)
	opts := pdf.DefaultOptions()
	opts.OCR = o
	in := pdf.New(opts)
	p.Ingesters[extract.FormatPDF] = in
	p.Ingesters[extract.FormatImage] = pdf.NewImage(in)
	return p
}

// scanFacts is what OCR must get right: the header, the section tree
// (paths, and titles without diacritics: OCR may misread one mark, "Cái
// cách") and the cited documents (ref, type and date, in any order).
type scanFacts struct {
	Meta      extract.Meta
	Sections  []string
	Citations []string
}

func factsOfScan(r *extract.Report) scanFacts {
	f := scanFacts{Meta: r.Meta}
	f.Meta.Spans = nil
	for _, s := range formatFree(r).Sections {
		f.Sections = append(f.Sections, extract.Fold(s))
	}
	for _, ct := range r.Citations {
		ref := "—"
		if ct.Ref != nil {
			ref = *ct.Ref
		}
		f.Citations = append(f.Citations, strings.Join([]string{ref, ct.Type, ct.Date}, " | "))
	}
	slices.Sort(f.Citations)
	return f
}

// issuerAccuracy is how many of the twin's citations the OCR'd report has
// with the same issuer.
func issuerAccuracy(want, got *extract.Report) (int, int) {
	have := map[string]bool{}
	for _, c := range got.Citations {
		have[c.Type+" "+c.Date+" "+extract.SearchKey(c.Issuer)] = true
	}
	n := 0
	for _, c := range want.Citations {
		if have[c.Type+" "+c.Date+" "+extract.SearchKey(c.Issuer)] {
			n++
		}
	}
	return n, len(want.Citations)
}

// countAccuracy is the share of the twin's counts (kind, value, unit)
// that the OCR'd report has too.
func countAccuracy(want, got *extract.Report) (int, int) {
	have := map[string]int{}
	for _, c := range got.Counts {
		have[fmt.Sprintf("%s %d %s", c.Kind, c.Value, extract.SearchKey(c.Unit))]++
	}
	found := 0
	for _, c := range want.Counts {
		k := fmt.Sprintf("%s %d %s", c.Kind, c.Value, extract.SearchKey(c.Unit))
		if have[k] > 0 {
			have[k]--
			found++
		}
	}
	return found, len(want.Counts)
}

// checkScan compares an OCR'd scan with its twin: the header, sections
// and citations (with their issuers) must be the same (the 150 dpi scan
// too, turned by 0.8°);
// the figures of the rest are logged, and eight in ten counts must be
// read.
func checkScan(t *testing.T, p *pipeline.Pipeline, scan, twin string) {
	got := processFile(t, p, filepath.Join(formatsDir, scan))
	want := processFile(t, newTestPipeline(t), filepath.Join(docsDir, twin))
	wf, gf := factsOfScan(want), factsOfScan(got)
	if d := cmp.Diff(wf, gf); d != "" {
		t.Errorf("%s and %s differ (-%s +%s):\n%s", twin, scan, twin, scan, d)
	}
	if got.Meta.Number != want.Meta.Number || got.Meta.Province != want.Meta.Province || got.Meta.Period != want.Meta.Period {
		t.Errorf("header: %+v, want %+v", got.Meta, want.Meta)
	}
	sections, citations := overlap(wf.Sections, gf.Sections), overlap(wf.Citations, gf.Citations)
	issuers, nc := issuerAccuracy(want, got)
	t.Logf("%s: sections %d of %d, citations %d of %d (same issuer %d of %d), footnotes %d of %d",
		scan, sections, len(wf.Sections), citations, len(wf.Citations), issuers, nc, len(got.Footnotes), len(want.Footnotes))
	if issuers != nc {
		t.Errorf("only %d of %d citations have their twin's issuer", issuers, nc)
	}
	if len(got.Footnotes) != len(want.Footnotes) {
		t.Errorf("%d footnotes, want %d", len(got.Footnotes), len(want.Footnotes))
	}
	pages := 0
	for _, d := range got.Diagnostics {
		if d.Code == "pdf.ocr" && d.Page > 0 && strings.Contains(d.Message, "mean confidence") {
			pages++
		}
	}
	if pages == 0 {
		t.Errorf("no pdf.ocr diagnostic: %+v", got.Diagnostics)
	}
	found, total := countAccuracy(want, got)
	t.Logf("%s: %d OCR'd pages; %d of %d counts as in %s (%.0f%%)",
		scan, pages, found, total, twin, 100*float64(found)/float64(max(total, 1)))
	if found*10 < total*8 {
		t.Errorf("only %d of %d counts read", found, total)
	}
}

// TestScannedTwinRecorded: the recorded OCR of a scanned sample gives the
// same header, sections and citations as its born-digital twin, and most
// of its counts; every OCR'd page says so with its mean confidence.
func TestScannedTwinRecorded(t *testing.T) {
	for scan, twin := range scans {
		name := strings.TrimSuffix(scan, ".pdf")
		if _, err := os.Stat(filepath.Join(formatsDir, "ocr", name+"-1.tsv")); err != nil {
			continue
		}
		t.Run(scan, func(t *testing.T) { checkScan(t, pipelineWithOCR(t, recordedOCR{name}), scan, twin) })
	}
}

// TestTesseractMatchesRecording: Tesseract itself, when installed with
// the Vietnamese model (optional, README; CI installs it), reads page 1 of
// the 300 dpi scan as recorded, so the recorded tests stand for it. The
// whole scan through the parser worker is cmd/baocao's
// TestExtractScanInWorker.
func TestTesseractMatchesRecording(t *testing.T) {
	tess, ppm, err := ocr.Find("vie")
	if err != nil {
		t.Skipf("OCR not tested with Tesseract: %v (CI installs tesseract-ocr, tesseract-ocr-vie, poppler-utils)", err)
	}
	engine := ocr.New(ocr.Options{Tesseract: tess, Pdftoppm: ppm, PageTimeout: 5 * time.Minute})
	data, err := os.ReadFile(filepath.Join(formatsDir, exactScan))
	if err != nil {
		t.Fatal(err)
	}
	live, err := engine.Read(context.Background(), data, []int{1})
	if err != nil || len(live) != 1 || live[0].Err != nil {
		t.Fatalf("%v %+v", err, live)
	}
	rec, _ := recordedOCR{strings.TrimSuffix(exactScan, ".pdf")}.Read(context.Background(), nil, []int{1})
	text := func(p ocr.Page) []string {
		var out []string
		for _, w := range p.Words {
			out = append(out, w.Text)
		}
		return out
	}
	same := overlap(text(rec[0]), text(live[0]))
	t.Logf("page 1: %d words, %d as recorded, mean confidence %.1f%%, %.1fs", len(live[0].Words), same, live[0].Confidence(), live[0].Took.Seconds())
	if same*100 < len(rec[0].Words)*95 {
		t.Errorf("only %d of %d recorded words read again: regenerate testdata/formats (make.sh) if Tesseract changed", same, len(rec[0].Words))
	}
}

// TestScanWithoutOCR: without Tesseract a scan stays no-text, and the
// message says what to install.
func TestScanWithoutOCR(t *testing.T) {
	p := newTestPipeline(t)
	opts := pdf.DefaultOptions()
	opts.OCRUnavailable = "no OCR: tesseract is not installed: " + ocr.Install
	p.Ingesters[extract.FormatPDF] = pdf.New(opts)
	data, err := os.ReadFile(filepath.Join(formatsDir, "lang-son-2025-q1-scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Process(context.Background(), "scan.pdf", data)
	if pipeline.Reason(err) != "no-text" || !strings.Contains(err.Error(), "tesseract-ocr-vie") {
		t.Errorf("got %v, want no-text naming tesseract-ocr-vie", err)
	}
}

// images are the page images sent instead of a PDF, and the twin of the
// report they show the first page of.
var images = map[string]string{
	"khanh-hoa-2023-q1-page1.jpg": "khanh-hoa-2023-q1.pdf",
	"lang-son-2025-q1-page1.png":  "lang-son-2025-q1.pdf",
}

// TestImageRecorded: a JPEG or PNG of a report's first page is read by
// OCR like a one-page scan: the header of its twin, the sections and
// citations of that page (the twin's first ones), the image's own format
// and hash, and the OCR diagnostics.
func TestImageRecorded(t *testing.T) {
	for img, twin := range images {
		t.Run(img, func(t *testing.T) {
			name := strings.TrimSuffix(img, filepath.Ext(img))
			got := processFile(t, pipelineWithOCR(t, recordedOCR{name}), filepath.Join(formatsDir, img))
			want := processFile(t, newTestPipeline(t), filepath.Join(docsDir, twin))
			wf, gf := factsOfScan(want), factsOfScan(got)
			if d := cmp.Diff(wf.Meta, gf.Meta); d != "" {
				t.Errorf("header differs from %s (-want +got):\n%s", twin, d)
			}
			if len(gf.Sections) < 2 || !slices.Equal(gf.Sections, wf.Sections[:min(len(gf.Sections), len(wf.Sections))]) {
				t.Errorf("sections %q, want the first ones of %q", gf.Sections, wf.Sections)
			}
			if n := overlap(wf.Citations, gf.Citations); n != len(gf.Citations) || n == 0 {
				t.Errorf("citations %q: %d of them in %s", gf.Citations, n, twin)
			}
			data, _ := os.ReadFile(filepath.Join(formatsDir, img))
			if got.Source.Format != extract.FormatImage || got.Source.SHA256 != extract.HashBytes(data) {
				t.Errorf("source %+v", got.Source)
			}
			if hasDiagnostic(got, "image.ocr") == nil || hasDiagnostic(got, "pdf.ocr") == nil {
				t.Errorf("diagnostics %+v", got.Diagnostics)
			}
			t.Logf("%s: %d sections, %d citations, %s", img, len(gf.Sections), len(gf.Citations), hasDiagnostic(got, "pdf.ocr").Message)
		})
	}
}

// TestImageRefused: without OCR an image is unsupported, saying what to
// install (an upload is refused at once); a broken one is malformed; one
// past the file size limit is too large.
func TestImageRefused(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(formatsDir, "khanh-hoa-2023-q1-page1.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	p := newTestPipeline(t)
	opts := pdf.DefaultOptions()
	opts.OCRUnavailable = "no OCR: tesseract is not installed: " + ocr.Install
	p.Ingesters[extract.FormatImage] = pdf.NewImage(pdf.New(opts))
	if err := p.Accepts("anh.jpg", data); pipeline.Reason(err) != "unsupported" || !strings.Contains(err.Error(), "tesseract-ocr-vie") {
		t.Errorf("upload without OCR: %v", err)
	}
	if _, err := p.Process(context.Background(), "anh.jpg", data); pipeline.Reason(err) != "unsupported" || !strings.Contains(err.Error(), "tesseract-ocr-vie") {
		t.Errorf("without OCR: %v, want unsupported naming tesseract-ocr-vie", err)
	}
	p = pipelineWithOCR(t, recordedOCR{"khanh-hoa-2023-q1-page1"})
	if _, err := p.Process(context.Background(), "hong.jpg", data[:2000]); pipeline.Reason(err) != "malformed" {
		t.Errorf("a cut JPEG: %v, want malformed", err)
	}
	opts = pdf.DefaultOptions()
	opts.OCR, opts.MaxFileSize = recordedOCR{"khanh-hoa-2023-q1-page1"}, 1000
	p.Ingesters[extract.FormatImage] = pdf.NewImage(pdf.New(opts))
	if _, err := p.Process(context.Background(), "lon.jpg", data); pipeline.Reason(err) != "too-large" {
		t.Errorf("over the size limit: %v, want too-large", err)
	}
}

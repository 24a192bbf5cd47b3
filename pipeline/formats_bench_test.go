package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/convert"
	"github.com/baocao/baocao/pipeline/ocr"
)

func mustReadB(b *testing.B, path string) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// childCPU is the CPU time used by finished child processes (pdftoppm,
// tesseract, soffice): on a shared machine it measures their cost when
// wall time measures the other load.
func childCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func processB(b *testing.B, p *pipeline.Pipeline, name string, data []byte) {
	b.Helper()
	if _, err := p.Process(context.Background(), name, data); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkOCR: seconds per scanned page (render at 300 dpi + Tesseract
// vie, one thread), next to the same report's born-digital PDF read from
// its text layer.
func BenchmarkOCR(b *testing.B) {
	tess, ppm, err := ocr.Find("vie")
	if err != nil {
		b.Skip(err)
	}
	engine := ocr.New(ocr.Options{Tesseract: tess, Pdftoppm: ppm, PageTimeout: 10 * time.Minute})
	scan := mustReadB(b, filepath.Join(formatsDir, "lang-son-2025-q1-scan.pdf"))
	twin := mustReadB(b, filepath.Join(docsDir, "lang-son-2025-q1.pdf"))
	const pages = 3
	b.Run("text-layer", func(b *testing.B) {
		p := newTestPipeline(b)
		for b.Loop() {
			processB(b, p, "t.pdf", twin)
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*pages), "s/page")
	})
	b.Run("ocr", func(b *testing.B) {
		p := pipelineWithOCR(b, engine)
		cpu := childCPU()
		for b.Loop() {
			processB(b, p, "s.pdf", scan)
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*pages), "s/page")
		b.ReportMetric((childCPU()-cpu).Seconds()/float64(b.N*pages), "cpu-s/page")
	})
	// A page sent as an image (JPEG at 150 dpi, PNG at 200 dpi): wrapped
	// into a one-page PDF, then the same rendering and recognition.
	for _, img := range []string{"khanh-hoa-2023-q1-page1.jpg", "lang-son-2025-q1-page1.png"} {
		data := mustReadB(b, filepath.Join(formatsDir, img))
		b.Run("image-"+filepath.Ext(img)[1:], func(b *testing.B) {
			p := pipelineWithOCR(b, engine)
			cpu := childCPU()
			for b.Loop() {
				processB(b, p, img, data)
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/page")
			b.ReportMetric((childCPU()-cpu).Seconds()/float64(b.N), "cpu-s/page")
		})
	}
}

// BenchmarkConvertDoc: a Word 97 .doc converted by LibreOffice and read,
// next to its DOCX twin read directly.
func BenchmarkConvertDoc(b *testing.B) {
	soffice, err := convert.Find()
	if err != nil {
		b.Skip(err)
	}
	doc := mustReadB(b, filepath.Join(formatsDir, "lang-son-2025-q1.doc"))
	docx := mustReadB(b, filepath.Join(docsDir, "lang-son-2025-q1.docx"))
	b.Run("docx", func(b *testing.B) {
		p := newTestPipeline(b)
		for b.Loop() {
			processB(b, p, "t.docx", docx)
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/file")
	})
	b.Run("doc", func(b *testing.B) {
		p := newTestPipeline(b)
		withConverters(b, p, soffice)
		cpu := childCPU()
		for b.Loop() {
			processB(b, p, "t.doc", doc)
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/file")
		b.ReportMetric((childCPU()-cpu).Seconds()/float64(b.N), "cpu-s/file")
	})
}

// BenchmarkNightlyMix: the parse stage of a nightly ingest with 2 workers,
// on a tenth of the 100-file night (10 files): 9 born-digital reports and
// 1 scanned one (3 pages), against 10 born-digital ones. The night is ten
// of these.
func BenchmarkNightlyMix(b *testing.B) {
	tess, ppm, err := ocr.Find("vie")
	if err != nil {
		b.Skip(err)
	}
	engine := ocr.New(ocr.Options{Tesseract: tess, Pdftoppm: ppm, PageTimeout: 10 * time.Minute})
	var digital [][2]string
	for _, n := range []string{"khanh-hoa-2023-q1.pdf", "lang-son-2025-q1.pdf", "thanh-hoa-2023-q1.pdf", "nghe-an-2024-h1.docx",
		"quang-ninh-2024-h1.pdf", "ha-noi-2024.docx", "dong-thap-2025-q3.pdf", "binh-dinh-2023.md", "dak-lak-2023-q1.txt", "khanh-hoa-2025.pdf"} {
		digital = append(digital, [2]string{n, string(mustReadB(b, filepath.Join(docsDir, n)))})
	}
	scan := [2]string{"lang-son-2025-q1-scan.pdf", string(mustReadB(b, filepath.Join(formatsDir, "lang-son-2025-q1-scan.pdf")))}
	run := func(b *testing.B, files [][2]string) {
		p := pipelineWithOCR(b, engine)
		cpu := childCPU()
		for b.Loop() {
			var wg sync.WaitGroup
			work := make(chan [2]string)
			for range 2 {
				wg.Go(func() {
					for f := range work {
						processB(b, p, f[0], []byte(f[1]))
					}
				})
			}
			for _, f := range files {
				work <- f
			}
			close(work)
			wg.Wait()
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)*10, "s/100files")
		b.ReportMetric((childCPU()-cpu).Seconds()/float64(b.N)*10, "child-cpu-s/100files")
	}
	b.Run("100-born-digital", func(b *testing.B) { run(b, digital) })
	b.Run("90-born-digital+10-scanned", func(b *testing.B) { run(b, append(digital[:9:9], scan)) })
}

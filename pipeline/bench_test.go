package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// textSamples ingests the Markdown and text samples once.
func textSamples(b *testing.B) []*extract.Document {
	b.Helper()
	p := newTestPipeline(b)
	files, _ := textFiles(b)
	var docs []*extract.Document
	for _, f := range files {
		doc, err := p.Ingest(context.Background(), f.format, f.name, f.data)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// BenchmarkExtract measures extraction alone (Document → Report), in MB/s
// of document text, on one core.
func BenchmarkExtract(b *testing.B) {
	docs := textSamples(b)
	ex, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	b.SetBytes(size)
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			ex.Extract(d)
		}
	}
	b.ReportMetric(float64(size)*float64(b.N)/1e6/(cpuTime()-cpu).Seconds(), "MB/cpu-s")
}

// textSample is a bundled Markdown or text sample, as the parse and
// file → Report benchmarks read it.
type textSample struct {
	name   string
	format extract.Format
	data   []byte
}

// textFiles reads the bundled Markdown and text samples and their total
// size in bytes.
func textFiles(b testing.TB) ([]textSample, int64) {
	b.Helper()
	var files []textSample
	var size int64
	for _, name := range sampleFiles(b) {
		if ext := filepath.Ext(name); ext != ".md" && ext != ".txt" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil {
			b.Fatal(err)
		}
		format, _ := pipeline.Sniff(name, data)
		files = append(files, textSample{name, format, data})
		size += int64(len(data))
	}
	return files, size
}

// BenchmarkParse measures the Markdown and text ingesters alone (file
// bytes → Document, no extraction), in MB/s of file bytes.
func BenchmarkParse(b *testing.B) {
	p := newTestPipeline(b)
	files, size := textFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, f := range files {
			if _, err := p.Ingest(context.Background(), f.format, f.name, f.data); err != nil {
				b.Fatal(f.name, err)
			}
		}
	}
	b.ReportMetric(float64(size)*float64(b.N)/1e6/(cpuTime()-cpu).Seconds(), "MB/cpu-s")
}

var reNumber = regexp.MustCompile(`\b\d{2,4}\b`)

// generateReports writes n distinct sample-sized reports into dir: the
// bundled Markdown and text samples with their numbers changed, so every
// file has its own content hash and its own counts.
func generateReports(b testing.TB, dir string, n int) {
	b.Helper()
	var templates []string
	var exts []string
	files, _ := textFiles(b)
	for _, f := range files {
		text, err := decodeSample(f.data)
		if err != nil {
			continue
		}
		templates = append(templates, text)
		exts = append(exts, filepath.Ext(f.name))
	}
	for i := 0; i < n; i++ {
		t := templates[i%len(templates)]
		k := 0
		text := reNumber.ReplaceAllStringFunc(t, func(m string) string {
			k++
			if len(m) == 4 && strings.HasPrefix(m, "20") { // keep years and dates plausible
				return m
			}
			return fmt.Sprint((i*7+k)%900 + 10)
		})
		// A filing line makes every file unique even where a template has
		// few numbers to vary.
		text += fmt.Sprintf("\nMã lưu trữ điện tử: BC-%04d.\n", i)
		name := filepath.Join(dir, fmt.Sprintf("gen-%05d%s", i, exts[i%len(templates)]))
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteBenchCorpus writes the generated reports of the ingest
// benchmarks into a folder for cmd/bleve-baseline/compare.sh:
// BAOCAO_BENCH_CORPUS=DIR:N go test ./pipeline -run TestWriteBenchCorpus.
func TestWriteBenchCorpus(t *testing.T) {
	spec := os.Getenv("BAOCAO_BENCH_CORPUS")
	if spec == "" {
		t.Skip("BAOCAO_BENCH_CORPUS=DIR:N not set")
	}
	dir, count, _ := strings.Cut(spec, ":")
	n, err := strconv.Atoi(count)
	if err != nil {
		t.Fatalf("BAOCAO_BENCH_CORPUS=%s: %v", spec, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	generateReports(t, dir, n)
}

// decodeSample reads a sample as UTF-8 text (UTF-16 samples are skipped).
func decodeSample(data []byte) (string, error) {
	if len(data) >= 2 && (data[0] == 0xFF || data[0] == 0xFE) {
		return "", fmt.Errorf("utf-16")
	}
	return strings.TrimPrefix(string(data), "\uFEFF"), nil
}

// timedIndexer measures the time spent writing to the index.
type timedIndexer struct {
	ix      *index.Index
	elapsed time.Duration
}

func (t *timedIndexer) Commit(ctx context.Context, puts []*extract.Report, drops []extract.Removal, mark uint64) error {
	start := time.Now()
	err := t.ix.Commit(ctx, puts, drops, mark)
	t.elapsed += time.Since(start)
	return err
}

func (t *timedIndexer) Mark() (uint64, error) { return t.ix.Mark() }

// BenchmarkIngest ingests 1,000 generated sample-sized reports into a real
// Bleve index on disk and reports reports/s, reports per CPU-second (the
// figure a shared machine disturbs least) and the share of the wall time
// the committer spends writing the index, for several commit sizes
// (Batch.FlushEvery): -bench 'BenchmarkIngest$/flush=64' for the default.
func BenchmarkIngest(b *testing.B) {
	const n = 1000
	src := b.TempDir()
	generateReports(b, src, n)
	files, err := pipeline.Collect([]string{src})
	if err != nil {
		b.Fatal(err)
	}
	for _, flush := range []int{16, 64, 256} {
		b.Run(fmt.Sprintf("flush=%d", flush), func(b *testing.B) {
			var total, indexing, cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				dir := b.TempDir()
				ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
				if err != nil {
					b.Fatal(err)
				}
				ti := &timedIndexer{ix: ix}
				ledger, err := pipeline.OpenLedger(filepath.Join(dir, "ledger.json"), ti)
				if err != nil {
					b.Fatal(err)
				}
				batch := &pipeline.Batch{Pipeline: newTestPipeline(b), Ledger: ledger, Workers: 2, FlushEvery: flush}
				b.StartTimer()
				start, cpu0 := time.Now(), cpuTime()
				sum, err := batch.Run(context.Background(), files)
				total += time.Since(start)
				cpu += cpuTime() - cpu0
				indexing += ti.elapsed
				b.StopTimer()
				if err != nil || sum.Indexed != n {
					b.Fatalf("indexed %d of %d (%d failed, %d duplicate): %v", sum.Indexed, n, sum.Failed, sum.Duplicate, err)
				}
				ledger.Close()
				ix.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "reports/s")
			b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "reports/cpu-s")
			b.ReportMetric(100*indexing.Seconds()/total.Seconds(), "%index")
		})
	}
}

// BenchmarkFileToReport measures Markdown and text files becoming Reports
// (decode, parse, extract: Pipeline.Process), in MB/s of file bytes; run
// it with -cpu 1 for the one-core figure.
func BenchmarkFileToReport(b *testing.B) {
	p := newTestPipeline(b)
	files, size := textFiles(b)
	b.SetBytes(size)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, f := range files {
			if _, err := p.Process(context.Background(), f.name, f.data); err != nil {
				b.Fatal(f.name, err)
			}
		}
	}
	// On a shared machine the wall-clock MB/s depends on the neighbours;
	// the CPU time the process used does much less.
	b.ReportMetric(float64(size)*float64(b.N)/1e6/(cpuTime()-cpu).Seconds(), "MB/cpu-s")
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

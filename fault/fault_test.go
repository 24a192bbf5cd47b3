package fault

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/plaintext"
)

const docsDir = "../testdata/docs"

// baocaoBin is the baocao binary built for this run: the parser workers
// are its extract-one command, exactly as in production.
var baocaoBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "baocao-fault")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	baocaoBin = filepath.Join(dir, "baocao")
	build := exec.Command("go", "build", "-o", baocaoBin, "../cmd/baocao")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build baocao for the worker processes:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// newPipeline is the production pipeline of cfg (cmd/baocao's wiring):
// in-process text ingesters, PDF and DOCX in worker processes, the text
// and fact limits and the document deadline.
func newPipeline(t testing.TB, cfg config.Config) *pipeline.Pipeline {
	t.Helper()
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	text := plaintext.Options{MaxFileSize: cfg.Ingest.MaxFileSize}
	ins := map[extract.Format]pipeline.Ingester{
		extract.FormatMarkdown: pipeline.LimitText(plaintext.New(text, true), cfg.Ingest.MaxTextBytes),
		extract.FormatText:     pipeline.LimitText(plaintext.New(text, false), cfg.Ingest.MaxTextBytes),
	}
	for _, f := range []extract.Format{extract.FormatPDF, extract.FormatDOCX} {
		ins[f] = &pipeline.Worker{Command: []string{baocaoBin, "extract-one"}, Format: f,
			Timeout: cfg.Ingest.Timeout, MemoryLimitMB: cfg.Ingest.MemoryLimitMB}
	}
	p := &pipeline.Pipeline{Ingesters: ins, Extractor: ex, Timeout: cfg.Ingest.Timeout, MaxFacts: cfg.Ingest.MaxFacts, AcceptNonReports: true}
	t.Cleanup(func() { p.Close() })
	return p
}

// knownReasons are the reasons a file may be refused with; "error" (an
// unclassified failure) is a bug.
var knownReasons = map[string]bool{
	"encrypted": true, "no-text": true, "too-large": true, "truncated": true, "legacy-encoding": true,
	"timeout": true, "crashed": true, "unsupported": true, "malformed": true, "not-a-report": true,
}

// heapPeak runs f while sampling the Go heap in use, and returns the
// largest sample above the heap before f.
func heapPeak(f func()) uint64 {
	runtime.GC()
	var base, m runtime.MemStats
	runtime.ReadMemStats(&base)
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var top uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapAlloc)
			select {
			case <-done:
				peak <- top
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	return max(<-peak, base.HeapAlloc) - base.HeapAlloc
}

func samples(t testing.TB, exts ...string) []string {
	t.Helper()
	var out []string
	for _, ext := range exts {
		m, err := filepath.Glob(filepath.Join(docsDir, "*"+ext))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatalf("no samples %v in %s", exts, docsDir)
	}
	return out
}

func runs() int {
	if n, err := strconv.Atoi(os.Getenv("FAULT_RUNS")); err == nil && n > 0 {
		return n
	}
	return 0
}

// mutate makes the n-th mutant of a file: byte flips, a truncation, or
// for a zip (DOCX) a damaged part.
func mutate(rng *rand.Rand, name string, data []byte) (string, []byte) {
	out := append([]byte(nil), data...)
	switch kind := rng.IntN(3); {
	case kind == 0 || len(out) < 16:
		for range 1 + rng.IntN(8) {
			if len(out) > 0 {
				out[rng.IntN(len(out))] ^= byte(1 + rng.IntN(255))
			}
		}
		return "flip", out
	case kind == 1:
		return "cut", out[:rng.IntN(len(out))]
	default:
		if !bytes.HasPrefix(data, []byte("PK")) {
			i := rng.IntN(len(out))
			return "splice", append(out[:i:i], out[rng.IntN(len(out)):]...)
		}
		return "zip-part", damageZipPart(rng, data)
	}
}

// damageZipPart rewrites a zip with one part flipped, cut or left out.
func damageZipPart(rng *rand.Rand, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) == 0 {
		return data
	}
	victim := rng.IntN(len(zr.File))
	how := rng.IntN(3)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		if i == victim {
			switch how {
			case 0:
				continue // the part is missing
			case 1:
				body = body[:rng.IntN(len(body)+1)]
			default:
				for range 1 + rng.IntN(16) {
					if len(body) > 0 {
						const junk = "<>&\"'/ \x00\xff"
						body[rng.IntN(len(body))] = junk[rng.IntN(len(junk))]
					}
				}
			}
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			continue
		}
		w.Write(body)
	}
	zw.Close()
	return buf.Bytes()
}

// Every mutant of every sample gets a report or a known reason, each
// within its deadline, and the main process's memory stays small.
func TestMutants(t *testing.T) {
	cfg := config.Default()
	cfg.Ingest.Timeout = 10 * time.Second
	p := newPipeline(t, cfg)
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("FAULT_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (FAULT_SEED to replay)", seed)
	rng := rand.New(rand.NewPCG(seed, 13))
	perSample := 6
	outcomes := map[string]int{}
	var slowest time.Duration
	peak := heapPeak(func() {
		for _, path := range samples(t, ".md", ".txt", ".docx", ".pdf") {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for k := range perSample {
				kind, mutant := mutate(rng, path, data)
				name := fmt.Sprintf("%s#%s%d", filepath.Base(path), kind, k)
				start := time.Now()
				_, err := p.Process(context.Background(), filepath.Base(path), mutant)
				d := time.Since(start)
				slowest = max(slowest, d)
				reason := "report"
				if err != nil {
					reason = pipeline.Reason(err)
					if !knownReasons[reason] {
						t.Errorf("%s: unclassified failure: %v", name, err)
					}
					if msg := err.Error(); strings.ContainsAny(msg, "\x1b\x07\x00") {
						t.Errorf("%s: message with control characters: %q", name, msg)
					}
				}
				outcomes[reason]++
				if d > cfg.Ingest.Timeout+5*time.Second {
					t.Errorf("%s: %s, past its deadline of %s", name, d, cfg.Ingest.Timeout)
				}
			}
		}
	})
	t.Logf("outcomes %v; slowest %s; main-process heap peak %d MB", outcomes, slowest, peak>>20)
	if peak > 300<<20 {
		t.Errorf("main-process heap peak %d MB, want < 300 MB", peak>>20)
	}
}

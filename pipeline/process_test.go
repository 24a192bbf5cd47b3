package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/plaintext"
)

// ingestFunc is an Ingester made of a function.
type ingestFunc func(ctx context.Context) (*extract.Document, error)

func (f ingestFunc) Ingest(ctx context.Context, _ string, _ []byte) (*extract.Document, error) {
	return f(ctx)
}

// TestProcessStages: ingest and extraction share one goroutine and one
// timer in Process; a failure is still told by the stage it happened in,
// as Ingest tells it alone.
func TestProcessStages(t *testing.T) {
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		in    ingestFunc
		stage string
		want  error
	}{
		{"panics", func(context.Context) (*extract.Document, error) { panic("boom") }, "ingest", pipeline.ErrCrashed},
		{"fails", func(context.Context) (*extract.Document, error) {
			return nil, pipeline.ErrEncrypted
		}, "ingest", pipeline.ErrEncrypted},
		{"hangs", func(ctx context.Context) (*extract.Document, error) {
			<-ctx.Done()
			time.Sleep(10 * time.Millisecond) // answered at the deadline, not when it returns
			return nil, ctx.Err()
		}, "ingest", pipeline.ErrTimeout},
		{"ignores the deadline", func(context.Context) (*extract.Document, error) {
			time.Sleep(300 * time.Millisecond)
			return nil, errors.New("late")
		}, "ingest", pipeline.ErrTimeout},
		{"gives nothing to extract", func(context.Context) (*extract.Document, error) { return nil, nil }, "extract", pipeline.ErrCrashed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &pipeline.Pipeline{Extractor: ex, Timeout: 50 * time.Millisecond,
				Ingesters: map[extract.Format]pipeline.Ingester{extract.FormatMarkdown: c.in}}
			_, err := p.Process(context.Background(), "a.md", []byte("# x"))
			var de *pipeline.DocError
			if !errors.Is(err, c.want) || !errors.As(err, &de) || de.Stage != c.stage {
				t.Fatalf("Process: %v, want %v in stage %s", err, c.want, c.stage)
			}
			_, err = p.Ingest(context.Background(), extract.FormatMarkdown, "a.md", []byte("# x"))
			if c.stage == "ingest" && !errors.Is(err, c.want) {
				t.Errorf("Ingest: %v, want %v", err, c.want)
			}
		})
	}
}

// sumSeen wraps a SumIngester and records the hash each file was handed.
type sumSeen struct {
	in   pipeline.SumIngester
	mu   sync.Mutex
	sums map[string]string // file name → the hash handed, "" for none
}

func (s *sumSeen) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	return s.IngestSum(ctx, name, data, "")
}

func (s *sumSeen) IngestSum(ctx context.Context, name string, data []byte, sum string) (*extract.Document, error) {
	s.mu.Lock()
	s.sums[name] = sum
	s.mu.Unlock()
	return s.in.IngestSum(ctx, name, data, sum)
}

// TestBatchHashesOnce: a batch hashes each file to find it in the ledger,
// and hands that hash to the ingester (through the text limit) instead of
// letting it hash the file again; the report carries it as before.
func TestBatchHashesOnce(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 3 {
		f := filepath.Join(dir, fmt.Sprintf("r%d.md", i))
		if err := os.WriteFile(f, []byte(smallReport(i, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	seen := &sumSeen{in: plaintext.New(plaintext.DefaultOptions(), true), sums: map[string]string{}}
	p := newTestPipeline(t)
	p.Ingesters[extract.FormatMarkdown] = pipeline.LimitText(seen, 1<<20)
	e := openEnv(t, filepath.Join(dir, "state"))
	defer e.close(t)
	b := &pipeline.Batch{Pipeline: p, Ledger: e.ledger, Workers: 2}
	if _, err := b.Run(context.Background(), files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := extract.HashBytes(data)
		if got := seen.sums[f]; got != want {
			t.Errorf("%s: handed %q, want %s", f, got, want)
		}
		en, ok := e.ledger.Get(f)
		if !ok || en.SHA256 != want || en.Status != pipeline.StatusIndexed {
			t.Errorf("%s: ledger entry %+v, want indexed with hash %s", f, en, want)
		}
	}
	// Process alone hands no hash: the ingester computes it.
	data, _ := os.ReadFile(files[0])
	r, err := p.Process(context.Background(), files[0], data)
	if err != nil || r.Source.SHA256 != extract.HashBytes(data) || seen.sums[files[0]] != "" {
		t.Errorf("Process: %v, hash %q, handed %q", err, r.Source.SHA256, seen.sums[files[0]])
	}
}

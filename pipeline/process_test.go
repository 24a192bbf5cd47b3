package pipeline_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
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

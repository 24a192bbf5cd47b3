package pipeline_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// The child is a shell script standing in for a parser that hangs, dies,
// runs out of memory or answers.
func TestWorkerFailuresAreReasons(t *testing.T) {
	cases := []struct {
		name   string
		script string
		want   error
	}{
		{"hangs", "sleep 30", pipeline.ErrTimeout},
		{"dies", "echo 'panic: runtime error: index out of range' >&2; exit 2", pipeline.ErrCrashed},
		{"out of memory", "echo 'fatal error: runtime: out of memory' >&2; exit 2", pipeline.ErrTooLarge},
		{"garbage answer", "echo not json", pipeline.ErrCrashed},
		{"reasoned refusal", `echo '{"reason":"encrypted","error":"AES-256 is not supported: encrypted"}'`, pipeline.ErrEncrypted},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := &pipeline.Worker{Command: []string{"sh", "-c", "cat >/dev/null; " + c.script, "sh"},
				Format: extract.FormatPDF, Timeout: 500 * time.Millisecond}
			start := time.Now()
			_, err := w.Ingest(context.Background(), "x.pdf", []byte("%PDF-1.4"))
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s, the deadline was 500ms", d)
			}
		})
	}
}

func TestWorkerAnswer(t *testing.T) {
	w := &pipeline.Worker{Command: []string{"sh", "-c",
		`cat >/dev/null; echo '{"document":{"source":{"path":"x","format":"pdf","sha256":"ab"},"text":"Hello","blocks":[{"kind":"paragraph","span":{"start":0,"end":5}}],"refs":[],"diagnostics":[]}}'`, "sh"},
		Format: extract.FormatPDF}
	doc, err := w.Ingest(context.Background(), "x.pdf", nil)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Hello" || len(doc.Blocks) != 1 {
		t.Errorf("doc = %+v", doc)
	}
}

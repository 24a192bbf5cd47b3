package pipeline_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// The children here are shell scripts standing in for a parser that
// hangs, dies, runs out of memory or answers.
func TestWorkerFailuresAreReasons(t *testing.T) {
	cases := []struct {
		name   string
		script string
		want   error
	}{
		{"hangs", "sleep 30", pipeline.ErrTimeout},
		{"dies", "echo 'panic: runtime error: index out of range' >&2; exit 2", pipeline.ErrCrashed},
		{"out of memory", "echo 'fatal error: runtime: out of memory' >&2; exit 2", pipeline.ErrTooLarge},
		{"garbage answer", "echo not json; cat >/dev/null", pipeline.ErrCrashed},
		{"reasoned refusal", `echo '{"reason":"encrypted","error":"AES-256 is not supported: encrypted"}'; cat >/dev/null`, pipeline.ErrEncrypted},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := &pipeline.Worker{Command: []string{"sh", "-c", "read -r h; " + c.script, "sh"},
				Format: extract.FormatPDF, Timeout: 500 * time.Millisecond}
			defer w.Close()
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

// echoChild answers every request with a document whose text names the
// child's process id; a request for "hang" makes it hang.
const echoChild = `while IFS= read -r h; do
  n=$(echo "$h" | sed 's/.*"size":\([0-9]*\).*/\1/')
  head -c "$n" >/dev/null
  case "$h" in *'"name":"hang"'*) sleep 30;; esac
  echo "{\"document\":{\"source\":{\"path\":\"x\",\"format\":\"pdf\",\"sha256\":\"ab\"},\"text\":\"pid $$\",\"blocks\":[],\"refs\":[],\"diagnostics\":[]}}"
done`

func TestWorkerReusesChildrenAndReplacesKilledOnes(t *testing.T) {
	w := &pipeline.Worker{Command: []string{"sh", "-c", echoChild, "sh"}, Format: extract.FormatPDF, Timeout: time.Second}
	defer w.Close()
	ingest := func(name string) (string, error) {
		doc, err := w.Ingest(context.Background(), name, []byte(strings.Repeat("x", 100000)))
		if err != nil {
			return "", err
		}
		return doc.Text, nil
	}
	first, err := ingest("a")
	if err != nil {
		t.Fatal(err)
	}
	second, err := ingest("b")
	if err != nil || second != first {
		t.Fatalf("second file: %q, %v; want the same child %q", second, err, first)
	}
	if _, err := ingest("hang"); !errors.Is(err, pipeline.ErrTimeout) {
		t.Fatalf("hang: %v", err)
	}
	third, err := ingest("c")
	if err != nil || third == first {
		t.Errorf("after a kill: %q, %v; want a new child", third, err)
	}
}

func TestWorkerRecyclesAfterMaxFiles(t *testing.T) {
	w := &pipeline.Worker{Command: []string{"sh", "-c", echoChild, "sh"}, Format: extract.FormatPDF, MaxFiles: 2}
	defer w.Close()
	var pids []string
	for _, name := range []string{"a", "b", "c"} {
		doc, err := w.Ingest(context.Background(), name, []byte("x"))
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, doc.Text)
	}
	if pids[0] != pids[1] || pids[1] == pids[2] {
		t.Errorf("children by file: %v; want a new child after 2 files", pids)
	}
}

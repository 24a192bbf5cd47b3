package pipeline_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
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

// TestMain lets the test binary stand in for a parser that eats memory
// (BAOCAO_TEST_CHILD=eat): it reads a request, then allocates and touches
// 16 MB at a time without end.
func TestMain(m *testing.M) {
	if os.Getenv("BAOCAO_TEST_CHILD") == "eat" {
		bufio.NewReader(os.Stdin).ReadString('\n')
		var keep [][]byte
		for {
			b := make([]byte, 16<<20)
			for i := range b {
				b[i] = byte(i)
			}
			keep = append(keep, b)
			time.Sleep(time.Millisecond)
		}
	}
	os.Exit(m.Run())
}

// The cap is on resident memory, watched by the parent: a child that keeps
// allocating is killed near the cap and the file is too-large, long before
// its deadline.
func TestWorkerMemoryCapMeasuresResidentMemory(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("BAOCAO_TEST_CHILD", "eat")
	wantTooLargeBeforeDeadline(t, []string{self})
}

// wantTooLargeBeforeDeadline runs a worker of command under a 128 MB cap
// and a 20 s deadline, and wants the file too-large within half the
// deadline: the cap, not the deadline, stopped it.
func wantTooLargeBeforeDeadline(t *testing.T, command []string) {
	t.Helper()
	w := &pipeline.Worker{Command: command, Format: extract.FormatPDF, Timeout: 20 * time.Second, MemoryLimitMB: 128}
	defer w.Close()
	start := time.Now()
	_, err := w.Ingest(context.Background(), "x.pdf", []byte("%PDF-1.4"))
	if !errors.Is(err, pipeline.ErrTooLarge) {
		t.Fatalf("err = %v, want too-large", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s to notice", d)
	}
}

// The runtime's "out of memory" line comes first and every goroutine's
// stack after it: however long the rest, the reason stays too-large.
func TestWorkerOutOfMemoryWhateverTheStderrSize(t *testing.T) {
	script := `read -r h; echo 'fatal error: runtime: out of memory' >&2; i=0; while [ $i -lt 3000 ]; do echo "goroutine $i [running]: main.parse(0xc000123456, 0x10) /src/parser.go:123 +0x45" >&2; i=$((i+1)); done; exit 2`
	w := &pipeline.Worker{Command: []string{"sh", "-c", script, "sh"}, Format: extract.FormatPDF, Timeout: 10 * time.Second}
	defer w.Close()
	if _, err := w.Ingest(context.Background(), "x.pdf", []byte("%PDF-1.4")); !errors.Is(err, pipeline.ErrTooLarge) {
		t.Fatalf("err = %v, want too-large", err)
	}
}

// A child that dies is replaced and the file tried once more; a file that
// kills every child is crashed after two tries, not more.
func TestWorkerRetriesOnceAfterACrash(t *testing.T) {
	dir := t.TempDir()
	// The first child to start dies on its file; later ones answer.
	script := `if mkdir "$0/died" 2>/dev/null; then read -r h; echo 'SIGSEGV' >&2; exit 2; fi
` + echoChild
	w := &pipeline.Worker{Command: []string{"sh", "-c", script, dir}, Format: extract.FormatPDF, Timeout: 5 * time.Second}
	defer w.Close()
	if _, err := w.Ingest(context.Background(), "x.pdf", []byte("%PDF-1.4")); err != nil {
		t.Fatalf("after one crash: %v, want the retry to succeed", err)
	}

	counter := filepath.Join(dir, "starts")
	always := `echo x >>"$0"; read -r h; exit 2`
	w2 := &pipeline.Worker{Command: []string{"sh", "-c", always, counter}, Format: extract.FormatPDF, Timeout: 5 * time.Second}
	defer w2.Close()
	if _, err := w2.Ingest(context.Background(), "x.pdf", []byte("%PDF-1.4")); !errors.Is(err, pipeline.ErrCrashed) {
		t.Fatalf("err = %v, want crashed", err)
	}
	if b, _ := os.ReadFile(counter); strings.Count(string(b), "x") != 2 {
		t.Errorf("children started: %d, want 2 (one retry)", strings.Count(string(b), "x"))
	}
}

// A parser's message quoting file bytes reaches the parent without the
// terminal escapes and cut to length.
func TestWorkerMessagesAreClean(t *testing.T) {
	long := strings.Repeat("A", 5000)
	script := `read -r h; printf '{"reason":"malformed","error":"bad object \\u001b]0;pwned\\u0007\\u001b[31m` + long + `: malformed file"}\n'; cat >/dev/null`
	w := &pipeline.Worker{Command: []string{"sh", "-c", script, "sh"}, Format: extract.FormatPDF, Timeout: 5 * time.Second}
	defer w.Close()
	_, err := w.Ingest(context.Background(), "x.pdf", []byte("%PDF-1.4"))
	if !errors.Is(err, pipeline.ErrMalformed) {
		t.Fatalf("err = %v, want malformed", err)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\x1b\x07") || len(msg) > pipeline.MaxMessage+50 {
		t.Errorf("message not clean (%d bytes): %q", len(msg), msg[:min(len(msg), 200)])
	}
}

// Programs the worker starts (soffice, pdftoppm, tesseract) are under the
// cap too: the parent sums the resident memory of the worker's
// descendants, so a grandchild that keeps allocating makes the file
// too-large. (The grandchild's address space is capped by ulimit so that
// a failure of the watch cannot take the machine's memory.)
func TestWorkerMemoryCapCountsTheWorkersChildren(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script := `read -r h; (ulimit -v 3000000; echo go | BAOCAO_TEST_CHILD=eat "$0" 2>/dev/null)`
	wantTooLargeBeforeDeadline(t, []string{"sh", "-c", script, self})
}

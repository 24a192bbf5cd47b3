package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/baocao/baocao/extract"
)

// Worker runs an ingester in a child process, so a parser that loops
// forever, crashes the runtime or eats memory costs one file, not the batch
// (ledongthuc/pdf hangs on some page-tree cycles and panics outside any
// recover; libraries.md §1.6). The child is Command with the format and
// file name appended; it reads the file on stdin and answers with one
// WorkerResult on stdout (see ServeWorker). One process per file: a worker
// that hung or crashed is simply not reused.
type Worker struct {
	// Command starts the child, e.g. {"/usr/bin/baocao", "extract-one"}.
	Command []string
	Format  extract.Format
	// Timeout bounds one file, including process start (default 60s).
	Timeout time.Duration
	// MemoryLimitMB caps the child's address space (0: no cap).
	MemoryLimitMB int
}

// WorkerResult is the child's answer.
type WorkerResult struct {
	Document *extract.Document `json:"document,omitempty"`
	Reason   string            `json:"reason,omitempty"`
	Error    string            `json:"error,omitempty"`
}

var reasonErrors = map[string]error{
	"encrypted": ErrEncrypted, "no-text": ErrNoText, "too-large": ErrTooLarge, "truncated": ErrTruncated,
	"legacy-encoding": ErrLegacyEncoding, "timeout": ErrTimeout, "crashed": ErrCrashed,
	"unsupported": ErrUnsupportedFormat, "malformed": ErrMalformed,
}

// Ingest runs the child on data.
func (w *Worker) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	timeout := w.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append(append([]string{}, w.Command[1:]...), "--format", string(w.Format), "--name", name)
	if w.MemoryLimitMB > 0 {
		args = append(args, "--memory-limit-mb", fmt.Sprint(w.MemoryLimitMB))
	}
	cmd := exec.CommandContext(ctx, w.Command[0], args...)
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &limitedWriter{w: &stderr, n: 64 << 10}
	// Its own process group, so a kill reaches anything it started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("parser worker killed after %s: %w", timeout, ErrTimeout)
		}
		return nil, ctx.Err()
	}
	if err != nil {
		tail := lastLine(stderr.String())
		if strings.Contains(stderr.String(), "out of memory") || strings.Contains(stderr.String(), "cannot allocate memory") {
			return nil, fmt.Errorf("parser worker exceeded its memory limit of %d MB: %w", w.MemoryLimitMB, ErrTooLarge)
		}
		return nil, fmt.Errorf("parser worker died (%v): %s: %w", err, tail, ErrCrashed)
	}
	var res WorkerResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("parser worker gave no valid answer: %v: %w", err, ErrCrashed)
	}
	if res.Error != "" {
		if sentinel, ok := reasonErrors[res.Reason]; ok {
			return nil, fmt.Errorf("%s: %w", trimReason(res.Error, sentinel), sentinel)
		}
		return nil, errors.New(res.Error)
	}
	if res.Document == nil {
		return nil, fmt.Errorf("parser worker returned no document: %w", ErrCrashed)
	}
	return res.Document, nil
}

// trimReason drops the sentinel's text the child already appended.
func trimReason(msg string, sentinel error) string {
	return strings.TrimSuffix(msg, ": "+sentinel.Error())
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			if len(l) > 300 {
				l = l[:300]
			}
			return l
		}
	}
	return "no output"
}

type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n <= 0 {
		return len(p), nil
	}
	q := p
	if len(q) > l.n {
		q = q[:l.n]
	}
	l.n -= len(q)
	if _, err := l.w.Write(q); err != nil {
		return 0, err
	}
	return len(p), nil
}

// ServeWorker is the child side of Worker: it ingests the file on r with in
// and writes one WorkerResult to w. Ingest errors are part of the answer;
// the returned error is only for failing to write it.
func ServeWorker(ctx context.Context, in Ingester, name string, r io.Reader, w io.Writer) error {
	data, err := io.ReadAll(r)
	var res WorkerResult
	if err != nil {
		res.Reason, res.Error = "error", "read input: "+err.Error()
	} else {
		doc, err := safeIngest(ctx, in, name, data)
		if err != nil {
			res.Reason, res.Error = Reason(err), err.Error()
		} else {
			res.Document = doc
		}
	}
	return json.NewEncoder(w).Encode(res)
}

func safeIngest(ctx context.Context, in Ingester, name string, data []byte) (doc *extract.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("parser panicked: %v: %w", v, ErrCrashed)
		}
	}()
	return in.Ingest(ctx, name, data)
}

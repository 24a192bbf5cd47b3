package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/baocao/baocao/extract"
)

// Worker runs an ingester in child processes, so a parser that loops
// forever, crashes the runtime or eats memory costs one file, not the batch
// (ledongthuc/pdf hangs on some page-tree cycles and panics outside any
// recover; libraries.md §1.6). It is the design of Tika's and GROBID's
// forked parsers: children are long-lived and serve one file at a time; a
// child that misses its deadline, dies or answers garbage is killed and
// never reused, and a fresh one takes its place on the next file.
//
// The child is Command with "--format F" (and a memory cap) appended. It
// reads requests on stdin — a JSON WorkerRequest line followed by Size bytes
// of file — and answers each with one WorkerResult line on stdout (see
// ServeWorker).
type Worker struct {
	// Command starts the child, e.g. {"/usr/bin/baocao", "extract-one"}.
	Command []string
	Format  extract.Format
	// Timeout bounds one file (default 60s).
	Timeout time.Duration
	// MemoryLimitMB caps a child's address space (0: no cap).
	MemoryLimitMB int
	// MaxFiles recycles a child after this many files (default 200), so
	// a slow leak in a parser cannot grow without bound.
	MaxFiles int

	mu   sync.Mutex
	idle []*child
}

// WorkerRequest heads one file sent to a child.
type WorkerRequest struct {
	Name string `json:"name"`
	Size int    `json:"size"`
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

// child is one worker process.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *tailBuffer
	exited chan struct{} // closed when the process has exited
	served int
}

func (w *Worker) start() (*child, error) {
	args := append(append([]string{}, w.Command[1:]...), "--format", string(w.Format))
	if w.MemoryLimitMB > 0 {
		args = append(args, "--memory-limit-mb", fmt.Sprint(w.MemoryLimitMB))
	}
	cmd := exec.Command(w.Command[0], args...)
	// Its own process group, so a kill reaches anything it started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 1<<16), stderr: &tailBuffer{max: 16 << 10}, exited: make(chan struct{})}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start parser worker: %w", err)
	}
	go func() {
		cmd.Wait()
		close(c.exited)
	}()
	return c, nil
}

func (c *child) kill() {
	syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
	<-c.exited
}

// take returns an idle child or starts one.
func (w *Worker) take() (*child, error) {
	w.mu.Lock()
	for len(w.idle) > 0 {
		c := w.idle[len(w.idle)-1]
		w.idle = w.idle[:len(w.idle)-1]
		select {
		case <-c.exited: // died while idle
			continue
		default:
		}
		w.mu.Unlock()
		return c, nil
	}
	w.mu.Unlock()
	return w.start()
}

func (w *Worker) put(c *child) {
	maxFiles := w.MaxFiles
	if maxFiles <= 0 {
		maxFiles = 200
	}
	if c.served >= maxFiles {
		c.stdin.Close()
		go c.kill() // after closing stdin it exits by itself; the kill is a backstop
		return
	}
	w.mu.Lock()
	w.idle = append(w.idle, c)
	w.mu.Unlock()
}

// Close stops the idle children.
func (w *Worker) Close() error {
	w.mu.Lock()
	idle := w.idle
	w.idle = nil
	w.mu.Unlock()
	for _, c := range idle {
		c.stdin.Close()
		c.kill()
	}
	return nil
}

// Ingest sends data to a child and waits for its answer.
func (w *Worker) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	timeout := w.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c, err := w.take()
	if err != nil {
		return nil, err
	}
	type answer struct {
		line []byte
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		head, _ := json.Marshal(WorkerRequest{Name: name, Size: len(data)})
		if _, err := c.stdin.Write(append(head, '\n')); err != nil {
			got <- answer{nil, err}
			return
		}
		if _, err := c.stdin.Write(data); err != nil {
			got <- answer{nil, err}
			return
		}
		line, err := c.stdout.ReadBytes('\n')
		got <- answer{line, err}
	}()
	var a answer
	select {
	case a = <-got:
	case <-ctx.Done():
		c.kill()
		<-got
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("parser worker killed after %s: %w", timeout, ErrTimeout)
		}
		return nil, ctx.Err()
	}
	if a.err != nil {
		// The child died mid-file (crash, out of memory) or broke the pipe.
		c.kill()
		msg := c.stderr.String()
		if strings.Contains(msg, "out of memory") || strings.Contains(msg, "cannot allocate memory") {
			return nil, fmt.Errorf("parser worker exceeded its memory limit of %d MB: %w", w.MemoryLimitMB, ErrTooLarge)
		}
		return nil, fmt.Errorf("parser worker died (%v): %s: %w", c.cmd.ProcessState, lastLine(msg), ErrCrashed)
	}
	var res WorkerResult
	if err := json.Unmarshal(a.line, &res); err != nil {
		c.kill()
		return nil, fmt.Errorf("parser worker gave no valid answer: %v: %w", err, ErrCrashed)
	}
	c.served++
	w.put(c)
	if res.Error != "" {
		if sentinel, ok := reasonErrors[res.Reason]; ok {
			return nil, fmt.Errorf("%s: %w", strings.TrimSuffix(res.Error, ": "+sentinel.Error()), sentinel)
		}
		return nil, errors.New(res.Error)
	}
	if res.Document == nil {
		return nil, fmt.Errorf("parser worker returned no document: %w", ErrCrashed)
	}
	return res.Document, nil
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

// tailBuffer keeps the last max bytes written to it (a child's stderr).
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// ServeWorker is the child side of Worker: it reads requests from r until
// EOF, ingests each file with in and writes one WorkerResult line per file
// to w. Ingest errors are part of the answer; the returned error is only
// for a broken request stream.
func ServeWorker(ctx context.Context, in Ingester, r io.Reader, w io.Writer) error {
	br := bufio.NewReaderSize(r, 1<<16)
	enc := json.NewEncoder(w)
	for {
		head, err := br.ReadBytes('\n')
		if err == io.EOF && len(head) == 0 {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read request: %w", err)
		}
		var req WorkerRequest
		if err := json.Unmarshal(head, &req); err != nil || req.Size < 0 {
			return fmt.Errorf("bad request header %q", head)
		}
		data := make([]byte, req.Size)
		if _, err := io.ReadFull(br, data); err != nil {
			return fmt.Errorf("read %s: %w", req.Name, err)
		}
		var res WorkerResult
		doc, err := safeIngest(ctx, in, req.Name, data)
		if err != nil {
			res.Reason, res.Error = Reason(err), err.Error()
		} else {
			res.Document = doc
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
	}
}

func safeIngest(ctx context.Context, in Ingester, name string, data []byte) (doc *extract.Document, err error) {
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("parser panicked: %v: %w", v, ErrCrashed)
		}
	}()
	return in.Ingest(ctx, name, data)
}

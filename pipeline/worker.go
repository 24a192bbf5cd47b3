package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
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
	// MemoryLimitMB caps a child's resident memory (0: no cap): the parent
	// watches the child's RSS while it works on a file and kills it past
	// the cap, and the child runs with a Go memory limit below it so its
	// collector works hard before that happens. Address-space limits do not
	// measure memory: an idle Go process already reserves gigabytes.
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
	c := &child{cmd: cmd, stdin: stdin, stdout: bufio.NewReaderSize(stdout, 1<<16), stderr: newTailBuffer(16<<10, oomMarkers...), exited: make(chan struct{})}
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

// Ingest sends data to a child and waits for its answer. A child that dies
// mid-file is replaced and the file tried once more, within the same
// deadline, before it is recorded as crashed: a worker can die of something
// other than the file (the machine's OOM killer, a signal).
func (w *Worker) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	timeout := w.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	doc, err, died := w.attempt(ctx, timeout, name, data)
	if died && errors.Is(err, ErrCrashed) && ctx.Err() == nil {
		doc, err, _ = w.attempt(ctx, timeout, name, data)
	}
	return doc, err
}

// memoryPoll is how often the parent samples a busy child's resident
// memory: at a few GB/s of allocation a child overshoots the cap by at most
// some tens of MB before it is killed.
const memoryPoll = 20 * time.Millisecond

// attempt is one try of one file in one child; died tells that the child
// exited (or was killed) rather than answering.
func (w *Worker) attempt(ctx context.Context, timeout time.Duration, name string, data []byte) (*extract.Document, error, bool) {
	c, err := w.take()
	if err != nil {
		return nil, err, false
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
	var overMemory <-chan int64
	if w.MemoryLimitMB > 0 {
		stop := make(chan struct{})
		defer close(stop)
		overMemory = watchRSS(c.cmd.Process.Pid, int64(w.MemoryLimitMB)<<20, stop)
	}
	var a answer
	select {
	case a = <-got:
	case rss := <-overMemory:
		c.kill()
		<-got
		return nil, fmt.Errorf("parser worker used %d MB, over its memory limit of %d MB: %w", rss>>20, w.MemoryLimitMB, ErrTooLarge), true
	case <-ctx.Done():
		c.kill()
		<-got
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("parser worker killed after %s: %w", timeout, ErrTimeout), true
		}
		return nil, ctx.Err(), true
	}
	if a.err != nil {
		// The child died mid-file (crash, out of memory) or broke the pipe.
		c.kill()
		if c.stderr.Seen() {
			return nil, fmt.Errorf("parser worker ran out of memory (limit %d MB): %w", w.MemoryLimitMB, ErrTooLarge), true
		}
		return nil, fmt.Errorf("parser worker died (%v): %s: %w", c.cmd.ProcessState, CleanMessage(lastLine(c.stderr.String())), ErrCrashed), true
	}
	var res WorkerResult
	if err := json.Unmarshal(a.line, &res); err != nil {
		c.kill()
		return nil, fmt.Errorf("parser worker gave no valid answer: %v: %w", err, ErrCrashed), false
	}
	c.served++
	w.put(c)
	if res.Error != "" {
		if sentinel := reasonErr(res.Reason); sentinel != nil {
			return nil, fmt.Errorf("%s: %w", CleanMessage(strings.TrimSuffix(res.Error, ": "+sentinel.Error())), sentinel), false
		}
		return nil, errors.New(CleanMessage(res.Error)), false
	}
	if res.Document == nil {
		return nil, fmt.Errorf("parser worker returned no document: %w", ErrCrashed), false
	}
	return res.Document, nil, false
}

// watchRSS samples the resident memory of process pid every memoryPoll
// until stop is closed, and sends it once on the returned channel when it
// passes limit. Where /proc is missing it never fires; the child's own Go
// memory limit is then the only cap.
func watchRSS(pid int, limit int64, stop <-chan struct{}) <-chan int64 {
	over := make(chan int64, 1)
	go func() {
		t := time.NewTicker(memoryPoll)
		defer t.Stop()
		for {
			if rss, ok := treeResidentBytes(pid); !ok {
				return
			} else if rss > limit {
				over <- rss
				return
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return over
}

// treeResidentBytes is the resident memory of pid and of every process it
// started, and they started (LibreOffice, pdftoppm, Tesseract run under
// the worker): the cap is on the worker's whole work, not on the Go
// process alone. Children are found in /proc/PID/task/TID/children; where
// that file is missing only pid itself is counted.
func treeResidentBytes(pid int) (int64, bool) {
	total, ok := residentBytes(pid)
	if !ok {
		return 0, false
	}
	seen := map[int]bool{pid: true}
	queue := []int{pid}
	for len(queue) > 0 && len(seen) < 4096 {
		p := queue[0]
		queue = queue[1:]
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", p))
		for _, t := range tasks {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", p, t.Name()))
			if err != nil {
				continue
			}
			for _, f := range strings.Fields(string(b)) {
				c, err := strconv.Atoi(f)
				if err != nil || seen[c] {
					continue
				}
				seen[c] = true
				queue = append(queue, c)
				if rss, ok := residentBytes(c); ok {
					total += rss
				}
			}
		}
	}
	return total, true
}

// residentBytes reads a process's resident set size from /proc/PID/statm
// (its second field, in pages).
func residentBytes(pid int) (int64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
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

// oomMarkers are what the Go runtime and the C library print when an
// allocation fails.
var oomMarkers = []string{"out of memory", "cannot allocate memory"}

// tailBuffer keeps the last max bytes written to it (a child's stderr), and
// remembers whether any of its markers went through it: a crashing Go
// program prints "fatal error: out of memory" first and then every
// goroutine's stack, so the tail alone loses the reason.
type tailBuffer struct {
	mu      sync.Mutex
	buf     []byte
	max     int
	markers []string
	carry   []byte // the end of the previous write, for a marker cut in two
	seen    bool
}

func newTailBuffer(max int, markers ...string) *tailBuffer {
	return &tailBuffer{max: max, markers: markers}
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.seen && len(t.markers) > 0 {
		joined := append(t.carry, p...)
		for _, m := range t.markers {
			if bytes.Contains(joined, []byte(m)) {
				t.seen = true
			}
		}
		const keep = 64
		t.carry = append(t.carry[:0], joined[max(0, len(joined)-keep):]...)
	}
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

// Seen reports whether a marker was written.
func (t *tailBuffer) Seen() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.seen
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
			res.Reason, res.Error = Reason(err), CleanMessage(err.Error())
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

package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
)

// Batch ingests many files: Workers goroutines read and parse them while
// one committer settles their outcomes in file order (so which of two
// copies is the duplicate does not depend on timing) and writes them to the
// index and the ledger together, FlushEvery reports per commit. Parsing
// runs ahead of the committer by a bounded window, so the index writes and
// the parsing overlap and memory stays bounded by the window, whatever the
// number of files. One bad file never stops the run.
type Batch struct {
	Pipeline *Pipeline
	// Ledger records the outcomes and carries the index (see Ledger).
	Ledger *Ledger
	// Workers bounds concurrent documents (default 2).
	Workers int
	// MaxFileSize skips larger files before reading them (0: the default,
	// config.Limit).
	MaxFileSize int64
	// Progress, when set, is called after each file (from one goroutine at a time).
	Progress func(Event)
	// Now is the clock (tests inject one).
	Now func() time.Time
	// FlushEvery is how many reports go to the index in one commit
	// (0: config.Index.CommitReports' default, see BENCHMARKS.md): every
	// commit waits for the disk, so one per report would make ingest
	// disk-bound, and a larger one holds more parsed reports in memory.
	FlushEvery int
	// Meter, when set, receives live figures for monitoring.
	Meter *Meter
}

// Outcome of one file in a batch.
type Outcome string

// Outcomes.
const (
	OutcomeIndexed   Outcome = "indexed"
	OutcomeReplaced  Outcome = "replaced"  // a changed file replaced its old report
	OutcomeUnchanged Outcome = "unchanged" // already in the ledger with this content
	OutcomeDuplicate Outcome = "duplicate" // same content as another indexed file
	OutcomeFailed    Outcome = "failed"
)

// Event reports one file's outcome.
type Event struct {
	Path     string  `json:"path"`
	Outcome  Outcome `json:"outcome"`
	ReportID string  `json:"report_id,omitempty"`
	Reason   string  `json:"reason,omitempty"`
	Error    string  `json:"error,omitempty"`
	Done     int     `json:"-"`
	Total    int     `json:"-"`
}

// Summary is the result of a batch.
type Summary struct {
	Files     int     `json:"files"`
	Indexed   int     `json:"indexed"`
	Replaced  int     `json:"replaced"`
	Unchanged int     `json:"unchanged"`
	Duplicate int     `json:"duplicate"`
	Failed    int     `json:"failed"`
	Events    []Event `json:"events"`
}

// Collect lists the files under paths (files and folders), sorted, without
// duplicates. Every file is listed whatever its type, so that one the
// pipeline cannot read gets a ledger line with its reason instead of being
// skipped silently; only hidden files and folders (".name") are left out.
func Collect(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != root && len(d.Name()) > 0 && d.Name()[0] == '.' {
				return filepath.SkipDir
			}
			if !d.IsDir() && d.Type().IsRegular() && d.Name()[0] != '.' {
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// parsed is one file as a worker left it for the committer.
type parsed struct {
	path   string
	sha    string
	report *extract.Report
	err    error
	// skipped: the ledger said unchanged or duplicate when the worker
	// looked, so it did not parse; the committer parses after all if its
	// (authoritative) view differs.
	skipped bool
}

// Run ingests files. Errors of single files go into the Summary; Run
// returns an error only when the batch itself cannot go on (index or
// ledger failure, cancellation). What was settled before a cancellation
// is committed.
func (b *Batch) Run(ctx context.Context, files []string) (Summary, error) {
	now := b.Now
	if now == nil {
		now = time.Now
	}
	workers := b.Workers
	if workers <= 0 {
		workers = 2
	}
	flushEvery := b.FlushEvery
	if flushEvery <= 0 {
		flushEvery = config.Default().Index.CommitReports
	}
	sum := Summary{Files: len(files), Events: []Event{}}
	b.Meter.start(now(), len(files))
	defer b.Meter.stop(now())

	// Worker results wait in a ring of window slots, one per file in
	// flight; a token per file keeps workers at most window files ahead
	// of the committer.
	window := 2*flushEvery + 2*workers
	slots := make([]chan parsed, window)
	for i := range slots {
		slots[i] = make(chan parsed, 1)
	}
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	pctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for i := range files {
			select {
			case tokens <- struct{}{}:
			case <-pctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-pctx.Done():
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				slots[i%window] <- b.parse(pctx, files[i], false)
			}
		}()
	}

	c := newCommitter(b, now, flushEvery)
	var err error
	for i := range files {
		var p parsed
		select {
		case p = <-slots[i%window]:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break // p may be a casualty of the cancellation
		}
		<-tokens
		var ev Event
		if ev, err = c.settle(ctx, p); err != nil {
			break
		}
		ev.Done, ev.Total = i+1, len(files)
		sum.add(ev)
		b.Meter.settled()
		if b.Progress != nil {
			b.Progress(ev)
		}
		if c.full() {
			if err = c.flush(ctx); err != nil {
				break
			}
		}
	}
	if err == nil {
		// Settled files are committed even when the run was cancelled.
		err = c.flush(context.WithoutCancel(ctx))
	}
	if cerr := b.Ledger.Compact(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return sum, err
}

func (s *Summary) add(ev Event) {
	s.Events = append(s.Events, ev)
	switch ev.Outcome {
	case OutcomeIndexed:
		s.Indexed++
	case OutcomeReplaced:
		s.Replaced++
	case OutcomeUnchanged:
		s.Unchanged++
	case OutcomeDuplicate:
		s.Duplicate++
	case OutcomeFailed:
		s.Failed++
	}
}

// parse reads and processes one file unless (and force is false) the
// ledger says it is unchanged or a duplicate.
func (b *Batch) parse(ctx context.Context, path string, force bool) parsed {
	p := parsed{path: path}
	if max := config.Limit(b.MaxFileSize, config.Default().Ingest.MaxFileSize); max > 0 {
		if info, err := os.Stat(path); err == nil && info.Size() > max {
			p.err = &DocError{Source: path, Stage: "read", Err: fmt.Errorf("%d bytes, limit %d: %w", info.Size(), max, ErrTooLarge)}
			p.sha = fmt.Sprintf("size:%d:%d", info.Size(), info.ModTime().UnixNano())
			return p
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		p.err = &DocError{Source: path, Stage: "read", Err: err}
		return p
	}
	p.sha = extract.HashBytes(data)
	if !force {
		if prev, had := b.Ledger.Get(path); had && !backAfterPrune(prev) && prev.SHA256 == p.sha {
			p.skipped = true
			return p
		}
		if other, dup := b.Ledger.IndexedBy(p.sha); dup && other != path {
			p.skipped = true
			return p
		}
	}
	// The file is hashed once: its ingester is handed p.sha.
	p.report, p.err = b.Pipeline.process(ctx, path, data, p.sha)
	return p
}

// committer settles files one by one and gathers their changes into the
// next commit. Its view of a file is the ledger's, updated by the changes
// gathered and not yet committed.
type committer struct {
	b          *Batch
	now        func() time.Time
	flushEvery int

	change Change
	set    map[string]int    // path → its entry in change.Set
	forgot map[string]bool   // paths in change.Forget
	claims map[string]string // content hash → the path indexed with it in this change
	drops  map[extract.Removal]bool
}

func newCommitter(b *Batch, now func() time.Time, flushEvery int) *committer {
	c := &committer{b: b, now: now, flushEvery: flushEvery}
	c.reset()
	return c
}

func (c *committer) reset() {
	c.change = Change{}
	c.set = map[string]int{}
	c.forgot = map[string]bool{}
	c.claims = map[string]string{}
	c.drops = map[extract.Removal]bool{}
}

// current is the entry of path as of the change being gathered.
func (c *committer) current(path string) (Entry, bool) {
	if i, ok := c.set[path]; ok {
		return c.change.Set[i], true
	}
	if c.forgot[path] {
		return Entry{}, false
	}
	return c.b.Ledger.Get(path)
}

// claimant is a file other than self indexed with content sha.
func (c *committer) claimant(sha, self string) string {
	if sha == "" {
		return ""
	}
	if p, ok := c.claims[sha]; ok && p != self {
		return p
	}
	for _, path := range c.withHash(sha) {
		if path == self {
			continue
		}
		if cur, ok := c.current(path); ok && cur.SHA256 == sha && cur.Status == StatusIndexed {
			return path
		}
	}
	return ""
}

// withHash lists the files the ledger or the gathered change holds with
// content sha: a file that became a duplicate earlier in this change is
// not in the ledger yet, and must still take over the report it copies.
func (c *committer) withHash(sha string) []string {
	var out []string
	for _, e := range c.b.Ledger.WithHash(sha) {
		out = append(out, e.Path)
	}
	for _, e := range c.change.Set {
		if e.SHA256 == sha && !slices.Contains(out, e.Path) {
			out = append(out, e.Path)
		}
	}
	return out
}

func (c *committer) record(e Entry) {
	if i, ok := c.set[e.Path]; ok {
		c.change.Set[i] = e
	} else {
		c.set[e.Path] = len(c.change.Set)
		c.change.Set = append(c.change.Set, e)
	}
	if e.Status == StatusIndexed {
		c.claims[e.SHA256] = e.Path
	}
}

// release lets go of the report a file had before it changed. Another
// file indexed with the same content keeps it. Otherwise a file recorded
// as its duplicate takes it over (parsed again, so the report names it),
// or, with none left, it is removed.
func (c *committer) release(ctx context.Context, prev Entry) error {
	if prev.Status != StatusIndexed || prev.ReportID == "" || c.claimant(prev.SHA256, prev.Path) != "" {
		return nil
	}
	for _, path := range c.withHash(prev.SHA256) {
		cur, ok := c.current(path)
		if !ok || cur.Status != StatusDuplicate || cur.SHA256 != prev.SHA256 || path == prev.Path {
			continue
		}
		q := c.b.parse(ctx, path, true)
		if err := ctx.Err(); err != nil {
			return err
		}
		if q.sha == prev.SHA256 && q.err == nil {
			c.record(Entry{Path: path, SHA256: q.sha, Status: StatusIndexed, ReportID: q.report.ID, Time: c.now()})
			c.change.Put = append(c.change.Put, q.report)
			return nil
		}
		// It changed too: its own turn (this run or the next) settles it.
		if i, ok := c.set[path]; ok {
			c.change.Set = slices.Delete(c.change.Set, i, i+1)
			delete(c.set, path)
			for p, j := range c.set {
				if j > i {
					c.set[p] = j - 1
				}
			}
		}
		c.forgot[path] = true
		c.change.Forget = append(c.change.Forget, path)
	}
	// The file's rendition leaves its report; the report goes with its
	// last rendition.
	if d := (extract.Removal{ReportID: prev.ReportID, Path: prev.Path}); !c.drops[d] {
		c.drops[d] = true
		c.change.Drop = append(c.change.Drop, d)
	}
	return nil
}

// settle decides the outcome of one file and gathers its change.
func (c *committer) settle(ctx context.Context, p parsed) (Event, error) {
	ev := Event{Path: p.path}
	now := c.now()
	prev, had := c.current(p.path)
	if had && prev.Status == StatusRemoved && (backAfterPrune(prev) || prev.SHA256 != p.sha) {
		had = false // back after it was gone, or changed after a removal: new
	}
	if had && prev.SHA256 == p.sha && p.sha != "" && (prev.Status != StatusDuplicate || c.claimant(p.sha, p.path) != "") {
		ev.Outcome, ev.ReportID = OutcomeUnchanged, prev.ReportID
		if prev.Status == StatusFailed {
			// Not retried until it changes; say why it failed before.
			ev.Reason, ev.Error = prev.Reason, prev.Error
		}
		return ev, nil
	}
	if other := c.claimant(p.sha, p.path); other != "" {
		ev.Outcome, ev.ReportID = OutcomeDuplicate, extract.ReportID(p.sha)
		if e, ok := c.current(other); ok && e.ReportID != "" {
			ev.ReportID = e.ReportID // the report's identity id
		}
		ev.Reason, ev.Error = "duplicate", "same content as "+other
		c.record(Entry{Path: p.path, SHA256: p.sha, Status: StatusDuplicate, ReportID: ev.ReportID, Reason: ev.Reason, Error: ev.Error, Time: now})
		if had {
			return ev, c.release(ctx, prev)
		}
		return ev, nil
	}
	if p.skipped {
		// The worker's view was older than ours: parse after all.
		p = c.b.parse(ctx, p.path, true)
		if ctx.Err() != nil {
			return ev, ctx.Err()
		}
	}
	if p.err != nil {
		var de *DocError
		msg := p.err.Error()
		if errors.As(p.err, &de) {
			msg = de.Stage + ": " + de.Err.Error()
		}
		ev.Outcome, ev.Reason, ev.Error = OutcomeFailed, Reason(p.err), msg
		c.record(Entry{Path: p.path, SHA256: p.sha, Status: StatusFailed, Reason: ev.Reason, Error: msg, Time: now})
		// A file that changed into something unreadable loses its old report.
		if had {
			return ev, c.release(ctx, prev)
		}
		return ev, nil
	}
	ev.Outcome, ev.ReportID = OutcomeIndexed, p.report.ID
	if had && prev.ReportID != "" && (prev.ReportID != p.report.ID || prev.Status == StatusIndexed && prev.SHA256 != p.sha) {
		// Another report, or a new version of the same one (the index
		// keeps the old content as history).
		ev.Outcome = OutcomeReplaced
	}
	c.record(Entry{Path: p.path, SHA256: p.sha, Status: StatusIndexed, ReportID: p.report.ID, Time: now})
	c.change.Put = append(c.change.Put, p.report)
	if had && prev.SHA256 != p.sha {
		return ev, c.release(ctx, prev)
	}
	return ev, nil
}

// full says the gathered change is big enough to commit.
func (c *committer) full() bool {
	return len(c.change.Put) >= c.flushEvery || len(c.change.Set)+len(c.change.Forget) >= 16*c.flushEvery
}

// flush commits the gathered change to the index and the ledger.
func (c *committer) flush(ctx context.Context) error {
	if len(c.change.Set) == 0 && len(c.change.Forget) == 0 && len(c.change.Drop) == 0 {
		return nil
	}
	start := time.Now()
	err := c.b.Ledger.Commit(ctx, c.change)
	c.b.Meter.committed(time.Since(start))
	if err != nil {
		return fmt.Errorf("commit %d reports to the index: %w", len(c.change.Put), err)
	}
	c.reset()
	return nil
}

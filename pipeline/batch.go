package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/baocao/baocao/extract"
)

// Indexer stores reports; *index.Index satisfies it.
type Indexer interface {
	Put(ctx context.Context, reports ...*extract.Report) error
	Delete(ctx context.Context, id string) error
}

// Batch ingests many files: bounded workers, dedupe by content hash, one
// bad file never stops the run.
type Batch struct {
	Pipeline *Pipeline
	Index    Indexer
	Ledger   *Ledger
	// Workers bounds concurrent documents (default 2).
	Workers int
	// MaxFileSize skips larger files before reading them (0: no limit).
	MaxFileSize int64
	// Progress, when set, is called after each file (from one goroutine at a time).
	Progress func(Event)
	// Now is the clock (tests inject one).
	Now func() time.Time
	// FlushEvery is how many reports go to the index in one write (default
	// 64): every index write waits for the disk, so one write per report
	// would make ingest disk-bound.
	FlushEvery int

	pending []pendingPut
}

// pendingPut is a report parsed and waiting for the next index write; the
// ledger learns of it only once the write succeeded.
type pendingPut struct {
	report *extract.Report
	entry  Entry
	drop   string // an old report id to delete after the write
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

type parsed struct {
	path   string
	sha    string
	report *extract.Report
	err    error
	prev   Entry
	had    bool
}

// Run ingests files. Errors of single files go into the Summary; Run
// returns an error only when the batch itself cannot go on (index or
// ledger failure, cancellation).
func (b *Batch) Run(ctx context.Context, files []string) (Summary, error) {
	now := b.Now
	if now == nil {
		now = time.Now
	}
	workers := b.Workers
	if workers <= 0 {
		workers = 2
	}
	sum := Summary{Files: len(files), Events: []Event{}}
	var mu sync.Mutex // guards sum, the index and the ledger order
	done := 0
	record := func(ev Event) {
		done++
		ev.Done, ev.Total = done, len(files)
		sum.Events = append(sum.Events, ev)
		switch ev.Outcome {
		case OutcomeIndexed:
			sum.Indexed++
		case OutcomeReplaced:
			sum.Replaced++
		case OutcomeUnchanged:
			sum.Unchanged++
		case OutcomeDuplicate:
			sum.Duplicate++
		case OutcomeFailed:
			sum.Failed++
		}
		if b.Progress != nil {
			b.Progress(ev)
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for _, path := range files {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			p := b.parse(gctx, path)
			mu.Lock()
			defer mu.Unlock()
			ev, err := b.commit(gctx, p, now())
			if err != nil {
				return err
			}
			record(ev)
			return nil
		})
	}
	err := g.Wait()
	if ferr := b.flush(ctx); err == nil {
		err = ferr
	}
	if serr := b.Ledger.Save(); err == nil {
		err = serr
	}
	if err == nil {
		err = ctx.Err()
	}
	return sum, err
}

// parse reads and processes one file unless the ledger says it is unchanged.
func (b *Batch) parse(ctx context.Context, path string) parsed {
	p := parsed{path: path}
	p.prev, p.had = b.Ledger.Get(path)
	if b.MaxFileSize > 0 {
		if info, err := os.Stat(path); err == nil && info.Size() > b.MaxFileSize {
			p.err = &DocError{Source: path, Stage: "read", Err: fmt.Errorf("%d bytes, limit %d: %w", info.Size(), b.MaxFileSize, ErrTooLarge)}
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
	if p.had && p.prev.SHA256 == p.sha {
		return p // unchanged: commit decides
	}
	if _, dup := b.Ledger.IndexedBy(p.sha); dup {
		return p
	}
	p.report, p.err = b.Pipeline.Process(ctx, path, data)
	return p
}

// commit updates index and ledger for one parsed file. It runs under the
// batch mutex, so index writes are serial and the ledger stays consistent.
func (b *Batch) commit(ctx context.Context, p parsed, now time.Time) (Event, error) {
	ev := Event{Path: p.path}
	if p.had && p.prev.SHA256 == p.sha && p.sha != "" {
		ev.Outcome, ev.ReportID = OutcomeUnchanged, p.prev.ReportID
		if p.prev.Status == StatusFailed {
			// Not retried until it changes; say why it failed before.
			ev.Reason, ev.Error = p.prev.Reason, p.prev.Error
		}
		return ev, nil
	}
	if other, dup := b.Ledger.IndexedBy(p.sha); dup && other != p.path && p.sha != "" {
		ev.Outcome, ev.ReportID = OutcomeDuplicate, extract.ReportID(p.sha)
		ev.Reason = "same content as " + other
		b.Ledger.Set(Entry{Path: p.path, SHA256: p.sha, Status: StatusDuplicate, ReportID: ev.ReportID, Reason: "duplicate", Error: ev.Reason, Time: now})
		return ev, nil
	}
	if p.err != nil {
		var de *DocError
		msg := p.err.Error()
		if errors.As(p.err, &de) {
			msg = de.Stage + ": " + de.Err.Error()
		}
		ev.Outcome, ev.Reason, ev.Error = OutcomeFailed, Reason(p.err), msg
		b.Ledger.Set(Entry{Path: p.path, SHA256: p.sha, Status: StatusFailed, Reason: ev.Reason, Error: msg, Time: now})
		// A file that changed into something unreadable loses its old report.
		if p.had && p.prev.ReportID != "" && !b.Ledger.UsesReport(p.prev.ReportID, p.path) {
			if err := b.Index.Delete(ctx, p.prev.ReportID); err != nil {
				return ev, fmt.Errorf("remove old report of %s: %w", p.path, err)
			}
		}
		return ev, nil
	}
	ev.Outcome, ev.ReportID = OutcomeIndexed, p.report.ID
	put := pendingPut{report: p.report, entry: Entry{Path: p.path, SHA256: p.sha, Status: StatusIndexed, ReportID: p.report.ID, Time: now}}
	if p.had && p.prev.ReportID != "" && p.prev.ReportID != p.report.ID {
		ev.Outcome = OutcomeReplaced
		if !b.Ledger.UsesReport(p.prev.ReportID, p.path) {
			put.drop = p.prev.ReportID
		}
	}
	// Claim the hash now, so a second file with the same content in this
	// batch is a duplicate and not indexed twice.
	b.Ledger.Set(Entry{Path: p.path, SHA256: p.sha, Status: StatusIndexed, ReportID: p.report.ID, Time: now})
	b.pending = append(b.pending, put)
	flushEvery := b.FlushEvery
	if flushEvery <= 0 {
		flushEvery = 64
	}
	if len(b.pending) >= flushEvery {
		return ev, b.flush(ctx)
	}
	return ev, nil
}

// flush writes the pending reports to the index, then drops replaced ones.
func (b *Batch) flush(ctx context.Context) error {
	if len(b.pending) == 0 {
		return nil
	}
	reports := make([]*extract.Report, len(b.pending))
	for i, p := range b.pending {
		reports[i] = p.report
	}
	if err := b.Index.Put(ctx, reports...); err != nil {
		// Forget the claims: the next run must try these files again.
		for _, p := range b.pending {
			b.Ledger.Forget(p.entry.Path)
		}
		b.pending = nil
		return fmt.Errorf("write %d reports to the index: %w", len(reports), err)
	}
	for _, p := range b.pending {
		if p.drop != "" {
			if err := b.Index.Delete(ctx, p.drop); err != nil {
				return fmt.Errorf("remove old report of %s: %w", p.entry.Path, err)
			}
		}
	}
	b.pending = nil
	return nil
}

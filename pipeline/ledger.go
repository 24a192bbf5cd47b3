package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/baocao/baocao/extract"
)

// Status of a file in the ledger.
type Status string

// Ledger statuses.
const (
	StatusIndexed   Status = "indexed"
	StatusFailed    Status = "failed"
	StatusDuplicate Status = "duplicate" // same content as another indexed file
	// StatusRemoved: taken out of the index by remove or prune (Reason
	// "removed" or "pruned"); the entry is the record of it. A pruned file
	// that comes back, or a removed one that changed, is ingested as new;
	// a removed file left unchanged stays out.
	StatusRemoved Status = "removed"
)

// Entry is what the ledger remembers of one file.
type Entry struct {
	Path     string    `json:"path"`
	SHA256   string    `json:"sha256"`
	Status   Status    `json:"status"`
	ReportID string    `json:"report_id,omitempty"`
	Reason   string    `json:"reason,omitempty"` // a word of Reasons
	Error    string    `json:"error,omitempty"`
	Time     time.Time `json:"time"`
}

// Indexer is the index the ledger moves with; *index.Index satisfies it.
type Indexer interface {
	// Commit writes puts and removes drops (a file's rendition of a
	// report, or a whole report) in one atomic, durable index batch that
	// also records mark as the index's mark.
	Commit(ctx context.Context, puts []*extract.Report, drops []extract.Removal, mark uint64) error
	// Mark returns the mark of the last Commit (0 when none).
	Mark() (uint64, error)
}

// Change is one step of the ledger and the index together: reports to
// index, report ids to remove, and the ledger entries this settles.
type Change struct {
	Put    []*extract.Report
	Drop   []extract.Removal
	Set    []Entry
	Forget []string // paths
}

// Ledger records every file ingest has seen, so an incremental run skips
// unchanged files (indexed or failed) and replaces changed ones.
//
// The ledger and the index move together. Every Change goes through
// Commit: it is appended to a journal (ledger.log next to the snapshot
// ledger.json) under the next sequence number and synced, then written to
// the index in one batch carrying that number as the index's mark. On
// open, journal records beyond the index's mark are dropped: the index
// never got them. So a killed ingest resumes from its last commit, and the
// ledger never claims a report the index lacks or misses one it has.
// Compact folds the journal into the snapshot.
//
// Lookups by path, by content hash and by report id are O(1). Safe for
// concurrent use; commits are serialised, and no lock readers need is
// held while the index writes.
type Ledger struct {
	path    string // the snapshot; the journal is journalPath(path)
	ix      Indexer
	writeMu sync.Mutex // serialises Commit and Compact

	mu       sync.RWMutex
	entries  map[string]Entry
	byHash   map[string][]string // content hash → paths indexed or duplicate with it
	seq      uint64              // the last committed sequence number
	snapSeq  uint64              // the sequence number the snapshot includes
	snapSize int64

	log      *os.File
	logValid int64 // bytes of the journal holding committed records
	logSize  int64 // bytes of the journal on disk
	reset    bool  // the snapshot is newer than the index: rewrite it empty
}

// snapshot is the form of ledger.json. Ledgers written before the journal
// existed are a bare array of entries, all committed.
type snapshot struct {
	Seq     uint64  `json:"seq"`
	Entries []Entry `json:"entries"`
}

// record is one line of the journal.
type record struct {
	Seq    uint64   `json:"seq"`
	Set    []Entry  `json:"set,omitempty"`
	Forget []string `json:"forget,omitempty"`
}

func journalPath(path string) string {
	return strings.TrimSuffix(path, ".json") + ".log"
}

// OpenLedger loads the ledger at path (empty when it does not exist) as far
// as ix has committed it. ix may be a read-only index: the ledger then
// reads, and Commit fails with the index's error.
func OpenLedger(path string, ix Indexer) (*Ledger, error) {
	l := &Ledger{path: path, ix: ix, entries: map[string]Entry{}, byHash: map[string][]string{}}
	mark, err := ix.Mark()
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("read ledger: %w", err)
	default:
		l.snapSize = int64(len(data))
		var snap snapshot
		if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
			err = json.Unmarshal(t, &snap.Entries)
		} else {
			err = json.Unmarshal(data, &snap)
		}
		if err != nil {
			return nil, fmt.Errorf("ledger %s is corrupt: %w", path, err)
		}
		if snap.Seq > mark {
			// The index is older than the ledger (it was deleted or
			// rebuilt): the ledger's entries describe reports it lacks.
			l.reset = true
			l.seq, l.snapSeq = mark, mark
			return l, nil
		}
		for _, e := range snap.Entries {
			l.apply(e)
		}
		l.seq, l.snapSeq = snap.Seq, snap.Seq
	}
	if err := l.replay(mark); err != nil {
		return nil, err
	}
	return l, nil
}

// replay applies the journal's records the index has marked and notes
// where the committed part of the journal ends.
func (l *Ledger) replay(mark uint64) error {
	f, err := os.Open(journalPath(l.path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read ledger journal: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var off int64
	for {
		line, err := r.ReadBytes('\n')
		l.logSize += int64(len(line))
		if err == io.EOF {
			// A last line without its newline was cut by a crash while
			// being written: never committed.
			return nil
		}
		if err != nil {
			return fmt.Errorf("read ledger journal: %w", err)
		}
		var rec record
		if json.Unmarshal(line, &rec) != nil || rec.Seq > mark {
			// The rest was written but never committed to the index.
			if _, err := io.Copy(io.Discard, r); err != nil {
				return fmt.Errorf("read ledger journal: %w", err)
			}
			if st, err := f.Stat(); err == nil {
				l.logSize = st.Size()
			}
			return nil
		}
		off += int64(len(line))
		l.logValid = off
		if rec.Seq <= l.snapSeq {
			continue // already in the snapshot
		}
		for _, p := range rec.Forget {
			l.remove(p)
		}
		for _, e := range rec.Set {
			l.apply(e)
		}
		l.seq = rec.Seq
	}
}

// apply records e in the maps (the caller holds mu or owns l).
func (l *Ledger) apply(e Entry) {
	l.remove(e.Path)
	l.entries[e.Path] = e
	if e.SHA256 != "" && e.Status != StatusFailed && e.Status != StatusRemoved {
		l.byHash[e.SHA256] = append(l.byHash[e.SHA256], e.Path)
	}
}

func (l *Ledger) remove(path string) {
	old, ok := l.entries[path]
	if !ok {
		return
	}
	delete(l.entries, path)
	if ps := l.byHash[old.SHA256]; len(ps) > 0 {
		ps = slices.DeleteFunc(ps, func(p string) bool { return p == path })
		if len(ps) == 0 {
			delete(l.byHash, old.SHA256)
		} else {
			l.byHash[old.SHA256] = ps
		}
	}
}

// Get returns the entry of a path.
func (l *Ledger) Get(path string) (Entry, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	e, ok := l.entries[path]
	return e, ok
}

// IndexedBy returns the path of an indexed file with this content hash.
func (l *Ledger) IndexedBy(sha string) (string, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	for _, p := range l.byHash[sha] {
		if l.entries[p].Status == StatusIndexed {
			return p, true
		}
	}
	return "", false
}

// WithHash returns the entries (indexed or duplicate) of files with this
// content hash.
func (l *Ledger) WithHash(sha string) []Entry {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]Entry, 0, len(l.byHash[sha]))
	for _, p := range l.byHash[sha] {
		out = append(out, l.entries[p])
	}
	return out
}

// Len is the number of entries.
func (l *Ledger) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.entries)
}

// Entries returns every entry sorted by path.
func (l *Ledger) Entries() []Entry {
	l.mu.RLock()
	out := make([]Entry, 0, len(l.entries))
	for _, e := range l.entries {
		out = append(out, e)
	}
	l.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Commit applies c to the index and the ledger together: the journal
// record first (synced), then the index batch marked with its number, then
// the entries in memory. When it fails the ledger is as before; the index
// may or may not have the batch, which its mark tells (a record the index
// lacks is never replayed).
func (l *Ledger) Commit(ctx context.Context, c Change) error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if err := l.prepareJournal(); err != nil {
		return err
	}
	seq := l.seq + 1
	line, err := json.Marshal(record{Seq: seq, Set: c.Set, Forget: c.Forget})
	if err != nil {
		return err
	}
	line = append(line, '\n')
	if _, err := l.log.Write(line); err != nil {
		l.logSize = -1 // unknown: cut back before the next record
		return fmt.Errorf("write ledger journal: %w", err)
	}
	l.logSize += int64(len(line))
	if err := l.log.Sync(); err != nil {
		return fmt.Errorf("sync ledger journal: %w", err)
	}
	if err := l.ix.Commit(ctx, c.Put, c.Drop, seq); err != nil {
		if m, merr := l.ix.Mark(); merr != nil || m != seq {
			// The index lacks the batch: the record stays behind the
			// valid part of the journal and is cut away before the next.
			return err
		}
		// The batch made it despite the error.
	}
	l.mu.Lock()
	for _, p := range c.Forget {
		l.remove(p)
	}
	for _, e := range c.Set {
		l.apply(e)
	}
	l.seq = seq
	l.mu.Unlock()
	l.logValid = l.logSize
	return nil
}

// prepareJournal opens the journal for appending and cuts away records
// never committed (writeMu held).
func (l *Ledger) prepareJournal() error {
	if l.reset {
		if err := l.compact(); err != nil {
			return err
		}
		l.reset = false
	}
	if l.log == nil {
		if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(journalPath(l.path), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("open ledger journal: %w", err)
		}
		l.log = f
		if st, err := f.Stat(); err == nil {
			l.logSize = st.Size()
		}
	}
	if l.logSize != l.logValid {
		if err := l.log.Truncate(l.logValid); err != nil {
			return fmt.Errorf("cut ledger journal: %w", err)
		}
		l.logSize = l.logValid
	}
	_, err := l.log.Seek(l.logValid, io.SeekStart)
	return err
}

// Compact folds the journal into the snapshot once the journal has grown
// larger than the snapshot, so rewriting the snapshot costs in proportion
// to the records it absorbs.
func (l *Ledger) Compact() error {
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if l.logValid < max(l.snapSize, 1<<20) && !l.reset {
		return nil
	}
	return l.compact()
}

// compact writes the snapshot of every committed entry atomically
// (temporary file, sync, rename), then empties the journal. A crash in
// between leaves records the snapshot already holds, which replay skips.
func (l *Ledger) compact() error {
	l.mu.RLock()
	seq := l.seq
	l.mu.RUnlock()
	data, err := json.Marshal(snapshot{Seq: seq, Entries: l.Entries()})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
		return err
	}
	tmp := l.path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write ledger: %w", err)
	}
	_, err = f.Write(append(data, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, l.path)
	}
	if err != nil {
		return fmt.Errorf("write ledger: %w", err)
	}
	l.snapSeq, l.snapSize = seq, int64(len(data)+1)
	if l.log != nil {
		if err := l.log.Truncate(0); err != nil {
			return fmt.Errorf("cut ledger journal: %w", err)
		}
	} else if err := os.Truncate(journalPath(l.path), 0); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cut ledger journal: %w", err)
	}
	l.logValid, l.logSize = 0, 0
	return nil
}

// Close compacts the journal when it has grown and releases it.
func (l *Ledger) Close() error {
	err := l.Compact()
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if l.log != nil {
		if cerr := l.log.Close(); err == nil {
			err = cerr
		}
		l.log = nil
	}
	return err
}

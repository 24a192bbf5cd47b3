package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// Status of a file in the ledger.
type Status string

// Ledger statuses.
const (
	StatusIndexed   Status = "indexed"
	StatusFailed    Status = "failed"
	StatusDuplicate Status = "duplicate" // same content as another indexed file
)

// Entry is what the ledger remembers of one file.
type Entry struct {
	Path     string    `json:"path"`
	SHA256   string    `json:"sha256"`
	Status   Status    `json:"status"`
	ReportID string    `json:"report_id,omitempty"`
	Reason   string    `json:"reason,omitempty"` // short word, see Reason
	Error    string    `json:"error,omitempty"`
	Time     time.Time `json:"time"`
}

// Ledger records every file the batch has seen, so an incremental run
// skips unchanged files (indexed or failed) and replaces changed ones. It is
// a JSON file written atomically; safe for concurrent use.
type Ledger struct {
	path    string
	mu      sync.Mutex
	entries map[string]Entry
}

// OpenLedger loads the ledger at path, empty when the file does not exist.
func OpenLedger(path string) (*Ledger, error) {
	l := &Ledger{path: path, entries: map[string]Entry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read ledger: %w", err)
	}
	var list []Entry
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("ledger %s is corrupt: %w", path, err)
	}
	for _, e := range list {
		l.entries[e.Path] = e
	}
	return l, nil
}

// Get returns the entry of a path.
func (l *Ledger) Get(path string) (Entry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.entries[path]
	return e, ok
}

// Set records an entry (in memory; Save writes it).
func (l *Ledger) Set(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries[e.Path] = e
}

// Forget removes the entry of a path.
func (l *Ledger) Forget(path string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, path)
}

// IndexedBy returns the path of an indexed file with this content hash.
func (l *Ledger) IndexedBy(sha string) (string, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.entries {
		if e.SHA256 == sha && e.Status == StatusIndexed {
			return e.Path, true
		}
	}
	return "", false
}

// UsesReport reports whether any entry other than path points at report id.
func (l *Ledger) UsesReport(id, except string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.entries {
		if e.Path != except && e.ReportID == id && e.Status == StatusIndexed {
			return true
		}
	}
	return false
}

// Entries returns every entry sorted by path.
func (l *Ledger) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Entry, 0, len(l.entries))
	for _, e := range l.entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Save writes the ledger atomically (temporary file, then rename).
func (l *Ledger) Save() error {
	data, err := json.MarshalIndent(l.Entries(), "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(l.path), 0o755); err != nil {
		return err
	}
	tmp := l.path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write ledger: %w", err)
	}
	return os.Rename(tmp, l.path)
}

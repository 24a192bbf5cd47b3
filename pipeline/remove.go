package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/baocao/baocao/extract"
)

// Removal reasons recorded in the ledger.
const (
	ReasonRemoved = "removed" // baocao remove, DELETE /api/reports/{id}
	ReasonPruned  = "pruned"  // ingest --prune, the inbox job: the file is gone
)

// RemoveFiles takes files out of the index — each file's rendition of its
// report; a report goes with its last rendition — and records each in the
// ledger (StatusRemoved, reason). Files the ledger does not hold as
// indexed are returned in unknown and left alone.
func (l *Ledger) RemoveFiles(ctx context.Context, paths []string, reason string, now time.Time) (removed []Entry, unknown []string, err error) {
	var c Change
	for _, p := range paths {
		e, ok := l.Get(p)
		if !ok || e.Status == StatusRemoved {
			unknown = append(unknown, p)
			continue
		}
		if e.Status == StatusIndexed && e.ReportID != "" {
			c.Drop = append(c.Drop, extract.Removal{ReportID: e.ReportID, Path: p})
		}
		e.Status, e.Reason, e.Error, e.Time = StatusRemoved, reason, "", now
		c.Set = append(c.Set, e)
	}
	if len(c.Set) == 0 {
		return nil, unknown, nil
	}
	if err := l.Commit(ctx, c); err != nil {
		return nil, unknown, err
	}
	return c.Set, unknown, nil
}

// RemoveReport takes a whole report out of the index: every rendition and
// version. paths are its source files (Report.Sources and the versions'
// sources); each file the ledger knows is recorded as removed, and so is
// any other file the ledger has filed under the report.
func (l *Ledger) RemoveReport(ctx context.Context, id string, paths []string, now time.Time) ([]Entry, error) {
	c := Change{Drop: []extract.Removal{{ReportID: id}}}
	seen := map[string]bool{}
	mark := func(e Entry) {
		if seen[e.Path] || e.Status == StatusRemoved {
			return
		}
		seen[e.Path] = true
		e.Status, e.Reason, e.Error, e.Time = StatusRemoved, ReasonRemoved, "", now
		e.ReportID = id
		c.Set = append(c.Set, e)
	}
	for _, p := range paths {
		if e, ok := l.Get(p); ok && (e.ReportID == id || e.Status == StatusIndexed) {
			mark(e)
		}
	}
	for _, e := range l.Entries() {
		if e.ReportID == id && e.Status != StatusFailed {
			mark(e)
		}
	}
	if err := l.Commit(ctx, c); err != nil {
		return nil, err
	}
	return c.Set, nil
}

// Prune removes from the index the files under dirs that are gone from
// the disk (a report goes when every source file is gone) and records each
// as pruned. Duplicates that are gone are recorded too; failed files are
// left as they are (the inbox moves them to quarantine, and the ledger
// must still know a broken file dropped again).
func (l *Ledger) Prune(ctx context.Context, dirs []string, now time.Time) ([]Entry, error) {
	var roots []string
	for _, d := range dirs {
		if abs, err := filepath.Abs(d); err == nil {
			d = abs
		}
		roots = append(roots, filepath.Clean(d)+string(filepath.Separator))
	}
	var gone []string
	for _, e := range l.Entries() {
		if e.Status == StatusRemoved || e.Status == StatusFailed {
			continue
		}
		under := false
		for _, r := range roots {
			under = under || strings.HasPrefix(e.Path, r)
		}
		if !under {
			continue
		}
		if _, err := os.Stat(e.Path); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, e.Path)
		}
	}
	removed, _, err := l.RemoveFiles(ctx, gone, ReasonPruned, now)
	return removed, err
}

// backAfterPrune says a file recorded as pruned (it was gone) is on the
// disk again: it is ingested as new. A file removed on purpose stays out
// while its content is unchanged.
func backAfterPrune(e Entry) bool {
	return e.Status == StatusRemoved && e.Reason == ReasonPruned
}

package index

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/baocao/baocao/extract"
)

// internalMarkKey holds the mark of the last Commit in the index's
// internal store. It is one small value: scorch copies and persists every
// internal value with every snapshot, so per-file records do not belong
// there (they would make each write cost as much as the whole ledger).
var internalMarkKey = []byte("baocao_commit_mark")

// Commit writes one Bleve batch: the documents of puts (each replacing
// every document of its report id), the removal of every document of the
// reports in drops, and mark as the index's commit mark. Scorch commits a
// batch atomically and, unless unsafe_batch is set, durably before Batch
// returns, so after a crash the index holds all of it (mark included) or
// none of it: the ingest ledger journals each change under a mark and
// trusts only the records the index has marked. A drop that is also put,
// or that no longer exists, is no error.
func (ix *Index) Commit(ctx context.Context, puts []*extract.Report, drops []string, mark uint64) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.markAbbrTable(); err != nil {
		return err
	}
	batch := ix.b.NewBatch()
	put := make(map[string]bool, len(puts))
	for i, r := range puts {
		if r == nil || r.ID == "" {
			return fmt.Errorf("put report %d: no id", i)
		}
		put[r.ID] = true
	}
	for _, id := range drops {
		if put[id] {
			continue
		}
		ids, err := ix.docIDsOf(ctx, id)
		if err != nil {
			return fmt.Errorf("drop report %s: %w", id, err)
		}
		for _, d := range ids {
			batch.Delete(d)
		}
	}
	for _, r := range puts {
		if err := ix.addReport(ctx, batch, r); err != nil {
			return err
		}
	}
	var m [8]byte
	binary.BigEndian.PutUint64(m[:], mark)
	batch.SetInternal(internalMarkKey, m[:])
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

// Mark returns the mark of the last Commit, 0 when there was none.
func (ix *Index) Mark() (uint64, error) {
	v, err := ix.b.GetInternal(internalMarkKey)
	if err != nil {
		return 0, fmt.Errorf("read commit mark: %w", err)
	}
	if len(v) != 8 {
		return 0, nil
	}
	return binary.BigEndian.Uint64(v), nil
}

// addReport adds the documents of r to batch, with deletions of the
// documents an earlier version of the same report id had and r has not.
// Later additions of the same id in one batch win.
func (ix *Index) addReport(ctx context.Context, batch *bleve.Batch, r *extract.Report) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	docs, err := buildDocs(r, ix.abbr)
	if err != nil {
		return fmt.Errorf("put report %s: %w", r.ID, err)
	}
	old, err := ix.docIDsOf(ctx, r.ID)
	if err != nil {
		return fmt.Errorf("put report %s: %w", r.ID, err)
	}
	keep := make(map[string]bool, len(docs))
	for _, d := range docs {
		keep[d.id] = true
	}
	for _, id := range old {
		if !keep[id] {
			batch.Delete(id)
		}
	}
	for _, d := range docs {
		if err := batch.Index(d.id, d.data); err != nil {
			return fmt.Errorf("put report %s: %w", r.ID, err)
		}
	}
	return nil
}

// Census counts the Bleve documents of each report id (the report's own
// and its sections'): a check that no document outlived its report.
func (ix *Index) Census(ctx context.Context) (map[string]int, error) {
	hits, err := ix.searchAll(ctx, bleve.NewMatchAllQuery(), []string{fieldReportID})
	if err != nil {
		return nil, fmt.Errorf("census: %w", err)
	}
	out := map[string]int{}
	for _, h := range hits {
		id, _ := h.Fields[fieldReportID].(string)
		out[id]++
	}
	return out, nil
}

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

// Commit writes one Bleve batch: the documents of puts (each a rendition
// of its report, see Put), the removals in drops (a rendition, or a whole
// report when the Path is empty), and mark as the index's commit mark.
// Scorch commits a batch atomically and, unless unsafe_batch is set,
// durably before Batch returns, so after a crash the index holds all of it
// (mark included) or none of it: the ingest ledger journals each change
// under a mark and trusts only the records the index has marked. A drop
// of a file that is also put (a changed file of the same report: a new
// version), or of a rendition that no longer exists, is no error.
func (ix *Index) Commit(ctx context.Context, puts []*extract.Report, drops []extract.Removal, mark uint64) error {
	return ix.apply(ctx, puts, drops, &mark)
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

package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/baocao/baocao/extract"
)

// PlainWriter puts the Bleve documents of reports into a new index the
// plainest way Bleve allows: fixed-size batches, nothing looked up or
// replaced, no commit marks. It is the yardstick ingest's speed is
// measured against (cmd/bleve-baseline, BENCHMARKS.md); baocao itself
// writes through Index.
type PlainWriter struct {
	b         bleve.Index
	batch     *bleve.Batch
	batchSize int
	abbr      *abbrevSet
	// Docs counts the documents written.
	Docs int
}

// NewPlainWriter creates an index in dir (which must not exist) with
// baocao's mapping.
func NewPlainWriter(dir string, batchSize int) (*PlainWriter, error) {
	registerAnalysis()
	im, err := newMapping()
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewUsing(dir, im, scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	return &PlainWriter{b: b, batch: b.NewBatch(), batchSize: batchSize, abbr: newAbbrevSet(extract.DefaultAbbreviations())}, nil
}

// Add queues the documents of r, writing a batch whenever one is full.
func (w *PlainWriter) Add(r *extract.Report) error {
	docs, err := buildDocs(r, w.abbr, nil)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if err := w.batch.Index(d.id, d.data); err != nil {
			return err
		}
		w.Docs++
		if w.batch.Size() >= w.batchSize {
			if err := w.b.Batch(w.batch); err != nil {
				return err
			}
			w.batch = w.b.NewBatch() // not Reset: scorch may still range over the old one
		}
	}
	return nil
}

// Close writes the last batch and closes the index.
func (w *PlainWriter) Close() error {
	var err error
	if w.batch.Size() > 0 {
		err = w.b.Batch(w.batch)
	}
	if cerr := w.b.Close(); err == nil {
		err = cerr
	}
	return err
}

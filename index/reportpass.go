package index

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The report pass of a search: one Bleve search over the report
// documents that ranks them, counts them and counts the facets, all in
// one walk over the matches.
//
// Bleve's own collector reads the doc values of every matching document
// for facets and for a sort on fields (province, period, date, id): that
// was two thirds of a broad search's time (profile of 10,000 reports,
// BENCHMARKS.md). These values change only when the index does, so they
// are read once per index snapshot into a table (reportTable), and the
// walk looks them up by the document's number instead.

// reportTable holds, for one index snapshot, the facet and sort values of
// every report document by its document number in that snapshot.
type reportTable struct {
	// snap is the snapshot the numbers belong to; compared, never read.
	snap bleveindex.IndexReader
	// row maps a document number to its row + 1 (0: not a report).
	row []int32
	// Per row.
	id                 []string
	date               []string
	province, period   []uint16 // into provinces, periods
	provinces, periods []string
}

// reportTables caches the table of the current snapshot.
type reportTables struct {
	mu  sync.Mutex
	cur *reportTable
	// matches recycles the match lists of the report pass (*[]reportMatch):
	// a broad search collects one per matching report, megabytes that
	// would otherwise be garbage after every search.
	matches sync.Pool
	// sets recycles the bonus sets (*bitset), as matches does.
	sets sync.Pool
}

// get returns the table of snapshot r, reading it when r is new. Building
// costs one walk over the report documents' doc values (about what one
// faceted search over every report cost before); every commit makes a new
// snapshot, so the first search after a commit pays it.
func (t *reportTables) get(r bleveindex.IndexReader) (*reportTable, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.cur != nil && t.cur.snap == r {
		return t.cur, nil
	}
	tab, err := buildReportTable(r)
	if err != nil {
		return nil, err
	}
	t.cur = tab
	return tab, nil
}

func buildReportTable(r bleveindex.IndexReader) (*reportTable, error) {
	tab := &reportTable{snap: r}
	tfr, err := r.TermFieldReader(context.Background(), []byte(typeReport), fieldType, false, false, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	dvr, err := r.DocValueReader([]string{fieldReportID, fieldDate, fieldProvince, fieldPeriod})
	if err != nil {
		return nil, err
	}
	intern := func(vals *[]string, idx map[string]uint16, v string) uint16 {
		i, ok := idx[v]
		if !ok {
			i = uint16(len(*vals))
			idx[v] = i
			*vals = append(*vals, v)
		}
		return i
	}
	provIdx, perIdx := map[string]uint16{}, map[string]uint16{}
	var d *bleveindex.TermFieldDoc
	for {
		d, err = tfr.Next(d)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		var id, date, prov, per string
		if err := dvr.VisitDocValues(d.ID, func(field string, term []byte) {
			switch field {
			case fieldReportID:
				id = string(term)
			case fieldDate:
				date = string(term)
			case fieldProvince:
				prov = string(term)
			case fieldPeriod:
				per = string(term)
			}
		}); err != nil {
			return nil, err
		}
		n := d.ID.Value()
		for uint64(len(tab.row)) <= n {
			tab.row = append(tab.row, 0)
		}
		tab.id = append(tab.id, id)
		tab.date = append(tab.date, date)
		tab.province = append(tab.province, intern(&tab.provinces, provIdx, prov))
		tab.period = append(tab.period, intern(&tab.periods, perIdx, per))
		tab.row[n] = int32(len(tab.id))
		d.ID = d.ID[:0] // reuse the buffer
	}
	if len(tab.provinces) > 1<<16 || len(tab.periods) > 1<<16 {
		return nil, fmt.Errorf("report table: %d provinces, %d periods", len(tab.provinces), len(tab.periods))
	}
	return tab, nil
}

// bonusSet is a constant bonus: value for every report holding term on
// field.
type bonusSet struct {
	field, term string
	value       float64
	// pair: an adjacent pair of query words (for bonusAllPairs).
	pair bool
}

// bonuses are the constant bonuses of a query on report documents
// (reportBonuses).
type bonuses struct {
	sets []bonusSet
	// pairs is the number of pair sets; allPairs is added to a report
	// holding all of them.
	pairs    int
	allPairs float64
	// places are folded province names (bonusPlace).
	places []string
}

// bitset is a set of document numbers.
type bitset []uint64

func (b bitset) has(n uint64) bool { return n/64 < uint64(len(b)) && b[n/64]&(1<<(n%64)) != 0 }

// termSet is the set of the documents holding term on field in the
// snapshot of tab, read through r (that snapshot's reader) straight from
// its postings (no frequencies, no scoring, no search machinery per
// document: half the cost of an unscored Bleve search of the term).
func (ix *Index) termSet(ctx context.Context, r bleveindex.IndexReader, field, term string, tab *reportTable) (bitset, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	set := ix.tables.newSet(len(tab.row))
	var d *bleveindex.TermFieldDoc
	for {
		if d, err = tfr.Next(d); err != nil || d == nil {
			return set, err
		}
		if n := d.ID.Value(); n/64 < uint64(len(set)) {
			set[n/64] |= 1 << (n % 64)
		}
	}
}

// newSet is an empty set for document numbers below n, recycled from
// t.sets when one is there; give it back with t.sets.Put(&set).
func (t *reportTables) newSet(n int) bitset {
	words := (n + 63) / 64
	if p, ok := t.sets.Get().(*bitset); ok && cap(*p) >= words {
		set := (*p)[:words]
		clear(set)
		return set
	}
	return make(bitset, words)
}

// errSnapshotChanged: the index changed between the walks of one search
// (a commit); the search starts over on the new snapshot.
var errSnapshotChanged = errors.New("index snapshot changed during the search")

// reader opens a reader on the index's current snapshot, for the walks
// that read postings directly; the caller closes it.
func (ix *Index) reader() (bleveindex.IndexReader, error) {
	idx, err := ix.b.Advanced()
	if err != nil {
		return nil, err
	}
	return idx.Reader()
}

// broadShare is the share of the reports above which a word's BM25
// clause is left out of the ranking: its rarity weight, ln(1 + (N − n +
// ½)/(n + ½)), is then below 0.05, so it adds at most 0.11 to any
// report's score (BM25 saturates at k1 + 1 times it), a tenth of the
// smallest bonus, while walking the frequencies of every report. This is
// what makes a search for the most common words ("hồ sơ" is in 9,998 of
// 10,000 reports) cost what a rare one does.
const broadShare = 0.95

// broadTerms are the terms of toks (their key form) found on field in
// more than broadShare of the report documents.
func (ix *Index) broadTerms(ctx context.Context, field string, toks []qtoken) map[string]bool {
	if len(toks) == 0 {
		return nil
	}
	r, err := ix.reader()
	if err != nil {
		return nil
	}
	defer r.Close()
	tab, err := ix.tables.get(r)
	if err != nil || len(tab.id) == 0 {
		return nil
	}
	out := map[string]bool{}
	for _, t := range toks {
		tfr, err := r.TermFieldReader(ctx, []byte(t.key), field, false, false, false)
		if err != nil {
			continue
		}
		if float64(tfr.Count()) > broadShare*float64(len(tab.id)) {
			out[t.key] = true
		}
		tfr.Close()
	}
	return out
}

// rankedReport is one report of the ranking.
type rankedReport struct {
	ID    string
	Score float64
	row   int32
}

// reportRanking is the outcome of the report pass.
type reportRanking struct {
	Total int
	// Hits are the reports of the page, best first.
	Hits []rankedReport
	// Facets counts the matching reports per province and period.
	Facets map[string]map[string]int
}

// rankHeap keeps the best n reports seen, the worst on top.
type rankHeap struct {
	items  []rankedReport
	before func(a, b rankedReport) bool // a ranks before b
}

func (h *rankHeap) Len() int           { return len(h.items) }
func (h *rankHeap) Less(i, j int) bool { return h.before(h.items[j], h.items[i]) }
func (h *rankHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *rankHeap) Push(x any)         { h.items = append(h.items, x.(rankedReport)) }
func (h *rankHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// rankReports runs q over the report documents: the page [offset,
// offset+size) in the order of sortOrder(order), the number of matches
// and the facets. The score of a report is Bleve's (BM25 clauses) plus
// the bonuses it earns.
func (ix *Index) rankReports(ctx context.Context, q query.Query, b bonuses, size, offset int, order string) (*reportRanking, error) {
	for try := 0; ; try++ {
		rr, err := ix.rankReportsOnce(ctx, q, b, size, offset, order)
		if !errors.Is(err, errSnapshotChanged) || try == 3 {
			return rr, err
		}
	}
}

func (ix *Index) rankReportsOnce(ctx context.Context, q query.Query, b bonuses, size, offset int, order string) (*reportRanking, error) {
	// One reader for the pass: the table and the bonus sets are of its
	// snapshot; the scored walk checks that its own search saw the same.
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	tab, err := ix.tables.get(r)
	if err != nil {
		return nil, err
	}
	// The bonus sets are unscored walks independent of the scored one:
	// they run on another core while it does (one client's latency is
	// the longer of the two, not their sum), and the bonuses are added
	// to the matches it collected afterwards.
	keep := size + offset
	sets := make([]bitset, len(b.sets))
	var setsErr error
	var wg sync.WaitGroup
	if keep > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, bs := range b.sets {
				if sets[i], setsErr = ix.termSet(ctx, r, bs.field, bs.term, tab); setsErr != nil {
					return
				}
			}
		}()
	}
	out, matches, err := ix.walkReports(ctx, q, tab, keep > 0)
	if matches == nil {
		matches = new([]reportMatch) // no page asked for: nothing collected
	} else {
		defer ix.tables.matches.Put(matches)
	}
	wg.Wait()
	defer func() {
		for i := range sets {
			if sets[i] != nil {
				ix.tables.sets.Put(&sets[i])
			}
		}
	}()
	if err == nil {
		err = setsErr
	}
	if err != nil {
		return nil, err
	}
	placed := make([]bool, len(tab.provinces))
	for i, name := range tab.provinces {
		for _, pl := range b.places {
			placed[i] = placed[i] || provinceFold(name) == pl
		}
	}
	h := &rankHeap{before: func(a, c rankedReport) bool {
		if order == SortDate {
			if da, dc := tab.date[a.row], tab.date[c.row]; da != dc {
				return da > dc
			}
		}
		if a.Score != c.Score {
			return a.Score > c.Score
		}
		if da, dc := tab.date[a.row], tab.date[c.row]; da != dc {
			return da > dc
		}
		return a.ID < c.ID
	}}
	for _, m := range *matches {
		score, pairs := m.score, 0
		for i, set := range sets {
			if set.has(m.doc) {
				score += b.sets[i].value
				if b.sets[i].pair {
					pairs++
				}
			}
		}
		if b.pairs > 0 && pairs == b.pairs {
			score += b.allPairs
		}
		if placed[tab.province[m.row]] {
			score += bonusPlace
		}
		r := rankedReport{ID: tab.id[m.row], Score: score, row: m.row}
		if h.Len() < keep {
			heap.Push(h, r)
		} else if h.before(r, h.items[0]) {
			h.items[0] = r
			heap.Fix(h, 0)
		}
	}
	ranked := make([]rankedReport, h.Len())
	for i := len(ranked) - 1; i >= 0; i-- {
		ranked[i] = heap.Pop(h).(rankedReport)
	}
	if offset < len(ranked) {
		out.Hits = ranked[offset:]
	}
	return out, nil
}

// reportMatch is one report the scored walk matched: its document
// number, its row in the report table and its score before bonuses.
type reportMatch struct {
	doc   uint64
	score float64
	row   int32
}

// walkReports runs q over the report documents of tab's snapshot once:
// it counts the matches and the facets and, when keep, collects every
// match with its score (the bonuses and the page are rankReports'; the
// list is from ix.tables.matches, to be put back).
func (ix *Index) walkReports(ctx context.Context, q query.Query, tab *reportTable, keep bool) (*reportRanking, *[]reportMatch, error) {
	out := &reportRanking{}
	var matches *[]reportMatch
	if keep {
		matches, _ = ix.tables.matches.Get().(*[]reportMatch)
		if matches == nil {
			matches = new([]reportMatch)
		}
		*matches = (*matches)[:0]
	}
	provCounts, perCounts := make([]int, len(tab.provinces)), make([]int, len(tab.periods))
	handler := func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		if sctx.IndexReader != tab.snap {
			return nil, false, errSnapshotChanged
		}
		return func(d *search.DocumentMatch) error {
			if d == nil {
				return nil
			}
			n := d.IndexInternalID.Value()
			score := d.Score
			sctx.DocumentMatchPool.Put(d)
			if n >= uint64(len(tab.row)) || tab.row[n] == 0 {
				return nil // not a report document (the query requires one)
			}
			row := tab.row[n] - 1
			out.Total++
			provCounts[tab.province[row]]++
			perCounts[tab.period[row]]++
			if keep {
				*matches = append(*matches, reportMatch{doc: n, score: score, row: row})
			}
			return nil
		}, false, nil
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	if _, err := ix.b.SearchInContext(context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(handler)), req); err != nil {
		return nil, matches, err
	}
	out.Facets = map[string]map[string]int{FacetProvince: {}, FacetPeriod: {}}
	for i, c := range provCounts {
		if c > 0 {
			out.Facets[FacetProvince][tab.provinces[i]] = c
		}
	}
	for i, c := range perCounts {
		if c > 0 {
			out.Facets[FacetPeriod][tab.periods[i]] = c
		}
	}
	return out, matches, nil
}

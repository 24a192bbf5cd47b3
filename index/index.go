// Package index stores extracted Reports in a Bleve (scorch) index and
// answers the questions baocao's users ask of them: full-text search that
// is insensitive to tone-mark placement, NFC/NFD and (for queries typed
// without them) diacritics; reports citing a document; listings; and a
// cross-province comparison of counts.
//
// Each report becomes one report-level document (metadata, citation refs,
// count sums, the full Report JSON) and one document per section (its own
// text and the footnotes anchored in it), plus one for the text outside
// every section. See mapping.go for the fields.
//
// Bleve allows one writer per index directory: Open fails with ErrInUse
// instead of blocking when another process holds it.
package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/baocao/baocao/extract"
)

// Errors callers branch on.
var (
	// ErrNotFound: no report has the id (or id prefix).
	ErrNotFound = errors.New("report not found")
	// ErrAmbiguous: an id prefix matches several reports.
	ErrAmbiguous = errors.New("ambiguous report id prefix")
	// ErrInUse: another process has the index open for writing (or, for
	// a writable Open, for reading).
	ErrInUse = errors.New("index is in use by another process")
	// ErrReadOnly: a write on an index opened with OpenReadOnly.
	ErrReadOnly = errors.New("index is open read-only")
	// ErrIncompatible: the index was built by another version of the
	// mapping; rebuild it from the sources.
	ErrIncompatible = errors.New("index was built with another mapping version")
)

// Options tune an Index. The zero value means the defaults.
type Options struct {
	// BoltTimeout is how long Open waits for the lock another process
	// holds before failing with ErrInUse. Default 2s.
	BoltTimeout time.Duration
	// BatchSize is the number of Bleve documents per batch. Default 500
	// (measured sweet spot, libraries.md §5.2; bigger batches are slower
	// and much larger in memory).
	BatchSize int
	// Abbreviations is the abbreviation table (nil: the built-in one).
	// Documents record the table's mentions at indexing; when the table
	// changes, searches fall back to expanding abbreviations at query time
	// until the reports are indexed again.
	Abbreviations *extract.Abbreviations
	// FindingRules are the rule ids Query.HasFinding accepts; empty
	// accepts any.
	FindingRules []string
	// Now is the clock stamping renditions and removals (default
	// time.Now; tests inject one).
	Now func() time.Time
	// Merge tunes how Bleve merges and writes its segments (zero values:
	// Bleve's own defaults).
	Merge MergeOptions
	// ReusedSection, when set, is the severity of the reused-section
	// finding added to a report whose sections repeat the province's
	// previous report (reuse.go); nil turns the check off.
	ReusedSection *extract.Severity
}

// MergeOptions are the Bleve (scorch) merge and persister settings that
// config.Index measures and sets (BENCHMARKS.md, "Merge settings").
type MergeOptions struct {
	// SegmentsPerTier: segments of one size tier that wait before they
	// are merged (scorch MaxSegmentsPerTier).
	SegmentsPerTier int
	// FloorSegmentSize: segments of fewer documents count as this many
	// when merges are planned (scorch FloorSegmentSize).
	FloorSegmentSize int64
	// PersisterNap: the persister's pause between rounds, which lets
	// in-memory segments merge before they are written (scorch
	// PersisterNapTimeMSec).
	PersisterNap time.Duration
}

// scorchConfig adds the settings that are set to a Bleve config map.
func (m MergeOptions) scorchConfig(cfg map[string]any) {
	plan := map[string]any{}
	if m.SegmentsPerTier > 0 {
		plan["MaxSegmentsPerTier"] = m.SegmentsPerTier
	}
	if m.FloorSegmentSize > 0 {
		plan["FloorSegmentSize"] = m.FloorSegmentSize
	}
	if len(plan) > 0 {
		cfg["scorchMergePlanOptions"] = plan
	}
	if m.PersisterNap > 0 {
		cfg["scorchPersisterOptions"] = map[string]any{"PersisterNapTimeMSec": int(m.PersisterNap.Milliseconds())}
	}
}

func (o Options) withDefaults() Options {
	if o.BoltTimeout <= 0 {
		o.BoltTimeout = 2 * time.Second
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Index is an open report index. Its methods are safe for concurrent use;
// writes are serialised.
type Index struct {
	b        bleve.Index
	dir      string
	opts     Options
	readOnly bool
	abbr     *abbrevSet
	// abbrIndexed: every document was indexed with abbr's table, so its
	// abbr field can stand for both forms (see abbrevSet).
	abbrIndexed atomic.Bool
	// gazetteer turns the province of a filter into its canonical name.
	gazetteer *extract.Gazetteer
	// tables caches the report table of the current snapshot
	// (reportpass.go).
	tables reportTables
	// mu serialises Put and Delete: replacing a report reads its current
	// documents, then writes.
	mu sync.Mutex
}

// internalVersionKey holds mappingVersion in the index's internal store.
var internalVersionKey = []byte("baocao_mapping_version")

// internalAbbrKey holds the fingerprint of the abbreviation table the
// documents were indexed with; "mixed" after a change of table.
var internalAbbrKey = []byte("baocao_abbreviations")

// Open opens the index in dir for reading and writing, creating it when
// dir holds no index. When another process has it open, Open fails
// within opts.BoltTimeout with an error wrapping ErrInUse.
func Open(dir string, opts Options) (*Index, error) {
	return open(dir, opts, false)
}

// OpenReadOnly opens an existing index for reading. Several read-only
// openers may coexist, but not with a writer (ErrInUse).
func OpenReadOnly(dir string, opts Options) (*Index, error) {
	return open(dir, opts, true)
}

func open(dir string, opts Options, readOnly bool) (*Index, error) {
	opts = opts.withDefaults()
	registerAnalysis()
	cfg := map[string]any{"bolt_timeout": opts.BoltTimeout.String()}
	opts.Merge.scorchConfig(cfg)
	if readOnly {
		cfg["read_only"] = true
	}
	if !readOnly {
		// A writer may create the index: see lockCreation.
		unlock, err := lockCreation(dir, opts.BoltTimeout)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	var b bleve.Index
	_, statErr := os.Stat(filepath.Join(dir, "index_meta.json"))
	switch {
	case statErr == nil:
		var err error
		b, err = bleve.OpenUsing(dir, cfg)
		if err != nil {
			return nil, openError(dir, err)
		}
		v, err := b.GetInternal(internalVersionKey)
		if err != nil {
			b.Close()
			return nil, fmt.Errorf("open index %s: %w", dir, err)
		}
		if len(v) == 0 && !readOnly {
			// Created but never stamped (a crash right after creation):
			// an empty index can take the current mapping's stamp.
			if n, err := b.DocCount(); err == nil && n == 0 {
				if err := b.SetInternal(internalVersionKey, []byte(mappingVersion)); err == nil {
					v = []byte(mappingVersion)
				}
			}
		}
		if string(v) != mappingVersion {
			b.Close()
			return nil, fmt.Errorf("open index %s: %w (%q, want %q)", dir, ErrIncompatible, v, mappingVersion)
		}
	case !errors.Is(statErr, os.ErrNotExist):
		return nil, fmt.Errorf("open index %s: %w", dir, statErr)
	case readOnly:
		return nil, fmt.Errorf("open index %s: %w", dir, os.ErrNotExist)
	default:
		im, err := newMapping()
		if err != nil {
			return nil, fmt.Errorf("index mapping: %w", err)
		}
		b, err = bleve.NewUsing(dir, im, scorch.Name, bleve.Config.DefaultKVStore, cfg)
		if err != nil {
			return nil, openError(dir, err)
		}
		if err := b.SetInternal(internalVersionKey, []byte(mappingVersion)); err != nil {
			b.Close()
			return nil, fmt.Errorf("create index %s: %w", dir, err)
		}
	}
	gaz, err := extract.LoadGazetteer()
	if err != nil {
		b.Close()
		return nil, err
	}
	ix := &Index{b: b, dir: dir, opts: opts, readOnly: readOnly, abbr: newAbbrevSet(opts.Abbreviations), gazetteer: gaz}
	if err := ix.checkAbbrTable(); err != nil {
		b.Close()
		return nil, err
	}
	return ix, nil
}

func openError(dir string, err error) error {
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("%w: %s", ErrInUse, dir)
	}
	return fmt.Errorf("open index %s: %w", dir, err)
}

// Close releases the index and its lock.
func (ix *Index) Close() error {
	return ix.b.Close()
}

// Put indexes reports. A report whose id is already indexed gains a
// rendition (another file of the same report) or a new version (other
// content in the format of a current rendition): see renditions.go. The
// documents of one report always go into one batch (a batch closes once it
// holds Options.BatchSize documents), so a crash leaves each report either
// old or new. On an error (or a cancelled ctx) the reports of batches
// already written stay indexed; Put is idempotent, so the caller can
// simply retry.
func (ix *Index) Put(ctx context.Context, reports ...*extract.Report) error {
	return ix.apply(ctx, reports, nil, nil)
}

// apply puts reports and removes renditions (or whole reports) in Bleve
// batches. With mark set it writes one batch carrying the mark (Commit);
// without, a batch closes once it holds Options.BatchSize documents.
func (ix *Index) apply(ctx context.Context, puts []*extract.Report, drops []extract.Removal, mark *uint64) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()

	if err := ix.markAbbrTable(); err != nil {
		return err
	}
	now := ix.opts.Now()
	sets := map[string]*renditionSet{}
	var order []string
	get := func(id string) (*renditionSet, error) {
		if s := sets[id]; s != nil {
			return s, nil
		}
		s, err := ix.loadRenditions(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("report %s: %w", id, err)
		}
		sets[id] = s
		order = append(order, id)
		return s, nil
	}
	putPaths := map[extract.Removal]bool{}
	puts = slices.Clone(puts)
	for i, r := range puts {
		if r == nil || r.ID == "" {
			return fmt.Errorf("put report %d: no id", i)
		}
		if r.Source.SHA256 == "" {
			// Not read from a file (a tool or a test): its text names
			// the rendition.
			c := *r
			c.Source.SHA256 = extract.HashBytes([]byte(r.Text))
			puts[i] = &c
		}
		putPaths[extract.Removal{ReportID: r.ID, Path: r.Source.Path}] = true
	}
	for _, d := range drops {
		if d.ReportID == "" || putPaths[d] {
			// A changed file of the same report: its new content is a
			// new version and the old one stays as history.
			continue
		}
		s, err := get(d.ReportID)
		if err != nil {
			return err
		}
		if d.Path == "" {
			s.removeAll()
		} else {
			s.removePath(d.Path)
		}
	}
	for _, r := range puts {
		s, err := get(r.ID)
		if err != nil {
			return err
		}
		s.add(r, now)
	}

	batch := ix.b.NewBatch()
	flush := func() error {
		if batch.Size() == 0 && mark == nil {
			return nil
		}
		if mark != nil {
			var m [8]byte
			binary.BigEndian.PutUint64(m[:], *mark)
			batch.SetInternal(internalMarkKey, m[:])
		}
		if err := ix.b.Batch(batch); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		// A new batch, not Reset: scorch's analysis goroutine may still be
		// ranging over the old batch's map after Batch returns (go test -race).
		batch = ix.b.NewBatch()
		return nil
	}
	// A report that says it replaces another marks that one superseded:
	// the replaced one is rebuilt in the same write.
	supersede := map[string]string{}
	var replaced []string
	for _, id := range order {
		if err := ctx.Err(); err != nil {
			return err
		}
		targets, err := ix.stage(ctx, batch, sets[id], "")
		if err != nil {
			return err
		}
		for _, t := range targets {
			if _, in := sets[t]; !in && supersede[t] == "" {
				supersede[t] = id
				replaced = append(replaced, t)
			}
		}
		if mark == nil && batch.Size() >= ix.opts.BatchSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	// A report whose previous report arrives in the same write was checked
	// for reuse before that one was searchable: check it again after.
	var recheck []string
	if ix.opts.ReusedSection != nil {
		prevs := map[string]bool{}
		for _, id := range order {
			if r := sets[id].build(); r != nil {
				prevs[provinceKey(displayProvince(r.Meta.Province))+"|"+r.Meta.Period.Label] = true
			}
		}
		for _, id := range order {
			r := sets[id].build()
			if r == nil {
				continue
			}
			p := r.Meta.Period
			for i := 0; i < 3; i++ {
				label := previousLabel(p)
				if label == "" {
					break
				}
				if prevs[provinceKey(displayProvince(r.Meta.Province))+"|"+label] {
					recheck = append(recheck, id)
					break
				}
				fmt.Sscanf(label, "%d-Q%d", &p.Year, &p.Quarter)
			}
		}
	}
	for _, t := range replaced {
		s, err := ix.loadRenditions(ctx, t)
		if err != nil {
			return fmt.Errorf("mark %s replaced: %w", t, err)
		}
		if len(s.items) == 0 {
			continue
		}
		if _, err := ix.stage(ctx, batch, s, supersede[t]); err != nil {
			return err
		}
	}
	if err := flush(); err != nil || len(recheck) == 0 {
		return err
	}
	mark = nil // the mark is written; this write only adds findings
	for _, id := range recheck {
		if _, err := ix.stage(ctx, batch, sets[id], supersede[id]); err != nil {
			return err
		}
	}
	return flush()
}

// stage adds to batch the documents of a report rebuilt from its
// renditions (none when it has none left) and the deletion of its
// documents that are no longer. supersededBy, when set, is the report
// replacing it (written in the same batch, so not yet searchable). It
// returns the ids of the reports this one says it replaces.
func (ix *Index) stage(ctx context.Context, batch *bleve.Batch, s *renditionSet, supersededBy string) ([]string, error) {
	var docs []bleveDoc
	var targets []string
	if r := s.build(); r != nil {
		r.SupersededBy = supersededBy
		var err error
		if targets, err = ix.decorate(ctx, r); err != nil {
			return nil, fmt.Errorf("put report %s: %w", s.id, err)
		}
		if err := ix.checkReuse(ctx, r); err != nil {
			return nil, fmt.Errorf("put report %s: %w", s.id, err)
		}
		if docs, err = buildDocs(r, ix.abbr, ix.gazetteer); err != nil {
			return nil, fmt.Errorf("put report %s: %w", s.id, err)
		}
		rd, err := renditionDocs(s)
		if err != nil {
			return nil, fmt.Errorf("put report %s: %w", s.id, err)
		}
		docs = append(docs, rd...)
	}
	old, err := ix.docIDsOf(ctx, s.id)
	if err != nil {
		return nil, fmt.Errorf("put report %s: %w", s.id, err)
	}
	keep := make(map[string]bool, len(docs))
	for _, d := range docs {
		keep[d.id] = true
	}
	for _, d := range old {
		if !keep[d] {
			batch.Delete(d)
		}
	}
	for _, d := range docs {
		if err := batch.Index(d.id, d.data); err != nil {
			return nil, fmt.Errorf("put report %s: %w", s.id, err)
		}
	}
	return targets, nil
}

// Delete removes every document of the report with exactly this id.
func (ix *Index) Delete(ctx context.Context, id string) error {
	if ix.readOnly {
		return ErrReadOnly
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ids, err := ix.docIDsOf(ctx, id)
	if err != nil {
		return fmt.Errorf("delete report %s: %w", id, err)
	}
	if len(ids) == 0 {
		return fmt.Errorf("delete report %s: %w", id, ErrNotFound)
	}
	batch := ix.b.NewBatch()
	for _, d := range ids {
		batch.Delete(d)
		if batch.Size() >= ix.opts.BatchSize {
			if err := ix.b.Batch(batch); err != nil {
				return fmt.Errorf("delete report %s: %w", id, err)
			}
			batch = ix.b.NewBatch() // not Reset: see apply
		}
	}
	if err := ix.b.Batch(batch); err != nil {
		return fmt.Errorf("delete report %s: %w", id, err)
	}
	return nil
}

// docIDsOf lists the Bleve document ids of a report.
func (ix *Index) docIDsOf(ctx context.Context, reportID string) ([]string, error) {
	hits, err := ix.searchAll(ctx, termQ(fieldReportID, reportID), nil)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// Get returns the Report with this id, or with this unique id prefix.
func (ix *Index) Get(ctx context.Context, id string) (*extract.Report, error) {
	full, err := ix.resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	doc, err := ix.b.Document(full)
	if err != nil {
		return nil, fmt.Errorf("get report %s: %w", full, err)
	}
	if doc == nil {
		return nil, fmt.Errorf("get report %s: %w", id, ErrNotFound)
	}
	var raw []byte
	doc.VisitFields(func(f bleveindex.Field) {
		if f.Name() == fieldJSON {
			raw = f.Value()
		}
	})
	if raw == nil {
		return nil, fmt.Errorf("get report %s: %w", full, ErrNotFound)
	}
	var r extract.Report
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, fmt.Errorf("get report %s: decode: %w", full, err)
	}
	return &r, nil
}

// resolve turns an id or a unique id prefix into a report id.
func (ix *Index) resolve(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", fmt.Errorf("report %q: %w", id, ErrNotFound)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(
		termQ(fieldType, typeReport), prefixQ(fieldReportID, id)), 2, 0, false)
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return "", fmt.Errorf("report %s: %w", id, err)
	}
	for _, h := range res.Hits {
		if h.ID == id {
			return id, nil
		}
	}
	switch res.Total {
	case 0:
		// An old content-hash id (a prefix of a rendition's SHA-256)
		// still finds its report.
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(
			termQ(fieldType, typeReport), prefixQ(fieldShas, id)), 2, 0, false)
		res, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return "", fmt.Errorf("report %s: %w", id, err)
		}
		if res.Total == 1 {
			return res.Hits[0].ID, nil
		}
		if res.Total > 1 {
			return "", fmt.Errorf("report %s: %w", id, ErrAmbiguous)
		}
		return "", fmt.Errorf("report %s: %w", id, ErrNotFound)
	case 1:
		return res.Hits[0].ID, nil
	}
	return "", fmt.Errorf("report %s: %w", id, ErrAmbiguous)
}

// Summary is the listing entry of one report (the submission tracker's
// row): metadata and the sums of its non-nested counts by kind.
type Summary struct {
	ID         string           `json:"id"`
	Source     string           `json:"source"`
	Province   string           `json:"province"`
	Period     string           `json:"period"`
	PeriodKind string           `json:"period_kind"`
	Year       int              `json:"year"`
	Date       string           `json:"date"`
	Number     string           `json:"number"`
	DocType    string           `json:"doc_type"`
	Title      string           `json:"title"`
	Issuer     string           `json:"issuer"`
	Counts     map[string]int64 `json:"counts"`
	// Indicators holds the value a comparison shows for each indicator the
	// report states (see Compare).
	Indicators map[string]IndicatorValue `json:"indicators,omitempty"`
	// Sources are the renditions (files) of the report, the extracted
	// one first; SupersededBy names the report replacing this one.
	Sources      []extract.Source `json:"sources"`
	Versions     int              `json:"versions,omitempty"`
	SupersededBy string           `json:"superseded_by,omitempty"`
	Sections     int              `json:"sections"`
	Citations    int              `json:"citations"`
	Footnotes    int              `json:"footnotes"`
}

// Filter narrows Reports. Empty fields match everything.
type Filter struct {
	// Province matches case-, tone-placement- and prefix-insensitively
	// ("khánh hoà", "Tỉnh Khánh Hòa"); without diacritics it matches the
	// folded name ("khanh hoa").
	Province string
	// Period is a period label: 2023-Q1, 2023-H1, 2023-9M, 2023.
	Period string
	// Year matches the period's year when non-zero.
	Year int
	// HasFinding keeps the reports stored with a finding of this rule id
	// ("late-submission").
	HasFinding string
	// Superseded keeps the reports another report says it replaces; by
	// default only current reports count (comparisons, the tracker).
	Superseded bool
}

// Reports lists the reports matching f, ordered by province, period,
// date and id.
func (ix *Index) Reports(ctx context.Context, f Filter) ([]Summary, error) {
	qs := append([]query.Query{termQ(fieldType, typeReport)}, ix.filterQueries(f.Province, f.Period)...)
	if f.HasFinding != "" {
		qs = append(qs, termQ(fieldFindings, f.HasFinding))
	}
	if f.Year != 0 {
		y := float64(f.Year)
		incl := true
		q := bleve.NewNumericRangeInclusiveQuery(&y, &y, &incl, &incl)
		q.SetField(fieldYear)
		qs = append(qs, q)
	}
	list, err := ix.summaries(ctx, bleve.NewConjunctionQuery(qs...))
	if err != nil || f.Superseded {
		return list, err
	}
	cur := list[:0]
	for _, sm := range list {
		if sm.SupersededBy == "" {
			cur = append(cur, sm)
		}
	}
	return cur, nil
}

// Citing lists the reports citing the document ref (a số/ký hiệu in any
// spelling extract.CanonicalRef understands), in Reports order.
func (ix *Index) Citing(ctx context.Context, ref string) ([]Summary, error) {
	return ix.summaries(ctx, bleve.NewConjunctionQuery(
		termQ(fieldType, typeReport), termQ(fieldRefs, canonicalRef(ref))))
}

func (ix *Index) summaries(ctx context.Context, q query.Query) ([]Summary, error) {
	hits, err := ix.searchAll(ctx, q, []string{fieldSummary})
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	out := make([]Summary, 0, len(hits))
	for _, h := range hits {
		raw, _ := h.Fields[fieldSummary].(string)
		var s Summary
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return nil, fmt.Errorf("list reports: summary of %s: %w", h.ID, err)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ka, kb := provinceFold(a.Province), provinceFold(b.Province); ka != kb {
			return ka < kb
		}
		if a.Period != b.Period {
			return a.Period < b.Period
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})
	return out, nil
}

// searchAll returns every hit of q, unscored, with the given stored fields.
func (ix *Index) searchAll(ctx context.Context, q query.Query, fields []string) ([]*search.DocumentMatch, error) {
	const page = 1000
	var out []*search.DocumentMatch
	for {
		req := bleve.NewSearchRequestOptions(q, page, len(out), false)
		req.Fields = fields
		req.Score = "none"
		req.SortBy([]string{"_id"})
		res, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		out = append(out, res.Hits...)
		if len(res.Hits) < page || uint64(len(out)) >= res.Total {
			return out, nil
		}
	}
}

// filterQueries are the keyword filters of a search or listing. A
// province written any way the gazetteer knows ("TP HCM", "khanh_hoa")
// becomes its canonical name first.
func (ix *Index) filterQueries(province, period string) []query.Query {
	var qs []query.Query
	if province = normalizeSpace(province); province != "" {
		if name, ok := ix.gazetteer.Lookup(province); ok {
			province = name
		}
		if hasDiacritics(province) {
			qs = append(qs, termQ(fieldProvinceKey, provinceKey(province)))
		} else {
			qs = append(qs, termQ(fieldProvinceFold, provinceFold(province)))
		}
	}
	if period = normalizeSpace(period); period != "" {
		qs = append(qs, termQ(fieldPeriod, canonicalPeriod(period)))
	}
	return qs
}

func termQ(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

func prefixQ(field, prefix string) *query.PrefixQuery {
	q := bleve.NewPrefixQuery(prefix)
	q.SetField(field)
	return q
}

// checkAbbrTable sets abbrIndexed: true when the index is empty or was
// built with this table only.
func (ix *Index) checkAbbrTable() error {
	v, err := ix.b.GetInternal(internalAbbrKey)
	if err != nil {
		return fmt.Errorf("open index %s: %w", ix.dir, err)
	}
	n, err := ix.b.DocCount()
	if err != nil {
		return fmt.Errorf("open index %s: %w", ix.dir, err)
	}
	ix.abbrIndexed.Store(n == 0 || string(v) == ix.abbr.fingerprint)
	return nil
}

// markAbbrTable records the table about to be used for new documents.
func (ix *Index) markAbbrTable() error {
	v, err := ix.b.GetInternal(internalAbbrKey)
	if err != nil {
		return err
	}
	if string(v) == ix.abbr.fingerprint {
		return nil
	}
	mark := ix.abbr.fingerprint
	if n, err := ix.b.DocCount(); err != nil {
		return err
	} else if n > 0 {
		mark = "mixed"
	}
	if err := ix.b.SetInternal(internalAbbrKey, []byte(mark)); err != nil {
		return err
	}
	ix.abbrIndexed.Store(mark == ix.abbr.fingerprint)
	return nil
}

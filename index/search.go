package index

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baocao/baocao/extract"
)

// Query is a full-text search. Its filters combine with those written in
// Text (QuerySyntax); a value that names nothing is a *QueryError.
type Query struct {
	// Text is what the user typed (QuerySyntax). Empty Text lists what
	// the filters match.
	Text string
	// Province, Period, Ref (so:), DocType (loai:) filter as their
	// query-language twins do.
	Province string
	Period   string
	Ref      string
	DocType  string
	// From and To bound the report's date (2023-03-15, 2023-03 or 2023;
	// inclusive); reports without a date are left out when either is set.
	From, To string
	// HasFinding keeps the reports stored with a finding of this rule id
	// ("late-submission"), as in Filter.
	HasFinding string
	// Group is GroupReport (default: one hit per report, its best section)
	// or GroupSection (every matching section).
	Group string
	// Sort is SortRelevance (default) or SortDate (newest report first).
	Sort string
	// Limit is the page size (default 10, at most 1000); Offset skips hits.
	Limit  int
	Offset int
}

// Result is one page of search hits. Its JSON names are a contract.
type Result struct {
	// Total is the number of matching section documents (sections having
	// every word; some of them when Relaxed).
	Total uint64 `json:"total"`
	// Reports is the number of matching reports (reports having every
	// word; some of them when Relaxed).
	Reports int `json:"reports"`
	// Group is how hits are grouped: "report" or "section".
	Group string `json:"group"`
	// Relaxed is true when no report had every term and the hits are
	// those having some of them, best first.
	Relaxed bool `json:"relaxed,omitempty"`
	// Ref is the canonical ref searched when Text was a document ref.
	Ref  string `json:"ref,omitempty"`
	Hits []Hit  `json:"hits"`
	// Facets maps "province" and "period" to the number of matching
	// *reports* (not sections) per value, most first; reports with an
	// unknown province or period are not counted there.
	Facets map[string][]FacetTerm `json:"facets"`
}

// Hit is one matching section; grouped by report, the best one of its
// report.
type Hit struct {
	ReportID     string `json:"report_id"`
	Source       string `json:"source"`
	Province     string `json:"province"`
	Period       string `json:"period"`
	Date         string `json:"date"`
	Section      string `json:"section"` // path, "II.1"; "" = outside every section
	SectionTitle string `json:"section_title"`
	// Snippet is HTML: escaped text with the matches in <mark> tags.
	Snippet string `json:"snippet"`
	// SnippetText is the same snippet as plain text, matches in [[…]].
	SnippetText string  `json:"snippet_text"`
	Score       float64 `json:"score"`
	// More is, grouped by report, the number of other matching sections
	// of the report.
	More int `json:"more"`
}

// FacetTerm is one facet value and its count.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Facet names in Result.Facets.
const (
	FacetProvince = "province"
	FacetPeriod   = "period"
)

const (
	defaultLimit = 10
	maxLimit     = 1000
	facetSize    = 100
	// sectionsPerReport bounds the matching sections of one report of a
	// page whose text is loaded to pick its best section (the first ones
	// in document order).
	sectionsPerReport = 50
)

// plan is a checked query: the one description both levels (report and
// section documents) build their Bleve queries from.
type plan struct {
	pq      parsedQuery
	f       filters
	relaxed bool
	// refPhrase: no report cites the ref, so its words are searched as a
	// phrase instead (extraction may have missed the citation).
	refPhrase bool
	// broad are the exact-field terms of report documents found in
	// nearly every report (broadTerms): their clauses are left out.
	broad map[string]bool
}

// level names the fields a plan is searched on.
type level struct {
	typ                    string
	fold, exact, pairs     string
	notesFold, headingFold string // "" on report documents
}

var (
	reportLevel  = level{typ: typeReport, fold: fieldBodyFold, exact: fieldBody, pairs: fieldBodyPairs}
	sectionLevel = level{typ: typeSection, fold: fieldTextFold, exact: fieldText, pairs: fieldTextPairs,
		notesFold: fieldNotesFold, headingFold: fieldSectionTitleFold}
)

// Search runs q: the matching reports are ranked on their report
// documents (with the facets and report count in the same pass), and
// only the reports of the page shown have their sections looked up. It
// runs within the bounds of boundQuery (a query over them fails with
// ErrQueryTooLarge).
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	q, ctx, cancel, err := boundQuery(ctx, q)
	defer cancel()
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	offset := max(q.Offset, 0)
	group := q.Group
	switch group {
	case "":
		group = GroupReport
	case GroupReport, GroupSection:
	default:
		return nil, queryError("group", q.Group, "%s “%s”: one of report, section")
	}
	switch q.Sort {
	case "", SortRelevance, SortDate:
	default:
		return nil, queryError("sort", q.Sort, "%s “%s”: one of relevance, date")
	}
	p := plan{pq: ix.parseQuery(q.Text)}
	if p.f, err = ix.checkFilters(q, p.pq); err != nil {
		return nil, err
	}
	res := &Result{Group: group, Hits: []Hit{}, Facets: map[string][]FacetTerm{FacetProvince: {}, FacetPeriod: {}}}
	if len(p.pq.units) == 1 && p.pq.units[0].ref != "" && len(p.pq.excluded) == 0 {
		res.Ref = p.pq.units[0].ref
	}
	if normalizeSpace(q.Text) != "" && len(p.pq.units) == 0 && len(p.pq.excluded) == 0 && !p.hasFilterInText() {
		return res, nil // only punctuation: nothing to look for
	}

	reportSize, reportOffset := 0, 0
	if group == GroupReport {
		reportSize, reportOffset = limit, offset
	}
	// Grouped by report, the count of the matching sections (Total) needs
	// nothing from the report pass unless that pass relaxes the query or
	// searches a ref as a phrase: it runs alongside, on the other core.
	var counted sectionCount
	if group == GroupReport {
		counted.start(ctx, ix, ix.levelQuery(&p, sectionLevel, nil, false, true))
	}
	rsr, err := ix.searchReports(ctx, &p, reportSize, reportOffset, q.Sort)
	counted.wg.Wait()
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	res.Relaxed = p.relaxed
	res.Reports = rsr.Total
	facets(res, rsr.Facets)

	if group == GroupSection {
		req := bleve.NewSearchRequestOptions(ix.levelQuery(&p, sectionLevel, nil, p.relaxed, false), limit, offset, false)
		req.Fields = hitFields
		req.IncludeLocations = true
		req.SortBy(sortOrder(q.Sort))
		sr, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		res.Total = sr.Total
		for _, h := range sr.Hits {
			res.Hits = append(res.Hits, makeHit(h))
		}
		return res, nil
	}

	if res.Reports > 0 {
		// Sections having every word (some, when relaxed): counted only.
		if p.relaxed || p.refPhrase {
			counted.start(ctx, ix, ix.levelQuery(&p, sectionLevel, nil, p.relaxed, true))
			counted.wg.Wait()
		}
		if counted.err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, counted.err)
		}
		res.Total = counted.total
	}
	if err := ix.bestSections(ctx, &p, rsr.Hits, res); err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	return res, nil
}

// sectionCount counts the section documents a query matches, unscored,
// in a goroutine of its own.
type sectionCount struct {
	wg    sync.WaitGroup
	total uint64
	err   error
}

func (c *sectionCount) start(ctx context.Context, ix *Index, q query.Query) {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		req := bleve.NewSearchRequestOptions(q, 0, 0, false)
		req.Score = "none"
		sr, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			c.total, c.err = 0, err
			return
		}
		c.total, c.err = sr.Total, nil
	}()
}

func (p *plan) hasFilterInText() bool {
	return p.pq.province != "" || p.pq.period != "" || p.pq.ref != "" || p.pq.docType != ""
}

func sortOrder(s string) []string {
	if s == SortDate {
		return []string{"-" + fieldDate, "-_score", "_id"}
	}
	return []string{"-_score", "-" + fieldDate, "_id"}
}

// searchReports ranks the report documents, relaxing the query to "some
// words" when no report has all, and counts the facets in the same pass.
func (ix *Index) searchReports(ctx context.Context, p *plan, size, offset int, order string) (*reportRanking, error) {
	p.broad = ix.broadTerms(ctx, fieldBody, p.pq.exact)
	run := func() (*reportRanking, error) {
		return ix.rankReports(ctx, ix.levelQuery(p, reportLevel, nil, p.relaxed, false), ix.reportBonuses(p), size, offset, order)
	}
	rr, err := run()
	if err != nil || rr.Total > 0 {
		return rr, err
	}
	if u := p.pq.units; len(u) == 1 && u[0].ref != "" {
		p.refPhrase = true
		if rr, err = run(); err != nil || rr.Total > 0 {
			return rr, err
		}
	}
	if len(p.pq.units) > 1 {
		p.relaxed = true
		return run()
	}
	return rr, nil
}

// bestSections fills res.Hits with the best section of each report of the
// page, and the number of its other sections matching as sections do
// (every word, or some when relaxed), the ones Total counts. The matching
// sections are found without scoring (a skip through the posting lists),
// their stored text is loaded once, and scoreSection picks the best one
// and marks its matches: the cost follows the page, not the corpus.
func (ix *Index) bestSections(ctx context.Context, p *plan, reports []rankedReport, res *Result) error {
	if len(reports) == 0 {
		return nil
	}
	ids := make([]string, len(reports))
	for i, h := range reports {
		ids[i] = h.ID
	}
	byReport, err := ix.sectionIDs(ctx, p, ids, p.relaxed)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	var spread []string
	for _, id := range ids {
		counts[id] = len(byReport[id])
		if len(byReport[id]) == 0 {
			spread = append(spread, id)
		}
	}
	if len(spread) > 0 {
		// No section has every word (they are spread over the report):
		// its sections with some of them.
		more, err := ix.sectionIDs(ctx, p, spread, true)
		if err != nil {
			return err
		}
		for id, secs := range more {
			byReport[id] = secs
		}
	}
	var load []string
	for _, id := range ids {
		secs := byReport[id]
		load = append(load, secs[:min(len(secs), sectionsPerReport)]...)
	}
	if len(load) == 0 {
		return nil
	}
	lreq := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(load), len(load), 0, false)
	lreq.Fields = hitFields
	lreq.Score = "none"
	lsr, err := ix.b.SearchInContext(ctx, lreq)
	if err != nil {
		return err
	}
	type candidate struct {
		h                  *search.DocumentMatch
		title, text, notes sectionField
	}
	cands := make([]candidate, len(lsr.Hits))
	words := 0
	var ta textAnalyzer
	for i, h := range lsr.Hits {
		c := &cands[i]
		c.h = h
		c.title.toks = ta.analyze(fieldString(h, fieldSectionTitle))
		c.text.toks = ta.analyze(fieldString(h, fieldText))
		c.notes.toks = ta.analyze(fieldString(h, fieldNotes))
		words += len(c.text.toks)
	}
	avg := float64(words) / float64(max(1, len(cands)))
	best := map[string]int{} // report id → candidate
	bestScore := map[string]float64{}
	for i := range cands {
		c := &cands[i]
		score := scoreSection(p, &c.title, &c.text, &c.notes, avg)
		rid, _, _ := strings.Cut(c.h.ID, "/")
		if j, ok := best[rid]; !ok || score > bestScore[rid] || (score == bestScore[rid] && c.h.ID < cands[j].h.ID) {
			best[rid], bestScore[rid] = i, score
		}
	}
	for i, id := range ids {
		j, ok := best[id]
		if !ok {
			continue
		}
		c := &cands[j]
		hit := hitOf(c.h)
		hit.Score = reports[i].Score
		hit.More = max(0, counts[id]-1)
		// Prefer the body text; fall back to footnotes, then the title.
		shown := false
		for _, f := range []struct {
			value string
			field *sectionField
		}{{fieldString(c.h, fieldText), &c.text}, {fieldString(c.h, fieldNotes), &c.notes}, {hit.SectionTitle, &c.title}} {
			if len(f.field.spans) > 0 {
				hit.Snippet, hit.SnippetText = snippet(f.value, f.field.spans)
				shown = true
				break
			}
		}
		if !shown {
			hit.Snippet, hit.SnippetText = snippet(fieldString(c.h, fieldText), nil)
		}
		res.Hits = append(res.Hits, hit)
	}
	return nil
}

// maxSectionIDs bounds the section ids looked up for one page.
const maxSectionIDs = 20000

// sectionIDs are the ids of the sections of the reports within that match
// p (every word, or some), by report, in document id order: found without
// scoring, so term lookups skip through the corpus.
func (ix *Index) sectionIDs(ctx context.Context, p *plan, within []string, some bool) (map[string][]string, error) {
	req := bleve.NewSearchRequestOptions(ix.levelQuery(p, sectionLevel, within, some, true), maxSectionIDs, 0, false)
	req.Score = "none"
	req.SortBy([]string{"_id"})
	sr, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, h := range sr.Hits {
		if rid, _, ok := strings.Cut(h.ID, "/"); ok {
			out[rid] = append(out[rid], h.ID)
		}
	}
	return out, nil
}

// levelQuery is the Bleve query of p on one level. within restricts it to
// some reports; some asks for some of the words rather than all; count
// leaves out the ranking-only clauses.
func (ix *Index) levelQuery(p *plan, lv level, within []string, some, count bool) query.Query {
	bq := bleve.NewBooleanQuery()
	bq.AddMust(termQ(fieldType, lv.typ))
	for _, fq := range ix.filterClauses(p.f, lv) {
		bq.AddMust(fq)
	}
	if len(within) > 0 {
		ors := make([]query.Query, len(within))
		for i, id := range within {
			ors[i] = termQ(fieldReportID, id)
		}
		bq.AddMust(bleve.NewDisjunctionQuery(ors...))
	}
	var uqs []query.Query
	for _, u := range p.pq.units {
		uqs = append(uqs, ix.unitQuery(u, lv, p.refPhrase, count))
	}
	switch {
	case len(uqs) == 0:
	case some:
		bq.AddMust(bleve.NewDisjunctionQuery(uqs...))
	default:
		bq.AddMust(uqs...) // every word
	}
	for _, u := range p.pq.excluded {
		bq.AddMustNot(ix.unitQuery(u, lv, false, true))
	}
	if !count {
		for _, r := range ix.rankClauses(p, lv) {
			bq.AddShould(r)
		}
	}
	return bq
}

// unitQuery matches one unit on a level: its words folded, its
// abbreviation key, its ref. Where the abbr field stands for every form
// (cheap), the forms themselves are searched only to rank and highlight.
func (ix *Index) unitQuery(u unit, lv level, refPhrase, cheap bool) query.Query {
	var qs []query.Query
	if u.ref != "" && !refPhrase {
		qs = append(qs, termQ(fieldRefs, u.ref))
		if lv.typ == typeReport || cheap {
			return qs[0]
		}
	}
	for _, k := range u.abbr {
		q := termQ(fieldAbbr, k)
		q.SetBoost(boostAbbr)
		qs = append(qs, q)
	}
	if u.covered && ix.abbrIndexed.Load() && (lv.typ == typeReport || cheap) {
		return bleve.NewDisjunctionQuery(qs...)
	}
	fields := []struct {
		name  string
		boost float64
	}{{lv.fold, boostFold}, {lv.notesFold, boostNotes}, {lv.headingFold, boostHeading}}
	for _, alt := range u.alts {
		if len(alt) > 1 && (lv.typ == typeReport || cheap) {
			// Deciding a match, not ranking or highlighting: a phrase is
			// its adjacent pairs, term lookups of rare terms instead of a
			// phrase search over the most frequent syllables.
			qs = append(qs, pairsQuery(alt, lv.pairs))
			continue
		}
		for _, f := range fields {
			if f.name != "" {
				qs = append(qs, tokensQuery(alt, f.name, f.boost, func(t qtoken) string { return t.fold }))
			}
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// rankClauses are the optional clauses that order the matches (rank.go):
// words with their diacritics, spelt as typed, adjacent pairs, places. On
// report documents the constant bonuses are left out: rankReports adds
// them (reportBonuses).
func (ix *Index) rankClauses(p *plan, lv level) []query.Query {
	var qs []query.Query
	seen := map[string]bool{}
	add := func(field, term string, boost float64) {
		if seen[field+"\x00"+term] {
			return
		}
		seen[field+"\x00"+term] = true
		q := termQ(field, term)
		q.SetBoost(boost)
		qs = append(qs, q)
	}
	for _, t := range p.pq.exact {
		if lv.typ == typeReport && p.broad[t.key] {
			continue
		}
		add(lv.exact, t.key, boostExact)
		if toneAmbiguous(t.key) && lv.typ != typeReport {
			qs = append(qs, bonus(termQ(lv.exact, spellingTerm(t.raw)), bonusSpelling, lv.typ))
		}
	}
	for _, u := range p.pq.units {
		if u.ref != "" && !p.refPhrase && len(u.alts) > 0 {
			if lv.typ == typeReport && len(u.alts[0]) > 1 {
				// Mentions counted by their pairs: a phrase search over
				// the report's whole text is the costliest clause there is.
				q := pairsQuery(u.alts[0], lv.pairs)
				q.(query.BoostableQuery).SetBoost(boostRefMention)
				qs = append(qs, q)
			} else {
				qs = append(qs, tokensQuery(u.alts[0], lv.fold, boostRefMention, func(t qtoken) string { return t.fold }))
			}
		}
	}
	if lv.typ == typeReport {
		return qs
	}
	var all []query.Query
	for _, pair := range p.pq.pairs {
		if !seen[pair] {
			seen[pair] = true
			qs = append(qs, bonus(termQ(lv.pairs, pair), bonusPair, lv.typ))
		}
		t := termQ(lv.pairs, pair)
		t.SetBoost(1e-9) // only bonus's constant counts
		all = append(all, t)
	}
	if len(all) > 1 {
		qs = append(qs, bonus(bleve.NewConjunctionQuery(all...), bonusAllPairs, lv.typ))
	}
	return qs
}

// reportBonuses are the constant bonuses of p on report documents
// (rank.go). As Bleve clauses each one walked the frequencies of every
// report it holds; rankReports takes them from the set of reports each
// holds (an unscored walk) and from the report table (places).
func (ix *Index) reportBonuses(p *plan) bonuses {
	var b bonuses
	seen := map[string]bool{}
	for _, t := range p.pq.exact {
		if term := spellingTerm(t.raw); toneAmbiguous(t.key) && !seen[term] {
			seen[term] = true
			b.sets = append(b.sets, bonusSet{field: fieldBody, term: term, value: bonusSpelling})
		}
	}
	for _, pair := range p.pq.pairs {
		if !seen[pair] {
			seen[pair] = true
			b.sets = append(b.sets, bonusSet{field: fieldBodyPairs, term: pair, value: bonusPair, pair: true})
			b.pairs++
		}
	}
	if len(p.pq.pairs) > 1 {
		b.allPairs = bonusAllPairs
	}
	b.places = p.pq.places
	return b
}

// bonus is q scoring a constant on top of its own score: the signals that
// must not depend on how rare the words are or how long the report is.
// The constant is the score of the level's type term, the same for every
// document of the level (one term, one occurrence, one-term field), and a
// term searcher skips to a document where a match-all one would scan.
func bonus(q query.Query, value float64, typ string) query.Query {
	if b, ok := q.(query.BoostableQuery); ok {
		b.SetBoost(1e-9) // only the constant counts
	}
	c := termQ(fieldType, typ)
	c.SetBoost(value)
	return bleve.NewConjunctionQuery(q, c)
}

// filterClauses are the checked filters as queries on a level.
func (ix *Index) filterClauses(f filters, lv level) []query.Query {
	var qs []query.Query
	if f.provinceKey != "" {
		qs = append(qs, termQ(fieldProvinceKey, f.provinceKey))
	}
	if f.period != "" {
		qs = append(qs, termQ(fieldPeriod, f.period))
	}
	if f.hasFinding != "" {
		qs = append(qs, termQ(fieldFindings, f.hasFinding))
	}
	if f.docType != "" {
		qs = append(qs, termQ(fieldDocType, f.docType))
	}
	if f.ref != "" {
		if lv.typ == typeReport {
			qs = append(qs, bleve.NewDisjunctionQuery(termQ(fieldRefs, f.ref), termQ(fieldNumber, f.ref)))
		} else {
			qs = append(qs, termQ(fieldReportRefs, f.ref))
		}
	}
	if f.from != "" || f.to != "" {
		incl := true
		q := bleve.NewTermRangeInclusiveQuery(f.from, f.to, &incl, &incl)
		q.SetField(fieldDate)
		qs = append(qs, q)
	}
	return qs
}

// pairsQuery matches the words of toks as every pair of adjacent words
// (vi_pairs terms): the phrase, but for a repeat of its parts elsewhere.
// Two words are one pair: its term query scores as the conjunction of it
// alone would, and Bleve can fold a term into the bitmap walk of an
// unscored count, not a conjunction of one ("một cửa": 3× faster count).
func pairsQuery(toks []qtoken, field string) query.Query {
	if len(toks) == 2 {
		return termQ(field, pairTerm(toks[0].fold, toks[1].fold))
	}
	qs := make([]query.Query, 0, len(toks)-1)
	for i := 1; i < len(toks); i++ {
		qs = append(qs, termQ(field, pairTerm(toks[i-1].fold, toks[i].fold)))
	}
	return bleve.NewConjunctionQuery(qs...)
}

func tokensQuery(toks []qtoken, field string, boost float64, form func(qtoken) string) query.Query {
	if len(toks) == 1 {
		q := termQ(field, form(toks[0]))
		q.SetBoost(boost)
		return q
	}
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = form(t)
	}
	q := bleve.NewPhraseQuery(terms, field)
	q.SetBoost(boost)
	return q
}

// hitFields are the stored fields a hit needs.
var hitFields = []string{fieldReportID, fieldSource, fieldProvince, fieldPeriod, fieldDate,
	fieldSection, fieldSectionTitle, fieldText, fieldNotes}

// facets copies the report-level facet counts into res, most first.
func facets(res *Result, counts map[string]map[string]int) {
	for name, byTerm := range counts {
		terms := []FacetTerm{}
		for term, n := range byTerm {
			if term == "" {
				continue // unknown province or period (Bleve indexes "")
			}
			terms = append(terms, FacetTerm{Term: term, Count: n})
		}
		// Ties in a deterministic order.
		sort.Slice(terms, func(i, j int) bool {
			if terms[i].Count != terms[j].Count {
				return terms[i].Count > terms[j].Count
			}
			if fi, fj := extract.Fold(terms[i].Term), extract.Fold(terms[j].Term); fi != fj {
				return fi < fj // Đắk Lắk sorts with D, not after Z
			}
			return terms[i].Term < terms[j].Term
		})
		if len(terms) > facetSize {
			terms = terms[:facetSize]
		}
		res.Facets[name] = terms
	}
}

func fieldString(h *search.DocumentMatch, f string) string {
	s, _ := h.Fields[f].(string)
	return s
}

// hitOf is the hit of a loaded section document, without its snippet.
func hitOf(h *search.DocumentMatch) Hit {
	str := func(f string) string { return fieldString(h, f) }
	return Hit{
		ReportID:     str(fieldReportID),
		Source:       str(fieldSource),
		Province:     str(fieldProvince),
		Period:       str(fieldPeriod),
		Date:         str(fieldDate),
		Section:      str(fieldSection),
		SectionTitle: str(fieldSectionTitle),
		Score:        h.Score,
	}
}

// makeHit is the hit of a section found by a scored search, its snippet
// marking the locations Bleve found.
func makeHit(h *search.DocumentMatch) Hit {
	str := func(f string) string { return fieldString(h, f) }
	hit := hitOf(h)
	// Prefer the body text; fall back to footnotes, then the title.
	for _, c := range []struct{ value, exact, fold string }{
		{str(fieldText), fieldText, fieldTextFold},
		{str(fieldNotes), fieldNotes, fieldNotesFold},
		{hit.SectionTitle, fieldSectionTitle, fieldSectionTitleFold},
	} {
		if locs := locations(h, len(c.value), c.exact, c.fold); len(locs) > 0 {
			hit.Snippet, hit.SnippetText = snippet(c.value, locs)
			return hit
		}
	}
	hit.Snippet, hit.SnippetText = snippet(str(fieldText), nil)
	return hit
}

// locations collects the match offsets of the exact and folded twins of a
// field: the fold analyzer keeps offsets into the same stored text.
func locations(h *search.DocumentMatch, n int, fields ...string) []span {
	var out []span
	for _, f := range fields {
		for _, locs := range h.Locations[f] {
			for _, l := range locs {
				if int(l.End) <= n && l.Start < l.End {
					out = append(out, span{int(l.Start), int(l.End)})
				}
			}
		}
	}
	return out
}

func normalizeSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// canonicalPeriod is the label form of a period typed by a user: 2023-q1
// → 2023-Q1.
func canonicalPeriod(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
}

// MarshalJSON keeps nil slices as [] in the JSON contract.
func (r *Result) MarshalJSON() ([]byte, error) {
	type plain Result
	p := plain(*r)
	if p.Hits == nil {
		p.Hits = []Hit{}
	}
	if p.Facets == nil {
		p.Facets = map[string][]FacetTerm{}
	}
	return json.Marshal(p)
}

package index

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baocao/baocao/extract"
)

// Query is a full-text search over section documents.
type Query struct {
	// Text is what the user typed: words (all required), "quoted
	// phrases", or a document ref (3604/QĐ-UBND) to find citing reports.
	// Empty Text lists sections matching the filters.
	Text string
	// Province and Period filter as in Filter.
	Province string
	Period   string
	// HasFinding keeps the sections of reports stored with a finding of
	// this rule id ("late-submission"), as in Filter.
	HasFinding string
	// Limit is the page size (default 10, at most 1000); Offset skips hits.
	Limit  int
	Offset int
}

// Result is one page of search hits. Its JSON names are a contract.
type Result struct {
	// Total is the number of matching section documents.
	Total uint64 `json:"total"`
	// Reports is the number of distinct reports among them.
	Reports int `json:"reports"`
	// Relaxed is true when no section had every term and the hits are
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

// Hit is one matching section.
type Hit struct {
	ReportID     string `json:"report_id"`
	Source       string `json:"source"`
	Province     string `json:"province"`
	Period       string `json:"period"`
	Section      string `json:"section"` // path, "II.1"; "" = outside every section
	SectionTitle string `json:"section_title"`
	// Snippet is HTML: escaped text with the matches in <mark> tags.
	Snippet string `json:"snippet"`
	// SnippetText is the same snippet as plain text, matches in [[…]].
	SnippetText string  `json:"snippet_text"`
	Score       float64 `json:"score"`
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
)

// abbreviationTable is the one place the query-time expansions live: each
// abbreviation also finds its phrase and the phrase finds the abbreviation.
func abbreviationTable() [][2]string {
	return [][2]string{
		{"CCHC", "cải cách hành chính"},
		{"TTHC", "thủ tục hành chính"},
		{"UBND", "ủy ban nhân dân"},
		{"HĐND", "hội đồng nhân dân"},
		{"DVCTT", "dịch vụ công trực tuyến"},
		{"VBQPPL", "văn bản quy phạm pháp luật"},
	}
}

// qtoken is one analyzed query token in both indexed forms.
type qtoken struct {
	key, fold string
	accented  bool
}

func newQToken(s string) qtoken {
	return qtoken{key: termKey(s), fold: termFold(s), accented: hasDiacritics(s)}
}

// abbrev is an abbreviationTable entry in token form.
type abbrev struct {
	short qtoken
	long  []qtoken
}

func newAbbrevs() []abbrev {
	var out []abbrev
	for _, e := range abbreviationTable() {
		a := abbrev{short: newQToken(e[0])}
		for _, w := range strings.Fields(e[1]) {
			a.long = append(a.long, newQToken(w))
		}
		out = append(out, a)
	}
	// Longest expansion first, so a longer phrase wins at one position.
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].long) > len(out[j].long) })
	return out
}

// unit is one required part of a query: any of its alternatives (a token
// sequence: one token is a term, more a phrase) must match.
type unit struct {
	alts [][]qtoken
}

// segment is a whitespace-separated word or a quoted phrase.
type segment struct {
	toks   []qtoken
	quoted bool
}

// tokenize splits s the way the vi analyzer does and returns both forms
// of each token.
func tokenize(s string) []qtoken {
	var out []qtoken
	for _, t := range unicode.NewUnicodeTokenizer().Tokenize([]byte(s)) {
		out = append(out, newQToken(string(t.Term)))
	}
	return out
}

// parseQuery turns the query text into required units, expanding the
// abbreviations of abbreviationTable both ways.
func (ix *Index) parseQuery(text string) []unit {
	text = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`).Replace(text)
	var segs []segment
	for i, part := range strings.Split(text, `"`) {
		if i%2 == 1 {
			if toks := tokenize(part); len(toks) > 0 {
				segs = append(segs, segment{toks: toks, quoted: true})
			}
			continue
		}
		for _, w := range strings.Fields(part) {
			if toks := tokenize(w); len(toks) > 0 {
				segs = append(segs, segment{toks: toks})
			}
		}
	}
	var units []unit
	for i := 0; i < len(segs); {
		s := segs[i]
		if s.quoted {
			u := unit{alts: [][]qtoken{s.toks}}
			for _, a := range ix.abbrevs {
				if sameFold(s.toks, a.long) {
					u.alts = append(u.alts, []qtoken{a.short})
				} else if sameFold(s.toks, []qtoken{a.short}) {
					u.alts = append(u.alts, a.long)
				}
			}
			units = append(units, u)
			i++
			continue
		}
		matched := false
		for _, a := range ix.abbrevs {
			n := len(a.long)
			if i+n > len(segs) {
				continue
			}
			var run []qtoken
			for _, t := range segs[i : i+n] {
				if t.quoted || len(t.toks) != 1 {
					break
				}
				run = append(run, t.toks[0])
			}
			if len(run) == n && sameFold(run, a.long) {
				units = append(units, unit{alts: [][]qtoken{run, {a.short}}})
				i += n
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		u := unit{alts: [][]qtoken{s.toks}}
		if len(s.toks) == 1 {
			for _, a := range ix.abbrevs {
				if s.toks[0].fold == a.short.fold {
					u.alts = append(u.alts, a.long)
					break
				}
			}
		}
		units = append(units, u)
		i++
	}
	return units
}

func sameFold(a, b []qtoken) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].fold != b[i].fold {
			return false
		}
	}
	return true
}

// searchFields pairs each exact (vi) field with its folded twin. The
// section title is not searched separately: the heading line is part of
// the section's text, and each extra field costs a phrase search.
var searchFields = []struct {
	exact, fold string
	boost       float64
}{
	{fieldText, fieldTextFold, 1},
	{fieldNotes, fieldNotesFold, 0.5},
}

// unitQuery matches a unit in any field: always on the folded fields, and
// with twice the weight on the exact fields when the alternative has
// diacritics (so "thể" ranks thể above thế, while "the" finds both).
func unitQuery(u unit) query.Query {
	var qs []query.Query
	for _, alt := range u.alts {
		accented := false
		for _, t := range alt {
			accented = accented || t.accented
		}
		for _, f := range searchFields {
			qs = append(qs, tokensQuery(alt, f.fold, f.boost, func(t qtoken) string { return t.fold }))
			if accented {
				qs = append(qs, tokensQuery(alt, f.exact, 2*f.boost, func(t qtoken) string { return t.key }))
			}
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
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

// refPattern recognises a query that is a document number/symbol:
// digits, then "/" or "-", a letter, and a "/" somewhere (3604/QĐ-UBND,
// 30/2020/NĐ-CP, 91-KL/TU), optionally after "số".
var refPattern = regexp.MustCompile(`^(?i:số\s*)?(\d{1,5}[\p{Ll}]?\s*(?:/\s*\d{4}\s*)?[-/‐‑–]\s*\p{L}[\p{L}\d&.\-‐‑–/ ]*)$`)

// asRef returns the canonical ref when text is a document ref.
func asRef(text string) (string, bool) {
	m := refPattern.FindStringSubmatch(text)
	if m == nil || !strings.Contains(m[1], "/") || len(m[1]) > 60 {
		return "", false
	}
	return canonicalRef(m[1]), true
}

// Search runs q over the section documents, within the bounds of
// boundQuery (a query over them fails with ErrQueryTooLarge).
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
	filter := bleve.NewConjunctionQuery(append([]query.Query{termQ(fieldType, typeSection)},
		ix.filterQueries(q.Province, q.Period)...)...)
	if q.HasFinding != "" {
		filter.AddQuery(termQ(fieldFindings, q.HasFinding))
	}
	text := normalizeSpace(q.Text)

	nReports, err := ix.countReports(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res := &Result{Hits: []Hit{}, Facets: map[string][]FacetTerm{FacetProvince: {}, FacetPeriod: {}}}

	if ref, ok := asRef(text); ok {
		res.Ref = ref
		bq := bleve.NewBooleanQuery()
		bq.AddMust(termQ(fieldRefs, ref))
		// Optional: the phrase gives the snippet its highlight.
		if toks := tokenize(ref); len(toks) > 0 {
			key := func(t qtoken) string { return t.key }
			bq.AddShould(tokensQuery(toks, fieldText, 1, key), tokensQuery(toks, fieldNotes, 1, key))
		}
		bq.AddMust(filter)
		sr, err := ix.run(ctx, bq, limit, offset, nReports)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", text, err)
		}
		if sr.Total > 0 {
			return ix.fill(ctx, res, sr)
		}
		// Extraction may have missed the citation: search its words as a
		// phrase instead.
		text = `"` + ref + `"`
	}

	units := ix.parseQuery(text)
	if text != "" && len(units) == 0 {
		// Only punctuation: nothing to look for.
		return res, nil
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(filter)
	if len(units) == 0 {
		bq.AddMust(bleve.NewMatchAllQuery())
	}
	var uqs []query.Query
	for _, u := range units {
		uqs = append(uqs, unitQuery(u))
	}
	if len(uqs) > 0 {
		bq.AddMust(uqs...)
	}
	sr, err := ix.run(ctx, bq, limit, offset, nReports)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	if sr.Total == 0 && len(uqs) > 1 {
		// No section has every term: rank those with most of them.
		rq := bleve.NewBooleanQuery()
		rq.AddMust(filter)
		rq.AddShould(uqs...)
		rq.SetMinShould(1)
		if sr, err = ix.run(ctx, rq, limit, offset, nReports); err != nil {
			return nil, fmt.Errorf("search %q: %w", text, err)
		}
		res.Relaxed = sr.Total > 0
	}
	return ix.fill(ctx, res, sr)
}

// hitFields are the stored fields a hit needs.
var hitFields = []string{fieldReportID, fieldSource, fieldProvince, fieldPeriod,
	fieldSection, fieldSectionTitle, fieldText, fieldNotes}

const facetReports = "reports"

// run executes one page of a section search. The terms facet on report_id
// (as large as the number of reports, so it is complete) gives the set of
// matching reports for the report-level facets.
func (ix *Index) run(ctx context.Context, q query.Query, limit, offset, nReports int) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, limit, offset, false)
	req.Fields = hitFields
	req.IncludeLocations = true
	req.SortBy([]string{"-_score", "_id"})
	if nReports > 0 {
		req.AddFacet(facetReports, bleve.NewFacetRequest(fieldReportID, nReports))
	}
	return ix.b.SearchInContext(ctx, req)
}

// countReports is the number of report documents.
func (ix *Index) countReports(ctx context.Context) (int, error) {
	req := bleve.NewSearchRequestOptions(termQ(fieldType, typeReport), 0, 0, false)
	req.Score = "none"
	sr, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return int(sr.Total), nil
}

// fill converts Bleve hits and computes the report-level facets: Bleve
// facets count documents, and a report has many section documents, so
// the facets are taken over the matching reports' own documents instead.
func (ix *Index) fill(ctx context.Context, res *Result, sr *bleve.SearchResult) (*Result, error) {
	res.Total = sr.Total
	for _, h := range sr.Hits {
		res.Hits = append(res.Hits, makeHit(h))
	}
	fr := sr.Facets[facetReports]
	if fr == nil || fr.Terms == nil {
		return res, nil
	}
	var ids []string
	for _, t := range fr.Terms.Terms() {
		ids = append(ids, t.Term)
	}
	res.Reports = len(ids)
	if len(ids) == 0 {
		return res, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), 0, 0, false)
	req.Score = "none"
	req.AddFacet(FacetProvince, bleve.NewFacetRequest(fieldProvince, facetSize))
	req.AddFacet(FacetPeriod, bleve.NewFacetRequest(fieldPeriod, facetSize))
	fsr, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search facets: %w", err)
	}
	for name, f := range fsr.Facets {
		if f.Terms == nil {
			continue
		}
		terms := []FacetTerm{}
		for _, t := range f.Terms.Terms() {
			if t.Term == "" {
				continue // unknown province or period (Bleve indexes "")
			}
			terms = append(terms, FacetTerm{Term: t.Term, Count: t.Count})
		}
		// Bleve orders by count; make ties deterministic.
		sort.SliceStable(terms, func(i, j int) bool {
			if terms[i].Count != terms[j].Count {
				return terms[i].Count > terms[j].Count
			}
			if fi, fj := extract.Fold(terms[i].Term), extract.Fold(terms[j].Term); fi != fj {
				return fi < fj // Đắk Lắk sorts with D, not after Z
			}
			return terms[i].Term < terms[j].Term
		})
		res.Facets[name] = terms
	}
	return res, nil
}

func makeHit(h *search.DocumentMatch) Hit {
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	hit := Hit{
		ReportID:     str(fieldReportID),
		Source:       str(fieldSource),
		Province:     str(fieldProvince),
		Period:       str(fieldPeriod),
		Section:      str(fieldSection),
		SectionTitle: str(fieldSectionTitle),
		Score:        h.Score,
	}
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

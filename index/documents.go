package index

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baocao/baocao/extract"
)

// The citation graph. Each report gets one "cite" document per document
// it cites, keyed by extract.DocumentKey (ref + issuing authority + year):
// two provinces citing their own 512/QĐ-UBND cite two documents, a decree
// cited by twenty provinces is one document with twenty citing reports.
// A report is one report however many renditions it has, so it cites a
// document once.

// citeDoc is the Bleve document of one (report, cited document) pair.
type citeDoc struct {
	Type         string `json:"type"`
	ReportID     string `json:"report_id"`
	DocKey       string `json:"doc_key"`
	Scope        string `json:"scope"` // "national" or "local"
	Province     string `json:"province"`
	ProvinceKey  string `json:"province_key"`
	ProvinceFold string `json:"province_fold"`
	Period       string `json:"period"`
	Year         int    `json:"year"`
	Summary      string `json:"summary"`
}

// BleveType tells Bleve which document mapping applies.
func (d *citeDoc) BleveType() string { return typeCite }

// Citing is one report citing a document: where and how it cites it.
type Citing struct {
	ReportID string `json:"report_id"`
	Province string `json:"province"`
	Period   string `json:"period"`
	Date     string `json:"date"`   // of the citing report
	Number   string `json:"number"` // of the citing report
	// Sections are the paths of the sections citing it ("" = outside
	// every section), in order of appearance.
	Sections []string `json:"sections"`
	// As cited: the document's type, date, issuer and title, and the
	// text of the first mention.
	Type    string `json:"type"`
	Ref     string `json:"ref"`
	DocDate string `json:"doc_date"`
	Issuer  string `json:"issuer"`
	Title   string `json:"title,omitempty"`
	Text    string `json:"text"`
	// Key is the document key this citation was filed under (a citation
	// without a date has the key with an empty year).
	Key string `json:"key"`
}

// CitedDocument is a document cited by the indexed reports.
type CitedDocument struct {
	Key      string `json:"key"`
	Ref      string `json:"ref"`
	National bool   `json:"national"`
	// Authority is "vn" for a national document, else the province whose
	// body issued it.
	Authority string `json:"authority"`
	Year      string `json:"year"`
	// Type, Date, Issuer and Title as most citing reports give them.
	Type   string `json:"type"`
	Date   string `json:"date"`
	Issuer string `json:"issuer"`
	Title  string `json:"title,omitempty"`
	// Reports is the number of citing reports; Citations lists them in
	// time order (report date, then province). Both are empty in a
	// TopDocuments listing except for Reports.
	Reports   int      `json:"reports"`
	Citations []Citing `json:"citations,omitempty"`
}

// citeDocs builds the cite documents of a report.
func citeDocs(r *extract.Report, province string, g *extract.Gazetteer) ([]bleveDoc, error) {
	type acc struct {
		c        Citing
		national bool
	}
	byKey := map[string]*acc{}
	var keys []string
	for _, c := range r.Citations {
		key, national, ok := extract.DocumentKey(c, r.Meta.Province, g)
		if !ok {
			continue
		}
		a := byKey[key]
		if a == nil {
			a = &acc{national: national, c: Citing{
				ReportID: r.ID, Province: province, Period: r.Meta.Period.Label, Date: r.Meta.Date, Number: r.Meta.Number,
				Type: c.Type, Ref: *c.Ref, DocDate: c.Date, Issuer: c.Issuer, Title: c.Title, Text: c.Text, Key: key,
				Sections: []string{},
			}}
			byKey[key] = a
			keys = append(keys, key)
		}
		if !containsStr(a.c.Sections, c.Section) {
			a.c.Sections = append(a.c.Sections, c.Section)
		}
	}
	var out []bleveDoc
	for _, k := range keys {
		a := byKey[k]
		raw, err := json.Marshal(a.c)
		if err != nil {
			return nil, err
		}
		scope := "local"
		if a.national {
			scope = "national"
		}
		out = append(out, bleveDoc{id: r.ID + "#" + k, data: &citeDoc{
			Type: typeCite, ReportID: r.ID, DocKey: k, Scope: scope,
			Province: province, ProvinceKey: provinceKey(province), ProvinceFold: provinceFold(province),
			Period: r.Meta.Period.Label, Year: r.Meta.Period.Year, Summary: string(raw),
		}})
	}
	return out, nil
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// citings returns the citations filed under the given keys.
func (ix *Index) citings(ctx context.Context, keys ...string) ([]Citing, error) {
	var qs []query.Query
	for _, k := range keys {
		qs = append(qs, termQ(fieldDocKey, k))
	}
	hits, err := ix.searchAll(ctx, bleve.NewConjunctionQuery(termQ(fieldType, typeCite), bleve.NewDisjunctionQuery(qs...)), []string{fieldSummary})
	if err != nil {
		return nil, err
	}
	out := make([]Citing, 0, len(hits))
	for _, h := range hits {
		raw, _ := h.Fields[fieldSummary].(string)
		var c Citing
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return nil, fmt.Errorf("citation %s: %w", h.ID, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// splitKey splits a document key into scope, ref part and year.
func splitKey(key string) (scope, ref, year string, ok bool) {
	parts := strings.Split(key, "~")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// Document returns a cited document and every report citing it, in time
// order. A citation that gives no date (key with an empty year) counts
// for the document when the index knows exactly one dated document of
// that authority with that ref.
func (ix *Index) Document(ctx context.Context, key string) (*CitedDocument, error) {
	scope, ref, year, ok := splitKey(key)
	if !ok {
		return nil, fmt.Errorf("document %q: %w", key, ErrNotFound)
	}
	keys := []string{key}
	if year != "" {
		variants, err := ix.keyVariants(ctx, scope+"~"+ref+"~")
		if err != nil {
			return nil, err
		}
		dated := 0
		for _, v := range variants {
			if !strings.HasSuffix(v, "~") {
				dated++
			}
		}
		if dated == 1 {
			keys = append(keys, scope+"~"+ref+"~")
		}
	}
	cites, err := ix.citings(ctx, keys...)
	if err != nil {
		return nil, err
	}
	if len(cites) == 0 {
		return nil, fmt.Errorf("document %s: %w", key, ErrNotFound)
	}
	sort.SliceStable(cites, func(i, j int) bool {
		a, b := cites[i], cites[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Province != b.Province {
			return provinceFold(a.Province) < provinceFold(b.Province)
		}
		return a.ReportID < b.ReportID
	})
	d := describe(key, cites)
	d.Citations = cites
	return d, nil
}

// describe sums up a document from its citations: the most common
// spelling of each field wins, an empty one never does.
func describe(key string, cites []Citing) *CitedDocument {
	scope, _, year, _ := splitKey(key)
	d := &CitedDocument{Key: key, Authority: scope, National: scope == "vn", Year: year, Reports: len(cites)}
	vote := func(get func(c Citing) string) string {
		n := map[string]int{}
		best := ""
		for _, c := range cites {
			v := get(c)
			if v == "" {
				continue
			}
			n[v]++
			if n[v] > n[best] || (n[v] == n[best] && v < best) {
				best = v
			}
		}
		return best
	}
	d.Ref = vote(func(c Citing) string { return c.Ref })
	d.Type = vote(func(c Citing) string { return c.Type })
	d.Date = vote(func(c Citing) string { return c.DocDate })
	d.Issuer = vote(func(c Citing) string { return c.Issuer })
	d.Title = vote(func(c Citing) string { return c.Title })
	return d
}

// keyVariants lists the document keys starting with prefix.
func (ix *Index) keyVariants(ctx context.Context, prefix string) ([]string, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(termQ(fieldType, typeCite), prefixQ(fieldDocKey, prefix)), 0, 0, false)
	req.AddFacet("k", bleve.NewFacetRequest(fieldDocKey, 50))
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	var out []string
	if f := res.Facets["k"]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			out = append(out, t.Term)
		}
	}
	return out, nil
}

// DocFilter narrows TopDocuments. Empty fields match everything.
type DocFilter struct {
	Period   string
	Province string // of the citing reports
	Top      int    // per scope; default 10
}

// TopDocuments returns the documents cited by the most reports, national
// and local separately, most cited first (ties by key).
func (ix *Index) TopDocuments(ctx context.Context, f DocFilter) (national, local []CitedDocument, err error) {
	if f.Top <= 0 {
		f.Top = 10
	}
	for _, scope := range []string{"national", "local"} {
		qs := append([]query.Query{termQ(fieldType, typeCite), termQ(fieldScope, scope)}, ix.filterQueries(f.Province, f.Period)...)
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(qs...), 0, 0, false)
		// Dated and dateless keys of one document are merged below, so
		// ask for more terms than shown.
		req.AddFacet("k", bleve.NewFacetRequest(fieldDocKey, f.Top*3+10))
		res, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return nil, nil, err
		}
		counts := map[string]int{}
		if fr := res.Facets["k"]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				counts[t.Term] += t.Count
			}
		}
		// A dateless key joins its only dated sibling.
		for k, n := range counts {
			if !strings.HasSuffix(k, "~") {
				continue
			}
			var dated []string
			for o := range counts {
				if o != k && strings.HasPrefix(o, k) {
					dated = append(dated, o)
				}
			}
			if len(dated) == 1 {
				counts[dated[0]] += n
				delete(counts, k)
			}
		}
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if counts[keys[i]] != counts[keys[j]] {
				return counts[keys[i]] > counts[keys[j]]
			}
			return keys[i] < keys[j]
		})
		if len(keys) > f.Top {
			keys = keys[:f.Top]
		}
		var list []CitedDocument
		for _, k := range keys {
			cites, err := ix.citings(ctx, k)
			if err != nil {
				return nil, nil, err
			}
			d := describe(k, cites)
			d.Reports = counts[k]
			list = append(list, *d)
		}
		if list == nil {
			list = []CitedDocument{}
		}
		if scope == "national" {
			national = list
		} else {
			local = list
		}
	}
	return national, local, nil
}

// DocumentKeyOf is the key of a report's citation (for "also cited in").
func (ix *Index) DocumentKeyOf(r *extract.Report, c extract.Citation) (string, bool) {
	k, _, ok := extract.DocumentKey(c, r.Meta.Province, ix.gazetteer)
	return k, ok
}

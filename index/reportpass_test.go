package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baocao/baocao/extract"
)

// TestRankReportsMatchesBleve: the report pass (one walk, report table,
// bonuses from document sets) counts, facets and orders the reports as
// plain Bleve searches do: every match of the query with its score, plus
// the bonus of each bonus query it also matches, sorted by score, date
// and id (or date first), and Bleve's own facets.
func TestRankReportsMatchesBleve(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	var reports []*extract.Report
	for i := 0; i < 120; i++ {
		reports = append(reports, benchReport(i))
	}
	reports = append(reports, corpus()...)
	if err := ix.Put(ctx, reports...); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{
		"cải cách thể chế", "cai cach", "TTHC", `"dịch vụ công trực tuyến"`, "3604/QĐ-UBND",
		"hồ sơ đúng hạn", "Khánh Hoà cuộc họp", "đơn giản hóa", "thủ tục OR cuộc họp", "kiểm tra -giao",
	} {
		for _, order := range []string{SortRelevance, SortDate} {
			t.Run(fmt.Sprintf("%s/%s", text, order), func(t *testing.T) {
				p := plan{pq: ix.parseQuery(text)}
				p.broad = ix.broadTerms(ctx, fieldBody, p.pq.exact)
				q := ix.levelQuery(&p, reportLevel, nil, false, false)
				b := ix.reportBonuses(&p)
				got, err := ix.rankReports(ctx, q, b, 15, 3, order)
				if err != nil {
					t.Fatal(err)
				}

				// The reference: every match of q with Bleve's score, the
				// bonuses added by looking each report up in the matches of
				// each bonus query, sorted as sortOrder says.
				all := func(q query.Query) map[string]*search.DocumentMatch {
					req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
					req.Fields = []string{fieldDate}
					sr, err := ix.b.SearchInContext(ctx, req)
					if err != nil {
						t.Fatal(err)
					}
					m := map[string]*search.DocumentMatch{}
					for _, h := range sr.Hits {
						m[h.ID] = h
					}
					return m
				}
				matches := all(q)
				score := map[string]float64{}
				for id, h := range matches {
					score[id] = h.Score
				}
				pairsHeld := map[string]int{}
				for _, s := range b.sets {
					for id := range all(termQ(s.field, s.term)) {
						if _, ok := score[id]; ok {
							score[id] += s.value
							if s.pair {
								pairsHeld[id]++
							}
						}
					}
				}
				for id := range score {
					if b.pairs > 0 && pairsHeld[id] == b.pairs {
						score[id] += b.allPairs
					}
				}
				for _, pl := range b.places {
					for id := range all(termQ(fieldProvinceFold, pl)) {
						if _, ok := score[id]; ok {
							score[id] += bonusPlace
						}
					}
				}
				date := func(id string) string { d, _ := matches[id].Fields[fieldDate].(string); return d }
				var order_ []string
				for id := range score {
					order_ = append(order_, id)
				}
				slices.SortFunc(order_, func(a, c string) int {
					if order == SortDate && date(a) != date(c) {
						return strings.Compare(date(c), date(a))
					}
					if score[a] != score[c] {
						if score[a] > score[c] {
							return -1
						}
						return 1
					}
					if date(a) != date(c) {
						return strings.Compare(date(c), date(a))
					}
					return strings.Compare(a, c)
				})
				if got.Total != len(matches) || got.Total == 0 {
					t.Fatalf("total %d, Bleve %d", got.Total, len(matches))
				}
				wantIDs := order_[min(3, len(order_)):min(18, len(order_))]
				var gotIDs []string
				for i, h := range got.Hits {
					gotIDs = append(gotIDs, h.ID)
					if i < len(wantIDs) && math.Abs(h.Score-score[wantIDs[i]]) > 1e-9*math.Max(1, h.Score) {
						t.Errorf("hit %d: score %g, want %g", i, h.Score, score[wantIDs[i]])
					}
				}
				if !slices.Equal(gotIDs, wantIDs) {
					t.Errorf("page\n got  %v\n want %v", gotIDs, wantIDs)
				}
				req := bleve.NewSearchRequestOptions(q, 0, 0, false)
				req.AddFacet(FacetProvince, bleve.NewFacetRequest(fieldProvince, facetSize))
				req.AddFacet(FacetPeriod, bleve.NewFacetRequest(fieldPeriod, facetSize))
				want, err := ix.b.SearchInContext(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				var gotRes, wantRes Result
				gotRes.Facets, wantRes.Facets = map[string][]FacetTerm{}, map[string][]FacetTerm{}
				facets(&gotRes, got.Facets)
				for name, f := range want.Facets {
					m := map[string]int{}
					for _, tf := range f.Terms.Terms() {
						m[tf.Term] = tf.Count
					}
					facets(&wantRes, map[string]map[string]int{name: m})
				}
				for _, name := range []string{FacetProvince, FacetPeriod} {
					if !slices.Equal(gotRes.Facets[name], wantRes.Facets[name]) {
						t.Errorf("facet %s\n got  %v\n want %v", name, gotRes.Facets[name], wantRes.Facets[name])
					}
				}
			})
		}
	}
}

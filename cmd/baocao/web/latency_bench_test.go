package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// BenchmarkSearchLatency1000 measures /api/search on an index of 1,000
// reports (the samples, each copied under new ids until there are 1,000)
// from 1, 20 and 50 concurrent clients, each sending its next request as
// soon as the last is answered: p50/p99 latency, throughput and the 503s
// of the concurrency limit (BENCHMARKS.md). The plain/ runs are the
// yardstick from the same run: a plain Bleve index (default mapping) of
// the same reports' section texts behind a bare handler answering the
// same q with a match query (every word required; a phrase when quoted),
// top 10, as JSON; no filters, facets, grouping or snippets.
func BenchmarkSearchLatency1000(b *testing.B) {
	dir := b.TempDir()
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	p := testPipeline(b)
	entries, err := os.ReadDir(docsDir(b))
	if err != nil {
		b.Fatal(err)
	}
	var base []*extract.Report
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".md", ".txt", ".docx", ".pdf":
			data, err := os.ReadFile(filepath.Join(docsDir(b), e.Name()))
			if err != nil {
				b.Fatal(err)
			}
			if r, err := p.Process(context.Background(), e.Name(), data); err == nil {
				base = append(base, r)
			}
		}
	}
	plain, err := bleve.New(filepath.Join(dir, "plain"), bleve.NewIndexMapping())
	if err != nil {
		b.Fatal(err)
	}
	defer plain.Close()
	pbatch := plain.NewBatch()
	var batch []*extract.Report
	for i := 0; i < 1000; i++ {
		r := *base[i%len(base)]
		var walk func([]*extract.Section)
		walk = func(secs []*extract.Section) {
			for _, s := range secs {
				pbatch.Index(fmt.Sprintf("b%015x/%s", i, s.Path), map[string]string{"text": r.Text[s.Span.Start:s.Body.End]})
				walk(s.Children)
			}
		}
		walk(r.Sections)
		r.ID = fmt.Sprintf("b%015x", i)
		r.Source.SHA256 = r.ID + r.Source.SHA256[16:]
		batch = append(batch, &r)
		if len(batch) == 100 {
			if err := ix.Put(context.Background(), batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
			if err := plain.Batch(pbatch); err != nil {
				b.Fatal(err)
			}
			pbatch = plain.NewBatch()
		}
	}
	ledger, err := pipeline.OpenLedger(filepath.Join(dir, "ledger.json"), ix)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Options{Index: ix, Pipeline: p, Ledger: ledger, Inbox: filepath.Join(dir, "inbox"), Quarantine: filepath.Join(dir, "q")})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	pts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		var bq query.Query
		if strings.HasPrefix(q, `"`) {
			bq = bleve.NewMatchPhraseQuery(strings.Trim(q, `"`))
		} else {
			m := bleve.NewMatchQuery(q)
			m.SetOperator(query.MatchQueryOperatorAnd)
			bq = m
		}
		res, err := plain.SearchInContext(r.Context(), bleve.NewSearchRequest(bq))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(res)
	}))
	defer pts.Close()

	for _, run := range []struct {
		name string
		url  string
	}{{"baocao", ts.URL}, {"plain", pts.URL}} {
		for _, clients := range []int{1, 20, 50} {
			b.Run(fmt.Sprintf("%s/clients=%d", run.name, clients), func(b *testing.B) {
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
				n := max(b.N, 10*clients)
				lat := make([]time.Duration, n)
				var next, errs, busy atomic.Int64
				b.ResetTimer()
				start := time.Now()
				var wg sync.WaitGroup
				for range clients {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							i := int(next.Add(1)) - 1
							if i >= n {
								return
							}
							t0 := time.Now()
							resp, err := client.Get(run.url + "/api/search?" + loadQueries[i%len(loadQueries)])
							if err == nil {
								io.Copy(io.Discard, resp.Body)
								resp.Body.Close()
								switch resp.StatusCode {
								case http.StatusOK:
								case http.StatusServiceUnavailable:
									busy.Add(1)
								default:
									errs.Add(1)
								}
							} else {
								errs.Add(1)
							}
							lat[i] = time.Since(t0)
						}
					}()
				}
				wg.Wait()
				elapsed := time.Since(start)
				b.StopTimer()
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
				b.ReportMetric(pct(0.50), "p50-ms")
				b.ReportMetric(pct(0.99), "p99-ms")
				b.ReportMetric(float64(n)/elapsed.Seconds(), "req/s")
				b.ReportMetric(float64(busy.Load()), "503s")
				b.ReportMetric(float64(errs.Load()), "errors")
			})
		}
	}
}

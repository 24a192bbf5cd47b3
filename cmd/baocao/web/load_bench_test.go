package web

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadQueries are what analysts type: words with and without diacritics,
// abbreviations, a document ref, filters.
var loadQueries = []string{
	"q=cai+cach+the+che",
	"q=" + url.QueryEscape("chính phủ số"),
	"q=TTHC&period=2023-Q1",
	"q=" + url.QueryEscape("3604/QĐ-UBND"),
	"q=ho+so+truc+tuyen&province=" + url.QueryEscape("Hồ Chí Minh"),
	"q=" + url.QueryEscape(`"một cửa"`) + "&limit=20",
	"q=kiem+tra&offset=10",
	"q=DVCTT",
}

// BenchmarkSearchLoad runs b.N searches against the server over every
// bundled sample from 20 concurrent clients, and reports the latency
// percentiles and the errors.
func BenchmarkSearchLoad(b *testing.B) {
	const clients = 20
	entries, err := os.ReadDir(docsDir(b))
	if err != nil {
		b.Fatal(err)
	}
	var docs []string
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".md", ".txt", ".docx", ".pdf":
			if e.Name() != "README.md" {
				docs = append(docs, e.Name())
			}
		}
	}
	env := newTestEnv(b, "", docs...)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	lat := make([]time.Duration, b.N)
	var next, errs atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				start := time.Now()
				resp, err := client.Get(env.ts.URL + "/api/search?" + loadQueries[i%len(loadQueries)])
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						errs.Add(1)
					}
				}
				if err != nil {
					errs.Add(1)
				}
				lat[i] = time.Since(start)
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(errs.Load()), "errors")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

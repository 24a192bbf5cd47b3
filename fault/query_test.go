package fault

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
)

// The query-cost cases over an index of the samples: each answers within
// 100 ms or is refused, naming the bound, and none costs memory to speak
// of. On a busy machine (CI runs every package at once) 100 ms of wall time
// is not the query's cost, so the limit grows with a one-word query timed
// in the same loop: the failure guarded against costs seconds, a thousand
// times that word, while the scheduler's delays hit both alike.
func TestQueryCost(t *testing.T) {
	cfg := config.Default()
	p := newPipeline(t, cfg)
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var reports []*extract.Report
	for _, path := range samples(t, ".md", ".txt") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := p.Process(context.Background(), filepath.Base(path), data); err == nil {
			reports = append(reports, r)
		}
	}
	if err := ix.Put(context.Background(), reports...); err != nil {
		t.Fatal(err)
	}
	var many []string
	for i := range index.MaxQueryTerms + 1 {
		many = append(many, fmt.Sprintf("từ%d", i))
	}
	cases := []struct {
		name, q string
		refused bool
	}{
		{"a word repeated to 1,000 bytes", strings.TrimSpace(strings.Repeat("CCHC ", 199)), false},
		{"two words repeated", strings.TrimSpace(strings.Repeat("TTHC một cửa ", 50)), false},
		{"a quoted phrase repeated", strings.Repeat(`"cải cách" `, 70), false},
		{"as many words as allowed", strings.Join(many[:index.MaxQueryTerms], " "), false},
		{"one word too many", strings.Join(many, " "), true},
		{"a phrase of too many words", `"` + strings.Join(many, " ") + `"`, true},
		{"too long", strings.Repeat("x", index.MaxQueryBytes+1), true},
	}
	for _, c := range cases {
		// The fastest of three tries of the case and of the one-word
		// query, interleaved: one descheduled try is not the cost.
		var err error
		var peak uint64
		d, base := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
		for range 3 {
			start := time.Now()
			if _, berr := ix.Search(context.Background(), index.Query{Text: "CCHC"}); berr != nil {
				t.Fatal(berr)
			}
			base = min(base, time.Since(start))
			start = time.Now()
			peak = max(peak, heapPeak(func() { _, err = ix.Search(context.Background(), index.Query{Text: c.q}) }))
			d = min(d, time.Since(start))
		}
		limit := max(100*time.Millisecond, 10*base)
		t.Logf("%s (%d bytes): %v in %s (one word: %s), heap %d MB", c.name, len(c.q), err, d.Round(time.Microsecond), base.Round(time.Microsecond), peak>>20)
		if refused := errors.Is(err, index.ErrQueryTooLarge); refused != c.refused || err != nil && !refused {
			t.Errorf("%s: %v, want refused=%v", c.name, err, c.refused)
		}
		if d > limit {
			t.Errorf("%s: %s, want < %s (100 ms, or ten times the one-word query's %s on a busy machine)", c.name, d, limit, base)
		}
		if peak > 64<<20 {
			t.Errorf("%s: heap peak %d MB", c.name, peak>>20)
		}
	}
}

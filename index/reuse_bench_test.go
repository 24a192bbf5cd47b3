package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/baocao/baocao/extract"
)

// BenchmarkReuse measures reuse detection for one report (the previous
// report of its province found by two keyword lookups, then its sections
// compared) and Similar (a text query per section) in an index of 10,000
// reports, beside the plain alternative of listing every report (the
// cheapest scan: summaries only, no section text).
func BenchmarkReuse(b *testing.B) {
	const n = 10000
	ix, err := Open(filepath.Join(b.TempDir(), "idx"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	g, _ := extract.LoadGazetteer()
	units := g.Units("2023-03-31")
	var batch []*extract.Report
	var probe string
	for i := 0; i < n; i++ {
		u := units[i%len(units)].Name
		year := 2000 + (i/len(units))/4
		q := (i/len(units))%4 + 1
		id := fmt.Sprintf("%016x", i+1)
		r := reuseReport(id, u, fmt.Sprintf("%d-Q%d", year, q), fmt.Sprintf("%d-%02d-15", year, q*3),
			fmt.Sprintf("Báo cáo số %d của %s: %s", i, u, q1Other),
			fmt.Sprintf("%s Kỳ %d.", copiedText, i),
			fmt.Sprintf("Trong kỳ %d, %s %s", i, u, q2Other))
		batch = append(batch, r)
		if i == n-1 {
			probe = id
		}
		if len(batch) == 500 {
			if err := ix.Put(ctx, batch...); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	if err := ix.Put(ctx, batch...); err != nil {
		b.Fatal(err)
	}
	b.Run("reuse-one-report", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ru, err := ix.Reuse(ctx, probe)
			if err != nil || ru.Previous == "" || len(ru.Sections) == 0 {
				b.Fatalf("%v %+v", err, ru)
			}
		}
	})
	b.Run("similar-one-report", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := ix.Similar(ctx, probe, 20); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline-list-every-report", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			list, err := ix.Reports(ctx, Filter{})
			if err != nil || len(list) != n {
				b.Fatalf("%v %d", err, len(list))
			}
		}
	})
}

package index

import (
	"context"
	"errors"
	"testing"
)

// FuzzSearchQuery runs arbitrary query text, with the query language's
// operators and filters, through the whole query path on a small index:
// no panic, and every error is a refusal the caller can explain (a bad
// filter or a query over the bounds); hits are one per report when grouped.
func FuzzSearchQuery(f *testing.F) {
	for _, s := range []string{
		"cải cách thể chế", `"kiosk tra cứu thông tin TTHC"`, `số hoá OR "chuyển đổi số" -giấy`,
		`tinh:"Khánh Hòa" ky:2023-Q1 TTHC`, "so:3604/QĐ-UBND", "loai:BC", `-"`, "OR OR -", "tinh:", `x:"y`,
		"3604/QĐ-UBND", `"" ""`, "-3 -- - \"a", "ủy ban nhân dân tỉnh",
	} {
		f.Add(s, false)
	}
	ix := loaded(f)
	f.Fuzz(func(t *testing.T, text string, sections bool) {
		q := Query{Text: text, Limit: 5}
		if sections {
			q.Group = GroupSection
		}
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			if errors.Is(err, ErrBadQuery) || errors.Is(err, ErrQueryTooLarge) {
				return
			}
			t.Fatalf("Search(%q): %v", text, err)
		}
		seen := map[string]bool{}
		for _, h := range res.Hits {
			if !sections && seen[h.ReportID] {
				t.Fatalf("Search(%q): report %s twice", text, h.ReportID)
			}
			seen[h.ReportID] = true
		}
		if len(res.Hits) > 0 && res.Reports == 0 {
			t.Fatalf("Search(%q): hits but no reports", text)
		}
	})
}

package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDedupeQuery(t *testing.T) {
	cases := []struct {
		in    string
		want  string
		words int
	}{
		{"cải cách thể chế", "cải cách thể chế", 4},
		{"CCHC cchc CCHC", "CCHC", 1},
		{`"một cửa" TTHC "Một Cửa" tthc`, `"một cửa" TTHC`, 3},
		{"“một cửa” một", `"một cửa" một`, 2},
		{"Khánh Hoà khanh hoa Khánh Hòa", "Khánh Hoà khanh hoa", 2},
		{"tỷ lệ hồ sơ được số hoá", "tỷ lệ hồ sơ được số hoá", 6}, // số is not sơ
		{`"a b" -c tinh:"Thanh Hóa" x OR y`, `"a b" -c x OR y province:"Thanh Hóa"`, 5},
		{"3604/QĐ-UBND", "3604/QĐ-UBND", 3},
		{" - / ", " - / ", 0},
	}
	for _, c := range cases {
		got, words := dedupeQuery(c.in)
		if got != c.want || words != c.words {
			t.Errorf("dedupeQuery(%q) = %q, %d; want %q, %d", c.in, got, words, c.want, c.words)
		}
	}
}

// The query-cost cases: a repeated word answers like the word alone and
// fast; too long or too many different words are refused with the bound
// named; a repeat changes no result.
func TestQueryBounds(t *testing.T) {
	ix := loaded(t)
	ctx := context.Background()

	repeated := strings.TrimSpace(strings.Repeat("CCHC ", 199))
	if len(repeated) < 990 || len(repeated) > MaxQueryBytes {
		t.Fatalf("the repeated query is %d bytes", len(repeated))
	}
	// Fastest of three tries against the word alone in the same loop: the
	// failure guarded against costs seconds, while a busy machine's delays
	// hit both queries alike.
	var got, once *Result
	var err error
	d, base := time.Duration(1<<62), time.Duration(1<<62)
	for range 3 {
		start := time.Now()
		once, err = ix.Search(ctx, Query{Text: "CCHC"})
		base = min(base, time.Since(start))
		if err != nil {
			t.Fatal(err)
		}
		start = time.Now()
		got, err = ix.Search(ctx, Query{Text: repeated})
		d = min(d, time.Since(start))
		if err != nil {
			t.Fatalf("199 × CCHC: %v", err)
		}
	}
	if limit := max(100*time.Millisecond, 10*base); d > limit {
		t.Fatalf("199 × CCHC in %s, want < %s (CCHC alone: %s)", d, limit, base)
	}
	if err != nil || !slices.Equal(hitKeys(got), hitKeys(once)) || got.Total != once.Total {
		t.Errorf("199 × CCHC found %v, CCHC alone %v (%v)", hitKeys(got), hitKeys(once), err)
	}

	var many []string
	for i := range MaxQueryTerms + 1 {
		many = append(many, fmt.Sprintf("từ%d", i))
	}
	for name, text := range map[string]string{
		"too long":       strings.Repeat("a", MaxQueryBytes+1),
		"too many words": strings.Join(many, " "),
		"a long phrase":  `"` + strings.Join(many, " ") + `"`,
	} {
		start := time.Now()
		_, err := ix.Search(ctx, Query{Text: text})
		if !errors.Is(err, ErrQueryTooLarge) || !strings.Contains(err.Error(), "at most") {
			t.Errorf("%s: %v, want ErrQueryTooLarge naming the bound", name, err)
		}
		if d := time.Since(start); d > 100*time.Millisecond {
			t.Errorf("%s: refused after %s", name, d)
		}
	}
	if _, err := ix.Search(ctx, Query{Text: strings.Join(many[:MaxQueryTerms], " ")}); err != nil {
		t.Errorf("%d words: %v, want accepted", MaxQueryTerms, err)
	}
}

// A search whose caller has gone stops.
func TestQueryStopsWithItsCaller(t *testing.T) {
	ix := loaded(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Query{Text: "cải cách"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: %v, want context.Canceled", err)
	}
}

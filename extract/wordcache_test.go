package extract

import (
	"strings"
	"testing"
)

var wordCacheSeeds = []string{
	"", "hồ sơ hồ sơ HỒ SƠ Hồ Sơ", "hoà hòa ho\u0300a", "thủ tục hành chính thủ tục", "Nghiêng nghiêng1 nghiêngg",
	"0123456789abcdef 0123456789abcdefg a ab abc", "x\xff y\xff", "chi chỉ chi tiêu chỉ tiêu", "Ðạt đạt ĐẠT",
	strings.Repeat("một hai ba bốn năm sáu bảy tám chín mười ", 40),
}

// TestWordCache and FuzzWordCache: a cached key is the key keyOf gives
// the word, in both vocabularies, whether the slot held it, held another
// word or was empty.
func TestWordCache(t *testing.T) { eachSeed(t, wordCacheSeeds, checkWordCache) }

func FuzzWordCache(f *testing.F) { fuzzSeeds(f, wordCacheSeeds, checkWordCache) }

func checkWordCache(t *testing.T, s string) {
	cat, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, voc := range []*countTables{countRules(), cat.m.voc} {
		var c wordCache
		// Every word, then every word again (mostly hits), at every start.
		for pass := 0; pass < 2; pass++ {
			for i := 0; i < len(s); i++ {
				j := wordEnd(s, i)
				if j == i {
					continue
				}
				if got, want := c.key(voc, s, i, j), voc.keyOf(s[i:j]); got != want {
					t.Fatalf("pass %d: key of %q = %+v, keyOf %+v", pass, s[i:j], got, want)
				}
			}
		}
	}
}

package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReplacedNumbers: any text gives canonical numbers, each once.
func FuzzReplacedNumbers(f *testing.F) {
	for _, s := range []string{
		"Báo cáo này thay thế Báo cáo số 12/BC-UBND ngày 10/3/2023.",
		"thay thế cho BC 7 / BC-SNV và thay thế Báo cáo số: 7/BC-SNV",
		"thay the bao cao so 3/BC-UBND", "thay thế Báo cáo 0/", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := ReplacedNumbers(text)
		for i, n := range got {
			if c, ok := CanonicalRef(n); !ok || c != n {
				t.Errorf("%q is not canonical (%q, %v)", n, c, ok)
			}
			if slices.Contains(got[:i], n) {
				t.Errorf("%q repeated in %q", n, got)
			}
		}
	})
}

// FuzzDocumentKey: a cited document's key is readable, URL-safe ASCII of
// three parts, national exactly when its scope is "vn", and the same for
// the same citation.
func FuzzDocumentKey(f *testing.F) {
	g, err := LoadGazetteer()
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range [][5]string{
		{"30/2020/NĐ-CP", "NĐ-CP", "2020-03-05", "Chính phủ", "Khánh Hòa"},
		{"512/QĐ-UBND", "QĐ-UBND", "2023-03-01", "UBND tỉnh Sơn La", "Khánh Hòa"},
		{"91-KL/TW", "KL/TW", "", "Bộ Chính trị", ""},
		{"1/BNV-CCHC", "BNV-CCHC", "", "", "Hà Nội"},
		{"5/QĐ-UBND", "", "", "", ""},
	} {
		f.Add(c[0], c[1], c[2], c[3], c[4])
	}
	f.Fuzz(func(t *testing.T, ref, symbol, date, issuer, citing string) {
		c := Citation{Ref: &ref, Symbol: symbol, Date: date, Issuer: issuer}
		key, national, ok := DocumentKey(c, citing, g)
		if !ok {
			return
		}
		parts := strings.Split(key, "~")
		if len(parts) != 3 || parts[0] == "" {
			t.Fatalf("key %q is not scope~ref~year", key)
		}
		if national != (parts[0] == "vn") {
			t.Errorf("key %q, national %v", key, national)
		}
		if !utf8.ValidString(key) || strings.ContainsAny(key, " /?#\t\n") {
			t.Errorf("key %q is not URL-safe", key)
		}
		if again, n2, _ := DocumentKey(c, citing, g); again != key || n2 != national {
			t.Errorf("key %q then %q", key, again)
		}
		if symbol != "" && NationalSymbol(symbol) != national {
			t.Errorf("NationalSymbol(%q) disagrees with the key %q", symbol, key)
		}
	})
}

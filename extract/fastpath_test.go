package extract

import (
	"reflect"
	"testing"
	"unicode"
)

// The rules' hand-written fast paths are checked here against the plain
// definitions they replace (a regexp, a per-rune loop): each test runs
// a table of tricky inputs, and the fuzz targets any input.

// plainTokens is appendTokens by definition: runs of letters, digits and
// combining marks.
func plainTokens(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, token{text: text[start:i], start: start, end: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{text: text[start:], start: start, end: len(text)})
	}
	return out
}

var fastPathSeeds = []string{
	"", "a", "Bộ Nội vụ, Sở Tư pháp", "UBND tỉnh Khánh Hoà", "x\u0301y", "٣٤ số", "\xff\xfeab", "30/2020/NĐ-CP ngày 5/3/2020",
	"×÷ƻǀ", "Ủy ban nhân dân TP. Hồ Chí Minh;", "ngày 27 tháng 10 năm 2007", "QUÝ IV/2023", "6 tháng đầu năm 2024",
}

func TestAppendTokensPlain(t *testing.T) {
	for _, s := range fastPathSeeds {
		checkTokens(t, s)
	}
}

func FuzzAppendTokens(f *testing.F) {
	for _, s := range fastPathSeeds {
		f.Add(s)
	}
	f.Fuzz(checkTokens)
}

func checkTokens(t *testing.T, s string) {
	got, want := tokenize(s), plainTokens(s)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tokenize(%q) = %v, want %v", s, got, want)
	}
}

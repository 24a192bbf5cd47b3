package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestNFC compares NFC with x/text on every character of the planes text
// uses, alone and between letters and combining marks, and on the tricky
// cases: marks in either order, over 30 marks in a row (x/text inserts a
// U+034F there), Hangul, singletons, invalid UTF-8.
func TestNFC(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := NFC(s), norm.NFC.String(s); got != want {
			t.Fatalf("NFC(%q) = %q, x/text %q", s, got, want)
		}
	}
	marks := []string{"", "\u0301", "\u0323\u0302", "\u0302\u0323", "\u031B\u0309", "\u0306\u0300", "\u0345", "\u0340", "\u0F72", "\u11A8", "\u3099"}
	for r := rune(0); r <= 0x33FF; r++ {
		for _, m := range marks {
			check(string(r) + m)
			check("a" + string(r) + m + "b")
		}
	}
	for r := rune(0xAC00); r <= 0xAC40; r++ {
		check(string(r) + "\u11A8x")
	}
	for _, s := range []string{
		"", "Quyết định", norm.NFD.String("Báo cáo kết quả cải cách hành chính quý I năm 2024 của Ủy ban"),
		"e\u0323\u0302 ê\u0323 ẹ\u0302 ệ\u0323", "a" + strings.Repeat("\u0301", 40) + "b", strings.Repeat("\u0300", 35),
		"\u2126 \u212B \u0958 \uF900 \U0001D15E \U0002F800", "\xff a\u0301 \xe1\x80", "\u1100\u1161\u11A8", "x\u00A0\u2019y\u0301",
	} {
		check(s)
	}
}

func FuzzNFC(f *testing.F) {
	for _, s := range []string{"Quyết định", norm.NFD.String("Sở Nội vụ hướng dẫn"), "ê\u0323\u0301", "a\u0301\u0301", "\xffe\u0301", "\u1100\u1161\u11A8", "A\u030A\u212B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NFC(s), norm.NFC.String(s); got != want {
			t.Errorf("NFC(%q) = %q, x/text %q", s, got, want)
		}
	})
}

func BenchmarkNFC(b *testing.B) {
	s := norm.NFD.String(strings.Repeat("Báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2024 của Ủy ban nhân dân tỉnh. ", 60))
	b.SetBytes(int64(len(s)))
	b.Run("nfc", func(b *testing.B) {
		for b.Loop() {
			NFC(s)
		}
	})
	b.Run("x/text", func(b *testing.B) {
		for b.Loop() {
			norm.NFC.String(s)
		}
	})
}

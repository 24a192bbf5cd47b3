package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestSearchKeyFastPaths checks SearchKey's and Fold's table paths against
// their definitions (Normalize, lower case, tones; decompose and drop
// marks) over every letter of the Latin ranges and some words.
func TestSearchKeyFastPaths(t *testing.T) {
	var inputs []string
	for r := rune(1); r <= runeInfoLast+0x10; r++ {
		inputs = append(inputs, string(r), "ho"+string(r), string(r)+"a", "Th"+string(r)+"y", "U"+string(r), "Kho"+string(r),
			"ho"+string(r)+"n", "ho"+string(r)+" x", "Qu"+string(r), "THU"+string(r)+"ỷ", "o"+string(r)+string(r), "hO"+string(r)+"\u0301")
	}
	inputs = append(inputs, "Khánh", "Hoà", "THUỶ", "Uỷ", "đường", "Ðắk", "nǎm", norm.NFD.String("Quyết"), "İstanbul", "ǅemal")
	for _, s := range inputs {
		want := CanonicalTones(strings.ToLower(Normalize(s)))
		if got := SearchKey(s); got != want {
			t.Errorf("SearchKey(%q) = %q, want %q", s, got, want)
		}
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := CanonicalTones(s), canonicalTonesSlow(s); got != want {
			t.Errorf("CanonicalTones(%q) = %q, want %q", s, got, want)
		}
		key := SearchKey(s)
		if got, want := Fold(key), foldSlow(key); got != want {
			t.Errorf("Fold(%q) = %q, want %q", key, got, want)
		}
	}
}

func BenchmarkSearchKey(b *testing.B) {
	words := strings.Fields("Ủy ban nhân dân tỉnh Khánh Hoà báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2023 TTHC 30/2020/NĐ-CP")
	b.Run("SearchKey", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, w := range words {
				SearchKey(w)
			}
		}
	})
	b.Run("Fold", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, w := range words {
				Fold(w)
			}
		}
	})
}

// FuzzAppendSearchKey: appendSearchKey appends what SearchKey returns.
func FuzzAppendSearchKey(f *testing.F) {
	for _, s := range []string{"Báo", "QUYẾT", "Hoà", "THUỶ", "Uỷ", "quý", "hòa", "KHOẺ", "ho\u0300a", "Ð", "x\xff", "Nghị định", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendSearchKey([]byte("pre"), s)), "pre"+SearchKey(s); got != want {
			t.Errorf("appendSearchKey(%q) = %q, SearchKey %q", s, got, want)
		}
	})
}

package extract

import (
	"testing"
	"unicode"
)

// canonicalTonesSlow is CanonicalTones by definition: rune by rune, with
// the tone split off and put back by normalisation.
func canonicalTonesSlow(s string) string {
	rs := []rune(s)
	changed := false
	for i := 0; i+1 < len(rs); i++ {
		glide := unicode.ToLower(rs[i])
		if glide != 'o' && glide != 'u' {
			continue
		}
		// The syllable must end right after the pair: "hoàn" keeps its mark.
		if i+2 < len(rs) && unicode.IsLetter(rs[i+2]) {
			continue
		}
		// "qu" and "gi" are consonants: quý, quỳ are already canonical.
		if i > 0 && (unicode.ToLower(rs[i-1]) == 'q') {
			continue
		}
		base, tone := splitTone(rs[i+1])
		if tone == 0 {
			continue
		}
		lb := unicode.ToLower(base)
		if (glide == 'o' && (lb == 'a' || lb == 'e')) || (glide == 'u' && lb == 'y') {
			rs[i] = withTone(rs[i], tone)
			rs[i+1] = base
			changed = true
		}
	}
	if !changed {
		return s
	}
	return string(rs)
}

// TestToneMoves: the table of canonicalTones holds every pair
// canonicalTonesSlow changes, over every rune of the BMP after each glide.
func TestToneMoves(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if unicode.Is(unicode.Cs, r) {
			continue
		}
		for _, g := range [...]rune{'o', 'O', 'u', 'U'} {
			s := string([]rune{'h', g, r})
			if got, want := CanonicalTones(s), canonicalTonesSlow(s); got != want {
				t.Errorf("CanonicalTones(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

// FuzzCanonicalTones: CanonicalTones is canonicalTonesSlow, and the key
// appendSearchKey builds moves tones as it does.
func FuzzCanonicalTones(f *testing.F) {
	for _, s := range []string{"hoà", "THUỶ", "Uỷ ban", "quý", "hoàn", "Khoẻ", "oà oè uỳ", "OÀ", "ho\u0300a", "xoạ", "uỵ\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CanonicalTones(s), canonicalTonesSlow(s); got != want {
			t.Errorf("CanonicalTones(%q) = %q, want %q", s, got, want)
		}
	})
}

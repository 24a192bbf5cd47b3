package legacy

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// detectByWords is Detect as first written, word by word: the one-pass
// Detect must agree with it.
func detectByWords(text string) (Encoding, string) {
	tcvn, vni, words := 0, 0, 0
	sample := ""
	for _, w := range strings.Fields(text) {
		words++
		rs := []rune(w)
		for i, r := range rs {
			inside := i > 0 && unicode.IsLetter(rs[i-1])
			switch {
			case inside && strings.ContainsRune("©¬¸¶×®¹µ¨»¼½¾ÐÑ¦§", r):
				tcvn++
				if sample == "" {
					sample = w
				}
			case inside && strings.ContainsRune("aeiouyAEIOUY", rs[i-1]) && strings.ContainsRune("øùûõïëåäöÿø", r):
				vni++
				if sample == "" {
					sample = w
				}
			}
		}
		if words > 5000 {
			break
		}
	}
	switch {
	case tcvn >= 5 && tcvn*20 >= words:
		return TCVN3, sample
	case vni >= 5 && vni*20 >= words:
		return VNI, sample
	}
	return "", ""
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"B¸o c¸o kÕt qu¶ c¶i c¸ch hµnh chÝnh", "Baùo caùo keát quaû caûi caùch haønh chính",
		"Báo cáo kết quả cải cách hành chính", "a§b a¦ ©x\u00a0x© y¬ z¸\u2003w¶ v×",
		"\xffa¸ b¸\xfe c¸ d¸ e¸", strings.Repeat("ab¸ ", 5010) + "x",
		// At the thresholds of the byte-level bound (tellTales): four and
		// five tell-tales, VNI accents after a vowel and after a consonant
		// ("phù hợp", "rõ" are Unicode), Ð × Ñ from the C3 page.
		"a¸ b¸ c¸ d¸", "a¸ b¸ c¸ d¸ e¸", "uø eø oõ aù yû", "uø eø oõ aù", "phù hợp rõ ràng thù lao",
		"xÐ y× zÑ w¦ v§", "aø\xc3", "a\xc2", "\xc3\xb9\xc3\xb9 o\xc3\xb9o\xc3\xb9 a\xc3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e1, s1 := Detect(s)
		e2, s2 := detectByWords(s)
		if e1 != e2 || s1 != s2 {
			t.Errorf("Detect(%q) = %q %q, word by word %q %q", s, e1, s1, e2, s2)
		}
	})
}

func TestIsSpace(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Errorf("isSpace(%U) = %v", r, isSpace(r))
		}
	}
}

func TestDecodeRune(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune+1; r++ {
		s := string(r) + "x"
		for _, s := range []string{s, s[:len(s)-2], "\xE1" + s, s[:1] + "\xC0x"} {
			if len(s) == 0 || s[0] < utf8.RuneSelf {
				continue
			}
			r1, n1 := decodeRune(s, 0)
			r2, n2 := utf8.DecodeRuneInString(s)
			if r1 != r2 || n1 != n2 {
				t.Fatalf("decodeRune(%q) = %U %d, utf8 %U %d", s, r1, n1, r2, n2)
			}
		}
	}
}

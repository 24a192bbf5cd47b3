package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// lookalikes maps characters that extractors and old keyboards put in place
// of the Vietnamese letters and ASCII punctuation they look like
// (domain.md §4.2). The value "" deletes the character.
var lookalikes = strings.NewReplacer(
	"\u01CE", "ă", "\u01CD", "Ă", // ǎ/Ǎ (caron) for ă/Ă
	"\u00D0", "Đ", "\u00F0", "đ", // Icelandic eth for Đ/đ
	"\u0189", "Đ", // African D
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2212", "-", "\uFE63", "-", "\uFF0D", "-",
	"\u2018", "'", "\u2019", "'", "\u02BC", "'", "\u2032", "'",
	"\u00A0", " ", "\u2007", " ", "\u202F", " ", "\u2009", " ", "\u200A", " ", "\u3000", " ",
	"\u00AD", "", "\u200B", "", "\u200C", "", "\u200D", "", "\u2060", "", "\uFEFF", "",
)

// Normalize returns text in the form every rule and span works on: NFC,
// with look-alike characters replaced by the Vietnamese letters and ASCII
// punctuation they stand for. Tone-mark placement is kept as written (use
// SearchKey for comparisons); en dashes are kept, they are real punctuation.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	s = lookalikes.Replace(s)
	// Replacements can create sequences that compose further.
	return norm.NFC.String(s)
}

// Tone marks as combining characters (NFD).
const (
	toneGrave = '\u0300'
	toneAcute = '\u0301'
	toneTilde = '\u0303'
	toneHook  = '\u0309'
	toneDot   = '\u0323'
)

func isTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
		return true
	}
	return false
}

// splitTone returns the letter without its tone mark and the tone mark
// (0 when there is none). Other diacritics (ă â ê ô ơ ư) stay on the letter.
func splitTone(r rune) (base rune, tone rune) {
	if r < 0xC0 {
		return r, 0
	}
	d := norm.NFD.String(string(r))
	var kept []rune
	for _, c := range d {
		if isTone(c) {
			tone = c
			continue
		}
		kept = append(kept, c)
	}
	if tone == 0 {
		return r, 0
	}
	b := norm.NFC.String(string(kept))
	base, _ = utf8.DecodeRuneInString(b)
	return base, tone
}

func withTone(base, tone rune) rune {
	s := norm.NFC.String(string([]rune{base, tone}))
	r, size := utf8.DecodeRuneInString(s)
	if size != len(s) {
		return base
	}
	return r
}

// CanonicalTones rewrites "new style" tone placement (hoà, thuỷ, Uỷ) to the
// "old style" that government texts mostly use (hòa, thủy, Ủy), so both
// spellings of a word compare equal (domain.md §4.1). Input must be NFC; the
// result has the same length in runes, so rune offsets are preserved.
func CanonicalTones(s string) string {
	if !strings.ContainsAny(s, "oOuU") {
		return s
	}
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

// SearchKey is the comparison form of text: Normalize, lower case and
// canonical tone placement. "Khánh Hoà" and "KHÁNH HÒA" have the same key.
func SearchKey(s string) string {
	return CanonicalTones(strings.ToLower(Normalize(s)))
}

// Fold removes every Vietnamese diacritic and maps đ to d, on top of
// SearchKey: "Đắk Lắk" and "dak lak" fold to the same string.
func Fold(s string) string {
	s = norm.NFD.String(strings.ToLower(Normalize(s)))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			b.WriteByte('d')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FoldRune folds a single rune the way Fold does; marks fold to 0.
func FoldRune(r rune) rune {
	if r == 'đ' || r == 'Đ' {
		return 'd'
	}
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	d := norm.NFD.String(string(unicode.ToLower(r)))
	first, _ := utf8.DecodeRuneInString(d)
	if unicode.Is(unicode.Mn, first) {
		return 0
	}
	return first
}

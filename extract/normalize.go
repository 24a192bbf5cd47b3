package extract

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// lookalikes maps characters that extractors and old keyboards put in place
// of the Vietnamese letters and ASCII punctuation they look like
// (testdata/README.md lists the variants the samples carry). The value "" deletes the character.
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
	if IsNormal(s) {
		return s
	}
	s = NFC(s)
	s = lookalikes.Replace(s)
	// Replacements can create sequences that compose further.
	return NFC(s)
}

// IsNormal reports, in one cheap pass, that Normalize would return s
// unchanged: s is ASCII and characters that are NFC on their own, never
// compose with what precedes them (canonical class 0, not a combining
// mark) and are no look-alike — the Latin and Vietnamese letters and the
// common punctuation (normalStable). False means "maybe not" (other
// characters, invalid UTF-8): Normalize then takes the full path. Most
// text is normal, and ingesting it this way costs one scan instead of
// three plus a replacer.
func IsNormal(s string) bool { return scanNormal(s, false) }

// NormalPrefix is the length of the longest prefix of s that IsNormal:
// len(s) when s is normal. What is before it need not be read again (it
// is valid UTF-8, and no character after it composes with one there but
// its last).
func NormalPrefix(s string) int { return normalPrefix(s, false) }

// scanNormal is IsNormal, and with oneLine also refuses what Builder.Add
// would change in a line (breaksLine). It runs over every text and every
// block: it reads eight bytes at a time, skipping a run of ASCII (without
// a control byte or two spaces, with oneLine) in one step instead of a
// mispredicted loop exit per run (Vietnamese words are short runs between
// toned letters), and reads the Vietnamese letters inline. FuzzNormalize
// compares it with the character-by-character definition (normalLen and
// breaksLine).
func scanNormal(s string, oneLine bool) bool { return normalPrefix(s, oneLine) == len(s) }

// normalPrefix is where scanNormal stops: the length of the prefix of s
// it accepts.
func normalPrefix(s string, oneLine bool) int {
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			x := le64(s, i)
			stop := x & highs // the bytes that are not ASCII
			if oneLine {
				// and the control bytes (the lowest one flagged is exact)
				// and the first space of two.
				y := x ^ 0x20*ones
				spaces := ^((y&lows + lows) | y | lows)
				stop |= (x-0x20*ones)&^x&highs | spaces&(spaces>>8)
			}
			if stop == 0 {
				i += 8
				if oneLine && s[i-1] == ' ' && i < len(s) && s[i] == ' ' {
					return i - 1 // two spaces across the words
				}
				continue
			}
			i += bits.TrailingZeros64(stop) >> 3
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if oneLine && c <= ' ' && breaksLine(s, i) {
				return i
			}
			i++
			continue
		}
		if vietLetterAt(s, i) {
			i += 3
			continue
		}
		if is, stable := twoByteAt(s, i); is {
			if !stable {
				return i
			}
			i += 2
			continue
		}
		n := normalLen(s, i)
		if n == 0 {
			return i
		}
		i += n
	}
	return len(s)
}

// breaksLine reports what Builder.Add's line steps change at s[i]: a line
// break, a tab, a space before another.
func breaksLine(s string, i int) bool {
	switch s[i] {
	case '\n', '\r', '\t', '\v', '\f':
		return true
	case ' ':
		return i+1 < len(s) && s[i+1] == ' '
	}
	return false
}

// normalLen is the length of the character starting at s[i] (not ASCII)
// when it is normalStable, 0 when it is not.
func normalLen(s string, i int) int {
	if vietLetterAt(s, i) {
		return 3
	}
	if is, stable := twoByteAt(s, i); is {
		if stable {
			return 2
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if normalStable(r) {
		return n
	}
	return 0
}

// vietLetterAt reports a character of U+1E00…U+1EFF at s[i] (E1 B8…BB xx),
// where the Vietnamese letters with two marks are: all normalStable.
func vietLetterAt(s string, i int) bool {
	return s[i] == 0xE1 && i+2 < len(s) && 0xB8 <= s[i+1] && s[i+1] <= 0xBB && s[i+2]&0xC0 == 0x80
}

// twoByteAt reads a character of U+0080…U+02FF at s[i] — the Latin
// letters, ă đ ơ ư among them — and looks it up in stable2.
func twoByteAt(s string, i int) (is, stable bool) {
	c := s[i]
	if c < 0xC2 || c > 0xCB || i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
		return false, false
	}
	r := uint(c&0x1F)<<6 | uint(s[i+1]&0x3F)
	return true, stable2[r>>6]>>(r&63)&1 != 0
}

// stable2 is normalStable for U+0000…U+02FF as a bit set.
var stable2 = func() (t [12]uint64) {
	for r := rune(0); r < 0x300; r++ {
		if normalStable(r) {
			t[r>>6] |= 1 << (r & 63)
		}
	}
	return t
}()

// normalStable: r alone is NFC, starts a segment that nothing before it
// composes with, and is not a look-alike key. TestNormalStable checks
// every character of these ranges against golang.org/x/text.
func normalStable(r rune) bool {
	switch {
	case r < 0x80:
		return true
	case r <= 0x2FF: // Latin-1, Latin Extended-A/B, IPA, spacing modifiers
		switch r {
		case 0xA0, 0xAD, 0xD0, 0xF0, 0x189, 0x1CD, 0x1CE, 0x2BC:
			return false // look-alikes
		}
		return r >= 0xA0 // C1 controls go the full way
	case 0x1E00 <= r && r <= 0x1EFF: // Latin Extended Additional: Vietnamese letters
		return true
	case 0x2013 <= r && r <= 0x2027: // dashes, quotes, bullets, ellipsis
		return r != 0x2018 && r != 0x2019
	case 0x2030 <= r && r <= 0x205E:
		return r != 0x2032
	case 0x2070 <= r && r <= 0x209F: // superscripts: footnote marks in text
		return true
	case 0xE000 <= r && r <= 0xF8FF: // private use: Marker placeholders
		return true
	}
	return false
}

package extract

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The search keys. Text is compared in three forms, all built here and
// nowhere else (extract's rules, the index's analyzers and the counters'
// vocabulary use them):
//   - SearchKey: NFC, lower case, canonical tone placement (hoà = hòa);
//   - Fold: SearchKey without any diacritic, đ → d (hoa = hòa = Hoà);
//   - the counters' tone key (appendKeys): the letters without tone plus
//     one tone digit at the end ("hòa" → "hoa1"), so a word's tone and
//     its letters can be matched separately without allocating.
// One table of the precomposed Latin letters (runeInfos) serves all three.

// runeInfo describes one precomposed letter: its lower-case base with
// vowel marks but no tone, its ASCII fold, and its tone (0 none).
type runeInfo struct {
	base rune
	fold byte
	tone byte
	enc  [3]byte // base in UTF-8
	n    uint8   // bytes of enc
	// normal: the letter is already what Normalize makes of it (not a
	// look-alike), so SearchKey and Fold may skip normalisation.
	normal bool
	// folded is Fold of the letter alone, 0 when not normal or when it
	// does not fold to one rune.
	folded rune
	// lower is unicode.ToLower of the letter, looked up once.
	lower rune
	// aey marks a toned a, e or y (tonedAEY): the letters whose tone mark
	// CanonicalTones may move.
	aey bool
}

const runeInfoFirst, runeInfoLast = 0xC0, 0x1EFF

// runeInfos covers Latin-1 to Latin Extended Additional, where every
// precomposed Vietnamese letter lives. Built once.
var runeInfos = sync.OnceValue(func() []runeInfo {
	infos := make([]runeInfo, runeInfoLast-runeInfoFirst+1)
	for r := rune(runeInfoFirst); r <= runeInfoLast; r++ {
		lower := unicode.ToLower(r)
		var kept []rune
		var tone byte
		for _, c := range norm.NFD.String(string(lower)) {
			if m := toneDigit(c); m != 0 {
				tone = m
				continue
			}
			kept = append(kept, c)
		}
		base, _ := utf8.DecodeRuneInString(norm.NFC.String(string(kept)))
		fold := byte(0)
		if len(kept) > 0 && kept[0] < utf8.RuneSelf {
			fold = byte(kept[0])
		}
		if lower == 'đ' {
			base, fold = 'đ', 'd'
		}
		in := runeInfo{base: base, fold: fold, tone: tone, normal: normalLetter(r), lower: lower,
			aey: strings.ContainsRune(tonedAEY, r)}
		in.n = uint8(utf8.EncodeRune(in.enc[:], base))
		if f := []rune(foldSlow(string(r))); in.normal && len(f) == 1 {
			in.folded = f[0]
		}
		infos[r-runeInfoFirst] = in
	}
	return infos
})

func toneDigit(c rune) byte {
	switch c {
	case '\u0300':
		return '1'
	case '\u0301':
		return '2'
	case '\u0303':
		return '3'
	case '\u0309':
		return '4'
	case '\u0323':
		return '5'
	}
	return 0
}

// appendKeys appends the tone and fold keys of word w to tone and fold.
func appendKeys(infos []runeInfo, tone, fold []byte, w string) ([]byte, []byte, bool) {
	ascii := true
	var mark byte
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			tone = append(tone, c)
			fold = append(fold, c)
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		switch {
		case r >= runeInfoFirst && r <= runeInfoLast:
			in := infos[r-runeInfoFirst]
			tone = utf8.AppendRune(tone, in.base)
			if in.fold != 0 {
				fold = append(fold, in.fold)
			}
			if in.tone != 0 {
				mark = in.tone
			}
		case r >= '\u0300' && r <= '\u036f': // a combining mark: text not in NFC
			if m := toneDigit(r); m != 0 {
				mark = m
			} else {
				tone = utf8.AppendRune(tone, r)
			}
		default:
			lr := unicode.ToLower(r)
			tone = utf8.AppendRune(tone, lr)
			fold = utf8.AppendRune(fold, lr)
		}
	}
	if mark != 0 {
		tone = append(tone, mark)
	}
	return tone, fold, ascii
}

// appendToneWord appends the tone key (as appendKeys, without the fold
// key: an ASCII word's fold key is its tone key, and other words match by
// tone only) of the text from i: of all of it, or, when word is set, of
// the word starting there (letters and combining marks, as wordEnd reads
// it), whose end it returns — one pass for finding a word and keying it.
func appendToneWord(infos []runeInfo, tone []byte, w string, i int, word bool) ([]byte, int, bool) {
	ascii := true
	var mark byte
outer:
	for i < len(w) {
		c := w[i]
		if c < utf8.RuneSelf {
			// A run of ASCII bytes in a loop of its own, which keeps its
			// state in registers.
			for {
				if l := c | 0x20; l-'a' < 26 {
					c = l // a letter, lower-cased
				} else if word {
					break outer
				}
				tone = append(tone, c)
				i++
				if i >= len(w) {
					break outer
				}
				if c = w[i]; c >= utf8.RuneSelf {
					break
				}
			}
		}
		var r rune
		var size int
		if word {
			var ok bool
			if r, size, ok = wordRuneAt(w, i); !ok {
				break
			}
		} else {
			r, size = utf8.DecodeRuneInString(w[i:])
		}
		ascii = false
		i += size
		switch {
		case r >= runeInfoFirst && r <= runeInfoLast:
			in := &infos[r-runeInfoFirst]
			// Byte by byte: append of a variable slice calls memmove.
			tone = append(tone, in.enc[0])
			if in.n > 1 {
				tone = append(tone, in.enc[1])
				if in.n > 2 {
					tone = append(tone, in.enc[2])
				}
			}
			if in.tone != 0 {
				mark = in.tone
			}
		case r >= '\u0300' && r <= '\u036f':
			if m := toneDigit(r); m != 0 {
				mark = m
			} else {
				tone = utf8.AppendRune(tone, r)
			}
		default:
			tone = utf8.AppendRune(tone, unicode.ToLower(r))
		}
	}
	if mark != 0 {
		tone = append(tone, mark)
	}
	return tone, i, ascii
}

// keyStrings returns the tone and fold keys of w as strings.
func keyStrings(w string) (tone, fold string, ascii bool) {
	t, f, a := appendKeys(runeInfos(), nil, nil, w)
	return string(t), string(f), a
}

// infoFor returns the table entry of r, the zero entry (not normal) outside
// the table.
func infoFor(infos []runeInfo, r rune) runeInfo {
	if r < runeInfoFirst || r > runeInfoLast {
		return runeInfo{}
	}
	return infos[r-runeInfoFirst]
}

// normalLetter reports whether r, a rune of the table's range, is left
// alone by Normalize and is a letter of the ranges that hold only
// precomposed (NFC) letters: Latin-1 to Latin Extended-B and Latin
// Extended Additional. The look-alikes Normalize replaces (Ð ð Ɖ Ǎ ǎ) and
// the signs × ÷ are not.
func normalLetter(r rune) bool {
	switch {
	case r == 0xD0 || r == 0xF0 || r == 0xD7 || r == 0xF7 || r == 0x189 || r == 0x1CD || r == 0x1CE:
		return false
	case r >= runeInfoFirst && r <= 0x24F, r >= 0x1E00 && r <= runeInfoLast:
		return true
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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

// tonedAEY are a, e and y with a tone mark (NFC): the letters whose mark
// moves to the glide o or u before them.
const tonedAEY = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ"

// CanonicalTones rewrites "new style" tone placement (hoà, thuỷ, Uỷ) to the
// "old style" that government texts mostly use (hòa, thủy, Ủy), so both
// spellings of a word compare equal. Input must be NFC; the
// result has the same length in runes, so rune offsets are preserved.
func CanonicalTones(s string) string {
	// Only a toned a, e or y right after the glide moves its mark: most
	// words have none, and need no rune slice.
	if !mayMoveTone(s) {
		return s
	}
	rs := []rune(s)
	if !canonicalTones(rs) {
		return s
	}
	return string(rs)
}

// mayMoveTone reports whether CanonicalTones may change s: whether a
// glide (o, u, not after q) is followed by a toned a, e or y that no ASCII
// letter follows. It reads bytes: a toned a, e or y is encoded from lead
// byte 0xC3 (Latin-1) or 0xE1 (Latin Extended Additional), and the glide
// and q are ASCII. TestSearchKeyFastPaths checks it against
// canonicalTonesSlow.
func mayMoveTone[T ~string | ~[]byte](s T) bool {
	for i := 0; i+2 < len(s); i++ {
		switch s[i] {
		case 'o', 'O', 'u', 'U':
		default:
			continue
		}
		if i > 0 && s[i-1]|0x20 == 'q' {
			continue
		}
		size := tonedAEYAt(s, i+1)
		if size == 0 {
			continue
		}
		if j := i + 1 + size; j < len(s) && s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' {
			continue // "hoàn": the syllable goes on
		}
		return true
	}
	return false
}

// tonedAEYAt returns the length of the toned a, e or y (tonedAEY) encoded
// at s[i], 0 when there is none.
func tonedAEYAt[T ~string | ~[]byte](s T, i int) int {
	var r rune
	var size int
	switch c := s[i]; {
	case c == 0xC3 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		r, size = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
	case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		r, size = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
	default:
		return 0
	}
	if infoFor(runeInfos(), r).aey {
		return size
	}
	return 0
}

// SearchKey is the comparison form of text: Normalize, lower case and
// canonical tone placement. "Khánh Hoà" and "KHÁNH HÒA" have the same key.
// Text that is already normalised (ASCII and precomposed letters, the
// usual case in the index and the rules) skips the normalisation passes,
// and text already in lower case is returned as it is when no tone moves.
func SearchKey(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	infos := runeInfos()
	upper := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			upper = upper || 'A' <= c && c <= 'Z'
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		in := infoFor(infos, r)
		if !in.normal {
			return CanonicalTones(strings.ToLower(Normalize(s)))
		}
		upper = upper || in.lower != r
		i += size
	}
	if !upper {
		return CanonicalTones(s)
	}
	return string(appendSearchKey(make([]byte, 0, len(s)), s))
}

// appendSearchKey appends SearchKey(s) to dst, without allocating for a
// word already normalised whose tone need not move (the usual case), so
// a look-up can ask a map with string(key). FuzzAppendSearchKey checks it
// against SearchKey.
func appendSearchKey(dst []byte, s string) []byte {
	infos := runeInfos()
	start := len(dst)
	glide, toned := false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			glide = glide || c == 'o' || c == 'u'
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		in := infoFor(infos, r)
		if !in.normal {
			return append(dst[:start], SearchKey(s)...) // Normalize first
		}
		dst = utf8.AppendRune(dst, in.lower)
		glide = glide || in.lower == 'o' || in.lower == 'u'
		toned = toned || in.aey
		i += size
	}
	// As CanonicalTones: only a toned a, e or y after the glide moves.
	if glide && toned && mayMoveTone(dst[start:]) {
		var buf [32]rune // a word's key: no slice of its own
		rs := buf[:0]
		for _, r := range string(dst[start:]) {
			rs = append(rs, r)
		}
		if canonicalTones(rs) {
			dst = dst[:start]
			for _, r := range rs {
				dst = utf8.AppendRune(dst, r)
			}
		}
	}
	return dst
}

// Fold removes every Vietnamese diacritic and maps đ to d, on top of
// SearchKey: "Đắk Lắk" and "dak lak" fold to the same string. Normalised
// text folds letter by letter from the table (profiling the index showed
// the normalisation passes at a fifth of indexing time).
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	infos := runeInfos()
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		case infoFor(infos, r).folded != 0:
			b = utf8.AppendRune(b, infoFor(infos, r).folded)
		default:
			return foldSlow(s)
		}
	}
	return string(b)
}

// foldSlow is Fold by definition: normalise, decompose, drop the marks.
func foldSlow(s string) string {
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

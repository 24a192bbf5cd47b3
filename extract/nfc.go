package extract

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns norm.NFC.String(s), faster on the text reports are made of.
// Text decomposed by a Mac or a converter writes each toned Vietnamese
// letter as a base letter and one or two combining marks ("ê" + U+0301):
// golang.org/x/text composes such a text at about 30 MB/s. Here the text
// is cut into segments — a character nothing before it composes with (a
// boundary), then the characters that may compose with it — and only the
// segments that can change are composed: from a table of the Latin and
// Vietnamese letters' decomposed forms, or by x/text for anything else. A
// segment is composed alone exactly as within the whole text, since nothing
// crosses a boundary (TestNFC and FuzzNFC compare with x/text).
func NFC(s string) string {
	// The normal prefix cannot change, and its last character is a
	// boundary: the segments are read from there, not from the start.
	k := normalPrefix(s, false)
	if k == len(s) {
		return s
	}
	_, last := utf8.DecodeLastRuneInString(s[:k])
	var c nfcComposer
	seg := 0       // where the current segment starts
	dirty := false // the current segment may change
	for i := k - last; i < len(s); {
		if s[i] < utf8.RuneSelf {
			// ASCII characters are boundaries that never change: the
			// run's last one starts the next segment.
			if dirty {
				c.flush(s, seg, i)
				dirty = false
			}
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			seg, i = j-1, j
			continue
		}
		if s[i] == 0xCC || s[i] == 0xCD && i+1 < len(s) && s[i+1] < 0xB0 && s[i+1] != 0x8F {
			// U+0300…U+036F but U+034F: the combining diacritical
			// marks, none a boundary (TestNFC checks).
			if i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				dirty = true
				i += 2
				continue
			}
		}
		if n := normalLen(s, i); n > 0 {
			// A boundary that never changes (see normalStable).
			if dirty {
				c.flush(s, seg, i)
				dirty = false
			}
			seg, i = i, i+n
			continue
		}
		if r, n := utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && n == 1 {
			return norm.NFC.String(s) // invalid UTF-8: x/text's own way
		}
		p := norm.NFC.PropertiesString(s[i:])
		n := p.Size()
		if p.BoundaryBefore() {
			if dirty {
				c.flush(s, seg, i)
			}
			seg, dirty = i, !norm.NFC.IsNormalString(s[i:i+n])
		} else {
			dirty = true // a combining mark (or a vowel jamo) joins the segment
		}
		i += n
	}
	if dirty {
		c.flush(s, seg, len(s))
	}
	if c.out == nil {
		return s
	}
	return string(append(c.out, s[c.done:]...))
}

// nfcComposer gathers NFC's output once a segment changes.
type nfcComposer struct {
	out     []byte
	done    int // s[:done] is in out (or unchanged while out is nil)
	letters map[uint64]string
}

// flush composes the segment s[seg:end], after copying what precedes it.
func (c *nfcComposer) flush(s string, seg, end int) {
	if c.out == nil {
		c.out = make([]byte, 0, len(s)+8)
		c.letters = composedLetters()
	}
	c.out = append(c.out, s[c.done:seg]...)
	if l, ok := c.letters[segmentKey(s[seg:end])]; ok {
		c.out = append(c.out, l...)
	} else {
		c.out = norm.NFC.AppendString(c.out, s[seg:end])
	}
	c.done = end
}

// composedLetters maps the decomposed spellings of the precomposed Latin
// letters (U+00C0…U+024F and U+1E00…U+1EFF: every Vietnamese letter) to
// their NFC form: the base letter, or the base with some of its marks
// already composed ("â" + U+0301), followed by the other marks in any
// order. Each value is x/text's own NFC of its key. Built on first use.
var composedLetters = sync.OnceValue(func() map[uint64]string {
	m := map[uint64]string{}
	add := func(seg string) {
		if k := segmentKey(seg); k != 0 {
			m[k] = norm.NFC.String(seg)
		}
	}
	for _, span := range [][2]rune{{0xC0, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := span[0]; r <= span[1]; r++ {
			d := []rune(norm.NFD.String(string(r)))
			if len(d) < 2 {
				continue
			}
			for _, marks := range permutations(d[1:]) {
				for k := 0; k <= len(marks); k++ {
					add(norm.NFC.String(string(d[0])+string(marks[:k])) + string(marks[k:]))
				}
			}
		}
	}
	return m
})

// segmentKey packs a segment of up to 7 bytes and its length into a
// number (a cheaper map key than the string); 0 for a longer one.
func segmentKey(seg string) uint64 {
	if len(seg) > 7 {
		return 0
	}
	k := uint64(len(seg)) << 56
	for i := 0; i < len(seg); i++ {
		k |= uint64(seg[i]) << (8 * i)
	}
	return k
}

// permutations lists every order of rs (a letter has at most three marks).
func permutations(rs []rune) [][]rune {
	if len(rs) <= 1 {
		return [][]rune{rs}
	}
	var out [][]rune
	for i := range rs {
		rest := append(append([]rune{}, rs[:i]...), rs[i+1:]...)
		for _, p := range permutations(rest) {
			out = append(out, append([]rune{rs[i]}, p...))
		}
	}
	return out
}

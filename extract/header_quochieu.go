package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The Quốc hiệu read by hand: reQuocHieu (header.go) is asked of every
// header line and cell, and its backtracking over a case-folded pattern
// cost more than the rest of the line's rules. findQuocHieu finds what the
// regexp finds (TestHeaderGates and FuzzHeaderGates compare them).

// qhWord is one word of a Quốc hiệu phrase: its spellings (the regexp's
// alternatives and classes written out, matched under simple case
// folding as (?i) does) and whether a dash may stand before it.
type qhWord struct {
	spellings []string
	dash      bool
}

// quocHieuPhrases are reQuocHieu's alternatives in its order; white space
// (\s*) may stand between any two words.
var quocHieuPhrases = [...][]qhWord{
	{{spellings: []string{"CỘNG"}}, {spellings: []string{"HÒA", "HOÀ", "HOA"}}, {spellings: []string{"XÃ", "XA"}},
		{spellings: []string{"HỘI", "HOI"}}, {spellings: []string{"CHỦ", "CHU"}}, {spellings: []string{"NGHĨA", "NGHIA"}},
		{spellings: []string{"VIỆT", "VIET"}}, {spellings: []string{"NAM"}}},
	{{spellings: []string{"Độc"}}, {spellings: []string{"lập"}}, {spellings: []string{"Tự"}, dash: true},
		{spellings: []string{"do"}}, {spellings: []string{"Hạnh"}, dash: true}, {spellings: []string{"phúc"}}},
	{{spellings: []string{"ĐẢNG"}}, {spellings: []string{"CỘNG"}}, {spellings: []string{"SẢN"}},
		{spellings: []string{"VIỆT"}}, {spellings: []string{"NAM"}}},
}

// findQuocHieu is reQuocHieu.FindStringIndex(s). Every phrase opens with
// C or Đ in either case, and at most one can match at a place (their
// first two letters differ); the match ends where it does whichever way
// it is read, as each word's spellings are as long as each other and
// white space never folds to a letter.
func findQuocHieu(s string) []int {
	for p := 0; p < len(s); p++ {
		// C, c, and the lead byte of Đ and đ: never inside another rune.
		if c := s[p]; c != 'C' && c != 'c' && c != 0xC4 {
			continue
		}
		for _, ph := range quocHieuPhrases {
			if end := qhPhraseAt(s, p, ph); end >= 0 {
				return []int{p, end}
			}
		}
	}
	return nil
}

// qhPhraseAt returns the end of phrase ph read at p, -1 if it is not there.
func qhPhraseAt(s string, p int, ph []qhWord) int {
	for k, w := range ph {
		if k > 0 {
			p = skipRegexpSpace(s, p)
			if w.dash {
				if strings.HasPrefix(s[p:], "-") {
					p++
				} else if strings.HasPrefix(s[p:], "–") {
					p += len("–")
				}
				p = skipRegexpSpace(s, p)
			}
		}
		n := -1
		for _, sp := range w.spellings {
			if n = foldPrefix(s[p:], sp); n >= 0 {
				break
			}
		}
		if n < 0 {
			return -1
		}
		p += n
	}
	return p
}

// foldPrefix returns how many bytes of s match lit rune by rune under
// simple case folding (as a (?i) literal), -1 if s does not open with it.
func foldPrefix(s, lit string) int {
	i := 0
	for _, l := range lit {
		if i >= len(s) {
			return -1
		}
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !foldEqual(r, l) {
			return -1
		}
		i += n
	}
	return i
}

// foldEqual reports whether r is in the simple case-folding orbit of l.
func foldEqual(r, l rune) bool {
	if r == l {
		return true
	}
	if r < utf8.RuneSelf && l < utf8.RuneSelf && (r|0x20 < 'a' || r|0x20 > 'z') {
		return false // ASCII that is no letter folds to nothing else
	}
	for f := unicode.SimpleFold(l); f != l; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Header regexps read by hand (see gatedRe.hand and atHand): the Quốc
// hiệu, the long date, Kính gửi. They are asked of every header line and
// cell, and their backtracking over case-folded patterns cost more than
// the rest of the line's rules. Each finds what its regexp finds
// (TestHeaderGates and FuzzHeaderGates compare them).

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
		// The first phrase opens with C and Ộ in either case (Ộ and ộ both
		// lead with 0xE1), the others with Đ or đ (0xC4, then 0x90 or 0x91):
		// the second byte rules out most places before a phrase is read.
		switch c := s[p]; {
		case c == 'C' || c == 'c':
			if p+1 >= len(s) || s[p+1] != 0xE1 {
				continue
			}
		case c == 0xC4:
			if p+1 >= len(s) || s[p+1]&^1 != 0x90 {
				continue
			}
		default:
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

// longDateAt is reLongDate anchored at the start of s
// (^(?:(?i)ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4}))), with
// its groups, by hand: every "ngày" of a header line is asked. Digits are
// ASCII and white space is \s; a run of digits longer than a group takes
// leaves a digit where white space or a word must follow, so the run
// must fit the group whole (the year takes the first four).
func longDateAt(s string) []int {
	p := foldPrefix(s, "ngày")
	if p < 0 {
		return nil
	}
	loc := []int{0, 0, -1, -1, 0, 0, 0, 0}
	p = skipRegexpSpace(s, p)
	if n := asciiDigitsAt(s, p); n > 2 {
		return nil
	} else if n > 0 {
		loc[2], loc[3] = p, p+n
		p = skipRegexpSpace(s, p+n)
	}
	if p = foldWordAt(s, p, "tháng"); p < 0 {
		return nil
	}
	n := asciiDigitsAt(s, p)
	if n == 0 || n > 2 {
		return nil
	}
	loc[4], loc[5] = p, p+n
	p = skipRegexpSpace(s, p+n)
	if p = foldWordAt(s, p, "năm"); p < 0 {
		return nil
	}
	if asciiDigitsAt(s, p) < 4 {
		return nil
	}
	loc[6], loc[7] = p, p+4
	loc[1] = p + 4
	return loc
}

// foldWordAt reads word (under (?i) folding) at p and the white space
// after it; -1 if the word is not there.
func foldWordAt(s string, p int, word string) int {
	n := foldPrefix(s[p:], word)
	if n < 0 {
		return -1
	}
	return skipRegexpSpace(s, p+n)
}

// asciiDigitsAt is the length of the run of ASCII digits at p.
func asciiDigitsAt(s string, p int) int {
	n := 0
	for p+n < len(s) && s[p+n] >= '0' && s[p+n] <= '9' {
		n++
	}
	return n
}

// thangWord is "tháng" under (?i) folding, which every match of
// rePeriodM holds.
var thangWord = newFoldWord("tháng")

// periodMFrom is where a match of rePeriodM may start at the earliest: the
// number and white space before the first "tháng" (the number is at most
// five bytes: "chín", "ſáu"), moved back to a place after a rune that is
// no ASCII word character, so that the \b the regexp opens with reads
// there as it reads in all of s.
func periodMFrom(s string) int {
	k := thangWord.index(s)
	if k < 0 {
		return len(s)
	}
	for k > 0 && regexpSpace(s[k-1]) {
		k--
	}
	i := max(0, k-len("chín"))
	for i > 0 && !(utf8.RuneStart(s[i]) && !asciiWordByte(s[i-1])) {
		i--
	}
	return i
}

// asciiWordByte is \w of a regexp: what \b tells from the rest.
func asciiWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// recipientAt is reRecipient.FindStringIndex(s) (^\s*kính\s*gửi\s*:?\s*
// under (?i)) by hand: every header line is asked. Each part is greedy
// and none can give back what the next needs.
func recipientAt(s string) []int {
	p := skipRegexpSpace(s, 0)
	if p = foldWordAt(s, p, "kính"); p < 0 {
		return nil
	}
	if p = foldWordAt(s, p, "gửi"); p < 0 {
		return nil
	}
	if p < len(s) && s[p] == ':' {
		p = skipRegexpSpace(s, p+1)
	}
	return []int{0, p}
}

package extract

import (
	"unicode"
	"unicode/utf8"
)

// Vietnamese numbers as reports write them: digits with a
// leading zero for small counts ("06"), "." between thousands ("19.630"),
// "," before decimals ("96,55"), and number words ("mười hai", "năm mươi",
// "hai mươi mốt", "một trăm linh năm", "ba nghìn").

// numWordKind is the grammatical role of a number word.
type numWordKind uint8

const (
	nwDigit   numWordKind = iota + 1 // một … chín
	nwTen                            // mười: 10, starts a number
	nwTens                           // mươi: multiplies the digit before it by 10
	nwHundred                        // trăm
	nwZero                           // linh, lẻ: an empty tens place ("một trăm linh năm")
	nwOne                            // mốt: 1 after mươi
	nwFour                           // tư: 4 after mươi/mười
	nwFive                           // lăm: 5 after mươi/mười
	nwScale                          // nghìn, ngàn, triệu, tỷ, tỉ
)

type numWord struct {
	kind numWordKind
	val  int64
	// year is set for "năm", which also means "year": after mười/mươi it
	// is never the digit 5 ("mười năm" is ten years, fifteen is "mười lăm").
	year bool
	// title is set for the capitalised form, allowed only for the first
	// word of a number.
	title bool
}

// maxNumWordLen is the longest number word in bytes ("mười", "triệu"):
// longer words are rejected without a map lookup.
const maxNumWordLen = 7

// numWords maps each number word, in lower case and capitalised, to its
// role. Read-only.
var numWords = buildNumWords()

// numWordSlots is numWords for parseNumWords: a word is found by its
// two little-endian words read in place, without hashing a string or
// comparing its bytes in a call (TestNumWordTable, FuzzNumWordTable
// against the map).
var numWordSlots = newKeyTable(numWords)

// numWordShapes[first byte] has bit n set when a number word of n bytes
// starts with that byte: most words are rejected without a map lookup.
var numWordShapes = func() (shapes [256]uint8) {
	for w := range numWords {
		shapes[w[0]] |= 1 << len(w)
	}
	return shapes
}()

// numWordTails[last byte] is numWordShapes for the last byte: "trong"
// has the first byte and length of "trăm", not its last byte.
var numWordTails = func() (tails [256]uint8) {
	for w := range numWords {
		tails[w[len(w)-1]] |= 1 << len(w)
	}
	return tails
}()

// mayBeNumWord reports whether w has the first byte, last byte and length
// of a number word: the test before the map look-up.
func mayBeNumWord(w string) bool {
	return len(w) > 0 && len(w) <= maxNumWordLen && numWordShapes[w[0]]&numWordTails[w[len(w)-1]]&(1<<len(w)) != 0
}

func buildNumWords() map[string]numWord {
	base := map[string]numWord{
		"một": {kind: nwDigit, val: 1}, "hai": {kind: nwDigit, val: 2}, "ba": {kind: nwDigit, val: 3},
		"bốn": {kind: nwDigit, val: 4}, "năm": {kind: nwDigit, val: 5, year: true},
		"sáu": {kind: nwDigit, val: 6}, "bảy": {kind: nwDigit, val: 7}, "bẩy": {kind: nwDigit, val: 7},
		"tám": {kind: nwDigit, val: 8}, "chín": {kind: nwDigit, val: 9},
		"mười": {kind: nwTen, val: 10}, "mươi": {kind: nwTens}, "trăm": {kind: nwHundred},
		"linh": {kind: nwZero}, "lẻ": {kind: nwZero},
		"mốt": {kind: nwOne, val: 1}, "tư": {kind: nwFour, val: 4}, "lăm": {kind: nwFive, val: 5},
		"nghìn": {kind: nwScale, val: 1_000}, "ngàn": {kind: nwScale, val: 1_000},
		"triệu": {kind: nwScale, val: 1_000_000}, "tỷ": {kind: nwScale, val: 1_000_000_000},
		"tỉ": {kind: nwScale, val: 1_000_000_000},
	}
	m := make(map[string]numWord, 2*len(base))
	for w, nw := range base {
		m[w] = nw
		r, size := utf8.DecodeRuneInString(w)
		t := nw
		t.title = true
		m[string(unicode.ToUpper(r))+w[size:]] = t
	}
	return m
}

// isNumWordInitial reports whether byte c can begin a number word that
// starts a number (một … chín, mười), so most words are rejected without a
// map lookup.
func isNumWordInitial(c byte) bool {
	switch c {
	case 'm', 'h', 'b', 'n', 's', 't', 'c', 'M', 'H', 'B', 'N', 'S', 'T', 'C':
		return true
	}
	return false
}

// wordEnd returns the end of the word (letters and combining marks)
// starting at i, i when text[i] does not start a word.
func wordEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				i++
				continue
			}
			return i
		}
		// Latin-1 and Latin Extended-A and -B up to U+023F (lead bytes
		// 0xC3–0xC8) are letters but for × and ÷: most Vietnamese letters,
		// skipped here without a call.
		if c >= 0xC3 && c <= 0xC8 && i+1 < len(text) && text[i+1]&0xC0 == 0x80 && !(c == 0xC3 && (text[i+1] == 0x97 || text[i+1] == 0xB7)) {
			i += 2
			continue
		}
		// Latin Extended Additional (U+1E00–U+1EFF: ế, ộ, ừ …), the other
		// half of the Vietnamese letters, likewise.
		if c == 0xE1 && i+2 < len(text) && text[i+1] >= 0xB8 && text[i+1] <= 0xBB && text[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		_, size, ok := wordRuneAt(text, i)
		if !ok {
			return i
		}
		i += size
	}
	return i
}

// wordRuneAt decodes the non-ASCII rune at text[i] and reports whether it
// belongs to a word (isWordRune). Vietnamese letters and combining marks
// are decoded from their bytes directly: two-byte runes up to U+036F and
// three-byte runes of Latin Extended Additional (lead byte 0xE1, then
// 0xB8–0xBB); everything else goes through utf8 and isWordRune.
// TestWordRuneAt checks it against them.
func wordRuneAt(text string, i int) (rune, int, bool) {
	c := text[i]
	switch {
	case c >= 0xC3 && c <= 0xCD && i+1 < len(text):
		if b := text[i+1]; b&0xC0 == 0x80 {
			r := rune(c&0x1F)<<6 | rune(b&0x3F)
			if r <= 0x24F {
				return r, 2, r != 0xD7 && r != 0xF7
			}
			if r >= 0x300 && r <= 0x36F {
				return r, 2, true
			}
		}
	case c == 0xE1 && i+2 < len(text):
		if b1, b2 := text[i+1], text[i+2]; b1 >= 0xB8 && b1 <= 0xBB && b2&0xC0 == 0x80 {
			return 0x1000 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3, true
		}
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return r, size, isWordRune(r)
}

// wordRuneBefore is wordRuneAt backwards: the size of the rune ending at
// text[:i] and whether it belongs to a word, the Vietnamese letters read
// from their bytes (two-byte Latin letters up to U+023F, three-byte Latin
// Extended Additional), the rest through utf8 and isWordRune.
// TestWordRuneAt checks it against them.
func wordRuneBefore(text string, i int) (int, bool) {
	if i >= 2 && text[i-1]&0xC0 == 0x80 {
		if c := text[i-2]; c >= 0xC3 && c <= 0xC8 {
			return 2, !(c == 0xC3 && (text[i-1] == 0x97 || text[i-1] == 0xB7))
		}
		if i >= 3 && text[i-3] == 0xE1 && text[i-2] >= 0xB8 && text[i-2] <= 0xBB {
			return 3, true
		}
	}
	r, size := utf8.DecodeLastRuneInString(text[:i])
	return size, isWordRune(r)
}

// isWordRune reports whether non-ASCII r belongs to a word: a letter or a
// combining mark. Vietnamese letters are answered without a table lookup.
func isWordRune(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7, r >= 0x1E00 && r <= 0x1EFF, r >= 0x300 && r <= 0x36F:
		return true
	case r >= 0x2000 && r <= 0x2BFF, r == utf8.RuneError:
		return false // punctuation, symbols, arrows; invalid bytes
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// wordsNumber is a number written in words.
type wordsNumber struct {
	val   int64
	end   int // offset after the last word
	words int // words consumed
	first numWord
}

// parseNumWords reads a number written in words from the word starting at
// i. Words are separated by single spaces. It stops before the first word
// that does not continue the number, and never ends on a dangling word
// ("một trăm linh" reads as "một trăm"). ok is false when no number starts
// at i.
func parseNumWords(text string, i int) (n wordsNumber, ok bool) {
	const (
		stStart       = iota
		stDigit       // a bare digit: complete at the start, dangling after trăm or a scale
		stTen         // after mười
		stTens        // after mươi
		stHundred     // after trăm
		stZero        // after linh/lẻ: needs a digit
		stUnits       // after the units digit
		stScale       // after nghìn/triệu/tỷ
		stDigitMiddle // a digit after trăm or a scale: needs mươi/trăm/a scale
	)
	var total, group, pending, lastScale int64
	st := stStart
	pos := i
	consumed := 0
	for {
		ws := pos
		if ws != i {
			if ws >= len(text) || text[ws] != ' ' {
				break
			}
			ws++
		}
		we := wordEnd(text, ws)
		if we == ws {
			break
		}
		w := text[ws:we]
		if !mayBeNumWord(w) {
			break
		}
		nw, found := numWordSlots.getAt(text, ws, we)
		if !found || (nw.title && st != stStart) {
			break
		}
		good := true
		next := st
		switch st {
		case stStart:
			switch nw.kind {
			case nwDigit:
				pending, next = nw.val, stDigit
			case nwTen:
				group, next = 10, stTen
			default:
				return n, false
			}
			n.first = nw
		case stDigit, stDigitMiddle:
			switch nw.kind {
			case nwTens:
				group += pending * 10
				pending, next = 0, stTens
			case nwHundred:
				if group >= 100 {
					good = false
					break
				}
				group += pending * 100
				pending, next = 0, stHundred
			case nwScale:
				if lastScale != 0 && nw.val >= lastScale {
					good = false
					break
				}
				total += (group + pending) * nw.val
				group, pending, lastScale, next = 0, 0, nw.val, stScale
			default:
				good = false
			}
		case stTen, stTens:
			switch {
			case nw.kind == nwDigit && !nw.year:
				group += nw.val
				next = stUnits
			case nw.kind == nwFour || nw.kind == nwFive || (nw.kind == nwOne && st == stTens):
				group += nw.val
				next = stUnits
			case nw.kind == nwScale && (lastScale == 0 || nw.val < lastScale):
				total += group * nw.val
				group, lastScale, next = 0, nw.val, stScale
			default:
				good = false
			}
		case stHundred, stScale:
			switch {
			case nw.kind == nwZero:
				next = stZero
			case nw.kind == nwDigit:
				pending, next = nw.val, stDigitMiddle
			case nw.kind == nwTen:
				group += 10
				next = stTen
			case nw.kind == nwScale && st == stHundred && (lastScale == 0 || nw.val < lastScale):
				total += group * nw.val
				group, lastScale, next = 0, nw.val, stScale
			default:
				good = false
			}
		case stZero:
			if nw.kind != nwDigit {
				good = false
				break
			}
			group += nw.val
			next = stUnits
		case stUnits:
			if nw.kind != nwScale || (lastScale != 0 && nw.val >= lastScale) {
				good = false
				break
			}
			total += group * nw.val
			group, lastScale, next = 0, nw.val, stScale
		}
		if !good {
			break
		}
		st = next
		pos = we
		consumed++
		if st != stZero && st != stDigitMiddle {
			n.val = total + group + pending
			n.end = we
			n.words = consumed
		}
	}
	if n.end == 0 {
		return n, false
	}
	return n, true
}

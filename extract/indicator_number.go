package extract

import (
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Reading the numbers of indicator values (see indicator_find.go): the
// shape of a figure (count, rate, score, rank), the Vietnamese number
// format, and the cheap pre-scan for blocks that hold a figure at all.

// candidate is a number read as a possible indicator value.
type candidate struct {
	tok        int // the number token
	value      float64
	outOf      float64
	shape      IndicatorKind // count, rate (a %), score (điểm), rank
	unit       int           // count: the unit term after the number, -1 none
	start, end int           // the evidence: the number to its unit
}

// candidate reads the number at token i and its shape.
func (x *indScan) candidate(t string, i int) (candidate, bool) {
	tk := x.toks[i]
	if !digitsStartOK(t, tk.start) {
		return candidate{}, false
	}
	// Glued to a letter or to a date/symbol separator: "12h", "15/3/2023"
	// (a rank "11/63" is read from the "thứ" before it).
	if tk.end < len(t) && (isLetterAt(t, tk.end) || t[tk.end] == '-' && tk.end+1 < len(t) && isDigit(t[tk.end+1])) {
		return candidate{}, false
	}
	val, integer, ok := parseVNNumber(t[tk.start:tk.end])
	if !ok {
		return candidate{}, false
	}
	c := candidate{tok: i, value: val, unit: -1, start: tk.start, end: tk.end}
	next := func(k int) *itok {
		if k < len(x.toks) {
			return &x.toks[k]
		}
		return nil
	}
	// Rank: "thứ 11/63", "hạng 5 trong 63", "thứ 5 trên tổng số 63".
	if i > 0 && x.toks[i-1].kind == itWord {
		if id, _ := x.termAt(i-1, x.m.ordinal); id >= 0 && integer {
			c.shape = IndicatorRank
			if n := next(i + 1); n != nil && n.kind == itPunct && n.punct == '/' && n.start == tk.end {
				if o := next(i + 2); o != nil && o.kind == itNum && o.start == n.end {
					if ov, oint, ok := parseVNNumber(t[o.start:o.end]); ok && oint {
						c.outOf, c.end = ov, o.end
					}
				}
			} else if id, e := x.termAt(i+1, x.m.ofWords); id >= 0 {
				if _, e2 := x.termAt(e, x.m.ofSkip); e2 > e {
					e = e2
				}
				if o := next(e); o != nil && o.kind == itNum {
					if ov, oint, ok := parseVNNumber(t[o.start:o.end]); ok && oint {
						c.outOf, c.end = ov, o.end
					}
				}
			}
			if c.outOf != 0 && c.value > c.outOf {
				return candidate{}, false
			}
			return c, true
		}
	}
	if tk.end < len(t) && t[tk.end] == '/' {
		return candidate{}, false // a date, a ratio or a symbol
	}
	if n := next(i + 1); n != nil && n.kind == itPunct && n.punct == '%' && n.start-tk.end <= 1 {
		c.shape, c.end = IndicatorRate, n.end
		return c, true
	}
	if id, e := x.termAt(i+1, x.m.points); id >= 0 {
		c.shape, c.end = IndicatorScore, x.toks[e-1].end
		return c, true
	}
	if !integer {
		return candidate{}, false
	}
	c.shape = IndicatorCount
	// "50 (năm mươi) thủ tục": the number again in words.
	if n := next(i + 1); n != nil && n.kind == itPunct && n.punct == '(' {
		if w, ok := parseNumWords(t, n.end); ok && w.end < len(t) && t[w.end] == ')' {
			for k := i + 2; k < len(x.toks); k++ {
				if x.toks[k].start == w.end {
					i = k // the unit is looked for after ")"
					break
				}
			}
		}
	}
	// A unit noun after the number, possibly after a classifier.
	if u, e := x.termAt(i+1, x.m.isUnit); u >= 0 {
		c.unit, c.end = u, x.toks[e-1].end
		if cl, _ := x.termAt(i+1, x.m.classifiers); cl >= 0 {
			if u2, e2 := x.termAt(i+2, x.m.isUnit); u2 >= 0 && e2 > e {
				c.unit, c.end = u2, x.toks[e2-1].end
			}
		}
		return c, true
	}
	if cl, _ := x.termAt(i+1, x.m.classifiers); cl >= 0 {
		if u, e := x.termAt(i+2, x.m.isUnit); u >= 0 {
			c.unit, c.end = u, x.toks[e-1].end
			return c, true
		}
	}
	// "Tổng số hồ sơ tiếp nhận: 19.630" / "… là 19.630": the label before
	// names the unit; nothing but punctuation may follow.
	if n := next(i + 1); n != nil && n.kind != itPunct {
		return candidate{}, false
	}
	if i == 0 {
		return candidate{}, false
	}
	p := x.toks[i-1]
	if p.kind == itPunct && p.punct == ':' || p.kind == itWord && (x.isWord(p, x.m.wLa) || x.isWord(p, x.m.wDat)) {
		return c, true
	}
	return candidate{}, false
}

// refYear is the year an index value refers to: a year written in its
// sentence before it ("Chỉ số CCHC năm 2022"), else the year before (or
// of) the report's period.
func (x *indScan) refYear(t string, ss, i int, rule string) int {
	for k := i - 1; k >= ss; k-- {
		tk := &x.toks[k]
		if tk.kind != itNum || tk.end-tk.start != 4 {
			continue
		}
		if y, err := strconv.Atoi(t[tk.start:tk.end]); err == nil && y >= 1990 && y <= 2100 {
			return y
		}
	}
	if x.year == 0 {
		return 0
	}
	if rule == "previous" {
		return x.year - 1
	}
	return x.year
}

// parseVNNumber reads a number written the Vietnamese way: "." groups
// thousands, "," is the decimal point ("1.455.775", "86,38"). A single "."
// before one or two digits is read as a decimal point typed the English way
// ("98.5"). integer is false when the number has a fraction.
//
// Most figures are whole numbers, plain or in groups of three: they are
// read here in one pass without allocating; every other shape is read by
// parseVNNumberSlow, the definition (TestParseVNNumberFast and
// FuzzParseVNNumber compare the two).
func parseVNNumber(s string) (v float64, integer, ok bool) {
	var n uint64
	digits, first, group, dots := 0, 0, -1, 0 // group: digits since the last ".", -1 before the first
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			n = n*10 + uint64(c-'0')
			digits++
			if group < 0 {
				first++
			} else {
				group++
			}
		case c == '.' && (group < 0 || group == 3):
			group, dots = 0, dots+1
		default:
			return parseVNNumberSlow(s)
		}
	}
	// At most 15 digits: exact in a float64, as ParseFloat reads them.
	if digits == 0 || digits > 15 || dots > 0 && (group != 3 || first == 0 || first > 3) {
		return parseVNNumberSlow(s)
	}
	return float64(n), true, true
}

// parseVNNumberSlow is parseVNNumber by its definition.
func parseVNNumberSlow(s string) (v float64, integer, ok bool) {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	if commas > 1 {
		return 0, false, false
	}
	intPart, frac := s, ""
	if commas == 1 {
		k := strings.IndexByte(s, ',')
		intPart, frac = s[:k], s[k+1:]
	} else if dots == 1 {
		k := strings.IndexByte(s, '.')
		if n := len(s) - k - 1; n != 3 {
			intPart, frac = s[:k], s[k+1:]
			dots = 0
		}
	}
	if dots > 0 {
		groups := strings.Split(intPart, ".")
		if len(groups[0]) > 3 {
			return 0, false, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false, false
			}
		}
		intPart = strings.ReplaceAll(intPart, ".", "")
	}
	if len(intPart) > 15 || intPart == "" {
		return 0, false, false
	}
	num := intPart
	if frac != "" {
		num += "." + frac
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, false, false
	}
	return v, frac == "", true
}

// hasFigure is the cheap pre-scan of a block: whether it holds a number
// that may be a value — not only dates ("14/7/2025"), document numbers
// ("1135/QĐ-UBND", "số 09-NQ/TU") and years ("năm 2024"), which most
// paragraphs are full of. Blocks without one are not tokenized.
func hasFigure(t string) bool { return nextFigure(t, 0) >= 0 }

// nextFigure returns the offset of the first figure (see hasFigure) at
// or after from, -1 when none.
func nextFigure(t string, from int) int {
	for i := from; i < len(t); {
		if i = nextDigit(t, i); i == len(t) {
			break
		}
		j := i
		for j < len(t) && (isDigit(t[j]) || (t[j] == '.' || t[j] == ',') && j+1 < len(t) && isDigit(t[j+1])) {
			j++
		}
		start, end := i, j
		i = j
		if start > 0 {
			if p := t[start-1]; p == '/' || p == '-' || p == '.' || p < utf8.RuneSelf && (p|0x20 >= 'a' && p|0x20 <= 'z') {
				continue
			}
		}
		if end < len(t) {
			switch n := t[end]; {
			case n == '/':
				if !rankBefore(t[:start]) {
					continue // a date, a document number or a ratio
				}
			case n == '-', n < utf8.RuneSelf && n|0x20 >= 'a' && n|0x20 <= 'z':
				continue
			}
		}
		if end-start == 4 && (strings.HasSuffix(t[:start], "năm ") || strings.HasSuffix(t[:start], "Năm ")) {
			continue
		}
		return start
	}
	return -1
}

// nextDigit returns the offset of the first ASCII digit at or after i,
// len(t) when none. Most of a block is words: it reads eight bytes at a
// time, a byte being a digit when, its top bit clear, adding 0x50 sets
// that bit (at least '0') and adding 0x46 does not (below ':'); with the
// top bits masked off first no sum carries into the next byte.
// TestNextDigit/FuzzNextDigit compare it with the byte loop.
func nextDigit(t string, i int) int {
	const lo7, top = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	for ; i+8 <= len(t); i += 8 {
		w := le64(t, i) // one load: the byte-by-byte form kept eight bounds checks
		v := w & lo7
		if d := (v + 0x5050505050505050) &^ (v + 0x4646464646464646) &^ w & top; d != 0 {
			return i + bits.TrailingZeros64(d)/8
		}
	}
	for ; i < len(t) && !isDigit(t[i]); i++ {
	}
	return i
}

// rankBefore reports whether text ends with a rank's words ("xếp thứ ",
// "hạng "): "11/63" after it is a rank, not a date.
func rankBefore(t string) bool {
	k := t[max(0, len(t)-12):]
	return strings.Contains(k, "thứ ") || strings.Contains(k, "hạng ")
}

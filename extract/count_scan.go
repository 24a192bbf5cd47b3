package extract

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsStartOK reports whether a number may start at i: at the start of
// the block or after a space, an opening bracket or quote, or clause
// punctuation. Digits glued to a letter are footnote marks or codes; after
// "/", "-", "–", "." or "+" they belong to a date, range, symbol or change.
func digitsStartOK(t string, i int) bool {
	if i == 0 {
		return true
	}
	switch t[i-1] {
	case ' ', '(', '[', '"', '\'', ':', ';', ',':
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return r == '“' || r == '‘'
}

// tryDigits reads the number written in digits at i and, when a unit
// follows, records the count. It returns where scanning goes on.
func (r *blockScan) tryDigits(i int) int {
	t, res := r.t, &r.res

	j := i
	for j < len(t) && isDigit(t[j]) {
		j++
	}
	if !digitsStartOK(t, i) {
		return skipNumberToken(t, j)
	}
	// Separators inside the number: "." thousands, "," decimals, "/" ratios
	// and dates, "-" and ":" ranges and times.
	var dots, commas, others int
	groupOK := j-i <= 3
	k := j
	for k+1 < len(t) && isNumSep(t[k]) && isDigit(t[k+1]) {
		sep := t[k]
		g := k + 1
		for g < len(t) && isDigit(t[g]) {
			g++
		}
		switch sep {
		case '.':
			dots++
			if g-(k+1) != 3 {
				groupOK = false
			}
		case ',':
			commas++
		default:
			others++
		}
		k = g
	}
	end := k
	if end < len(t) && (isLetterAt(t, end) || isDigit(t[end])) {
		return skipNumberToken(t, end) // "12h30", "5km", a glued code
	}
	if others > 0 || (dots > 0 && commas > 0) || (dots > 0 && !groupOK) {
		return end
	}
	if commas > 0 {
		// "1,86 tỷ", "96,55%": a decimal. A comma before exactly three
		// digits could be a thousands separator typed the English way.
		if commas == 1 && end-strings.IndexByte(t[i:end], ',')-i-1 == 3 {
			if _, ok := r.matchUnit(end); ok {
				res.diags = append(res.diags, countDiag{code: diagCountAmbiguousNum, sev: SeverityInfo,
					template: "«%s» before a unit noun: a decimal or a thousands separator? not counted", args: []string{t[i:end]}, start: i, end: end})
			}
		}
		return end
	}
	var val int64
	digits := 0
	for p := i; p < end; p++ {
		if isDigit(t[p]) {
			if digits > 15 {
				return end
			}
			val = val*10 + int64(t[p]-'0')
			if val > 0 || digits > 0 {
				digits++
			}
		}
	}
	// "50 (năm mươi) thủ tục": the number again in words.
	unitFrom := end
	if end+2 < len(t) && t[end] == ' ' && t[end+1] == '(' {
		if n, ok := parseNumWords(t, end+2); ok && n.end < len(t) && t[n.end] == ')' {
			if n.val != val {
				res.diags = append(res.diags, countDiag{code: diagCountWordsDiffer, sev: SeverityWarning,
					template: "«%s» in digits is %s in words; the digits are kept", args: []string{t[i : n.end+1], num(n.val)}, start: i, end: n.end + 1})
			}
			unitFrom = n.end + 1
		}
	}
	m, ok := r.matchUnit(unitFrom)
	if !ok {
		return end
	}
	if i == 0 && val < 1000 && startsUpper(t[m.start:]) {
		return m.end // "1 Quyết định số …": a footnote line that reached the body
	}
	if r.ruledOut(i, m) {
		return m.end
	}
	r.record(i, val, m)
	return m.end
}

// isNumSep reports whether c is one of the separators inside a number
// written in digits, strings.IndexByte(".,/-:", c) >= 0 (TestIsNumSep):
// a comparison in place of a call, on the path of every number.
func isNumSep(c byte) bool {
	switch c {
	case '.', ',', '/', '-', ':':
		return true
	}
	return false
}

// skipNumberToken moves past the rest of a token that is not a number.
func skipNumberToken(t string, j int) int {
	for j < len(t) && (isDigit(t[j]) || isLetterAt(t, j) || isNumSep(t[j]) && j+1 < len(t) && isDigit(t[j+1])) {
		if t[j] < utf8.RuneSelf {
			j++
		} else {
			_, size := utf8.DecodeRuneInString(t[j:])
			j += size
		}
	}
	return j
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isLetterAt(t string, i int) bool {
	c := t[i]
	if c < utf8.RuneSelf {
		return c|0x20 >= 'a' && c|0x20 <= 'z'
	}
	_, _, ok := wordRuneAt(t, i)
	return ok
}

// tryWords records the count of a number written in words at i, when a
// unit follows.
func (r *blockScan) tryWords(i int, n wordsNumber) {
	t := r.t
	m, ok := r.matchUnit(n.end)
	if !ok {
		return
	}
	// A capitalised number word starts a sentence or clause; elsewhere it is
	// part of a name ("phường Bảy Hiền").
	if n.first.title {
		k, ps, _ := prevToken(t, i)
		if k != tokNone && !(k == tokPunct && strings.IndexByte(".:;(!?-+", t[ps]) >= 0) {
			return
		}
	}
	if n.words == 1 {
		// A lone "một" is the article ("một văn bản" = a document); counts
		// of one are written "01".
		if n.val == 1 {
			return
		}
		// A lone "năm" is the year far more often than five.
		if n.first.year {
			if k, ps, pe := prevToken(t, i); k == tokWord && r.yearWords.has(r.key(ps, pe)) {
				return
			}
		}
	}
	if r.ruledOut(i, m) {
		return
	}
	r.record(i, n.val, m)
}

// sentenceCache remembers the last sentence found: counts come in text
// order, so each sentence is delimited once.
type sentenceCache struct {
	start, end int
	valid      bool
}

// bounds returns the sentence holding offset i: it ends after ".", "!" or
// "?" followed by a space and a capital letter, digit or bracket, or at
// the end of the block.
func (c *sentenceCache) bounds(t string, i int) (int, int) {
	if c.valid && c.start <= i && i < c.end {
		return c.start, c.end
	}
	floor := 0
	if c.valid && c.end < i {
		floor = c.end + 1 // the space between two sentences belongs to neither
	}
	start := floor
	for j := i; j > floor; {
		k := lastSentenceMark(t[floor:j])
		if k < 0 {
			break
		}
		k += floor
		if k+1 < i && t[k+1] == ' ' && sentenceEndsAt(t, k+1) {
			start = k + 2
			break
		}
		j = k
	}
	end := len(t)
	for j := i; j < len(t); {
		k := sentenceMark(t[j:])
		if k < 0 {
			break
		}
		k += j
		if k+1 < len(t) && t[k+1] == ' ' && sentenceEndsAt(t, k+1) {
			end = k + 1
			break
		}
		j = k + 1
	}
	c.start, c.end, c.valid = start, end, true
	return start, end
}

// sentenceMark is strings.IndexAny(t, ".!?"): the first ".", then a "!"
// or "?" before it, each found by the vectorised strings.IndexByte
// (sentences are delimited once per count and per figure).
func sentenceMark(t string) int {
	k := strings.IndexByte(t, '.')
	head := t
	if k >= 0 {
		head = t[:k]
	}
	if q := strings.IndexByte(head, '!'); q >= 0 {
		k, head = q, t[:q]
	}
	if q := strings.IndexByte(head, '?'); q >= 0 {
		k = q
	}
	return k
}

// lastSentenceMark is strings.LastIndexAny(t, ".!?"), as sentenceMark.
func lastSentenceMark(t string) int {
	for i := len(t) - 1; i >= 0; i-- {
		if c := t[i]; c == '.' || c == '!' || c == '?' {
			return i
		}
	}
	return -1
}

// sentenceEndsAt reports whether the space at j separates two sentences.
func sentenceEndsAt(t string, j int) bool {
	if j == 0 || j+1 >= len(t) {
		return false
	}
	switch t[j-1] {
	case '.', '!', '?':
	default:
		return false
	}
	r, _ := utf8.DecodeRuneInString(t[j+1:])
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '(' && r != '"' && r != '“' {
		return false
	}
	// "TP. Hồ Chí Minh", "Tp. Nha Trang": abbreviations, not sentence ends.
	ws := j - 1
	for ws > 0 && isLetterAt(t, ws-1) && t[ws-1] < utf8.RuneSelf {
		ws--
	}
	switch t[ws : j-1] {
	case "TP", "Tp", "tp", "TX", "Tx", "TT", "Q", "P", "TS", "ThS", "PGS", "GS", "ThS.BS", "BS", "v.v":
		return false
	}
	return true
}

// Tokens seen when looking back from a number.
type tokKind uint8

const (
	tokNone tokKind = iota
	tokWord
	tokNumber
	tokPunct
)

// prevToken returns the token ending before i, spaces skipped.
func prevToken(t string, i int) (tokKind, int, int) {
	j := i
	for j > 0 && t[j-1] == ' ' {
		j--
	}
	if j == 0 {
		return tokNone, 0, 0
	}
	c := t[j-1]
	if isDigit(c) {
		s := j - 1
		for s > 0 && (isDigit(t[s-1]) || isNumSep(t[s-1]) && s > 1 && isDigit(t[s-2])) {
			s--
		}
		return tokNumber, s, j
	}
	size, isWord := 1, (c|0x20)-'a' < 26
	if c >= utf8.RuneSelf {
		size, isWord = wordRuneBefore(t, j)
	}
	if isWord {
		s := j - size
		for s > 0 {
			if c := t[s-1]; c < utf8.RuneSelf {
				if c|0x20 < 'a' || c|0x20 > 'z' {
					break
				}
				s--
				continue
			}
			sz, ok := wordRuneBefore(t, s)
			if !ok {
				break
			}
			s -= sz
		}
		return tokWord, s, j
	}
	return tokPunct, j - size, j
}

// word is one word of the text with its comparison keys.
type word struct {
	key        wkey
	start, end int
}

// lookBackWords is how many words before a number the rules look at.
const lookBackWords = 15

// lookBack returns up to lookBackWords words before i in text order,
// stopping at ";" or a sentence end, or at the clause start unless far
// (numbers become numberWord), and how
// many of the last of them follow the nearest "," ":" "(" (the clause,
// at most 12) and the nearest "," "(" (the segment, at most 6).
func (r *blockScan) lookBack(i int, far bool) (all []wkey, clause, segment int) {
	t := r.t
	rev := r.bufBack[:0]
	clause, segment = -1, -1
	for len(rev) < lookBackWords && (far || clause < 0 || segment < 0 && len(rev) < 6) {
		k, ps, pe := prevToken(t, i)
		if k == tokNone {
			break
		}
		if k == tokWord {
			rev = append(rev, r.key(ps, pe))
		} else if k == tokNumber {
			rev = append(rev, wkey{tone: numberWord, fold: numberWord})
		} else {
			c := t[ps]
			if c == ';' || ((c == '.' || c == '!' || c == '?') && pe < len(t) && t[pe] == ' ') {
				break
			}
			if clause < 0 && (c == ',' || c == ':' || c == '(') {
				clause = len(rev)
			}
			if segment < 0 && (c == ',' || c == '(') {
				segment = len(rev)
			}
		}
		i = ps
	}
	if clause < 0 {
		clause = len(rev)
	}
	if segment < 0 {
		segment = len(rev)
	}
	return reverse(rev), min(clause, 12), min(segment, 6)
}

func reverse(ws []wkey) []wkey {
	for a, b := 0, len(ws)-1; a < b; a, b = a+1, b-1 {
		ws[a], ws[b] = ws[b], ws[a]
	}
	return ws
}

// wordsAfter returns up to max words from i on, stopping at any byte
// of stops or a sentence end.
func (r *blockScan) wordsAfter(out []wkey, i int, stops string, max int) []wkey {
	t := r.t
	for i < len(t) && len(out) < max {
		c := t[i]
		switch {
		case c == ' ':
			i++
		case isDigit(c):
			for i < len(t) && (isDigit(t[i]) || t[i] == '.' || t[i] == ',') && !(t[i] == '.' && (i+1 >= len(t) || !isDigit(t[i+1]))) {
				i++
			}
			out = append(out, wkey{tone: numberWord, fold: numberWord})
		case isLetterAt(t, i):
			k, we := r.wordAt(i)
			out = append(out, k)
			i = we
		default:
			if strings.IndexByte(stops, c) >= 0 || c == '.' || c == '!' || c == '?' {
				return out
			}
			_, size := utf8.DecodeRuneInString(t[i:])
			i += size
		}
	}
	return out
}

// wordsFrom returns up to max words starting at i separated by spaces only.
func (r *blockScan) wordsFrom(out []word, i, max int) []word {
	t := r.t
	for len(out) < max && i < len(t) {
		k, we := r.wordAt(i)
		if we == i {
			break
		}
		out = append(out, word{key: k, start: i, end: we})
		if we >= len(t) || t[we] != ' ' {
			break
		}
		i = we + 1
	}
	return out
}

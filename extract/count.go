package extract

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Counts: "đề ra 12 mục tiêu", "ban hành 10 văn bản", "tiếp nhận 19.630 hồ
// sơ, trong đó 12.000 hồ sơ trực tuyến". The grammar is
//
//	number [ "(" number in words ")" ] [classifier] unit-noun [modifiers]
//
// read only from countable blocks. The unit nouns and their kinds are data
// (data/count_units.tsv); the number grammar is in numwords.go; what rules a
// number out (ratios, rankings, changes against another period, document
// numbers, ordinals, years) is below. Parts of a breakdown ("trong đó",
// "gồm", "cụ thể:", a parenthesis) are kept with Nested set.
//
// Nested rule: a count is nested when it stands inside a breakdown opened
// after an earlier count of the same kind in the same sentence. A breakdown
// opens at "trong đó", "trong số đó/này", "bao gồm", "gồm (có)", "chia ra",
// "cụ thể" at the start of a clause, or "("; it closes at the matching ")",
// else at the next ";" (unless the marker is followed by ":", which opens a
// list running to the end of the sentence), else at the end of the sentence.
// A later stage of the same process ("tiếp nhận 19.630 hồ sơ; đã giải quyết
// 19.255 hồ sơ") is a different measure, not a part: it is not nested, and
// summing non-nested counts is only meaningful per measure, which the Text
// evidence shows.

//go:embed data/count_units.tsv
var countUnitsTSV string

// countRules are the compiled tables; built once, read-only after.
var countRules = sync.OnceValue(func() *countTables {
	t, err := parseCountUnits(countUnitsTSV)
	if err != nil {
		panic(err) // the embedded table is broken: a build bug
	}
	return t
})

// Diagnostic codes of the count rule.
const (
	diagCountPartExceeds  = "count.part_exceeds_total"
	diagCountPartsExceed  = "count.parts_exceed_total"
	diagCountWordsDiffer  = "count.words_mismatch"
	diagCountAmbiguousNum = "count.ambiguous_number"
)

func (e *Extractor) findCounts(s *scan) {
	rules := countRules()
	for i, b := range s.doc.Blocks {
		if !s.countable(i) {
			continue
		}
		text := s.doc.Slice(b.Span)
		if !mayHoldNumber(text) {
			continue
		}
		res := rules.blockCounts(text)
		base := b.Span.Start
		for _, h := range res.hits {
			sp := Span{Start: base + h.start, End: base + h.end}
			s.report.Counts = append(s.report.Counts, Count{
				Kind:    h.kind,
				Value:   h.value,
				Unit:    text[h.unitStart:h.end],
				Section: s.sectionAt(sp.Start),
				Text:    strings.TrimSpace(text[h.sentStart:h.sentEnd]),
				Nested:  h.parent >= 0,
				Span:    sp,
			})
		}
		for _, d := range res.diags {
			s.diagnose(d.code, d.sev, Span{Start: base + d.start, End: base + d.end}, d.msg)
		}
	}
}

// mayHoldNumber is the cheap pre-scan: a digit, or a letter that can begin
// a number word. Almost every report paragraph passes; headings and short
// list items often do not.
func mayHoldNumber(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if isNumWordInitial(c) && (i == 0 || text[i-1] == ' ') {
			return true
		}
	}
	return false
}

// countHit is a count found in one block; offsets are relative to the block.
type countHit struct {
	kind               CountKind
	value              int64
	start, unitStart   int
	end                int
	sentStart, sentEnd int
	parent             int // index of the count it is a part of, -1 if none
}

type countDiag struct {
	code       string
	sev        Severity
	msg        string
	start, end int
}

type blockResult struct {
	hits  []countHit
	diags []countDiag
}

// blockScan is the state of reading one block.
type blockScan struct {
	*countTables
	t string
	// fold lets words typed without diacritics match ("ho so"): only in a
	// block with no Vietnamese letter at all, where "chi" cannot be "chi
	// tiêu" (spending) standing in for "chỉ tiêu".
	fold bool
	sent sentenceCache
	res  blockResult
}

// key returns the comparison keys of a word of the block.
func (r *blockScan) key(w string) wkey {
	k := keyOf(w)
	k.ascii = k.ascii && r.fold
	return k
}

// hasVietnameseLetters reports whether t holds a precomposed letter of
// Latin-1 to Latin Extended-B or Latin Extended Additional, or a combining
// mark: text written with diacritics.
func hasVietnameseLetters(t string) bool {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= 0xC3 && c <= 0xC6, c == 0xCC, c == 0xCD, c == 0xE1:
			return true
		}
	}
	return false
}

// blockCounts finds the counts of one block of text.
func (r *countTables) blockCounts(t string) blockResult {
	b := &blockScan{countTables: r, t: t, fold: !hasVietnameseLetters(t)}
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			i = b.tryDigits(i)
		case c < utf8.RuneSelf && c|0x20 >= 'a' && c|0x20 <= 'z' || c >= utf8.RuneSelf:
			we := wordEnd(t, i)
			if we == i { // not a letter: punctuation or a symbol
				_, size := utf8.DecodeRuneInString(t[i:])
				i += size
				continue
			}
			if isNumWordInitial(c) && (i == 0 || !isDigit(t[i-1])) {
				if n, ok := parseNumWords(t, i); ok {
					b.tryWords(i, n)
					i = n.end
					continue
				}
			}
			i = we
		default:
			i++
		}
	}
	if len(b.res.hits) > 1 {
		b.nest()
	}
	return b.res
}

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
	for k+1 < len(t) && strings.IndexByte(".,/-:", t[k]) >= 0 && isDigit(t[k+1]) {
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
					msg: fmt.Sprintf("%q before a unit noun: a decimal or a thousands separator? not counted", t[i:end]), start: i, end: end})
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
					msg: fmt.Sprintf("%q in digits is %d in words; the digits are kept", t[i:n.end+1], n.val), start: i, end: n.end + 1})
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

// skipNumberToken moves past the rest of a token that is not a number.
func skipNumberToken(t string, j int) int {
	for j < len(t) && (isDigit(t[j]) || isLetterAt(t, j) || strings.IndexByte("./-:,", t[j]) >= 0 && j+1 < len(t) && isDigit(t[j+1])) {
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
	r, _ := utf8.DecodeRuneInString(t[i:])
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
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
			if k, ps, pe := prevToken(t, i); k == tokWord && r.yearWords[keyOf(t[ps:pe]).tone] {
				return
			}
		}
	}
	if r.ruledOut(i, m) {
		return
	}
	r.record(i, n.val, m)
}

func (r *blockScan) record(i int, val int64, m unitMatch) {
	ss, se := r.sent.bounds(r.t, i)
	r.res.hits = append(r.res.hits, countHit{kind: m.kind, value: val, start: i, unitStart: m.start, end: m.end,
		sentStart: ss, sentEnd: se, parent: -1})
}

// ruledOut applies the context rules that make a number with a unit noun
// not a count.
func (r *blockScan) ruledOut(i int, m unitMatch) bool {
	t := r.t

	k, ps, pe := prevToken(t, i)
	switch k {
	case tokNumber:
		return true // "2 năm hồ sơ", "2023 05 văn bản": not one number
	case tokWord:
		w := r.key(t[ps:pe])
		if r.numberWords.has(w) {
			return true // "hai mươi năm hồ sơ": a number that did not parse
		}
		if r.noCountBefore.has(w) {
			// "số 05" is a document number, unless "tổng số 120 hồ sơ".
			if w.fold != "so" {
				return true
			}
			if k2, ps2, pe2 := prevToken(t, ps); k2 != tokWord || keyOf(t[ps2:pe2]).fold != "tong" {
				return true
			}
		}
	}
	before := r.wordsBefore(i, ",;:(", 12)
	// "tăng 1.250 hồ sơ", "giảm 05 thủ tục so với quý trước": changes.
	for j := len(before) - 1; j >= 0; j-- {
		w := before[j]
		if r.changeSkip.has(w) {
			continue
		}
		if r.increase.has(w) {
			return true
		}
		if r.decrease.has(w) && (j == 0 || !r.cut.has(before[j-1])) {
			return true
		}
		break
	}
	// A baseline of another period: "so với 1.200 hồ sơ", "(cùng kỳ: 1.200 hồ sơ)".
	if hasPhrase(before, r.comparison) {
		return true
	}
	if hasPhrase(r.wordsBefore(i, ",;(", 6), r.baseline) {
		return true
	}
	// A comparison after the unit makes a preceding "hơn"/"giảm" a change.
	if after := r.wordsAfter(m.end, ",;:)", 8); hasPhrase(after, r.comparison) && hasPhrase(before, r.changeWords) {
		return true
	}
	if m.issued && !r.issuedBefore(r.wordsBefore(i, ";", 15)) {
		return true
	}
	return false
}

// issuedBefore reports whether an issuing verb is among ws. "trình"
// (submit) counts only on its own, not inside "chương trình", "quy trình"…
func (r *blockScan) issuedBefore(ws []wkey) bool {
	for i := range ws {
		for _, p := range r.issuing {
			if i+len(p) > len(ws) || !phraseMatches(ws[i:], p) {
				continue
			}
			if len(p) == 1 && p[0].fold == "trinh" && i > 0 && r.trinhCompounds.has(ws[i-1]) {
				continue
			}
			return true
		}
	}
	return false
}

// nest marks the parts of breakdowns (see the package comment on counts).
func (r *blockScan) nest() {
	t, res := r.t, &r.res

	hits := res.hits
	for a := 0; a < len(hits); {
		b := a + 1
		for b < len(hits) && hits[b].sentStart == hits[a].sentStart {
			b++
		}
		if b-a > 1 {
			sentEnd := hits[a].sentEnd
			var scopes []breakdown
			for h := a; h+1 < b; h++ {
				scopes = append(scopes, r.breakdowns(hits[h].end, hits[h+1].start, sentEnd)...)
			}
			for c := a + 1; c < b; c++ {
				// The innermost open breakdown holding the count.
				best := -1
				for si, sc := range scopes {
					if sc.at < hits[c].start && hits[c].start < sc.end && (best < 0 || sc.at > scopes[best].at) {
						best = si
					}
				}
				if best < 0 {
					continue
				}
				for p := c - 1; p >= a; p-- {
					if hits[p].end <= scopes[best].at && hits[p].kind == hits[c].kind {
						hits[c].parent = p
						break
					}
				}
			}
		}
		a = b
	}
	// Parts larger than their whole are doubtful: say so.
	sums := map[int]int64{}
	for c := range hits {
		p := hits[c].parent
		if p < 0 {
			continue
		}
		sums[p] += hits[c].value
		if hits[c].value > hits[p].value {
			res.diags = append(res.diags, countDiag{code: diagCountPartExceeds, sev: SeverityWarning,
				msg:   fmt.Sprintf("part %d %s is larger than its total %d", hits[c].value, t[hits[c].unitStart:hits[c].end], hits[p].value),
				start: hits[c].start, end: hits[c].end})
		}
	}
	for p := range hits {
		if sum, ok := sums[p]; ok && sum > hits[p].value {
			res.diags = append(res.diags, countDiag{code: diagCountPartsExceed, sev: SeverityInfo,
				msg:   fmt.Sprintf("parts sum to %d, more than the total %d (overlapping breakdowns?)", sum, hits[p].value),
				start: hits[p].start, end: hits[p].end})
		}
	}
}

// breakdown is the scope [at, end) of a breakdown marker.
type breakdown struct{ at, end int }

// breakdowns returns the breakdowns opened in t[from:to], a gap between two
// counts of the sentence ending at sentEnd.
func (r *blockScan) breakdowns(from, to, sentEnd int) []breakdown {
	t := r.t

	var out []breakdown
	depth := 0
	for i := from; i < to; {
		c := t[i]
		switch {
		case c == '(':
			out = append(out, breakdown{i, closeParen(t, i, sentEnd)})
			depth++
			i++
		case c == ')':
			depth--
			i++
		case isLetterAt(t, i):
			we := wordEnd(t, i)
			if n, end := r.markerAt(i); n > 0 {
				// "cụ thể" is an adjective unless it opens a clause.
				if n == 2 && keyOf(t[i:we]).fold == "cu" {
					if k, ps, _ := prevToken(t, i); k == tokWord || (k == tokPunct && t[ps] == ')') {
						i = we
						continue
					}
				}
				out = append(out, breakdown{i, scopeEnd(t, end, sentEnd, depth > 0)})
				i = end
				continue
			}
			i = we
		case c >= utf8.RuneSelf:
			_, size := utf8.DecodeRuneInString(t[i:])
			i += size
		default:
			i++
		}
	}
	return out
}

// markerAt returns the number of words and the end of the breakdown marker
// starting at i, 0 when there is none.
func (r *blockScan) markerAt(i int) (int, int) {
	ws := r.wordsFrom(i, 3)
	for _, p := range r.markers {
		if len(p) <= len(ws) && phraseAt(ws, 0, p) {
			return len(p), ws[len(p)-1].end
		}
	}
	return 0, 0
}

// scopeEnd is where a breakdown opened by a marker ending at i closes.
func scopeEnd(t string, i, sentEnd int, inParen bool) int {
	// "trong đó:", "gồm có:", "cụ thể như sau:" open a list.
	list := false
	for k := i; k < sentEnd && k < i+24 && !isDigit(t[k]) && t[k] != ',' && t[k] != ';'; k++ {
		if t[k] == ':' {
			list = true
			break
		}
	}
	depth := 0
	for k := i; k < sentEnd; k++ {
		switch t[k] {
		case '(':
			depth++
		case ')':
			if depth == 0 && inParen {
				return k
			}
			depth--
		case ';':
			if depth <= 0 && !list {
				return k
			}
		}
	}
	return sentEnd
}

func closeParen(t string, i, limit int) int {
	depth := 0
	for k := i; k < limit; k++ {
		switch t[k] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return limit
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
	if c.valid && c.end <= i {
		floor = c.end
	}
	start := floor
	for j := i - 1; j > floor; j-- {
		if t[j] == ' ' && sentenceEndsAt(t, j) {
			start = j + 1
			break
		}
	}
	end := len(t)
	for j := i; j < len(t); j++ {
		if t[j] == ' ' && sentenceEndsAt(t, j) {
			end = j
			break
		}
	}
	c.start, c.end, c.valid = start, end, true
	return start, end
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
		for s > 0 && (isDigit(t[s-1]) || strings.IndexByte(".,/-:", t[s-1]) >= 0 && s > 1 && isDigit(t[s-2])) {
			s--
		}
		return tokNumber, s, j
	}
	r, size := utf8.DecodeLastRuneInString(t[:j])
	if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
		s := j - size
		for s > 0 {
			r2, sz := utf8.DecodeLastRuneInString(t[:s])
			if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
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

// clauseWordsBefore returns up to max words before i, in text order,
// stopping at a sentence end or at any byte of stops. Numbers become the
// key "#".
func (r *blockScan) wordsBefore(i int, stops string, max int) []wkey {
	t := r.t

	var rev []wkey
	for len(rev) < max {
		k, ps, pe := prevToken(t, i)
		switch k {
		case tokNone:
			return reverse(rev)
		case tokWord:
			rev = append(rev, r.key(t[ps:pe]))
		case tokNumber:
			rev = append(rev, wkey{tone: "#", fold: "#"})
		case tokPunct:
			if strings.IndexByte(stops, t[ps]) >= 0 || ((t[ps] == '.' || t[ps] == '!' || t[ps] == '?') && pe < len(t) && t[pe] == ' ') {
				return reverse(rev)
			}
		}
		i = ps
	}
	return reverse(rev)
}

func reverse(ws []wkey) []wkey {
	for a, b := 0, len(ws)-1; a < b; a, b = a+1, b-1 {
		ws[a], ws[b] = ws[b], ws[a]
	}
	return ws
}

// clauseWordsAfter returns up to max words from i on, stopping at any byte
// of stops or a sentence end.
func (r *blockScan) wordsAfter(i int, stops string, max int) []wkey {
	t := r.t

	var out []wkey
	for i < len(t) && len(out) < max {
		c := t[i]
		switch {
		case c == ' ':
			i++
		case isDigit(c):
			for i < len(t) && (isDigit(t[i]) || t[i] == '.' || t[i] == ',') && !(t[i] == '.' && (i+1 >= len(t) || !isDigit(t[i+1]))) {
				i++
			}
			out = append(out, wkey{tone: "#", fold: "#"})
		case isLetterAt(t, i):
			we := wordEnd(t, i)
			out = append(out, r.key(t[i:we]))
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
func (r *blockScan) wordsFrom(i, max int) []word {
	t := r.t

	var out []word
	for len(out) < max && i < len(t) {
		we := wordEnd(t, i)
		if we == i {
			break
		}
		out = append(out, word{key: r.key(t[i:we]), start: i, end: we})
		if we >= len(t) || t[we] != ' ' {
			break
		}
		i = we + 1
	}
	return out
}

// unitMatch is a unit noun phrase found after a number.
type unitMatch struct {
	kind       CountKind
	start, end int
	issued     bool
}

// matchUnit matches the longest unit phrase starting after the space at
// i, with one optional classifier before it.
func (r *blockScan) matchUnit(i int) (unitMatch, bool) {
	t := r.t

	if i >= len(t) || t[i] != ' ' {
		return unitMatch{}, false
	}
	ws := r.wordsFrom(i+1, r.maxWords+1)
	if len(ws) == 0 {
		return unitMatch{}, false
	}
	if m, ok := r.longest(ws); ok {
		return m, m.kind != ""
	}
	if r.classifiers.has(ws[0].key) && len(ws) > 1 {
		if m, ok := r.longest(ws[1:]); ok && m.kind != "" {
			m.start = ws[0].start
			return m, true
		}
	}
	return unitMatch{}, false
}

// longest walks the unit trie. ok with an empty kind means the longest
// phrase is a listed non-count ("văn bản điện tử").
func (r *countTables) longest(ws []word) (unitMatch, bool) {
	node := r.root
	var best unitMatch
	found := false
	for _, w := range ws {
		next := node.child(w.key)
		if next == nil {
			break
		}
		node = next
		if node.terminal {
			best = unitMatch{kind: node.kind, start: ws[0].start, end: w.end, issued: node.issued}
			found = true
		}
	}
	return best, found
}

// wkey holds the comparison keys of a word: tone is lower case with the
// tone mark moved to the end, so both placements compare equal ("hoá" and
// "hóa" are both "hoa" + acute); fold drops every diacritic.
type wkey struct {
	tone, fold string
	ascii      bool
}

func (w wkey) matches(p wkey) bool {
	if w.ascii {
		return w.fold == p.fold
	}
	return w.tone == p.tone
}

// runeInfo describes one precomposed letter: its lower-case base with
// vowel marks but no tone, its ASCII fold, and its tone (0 none).
type runeInfo struct {
	base rune
	fold byte
	tone byte
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
			switch c {
			case '\u0300':
				tone = '1'
			case '\u0301':
				tone = '2'
			case '\u0303':
				tone = '3'
			case '\u0309':
				tone = '4'
			case '\u0323':
				tone = '5'
			default:
				kept = append(kept, c)
			}
		}
		base, _ := utf8.DecodeRuneInString(norm.NFC.String(string(kept)))
		fold := byte(0)
		if len(kept) > 0 && kept[0] < utf8.RuneSelf {
			fold = byte(kept[0])
		}
		if lower == 'đ' {
			base, fold = 'đ', 'd'
		}
		infos[r-runeInfoFirst] = runeInfo{base: base, fold: fold, tone: tone}
	}
	return infos
})

// keyOf computes the keys of one word.
func keyOf(w string) wkey {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		l := strings.ToLower(w)
		return wkey{tone: l, fold: l, ascii: true}
	}
	infos := runeInfos()
	var tone, fold []byte
	var mark byte
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			c := byte(unicode.ToLower(r))
			tone = append(tone, c)
			fold = append(fold, c)
		case r >= runeInfoFirst && r <= runeInfoLast:
			in := infos[r-runeInfoFirst]
			tone = utf8.AppendRune(tone, in.base)
			if in.fold != 0 {
				fold = append(fold, in.fold)
			}
			if in.tone != 0 {
				mark = in.tone
			}
		case r >= '\u0300' && r <= '\u036f':
			switch r { // a stray combining tone mark (text not in NFC)
			case '\u0300':
				mark = '1'
			case '\u0301':
				mark = '2'
			case '\u0303':
				mark = '3'
			case '\u0309':
				mark = '4'
			case '\u0323':
				mark = '5'
			default:
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
	return wkey{tone: string(tone), fold: string(fold)}
}

// unitNode is a node of the unit phrase trie, keyed by folded word.
type unitNode struct {
	terminal bool
	kind     CountKind // "" for a listed non-count
	issued   bool
	next     map[string][]unitEdge
}

type unitEdge struct {
	tone string
	node *unitNode
}

func (n *unitNode) child(k wkey) *unitNode {
	for _, e := range n.next[k.fold] {
		if k.ascii || e.tone == k.tone {
			return e.node
		}
	}
	return nil
}

// wordSet is a set of words compared by wkey.matches.
type wordSet struct{ tone, fold map[string]bool }

func newWordSet(words ...string) wordSet {
	s := wordSet{tone: map[string]bool{}, fold: map[string]bool{}}
	for _, w := range words {
		k := keyOf(w)
		s.tone[k.tone] = true
		s.fold[k.fold] = true
	}
	return s
}

func (s wordSet) has(k wkey) bool {
	if k.ascii {
		return s.fold[k.fold]
	}
	return s.tone[k.tone]
}

type phrase []wkey

func phrases(list ...string) []phrase {
	out := make([]phrase, len(list))
	for i, p := range list {
		for _, w := range strings.Fields(p) {
			out[i] = append(out[i], keyOf(w))
		}
	}
	return out
}

func hasPhrase(ws []wkey, ps []phrase) bool {
	for i := range ws {
		for _, p := range ps {
			if i+len(p) <= len(ws) && phraseMatches(ws[i:], p) {
				return true
			}
		}
	}
	return false
}

// phraseMatches reports whether ws starts with p; len(ws) >= len(p).
func phraseMatches(ws []wkey, p phrase) bool {
	for j, pw := range p {
		if !ws[j].matches(pw) {
			return false
		}
	}
	return true
}

func phraseAt(ws []word, i int, p phrase) bool {
	for j, pw := range p {
		if !ws[i+j].key.matches(pw) {
			return false
		}
	}
	return true
}

// countTables holds the unit trie and the cue words of the count grammar.
type countTables struct {
	root        *unitNode
	maxWords    int
	classifiers wordSet
	// noCountBefore: a number right after these words is not a count: a
	// document number (số), an ordinal or ranking (thứ, hạng), a date or
	// period (năm, quý, tháng, ngày, giai đoạn), a part of a text (điều,
	// khoản, mục, phụ lục…).
	noCountBefore wordSet
	// numberWords are the number words: a number right after one is the
	// tail of a longer number that did not parse.
	numberWords wordSet
	// yearWords: before a lone "năm" they make it the year ("trong năm").
	yearWords map[string]bool
	// increase/decrease directly before the number make it a change;
	// changeSkip words may stand between ("tăng thêm", "giảm đi"); cut
	// before giảm makes it a count of cuts ("cắt giảm 05 TTHC").
	increase, decrease, changeSkip, cut wordSet
	comparison, baseline, changeWords   []phrase
	issuing                             []phrase
	trinhCompounds                      wordSet
	markers                             []phrase
}

func parseCountUnits(tsv string) (*countTables, error) {
	t := &countTables{root: &unitNode{}}
	var classifiers []string
	for n, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 {
			return nil, fmt.Errorf("count_units.tsv:%d: want phrase<TAB>kind[<TAB>flags], got %q", n+1, line)
		}
		phraseText, kindText := Normalize(strings.TrimSpace(f[0])), strings.TrimSpace(f[1])
		words := strings.Fields(phraseText)
		if len(words) == 0 {
			return nil, fmt.Errorf("count_units.tsv:%d: empty phrase", n+1)
		}
		if kindText == "classifier" {
			if len(words) != 1 {
				return nil, fmt.Errorf("count_units.tsv:%d: a classifier is one word", n+1)
			}
			classifiers = append(classifiers, words[0])
			continue
		}
		var kind CountKind
		if kindText != "-" {
			kind = CountKind(kindText)
			known := false
			for _, k := range CountKinds {
				known = known || k == kind
			}
			if !known {
				return nil, fmt.Errorf("count_units.tsv:%d: unknown kind %q", n+1, kindText)
			}
		}
		issued := false
		if len(f) == 3 {
			switch strings.TrimSpace(f[2]) {
			case "issued":
				issued = true
			case "":
			default:
				return nil, fmt.Errorf("count_units.tsv:%d: unknown flag %q", n+1, f[2])
			}
		}
		node := t.root
		for _, w := range words {
			k := keyOf(w)
			var next *unitNode
			for _, e := range node.next[k.fold] {
				if e.tone == k.tone {
					next = e.node
				}
			}
			if next == nil {
				next = &unitNode{}
				if node.next == nil {
					node.next = map[string][]unitEdge{}
				}
				node.next[k.fold] = append(node.next[k.fold], unitEdge{tone: k.tone, node: next})
			}
			node = next
		}
		if node.terminal {
			return nil, fmt.Errorf("count_units.tsv:%d: %q listed twice", n+1, phraseText)
		}
		node.terminal, node.kind, node.issued = true, kind, issued
		t.maxWords = max(t.maxWords, len(words))
	}
	t.classifiers = newWordSet(classifiers...)
	t.noCountBefore = newWordSet("số", "thứ", "hạng", "năm", "quý", "tháng", "ngày", "tuần", "đoạn",
		"khoản", "điều", "điểm", "chương", "phần", "lục", "biểu", "bảng", "trang", "khóa", "lần",
		"kỳ", "hiệu", "đợt", "phiên", "lúc", "giờ")
	var nws []string
	for w := range numWords {
		nws = append(nws, w)
	}
	t.numberWords = newWordSet(nws...)
	t.yearWords = map[string]bool{}
	for _, w := range []string{"trong", "cả", "mỗi", "hằng", "hàng", "các", "của", "đầu", "cuối", "nửa", "giữa",
		"những", "nhiều", "qua", "này", "cùng", "vào", "từ", "đến", "tới", "sang", "trước", "sau", "hết", "là"} {
		t.yearWords[keyOf(w).tone] = true
	}
	t.increase = newWordSet("tăng")
	t.decrease = newWordSet("giảm")
	t.changeSkip = newWordSet("lên", "thêm", "đi", "xuống", "được", "ra", "bớt", "khoảng", "gần", "hơn", "trên")
	t.cut = newWordSet("cắt", "tinh")
	t.comparison = phrases("so với", "so cùng kỳ")
	t.baseline = phrases("cùng kỳ", "kỳ trước", "quý trước", "năm trước")
	t.changeWords = phrases("tăng", "giảm", "hơn", "chênh lệch")
	t.issuing = phrases("ban hành", "phát hành", "ký", "trình", "phê duyệt", "xây dựng", "tham mưu", "gửi")
	t.trinhCompounds = newWordSet("chương", "quy", "lộ", "công", "tiến", "toàn", "hành", "tờ")
	t.markers = phrases("trong số đó", "trong số này", "trong đó", "bao gồm", "gồm", "chia ra", "cụ thể")
	return t, nil
}

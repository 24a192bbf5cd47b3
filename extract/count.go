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
// after an earlier count of the same kind (its parent: the last such count
// before the marker). A breakdown opens at "trong đó", "trong số đó/này",
// "bao gồm", "gồm (có)", "chia ra", "cụ thể" or "riêng" opening a clause,
// or "("; it closes at the matching ")", else at the next ";" (unless the
// marker is followed by ":", which opens a list running to the end of the
// sentence), else at the end of the sentence. A sentence or paragraph that
// opens with a marker ("… 4.210 hồ sơ. Trong đó, 2.950 hồ sơ …") continues
// the breakdown of the sentence or paragraph before it, and bulleted items
// after a paragraph ending with ":" are parts of that paragraph's counts.
// A later stage of the same process ("tiếp nhận 19.630 hồ sơ; đã giải quyết
// 19.255 hồ sơ") is a different measure, not a part: it is not nested.
// Summing non-nested counts of one kind therefore never adds a part to its
// total; received and resolved dossiers are both totals, of two measures,
// which the Text evidence tells apart.

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
	bs := &blockScan{countTables: countRules()}
	// A breakdown can continue in the next block: list items after a
	// paragraph ending with ":" ("ban hành 08 văn bản, gồm:" / "- 05 kế
	// hoạch;"), or a paragraph opening with a marker ("Trong đó, …").
	// parents holds, by kind, the last count of the previous countable
	// block (an index into Counts), -1 for none.
	var parents [len(countKindOrder)]int
	resetParents := func() {
		for k := range parents {
			parents[k] = -1
		}
	}
	resetParents()
	listOpen := false
	for i, b := range s.doc.Blocks {
		if !s.countable(i) {
			// A footnote printed at a page foot interrupts nothing.
			if b.Kind != BlockFootnote {
				resetParents()
				listOpen = false
			}
			continue
		}
		text := s.doc.Slice(b.Span)
		var res blockResult
		bs.reset(text)
		if mayHoldNumber(text) {
			res = bs.scan()
		}
		isList := b.Kind == BlockListItem || startsWithBullet(text)
		inList := listOpen && isList
		contEnd := -1 // the part of this block that continues a breakdown
		if !isList {
			if end, ok := bs.continuesBreakdown(); ok {
				contEnd = end
			}
		}
		base := b.Span.Start
		first := len(s.report.Counts)
		for _, h := range res.hits {
			sp := Span{Start: base + h.start, End: base + h.end}
			nested := h.parent >= 0
			if p := parents[kindIndex(h.kind)]; !nested && p >= 0 && (inList || h.start < contEnd) {
				nested = true
				if parent := s.report.Counts[p]; h.value > parent.Value {
					s.diagnose(diagCountPartExceeds, SeverityWarning, sp,
						fmt.Sprintf("part %d %s is larger than its total %d", h.value, text[h.unitStart:h.end], parent.Value))
				}
			}
			s.report.Counts = append(s.report.Counts, Count{
				Kind:    h.kind,
				Value:   h.value,
				Unit:    text[h.unitStart:h.end],
				Section: s.sectionAt(sp.Start),
				Text:    strings.TrimSpace(text[h.sentStart:h.sentEnd]),
				Nested:  nested,
				Span:    sp,
			})
		}
		for _, d := range res.diags {
			s.diagnose(d.code, d.sev, Span{Start: base + d.start, End: base + d.end}, d.msg)
		}
		endsList := strings.HasSuffix(strings.TrimSpace(text), ":")
		switch {
		case inList:
			// The list goes on with the same totals.
		case contEnd >= 0 && endsList && len(res.hits) == 0:
			listOpen = true // "Trong đó:" on its own line, then the items
		default:
			resetParents()
			for c := first; c < len(s.report.Counts); c++ {
				if !s.report.Counts[c].Nested {
					parents[kindIndex(s.report.Counts[c].Kind)] = c
				}
			}
			listOpen = endsList && len(s.report.Counts) > first
		}
	}
}

func kindIndex(k CountKind) int {
	for i, c := range countKindOrder {
		if c == k {
			return i
		}
	}
	return 0
}

// startsWithBullet reports whether a block is a list item typed as text:
// "- ", "+ ", "• ", "– ", "* ".
func startsWithBullet(t string) bool {
	for _, b := range []string{"- ", "+ ", "• ", "– ", "* ", "-", "•"} {
		if strings.HasPrefix(t, b) {
			return b != "-" || len(t) > 1 && !isDigit(t[1])
		}
	}
	return false
}

// continuesBreakdown reports whether the block opens with a breakdown
// marker ("Trong đó, …", "Cụ thể: …") and where that breakdown ends.
func (r *blockScan) continuesBreakdown() (int, bool) {
	t := r.t
	i := 0
	for i < len(t) && !isLetterAt(t, i) {
		if t[i] >= utf8.RuneSelf {
			_, size := utf8.DecodeRuneInString(t[i:])
			i += size
			continue
		}
		if isDigit(t[i]) {
			return 0, false
		}
		i++
	}
	if i >= len(t) {
		return 0, false
	}
	n, end := r.markerAt(i)
	if n == 0 {
		return 0, false
	}
	_, sentEnd := r.sent.bounds(t, i)
	return scopeEnd(t, end, min(sentEnd, end+maxBreakdown), false), true
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
	// Scratch buffers, reused from count to count.
	bufBack, bufAfter [16]wkey
	bufWords          [4]word
}

// key returns the comparison keys of a word of the block.
func (r *blockScan) key(w string) wkey {
	k := r.keyOf(w)
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

// run finds the counts of one block of text. The result is valid until
// the next run: its slices are reused.
func (b *blockScan) run(t string) blockResult {
	b.reset(t)
	return b.scan()
}

// reset starts reading block t.
func (b *blockScan) reset(t string) {
	b.t, b.fold, b.sent = t, !hasVietnameseLetters(t), sentenceCache{}
	b.res.hits, b.res.diags = b.res.hits[:0], b.res.diags[:0]
}

// scan finds the counts of the block given to reset.
func (b *blockScan) scan() blockResult {
	t := b.t
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
			if we-i <= maxNumWordLen && numWordShapes[c]&(1<<(we-i)) != 0 && (i == 0 || !isDigit(t[i-1])) {
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
	return isWordRune(r)
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
			if k, ps, pe := prevToken(t, i); k == tokWord && r.yearWords.has(r.key(t[ps:pe])) {
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
		k2, ps2, pe2 := prevToken(t, ps)
		var w2 wkey
		if k2 == tokWord {
			w2 = r.key(t[ps2:pe2])
		}
		if r.noCountBefore.has(w) {
			// "số 05" is a document number and "mục 2" a section, but
			// "tổng số 120 hồ sơ" and "danh mục 73 thủ tục" are counts.
			switch {
			case w.fold == r.so.fold && w2.fold == r.tong.fold && k2 == tokWord:
			case w.fold == r.muc.fold && w2.fold == r.danh.fold && k2 == tokWord:
			default:
				return true
			}
		}
		// "Đề án 06", "Nghị định 61", "Luật 80": a document cited by its
		// number, not six, sixty-one or eighty of anything.
		if w.fold == r.luat.fold && startsUpper(t[ps:pe]) {
			return true
		}
		if k2 == tokWord && r.docTypes.has(w) && r.docTypeHeads.has(w2) && startsUpper(t[ps2:pe2]) {
			return true
		}
		// "62 trên 65 nhiệm vụ": a ratio in words.
		if w.fold == r.tren.fold && k2 == tokNumber {
			return true
		}
	}
	// The words before the number: back to ";" or the sentence start for
	// an issuing verb, to the clause start (",", ":", "(") for changes and
	// comparisons, to the segment start (",", "(") for a baseline.
	all, clause, segment := r.lookBack(i, m.issued)
	before := all[len(all)-clause:]
	// "tăng 1.250 hồ sơ", "giảm 05 thủ tục so với quý trước": changes.
	for j := len(before) - 1; j >= 0; j-- {
		w := before[j]
		if r.changeSkip.has(w) {
			continue
		}
		if r.increase.has(w) {
			return true
		}
		// "tăng từ 1.000 hồ sơ lên 1.300 hồ sơ": the first is the old level.
		if w.tone == r.tu.tone && j > 0 && (r.increase.has(before[j-1]) || r.decrease.has(before[j-1])) {
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
	if hasPhrase(all[len(all)-segment:], r.baseline) {
		return true
	}
	// A comparison after the unit makes a preceding "hơn"/"giảm" a change.
	if hasPhrase(before, r.changeWords) && hasPhrase(r.wordsAfter(r.bufAfter[:0], m.end, ",;:)", 8), r.comparison) {
		return true
	}
	if m.issued && !r.issuedBefore(all) {
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
			if len(p) == 1 && p[0].fold == r.trinh.fold && i > 0 && r.trinhCompounds.has(ws[i-1]) {
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
		for b < len(hits) && (hits[b].sentStart == hits[b-1].sentStart || r.continues(hits[b-1], hits[b])) {
			b++
		}
		if b-a > 1 {
			var scopes []breakdown
			for h := a; h+1 < b; h++ {
				if hits[h].sentStart == hits[h+1].sentStart {
					scopes = append(scopes, r.breakdowns(hits[h].end, hits[h+1].start, hits[h].sentEnd)...)
					continue
				}
				// "… 100 hồ sơ. Trong đó, 60 hồ sơ …": the gap spans two sentences.
				scopes = append(scopes, r.breakdowns(hits[h].end, hits[h].sentEnd, hits[h].sentEnd)...)
				scopes = append(scopes, r.breakdowns(hits[h+1].sentStart, hits[h+1].start, hits[h+1].sentEnd)...)
			}
			// Bounded look-backs keep a pathological sentence linear.
			const look = 64
			first := 0 // scopes before it opened before the count
			for c := a + 1; c < b; c++ {
				for first < len(scopes) && scopes[first].at < hits[c].start {
					first++
				}
				// The innermost open breakdown holding the count.
				in := -1
				for si := first - 1; si >= 0 && si >= first-look; si-- {
					if hits[c].start < scopes[si].end {
						in = si
						break
					}
				}
				if in < 0 {
					continue
				}
				for p := c - 1; p >= a && p >= c-look; p-- {
					if hits[p].end <= scopes[in].at && hits[p].kind == hits[c].kind {
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

// continues reports whether hit b is in the sentence right after hit a's
// and that sentence opens with a breakdown marker ("Trong đó, …").
func (r *blockScan) continues(a, b countHit) bool {
	if b.sentStart != a.sentEnd+1 {
		return false
	}
	i := b.sentStart
	for i < b.start && !isLetterAt(r.t, i) {
		i++
	}
	n, _ := r.markerAt(i)
	return n > 0 && i < b.start
}

// maxBreakdown bounds how far a breakdown reaches, so that text with no
// sentence ends stays linear; real breakdowns are a few lines long.
const maxBreakdown = 4096

// breakdown is the scope [at, end) of a breakdown marker.
type breakdown struct{ at, end int }

// breakdowns returns the breakdowns opened in t[from:to], a gap between two
// counts of the sentence ending at sentEnd.
func (r *blockScan) breakdowns(from, to, sentEnd int) []breakdown {
	t := r.t
	var out []breakdown
	depth := 0
	// A gap with more markers than this is not prose: stop looking.
	for i := from; i < to && len(out) < 8; {
		c := t[i]
		switch {
		case c == '(':
			out = append(out, breakdown{i, closeParen(t, i, min(sentEnd, i+maxBreakdown))})
			depth++
			i++
		case c == ')':
			depth--
			i++
		case isLetterAt(t, i):
			we := wordEnd(t, i)
			if n, end := r.markerAt(i); n > 0 {
				out = append(out, breakdown{i, scopeEnd(t, end, min(sentEnd, end+maxBreakdown), depth > 0)})
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
	switch r.t[i] | 0x20 { // every marker starts with one of these letters
	case 't', 'b', 'g', 'c', 'r':
	default:
		return 0, 0
	}
	we := wordEnd(r.t, i)
	if n := we - i; n == 0 || n > 31 || r.markerShapes[lead(r.t[i:])]&(1<<n) == 0 || !r.markerFirst.has(r.key(r.t[i:we])) {
		return 0, 0
	}
	ws := r.wordsFrom(r.bufWords[:0], i, 3)
	for _, p := range r.markers {
		if len(p) > len(ws) || !phraseAt(ws, 0, p) {
			continue
		}
		// "cụ thể" and "riêng" are adjectives ("giải pháp cụ thể",
		// "chuyên mục riêng") unless they open a clause; "cụ thể hóa"
		// is a verb.
		if r.clauseMarkers.has(ws[0].key) {
			if k, ps, _ := prevToken(r.t, i); k == tokWord || k == tokNumber || (k == tokPunct && r.t[ps] == ')') {
				return 0, 0
			}
			if len(ws) > len(p) && r.hoa.has(ws[len(p)].key) {
				return 0, 0
			}
		}
		return len(p), ws[len(p)-1].end
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
	if c.valid && c.end < i {
		floor = c.end + 1 // the space between two sentences belongs to neither
	}
	start := floor
	for j := i; j > floor; {
		k := strings.LastIndexAny(t[floor:j], ".!?")
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
		k := strings.IndexAny(t[j:], ".!?")
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
	if r < utf8.RuneSelf && (r|0x20 >= 'a' && r|0x20 <= 'z') || r >= utf8.RuneSelf && isWordRune(r) {
		s := j - size
		for s > 0 {
			if c := t[s-1]; c < utf8.RuneSelf {
				if c|0x20 < 'a' || c|0x20 > 'z' {
					break
				}
				s--
				continue
			}
			r2, sz := utf8.DecodeLastRuneInString(t[:s])
			if !isWordRune(r2) {
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
			rev = append(rev, r.key(t[ps:pe]))
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
func (r *blockScan) wordsFrom(out []word, i, max int) []word {
	t := r.t
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
// i, with one optional classifier before it. Words are keyed lazily: most
// numbers are followed by no unit at all.
func (r *blockScan) matchUnit(i int) (unitMatch, bool) {
	t := r.t
	if i >= len(t) || t[i] != ' ' {
		return unitMatch{}, false
	}
	m, ok, first, firstEnd := r.longest(i + 1)
	if ok {
		return m, m.kind != ""
	}
	if firstEnd > 0 && firstEnd+1 < len(t) && t[firstEnd] == ' ' && r.classifiers.has(first) {
		if m, ok, _, _ := r.longest(firstEnd + 1); ok && m.kind != "" {
			m.start = i + 1
			return m, true
		}
	}
	return unitMatch{}, false
}

// longest walks the unit trie from the word at i. ok with an empty kind
// means the longest phrase is a listed non-count ("văn bản điện tử"). It
// also returns the key and end of the first word (end 0 when none).
func (r *blockScan) longest(i int) (best unitMatch, ok bool, first wkey, firstEnd int) {
	t := r.t
	node := r.root
	start := i
	for n := 0; n < r.maxWords && i < len(t); n++ {
		we := wordEnd(t, i)
		if we == i {
			break
		}
		k := r.key(t[i:we])
		if n == 0 {
			first, firstEnd = k, we
		}
		if node = node.child(k); node == nil {
			break
		}
		if node.terminal {
			best, ok = unitMatch{kind: node.kind, start: start, end: we, issued: node.issued}, true
		}
		if we >= len(t) || t[we] != ' ' {
			break
		}
		i = we + 1
	}
	return best, ok, first, firstEnd
}

// wkey holds the comparison keys of a word as ids into the vocabulary of
// the count tables: tone is the word in lower case with its tone mark moved
// to the end, so both placements compare equal ("hoá" and "hóa" are both
// "hoa" + acute); fold drops every diacritic. A word outside the
// vocabulary has id -1: it matches nothing.
type wkey struct {
	tone, fold int32
	ascii      bool
}

const (
	unknownWord int32 = -1
	numberWord  int32 = -2 // a number in digits among the words
)

func (w wkey) matches(p wkey) bool {
	if w.ascii {
		return w.fold == p.fold && p.fold >= 0
	}
	return w.tone == p.tone && p.tone >= 0
}

// runeInfo describes one precomposed letter: its lower-case base with
// vowel marks but no tone, its ASCII fold, and its tone (0 none).
type runeInfo struct {
	base rune
	fold byte
	tone byte
	enc  [3]byte // base in UTF-8
	n    uint8   // bytes of enc
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
		in := runeInfo{base: base, fold: fold, tone: tone}
		in.n = uint8(utf8.EncodeRune(in.enc[:], base))
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

// appendTone is appendKeys without the fold key, for look-ups: an ASCII
// word's fold key is its tone key, and other words match by tone only.
func appendTone(infos []runeInfo, tone []byte, w string) ([]byte, bool) {
	ascii := true
	var mark byte
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			tone = append(tone, c)
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		switch {
		case r >= runeInfoFirst && r <= runeInfoLast:
			in := &infos[r-runeInfoFirst]
			tone = append(tone, in.enc[:in.n]...)
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
	return tone, ascii
}

// keyStrings returns the tone and fold keys of w as strings.
func keyStrings(w string) (tone, fold string, ascii bool) {
	t, f, a := appendKeys(runeInfos(), nil, nil, w)
	return string(t), string(f), a
}

// vocabTable is an open-addressing hash table over the vocabulary: a
// lookup hashes the key bytes once (FNV-1a) and compares one string,
// cheaper than a Go map on the hot path of every word near a number.
type vocabTable struct {
	slots []vocabSlot
	mask  uint64
}

type vocabSlot struct {
	key  string
	ids  wordIDs
	used bool
}

func fnv1a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func newVocabTable(ids map[string]wordIDs) vocabTable {
	size := 16
	for size < 4*len(ids) {
		size *= 2
	}
	v := vocabTable{slots: make([]vocabSlot, size), mask: uint64(size - 1)}
	for k, e := range ids {
		i := fnv1a([]byte(k)) & v.mask
		for v.slots[i].used {
			i = (i + 1) & v.mask
		}
		v.slots[i] = vocabSlot{key: k, ids: e, used: true}
	}
	return v
}

func (v *vocabTable) get(b []byte) (wordIDs, bool) {
	if len(v.slots) == 0 {
		return wordIDs{}, false
	}
	for i := fnv1a(b) & v.mask; ; i = (i + 1) & v.mask {
		s := &v.slots[i]
		if !s.used {
			return wordIDs{}, false
		}
		if s.key == string(b) {
			return s.ids, true
		}
	}
}

// wordIDs are the ids a key string has as a tone key and as a fold key
// (an ASCII string can be both), unknownWord when it is not one.
type wordIDs struct{ tone, fold int32 }

// keyOf looks the keys of w up in the vocabulary with one map lookup and
// no allocation: an ASCII word's tone key is its fold key; a word with
// diacritics matches by tone only, and its fold id follows from it.
func (r *countTables) keyOf(w string) wkey {
	var tb [64]byte
	tone, ascii := appendTone(r.infos, tb[:0], w)
	k := wkey{tone: unknownWord, fold: unknownWord, ascii: ascii}
	if e, ok := r.vocab.get(tone); ok {
		k.tone = e.tone
		if ascii {
			k.fold = e.fold
		} else if e.tone >= 0 {
			k.fold = r.foldOf[e.tone]
		}
	}
	return k
}

// intern adds w to the vocabulary and returns its keys.
func (r *countTables) intern(w string) wkey {
	tone, fold, ascii := keyStrings(w)
	get := func(s string) wordIDs {
		if e, ok := r.ids[s]; ok {
			return e
		}
		return wordIDs{tone: unknownWord, fold: unknownWord}
	}
	te := get(tone)
	if te.tone < 0 {
		te.tone = int32(len(r.foldOf))
		r.foldOf = append(r.foldOf, unknownWord)
		r.ids[tone] = te
	}
	fe := get(fold)
	if fe.fold < 0 {
		fe.fold = r.nFold
		r.nFold++
		r.ids[fold] = fe
	}
	r.foldOf[te.tone] = fe.fold
	return wkey{tone: te.tone, fold: fe.fold, ascii: ascii}
}

// lead is the first byte of a word, lower-cased when ASCII; upper- and
// lower-case Vietnamese letters share their UTF-8 lead byte.
func lead(w string) byte {
	c := w[0]
	if 'A' <= c && c <= 'Z' {
		c |= 0x20
	}
	return c
}

// unitNode is a node of the unit phrase trie, keyed by folded word.
type unitNode struct {
	terminal bool
	kind     CountKind // "" for a listed non-count
	issued   bool
	next     map[int32][]unitEdge
}

type unitEdge struct {
	tone int32
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

// wordSet is a set of words compared by wkey.matches: bit sets over the
// tone and fold ids.
type wordSet struct{ tone, fold []uint64 }

func (r *countTables) newWordSet(words ...string) wordSet {
	var s wordSet
	set := func(b []uint64, id int32) []uint64 {
		for int(id/64) >= len(b) {
			b = append(b, 0)
		}
		b[id/64] |= 1 << (id % 64)
		return b
	}
	for _, w := range words {
		k := r.intern(w)
		s.tone = set(s.tone, k.tone)
		s.fold = set(s.fold, k.fold)
	}
	return s
}

func (s wordSet) has(k wkey) bool {
	b, id := s.tone, k.tone
	if k.ascii {
		b, id = s.fold, k.fold
	}
	return id >= 0 && int(id/64) < len(b) && b[id/64]&(1<<(id%64)) != 0
}

type phrase []wkey

func (r *countTables) phrases(list ...string) []phrase {
	out := make([]phrase, len(list))
	for i, p := range list {
		for _, w := range strings.Fields(p) {
			out[i] = append(out[i], r.intern(w))
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
	yearWords wordSet
	// Words some rules single out.
	so, tong, trinh, muc, danh, tren, luat, tu wkey
	// docTypeHeads and docTypes are the first and last words of document
	// type names: "Đề án 06" is a citation, not six of anything.
	docTypeHeads, docTypes wordSet
	// The vocabulary: every word the tables name, by key; infos is
	// runeInfos().
	ids    map[string]wordIDs // while building; vocab after
	vocab  vocabTable
	foldOf []int32 // fold id by tone id
	nFold  int32
	infos  []runeInfo
	// markerFirst holds the first words of markers, a cheap pre-filter;
	// clauseMarkers the first words of markers that must open a clause.
	markerFirst, clauseMarkers, hoa wordSet
	// markerShapes[lead byte] has bit n set when a marker's first word has
	// n bytes and starts with that byte (lower or title case).
	markerShapes [256]uint32
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
	t := &countTables{root: &unitNode{}, ids: map[string]wordIDs{}, infos: runeInfos()}
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
			k := t.intern(w)
			var next *unitNode
			for _, e := range node.next[k.fold] {
				if e.tone == k.tone {
					next = e.node
				}
			}
			if next == nil {
				next = &unitNode{}
				if node.next == nil {
					node.next = map[int32][]unitEdge{}
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
	t.classifiers = t.newWordSet(classifiers...)
	t.noCountBefore = t.newWordSet("số", "thứ", "hạng", "năm", "quý", "tháng", "ngày", "tuần", "đoạn",
		"khoản", "điều", "điểm", "mục", "chương", "phần", "lục", "biểu", "bảng", "trang", "khóa", "lần",
		"kỳ", "hiệu", "đợt", "phiên", "lúc", "giờ", "mẫu")
	var nws []string
	for w := range numWords {
		nws = append(nws, w)
	}
	t.numberWords = t.newWordSet(nws...)
	t.yearWords = t.newWordSet("trong", "cả", "mỗi", "hằng", "hàng", "các", "của", "đầu", "cuối", "nửa", "giữa",
		"những", "nhiều", "qua", "này", "cùng", "vào", "từ", "đến", "tới", "sang", "trước", "sau", "hết", "là")
	t.so, t.tong, t.trinh = t.intern("số"), t.intern("tổng"), t.intern("trình")
	t.muc, t.danh, t.tren, t.luat, t.tu = t.intern("mục"), t.intern("danh"), t.intern("trên"), t.intern("luật"), t.intern("từ")
	t.docTypeHeads = t.newWordSet("nghị", "quyết", "chỉ", "kế", "công", "thông", "đề", "kết", "chương", "hướng", "tờ", "báo", "dự")
	t.docTypes = t.newWordSet("định", "quyết", "thị", "hoạch", "văn", "tư", "án", "luận", "trình", "dẫn", "báo", "cáo")
	t.increase = t.newWordSet("tăng")
	t.decrease = t.newWordSet("giảm")
	t.changeSkip = t.newWordSet("lên", "thêm", "đi", "xuống", "được", "ra", "bớt", "khoảng", "gần", "hơn", "trên")
	t.cut = t.newWordSet("cắt", "tinh")
	t.comparison = t.phrases("so với", "so cùng kỳ")
	t.baseline = t.phrases("cùng kỳ", "kỳ trước", "quý trước", "năm trước")
	t.changeWords = t.phrases("tăng", "giảm", "hơn", "chênh lệch", "vượt")
	t.issuing = t.phrases("ban hành", "phát hành", "ký", "trình", "phê duyệt", "xây dựng", "tham mưu", "gửi")
	t.trinhCompounds = t.newWordSet("chương", "quy", "lộ", "công", "tiến", "toàn", "hành", "tờ")
	t.markers = t.phrases("trong số đó", "trong số này", "trong đó", "bao gồm", "gồm", "chia ra", "cụ thể", "riêng")
	firsts := []string{"trong", "bao", "gồm", "chia", "cụ", "riêng"}
	t.markerFirst = t.newWordSet(firsts...)
	for _, w := range firsts {
		for _, v := range []string{w, strings.ToUpper(w[:1]) + w[1:]} {
			t.markerShapes[lead(v)] |= 1 << len(v)
		}
	}
	t.clauseMarkers = t.newWordSet("cụ", "riêng")
	t.hoa = t.newWordSet("hóa")
	t.vocab = newVocabTable(t.ids)
	return t, nil
}

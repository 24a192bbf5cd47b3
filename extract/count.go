package extract

import (
	_ "embed"
	"strconv"
	"strings"
	"unicode/utf8"
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

// Diagnostic codes of the count rule.
const (
	diagCountPartExceeds  = "count.part_exceeds_total"
	diagCountPartsExceed  = "count.parts_exceed_total"
	diagCountWordsDiffer  = "count.words_mismatch"
	diagCountAmbiguousNum = "count.ambiguous_number"
)

// countScan holds the buffers of reading one report's counts, reused from
// report to report: the block scanner and the counts found, which are
// copied into the report once at the end (appending to the report's
// slice directly made it grow, and be copied, a dozen times).
type countScan struct {
	bs     blockScan
	counts []Count
}

func (e *Extractor) findCounts(s *scan) {
	cs, _ := e.countScans.Get().(*countScan)
	if cs == nil {
		cs = &countScan{bs: blockScan{countTables: countRules()}}
	}
	bs, counts := &cs.bs, cs.counts[:0]
	defer func() {
		if len(counts) > 0 {
			s.report.Counts = append(s.report.Counts, counts...)
		}
		clear(counts) // hold no report's strings in the pool
		cs.counts = counts[:0]
		clear(bs.res.diags)
		bs.reset("")
		e.countScans.Put(cs)
	}()
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
		first := len(counts)
		for _, h := range res.hits {
			sp := Span{Start: base + h.start, End: base + h.end}
			nested := h.parent >= 0
			if p := parents[kindIndex(h.kind)]; !nested && p >= 0 && (inList || h.start < contEnd) {
				nested = true
				if parent := counts[p]; h.value > parent.Value {
					s.diagnose(diagCountPartExceeds, SeverityWarning, sp,
						msgPartExceeds, num(h.value), text[h.unitStart:h.end], num(parent.Value))
				}
			}
			counts = append(counts, Count{
				Kind:    h.kind,
				Value:   h.value,
				Unit:    text[h.unitStart:h.end],
				Section: s.sectionAt(sp.Start),
				Text:    evidence(text, h.sentStart, h.sentEnd, h.start, h.end),
				Nested:  nested,
				Span:    sp,
			})
		}
		for _, d := range res.diags {
			s.diagnose(d.code, d.sev, Span{Start: base + d.start, End: base + d.end}, d.template, d.args...)
		}
		endsList := strings.HasSuffix(strings.TrimSpace(text), ":")
		switch {
		case inList:
			// The list goes on with the same totals.
		case contEnd >= 0 && endsList && len(res.hits) == 0:
			listOpen = true // "Trong đó:" on its own line, then the items
		default:
			resetParents()
			for c := first; c < len(counts); c++ {
				if !counts[c].Nested {
					parents[kindIndex(counts[c].Kind)] = c
				}
			}
			listOpen = endsList && len(counts) > first
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
	// Every bullet starts with one of these bytes ('•' and '–' with 0xE2):
	// most blocks are ruled out without the prefix tests.
	return t != "" && (t[0] == '-' || t[0] == '+' || t[0] == '*' || t[0] == 0xE2) && bulletPrefix(t)
}

// bulletPrefix is startsWithBullet by its prefixes alone.
func bulletPrefix(t string) bool {
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

// msgPartExceeds is the diagnostic of a part larger than its total.
const msgPartExceeds = "part %v %s is larger than its total %v"

// num writes a count for a message argument.
func num(n int64) string { return strconv.FormatInt(n, 10) }

type countDiag struct {
	code       string
	sev        Severity
	template   string
	args       []string
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
	// words remembers the keys of the block's words by their start: the
	// look-back of each number re-reads the words before it, which the
	// numbers before it (and their units) have mostly read already.
	// Entries of an earlier block have another gen.
	words [64]cachedWord
	gen   uint32
	// cache holds the keys of the words of earlier blocks and reports by
	// their bytes (the vocabulary is always countRules').
	cache wordCache
}

type cachedWord struct {
	start, end int
	key        wkey
	gen        uint32
}

// key returns the comparison keys of the word t[ps:pe] of the block.
func (r *blockScan) key(ps, pe int) wkey {
	c := &r.words[ps%len(r.words)]
	if c.gen == r.gen && c.start == ps && c.end == pe {
		return c.key
	}
	k := r.cache.key(r.countTables, r.t, ps, pe)
	k.ascii = k.ascii && r.fold
	*c = cachedWord{start: ps, end: pe, key: k, gen: r.gen}
	return k
}

// wordAt returns the keys and the end of the word starting at i (the
// end is i when none starts there), found and keyed in one pass.
func (r *blockScan) wordAt(i int) (wkey, int) {
	c := &r.words[i%len(r.words)]
	if c.gen == r.gen && c.start == i {
		return c.key, c.end
	}
	end := wordEnd(r.t, i)
	if end == i {
		return wkey{}, i
	}
	k := r.cache.key(r.countTables, r.t, i, end)
	k.ascii = k.ascii && r.fold
	*c = cachedWord{start: i, end: end, key: k, gen: r.gen}
	return k, end
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

// reset starts reading block t.
func (b *blockScan) reset(t string) {
	b.t, b.fold, b.sent = t, !hasVietnameseLetters(t), sentenceCache{}
	b.gen++
	if b.gen == 0 { // wrapped: entries of gen 0 could look current
		b.words = [len(b.words)]cachedWord{}
		b.gen = 1
	}
	b.res.hits, b.res.diags = b.res.hits[:0], b.res.diags[:0]
}

// scan finds the counts of the block given to reset. Only two places can
// start one: a digit, and a number word (numwords.go), whose first byte
// is an ASCII letter at the start of a word. The scan steps over every
// pair of bytes that is neither a digit nor the first two bytes of a
// number word (scanPairs) without decoding it, and over a letter inside a
// word; tryDigits and tryWords return past what they read, never inside a
// word. TestScanPlain and FuzzScan compare it with scanPlain, which stops
// at every first letter of a number word and finds the end of every word
// it starts.
func (b *blockScan) scan() blockResult {
	t := b.t
	pairs := &b.scanPairs
	for i := 0; i < len(t); {
		for i+1 < len(t) {
			// The two bytes as one little-endian load.
			if p := uint(t[i]) | uint(t[i+1])<<8; pairs[p/64]&(1<<(p%64)) != 0 {
				break
			}
			i++
		}
		c := t[i]
		if isDigit(c) {
			i = b.tryDigits(i)
			continue
		}
		if i+1 >= len(t) {
			break // a last byte that is not a digit starts nothing
		}
		// A pair that may begin a number word: most stand inside a word
		// (after an ASCII letter, told at once).
		if i > 0 {
			if p := t[i-1]; p < utf8.RuneSelf && (p|0x20)-'a' < 26 || p >= utf8.RuneSelf && !wordStartsAt(t, i) {
				i++
				continue
			}
		}
		we := wordEnd(t, i)
		if mayBeNumWord(t[i:we]) && (i == 0 || !isDigit(t[i-1])) {
			if n, ok := parseNumWords(t, i); ok {
				b.tryWords(i, n)
				i = n.end
				continue
			}
		}
		i = we
	}
	if len(b.res.hits) > 1 {
		b.nest()
	}
	return b.res
}

// wordStartsAt reports whether no letter or combining mark (isWordRune)
// stands right before i.
func wordStartsAt(t string, i int) bool {
	if i == 0 {
		return true
	}
	if c := t[i-1]; c < utf8.RuneSelf {
		return (c|0x20)-'a' >= 26
	}
	_, word := wordRuneBefore(t, i)
	return !word
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
		w := r.key(ps, pe)
		if r.numberWords.has(w) {
			return true // "hai mươi năm hồ sơ": a number that did not parse
		}
		k2, ps2, pe2 := prevToken(t, ps)
		var w2 wkey
		if k2 == tokWord {
			w2 = r.key(ps2, pe2)
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
	if r.comparison.in(before) {
		return true
	}
	if r.baseline.in(all[len(all)-segment:]) {
		return true
	}
	// A comparison after the unit makes a preceding "hơn"/"giảm" a change.
	if r.changeWords.in(before) && r.comparison.in(r.wordsAfter(r.bufAfter[:0], m.end, ",;:)", 8)) {
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
		k, we := r.wordAt(i)
		if we == i {
			break
		}
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

package extract

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Reading indicator values from the narrative (body paragraphs, list items
// and footnotes). A value is a number in digits of one of four shapes:
//
//	count  "tiếp nhận 19.630 hồ sơ", "Tổng số hồ sơ tiếp nhận: 19.630"
//	rate   "tỷ lệ … đạt 86,38%", "đạt 98,5 %"  (also index scores in %)
//	score  "đạt 85,66 điểm"
//	rank   "xếp thứ 11/63", "đứng thứ 5 trong 63 tỉnh, thành phố"
//
// The count rules (count.go) decide what is not a value at all: changes
// against another period ("tăng 1.250 hồ sơ so với cùng kỳ"), baselines,
// document numbers, dates. Which indicator a value is comes from the words
// around it, in three rings: its own clause (between "," ";" "(" ")" and
// sentence ends), its sentence, and its parent — the list heading a bulleted
// item hangs from ("Kết quả giải quyết hồ sơ như sau:"), or the clause before
// a breakdown marker ("…, trong đó: + Trực tuyến: 12.000"). The catalogue
// indicator whose phrase has the most terms in the own clause wins, then the
// one with the most terms overall, then the earlier in the catalogue.
//
// A part of a breakdown is Nested; a part that would be the same indicator
// as its whole ("19.630 hồ sơ, trong đó cấp xã tiếp nhận 5.000 hồ sơ") is a
// breakdown by something else (level, agency) and is not a value of it.
// Values stated twice are one value with two mentions; two different values
// for one indicator are both kept, marked Conflict, with a diagnostic.

// Diagnostic code of two different values for one indicator.
const diagIndicatorConflict = "indicator.conflict"

// indMatcher is the compiled catalogue: the terms of every phrase, unit
// and veto as word sequences over its own vocabulary.
type indMatcher struct {
	voc   *countTables // used as a vocabulary only (intern, keyOf)
	terms []phrase
	// byFirst lists the terms by the fold id of their first word.
	byFirst map[int32][]int
	defs    []cdef
	// isUnit marks the terms that are unit nouns of some count indicator.
	isUnit []bool
	// markers are the terms opening a breakdown; classifiers may stand
	// between a number and its noun ("05 cuộc hội nghị").
	markers     []bool
	classifiers []bool
	ordinal     []bool // thứ, hạng: a rank follows
	points      []bool // điểm
	ofWords     []bool // trong, trên: "thứ 5 trong 63"
	ofSkip      []bool // tổng số, số, tổng: "trên tổng số 63"
	yearWord    []bool // năm, quý, tháng, ngày: the number after is a date
	// leads are the first bytes of the vocabulary's words (lower-cased
	// ASCII or the UTF-8 lead byte), maxWordLen their longest byte length:
	// a cheap filter before the look-up.
	leads      [256]bool
	maxWordLen int
}

type cdef struct {
	kind    IndicatorKind
	units   []int
	phrases [][]int
	not     []int
	refYear string
}

func compileIndicators(defs []IndicatorDef) *indMatcher {
	m := &indMatcher{voc: &countTables{ids: map[string]wordIDs{}, infos: runeInfos()}, byFirst: map[int32][]int{}}
	index := map[string]int{}
	term := func(s string) int {
		ws := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
		key := strings.Join(ws, " ")
		if i, ok := index[key]; ok {
			return i
		}
		var p phrase
		for _, w := range ws {
			p = append(p, m.voc.intern(w))
		}
		index[key] = len(m.terms)
		m.terms = append(m.terms, p)
		return len(m.terms) - 1
	}
	terms := func(list []string) []int {
		var out []int
		for _, s := range list {
			if strings.TrimSpace(s) != "" {
				out = append(out, term(s))
			}
		}
		return out
	}
	for _, d := range defs {
		c := cdef{kind: d.Kind, units: terms(d.Units), not: terms(d.Not), refYear: d.RefYear}
		for _, p := range d.Phrases {
			c.phrases = append(c.phrases, terms(p))
		}
		m.defs = append(m.defs, c)
	}
	flag := func(words ...string) []int { return terms(words) }
	markers := flag("trong đó", "trong số đó", "trong số này", "bao gồm", "gồm", "gồm có", "cụ thể", "chia ra")
	classifiers := flag("cuộc", "bộ", "buổi", "đợt", "lượt")
	ordinal := flag("thứ", "hạng")
	points := flag("điểm")
	ofWords := flag("trong", "trên")
	ofSkip := flag("tổng số", "số", "tổng")
	yearWord := flag("năm", "quý", "tháng", "ngày")
	n := len(m.terms)
	mark := func(ids []int) []bool {
		b := make([]bool, n)
		for _, i := range ids {
			b[i] = true
		}
		return b
	}
	m.markers, m.classifiers, m.ordinal, m.points = mark(markers), mark(classifiers), mark(ordinal), mark(points)
	m.ofWords, m.ofSkip, m.yearWord = mark(ofWords), mark(ofSkip), mark(yearWord)
	m.isUnit = make([]bool, n)
	for _, d := range m.defs {
		if d.kind == IndicatorCount {
			for _, u := range d.units {
				m.isUnit[u] = true
			}
		}
	}
	m.voc.vocab = newVocabTable(m.voc.ids)
	for _, d := range defs {
		var words []string
		for _, l := range [][]string{d.Units, d.Not} {
			words = append(words, l...)
		}
		for _, p := range d.Phrases {
			words = append(words, p...)
		}
		for _, w := range words {
			for _, f := range strings.FieldsFunc(w, func(r rune) bool { return r == ' ' || r == ',' }) {
				m.noteWord(f)
			}
		}
	}
	for _, w := range []string{"trong", "đó", "số", "này", "bao", "gồm", "có", "cụ", "thể", "chia", "ra", "cuộc", "bộ", "buổi",
		"đợt", "lượt", "thứ", "hạng", "điểm", "trên", "tổng", "năm", "quý", "tháng", "ngày", "là", "đạt", "và"} {
		m.noteWord(w)
	}
	for i, p := range m.terms {
		m.byFirst[p[0].fold] = append(m.byFirst[p[0].fold], i)
	}
	return m
}

// noteWord adds a vocabulary word to the look-up filter, in every case
// and both tone placements (the first byte of "Đ" and "đ" differ).
func (m *indMatcher) noteWord(w string) {
	for _, v := range []string{w, strings.ToUpper(w), strings.ToLower(w), Fold(w), strings.ToUpper(Fold(w))} {
		if v == "" {
			continue
		}
		m.leads[lead(v)] = true
		m.maxWordLen = max(m.maxWordLen, len(v)+2)
	}
}

// Token kinds of a block read for indicators.
const (
	itWord uint8 = iota
	itNum
	itPunct
)

type itok struct {
	kind       uint8
	punct      byte // itPunct: the ASCII punctuation, '-' for dashes
	start, end int
	key        wkey
}

// termHit is a catalogue term found in a block: tokens [from, to).
type termHit struct{ id, from, to int }

// termBits is a set of term ids.
type termBits []uint64

func (b termBits) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
func (b termBits) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b termBits) clear() {
	for i := range b {
		b[i] = 0
	}
}

// indFrame is a list heading: the terms of a block ending with ":" and its
// last value, the parent of the bulleted items under it.
type indFrame struct {
	item  bool // a list item, not a paragraph
	terms termBits
	last  int // index into the values, -1 when the heading states none
}

// indScan is the state of reading one report's indicators.
type indScan struct {
	m    *indMatcher
	cat  *Catalogue
	s    *scan
	bs   *blockScan
	toks []itok
	hits []termHit // in order of their first token
	// hitFrom[i] is the index of the first hit starting at token i or
	// later, so the hits of a token range are a slice of hits.
	hitFrom []int
	near    termBits
	all     termBits
	// dist is, for the terms of the own clause (nearSeen), their distance
	// in tokens from the number.
	dist     []int
	nearSeen termBits
	parent   termBits // terms of the parent context of the current block
	frames   []indFrame
	vals     []Indicator
	fold     bool
	year     int
	// skipSection holds the sections about the next period (phương
	// hướng, nhiệm vụ thời gian tới) and proposals: their figures are
	// targets, not results.
	skipSection map[string]bool
	// footParents are the values a footnote with a breakdown marker may
	// break down (footnoteParent).
	footParents []int
}

func (e *Extractor) findIndicators(s *scan) {
	c := e.catalogue
	if c == nil {
		return
	}
	words := (len(c.m.terms) + 63) / 64
	x := &indScan{m: c.m, cat: c, s: s, bs: &blockScan{countTables: countRules()},
		near: make(termBits, words), all: make(termBits, words), parent: make(termBits, words),
		nearSeen: make(termBits, words), dist: make([]int, len(c.m.terms)),
		year: s.report.Meta.Period.Year}
	x.skipSection = futureSections(s.flat)
	// Body counts by the offset of their number, to follow the count rules'
	// verdicts; footnotes are read by the count rules here.
	countAt := map[int]int{}
	for i, ct := range s.report.Counts {
		countAt[ct.Span.Start] = i
	}
	prevLast := -1 // last non-nested value of the previous countable block
	for i, b := range s.doc.Blocks {
		var src IndicatorSource
		switch {
		case b.Kind == BlockFootnote && i >= s.bodyFrom:
			src = SourceFootnote
		case s.countable(i):
			src = SourceBody
		default:
			if b.Kind != BlockFootnote {
				x.frames = x.frames[:0]
				prevLast = -1
			}
			continue
		}
		text := s.doc.Slice(b.Span)
		var hitAt map[int]bool
		if src == SourceFootnote {
			hitAt = map[int]bool{}
			x.bs.reset(text)
			for _, h := range x.bs.scan().hits {
				hitAt[b.Span.Start+h.start] = true
			}
		}
		isList := src == SourceBody && (b.Kind == BlockListItem || startsWithBullet(text))
		// A footnote opening with a breakdown marker ("Trong đó có 03 kế
		// hoạch …") breaks down the value its marker follows.
		footParent := -1
		x.footParents = x.footParents[:0]
		if src == SourceFootnote {
			footParent = x.footnoteParent(b.Footnote, text)
		}
		// The parent context: the innermost open list heading. Ingesters
		// drop the bullets, so list levels are not known: an item ending
		// with ":" heads the items after it until the next such item.
		x.parent.clear()
		parentVal := -1
		if src == SourceBody {
			if !isList {
				x.frames = x.frames[:0]
			} else if n := len(x.frames); n > 0 && x.frames[n-1].item && strings.HasSuffix(text, ":") {
				x.frames = x.frames[:n-1] // a sibling heading item
			}
			if n := len(x.frames); n > 0 {
				copy(x.parent, x.frames[n-1].terms)
				parentVal = x.frames[n-1].last
			}
		}
		if footParent >= 0 {
			parentVal = footParent
		}
		first := len(x.vals)
		switch {
		case strings.HasSuffix(text, ":") || isList:
			// Headings of lists need all their words; short blocks are
			// read whole.
			if strings.HasSuffix(text, ":") || hasFigure(text) {
				x.block(b, text, src, countAt, hitAt, parentVal, prevLast)
			}
		default:
			// A long paragraph is read sentence by sentence, only where
			// a figure stands: most of its words are never looked up.
			var sc sentenceCache
			for at := 0; at < len(text); {
				f := nextFigure(text, at)
				if f < 0 {
					break
				}
				ws, we := sc.bounds(text, f)
				// Sentences that follow each other are read together.
				for we < len(text) {
					g := nextFigure(text, we)
					if g < 0 {
						break
					}
					s2, e2 := sc.bounds(text, g)
					if s2 > we+1 {
						break
					}
					we = e2
				}
				wb := b
				wb.Span = Span{Start: b.Span.Start + ws, End: b.Span.Start + we}
				x.block(wb, text[ws:we], src, countAt, hitAt, parentVal, prevLast)
				at = max(we, f+1)
			}
		}
		if src != SourceBody {
			continue
		}
		last := -1
		for v := first; v < len(x.vals); v++ {
			if !x.vals[v].Nested {
				last = v
			}
		}
		if strings.HasSuffix(strings.TrimSpace(text), ":") {
			f := indFrame{item: isList, terms: make(termBits, words), last: last}
			for _, h := range x.hits {
				f.terms.set(h.id)
			}
			copy(x.near, x.parent)
			for k := range f.terms {
				f.terms[k] |= x.near[k]
			}
			x.frames = append(x.frames, f)
		}
		if last >= 0 {
			prevLast = last
		} else if !isList {
			prevLast = -1
		}
	}
	x.tables()
	// Link every count to the indicator its number was read as.
	for _, v := range x.vals {
		if ci, ok := countAt[v.Span.Start]; ok && v.Source == SourceBody {
			id := v.Indicator
			s.report.Counts[ci].Indicator = &id
		}
	}
	x.settle()
	s.report.Indicators = append(s.report.Indicators, x.vals...)
}

// tokenize splits a block into words, numbers and punctuation, and finds
// the catalogue terms in it.
func (x *indScan) tokenize(t string) {
	x.toks, x.hits = x.toks[:0], x.hits[:0]
	x.fold = !hasVietnameseLetters(t)
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c == ' ':
			i++
		case isDigit(c):
			j := i
			for j < len(t) && (isDigit(t[j]) || (t[j] == '.' || t[j] == ',') && j+1 < len(t) && isDigit(t[j+1])) {
				j++
			}
			x.toks = append(x.toks, itok{kind: itNum, start: i, end: j})
			i = j
		case isLetterAt(t, i):
			we := wordEnd(t, i)
			// Only words that can be a catalogue word are looked up.
			k := wkey{tone: unknownWord, fold: unknownWord}
			if we-i <= x.m.maxWordLen && x.m.leads[lead(t[i:we])] {
				k = x.m.voc.keyOf(t[i:we])
				k.ascii = k.ascii && x.fold
			}
			x.toks = append(x.toks, itok{kind: itWord, start: i, end: we, key: k})
			i = we
		default:
			r, size := utf8.DecodeRuneInString(t[i:])
			p := byte('?')
			switch {
			case r < utf8.RuneSelf:
				p = c
			case r == '–' || r == '—':
				p = '-'
			case r == '“' || r == '”':
				p = '"'
			}
			x.toks = append(x.toks, itok{kind: itPunct, punct: p, start: i, end: i + size})
			i += size
		}
	}
	for i, tk := range x.toks {
		if tk.kind != itWord || tk.key.fold < 0 {
			continue
		}
		for _, id := range x.m.byFirst[tk.key.fold] {
			p := x.m.terms[id]
			j := 0
			for j < len(p) && i+j < len(x.toks) && x.toks[i+j].kind == itWord && x.toks[i+j].key.matches(p[j]) {
				j++
			}
			if j == len(p) {
				x.hits = append(x.hits, termHit{id: id, from: i, to: i + j})
			}
		}
	}
	x.hitFrom = x.hitFrom[:0]
	h := 0
	for i := 0; i <= len(x.toks); i++ {
		for h < len(x.hits) && x.hits[h].from < i {
			h++
		}
		x.hitFrom = append(x.hitFrom, h)
	}
}

// hitsIn returns the hits that start in the tokens [from, to).
func (x *indScan) hitsIn(from, to int) []termHit {
	to = min(to, len(x.toks))
	if from >= to {
		return nil
	}
	return x.hits[x.hitFrom[from]:x.hitFrom[to]]
}

// termIs reports whether a term of the class starts at token i.
func (x *indScan) termIs(i int, class []bool) bool {
	id, _ := x.termAt(i, class)
	return id >= 0
}

// termAt returns the longest term of the given class starting at token i,
// -1 when none.
func (x *indScan) termAt(i int, class []bool) (int, int) {
	best, end := -1, i
	for _, h := range x.hitsIn(i, i+1) {
		if class[h.id] && h.to > end {
			best, end = h.id, h.to
		}
	}
	return best, end
}

// maxContextToks bounds how far a number's sentence reaches on each side:
// a figure's meaning is stated near it, and the bound keeps a block's scan
// linear however long its sentences (a one-paragraph file, a run-on list).
const maxContextToks = 96

// sentenceStart returns the first token of the sentence holding token i,
// at most maxContextToks before it.
func (x *indScan) sentenceStart(t string, i int) int {
	for k := i - 1; k >= 0; k-- {
		if k < i-maxContextToks {
			return k + 1
		}
		tk := x.toks[k]
		if tk.kind == itPunct && (tk.punct == '.' || tk.punct == '!' || tk.punct == '?') &&
			tk.end < len(t) && t[tk.end] == ' ' && sentenceEndsAt(t, tk.end) {
			return k + 1
		}
	}
	return 0
}

func (x *indScan) sentenceEnd(t string, i int) int {
	for k := i + 1; k < len(x.toks); k++ {
		if k > i+maxContextToks {
			return k
		}
		tk := x.toks[k]
		if tk.kind == itPunct && (tk.punct == '.' || tk.punct == '!' || tk.punct == '?') &&
			(tk.end >= len(t) || t[tk.end] == ' ' && sentenceEndsAt(t, tk.end)) {
			return k
		}
	}
	return len(x.toks)
}

// clauseBreak: the punctuation that bounds a number's own clause.
func clauseBreak(p byte) bool {
	switch p {
	case ',', ';', '(', ')', '.', '!', '?':
		return true
	}
	return false
}

// clause returns the number's own clause [ns, ne) within its sentence
// [ss, se): up to "," ";" "(" ")", and up to a "và" that joins it to
// another number ("18 TTHC mới và 32 TTHC sửa đổi").
func (x *indScan) clause(i, ss, se int) (int, int) {
	// A figure (not a date or year) among tokens [from, to).
	numIn := func(from, to int) bool {
		for k := from; k < to; k++ {
			if x.toks[k].kind == itNum && !(k > 0 && x.toks[k-1].kind == itWord && x.termIs(k-1, x.m.yearWord)) {
				return true
			}
		}
		return false
	}
	ns, ne := i, i+1
	for ns > ss && !(x.toks[ns-1].kind == itPunct && clauseBreak(x.toks[ns-1].punct)) {
		if x.toks[ns-1].kind == itNum && !(ns >= 2 && x.toks[ns-2].kind == itWord && x.termIs(ns-2, x.m.yearWord)) {
			// Another number: the clause starts after it and its unit
			// ("16 lớp tập huấn cho 1.200 lượt cán bộ").
			if u, e := x.termAt(ns, x.m.isUnit); u >= 0 && e <= i {
				ns = e
			}
			break
		}
		if x.toks[ns-1].kind == itWord && x.isWord(x.toks[ns-1], "và") && numIn(ss, ns-1) {
			break
		}
		ns--
	}
	for ne < se && !(x.toks[ne].kind == itPunct && clauseBreak(x.toks[ne].punct)) {
		if x.toks[ne].kind == itWord && x.isWord(x.toks[ne], "và") && numIn(ne+1, se) {
			break
		}
		ne++
	}
	return ns, ne
}

// candidate is a number read as a possible indicator value.
type candidate struct {
	tok        int // the number token
	value      float64
	outOf      float64
	shape      IndicatorKind // count, rate (a %), score (điểm), rank
	unit       int           // count: the unit term after the number, -1 none
	start, end int           // the evidence: the number to its unit
}

func (x *indScan) block(b Block, t string, src IndicatorSource, countAt map[int]int, hitAt map[int]bool, parentVal, prevLast int) {
	x.tokenize(t)
	x.bs.reset(t)
	blockFirst := len(x.vals)
	base := b.Span.Start
	for i, tk := range x.toks {
		if tk.kind != itNum {
			continue
		}
		c, ok := x.candidate(t, i)
		if !ok {
			continue
		}
		abs := base + tk.start
		if c.shape == IndicatorCount || c.shape == IndicatorRate || c.shape == IndicatorScore {
			// The count rules' verdict on a number before a count noun.
			if _, isCount := x.bs.matchUnit(tk.end); isCount && c.shape == IndicatorCount {
				counted := false
				if src == SourceBody {
					_, counted = countAt[abs]
				} else {
					counted = hitAt[abs]
				}
				if !counted {
					continue
				}
			} else if x.bs.ruledOut(tk.start, unitMatch{start: tk.end, end: c.end}) {
				continue
			}
		}
		// The rings of context.
		ss, se := x.sentenceStart(t, i), x.sentenceEnd(t, i)
		ns, ne := x.clause(i, ss, se)
		x.near.clear()
		x.nearSeen.clear()
		x.all.clear()
		for _, h := range x.hitsIn(ss, se) {
			if h.from >= ns && h.to <= ne {
				x.near.set(h.id)
				d := i - h.to
				if h.from > i {
					d = h.from - i
				}
				if !x.nearSeen.has(h.id) || d < x.dist[h.id] {
					x.dist[h.id] = d
				}
				x.nearSeen.set(h.id)
			}
			if h.from >= ss && h.to <= se {
				x.all.set(h.id)
			}
		}
		for k := range x.all {
			x.all[k] |= x.parent[k]
		}
		// The parent value: a breakdown marker before the number in its
		// sentence, or a list heading.
		parent, nested := -1, false
		if mk := x.markerBefore(t, i, ss); mk >= 0 {
			nested = true
			for v := len(x.vals) - 1; v >= blockFirst; v-- {
				if !x.vals[v].Nested && x.vals[v].Span.Start < base+x.toks[mk].start {
					parent = v
					break
				}
			}
			if parent < 0 && mk <= ss+1 {
				parent = prevLast // "… 4.210 hồ sơ. Trong đó, …" across blocks
				if parent < 0 {
					parent = parentVal
				}
			}
			if parent < 0 {
				nested = false
			}
		} else if parentVal >= 0 {
			parent, nested = parentVal, true
		}
		def := x.best(c, nested)
		if def < 0 {
			continue
		}
		if !nested {
			def = x.whole(def, c, se)
		}
		d := x.cat.defs[def]
		if nested && parent >= 0 && x.sameMeasure(c, d, x.vals[parent].Indicator) {
			continue // a breakdown of the same measure by level or agency
		}
		if x.breaksDownFootnoted(c, d) {
			continue
		}
		if x.skipSection[x.s.sectionAt(abs)] {
			continue
		}
		v := Indicator{
			Indicator: d.ID, Value: c.value, OutOf: c.outOf, Unit: d.Unit,
			Source: src, Section: x.s.sectionAt(abs),
			Text: strings.TrimSpace(t[x.toks[ss].start:x.toks[se-1].end]),
			Span: Span{Start: base + c.start, End: base + c.end}, Nested: nested,
		}
		if src == SourceFootnote {
			v.Footnote = b.Footnote
			v.Section = x.s.anchorSection(b.Footnote)
		}
		if d.RefYear != "" {
			v.RefYear = x.refYear(t, ss, i, d.RefYear)
		}
		x.vals = append(x.vals, v)
	}
}

// whole returns the indicator a part def belongs to when the value's
// sentence names several parts and no other number follows: "công bố 212
// TTHC mới, sửa đổi, bổ sung hoặc bãi bỏ" is the whole, of every kind.
func (x *indScan) whole(def int, c candidate, se int) int {
	parent := x.cat.defs[def].PartOf
	if parent == "" {
		return def
	}
	for k := c.tok + 1; k < se; k++ {
		if x.toks[k].kind == itPunct && x.toks[k].punct == ';' {
			break
		}
		if x.toks[k].kind == itNum && x.toks[k].start >= c.end {
			return def
		}
	}
	n := 0
	for di, d := range x.cat.defs {
		if d.PartOf != parent {
			continue
		}
		for _, p := range x.m.defs[di].phrases {
			ok := true
			for _, id := range p {
				ok = ok && x.all.has(id)
			}
			if ok {
				n++
				break
			}
		}
	}
	if w, ok := x.cat.byID[parent]; ok && n >= 2 && x.m.defs[w].kind == x.m.defs[def].kind {
		return w
	}
	return def
}

// footnoteParent returns the value a footnote breaks down: when its text
// opens with a breakdown marker, the last value stated before its marker
// in the same block; -1 otherwise.
func (x *indScan) footnoteParent(n int, text string) int {
	head := text
	if len(head) > 24 {
		n := 24
		for n < len(head) && !utf8.RuneStart(head[n]) {
			n++
		}
		head = head[:n]
	}
	k := SearchKey(head)
	opens := false
	for _, m := range []string{"trong đó", "gồm", "bao gồm", "cụ thể"} {
		opens = opens || strings.HasPrefix(k, m)
	}
	if !opens {
		return -1
	}
	anchor := -1
	for _, f := range x.s.report.Footnotes {
		if f.Number == n {
			anchor = f.Anchor
		}
	}
	if anchor < 0 {
		return -1
	}
	bi := x.s.blockAt(max(anchor-1, 0))
	if bi < 0 {
		return -1
	}
	from := x.s.doc.Blocks[bi].Span.Start
	last := -1
	for v := len(x.vals) - 1; v >= 0; v-- {
		if sp := x.vals[v].Span; sp.End <= anchor && sp.Start >= from && x.vals[v].Source == SourceBody {
			if last < 0 {
				last = v
			}
			x.footParents = append(x.footParents, v)
		}
	}
	return last
}

// breaksDownFootnoted reports whether a value of a footnote opening with
// a breakdown marker is a share of one of the values its marker follows
// ("… 12 lớp bồi dưỡng cho 1.150 lượt cán bộ¹" / "¹ Trong đó có 04 lớp …").
func (x *indScan) breaksDownFootnoted(c candidate, d IndicatorDef) bool {
	for _, p := range x.footParents {
		if x.sameMeasure(c, d, x.vals[p].Indicator) {
			return true
		}
	}
	return false
}

// sameMeasure reports whether a part c read as d, under a value of
// parent, is a share of the parent's own measure rather than a measure of
// its own: the same indicator, or a count of the parent's nouns that the
// catalogue does not declare a part of it ("ban hành 09 văn bản quy phạm
// pháp luật, trong đó 07 văn bản do UBND tỉnh ban hành").
func (x *indScan) sameMeasure(c candidate, d IndicatorDef, parent string) bool {
	if d.ID == parent {
		return true
	}
	if d.PartOf == parent || c.shape != IndicatorCount {
		return false
	}
	pi, ok := x.cat.byID[parent]
	if !ok || x.m.defs[pi].kind != IndicatorCount {
		return false
	}
	for _, u := range x.m.defs[pi].units {
		if u == c.unit {
			return true
		}
	}
	return false
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
	if p.kind == itPunct && p.punct == ':' || p.kind == itWord && (x.isWord(p, "là") || x.isWord(p, "đạt")) {
		return c, true
	}
	return candidate{}, false
}

func (x *indScan) isWord(tk itok, w string) bool {
	return tk.key.fold >= 0 && tk.key.matches(x.m.voc.keyOf(w))
}

// markerBefore returns the token of the breakdown marker whose scope holds
// token i, -1 when none. A marker's scope ends at ";" unless ":" follows it
// (a list), and a "(" scope at its ")".
func (x *indScan) markerBefore(t string, i, ss int) int {
	depth := 0
	semi := false
	for k := i - 1; k >= ss; k-- {
		tk := x.toks[k]
		if tk.kind == itPunct {
			switch tk.punct {
			case ')':
				depth++
			case '(':
				if depth == 0 && !semi {
					return k
				}
				depth--
			case ';':
				semi = true
			}
			continue
		}
		if tk.kind != itWord || depth > 0 {
			continue
		}
		if id, e := x.termAt(k, x.m.markers); id >= 0 && e <= i {
			// "cụ thể" opens a clause only: after punctuation or at the start.
			list := e < len(x.toks) && x.toks[e].kind == itPunct && x.toks[e].punct == ':'
			if semi && !list {
				return -1
			}
			if k > 0 && x.toks[k-1].kind == itWord && x.isWord(x.toks[k], "cụ") {
				continue // "giải pháp cụ thể": an adjective
			}
			return k
		}
	}
	return -1
}

// best returns the catalogue index of the indicator candidate c is a value
// of, -1 when none fits.
func (x *indScan) best(c candidate, nested bool) int {
	best, bestNear, bestOut, bestAll, bestDist := -1, -1, 0, -1, 0
	for di := range x.m.defs {
		d := &x.m.defs[di]
		switch c.shape {
		case IndicatorCount, IndicatorRank:
			if d.kind != c.shape {
				continue
			}
		case IndicatorRate:
			if d.kind != IndicatorRate && d.kind != IndicatorScore {
				continue
			}
		case IndicatorScore:
			if d.kind != IndicatorScore {
				continue
			}
		}
		vetoed := false
		for _, n := range d.not {
			if x.near.has(n) {
				vetoed = true
				break
			}
		}
		if vetoed {
			continue
		}
		if d.kind == IndicatorCount {
			ok := false
			for _, u := range d.units {
				if c.unit == u || c.unit < 0 && x.all.has(u) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		near, all, dist := -1, -1, 0
		if len(d.phrases) == 0 {
			near, all = 0, 0
		}
		for _, p := range d.phrases {
			n, ok, pd := 0, true, 1<<30
			for _, id := range p {
				if !x.all.has(id) {
					ok = false
					break
				}
				if x.near.has(id) {
					n++
					pd = min(pd, x.dist[id])
				}
			}
			if ok && better(n, len(p)-n, len(p), pd, near, all-near, all, dist) {
				near, all, dist = n, len(p), pd
			}
		}
		// A part of a breakdown says what it is in its own clause
		// ("+ Trực tuyến: 12.000"), not only through its heading.
		if near < 0 || nested && near == 0 && len(d.phrases) > 0 {
			continue
		}
		if better(near, all-near, all, dist, bestNear, bestOut, bestAll, bestDist) {
			best, bestNear, bestOut, bestAll, bestDist = di, near, all-near, all, dist
		}
	}
	return best
}

// better orders the fits of a phrase: more terms in the number's own
// clause, then fewer terms only outside it, then more terms, then a term
// of the own clause nearer the number ("hệ thống giải quyết TTHC tiếp
// nhận 21.418 hồ sơ" is received, not resolved).
func better(near, out, all, dist, bNear, bOut, bAll, bDist int) bool {
	if near != bNear {
		return near > bNear
	}
	if out != bOut {
		return out < bOut
	}
	if all != bAll {
		return all > bAll
	}
	return near > 0 && dist < bDist
}

// refYear is the year an index value refers to: a year written in its
// sentence before it ("Chỉ số CCHC năm 2022"), else the year before (or
// of) the report's period.
func (x *indScan) refYear(t string, ss, i int, rule string) int {
	for k := i - 1; k >= ss; k-- {
		tk := x.toks[k]
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
func parseVNNumber(s string) (v float64, integer, ok bool) {
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

// settle merges values stated twice and flags conflicts among the
// narrative values of one indicator.
func (x *indScan) settle() {
	if len(x.vals) < 2 {
		return
	}
	order := make([]int, len(x.vals))
	for i := range order {
		order[i] = i
	}
	// The narrative and the tables are settled apart: a table that
	// disagrees with the text is a figure-mismatch finding, not a conflict.
	groups := make([]string, len(x.vals))
	for i, v := range x.vals {
		groups[i] = v.Indicator
		if v.Source == SourceTable {
			groups[i] += " table"
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		if ga, gb := groups[order[a]], groups[order[b]]; ga != gb {
			return ga < gb
		}
		return x.vals[order[a]].Span.Start < x.vals[order[b]].Span.Start
	})
	drop := make([]bool, len(x.vals))
	for a := 0; a < len(order); {
		b := a
		for b < len(order) && groups[order[b]] == groups[order[a]] {
			b++
		}
		var kept []int
		for _, vi := range order[a:b] {
			v := &x.vals[vi]
			dup := false
			for _, k := range kept {
				if x.vals[k].Value == v.Value && x.vals[k].OutOf == v.OutOf {
					x.vals[k].Mentions = append(x.vals[k].Mentions, v.Span)
					drop[vi] = true
					dup = true
					break
				}
			}
			if !dup {
				kept = append(kept, vi)
			}
		}
		if len(kept) > 1 {
			for _, k := range kept {
				x.vals[k].Conflict = true
			}
			first := x.vals[kept[0]]
			for _, k := range kept[1:] {
				o := x.vals[k]
				sp := o.Span
				x.s.report.Diagnostics = append(x.s.report.Diagnostics, Diagnostic{
					Code: diagIndicatorConflict, Severity: SeverityWarning, Span: &sp,
					Message: fmt.Sprintf("%s: %s (bytes %d–%d) and %s (bytes %d–%d) differ",
						first.Indicator, x.s.doc.Slice(first.Span), first.Span.Start, first.Span.End,
						x.s.doc.Slice(o.Span), o.Span.Start, o.Span.End),
				})
			}
		}
		a = b
	}
	out := x.vals[:0]
	for i, v := range x.vals {
		if !drop[i] {
			out = append(out, v)
		}
	}
	x.vals = out
}

// futureWords mark the title of a section about the next period or about
// proposals.
var futureWords = []string{"phương hướng", "thời gian tới", "kỳ tới", "quý tới", "năm tới", "tiếp theo",
	"kiến nghị", "đề xuất", "trọng tâm"}

// futureSections returns the paths of the sections (with their
// subsections) whose figures are targets or proposals, not results.
func futureSections(flat []*Section) map[string]bool {
	out := map[string]bool{}
	for _, sec := range flat {
		if i := strings.LastIndexByte(sec.Path, '.'); i > 0 {
			// Subsections follow their top-level section.
			top := sec.Path[:strings.IndexByte(sec.Path, '.')]
			if out[top] {
				out[sec.Path] = true
			}
			continue
		}
		k := SearchKey(sec.Title)
		// "IV. NHIỆM VỤ 6 THÁNG CUỐI NĂM", "PHƯƠNG HƯỚNG …" — but not "KẾT
		// QUẢ THỰC HIỆN CÁC NHIỆM VỤ".
		if sec.Level == 1 && (strings.HasPrefix(k, "nhiệm vụ") || strings.HasPrefix(k, "phương hướng")) {
			out[sec.Path] = true
			continue
		}
		for _, w := range futureWords {
			if strings.Contains(k, w) {
				out[sec.Path] = true
				break
			}
		}
	}
	return out
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
		c := t[i]
		if c < '0' || c > '9' {
			i++
			continue
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

// rankBefore reports whether text ends with a rank's words ("xếp thứ ",
// "hạng "): "11/63" after it is a rank, not a date.
func rankBefore(t string) bool {
	k := t[max(0, len(t)-12):]
	return strings.Contains(k, "thứ ") || strings.Contains(k, "hạng ")
}

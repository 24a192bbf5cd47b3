package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Matching the catalogue in a block (see indicator_find.go): the compiled
// phrase terms, the block's tokens, and the rings of context around a
// number (clause, sentence, breakdown marker) that pick its indicator.

// indMatcher is the compiled catalogue: the terms of every phrase, unit
// and veto as word sequences over its own vocabulary.
type indMatcher struct {
	voc   *countTables // used as a vocabulary only (intern, keyOf)
	terms []phrase
	// byFirst lists the terms by the fold id of their first word, for a
	// word typed without diacritics (it matches by fold), byFirstTone by
	// its tone id, for the others (they match by tone): ids are dense, so
	// slices, not maps, on the path of every word.
	byFirst, byFirstTone [][]termStart
	defs                 []cdef
	// isUnit marks the terms that are unit nouns of some count indicator.
	isUnit []bool
	// byShape lists, in catalogue order, the indicators a value of a
	// shape may be: a count or a rank of its own kind, a rate of a rate
	// or a score (index scores are written in %), a score of a score.
	byShape map[IndicatorKind][]int
	// byUnit lists, in catalogue order, the count indicators of each
	// unit term.
	byUnit [][]int
	// markers are the terms opening a breakdown; classifiers may stand
	// between a number and its noun ("05 cuộc hội nghị").
	markers     []bool
	classifiers []bool
	ordinal     []bool // thứ, hạng: a rank follows
	points      []bool // điểm
	ofWords     []bool // trong, trên: "thứ 5 trong 63"
	ofSkip      []bool // tổng số, số, tổng: "trên tổng số 63"
	yearWord    []bool // năm, quý, tháng, ngày: the number after is a date
	// leads are the first bytes of the vocabulary's words (ASCII in both
	// cases, or the UTF-8 lead byte), maxWordLen their longest byte
	// length: a cheap filter before the look-up.
	leads      [256]bool
	maxWordLen int
	// Keys of the words the rules name, looked up once.
	wVa, wLa, wDat, wCu wkey
	// idRank is the place of each indicator's id in the ids sorted:
	// values are settled in that order.
	idRank []int
}

type cdef struct {
	kind    IndicatorKind
	units   []int
	phrases [][]int
	not     []int
	refYear string
}

func compileIndicators(defs []IndicatorDef) *indMatcher {
	m := &indMatcher{voc: &countTables{ids: map[string]wordIDs{}, infos: runeInfos()}}
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
	m.byShape = map[IndicatorKind][]int{}
	for di, d := range m.defs {
		for _, shape := range []IndicatorKind{IndicatorCount, IndicatorRank, IndicatorRate, IndicatorScore} {
			if d.kind == shape || shape == IndicatorRate && d.kind == IndicatorScore {
				m.byShape[shape] = append(m.byShape[shape], di)
			}
		}
	}
	m.byUnit = make([][]int, len(m.terms))
	for di, d := range m.defs {
		if d.kind != IndicatorCount {
			continue
		}
		for _, u := range d.units {
			if n := len(m.byUnit[u]); n == 0 || m.byUnit[u][n-1] != di {
				m.byUnit[u] = append(m.byUnit[u], di)
			}
		}
	}
	m.voc.vocab = newVocabTable(m.voc.ids)
	byID := make([]int, len(defs))
	for i := range byID {
		byID[i] = i
	}
	slices.SortFunc(byID, func(a, b int) int { return strings.Compare(defs[a].ID, defs[b].ID) })
	m.idRank = make([]int, len(defs))
	for r, i := range byID {
		m.idRank[i] = r
	}
	m.wVa, m.wLa, m.wDat, m.wCu = m.voc.keyOf("và"), m.voc.keyOf("là"), m.voc.keyOf("đạt"), m.voc.keyOf("cụ")
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
	m.byFirst = make([][]termStart, m.voc.nFold)
	m.byFirstTone = make([][]termStart, len(m.voc.foldOf))
	for i, p := range m.terms {
		ts := termStart{id: i, n: len(p)}
		if len(p) > 1 {
			ts.second = p[1]
		}
		m.byFirst[p[0].fold] = append(m.byFirst[p[0].fold], ts)
		m.byFirstTone[p[0].tone] = append(m.byFirstTone[p[0].tone], ts)
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
		c := lead(v)
		m.leads[c] = true
		if 'a' <= c && c <= 'z' {
			m.leads[c-'a'+'A'] = true // the test reads the first byte as written
		}
		m.maxWordLen = max(m.maxWordLen, len(v)+2)
	}
}

// termStart is a term in the lists by first word, with what most words
// are told apart by: its length and its second word.
type termStart struct {
	id, n  int
	second wkey
}

// Token kinds of a block read for indicators.
const (
	itWord uint8 = iota
	itNum
	itPunct
)

type itok struct {
	start, end int
	key        wkey
	kind       uint8
	punct      byte // itPunct: the ASCII punctuation, '-' for dashes
}

// termHit is a catalogue term found in a block: tokens [from, to).
type termHit struct{ id, from, to int }

// termBits is a set of term ids.
type termBits []uint64

// The ids are never negative: as unsigned, i/64 and i%64 are a shift and a mask.
func (b termBits) has(i int) bool { return b[uint(i)/64]&(1<<(uint(i)%64)) != 0 }
func (b termBits) set(i int)      { b[uint(i)/64] |= 1 << (uint(i) % 64) }
func (b termBits) clear() {
	for i := range b {
		b[i] = 0
	}
}

// tokenize splits a block into words, numbers and punctuation, and finds
// the catalogue terms in it. It appends to local slices, stored back at
// the end: appending through x kept them in memory on the path of every
// token.
func (x *indScan) tokenize(t string) {
	toks, hits := x.toks[:0], x.hits[:0]
	m := x.m
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
			toks = append(toks, itok{kind: itNum, start: i, end: j})
			i = j
		case c < utf8.RuneSelf && (c|0x20 < 'a' || c|0x20 > 'z'):
			toks = append(toks, itok{kind: itPunct, punct: c, start: i, end: i + 1})
			i++
		default:
			// A letter: only words that can be a catalogue word are looked
			// up, most of them in the cache of words seen before.
			if we := wordEnd(t, i); we > i {
				k := wkey{tone: unknownWord, fold: unknownWord}
				if we-i <= m.maxWordLen && m.leads[c] {
					k = x.cache.key(m.voc, t, i, we)
					k.ascii = k.ascii && x.fold
				}
				toks = append(toks, itok{kind: itWord, start: i, end: we, key: k})
				i = we
				continue
			}
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
			toks = append(toks, itok{kind: itPunct, punct: p, start: i, end: i + size})
			i += size
		}
	}
	// The terms starting at each word, in id order; hitFrom[i] is the
	// number of hits starting before token i, hits being in token order.
	hitFrom := x.hitFrom[:0]
	for i := range toks {
		hitFrom = append(hitFrom, len(hits))
		tk := &toks[i]
		if tk.kind != itWord {
			continue
		}
		// The first word matches by construction of the lists.
		var firsts []termStart
		switch {
		case tk.key.ascii && tk.key.fold >= 0:
			firsts = m.byFirst[tk.key.fold]
		case !tk.key.ascii && tk.key.tone >= 0:
			firsts = m.byFirstTone[tk.key.tone]
		}
		// The word after, when it is one: most terms end at the first word
		// or differ at the second.
		var next *itok
		if i+1 < len(toks) && toks[i+1].kind == itWord {
			next = &toks[i+1]
		}
		for _, f := range firsts {
			if f.n > 1 {
				if next == nil || !next.key.matches(f.second) {
					continue
				}
				p, j := m.terms[f.id], 2
				for j < len(p) && i+j < len(toks) && toks[i+j].kind == itWord && toks[i+j].key.matches(p[j]) {
					j++
				}
				if j < len(p) {
					continue
				}
			}
			hits = append(hits, termHit{id: f.id, from: i, to: i + f.n})
		}
	}
	hitFrom = append(hitFrom, len(hits))
	x.toks, x.hits, x.hitFrom = toks, hits, hitFrom
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
		tk := &x.toks[k]
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
		tk := &x.toks[k]
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
		if x.toks[ns-1].kind == itWord && x.isWord(x.toks[ns-1], x.m.wVa) && numIn(ss, ns-1) {
			break
		}
		ns--
	}
	for ne < se && !(x.toks[ne].kind == itPunct && clauseBreak(x.toks[ne].punct)) {
		if x.toks[ne].kind == itWord && x.isWord(x.toks[ne], x.m.wVa) && numIn(ne+1, se) {
			break
		}
		ne++
	}
	return ns, ne
}

func (x *indScan) isWord(tk itok, w wkey) bool {
	return tk.key.fold >= 0 && tk.key.matches(w)
}

// markerBefore returns the token of the breakdown marker whose scope holds
// token i, -1 when none. A marker's scope ends at ";" unless ":" follows it
// (a list), and a "(" scope at its ")".
func (x *indScan) markerBefore(t string, i, ss int) int {
	depth := 0
	semi := false
	for k := i - 1; k >= ss; k-- {
		tk := &x.toks[k]
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
			if k > 0 && x.toks[k-1].kind == itWord && x.isWord(x.toks[k], x.m.wCu) {
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
	defs := x.m.byShape[c.shape]
	if c.shape == IndicatorCount && c.unit >= 0 {
		defs = x.m.byUnit[c.unit] // the count indicators of its unit noun
	}
	for _, di := range defs {
		d := &x.m.defs[di]
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

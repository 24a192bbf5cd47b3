package extract

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
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
	// skipSection holds the paths of the sections about the next period
	// (phương hướng, nhiệm vụ thời gian tới) and proposals: their figures
	// are targets, not results. They are few: a list, not a map.
	skipSection []string
	// Buffers of settle, reused from report to report.
	settleKeys []settleKey
	drop       []bool
	links      []int // a value and the count it was read from, by pairs
	// footParents are the values a footnote with a breakdown marker may
	// break down (footnoteParent).
	footParents []int
	// countOrder lists the body counts (indices into Counts) by the
	// offset of their number; footHits are the offsets of the counts the
	// count rules find in the current footnote block.
	countOrder []int
	footHits   []int
	// cache holds the catalogue keys of words seen in earlier blocks and
	// reports (the pool is the catalogue's, so is the vocabulary).
	cache wordCache
}

// indexCounts orders the body counts by the offset of their number for
// countAt. The count stage states them in text order, so the sort is
// only a guard (and stable: of two counts at one offset the later wins,
// as a map filled in order would have it).
func (x *indScan) indexCounts() {
	counts := x.s.report.Counts
	x.countOrder = x.countOrder[:0]
	for i := range counts {
		x.countOrder = append(x.countOrder, i)
	}
	slices.SortStableFunc(x.countOrder, func(a, b int) int { return counts[a].Span.Start - counts[b].Span.Start })
}

// countAt returns the body count whose number starts at offset abs.
func (x *indScan) countAt(abs int) (int, bool) {
	counts := x.s.report.Counts
	// The first count after abs; the one before it is the last at abs.
	n, _ := slices.BinarySearchFunc(x.countOrder, abs+1, func(i, target int) int { return counts[i].Span.Start - target })
	if n > 0 && counts[x.countOrder[n-1]].Span.Start == abs {
		return x.countOrder[n-1], true
	}
	return 0, false
}

func (e *Extractor) findIndicators(s *scan) {
	c := e.catalogue
	if c == nil {
		return
	}
	words := (len(c.m.terms) + 63) / 64
	// The scan's buffers are reused from report to report.
	x, _ := c.scans.Get().(*indScan)
	if x == nil {
		x = &indScan{m: c.m, cat: c, bs: &blockScan{countTables: countRules()},
			near: make(termBits, words), all: make(termBits, words), parent: make(termBits, words),
			nearSeen: make(termBits, words), dist: make([]int, len(c.m.terms))}
	}
	defer func() {
		x.s = nil // hold no report in the pool
		clear(x.skipSection)
		c.scans.Put(x)
	}()
	x.s, x.year = s, s.report.Meta.Period.Year
	x.frames, x.vals, x.footParents = x.frames[:0], x.vals[:0], x.footParents[:0]
	x.skipSection = futureSections(x.skipSection[:0], s.flat)
	// Body counts by the offset of their number, to follow the count rules'
	// verdicts; footnotes are read by the count rules here.
	x.indexCounts()
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
		x.footHits = x.footHits[:0]
		if src == SourceFootnote {
			x.bs.reset(text)
			for _, h := range x.bs.scan().hits {
				x.footHits = append(x.footHits, b.Span.Start+h.start)
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
				x.block(b, text, src, parentVal, prevLast)
			}
		default:
			// A long paragraph is read sentence by sentence, only where
			// a figure stands: most of its words are never looked up.
			var sc sentenceCache
			// The look-ahead for the next sentence's figure is where the
			// next group starts: it is read once.
			figFrom, fig := -1, -1
			figure := func(from int) int {
				if from != figFrom {
					figFrom, fig = from, nextFigure(text, from)
				}
				return fig
			}
			for at := 0; at < len(text); {
				f := figure(at)
				if f < 0 {
					break
				}
				ws, we := sc.bounds(text, f)
				// Sentences that follow each other are read together.
				for we < len(text) {
					g := figure(we)
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
				x.block(wb, text[ws:we], src, parentVal, prevLast)
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
	// Link every count to the indicator its number was read as. Each link
	// has a string of its own, all allocated at once.
	links := x.links[:0] // value, count, value, count …
	for v := range x.vals {
		if x.vals[v].Source != SourceBody {
			continue
		}
		if ci, ok := x.countAt(x.vals[v].Span.Start); ok {
			links = append(links, v, ci)
		}
	}
	ids := make([]string, len(links)/2)
	for k := 0; k < len(links); k += 2 {
		ids[k/2] = x.vals[links[k]].Indicator
		s.report.Counts[links[k+1]].Indicator = &ids[k/2]
	}
	x.links = links
	x.settle()
	s.report.Indicators = append(s.report.Indicators, x.vals...)
}

func (x *indScan) block(b Block, t string, src IndicatorSource, parentVal, prevLast int) {
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
					_, counted = x.countAt(abs)
				} else {
					counted = slices.Contains(x.footHits, abs)
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
		section := x.s.sectionAt(abs)
		if slices.Contains(x.skipSection, section) {
			continue
		}
		v := Indicator{
			Indicator: d.ID, Value: c.value, OutOf: c.outOf, Unit: d.Unit,
			Source: src, Section: section,
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

// settleKey orders the values for settle: by group (the indicator, by
// the rank of its id; the narrative's before the table's), then by offset,
// then as stated.
type settleKey struct{ group, start, val int }

// settle merges values stated twice and flags conflicts among the
// narrative values of one indicator.
func (x *indScan) settle() {
	if len(x.vals) < 2 {
		return
	}
	// The narrative and the tables are settled apart: a table that
	// disagrees with the text is a figure-mismatch finding, not a conflict.
	keys := x.settleKeys[:0]
	for i := range x.vals {
		v := &x.vals[i]
		g := 2 * x.m.idRank[x.cat.byID[v.Indicator]]
		if v.Source == SourceTable {
			g++
		}
		keys = append(keys, settleKey{group: g, start: v.Span.Start, val: i})
	}
	slices.SortFunc(keys, func(a, b settleKey) int {
		if a.group != b.group {
			return a.group - b.group
		}
		if a.start != b.start {
			return a.start - b.start
		}
		return a.val - b.val
	})
	drop := slices.Grow(x.drop[:0], len(x.vals))[:len(x.vals)]
	clear(drop)
	var kept []int // the distinct values of a group, reused from group to group
	for a := 0; a < len(keys); {
		b := a
		for b < len(keys) && keys[b].group == keys[a].group {
			b++
		}
		kept = kept[:0]
		for _, k := range keys[a:b] {
			vi := k.val
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
				x.s.diagnose(diagIndicatorConflict, SeverityWarning, o.Span, "%s: %s (bytes %s–%s) and %s (bytes %s–%s) differ",
					first.Indicator, x.s.doc.Slice(first.Span), strconv.Itoa(first.Span.Start), strconv.Itoa(first.Span.End),
					x.s.doc.Slice(o.Span), strconv.Itoa(o.Span.Start), strconv.Itoa(o.Span.End))
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
	x.vals, x.settleKeys, x.drop = out, keys, drop
}

// futureWords mark the title of a section about the next period or about
// proposals.
var futureWords = []string{"phương hướng", "thời gian tới", "kỳ tới", "quý tới", "năm tới", "tiếp theo",
	"kiến nghị", "đề xuất", "trọng tâm"}

// futureSections appends to out the paths of the sections (with their
// subsections) whose figures are targets or proposals, not results.
func futureSections(out []string, flat []*Section) []string {
	var buf [256]byte
	key := buf[:0]
	for _, sec := range flat {
		if i := strings.LastIndexByte(sec.Path, '.'); i > 0 {
			// Subsections follow their top-level section.
			top := sec.Path[:strings.IndexByte(sec.Path, '.')]
			if slices.Contains(out, top) {
				out = append(out, sec.Path)
			}
			continue
		}
		// The key is built in a buffer of the loop's own (appendSearchKey
		// allocates only for a title not yet normalised).
		key = appendSearchKey(key[:0], sec.Title)
		// "IV. NHIỆM VỤ 6 THÁNG CUỐI NĂM", "PHƯƠNG HƯỚNG …" — but not "KẾT
		// QUẢ THỰC HIỆN CÁC NHIỆM VỤ".
		if sec.Level == 1 && (bytes.HasPrefix(key, []byte("nhiệm vụ")) || bytes.HasPrefix(key, []byte("phương hướng"))) {
			out = append(out, sec.Path)
			continue
		}
		for _, w := range futureWords {
			if bytes.Contains(key, []byte(w)) {
				out = append(out, sec.Path)
				break
			}
		}
	}
	return out
}

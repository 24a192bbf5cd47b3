package extract

// The parts and wholes of indicators: which indicator a part's value
// counts towards, and which footnoted values break down a value of the
// text rather than state a measure of their own.

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

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
	if !opensBreakdown(text) {
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
	// Narrative values are stated in text order: the walk back stops at
	// the first one before the block.
	for v := len(x.vals) - 1; v >= 0 && x.vals[v].Span.Start >= from; v-- {
		if sp := x.vals[v].Span; sp.End <= anchor && x.vals[v].Source == SourceBody {
			if last < 0 {
				last = v
			}
			x.footParents = append(x.footParents, v)
		}
	}
	return last
}

// opensBreakdown reports whether a footnote's text opens with a breakdown
// marker: whether the SearchKey of its first 24 bytes (to a whole rune)
// starts with one. TestOpensBreakdown and FuzzOpensBreakdown compare it
// with that definition.
func opensBreakdown(text string) bool {
	head := text
	if len(head) > 24 {
		n := 24
		for n < len(head) && !utf8.RuneStart(head[n]) {
			n++
		}
		head = head[:n]
	}
	// Every marker starts with t, g, b or c: the key of a head starting
	// with another ASCII byte starts with it in lower case, or with a
	// letter it composed into (Normalize changes no ASCII byte).
	if head == "" || head[0] < utf8.RuneSelf && strings.IndexByte("tgbcTGBC", head[0]) < 0 {
		return false
	}
	var buf [64]byte // the key of a 24-byte head, in place
	k := appendSearchKey(buf[:0], head)
	for _, m := range breakdownOpeners {
		if bytes.HasPrefix(k, []byte(m)) {
			return true
		}
	}
	return false
}

// breakdownOpeners are the markers a footnote breaking down a value opens with.
var breakdownOpeners = []string{"trong đó", "gồm", "bao gồm", "cụ thể"}

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

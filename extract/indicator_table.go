package extract

import (
	"strings"
)

// Appendix tables as data. The numeric appendix of a report ("Phụ lục …
// Biểu số liệu") is a table whose header names a content column (Nội dung,
// Chỉ tiêu, Tiêu chí), a value column (Số liệu, Kết quả, Số lượng, Thực
// hiện, Giá trị) and often a unit column (Đơn vị tính, ĐVT). Every format
// delivers its rows as BlockTableRow blocks with cells joined by " | "
// (Markdown pipe and grid tables, DOCX tables; PDF tables by column
// positions). Each data row is read like a sentence: its content and unit
// cells are the number's own clause, the row it hangs from ("Trong đó: …",
// numbered 1.1, a, -, +) is its parent. Values get Source table; they are
// compared with the narrative by the figure-mismatch compliance rule, not
// flagged as conflicts.

// tableHeader holds the column positions of a figures table, -1 when a
// column is missing, and how many cells the header has. A PDF row whose
// columns ran together has fewer cells: then the row is read by its
// structure (STT, content, unit, value) instead of by position.
type tableHeader struct {
	label, unit, value, stt int
	cells                   int
	hasSTT                  bool
}

// Header words, compared as SearchKey prefixes of a cell.
var (
	labelHeads = []string{"nội dung", "chỉ tiêu", "tiêu chí", "tên chỉ tiêu", "danh mục"}
	unitHeads  = []string{"đơn vị tính", "đvt", "đơn vị"}
	valueHeads = []string{"số liệu", "kết quả", "số lượng", "thực hiện", "giá trị", "kỳ báo cáo", "trong kỳ", "tổng số"}
	sttHeads   = []string{"stt", "tt", "số tt", "số thứ tự"}
	// planHeads mark a plan-against-result table ("Kế hoạch | Thực hiện |
	// Tỷ lệ"): its values are achievements of targets, not the measures
	// the text states, so it is not read.
	planHeads = []string{"kế hoạch", "chỉ tiêu giao", "mục tiêu"}
)

// readTableHeader recognises the header row of a figures table: a row
// without figures naming a content column and a value column.
func readTableHeader(cells []string) (tableHeader, bool) {
	h := tableHeader{label: -1, unit: -1, value: -1, stt: -1, cells: len(cells)}
	// Most rows hold figures: they are told before any cell is keyed.
	for _, c := range cells {
		if strings.ContainsAny(c, "0123456789") {
			return h, false
		}
	}
	for i, c := range cells {
		k := SearchKey(strings.TrimSpace(c))
		for _, w := range strings.Fields(k) {
			if hasAnyPrefix(w, sttHeads) {
				h.hasSTT = true
			}
		}
		switch {
		case h.stt < 0 && hasAnyPrefix(k, sttHeads) && len(k) <= 10:
			h.stt = i
		case hasAnyPrefix(k, planHeads):
			return h, false
		case h.label < 0 && containsAny(k, labelHeads):
			h.label = i
			if h.value < 0 && containsAny(k, valueHeads) {
				h.value = i // merged cells of a PDF row
			}
		case h.unit < 0 && containsAny(k, unitHeads):
			h.unit = i
			if h.value < 0 && containsAny(k, valueHeads) {
				h.value = i
			}
		case h.value < 0 && containsAny(k, valueHeads):
			h.value = i
		}
	}
	return h, h.label >= 0 && h.value >= 0
}

func containsAny(k string, ps []string) bool {
	for _, p := range ps {
		if i := strings.Index(k, p); i >= 0 && (i == 0 || k[i-1] == ' ') {
			return true
		}
	}
	return false
}

func hasAnyPrefix(k string, ps []string) bool {
	for _, p := range ps {
		if k == p || strings.HasPrefix(k, p+" ") || strings.HasPrefix(k, p+"(") {
			return true
		}
	}
	return false
}

// cellSpans splits a table row text into its cells' [start, end) offsets
// (trimmed).
func cellSpans(t string) [][2]int {
	var out [][2]int
	start := 0
	if strings.HasPrefix(t, "| ") {
		start = 2 // a row typed with its outer bar
	}
	for {
		i := strings.Index(t[start:], " | ")
		end := len(t)
		if i >= 0 {
			end = start + i
		}
		a, b := start, end
		for a < b && t[a] == ' ' {
			a++
		}
		for b > a && t[b-1] == ' ' {
			b--
		}
		out = append(out, [2]int{a, b})
		if i < 0 {
			return out
		}
		start = end + 3
	}
}

// isSTT reports whether a word is a row number: 1, 3.1, II, a, -, +.
func isSTT(w string) bool {
	w = strings.TrimSuffix(w, ".")
	switch {
	case w == "":
		return false
	case strings.Trim(w, "0123456789.") == "", strings.Trim(w, "IVXLC") == "":
		return true
	case w == "-" || w == "+" || w == "•":
		return true
	}
	return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z'
}

// isSubRow reports whether a row is a part of the row above: numbered
// "1.1", "a", "-", "+", or its content starting with "trong đó" / "- ".
func isSubRow(stt, label string) bool {
	stt = strings.TrimSpace(stt)
	switch {
	case strings.Contains(stt, ".") && strings.Trim(stt, "0123456789.") == "" && strings.Trim(stt, ".") != "" && strings.Count(strings.Trim(stt, "."), ".") >= 1:
		return true
	case stt == "-" || stt == "+" || stt == "•" || len(stt) == 1 && stt[0] >= 'a' && stt[0] <= 'z':
		return true
	}
	k := SearchKey(strings.TrimSpace(label))
	return strings.HasPrefix(k, "trong đó") || strings.HasPrefix(k, "- ") || strings.HasPrefix(k, "+ ") || strings.HasPrefix(k, "gồm")
}

// tables reads the figures tables of the report (anywhere after the
// header, the closing part included: appendices follow the signature).
func (x *indScan) tables() {
	s := x.s
	var head tableHeader
	inTable := false
	parentVal, parentRow := -1, -1 // the last top-level row's value and block
	for i := s.bodyFrom; i < len(s.doc.Blocks); i++ {
		b := s.doc.Blocks[i]
		if b.Kind != BlockTableRow {
			// A short line without figures is a cell's text wrapped out of
			// its row (PDF); anything else ends the table.
			// (Only asked inside a table: most blocks are prose.)
			if t := s.doc.Slice(b.Span); inTable && (len(t) > 60 || strings.ContainsAny(t, "0123456789") || b.Kind == BlockHeading) {
				inTable = false
			}
			continue
		}
		t := s.doc.Slice(b.Span)
		spans := cellSpans(t)
		cells := make([]string, len(spans))
		for k, sp := range spans {
			cells[k] = t[sp[0]:sp[1]]
		}
		if h, ok := readTableHeader(cells); ok {
			head, inTable = h, true
			parentVal, parentRow = -1, -1
			continue
		}
		if !inTable {
			continue
		}
		stt, label := "", cells[min(head.label, len(cells)-1)]
		if head.stt >= 0 && len(cells) == head.cells {
			stt = cells[head.stt]
		} else if head.hasSTT {
			// Columns ran together: the STT is the row's first word.
			row := strings.TrimPrefix(t, "| ")
			if f := strings.Fields(row); len(f) > 0 && isSTT(f[0]) {
				stt, label = f[0], strings.TrimSpace(strings.TrimPrefix(row, f[0]))
			}
		}
		sub := isSubRow(stt, label)
		x.parent.clear()
		if sub && parentRow >= 0 {
			x.tokenize(s.doc.Slice(s.doc.Blocks[parentRow].Span))
			for _, h := range x.hits {
				x.parent.set(h.id)
			}
		}
		// Short lines after the row are its cells' text wrapped out of
		// it (PDF): they belong to its content.
		var frags []string
		for j := i + 1; j < len(s.doc.Blocks) && s.doc.Blocks[j].Kind != BlockTableRow; j++ {
			ft := s.doc.Slice(s.doc.Blocks[j].Span)
			if len(ft) > 60 || strings.ContainsAny(ft, "0123456789") || s.doc.Blocks[j].Kind == BlockHeading {
				break
			}
			frags = append(frags, ft)
		}
		v := x.tableRow(b, t, strings.Join(frags, " "), spans, head, sub, parentVal)
		if !sub {
			parentVal, parentRow = v, i
		}
	}
}

// tableRow reads one data row; it returns the index of its value, -1 when
// none.
func (x *indScan) tableRow(b Block, t, frags string, spans [][2]int, head tableHeader, sub bool, parentVal int) int {
	row := t
	if frags != "" {
		row = t + " " + frags
	}
	x.tokenize(t)
	positional := len(spans) == head.cells
	vs := [2]int{0, len(t)}
	if positional {
		vs = spans[head.value]
	}
	// The value: the first number of the value cell; when the columns ran
	// together, the last figure of the row ("8/63" counts as one).
	num := -1
	for k, tk := range x.toks {
		if tk.kind != itNum || tk.start < vs[0] || tk.end > vs[1] {
			continue
		}
		if positional {
			num = k
			break
		}
		if k >= 2 && x.toks[k-1].kind == itPunct && x.toks[k-1].punct == '/' && x.toks[k-1].start == x.toks[k-2].end && x.toks[k-2].kind == itNum {
			continue
		}
		num = k
	}
	if num < 0 || !positional && x.toks[num].start == 0 && head.hasSTT {
		return -1 // only the STT
	}
	tk := x.toks[num]
	val, integer, ok := parseVNNumber(t[tk.start:tk.end])
	if !ok {
		return -1
	}
	c := candidate{tok: num, value: val, unit: -1, start: tk.start, end: tk.end, shape: IndicatorCount}
	unitText, unitFrom := "", -1
	switch {
	case positional && head.unit >= 0:
		unitText, unitFrom = SearchKey(t[spans[head.unit][0]:spans[head.unit][1]]), spans[head.unit][0]
	case !positional:
		// The unit is the words before the value in its own cell ("Hồ sơ
		// 46.215" when the columns ran together), else the cell before.
		ci := 0
		for k, sp := range spans {
			if sp[0] <= tk.start {
				ci = k
			}
		}
		seg, from := strings.TrimSpace(t[spans[ci][0]:tk.start]), spans[ci][0]
		if seg == "" && ci > 0 {
			seg, from = t[spans[ci-1][0]:spans[ci-1][1]], spans[ci-1][0]
		}
		switch {
		case seg != "" && len(seg) <= 24:
			unitText, unitFrom = SearchKey(seg), from
		case num > 0 && x.toks[num-1].kind == itWord:
			// "… tiếp nhận Hồ sơ 46.215": the unit term ending at the value.
			for u := max(0, num-4); u < num; u++ {
				if id, e := x.termAt(u, x.m.isUnit); id >= 0 && e == num {
					unitText, unitFrom = SearchKey(t[x.toks[u].start:tk.start]), x.toks[u].start
					break
				}
			}
		}
	}
	after := strings.TrimSpace(t[tk.end:vs[1]])
	switch {
	case strings.HasPrefix(after, "%") || unitText == "%" || strings.HasPrefix(unitText, "tỷ lệ") || strings.HasPrefix(unitText, "phần trăm"):
		c.shape = IndicatorRate
		if strings.HasPrefix(after, "%") {
			c.end = tk.end + strings.Index(t[tk.end:], "%") + 1
		}
	case strings.Contains(unitText, "điểm"):
		c.shape = IndicatorScore
	case strings.HasPrefix(after, "/") || strings.Contains(unitText, "hạng") || strings.Contains(unitText, "thứ"):
		c.shape = IndicatorRank
		if o := num + 2; strings.HasPrefix(after, "/") && o < len(x.toks) && x.toks[o].kind == itNum {
			if ov, oint, ok := parseVNNumber(t[x.toks[o].start:x.toks[o].end]); ok && oint {
				c.outOf, c.end = ov, x.toks[o].end
			}
		}
	default:
		if !integer {
			return -1
		}
		if unitFrom >= 0 {
			for k, u := range x.toks {
				if u.start >= unitFrom && u.kind == itWord {
					if id, _ := x.termAt(k, x.m.isUnit); id >= 0 {
						c.unit = id
					}
					break
				}
			}
		}
	}
	// The row is the number's own clause; its parent row is the context.
	x.near.clear()
	x.nearSeen.clear()
	x.all.clear()
	labelFrom, labelTo := 0, tk.start
	if positional {
		labelFrom, labelTo = spans[head.label][0], max(spans[head.label][1], unitEnd(spans, head))
	}
	// The content as written: the content (and unit) cells with the text
	// wrapped out of the row put back after them (PDF).
	ctx := t[labelFrom:labelTo]
	if frags != "" {
		if positional {
			ls := spans[head.label]
			ctx = t[ls[0]:ls[1]] + " " + frags + t[ls[1]:labelTo]
		} else {
			ctx += " " + frags
		}
	}
	x.tokenize(ctx)
	// Without a unit column the content's head noun is the unit ("Cuộc
	// kiểm tra", "Hồ sơ tiếp nhận").
	if c.shape == IndicatorCount && c.unit < 0 {
		for k, u := range x.toks {
			if u.kind == itWord {
				if id, _ := x.termAt(k, x.m.isUnit); id >= 0 {
					c.unit = id
				}
				break
			}
		}
	}
	for _, h := range x.hits {
		x.near.set(h.id)
		x.nearSeen.set(h.id)
		x.dist[h.id] = 0
		x.all.set(h.id)
	}
	for k := range x.all {
		x.all[k] |= x.parent[k]
	}
	nested := sub && parentVal >= 0
	def := x.best(c, nested)
	if def < 0 {
		return -1
	}
	d := x.cat.defs[def]
	if nested && x.sameMeasure(c, d, x.vals[parentVal].Indicator) {
		return -1
	}
	base := b.Span.Start
	v := Indicator{
		Indicator: d.ID, Value: c.value, OutOf: c.outOf, Unit: d.Unit, Source: SourceTable,
		Section: x.s.sectionAt(base), Text: strings.TrimSpace(row),
		Span: Span{Start: base + c.start, End: base + c.end}, Nested: nested,
	}
	if d.RefYear != "" {
		v.RefYear = x.refYear(ctx, 0, len(x.toks), d.RefYear)
	}
	x.vals = append(x.vals, v)
	return len(x.vals) - 1
}

func unitEnd(spans [][2]int, head tableHeader) int {
	if head.unit >= 0 && head.unit < len(spans) {
		return spans[head.unit][1]
	}
	return 0
}

package pdf

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baocao/baocao/extract"
)

// item is one element of a page in reading order: a body line that the
// paragraph builder may join with its neighbours, or a finished block (a
// table row, one line of a two-column area).
type item struct {
	top  float64
	line *line // body line; nil for a finished block
	kind extract.BlockKind
	text string
	bold bool
	page int
	fill float64 // width of the last line of a column block
}

// note is a footnote read from a page's footnote zone.
type note struct {
	number int
	page   int
	lines  []string
}

// pageGeom is what paragraph breaking needs about a page's text area.
type pageGeom struct {
	left, right, mid float64
	pitch            float64 // baseline distance in ems within a paragraph
}

// layoutDocument rebuilds the reading order of all pages and adds the
// blocks to bd: body blocks first, then footnotes in number order (the
// Markdown and DOCX forms of a report put footnotes at the end too).
func layoutDocument(bd *extract.Builder, pages []*pageContent, outline []outlineEntry) {
	all := make([][]line, len(pages))
	for i, pc := range pages {
		all[i] = buildLines(pc)
	}
	dropMargins(all, pages)
	var items []item
	var geoms []pageGeom
	var notes []note
	for i, pc := range pages {
		its, ns, g := layoutPage(pc, all[i])
		for j := range its {
			its[j].page = pc.number
			if its[j].line != nil {
				its[j].line.page = i
			}
		}
		items = append(items, its...)
		geoms = append(geoms, g)
		for _, n := range ns {
			if n.number == 0 && len(notes) > 0 {
				// A footnote continued from the previous page.
				notes[len(notes)-1].lines = append(notes[len(notes)-1].lines, n.lines...)
				continue
			}
			if n.number > 0 {
				notes = append(notes, n)
			}
		}
	}
	have := map[int]bool{}
	for _, n := range notes {
		have[n.number] = true
	}
	blocks := paragraphs(items, geoms, pages)
	markHeadings(blocks, outline)
	bbs := make([]extract.Block, len(blocks))
	texts := make([]string, len(blocks))
	for i, b := range blocks {
		bbs[i] = extract.Block{Kind: b.kind, Level: b.level, Bold: b.bold, Page: b.page}
		texts[i] = resolveMarkers(b.text, have)
	}
	// Without notes at the page bottoms, the notes may be typed as text
	// after the body ("[1] Kế hoạch số …"), marked "[1]" in it.
	bd.AddBody(bbs, texts, len(notes) == 0)
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].number < notes[j].number })
	for _, n := range notes {
		bd.Add(extract.Block{Kind: extract.BlockFootnote, Footnote: n.number, Page: n.page},
			resolveMarkers(joinLines(n.lines), nil))
	}
}

// resolveMarkers turns placeholders into extract.Marker for footnotes that
// exist and back into plain digits otherwise.
func resolveMarkers(s string, have map[int]bool) string {
	if !strings.Contains(s, supOpen) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, supOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], supClose)
		if j < 0 {
			b.WriteString(strings.ReplaceAll(s, supOpen, ""))
			return b.String()
		}
		b.WriteString(s[:i])
		digits := s[i+len(supOpen) : i+j]
		if n, err := strconv.Atoi(digits); err == nil && have[n] {
			b.WriteString(extract.Marker(n))
		} else {
			b.WriteString(digits)
		}
		s = s[i+j+len(supClose):]
	}
}

var reDigits = regexp.MustCompile(`\d+`)

// dropMargins removes page numbers and running headers/footers: lines in
// the top or bottom 12% of the page that are a lone number, or whose text
// (digits ignored) recurs at the same place on at least half of the pages.
func dropMargins(all [][]line, pages []*pageContent) {
	inMargin := func(l *line, pc *pageContent) bool {
		h := pc.box[3] - pc.box[1]
		return h > 0 && (l.base > pc.box[3]-0.12*h || l.base < pc.box[1]+0.12*h)
	}
	key := func(l *line) string {
		return reDigits.ReplaceAllString(placeholderText(l.text(0, len(l.glyphs))), "#") + "@" + strconv.Itoa(int(l.base/4))
	}
	count := map[string]int{}
	if len(pages) >= 2 {
		for i, ls := range all {
			seen := map[string]bool{}
			for j := range ls {
				if inMargin(&ls[j], pages[i]) {
					k := key(&ls[j])
					if !seen[k] {
						seen[k] = true
						count[k]++
					}
				}
			}
		}
	}
	for i, ls := range all {
		kept := ls[:0]
		for j := range ls {
			l := &ls[j]
			if inMargin(l, pages[i]) {
				t := placeholderText(l.text(0, len(l.glyphs)))
				if rePageNumber.MatchString(t) || count[key(l)] >= 2 && count[key(l)]*2 >= len(pages) {
					continue
				}
			}
			kept = append(kept, *l)
		}
		all[i] = kept
	}
}

// layoutPage splits a page's lines into the footnote zone, ruled tables,
// two-column areas and wide-gap table rows, and body lines.
func layoutPage(pc *pageContent, lines []line) ([]item, []note, pageGeom) {
	g := geometry(lines)
	lines, notes := footnoteZone(pc, lines, g)
	var items []item
	lines, items = ruledTables(pc, lines, items)
	g = geometry(lines)
	items = columnsAndRows(pc, lines, items, g)
	sort.SliceStable(items, func(i, j int) bool { return items[i].top > items[j].top })
	return items, notes, g
}

// geometry estimates the text area and line pitch from full-width lines.
func geometry(lines []line) pageGeom {
	g := pageGeom{left: math.Inf(1), right: math.Inf(-1)}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		lo, hi = math.Min(lo, l.x0), math.Max(hi, l.x1)
	}
	for _, l := range lines {
		if l.x1-l.x0 >= 0.6*(hi-lo) {
			g.left, g.right = math.Min(g.left, l.x0), math.Max(g.right, l.x1)
		}
	}
	if math.IsInf(g.left, 0) {
		g.left, g.right = lo, hi
	}
	g.mid = (g.left + g.right) / 2
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		d := lines[i-1].base - lines[i].base
		if d > 0 && d < 2.5*lines[i].size && math.Abs(lines[i-1].size-lines[i].size) < 0.5 {
			gaps = append(gaps, d/lines[i].size)
		}
	}
	if len(gaps) > 0 {
		slices.Sort(gaps)
		g.pitch = gaps[len(gaps)/4] // the tight end: paragraph spacing inflates the rest
	}
	return g
}

// footnoteZone takes the footnotes off the bottom of the page: the lines
// under a short rule drawn from the left margin, or failing that a run of
// lines at the bottom that starts with a superscript marker.
func footnoteZone(pc *pageContent, lines []line, g pageGeom) ([]line, []note) {
	if len(lines) == 0 {
		return lines, nil
	}
	h := pc.box[3] - pc.box[1]
	start := -1
	sepY := math.Inf(-1)
	for _, s := range pc.segs {
		if math.Abs(s.y0-s.y1) > 1 {
			continue
		}
		x0, x1 := math.Min(s.x0, s.x1), math.Max(s.x0, s.x1)
		y := s.y0
		if x1-x0 < 30 || x1-x0 > 0.6*(g.right-g.left) || math.Abs(x0-g.left) > 15 || y > pc.box[1]+0.6*h || y <= sepY {
			continue
		}
		// The first line under it must open a footnote.
		for i := range lines {
			if lines[i].base < y {
				if lines[i].leadingMarker() > 0 {
					sepY, start = y, i
				}
				break
			}
		}
	}
	if start < 0 {
		for i := len(lines) - 1; i >= 0; i-- {
			if lines[i].base > pc.box[1]+0.5*h {
				break
			}
			if lines[i].leadingMarker() > 0 {
				start = i
			} else if start >= 0 {
				break
			}
		}
	}
	if start < 0 {
		return lines, nil
	}
	var notes []note
	for i := start; i < len(lines); i++ {
		l := &lines[i]
		t := l.text(0, len(l.glyphs))
		if n := l.leadingMarker(); n > 0 {
			t = t[strings.Index(t, supClose)+len(supClose):]
			notes = append(notes, note{number: n, page: pc.number, lines: []string{strings.TrimSpace(t)}})
			continue
		}
		if len(notes) == 0 {
			notes = append(notes, note{page: pc.number})
		}
		notes[len(notes)-1].lines = append(notes[len(notes)-1].lines, t)
	}
	return lines[:start], notes
}

// ruledTables finds tables drawn with vertical and horizontal rules and
// turns the lines inside them into table rows, one per ruled row.
func ruledTables(pc *pageContent, lines []line, items []item) ([]line, []item) {
	type region struct {
		ylo, yhi float64
		xs       []float64
	}
	var regs []region
	for _, s := range pc.segs {
		if math.Abs(s.x0-s.x1) > 1 || math.Abs(s.y0-s.y1) < 6 {
			continue
		}
		lo, hi := math.Min(s.y0, s.y1), math.Max(s.y0, s.y1)
		merged := false
		for i := range regs {
			r := &regs[i]
			if lo <= r.yhi+2 && hi >= r.ylo-2 {
				r.ylo, r.yhi = math.Min(r.ylo, lo), math.Max(r.yhi, hi)
				r.xs = append(r.xs, s.x0)
				merged = true
				break
			}
		}
		if !merged && len(regs) < 100 {
			regs = append(regs, region{lo, hi, []float64{s.x0}})
		}
	}
	for _, r := range regs {
		cols := distinct(r.xs)
		if len(cols) < 3 { // at least two cells side by side
			continue
		}
		var ys []float64
		for _, s := range pc.segs {
			if math.Abs(s.y0-s.y1) <= 1 && s.y0 >= r.ylo-2 && s.y0 <= r.yhi+2 &&
				math.Min(s.x0, s.x1) < cols[0]+5 && math.Max(s.x0, s.x1) > cols[1]-5 {
				ys = append(ys, s.y0)
			}
		}
		ys = append(ys, r.ylo, r.yhi)
		rows := distinct(ys)
		cells := make([][][]string, len(rows)-1)
		for i := range cells {
			cells[i] = make([][]string, len(cols)-1)
		}
		kept := lines[:0:0]
		for li := range lines {
			l := &lines[li]
			if l.base <= r.ylo || l.base >= r.yhi || l.x1 < cols[0] || l.x0 > cols[len(cols)-1] {
				kept = append(kept, *l)
				continue
			}
			row := sort.SearchFloat64s(rows, l.base) - 1
			if row < 0 || row >= len(cells) {
				continue
			}
			from, col := 0, -1
			for gi := 0; gi <= len(l.glyphs); gi++ {
				c := col
				if gi < len(l.glyphs) {
					gl := l.glyphs[gi]
					c = sort.SearchFloat64s(cols, gl.x+gl.w/2) - 1
				}
				if gi == len(l.glyphs) || c != col {
					if col >= 0 && col < len(cols)-1 {
						if t := l.text(from, gi); t != "" {
							cells[row][col] = append(cells[row][col], t)
						}
					}
					from, col = gi, c
				}
			}
		}
		lines = kept
		for i := len(cells) - 1; i >= 0; i-- { // rows ascend in y: top row last
			var parts []string
			empty := true
			for _, c := range cells[i] {
				t := joinLines(c)
				if t != "" {
					empty = false
				}
				parts = append(parts, t)
			}
			if !empty {
				items = append(items, item{top: rows[i+1], kind: extract.BlockTableRow, text: strings.Join(parts, " | ")})
			}
		}
	}
	return lines, items
}

// distinct sorts values and merges those within 2 pt.
func distinct(v []float64) []float64 {
	slices.Sort(v)
	var out []float64
	for _, x := range v {
		if len(out) == 0 || x-out[len(out)-1] > 2 {
			out = append(out, x)
		}
	}
	return out
}

// columnsAndRows finds runs of lines split by wide gaps. Runs whose lines
// all have two parts with a common gutter are two-column areas (the issuer
// block beside the Quốc hiệu, Nơi nhận beside the signature): the left
// column is emitted before the right one. Other split runs are borderless
// table rows. Everything else stays a body line.
// headerColumns finds the two-column header block at the top of page 1
// when its cells do not line up into split lines: a header table whose
// cells wrap differently, or whose columns touch so that no wide gap
// separates them ("… TỈNH ĐỒNG VIỆT NAM …"). The right column's left edge
// is the left edge of the lines that sit wholly in the right half; the
// block runs from the top while lines follow at body spacing and each
// lies left of that edge, right of it, or breaks at it. It returns the
// number of lines and the edge, and re-splits the lines' chunks at the
// edge; 0 when there is no such block.
func headerColumns(lines []line, chunks [][]chunk, g pageGeom) (int, float64) {
	edge := math.Inf(1)
	for k := 0; k < len(lines) && k < 12; k++ {
		if l := &lines[k]; l.x0 >= g.mid-0.5*l.size {
			edge = math.Min(edge, l.x0)
		}
	}
	if math.IsInf(edge, 1) {
		return 0, 0
	}
	left, right := false, false
	split := make([][]chunk, 0, len(lines))
	for n := 0; n < len(lines); n++ {
		l := &lines[n]
		if n > 0 && (lines[n-1].base-l.base > 1.8*l.size || math.Abs(lines[n-1].size-l.size) > 0.15*l.size) {
			break
		}
		k := splitAt(l, edge)
		if k < 0 {
			break
		}
		var cs []chunk
		if k > 0 {
			left = true
			cs = append(cs, chunk{from: 0, to: k, x0: l.glyphs[0].x, x1: l.glyphs[k-1].x + l.glyphs[k-1].w})
		}
		if k < len(l.glyphs) {
			right = true
			last := l.glyphs[len(l.glyphs)-1]
			cs = append(cs, chunk{from: k, to: len(l.glyphs), x0: l.glyphs[k].x, x1: last.x + last.w})
		}
		split = append(split, cs)
	}
	if !left || !right || len(split) < 3 {
		return 0, 0
	}
	copy(chunks, split)
	return len(split), edge
}

// splitAt returns the index of the first glyph at or right of edge when
// the line breaks there (no glyph straddles it), or -1.
func splitAt(l *line, edge float64) int {
	for i, gl := range l.glyphs {
		if gl.x >= edge-1 {
			return i
		}
		if gl.x+gl.w > edge+1 && !gl.space && strings.TrimSpace(gl.text) != "" {
			return -1 // a glyph crosses the edge: the line spans both columns
		}
	}
	return len(l.glyphs)
}

func columnsAndRows(pc *pageContent, lines []line, items []item, g pageGeom) []item {
	chunks := make([][]chunk, len(lines))
	h := pc.box[3] - pc.box[1]
	for i := range lines {
		gap := 2.0
		if pc.number == 1 && lines[i].base > pc.box[3]-0.3*h {
			// The header's columns are centred in table cells and can come
			// within two ems of each other.
			gap = 1.2
		}
		chunks[i] = lines[i].chunks(gap)
	}
	used := make([]bool, len(lines))
	i := 0
	if pc.number == 1 {
		if n, edge := headerColumns(lines, chunks, g); n > 0 {
			items = emitColumns(lines, chunks, used, 0, n, edge, edge, g, items)
			i = n
		}
	}
	for i < len(lines) {
		if len(chunks[i]) < 2 {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && len(chunks[j]) >= 2 && lines[j-1].base-lines[j].base <= 3*lines[j].size {
			j++
		}
		maxParts := 0
		gl, gr := math.Inf(-1), math.Inf(1) // gutter
		for k := i; k < j; k++ {
			maxParts = max(maxParts, len(chunks[k]))
			if len(chunks[k]) == 2 {
				gl, gr = math.Max(gl, chunks[k][0].x1), math.Min(gr, chunks[k][1].x0)
			}
		}
		if maxParts == 2 && gl < gr {
			lo, hi := i, j
			fits := func(k int) bool {
				l := &lines[k]
				centred := math.Abs((l.x0+l.x1)/2-g.mid) < l.size && l.x0 < gl
				return len(chunks[k]) == 1 && !centred && (l.x1 < gr || l.x0 > gl)
			}
			for hi < len(lines) && lines[hi-1].base-lines[hi].base <= 1.6*lines[hi].size && fits(hi) {
				hi++
			}
			items = emitColumns(lines, chunks, used, lo, hi, gl, gr, g, items)
			i = hi
			continue
		}
		if j-i >= 2 || maxParts >= 3 {
			for k := i; k < j; k++ {
				l := &lines[k]
				used[k] = true
				var parts []string
				for _, c := range chunks[k] {
					parts = append(parts, l.text(c.from, c.to))
				}
				items = append(items, item{top: l.base, kind: extract.BlockTableRow, text: strings.Join(parts, " | ")})
			}
		}
		i = j
	}
	for k := range lines {
		if !used[k] {
			items = append(items, item{top: lines[k].base, line: &lines[k]})
		}
	}
	return items
}

// emitColumns turns lines lo..hi of a two-column area into blocks, the
// left column before the right one; gl..gr is the gutter between them.
func emitColumns(lines []line, chunks [][]chunk, used []bool, lo, hi int, gl, gr float64, g pageGeom, items []item) []item {
	var left, right []item
	var leftEnd, rightEnd float64 // previous line's bottom and fill
	for k := lo; k < hi; k++ {
		l := &lines[k]
		used[k] = true
		for _, c := range chunks[k] {
			it := item{top: lines[lo].base + 1, kind: extract.BlockParagraph, text: l.text(c.from, c.to), bold: boldRange(l, c.from, c.to)}
			col, end := &left, &leftEnd
			width := (gl+gr)/2 - g.left
			if (c.x0+c.x1)/2 >= (gl+gr)/2 {
				col, end, width = &right, &rightEnd, g.right-(gl+gr)/2
			}
			// A line that filled its column and is followed closely by
			// one of the same weight wrapped ("… VIỆT" / "NAM").
			if n := len(*col); n > 0 && *end > 0 && (*col)[n-1].bold == it.bold && *end-l.base <= 1.35*l.size &&
				(*col)[n-1].fill >= 0.85*width && allCaps((*col)[n-1].text) == allCaps(it.text) {
				(*col)[n-1].text = joinLines([]string{(*col)[n-1].text, it.text})
			} else {
				*col = append(*col, it)
			}
			*end = l.base
			(*col)[len(*col)-1].fill = c.x1 - c.x0
		}
	}
	// Keep the column order stable under the later sort by top.
	for n, it := range append(left, right...) {
		it.top -= float64(n) * 1e-6
		items = append(items, it)
	}
	return items
}

func boldRange(l *line, from, to int) bool {
	any := false
	for i := from; i < to; i++ {
		g := l.glyphs[i]
		if g.space || l.super[i] || strings.TrimSpace(g.text) == "" {
			continue
		}
		if g.font == nil || !g.font.bold {
			return false
		}
		any = true
	}
	return any
}

// reParaStart matches what opens a new paragraph or list item at the start
// of a line: Roman, Arabic and letter numbering, bullets, "Điều N".
var reParaStart = regexp.MustCompile(`^(?:[IVXLC]{1,6}\.\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[-–•+*]\s|Điều\s+\d)`)

var reBullet = regexp.MustCompile(`^[-–•+]\s`)

// block is a paragraph ready for the Builder.
type block struct {
	kind  extract.BlockKind
	text  string
	bold  bool
	level int
	page  int
}

// paragraphs joins body lines into paragraphs. A new paragraph starts at a
// first-line indent, a larger vertical gap, a change of size or weight,
// after a line that ends well before the right margin, at a numbering or
// bullet pattern after a line ending in punctuation, and at centred lines.
func paragraphs(items []item, geoms []pageGeom, pages []*pageContent) []block {
	var out []block
	var cur []*line
	flush := func() {
		if len(cur) == 0 {
			return
		}
		var texts []string
		bold := true
		for _, l := range cur {
			texts = append(texts, l.text(0, len(l.glyphs)))
			bold = bold && l.bold
		}
		t := joinLines(texts)
		kind := extract.BlockParagraph
		if reBullet.MatchString(placeholderText(t)) {
			// The bullet itself is layout, as in the DOCX and Markdown
			// ingesters: the item's text starts after it.
			kind = extract.BlockListItem
			t = strings.TrimSpace(t[len(reBullet.FindString(t)):])
		}
		out = append(out, block{kind: kind, text: t, bold: bold, page: pages[cur[0].page].number})
		cur = cur[:0]
	}
	for _, it := range items {
		if it.line == nil {
			flush()
			out = append(out, block{kind: it.kind, text: it.text, bold: it.bold && it.kind == extract.BlockParagraph, page: it.page})
			continue
		}
		l := it.line
		if len(cur) > 0 && breaksBefore(cur[len(cur)-1], l, geoms) {
			flush()
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

func centred(l *line, g pageGeom) bool {
	return l.x0-g.left > 2*l.size && g.right-l.x1 > 2*l.size && math.Abs((l.x0-g.left)-(g.right-l.x1)) < 0.5*l.size
}

func breaksBefore(p, l *line, geoms []pageGeom) bool {
	gp, gl := geoms[p.page], geoms[l.page]
	if math.Abs(p.size-l.size) > 0.15*l.size || p.bold != l.bold {
		return true
	}
	pt := placeholderText(p.text(0, len(p.glyphs)))
	lt := placeholderText(l.text(0, len(l.glyphs)))
	pc, lc := centred(p, gp), centred(l, gl)
	if pc != lc {
		return true
	}
	if p.page == l.page {
		pitch := gl.pitch
		if pitch == 0 {
			pitch = 1.2
		}
		if p.base < l.base || p.base-l.base > 1.3*pitch*l.size && !continues(p, l, pt, lt, gp) {
			return true
		}
	}
	if lc {
		return false // wrapped centred title lines
	}
	// The previous line ended its paragraph when the next line's first
	// word would have fitted after it.
	short := p.x1+0.3*p.size+l.firstWordWidth() < gp.right-0.2*p.size
	// A list item wraps onto a hanging indent: the next line starts under
	// the text after the bullet or label, which is no first-line indent.
	hanging := false
	if x, ok := p.afterLabelX(); ok && reParaStart.MatchString(pt) && !reParaStart.MatchString(lt) {
		hanging = math.Abs(l.x0-x) < 0.6*l.size
	}
	if short || !hanging && l.x0-gp.left > 0.6*l.size && l.x0-p.x0 > 0.6*l.size {
		return true
	}
	if reParaStart.MatchString(lt) {
		r, _ := utf8.DecodeLastRuneInString(pt)
		// A numbered line after a line that ends in punctuation, or after
		// a heading in capitals ("II. KẾT QUẢ …" / "1. Cải cách thể chế").
		if strings.ContainsRune(".:;!?", r) || strings.ToUpper(pt) == pt && strings.ToLower(pt) != pt {
			return true
		}
	}
	return false
}

// continues reports a line that goes on with the sentence of a full line
// before it: that line ends with no punctuation and this one starts with a
// small letter and no numbering. It overrides a wider gap between them,
// which in OCR'd text is a word box stretched by a speck of the scan.
func continues(p, l *line, pt, lt string, g pageGeom) bool {
	last, _ := utf8.DecodeLastRuneInString(pt)
	first, _ := utf8.DecodeRuneInString(lt)
	return p.x1 > g.right-2*p.size && (unicode.IsLetter(last) || unicode.IsDigit(last)) &&
		unicode.IsLower(first) && !reParaStart.MatchString(lt)
}

// joinLines joins the lines of one paragraph. A line ending in a hyphen
// glued to a word ("QĐ-" / "UBND", "2021-" / "2030") continues without a
// space and keeps the hyphen; a soft hyphen is dropped.
func joinLines(lines []string) string {
	var b strings.Builder
	for _, t := range lines {
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		s := b.String()
		switch {
		case s == "":
		case strings.HasSuffix(s, "\u00ad"):
			b.Reset()
			b.WriteString(strings.TrimSuffix(s, "\u00ad"))
		case strings.HasSuffix(s, "-") && !strings.HasSuffix(s, " -") && len(s) > 1:
		default:
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// markHeadings marks paragraphs that match a bookmark title (in order) as
// headings of the bookmark's depth. Titles keep their numbering label, and
// so does the paragraph text.
func markHeadings(blocks []block, outline []outlineEntry) {
	if len(outline) == 0 {
		return
	}
	key := func(s string) string {
		return strings.Join(strings.Fields(extract.Fold(placeholderText(s))), " ")
	}
	next := 0
	for i := range blocks {
		b := &blocks[i]
		if b.kind != extract.BlockParagraph {
			continue
		}
		k := key(b.text)
		for j := next; j < len(outline) && j < next+8; j++ {
			t := key(outline[j].title)
			if t != "" && k == t {
				b.kind, b.level = extract.BlockHeading, outline[j].level
				next = j + 1
				break
			}
		}
	}
}

// allCaps reports whether s has letters and no lower-case ones.
func allCaps(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

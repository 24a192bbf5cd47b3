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
)

// line is one visual line: glyphs on one baseline, sorted by X.
type line struct {
	page   int
	glyphs []glyph
	base   float64 // baseline of the full-size glyphs
	size   float64 // largest font size on the line
	x0, x1 float64
	bold   bool
	super  []bool // per glyph: small and raised (a superscript)
}

// Markers are carried through layout as "\uE002n\uE003" and become
// extract.Marker(n) only when footnote n exists (a raised "2" in "m2" is
// not a footnote).
const (
	supOpen  = "\uE002"
	supClose = "\uE003"
)

// buildLines groups a page's glyphs into lines, top to bottom (PDF y grows
// upwards). Full-size glyphs are clustered by baseline first; small glyphs
// then join the line they are raised above (superscripts) or form lines of
// their own (small footnote text).
func buildLines(pc *pageContent) []line {
	var gs []glyph
	for _, g := range pc.glyphs {
		if g.text != "" && g.size > 0.5 && !math.IsNaN(g.x+g.y+g.w) && !math.IsInf(g.x+g.y+g.w, 0) {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return nil
	}
	body := medianSize(gs)
	var big, small []glyph
	for _, g := range gs {
		if g.size < 0.75*body {
			small = append(small, g)
		} else {
			big = append(big, g)
		}
	}
	lines := cluster(big, 0.5*body)
	var rest []glyph
	for _, g := range small {
		best, bestD := -1, math.MaxFloat64
		for i := range lines {
			l := &lines[i]
			d := g.y - l.base
			if d < -0.1*l.size || d > 0.8*l.size || g.x < l.x0-2*l.size || g.x > l.x1+2*l.size {
				continue
			}
			if math.Abs(d) < bestD {
				best, bestD = i, math.Abs(d)
			}
		}
		if best < 0 {
			rest = append(rest, g)
			continue
		}
		lines[best].glyphs = append(lines[best].glyphs, g)
	}
	if len(rest) > 0 {
		lines = append(lines, cluster(rest, 0.5*medianSize(rest))...)
	}
	for i := range lines {
		finishLine(&lines[i], pc.number)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].base > lines[j].base })
	return lines
}

func medianSize(gs []glyph) float64 {
	sizes := make([]float64, 0, len(gs))
	for _, g := range gs {
		if !g.space {
			sizes = append(sizes, g.size)
		}
	}
	if len(sizes) == 0 {
		return gs[0].size
	}
	slices.Sort(sizes)
	return sizes[len(sizes)/2]
}

// cluster groups glyphs whose baselines are within tol of the line's first
// (topmost) full-size glyph.
func cluster(gs []glyph, tol float64) []line {
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	var out []line
	for _, g := range gs {
		if n := len(out); n > 0 && out[n-1].base-g.y <= tol {
			out[n-1].glyphs = append(out[n-1].glyphs, g)
			continue
		}
		out = append(out, line{base: g.y, glyphs: []glyph{g}, size: g.size})
	}
	for i := range out {
		out[i].x0, out[i].x1 = math.Inf(1), math.Inf(-1)
		for _, g := range out[i].glyphs {
			out[i].x0 = math.Min(out[i].x0, g.x)
			out[i].x1 = math.Max(out[i].x1, g.x+g.w)
		}
	}
	return out
}

// finishLine sorts by X (LibreOffice draws fallback-font letters after the
// rest of the line), drops doubled glyphs (fake bold), and marks
// superscripts.
func finishLine(l *line, page int) {
	l.page = page
	sort.SliceStable(l.glyphs, func(i, j int) bool { return l.glyphs[i].x < l.glyphs[j].x })
	gs := l.glyphs[:0]
	for i, g := range l.glyphs {
		if i > 0 {
			p := gs[len(gs)-1]
			if p.text == g.text && math.Abs(p.x-g.x) < 0.3 && math.Abs(p.y-g.y) < 0.3 {
				continue
			}
		}
		gs = append(gs, g)
	}
	l.glyphs = gs
	l.size = 0
	for _, g := range gs {
		if !g.space {
			l.size = math.Max(l.size, g.size)
		}
	}
	if l.size == 0 {
		l.size = gs[0].size
	}
	// The baseline is that of the full-size glyphs.
	var ys []float64
	for _, g := range gs {
		if g.size >= 0.8*l.size {
			ys = append(ys, g.y)
		}
	}
	slices.Sort(ys)
	if len(ys) > 0 {
		l.base = ys[len(ys)/2]
	}
	l.super = make([]bool, len(gs))
	l.bold = true
	l.x0, l.x1 = math.Inf(1), math.Inf(-1)
	nonSpace := 0
	for i, g := range gs {
		l.super[i] = g.size < 0.8*l.size && g.y-l.base > 0.15*l.size
		if g.space || strings.TrimSpace(g.text) == "" {
			continue
		}
		nonSpace++
		l.x0 = math.Min(l.x0, g.x)
		l.x1 = math.Max(l.x1, g.x+g.w)
		if !l.super[i] && (g.font == nil || !g.font.bold) {
			l.bold = false
		}
	}
	if nonSpace == 0 {
		l.bold = false
		l.x0, l.x1 = gs[0].x, gs[len(gs)-1].x+gs[len(gs)-1].w
	}
}

// chunk is a run of a line's glyphs without a wide gap: a cell or column.
type chunk struct {
	from, to int // glyph index range [from, to)
	x0, x1   float64
}

// chunks splits a line at gaps wider than gap × the font size; tables and
// the two-column header are drawn with such gaps on one baseline.
func (l *line) chunks(gap float64) []chunk {
	var out []chunk
	start, lastEnd := -1, 0.0
	x0 := 0.0
	for i, g := range l.glyphs {
		if g.space || strings.TrimSpace(g.text) == "" {
			continue
		}
		if start >= 0 && g.x-lastEnd > gap*l.size {
			out = append(out, chunk{from: start, to: i, x0: x0, x1: lastEnd})
			start = -1
		}
		if start < 0 {
			start, x0 = i, g.x
		}
		lastEnd = math.Max(lastEnd, g.x+g.w)
		if start == i {
			lastEnd = g.x + g.w
		}
	}
	if start >= 0 {
		out = append(out, chunk{from: start, to: len(l.glyphs), x0: x0, x1: lastEnd})
	}
	return out
}

// text renders glyphs [from, to) of the line: a space where the gap is
// wider than 0.2 × the font size and no space glyph was drawn, and
// superscript digits as marker placeholders.
func (l *line) text(from, to int) string {
	var b strings.Builder
	prevEnd := math.Inf(-1)
	prevSpace := true
	for i := from; i < to; i++ {
		g := l.glyphs[i]
		if g.space || strings.TrimSpace(g.text) == "" {
			if !prevSpace {
				b.WriteByte(' ')
				prevSpace = true
			}
			prevEnd = g.x + g.w
			continue
		}
		if l.super[i] && isDigits(g.text) {
			j := i
			var num strings.Builder
			for ; j < to && l.super[j] && isDigits(l.glyphs[j].text); j++ {
				num.WriteString(l.glyphs[j].text)
			}
			b.WriteString(supOpen + num.String() + supClose)
			prevEnd = l.glyphs[j-1].x + l.glyphs[j-1].w
			prevSpace = false
			i = j - 1
			continue
		}
		size := g.size
		if l.super[i] {
			size = l.size
		}
		if !prevSpace && g.x-prevEnd > 0.2*size {
			b.WriteByte(' ')
		}
		b.WriteString(g.text)
		prevEnd = g.x + g.w
		prevSpace = false
	}
	return strings.TrimSpace(b.String())
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// leadingMarker returns the number of a superscript marker that opens the
// line (a footnote in the footnote zone), or 0.
func (l *line) leadingMarker() int {
	t := l.text(0, len(l.glyphs))
	if !strings.HasPrefix(t, supOpen) {
		return 0
	}
	end := strings.Index(t, supClose)
	n, _ := strconv.Atoi(t[len(supOpen):end])
	return n
}

var rePageNumber = regexp.MustCompile(`^(?:[-–—]\s*)?(?:(?i:trang)\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$`)

// placeholderText drops marker placeholders, for comparisons.
func placeholderText(s string) string {
	for {
		i := strings.Index(s, supOpen)
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], supClose)
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+len(supClose):]
	}
}

// startsUpper reports whether s starts with an upper-case letter or digit.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// firstWordWidth is the width of the line's first word: had it fitted at
// the end of the previous line, that line ended its paragraph on purpose.
// afterLabelX is the x where the text after a line's first word (its
// bullet or numbering label) starts; false when the line has one word.
func (l *line) afterLabelX() (float64, bool) {
	inWord := false
	prevEnd := 0.0
	for _, g := range l.glyphs {
		blank := g.space || strings.TrimSpace(g.text) == ""
		switch {
		case blank && inWord:
			inWord = false
			prevEnd = -1 // a space ends the label
		case blank:
		case !inWord && prevEnd != 0:
			return g.x, true
		case !inWord:
			inWord = true
			prevEnd = g.x + g.w
		case g.x-prevEnd > 0.2*g.size:
			return g.x, true // a tab or gap after the label, no space glyph
		default:
			prevEnd = g.x + g.w
		}
	}
	return 0, false
}

func (l *line) firstWordWidth() float64 {
	start := -1
	for i, g := range l.glyphs {
		if g.space || strings.TrimSpace(g.text) == "" {
			if start >= 0 {
				return l.glyphs[i-1].x + l.glyphs[i-1].w - l.glyphs[start].x
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start < 0 {
		return 0
	}
	last := l.glyphs[len(l.glyphs)-1]
	return last.x + last.w - l.glyphs[start].x
}

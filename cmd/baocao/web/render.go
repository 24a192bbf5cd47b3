package web

import (
	"sort"
	"strings"

	"github.com/baocao/baocao/extract"
)

// A seg is a piece of report text as the report page shows it: plain
// text, a footnote marker, or a citation mention. Templates escape every
// Text; no report text is ever trusted as HTML.
type seg struct {
	Kind string // "text", "fn" (footnote marker N), "cite" (mention of citation Cite)
	Text string
	N    int
	Cite int
}

// textLayout knows where the footnote markers, the footnote texts and the
// citation mentions are in a report's text.
type textLayout struct {
	text    string
	markers []marker       // sorted by offset
	skip    []extract.Span // footnote texts, shown in the footnote list instead
	cites   []mention      // sorted by start
}

type marker struct{ at, n int }

type mention struct {
	span extract.Span
	cite int
}

func newTextLayout(r *extract.Report) *textLayout {
	l := &textLayout{text: r.Text}
	for _, f := range r.Footnotes {
		if f.Anchor >= 0 && f.Anchor <= len(r.Text) {
			l.markers = append(l.markers, marker{f.Anchor, f.Number})
		}
		if s, ok := clip(f.Span, len(r.Text)); ok {
			// Take the number in front of the footnote text too: the
			// whole line is the footnote.
			if i := strings.LastIndexByte(r.Text[:s.Start], '\n'); i >= 0 && !strings.ContainsFunc(r.Text[i+1:s.Start], isLetter) {
				s.Start = i + 1
			}
			l.skip = append(l.skip, s)
		}
	}
	for i, c := range r.Citations {
		for _, m := range c.Mentions {
			if s, ok := clip(m, len(r.Text)); ok {
				l.cites = append(l.cites, mention{s, i})
			}
		}
	}
	sort.SliceStable(l.markers, func(i, j int) bool { return l.markers[i].at < l.markers[j].at })
	sort.Slice(l.skip, func(i, j int) bool { return l.skip[i].Start < l.skip[j].Start })
	sort.SliceStable(l.cites, func(i, j int) bool { return l.cites[i].span.Start < l.cites[j].span.Start })
	return l
}

func isLetter(r rune) bool { return r > 127 || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func clip(s extract.Span, n int) (extract.Span, bool) {
	if s.Start < 0 || s.End > n || s.Start >= s.End {
		return s, false
	}
	return s, true
}

// segments lays out text[start:end]: footnote texts left out, markers
// inserted where they were, mentions as links. Offsets are byte offsets
// at rune boundaries (spans from the extractor), so slicing is safe; a
// mention that overlaps another or leaves the range stays plain text.
func (l *textLayout) segments(start, end int) []seg {
	if start < 0 {
		start = 0
	}
	if end > len(l.text) {
		end = len(l.text)
	}
	var out []seg
	emit := func(a, b int) {
		if a >= b {
			return
		}
		if n := len(out); n > 0 && out[n-1].Kind == "text" {
			out[n-1].Text += l.text[a:b]
		} else {
			out = append(out, seg{Kind: "text", Text: l.text[a:b]})
		}
	}
	// addText emits text[a:b] without the footnote texts in it.
	addText := func(a, b int) {
		for _, s := range l.skip {
			if s.End <= a || s.Start >= b {
				continue
			}
			emit(a, s.Start)
			a = max(a, s.End)
		}
		emit(a, b)
	}
	pos := start
	mi, ci := 0, 0
	for {
		// The next event: a marker or a mention starting at or after pos.
		for mi < len(l.markers) && l.markers[mi].at < pos {
			mi++
		}
		for ci < len(l.cites) && l.cites[ci].span.Start < pos {
			ci++
		}
		at := end
		if mi < len(l.markers) && l.markers[mi].at < at {
			at = l.markers[mi].at
		}
		if ci < len(l.cites) && l.cites[ci].span.Start < at {
			at = l.cites[ci].span.Start
		}
		if at >= end {
			addText(pos, end)
			// A marker at the very end of the text belongs to the last range.
			for ; mi < len(l.markers) && l.markers[mi].at == end && end == len(l.text); mi++ {
				out = append(out, seg{Kind: "fn", N: l.markers[mi].n})
			}
			return out
		}
		addText(pos, at)
		pos = at
		if mi < len(l.markers) && l.markers[mi].at == at {
			out = append(out, seg{Kind: "fn", N: l.markers[mi].n})
			mi++
			continue
		}
		m := l.cites[ci]
		ci++
		if m.span.End > end || l.skipped(m.span) || (mi < len(l.markers) && l.markers[mi].at < m.span.End) {
			continue // overlapping or cut: leave the text plain
		}
		out = append(out, seg{Kind: "cite", Text: l.text[m.span.Start:m.span.End], Cite: m.cite})
		pos = m.span.End
	}
}

func (l *textLayout) skipped(s extract.Span) bool {
	for _, k := range l.skip {
		if k.Start < s.End && s.Start < k.End {
			return true
		}
	}
	return false
}

// footnoteSegments lays out a footnote's own text, with its mentions.
func (l *textLayout) footnoteSegments(f extract.Footnote) []seg {
	s, ok := clip(f.Span, len(l.text))
	if !ok {
		return []seg{{Kind: "text", Text: f.Text}}
	}
	return (&textLayout{text: l.text, cites: l.cites}).segments(s.Start, s.End)
}

// trimSegs drops the blank lines around a piece of text.
func trimSegs(segs []seg) []seg {
	for len(segs) > 0 && segs[0].Kind == "text" {
		segs[0].Text = strings.TrimLeft(segs[0].Text, " \t\r\n")
		if segs[0].Text != "" {
			break
		}
		segs = segs[1:]
	}
	for n := len(segs); n > 0 && segs[n-1].Kind == "text"; n = len(segs) {
		segs[n-1].Text = strings.TrimRight(segs[n-1].Text, " \t\r\n")
		if segs[n-1].Text != "" {
			break
		}
		segs = segs[:n-1]
	}
	return segs
}

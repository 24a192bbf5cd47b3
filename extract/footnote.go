package extract

import "strconv"

// linkFootnotes pairs every footnote text with its marker in the body, both
// ways: the footnote learns the offset and section of its marker.
func (e *Extractor) linkFootnotes(s *scan) {
	anchors := map[int]int{}
	for _, r := range s.doc.Refs {
		if _, seen := anchors[r.Number]; !seen {
			anchors[r.Number] = r.Offset
		}
	}
	have := map[int]bool{}
	for _, b := range s.doc.Blocks {
		if b.Kind != BlockFootnote {
			continue
		}
		f := Footnote{Number: b.Footnote, Text: s.doc.Slice(b.Span), Span: b.Span, Anchor: -1}
		if off, ok := anchors[b.Footnote]; ok {
			f.Anchor = off
			f.Section = s.sectionAt(off)
		} else {
			s.diagnose("footnote.unreferenced", SeverityWarning, b.Span,
				"footnote %s has no mark in the text", strconv.Itoa(b.Footnote))
		}
		if have[b.Footnote] {
			s.diagnose("footnote.duplicate", SeverityWarning, b.Span, "footnote %s appears twice", strconv.Itoa(b.Footnote))
			continue
		}
		have[b.Footnote] = true
		s.report.Footnotes = append(s.report.Footnotes, f)
	}
	for _, r := range s.doc.Refs {
		if !have[r.Number] {
			s.diagnose("footnote.missing_text", SeverityWarning, Span{Start: r.Offset, End: r.Offset},
				"footnote mark %s has no footnote text", strconv.Itoa(r.Number))
			have[r.Number] = true
		}
	}
}

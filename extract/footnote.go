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
				"chú thích "+strconv.Itoa(b.Footnote)+" không có dấu tham chiếu trong văn bản")
		}
		if have[b.Footnote] {
			s.diagnose("footnote.duplicate", SeverityWarning, b.Span, "chú thích "+strconv.Itoa(b.Footnote)+" bị lặp")
			continue
		}
		have[b.Footnote] = true
		s.report.Footnotes = append(s.report.Footnotes, f)
	}
	for _, r := range s.doc.Refs {
		if !have[r.Number] {
			s.diagnose("footnote.missing_text", SeverityWarning, Span{Start: r.Offset, End: r.Offset},
				"dấu chú thích "+strconv.Itoa(r.Number)+" không có nội dung chú thích")
			have[r.Number] = true
		}
	}
}

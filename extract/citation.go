package extract

// findCitations fills s.report.Citations. (Placeholder: being written.)
func (e *Extractor) findCitations(s *scan) {}

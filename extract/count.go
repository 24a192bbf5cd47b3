package extract

// findCounts fills s.report.Counts. (Placeholder: being written.)
func (e *Extractor) findCounts(s *scan) {}

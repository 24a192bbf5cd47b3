package extract

// findHeader fills s.report.Meta and s.bodyFrom/tailFrom/ownNumber. (Placeholder.)
func (e *Extractor) findHeader(s *scan) {}

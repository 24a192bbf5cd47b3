package extract

// findSections builds the section tree. (Placeholder.)
func (e *Extractor) findSections(s *scan) {}

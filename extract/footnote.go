package extract

// linkFootnotes fills s.report.Footnotes. (Placeholder.)
func (e *Extractor) linkFootnotes(s *scan) {}

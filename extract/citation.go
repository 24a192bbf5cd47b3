package extract

// findCitations fills s.report.Citations. (Placeholder: being written.)
func (e *Extractor) findCitations(s *scan) {}

// CanonicalRef parses a number/symbol as a user may type it ("3604/QĐ-UBND",
// "30/2020/nđ-cp", "91-KL/TU") and returns its canonical form. (Placeholder.)
func CanonicalRef(s string) (string, bool) { return Normalize(s), s != "" }

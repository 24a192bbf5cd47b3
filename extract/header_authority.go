package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The authority block of the header (see header.go): the issuing body as
// written, its canonical name, and the province it reports for.

// upperStart reports whether s (after rules and marks) opens with a word
// in capitals, as an authority block does.
func upperStart(s string) bool {
	s = strings.TrimLeft(s, "|*_-–=. ")
	word := s
	if i := strings.IndexByte(s, ' '); i >= 0 {
		word = s[:i]
	}
	upper, cased := capitals(word)
	return upper && cased
}

// capitals reports whether strings.ToUpper(s) == s (upper) and, when it
// is, whether strings.ToLower(s) != s (cased: s holds a capital), without
// building either string: every header line is asked (FuzzCapitals checks
// it against the definition).
func capitals(s string) (upper, cased bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false, false
			}
			cased = cased || 'A' <= c && c <= 'Z'
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 1 || unicode.ToUpper(r) != r {
			return false, false // an invalid byte becomes U+FFFD in ToUpper
		}
		cased = cased || unicode.ToLower(r) != r
		i += n
	}
	return true, cased
}

// startsWithIssuer reports whether t opens with an issuing body of the
// gazetteer, or a title and one.
func (e *Extractor) startsWithIssuer(t string) bool {
	// The first token rules most lines out (see Issuers.Match); MatchAt
	// reads no further than maxRead tokens, so the rest of a long line
	// need not be tokenised.
	var buf [48]token
	toks := appendTokens(buf[:0], t, 0, 1)
	if len(toks) == 0 || toks[0].start != 0 || !e.issuers.mayStart(&toks[0]) {
		return false
	}
	toks = appendTokens(toks, t, toks[0].end, e.issuers.maxRead)
	_, _, ok := e.issuers.MatchAt(t, toks, 0)
	return ok
}

// findIssuer reads the issuing body from the header blocks before the type
// line: in each block or table cell, the authority is what stands before
// the Quốc hiệu, the rule under the authority, "Số:", "V/v" or the date.
func (e *Extractor) findIssuer(s *scan, tl *typeLines, start, end int) {
	m := &s.report.Meta
	var parts []string
	var span Span
	for i := start; i < end; i++ {
		b := s.doc.Blocks[i]
		t := s.doc.BlockText(i)
		if _, n := tl.at(i, end); n > 0 {
			continue
		}
		// Table cells and merged columns: look at each piece.
		off := quocHieuTail(s, i, start)
		for _, raw := range strings.Split(t[off:], " | ") {
			cs := off
			off += len(raw) + len(" | ")
			if !upperStart(raw) {
				continue // "Số: …", "Khánh Hòa, ngày …", "Độc lập …": no authority
			}
			cell := raw
			for _, re := range [...]gatedRe{gQuocHieu, gQuocHieuPart, gRuleRun, gOwnNumber, gSoLabel, gSubject, gLongDate} {
				cell = cutAt(cell, re)
			}
			cell = strings.TrimRight(cell, "|*_-–=. ")
			lead := len(cell) - len(strings.TrimLeft(cell, "|*_-–=. "))
			cell = cell[lead:]
			if cell == "" || gRule.MatchString(cell) || !mostlyUpper(cell) {
				continue
			}
			if span.End == 0 {
				span.Start = b.Span.Start + cs + lead
			}
			span.End = b.Span.Start + cs + lead + len(cell)
			parts = append(parts, cell)
		}
	}
	if len(parts) == 0 {
		return
	}
	issuer := strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
	if im, ok := e.issuers.Canonical(issuer); ok {
		s.issuer = im
		s.centralIssuer = im.Central
		// "TÒA ÁN NHÂN DÂN TỐI CAO / HỘI ĐỒNG THẨM PHÁN": the issuing body
		// is named under its superior, which is a whole body of its own.
		if st := im.Span.Start; st > 0 && st < len(issuer) {
			above := strings.TrimSpace(issuer[:st])
			if sup, ok := e.issuers.Canonical(above); ok && sup.Span.Start == 0 && sup.Span.End >= len(above) {
				issuer = issuer[st:]
			}
		}
	}
	// "UBND TỈNH X / SỞ NỘI VỤ": the issuer is the body under its superior.
	if p, sp, ok := e.gazetteer.Find(issuer); ok && p != "" {
		rest := strings.TrimSpace(issuer[sp.End:])
		if rest != "" && mostlyUpper(rest) && utf8.RuneCountInString(rest) > 3 {
			issuer = rest
		}
	}
	m.Issuer = issuer
	m.Spans["issuer"] = span
}

// quocHieuTail is the length of the start of block i that ends a Quốc
// hiệu begun on block i-1: a narrow column wraps it at any word ("… CHỦ
// NGHĨA VIỆT" / "NAM"), and the tail alone looks like no part of it.
func quocHieuTail(s *scan, i, start int) int {
	if i <= start {
		return 0
	}
	return quocHieuAcross(s.doc.BlockText(i-1), s.doc.BlockText(i))
}

// quocHieuAcross is the length of the start of t that ends a Quốc hiệu
// begun in prev, read from prev + " " + t. The join is a space, so it
// stands where the pattern allows space, between two of its words: the
// part in prev holds the first word (CỘNG, Độc or ĐẢNG in any case) and
// the part in t the last (NAM or phúc). Pairs without
// both are not joined and searched at all (checked against the plain
// search by FuzzQuocHieuAcross).
func quocHieuAcross(prev, t string) int {
	if !hasQuocHieuOrParty(prev) || !(hasNam(t) || strings.ContainsAny(t, "úÚ")) {
		return 0
	}
	joined := prev + " " + t
	for _, loc := range gQuocHieu.FindAllStringIndex(joined) {
		if loc[0] < len(prev) && loc[1] > len(prev)+1 {
			return loc[1] - len(prev) - 1
		}
	}
	return 0
}

// cutAt returns s up to the first match of re.
func cutAt(s string, re gatedRe) string {
	if loc := re.FindStringIndex(s); loc != nil {
		return s[:loc[0]]
	}
	return s
}

// mostlyUpper reports whether s is written in capitals: at least three,
// and more than three times as many as lower-case letters. It runs on
// every heading and header line, so ASCII letters and the Vietnamese
// letters of Latin Extended Additional are told by their code, and it
// stops once the letters left could not make up for the lower-case ones.
func mostlyUpper(s string) bool {
	up, low := 0, 0
	for i := 0; i < len(s); {
		// Even if every rune left were a capital, up would stay ≤ 3*low.
		if 3*low >= up+len(s)-i {
			return false
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				up++
			case 'a' <= c && c <= 'z':
				low++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9: // Ạ ạ … Ỹ ỹ: capitals at even codes
			if r&1 == 0 {
				up++
			} else {
				low++
			}
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up >= 3 && up > 3*low
}

// findProvince picks the reporting province: from the issuer, the title,
// the place or the opening paragraph, in that order.
func (e *Extractor) findProvince(s *scan) {
	m := &s.report.Meta
	try := func(field, text string) bool {
		if text == "" {
			return false
		}
		p, sp, ok := e.gazetteer.Find(text)
		if !ok {
			return false
		}
		m.Province = p
		if base, ok := m.Spans[field]; ok {
			m.Spans["province"] = Span{Start: base.Start + sp.Start, End: base.Start + sp.End}
			if s.doc.Slice(m.Spans["province"]) != text[sp.Start:sp.End] {
				m.Spans["province"] = base
			}
		}
		return true
	}
	if s.centralIssuer {
		// A ministry's document is written in Hà Nội; that is no province.
		return
	}
	if try("issuer", m.Issuer) || try("title", m.Title) {
	} else if p, ok := e.gazetteer.Lookup(m.Place); ok {
		m.Province = p
		m.Spans["province"] = m.Spans["place"]
	} else if s.bodyFrom < len(s.doc.Blocks) {
		b := s.doc.Blocks[s.bodyFrom]
		if p, sp, ok := e.gazetteer.Find(s.doc.BlockText(s.bodyFrom)); ok {
			m.Province = p
			m.Spans["province"] = Span{Start: b.Span.Start + sp.Start, End: b.Span.Start + sp.End}
		}
	}
	if m.Province == "" {
		s.diagnose("header.no_province", SeverityWarning, Span{}, "the reporting province could not be found")
		return
	}
	if m.Date != "" {
		valid := false
		for _, u := range e.gazetteer.units {
			if u.Name == m.Province && u.ValidOn(m.Date) {
				valid = true
			}
		}
		if !valid {
			s.diagnose("header.province_not_valid", SeverityWarning, m.Spans["province"],
				"the administrative unit %s no longer existed on %s", m.Province, m.Date)
		}
	}
}

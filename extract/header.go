package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The header of a Nghị định 30/2020 document (its Phụ lục I): issuer block,
// Quốc hiệu and Tiêu ngữ, "Số: N/SYMBOL", "Place, ngày dd tháng mm năm yyyy",
// the type name in capitals, the trích yếu, and "Kính gửi:". Ingesters may
// give it as separate lines, as a flattened table row ("A | B") or with both
// columns merged into one line, so the rules search patterns inside the
// header blocks rather than expect one line per component.

const headerScanBlocks = 40

var (
	// "Số: 31/BC-UBND", "Số: 13/2014/QĐ-UBND" (normative documents carry
	// the year), "Số: 119A/QĐ-CA", "Số: /BC-UBND" (left blank).
	reOwnNumber = regexp.MustCompile(`\bSố\s*:?\s*(\d{1,5}[a-zđA-ZĐ]?)?\s*/\s*(?:((?:19|20)\d\d)\s*/\s*)?(\p{L}[\p{L}\d&]*(?:\s?[-–]\s?[\p{L}\d&]+)*)`)
	reLongDate  = regexp.MustCompile(`(?i)ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})`)
	reShortDate = regexp.MustCompile(`(?i)ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`)
	rePlace     = regexp.MustCompile(`((?:(?:Thành phố|Tp\.|TP\.|TP)\s*)?\p{Lu}[\p{L}'’]*(?:[ -]\p{Lu}[\p{L}'’]*){0,4})\s*,\s*$`)
	reRecipient = regexp.MustCompile(`(?i)^\s*kính\s*gửi\s*:?\s*`)
	reClosing   = regexp.MustCompile(`^(?:Nơi nhận\s*:|TM\.|T/M|KT\.|K/T|TL\.|T/L|TUQ\.|Q\.\s*CHỦ TỊCH|PHỤ LỤC\b|Phụ lục\s+(?:\d|[IVX]+\b|số))`)
	reQuocHieu  = regexp.MustCompile(`(?i)CỘNG\s*H(?:ÒA|OÀ|OA)\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM|Độc\s*lập\s*[-–]?\s*Tự\s*do\s*[-–]?\s*Hạnh\s*phúc|ĐẢNG\s*CỘNG\s*SẢN\s*VIỆT\s*NAM`)
	// The Quốc hiệu wrapped over lines: each piece on its own.
	reQuocHieuPart = regexp.MustCompile(`(?i)(?:^|\s)(?:CỘNG\s*H(?:ÒA|OÀ|OA)\s+X[ÃA]\s*H[ỘO]I|VIỆT\s*NAM\s+Độc\s*lập|^VIỆT\s*NAM\s*$|^Độc\s*lập\s*[-–])|^(?:X[ÃA]\s*H[ỘO]I\s+)?CH[ỦU]\s*NGH[ĨI]A\s+VI[ỆE]T\s*NAM\b`)
	// A rule drawn with characters under the authority or the Quốc hiệu.
	reRuleRun = regexp.MustCompile(`[_=]{3,}|-{4,}|\.{6,}`)
	// What closes the trích yếu of a decision: the grounds, the operative
	// word, the first article.
	reTitleStop = regexp.MustCompile(`(?i)^(?:Căn\s*cứ(?:\s|$)|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|QUYẾT\s*ĐỊNH\s*:|QUYẾT\s*NGHỊ\s*:|CHỈ\s*THỊ\s*:|Điều\s+1\b)`)
	reRule      = regexp.MustCompile(`^[\s\-_=*~.]+$`)
	rePeriodQ   = regexp.MustCompile(`(?i)quý\s*(IV|III|II|I|[1-4])\b\s*(?:(?:năm|/)\s*(\d{4}))?`)
	rePeriodM   = regexp.MustCompile(`(?i)\b(6|06|sáu|9|09|chín)\s*tháng\s*(đầu\s*năm|năm|cuối\s*năm)?\s*(\d{4})?`)
	rePeriodY   = regexp.MustCompile(`(?i)\bnăm\s*(\d{4})\b`)
)

// headerLayout is where the components of the header lie among the first
// blocks: a document may open with a web page's chrome (menus, counters,
// dates) that is no part of it.
type headerLayout struct {
	start      int // first block of the header (after any chrome)
	iType      int // first block of the type line, -1 when none
	typeBlocks int // blocks the type line takes (QUYẾT / ĐỊNH: 2)
	typeName   string
	titleEnd   int // block after the trích yếu
	iKG        int // the Kính gửi block, -1 when none
	end        int // first block after the header
}

func (e *Extractor) findHeader(s *scan) {
	bs := s.doc.Blocks
	m := &s.report.Meta
	m.Spans = make(map[string]Span, 10) // room for every component's span
	limit := min(len(bs), headerScanBlocks)
	tl := &typeLines{s: s, limit: limit}
	h := e.headerLayout(s, tl, limit)
	preType := h.end
	if h.iType >= 0 {
		preType = h.iType
	}

	// Number, place and date: in the blocks before the type line.
	for i := h.start; i < preType && i < limit; i++ {
		b := bs[i]
		t := s.doc.BlockText(i)
		if m.Number == "" {
			if loc := gOwnNumber.FindStringSubmatchIndex(t); loc != nil {
				num := ""
				if loc[2] >= 0 {
					num = t[loc[2]:loc[3]]
				}
				sym := compactSymbol(t[loc[6]:loc[7]])
				if loc[4] >= 0 {
					sym = t[loc[4]:loc[5]] + "/" + sym
				}
				m.Number = num + "/" + sym
				start := b.Span.Start + loc[0]
				if loc[2] >= 0 {
					start = b.Span.Start + loc[2]
				}
				s.ownNumber = Span{Start: start, End: b.Span.Start + loc[7]}
				m.Spans["number"] = s.ownNumber
				if num == "" {
					s.diagnose("header.blank_number", SeverityInfo, s.ownNumber, "the document number is left blank (numbered when signed digitally)")
				}
			}
		}
		if m.Date == "" {
			if date, sp, blank := findDate(t); sp.End > 0 {
				abs := Span{Start: b.Span.Start + sp.Start, End: b.Span.Start + sp.End}
				m.Spans["date"] = abs
				if date != "" {
					m.Date = date
				} else if blank {
					s.diagnose("header.blank_date", SeverityInfo, abs, "the date of issue is left blank")
				} else {
					s.diagnose("header.bad_date", SeverityWarning, abs, "impossible date of issue: %s", s.doc.Slice(abs))
				}
				// The place is what stands before ", ngày", after the number,
				// the rule or the table cell that may share its line.
				from := 0
				if loc := gOwnNumber.FindStringIndex(t[:sp.Start]); loc != nil {
					from = loc[1]
				}
				if k := strings.LastIndex(t[:sp.Start], "|"); k+1 > from {
					from = k + 1
				}
				for _, loc := range gRuleRun.FindAllStringIndex(t[:sp.Start]) {
					from = max(from, loc[1])
				}
				if pm := gPlace.FindStringSubmatchIndex(t[from:sp.Start]); pm != nil {
					place := strings.TrimSpace(t[from+pm[2] : from+pm[3]])
					if !strings.HasPrefix(SearchKey(place), "số") {
						m.Place = place
						m.Spans["place"] = Span{Start: b.Span.Start + from + pm[2], End: b.Span.Start + from + pm[3]}
					}
				}
			}
		}
	}

	// Issuer: the authority block, what is left of the blocks before the
	// type line once the Quốc hiệu, the motto, rules, the number and the
	// date are taken out.
	e.findIssuer(s, tl, h.start, preType)

	// Type line and trích yếu.
	if h.iType >= 0 {
		name := h.typeName
		m.DocType = sentenceCase(strings.Join(strings.Fields(name), " "))
		first := bs[h.iType]
		last := bs[h.iType+h.typeBlocks-1]
		m.Spans["doc_type"] = Span{Start: first.Span.Start, End: last.Span.Start + len(lastWordsOf(s.doc.BlockText(h.iType+h.typeBlocks-1), name, h.typeBlocks))}
		var parts []string
		var tspan Span
		lt := s.doc.BlockText(h.iType + h.typeBlocks - 1)
		used := len(lastWordsOf(lt, name, h.typeBlocks))
		if rest := strings.TrimLeft(lt[used:], " :.-"); rest != "" {
			parts = append(parts, rest)
			tspan = Span{Start: last.Span.End - len(rest), End: last.Span.End}
		}
		for i := h.iType + h.typeBlocks; i < h.titleEnd; i++ {
			t := s.doc.BlockText(i)
			if gRule.MatchString(t) {
				continue
			}
			if tspan.End == 0 {
				tspan.Start = bs[i].Span.Start
			}
			tspan.End = bs[i].Span.End
			parts = append(parts, t)
		}
		if len(parts) > 0 {
			m.Title = strings.TrimSpace(strings.Join(parts, " "))
			m.Spans["title"] = tspan
		}
	}
	if m.Title == "" {
		e.findSubject(s, h.start, min(limit, max(preType, h.end)+1))
	}
	if m.DocType == "" && m.Number != "" {
		m.DocType = docTypeFromSymbol(m.Number)
	}

	s.bodyFrom = h.end
	if h.iKG >= 0 {
		s.bodyFrom = e.findRecipients(s, h.iKG)
	}

	// Period: from the trích yếu; failing that, from the opening paragraph.
	// Decisions, decrees, circulars and resolutions have no reporting
	// period, whatever year their title names.
	if !normativeType(m.DocType) {
		if p, sp, ok := findPeriod(m.Title); ok {
			m.Period = p
			ts := m.Spans["title"]
			m.Spans["period"] = Span{Start: ts.Start + sp.Start, End: ts.Start + sp.End}
		} else if s.bodyFrom < len(bs) {
			if p, sp, ok := findPeriod(s.doc.BlockText(s.bodyFrom)); ok {
				m.Period = p
				st := bs[s.bodyFrom].Span.Start
				m.Spans["period"] = Span{Start: st + sp.Start, End: st + sp.End}
				s.diagnose("header.period_from_body", SeverityInfo, m.Spans["period"], "the reporting period is read from the opening paragraph; the title does not state it")
			}
		}
	}

	e.findProvince(s)
	if s.issuer.Canonical != "" {
		m.IssuerCanonical = s.issuer.InProvince(m.Province, e.gazetteer.unitWord(m.Province)).Canonical
	}

	// The closing part: signature, Nơi nhận, appendices.
	for i := s.bodyFrom; i < len(bs); i++ {
		if bs[i].Kind == BlockFootnote {
			s.tailFrom = i
			break
		}
		// Every closing word starts with one of N T K Q P: the other body
		// blocks skip the regexp.
		if t := s.doc.BlockText(i); t != "" && strings.IndexByte("NTKQP", t[0]) >= 0 && gClosing.MatchString(t) {
			s.tailFrom = i
			break
		}
	}
}

// compactSymbol writes the symbol of the own number without its spaces and
// with ASCII hyphens ("QĐ – UBND" → "QĐ-UBND"): what strings.Fields joined
// by "" makes of it once en dashes are hyphens, in one pass.
func compactSymbol(sym string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '–':
			return '-'
		case unicode.IsSpace(r):
			return -1
		}
		return r
	}, sym)
}

// headerLayout finds the header's components among the first limit blocks.
func (e *Extractor) headerLayout(s *scan, tl *typeLines, limit int) headerLayout {
	h := headerLayout{iType: -1, iKG: -1}
	h.start = e.headerStart(s, tl, limit)
	for i := h.start; i < limit; i++ {
		t := s.doc.BlockText(i)
		if h.iType < 0 {
			if name, n := tl.at(i, limit); n > 0 {
				h.iType, h.typeBlocks, h.typeName = i, n, name
				i += n - 1
				continue
			}
		}
		if h.iKG < 0 && gRecipient.MatchString(t) {
			h.iKG = i
			break
		}
		if h.iType >= 0 && i > h.iType+6 {
			break
		}
	}
	// The trích yếu: short lines right after the type line, up to Kính gửi,
	// the authority line of a decision, its grounds ("Căn cứ …"), its
	// operative word, or the first sentence of the body.
	h.titleEnd = h.iType + h.typeBlocks
	if h.iType >= 0 {
		var title []string
		for i := h.titleEnd; i < limit && (h.iKG < 0 || i < h.iKG) && i < h.iType+h.typeBlocks+4; i++ {
			t := s.doc.BlockText(i)
			if gRule.MatchString(t) {
				h.titleEnd = i + 1
				continue
			}
			if sectionLabel(t) != nil || runesOver(t, 250) || strings.HasSuffix(t, ":") ||
				gRecipient.MatchString(t) || reTitleStop.MatchString(t) || legalLabel(t) != nil {
				break
			}
			// A line in capitals after a sentence-case title, or naming an
			// issuing body, is the authority that decides
			// ("BỘ TRƯỞNG BỘ NỘI VỤ"), not the title.
			if len(title) > 0 && mostlyUpper(t) && (!mostlyUpper(strings.Join(title, " ")) || e.startsWithIssuer(t)) {
				break
			}
			title = append(title, t)
			h.titleEnd = i + 1
		}
	}
	h.end = limit
	switch {
	case h.iKG >= 0:
		h.end = h.iKG
	case h.iType >= 0:
		h.end = h.titleEnd
	default:
		// No type line and no Kính gửi: only blocks before the first numbered
		// heading or long paragraph can be header.
		h.end = h.start
		for i := h.start; i < limit; i++ {
			t := s.doc.BlockText(i)
			if sectionLabel(t) != nil || legalLabel(t) != nil || runesOver(t, 200) {
				break
			}
			h.end = i + 1
		}
	}
	return h
}

// headerStart skips what stands before the header: the first header line
// is the authority block right above (or beside) the Quốc hiệu or the
// number. A web page copied with its menu, counters and dates keeps them
// before it.
func (e *Extractor) headerStart(s *scan, tl *typeLines, limit int) int {
	anchor := -1
	for i := 0; i < limit; i++ {
		t := s.doc.BlockText(i)
		if len(t) > maxHeaderLine {
			break // body text: the header has not started before it
		}
		if gQuocHieu.MatchString(t) || gQuocHieuPart.MatchString(t) || gOwnNumber.MatchString(t) {
			anchor = i
			break
		}
		if _, n := tl.at(i, limit); n > 0 || gRecipient.MatchString(t) {
			break
		}
	}
	if anchor <= 0 {
		return 0
	}
	// The authority block: up to three lines in capitals right above,
	// with the rule drawn under it.
	start, lines := anchor, 0
	for start > 0 && lines < 3 {
		t := s.doc.BlockText(start - 1)
		if gRule.MatchString(t) {
			start--
			continue
		}
		if !mostlyUpper(t) {
			break
		}
		start--
		lines++
	}
	// Of those, chrome in capitals ("ADSENSE") stands before the first
	// line that names an issuing body.
	for i := start; i < anchor; i++ {
		if e.startsWithIssuer(s.doc.BlockText(i)) {
			return i
		}
	}
	return start
}

// maxHeaderLine bounds a line of the header: even a DOCX header table
// flattened into one row is shorter; a longer block is body text.
const maxHeaderLine = 1000

// findRecipients reads "Kính gửi: X; Y" or a Kính gửi line followed by a
// dash list, and returns the index of the first body block after it.
func (e *Extractor) findRecipients(s *scan, iKG int) int {
	m := &s.report.Meta
	bs := s.doc.Blocks
	t := s.doc.BlockText(iKG)
	loc := gRecipient.FindStringIndex(t)
	rest := t[loc[1]:]
	span := Span{Start: bs[iKG].Span.Start + loc[1], End: bs[iKG].Span.End}
	var names []string
	add := func(x string) {
		for _, part := range splitRecipients(x) {
			part = strings.TrimSpace(strings.Trim(strings.TrimSpace(part), "-–•+;.,:"))
			if part != "" {
				names = append(names, part)
			}
		}
	}
	add(rest)
	next := iKG + 1
	for i := iKG + 1; i < len(bs) && i < iKG+12; i++ {
		x := s.doc.BlockText(i)
		listy := bs[i].Kind == BlockListItem || strings.HasPrefix(x, "- ") || strings.HasPrefix(x, "+ ") || strings.HasPrefix(x, "• ")
		if !listy || utf8.RuneCountInString(x) > 160 || (len(names) > 0 && strings.TrimSpace(rest) != "" && !strings.HasSuffix(strings.TrimSpace(rest), ";")) {
			break
		}
		add(x)
		span.End = bs[i].Span.End
		next = i + 1
		if strings.HasSuffix(x, ".") {
			break
		}
	}
	if len(names) > 0 {
		m.Recipients = names
		m.Spans["recipients"] = span
	}
	return next
}

// splitRecipients splits a Kính gửi line at its separators: ";", a dash
// or bullet between white space, or one that opens the line. It is
// regexp.Split of `;|\s[-–•+]\s|^[-–•+]\s` (FuzzSplitRecipients checks
// it) without the regexp's per-byte machinery.
func splitRecipients(x string) []string {
	if x == "" {
		return []string{""}
	}
	var out []string
	beg := 0
	// Every separator starts with an ASCII byte or, at 0, a bullet: a
	// byte-wise scan never stops inside a letter.
	for i := 0; i < len(x); {
		n := recipientSepAt(x, i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, x[beg:i])
		beg = i + n
		i = beg
	}
	return append(out, x[beg:])
}

// recipientSepAt is the length of the separator at i, 0 if none.
func recipientSepAt(x string, i int) int {
	switch {
	case x[i] == ';':
		return 1
	case regexpSpace(x[i]):
		if d := bulletAt(x, i+1); d > 0 && i+1+d < len(x) && regexpSpace(x[i+1+d]) {
			return d + 2
		}
	case i == 0:
		if d := bulletAt(x, 0); d > 0 && d < len(x) && regexpSpace(x[d]) {
			return d + 1
		}
	}
	return 0
}

// bulletAt is the length of a dash or bullet (- – • +) at i, 0 if none.
func bulletAt(x string, i int) int {
	switch {
	case i >= len(x):
		return 0
	case x[i] == '-' || x[i] == '+':
		return 1
	case strings.HasPrefix(x[i:], "–") || strings.HasPrefix(x[i:], "•"):
		return 3
	}
	return 0
}

// regexpSpace is \s of a regexp: \t \n \f \r and space.
func regexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The type line, the trích yếu and the dates of the header (see header.go):
// "BÁO CÁO" / "QUYẾT ĐỊNH", "V/v …", "ngày … tháng … năm …" and the
// reporting period the title names.

// typeLineAt returns the type name that opens block i ("BÁO CÁO",
// "NGHỊ ĐỊNH") and the number of blocks it takes: a type line split over
// two lines ("QUYẾT" / "ĐỊNH") takes two.
func (s *scan) typeLineAt(i, limit int) (string, int) {
	t := s.doc.BlockText(i)
	if name := typeLine(t); name != "" {
		return name, 1
	}
	if i+1 < limit && mostlyUpperWord(t) && utf8.RuneCountInString(t) <= 12 {
		next := s.doc.BlockText(i + 1)
		if name := typeLine(t + " " + next); name != "" && len(name) > len(t)+1 {
			return name, 2
		}
	}
	return "", 0
}

// typeLines memoises typeLineAt over the header's first blocks:
// headerStart, headerLayout and findIssuer each ask about the same few
// blocks, and a type line is keyed word by word.
type typeLines struct {
	s     *scan
	limit int // the header's block limit: every caller's limit is at most it
	memo  [headerScanBlocks]struct {
		known bool
		n     int8
		name  string
	}
}

// at is s.typeLineAt(i, limit) for limit <= tl.limit: the answer under the
// header's limit, but a two-block line needs block i+1 under limit too.
func (tl *typeLines) at(i, limit int) (string, int) {
	if i >= len(tl.memo) {
		return tl.s.typeLineAt(i, limit)
	}
	m := &tl.memo[i]
	if !m.known {
		name, n := tl.s.typeLineAt(i, tl.limit)
		m.known, m.n, m.name = true, int8(n), name
	}
	if m.n == 2 && i+1 >= limit {
		return "", 0 // the one-block form failed before the two-block one was read
	}
	return m.name, int(m.n)
}

// lastWordsOf returns the part of the last block of a type line that
// belongs to the name: all of it for a one-block line, the name minus the
// first block's word for a split one.
func lastWordsOf(last, name string, blocks int) string {
	if blocks == 1 {
		return name
	}
	_, rest, _ := strings.Cut(name, " ")
	if strings.HasPrefix(last, rest) {
		return rest
	}
	return last
}

// mostlyUpperWord reports whether t is one word in capitals.
func mostlyUpperWord(t string) bool {
	if t == "" || strings.ContainsAny(t, " \t") {
		return false
	}
	upper, cased := capitals(t)
	return upper && cased
}

// normativeType reports whether a document type has no reporting period:
// decisions, legal documents, directives, regulations.
func normativeType(t string) bool {
	switch t {
	case "Quyết định", "Nghị định", "Thông tư", "Thông tư liên tịch", "Nghị quyết", "Nghị quyết liên tịch",
		"Chỉ thị", "Luật", "Bộ luật", "Pháp lệnh", "Lệnh", "Quy định", "Quy chế", "Hiến pháp", "Án lệ", "Bản án":
		return true
	}
	return false
}

var (
	reSubject = regexp.MustCompile(`(?i)\bV/v\b\s*:?\s*|\bVề việc\s*:?\s*`)
	reSoLabel = regexp.MustCompile(`\bSố\s*:`)
)

// findSubject reads the trích yếu of a document without a type line: a
// công văn's "V/v …" under its number (CCHC reports are also sent that
// way), or a sentence-case "Báo cáo kết quả …" line.
func (e *Extractor) findSubject(s *scan, start, end int) {
	m := &s.report.Meta
	bs := s.doc.Blocks
	for i := start; i < end && i < len(bs); i++ {
		t := s.doc.BlockText(i)
		if gRecipient.MatchString(t) {
			break
		}
		from, docType := -1, ""
		if loc := gSubject.FindStringIndex(t); loc != nil {
			from, docType = loc[1], "Công văn"
		} else if strings.HasPrefix(t, "Báo cáo ") && sectionLabel(t) == nil && utf8.RuneCountInString(t) <= 250 {
			from, docType = len("Báo cáo "), "Báo cáo"
		}
		if from < 0 {
			continue
		}
		title := t[from:]
		if k := strings.Index(title, " | "); k >= 0 {
			title = title[:k] // the other header column
		}
		span := Span{Start: bs[i].Span.Start + from, End: bs[i].Span.Start + from + len(title)}
		// The subject may wrap onto short lines that go on in lower case.
		for j := i + 1; j < end && j < len(bs) && j <= i+3; j++ {
			next := s.doc.BlockText(j)
			r, _ := utf8.DecodeRuneInString(next)
			if !unicode.IsLower(r) || utf8.RuneCountInString(next) > 200 {
				break
			}
			title += " " + next
			span.End = bs[j].Span.End
		}
		m.Title = strings.TrimSpace(title)
		m.DocType = docType
		m.Spans["title"] = span
		return
	}
}

// typeLine returns the type name that opens t ("BÁO CÁO", "NGHỊ ĐỊNH",
// "THÔNG TƯ LIÊN TỊCH") when t is a type line: a type word of the type
// table written in capitals, alone or followed by the trích yếu.
func typeLine(t string) string {
	// Every head tried holds the first letter, and must be in capitals:
	// a line that opens in lower case is none (most body lines).
	if r, _ := utf8.DecodeRuneInString(t); unicode.IsLower(r) && unicode.ToUpper(r) != r {
		return ""
	}
	var buf [4]Span
	ws := citeWordsAfter(buf[:0], t, 0, min(len(t), 80), 4)
	if len(ws) == 0 || ws[0].Start != 0 || !docTypeTable.mayStartType(t[:ws[0].End]) {
		return ""
	}
	for j := len(ws); j >= 1; j-- {
		head := t[:ws[j-1].End]
		if upper, _ := capitals(head); !upper {
			continue
		}
		if name, ok := docTypeTable.typeWord(head); ok && name != "" && headerTypes[name] {
			return head
		}
	}
	return ""
}

// headerTypes are the types a header's type line may name (Phụ lục III of
// Nghị định 30/2020 and the legal documents): the type table's names but
// the party-only and generic ones.
var headerTypes = map[string]bool{
	"Nghị quyết": true, "Quyết định": true, "Chỉ thị": true, "Quy chế": true, "Quy định": true,
	"Thông cáo": true, "Thông báo": true, "Hướng dẫn": true, "Chương trình": true, "Kế hoạch": true,
	"Phương án": true, "Đề án": true, "Dự án": true, "Báo cáo": true, "Biên bản": true, "Tờ trình": true,
	"Công điện": true, "Công văn": true, "Nghị định": true, "Thông tư": true, "Thông tư liên tịch": true,
	"Nghị quyết liên tịch": true, "Luật": true, "Bộ luật": true, "Pháp lệnh": true, "Lệnh": true,
	"Án lệ": true, "Bản án": true,
}

func sentenceCase(s string) string {
	s = strings.ToLower(s)
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// findDate finds the issue date in t: long form, short form, or a long form
// with a blank day. It returns the ISO date ("" when blank or impossible),
// the span of the match, and whether the day was left blank.
func findDate(t string) (string, Span, bool) {
	if loc := gLongDate.FindStringSubmatchIndex(t); loc != nil {
		sp := Span{Start: loc[0], End: loc[1]}
		if loc[2] < 0 {
			return "", sp, true
		}
		return isoDate(t[loc[2]:loc[3]], t[loc[4]:loc[5]], t[loc[6]:loc[7]]), sp, false
	}
	if loc := gShortDate.FindStringSubmatchIndex(t); loc != nil {
		return isoDate(t[loc[2]:loc[3]], t[loc[4]:loc[5]], t[loc[6]:loc[7]]), Span{Start: loc[0], End: loc[1]}, false
	}
	return "", Span{}, false
}

// isoDate checks and formats a day, month and year; "" when impossible.
func isoDate(d, mo, y string) string {
	day, _ := strconv.Atoi(d)
	month, _ := strconv.Atoi(mo)
	year, _ := strconv.Atoi(y)
	if !validDate(year, month, day) {
		return ""
	}
	return isoDay(year, month, day)
}

// reDateBefore: text ending in the "tháng N" of a long date.
var reDateBefore = regexp.MustCompile(`(?i)tháng\s*\d{1,2}\s*,?\s*$`)

var romanQuarter = map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// findPeriod reads the reporting period from a title: "quý I năm 2023",
// "quý I/2023", "6 tháng đầu năm 2024", "9 tháng năm 2022", "năm 2023".
func findPeriod(t string) (Period, Span, bool) {
	if t == "" {
		return Period{}, Span{}, false
	}
	// yearAt finds "năm YYYY" from byte from that is no part of a date:
	// "ngày 19 tháng 6 năm 2015" is when a law was passed, not a period.
	yearAt := func(from int) []int {
		for from < len(t) {
			loc := gPeriodY.FindStringSubmatchIndex(t[from:])
			if loc == nil {
				return nil
			}
			for k := range loc {
				loc[k] += from
			}
			if !gDateBefore.MatchString(t[:loc[0]]) {
				return loc
			}
			from = loc[1]
		}
		return nil
	}
	yearAfter := func(from int) (int, int) {
		if loc := yearAt(from); loc != nil {
			y, _ := strconv.Atoi(t[loc[2]:loc[3]])
			return y, loc[1]
		}
		return 0, 0
	}
	if loc := gPeriodQ.FindStringSubmatchIndex(t); loc != nil {
		q := romanQuarter[strings.ToUpper(t[loc[2]:loc[3]])]
		end := loc[1]
		year := 0
		if loc[4] >= 0 {
			year, _ = strconv.Atoi(t[loc[4]:loc[5]])
		} else {
			year, end = yearAfter(loc[1])
		}
		if year > 0 {
			return NewPeriod(PeriodQuarter, year, q), Span{Start: loc[0], End: end}, true
		}
	}
	if loc := gPeriodM.FindStringSubmatchIndex(t); loc != nil {
		n := SearchKey(t[loc[2]:loc[3]])
		if loc[4] >= 0 && strings.Contains(SearchKey(t[loc[4]:loc[5]]), "cuối") {
			// "6 tháng cuối năm" is a plan horizon, not a reporting period.
		} else {
			year, end := 0, loc[1]
			if loc[6] >= 0 {
				year, _ = strconv.Atoi(t[loc[6]:loc[7]])
			} else {
				year, end = yearAfter(loc[1])
			}
			if year > 0 {
				if n == "6" || n == "06" || n == "sáu" {
					return NewPeriod(PeriodHalfYear, year, 0), Span{Start: loc[0], End: end}, true
				}
				return NewPeriod(PeriodNineMonths, year, 0), Span{Start: loc[0], End: end}, true
			}
		}
	}
	if loc := yearAt(0); loc != nil {
		year, _ := strconv.Atoi(t[loc[2]:loc[3]])
		// "giai đoạn 2021 - 2025" is not a period; "năm 2023" is.
		return NewPeriod(PeriodYear, year, 0), Span{Start: loc[0], End: loc[1]}, true
	}
	return Period{}, Span{}, false
}

// docTypeFromSymbol names the type of a document from its symbol when the
// type line is missing ("31/BC-UBND" → "Báo cáo"), with the citation rules'
// table of type codes.
func docTypeFromSymbol(number string) string {
	sym := number
	if i := strings.LastIndex(sym, "/"); i >= 0 {
		sym = sym[i+1:]
	}
	code, _, _ := strings.Cut(sym, "-")
	return docTypeTable.state[strings.ToUpper(code)]
}

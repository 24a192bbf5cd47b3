package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelKind is a numbering scheme.
type labelKind int

const (
	labelRoman   labelKind = iota + 1 // I. II.
	labelArabic                       // 1. 2. or 1) 2)
	labelDecimal                      // 1.1. 1.2.3
	labelLetter                       // a) b) đ)
	labelCapital                      // A. B. (parts above the Roman sections)
	labelChapter                      // Chương I (legal structure)
	labelPart                         // Mục 1 (legal structure, inside a chapter)
	labelArticle                      // Điều 1. (legal structure)
)

// label is the numbering that opens a heading.
type label struct {
	kind   labelKind
	number string // without the trailing punctuation: "II", "1", "1.2", "a"
	style  string // kind + punctuation + depth: the level key
	end    int    // byte offset where the title starts
}

// isRoman reports whether s is a well-formed Roman numeral up to XXIX
// (or ""): up to two X, then a units numeral. A Roman label is "I.", "I)",
// "I:" and, in older or typed reports, "I-" / "I –" (matchLabel).
// Taking every leading X is exact, as no units numeral starts with X
// (TestIsRoman checks it against the pattern).
func isRoman(s string) bool {
	for k := 0; k < 2 && strings.HasPrefix(s, "X"); k++ {
		s = s[1:]
	}
	switch s {
	case "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX":
		return true
	}
	return false
}

// runesOver reports whether s has more than n runes, counting only when
// its length leaves it open (a rune takes one to four bytes).
func runesOver(s string, n int) bool {
	switch {
	case len(s) <= n:
		return false
	case len(s) > 4*n:
		return true
	}
	return utf8.RuneCountInString(s) > n
}

// labelStyle is the level key of a label: its kind's letter and its
// punctuation folded by punct ("R.", "A)", "C."), one of a few constant
// strings rather than a new one per label.
func labelStyle(kind byte, p string) string {
	p = punct(p)
	if i := strings.Index(".):-", p); len(p) == 1 && i >= 0 {
		switch kind {
		case 'R':
			return [...]string{"R.", "R)", "R:", "R-"}[i]
		case 'A':
			return [...]string{"A.", "A)", "A:", "A-"}[i]
		case 'C':
			return [...]string{"C.", "C)", "C:", "C-"}[i]
		}
	}
	return string(kind) + p
}

// decimalStyle is the level key of a decimal label: "D" and its number of
// dots (1.2 → D1, 1.2.3 → D2).
func decimalStyle(num string) string {
	if n := strings.Count(num, "."); n < 4 {
		return [...]string{"D0", "D1", "D2", "D3"}[n]
	}
	return "D" + strconv.Itoa(strings.Count(num, "."))
}

// sectionLabel returns the numbering label t starts with, nil when none.
func sectionLabel(t string) *label {
	if !mayBeLabel(t) {
		return nil
	}
	if m, ok := matchLabel(t, labelRoman); ok {
		num := t[m[2]:m[3]]
		if isRoman(num) && num != "" {
			return &label{kind: labelRoman, number: num, style: labelStyle('R', t[m[4]:m[5]]), end: m[1]}
		}
	}
	if m, ok := matchLabel(t, labelDecimal); ok {
		num := t[m[2]:m[3]]
		return &label{kind: labelDecimal, number: num, style: decimalStyle(num), end: m[1]}
	}
	if m, ok := matchLabel(t, labelArabic); ok {
		return &label{kind: labelArabic, number: strings.TrimLeft(t[m[2]:m[3]], "0"), style: labelStyle('A', t[m[4]:m[5]]), end: m[1]}
	}
	if m, ok := matchLabel(t, labelCapital); ok {
		// "A. KẾT QUẢ ĐẠT ĐƯỢC": a capital, then a title in capitals.
		if mostlyUpper(t[m[1]:]) {
			return &label{kind: labelCapital, number: t[m[2]:m[3]], style: labelStyle('C', t[m[4]:m[5]]), end: m[1]}
		}
		return nil
	}
	if m, ok := matchLabel(t, labelLetter); ok {
		// "a. " only when a capital follows: "a. Về…", not an abbreviation.
		if t[m[4]:m[5]] == "." {
			r, _ := utf8.DecodeRuneInString(t[m[1]:])
			if !unicode.IsUpper(r) {
				return nil
			}
		}
		return &label{kind: labelLetter, number: t[m[2]:m[3]], style: "L", end: m[1]}
	}
	return nil
}

// skipRegexpSpace skips what \s matches in a regexp: \t \n \f \r and space.
func skipRegexpSpace(t string, i int) int {
	for i < len(t) && regexpSpace(t[i]) {
		i++
	}
	return i
}

// mayBeLabel is what every label pattern of matchLabel needs, read without a
// regexp (most blocks are no label, and sectionLabel runs on each): a
// number, a roman numeral or one letter, optional white space, then one of
// . ) : - –.
func mayBeLabel(t string) bool {
	i := 0
	if strings.HasPrefix(t, "đ") || strings.HasPrefix(t, "Đ") {
		i = len("đ")
	} else {
		for i < len(t) && ('0' <= t[i] && t[i] <= '9' || 'a' <= t[i] && t[i] <= 'z' || 'A' <= t[i] && t[i] <= 'Z') {
			i++
		}
		if i == 0 {
			return false
		}
	}
	for i < len(t) && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\f' || t[i] == '\r') {
		i++
	}
	if i == len(t) {
		return false
	}
	switch t[i] {
	case '.', ')', ':', '-':
		return true
	}
	return strings.HasPrefix(t[i:], "–")
}

// punct folds the dashes a label may end with into one style.
func punct(p string) string {
	if p == "–" {
		return "-"
	}
	return p
}

const (
	maxHeadingRunes = 200 // longer numbered paragraphs are list items, unless run-in
	maxRunInRunes   = 150 // a run-in title ends at a colon within this many runes
)

// heading decides whether block i is a section heading and returns its label,
// title and the span of the title.
func (s *scan) heading(i int) (*label, string, Span, bool) {
	b := s.doc.Blocks[i]
	switch b.Kind {
	case BlockFootnote, BlockTableRow:
		return nil, "", Span{}, false
	}
	t := s.doc.BlockText(i)
	lb := sectionLabel(t)
	if lb == nil {
		return nil, "", Span{}, false
	}
	title := t[lb.end:]
	if title == "" {
		return nil, "", Span{}, false
	}
	if r, _ := utf8.DecodeRuneInString(title); !unicode.IsLetter(r) && !(unicode.IsDigit(r) && !strings.HasSuffix(lb.style, "-")) {
		// "2 - 3 ngày" is a range, not heading 2.
		return nil, "", Span{}, false
	}
	start := b.Span.Start + lb.end
	// Run-in heading: "a) Về cải cách thể chế: UBND tỉnh …".
	if colon := strings.Index(title, ":"); colon > 0 && utf8.RuneCountInString(title[:colon]) <= maxRunInRunes &&
		strings.TrimSpace(title[colon+1:]) != "" {
		head := strings.TrimSpace(title[:colon])
		return lb, head, Span{Start: start, End: start + len(head)}, true
	}
	trimmed := strings.TrimRight(title, " :")
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	// A heading is marked as one, bold, in capitals, or short and not
	// ended like a sentence; the capitals, which take reading the title,
	// are counted last.
	isHeading := b.Kind == BlockHeading || b.Bold
	if !isHeading && !runesOver(title, maxHeadingRunes) {
		switch last {
		case ';', ',':
		case '.':
			isHeading = !runesOver(title, 120) && !strings.Contains(strings.TrimSuffix(trimmed, "."), ". ")
		default:
			isHeading = true
		}
	}
	if !isHeading && !mostlyUpper(title) {
		return nil, "", Span{}, false
	}
	trimmed = strings.TrimRight(trimmed, " .;")
	return lb, trimmed, Span{Start: start, End: start + len(trimmed)}, true
}

// findSections builds the section tree from the numbered headings between
// the header and the closing part. Levels come from the numbering schemes
// in the order the document uses them: the first scheme seen is level 1, a
// scheme not yet open nests under the current one, a scheme already open
// closes everything below it.
func (e *Extractor) findSections(s *scan) {
	if s.legalStructure() {
		e.findLegalSections(s)
		return
	}
	bs := s.doc.Blocks
	var stack []*Section
	var styles []string
	bodyEnd := s.bodyEnd()
	for i := s.bodyFrom; i < s.tailFrom; i++ {
		lb, title, span, ok := s.heading(i)
		if !ok {
			continue
		}
		// A heading in capitals that wraps onto following lines is one title.
		j := i
		if mostlyUpper(title) && span.End == bs[i].Span.End {
			for j+1 < s.tailFrom {
				next := s.doc.BlockText(j + 1)
				if bs[j+1].Kind == BlockTableRow || bs[j+1].Kind == BlockFootnote || sectionLabel(next) != nil ||
					!mostlyUpper(next) || runesOver(next, 120) || gClosing.MatchString(next) {
					break
				}
				title += " " + next
				j++
			}
		}
		level := -1
		for k, st := range styles {
			if st == lb.style {
				level = k
				break
			}
		}
		if level < 0 {
			styles = append(styles, lb.style)
			level = len(styles) - 1
		} else {
			styles = styles[:level+1]
		}
		if level > len(stack) {
			level = len(stack)
			styles = append(styles[:level], lb.style)
		}
		// Close the sections this heading ends.
		for len(stack) > level {
			stack[len(stack)-1].Body.End = lastEnd(bs, i)
			stack = stack[:len(stack)-1]
		}
		sec := s.newSection(Section{Number: lb.number, Title: title, Level: level + 1,
			Span: Span{Start: bs[i].Span.Start, End: span.End}, Children: []*Section{}})
		sec.Body.Start = bs[i].Span.Start
		if j > i {
			sec.Span.End = bs[j].Span.End
		}
		comp := lb.number
		if len(stack) > 0 {
			parent := stack[len(stack)-1]
			if lb.kind == labelDecimal && strings.HasPrefix(lb.number, parent.Number+".") {
				comp = strings.TrimPrefix(lb.number, parent.Number+".")
			}
			sec.Path = parent.Path + "." + comp
			parent.Children = append(parent.Children, sec)
		} else {
			sec.Path = comp
			s.report.Sections = append(s.report.Sections, sec)
		}
		stack = append(stack, sec)
		s.flat = append(s.flat, sec)
		i = j
	}
	for _, sec := range stack {
		sec.Body.End = bodyEnd
	}
}

// newSection stores sec for the report and returns where it stays (a
// report has dozens: see chunks).
func (s *scan) newSection(sec Section) *Section { return s.sections.add(sec) }

// bodyEnd is the end offset of the last body block before the closing part.
func (s *scan) bodyEnd() int {
	return lastEnd(s.doc.Blocks, s.tailFrom)
}

// lastEnd is the end of the last non-footnote block before index i.
func lastEnd(bs []Block, i int) int {
	for k := i - 1; k >= 0; k-- {
		if bs[k].Kind != BlockFootnote {
			return bs[k].Span.End
		}
	}
	return 0
}

// legalLabel returns the label of a legal-structure heading ("Chương I",
// "Mục 2", "Điều 3."), nil when t does not open with one.
func legalLabel(t string) *label {
	m := reLegalLabel.FindStringSubmatchIndex(t)
	if m == nil {
		return nil
	}
	word, num := t[m[2]:m[3]], t[m[4]:m[5]]
	end := m[1]
	if m[6] >= 0 {
		// The name in capitals on the same line: a line break kept inside
		// one paragraph ("Chương I<br>QUY ĐỊNH CHUNG") or a page that sets
		// them on one line. Only a chapter or a part is named so; an
		// article's number ends with "." or ":".
		end = m[7]
		if SearchKey(word) == "điều" || strings.ToUpper(t[end:]) != t[end:] {
			return nil
		}
	}
	switch SearchKey(word) {
	case "chương":
		if !isRoman(strings.ToUpper(num)) && !citeAllDigits(num) {
			return nil
		}
		return &label{kind: labelChapter, number: "Chương " + num, style: "Chương", end: end}
	case "mục":
		return &label{kind: labelPart, number: "Mục " + num, style: "Mục", end: end}
	case "điều":
		if !citeAllDigits(strings.TrimRight(num, "abcdđ")) {
			return nil
		}
		return &label{kind: labelArticle, number: "Điều " + num, style: "Điều", end: end}
	}
	return nil
}

// "Chương I", "CHƯƠNG II", "Mục 1", "Điều 3." / "Điều 3:" / "Điều 3a." —
// an article must end its number with "." or ":"; a chapter or a part may
// stand alone on its line or be followed by its name in capitals (group 3:
// the space before the name).
var reLegalLabel = regexp.MustCompile(`^(Chương|CHƯƠNG|Mục|MỤC|Điều|ĐIỀU)\s+([IVXLC]+|\d{1,3}[a-zđ]?)(?:\s*[.:]\s*|\s+[-–]\s+|\s*$|(\s+)\p{Lu})`)

// legalStructure reports whether the body is written as a legal document
// (Nghị định 30/2020 and the law on legal documents): a decision, decree,
// circular, resolution or regulation whose body has an "Điều 1.".
func (s *scan) legalStructure() bool {
	if t := s.report.Meta.DocType; t != "" && !normativeType(t) {
		return false
	}
	for i := s.bodyFrom; i < s.tailFrom; i++ {
		if lb := legalLabel(s.doc.BlockText(i)); lb != nil && lb.kind == labelArticle && lb.number == "Điều 1" {
			return true
		}
	}
	return false
}

// Ranks of the legal structure, outermost first: Chương, Mục, Điều,
// khoản ("1."), điểm ("a)"). Khoản and điểm exist only inside an article.
const (
	rankChapter = iota + 1
	rankPart
	rankArticle
	rankClause
	rankPoint
)

// findLegalSections builds the section tree of a legal document from its
// own scheme: Chương > Mục > Điều > khoản > điểm, whatever the numbering
// styles, so a decision reads as Điều 1…n and a decree as chapters of
// articles. Numbers are written out ("Chương I", "Mục 1", "Điều 3", then
// "1" and "a"), so a path reads "Chương I.Điều 3.1.a".
func (e *Extractor) findLegalSections(s *scan) {
	bs := s.doc.Blocks
	type open struct {
		sec  *Section
		rank int
	}
	var stack []open
	inArticle := func() bool {
		for _, o := range stack {
			if o.rank == rankArticle {
				return true
			}
		}
		return false
	}
	for i := s.bodyFrom; i < s.tailFrom; i++ {
		if bs[i].Kind == BlockFootnote || bs[i].Kind == BlockTableRow {
			continue
		}
		t := s.doc.BlockText(i)
		var lb *label
		rank := 0
		if lb = legalLabel(t); lb != nil {
			rank = map[labelKind]int{labelChapter: rankChapter, labelPart: rankPart, labelArticle: rankArticle}[lb.kind]
		} else if lb = sectionLabel(t); lb != nil && inArticle() {
			switch lb.kind {
			case labelArabic:
				rank = rankClause
			case labelLetter:
				rank = rankPoint
			}
		}
		if rank == 0 || strings.TrimSpace(t[lb.end:]) == "" && rank >= rankArticle {
			continue
		}
		title := strings.TrimSpace(t[lb.end:])
		tstart := bs[i].Span.Start + lb.end + (len(t[lb.end:]) - len(strings.TrimLeft(t[lb.end:], " ")))
		j := i
		if title == "" && i+1 < s.tailFrom && legalLabel(s.doc.BlockText(i+1)) == nil && sectionLabel(s.doc.BlockText(i+1)) == nil {
			// "Chương I" on its line, its name on the next.
			j = i + 1
			title = s.doc.BlockText(j)
			tstart = bs[j].Span.Start
		}
		title = legalTitle(title, rank)
		sec := s.newSection(Section{Number: lb.number, Title: title, Span: Span{Start: bs[i].Span.Start, End: tstart + len(title)},
			Body: Span{Start: bs[i].Span.Start}, Children: []*Section{}})
		for len(stack) > 0 && stack[len(stack)-1].rank >= rank {
			stack[len(stack)-1].sec.Body.End = lastEnd(bs, i)
			stack = stack[:len(stack)-1]
		}
		sec.Level = len(stack) + 1
		if len(stack) > 0 {
			parent := stack[len(stack)-1].sec
			sec.Path = parent.Path + "." + lb.number
			parent.Children = append(parent.Children, sec)
		} else {
			sec.Path = lb.number
			s.report.Sections = append(s.report.Sections, sec)
		}
		stack = append(stack, open{sec, rank})
		s.flat = append(s.flat, sec)
		i = j
	}
	end := s.bodyEnd()
	for _, o := range stack {
		o.sec.Body.End = end
	}
}

// maxLegalTitle bounds the title of a clause or point, which is a
// sentence of the text rather than a name: it is cut at a word.
const maxLegalTitle = 200

// legalTitle is the title of a legal-structure heading: for a clause or
// point the part before its colon (a run-in "Trưởng ban: …") or its first
// sentence, without the closing punctuation.
func legalTitle(t string, rank int) string {
	if rank >= rankArticle {
		if c := strings.Index(t, ":"); c > 0 && rank > rankArticle {
			t = t[:c]
		}
		if d := strings.Index(t, ". "); d > 0 {
			t = t[:d]
		}
	}
	if utf8.RuneCountInString(t) > maxLegalTitle {
		n := 0
		for k := range t {
			if n == maxLegalTitle {
				t = t[:k]
				break
			}
			n++
		}
		if sp := strings.LastIndexByte(t, ' '); sp > 0 {
			t = t[:sp]
		}
	}
	return strings.TrimRight(t, " .;:,")
}

// labelMatch is where a label pattern matched at the start of a text, as
// regexp's FindStringSubmatchIndex gives it: the whole match, the number,
// the punctuation.
type labelMatch [6]int

// matchLabel reads the label of the given kind (roman, decimal, arabic,
// capital or letter) at the start of t, as the label pattern of that kind
// (labelPatterns in the tests; FuzzMatchLabel checks they agree) would:
//
//	roman    ^([IVX]{1,5})\s*([.):]|[-–])\s+
//	decimal  ^(\d{1,2}(?:\.\d{1,2}){1,3})(\.?)\s+
//	arabic   ^(\d{1,2})\s*([.)]|[-–])\s+
//	capital  ^([A-ZĐ])\s*([.)])\s+
//	letter   ^([a-zđ])\s*([).])\s+
//
// A run of numerals or digits can end only where it ends in the text (a
// shorter one leaves a numeral where the pattern wants space or a mark),
// so each pattern has one reading and no backtracking is needed.
func matchLabel(t string, kind labelKind) (labelMatch, bool) {
	var m labelMatch
	n := 0 // end of the number
	marks := ".)"
	switch kind {
	case labelRoman:
		for n < len(t) && (t[n] == 'I' || t[n] == 'V' || t[n] == 'X') {
			n++
		}
		if n == 0 || n > 5 {
			return m, false
		}
		marks = ".):-"
	case labelDecimal:
		groups := 0
		for {
			d := n
			for d < len(t) && isDigit(t[d]) {
				d++
			}
			if d == n || d-n > 2 {
				return m, false
			}
			n, groups = d, groups+1
			if n+1 < len(t) && t[n] == '.' && isDigit(t[n+1]) {
				if groups == 4 {
					return m, false
				}
				n++
				continue
			}
			break
		}
		if groups < 2 {
			return m, false
		}
		p := n
		if p < len(t) && t[p] == '.' {
			p++
		}
		end := skipRegexpSpace(t, p)
		if end == p {
			return m, false
		}
		return labelMatch{0, end, 0, n, n, p}, true
	case labelArabic:
		for n < len(t) && isDigit(t[n]) {
			n++
		}
		if n == 0 || n > 2 {
			return m, false
		}
		marks = ".)-"
	case labelCapital, labelLetter:
		lo, hi, d := byte('A'), byte('Z'), "Đ"
		if kind == labelLetter {
			lo, hi, d = 'a', 'z', "đ"
		}
		switch {
		case len(t) > 0 && lo <= t[0] && t[0] <= hi:
			n = 1
		case strings.HasPrefix(t, d):
			n = len(d)
		default:
			return m, false
		}
	default:
		return m, false
	}
	p := skipRegexpSpace(t, n)
	pe := p
	switch {
	case p < len(t) && strings.IndexByte(marks, t[p]) >= 0:
		pe = p + 1
	case strings.IndexByte(marks, '-') >= 0 && strings.HasPrefix(t[p:], "–"):
		pe = p + len("–")
	default:
		return m, false
	}
	end := skipRegexpSpace(t, pe)
	if end == pe {
		return m, false
	}
	return labelMatch{0, end, 0, n, p, pe}, true
}

package plaintext

import (
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baocao/baocao/extract"
)

var (
	// A trailing footnote line "¹ Quyết định …" (and "1 Quyết định số …",
	// read by digitNote).
	reSuperNote = regexp.MustCompile(`^\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(\S.*)$`)
	// Notes written in brackets under the text: "[1] Kế hoạch số …" (their
	// marks in the text are read by extract.MarkTypedNotes).
	reBracketNote = regexp.MustCompile(`^\s*\[(\d{1,3})\]\s*(\S.*)$`)
	// A line that opens a numbered heading or item: "II.", "II -", "2.",
	// "2)", "2 -", "2.1", "a)", "A.". A bare "64 nhiệm vụ" is not one: a
	// wrapped sentence can start with a number.
	reLineLabel = regexp.MustCompile(`^\s*(?:[IVX]{1,5}\s*(?:[.)]|[-–]\s)|\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+|\d{1,2}\s*[-–]\s|[a-zđ]\)|[A-ZĐ]\.)\s`)
)

// superToInt is the number a run of superscript digits writes.
func superToInt(s string) int {
	n := 0
	for i := 0; i < len(s); {
		d, size := superDigit(s, i)
		if size == 0 {
			i++
			continue
		}
		n = n*10 + d
		i += size
	}
	return n
}

// superDigit reads the superscript digit at s[i]: its value and its length
// in bytes, 0 when there is none. ¹²³ are Latin-1 (C2 B9, C2 B2, C2 B3),
// the others U+2070 and U+2074…U+2079 (E2 81 B0, E2 81 B4…B9).
func superDigit(s string, i int) (d, size int) {
	switch {
	case s[i] == 0xC2 && i+1 < len(s):
		switch s[i+1] {
		case 0xB9:
			return 1, 2
		case 0xB2:
			return 2, 2
		case 0xB3:
			return 3, 2
		}
	case s[i] == 0xE2 && i+2 < len(s) && s[i+1] == 0x81:
		if c := s[i+2]; c == 0xB0 || 0xB4 <= c && c <= 0xB9 {
			return int(c - 0xB0), 3
		}
	}
	return 0, 0
}

// markSuperDigits turns each run of superscript digits in p into a Marker
// of the number it writes.
func markSuperDigits(p string) string {
	var b strings.Builder
	b.Grow(len(p) + 8) // a Marker is longer than the digits by a few bytes
	done := 0
	for i := 0; i < len(p); {
		if _, size := superDigit(p, i); size == 0 {
			i++
			continue
		}
		start := i
		for i < len(p) {
			_, size := superDigit(p, i)
			if size == 0 {
				break
			}
			i += size
		}
		b.WriteString(p[done:start])
		b.WriteString(extract.Marker(superToInt(p[start:i])))
		done = i
	}
	b.WriteString(p[done:])
	return b.String()
}

// splitTrailingNotes finds the footnotes written after the body (or at
// the bottom of a page): a run of lines "first …", "first+1 …", … without
// gaps, each optionally continued on a few lines, reaching the end.
func splitTrailingNotes(lines []string, first int) ([]string, []footnote) {
	for i := len(lines) - 1; i >= 0; i-- {
		n, _, ok := noteStart(lines[i])
		if !ok || n != first {
			continue
		}
		notes, ok := readNotes(lines[i:], first)
		if !ok {
			continue
		}
		body := lines[:i]
		// Drop a separator rule above the notes.
		for len(body) > 0 && (strings.TrimSpace(body[len(body)-1]) == "" || isHRule(body[len(body)-1])) {
			body = body[:len(body)-1]
		}
		return body, notes
	}
	return lines, nil
}

var rePageNumber = regexp.MustCompile(`^\s*(?:[-–]\s*)?(?:(?i:trang)\s+)?\d{1,3}(?:\s*[-–])?(?:\s*/\s*\d{1,3})?\s*$`)

// splitPages handles text dumped from a paginated file (pdftotext puts a
// form feed between pages): page numbers at the top or bottom of a page
// are dropped, and footnotes at the bottom of each page are collected in
// order, so the body reads on across pages.
func splitPages(lines []string) ([]string, []footnote) {
	pages := [][]string{lines} // most texts have no form feed: one page
	if slices.ContainsFunc(lines, func(l string) bool { return strings.IndexByte(l, '\f') >= 0 }) {
		pages = nil
		cur := []string{}
		for _, l := range lines {
			for strings.Contains(l, "\f") {
				i := strings.Index(l, "\f")
				cur = append(cur, l[:i])
				pages = append(pages, cur)
				cur = []string{}
				l = l[i+1:]
			}
			cur = append(cur, l)
		}
		pages = append(pages, cur)
	}
	var body []string
	var notes []footnote
	for _, page := range pages {
		page = trimPageNumbers(page)
		b, n := splitTrailingNotes(page, len(notes)+1)
		if len(pages) == 1 {
			body = b // read only from here on: no copy
		} else {
			body = append(body, b...)
		}
		notes = append(notes, n...)
	}
	return body, notes
}

// isPageNumber is rePageNumber.MatchString, run only on a line that opens
// (after spaces) with a digit, a dash or "trang" and closes with a digit
// or a dash, as every line it matches does: the first and last lines of
// a page are most often text, which this refuses without the expression.
func isPageNumber(l string) bool {
	t := trimReSpaceRight(trimReSpace(l))
	if t == "" {
		return false
	}
	switch f := t[0]; {
	case '0' <= f && f <= '9', f == '-', f == 't', f == 'T', strings.HasPrefix(t, "–"):
	default:
		return false
	}
	if last := t[len(t)-1]; !('0' <= last && last <= '9' || last == '-' || strings.HasSuffix(t, "–")) {
		return false
	}
	return rePageNumber.MatchString(l)
}

// trimPageNumbers drops a lone page number (and blank lines) at the top
// and the bottom of a page.
func trimPageNumbers(page []string) []string {
	trim := func() {
		for len(page) > 0 && strings.TrimSpace(page[0]) == "" {
			page = page[1:]
		}
		for len(page) > 0 && strings.TrimSpace(page[len(page)-1]) == "" {
			page = page[:len(page)-1]
		}
	}
	trim()
	if len(page) > 0 && isPageNumber(page[0]) {
		page = page[1:]
	}
	if len(page) > 0 && isPageNumber(page[len(page)-1]) {
		page = page[:len(page)-1]
	}
	trim()
	return page
}

func noteStart(line string) (int, string, bool) {
	r := firstRune(line)
	if r == '[' {
		if m := reBracketNote.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n, m[2], true
		}
	}
	if !('0' <= r && r <= '9') && !strings.ContainsRune(superDigits, r) {
		return 0, "", false // every other note pattern starts with a digit
	}
	if '0' <= r && r <= '9' {
		return digitNote(line)
	}
	if m := reSuperNote.FindStringSubmatch(line); m != nil {
		return superToInt(m[1]), m[2], true
	}
	return 0, "", false
}

func readNotes(lines []string, first int) ([]footnote, bool) {
	var notes []footnote
	cont := 0
	blank := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank = true
			continue
		}
		// After a blank line, a finished note is not continued: what
		// follows is the page's own (a web page's "Bình luận | In trang").
		afterBlank := blank
		blank = false
		if n, text, ok := noteStart(l); ok && n == first+len(notes) {
			notes = append(notes, footnote{n, strings.TrimSpace(text)})
			cont = 0
			continue
		}
		if len(notes) > 0 && notes[len(notes)-1].text == "" {
			// The text under a bare number.
			notes[len(notes)-1].text = strings.TrimSpace(l)
			continue
		}
		cont++
		if len(notes) == 0 || cont > 4 || isLineLabel(l) || isLineStarter(l) || afterBlank && endsSentence(notes[len(notes)-1].text) {
			return nil, false
		}
		notes[len(notes)-1].text = joinLines(notes[len(notes)-1].text, strings.TrimSpace(l))
	}
	for _, n := range notes {
		if n.text == "" {
			return nil, false
		}
	}
	return notes, len(notes) > 0
}

// buildText reads plain-text lines; typed as for buildMarkdown.
func buildText(b *extract.Builder, lines []string, typed bool) {
	body, notes := splitPages(lines)
	paras := joinWrapped(body)
	placeMarkers(paras, len(notes))
	b.GrowBlocks(len(paras) + len(notes))
	// Notes not found as lines closing the text or its pages may be typed
	// "[1] …" after the body and followed by a web page's closing lines:
	// then the blocks wait for AddBody, which finds them; otherwise each
	// is added as it is read (AddBody would add them as they are).
	typed = typed && len(notes) == 0
	var blocks []extract.Block
	if typed {
		blocks = make([]extract.Block, len(paras))
	}
	for i, text := range paras {
		kind := extract.BlockParagraph
		switch {
		case strings.HasPrefix(text, "|") || strings.IndexByte(text, '|') >= 0 && strings.Count(text, " | ") >= 1 && strings.Count(text, "|") >= 2:
			kind = extract.BlockTableRow
			paras[i] = tableRow(text, map[string]int{})
		case isBullet(text):
			kind = extract.BlockListItem
			paras[i] = bullet(text)
		}
		if typed {
			blocks[i] = extract.Block{Kind: kind}
		} else {
			b.Add(extract.Block{Kind: kind}, paras[i])
		}
	}
	if typed {
		b.AddBody(blocks, paras, true)
	}
	addFootnotes(b, notes)
}

// joinWrapped rebuilds paragraphs from lines. Text exported with a fixed
// width wraps paragraphs over several lines; text with one paragraph per line
// must not be joined. A line continues the previous one when the previous
// line does not end a sentence, the line does not open a new element
// (numbered heading, bullet, Kính gửi…), and either it starts in lower case
// or the previous line is nearly as long as the file's longest lines.
func joinWrapped(lines []string) []string {
	// Each line trimmed and its length in runes, counted once.
	trimmed := make([]string, len(lines))
	runes := make([]int, len(lines))
	lens := make([]int, 0, len(lines))
	for i, l := range lines {
		trimmed[i] = strings.TrimSpace(l)
		if runes[i] = runeCount(trimmed[i]); runes[i] > 0 {
			lens = append(lens, runes[i])
		}
	}
	if len(lens) == 0 {
		return nil
	}
	sort.Ints(lens)
	wide := lens[len(lens)*9/10]
	// Wrapped text has many lines of about the same width, and that width
	// is short: one paragraph per line gives far longer lines.
	near := 0
	for _, n := range lens {
		if n >= wide*3/4 {
			near++
		}
	}
	wrapped := wide <= 110 && near >= 8
	// The paragraphs, each as the lines trimmed[from:to] (a line joins
	// only the one before it), joined once at the end.
	type para struct{ from, to int }
	var out []para
	prevOpen := false
	lastLen := 0 // runes of the last physical line, the one that may have wrapped
	for i := range lines {
		t, n := trimmed[i], runes[i]
		if t == "" || strings.IndexByte("-*_=~", t[0]) >= 0 && isHRule(t) {
			prevOpen = false
			continue
		}
		if prevOpen && len(out) > 0 && !isLineLabel(t) && !isLineStarter(t) {
			p := &out[len(out)-1]
			last := trimmed[p.to-1]
			first, _ := utf8.DecodeRuneInString(t)
			long := wrapped && lastLen >= wide*3/4
			// A numbered line ("6. Xây dựng … Chính phủ số") that had room
			// for the next line's first word did not wrap: it is a heading.
			if long && p.to-p.from == 1 && isLineLabel(last) && lastLen+1+firstWordLen(t) <= wide {
				long = false
			}
			// A symbol broken at the line end ("QĐ-" / "UBND") always continues.
			broken := strings.HasSuffix(last, "-") && !strings.HasSuffix(last, " -") || strings.HasSuffix(last, "/")
			if unicode.IsLower(first) || unicode.IsDigit(first) || long || broken {
				p.to = i + 1
				prevOpen = !endsSentence(t)
				lastLen = n
				continue
			}
		}
		out = append(out, para{i, i + 1})
		prevOpen = !endsSentence(t) && !isUpperLine(t)
		lastLen = n
	}
	paras := make([]string, len(out))
	for i, p := range out {
		paras[i] = joinAllLines(trimmed[p.from:p.to])
	}
	return paras
}

// joinAllLines joins the lines of a wrapped paragraph as joinLines does,
// into one buffer.
func joinAllLines(lines []string) string {
	if len(lines) == 1 {
		return lines[0]
	}
	n := len(lines) - 1 // a space at most between two lines
	for _, l := range lines {
		n += len(l)
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range lines {
		if i > 0 {
			b.WriteString(lineJoint(lines[i-1]))
		}
		b.WriteString(l)
	}
	return b.String()
}

// firstWordLen is the length in runes of the first word of t.
func firstWordLen(t string) int {
	if i := strings.IndexByte(t, ' '); i >= 0 {
		t = t[:i]
	}
	return runeCount(t)
}

// runeCount is utf8.RuneCountInString for valid UTF-8, which every text
// here is (decode makes it so): the bytes that do not continue a
// character, counted without decoding them, eight at a time (a
// continuation byte is 10xxxxxx: bit 7 set and bit 6 clear).
func runeCount(s string) int {
	const highs = 0x8080808080808080
	n, i := len(s), 0
	for ; i+8 <= len(s); i += 8 {
		b := s[i : i+8] // one bounds check: the eight loads become one
		x := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		n -= bits.OnesCount64(x &^ (x << 1) & highs)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// joinLines joins a wrapped line, mending a word hyphenated at the break
// ("thủ tục hành chính" is never hyphenated in Vietnamese, but symbols are:
// "QĐ-" + "UBND" must stay "QĐ-UBND" without a space).
func joinLines(a, b string) string { return a + lineJoint(a) + b }

// lineJoint is what joins a line ending as a does to the next one.
func lineJoint(a string) string {
	if strings.HasSuffix(a, "-") || strings.HasSuffix(a, "/") {
		return ""
	}
	return " "
}

func endsSentence(t string) bool {
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".:;!?", r)
}

// isUpperLine: the line has upper-case letters and no lower-case one
// (it stops at the first lower-case letter, which most lines soon have).
func isUpperLine(t string) bool {
	up := false
	for _, r := range t {
		switch {
		case 'a' <= r && r <= 'z':
			return false
		case 'A' <= r && r <= 'Z':
			up = true
		case r < utf8.RuneSelf:
		case unicode.IsUpper(r):
			up = true
		case unicode.IsLower(r):
			return false
		}
	}
	return up
}

// placeMarkers turns footnote marks in the body into extract.Marker
// placeholders: superscript digits anywhere, and for footnotes 1..n in order
// a number glued to the end of a word ("giai đoạn 2021-2030" is not one:
// the mark must follow a lower-case letter, a closing bracket or quote, or
// punctuation right after a word).
func placeMarkers(paras []string, notes int) {
	super := false
	for i, p := range paras {
		if !hasSuperDigit(p) {
			continue
		}
		paras[i], super = markSuperDigits(p), true
	}
	// A text that marks footnotes with superscripts does not also glue
	// digits to words: looking for those would only find false marks.
	if notes == 0 || super {
		return
	}
	bracket := false
	for i, p := range paras {
		var found bool
		paras[i], found = extract.MarkTypedNotes(p, notes)
		bracket = bracket || found
	}
	if bracket {
		return
	}
	next := 1
	for i := 0; i < len(paras) && next <= notes; i++ {
		p := paras[i]
		var sb strings.Builder
		pos := 0
		for next <= notes {
			at := findGluedMark(p, pos, next)
			if at < 0 {
				break
			}
			if pos == 0 {
				sb.Grow(len(p) + 8)
			}
			sb.WriteString(p[pos:at])
			sb.WriteString(extract.Marker(next))
			pos = at + len(strconv.Itoa(next))
			next++
		}
		if pos == 0 {
			continue // no mark here (a mark never starts a paragraph): kept, not copied
		}
		sb.WriteString(p[pos:])
		paras[i] = sb.String()
	}
}

// gluedToYear reports whether s ends with a year (1945–2100) that is not
// part of a longer number: text extractors glue a footnote mark to it.
func gluedToYear(s string) bool {
	if len(s) < 4 {
		return false
	}
	y := s[len(s)-4:]
	for i := 0; i < 4; i++ {
		if y[i] < '0' || y[i] > '9' {
			return false
		}
	}
	if len(s) > 4 && s[len(s)-5] >= '0' && s[len(s)-5] <= '9' {
		return false
	}
	year, _ := strconv.Atoi(y)
	return year >= 1945 && year <= 2100
}

func findGluedMark(p string, from, n int) int {
	num := strconv.Itoa(n)
	for off := from; off < len(p); {
		k := strings.Index(p[off:], num)
		if k < 0 {
			return -1
		}
		at := off + k
		off = at + 1
		if at == 0 {
			continue
		}
		end := at + len(num)
		if end < len(p) {
			r, _ := utf8.DecodeRuneInString(p[end:])
			if unicode.IsDigit(r) || unicode.IsLetter(r) || r == '/' || r == '-' {
				continue
			}
		}
		prev, size := utf8.DecodeLastRuneInString(p[:at])
		switch {
		case unicode.IsLower(prev), strings.ContainsRune(")]\"”'", prev):
			return at
		case gluedToYear(p[:at]):
			// "giai đoạn 2021-20301": the mark after a year.
			return at
		case strings.ContainsRune(".,;:", prev):
			before, _ := utf8.DecodeLastRuneInString(p[:at-size])
			if unicode.IsLetter(before) {
				return at
			}
		}
	}
	return -1
}

// superDigits are the superscript digits footnote marks are written in.
const superDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹"

// hasSuperDigit is strings.ContainsAny(s, superDigits) on the digits'
// UTF-8 bytes: ¹²³ are C2 B9, C2 B2, C2 B3 and ⁰⁴…⁹ are E2 81 B0,
// E2 81 B4…B9, so only the places of two lead bytes are looked at.
func hasSuperDigit(s string) bool {
	for t := s; ; {
		i := strings.IndexByte(t, 0xC2)
		if i < 0 || i+1 >= len(t) {
			break
		}
		if c := t[i+1]; c == 0xB2 || c == 0xB3 || c == 0xB9 {
			return true
		}
		t = t[i+1:]
	}
	for t := s; ; {
		i := strings.IndexByte(t, 0xE2)
		if i < 0 || i+2 >= len(t) {
			return false
		}
		if c := t[i+2]; t[i+1] == 0x81 && (c == 0xB0 || 0xB4 <= c && c <= 0xB9) {
			return true
		}
		t = t[i+1:]
	}
}

// firstRune is the first character of s after the spaces a regexp's \s
// matches (-1 when none).
func firstRune(s string) rune {
	s = trimReSpace(s)
	if s == "" {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// isLineLabel is reLineLabel.MatchString, run only on lines whose first
// characters can start a label (a digit, a Roman numeral, "a)", "A.").
func isLineLabel(s string) bool {
	t := trimReSpace(s)
	r, n := utf8.DecodeRuneInString(t)
	var next byte
	if n < len(t) {
		next = t[n]
	}
	switch {
	case '0' <= r && r <= '9', r == 'I', r == 'V', r == 'X':
	case ('a' <= r && r <= 'z' || r == 'đ') && next == ')':
	case ('A' <= r && r <= 'Z' || r == 'Đ') && next == '.':
	default:
		return false
	}
	return reLineLabel.MatchString(s)
}

// isLineStarter reports a line that opens an element of its own: an
// address, the closing list, a number line, a signature's authority, a
// bullet or a table row — what
// `(?i)^\s*(?:kính gửi|nơi nhận|số\s*:|tm\.|kt\.|tl\.|-|\+|•|\|)` matches
// (FuzzLineGuards compares), without running it on every line.
func isLineStarter(s string) bool {
	t := trimReSpace(s)
	switch firstRune(t) {
	case '-', '+', '•', '|':
		return true
	case 'k', 'K', '\u212A':
		return hasFoldPrefix(t, "kính gửi") || hasFoldPrefix(t, "kt.")
	case 'n', 'N':
		return hasFoldPrefix(t, "nơi nhận")
	case 's', 'S', '\u017F':
		rest, ok := cutFoldPrefix(t, "số")
		return ok && strings.HasPrefix(trimReSpace(rest), ":")
	case 't', 'T':
		return hasFoldPrefix(t, "tm.") || hasFoldPrefix(t, "tl.")
	}
	return false
}

// cutFoldPrefix cuts word from the start of t, matched in any case as a
// regular expression's (?i) matches it: each letter or one of its simple
// case foldings ("K" and the Kelvin sign for "k").
func cutFoldPrefix(t, word string) (string, bool) {
	for _, p := range word {
		r, n := utf8.DecodeRuneInString(t)
		if n == 0 || r != p && !foldsTo(p, r) {
			return "", false
		}
		t = t[n:]
	}
	return t, true
}

func hasFoldPrefix(t, word string) bool {
	_, ok := cutFoldPrefix(t, word)
	return ok
}

// foldsTo reports whether r is in the case-folding orbit of p.
func foldsTo(p, r rune) bool {
	for f := unicode.SimpleFold(p); f != p; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

package extract

import (
	"strings"
	"unicode"
)

// findLaws finds laws and codes cited by name and date, without number:
// "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015".
func (c *citeScan) findLaws() {
	t := c.t
	covered := func(p int) bool {
		for i := len(c.hits) - 1; i >= 0; i-- {
			if c.hits[i].span.Contains(p) {
				return true
			}
		}
		return false
	}
	next := 0
	kws := [...]string{"Luật ", "Bộ luật ", "Pháp lệnh "}
	// seen[k] is the next place of kws[k] at or after the last search from
	// it (-1: none left): each keyword's occurrences are searched once,
	// not again from every occurrence of another.
	seen := [len(kws)]int{-2, -2, -2}
	for pos := 0; pos < len(t); {
		at, kw := -1, ""
		for k, w := range kws {
			if seen[k] != -1 && seen[k] < pos {
				seen[k] = -1
				if i := strings.Index(t[pos:], w); i >= 0 {
					seen[k] = pos + i
				}
			}
			if i := seen[k]; i >= 0 && (at < 0 || i < at) {
				at, kw = i, w[:len(w)-1]
			}
		}
		if at < 0 {
			break
		}
		pos = at + 1
		if at < next {
			continue
		}
		if r, n := citeRuneBefore(t, at); n > 0 && citeWordRune(r) {
			continue
		}
		start := at
		if kw == "Luật" && strings.HasSuffix(t[:at], "Bộ ") {
			continue // "Bộ luật" is found as such; "Bộ Luật" is not a code
		}
		if covered(start) {
			continue
		}
		h, ok := lawByName(c.is, t, start, kw)
		h.line = c.line(start)
		if !ok {
			continue
		}
		c.hits = append(c.hits, h)
		next = h.span.End
	}
}

// lawByName reads "<Luật> <Title> ngày <date> [của <issuer>]" at start. The
// title runs to the date; it may hold commas ("Luật Cán bộ, công chức") and,
// for an amending law, other law names ("Luật sửa đổi, bổ sung một số điều
// của Luật A và Luật B"). A ", Luật"/"và Luật" otherwise starts another law.
func lawByName(is *Issuers, t string, start int, kw string) (hit, bool) {
	var h hit
	tb := start + len(kw) + 1
	r, _ := citeRuneAt(t, tb)
	amending := strings.HasPrefix(t[tb:], "sửa đổi")
	// Titles are mostly capitalised ("Luật Đất đai"), but laws are also
	// written in lower case ("Luật tổ chức Chính phủ", "Bộ luật dân sự");
	// then the title must be short and read like a name, not a sentence
	// ("Luật này có hiệu lực từ ngày …").
	lower := !unicode.IsUpper(r) && !amending
	if lower {
		if !unicode.IsLower(r) || !lowerLawTitle(t, tb) {
			return h, false
		}
	}
	stop := citeLineEnd(t, tb)
	q := tb
	for words := 0; q < stop && words < 40; words++ {
		var e int
		q, e = citeWordAt(t, q, stop)
		if e == q {
			break
		}
		tok := t[q:e]
		if tok == "ngày" {
			iso, de, valid, ok := citeParseDate(t, min(e+1, len(t)))
			if !ok || !valid {
				return h, false
			}
			title := strings.TrimRight(t[tb:q], " ,")
			h = hit{typ: lawName(kw), title: title, date: iso, explicit: true}
			end := de
			if iss, ie := issuerAfter(is, t, de); iss != "" {
				h.issuer, end = iss, ie
			}
			h.span = Span{start, end}
			return h, true
		}
		if strings.ContainsAny(tok, ";:()") || strings.HasSuffix(tok, ".") {
			return h, false
		}
		if SearchKey(tok) == "số" && e+1 < len(t) && citeDigit(t[e+1]) {
			return h, false // numbered: the ref rule reads it
		}
		if (tok == "Luật" || tok == "Pháp" || tok == "Bộ") && !amending && q > tb {
			prev := strings.TrimRight(t[tb:q], " ")
			if strings.HasSuffix(prev, ",") || strings.HasSuffix(prev, " và") {
				return h, false // a list of laws: this one has no date
			}
		}
		if citeAllDigits(strings.TrimRight(tok, ",")) {
			return h, false // "Luật Thủy sản 2017": no date
		}
		q = e
	}
	return h, false
}

// lowerLawTitle reports whether the lower-case words from tb up to "ngày"
// may be a law's title: at most eight words, none of them a word of a
// sentence.
func lowerLawTitle(t string, tb int) bool {
	end := strings.Index(t[tb:min(len(t), tb+120)], " ngày ")
	if end < 0 {
		return false
	}
	words := strings.Fields(t[tb : tb+end])
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	for _, w := range words {
		switch SearchKey(strings.Trim(w, ",")) {
		case "này", "đó", "trên", "nêu", "có", "được", "đã", "từ", "là", "thì", "sẽ", "hiệu", "lực", "mới", "hiện", "số":
			return false
		}
	}
	return true
}

func lawName(kw string) string {
	n, _ := docTypeTable.typeWord(kw)
	return n
}

// findNoSymbol reports a typed document cited with a number but no symbol
// ("Nghị quyết số 18 ngày 25-10-2017"): doubtful, so a Diagnostic rather
// than a citation.
func (c *citeScan) findNoSymbol() {
	t := c.t
	for pos := 0; ; {
		i := strings.Index(t[pos:], "số ")
		if i < 0 {
			return
		}
		at := pos + i
		pos = at + len("số ")
		if pos >= len(t) || !citeDigit(t[pos]) {
			continue
		}
		e := pos
		for e < len(t) && citeDigit(t[e]) {
			e++
		}
		if e-pos > 5 {
			continue
		}
		if e < len(t) && t[e] != ' ' && t[e] != ',' {
			continue
		}
		if _, _, _, ok := dateAfter(t, e); !ok {
			continue
		}
		ts, name, ok := typeBefore(t, at, citeLineStart(t, at))
		if !ok || name == "" {
			continue
		}
		c.s.diagnose("citation.no_symbol", SeverityWarning, Span{ts, e},
			"%s số %s is cited without a symbol", name, t[pos:e])
	}
}

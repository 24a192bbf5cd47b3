package extract

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citations (domain.md §1.3–1.6, §1.8–1.9).
//
// The rule works in three steps, like a citation tokenizer:
//  1. find: every '/' is a candidate (a cheap pre-filter: most of a report
//     has none); a number/symbol is parsed around it by hand, then the type
//     word, "số", date and "của <issuer>" are read around the ref. Laws cited
//     by name and date are found from "Luật"/"Bộ luật"/"Pháp lệnh".
//  2. resolve: list heads ("các Nghị định của Chính phủ: số …; số …") and a
//     trailing issuer shared by a chain of citations are propagated.
//  3. merge: mentions of the same document (same number and symbol; the year
//     in the symbol and the date may be missing on one side) become one
//     Citation; "Quyết định nêu trên" re-mentions attach to the latest
//     citation of that type.
//
// Symbol is the part after the number: "NĐ-CP" for 30/2020/NĐ-CP (the year
// stays visible in Ref), "KL/TU" for the party ref 91-KL/TU.

// ref is a number/symbol parsed from the text.
type ref struct {
	start, end int    // span of the ref itself
	number     string // "4831", "30c"
	year       string // "2020" in 30/2020/NĐ-CP, "" when absent
	ptype      string // party type code ("KL"), "" for state refs
	groups     []string
	party      bool
	glued      bool // a lost hyphen was restored (QĐUBND → QĐ-UBND)
}

func (r *ref) symbol() string {
	g := strings.Join(r.groups, "-")
	if r.party {
		return r.ptype + "/" + g
	}
	return g
}

func (r *ref) canonical() string {
	switch {
	case r.party:
		return r.number + "-" + r.symbol()
	case r.year != "":
		return r.number + "/" + r.year + "/" + r.symbol()
	}
	return r.number + "/" + r.symbol()
}

// key identifies the document regardless of leading zeros, letter case and
// the year in the symbol (136/2001/QĐ-TTg = 136/QĐ-TTg).
func (r *ref) key() string {
	n := strings.TrimLeft(r.number, "0")
	if r.party {
		return "p" + n + "-" + strings.ToUpper(r.symbol())
	}
	return "s" + strings.ToLower(n) + "/" + strings.ToUpper(r.symbol())
}

// lawSymbol reports whether a symbol group is the Quốc hội / UBTVQH issuer
// code of a law, code or ordinance (QH13, UBTVQH14).
func lawSymbol(g string) (name string, ok bool) {
	u := strings.ToUpper(g)
	rest := ""
	switch {
	case strings.HasPrefix(u, "UBTVQH"):
		rest, name = u[len("UBTVQH"):], "Pháp lệnh"
	case strings.HasPrefix(u, "QH"):
		rest, name = u[2:], "Luật"
	default:
		return "", false
	}
	if rest == "" || len(rest) > 2 || !citeAllDigits(rest) {
		return "", false
	}
	return name, true
}

func citeAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func citeDigit(b byte) bool { return b >= '0' && b <= '9' }

// runeAt and runeBefore decode one rune; utf8.RuneError with size 0 at the ends.
func citeRuneAt(t string, p int) (rune, int) {
	if p < 0 || p >= len(t) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(t[p:])
}

func citeRuneBefore(t string, p int) (rune, int) {
	if p <= 0 || p > len(t) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeLastRuneInString(t[:p])
}

func citeWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// dashAt returns the length of a hyphen or en dash at p, 0 if none.
// (Normalize already maps U+2010/U+2011 to '-'; en and em dashes stay.)
func citeDashAt(t string, p int) int {
	if p < len(t) && t[p] == '-' {
		return 1
	}
	if strings.HasPrefix(t[p:], "–") || strings.HasPrefix(t[p:], "—") {
		return len("–")
	}
	return 0
}

// dashBefore returns the length of a hyphen or dash ending at p, 0 if none.
func citeDashBefore(t string, p int) int {
	if p > 0 && t[p-1] == '-' {
		return 1
	}
	if strings.HasSuffix(t[:p], "–") || strings.HasSuffix(t[:p], "—") {
		return len("–")
	}
	return 0
}

// soBefore returns the start of a "số" ending at p, -1 if none.
func soBefore(t string, p int) int {
	for _, w := range [...]string{"số", "Số", "SỐ"} {
		if strings.HasSuffix(t[:p], w) {
			q := p - len(w)
			if r, n := citeRuneBefore(t, q); n == 0 || !citeWordRune(r) {
				return q
			}
		}
	}
	return -1
}

// scanGroup reads one symbol group at p: an upper-case letter, then
// letters, digits and '&'. Official codes hold at most one lower-case letter
// (TTr, QĐi, TTg); a capitalised word of prose has more and is refused.
func scanGroup(t string, p int) (int, bool) {
	r, n := citeRuneAt(t, p)
	if n == 0 || !unicode.IsUpper(r) {
		return p, false
	}
	q, lower, runes := p+n, 0, 1
	for q < len(t) {
		r, n = citeRuneAt(t, q)
		switch {
		case r == '&' || unicode.IsUpper(r) || unicode.IsDigit(r):
		case unicode.IsLower(r):
			lower++
		default:
			goto done
		}
		q += n
		runes++
	}
done:
	if lower > 1 || runes > 16 || t[q-1] == '&' {
		return p, false
	}
	return q, true
}

// scanGroups reads symbol groups joined by hyphens from p. A hyphen may
// have a stray space (or a line break) on one side (35/NQ- CP,
// 3048/QĐ-\nBTNMT) but not on both: " - " is a dash of prose.
func scanGroups(t string, p int) ([]string, int) {
	q, ok := scanGroup(t, p)
	if !ok {
		return nil, p
	}
	groups := []string{t[p:q]}
	for len(groups) < 6 {
		s := q
		spBefore := s < len(t) && t[s] == ' '
		if spBefore {
			s++
		}
		d := citeDashAt(t, s)
		if d == 0 {
			break
		}
		s += d
		spAfter := s < len(t) && (t[s] == ' ' || t[s] == '\n')
		if spAfter {
			s++
		}
		if spBefore && spAfter {
			break
		}
		e, ok := scanGroup(t, s)
		if !ok {
			break
		}
		groups = append(groups, t[s:e])
		q = e
	}
	if r, n := citeRuneAt(t, q); n > 0 && citeWordRune(r) {
		return nil, p // glued to a following word: not a symbol
	}
	return groups, q
}

// splitGlued splits a single group whose hyphen was lost when a prefix is a
// known type code and the rest a plausible issuer: QĐUBND → QĐ, UBND.
func splitGlued(g string) (string, string, bool) {
	up := strings.ToUpper(g)
	for _, code := range docTypeTable.prefixes {
		if !strings.HasPrefix(up, code) {
			continue
		}
		rest := g[len(code):]
		if utf8.RuneCountInString(rest) < 2 {
			continue
		}
		if r, _ := citeRuneAt(rest, 0); !unicode.IsUpper(r) {
			continue
		}
		if _, ok := scanGroup(rest, 0); !ok {
			continue
		}
		return g[:len(code)], rest, true
	}
	return "", "", false
}

// parseRef parses the ref around the '/' at slash. loose accepts a symbol of
// a single unsplittable group without "số" before it (user queries).
func parseRef(t string, slash int, loose bool) (ref, bool) {
	var r ref
	// Left of the slash: a number (state form) or TYPE preceded by a number
	// and a hyphen (party form).
	j := slash
	if j > 0 && t[j-1] == ' ' {
		j--
	}
	k := j
	if k >= 2 && t[k-1] >= 'a' && t[k-1] <= 'z' && citeDigit(t[k-2]) {
		k-- // letter suffix: 30c/NQ-CP
	}
	d := k
	for d > 0 && citeDigit(t[d-1]) {
		d--
	}
	if d < k {
		if k-d > 5 || !numberBoundary(t, d) {
			return r, false
		}
		r.start, r.number = d, t[d:j]
	} else if !parseParty(t, j, &r) {
		return r, false
	}
	// Right of the slash.
	p := slash + 1
	if p < len(t) && (t[p] == ' ' || t[p] == '\n') {
		p++
	}
	if !r.party && p+4 <= len(t) && citeAllDigits(t[p:p+4]) {
		y := p + 4
		if (t[p:p+2] != "19" && t[p:p+2] != "20") || (y < len(t) && citeDigit(t[y])) {
			return r, false
		}
		if y < len(t) && t[y] == ' ' {
			y++
		}
		if y >= len(t) || t[y] != '/' {
			return r, false
		}
		r.year = t[p : p+4]
		p = y + 1
		if p < len(t) && t[p] == ' ' {
			p++
		}
	}
	groups, end := scanGroups(t, p)
	if groups == nil {
		return r, false
	}
	r.end = end
	if len(groups) == 1 && !r.party {
		_, law := lawSymbol(groups[0])
		switch {
		case law && r.year != "":
		case law:
			return r, false
		default:
			if a, b, ok := splitGlued(groups[0]); ok {
				groups, r.glued = []string{a, b}, true
			} else if !loose && soBefore(t, r.start) < 0 && soBefore(t, citeSpaceBack(t, r.start)) < 0 {
				return r, false
			}
		}
	}
	for i, g := range groups {
		groups[i] = docTypeTable.canonCode(g)
	}
	r.groups = groups
	return r, true
}

// numberBoundary reports whether a number may start at d: not inside a word
// or another number, except glued to "số" (số31-QĐ/TW).
func numberBoundary(t string, d int) bool {
	r, n := citeRuneBefore(t, d)
	if n == 0 {
		return true
	}
	if r == '/' || r == '.' || r == ',' || r == '-' {
		return false
	}
	if !citeWordRune(r) {
		return true
	}
	return soBefore(t, d) >= 0
}

// parseParty reads "N-TYPE" ending at j (the '/' or the space before it):
// 91-KL/TU, 367 - QĐ/TWĐTN-VP, 84 QĐ/TWĐTN (known codes only).
func parseParty(t string, j int, r *ref) bool {
	c := j
	for c > 0 {
		ch, n := citeRuneBefore(t, c)
		if !unicode.IsLetter(ch) {
			break
		}
		c -= n
	}
	code := t[c:j]
	if code == "" || utf8.RuneCountInString(code) > 5 {
		return false
	}
	if _, ok := scanGroup(code, 0); !ok {
		return false
	}
	_, known := docTypeTable.party[strings.ToUpper(code)]
	if !known {
		_, known = docTypeTable.state[strings.ToUpper(code)]
	}
	p := c
	if p > 0 && t[p-1] == ' ' {
		p--
	}
	if dl := citeDashBefore(t, p); dl > 0 {
		p -= dl
		if p > 0 && t[p-1] == ' ' {
			p--
		}
	} else if p == c || !known {
		return false // no hyphen: only "84 QĐ/…" with a known code
	}
	e := p
	for p > 0 && citeDigit(t[p-1]) {
		p--
	}
	if p == e || e-p > 5 || !numberBoundary(t, p) {
		return false
	}
	r.start, r.number, r.party = p, t[p:e], true
	r.ptype = docTypeTable.canonCode(code)
	return true
}

func citeSpaceBack(t string, p int) int {
	for p > 0 && (t[p-1] == ' ' || t[p-1] == '\n') {
		p--
	}
	return p
}

// CanonicalRef parses a number/symbol as a user may type it ("3604/QĐ-UBND",
// "3604/qđ-ubnd", "30/2020/NĐ‑CP", "91-KL/TU", "3027/QĐUBND", "số 30c/NQ-CP")
// and returns its canonical form: NFC, known codes in their official case
// (TTr, CTr, QyĐ, QĐi, TTg), ASCII hyphens, no spaces. ok is false when s is
// not a number/symbol.
func CanonicalRef(s string) (string, bool) {
	s = strings.TrimSpace(Normalize(s))
	low := strings.ToLower(s)
	for _, p := range [...]string{"số:", "số"} {
		if strings.HasPrefix(low, p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	// Digits and a letter suffix keep their case; the symbol is matched in
	// upper case and written back in the canonical case of known codes.
	i := 0
	for i < len(s) && citeDigit(s[i]) {
		i++
	}
	if i == 0 {
		return "", false
	}
	if i < len(s) && (s[i]|0x20) >= 'a' && (s[i]|0x20) <= 'z' && s[i] != '/' && s[i] != '-' {
		i++
	}
	t := strings.ToLower(s[:i]) + strings.ToUpper(s[i:])
	slash := strings.IndexByte(t, '/')
	if slash < 0 {
		return "", false
	}
	r, ok := parseRef(t, slash, true)
	if !ok || r.start != 0 || r.end != len(t) {
		return "", false
	}
	return r.canonical(), true
}

// hit is one mention found in the text, before merging.
type hit struct {
	span     Span
	line     int // start of the line holding the mention
	typ      string
	ref      *ref // nil for a law cited by name
	title    string
	date     string
	issuer   string
	explicit bool // the type word was written before the ref
}

// citeScan is the state of one findCitations run.
type citeScan struct {
	s    *scan
	t    string
	hits []hit
	own  string // key of the report's own number
}

// findCitations fills s.report.Citations.
func (e *Extractor) findCitations(s *scan) {
	c := &citeScan{s: s, t: s.doc.Text}
	if n := s.report.Meta.Number; n != "" {
		if i := strings.IndexByte(n, '/'); i >= 0 {
			if r, ok := parseRef(n, i, true); ok {
				c.own = r.key()
			}
		}
	}
	c.findRefs()
	c.findLaws()
	sort.SliceStable(c.hits, func(i, j int) bool { return c.hits[i].span.Start < c.hits[j].span.Start })
	c.shareIssuers()
	cites := c.merge()
	c.findRementions(cites)
	c.findNoSymbol()
	for i := range cites {
		sort.Slice(cites[i].Mentions, func(a, b int) bool { return cites[i].Mentions[a].Start < cites[i].Mentions[b].Start })
	}
	s.report.Citations = append(s.report.Citations, cites...)
}

// citeLineStart and citeLineEnd bound a line, looking at most lineWindow
// bytes away: a rule never reads further, and a document flattened into one
// huge line must not make every lookup scan the whole text.
const lineWindow = 600

func citeLineStart(t string, p int) int {
	from := max(0, p-lineWindow)
	return from + strings.LastIndexByte(t[from:p], '\n') + 1
}

func citeLineEnd(t string, p int) int {
	to := min(len(t), p+lineWindow)
	if i := strings.IndexByte(t[p:to], '\n'); i >= 0 {
		return p + i
	}
	return to
}

// line returns the start of the block (one line of the text) holding p.
func (c *citeScan) line(p int) int {
	if i := c.s.blockAt(p); i >= 0 {
		return c.s.doc.Blocks[i].Span.Start
	}
	return citeLineStart(c.t, p)
}

// listCtx is a list head ("các Nghị định của Chính phủ:") whose type and
// issuer the following "số …" items inherit until the sentence ends.
type listCtx struct {
	line   int
	typ    string
	issuer string
}

func (c *citeScan) findRefs() {
	t := c.t
	own := c.s.ownNumber
	var list *listCtx
	lastEnd := 0
	for pos := 0; pos < len(t); {
		i := strings.IndexByte(t[pos:], '/')
		if i < 0 {
			break
		}
		slash := pos + i
		r, ok := parseRef(t, slash, false)
		if !ok {
			pos = slash + 1
			continue
		}
		pos = r.end
		if own.Len() > 0 && r.start < own.End && r.end > own.Start {
			continue
		}
		if c.own != "" && r.key() == c.own {
			continue
		}
		rr := r
		h := hit{ref: &rr, line: c.line(r.start)}
		start := r.start
		soAt := soBefore(t, r.start)
		if soAt < 0 {
			if q := citeSpaceBack(t, r.start); q < r.start {
				q2 := q
				if q2 > 0 && t[q2-1] == ':' {
					q2--
				}
				soAt = soBefore(t, q2)
			}
		}
		if soAt >= 0 {
			start = soAt
		}
		if list != nil && (list.line != h.line || citeSentenceEnd(t[lastEnd:start])) {
			list = nil
		}
		// A law's title stands between "Luật" and "số" and may end in a
		// type-like word ("… quy phạm pháp luật số 80/2015/QH13").
		if ts, typ, title, ok := lawBefore(t, start, max(h.line, lastEnd), &rr); ok {
			start, h.explicit, h.typ, h.title, list = ts, true, typ, title, nil
		} else if ts, typ, ok := typeBefore(t, start, max(h.line, lastEnd)); ok {
			start, h.explicit, list = ts, true, nil
			h.typ = typ
			if typ == "" { // generic "Văn bản": read the type from the symbol
				h.typ = inferType(&rr)
			}
		} else if lc := listHead(t, start, max(h.line, lastEnd), h.line); lc != nil {
			list = lc
		}
		if !h.explicit {
			h.typ = inferType(&rr)
			if list != nil && list.typ != "" && compatible(list.typ, &rr) {
				h.typ = list.typ
			}
		}
		end := r.end
		if iso, de, valid, ok := dateAfter(t, end); ok {
			end = de
			if valid {
				h.date = iso
			} else {
				c.s.diagnose("citation.bad_date", SeverityWarning, Span{r.start, de},
					"impossible date after "+rr.canonical())
			}
		}
		if iss, ie := issuerAfter(t, end); iss != "" {
			h.issuer, end = iss, ie
		} else if list != nil {
			h.issuer = list.issuer
		}
		h.span = Span{start, end}
		lastEnd = end
		pos = max(pos, end)
		c.hits = append(c.hits, h)
	}
}

// sentenceEnd reports whether the text between two mentions ends a
// sentence: a full stop followed by a space or the end.
func citeSentenceEnd(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && (i+1 == len(s) || s[i+1] == ' ') {
			return true
		}
	}
	return false
}

// inferType reads the document type from the symbol.
func inferType(r *ref) string {
	if r.party {
		if n, ok := docTypeTable.party[strings.ToUpper(r.ptype)]; ok {
			return n
		}
		return "Văn bản"
	}
	g := r.groups[0]
	if n, ok := lawSymbol(g); ok && r.year != "" {
		return n
	}
	if len(r.groups) > 1 {
		if n, ok := docTypeTable.state[strings.ToUpper(g)]; ok {
			return n
		}
	}
	return "Công văn"
}

// compatible reports whether a list's type fits the symbol of an item: a
// symbol with its own type code of another type leaves the list.
func compatible(typ string, r *ref) bool {
	inf := inferType(r)
	return inf == typ || inf == "Công văn" || inf == "Luật"
}

// wordsBefore returns up to n words ending at p (nearest first), stopping at
// punctuation or limit.
func citeWordsBefore(t string, p, limit, n int) []Span {
	var ws []Span
	for len(ws) < n {
		for p > limit && t[p-1] == ' ' {
			p--
		}
		e := p
		for p > limit {
			r, sz := citeRuneBefore(t, p)
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			p -= sz
		}
		if p == e {
			break
		}
		ws = append(ws, Span{p, e})
		if p > limit && t[p-1] != ' ' {
			break
		}
	}
	return ws
}

func citeLowerWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// typeBefore finds a type word right before p ("Quyết định số"), allowing up
// to two lower-case qualifiers ("Báo cáo kết quả số", "Thông báo kết luận
// số"). It returns where the type word starts and its canonical name ("" for
// a generic word).
func typeBefore(t string, p, limit int) (int, string, bool) {
	ws := citeWordsBefore(t, p, limit, 6)
	for q := 0; q <= 2 && q < len(ws); q++ {
		if q > 0 && !citeLowerWord(t[ws[q-1].Start:ws[q-1].End]) {
			break
		}
		for j := min(4, len(ws)-q); j >= 1; j-- {
			from, to := ws[q+j-1].Start, ws[q].End
			if !docTypeTable.mayStartType(t[from:ws[q+j-1].End]) {
				continue
			}
			if name, ok := docTypeTable.typeWord(t[from:to]); ok {
				// A qualifier must not itself be a type word: "Nghị quyết
				// Đại hội" is fine, but prefer the nearest type.
				return from, name, true
			}
		}
	}
	return 0, "", false
}

// lawBefore finds the law a QH/UBTVQH ref belongs to when its title stands
// between the type word and "số": "Luật Ban hành văn bản quy phạm pháp luật
// số 80/2015/QH13".
func lawBefore(t string, p, limit int, r *ref) (int, string, string, bool) {
	if r.party || r.year == "" {
		return 0, "", "", false
	}
	if _, ok := lawSymbol(r.groups[0]); !ok {
		return 0, "", "", false
	}
	from := max(limit, p-300)
	seg := t[from:p]
	if i := strings.LastIndexAny(seg, ";:.()\n"); i >= 0 {
		from += i + 1
		seg = t[from:p]
	}
	at, kw := lawWordIn(seg)
	if at < 0 {
		return 0, "", "", false
	}
	name, _ := docTypeTable.typeWord(kw)
	title := strings.TrimSpace(seg[at+len(kw):])
	title = strings.TrimRight(title, " ,")
	return from + at, name, title, true
}

// lawWordIn returns the position of the law word a title starts with: the
// last "Luật"/"Bộ luật"/"Pháp lệnh" in seg, or the first one when that one
// is an amending law ("Luật sửa đổi, bổ sung … của Luật …").
func lawWordIn(seg string) (int, string) {
	first, last, fw, lw := -1, -1, "", ""
	for _, kw := range [...]string{"Bộ luật", "Luật", "Pháp lệnh"} {
		for off := 0; ; {
			i := strings.Index(seg[off:], kw)
			if i < 0 {
				break
			}
			i += off
			off = i + len(kw)
			if r, n := citeRuneBefore(seg, i); n > 0 && citeWordRune(r) {
				continue
			}
			if kw == "Luật" && strings.HasSuffix(seg[:i], "Bộ ") {
				continue
			}
			if r, n := citeRuneAt(seg, off); n > 0 && citeWordRune(r) {
				continue
			}
			if first < 0 || i < first {
				first, fw = i, kw
			}
			if i > last {
				last, lw = i, kw
			}
		}
	}
	if first < 0 {
		return -1, ""
	}
	if strings.HasPrefix(seg[first+len(fw):], " sửa đổi") {
		return first, fw
	}
	return last, lw
}

// listHead recognises "các <Type> [của <issuer>]:" right before p.
func listHead(t string, p, limit, line int) *listCtx {
	q := p
	for q > limit && t[q-1] == ' ' {
		q--
	}
	if q <= limit || t[q-1] != ':' {
		return nil
	}
	from := max(limit, q-200)
	head := t[from : q-1]
	if i := strings.LastIndexAny(head, ";.()"); i >= 0 {
		from += i + 1
		head = t[from : q-1]
	}
	i := strings.LastIndex(head, "các ")
	if i < 0 {
		return nil
	}
	rest := from + i + len("các ")
	ws := citeWordsAfter(t, rest, q-1, 4)
	for j := len(ws); j >= 1; j-- {
		name, ok := docTypeTable.typeWord(t[ws[0].Start:ws[j-1].End])
		if !ok || name == "" {
			continue
		}
		lc := &listCtx{line: line, typ: name}
		lc.issuer, _ = issuerAfter(t[:q-1], ws[j-1].End)
		return lc
	}
	return nil
}

// wordsAfter returns up to n words from p, stopping at punctuation or limit.
func citeWordsAfter(t string, p, limit, n int) []Span {
	var ws []Span
	for len(ws) < n {
		for p < limit && t[p] == ' ' {
			p++
		}
		s := p
		for p < limit {
			r, sz := citeRuneAt(t, p)
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			p += sz
		}
		if p == s {
			break
		}
		ws = append(ws, Span{s, p})
		if p < limit && t[p] != ' ' {
			break
		}
	}
	return ws
}

// dateAfter reads ", ngày <date>" after p. valid is false for an impossible
// date (the span is still consumed, so the date is not read twice).
func dateAfter(t string, p int) (iso string, end int, valid, ok bool) {
	q := p
	if q < len(t) && t[q] == ',' {
		q++
	}
	if q < len(t) && (t[q] == ' ' || t[q] == '\n') {
		q++
	}
	for _, w := range [...]string{"ngày", "Ngày"} {
		if strings.HasPrefix(t[q:], w) {
			q += len(w)
			if q < len(t) && (t[q] == ' ' || t[q] == '\n') {
				q++
			}
			return citeParseDate(t, q)
		}
	}
	return "", p, false, false
}

func citeReadInt(t string, p, maxDigits int) (int, int) {
	v, q := 0, p
	for q < len(t) && q-p < maxDigits && citeDigit(t[q]) {
		v = v*10 + int(t[q]-'0')
		q++
	}
	if q < len(t) && citeDigit(t[q]) {
		return 0, p // too many digits
	}
	return v, q
}

// parseDate reads 24/12/2021, 25-10-2017, 10.03.2025 or "27 tháng 10 năm
// 2007" at p.
func citeParseDate(t string, p int) (iso string, end int, valid, ok bool) {
	d, q := citeReadInt(t, p, 2)
	if q == p {
		return "", p, false, false
	}
	var m, y int
	if q < len(t) && (t[q] == '/' || t[q] == '-' || t[q] == '.') {
		sep := t[q]
		m2, q2 := citeReadInt(t, q+1, 2)
		if q2 == q+1 || q2 >= len(t) || t[q2] != sep {
			return "", p, false, false
		}
		y2, q3 := citeReadInt(t, q2+1, 4)
		if q3-q2-1 != 4 {
			return "", p, false, false
		}
		m, y, q = m2, y2, q3
	} else {
		ws := func(i int) int {
			if i < len(t) && (t[i] == ' ' || t[i] == '\n') {
				return i + 1
			}
			return -1
		}
		i := ws(q)
		if i < 0 || !strings.HasPrefix(t[i:], "tháng") {
			return "", p, false, false
		}
		if i = ws(i + len("tháng")); i < 0 {
			return "", p, false, false
		}
		m2, i2 := citeReadInt(t, i, 2)
		if i2 == i {
			return "", p, false, false
		}
		if i = ws(i2); i < 0 || !strings.HasPrefix(t[i:], "năm") {
			return "", p, false, false
		}
		if i = ws(i + len("năm")); i < 0 {
			return "", p, false, false
		}
		y2, i3 := citeReadInt(t, i, 4)
		if i3-i != 4 {
			return "", p, false, false
		}
		m, y, q = m2, y2, i3
	}
	if r, n := citeRuneAt(t, q); n > 0 && citeWordRune(r) {
		return "", p, false, false
	}
	if !validDate(y, m, d) {
		return "", q, false, true
	}
	return citePad(y, 4) + "-" + citePad(m, 2) + "-" + citePad(d, 2), q, true, true
}

func validDate(y, m, d int) bool {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

func citePad(v, n int) string {
	s := strconv.Itoa(v)
	for len(s) < n {
		s = "0" + s
	}
	return s
}

// issuerWords are the lower-case words issuer names contain ("Ủy ban nhân
// dân tỉnh", "Ban Chấp hành Trung ương", "Bộ Nông nghiệp và Phát triển nông
// thôn"); any other lower-case word ends the issuer.
var issuerWords = map[string]bool{
	"tỉnh": true, "thành": true, "phố": true, "huyện": true, "quận": true, "thị": true,
	"xã": true, "trấn": true, "phường": true, "nhân": true, "dân": true, "trung": true,
	"ương": true, "chỉ": true, "đạo": true, "chấp": true, "hành": true, "thường": true,
	"vụ": true, "trực": true, "chính": true, "phủ": true, "nhà": true, "nước": true,
	"cải": true, "cách": true, "hội": true, "đồng": true, "ủy": true, "ban": true,
	"bộ": true, "sở": true, "văn": true, "phòng": true, "chủ": true, "tịch": true,
	"thủ": true, "tướng": true, "tư": true, "pháp": true, "nội": true, "khóa": true,
	"đảng": true, "liên": true, "ngành": true, "đoàn": true, "thanh": true, "niên": true,
	"cộng": true, "sản": true, "mặt": true, "trận": true, "tổ": true, "quốc": true,
	"cấp": true, "cơ": true, "quan": true, "công": true, "an": true, "nông": true,
	"thôn": true, "kiểm": true, "soát": true, "tục": true, "tộc": true, "tra": true,
	// the lower-case halves of ministry and department names (Bộ Tài
	// nguyên và Môi trường, Sở Giáo dục và Đào tạo, Bộ Lao động - Thương
	// binh và Xã hội, Bộ Văn hóa, Thể thao và Du lịch…)
	"nguyên": true, "trường": true, "động": true, "binh": true, "nghiệp": true,
	"triển": true, "dục": true, "tạo": true, "học": true, "nghệ": true, "thông": true,
	"tin": true, "hóa": true, "thao": true, "lịch": true, "tế": true, "tải": true,
	"dựng": true, "vận": true, "thương": true, "quản": true, "lý": true, "ngoại": true,
	"giao": true, "đầu": true, "tài": true, "sự": true,
}

// issuerAfter reads "của <issuer>" at p and returns the issuer as written
// and where it ends; "" when there is none. The issuer ends at punctuation,
// a parenthesis, a digit, a type word (a following citation), "ban hành" or
// any lower-case word that is not part of an issuer name ("về", "về việc",
// "như sau", "hướng dẫn"…).
func issuerAfter(t string, p int) (string, int) {
	q := p
	if q < len(t) && (t[q] == ' ' || t[q] == '\n') {
		q++
	}
	if !strings.HasPrefix(t[q:], "của ") {
		return "", p
	}
	q += len("của ")
	start, last := q, -1
	stop := citeLineEnd(t, q)
	for words := 0; q < stop && words < 16; {
		for q < stop && t[q] == ' ' {
			q++
		}
		e := q
		for e < stop && t[e] != ' ' {
			e++
		}
		if e == q {
			break
		}
		tok := t[q:e]
		if (tok == "-" || tok == "–") && citeCapitalAt(t, e+1) && last >= 0 {
			q = e // Bộ Lao động - Thương binh và Xã hội
			continue
		}
		core := strings.TrimRight(tok, ",;:.)…\"'”!?")
		punct := len(core) < len(tok)
		if core == "" {
			break
		}
		r, _ := utf8.DecodeRuneInString(core)
		switch {
		case unicode.IsDigit(r) || !unicode.IsLetter(r) || strings.ContainsRune(core, '/'):
			goto out // a number, a symbol, "V/v"
		case unicode.IsUpper(r):
			if startsType(t, q, stop) {
				goto out
			}
		default:
			w := typeKey(core)
			switch {
			case w == "và" || w == "của":
				if !citeCapitalAt(t, e+1) || startsType(t, e+1, stop) {
					goto out
				}
				q = e
				continue
			case w == "ban" && strings.HasPrefix(t[e:], " hành"):
				goto out
			case !issuerWords[w]:
				goto out
			}
		}
		last = q + len(core)
		words++
		q = e
		if punct {
			// "TP. Hồ Chí Minh": a short abbreviation with a full stop goes on.
			// A Roman numeral ends its sentence ("khóa XII. Trong quý …").
			if strings.HasSuffix(tok, ".") && len(core) <= 3 && unicode.IsUpper(r) && citeCapitalAt(t, e+1) &&
				strings.Trim(core, "IVXLC") != "" {
				continue
			}
			break
		}
	}
out:
	if last < 0 {
		return "", p
	}
	return t[start:last], last
}

func citeCapitalAt(t string, p int) bool {
	r, n := citeRuneAt(t, p)
	return n > 0 && unicode.IsUpper(r)
}

// startsType reports whether a citation starts at p: a type word followed
// by "số", a number or a law title ("Quyết định số", "Kế hoạch 12/…",
// "Luật Đất đai"), so an issuer must end before it. "Bộ Kế hoạch và Đầu tư"
// goes on.
func startsType(t string, p, limit int) bool {
	ws := citeWordsAfter(t, p, limit, 4)
	if len(ws) == 0 || !docTypeTable.mayStartType(t[ws[0].Start:ws[0].End]) {
		return false
	}
	for j := min(len(ws), 3); j >= 1; j-- {
		name, ok := docTypeTable.typeWord(t[ws[0].Start:ws[j-1].End])
		if !ok || name == "" {
			continue
		}
		e := ws[j-1].End
		if e+1 < len(t) && t[e] == ' ' && citeDigit(t[e+1]) {
			return true
		}
		if j < len(ws) {
			next := t[ws[j].Start:ws[j].End]
			if typeKey(next) == "số" || name == "Luật" || name == "Bộ luật" || name == "Pháp lệnh" {
				return true
			}
		}
		return false
	}
	return false
}

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
	for pos := 0; pos < len(t); {
		at, kw := -1, ""
		for _, k := range kws {
			if i := strings.Index(t[pos:], k); i >= 0 && (at < 0 || pos+i < at) {
				at, kw = pos+i, k[:len(k)-1]
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
		h, ok := lawByName(t, start, kw)
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
func lawByName(t string, start int, kw string) (hit, bool) {
	var h hit
	tb := start + len(kw) + 1
	r, _ := citeRuneAt(t, tb)
	amending := strings.HasPrefix(t[tb:], "sửa đổi")
	if !unicode.IsUpper(r) && !amending {
		return h, false
	}
	stop := citeLineEnd(t, tb)
	q := tb
	for words := 0; q < stop && words < 40; words++ {
		for q < stop && t[q] == ' ' {
			q++
		}
		e := q
		for e < stop && t[e] != ' ' {
			e++
		}
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
			if iss, ie := issuerAfter(t, de); iss != "" {
				h.issuer, end = iss, ie
			}
			h.span = Span{start, end}
			return h, true
		}
		if strings.ContainsAny(tok, ";:()") || strings.HasSuffix(tok, ".") {
			return h, false
		}
		if typeKey(tok) == "số" && e+1 < len(t) && citeDigit(t[e+1]) {
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

func lawName(kw string) string {
	n, _ := docTypeTable.typeWord(kw)
	return n
}

// shareIssuers gives a chain of citations ("Tờ trình số … ngày …, Công văn
// số … ngày … và Báo cáo số … ngày … của Sở Tư pháp") the issuer written
// once after the last of them.
func (c *citeScan) shareIssuers() {
	for i := len(c.hits) - 2; i >= 0; i-- {
		a, b := &c.hits[i], &c.hits[i+1]
		if a.issuer != "" || b.issuer == "" || a.line != b.line || a.span.End > b.span.Start {
			continue
		}
		switch strings.TrimSpace(c.t[a.span.End:b.span.Start]) {
		case ",", ";", "và", ", và", "; và", "":
			a.issuer = b.issuer
		}
	}
}

// merge turns hits into Citations, one per document.
func (c *citeScan) merge() []Citation {
	var cites []Citation
	byKey := map[string][]int{}
	for _, h := range c.hits {
		key := ""
		if h.ref != nil {
			key = h.ref.key()
		} else {
			key = "law:" + typeKey(h.typ+" "+h.title)
		}
		idx := -1
		for _, k := range byKey[key] {
			if sameDoc(&cites[k], h) {
				idx = k
			}
		}
		if idx < 0 {
			cites = append(cites, c.citation(h))
			byKey[key] = append(byKey[key], len(cites)-1)
			continue
		}
		ct := &cites[idx]
		ct.Mentions = append(ct.Mentions, h.span)
		if ct.Date == "" {
			ct.Date = h.date
		}
		if ct.Issuer == "" {
			ct.Issuer = h.issuer
		}
		if h.ref != nil && h.ref.year != "" && ct.Ref != nil && !strings.Contains(*ct.Ref, "/"+h.ref.year+"/") {
			ref := h.ref.canonical()
			ct.Ref = &ref
		}
	}
	return cites
}

// sameDoc reports whether hit h may be another mention of ct: numbering
// restarts every year, so different dates or years mean different documents.
func sameDoc(ct *Citation, h hit) bool {
	if ct.Date != "" && h.date != "" && ct.Date != h.date {
		return false
	}
	if h.ref != nil && h.ref.year != "" && ct.Ref != nil {
		parts := strings.Split(*ct.Ref, "/")
		if len(parts) == 3 && parts[1] != h.ref.year {
			return false
		}
	}
	return true
}

func (c *citeScan) citation(h hit) Citation {
	ct := Citation{
		Type:     h.typ,
		Date:     h.date,
		Issuer:   h.issuer,
		Title:    h.title,
		Text:     c.t[h.span.Start:h.span.End],
		Span:     h.span,
		Mentions: []Span{h.span},
	}
	if h.ref != nil {
		ref := h.ref.canonical()
		ct.Ref = &ref
		ct.Number = h.ref.number
		ct.Symbol = h.ref.symbol()
	}
	if fn := c.s.footnoteOf(h.span.Start); fn != 0 {
		n := fn
		ct.Footnote = &n
		ct.Section = c.s.anchorSection(fn)
	} else {
		ct.Section = c.s.sectionAt(h.span.Start)
	}
	return ct
}

// findRementions attaches "Quyết định nêu trên" (and "nói trên") to the
// latest earlier citation of that type, and later mentions of a law by its
// bare title to the law.
func (c *citeScan) findRementions(cites []Citation) {
	t := c.t
	inHit := func(p int) bool {
		i := sort.Search(len(c.hits), func(i int) bool { return c.hits[i].span.End > p })
		return i < len(c.hits) && c.hits[i].span.Start <= p
	}
	for _, phrase := range [...]string{" nêu trên", " nói trên"} {
		for pos := 0; ; {
			i := strings.Index(t[pos:], phrase)
			if i < 0 {
				break
			}
			at := pos + i
			pos = at + len(phrase)
			if inHit(at) {
				continue
			}
			ws := citeWordsBefore(t, at, citeLineStart(t, at), 4)
			for j := len(ws); j >= 1; j-- {
				from := ws[j-1].Start
				if !docTypeTable.mayStartType(t[from:ws[j-1].End]) {
					continue
				}
				name, ok := docTypeTable.typeWord(t[from:ws[0].End])
				if !ok || name == "" {
					continue
				}
				if k := citeLatest(cites, name, from); k >= 0 {
					cites[k].Mentions = append(cites[k].Mentions, Span{from, at + len(phrase)})
				}
				break
			}
		}
	}
	for k := range cites {
		ct := &cites[k]
		if ct.Ref != nil || ct.Title == "" {
			continue
		}
		name := ct.Type + " " + ct.Title
		for pos := 0; ; {
			i := strings.Index(t[pos:], name)
			if i < 0 {
				break
			}
			at := pos + i
			pos = at + len(name)
			if r, n := citeRuneAt(t, pos); n > 0 && citeWordRune(r) {
				continue
			}
			if !inHit(at) {
				ct.Mentions = append(ct.Mentions, Span{at, pos})
			}
		}
	}
}

// latest returns the index of the citation of type typ whose first mention
// is the nearest before p, -1 if none.
func citeLatest(cites []Citation, typ string, p int) int {
	best := -1
	for k := range cites {
		if cites[k].Type != typ {
			continue
		}
		for _, m := range cites[k].Mentions {
			if m.End <= p && (best < 0 || m.Start > citeLastBefore(cites[best].Mentions, p)) {
				best = k
			}
		}
	}
	return best
}

func citeLastBefore(ms []Span, p int) int {
	b := -1
	for _, m := range ms {
		if m.End <= p && m.Start > b {
			b = m.Start
		}
	}
	return b
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
			name+" số "+t[pos:e]+" is cited without a symbol")
	}
}

package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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

func (r *ref) canonical() string {
	c, _ := r.canonicalSymbol()
	return c
}

// canonicalSymbol returns the canonical ref ("30/2020/NĐ-CP", "91-KL/TU")
// and its symbol ("NĐ-CP", "KL/TU"), which ends it: one string for both,
// as every citation carries both.
func (r *ref) canonicalSymbol() (string, string) {
	var b strings.Builder
	b.Grow(len(r.number) + len(r.year) + len(r.ptype) + 8*len(r.groups) + 2)
	b.WriteString(r.number)
	switch {
	case r.party:
		b.WriteByte('-')
	case r.year != "":
		b.WriteByte('/')
		b.WriteString(r.year)
		b.WriteByte('/')
	default:
		b.WriteByte('/')
	}
	at := b.Len()
	if r.party {
		b.WriteString(r.ptype)
		b.WriteByte('/')
	}
	for i, g := range r.groups {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(g)
	}
	c := b.String()
	return c, c[at:]
}

// key identifies the document regardless of leading zeros, letter case and
// the year in the symbol (136/2001/QĐ-TTg = 136/QĐ-TTg).
//
// It is written into one buffer (one allocation): every mention is keyed.
func (r *ref) key() string {
	var buf [32]byte
	return string(r.appendKey(buf[:0]))
}

// appendKey appends key() to b: a look-up keys into a buffer of its own.
func (r *ref) appendKey(b []byte) []byte {
	n := strings.TrimLeft(r.number, "0")
	if r.party {
		b = append(append(append(b, 'p'), n...), '-')
		b = append(appendUpper(b, r.ptype), '/')
	} else {
		b = append(b, 's')
		for i := 0; i < len(n); i++ { // digits and an ASCII letter
			c := n[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		b = append(b, '/')
	}
	for i, g := range r.groups {
		if i > 0 {
			b = append(b, '-')
		}
		b = appendUpper(b, g)
	}
	return b
}

// appendUpper appends strings.ToUpper(s) to b.
func appendUpper(b []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			b = append(b, byte(r))
			continue
		}
		b = utf8.AppendRune(b, unicode.ToUpper(r))
	}
	return b
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
// Text from the web and from PDFs glues the next word on ("QĐ-TTgngày"):
// the group ends where such a word starts.
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
			if gluedWordAt(t, q) > q {
				goto done
			}
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
func scanGroups(t string, p int, groups []string) ([]string, int) {
	q, ok := scanGroup(t, p)
	if !ok {
		return nil, p
	}
	groups = append(groups, t[p:q])
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
	if r, n := citeRuneAt(t, q); n > 0 && citeWordRune(r) && gluedWordAt(t, q) == q {
		return nil, p // glued to a following word: not a symbol
	}
	return groups, q
}

// gluedWords are the words that follow a reference and lose their space in
// copied text: "QĐ-TTgngày 21/8/2001", "NĐ-CPcủa Chính phủ".
var gluedWords = [...]string{"ngày", "năm", "của", "về", "và", "tại", "theo", "được", "quy", "ban", "hướng"}

// gluedWordAt returns the end of a glued word starting at q (one that ends
// at a non-letter), q when there is none.
func gluedWordAt(t string, q int) int {
	for _, w := range gluedWords {
		if strings.HasPrefix(t[q:], w) {
			if r, n := citeRuneAt(t, q+len(w)); n == 0 || !unicode.IsLetter(r) {
				return q + len(w)
			}
		}
	}
	return q
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
	if k >= 2 && (t[k-1] >= 'a' && t[k-1] <= 'z' || t[k-1] >= 'A' && t[k-1] <= 'Z') && citeDigit(t[k-2]) {
		k-- // letter suffix: 30c/NQ-CP, 119A/QĐ-CA
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
	// The groups are read into a buffer of this frame's: most slashes
	// are no ref, and a ref keeps a slice of its own size.
	var buf [6]string
	groups, end := scanGroups(t, p, buf[:0])
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
	r.groups = make([]string, len(groups))
	for i, g := range groups {
		r.groups[i] = docTypeTable.canonCode(g)
	}
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

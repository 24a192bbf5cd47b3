package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordsBefore appends to ws up to n words ending at p (nearest first),
// stopping at punctuation or limit. Callers pass a buffer on their stack:
// it runs at every ref.
func citeWordsBefore(ws []Span, t string, p, limit, n int) []Span {
	for len(ws) < n {
		for p > limit && t[p-1] == ' ' {
			p--
		}
		e := p
		for p > limit {
			if c := t[p-1]; c < utf8.RuneSelf { // ASCII: a letter or not, by byte
				if c|0x20 < 'a' || c|0x20 > 'z' {
					break
				}
				p--
				continue
			}
			r, sz := citeRuneBefore(t, p)
			if !isWordRune(r) {
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
	var buf [6]Span
	ws := citeWordsBefore(buf[:0], t, p, limit, 6)
	// may[k]: whether word k may start a type word (0 not asked yet, 1
	// yes, -1 no); the phrases tried share their first words.
	var may [6]int8
	for q := 0; q <= 2 && q < len(ws); q++ {
		if q > 0 && !citeLowerWord(t[ws[q-1].Start:ws[q-1].End]) {
			break
		}
		for j := min(4, len(ws)-q); j >= 1; j-- {
			k := q + j - 1
			from, to := ws[k].Start, ws[q].End
			if may[k] == 0 {
				may[k] = -1
				if docTypeTable.mayStartType(t[from:ws[k].End]) {
					may[k] = 1
				}
			}
			if may[k] < 0 {
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
func listHead(is *Issuers, t string, p, limit, line int) *listCtx {
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
	var buf [4]Span
	ws := citeWordsAfter(buf[:0], t, rest, q-1, 4)
	for j := len(ws); j >= 1; j-- {
		name, ok := docTypeTable.typeWord(t[ws[0].Start:ws[j-1].End])
		if !ok || name == "" {
			continue
		}
		lc := &listCtx{line: line, typ: name}
		lc.issuer, _ = issuerAfter(is, t[:q-1], ws[j-1].End)
		return lc
	}
	return nil
}

// wordsAfter appends to ws up to n words from p, stopping at punctuation
// or limit (a buffer of the caller's, as citeWordsBefore).
func citeWordsAfter(ws []Span, t string, p, limit, n int) []Span {
	for len(ws) < n {
		for p < limit && t[p] == ' ' {
			p++
		}
		s := p
		for p < limit {
			if c := t[p]; c < utf8.RuneSelf {
				if c|0x20 < 'a' || c|0x20 > 'z' {
					break
				}
				p++
				continue
			}
			_, sz, word := wordRuneAt(t, p)
			if !word {
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
		// "năm2008": web and PDF text lose the space before the year.
		if j := i + len("năm"); j < len(t) && citeDigit(t[j]) {
			i = j
		} else if i = ws(j); i < 0 {
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
	return isoDay(y, m, d), q, true, true
}

// isoDay writes a date validDate accepts (its year has four digits) as
// YYYY-MM-DD, in one allocation: every cited date is written.
func isoDay(y, m, d int) string {
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:])
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
// and where it ends; "" when there is none. A body of the issuer gazetteer
// is read whole, with its commas and lower-case words ("Bộ Văn hóa, Thể
// thao và Du lịch", "Ngân hàng Nhà nước Việt Nam"), and joint issuers
// ("Bộ Nội vụ và Bộ Tài chính") together. Otherwise the issuer ends at punctuation,
// a parenthesis, a digit, a type word (a following citation), "ban hành" or
// any lower-case word that is not part of an issuer name ("về", "về việc",
// "như sau", "hướng dẫn"…).
func issuerAfter(is *Issuers, t string, p int) (string, int) {
	q := p
	if q < len(t) && (t[q] == ' ' || t[q] == '\n') {
		q++
	}
	if !strings.HasPrefix(t[q:], "của ") {
		return "", p
	}
	q += len("của ")
	if m, ok := is.Match(t, q); ok {
		end := m.Span.End
		for strings.HasPrefix(t[end:], " và ") {
			m2, ok := is.Match(t, end+len(" và "))
			if !ok {
				break
			}
			end = m2.Span.End
		}
		// A provincial body may go on past the gazetteer ("UBND tỉnh về"
		// stops, "Ban Chỉ đạo … tỉnh X" is read by the words below).
		if wordsMayGoOn(t, q, end) {
			if w, we := issuerWordsAfter(t, q); we > end {
				return w, we
			}
		}
		return t[q:end], end
	}
	return issuerWordsAfter(t, q)
}

// wordsMayGoOn reports whether issuerWordsAfter(t, q) may end after end,
// the end of a name read from q: only if the word that holds end goes on
// past it (not with its closing punctuation alone), or the next word may
// be one of a name's — a capitalised word, a dash, "và"/"của" or a
// lower-case word of issuerWords. Most names are followed by neither
// (", ngày", " về việc", "."), and their words need not be read twice
// (FuzzWordsMayGoOn checks it against issuerWordsAfter).
func wordsMayGoOn(t string, q, end int) bool {
	stop := citeLineEnd(t, q)
	if end >= stop {
		return false
	}
	e := end
	for e < stop && t[e] != ' ' {
		e++
	}
	if tail := t[end:e]; tail != "" {
		// The word ends at end when only punctuation follows it, and then
		// the words stop, but after an abbreviation ("TP. Hà Nội").
		return strings.TrimRight(tail, issuerWordPunct) != "" || strings.HasSuffix(tail, ".")
	}
	n := e
	for n < stop && t[n] == ' ' {
		n++
	}
	if n >= stop {
		return false
	}
	_, we := citeWordAt(t, n, stop)
	tok := t[n:we]
	if tok == "-" || tok == "–" {
		return true
	}
	core := strings.TrimRight(tok, issuerWordPunct)
	if core == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(core)
	switch {
	case unicode.IsDigit(r) || !unicode.IsLetter(r) || strings.ContainsRune(core, '/'):
		return false
	case unicode.IsUpper(r):
		return true
	}
	var kb [64]byte
	w := appendSearchKey(kb[:0], core)
	return string(w) == "và" || string(w) == "của" || issuerWords[string(w)]
}

// issuerWordPunct is what closes a word of an issuer.
const issuerWordPunct = ",;:.)…\"'”!?"

// issuerWordsAfter reads an issuer not in the gazetteer from q, by its words.
func issuerWordsAfter(t string, q int) (string, int) {
	p := q
	start, last := q, -1
	stop := citeLineEnd(t, q)
	for words := 0; q < stop && words < 16; {
		var e int
		q, e = citeWordAt(t, q, stop)
		if e == q {
			break
		}
		tok := t[q:e]
		if (tok == "-" || tok == "–") && citeCapitalAt(t, e+1) && last >= 0 {
			q = e // Bộ Lao động - Thương binh và Xã hội
			continue
		}
		core := strings.TrimRight(tok, issuerWordPunct)
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
			var kb [64]byte // the word's key without a string of its own
			w := appendSearchKey(kb[:0], core)
			switch {
			case string(w) == "và" || string(w) == "của":
				if !citeCapitalAt(t, e+1) || startsType(t, e+1, stop) {
					goto out
				}
				q = e
				continue
			case string(w) == "ban" && strings.HasPrefix(t[e:], " hành"):
				goto out
			case !issuerWords[string(w)]:
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
	var buf [4]Span
	ws := citeWordsAfter(buf[:0], t, p, limit, 4)
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
			var kb [64]byte
			if string(appendSearchKey(kb[:0], t[ws[j].Start:ws[j].End])) == "số" || name == "Luật" || name == "Bộ luật" || name == "Pháp lệnh" {
				return true
			}
		}
		return false
	}
	return false
}

// citeWordAt returns the bounds [start, end) of the space-separated word at
// or after q, before stop; start == end when none is left.
func citeWordAt(t string, q, stop int) (int, int) {
	for q < stop && t[q] == ' ' {
		q++
	}
	e := q
	for e < stop && t[e] != ' ' {
		e++
	}
	return q, e
}

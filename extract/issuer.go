package extract

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// The issuer gazetteer (data/issuers.tsv): issuing bodies as data, so that
// "Bộ Văn hóa, Thể thao và Du lịch", "Ngân hàng Nhà nước Việt Nam" or
// "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc" are read whole, whatever their
// commas and lower-case words, and every spelling of one body has one
// canonical name (issuer_canonical): "ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ" and
// "UBND tỉnh Khánh Hòa" are both "UBND tỉnh Khánh Hòa". Provincial bodies
// are patterns over the province gazetteer, so they follow its units
// before and after the 2025 merger.

//go:embed data/issuers.tsv
var issuersTSV string

type issuerKind uint8

const (
	issuerCentral issuerKind = iota + 1
	issuerProvincial
	issuerParty
	issuerDepartment
	issuerTitle
)

type issuerEntry struct {
	canonical string
	kind      issuerKind
}

// Issuers matches issuing bodies in text.
type Issuers struct {
	// byKey maps a variant's token keys (SearchKey, joined by " ") per
	// kind group: bodies (central, provincial, party), departments, titles.
	bodies, departments, titles issuerTable
	maxTokens                   int
	// maxRead is the most tokens MatchAt reads from its start: a title,
	// "Sở", a body or department, a unit word and a province, and the
	// token after them that tells whether a name goes on.
	maxRead   int
	provinces *Gazetteer
	// firsts holds the first token key of every body and title variant
	// and "sở": a name can start only with one of them.
	firsts map[string]bool
	// whole memoises MatchWhole (string → wholeMatch), for at most
	// maxWhole names: reports cite the same few bodies again and again
	// ("Chính phủ", "UBND tỉnh", "Bộ Nội vụ"), report after report. The
	// tables are read-only, so an answer never goes stale.
	whole  sync.Map
	wholeN atomic.Int32
	// canonical memoises Canonical the same way, for at most maxWhole
	// headers' issuers: a report's issuer is one of a few thousand bodies
	// as their clerks write them, and keying it token by token cost a
	// tenth of the header's rules.
	canonical  sync.Map
	canonicalN atomic.Int32
}

const maxWhole = 4096

type wholeMatch struct {
	m  IssuerMatch
	ok bool
}

// MatchWhole matches a body named by all of name ("Bộ Nội vụ", not "Bộ
// Nội vụ về việc"): Match at 0 ending at the end of name.
func (is *Issuers) MatchWhole(name string) (IssuerMatch, bool) {
	if v, ok := is.whole.Load(name); ok {
		w := v.(wholeMatch)
		return w.m, w.ok
	}
	m, ok := is.Match(name, 0)
	ok = ok && m.Span.End == len(name)
	if is.wholeN.Load() < maxWhole { // concurrent misses may pass a few over
		is.wholeN.Add(1)
		// A copy: name is a slice of a report's text, which must not stay
		// in memory for it.
		is.whole.Store(strings.Clone(name), wholeMatch{m, ok})
	}
	return m, ok
}

// IssuerMatch is an issuing body found in text.
type IssuerMatch struct {
	// Canonical is the body's one name: "Bộ Nội vụ", "UBND tỉnh Khánh
	// Hòa", "Sở Nội vụ tỉnh Khánh Hòa"; a title before the body is not part
	// of it (the Chủ tịch UBND signs for the UBND).
	Canonical string
	// Central is true for a body of the central level: it has no province.
	Central bool
	// Province is the province a provincial body belongs to, "" if none.
	Province string
	// Span covers the name as written, title included.
	Span Span
	// local: a provincial body or department named without its province
	// ("UBND tỉnh", "Sở Nội vụ"): in a province's report it is that
	// province's.
	local bool
}

// InProvince completes a body named without its province with the
// province of the report that names it.
func (m IssuerMatch) InProvince(province, unit string) IssuerMatch {
	if !m.local || province == "" {
		return m
	}
	m.Province, m.local = province, false
	head := strings.TrimSuffix(strings.TrimSuffix(m.Canonical, " tỉnh"), " thành phố")
	if strings.HasSuffix(head, "ủy") {
		m.Canonical = head + " " + province
	} else {
		m.Canonical = head + " " + unit + " " + province
	}
	return m
}

func parseIssuers(tsv string, provinces *Gazetteer) (*Issuers, error) {
	is := &Issuers{bodies: newIssuerTable(), departments: newIssuerTable(),
		titles: newIssuerTable(), provinces: provinces, firsts: map[string]bool{"sở": true}}
	kinds := map[string]issuerKind{"central": issuerCentral, "provincial": issuerProvincial, "party": issuerParty,
		"department": issuerDepartment, "title": issuerTitle}
	for n, line := range strings.Split(tsv, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		kind, ok := kinds[strings.TrimSpace(f[min(1, len(f)-1)])]
		if len(f) < 2 || !ok {
			return nil, fmt.Errorf("issuers table line %d: want canonical<TAB>kind[<TAB>variants]", n+1)
		}
		e := issuerEntry{canonical: Normalize(f[0]), kind: kind}
		variants := []string{f[0]}
		if len(f) > 2 && f[2] != "" {
			variants = append(variants, strings.Split(f[2], "|")...)
		}
		table := is.bodies
		switch kind {
		case issuerDepartment:
			table = is.departments
		case issuerTitle:
			table = is.titles
		}
		for _, v := range variants {
			toks := tokenKeys(v)
			if len(toks) == 0 {
				return nil, fmt.Errorf("issuers table line %d: empty variant", n+1)
			}
			table.add(toks, e)
			is.maxTokens = max(is.maxTokens, len(toks))
			if kind != issuerDepartment {
				is.firsts[toks[0]] = true
			}
		}
	}
	units := 0
	for _, u := range provinces.unitKeys {
		units = max(units, len(u))
	}
	is.maxRead = 2*is.maxTokens + 1 + units + provinces.maxTokens + 1
	return is, nil
}

// longest returns the entry of the longest variant of table at toks[i:],
// and how many tokens it takes. Tokens must be joined by separators a name
// may hold (spaces, commas, hyphens, "&").
func (is *Issuers) longest(text string, toks []token, i int, table issuerTable) (issuerEntry, int) {
	n := 1
	for n < is.maxTokens && i+n < len(toks) && nameSeparator(text[toks[i+n-1].end:toks[i+n].start]) {
		n++
	}
	// The keys of the first k tokens joined by spaces are key[:ends[k-1]]:
	// one buffer for every length tried, and map look-ups by string(bytes)
	// do not allocate. Tokens are keyed only while they may still extend
	// a variant.
	var keyBuf [256]byte
	var endBuf [16]int
	key, ends := keyBuf[:0], endBuf[:0]
	for k := 0; k < n; k++ {
		if k > 0 {
			if !table.prefixes[string(key)] {
				break
			}
			key = append(key, ' ')
		}
		key = toks[i+k].appendKey(key)
		ends = append(ends, len(key))
	}
	for n = len(ends); n >= 1; n-- {
		if e, ok := table.entries[string(key[:ends[n-1]])]; ok {
			return e, n
		}
	}
	return issuerEntry{}, 0
}

// issuerTable maps a variant's token keys joined by " " to its entry;
// prefixes holds every shorter run of a variant's first tokens.
type issuerTable struct {
	entries  map[string]issuerEntry
	prefixes map[string]bool
}

func newIssuerTable() issuerTable {
	return issuerTable{entries: map[string]issuerEntry{}, prefixes: map[string]bool{}}
}

func (t issuerTable) add(toks []string, e issuerEntry) {
	t.entries[strings.Join(toks, " ")] = e
	for k := 1; k < len(toks); k++ {
		t.prefixes[strings.Join(toks[:k], " ")] = true
	}
}

// nameSeparator reports whether sep may stand between two words of one
// name: spaces, one comma, hyphens and dashes, "&".
func nameSeparator(sep string) bool {
	commas := 0
	for _, r := range sep {
		switch r {
		case ' ', '-', '–', '&':
		case ',':
			commas++
		default:
			return false
		}
	}
	return commas <= 1 && sep != ""
}

// MatchAt matches an issuing body that starts at token i of toks (tokenize
// of text), a capitalised word. It returns the match and the number of
// tokens it takes.
func (is *Issuers) MatchAt(text string, toks []token, i int) (IssuerMatch, int, bool) {
	if i >= len(toks) {
		return IssuerMatch{}, 0, false
	}
	if !is.mayStart(&toks[i]) {
		return IssuerMatch{}, 0, false
	}
	return is.matchFrom(text, toks, i)
}

// matchFrom is MatchAt once mayStart holds at token i.
func (is *Issuers) matchFrom(text string, toks []token, i int) (IssuerMatch, int, bool) {
	start := i
	m, n, ok := is.bodyAt(text, toks, i)
	if !ok {
		// A title first: "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc".
		_, tn := is.longest(text, toks, i, is.titles)
		if tn == 0 || i+tn >= len(toks) || !nameSeparator(text[toks[i+tn-1].end:toks[i+tn].start]) {
			return IssuerMatch{}, 0, false
		}
		if m, n, ok = is.bodyAt(text, toks, i+tn); !ok {
			return IssuerMatch{}, 0, false
		}
		n += tn
	}
	m.Span = Span{Start: toks[start].start, End: toks[start+n-1].end}
	return m, n, true
}

// bodyAt matches a body without a title at token i.
func (is *Issuers) bodyAt(text string, toks []token, i int) (IssuerMatch, int, bool) {
	if toks[i].keyIs("sở") && i+1 < len(toks) && nameSeparator(text[toks[i].end:toks[i+1].start]) {
		if e, n := is.longest(text, toks, i+1, is.departments); n > 0 {
			m := IssuerMatch{Canonical: "Sở " + e.canonical}
			pn, prov, unit := is.provinceAt(text, toks, i+1+n, true)
			if prov != "" {
				m.Province = prov
				m.Canonical += " " + unit + " " + prov
			} else {
				m.local = true
			}
			return m, 1 + n + pn, true
		}
	}
	e, n := is.longest(text, toks, i, is.bodies)
	if n == 0 {
		return IssuerMatch{}, 0, false
	}
	m := IssuerMatch{Canonical: e.canonical}
	switch e.kind {
	case issuerCentral:
		m.Central = true
	case issuerProvincial, issuerParty:
		pn, prov, unit := is.provinceAt(text, toks, i+n, e.kind == issuerProvincial)
		if pn > 0 && prov != "" {
			m.Province = prov
			if e.kind == issuerParty {
				m.Canonical += " " + prov
			} else {
				m.Canonical += " " + unit + " " + prov
			}
		} else {
			m.local = true
		}
		n += pn
	}
	return m, n, true
}

// provinceAt reads "[tỉnh|thành phố|TP.] <province>" at token i (the unit
// word only when withUnit). It returns the tokens taken, the canonical
// province ("" when only a unit word stands there) and its unit word.
func (is *Issuers) provinceAt(text string, toks []token, i int, withUnit bool) (int, string, string) {
	if i >= len(toks) || i == 0 || !provinceSeparator(text[toks[i-1].end:toks[i].start]) {
		return 0, "", ""
	}
	n := 0
	if withUnit {
		n = is.provinces.unitPrefixAt(toks, i)
	}
	k := i + n
	if k < len(toks) && (n == 0 || provinceSeparator(text[toks[k-1].end:toks[k].start])) {
		if r, _ := utf8.DecodeRuneInString(toks[k].text); unicode.IsUpper(r) {
			if name, pn := is.provinces.longestAt(toks, k); pn > 0 {
				return n + pn, name, is.provinces.unitWord(name)
			}
		}
	}
	return n, "", ""
}

func provinceSeparator(sep string) bool {
	return sep == " " || sep == ". " || sep == "." || sep == " - "
}

// mayStart reports whether a name may start at token t: a capitalised
// word that is the first word of a body or a title, or "Sở".
func (is *Issuers) mayStart(t *token) bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r) && t.keyIn(is.firsts)
}

// Match matches an issuing body that starts at byte p of text, reading at
// most to the end of the line.
func (is *Issuers) Match(text string, p int) (IssuerMatch, bool) {
	// The line from p, at most 240 bytes: the longest name (a title, a
	// body, a province) is far shorter, and a paragraph of megabytes
	// costs no more than a line.
	end := min(len(text), p+240)
	for end > p && end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}
	seg := text[p:end]
	// Every name starts with a capital at p (see MatchAt): most places asked
	// about ("của các cơ quan", a date) are ruled out before tokenising.
	if r, _ := utf8.DecodeRuneInString(seg); !unicode.IsUpper(r) {
		return IssuerMatch{}, false
	}
	// Most capitalised words open no name: one word is keyed to tell,
	// before the line's end is looked for (a word at 0 ends before it).
	var buf [48]token
	toks := appendTokens(buf[:0], seg, 0, 1)
	if len(toks) == 0 || toks[0].start != 0 || !toks[0].keyIn(is.firsts) {
		return IssuerMatch{}, false
	}
	if end := strings.IndexByte(seg, '\n'); end >= 0 {
		seg = seg[:end]
	}
	// A title, a body and a province take at most this many words.
	toks = appendTokens(toks, seg, toks[0].end, 2*is.maxTokens+is.provinces.maxTokens+2)
	// mayStart holds: a capital opens the first token, keyed above.
	m, _, ok := is.matchFrom(seg, toks, 0)
	if ok {
		m.Span.Start += p
		m.Span.End += p
	}
	return m, ok
}

// Canonical reads the issuer of a header as written ("ỦY BAN NHÂN DÂN TỈNH
// KHÁNH HÒA SỞ NỘI VỤ", the superior body above the issuing one): the last
// body named wins, and a department inherits the province of its superior.
func (is *Issuers) Canonical(issuer string) (IssuerMatch, bool) {
	if v, ok := is.canonical.Load(issuer); ok {
		w := v.(wholeMatch)
		return w.m, w.ok
	}
	m, ok := is.canonicalOf(issuer)
	if is.canonicalN.Load() < maxWhole { // concurrent misses may pass a few over
		is.canonicalN.Add(1)
		is.canonical.Store(strings.Clone(issuer), wholeMatch{m, ok})
	}
	return m, ok
}

// canonicalOf is Canonical without the memo.
func (is *Issuers) canonicalOf(issuer string) (IssuerMatch, bool) {
	toks := tokenize(issuer)
	var last IssuerMatch
	found, province := false, ""
	for i := 0; i < len(toks); {
		m, n, ok := is.MatchAt(issuer, toks, i)
		if !ok {
			i++
			continue
		}
		if m.Province != "" {
			province = m.Province
		} else if province != "" {
			m = m.InProvince(province, is.provinces.unitWord(province))
		}
		last, found = m, true
		i += n
	}
	return last, found
}

// codeFits reports whether the issuer code of a symbol (the last group:
// CP in NĐ-CP, BNV in TT-BNV, UBND in QĐ-UBND) may belong to the issuer
// written as issuer: true when the code is unknown to the gazetteer or
// names the same body, or the same kind of provincial body.
func (is *Issuers) codeFits(r *ref, issuer string) bool {
	if r.party || len(r.groups) < 2 {
		return true
	}
	code := r.groups[len(r.groups)-1]
	ce, n := is.longest(code, tokenize(code), 0, is.bodies)
	if n == 0 {
		return true
	}
	im, ok := is.Match(issuer, 0)
	if !ok {
		return true
	}
	return im.Canonical == ce.canonical || strings.HasPrefix(im.Canonical, ce.canonical+" ")
}

package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// Citations: the number/symbol forms of Nghị định 30/2020 (state documents,
// "30/2020/NĐ-CP") and of the Party's rules ("91-KL/TU"); case files in
// testdata/rules/citation.txtar.
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
	is   *Issuers
	// canon holds the canonical name of each issuer a citation names:
	// a report cites the same few bodies again and again.
	canon map[string]string
	// refs holds the parsed refs the hits point to (see chunks).
	refs chunks[ref]
}

// findCitations fills s.report.Citations.
func (e *Extractor) findCitations(s *scan) {
	c := &citeScan{s: s, t: s.doc.Text, is: e.issuers}
	// Room for the usual number of hits up front (the samples cite once in
	// 150 to 300 bytes) instead of growing by doubling, without a pass
	// over the text to count them.
	c.hits = make([]hit, 0, len(c.t)/200+4)
	if n := s.report.Meta.Number; n != "" {
		if i := strings.IndexByte(n, '/'); i >= 0 {
			if r, ok := parseRef(n, i, true); ok {
				c.own = r.key()
			}
		}
	}
	c.findRefs()
	c.findLaws()
	slices.SortStableFunc(c.hits, func(a, b hit) int { return cmp.Compare(a.span.Start, b.span.Start) })
	c.shareIssuers()
	cites := c.merge()
	c.findRementions(cites)
	c.findNoSymbol()
	for i := range cites {
		// Most mentions are found in order: a sorted list is left as it
		// is (as sort.Slice leaves it), without the sort's allocations.
		if ms := cites[i].Mentions; !startsIncrease(ms) {
			sort.Slice(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
		}
	}
	if len(s.report.Citations) == 0 {
		s.report.Citations = cites // not copied: merge made it for the report
	} else {
		s.report.Citations = append(s.report.Citations, cites...)
	}
}

// startsIncrease reports whether the spans start in strictly increasing
// order: every sort leaves them as they are.
func startsIncrease(ms []Span) bool {
	for k := 1; k < len(ms); k++ {
		if ms[k].Start <= ms[k-1].Start {
			return false
		}
	}
	return true
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
		if c.own != "" {
			var kb [64]byte
			if string(r.appendKey(kb[:0])) == c.own {
				continue
			}
		}
		rr := c.refs.add(r)
		h := hit{ref: rr, line: c.line(r.start)}
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
		if ts, typ, title, ok := lawBefore(t, start, max(h.line, lastEnd), rr); ok {
			start, h.explicit, h.typ, h.title, list = ts, true, typ, title, nil
		} else if ts, typ, ok := typeBefore(t, start, max(h.line, lastEnd)); ok {
			start, h.explicit, list = ts, true, nil
			h.typ = typ
			if typ == "" { // generic "Văn bản": read the type from the symbol
				h.typ = inferType(rr)
			}
		} else if lc := listHead(c.is, t, start, max(h.line, lastEnd), h.line); lc != nil {
			list = lc
		}
		if !h.explicit {
			h.typ = inferType(rr)
			if list != nil && list.typ != "" && compatible(list.typ, rr) {
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
					"impossible date after %s", rr.canonical())
			}
		}
		if iss, ie := issuerAfter(c.is, t, end); iss != "" {
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

// merge turns hits into Citations, one per document.
func (c *citeScan) merge() []Citation {
	cites := make([]Citation, 0, len(c.hits)) // at most one per hit
	// The citations of one key, in order: first[key] and then next[k]
	// (-1 ends), without a slice per key.
	first := make(map[string]int, len(c.hits))
	next := make([]int, 0, len(c.hits))
	// Each citation's first mention and its ref are carved from one slice
	// each (a mention list capped at its one span, so that appending to
	// it copies): two allocations per report, not two per citation.
	spans := make([]Span, len(c.hits))
	refs := make([]string, len(c.hits))
	var kb [64]byte
	for _, h := range c.hits {
		var key []byte
		if h.ref != nil {
			key = h.ref.appendKey(kb[:0])
		} else {
			key = append(append(kb[:0], "law:"...), SearchKey(h.typ+" "+h.title)...)
		}
		idx, last := -1, -1
		k, ok := first[string(key)]
		for ; ok && k >= 0; k = next[k] {
			if sameDoc(&cites[k], h) {
				idx = k
			}
			last = k
		}
		if idx < 0 {
			n := len(cites)
			cites = append(cites, Citation{})
			c.citation(&cites[n], h, spans[n:n+1:n+1], &refs[n])
			next = append(next, -1)
			if last >= 0 {
				next[last] = len(cites) - 1
			} else {
				first[string(key)] = len(cites) - 1
			}
			continue
		}
		ct := &cites[idx]
		ct.Mentions = append(ct.Mentions, h.span)
		if ct.Date == "" {
			ct.Date = h.date
		}
		if ct.Issuer == "" && h.issuer != "" {
			ct.Issuer = h.issuer
			ct.IssuerCanonical = c.issuerCanonical(h.issuer)
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

// issuerCanonical is the canonical name of an issuer named whole, in the
// report's province when it is a local body; "" when the gazetteer does
// not know it.
func (c *citeScan) issuerCanonical(issuer string) string {
	if v, ok := c.canon[issuer]; ok {
		return v
	}
	v := ""
	if im, ok := c.is.MatchWhole(issuer); ok {
		if !c.s.centralIssuer {
			p := c.s.report.Meta.Province
			im = im.InProvince(p, c.is.provinces.unitWord(p))
		}
		v = im.Canonical
	}
	if c.canon == nil {
		c.canon = map[string]string{}
	}
	c.canon[issuer] = v
	return v
}

// citation fills ct, a new citation, from its first mention h; mentions
// (of length one) and ref are where its mention list and its ref go.
func (c *citeScan) citation(ct *Citation, h hit, mentions []Span, ref *string) {
	mentions[0] = h.span
	*ct = Citation{
		Type:     h.typ,
		Date:     h.date,
		Issuer:   h.issuer,
		Title:    h.title,
		Text:     evidence(c.t, h.span.Start, h.span.End, h.span.Start, h.span.End),
		Span:     h.span,
		Mentions: mentions,
	}
	if h.issuer != "" {
		ct.IssuerCanonical = c.issuerCanonical(h.issuer)
	}
	if h.ref != nil {
		var sym string
		*ref, sym = h.ref.canonicalSymbol()
		ct.Ref = ref
		ct.Number = h.ref.number
		ct.Symbol = sym
	}
	if fn := c.s.footnoteOf(h.span.Start); fn != 0 {
		n := fn
		ct.Footnote = &n
		ct.Section = c.s.anchorSection(fn)
	} else {
		ct.Section = c.s.sectionAt(h.span.Start)
	}
}

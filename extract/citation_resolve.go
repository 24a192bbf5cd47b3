package extract

import (
	"sort"
	"strings"
)

// shareIssuers gives a chain of citations ("Tờ trình số … ngày …, Công văn
// số … ngày … và Báo cáo số … ngày … của Sở Tư pháp") the issuer written
// once after the last of them — but not to an item whose symbol names
// another issuer ("số 01/2023/TT-BNV và số 76/NQ-CP của Chính phủ": the
// circular is the Bộ Nội vụ's).
func (c *citeScan) shareIssuers() {
	for i := len(c.hits) - 2; i >= 0; i-- {
		a, b := &c.hits[i], &c.hits[i+1]
		if a.issuer != "" || b.issuer == "" || a.line != b.line || a.span.End > b.span.Start {
			continue
		}
		if a.ref == nil || !c.is.codeFits(a.ref, b.issuer) {
			continue // a law by name is the Quốc hội's
		}
		switch strings.TrimSpace(c.t[a.span.End:b.span.Start]) {
		case ",", ";", "và", ", và", "; và", "":
			a.issuer = b.issuer
		}
	}
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
	remention := func(at int, phrase string) {
		if inHit(at) {
			return
		}
		var buf [4]Span
		ws := citeWordsBefore(buf[:0], t, at, citeLineStart(t, at), 4)
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
	// Both phrases end in " trên", found in one pass by the second byte of
	// its ê (strings.Index would go by the space, which stands every few
	// bytes). Every " nêu trên" is taken before any " nói trên", as the
	// mentions each adds are read by the next (citeLatest); neither phrase
	// overlaps itself, so each occurrence is one of its matches.
	const tren, neu, noi = " trên", " nêu", " nói"
	var later []int
	for pos := 0; ; {
		i := indexByRare(t[pos:], tren, strings.IndexByte(tren, 0xAA))
		if i < 0 {
			break
		}
		at := pos + i
		pos = at + len(tren)
		switch {
		case strings.HasSuffix(t[:at], neu):
			remention(at-len(neu), neu+tren)
		case strings.HasSuffix(t[:at], noi):
			later = append(later, at-len(noi))
		}
	}
	for _, at := range later {
		remention(at, noi+tren)
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

// indexByRare is strings.Index(s, sub), found by looking for sub[k], a
// byte rare in report text, rather than by sub's first byte
// (FuzzIndexByRare checks it).
func indexByRare(s, sub string, k int) int {
	for p := k; p < len(s); {
		i := strings.IndexByte(s[p:], sub[k])
		if i < 0 {
			return -1
		}
		if at := p + i - k; at+len(sub) <= len(s) && s[at:at+len(sub)] == sub {
			return at
		}
		p += i + 1
	}
	return -1
}

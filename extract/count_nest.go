package extract

import (
	_ "embed"
	"unicode/utf8"
)

// nest marks the parts of breakdowns (see the package comment on counts).
func (r *blockScan) nest() {
	t, res := r.t, &r.res

	hits := res.hits
	for a := 0; a < len(hits); {
		b := a + 1
		for b < len(hits) && (hits[b].sentStart == hits[b-1].sentStart || r.continues(hits[b-1], hits[b])) {
			b++
		}
		if b-a > 1 {
			var scopes []breakdown
			for h := a; h+1 < b; h++ {
				if hits[h].sentStart == hits[h+1].sentStart {
					scopes = append(scopes, r.breakdowns(hits[h].end, hits[h+1].start, hits[h].sentEnd)...)
					continue
				}
				// "… 100 hồ sơ. Trong đó, 60 hồ sơ …": the gap spans two sentences.
				scopes = append(scopes, r.breakdowns(hits[h].end, hits[h].sentEnd, hits[h].sentEnd)...)
				scopes = append(scopes, r.breakdowns(hits[h+1].sentStart, hits[h+1].start, hits[h+1].sentEnd)...)
			}
			// Bounded look-backs keep a pathological sentence linear.
			const look = 64
			first := 0 // scopes before it opened before the count
			for c := a + 1; c < b; c++ {
				for first < len(scopes) && scopes[first].at < hits[c].start {
					first++
				}
				// The innermost open breakdown holding the count.
				in := -1
				for si := first - 1; si >= 0 && si >= first-look; si-- {
					if hits[c].start < scopes[si].end {
						in = si
						break
					}
				}
				if in < 0 {
					continue
				}
				for p := c - 1; p >= a && p >= c-look; p-- {
					if hits[p].end <= scopes[in].at && hits[p].kind == hits[c].kind {
						hits[c].parent = p
						break
					}
				}
			}
		}
		a = b
	}
	// Parts larger than their whole are doubtful: say so.
	sums := map[int]int64{}
	for c := range hits {
		p := hits[c].parent
		if p < 0 {
			continue
		}
		sums[p] += hits[c].value
		if hits[c].value > hits[p].value {
			res.diags = append(res.diags, countDiag{code: diagCountPartExceeds, sev: SeverityWarning,
				template: msgPartExceeds, args: []string{num(hits[c].value), t[hits[c].unitStart:hits[c].end], num(hits[p].value)},
				start: hits[c].start, end: hits[c].end})
		}
	}
	for p := range hits {
		if sum, ok := sums[p]; ok && sum > hits[p].value {
			res.diags = append(res.diags, countDiag{code: diagCountPartsExceed, sev: SeverityInfo,
				template: "parts sum to %v, more than the total %v (overlapping breakdowns?)", args: []string{num(sum), num(hits[p].value)},
				start: hits[p].start, end: hits[p].end})
		}
	}
}

// continues reports whether hit b is in the sentence right after hit a's
// and that sentence opens with a breakdown marker ("Trong đó, …").
func (r *blockScan) continues(a, b countHit) bool {
	if b.sentStart != a.sentEnd+1 {
		return false
	}
	i := b.sentStart
	for i < b.start && !isLetterAt(r.t, i) {
		i++
	}
	n, _ := r.markerAt(i)
	return n > 0 && i < b.start
}

// maxBreakdown bounds how far a breakdown reaches, so that text with no
// sentence ends stays linear; real breakdowns are a few lines long.
const maxBreakdown = 4096

// breakdown is the scope [at, end) of a breakdown marker.
type breakdown struct{ at, end int }

// breakdowns returns the breakdowns opened in t[from:to], a gap between two
// counts of the sentence ending at sentEnd.
func (r *blockScan) breakdowns(from, to, sentEnd int) []breakdown {
	t := r.t
	var out []breakdown
	depth := 0
	// A gap with more markers than this is not prose: stop looking.
	for i := from; i < to && len(out) < 8; {
		c := t[i]
		switch {
		case c == '(':
			out = append(out, breakdown{i, closeParen(t, i, min(sentEnd, i+maxBreakdown))})
			depth++
			i++
		case c == ')':
			depth--
			i++
		case isLetterAt(t, i):
			we := wordEnd(t, i)
			if n, end := r.markerAt(i); n > 0 {
				out = append(out, breakdown{i, scopeEnd(t, end, min(sentEnd, end+maxBreakdown), depth > 0)})
				i = end
				continue
			}
			i = we
		case c >= utf8.RuneSelf:
			_, size := utf8.DecodeRuneInString(t[i:])
			i += size
		default:
			i++
		}
	}
	return out
}

// markerAt returns the number of words and the end of the breakdown marker
// starting at i, 0 when there is none.
func (r *blockScan) markerAt(i int) (int, int) {
	switch r.t[i] | 0x20 { // every marker starts with one of these letters
	case 't', 'b', 'g', 'c', 'r':
	default:
		return 0, 0
	}
	we := wordEnd(r.t, i)
	if n := we - i; n == 0 || n > 31 || r.markerShapes[lead(r.t[i:])]&(1<<n) == 0 || !r.markerFirst.has(r.key(i, we)) {
		return 0, 0
	}
	ws := r.wordsFrom(r.bufWords[:0], i, 3)
	for _, p := range r.markers {
		if len(p) > len(ws) || !phraseAt(ws, 0, p) {
			continue
		}
		// "cụ thể" and "riêng" are adjectives ("giải pháp cụ thể",
		// "chuyên mục riêng") unless they open a clause; "cụ thể hóa"
		// is a verb.
		if r.clauseMarkers.has(ws[0].key) {
			if k, ps, _ := prevToken(r.t, i); k == tokWord || k == tokNumber || (k == tokPunct && r.t[ps] == ')') {
				return 0, 0
			}
			if len(ws) > len(p) && r.hoa.has(ws[len(p)].key) {
				return 0, 0
			}
		}
		return len(p), ws[len(p)-1].end
	}
	return 0, 0
}

// scopeEnd is where a breakdown opened by a marker ending at i closes.
func scopeEnd(t string, i, sentEnd int, inParen bool) int {
	// "trong đó:", "gồm có:", "cụ thể như sau:" open a list.
	list := false
	for k := i; k < sentEnd && k < i+24 && !isDigit(t[k]) && t[k] != ',' && t[k] != ';'; k++ {
		if t[k] == ':' {
			list = true
			break
		}
	}
	depth := 0
	for k := i; k < sentEnd; k++ {
		switch t[k] {
		case '(':
			depth++
		case ')':
			if depth == 0 && inParen {
				return k
			}
			depth--
		case ';':
			if depth <= 0 && !list {
				return k
			}
		}
	}
	return sentEnd
}

func closeParen(t string, i, limit int) int {
	depth := 0
	for k := i; k < limit; k++ {
		switch t[k] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return limit
}

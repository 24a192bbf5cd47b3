package index

import (
	"html"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	snippetWidth   = 240 // bytes of text shown
	snippetContext = 60  // bytes shown before the first match
)

// snippet cuts the densest window of matches out of text and marks the
// matches: HTML-escaped with <mark> tags, and plain with [[…]].
func snippet(text string, locs []span) (htmlOut, plain string) {
	if text == "" {
		return "", ""
	}
	// Snap matches to whole characters: offsets from the index always
	// are, but a snippet must never split a UTF-8 sequence.
	snapped := make([]span, 0, len(locs))
	for _, l := range locs {
		a, b := max(0, min(l.start, len(text))), max(0, min(l.end, len(text)))
		for a > 0 && !utf8.RuneStart(text[a]) {
			a--
		}
		for b < len(text) && !utf8.RuneStart(text[b]) {
			b++
		}
		if a < b {
			snapped = append(snapped, span{a, b})
		}
	}
	locs = mergeSpans(text, snapped)
	start := 0
	if len(locs) > 0 {
		best, bestN := 0, 0
		for i := range locs {
			n := 0
			for j := i; j < len(locs) && locs[j].end <= locs[i].start+snippetWidth-snippetContext; j++ {
				n++
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		start = max(0, locs[best].start-snippetContext)
		// Start at a word boundary when one is near.
		if start > 0 {
			if sp := strings.LastIndexAny(text[:start], " \n"); sp >= 0 && start-sp < 20 {
				start = sp + 1
			}
		}
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	end := min(len(text), start+snippetWidth)
	if end < len(text) {
		if sp := strings.LastIndexAny(text[start:end], " \n"); sp > snippetWidth/2 {
			end = start + sp
		}
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end--
	}

	var h, p strings.Builder
	if start > 0 {
		h.WriteString("…")
		p.WriteString("…")
	}
	cur := start
	for _, l := range locs {
		if l.end <= start || l.start >= end {
			continue
		}
		a, b := max(l.start, start), min(l.end, end)
		if a < cur {
			continue
		}
		h.WriteString(html.EscapeString(text[cur:a]))
		p.WriteString(text[cur:a])
		h.WriteString("<mark>" + html.EscapeString(text[a:b]) + "</mark>")
		p.WriteString("[[" + text[a:b] + "]]")
		cur = b
	}
	h.WriteString(html.EscapeString(text[cur:end]))
	p.WriteString(text[cur:end])
	if end < len(text) {
		h.WriteString("…")
		p.WriteString("…")
	}
	return oneLine(h.String()), oneLine(p.String())
}

// mergeSpans sorts spans and merges overlapping ones and those separated
// only by a little space or punctuation, so a phrase or a ref is one mark.
func mergeSpans(text string, s []span) []span {
	if len(s) == 0 {
		return nil
	}
	s = append([]span(nil), s...)
	sort.Slice(s, func(i, j int) bool { return s[i].start < s[j].start })
	out := s[:1]
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.start <= last.end || (x.start-last.end <= 3 && isGlue(text[last.end:x.start])) {
			last.end = max(last.end, x.end)
			continue
		}
		out = append(out, x)
	}
	return out
}

// oneLine joins the lines of a snippet: it is shown inline.
func oneLine(s string) string {
	return strings.ReplaceAll(s, "\n", " ")
}

// isGlue reports whether s holds no letter or digit.
func isGlue(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

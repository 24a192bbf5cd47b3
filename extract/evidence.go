package extract

import (
	"strings"
	"unicode/utf8"
)

// evidenceRadius bounds the evidence text of a fact: at most this many
// bytes of context on each side of the match (about 80 Vietnamese words: the samples' longest sentences fit whole),
// and at most twice this of the match itself. A clerk's sentence fits
// whole; a paragraph of megabytes without a full stop does not make every
// count carry the whole paragraph (which made reports grow with the
// square of a paragraph's length). The fact's Span still points at the
// match in the full text.
const evidenceRadius = 400

// evidence returns the text of the match [start, end) of t with the
// context around it inside [from, to) (its sentence or clause), cut to
// evidenceRadius on each side at a space when there is one near, on a
// rune boundary always, and trimmed. O(evidenceRadius), whatever the
// sentence's length.
func evidence(t string, from, to, start, end int) string {
	from, to = max(from, 0), min(to, len(t))
	start, end = max(min(start, to), from), max(min(end, to), from)
	if end-start > 2*evidenceRadius {
		end = start + 2*evidenceRadius
	}
	if start-from > evidenceRadius {
		from = cutAfterSpace(t, start-evidenceRadius, start)
	}
	if to-end > evidenceRadius {
		to = cutBeforeSpace(t, end, end+evidenceRadius)
	}
	for from < len(t) && !utf8.RuneStart(t[from]) {
		from++
	}
	for to < len(t) && to > from && !utf8.RuneStart(t[to]) {
		to--
	}
	return strings.TrimSpace(t[from:to])
}

// cutAfterSpace returns the offset just after the first space in t[i:j]
// (so the window starts with a whole word), or i when there is none.
func cutAfterSpace(t string, i, j int) int {
	if k := strings.IndexByte(t[i:j], ' '); k >= 0 {
		return i + k + 1
	}
	return i
}

// cutBeforeSpace returns the offset of the last space in t[i:j] (so the
// window ends with a whole word), or j when there is none.
func cutBeforeSpace(t string, i, j int) int {
	if k := strings.LastIndexByte(t[i:j], ' '); k >= 0 {
		return i + k
	}
	return j
}

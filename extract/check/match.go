package check

import (
	"github.com/baocao/baocao/extract"
)

// matcher compares titles the way search does: case, tone placement and
// diacritics do not matter (extract.Fold), abbreviations equal their long
// forms (CCHC = cải cách hành chính), and leading filler words ("Về …")
// are skipped.
type matcher struct {
	abbrev  map[string][]string // folded abbreviation → folded tokens of its phrase
	fillers [][]string
}

func newMatcher(rs *RuleSet) *matcher {
	m := &matcher{abbrev: map[string][]string{}}
	for _, e := range rs.Table.Merge(rs.Abbreviations).Entries() {
		m.abbrev[extract.Fold(e.Short)] = words(e.Long)
	}
	for _, f := range rs.FillerWords {
		if w := words(f); len(w) > 0 {
			m.fillers = append(m.fillers, w)
		}
	}
	return m
}

// words splits folded text into letter/digit runs; punctuation and
// spaces only separate.
func words(s string) []string { return extract.Words(s) }

// key is the comparison form of a title: folded words, abbreviations
// expanded, leading fillers removed.
func (m *matcher) key(s string) []string {
	var out []string
	for _, w := range words(s) {
		if long, ok := m.abbrev[w]; ok {
			out = append(out, long...)
			continue
		}
		out = append(out, w)
	}
	for again := true; again; {
		again = false
		for _, f := range m.fillers {
			if len(out) > len(f) && hasPrefix(out, f) {
				out = out[len(f):]
				again = true
			}
		}
	}
	return out
}

func hasPrefix(s, prefix []string) bool {
	if len(prefix) == 0 || len(prefix) > len(s) {
		return false
	}
	for i := range prefix {
		if s[i] != prefix[i] {
			return false
		}
	}
	return true
}

func contains(s, part []string) bool {
	for i := 0; i+len(part) <= len(s); i++ {
		if hasPrefix(s[i:], part) {
			return true
		}
	}
	return false
}

// variants is a SectionRule's titles in key form.
type variants [][]string

func (m *matcher) variants(titles []string) variants {
	var out variants
	for _, t := range titles {
		if k := m.key(t); len(k) > 0 {
			out = append(out, k)
		}
	}
	return out
}

// score is the length of the longest variant the title key starts with,
// 0 when none: the longer the variant, the surer the match.
func (v variants) score(title []string) int {
	best := 0
	for _, k := range v {
		if len(k) > best && hasPrefix(title, k) {
			best = len(k)
		}
	}
	return best
}

package index

import (
	"slices"
	"strings"

	"github.com/baocao/baocao/extract"
)

// abbrevSet is the abbreviation table (extract.Abbreviations) in the form
// the index uses it, both at indexing and at query time.
//
// At indexing, every mention of either form (TTHC, "thủ tục hành chính")
// adds the entry's key to the document's abbr field, so a lone
// abbreviation or phrase of the table is searched with one term instead of
// a phrase search over very frequent words. Definitions a report makes
// itself ("Trung tâm Phục vụ hành chính công (sau đây gọi tắt là Trung
// tâm)") work the same way within that report, with the key "@" + the
// long form's folded words, so a search for the long form also finds the
// sections that use only the short one.
//
// At query time the entries give each unit its alternatives: the short
// form, the long form, inside quoted phrases too (see parseQuery).
type abbrevSet struct {
	entries []abbrevEntry
	// byFirst: first folded word of a short or long form → entries.
	byFirst map[string][]formRef
	// fingerprint of the table (extract.Abbreviations.Fingerprint).
	fingerprint string
}

type abbrevEntry struct {
	key   string   // folded short form: the abbr term
	short []string // folded words of the short form (one)
	long  []string // folded words of the phrase
	// Query-side token forms.
	shortTok qtoken
	longToks []qtoken
}

// formRef points at one form of an entry.
type formRef struct {
	entry int
	long  bool
}

func newAbbrevSet(t *extract.Abbreviations) *abbrevSet {
	s := &abbrevSet{byFirst: map[string][]formRef{}, fingerprint: t.Fingerprint()}
	for _, e := range t.Entries() {
		s.add(extract.Fold(e.Short), e.Short, e.Long)
	}
	return s
}

func (s *abbrevSet) add(key, short, long string) {
	e := abbrevEntry{key: key, short: extract.Words(short), long: extract.Words(long)}
	if len(e.short) == 0 || len(e.long) == 0 {
		return
	}
	if st := tokenize(short); len(st) == 1 {
		e.shortTok = st[0]
	} else {
		return
	}
	e.longToks = tokenize(long)
	n := len(s.entries)
	s.entries = append(s.entries, e)
	s.byFirst[e.short[0]] = append(s.byFirst[e.short[0]], formRef{n, false})
	s.byFirst[e.long[0]] = append(s.byFirst[e.long[0]], formRef{n, true})
}

func (s *abbrevSet) form(r formRef) []string {
	if r.long {
		return s.entries[r.entry].long
	}
	return s.entries[r.entry].short
}

// withDefinitions is s plus the report's own definitions (short forms of
// any length); nil when the report defines nothing new.
func (s *abbrevSet) withDefinitions(defs []extract.Abbreviation) *abbrevSet {
	if len(defs) == 0 {
		return s
	}
	out := &abbrevSet{entries: append([]abbrevEntry(nil), s.entries...), byFirst: map[string][]formRef{}, fingerprint: s.fingerprint}
	for k, v := range s.byFirst {
		out.byFirst[k] = append([]formRef(nil), v...)
	}
	for _, d := range defs {
		long := extract.Words(d.Long)
		if len(long) == 0 {
			continue
		}
		key := definitionKey(long)
		if e, ok := s.lookupLong(long); ok {
			key = e.key // a definition of a table phrase joins that entry
		}
		short := extract.Words(d.Short)
		if len(short) == 0 {
			continue
		}
		n := len(out.entries)
		out.entries = append(out.entries, abbrevEntry{key: key, short: short, long: long})
		out.byFirst[short[0]] = append(out.byFirst[short[0]], formRef{n, false})
		out.byFirst[long[0]] = append(out.byFirst[long[0]], formRef{n, true})
	}
	return out
}

// definitionKey is the abbr term of a report-made definition.
func definitionKey(long []string) string {
	return "@" + strings.Join(long, "_")
}

func (s *abbrevSet) lookupLong(words []string) (abbrevEntry, bool) {
	for _, e := range s.entries {
		if equalWords(e.long, words) {
			return e, true
		}
	}
	return abbrevEntry{}, false
}

// keys is the abbr field of a text: the keys of every form mentioned
// (a report's "Trung tâm Phục vụ hành chính công tỉnh" is both its own
// definition and the table's TTPVHCC). Forms do not span sentence
// punctuation, as phrases do not (viTokenizer): "Chính phủ: số 34" is no
// mention of "chính phủ số".
func (s *abbrevSet) keys(text string) []string {
	var out []string
	for _, clause := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(phraseBreaks, r) }) {
		words := extract.Words(clause)
		for i := 0; i < len(words); {
			longest := 0
			var found []string
			for _, r := range s.byFirst[words[i]] {
				f := s.form(r)
				if i+len(f) <= len(words) && equalWords(f, words[i:i+len(f)]) {
					if k := s.entries[r.entry].key; !slices.Contains(found, k) {
						found = append(found, k)
					}
					longest = max(longest, len(f))
				}
			}
			out = append(out, found...)
			i += max(longest, 1)
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

package index

import (
	"bytes"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	// The analyzers below are built from these registered components.
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/baocao/baocao/extract"
)

// Analyzer names on the index mapping.
const (
	// analyzerVi: unicode words, each reduced to its extract.SearchKey
	// (NFC, lower case, canonical tone placement), so hoà == hòa and NFD
	// input matches NFC.
	analyzerVi = "vi"
	// analyzerViFold: analyzerVi plus diacritic folding (extract.Fold,
	// đ→d), for queries typed without diacritics.
	analyzerViFold = "vi_fold"
	// analyzerViPairs: the folded syllable pairs (shingles) of adjacent
	// words, "thanh hoa": a Vietnamese word of two syllables is one term
	// here, so adjacency is ranked by a term lookup, not a phrase search.
	analyzerViPairs = "vi_pairs"
)

// Tokenizer registered in Bleve's registry: the unicode tokenizer with a
// position gap at sentence punctuation (see viTokenizer).
const tokenizerVi = "baocao_vi_tok"

// Token filter types registered in Bleve's (process-global) registry. The
// names are prefixed so they cannot collide with Bleve's own.
const (
	filterTypeKey   = "baocao_vi_key"
	filterTypeFold  = "baocao_vi_fold"
	filterTypeExact = "baocao_vi_exact"
	filterTypePairs = "baocao_vi_pairs"
	// Instance names used inside the mapping's custom analysis.
	filterKey   = "vi_key"
	filterFold  = "vi_fold_terms"
	filterExact = "vi_exact_terms"
	filterPairs = "vi_pair_terms"
)

// registerOnce guards the one write we must make to Bleve's global
// registry: a mapping can only name token filter *types* that are
// registered there, and an index reopened from disk resolves its analyzers
// the same way. Registering is idempotent and the constructors are
// stateless; doing it on first Open rather than in init() keeps importing
// the package side-effect free.
var registerOnce sync.Once

func registerAnalysis() {
	registerOnce.Do(func() {
		// Errors only mean "already registered" (another copy of this
		// package, e.g. in a test binary); the constructors are identical.
		_ = registry.RegisterTokenFilter(filterTypeKey, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return keyFilter{}, nil
		})
		_ = registry.RegisterTokenFilter(filterTypeFold, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{}, nil
		})
		_ = registry.RegisterTokenFilter(filterTypeExact, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return exactFilter{}, nil
		})
		_ = registry.RegisterTokenFilter(filterTypePairs, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return pairFilter{}, nil
		})
		_ = registry.RegisterTokenizer(tokenizerVi, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
			return viTokenizer{inner: unicodetok.NewUnicodeTokenizer()}, nil
		})
	})
}

// keyFilter rewrites each term to its extract.SearchKey. Only Term changes:
// Start/End keep pointing at the original bytes, so highlights are right
// even for NFD or look-alike input (unlike a char filter, which shifts
// offsets; libraries.md §6.1).
type keyFilter struct{}

// Filter implements analysis.TokenFilter.
func (keyFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if k := termKey(string(t.Term)); k != string(t.Term) {
			t.Term = []byte(k)
		}
	}
	return input
}

// foldFilter rewrites each term to its extract.Fold form. It runs after
// keyFilter, so its input is NFC and lower case, which Fold reads without
// normalising again.
type foldFilter struct{}

// Filter implements analysis.TokenFilter.
func (foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if f := extract.Fold(string(t.Term)); f != string(t.Term) {
			t.Term = []byte(f)
		}
	}
	return input
}

// termKey and termFold are the vi and vi_fold forms of one query token.
func termKey(s string) string  { return extract.SearchKey(s) }
func termFold(s string) string { return extract.Fold(s) }

// hasDiacritics reports whether a query token carries Vietnamese marks
// (or đ): such tokens are searched on the exact (vi) fields too.
func hasDiacritics(s string) bool {
	return termKey(s) != termFold(s)
}

// viTokenizer is Bleve's unicode tokenizer with one extra position between
// two words separated by sentence punctuation (. ; : ! ? brackets) or a
// blank line, so a phrase or a syllable pair never spans them: the query
// "chính phủ số" must not match "Chính phủ: số 34/2016/NĐ-CP". Commas,
// hyphens and slashes do not break ("cán bộ, công chức", 3604/QĐ-UBND).
type viTokenizer struct{ inner analysis.Tokenizer }

// Tokenize implements analysis.Tokenizer.
func (t viTokenizer) Tokenize(input []byte) analysis.TokenStream {
	ts := t.inner.Tokenize(input)
	shift, prevEnd := 0, 0
	for i, tok := range ts {
		if i > 0 && breaksPhrase(input[prevEnd:tok.Start]) {
			shift++
		}
		tok.Position += shift
		prevEnd = tok.End
	}
	return ts
}

// phraseBreaks are the punctuation characters no phrase spans.
const phraseBreaks = ".;:!?()[]{}…"

func breaksPhrase(gap []byte) bool {
	return bytes.ContainsAny(gap, phraseBreaks) || bytes.Contains(gap, []byte("\n\n"))
}

// exactFilter is keyFilter plus, for a syllable whose tone mark can sit on
// either vowel (hoá/hòa, thuỷ/thủy), a second term at the same position:
// "~" and the spelling as written (lower case). A query in one tone style
// ranks that spelling above the other one this way.
type exactFilter struct{}

// Filter implements analysis.TokenFilter.
func (exactFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream
	for i, t := range input {
		raw := string(t.Term)
		k := termKey(raw)
		t.Term = []byte(k)
		if !toneAmbiguous(k) {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make(analysis.TokenStream, 0, len(input)+8), input[:i]...)
		}
		out = append(out, t, &analysis.Token{Term: []byte(spellingTerm(raw)), Start: t.Start, End: t.End,
			Position: t.Position, Type: t.Type})
	}
	if out == nil {
		return input
	}
	return out
}

// spellingTerm is the term of a word's written spelling (exactFilter).
func spellingTerm(raw string) string {
	return "~" + strings.ToLower(extract.Normalize(raw))
}

// toneAmbiguous reports whether a canonical (old-style) key ends in a
// vowel pair whose tone mark new-style spelling puts on the other vowel:
// òa/óa…, òe…, ùy… (not after q: quý is spelt one way).
func toneAmbiguous(key string) bool {
	rs := []rune(key)
	n := len(rs)
	if n < 2 || (n >= 3 && rs[n-3] == 'q') {
		return false
	}
	switch rs[n-1] {
	case 'a', 'e':
		return strings.ContainsRune("òóỏõọ", rs[n-2])
	case 'y':
		return strings.ContainsRune("ùúủũụ", rs[n-2])
	}
	return false
}

// pairFilter turns a stream of (folded) words into the pairs of adjacent
// words, "thanh hoa"; words separated by a position gap (viTokenizer)
// make no pair.
type pairFilter struct{}

// Filter implements analysis.TokenFilter.
func (pairFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(input))
	for i := 0; i+1 < len(input); i++ {
		a, b := input[i], input[i+1]
		if b.Position != a.Position+1 {
			continue
		}
		out = append(out, &analysis.Token{Term: []byte(pairTerm(string(a.Term), string(b.Term))),
			Start: a.Start, End: b.End, Position: a.Position, Type: analysis.Shingle})
	}
	return out
}

// pairTerm is the vi_pairs term of two adjacent folded words.
func pairTerm(a, b string) string { return a + " " + b }

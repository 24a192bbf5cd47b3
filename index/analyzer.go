package index

import (
	"strings"
	"sync"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	// The analyzers below are built from these registered components.
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

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
)

// Token filter types registered in Bleve's (process-global) registry. The
// names are prefixed so they cannot collide with Bleve's own.
const (
	filterTypeKey  = "baocao_vi_key"
	filterTypeFold = "baocao_vi_fold"
	// Instance names used inside the mapping's custom analysis.
	filterKey  = "vi_key"
	filterFold = "vi_fold_terms"
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
			return newFoldFilter(), nil
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
// keyFilter, so its input is NFC and lower case; table folds the Latin
// letters directly (profiling showed Fold's normalisation passes at a fifth
// of indexing time).
type foldFilter struct {
	table []rune // rune - latinStart → folded rune; 0 = use extract.Fold
}

func newFoldFilter() foldFilter {
	f := foldFilter{table: make([]rune, latinEnd-latinStart+1)}
	for r := rune(latinStart); r <= latinEnd; r++ {
		if !fastRune(r) {
			continue
		}
		folded := []rune(extract.Fold(string(r)))
		if len(folded) == 1 {
			f.table[r-latinStart] = folded[0]
		}
	}
	return f
}

// Filter implements analysis.TokenFilter.
func (f foldFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		if isPlainASCII(string(t.Term)) {
			continue
		}
		t.Term = []byte(f.fold(string(t.Term)))
	}
	return input
}

func (f foldFilter) fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(unicode.ToLower(r))
		case r >= latinStart && r <= latinEnd && f.table[r-latinStart] != 0:
			b.WriteRune(f.table[r-latinStart])
		default:
			return extract.Fold(s)
		}
	}
	return b.String()
}

// The Latin letters (Latin-1 Supplement to Latin Extended Additional) hold
// every Vietnamese letter; precomposed letters there are already NFC.
const (
	latinStart = 0xC0
	latinEnd   = 0x1EFF
)

// fastRune reports whether r needs no normalisation before lower-casing
// and tone canonicalisation: ASCII or a precomposed Vietnamese-range letter
// that extract.Normalize leaves alone.
func fastRune(r rune) bool {
	switch {
	case r < 0x80:
		return true
	case r == 0xD0 || r == 0xF0 || r == 0xD7 || r == 0xF7 || r == 0x189 || r == 0x1CD || r == 0x1CE:
		// Look-alikes extract.Normalize replaces (Ð ð Ɖ Ǎ ǎ) and × ÷.
		return false
	case r >= latinStart && r <= 0x24F, r >= 0x1E00 && r <= latinEnd:
		return true
	}
	return false
}

// termKey is the vi form of one token: extract.SearchKey, with a fast
// path for tokens that are already normalised.
func termKey(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s)
	}
	for _, r := range s {
		if !fastRune(r) {
			return extract.SearchKey(s)
		}
	}
	return extract.CanonicalTones(strings.ToLower(s))
}

// termFold is the vi_fold form of one token (query side; the index side
// uses foldFilter's table).
func termFold(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s)
	}
	return extract.Fold(s)
}

// isPlainASCII is the fast path: most tokens in reports are numbers and
// ASCII words, for which both forms are just lower case.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hasDiacritics reports whether a query token carries Vietnamese marks
// (or đ): such tokens are searched on the exact (vi) fields too.
func hasDiacritics(s string) bool {
	return termKey(s) != termFold(s)
}

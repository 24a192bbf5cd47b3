package index

import (
	"sync"

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
			return foldFilter{}, nil
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

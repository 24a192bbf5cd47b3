package index

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Bounds on one search. Every word of a query is a required unit that
// becomes up to eight term or phrase searches (exact and folded fields,
// text and notes, abbreviation expansions), so an unbounded query is an
// unbounded amount of work: "CCHC" typed 199 times cost 20 s of CPU before
// these bounds. A real query has a handful of words.
const (
	// MaxQueryBytes is the longest query text accepted.
	MaxQueryBytes = 1000
	// MaxQueryTerms is the most distinct words (counting those inside
	// quoted phrases) a query may have after duplicates are collapsed.
	MaxQueryTerms = 32
	// QueryTimeout bounds one search even when its client waits forever;
	// a client that goes away stops its search sooner (the search runs
	// under the caller's context).
	QueryTimeout = 5 * time.Second
)

// ErrQueryTooLarge is wrapped by the refusal of a query over the bounds;
// the message says which bound (a client error: HTTP 400).
var ErrQueryTooLarge = errors.New("query too large")

// boundQuery is the one gate every search passes: it refuses queries over
// MaxQueryBytes or MaxQueryTerms, collapses repeated words and quoted
// phrases (every unit is required, so a repeat adds work and no meaning),
// and gives the search its deadline under the caller's context. The
// returned cancel must be called.
func boundQuery(ctx context.Context, q Query) (Query, context.Context, context.CancelFunc, error) {
	if len(q.Text) > MaxQueryBytes {
		return q, ctx, func() {}, &QueryError{Field: "q", Template: "the query is %v bytes, at most %v are searched",
			Args: []string{strconv.Itoa(len(q.Text)), strconv.Itoa(MaxQueryBytes)}, Err: ErrQueryTooLarge}
	}
	text, terms := dedupeQuery(q.Text)
	if terms > MaxQueryTerms {
		return q, ctx, func() {}, &QueryError{Field: "q", Template: "the query has %v different words, at most %v are searched",
			Args: []string{strconv.Itoa(terms), strconv.Itoa(MaxQueryTerms)}, Err: ErrQueryTooLarge}
	}
	q.Text = text
	ctx, cancel := context.WithTimeout(ctx, QueryTimeout)
	return q, ctx, cancel, nil
}

// dedupeQuery drops repeated words and quoted phrases (compared by search
// key, so CCHC, cchc and "CCHC" are one, and Hoà is Hòa, but số is not sơ:
// dropping a word that only folds alike would break the pairs of adjacent
// words ranking reads) and returns the rest in their first order, with the
// number of distinct folded words left. It reads the query
// language as parseQuery does (lex), so -words, OR and field:"values"
// keep their meaning.
func dedupeQuery(text string) (string, int) {
	if ref, ok := asRef(normalizeSpace(text)); ok {
		return text, len(tokenize(ref)) // a ref may be written with spaces
	}
	items, filters := lex(text)
	seen := map[string]bool{}
	words := map[string]bool{}
	var out []string
	for _, it := range items {
		keys := make([]string, len(it.toks))
		for i, t := range it.toks {
			keys[i] = t.key
			words[t.fold] = true
		}
		key := strings.Join(keys, " ")
		seg := it.text
		if it.quoted {
			key, seg = `"`+key+`"`, `"`+strings.TrimSpace(seg)+`"`
		}
		if it.neg {
			key, seg = "-"+key, "-"+seg
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if it.or && len(out) > 0 {
			seg = "OR " + seg
		}
		out = append(out, seg)
	}
	if len(out) == 0 && len(filters) == 0 {
		// Only punctuation (or nothing): leave it for Search to judge.
		return text, 0
	}
	for _, name := range []string{"province", "period", "ref", "type"} {
		if v, ok := filters[name]; ok {
			out = append(out, name+`:"`+v+`"`)
		}
	}
	return strings.Join(out, " "), len(words)
}

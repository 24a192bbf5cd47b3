package index

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"

	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/baocao/baocao/extract"
)

// QuerySyntax is the query language in a few lines, for `search --help`
// and the search page.
const QuerySyntax = `  words        every word must occur (relaxed to any when no report has all);
               with or without diacritics, either tone style: cai cach, Thanh Hoá
  "a phrase"   the words together, in this order; abbreviations match inside:
               "kiosk tra cứu thông tin TTHC"
  -word        leave out reports containing the word (or -"a phrase")
  a OR b       either one
  3604/QĐ-UBND a document number: the reports citing it
  tinh:X       province (tinh:"Thanh Hóa", tinh:thanh-hoa, tinh:HCM)
  ky:X         period: 2023-Q1, 2023-H1, 2023-9M, 2023
  so:X         reports citing, or numbered, this document: so:30/2020/NĐ-CP
  loai:X       document type: loai:"báo cáo", loai:KH`

// ErrBadQuery is wrapped by every QueryError.
var ErrBadQuery = errors.New("bad query")

// QueryError is a filter value that names nothing (unknown province,
// malformed period…) or a query over the bounds. Its message says what is
// accepted; the CLI exits 2 and the API answers 400 with it, in the
// reader's language: the message is an English template, a key of the
// message catalogue (package i18n), filled with Args.
type QueryError struct {
	Field    string // province, period, ref, type, from, to, has-finding, group, sort, q
	Value    string
	Template string
	Args     []string
	// Err is what else the error is besides ErrBadQuery (ErrQueryTooLarge).
	Err error
}

// queryError makes the QueryError of field's value: template takes
// field and value as its first two %s, then args.
func queryError(field, value, template string, args ...string) *QueryError {
	return &QueryError{Field: field, Value: value, Template: template, Args: append([]string{field, value}, args...)}
}

func (e *QueryError) Error() string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = a
	}
	return fmt.Sprintf(e.Template, args...)
}

// MessageTemplate gives the message as a catalogue key and its arguments
// (i18n.Printer.Message fills it in the reader's language).
func (e *QueryError) MessageTemplate() (string, []string) { return e.Template, e.Args }

// FilterName is the parameter whose value was refused, the first
// argument of the message (i18n names it in the reader's language).
func (e *QueryError) FilterName() string { return e.Field }

// Unwrap makes errors.Is(err, ErrBadQuery) true, and Err's test too.
func (e *QueryError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrBadQuery, e.Err}
	}
	return []error{ErrBadQuery}
}

// Grouping and sorting of Query.
const (
	GroupReport   = "report"
	GroupSection  = "section"
	SortRelevance = "relevance"
	SortDate      = "date"
)

// qtoken is one analyzed query token in every indexed form.
type qtoken struct {
	key, fold string
	raw       string // lower case NFC, as typed: the spelling term
	accented  bool
}

func newQToken(s string) qtoken {
	return qtoken{key: termKey(s), fold: termFold(s), raw: strings.ToLower(extract.Normalize(s)), accented: hasDiacritics(s)}
}

// tokenize splits s the way the vi analyzer does and returns every form
// of each token.
func tokenize(s string) []qtoken {
	var out []qtoken
	for _, t := range unicodetok.NewUnicodeTokenizer().Tokenize([]byte(s)) {
		out = append(out, newQToken(string(t.Term)))
	}
	return out
}

// unit is one required part of a query: any of its alternatives must
// match. An alternative is a token sequence (one token: a term; more: a
// phrase); abbr keys and a ref are further alternatives.
type unit struct {
	alts [][]qtoken
	// abbr are abbr-field terms standing for the unit. covered: they stand
	// for every alternative, so when the index holds this table's abbr
	// field the alternatives need not be searched to decide a match.
	abbr    []string
	covered bool
	// ref is a canonical document ref (refs field).
	ref string
}

// parsedQuery is Query.Text read by parseQuery.
type parsedQuery struct {
	units    []unit
	excluded []unit
	// pairs are the folded pairs of adjacent query words (vi_pairs terms).
	pairs []string
	// exact are the tokens typed with diacritics (exact-field boosts).
	exact []qtoken
	// places are the folded province names the words name.
	places []string
	// Filters written in the text.
	province, period, ref, docType string
}

// item is a lexed piece of the query text.
type item struct {
	toks   []qtoken
	text   string
	quoted bool
	neg    bool
	or     bool // joined to the previous item by OR
	ref    string
}

// filterNames maps the query-language field names (with and without
// diacritics, and in English) to Query fields.
var filterNames = map[string]string{
	"tinh": "province", "province": "province",
	"ky": "period", "period": "period",
	"so": "ref", "ref": "ref",
	"loai": "type", "type": "type",
}

// lex splits the text into items and filters.
func lex(text string) ([]item, map[string]string) {
	text = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`).Replace(text)
	var items []item
	filters := map[string]string{}
	rs := []rune(text)
	i := 0
	pendingOr := false
	for i < len(rs) {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		neg := false
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && !unicode.IsDigit(rs[i+1]) {
			neg = true
			i++
		}
		var word string
		quoted := false
		if rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			word, quoted = string(rs[i+1:j]), true
			i = min(j+1, len(rs))
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) {
				if rs[j] == ':' && j+1 < len(rs) && rs[j+1] == '"' {
					// field:"quoted value"
					k := j + 2
					for k < len(rs) && rs[k] != '"' {
						k++
					}
					j = min(k+1, len(rs))
					break
				}
				j++
			}
			word = string(rs[i:j])
			i = j
		}
		if !quoted {
			if word == "OR" && len(items) > 0 {
				pendingOr = true
				continue
			}
			if name, value, ok := strings.Cut(word, ":"); ok && !neg {
				if f, known := filterNames[extract.Fold(name)]; known {
					filters[f] = strings.Trim(value, `"`)
					continue
				}
			}
		}
		it := item{text: word, quoted: quoted, neg: neg, or: pendingOr}
		pendingOr = false
		if !quoted {
			if ref, ok := asRef(word); ok {
				it.ref = ref
			}
		}
		if it.toks = tokenize(word); len(it.toks) == 0 && it.ref == "" {
			continue
		}
		items = append(items, it)
	}
	return items, filters
}

// parseQuery reads the query language (QuerySyntax) and expands the
// abbreviations of the table both ways, inside phrases too.
func (ix *Index) parseQuery(text string) parsedQuery {
	var pq parsedQuery
	text = normalizeSpace(text)
	// A whole query that is a ref may contain spaces ("số 3604 / QĐ-UBND").
	if ref, ok := asRef(text); ok {
		return parsedQuery{units: []unit{{ref: ref, alts: [][]qtoken{tokenize(ref)}}}}
	}
	items, filters := lex(text)
	pq.province, pq.period, pq.ref, pq.docType = filters["province"], filters["period"], filters["ref"], filters["type"]

	var prev []qtoken // tokens of the previous positive item, for pairs
	for i := 0; i < len(items); {
		it := items[i]
		var u unit
		n := 1
		switch {
		case it.ref != "":
			u = unit{ref: it.ref, alts: [][]qtoken{it.toks}}
		case it.quoted || len(it.toks) > 1:
			u = ix.phraseUnit(it.toks)
		default:
			// A run of single unquoted words may spell a table phrase.
			u, n = ix.wordsUnit(items[i:])
		}
		if !it.neg {
			for k := 0; k < n; k++ {
				for j, t := range items[i+k].toks {
					if t.accented {
						pq.exact = append(pq.exact, t)
					}
					if j > 0 {
						pq.pairs = append(pq.pairs, pairTerm(items[i+k].toks[j-1].fold, t.fold))
					} else if k > 0 {
						pq.pairs = append(pq.pairs, pairTerm(items[i+k-1].toks[len(items[i+k-1].toks)-1].fold, t.fold))
					}
				}
			}
		}
		if it.neg {
			pq.excluded = append(pq.excluded, u)
			prev = nil
			i += n
			continue
		}
		if len(prev) > 0 && !it.quoted && !it.or && it.ref == "" {
			pq.pairs = append(pq.pairs, pairTerm(prev[len(prev)-1].fold, it.toks[0].fold))
		}
		prev = items[i+n-1].toks
		if it.or && len(pq.units) > 0 {
			last := &pq.units[len(pq.units)-1]
			last.alts = append(last.alts, u.alts...)
			last.abbr = append(last.abbr, u.abbr...)
			last.covered = last.covered && u.covered && u.ref == "" && last.ref == ""
			if u.ref != "" {
				// A ref OR something: the ref's phrase stands for it.
				last.covered = false
			}
		} else {
			pq.units = append(pq.units, u)
		}
		i += n
	}
	pq.places = ix.places(items)
	return pq
}

// wordsUnit makes the unit of the unquoted words starting at items[0]:
// the longest table phrase they spell (n words), or the first word alone
// with its abbreviation's phrase.
func (ix *Index) wordsUnit(items []item) (unit, int) {
	var run []qtoken
	for _, it := range items {
		if it.quoted || it.neg || it.ref != "" || len(it.toks) != 1 || (len(run) > 0 && it.or) {
			break
		}
		run = append(run, it.toks[0])
	}
	best := -1
	for k, e := range ix.abbr.entries {
		if len(e.longToks) <= len(run) && sameFold(run[:len(e.longToks)], e.longToks) &&
			(best < 0 || len(e.longToks) > len(ix.abbr.entries[best].longToks)) {
			best = k
		}
	}
	if best >= 0 {
		e := ix.abbr.entries[best]
		return unit{alts: [][]qtoken{run[:len(e.longToks)], {e.shortTok}}, abbr: []string{e.key}, covered: true}, len(e.longToks)
	}
	t := items[0].toks[0]
	u := unit{alts: [][]qtoken{{t}}}
	for _, e := range ix.abbr.entries {
		if t.fold == e.shortTok.fold {
			u.alts = append(u.alts, e.longToks)
			u.abbr, u.covered = []string{e.key}, true
			break
		}
	}
	return u, 1
}

// phraseUnit makes the unit of a quoted phrase: the phrase as typed, with
// every table phrase in it abbreviated, and with every abbreviation
// expanded; a phrase that is exactly one form of an entry is also its abbr
// key, and any phrase of two words or more may be a report's own
// definition (definitionKey). Where table phrases overlap ("dịch vụ công"
// in "dịch vụ công trực tuyến") both readings are alternatives: the first
// entry of the table matching at each word ("DVC trực tuyến") and the
// longest one ("DVCTT"). The abbr key then stands for one reading only,
// so the unit is not covered: its alternatives are searched, on the
// report's own fields, which walk fewer postings than the abbr field that
// sections share.
func (ix *Index) phraseUnit(toks []qtoken) unit {
	u := unit{alts: [][]qtoken{toks}}
	short, long, key := ix.abbreviate(toks, false)
	if key != "" {
		u.abbr, u.covered = []string{key}, true
	}
	add := func(alt []qtoken) bool {
		for _, a := range u.alts {
			if sameFold(a, alt) {
				return false
			}
		}
		u.alts = append(u.alts, alt)
		return true
	}
	add(short)
	add(long)
	short, long, _ = ix.abbreviate(toks, true)
	if newShort, newLong := add(short), add(long); newShort || newLong {
		u.covered = false
	}
	if len(toks) >= 2 {
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.fold
		}
		u.abbr = append(u.abbr, definitionKey(words))
	}
	return u
}

// abbreviate rewrites toks with the table: short has every table phrase
// in it abbreviated, long every abbreviation expanded. At each word it
// takes the first entry of the table matching there or, when longest, the
// entry matching the most words. key is the entry's abbr key when toks is
// one form of a single entry.
func (ix *Index) abbreviate(toks []qtoken, longest bool) (short, long []qtoken, key string) {
	for i := 0; i < len(toks); {
		best, bestLen, bestShort := -1, 0, false
		for k, e := range ix.abbr.entries {
			n, isShort := 0, false
			if m := len(e.longToks); i+m <= len(toks) && sameFold(toks[i:i+m], e.longToks) {
				n = m
			} else if toks[i].fold == e.shortTok.fold {
				n, isShort = 1, true
			}
			if n > bestLen {
				best, bestLen, bestShort = k, n, isShort
				if !longest {
					break
				}
			}
		}
		if best < 0 {
			short, long = append(short, toks[i]), append(long, toks[i])
			i++
			continue
		}
		e := ix.abbr.entries[best]
		if bestShort {
			short, long = append(short, toks[i]), append(long, e.longToks...)
		} else {
			short, long = append(short, e.shortTok), append(long, toks[i:i+bestLen]...)
		}
		if bestLen == len(toks) {
			key = e.key
		}
		i += bestLen
	}
	return short, long, key
}

func sameFold(a, b []qtoken) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].fold != b[i].fold {
			return false
		}
	}
	return true
}

// places are the provinces named by two to four consecutive query words
// (written with their diacritics, or the whole query), folded.
func (ix *Index) places(items []item) []string {
	var toks []qtoken
	for _, it := range items {
		if !it.neg && it.ref == "" {
			toks = append(toks, it.toks...)
		}
	}
	seen := map[string]bool{}
	var out []string
	for i := range toks {
		for n := 2; n <= 4 && i+n <= len(toks); n++ {
			words := make([]string, n)
			accented := false
			for k, t := range toks[i : i+n] {
				words[k] = t.key
				accented = accented || t.accented
			}
			if !accented && n != len(toks) {
				continue // "an", "hue" in running words are not places
			}
			if name, ok := ix.gazetteer.Lookup(strings.Join(words, " ")); ok && !seen[name] {
				seen[name] = true
				out = append(out, provinceFold(name))
			}
		}
	}
	return out
}

// refPattern recognises a query that is a document number/symbol:
// digits, then "/" or "-", a letter, and a "/" somewhere (3604/QĐ-UBND,
// 30/2020/NĐ-CP, 91-KL/TU), optionally after "số".
var refPattern = regexp.MustCompile(`^(?i:số\s*)?(\d{1,5}[\p{Ll}]?\s*(?:/\s*\d{4}\s*)?[-/‐‑–]\s*\p{L}[\p{L}\d&.\-‐‑–/ ]*)$`)

// asRef returns the canonical ref when text is a document ref.
func asRef(text string) (string, bool) {
	m := refPattern.FindStringSubmatch(text)
	if m == nil || !strings.Contains(m[1], "/") || len(m[1]) > 60 {
		return "", false
	}
	return canonicalRef(m[1]), true
}

var rePeriod = regexp.MustCompile(`^\d{4}(-(Q[1-4]|H[12]|9M))?$`)

// filters are the checked filter values of a query, in index form.
type filters struct {
	provinceKey, provinceFold string
	period, ref, docType      string
	from, to                  string
	hasFinding                string
}

// checkFilters merges the filters of the Query and of its text and checks
// each value, returning a *QueryError for one that names nothing.
func (ix *Index) checkFilters(q Query, pq parsedQuery) (filters, error) {
	var f filters
	pick := func(field, a, b string) (string, error) {
		a, b = normalizeSpace(a), normalizeSpace(b)
		if a != "" && b != "" && extract.Fold(a) != extract.Fold(b) {
			return "", queryError(field, b, "%s “%s”: conflicts with “%s” given as a filter", a)
		}
		if a != "" {
			return a, nil
		}
		return b, nil
	}
	province, err := pick("province", q.Province, pq.province)
	if err != nil {
		return f, err
	}
	if province != "" {
		name, ok := ix.gazetteer.Lookup(strings.NewReplacer("-", " ", "_", " ").Replace(province))
		if !ok {
			return f, queryError("province", province, "%s “%s”: no such province; write its name with or without diacritics, in either tone style, with or without “tỉnh”/“thành phố”: Thanh Hóa, thanh hoa, thanh-hoa, TP HCM")
		}
		f.provinceKey, f.provinceFold = provinceKey(name), provinceFold(name)
	}
	period, err := pick("period", q.Period, pq.period)
	if err != nil {
		return f, err
	}
	if period != "" {
		f.period = canonicalPeriod(period)
		if !rePeriod.MatchString(f.period) {
			return f, queryError("period", period, "%s “%s”: not a period; write 2023-Q1 (quarter), 2023-H1 (half year), 2023-9M (nine months) or 2023 (year)")
		}
	}
	ref, err := pick("ref", q.Ref, pq.ref)
	if err != nil {
		return f, err
	}
	if ref != "" {
		c, ok := asRef(ref)
		if !ok {
			return f, queryError("ref", ref, "%s “%s”: not a document number; write it as printed: 3604/QĐ-UBND, 30/2020/NĐ-CP, 91-KL/TU")
		}
		f.ref = c
	}
	docType, err := pick("type", q.DocType, pq.docType)
	if err != nil {
		return f, err
	}
	if docType != "" {
		name, ok := extract.DocTypeName(docType)
		if !ok {
			return f, queryError("type", docType, "%s “%s”: no such document type; one of %s (or its code: BC, KH…)", strings.Join(extract.DocTypeNames(), ", "))
		}
		f.docType = name
	}
	if f.from, err = checkDate("from", q.From, false); err != nil {
		return f, err
	}
	if f.to, err = checkDate("to", q.To, true); err != nil {
		return f, err
	}
	if f.from != "" && f.to != "" && f.from > f.to {
		return f, queryError("from", q.From, "%s “%s”: is after --to %s", q.To)
	}
	if q.HasFinding != "" {
		known := len(ix.opts.FindingRules) == 0
		for _, r := range ix.opts.FindingRules {
			known = known || r == q.HasFinding
		}
		if !known {
			return f, queryError("has-finding", q.HasFinding, "%s “%s”: no such rule; one of %s", strings.Join(ix.opts.FindingRules, ", "))
		}
		f.hasFinding = q.HasFinding
	}
	return f, nil
}

// checkDate reads a date bound: 2023-03-15, 2023-03 or 2023; an upper
// bound of a month or year is its last day.
func checkDate(field, s string, upper bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if upper {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t.Format("2006-01-02"), nil
	}
	return "", queryError(field, s, "%s “%s”: not a date; write 2023-03-15, 2023-03 or 2023")
}

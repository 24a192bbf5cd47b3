package index

import (
	"strings"

	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/baocao/baocao/extract"
)

// The scoring of search, in one place (README "How search ranks").
//
// Bleve scores every clause with BM25 (term frequency saturating, rarer
// terms weighing more, shorter fields more) times the clause's boost
// below, and adds the clauses that match. A few signals are bonuses
// instead: constants added when the clause matches, whatever the words'
// rarity and the report's length, because they say the report is about
// what was typed. Reports are ranked on their report document (the whole
// text); the hit shown for a report is its best section, scored the same
// way on the section's fields.
const (
	// bonusPair: two words typed next to each other found next to each
	// other (one term of the vi_pairs field per pair). Vietnamese words
	// are several syllables ("Thanh Hóa", "số hóa"), so this is what makes
	// a report about the word outrank one with the syllables scattered.
	bonusPair = 1.0
	// bonusAllPairs: every adjacent pair of query words found adjacent:
	// the words as typed, as one phrase (found with term lookups only).
	bonusAllPairs = 4.0
	// bonusSpelling: a word whose tone mark may sit on either vowel found
	// spelt as typed (Hoá, not Hóa); per such word.
	bonusSpelling = 1.0
	// bonusPlace: the report is from a province the query names.
	bonusPlace = 4.0

	// boostFold: a query word found with diacritics folded away. Every
	// match gets it; it is what a query typed without diacritics ranks by.
	boostFold = 1.0
	// boostExact: a word typed with diacritics found with the same letters
	// (tone placement free: hoá = hòa), on top of boostFold, so "thể"
	// ranks thể above thế.
	boostExact = 1.0
	// boostRefMention: each mention of a searched ref in the text, on top
	// of citing it (the refs field says only whether it is cited).
	boostRefMention = 1.0
	// boostAbbr: either form of an abbreviation of the table (or of a
	// report's own definition), through the abbr field.
	boostAbbr = 1.0
	// boostNotes: a word found in a section's footnotes.
	boostNotes = 0.5
	// boostHeading: a word found only in a section's heading: a bare
	// heading must not outrank the sections that are about it.
	boostHeading = 0.3
)

// A report's best section is chosen among its matching sections (the
// ones Total counts) by scoreSection, in Go, on their stored text: the
// same signals and weights as above, with BM25's saturation and length
// norm but no rarity (idf) weight, since the candidates all come from one
// report. Done in Bleve, it walked the posting lists of every query word
// through the whole corpus to score the few dozen sections of one page
// (BENCHMARKS.md, issue 11); here it costs the page's text only.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// textToken is one word of a stored text in the forms the index has.
type textToken struct {
	fold, key, raw string
	start, end     int
	pos            int
}

// textAnalyzer tokenizes stored text as the vi analyzers do (same
// tokenizer, same position gaps), keeping each word's folded, key and
// written forms. It remembers the forms of the words it has seen: the
// sections of a page share most of their syllables.
type textAnalyzer struct {
	forms map[string]textToken
}

func (a *textAnalyzer) analyze(s string) []textToken {
	if s == "" {
		return nil
	}
	if a.forms == nil {
		a.forms = map[string]textToken{}
	}
	ts := viTokenizer{inner: unicodetok.NewUnicodeTokenizer()}.Tokenize([]byte(s))
	out := make([]textToken, len(ts))
	for i, t := range ts {
		f, ok := a.forms[string(t.Term)]
		if !ok {
			f.raw = strings.ToLower(extract.Normalize(string(t.Term)))
			f.key = termKey(f.raw)
			f.fold = termFold(f.key)
			a.forms[string(t.Term)] = f
		}
		f.start, f.end, f.pos = t.Start, t.End, t.Position
		out[i] = f
	}
	return out
}

// sectionField is one field of a candidate section, analyzed.
type sectionField struct {
	toks []textToken
	// spans are the matches of the query in it, for the snippet.
	spans []span
}

// occurrences finds seq (folded) in toks at consecutive positions and
// records the spans; it returns the number found.
func (f *sectionField) occurrences(seq []qtoken) int {
	n := 0
	for i := 0; i+len(seq) <= len(f.toks); i++ {
		ok := true
		for k, q := range seq {
			t := f.toks[i+k]
			if t.fold != q.fold || t.pos != f.toks[i].pos+k {
				ok = false
				break
			}
		}
		if ok {
			n++
			f.spans = append(f.spans, span{f.toks[i].start, f.toks[i+len(seq)-1].end})
		}
	}
	return n
}

// saturate is BM25's term-frequency part for tf occurrences in a field of
// n words, the candidates' average being avg.
func saturate(tf, n int, avg float64) float64 {
	if tf == 0 {
		return 0
	}
	norm := 1.0
	if avg > 0 {
		norm = 1 - bm25B + bm25B*float64(n)/avg
	}
	return float64(tf) * (bm25K1 + 1) / (float64(tf) + bm25K1*norm)
}

// scoreSection scores one candidate section for p (title, text, notes
// analyzed) and leaves the query's matches in each field's spans.
func scoreSection(p *plan, title, text, notes *sectionField, avg float64) float64 {
	score := 0.0
	for _, u := range p.pq.units {
		var tfText, tfNotes, tfTitle int
		for _, alt := range u.alts {
			tfText += text.occurrences(alt)
			tfNotes += notes.occurrences(alt)
			tfTitle += title.occurrences(alt)
		}
		score += boostFold*saturate(tfText, len(text.toks), avg) + boostNotes*saturate(tfNotes, len(notes.toks), avg) +
			boostHeading*saturate(tfTitle, len(title.toks), avg)
		if u.ref != "" && !p.refPhrase {
			score += boostRefMention * saturate(tfText, len(text.toks), avg)
		}
	}
	for _, q := range p.pq.exact {
		tf, spelt := 0, false
		for _, t := range text.toks {
			if t.key == q.key {
				tf++
				spelt = spelt || t.raw == q.raw
			}
		}
		score += boostExact * saturate(tf, len(text.toks), avg)
		if spelt && toneAmbiguous(q.key) {
			score += bonusSpelling
		}
	}
	// Pairs: the vi_pairs field of a section holds its heading, text and
	// footnotes.
	all := len(p.pq.pairs) > 0
	seen := map[string]bool{}
	for _, pair := range p.pq.pairs {
		a, b, _ := strings.Cut(pair, " ")
		found := false
		for _, f := range []*sectionField{text, title, notes} {
			for i := 0; i+1 < len(f.toks) && !found; i++ {
				found = f.toks[i].fold == a && f.toks[i+1].fold == b && f.toks[i+1].pos == f.toks[i].pos+1
			}
		}
		if found && !seen[pair] {
			score += bonusPair
		}
		seen[pair] = true
		all = all && found
	}
	if all && len(p.pq.pairs) > 1 {
		score += bonusAllPairs
	}
	return score
}

package index

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

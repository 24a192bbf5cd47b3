package extract

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// lookalikes maps characters that extractors and old keyboards put in place
// of the Vietnamese letters and ASCII punctuation they look like
// (testdata/README.md lists the variants the samples carry). The value "" deletes the character.
var lookalikes = strings.NewReplacer(
	"\u01CE", "ă", "\u01CD", "Ă", // ǎ/Ǎ (caron) for ă/Ă
	"\u00D0", "Đ", "\u00F0", "đ", // Icelandic eth for Đ/đ
	"\u0189", "Đ", // African D
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2212", "-", "\uFE63", "-", "\uFF0D", "-",
	"\u2018", "'", "\u2019", "'", "\u02BC", "'", "\u2032", "'",
	"\u00A0", " ", "\u2007", " ", "\u202F", " ", "\u2009", " ", "\u200A", " ", "\u3000", " ",
	"\u00AD", "", "\u200B", "", "\u200C", "", "\u200D", "", "\u2060", "", "\uFEFF", "",
)

// Normalize returns text in the form every rule and span works on: NFC,
// with look-alike characters replaced by the Vietnamese letters and ASCII
// punctuation they stand for. Tone-mark placement is kept as written (use
// SearchKey for comparisons); en dashes are kept, they are real punctuation.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	s = lookalikes.Replace(s)
	// Replacements can create sequences that compose further.
	return norm.NFC.String(s)
}

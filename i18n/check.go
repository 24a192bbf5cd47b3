package i18n

import (
	"regexp"
	"strings"
	"sync"
)

// englishOnly is the set of words of the catalogue's English messages
// that none of its Vietnamese texts uses (lower case).
var englishOnly = sync.OnceValue(func() map[string]bool {
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	en, vi := map[string]bool{}, map[string]bool{}
	for _, m := range catalogue {
		for _, w := range word.FindAllString(m.en, -1) {
			en[strings.ToLower(w)] = true
		}
		for _, w := range word.FindAllString(m.vi, -1) {
			vi[strings.ToLower(w)] = true
		}
	}
	for w := range vi {
		delete(en, w)
	}
	return en
})

var (
	reWord = regexp.MustCompile(`\p{L}+`)
	// File names and paths are shown as they are.
	reFile = regexp.MustCompile(`[\w./-]+\.(md|markdown|txt|text|pdf|docx|doc|rtf|json|yaml)\b`)
	// Dotted ids (diagnostic codes, config keys) too.
	reID = regexp.MustCompile(`\b[a-z]+(\.[a-z_]+)+\b`)
)

// EnglishWords lists the words of text that only the English side of the
// catalogue uses: in what baocao prints in Vietnamese, each is a piece
// left untranslated. File names and dotted ids (footnote.missing_text,
// serve.addr) are skipped, and so are the words of allow (other ids and
// tokens shown as they are).
func EnglishWords(text string, allow ...string) []string {
	ok := map[string]bool{}
	for _, a := range allow {
		for _, w := range reWord.FindAllString(a, -1) {
			ok[strings.ToLower(w)] = true
		}
	}
	en := englishOnly()
	var out []string
	for _, w := range reWord.FindAllString(reID.ReplaceAllString(reFile.ReplaceAllString(text, " "), " "), -1) {
		if lw := strings.ToLower(w); en[lw] && !ok[lw] {
			out = append(out, w)
		}
	}
	return out
}

package extract

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

//go:embed data/abbreviations.yaml
var defaultAbbreviationsYAML []byte

// Abbreviation is a short form and the phrase it stands for.
type Abbreviation struct {
	Short string `json:"short"`
	Long  string `json:"long"`
}

// Abbreviations is the one table of abbreviations: search expands them
// both ways and compliance compares titles with them expanded. Entries are
// sorted by short form.
type Abbreviations struct {
	entries []Abbreviation
}

// DefaultAbbreviations is the built-in table (data/abbreviations.yaml).
func DefaultAbbreviations() *Abbreviations {
	m, err := parseAbbreviations(defaultAbbreviationsYAML)
	if err != nil {
		// The embedded file is checked by TestDefaultAbbreviations.
		panic("built-in abbreviations: " + err.Error())
	}
	return fromMap(m)
}

// LoadAbbreviations is the built-in table with the file at path merged
// over it (same short form: replaced; empty phrase: removed). An empty
// path gives the built-in table.
func LoadAbbreviations(path string) (*Abbreviations, error) {
	base := DefaultAbbreviations()
	if path == "" {
		return base, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("abbreviations: %w", err)
	}
	over, err := parseAbbreviations(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return base.Merge(over), nil
}

// Merge returns the table with over laid on top, keyed by the folded
// short form; an empty phrase removes the entry.
func (a *Abbreviations) Merge(over map[string]string) *Abbreviations {
	m := map[string]string{}
	for _, e := range a.Entries() {
		m[e.Short] = e.Long
	}
	for short, long := range over {
		for k := range m {
			if Fold(k) == Fold(short) {
				delete(m, k)
			}
		}
		if strings.TrimSpace(long) != "" {
			m[short] = long
		}
	}
	return fromMap(m)
}

func fromMap(m map[string]string) *Abbreviations {
	out := &Abbreviations{}
	for s, l := range m {
		out.entries = append(out.entries, Abbreviation{Short: s, Long: l})
	}
	sort.Slice(out.entries, func(i, j int) bool { return out.entries[i].Short < out.entries[j].Short })
	return out
}

// Entries lists the table, sorted by short form. A nil table is the
// built-in one.
func (a *Abbreviations) Entries() []Abbreviation {
	if a == nil {
		return DefaultAbbreviations().entries
	}
	return a.entries
}

// Fingerprint identifies the table's content: an index records the table
// its documents were built with.
func (a *Abbreviations) Fingerprint() string {
	h := sha256.New()
	for _, e := range a.Entries() {
		fmt.Fprintf(h, "%s\t%s\n", Fold(e.Short), Fold(e.Long))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// parseAbbreviations reads a YAML map of short form → phrase and checks
// each entry: the short form is one word, the phrase at least two.
func parseAbbreviations(data []byte) (map[string]string, error) {
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for short, long := range m {
		if w := Words(short); len(w) != 1 || w[0] != Fold(strings.TrimSpace(short)) {
			return nil, fmt.Errorf("abbreviation %q: the short form must be one word of letters and digits", short)
		}
		if long != "" && len(Words(long)) < 2 {
			return nil, fmt.Errorf("abbreviation %q: %q must have at least two words", short, long)
		}
	}
	return m, nil
}

// Words splits text into its folded words (letter and digit runs);
// punctuation and spaces only separate. It is the comparison form
// abbreviations are matched in.
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// reDefinition finds the definitions a report makes of its own short
// forms: "… (sau đây gọi tắt là TTPVHCC)", "(sau đây viết tắt là …)",
// "(gọi tắt là …)".
var reDefinition = regexp.MustCompile(`(?i)\((?:sau đây |dưới đây )?(?:được )?(?:gọi|viết) tắt (?:là )?[“"]?([^()“”"]{1,60}?)[”"]?\)`)

// Definitions returns the abbreviations text defines itself. An acronym
// (TTPVHCC) stands for the words before the parenthesis whose initials
// spell it; any other short form ("Trung tâm", "Đề án 06") for the words
// from its own first word's first occurrence in the clause up to the
// parenthesis. Text must be NFC (Normalize).
func Definitions(text string) []Abbreviation {
	var out []Abbreviation
	seen := map[string]bool{}
	for _, m := range reDefinition.FindAllStringSubmatchIndex(text, -1) {
		short := strings.TrimSpace(text[m[2]:m[3]])
		before := clauseBefore(text[:m[0]])
		var long string
		if isAcronym(short) {
			long = initialsMatch(before, short)
		} else {
			long = fromFirstWord(before, short)
		}
		if long == "" || seen[Fold(short)] {
			continue
		}
		seen[Fold(short)] = true
		out = append(out, Abbreviation{Short: short, Long: long})
	}
	return out
}

// clauseBefore is the end of s from the last clause break (. ; : or a
// line break) on.
func clauseBefore(s string) string {
	if i := strings.LastIndexAny(s, ".;:\n("); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// isAcronym: one word of capitals and digits, at least two capitals.
func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return upper >= 2
}

// initialsMatch returns the words of s whose folded initials spell the
// folded acronym, ending at most two words before the end of s (a
// trailing "tỉnh", "thành phố" is not part of the name); "" when none do.
func initialsMatch(s, acronym string) string {
	want := []rune(Fold(acronym))
	var words []string
	for _, f := range strings.Fields(s) {
		if len(Words(f)) > 0 {
			words = append(words, f)
		}
	}
	for drop := 0; drop <= 2; drop++ {
		end := len(words) - drop
		start := end - len(want)
		if start < 0 {
			break
		}
		ok := true
		for i, w := range words[start:end] {
			if []rune(Words(w)[0])[0] != want[i] {
				ok = false
				break
			}
		}
		if ok {
			return strings.Trim(strings.Join(words[start:end], " "), ",")
		}
	}
	return ""
}

// fromFirstWord returns s from the first occurrence of short's first word
// on, when that is longer than short itself.
func fromFirstWord(s, short string) string {
	sw := Words(short)
	if len(sw) == 0 {
		return ""
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		if w := Words(f); len(w) > 0 && w[0] == sw[0] {
			long := strings.Join(fields[i:], " ")
			if len(Words(long)) > len(sw) {
				return strings.TrimRight(long, ",")
			}
			return ""
		}
	}
	return ""
}

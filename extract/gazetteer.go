package extract

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/provinces.tsv
var provincesTSV string

// Province is one provincial-level unit in one validity window.
type Province struct {
	Code      string `json:"code"`
	Name      string `json:"name"` // official spelling without "tỉnh"/"thành phố"
	City      bool   `json:"city"` // centrally-run city (thành phố trực thuộc trung ương)
	ValidFrom string `json:"valid_from,omitempty"`
	ValidTo   string `json:"valid_to,omitempty"`
	Successor string `json:"successor,omitempty"`
}

// ValidOn reports whether the unit existed on the ISO date day.
func (p Province) ValidOn(day string) bool {
	return (p.ValidFrom == "" || p.ValidFrom <= day) && (p.ValidTo == "" || day <= p.ValidTo)
}

// Gazetteer finds province names in text, whatever their tone-mark style,
// diacritics or prefix ("UBND tỉnh Khánh Hoà", "TP.HCM", "khanh hoa").
type Gazetteer struct {
	units []Province
	// byKey maps a variant's token sequence (SearchKey, then folded) to
	// the canonical name.
	byKey, byFold map[string]string
	// unitKeys are the token keys of unitPrefixes.
	unitKeys  [][]string
	maxTokens int
	// firsts holds the first token key of every variant: a name can only
	// start there.
	firsts map[string]bool
	// cities holds the names of the centrally-run cities (see unitWord),
	// asked for every body named with its province.
	cities map[string]bool
}

// LoadGazetteer parses the embedded province table.
func LoadGazetteer() (*Gazetteer, error) { return ParseGazetteer(provincesTSV) }

// ParseGazetteer parses a province table in the format of data/provinces.tsv.
func ParseGazetteer(tsv string) (*Gazetteer, error) {
	g := &Gazetteer{byKey: map[string]string{}, byFold: map[string]string{}, firsts: map[string]bool{}, cities: map[string]bool{}}
	for _, p := range unitPrefixes {
		g.unitKeys = append(g.unitKeys, tokenKeys(p))
	}
	for n, line := range strings.Split(tsv, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 6 {
			return nil, fmt.Errorf("provinces table line %d: %d columns, want at least 6", n+1, len(f))
		}
		p := Province{Code: f[0], Name: Normalize(f[1]), City: f[2] == "thanh_pho",
			ValidFrom: f[3], ValidTo: f[4], Successor: Normalize(f[5])}
		if p.Name == "" {
			return nil, fmt.Errorf("provinces table line %d: empty name", n+1)
		}
		g.units = append(g.units, p)
		if p.City {
			g.cities[p.Name] = true
		}
		variants := []string{p.Name}
		if len(f) > 6 && strings.TrimSpace(f[6]) != "" {
			for _, v := range strings.Split(f[6], ",") {
				variants = append(variants, strings.TrimSpace(v))
			}
		}
		for _, v := range variants {
			toks := tokenKeys(v)
			if len(toks) > g.maxTokens {
				g.maxTokens = len(toks)
			}
			g.byKey[strings.Join(toks, " ")] = p.Name
			if len(toks) > 0 {
				g.firsts[toks[0]] = true
			}
			// Slugs: "khanh_hoa", "Quang-Ninh", "KhanhHoa" fold to the same tokens.
			g.byFold[Fold(strings.Join(toks, " "))] = p.Name
			g.byFold[Fold(strings.Join(toks, ""))] = p.Name
		}
	}
	return g, nil
}

// Units returns the units valid on the ISO date day (63 before 01/7/2025,
// 34 after), sorted by name.
func (g *Gazetteer) Units(day string) []Province {
	var out []Province
	for _, p := range g.units {
		if p.ValidOn(day) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the canonical name of a province written any accepted way
// ("Khánh Hoà", "tỉnh Khánh Hòa", "TP. Hồ Chí Minh", "khanh-hoa").
func (g *Gazetteer) Lookup(name string) (string, bool) {
	toks := tokenKeys(stripUnitPrefix(name))
	if len(toks) == 0 {
		return "", false
	}
	if n, ok := g.byKey[strings.Join(toks, " ")]; ok {
		return n, true
	}
	if n, ok := g.byFold[Fold(strings.Join(toks, " "))]; ok {
		return n, true
	}
	n, ok := g.byFold[Fold(strings.Join(toks, ""))]
	return n, ok
}

// Find returns the first province named in text and the span of the name,
// preferring the longest name at the earliest position. Only names with
// their diacritics count here: folded matching in running text would take
// "hue" or "an" for provinces.
func (g *Gazetteer) Find(text string) (string, Span, bool) {
	// The text (a title, a paragraph) is tokenised a window at a time into
	// a buffer of ours: the first name is usually near its start.
	var buf [64]token
	if g.maxTokens > len(buf)/2 { // a window must hold a name whole
		return g.find(tokenize(text))
	}
	toks := appendTokens(buf[:0], text, 0, len(buf))
	done := len(toks) < len(buf)
	for i := 0; i < len(toks); i++ {
		if !done && len(toks)-i < g.maxTokens {
			// Slide: keep the tokens from i, read on after the last.
			toks = toks[:copy(toks[:cap(toks)], toks[i:])]
			i = 0
			toks = appendTokens(toks, text, toks[len(toks)-1].end, len(buf))
			done = len(toks) < len(buf)
		}
		if name, sp, ok := g.findAt(toks, i); ok {
			return name, sp, ok
		}
	}
	return "", Span{}, false
}

// find is Find over all the tokens of text.
func (g *Gazetteer) find(toks []token) (string, Span, bool) {
	for i := range toks {
		if name, sp, ok := g.findAt(toks, i); ok {
			return name, sp, ok
		}
	}
	return "", Span{}, false
}

// findAt matches a province name at token i.
func (g *Gazetteer) findAt(toks []token, i int) (string, Span, bool) {
	// A name starts with a capital (a one-word variant in lower case,
	// "huế" or "an", is too weak) and with a variant's first word.
	if r, _ := utf8.DecodeRuneInString(toks[i].text); !unicode.IsUpper(r) || !toks[i].keyIn(g.firsts) {
		return "", Span{}, false
	}
	if name, n := g.longestAt(toks, i); n > 0 {
		return name, Span{Start: toks[i].start, End: toks[i+n-1].end}, true
	}
	return "", Span{}, false
}

// longestAt returns the province of the longest variant spelled by the
// tokens at toks[i:] and how many tokens it takes, 0 when none.
func (g *Gazetteer) longestAt(toks []token, i int) (string, int) {
	// The keys of the first k tokens joined by spaces are key[:ends[k-1]]
	// (as in Issuers.longest): no allocation per length tried.
	var keyBuf [256]byte
	var endBuf [16]int
	key, ends := keyBuf[:0], endBuf[:0]
	for k := 0; k < min(g.maxTokens, len(toks)-i); k++ {
		if k > 0 {
			key = append(key, ' ')
		}
		key = toks[i+k].appendKey(key)
		ends = append(ends, len(key))
	}
	for n := len(ends); n >= 1; n-- {
		if name, ok := g.byKey[string(key[:ends[n-1]])]; ok {
			return name, n
		}
	}
	return "", 0
}

// unitPrefixAt returns how many tokens at toks[i:] spell a unit word the
// province names may follow ("tỉnh", "thành phố", "TP."), 0 if none:
// the same table as stripUnitPrefix, so the gazetteer holds it once.
func (g *Gazetteer) unitPrefixAt(toks []token, i int) int {
	best := 0
	for _, keys := range g.unitKeys {
		if len(keys) <= best || i+len(keys) > len(toks) {
			continue
		}
		ok := true
		for k, key := range keys {
			if !toks[i+k].keyIs(key) {
				ok = false
				break
			}
		}
		if ok {
			best = len(keys)
		}
	}
	return best
}

var unitPrefixes = []string{"thành phố trực thuộc trung ương", "thành phố", "tỉnh", "tp.", "tp", "t.p", "thủ đô"}

func stripUnitPrefix(s string) string {
	s = strings.TrimSpace(Normalize(s))
	low := SearchKey(s)
	for _, p := range unitPrefixes {
		if strings.HasPrefix(low, p) && len(low) > len(p) {
			rest := s[len(p):]
			if c := rest[0]; c == ' ' || c == '.' || p[len(p)-1] == '.' {
				return strings.TrimLeft(rest, " .")
			}
		}
	}
	return s
}

type token struct {
	text       string
	start, end int
}

// keyIn reports whether the token's SearchKey is in set, without making
// the key a string (most tokens asked are no name's first word).
func (t *token) keyIn(set map[string]bool) bool {
	var buf [64]byte
	return set[string(appendSearchKey(buf[:0], t.text))]
}

// appendKey appends the token's SearchKey to dst: the name look-ups key
// tokens into a buffer of theirs instead of a string per token.
func (t *token) appendKey(dst []byte) []byte {
	return appendSearchKey(dst, t.text)
}

// keyIs reports whether the token's SearchKey is key.
func (t *token) keyIs(key string) bool {
	var buf [64]byte
	return string(t.appendKey(buf[:0])) == key
}

// tokenize splits text into letter/digit runs with byte offsets.
func tokenize(text string) []token { return appendTokens(nil, text, 0, -1) }

// appendTokens appends the tokens of text from byte from (a token's start
// or the end of one) until dst holds n (n < 0: all of them): a caller may
// tokenize into a buffer of its own, and go on where it stopped.
func appendTokens(dst []token, text string, from, n int) []token {
	start := -1
	for i := from; i < len(text); {
		if len(dst) == n {
			return dst
		}
		// Most of the text is ASCII: its letters and digits are told by
		// byte, without decoding (tokenising was a tenth of the citation
		// rules' time).
		var word bool
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			word = c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = isWordRune(r) || unicode.IsDigit(r)
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			dst = append(dst, token{text: text[start:i], start: start, end: i})
			start = -1
		}
		i += size
	}
	if start >= 0 && len(dst) != n {
		dst = append(dst, token{text: text[start:], start: start, end: len(text)})
	}
	return dst
}

func tokenKeys(s string) []string {
	var out []string
	for _, t := range tokenize(Normalize(s)) {
		out = append(out, SearchKey(t.text))
	}
	return out
}

// unitWord is the word a province's name follows in a body's name:
// "thành phố" for a centrally-run city, "tỉnh" otherwise.
func (g *Gazetteer) unitWord(name string) string {
	if g.cities[name] {
		return "thành phố"
	}
	return "tỉnh"
}

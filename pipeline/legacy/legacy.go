// Package legacy converts text typed in the two pre-Unicode Vietnamese
// encodings that office files still carry — TCVN3 (the ".Vn…" ABC fonts)
// and VNI-Windows (the "VNI-…" fonts) — into Unicode, using their published
// byte tables (tables.tsv). Text reaches it as the Windows-1252 characters
// the legacy bytes read as: that is how a DOCX stores a .VnTime run, how a
// PDF's WinAnsi font decodes it, and how pipeline/plaintext reads a
// non-UTF-8 file.
package legacy

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/baocao/baocao/extract"
)

// Encoding names a legacy Vietnamese encoding.
type Encoding string

// The encodings this package converts.
const (
	TCVN3 Encoding = "TCVN3"
	VNI   Encoding = "VNI"
)

//go:embed tables.tsv
var tablesTSV string

// tables maps each legacy character to its Unicode text, per encoding.
// VNI writes a toned letter as its base letter followed by one "accent"
// character, so an accent maps to combining marks and NFC composes them
// with the letter before — which also converts a word split over two runs
// or two PDF glyphs.
type tables struct {
	tcvn3 map[rune]string
	vni   map[rune]string
}

func loadTables(tsv string) (tables, error) {
	t := tables{tcvn3: map[rune]string{}, vni: map[rune]string{}}
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "unicode\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || len([]rune(f[0])) != 1 {
			return t, fmt.Errorf("tables.tsv line %d: want letter, tcvn3, vni: %q", i+1, line)
		}
		uni := f[0]
		if tc := []rune(f[1]); f[1] != "-" {
			if len(tc) != 1 {
				return t, fmt.Errorf("tables.tsv line %d: TCVN3 is one byte: %q", i+1, f[1])
			}
			t.tcvn3[tc[0]] = uni
		}
		v := []rune(f[2])
		switch len(v) {
		case 1:
			if string(v) != uni {
				t.vni[v[0]] = uni
			}
		case 2:
			// The accent's marks are what the letter has beyond its base.
			base := string(v[0])
			if b, ok := t.vni[v[0]]; ok {
				base = b
			}
			marks, ok := strings.CutPrefix(norm.NFD.String(uni), norm.NFD.String(base))
			if !ok || marks == "" {
				return t, fmt.Errorf("tables.tsv line %d: %q is not %q plus marks", i+1, uni, base)
			}
			if old, seen := t.vni[v[1]]; seen && old != marks {
				return t, fmt.Errorf("tables.tsv line %d: VNI accent %q means %q and %q", i+1, v[1], old, marks)
			}
			t.vni[v[1]] = marks
		default:
			return t, fmt.Errorf("tables.tsv line %d: VNI is one or two bytes: %q", i+1, f[2])
		}
	}
	return t, nil
}

// Converter converts legacy text. The zero value is not usable; New loads
// the tables once. It is safe for concurrent use.
type Converter struct{ t tables }

// New loads the embedded tables.
func New() (*Converter, error) {
	t, err := loadTables(tablesTSV)
	if err != nil {
		return nil, err
	}
	return &Converter{t: t}, nil
}

// Font tells the encoding of a font family: ".VnTime", "VnArial", ".VnTimeH"
// are TCVN3, "VNI-Times", "VNI_Helve" VNI. capitals is true for the ABC
// fonts whose name ends in H, which draw every letter as a capital.
func Font(name string) (enc Encoding, capitals bool) {
	name = strings.TrimSpace(name)
	if i := strings.IndexByte(name, '+'); i == 6 {
		name = name[7:] // a PDF subset prefix "ABCDEF+"
	}
	up := strings.ToUpper(name)
	switch {
	case strings.HasPrefix(up, "VNI-") || strings.HasPrefix(up, "VNI_"):
		return VNI, false
	case strings.HasPrefix(name, ".Vn") || strings.HasPrefix(name, "Vn") && len(name) > 2 && name[2] >= 'A' && name[2] <= 'Z':
		family, _, _ := strings.Cut(name, ",") // PDF style suffix: ".VnTimeH,Bold"
		family = strings.TrimSuffix(strings.TrimSuffix(family, "-Bold"), "-Italic")
		return TCVN3, strings.HasSuffix(family, "H")
	}
	return "", false
}

// Convert turns s, in enc, into Unicode (NFC). Characters that are not
// legacy codes (ASCII, digits, punctuation) pass through. capitals
// upper-cases the result, for .VnTimeH-style fonts.
func (c *Converter) Convert(enc Encoding, s string, capitals bool) string {
	table := c.t.tcvn3
	if enc == VNI {
		table = c.t.vni
	}
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if u, ok := table[r]; ok {
			sb.WriteString(u)
		} else {
			sb.WriteRune(r)
		}
	}
	out := extract.NFC(sb.String())
	if capitals {
		out = strings.ToUpper(out)
	}
	return out
}

// Encode is Convert's inverse, for making test files: s in enc, written as
// Windows-1252 characters. TCVN3 has no capital toned letters: they are
// written with the lower-case code, as a .VnTimeH font stores them.
func (c *Converter) Encode(enc Encoding, s string) string {
	// VNI has a lower-case and a capital form of each accent: the
	// accent follows the case of its letter.
	rev, revUpper := map[string]rune{}, map[string]rune{}
	table := c.t.tcvn3
	if enc == VNI {
		table = c.t.vni
	}
	for k, v := range table {
		if unicode.IsUpper(k) {
			revUpper[v] = k
		} else {
			rev[v] = k
		}
	}
	for v, k := range revUpper {
		if _, ok := rev[v]; !ok || len([]rune(v)) == 1 && unicode.IsUpper([]rune(v)[0]) {
			rev[v] = k
		}
	}
	var sb strings.Builder
	for _, r := range norm.NFC.String(s) {
		if k, ok := rev[string(r)]; ok {
			sb.WriteRune(k)
			continue
		}
		if enc == TCVN3 {
			if k, ok := rev[string(unicode.ToLower(r))]; ok {
				sb.WriteRune(k)
				continue
			}
			sb.WriteRune(r)
			continue
		}
		// VNI: base letter, then the accent for its marks (the horned
		// letters ơ ư are single codes and take the tone after them).
		d := []rune(norm.NFD.String(string(r)))
		base, marks := string(d[0]), string(d[1:])
		if len(d) > 1 && (d[1] == '\u031b') {
			base, marks = norm.NFC.String(string(d[:2])), string(d[2:])
		}
		if k, ok := rev[base]; ok {
			sb.WriteRune(k)
		} else {
			sb.WriteString(base)
		}
		if marks != "" {
			accents := rev
			if unicode.IsUpper(d[0]) {
				accents = revUpper
			}
			if k, ok := accents[marks]; ok {
				sb.WriteRune(k)
			} else {
				sb.WriteString(marks)
			}
		}
	}
	return sb.String()
}

// capitalise restores the capitals of TCVN3 text that has no font to say
// so: TCVN3 cannot write a capital toned letter, so a heading typed in
// capitals comes out as "CHỉ ĐạO". A word with two or more capitals and no
// other lower-case letter is put in capitals; so is the rest of a line with
// such a word whose other words are in capitals but for such letters
// ("Sở NộI Vụ").
func capitalise(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		words := strings.Fields(line)
		all, sure, changed := len(words) > 0, false, false
		for _, w := range words {
			caps, capless, lower := 0, 0, 0
			for _, r := range w {
				switch {
				case unicode.IsUpper(r):
					caps++
				case unicode.IsLower(r) && r > 0x7F && !hasTCVN3Capital(r):
					capless++
				case unicode.IsLower(r):
					lower++
				}
			}
			if lower > 0 || caps == 0 && capless > 0 {
				all = false
			}
			if lower == 0 && capless > 0 && caps >= 2 {
				line = strings.Replace(line, w, strings.ToUpper(w), 1)
				changed, sure = true, true
			}
		}
		// "Số: 72/BC-UBND" stays: one capital before a toned letter may
		// be a capitalised word; the line needs one word that is surely
		// in capitals ("NộI").
		if all && sure {
			line = strings.ToUpper(line)
			changed = true
		}
		if changed {
			lines[i] = line
		}
	}
	return strings.Join(lines, "\n")
}

// hasTCVN3Capital reports the lower-case letters whose capital TCVN3 can
// write: the untoned ă â đ ê ô ơ ư (and ASCII).
func hasTCVN3Capital(r rune) bool { return strings.ContainsRune("ăâđêôơư", r) }

// Leftovers counts what a correct conversion does not leave behind: Latin-1
// letters and symbols that Vietnamese does not use, and combining marks
// with no letter to sit on (an accent after a consonant). Text converted
// from the wrong encoding, or that was not legacy text at all, has many.
func Leftovers(s string) int {
	n := 0
	prevLetter := false
	for _, r := range s {
		switch {
		case r >= 0x300 && r <= 0x36F:
			n++ // NFC composed every mark that had a vowel under it
		case r >= 0xA0 && r <= 0xFF && !strings.ContainsRune(vietLatin1, r):
			// Symbols inside a word are the tell-tale of mojibake;
			// «», ©, § and ° between words are ordinary.
			if prevLetter {
				n++
			}
		}
		prevLetter = unicode.IsLetter(r)
	}
	return n
}

// vietLatin1 are the Latin-1 letters Vietnamese uses.
const vietLatin1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý\u00a0"

// Repair converts a whole text believed to be in enc and says whether the
// result reads as Unicode Vietnamese: no more than one leftover (see
// Leftovers) per 50 words, and nine in ten of the words with a letter
// beyond ASCII are Vietnamese syllables (see Syllables) — text in the other
// encoding converts into letters too, but not into syllables. When it is
// not, the caller keeps the reason legacy-encoding.
func (c *Converter) Repair(enc Encoding, s string) (string, bool) {
	out := c.Convert(enc, s, false)
	if enc == TCVN3 {
		out = capitalise(out)
	}
	words := len(strings.Fields(out))
	valid, total := Syllables(out)
	return out, words > 0 && Leftovers(out)*50 <= words && valid*10 >= total*9
}

// ByContent decides whether the parts of one paragraph typed in fonts that
// name no legacy encoding (Times New Roman, Arial) hold TCVN3 or VNI codes
// all the same — a document typed with a TCVN3 keyboard in a Unicode font,
// or whose font was changed — and converts them. The parts are judged
// together, as runs are often a word or less: converted, they must read as
// Vietnamese syllables (the confidence test of Repair). sure is true when
// the parts also have what Unicode Vietnamese never has (Leftovers); a
// paragraph without ("Sè: 58/BC-UBND" reads as Unicode too) is for the
// caller to settle from the rest of the document. enc is "" when no
// encoding converts the parts with confidence or changes them.
func (c *Converter) ByContent(parts []string) (enc Encoding, out []string, sure bool) {
	joined := strings.Join(parts, "")
	sure = Leftovers(joined) > 0
	for _, e := range []Encoding{TCVN3, VNI} {
		conv, ok := c.Repair(e, joined)
		if !ok || conv == joined {
			continue
		}
		out = make([]string, len(parts))
		for i, p := range parts {
			out[i] = c.Convert(e, p, false)
			if e == TCVN3 {
				out[i] = capitalise(out[i])
			}
		}
		return e, out, sure
	}
	return "", nil, false
}

// Codes reports whether s can be legacy codes read as Windows-1252: every
// character is one a byte of that code page reads as. Text with any other
// ("ư", "ạ", "Ủ") is Unicode for certain.
func Codes(s string) bool {
	for _, r := range s {
		if r >= 0x100 && !strings.ContainsRune("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ", r) {
			return false
		}
	}
	return true
}

// Syllables counts the words that carry a letter beyond ASCII (the ones a
// conversion produced) and how many of them are well-formed Vietnamese
// syllables: an initial consonant, a vowel group Vietnamese writes, a final
// consonant, and at most one tone mark.
func Syllables(s string) (valid, total int) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= 0x80 {
				ascii = false
				break
			}
		}
		if ascii {
			continue
		}
		total++
		if syllable(w) || abbreviation(w) {
			valid++
		}
	}
	return valid, total
}

// abbreviation reports a word in capitals whose only letters beyond ASCII
// are the untoned Đ Ă Â Ê Ô Ơ Ư: the code of a body or a document type in
// a symbol ("QĐ", "NĐ", "HĐND", "BCĐ"), not a syllable.
func abbreviation(w string) bool {
	for _, r := range w {
		if !unicode.IsUpper(r) || r > 0x7F && !strings.ContainsRune("ĐĂÂÊÔƠƯ", r) {
			return false
		}
	}
	return true
}

func syllable(w string) bool {
	tones := 0
	var base []rune // the letters without tone marks
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			tones++
		default:
			base = append(base, r)
		}
	}
	if tones > 1 {
		return false
	}
	b := norm.NFC.String(string(base))
	// "gì" is g+ì and "gia" gi+a: try every onset and coda that fits.
	for _, on := range onsets {
		rest, ok := strings.CutPrefix(b, on)
		if !ok {
			continue
		}
		for _, co := range codas {
			if nucleus, ok := strings.CutSuffix(rest, co); ok && nuclei[nucleus] {
				return true
			}
		}
	}
	return false
}

var (
	onsets = append([]string{""}, strings.Fields("ngh ch gh gi kh ng nh ph qu th tr b c d đ g h k l m n p r s t v x")...)
	codas  = append([]string{""}, strings.Fields("ng nh ch c m n p t")...)
	nuclei = func() map[string]bool {
		m := map[string]bool{}
		for _, v := range strings.Fields("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iêu iu oa oă oai oao oay oe oeo oi ôi ơi oo ua uâ uây uê ui uô uôi uơ uy uya uyê uyu ưa ưi ưu ươ ươi ươu yê yêu") {
			m[v] = true
		}
		return m
	}()
)

// Detect reports text written in a legacy Vietnamese encoding (domain.md
// §4.3) and read as Latin-1: TCVN3 puts symbols such as © ¬ ¸ ¶ × ® inside
// words ("nh©n d©n"), VNI puts accent letters after vowels ("chaøo").
// It returns the encoding's name and a sample, or "".
func Detect(text string) (Encoding, string) {
	if tellTales(text) < 5 {
		return "", "" // too few to reach either threshold below
	}
	// One pass over the bytes, without splitting the text into words:
	// this runs on every text file ingested. A tell-tale is a Latin-1
	// character after a letter.
	tcvn, vni, words := 0, 0, 0
	sample := ""
	inWord := false
	var prev rune // the previous rune of the current word
scan:
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			// A run of ASCII: only word starts count, and only its last
			// byte can be the letter before a tell-tale.
			j := i
			for ; j < len(text) && text[j] < utf8.RuneSelf; j++ {
				if c := text[j]; c == ' ' || '\t' <= c && c <= '\r' {
					inWord = false
				} else if !inWord {
					if words > 5000 {
						break scan
					}
					words++
					inWord = true
				}
			}
			if inWord {
				prev = rune(text[j-1])
			}
			i = j
			continue
		}
		r, n := decodeRune(text, i)
		if isSpace(r) {
			inWord = false
			i += n
			continue
		}
		if !inWord {
			if words > 5000 {
				break
			}
			words++
			inWord, prev = true, -1
		}
		// Every tell-tale character is in U+00A6…U+00FF.
		if r >= 0xA6 && r <= 0xFF && prev >= 0 {
			hit := false
			switch {
			case tcvnTell(r) && unicode.IsLetter(prev):
				tcvn++
				hit = true
			case vniTell(r) && strings.ContainsRune("aeiouyAEIOUY", prev):
				vni++
				hit = true
			}
			if hit && sample == "" {
				start := 0
				if j := strings.LastIndexFunc(text[:i], unicode.IsSpace); j >= 0 {
					_, n := utf8.DecodeRuneInString(text[j:])
					start = j + n
				}
				end := strings.IndexFunc(text[i:], unicode.IsSpace)
				if end < 0 {
					end = len(text) - i
				}
				sample = text[start : i+end]
			}
		}
		prev = r
		i += n
	}
	// Real Vietnamese text has none of these; allow a few stray symbols.
	switch {
	case tcvn >= 5 && tcvn*20 >= words:
		return TCVN3, sample
	case vni >= 5 && vni*20 >= words:
		return VNI, sample
	}
	return "", ""
}

// tellTales is an upper bound, from the bytes alone, of the tell-tales
// Detect counts: every TCVN3 tell-tale character, and every VNI one right
// after an ASCII vowel. The characters are U+00A6…U+00FF, two bytes C2 xx
// or C3 xx in UTF-8; Unicode Vietnamese text has only the C3 letters, and
// ù õ after a vowel almost never, so most texts are settled by two
// IndexByte scans instead of a rune-by-rune pass (FuzzDetect compares).
func tellTales(text string) int {
	n := 0
	for i := 0; ; {
		j := strings.IndexByte(text[i:], 0xC2)
		if j < 0 {
			break
		}
		i += j + 1
		if i < len(text) && tcvnTell(rune(text[i])) {
			n++
		}
	}
	for i := 0; ; {
		j := strings.IndexByte(text[i:], 0xC3)
		if j < 0 {
			break
		}
		i += j + 1
		if i >= len(text) || text[i]&0xC0 != 0x80 {
			continue
		}
		r := 0xC0 | rune(text[i]&0x3F)
		if tcvnTell(r) || vniTell(r) && i >= 2 && strings.IndexByte("aeiouyAEIOUY", text[i-2]) >= 0 {
			n++
		}
	}
	return n
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the two-byte
// characters and the three-byte ones of U+1000…U+CFFF (the Vietnamese
// letters among them) read inline.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	switch {
	case 0xC2 <= c && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	case 0xE1 <= c && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
		return rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isSpace is unicode.IsSpace for a character above ASCII, without its
// table search for the letters (TestIsSpace compares them).
func isSpace(r rune) bool {
	switch r {
	case 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// tcvnTell: the symbols TCVN3 letters read as in Latin-1
// ("©¬¸¶×®¹µ¨»¼½¾ÐÑ¦§").
func tcvnTell(r rune) bool {
	switch r {
	case '©', '¬', '¸', '¶', '×', '®', '¹', 'µ', '¨', '»', '¼', '½', '¾', 'Ð', 'Ñ', '¦', '§':
		return true
	}
	return false
}

// vniTell: the accent letters VNI writes after a vowel ("øùûõïëåäöÿ").
func vniTell(r rune) bool {
	switch r {
	case 'ø', 'ù', 'û', 'õ', 'ï', 'ë', 'å', 'ä', 'ö', 'ÿ':
		return true
	}
	return false
}

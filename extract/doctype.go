package extract

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// DocKind says which numbering scheme a document type code belongs to.
type DocKind string

// Kinds of document type codes (extract/data/doctypes.tsv).
const (
	KindAdministrative DocKind = "administrative"  // Nghị định 30/2020, Phụ lục III
	KindLegalNormative DocKind = "legal-normative" // VBQPPL codes: NĐ, TT, TTLT…
	KindParty          DocKind = "party"           // Hướng dẫn 36-HD/VPTW
	KindIssuer         DocKind = "issuer"          // issuer codes with a mixed case (TTg)
	KindGeneric        DocKind = "generic"         // "Văn bản": names no type
)

//go:embed data/doctypes.tsv
var doctypesTSV string

// docTypeTable is parsed once from the embedded table: the table is constant
// data shipped with the binary, and CanonicalRef (a plain function the index
// calls) needs it too. A broken table is a build bug, hence the panic.
var docTypeTable = mustParseDocTypes(doctypesTSV)

// docTypes indexes the type table. Every map is read-only after parsing.
type docTypes struct {
	state map[string]string // upper code → type name (administrative, legal-normative)
	party map[string]string // upper code → type name in party symbols
	canon map[string]string // upper code → canonical spelling (TTR → TTr)
	// words maps the search key of a type word ("quyết định") to its
	// canonical spelling; generic words map to "".
	words map[string]string
	// first holds the key of the first word of every type word: most
	// candidate phrases are rejected by one lookup of one short word.
	first map[string]bool
	// firstByte holds the first bytes of first's keys that are ASCII: a
	// word that opens with two ASCII bytes has a key opening with the
	// first in lower case, and most are ruled out without keying.
	firstByte [utf8.RuneSelf]bool
	// pairs holds the first two runes of every key of first: a word whose
	// key surely opens with two others is ruled out without keying it.
	pairs map[uint64]bool // runePair of the two
	// prefixes are state codes longest first, to split glued symbols.
	prefixes []string
}

func mustParseDocTypes(tsv string) *docTypes {
	d, err := parseDocTypes(tsv)
	if err != nil {
		panic(err)
	}
	return d
}

func parseDocTypes(tsv string) (*docTypes, error) {
	d := &docTypes{
		state: map[string]string{},
		party: map[string]string{},
		canon: map[string]string{},
		words: map[string]string{},
		first: map[string]bool{},
		pairs: map[uint64]bool{},
	}
	for n, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" {
			return nil, fmt.Errorf("doctypes.tsv:%d: want code, name, kind", n+1)
		}
		code, name, kind := Normalize(f[0]), Normalize(f[1]), DocKind(f[2])
		up := strings.ToUpper(code)
		switch kind {
		case KindAdministrative, KindLegalNormative:
			if code != "-" {
				d.state[up] = name
			}
			d.words[SearchKey(name)] = name
		case KindParty:
			if code != "-" {
				d.party[up] = name
			}
			d.words[SearchKey(name)] = name
		case KindIssuer:
		case KindGeneric:
			d.words[SearchKey(name)] = ""
		default:
			return nil, fmt.Errorf("doctypes.tsv:%d: unknown kind %q", n+1, kind)
		}
		if code != "-" {
			d.canon[up] = code
		}
	}
	for w := range d.words {
		f, _, _ := strings.Cut(w, " ")
		d.first[f] = true
		if f != "" && f[0] < utf8.RuneSelf {
			d.firstByte[f[0]] = true
		}
		if rs := []rune(f); len(rs) >= 2 {
			d.pairs[runePair(rs[0], rs[1])] = true
		}
	}
	for up := range d.state {
		d.prefixes = append(d.prefixes, up)
	}
	sort.Slice(d.prefixes, func(i, j int) bool {
		a, b := utf8.RuneCountInString(d.prefixes[i]), utf8.RuneCountInString(d.prefixes[j])
		if a != b {
			return a > b
		}
		return d.prefixes[i] < d.prefixes[j]
	})
	return d, nil
}

// typeWord returns the canonical spelling of a type word ("quyết định" →
// "Quyết định"), "" for a generic word ("văn bản"); ok is false for other
// words.
func (d *docTypes) typeWord(s string) (name string, ok bool) {
	if d.ruledOut(s) {
		return "", false
	}
	var buf [64]byte
	name, ok = d.words[string(appendSearchKey(buf[:0], s))]
	return name, ok
}

// mayStartType reports whether word can be the first word of a type word.
func (d *docTypes) mayStartType(word string) bool {
	if d.ruledOut(word) {
		return false
	}
	var buf [64]byte
	return d.first[string(appendSearchKey(buf[:0], word))]
}

// ruledOut reports, by its first two bytes, that s cannot open with a
// type word: when both are ASCII its key opens with the first in lower
// case, as nothing composes with it or moves a tone onto it
// (TestMayStartTypeBytes, FuzzMayStartTypeBytes).
func (d *docTypes) ruledOut(s string) bool {
	if len(s) == 0 {
		return false
	}
	if s[0] < utf8.RuneSelf && (len(s) == 1 || s[1] < utf8.RuneSelf) {
		c := s[0]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !d.firstByte[c] {
			return true
		}
	}
	l0, l1, ok := keyHead(s)
	return ok && !d.pairs[runePair(l0, l1)]
}

// runePair packs two runes into a map key of a machine word.
func runePair(a, b rune) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// keyHead returns the first two runes of SearchKey(s) when they are sure
// without building it: both are letters Normalize leaves alone (or ASCII),
// the rune after them composes with neither, and no tone may move onto
// or off them (CanonicalTones moves a tone between a glide o or u, not
// after q, and a toned a, e or y). ok is false otherwise.
func keyHead(s string) (l0, l1 rune, ok bool) {
	infos := runeInfos()
	var rs [3]rune
	n, i := 0, 0
	for ; n < 3 && i < len(s); n++ {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
			if r < runeInfoFirst || r > runeInfoLast || !infos[r-runeInfoFirst].normal {
				return 0, 0, false
			}
			r = infos[r-runeInfoFirst].lower
		} else if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		rs[n] = r
		i += size
	}
	if n < 2 || rs[0] == 'o' || rs[0] == 'u' || (rs[1] == 'o' || rs[1] == 'u') && rs[0] != 'q' {
		return 0, 0, false
	}
	return rs[0], rs[1], true
}

// canonCode returns the canonical spelling of a symbol group: known codes
// in their official mixed case, others as written.
func (d *docTypes) canonCode(g string) string {
	var buf [32]byte // every group of every ref is asked: no string for the key
	if c, ok := d.canon[string(appendUpper(buf[:0], g))]; ok {
		return c
	}
	return g
}

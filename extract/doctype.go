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
	if len(s) == 0 || s[0] >= utf8.RuneSelf || len(s) > 1 && s[1] >= utf8.RuneSelf {
		return false
	}
	c := s[0]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return !d.firstByte[c]
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

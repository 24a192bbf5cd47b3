package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseNumWords(t *testing.T) {
	cases := []struct {
		in   string
		val  int64
		used string // the words read; "" means no number
	}{
		{"một", 1, "một"},
		{"hai hồ sơ", 2, "hai"},
		{"bốn", 4, "bốn"},
		{"năm", 5, "năm"},
		{"bẩy", 7, "bẩy"},
		{"mười", 10, "mười"},
		{"mười một", 11, "mười một"},
		{"mười hai mục tiêu", 12, "mười hai"},
		{"mười bốn", 14, "mười bốn"},
		{"mười lăm", 15, "mười lăm"},
		{"mười tư", 14, "mười tư"},
		{"hai mươi", 20, "hai mươi"},
		{"hai mươi mốt", 21, "hai mươi mốt"},
		{"hai mươi một", 21, "hai mươi một"},
		{"hai mươi tư", 24, "hai mươi tư"},
		{"hai mươi lăm", 25, "hai mươi lăm"},
		{"năm mươi", 50, "năm mươi"},
		{"chín mươi chín", 99, "chín mươi chín"},
		{"một trăm", 100, "một trăm"},
		{"một trăm linh năm", 105, "một trăm linh năm"},
		{"một trăm lẻ một", 101, "một trăm lẻ một"},
		{"hai trăm mười", 210, "hai trăm mười"},
		{"hai trăm ba mươi tư", 234, "hai trăm ba mươi tư"},
		{"ba nghìn", 3000, "ba nghìn"},
		{"ba ngàn", 3000, "ba ngàn"},
		{"một nghìn hai trăm", 1200, "một nghìn hai trăm"},
		{"hai nghìn không trăm", 2000, "hai nghìn"},
		{"một trăm nghìn", 100_000, "một trăm nghìn"},
		{"hai triệu ba trăm nghìn", 2_300_000, "hai triệu ba trăm nghìn"},
		{"năm tỷ", 5_000_000_000, "năm tỷ"},
		{"Mười hai", 12, "Mười hai"},
		{"Năm mươi", 50, "Năm mươi"},
		// "năm" after mười/mươi is the year: "mười năm" is ten years.
		{"mười năm", 10, "mười"},
		{"hai mươi năm qua", 20, "hai mươi"},
		// Dangling words are not read.
		{"một trăm linh", 100, "một trăm"},
		{"ba nghìn hai", 3000, "ba nghìn"},
		{"hai ba", 2, "hai"},
		{"mười Hai", 10, "mười"},
		{"nghìn nghìn", 0, ""},
		{"ba nghìn nghìn", 3000, "ba nghìn"},
		// Not numbers.
		{"mươi", 0, ""},
		{"trăm", 0, ""},
		{"nghìn hồ sơ", 0, ""},
		{"linh năm", 0, ""},
		{"mốt", 0, ""},
		{"tư", 0, ""},
		{"lăm", 0, ""},
		{"hàng trăm", 0, ""},
		{"", 0, ""},
		{"MƯỜI", 0, ""},
		{"mai", 0, ""},
	}
	for _, c := range cases {
		n, ok := parseNumWords(c.in, 0)
		if c.used == "" {
			if ok {
				t.Errorf("parseNumWords(%q) = %d (%q), want no number", c.in, n.val, c.in[:n.end])
			}
			continue
		}
		if !ok || n.val != c.val || c.in[:n.end] != c.used {
			t.Errorf("parseNumWords(%q) = %d %q %v, want %d %q", c.in, n.val, c.in[:n.end], ok, c.val, c.used)
		}
		if got := len(strings.Fields(c.used)); n.words != got {
			t.Errorf("parseNumWords(%q) read %d words, want %d", c.in, n.words, got)
		}
	}
}

// TestParseNumWordsOffset reads a number in the middle of text.
func TestParseNumWordsOffset(t *testing.T) {
	s := "đã ký mười hai văn bản"
	i := strings.Index(s, "mười")
	n, ok := parseNumWords(s, i)
	if !ok || n.val != 12 || s[i:n.end] != "mười hai" {
		t.Errorf("got %+v %v", n, ok)
	}
}

func FuzzParseNumWords(f *testing.F) {
	for _, s := range []string{"một trăm linh năm", "hai mươi mốt hồ sơ", "ba nghìn hai trăm", "mười năm", "tỷ tỷ tỷ", "năm mươi\u0301"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		n, ok := parseNumWords(s, i)
		if !ok {
			return
		}
		if n.end <= i || n.end > len(s) || n.val < 0 || n.words < 1 {
			t.Fatalf("parseNumWords(%q, %d) = %+v", s, i, n)
		}
	})
}

func TestMaxNumWordLen(t *testing.T) {
	for w := range numWords {
		if len(w) > maxNumWordLen {
			t.Errorf("%q is %d bytes, more than maxNumWordLen", w, len(w))
		}
	}
}

// TestMayBeNumWord: the shape test before the map look-up lets every
// number word through, and stops words that only share a first byte and
// a length with one.
func TestMayBeNumWord(t *testing.T) {
	for w := range numWords {
		if !mayBeNumWord(w) {
			t.Errorf("mayBeNumWord(%q) = false for a number word", w)
		}
	}
	for _, w := range []string{"trong", "", "và", "hồ", "được"} {
		if mayBeNumWord(w) {
			t.Errorf("mayBeNumWord(%q) = true", w)
		}
	}
}

// TestWordRuneAt checks the byte-level decoding of wordRuneAt against
// utf8 and isWordRune: every rune up to U+2FFF, a few beyond, and broken
// or cut sequences.
func TestWordRuneAt(t *testing.T) {
	var inputs []string
	for r := rune(0x80); r <= 0x2FFF; r++ {
		inputs = append(inputs, string(r), string(r)+"a")
	}
	inputs = append(inputs, "\U0001F600", "\uFFFD", "\xc3", "\xc3a", "\xe1", "\xe1\xba", "\xe1\xbaa", "\xe1\xb8\xc3",
		"\xcc", "\xcd\xb0", "\xc3\xc3", "\xe1\xbc\x80", "\xc0\x80", "\xed\xa0\x80",
		"\xa0", "\xba\xa0", "\xc3\xa0\xa0", "\xe1\xba\xa0\xa0", "\xf0\x9f\x98", "\xe2\x80")
	for _, s := range inputs {
		r, size := utf8.DecodeRuneInString(s)
		gr, gsize, ok := wordRuneAt(s, 0)
		if gr != r || gsize != size || ok != isWordRune(r) {
			t.Errorf("wordRuneAt(%q) = %U %d %v, want %U %d %v", s, gr, gsize, ok, r, size, isWordRune(r))
		}
		for _, b := range []string{s, "a" + s, "\xe1" + s, "\xc3" + s, "\xe1\xba" + s} {
			r, size := utf8.DecodeLastRuneInString(b)
			if gsize, ok := wordRuneBefore(b, len(b)); gsize != size || ok != isWordRune(r) {
				t.Errorf("wordRuneBefore(%q) = %d %v, want %d %v", b, gsize, ok, size, isWordRune(r))
			}
		}
	}
}

// wordEndPlain is wordEnd by its definition: the runes isWordRune
// accepts, decoded one by one.
func wordEndPlain(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r < utf8.RuneSelf {
			if c := byte(r); c|0x20 < 'a' || c|0x20 > 'z' {
				return i
			}
		} else if !isWordRune(r) {
			return i
		}
		i += size
	}
	return i
}

var wordEndSeeds = []string{"", "a", "nghiệp vụ", "trường", "Quyết định", "ế\xe1\xb8", "\xe1\xbb", "x\u0301y", "ab×c", "Ủy–ban", "đ\xe1\xbb\x80", "ǅa"}

// TestWordEndPlain and FuzzWordEnd check wordEnd's byte-level decoding
// against wordEndPlain at every offset.
func TestWordEndPlain(t *testing.T) { eachSeed(t, wordEndSeeds, checkWordEnd) }

func FuzzWordEnd(f *testing.F) { fuzzSeeds(f, wordEndSeeds, checkWordEnd) }

func checkWordEnd(t *testing.T, s string) {
	for i := range len(s) {
		if got, want := wordEnd(s, i), wordEndPlain(s, i); got != want {
			t.Fatalf("wordEnd(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

// checkNumWordTable: numWordSlots.getAt is the numWords map for every piece
// of s.
func checkNumWordTable(t *testing.T, s string) {
	for i := 0; i <= len(s); i++ {
		for j := i; j <= len(s) && j <= i+vocabKeyLen+1; j++ {
			got, gok := numWordSlots.getAt(s, i, j)
			want, wok := numWords[s[i:j]]
			if got != want || gok != wok {
				t.Fatalf("get(%q) = %+v %v, want %+v %v", s[i:j], got, gok, want, wok)
			}
		}
	}
}

var numWordTableSeeds = []string{"", "hai mươi", "Mười lăm nghìn", "một trăm linh năm", "tỷ tỉ lẻ mốt tư", "hai\x00", "Triệu triệuu", "ba mươi bảy bẩy chín ngàn"}

// TestNumWordTable and FuzzNumWordTable: the table finds what the map
// finds, every number word (as listed, with text around it) included.
func TestNumWordTable(t *testing.T) {
	eachSeed(t, numWordTableSeeds, checkNumWordTable)
	for w := range numWords {
		checkNumWordTable(t, " "+w+" x")
	}
}

func FuzzNumWordTable(f *testing.F) { fuzzSeeds(f, numWordTableSeeds, checkNumWordTable) }

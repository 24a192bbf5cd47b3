package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Quye\u0302\u0301t đi\u0323nh", "Quyết định"},
		{"n\u01CEm 2023", "năm 2023"},
		{"\u00D0ắk Lắk", "Đắk Lắk"},
		{"NĐ\u2011CP", "NĐ-CP"},
		{"Đưng K\u2019Nớ", "Đưng K'Nớ"},
		{"so\u00ADft", "soft"},
		{"a\u00A0b", "a b"},
		{"2021–2030", "2021–2030"},
	}
	for _, c := range cases {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchKey(t *testing.T) {
	same := [][2]string{
		{"Khánh Hoà", "khánh hòa"},
		{"THANH HOÁ", "Thanh Hóa"},
		{"Uỷ ban", "Ủy ban"},
		{"thuỷ", "thủy"},
		{"khoẻ", "khỏe"},
		{"Hoà Bình", "Hòa Bình"},
		{"Kho\u0301a", "Khóa"},
	}
	for _, p := range same {
		if a, b := SearchKey(p[0]), SearchKey(p[1]); a != b {
			t.Errorf("SearchKey(%q)=%q != SearchKey(%q)=%q", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"hoàn", "hòan"}, // closed syllable: the mark stays on a
		{"quý", "qúy"},   // qu is a consonant
	}
	for _, p := range different {
		if SearchKey(p[0]) == SearchKey(p[1]) {
			t.Errorf("SearchKey(%q) == SearchKey(%q), want different", p[0], p[1])
		}
	}
}

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Đắk Lắk", "dak lak"},
		{"cải cách thể chế", "cai cach the che"},
		{"Khánh Hoà", "khanh hoa"},
		{"Quye\u0302\u0301t", "quyet"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNormalStable checks IsNormal's table against golang.org/x/text:
// every character it lets through is NFC alone, cannot compose with a
// character before it, and is left alone by Normalize's full path, so a
// string of them is its own normal form.
func TestNormalStable(t *testing.T) {
	for r := rune(0x80); r <= 0x10FFFF; r++ {
		want := 0
		if normalStable(r) {
			want = len(string(r))
		}
		if got := normalLen(string(r)+"x", 0); got != want {
			t.Errorf("normalLen(%U) = %d, want %d", r, got, want)
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !normalStable(r) {
			continue
		}
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !norm.NFC.IsNormalString(s) || !p.BoundaryBefore() || p.CCC() != 0 {
			t.Errorf("%U: not a stable NFC starter", r)
		}
		if got := lookalikes.Replace(s); got != s {
			t.Errorf("%U: a look-alike (→ %q)", r, got)
		}
	}
	for _, s := range []string{"", "abc", "Quyết định số 12/QĐ-UBND – “nhanh” …", "\xff", "a\u0301", "a\u00A0b", "\u2000"} {
		slow := norm.NFC.String(lookalikes.Replace(norm.NFC.String(s)))
		if IsNormal(s) && slow != s {
			t.Errorf("IsNormal(%q) but the full path gives %q", s, slow)
		}
	}
}

// slowScanNormal is scanNormal's definition, one character at a time:
// every character normalStable (valid UTF-8), and with oneLine no byte
// that breaksLine.
func slowScanNormal(s string, oneLine bool) bool {
	for i, r := range s {
		if !normalStable(r) { // U+FFFD, what invalid bytes decode to, is not
			return false
		}
		if oneLine && r < utf8.RuneSelf && breaksLine(s, i) {
			return false
		}
	}
	return true
}

// TestScanNormal: the eight-byte steps of scanNormal stop at the right
// byte wherever a character or a line break falls in or across a word.
func TestScanNormal(t *testing.T) {
	cases := []struct {
		s             string
		normal, oneLn bool
	}{
		{"", true, true},
		{"abcdefgh", true, true},
		{"abcdefghijklmnop", true, true},
		{"abcdefg\u1ec7", true, true},                    // ệ across the word's end
		{"abcdefgh\u1ec7ijklmnopq", true, true},          // after a whole word
		{"Quyết định số 12/QĐ-UBND", true, true},         // mixed
		{"abcdefg\u0301", false, false},                  // a combining mark at the word's end
		{"abcdefghijklmno\u2011", false, false},          // a look-alike after two words
		{"abcdefghijklmnopqrstuvwxyz\xff", false, false}, // invalid at the end
		{"abc\xe1\xbb", false, false},                    // a letter cut short
		{"abcdefgh\nijk", true, false},
		{"abcdefg\tx", true, false},
		{"abcdefg  x", true, false},
		{"a b c d e f g h i", true, true},
		{"abcdefgh ijklmnop  q", true, false},
		{"\x01\x02\x03\x04\x05\x06\x07\x08", true, true}, // controls that do not break a line
		{"\x0b\x0c", true, false},
		{"abcdefg\x7f\x80", false, false},
		{"a b c d e f g h i j k l m n o p", true, true},
		{"abcdefgh  ijklmnop", true, false},        // two spaces starting a word
		{"abcdefg \u1ec7bcdefg  ijk", true, false}, // inside a word after a letter
		{"abcdefghijklmno  ", true, false},         // across two words, at the end
		{"abcdefghijklmno\x01\x1fq", true, true},   // control bytes that break nothing
		{"abcdefghijklmno\x1bq\x0c", true, false},
		// Letters cut by the eight-byte words; continuation bytes out of place.
		{"\xbbabcdefghijk", false, false},               // one to start
		{"abcdefg\xe1\xbb\x87bcdefgh", true, true},      // a letter across two blocks
		{"abcdefgh\x87bcdefgh", false, false},           // one after ASCII
		{"abcdefg\xe1\xbb\x87\x87bcdefg", false, false}, // one too many
		{"abcdefg\xe1\xbbbcdefgh", false, false},        // one too few
		{"abcdefghijklmno\xc3", false, false},           // cut at the end
		{"abcdefghijklmn\xc3\xa0\xa0", false, false},    // one too many in the tail
		{"ệệệệệệệệệệ", true, true},
		{"abcdefgh\xf0\x9d\x84\x9e", false, false}, // a character from another plane
	}
	for _, c := range cases {
		if got := IsNormal(c.s); got != c.normal {
			t.Errorf("IsNormal(%q) = %v, want %v", c.s, got, c.normal)
		}
		if got := scanNormal(c.s, false); got != c.normal || got != slowScanNormal(c.s, false) {
			t.Errorf("scanNormal(%q, false) = %v, want %v", c.s, got, c.normal)
		}
		if got := scanNormal(c.s, true); got != c.oneLn || got != slowScanNormal(c.s, true) {
			t.Errorf("scanNormal(%q, true) = %v, want %v", c.s, got, c.oneLn)
		}
	}
}

// FuzzNormalize: the quick path agrees with the full one.
// TestIsOneLineMarks: isOneLine tells a line that may hold a Marker
// wherever the marker's lead byte stands (in a word of eight, across two,
// in the tail), and no other.
func TestIsOneLineMarks(t *testing.T) {
	for _, tc := range []struct {
		s          string
		one, marks bool
	}{
		{"", true, false},
		{"Quyết định số 12", true, false},
		{Marker(3) + " đầu dòng", true, true},
		{"giữa câu" + Marker(12) + " và sau", true, true},
		{"abcdefg" + Marker(1), true, true}, // the lead byte ends a word of eight
		{"abcdefghijklmnop" + Marker(7), true, true},
		{"abc" + Marker(1) + "defghijklm	x", false, false}, // not one line: marks unused
		{"abcdefgh  " + Marker(1), false, false},
		{"ABCDEFGHîn", true, false}, // î is C3 AE: no EE byte
	} {
		one, marks := isOneLine(tc.s)
		if one != tc.one || one && marks != tc.marks {
			t.Errorf("isOneLine(%q) = %v, %v; want %v, %v", tc.s, one, marks, tc.one, tc.marks)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Quyết định", "a  b", "a\tb\n", "\uE0001\uE001 x", "a\u0301", "n\u01CEm", "\xff\xfe", "2021–2030 “x”", "ệ\u0323", "abcdefg  hij", "abcdefgh ijklmno  pq", "abcdefg\tb", "abcdefgh\vxxxxxxx  ", "1234567 \x20bc", "abcdefg\u0301", "abcdefgh\u1ec7ijklmnop\t", "abcdefghijklmnopqrstuvw\xe1\xbb", "abcdefgh\uE0001\uE001 xyz", "\uE000abcdefghijkl", "abcdefghijklmno\uE000", "abcdefgh\uE000\tx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		full := norm.NFC.String(lookalikes.Replace(norm.NFC.String(s)))
		if got := Normalize(s); got != full {
			t.Errorf("Normalize(%q) = %q, full path %q", s, got, full)
		}
		// Builder.Add's quick test: its normalising steps would not
		// change the line.
		line := collapseSpaces(strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == '\t' || r == '\v' || r == '\f' {
				return ' '
			}
			return r
		}, full))
		if isOneNormalLine(s) && line != s {
			t.Errorf("isOneNormalLine(%q) but Add's steps give %q", s, line)
		}
		byBytes := true
		for i := range len(s) {
			byBytes = byBytes && !breaksLine(s, i)
		}
		one, marks := isOneLine(s)
		if one != byBytes {
			t.Errorf("isOneLine(%q) = %v, byte by byte %v", s, one, byBytes)
		}
		// Add looks for a Marker only where isOneLine saw its lead byte.
		if one && marks != strings.Contains(s, "\xEE") {
			t.Errorf("isOneLine(%q) tells marks %v", s, marks)
		}
		// NormalPrefix: normal up to it, not with the next character.
		k := NormalPrefix(s)
		_, next := utf8.DecodeRuneInString(s[k:])
		if !slowScanNormal(s[:k], false) || k < len(s) && slowScanNormal(s[:k+next], false) {
			t.Errorf("NormalPrefix(%q) = %d", s, k)
		}
		for _, one := range []bool{false, true} {
			if got, want := scanNormal(s, one), slowScanNormal(s, one); got != want {
				t.Errorf("scanNormal(%q, %v) = %v, character by character %v", s, one, got, want)
			}
		}
		if IsNormal(s) && one != isOneNormalLine(s) {
			t.Errorf("IsNormal(%q), isOneLine %v, isOneNormalLine %v", s, one, isOneNormalLine(s))
		}
	})
}

// BenchmarkIsNormal scans the Markdown and text samples (the UTF-8 ones),
// as every ingested text is scanned once.
func BenchmarkIsNormal(b *testing.B) {
	var texts []string
	var size int64
	for _, pat := range []string{"*.md", "*.txt"} {
		names, _ := filepath.Glob(filepath.Join("..", "testdata", "docs", pat))
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				b.Fatal(err)
			}
			if utf8.Valid(data) {
				texts = append(texts, string(data))
				size += int64(len(data))
			}
		}
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, t := range texts {
			IsNormal(t)
		}
	}
}

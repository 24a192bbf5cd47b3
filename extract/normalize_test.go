package extract

import (
	"strings"
	"testing"

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

// FuzzNormalize: the quick path agrees with the full one.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Quyết định", "a  b", "a\tb\n", "\uE0001\uE001 x", "a\u0301", "n\u01CEm", "\xff\xfe", "2021–2030 “x”", "ệ\u0323", "abcdefg  hij", "abcdefgh ijklmno  pq", "abcdefg\tb", "abcdefgh\vxxxxxxx  ", "1234567 \x20bc"} {
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
		oneLine := true
		for i := range len(s) {
			oneLine = oneLine && !breaksLine(s, i)
		}
		if isOneLine(s) != oneLine {
			t.Errorf("isOneLine(%q) = %v, byte by byte %v", s, isOneLine(s), oneLine)
		}
		if IsNormal(s) && isOneLine(s) != isOneNormalLine(s) {
			t.Errorf("IsNormal(%q), isOneLine %v, isOneNormalLine %v", s, isOneLine(s), isOneNormalLine(s))
		}
	})
}

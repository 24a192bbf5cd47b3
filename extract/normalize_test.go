package extract

import "testing"

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

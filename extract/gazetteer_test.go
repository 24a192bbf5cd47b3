package extract

import "testing"

func TestGazetteerUnits(t *testing.T) {
	g, err := LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		day  string
		want int
	}{{"2023-03-15", 63}, {"2025-03-01", 63}, {"2025-07-01", 34}, {"2026-01-10", 34}} {
		if got := len(g.Units(c.day)); got != c.want {
			t.Errorf("Units(%s) = %d, want %d", c.day, got, c.want)
		}
	}
}

func TestGazetteerLookup(t *testing.T) {
	g, err := LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"Khánh Hoà":             "Khánh Hòa",
		"tỉnh Khánh Hòa":        "Khánh Hòa",
		"KHÁNH HÒA":             "Khánh Hòa",
		"khanh_hoa":             "Khánh Hòa",
		"Quang-Ninh":            "Quảng Ninh",
		"TP.HCM":                "Hồ Chí Minh",
		"Thành phố Hồ Chí Minh": "Hồ Chí Minh",
		"Thanh Hoá":             "Thanh Hóa",
		"Đắc Lắc":               "Đắk Lắk",
		"Bà Rịa – Vũng Tàu":     "Bà Rịa - Vũng Tàu",
		"Thừa Thiên - Huế":      "Thừa Thiên Huế",
		"Nghệ An":               "Nghệ An",
	}
	for in, want := range cases {
		if got, ok := g.Lookup(in); !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if got, ok := g.Lookup("Bộ Nội vụ"); ok {
		t.Errorf("Lookup(Bộ Nội vụ) = %q, want no match", got)
	}
}

func TestGazetteerFind(t *testing.T) {
	g, _ := LoadGazetteer()
	cases := []struct{ text, want string }{
		{"ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ", "Khánh Hòa"},
		{"công tác CCHC của tỉnh Nghệ An trong quý", "Nghệ An"},
		{"UBND tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu"},
		{"cải cách hành chính năm nay", ""},
	}
	for _, c := range cases {
		got, sp, ok := g.Find(Normalize(c.text))
		if got != c.want || ok != (c.want != "") {
			t.Errorf("Find(%q) = %q, %v", c.text, got, ok)
		}
		if ok && SearchKey(Normalize(c.text)[sp.Start:sp.End]) == "" {
			t.Errorf("empty span for %q", c.text)
		}
	}
}

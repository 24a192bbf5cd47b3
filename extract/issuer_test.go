package extract

import (
	"testing"
	"unicode/utf8"
)

func TestIssuerCanonical(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ":                "UBND tỉnh Khánh Hòa",
		"UBND TỈNH PHÚ THỌ SỞ NỘI VỤ":                   "Sở Nội vụ tỉnh Phú Thọ",
		"ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI":              "UBND thành phố Hà Nội",
		"BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH":               "Bộ Văn hóa, Thể thao và Du lịch",
		"Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc":           "Ủy ban Dân tộc",
		"Chủ tịch UBND tỉnh Gia Lai":                    "UBND tỉnh Gia Lai",
		"TỈNH ỦY LÂM ĐỒNG":                              "Tỉnh ủy Lâm Đồng",
		"NGÂN HÀNG NHÀ NƯỚC VIỆT NAM":                   "Ngân hàng Nhà nước Việt Nam",
		"TÒA ÁN NHÂN DÂN TỐI CAO":                       "Tòa án nhân dân tối cao",
		"THỦ TƯỚNG CHÍNH PHỦ":                           "Thủ tướng Chính phủ",
		"HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG":               "HĐND tỉnh Lâm Đồng",
		"ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA (sau hợp nhất)": "UBND tỉnh Khánh Hòa",
	} {
		m, ok := e.issuers.Canonical(in)
		if !ok || m.Canonical != want {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, m.Canonical, ok, want)
		}
	}
	if _, ok := e.issuers.Canonical("TRANG CHỦ TIN TỨC"); ok {
		t.Error("chrome matched an issuer")
	}
}

// FuzzIssuerMatch: any text, any start: no panic, and a match lies inside
// the text on rune boundaries.
func FuzzIssuerMatch(f *testing.F) {
	for _, s := range []string{"của Bộ Văn hóa, Thể thao và Du lịch về", "của UBND tỉnh Khánh Hòa.", "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc", "Sở Nội vụ TP. Hồ Chí Minh", "\xffBộ"} {
		f.Add(s, 0)
	}
	e, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, p int) {
		if p < 0 || p > len(s) {
			return
		}
		m, ok := e.issuers.Match(s, p)
		if !ok {
			return
		}
		if m.Span.Start < p || m.Span.End > len(s) || m.Span.Start >= m.Span.End {
			t.Fatalf("span %v outside [%d, %d)", m.Span, p, len(s))
		}
		if utf8.ValidString(s) && !utf8.ValidString(s[m.Span.Start:m.Span.End]) {
			t.Fatalf("span %v cuts a rune", m.Span)
		}
		if m.Canonical == "" {
			t.Fatal("a match without a canonical name")
		}
	})
}

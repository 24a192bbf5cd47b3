package legacy

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func mustNew(t testing.TB) *Converter {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConvert(t *testing.T) {
	c := mustNew(t)
	for _, tc := range []struct {
		enc      Encoding
		in, want string
		capitals bool
	}{
		{TCVN3, "C«ng t¸c chØ ®¹o, ®iÒu hµnh c¶i c¸ch hµnh chÝnh", "Công tác chỉ đạo, điều hành cải cách hành chính", false},
		{TCVN3, "Uû ban nh©n d©n tØnh Kh¸nh Hoµ", "Uỷ ban nhân dân tỉnh Khánh Hoà", false},
		{TCVN3, "n\u00adíc, tr\u00adêng, ng\u00adêi", "nước, trường, người", false},
		{TCVN3, "§¶ng bé, ¦u tiªn, ¥ng", "Đảng bộ, Ưu tiên, Ơng", false},
		{TCVN3, "c¶i c¸ch hµnh chÝnh", "CẢI CÁCH HÀNH CHÍNH", true},
		{VNI, "Coâng taùc chæ ñaïo, ñieàu haønh caûi caùch haønh chính", "Công tác chỉ đạo, điều hành cải cách hành chính", false},
		{VNI, "Ñaûng boä, ngöôøi, nöôùc, Uyû ban, kyõ thuaät, ñôn vò", "Đảng bộ, người, nước, Uỷ ban, kỹ thuật, đơn vị", false},
		{VNI, "COÂNG TAÙC CHÆ ÑAÏO", "CÔNG TÁC CHỈ ĐẠO", false},
		{VNI, "Quyeát ñònh soá 30/2020/NÑ-CP", "Quyết định số 30/2020/NĐ-CP", false},
	} {
		if got := c.Convert(tc.enc, tc.in, tc.capitals); got != tc.want {
			t.Errorf("%s %q: got %q, want %q", tc.enc, tc.in, got, tc.want)
		}
	}
}

// TestRoundTrip: every Vietnamese letter survives Encode then Convert, in
// both encodings (TCVN3 loses only the case of toned capitals).
func TestRoundTrip(t *testing.T) {
	c := mustNew(t)
	var letters []string
	for _, line := range strings.Split(tablesTSV, "\n") {
		if f := strings.Split(line, "\t"); len(f) == 3 && !strings.HasPrefix(line, "#") && f[0] != "unicode" {
			letters = append(letters, f[0])
		}
	}
	if len(letters) != 134 {
		t.Fatalf("%d letters in the table, want 134 (67 letters × 2 cases)", len(letters))
	}
	text := strings.Join(letters, " ")
	if got := c.Convert(VNI, c.Encode(VNI, text), false); got != text {
		t.Errorf("VNI round trip:\n got %q\nwant %q", got, text)
	}
	if got := c.Convert(TCVN3, c.Encode(TCVN3, text), false); got != strings.ToLower(text) && strings.ToLower(got) != strings.ToLower(text) {
		t.Errorf("TCVN3 round trip:\n got %q\nwant %q", got, text)
	}
	for _, l := range letters {
		if e := c.Encode(TCVN3, strings.ToLower(l)); utf8.RuneCountInString(e) != 1 {
			t.Errorf("TCVN3 code of %q is %q, want one byte", l, e)
		}
	}
}

func TestRepair(t *testing.T) {
	c := mustNew(t)
	body := "I. C¤NG T¸C CHØ §¹O, §IÒU HµNH\nN¨m 2023, Uû ban nh©n d©n tØnh ®· ban hµnh 12 v¨n b¶n chØ ®¹o vÒ c¶i c¸ch hµnh chÝnh.\n"
	got, ok := c.Repair(TCVN3, body)
	if !ok {
		t.Fatalf("not confident: %q", got)
	}
	want := "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\nNăm 2023, Uỷ ban nhân dân tỉnh đã ban hành 12 văn bản chỉ đạo về cải cách hành chính.\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// VNI text read as TCVN3 leaves accents inside words: not confident.
	if out, ok := c.Repair(TCVN3, "Coâng taùc chæ ñaïo ñieàu haønh caûi caùch haønh chính cuûa tænh"); ok {
		t.Errorf("VNI text accepted as TCVN3: %q", out)
	}
}

func TestFont(t *testing.T) {
	for _, tc := range []struct {
		name string
		enc  Encoding
		caps bool
	}{
		{".VnTime", TCVN3, false}, {".VnTimeH", TCVN3, true}, {"ABCDEF+.VnArialH", TCVN3, true},
		{"VnTimes", TCVN3, false}, {".VnTimeH,Bold", TCVN3, true}, {"VNI-Times", VNI, false},
		{"VNI_Helve", VNI, false}, {"Times New Roman", "", false}, {"Vntime", "", false}, {"Verdana", "", false},
	} {
		enc, caps := Font(tc.name)
		if enc != tc.enc || caps != tc.caps {
			t.Errorf("Font(%q) = %q, %v; want %q, %v", tc.name, enc, caps, tc.enc, tc.caps)
		}
	}
}

func FuzzConvert(f *testing.F) {
	c := mustNew(f)
	f.Add("C«ng t¸c chØ ®¹o", true)
	f.Add("Coâng taùc", false)
	f.Fuzz(func(t *testing.T, s string, vni bool) {
		enc := TCVN3
		if vni {
			enc = VNI
		}
		out, _ := c.Repair(enc, s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q", s)
		}
		_ = c.Encode(enc, out)
	})
}

func TestSyllables(t *testing.T) {
	valid, total := Syllables("Người gì giữa quyết nghiêng khuya Uỷ ban, UBND online; taực chổ ủaùo")
	if total != 9 || valid != 7 {
		t.Errorf("valid %d of %d, want 7 of 9 (chổ is well-formed)", valid, total)
	}
}

func TestCapitalise(t *testing.T) {
	for in, want := range map[string]string{
		"CÔNG TáC CHỉ ĐạO":   "CÔNG TÁC CHỈ ĐẠO",
		"Sở NộI Vụ":          "SỞ NỘI VỤ",
		"Số: 72/BC-UBND":     "Số: 72/BC-UBND",
		"Tá Bộ":              "Tá Bộ",
		"Sở Nội vụ tỉnh Đắk": "Sở Nội vụ tỉnh Đắk",
	} {
		if got := capitalise(in); got != want {
			t.Errorf("capitalise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSyllablesAndCodes: "điều" (the nucleus iêu) is a syllable and "QĐ"
// an abbreviation; text with a letter beyond Windows-1252 cannot be
// legacy codes.
func TestSyllablesAndCodes(t *testing.T) {
	if v, n := Syllables("điều hành QĐ-UBND HĐND"); v != n || n != 4 {
		t.Errorf("Syllables: %d of %d", v, n)
	}
	if !Codes("C«ng t¸c – “x”") || Codes("Công tác chỉ đạo") {
		t.Error("Codes")
	}
}

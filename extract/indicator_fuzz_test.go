package extract

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var reFuzzFootnote = regexp.MustCompile(`^\[\^[0-9]{1,9}\] `)

// FuzzIndicators runs the indicator rules — narrative, lists, footnotes
// and appendix tables — on arbitrary text: no panic, spans inside the
// text, conflicts paired with their diagnostic.
func FuzzIndicators(f *testing.F) {
	for _, s := range []string{
		"Tiếp nhận 19.630 hồ sơ, trong đó 12.000 hồ sơ trực tuyến.",
		"Kết quả:\n- Tổng số hồ sơ tiếp nhận: 19.630\n- Trực tuyến: 12.000",
		"Chỉ số CCHC năm 2022 đạt 85,66%, xếp thứ 11/63 tỉnh, thành phố.",
		"| STT | Nội dung | Đơn vị tính | Số liệu\n| 1 | Tổng số hồ sơ tiếp nhận | Hồ sơ | 19.630\n| 1.1 | Trong đó: trực tuyến | Hồ sơ | 12.000",
		"| STT Nội dung | Đơn vị tính Số liệu\n| 1 Số hồ sơ | Hồ sơ 46.215\nnhận\n| 2 | Xếp hạng | Thứ hạng | 8/63",
		"Đã mở 16 lớp.\n[^1] Trong đó có 04 lớp tập huấn cho 1.200 lượt cán bộ.",
		"xếp thứ 99/9 và đạt 1.2.3% thứ /",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 1<<14 {
			return
		}
		in = strings.ToValidUTF8(in, "")
		// countDoc reads "[^N] " lines as footnotes; other "[^" lines are
		// malformed test input, not report text.
		for _, line := range strings.Split(in, "\n") {
			if strings.HasPrefix(line, "[^") && !reFuzzFootnote.MatchString(line) {
				return
			}
		}
		r := indicatorsOf(t, countDoc(t, in), 2023)
		checkIndicatorInvariants(t, r)
	})
}

var vnNumberSeeds = []string{
	"", "0", "06", "100", "1.455.775", "86,38", "98.5", "12.000", "1.234,5", "1.23.4", "1,2,3", "1234.567",
	".123", "0.123", "12.", "1..234", "1.2345", "123456789012345", "1234567890123456", "1.234.567.890.123",
	"1.234.567.890.123.456", "9.999", "1000.000", "12,", ",5", "1.000,25", "00.000", "1e5", "+12", "12 3",
}

// TestParseVNNumberFast checks the one-pass reading of whole numbers
// against parseVNNumberSlow on tricky shapes; FuzzParseVNNumber on any.
func TestParseVNNumberFast(t *testing.T) { eachSeed(t, vnNumberSeeds, checkVNNumber) }

func FuzzParseVNNumber(f *testing.F) { fuzzSeeds(f, vnNumberSeeds, checkVNNumber) }

func checkVNNumber(t *testing.T, s string) {
	v, integer, ok := parseVNNumber(s)
	wv, winteger, wok := parseVNNumberSlow(s)
	if v != wv || integer != winteger || ok != wok {
		t.Fatalf("parseVNNumber(%q) = %v %v %v, want %v %v %v", s, v, integer, ok, wv, winteger, wok)
	}
}

var opensBreakdownSeeds = []string{
	"", "Trong đó có 03 kế hoạch", "TRONG ĐÓ: 05 hồ sơ", "trong đó", "Bao gồm 12 văn bản", "gồm", "Cụ thể: 04 lớp",
	"cu the", "Gồm\u0300", "g\u0300ồm", "\u00ADTrong đó", "\u200BGồm có", "Quyết định số 12", "5 hồ sơ", "Ṭrong đó",
	"Trong đó có 03 kế hoạch và nhiều văn bản khác", "xyz\xff", "Ｔrong đó",
}

// TestOpensBreakdown and FuzzOpensBreakdown: opensBreakdown answers as
// the SearchKey of the head does.
func TestOpensBreakdown(t *testing.T) { eachSeed(t, opensBreakdownSeeds, checkOpensBreakdown) }

func FuzzOpensBreakdown(f *testing.F) { fuzzSeeds(f, opensBreakdownSeeds, checkOpensBreakdown) }

func checkOpensBreakdown(t *testing.T, text string) {
	head := text
	if len(head) > 24 {
		n := 24
		for n < len(head) && !utf8.RuneStart(head[n]) {
			n++
		}
		head = head[:n]
	}
	k, want := SearchKey(head), false
	for _, m := range breakdownOpeners {
		want = want || strings.HasPrefix(k, m)
	}
	if got := opensBreakdown(text); got != want {
		t.Fatalf("opensBreakdown(%q) = %v, want %v (key %q)", text, got, want, k)
	}
}

// plainHits is how tokenize found the terms before termStart: every term
// of the word's first-word list compared word by word.
func plainHits(m *indMatcher, toks []itok) []termHit {
	var hits []termHit
	for i, tk := range toks {
		if tk.kind != itWord {
			continue
		}
		for id, p := range m.terms {
			if !tk.key.matches(p[0]) {
				continue
			}
			j := 1
			for j < len(p) && i+j < len(toks) && toks[i+j].kind == itWord && toks[i+j].key.matches(p[j]) {
				j++
			}
			if j == len(p) {
				hits = append(hits, termHit{id: id, from: i, to: i + j})
			}
		}
	}
	return hits
}

var termHitSeeds = []string{
	"", "Tiếp nhận 19.630 hồ sơ, trong đó 12.000 hồ sơ trực tuyến.", "TIEP NHAN 19.630 HO SO TRUC TUYEN",
	"tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,42%", "hồ hồ sơ sơ trực", "xếp thứ 11/63, chỉ số CCHC đạt 85,66 điểm",
	"cải cách hành chính thủ tục hành chính dịch vụ công trực tuyến toàn trình",
}

// TestTermHits and FuzzTermHits: the terms tokenize finds are those of
// plainHits, in the same order.
func TestTermHits(t *testing.T) { eachSeed(t, termHitSeeds, checkTermHits) }

func FuzzTermHits(f *testing.F) { fuzzSeeds(f, termHitSeeds, checkTermHits) }

func checkTermHits(t *testing.T, s string) {
	cat, err := DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	x := &indScan{m: cat.m}
	x.tokenize(s)
	want := plainHits(cat.m, x.toks)
	// Per word, tokenize lists the hits in the order of the first-word
	// list, which is id order, as plainHits does.
	if len(x.hits) != len(want) || len(x.hits) > 0 && !slices.Equal(x.hits, want) {
		t.Fatalf("tokenize(%q) hits %v, want %v", s, x.hits, want)
	}
}

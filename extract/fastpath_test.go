package extract

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The rules' hand-written fast paths are checked here against the plain
// definitions they replace (a regexp, a per-rune loop): each test runs
// a table of tricky inputs, and the fuzz targets any input.

// plainTokens is appendTokens by definition: runs of letters, digits and
// combining marks.
func plainTokens(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			out = append(out, token{text: text[start:i], start: start, end: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token{text: text[start:], start: start, end: len(text)})
	}
	return out
}

// eachSeed runs check on every seed: the table half of a fast-path test.
func eachSeed(t *testing.T, seeds []string, check func(*testing.T, string)) {
	for _, s := range seeds {
		check(t, s)
	}
}

// fuzzSeeds fuzzes check from seeds: the other half.
func fuzzSeeds(f *testing.F, seeds []string, check func(*testing.T, string)) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(check)
}

var fastPathSeeds = []string{
	"", "a", "Bộ Nội vụ, Sở Tư pháp", "UBND tỉnh Khánh Hoà", "x\u0301y", "٣٤ số", "\xff\xfeab", "30/2020/NĐ-CP ngày 5/3/2020",
	"×÷ƻǀ", "Ủy ban nhân dân TP. Hồ Chí Minh;", "ngày 27 tháng 10 năm 2007", "QUÝ IV/2023", "6 tháng đầu năm 2024",
}

func TestAppendTokensPlain(t *testing.T) {
	eachSeed(t, fastPathSeeds, checkTokens)
}

func FuzzAppendTokens(f *testing.F) {
	fuzzSeeds(f, fastPathSeeds, checkTokens)
}

func checkTokens(t *testing.T, s string) {
	got, want := tokenize(s), plainTokens(s)
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("tokenize(%q) = %v, want %v", s, got, want)
	}
}

// plainMostlyUpper is mostlyUpper by definition.
func plainMostlyUpper(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up >= 3 && up > 3*low
}

// TestMostlyUpperRange: in Ạ…ỹ capitals stand at even codes.
func TestMostlyUpperRange(t *testing.T) {
	for r := rune(0x1EA0); r <= 0x1EF9; r++ {
		if unicode.IsUpper(r) != (r&1 == 0) || unicode.IsLower(r) != (r&1 == 1) {
			t.Errorf("%U %c breaks the parity rule", r, r)
		}
	}
}

func checkMostlyUpper(t *testing.T, s string) {
	if got, want := mostlyUpper(s), plainMostlyUpper(s); got != want {
		t.Errorf("mostlyUpper(%q) = %v, want %v", s, got, want)
	}
}

func TestMostlyUpperPlain(t *testing.T) {
	eachSeed(t, append(fastPathSeeds, "BÁO CÁO KẾT QUẢ", "ỦY BAN NHÂN DÂN tỉnh", "ABc", "AB", "ABCd efgh", "ẠẠẠạ", "ẠẠẠẠạ", "Ǆǅǆ ABC"), checkMostlyUpper)
}

func FuzzMostlyUpper(f *testing.F) { fuzzSeeds(f, fastPathSeeds, checkMostlyUpper) }

// plainWordsAfter and plainWordsBefore are citeWordsAfter and
// citeWordsBefore by definition: letters and combining marks, per rune.
func plainWordsAfter(t string, p, limit, n int) []Span {
	var ws []Span
	for len(ws) < n {
		for p < limit && t[p] == ' ' {
			p++
		}
		s := p
		for p < limit {
			r, sz := citeRuneAt(t, p)
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			p += sz
		}
		if p == s {
			break
		}
		ws = append(ws, Span{s, p})
		if p < limit && t[p] != ' ' {
			break
		}
	}
	return ws
}

func plainWordsBefore(t string, p, limit, n int) []Span {
	var ws []Span
	for len(ws) < n {
		for p > limit && t[p-1] == ' ' {
			p--
		}
		e := p
		for p > limit {
			r, sz := citeRuneBefore(t, p)
			if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			p -= sz
		}
		if p == e {
			break
		}
		ws = append(ws, Span{p, e})
		if p > limit && t[p-1] != ' ' {
			break
		}
	}
	return ws
}

func checkWords(t *testing.T, s string) {
	for p := 0; p <= len(s); p++ {
		for _, limit := range []int{0, p / 2} {
			got, want := citeWordsBefore(nil, s, p, limit, 6), plainWordsBefore(s, p, limit, 6)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("citeWordsBefore(%q, %d, %d) = %v, want %v", s, p, limit, got, want)
			}
		}
		for _, limit := range []int{len(s), (p + len(s)) / 2} {
			got, want := citeWordsAfter(nil, s, p, limit, 4), plainWordsAfter(s, p, limit, 4)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("citeWordsAfter(%q, %d, %d) = %v, want %v", s, p, limit, got, want)
			}
		}
	}
}

func TestCiteWordsPlain(t *testing.T) {
	eachSeed(t, fastPathSeeds, checkWords)
}

func FuzzCiteWords(f *testing.F) {
	fuzzSeeds(f, fastPathSeeds, checkWords)
}

var fastPathExtractor = sync.OnceValue(func() *Extractor {
	e, err := New()
	if err != nil {
		panic(err)
	}
	return e
})

// checkIssuerReads: startsWithIssuer, which tokenises only as far as
// MatchAt reads (maxRead), answers as MatchAt over every token; and
// MatchWhole, memoised, as Match at 0 to the end of the name.
func checkIssuerReads(t *testing.T, s string) {
	e := fastPathExtractor()
	toks := tokenize(s)
	_, _, want := e.issuers.MatchAt(s, toks, 0)
	want = want && len(toks) > 0 && toks[0].start == 0
	if got := e.startsWithIssuer(s); got != want {
		t.Errorf("startsWithIssuer(%q) = %v, want %v", s, got, want)
	}
	if got, want := fmt.Sprint(e.issuers.Match(s, 0)), fmt.Sprint(matchPlain(e.issuers, s)); got != want {
		t.Errorf("Match(%q, 0) = %s, want %s", s, got, want)
	}
	for range 2 { // the second time from the memo
		m, ok := e.issuers.MatchWhole(s)
		wm, wok := e.issuers.Match(s, 0)
		wok = wok && wm.Span.End == len(s)
		if ok != wok || ok && !reflect.DeepEqual(m, wm) {
			t.Errorf("MatchWhole(%q) = %+v %v, want %+v %v", s, m, ok, wm, wok)
		}
	}
}

// matchPlain is Match at 0 as first written: the line cut first, then
// its first tokens read at once.
func matchPlain(is *Issuers, s string) (IssuerMatch, bool) {
	end := min(len(s), 240)
	for end > 0 && end < len(s) && !utf8.RuneStart(s[end]) {
		end--
	}
	seg, _, _ := strings.Cut(s[:end], "\n")
	toks := appendTokens(nil, seg, 0, 2*is.maxTokens+is.provinces.maxTokens+2)
	if r, _ := utf8.DecodeRuneInString(seg); !unicode.IsUpper(r) || len(toks) == 0 || toks[0].start != 0 || !toks[0].keyIn(is.firsts) {
		return IssuerMatch{}, false
	}
	m, _, ok := is.MatchAt(seg, toks, 0)
	return m, ok
}

var issuerSeeds = []string{
	"Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc", "Chủ tịch Ủy ban nhân dân thành phố trực thuộc trung ương Hà Nội về",
	"Sở Nội vụ tỉnh Khánh Hòa", "UBND tỉnh", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HOÀ SỞ NỘI VỤ", "Bộ Văn hóa, Thể thao và Du lịch",
	"Thủ tướng Chính phủ", "Chính phủ ban hành", "Ngân hàng Nhà nước Việt Nam", "Tỉnh ủy Quảng Ninh",
	"Bộ\nNội vụ", "UBND tỉnh\nKhánh Hòa", "Sở Nội vụ\n", "Bộ Nội\nvụ", "Sở\n", "\nBộ Nội vụ", "Bộ-\nTư pháp",
}

func TestIssuerReads(t *testing.T) {
	eachSeed(t, append(issuerSeeds, fastPathSeeds...), checkIssuerReads)
}

func FuzzIssuerReads(f *testing.F) {
	fuzzSeeds(f, issuerSeeds, checkIssuerReads)
}

// reRecipientSep is what splitRecipients splits at.
var reRecipientSep = regexp.MustCompile(`;|\s[-–•+]\s|^[-–•+]\s`)

func checkSplitRecipients(t *testing.T, s string) {
	if got, want := splitRecipients(s), reRecipientSep.Split(s, -1); !reflect.DeepEqual(got, want) {
		t.Errorf("splitRecipients(%q) = %q, want %q", s, got, want)
	}
}

var recipientSeeds = []string{
	"", ";", "- UBND tỉnh; - Sở Nội vụ", "Bộ Nội vụ;Văn phòng Chính phủ;", "– Sở Tư pháp – Sở Tài chính", "• A\t•\tB", "-A - B -",
	"+ x + y +", " - - - ", "a -b- c", "A;\n- B", "•", "- ", "–\u00a0x", "a\v-\vb",
}

func TestSplitRecipients(t *testing.T) {
	eachSeed(t, recipientSeeds, checkSplitRecipients)
}

func FuzzSplitRecipients(f *testing.F) {
	fuzzSeeds(f, recipientSeeds, checkSplitRecipients)
}

// checkRefStrings: a ref's canonical form, symbol and key, written into
// one buffer each, are the concatenations they were defined as.
func checkRefStrings(t *testing.T, s string) {
	for i := 0; i < len(s); i++ {
		if s[i] != '/' {
			continue
		}
		r, ok := parseRef(s, i, true)
		if !ok {
			continue
		}
		sym := strings.Join(r.groups, "-")
		if r.party {
			sym = r.ptype + "/" + sym
		}
		canon := r.number + "/" + sym
		switch {
		case r.party:
			canon = r.number + "-" + sym
		case r.year != "":
			canon = r.number + "/" + r.year + "/" + sym
		}
		n := strings.TrimLeft(r.number, "0")
		key := "s" + strings.ToLower(n) + "/" + strings.ToUpper(sym)
		if r.party {
			key = "p" + n + "-" + strings.ToUpper(sym)
		}
		if c, y := r.canonicalSymbol(); c != canon || y != sym || r.key() != key {
			t.Errorf("ref at %d of %q: %q %q %q, want %q %q %q", i, s, c, y, r.key(), canon, sym, key)
		}
	}
}

var refSeeds = []string{
	"số 30/2020/NĐ-CP", "91-KL/TU", "367 - QĐ/TWĐTN-VP", "số 119A/QĐ-CA", "3027/QĐUBND", "số 05/TTr-SNV", "số 7/qđ-ubnd",
	"80/2015/QH13", "số 12/CTr-ĐĐ&KT", "số 0042/BC-UBND ngày 5/3/2024",
}

func TestRefStrings(t *testing.T) {
	eachSeed(t, refSeeds, checkRefStrings)
}

func FuzzRefStrings(f *testing.F) {
	fuzzSeeds(f, refSeeds, checkRefStrings)
}

// TestIsRoman: isRoman is the pattern ^(?:X{0,2})(?:IX|IV|V?I{0,3})$ on
// every string of I, V, X (and a few others) up to six letters.
func TestIsRoman(t *testing.T) {
	re := regexp.MustCompile(`^(?:X{0,2})(?:IX|IV|V?I{0,3})$`)
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		if got, want := isRoman(prefix), re.MatchString(prefix); got != want {
			t.Errorf("isRoman(%q) = %v, want %v", prefix, got, want)
		}
		if n == 0 {
			return
		}
		for _, c := range []string{"I", "V", "X", "L", "i"} {
			all(prefix+c, n-1)
		}
	}
	all("", 6)
}

func TestRunesOver(t *testing.T) {
	for _, s := range append(fastPathSeeds, "ạạạạ", "abcd", "\xff\xff\xff") {
		for n := 0; n <= len(s)+1; n++ {
			if got, want := runesOver(s, n), utf8.RuneCountInString(s) > n; got != want {
				t.Errorf("runesOver(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

func TestLabelStyle(t *testing.T) {
	for _, k := range []byte("RAC") {
		for _, p := range []string{".", ")", ":", "-", "–", "", "x"} {
			if got, want := labelStyle(k, p), string(k)+punct(p); got != want {
				t.Errorf("labelStyle(%c, %q) = %q, want %q", k, p, got, want)
			}
		}
	}
	for _, num := range []string{"1", "1.2", "1.2.3", "1.2.3.4", "1.2.3.4.5"} {
		if got, want := decimalStyle(num), "D"+strconv.Itoa(strings.Count(num, ".")); got != want {
			t.Errorf("decimalStyle(%q) = %q, want %q", num, got, want)
		}
	}
}

// checkFind: Gazetteer.Find, which tokenises a window at a time, finds
// what a search over all the tokens finds.
func checkFind(t *testing.T, s string) {
	g := fastPathExtractor().gazetteer
	name, sp, ok := g.Find(s)
	wname, wsp, wok := g.find(tokenize(s))
	if name != wname || sp != wsp || ok != wok {
		t.Errorf("Find(%q) = %q %v %v, want %q %v %v", s, name, sp, ok, wname, wsp, wok)
	}
}

func TestFindWindows(t *testing.T) {
	long := strings.Repeat("một hai ba bốn năm ", 13) // 65 tokens, then the name across the first window's end
	for _, s := range append(fastPathSeeds, long+"Khánh Hòa", long[:len(long)-6]+"Bà Rịa - Vũng Tàu x", strings.Repeat("a ", 62)+"Thừa Thiên Huế",
		strings.Repeat("a ", 61)+"TP. Hồ Chí Minh", strings.Repeat("Hà ", 200)+"Hà Nội") {
		checkFind(t, s)
	}
}

func FuzzFindWindows(f *testing.F) {
	for _, s := range issuerSeeds {
		f.Add(strings.Repeat("x ", 60) + s)
	}
	f.Fuzz(checkFind)
}

// checkMayStartType: the first-byte test of mayStartType never refuses a
// word whose key is a type word's first word.
func checkMayStartType(t *testing.T, s string) {
	var buf [64]byte
	want := docTypeTable.first[string(appendSearchKey(buf[:0], s))]
	if got := docTypeTable.mayStartType(s); got != want {
		t.Errorf("mayStartType(%q) = %v, want %v", s, got, want)
	}
}

var typeWordSeeds = []string{"Quyết", "quyết", "QUYẾT", "Thông", "Tờ", "Án", "án", "Điều", "Đề", "văn", "Luật", "o\u0301a", "Oà", "số", "và", "x", "B", "T\u0300",
	"Khánh", "Hoà", "Quý", "Tơ\u0300", "Kê\u0301", "Thủ", "THỦ", "Ủy", "Uỷ", "Ðề", "Đ\u0300", "Kế\u0301", "Bộ luật", "Chỉ thị", "İ", "Giấy", "Hướng"}

func TestMayStartTypeBytes(t *testing.T) {
	eachSeed(t, append(typeWordSeeds, fastPathSeeds...), checkMayStartType)
}

func FuzzMayStartTypeBytes(f *testing.F) { fuzzSeeds(f, typeWordSeeds, checkMayStartType) }

// checkTypeWord: typeWord's first-byte test refuses no type word.
func checkTypeWord(t *testing.T, s string) {
	var buf [64]byte
	want, wok := docTypeTable.words[string(appendSearchKey(buf[:0], s))]
	if got, ok := docTypeTable.typeWord(s); got != want || ok != wok {
		t.Errorf("typeWord(%q) = %q %v, want %q %v", s, got, ok, want, wok)
	}
}

func TestTypeWordBytes(t *testing.T) {
	eachSeed(t, append(typeWordSeeds, "Quyết định", "quyết định", "Văn bản", "Bộ luật", "Thông tư liên tịch", "Kế hoạch"), checkTypeWord)
}

func FuzzTypeWordBytes(f *testing.F) { fuzzSeeds(f, typeWordSeeds, checkTypeWord) }

package extract

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

// The header and citation rules' fast paths against their definitions
// (see fastpath_test.go for the pattern: a table test and a fuzz target
// over the same check).

var capitalSeeds = []string{
	"", "UBND", "BÁO", "báo", "Báo", "ỦY", "Ủy", "123", "-", "Ǆ", "ǅ", "ǆ", "ß", "ẞ", "\xff", "A\xc3", "İ", "ı", "ſ", "K", "\u212a",
	"ĐẢNG", "ᾈ", "ﬀ", "\ufffd", "Σ", "ς", "QĐ-UBND", "XII", "TP.",
}

// checkCapitals: capitals is strings.ToUpper(s) == s and
// strings.ToLower(s) != s.
func checkCapitals(t *testing.T, s string) {
	upper, cased := capitals(s)
	wantUpper := strings.ToUpper(s) == s
	if upper != wantUpper || upper && cased != (strings.ToLower(s) != s) {
		t.Errorf("capitals(%q) = %v %v, want %v %v", s, upper, cased, wantUpper, strings.ToLower(s) != s)
	}
}

func TestCapitals(t *testing.T) { eachSeed(t, append(capitalSeeds, fastPathSeeds...), checkCapitals) }

func FuzzCapitals(f *testing.F) { fuzzSeeds(f, capitalSeeds, checkCapitals) }

// checkIndexByRare: indexByRare finds what strings.Index finds, whichever
// byte of the needle it looks for. The first line of s is the needle.
func checkIndexByRare(t *testing.T, s string) {
	sub, text, _ := strings.Cut(s, "\n")
	if sub == "" {
		return
	}
	want := strings.Index(text, sub)
	for k := range len(sub) {
		if got := indexByRare(text, sub, k); got != want {
			t.Errorf("indexByRare(%q, %q, %d) = %d, want %d", text, sub, k, got, want)
		}
	}
}

var indexSeeds = []string{
	" nêu trên\nQuyết định nêu trên", " nói trên\nKế hoạch nói trên, Quyết định nêu trên", " nêu trên\n nêu trê", " nêu trên\n nêu trên",
	"aa\naaa", "ab\nba", "ên\nênên", "x\n", "xyz\nxy", " nêu trên\nnêu trên nêu trên", "ê\n\xaa\xc3\xaa",
}

func TestIndexByRare(t *testing.T) { eachSeed(t, indexSeeds, checkIndexByRare) }

func FuzzIndexByRare(f *testing.F) { fuzzSeeds(f, indexSeeds, checkIndexByRare) }

// checkTypeLines: the memo of typeLines answers as typeLineAt does, for
// every block and every limit up to the header's, whichever is asked
// first. The lines of s are the blocks.
func checkTypeLines(t *testing.T, s string) {
	b := NewBuilder(Source{Path: "t", Format: FormatText})
	for _, l := range strings.Split(s, "\n") {
		b.Add(Block{Kind: BlockParagraph}, l)
	}
	d := b.Document()
	sc := &scan{doc: d, report: &Report{}}
	limit := min(len(d.Blocks), headerScanBlocks)
	for _, order := range []bool{false, true} {
		tl := &typeLines{s: sc, limit: limit}
		for k := 0; k <= limit; k++ {
			lim := k
			if order {
				lim = limit - k
			}
			for i := 0; i < lim; i++ {
				name, n := tl.at(i, lim)
				wname, wn := sc.typeLineAt(i, lim)
				if name != wname || n != wn {
					t.Errorf("typeLines.at(%d, %d) = %q %d, typeLineAt %q %d in %q", i, lim, name, n, wname, wn, s)
				}
			}
		}
	}
}

var typeLineSeeds = []string{
	"QUYẾT\nĐỊNH\nVề việc", "BÁO CÁO\nKết quả", "UBND\nTỈNH X\nQUYẾT\nĐỊNH", "NGHỊ\nQUYẾT", "THÔNG\nTƯ\nLIÊN TỊCH", "KẾ\nHOẠCH",
	"QUYẾT", "x\nQUYẾT\nĐỊNH", "Báo cáo\nBÁO\nCÁO",
}

func TestTypeLines(t *testing.T) { eachSeed(t, typeLineSeeds, checkTypeLines) }

func FuzzTypeLines(f *testing.F) { fuzzSeeds(f, typeLineSeeds, checkTypeLines) }

// issuerAfterPlain is issuerAfter by definition: the words are read again
// after every name the gazetteer matches.
func issuerAfterPlain(is *Issuers, t string, p int) (string, int) {
	q := p
	if q < len(t) && (t[q] == ' ' || t[q] == '\n') {
		q++
	}
	if !strings.HasPrefix(t[q:], "của ") {
		return "", p
	}
	q += len("của ")
	if m, ok := is.Match(t, q); ok {
		end := m.Span.End
		for strings.HasPrefix(t[end:], " và ") {
			m2, ok := is.Match(t, end+len(" và "))
			if !ok {
				break
			}
			end = m2.Span.End
		}
		if w, we := issuerWordsAfter(t, q); we > end {
			return w, we
		}
		return t[q:end], end
	}
	return issuerWordsAfter(t, q)
}

// checkIssuerAfter: wherever "của" stands, issuerAfter reads what its
// definition reads.
func checkIssuerAfter(t *testing.T, s string) {
	e := fastPathExtractor()
	for p := 0; p <= len(s); p++ {
		got, gend := issuerAfter(e.issuers, s, p)
		want, wend := issuerAfterPlain(e.issuers, s, p)
		if got != want || gend != wend {
			t.Errorf("issuerAfter(%q, %d) = %q %d, want %q %d", s, p, got, gend, want, wend)
		}
	}
}

var issuerAfterSeeds = []string{
	"của UBND tỉnh về việc", "của UBND tỉnh Khánh Hòa, ngày", "của Bộ Nội vụ và Bộ Tài chính.", "của UBND TP. Hồ Chí Minh",
	"của Ban Chỉ đạo cải cách hành chính tỉnh Khánh Hòa", "của Chính phủ; Quyết định", "của Bộ Lao động - Thương binh và Xã hội",
	"của UBND tỉnh Quyết định số 5/QĐ-UBND", "của Sở Nội vụ tỉnh X", "của Tỉnh ủy khóa XII. Trong", "của Chính phủ.\nBộ",
	"của UBND tỉnh và của Sở Tư pháp", "của Thủ tướng Chính phủ ban hành", "của UBND tỉnh (", "của UBND tỉnh 2023", "của HĐND tỉnh,Sở",
	"của Chính phủ…", "của UBND tỉnh - Sở", "của UBND tỉnh — x", "của UBND  tỉnh  Nam Định", "của Bộ Nội vụ TP.",
}

func TestIssuerAfter(t *testing.T) { eachSeed(t, issuerAfterSeeds, checkIssuerAfter) }

func FuzzIssuerAfter(f *testing.F) { fuzzSeeds(f, issuerAfterSeeds, checkIssuerAfter) }

// checkStartsIncrease: spans startsIncrease accepts are what sort.Slice
// by Start leaves as they are. The bytes of s are the starts.
func checkStartsIncrease(t *testing.T, s string) {
	ms := make([]Span, len(s))
	for i := range len(s) {
		ms[i] = Span{Start: int(s[i] % 8), End: i}
	}
	if !startsIncrease(ms) {
		return
	}
	sorted := slices.Clone(ms)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a].Start < sorted[b].Start })
	if !slices.Equal(ms, sorted) {
		t.Errorf("startsIncrease(%v), but sort.Slice makes %v", ms, sorted)
	}
}

func TestStartsIncrease(t *testing.T) {
	eachSeed(t, []string{"", "\x01", "\x01\x02\x03", "\x01\x01", "\x02\x01", "\x00\x01\x02\x03\x04\x05\x06\x07"}, checkStartsIncrease)
}

func FuzzStartsIncrease(f *testing.F) {
	fuzzSeeds(f, []string{"\x01\x02", "\x03\x01"}, checkStartsIncrease)
}

// checkCanonicalMemo: the memo of Issuers.Canonical answers as the
// reading it spares, the first time and after.
func checkCanonicalMemo(t *testing.T, s string) {
	is := fastPathExtractor().issuers
	want, wok := is.canonicalOf(s)
	for range 2 {
		if got, ok := is.Canonical(s); got != want || ok != wok {
			t.Errorf("Canonical(%q) = %+v %v, want %+v %v", s, got, ok, want, wok)
		}
	}
}

var canonicalSeeds = []string{
	"ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "UBND TỈNH KHÁNH HOÀ SỞ NỘI VỤ", "BỘ NỘI VỤ", "TÒA ÁN NHÂN DÂN TỐI CAO HỘI ĐỒNG THẨM PHÁN",
	"", "ADSENSE", "BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH", "TỈNH ỦY ĐẮK LẮK",
}

func TestCanonicalMemo(t *testing.T) { eachSeed(t, canonicalSeeds, checkCanonicalMemo) }

func FuzzCanonicalMemo(f *testing.F) { fuzzSeeds(f, canonicalSeeds, checkCanonicalMemo) }

// checkUnitWord: unitWord reads the set of cities as the table's units
// tell it, unit by unit.
func checkUnitWord(t *testing.T, name string) {
	g := fastPathExtractor().gazetteer
	want := "tỉnh"
	for _, u := range g.units {
		if u.Name == name && u.City {
			want = "thành phố"
		}
	}
	if got := g.unitWord(name); got != want {
		t.Errorf("unitWord(%q) = %q, want %q", name, got, want)
	}
}

func TestUnitWord(t *testing.T) {
	names := []string{"", "x", "Hà Nội", "Hồ Chí Minh", "Khánh Hòa", "Hải Phòng", "Huế"}
	for _, u := range fastPathExtractor().gazetteer.units {
		names = append(names, u.Name)
	}
	eachSeed(t, names, checkUnitWord)
}

func FuzzUnitWord(f *testing.F) {
	fuzzSeeds(f, []string{"Hà Nội", "Đà Nẵng", "Cần Thơ"}, checkUnitWord)
}

// rementionsPlain is findRementions' phrase pass by definition: each
// phrase searched on its own, " nêu trên" first.
func rementionsPlain(c *citeScan, cites []Citation) {
	t := c.t
	inHit := func(p int) bool {
		i := sort.Search(len(c.hits), func(i int) bool { return c.hits[i].span.End > p })
		return i < len(c.hits) && c.hits[i].span.Start <= p
	}
	for _, phrase := range [...]string{" nêu trên", " nói trên"} {
		for pos := 0; ; {
			i := strings.Index(t[pos:], phrase)
			if i < 0 {
				break
			}
			at := pos + i
			pos = at + len(phrase)
			if inHit(at) {
				continue
			}
			var buf [4]Span
			ws := citeWordsBefore(buf[:0], t, at, citeLineStart(t, at), 4)
			for j := len(ws); j >= 1; j-- {
				from := ws[j-1].Start
				if !docTypeTable.mayStartType(t[from:ws[j-1].End]) {
					continue
				}
				name, ok := docTypeTable.typeWord(t[from:ws[0].End])
				if !ok || name == "" {
					continue
				}
				if k := citeLatest(cites, name, from); k >= 0 {
					cites[k].Mentions = append(cites[k].Mentions, Span{from, at + len(phrase)})
				}
				break
			}
		}
	}
}

// checkRementions: the one-pass search of the phrases attaches the
// mentions the phrase-by-phrase search attaches (the law titles' pass
// after it is shared). The lines of s are paragraphs.
func checkRementions(t *testing.T, s string) {
	e := fastPathExtractor()
	b := NewBuilder(Source{Path: "t", Format: FormatText})
	for _, l := range strings.Split(s, "\n") {
		b.Add(Block{Kind: BlockParagraph}, l)
	}
	d := b.Document()
	sc := &scan{doc: d, report: &Report{}, tailFrom: len(d.Blocks)}
	c := &citeScan{s: sc, t: d.Text, is: e.issuers}
	c.findRefs()
	c.findLaws()
	slices.SortStableFunc(c.hits, func(a, b hit) int { return a.span.Start - b.span.Start })
	c.shareIssuers()
	cites := c.merge()
	clone := func() []Citation {
		out := slices.Clone(cites)
		for i := range out {
			out[i].Mentions = slices.Clone(out[i].Mentions)
		}
		return out
	}
	got, want := clone(), clone()
	for i := range got {
		if got[i].Ref != nil || got[i].Title == "" {
			continue
		}
		got[i].Title = "" // the law titles' pass is not compared: leave it out of both
		want[i].Title = ""
	}
	c.findRementions(got)
	rementionsPlain(c, want)
	for i := range got {
		if !slices.Equal(got[i].Mentions, want[i].Mentions) {
			t.Errorf("%q: citation %d mentions %v, want %v", s, i, got[i].Mentions, want[i].Mentions)
		}
	}
}

var rementionSeeds = []string{
	"Thực hiện Quyết định số 12/QĐ-UBND ngày 5/1/2023 của UBND tỉnh và Kế hoạch số 3/KH-UBND. Quyết định nêu trên và Kế hoạch nói trên được triển khai; Quyết định nói trên, Kế hoạch nêu trên.",
	"Nghị định số 30/2020/NĐ-CP nêu trên nêu trên nói trên",
	"Kế hoạch số 5/KH-SNV nói trên\nQuyết định số 7/QĐ-UBND\nKế hoạch nêu trên và Quyết định nói trên",
	" nêu trên", "Quyết định nêu trê", "Quyết định nêutrên Quyết định nói  trên",
}

func TestRementions(t *testing.T) { eachSeed(t, rementionSeeds, checkRementions) }

func FuzzRementions(f *testing.F) { fuzzSeeds(f, rementionSeeds, checkRementions) }

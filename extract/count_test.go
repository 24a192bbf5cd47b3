package extract

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/tools/txtar"
)

// countDoc builds a Document from case lines: "| " table row, "[^N] "
// footnote N, "# " heading, "- " list item, else a paragraph.
func countDoc(t testing.TB, in string) *Document {
	t.Helper()
	b := NewBuilder(Source{Path: "case"})
	for _, line := range strings.Split(in, "\n") {
		blk := Block{Kind: BlockParagraph}
		switch {
		case strings.HasPrefix(line, "| "):
			blk.Kind = BlockTableRow
		case strings.HasPrefix(line, "[^"):
			end := strings.Index(line, "] ")
			if end < 0 {
				t.Fatalf("bad footnote line %q", line)
			}
			n, err := strconv.Atoi(line[2:end])
			if err != nil {
				t.Fatalf("bad footnote line %q", line)
			}
			blk.Kind, blk.Footnote = BlockFootnote, n
			line = line[end+2:]
		case strings.HasPrefix(line, "# "):
			blk.Kind, blk.Level = BlockHeading, 1
			line = line[2:]
		case strings.HasPrefix(line, "- "):
			blk.Kind = BlockListItem
			line = line[2:]
		}
		b.Add(blk, line)
	}
	return b.Document()
}

// countsOf runs only the count rule over every block, so count tests do not
// depend on header and section detection.
func countsOf(t testing.TB, doc *Document) *Report {
	t.Helper()
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{Counts: []Count{}, Text: doc.Text}
	s := &scan{doc: doc, report: r, tailFrom: len(doc.Blocks)}
	e.findCounts(s)
	return r
}

// countLines renders counts and count diagnostics the way .want files
// list them.
func countLines(r *Report) []string {
	var out []string
	for _, c := range r.Counts {
		nested := ""
		if c.Nested {
			nested = "nested "
		}
		out = append(out, fmt.Sprintf("%s%s %d %q", nested, c.Kind, c.Value, r.Text[c.Span.Start:c.Span.End]))
	}
	for _, d := range r.Diagnostics {
		if strings.HasPrefix(d.Code, "count.") {
			out = append(out, "! "+d.Code)
		}
	}
	return out
}

func wantLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// toneVariants rewrites old-style tone placement (hòa, thủy) to the new
// style (hoà, thuỷ) at syllable ends, the other spelling reports use.
var toNewTones = func() *strings.Replacer {
	var pairs []string
	for _, p := range [][2]string{
		{"òa", "oà"}, {"óa", "oá"}, {"ỏa", "oả"}, {"õa", "oã"}, {"ọa", "oạ"},
		{"òe", "oè"}, {"óe", "oé"}, {"ỏe", "oẻ"}, {"õe", "oẽ"}, {"ọe", "oẹ"},
		{"ùy", "uỳ"}, {"úy", "uý"}, {"ủy", "uỷ"}, {"ũy", "uỹ"}, {"ụy", "uỵ"},
	} {
		for _, end := range []string{" ", ",", ".", ";", ")", ":"} {
			pairs = append(pairs, p[0]+end, p[1]+end)
		}
	}
	return strings.NewReplacer(pairs...)
}()

func TestCountCases(t *testing.T) {
	ar, err := txtar.ParseFile(filepath.Join("..", "testdata", "rules", "count.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	var names []string
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
		if name, ok := strings.CutSuffix(f.Name, ".in"); ok {
			names = append(names, name)
		}
	}
	if len(names) < 30 {
		t.Fatalf("only %d cases in count.txtar", len(names))
	}
	for _, name := range names {
		want, ok := files[name+".want"]
		if !ok {
			t.Fatalf("%s: no .want", name)
		}
		in := strings.TrimRight(files[name+".in"], "\n")
		variants := []struct {
			name string
			in   string
			want string
		}{
			{"nfc", in, want},
			{"nfd", norm.NFD.String(in), want},
			{"new_tones", toNewTones.Replace(in + " "), toNewTones.Replace(want)},
			{"old_tones", CanonicalTones(in), CanonicalTones(want)},
		}
		for _, v := range variants {
			t.Run(name+"/"+v.name, func(t *testing.T) {
				r := countsOf(t, countDoc(t, v.in))
				got := countLines(r)
				w := wantLines(v.want)
				if strings.Join(got, "\n") != strings.Join(w, "\n") {
					t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", v.in, strings.Join(got, "\n"), strings.Join(w, "\n"))
				}
				checkCountInvariants(t, r)
			})
		}
	}
}

// checkCountInvariants checks what must hold for every count.
func checkCountInvariants(t testing.TB, r *Report) {
	t.Helper()
	for _, c := range r.Counts {
		if c.Span.Start < 0 || c.Span.End > len(r.Text) || c.Span.Start >= c.Span.End {
			t.Fatalf("span %v out of bounds (len %d)", c.Span, len(r.Text))
		}
		raw := r.Text[c.Span.Start:c.Span.End]
		if !utf8.ValidString(raw) && utf8.ValidString(r.Text) {
			t.Errorf("span %v cuts a rune: %q", c.Span, raw)
		}
		if !startsWithNumber(raw) {
			t.Errorf("count text %q does not start with its number", raw)
		}
		if !strings.HasSuffix(raw, c.Unit) || c.Unit == "" {
			t.Errorf("count text %q does not end with its unit %q", raw, c.Unit)
		}
		if !strings.Contains(c.Text, raw) {
			t.Errorf("evidence %q does not hold %q", c.Text, raw)
		}
		if c.Value < 0 {
			t.Errorf("negative value %d", c.Value)
		}
	}
}

func startsWithNumber(s string) bool {
	if s != "" && isDigit(s[0]) {
		return true
	}
	_, ok := parseNumWords(s, 0)
	return ok
}

func TestCountsSeed(t *testing.T) {
	const path = "/work/shared/seeds/khanh-hoa-q1-2023-page1.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed page not available (%v): skipping", err)
	}
	b := NewBuilder(Source{Path: path, Format: FormatMarkdown})
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "<sup>"):
			b.Add(Block{Kind: BlockFootnote, Footnote: 1}, line)
		case strings.HasPrefix(line, "#"):
			b.Add(Block{Kind: BlockHeading}, strings.TrimLeft(line, "# "))
		default:
			b.Add(Block{Kind: BlockParagraph}, line)
		}
	}
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	r := e.Extract(b.Document())
	var got []string
	for _, c := range r.Counts {
		got = append(got, fmt.Sprintf("%s %d %v", c.Kind, c.Value, c.Nested))
	}
	want := []string{"target 12 false", "task 64 false", "field 6 false", "document 10 false"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("seed counts:\ngot  %v\nwant %v", got, want)
	}
	checkCountInvariants(t, r)
}

// TestCountFields checks every field of one count, and the section path.
func TestCountFields(t *testing.T) {
	doc := countDoc(t, "Tỉnh đã tiếp nhận 19.630 hồ sơ, trong đó 12.000 hồ sơ trực tuyến. Câu sau.")
	r := countsOf(t, doc)
	if len(r.Counts) != 2 {
		t.Fatalf("got %d counts, want 2: %+v", len(r.Counts), r.Counts)
	}
	c := r.Counts[0]
	wantText := "Tỉnh đã tiếp nhận 19.630 hồ sơ, trong đó 12.000 hồ sơ trực tuyến."
	if c.Kind != CountDossier || c.Value != 19630 || c.Unit != "hồ sơ" || c.Nested || c.Text != wantText || c.Section != "" {
		t.Errorf("count = %+v", c)
	}
	if got := doc.Slice(c.Span); got != "19.630 hồ sơ" {
		t.Errorf("span text %q", got)
	}
	if n := r.Counts[1]; !n.Nested || n.Value != 12000 || doc.Slice(n.Span) != "12.000 hồ sơ" {
		t.Errorf("nested count = %+v", n)
	}
}

// TestCountsNotInTail checks that only countable blocks are read.
func TestCountsNotInTail(t *testing.T) {
	doc := countDoc(t, "Số: 05 văn bản\nTỉnh ban hành 03 kế hoạch.\nNơi nhận: 02 văn bản")
	e, _ := New()
	r := &Report{Counts: []Count{}, Text: doc.Text}
	s := &scan{doc: doc, report: r, bodyFrom: 1, tailFrom: 2}
	e.findCounts(s)
	if got := countLines(r); strings.Join(got, ";") != `document 3 "03 kế hoạch"` {
		t.Errorf("got %v", got)
	}
}

// TestCountsASCII: text typed without diacritics still yields counts in
// digits; number words are not read there ("nam" is also "south").
func TestCountsASCII(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Ke hoach de ra 12 muc tieu va 64 nhiem vu tren 06 linh vuc.", `target 12 "12 muc tieu";task 64 "64 nhiem vu";field 6 "06 linh vuc"`},
		{"Tiep nhan 1.250 ho so, trong do 800 ho so truc tuyen.", `dossier 1250 "1.250 ho so";nested dossier 800 "800 ho so"`},
		{"Cong bo 125 thu tuc hanh chinh va 30 TTHC; to chuc 03 cuoc kiem tra.", `procedure 125 "125 thu tuc hanh chinh";procedure 30 "30 TTHC";inspection 3 "03 cuoc kiem tra"`},
		{"Ban hanh muoi hai van ban; nam 2023 ho so; tang 05 van ban.", ``},
		{"Tong so 120 ho so; so 05 van ban.", `dossier 120 "120 ho so"`},
	}
	for _, c := range cases {
		r := countsOf(t, countDoc(t, c.in))
		if got := strings.Join(countLines(r), ";"); got != c.want {
			t.Errorf("%q:\ngot  %s\nwant %s", c.in, got, c.want)
		}
		checkCountInvariants(t, r)
	}
}

func TestCountUnitsTable(t *testing.T) {
	tab := countRules()
	for _, c := range []struct {
		phrase string
		kind   CountKind
	}{
		{"văn bản", CountDocument}, {"thủ tục hành chính", CountProcedure}, {"TTHC", CountProcedure},
		{"dịch vụ công trực tuyến", CountOnlineService}, {"hồ sơ", CountDossier}, {"lĩnh vực", CountField},
		{"mục tiêu", CountTarget}, {"chỉ tiêu", CountTarget}, {"nhiệm vụ", CountTask},
		{"cuộc kiểm tra", CountInspection}, {"đoàn kiểm tra", CountInspection}, {"lớp tập huấn", CountTraining},
		{"khoá bồi dưỡng", CountTraining}, {"hội nghị", CountMeeting}, {"hội nghị tập huấn", CountMeeting},
		{"buổi làm việc", CountMeeting}, {"Quyết Định", CountDocument},
	} {
		m, ok := (&blockScan{countTables: tab, t: " " + c.phrase}).matchUnit(0)
		if !ok || m.kind != c.kind {
			t.Errorf("%q: got %q %v, want %q", c.phrase, m.kind, ok, c.kind)
		}
	}
	for _, p := range []string{"văn bản điện tử", "sở", "cán bộ", "chi tiêu", "lượt người", "hồ sơ công việc"} {
		if m, ok := (&blockScan{countTables: tab, t: " " + p}).matchUnit(0); ok {
			t.Errorf("%q matched as %q", p, m.kind)
		}
	}
	bad := []string{"văn bản\tthing", "a\tdocument\tweird", "\tdocument", "x y\tclassifier", "văn bản\tdocument\nvăn bản\tdocument", "only-one-field"}
	for _, b := range bad {
		if _, err := parseCountUnits(b); err == nil {
			t.Errorf("parseCountUnits(%q) accepted a broken table", b)
		}
	}
}

func TestKeyOf(t *testing.T) {
	same := [][2]string{{"hoá", "hóa"}, {"Khoá", "khóa"}, {"thuỷ", "thủy"}, {"HỒ", "hồ"}, {"TTHC", "tthc"}, {"Quye\u0302\u0301t", "quyết"}}
	for _, p := range same {
		at, af, _ := keyStrings(p[0])
		bt, bf, _ := keyStrings(norm.NFC.String(p[1]))
		if p[0] == "Quye\u0302\u0301t" {
			continue // NFD keeps its marks apart: only the Builder's NFC makes it equal
		}
		if at != bt || af != bf {
			t.Errorf("keys(%q) = %q %q, keys(%q) = %q %q", p[0], at, af, p[1], bt, bf)
		}
	}
	if _, f, _ := keyStrings("đợt"); f != "dot" {
		t.Errorf("fold(đợt) = %q", f)
	}
	tab := countRules()
	if k := tab.keyOf("xyzzy"); k.tone != unknownWord || k.fold != unknownWord {
		t.Errorf("an unknown word has ids: %+v", k)
	}
	chi, chiTone := tab.keyOf("chi"), tab.keyOf("chỉ")
	if !chi.ascii || chiTone.ascii || chiTone.matches(chi) || !chi.matches(chiTone) {
		t.Errorf("chỉ/chi: diacritics must matter except in unaccented words: %+v %+v", chi, chiTone)
	}
	if allocs := testing.AllocsPerRun(100, func() { tab.keyOf("Thủ") }); allocs != 0 {
		t.Errorf("keyOf allocates %v times", allocs)
	}
}

func FuzzCounts(f *testing.F) {
	seeds := []string{
		"Tỉnh tiếp nhận 19.630 hồ sơ, trong đó 12.000 hồ sơ trực tuyến; đã giải quyết 19.255 hồ sơ.",
		"đề ra 12 mục tiêu trọng tâm, 64 nhiệm vụ, giải pháp cụ thể trên 06 lĩnh vực CCHC",
		"công bố 50 (năm mươi) thủ tục hành chính (trong đó: 20 TTHC mới; 30 TTHC sửa đổi)",
		"hoàn thành 62/65 nhiệm vụ, xếp thứ 11/63, tăng 1.250 hồ sơ so với cùng kỳ, 96,55%",
		"một trăm linh năm cuộc họp, hai mươi mốt hội nghị, ba nghìn hồ sơ, năm 2023",
		"Quye\u0302\u0301t đi\u0323nh 05 ( ( ) ) ;: trong đó: 1 2 3 hồ sơ hồ sơ",
		"99999999999999999999 hồ sơ 1.000.000.000.000.000 văn bản 19,630 hồ sơ",
		"| 12 văn bản |\n[^1] 03 văn bản\n# 04 hội nghị\n- 05 văn bản",
		"mười mươi trăm nghìn triệu tỷ linh lẻ mốt tư lăm hồ sơ",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	e, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		doc := countDoc(t, strings.ReplaceAll(strings.ReplaceAll(in, "[^", "[ ^"), "\r", ""))
		r := &Report{Counts: []Count{}, Text: doc.Text}
		s := &scan{doc: doc, report: r, tailFrom: len(doc.Blocks)}
		e.findCounts(s)
		checkCountInvariants(t, r)
		// The rule must also survive text that never went through a Builder.
		raw := &Document{Text: in, Blocks: []Block{{Kind: BlockParagraph, Span: Span{0, len(in)}}}}
		r2 := &Report{Counts: []Count{}, Text: in}
		e.findCounts(&scan{doc: raw, report: r2, tailFrom: 1})
		for _, c := range r2.Counts {
			if c.Span.Start < 0 || c.Span.End > len(in) || c.Span.Start >= c.Span.End {
				t.Fatalf("span %v out of bounds", c.Span)
			}
		}
	})
}

// benchParagraphs is realistic report text (written for the benchmark, in
// the style of provincial CCHC reports) repeated to about 20 KB.
var benchParagraphs = []string{
	"Thực hiện chế độ báo cáo định kỳ theo Công văn số 581/BNV-CCHC ngày 21/02/2022 của Bộ Nội vụ, Ủy ban nhân dân tỉnh báo cáo kết quả công tác cải cách hành chính quý I năm 2024 như sau:",
	"Kế hoạch cải cách hành chính năm 2024 của tỉnh xác định 10 mục tiêu và 58 nhiệm vụ, giải pháp trọng tâm trên 06 lĩnh vực, phân công cụ thể cơ quan chủ trì, cơ quan phối hợp và thời hạn hoàn thành. Đến ngày 14/3/2024, 41/43 cơ quan, đơn vị đã ban hành kế hoạch của mình.",
	"Trong quý, UBND tỉnh và Chủ tịch UBND tỉnh đã ban hành 14 văn bản chỉ đạo, điều hành về cải cách hành chính, trong đó 03 kế hoạch và 11 công văn đôn đốc; tổ chức 04 hội nghị, cuộc họp về cải cách hành chính và 02 cuộc kiểm tra tại 05 sở, ngành.",
	"Chủ tịch UBND tỉnh đã ban hành 06 Quyết định công bố danh mục 142 thủ tục hành chính, trong đó 37 thủ tục hành chính mới ban hành, 88 thủ tục được sửa đổi, bổ sung và 17 thủ tục bị bãi bỏ (Quyết định số 312/QĐ-UBND ngày 05/02/2024 và Quyết định số 455/QĐ-UBND ngày 21/02/2024).",
	"Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh tiếp nhận 52.318 hồ sơ, trong đó 31.204 hồ sơ trực tuyến, tăng 4.120 hồ sơ so với cùng kỳ năm 2023; đã giải quyết 50.977 hồ sơ, tỷ lệ giải quyết đúng hạn đạt 98,42%, có 806 hồ sơ quá hạn.",
	"Sở Nội vụ phối hợp Trường Chính trị tỉnh tổ chức 03 lớp bồi dưỡng kỹ năng giải quyết thủ tục hành chính cho 280 lượt cán bộ, công chức cấp xã. Tổng vốn đầu tư công đã giải ngân đạt 1.254,6 tỷ đồng, bằng 18,7% kế hoạch vốn được giao.",
	"Cổng Dịch vụ công tỉnh đang cung cấp 1.612 dịch vụ công trực tuyến, trong đó 1.003 dịch vụ công trực tuyến toàn trình; Chỉ số cải cách hành chính năm 2023 của tỉnh đạt 87,12%, xếp thứ 18/63 tỉnh, thành phố, tăng 05 bậc so với năm 2022.",
	"Tiếp tục triển khai Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030 và Kế hoạch số 245/KH-UBND ngày 16/01/2024 của UBND tỉnh.",
}

func benchDoc(tb testing.TB) *Document {
	b := NewBuilder(Source{Path: "bench"})
	for n := 0; b.Len() < 20_000; n++ {
		b.Add(Block{Kind: BlockParagraph}, benchParagraphs[n%len(benchParagraphs)])
	}
	return b.Document()
}

func BenchmarkFindCounts(b *testing.B) {
	doc := benchDoc(b)
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		r := &Report{Counts: []Count{}, Text: doc.Text}
		e.findCounts(&scan{doc: doc, report: r, tailFrom: len(doc.Blocks)})
	}
}

// BenchmarkExtractCountsText is the whole extraction over the same text,
// the figure the 20 MB/s budget is about.
func BenchmarkExtractCountsText(b *testing.B) {
	doc := benchDoc(b)
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	b.ReportAllocs()
	for b.Loop() {
		e.Extract(doc)
	}
}

// TestHasPhraseSkip: hasPhrase, which skips words out of the vocabulary,
// answers as the plain search over every start on random keys.
func TestHasPhraseSkip(t *testing.T) {
	plain := func(ws []wkey, ps []phrase) bool {
		for i := range ws {
			for _, p := range ps {
				if i+len(p) <= len(ws) && phraseMatches(ws[i:], p) {
					return true
				}
			}
		}
		return false
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	key := func() wkey {
		return wkey{tone: rnd.Int32N(4) - 1, fold: rnd.Int32N(4) - 1, ascii: rnd.IntN(2) == 0}
	}
	for range 20000 {
		ws := make([]wkey, rnd.IntN(6))
		for i := range ws {
			ws[i] = key()
		}
		ps := make([]phrase, 1+rnd.IntN(3))
		for i := range ps {
			ps[i] = make(phrase, 1+rnd.IntN(2))
			for j := range ps[i] {
				ps[i][j] = wkey{tone: rnd.Int32N(3), fold: rnd.Int32N(3)}
			}
		}
		if got, want := hasPhrase(ws, ps), plain(ws, ps); got != want {
			t.Fatalf("hasPhrase(%v, %v) = %v, plain search %v", ws, ps, got, want)
		}
		// phraseSet.in, which tests a word against the first words, likewise.
		set := newPhraseSet(ps)
		if got, want := set.in(ws), plain(ws, ps); got != want {
			t.Fatalf("phraseSet.in(%v, %v) = %v, plain search %v", ws, ps, got, want)
		}
	}
}

// TestVocabTable: every key is found with its ids, inline or long, and
// keys that differ only in length or padding are told apart.
func TestVocabTable(t *testing.T) {
	ids := map[string]wordIDs{
		"ho": {1, 2}, "ho\x00": {3, 4}, "hoa1": {5, 6}, "": {7, 8},
		"nghiêng1": {9, 10}, "0123456789abcdef": {11, 12}, "0123456789abcdefg": {13, 14},
	}
	for k := range countRules().ids {
		ids[k] = countRules().ids[k]
	}
	v := newVocabTable(ids)
	// A key is read in place from a buffer of 16 bytes or more, whatever
	// stands past its length, and copied from a shorter one.
	inBuffer := func(k string) []byte {
		buf := bytes.Repeat([]byte{0xFF}, 64)
		return append(buf[:0], k...)
	}
	for k, want := range ids {
		for _, b := range [][]byte{[]byte(k)[:len(k):len(k)], inBuffer(k)} {
			if got, ok := v.get(b); !ok || got != want {
				t.Errorf("get(%q, cap %d) = %v %v, want %v", k, cap(b), got, ok, want)
			}
		}
	}
	for _, k := range []string{"hx", "hoz", "ho\x00\x00", "0123456789abcdeg", "0123456789abcdefgh", "xyzzy", "h", "hoq", "hoa12"} {
		for _, b := range [][]byte{[]byte(k)[:len(k):len(k)], inBuffer(k)} {
			if got, ok := v.get(b); ok {
				t.Errorf("get(%q, cap %d) = %v, want none", k, cap(b), got)
			}
		}
	}
	if _, ok := (&vocabTable{}).get([]byte("ho")); ok {
		t.Error("an empty table found a key")
	}
}

// TestSentenceMarks: the sentence-mark searches are strings.IndexAny and
// strings.LastIndexAny of ".!?".
func TestSentenceMarks(t *testing.T) {
	for _, s := range []string{"", "a", ".", "!", "?", "ab.cd!ef?", "ab?cd!ef.", "x!y.z", "khoảng 1.250 hồ sơ! Vậy?", "…"} {
		if got, want := sentenceMark(s), strings.IndexAny(s, ".!?"); got != want {
			t.Errorf("sentenceMark(%q) = %d, want %d", s, got, want)
		}
		if got, want := lastSentenceMark(s), strings.LastIndexAny(s, ".!?"); got != want {
			t.Errorf("lastSentenceMark(%q) = %d, want %d", s, got, want)
		}
	}
}

// FuzzToneKey: appendToneWord reads a word where wordEnd ends it and keys
// it as appendKeys does (the tone key of the vocabulary's interning).
func FuzzToneKey(f *testing.F) {
	for _, s := range []string{"Thủ tục", "HỒ SƠ", "hoà", "ho\u0300a", "ĐẠT 86,38%", "x\xff", "a–b", "Ð", "", "ABC def"} {
		f.Add(s)
	}
	infos := runeInfos()
	f.Fuzz(func(t *testing.T, s string) {
		tone, end, ascii := appendToneWord(infos, nil, s, 0, false)
		want, _, wantASCII := appendKeys(infos, nil, nil, s)
		if string(tone) != string(want) || end != len(s) || ascii != wantASCII {
			t.Errorf("appendToneWord(%q) = %q %d %v, appendKeys %q %v", s, tone, end, ascii, want, wantASCII)
		}
		tone, end, ascii = appendToneWord(infos, nil, s, 0, true)
		if we := wordEnd(s, 0); end != we {
			t.Errorf("appendToneWord(%q) ends the word at %d, wordEnd at %d", s, end, we)
		}
		want, _, wantASCII = appendToneWord(infos, nil, s[:end], 0, false)
		if string(tone) != string(want) || ascii != wantASCII {
			t.Errorf("appendToneWord(%q) of the word = %q %v, of its text %q %v", s, tone, ascii, want, wantASCII)
		}
	})
}

// bulletSeeds are blocks that start, or almost start, with a bullet.
var bulletSeeds = []string{"", "-", "- a", "-5 hồ sơ", "-a", "+ b", "+", "• c", "•", "–", "– d", "—x", "* e", "*", "a - b", "\xe2", "\xe2\x80", "€ 5", "Số 5"}

// TestBulletGate: startsWithBullet's first-byte gate keeps every bullet
// bulletPrefix finds.
func TestBulletGate(t *testing.T) { eachSeed(t, bulletSeeds, checkBulletGate) }

func FuzzBulletGate(f *testing.F) { fuzzSeeds(f, bulletSeeds, checkBulletGate) }

func checkBulletGate(t *testing.T, s string) {
	if got, want := startsWithBullet(s), bulletPrefix(s); got != want {
		t.Errorf("startsWithBullet(%q) = %v, bulletPrefix %v", s, got, want)
	}
}

// scanPlain is blockScan.scan as it was before the second-byte test: it
// finds the end of every word whose first letter may begin a number word.
func (b *blockScan) scanPlain() blockResult {
	t := b.t
	stops := &b.scanStops
	for i := 0; i < len(t); {
		for i < len(t) && !stops[t[i]] {
			i++
		}
		if i >= len(t) {
			break
		}
		if isDigit(t[i]) {
			i = b.tryDigits(i)
			continue
		}
		if !wordStartsAt(t, i) {
			i++
			continue
		}
		we := wordEnd(t, i)
		if mayBeNumWord(t[i:we]) && (i == 0 || !isDigit(t[i-1])) {
			if n, ok := parseNumWords(t, i); ok {
				b.tryWords(i, n)
				i = n.end
				continue
			}
		}
		i = we
	}
	if len(b.res.hits) > 1 {
		b.nest()
	}
	return b.res
}

var scanSeeds = []string{
	"", "n", "5", "hai", "Hai mươi hồ sơ", "ba5 hồ sơ", "5ba hồ sơ", "“năm mươi” văn bản", "–ba văn bản",
	"tiếp nhận một trăm linh năm hồ sơ, mười hai văn bản và 19.630 hồ sơ; năm 2023 có tư văn bản",
	"ưhai hồ sơ", "x\u0301hai hồ sơ", "ngàn nghìn triệu tỷ tỉ lẻ linh mốt lăm hồ sơ", "Mười ba cuộc họp",
	"50 (năm mươi) thủ tục", "trongba hồ sơ", "Bảy Hiền: ba hội nghị", "\xffhai hồ sơ",
	// scan's pair test: pairs inside words, a pair or a digit as the last
	// bytes, a digit before a letter.
	"những người trong chín hồ sơ", "tr", "b", "x5", "ng5", "5n", "hồ sơ 7", "Trăm", "tư", "ba\u0301",
}

// TestScanPlain and FuzzScan: scan finds what scanPlain finds.
func TestScanPlain(t *testing.T) { eachSeed(t, scanSeeds, checkScan) }

func FuzzScan(f *testing.F) { fuzzSeeds(f, scanSeeds, checkScan) }

func checkScan(t *testing.T, s string) {
	fast, plain := &blockScan{countTables: countRules()}, &blockScan{countTables: countRules()}
	fast.reset(s)
	plain.reset(s)
	got, want := fast.scan(), plain.scanPlain()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scan(%q) = %+v, want %+v", s, got, want)
	}
}

// hasPhrase is how ruledOut searched phrases before phraseSet: every word
// in the vocabulary against every phrase.
func hasPhrase(ws []wkey, ps []phrase) bool {
	for i, w := range ws {
		// A word out of the vocabulary matches no phrase word (matches
		// wants p's key >= 0), and no phrase is empty: most words before
		// a number start none.
		if w.ascii && w.fold < 0 || !w.ascii && w.tone < 0 {
			continue
		}
		for _, p := range ps {
			if i+len(p) <= len(ws) && phraseMatches(ws[i:], p) {
				return true
			}
		}
	}
	return false
}

// TestIsNumSep: isNumSep is the separator set it replaced, for every byte.
func TestIsNumSep(t *testing.T) {
	for c := range 256 {
		if got, want := isNumSep(byte(c)), strings.IndexByte(".,/-:", byte(c)) >= 0; got != want {
			t.Errorf("isNumSep(%q) = %v, want %v", byte(c), got, want)
		}
	}
}

// childPlain is unitNode.child by its definition: the edges of the fold
// in a map.
func (n *unitNode) childPlain(k wkey) *unitNode {
	for _, e := range n.next[k.fold] {
		if k.ascii || e.tone == k.tone {
			return e.node
		}
	}
	return nil
}

// checkUnitChild compares child with childPlain at every node of the
// count rules' unit trie for the key k and for the keys of the node's
// own edges (as typed and without diacritics).
func checkUnitChild(t *testing.T, k wkey) {
	var walk func(n *unitNode)
	walk = func(n *unitNode) {
		keys := []wkey{k}
		for f, es := range n.next {
			for _, e := range es {
				keys = append(keys, wkey{tone: e.tone, fold: f}, wkey{tone: e.tone + 1, fold: f}, wkey{tone: -1, fold: f, ascii: true})
				walk(e.node)
			}
		}
		for _, k := range keys {
			if got, want := n.child(k), n.childPlain(k); got != want {
				t.Fatalf("child(%+v) = %p, want %p", k, got, want)
			}
		}
	}
	walk(countRules().root)
}

// TestUnitChild: the unit trie's dense and listed edges answer as its map.
func TestUnitChild(t *testing.T) {
	if countRules().root.dense == nil {
		t.Error("the root of the unit trie is not indexed by fold")
	}
	for _, k := range []wkey{{}, {tone: -1, fold: -1}, {tone: -2, fold: -2, ascii: true}, {tone: 1 << 30, fold: 1 << 30}, {fold: -1 << 31}} {
		checkUnitChild(t, k)
	}
}

func FuzzUnitChild(f *testing.F) {
	f.Add(int32(0), int32(0), false)
	f.Add(int32(-1), int32(5), true)
	f.Fuzz(func(t *testing.T, tone, fold int32, ascii bool) {
		checkUnitChild(t, wkey{tone: tone, fold: fold, ascii: ascii})
	})
}

package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/baocao/baocao/extract"
)

// reportBuilder writes a report's text line by line and records sections,
// footnotes, citations and counts with correct spans, the way the
// extractor would.
type reportBuilder struct {
	r     *extract.Report
	sb    strings.Builder
	stack []*extract.Section
}

func newReport(id, province, label string, date string) *reportBuilder {
	p := extract.Period{Label: label}
	if label != "" {
		fmt.Sscanf(label, "%d", &p.Year)
		switch {
		case strings.Contains(label, "-Q"):
			p.Kind = extract.PeriodQuarter
			fmt.Sscanf(label[strings.Index(label, "Q")+1:], "%d", &p.Quarter)
		case strings.HasSuffix(label, "-H1"):
			p.Kind = extract.PeriodHalfYear
		default:
			p.Kind = extract.PeriodYear
		}
	}
	return &reportBuilder{r: &extract.Report{
		ID:     id,
		Source: extract.Source{Path: "reports/" + id + ".docx", Format: extract.FormatDOCX, SHA256: id},
		Meta: extract.Meta{
			Issuer: "ỦY BAN NHÂN DÂN TỈNH " + strings.ToUpper(province), Province: province,
			Number: "12/BC-UBND", Date: date, DocType: "Báo cáo",
			Title:      "Kết quả công tác cải cách hành chính",
			Recipients: []string{"Bộ Nội vụ"}, Period: p,
		},
		Sections: []*extract.Section{}, Footnotes: []extract.Footnote{},
		Citations: []extract.Citation{}, Counts: []extract.Count{}, Diagnostics: []extract.Diagnostic{},
	}}
}

// line appends one line and returns its span.
func (b *reportBuilder) line(s string) extract.Span {
	start := b.sb.Len()
	b.sb.WriteString(s)
	sp := extract.Span{Start: start, End: b.sb.Len()}
	b.sb.WriteByte('\n')
	return sp
}

// section opens a heading of the given level, closing open sections of
// the same or a deeper level.
func (b *reportBuilder) section(level int, number, title string) {
	b.close(level)
	path := number
	if len(b.stack) > 0 {
		path = b.stack[len(b.stack)-1].Path + "." + number
	}
	sp := b.line(number + ". " + title)
	s := &extract.Section{Number: number, Title: title, Level: level, Path: path, Span: sp,
		Body: extract.Span{Start: sp.Start}, Children: []*extract.Section{}}
	if len(b.stack) == 0 {
		b.r.Sections = append(b.r.Sections, s)
	} else {
		p := b.stack[len(b.stack)-1]
		p.Children = append(p.Children, s)
	}
	b.stack = append(b.stack, s)
}

func (b *reportBuilder) close(level int) {
	for len(b.stack) > 0 && b.stack[len(b.stack)-1].Level >= level {
		s := b.stack[len(b.stack)-1]
		s.Body.End = max(b.sb.Len()-1, s.Body.Start)
		b.stack = b.stack[:len(b.stack)-1]
	}
}

func (b *reportBuilder) path() string {
	if len(b.stack) == 0 {
		return ""
	}
	return b.stack[len(b.stack)-1].Path
}

// cite appends a sentence and records the citation of ref in it.
func (b *reportBuilder) cite(sentence, ref string) {
	sp := b.line(sentence)
	i := strings.Index(sentence, ref)
	m := extract.Span{Start: sp.Start + i, End: sp.Start + i + len(ref)}
	r := ref
	b.r.Citations = append(b.r.Citations, extract.Citation{Type: "Quyết định", Ref: &r,
		Section: b.path(), Text: ref, Span: m, Mentions: []extract.Span{m}})
}

func (b *reportBuilder) count(kind extract.CountKind, v int64, nested bool) {
	b.r.Counts = append(b.r.Counts, extract.Count{Kind: kind, Value: v, Nested: nested, Section: b.path()})
}

// indicator records an indicator value stated in the last line.
func (b *reportBuilder) indicator(id string, v float64, src extract.IndicatorSource, nested, conflict bool) {
	text := strings.TrimSuffix(b.sb.String(), "\n")
	line := text[strings.LastIndexByte(text, '\n')+1:]
	start := len(text) - len(line)
	b.r.Indicators = append(b.r.Indicators, extract.Indicator{Indicator: id, Value: v, Source: src, Section: b.path(),
		Text: line, Span: extract.Span{Start: start, End: len(text)}, Nested: nested, Conflict: conflict})
}

// footnote writes a footnote at the end of the text, anchored in section.
func (b *reportBuilder) footnotes(notes map[int][2]string) {
	b.close(0)
	for n := 1; n <= len(notes); n++ {
		sp := b.line(notes[n][1])
		b.r.Footnotes = append(b.r.Footnotes, extract.Footnote{Number: n, Text: notes[n][1], Span: sp, Anchor: 0, Section: notes[n][0]})
	}
}

func (b *reportBuilder) done() *extract.Report {
	b.close(0)
	b.r.Text = strings.TrimSuffix(b.sb.String(), "\n")
	for _, s := range b.r.Sections {
		fixEnd(s, len(b.r.Text))
	}
	return b.r
}

func fixEnd(s *extract.Section, n int) {
	s.Body.End = min(s.Body.End, n)
	for _, c := range s.Children {
		fixEnd(c, n)
	}
}

// corpus is a small set of reports covering the search features.
func corpus() []*extract.Report {
	var out []*extract.Report

	kh := newReport("a1b2c3d4e5f60001", "Khánh Hòa", "2023-Q1", "2023-03-20")
	kh.line("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA")
	kh.line("BÁO CÁO Kết quả công tác cải cách hành chính quý I năm 2023")
	kh.section(1, "I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH")
	kh.cite("Ủy ban nhân dân tỉnh ban hành Kế hoạch theo Quyết định số 3604/QĐ-UBND ngày 28/12/2022.", "3604/QĐ-UBND")
	kh.line("Tổ chức 03 cuộc họp giao ban về cải cách hành chính.")
	kh.count(extract.CountMeeting, 3, false)
	kh.indicator("meeting.held", 3, extract.SourceBody, false, false)
	kh.section(1, "II", "KẾT QUẢ THỰC HIỆN")
	kh.section(2, "1", "Cải cách thể chế")
	kh.line("Công tác cải cách thể chế được chú trọng, ban hành 12 văn bản quy phạm pháp luật.")
	kh.count(extract.CountDocument, 12, false)
	kh.section(2, "2", "Cải cách thủ tục hành chính")
	kh.line("Tiếp nhận 1.500 hồ sơ, trong đó 1.200 hồ sơ trực tuyến.")
	kh.count(extract.CountDossier, 1500, false)
	kh.count(extract.CountDossier, 1200, true)
	kh.indicator("dossier.received", 1500, extract.SourceBody, false, false)
	kh.indicator("dossier.online", 1200, extract.SourceBody, true, false)
	kh.line("Giải quyết 1.400 hồ sơ; tỷ lệ hồ sơ trực tuyến đạt 80%.")
	kh.indicator("dossier.resolved", 1400, extract.SourceBody, false, false)
	kh.indicator("dossier.online_pct", 80, extract.SourceBody, false, false)
	kh.line("| 1 | Số hồ sơ tiếp nhận | hồ sơ | 1.600 |")
	kh.indicator("dossier.received", 1600, extract.SourceTable, false, false)
	kh.footnotes(map[int][2]string{1: {"II.2", "Danh mục công bố tại Quyết định số 215/QĐ-UBND của tỉnh Khánh Hòa."}})
	out = append(out, kh.done())

	na := newReport("b1b2c3d4e5f60002", "Nghệ An", "2023-Q1", "2023-03-25")
	na.line("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN")
	na.section(1, "I", "CÔNG TÁC CHỈ ĐẠO")
	na.cite("Thực hiện Quyết định số 3604/QĐ-UBND của Ủy ban nhân dân tỉnh Nghệ An về TTHC.", "3604/QĐ-UBND")
	na.section(1, "II", "KẾT QUẢ")
	na.line("Rà soát 45 TTHC thuộc thẩm quyền giải quyết; 02 cuộc kiểm tra.")
	na.count(extract.CountProcedure, 45, false)
	na.count(extract.CountInspection, 2, false)
	na.indicator("inspection.done", 2, extract.SourceBody, false, true)
	na.line("Đã thực hiện 03 cuộc kiểm tra.")
	na.indicator("inspection.done", 3, extract.SourceBody, false, true)
	out = append(out, na.done())

	// New-style tone marks and NFD text (Unikey "Unicode tổ hợp").
	hb := newReport("c1b2c3d4e5f60003", "Hoà Bình", "2023-H1", "2023-06-20")
	hb.line("ỦY BAN NHÂN DÂN TỈNH HOÀ BÌNH")
	hb.section(1, "I", "KẾT QUẢ")
	hb.line(norm.NFD.String("Uỷ ban nhân dân tỉnh ban hành Quyết định về hiện đại hoá hành chính."))
	hb.line("Dịch vụ công trực tuyến toàn trình được mở rộng tại Khánh Hoà và Hoà Bình.")
	out = append(out, hb.done())

	// A second Khánh Hòa report for the same period, dated earlier.
	kh2 := newReport("d1b2c3d4e5f60004", "Khánh Hoà", "2023-Q1", "2023-03-01")
	kh2.section(1, "I", "KẾT QUẢ")
	kh2.line("Tổ chức 05 cuộc họp; ban hành 07 văn bản.")
	kh2.count(extract.CountMeeting, 5, false)
	kh2.count(extract.CountDocument, 7, false)
	out = append(out, kh2.done())
	return out
}

func openTest(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "idx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func loaded(t testing.TB) *Index {
	t.Helper()
	ix := openTest(t)
	if err := ix.Put(context.Background(), corpus()...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func hitKeys(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ReportID[:2]+":"+h.Section)
	}
	slices.Sort(out)
	return out
}

func TestSearch(t *testing.T) {
	ix := loaded(t)
	ctx := context.Background()
	tests := []struct {
		name string
		q    Query
		want []string // report id prefix ":" section path, sorted
		mark string   // a snippet must contain this
	}{
		{"folded query", Query{Group: GroupSection, Text: "cai cach the che"}, []string{"a1:II.1"}, "<mark>cải cách thể chế</mark>"},
		{"accented query", Query{Group: GroupSection, Text: "cải cách thể chế"}, []string{"a1:II.1"}, "<mark>cải cách thể chế</mark>"},
		{"new-style tones find old style", Query{Group: GroupSection, Text: "Khánh Hoà"}, []string{"a1:", "a1:II.2", "c1:I"}, "<mark>Khánh Hoà</mark>"},
		{"old-style tones find new style", Query{Group: GroupSection, Text: "hiện đại hóa"}, []string{"c1:I"}, "<mark>" + norm.NFD.String("hiện đại hoá") + "</mark>"},
		{"abbreviation finds phrase", Query{Group: GroupSection, Text: "TTHC", Province: "Khánh Hòa"}, []string{"a1:II.2"}, "<mark>thủ tục hành chính</mark>"},
		{"phrase finds abbreviation", Query{Group: GroupSection, Text: "thủ tục hành chính", Province: "Nghệ An"}, []string{"b1:I", "b1:II"}, "<mark>TTHC</mark>"},
		{"Nghệ An is not lost", Query{Group: GroupSection, Text: `"Nghệ An"`}, []string{"b1:", "b1:I"}, "<mark>Nghệ An</mark>"},
		{"An is a word", Query{Group: GroupSection, Text: "An", Province: "Nghệ An"}, []string{"b1:", "b1:I"}, "<mark>An</mark>"},
		{"An alone", Query{Group: GroupSection, Text: "nghe an thuc hien"}, []string{"b1:I"}, "<mark>Nghệ An</mark>"},
		{"NFD text, NFC query", Query{Group: GroupSection, Text: "Ủy ban hiện đại"}, []string{"c1:I"}, "<mark>"},
		{"ref finds citing sections", Query{Group: GroupSection, Text: "3604/QĐ-UBND"}, []string{"a1:I", "b1:I"}, "<mark>3604/QĐ-UBND</mark>"},
		{"ref in a footnote", Query{Group: GroupSection, Text: "số 215/QĐ-UBND"}, []string{"a1:II.2"}, "<mark>215/QĐ-UBND</mark>"},
		{"period filter", Query{Group: GroupSection, Text: "dịch vụ công trực tuyến", Period: "2023-h1"}, []string{"c1:I"}, "<mark>Dịch vụ công trực tuyến</mark>"},
		{"province filter folded", Query{Group: GroupSection, Text: "cuộc họp", Province: "khanh hoa"}, []string{"a1:I", "d1:I"}, "<mark>cuộc họp</mark>"},
		{"province filter with prefix", Query{Group: GroupSection, Text: "cuộc họp", Province: "Tỉnh KHÁNH HOÀ"}, []string{"a1:I", "d1:I"}, "<mark>"},
		{"province filter as a slug", Query{Group: GroupSection, Text: "cuộc họp", Province: "khanh_hoa"}, []string{"a1:I", "d1:I"}, "<mark>"},
		{"no match", Query{Group: GroupSection, Text: "xyzzy"}, nil, ""},
		{"punctuation only", Query{Group: GroupSection, Text: " - / \""}, nil, ""},
		{"filters only", Query{Group: GroupSection, Province: "Hòa Bình"}, []string{"c1:", "c1:I"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Search(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitKeys(res); !slices.Equal(got, tt.want) {
				t.Fatalf("hits = %v, want %v", got, tt.want)
			}
			if tt.mark == "" {
				return
			}
			found := false
			for _, h := range res.Hits {
				found = found || strings.Contains(h.Snippet, tt.mark)
			}
			if !found {
				for _, h := range res.Hits {
					t.Logf("%s %s: %s | %s", h.ReportID, h.Section, h.Snippet, h.SnippetText)
				}
				t.Errorf("no snippet contains %q", tt.mark)
			}
		})
	}
}

func TestSearchRelaxed(t *testing.T) {
	ix := loaded(t)
	res, err := ix.Search(context.Background(), Query{Text: "cải cách thể chế xyzzy"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Relaxed || len(res.Hits) == 0 || res.Hits[0].Section != "II.1" {
		t.Fatalf("relaxed=%v hits=%v", res.Relaxed, hitKeys(res))
	}
}

func TestSearchHitFields(t *testing.T) {
	ix := loaded(t)
	res, err := ix.Search(context.Background(), Query{Text: "cai cach the che"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("hits %v", hitKeys(res))
	}
	h := res.Hits[0]
	want := Hit{ReportID: "a1b2c3d4e5f60001", Source: "reports/a1b2c3d4e5f60001.docx", Province: "Khánh Hòa",
		Period: "2023-Q1", Section: "II.1", SectionTitle: "Cải cách thể chế"}
	if h.ReportID != want.ReportID || h.Source != want.Source || h.Province != want.Province ||
		h.Period != want.Period || h.Section != want.Section || h.SectionTitle != want.SectionTitle || h.Score <= 0 {
		t.Errorf("hit = %+v", h)
	}
	if !strings.Contains(h.SnippetText, "Công tác [[cải cách thể chế]] được") {
		t.Errorf("plain snippet = %q", h.SnippetText)
	}
}

func TestFacetsCountReports(t *testing.T) {
	ix := loaded(t)
	// "cải cách" occurs in several sections of one Khánh Hòa report.
	res, err := ix.Search(context.Background(), Query{Text: "cải cách"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reports != 1 || res.Total < 2 {
		t.Fatalf("total=%d reports=%d", res.Total, res.Reports)
	}
	want := []FacetTerm{{"Khánh Hòa", 1}}
	if got := res.Facets[FacetProvince]; !slices.Equal(got, want) {
		t.Errorf("province facet = %v, want %v", got, want)
	}
	res, err = ix.Search(context.Background(), Query{Text: "ủy ban"})
	if err != nil {
		t.Fatal(err)
	}
	wantP := []FacetTerm{{"2023-Q1", 2}, {"2023-H1", 1}}
	if got := res.Facets[FacetPeriod]; !slices.Equal(got, wantP) {
		t.Errorf("period facet = %v, want %v", got, wantP)
	}
	wantProv := []FacetTerm{{"Hòa Bình", 1}, {"Khánh Hòa", 1}, {"Nghệ An", 1}}
	if got := res.Facets[FacetProvince]; !slices.Equal(got, wantProv) {
		t.Errorf("province facet = %v, want %v", got, wantProv)
	}
}

func TestUnknownProvince(t *testing.T) {
	ix := openTest(t)
	b := newReport("e1b2c3d4e5f60005", "", "", "")
	b.line("Công tác cải cách.")
	if err := ix.Put(context.Background(), b.done()); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{Text: "cải cách"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reports != 1 || len(res.Facets[FacetProvince]) != 0 || len(res.Facets[FacetPeriod]) != 0 {
		t.Errorf("reports=%d facets=%v", res.Reports, res.Facets)
	}
	if _, err := ix.Compare(context.Background(), " ", nil); err == nil {
		t.Error("Compare without a period should fail")
	}
}

func TestCiting(t *testing.T) {
	ix := loaded(t)
	for _, ref := range []string{"3604/QĐ-UBND", "3604/QĐ-UBND "} {
		got, err := ix.Citing(context.Background(), ref)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, s := range got {
			ids = append(ids, s.ID)
		}
		if want := []string{"a1b2c3d4e5f60001", "b1b2c3d4e5f60002"}; !slices.Equal(ids, want) {
			t.Errorf("Citing(%q) = %v, want %v", ref, ids, want)
		}
	}
}

// TestCitationWithoutSpan: a citation whose spans are unusable still makes
// its report findable by ref, through the section the extractor named.
func TestCitationWithoutSpan(t *testing.T) {
	ix := openTest(t)
	b := newReport("e1b2c3d4e5f60005", "Sơn La", "2023-H1", "2023-06-13")
	b.section(1, "I", "KẾT QUẢ")
	b.line("Triển khai kế hoạch của tỉnh.")
	r := b.done()
	ref := "30/2020/NĐ-CP"
	r.Citations = append(r.Citations, extract.Citation{Ref: &ref, Section: "I", Span: extract.Span{Start: -1, End: -1}})
	if err := ix.Put(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Query{Text: "30/2020/NĐ-CP"})
	if err != nil {
		t.Fatal(err)
	}
	if got := hitKeys(res); !slices.Equal(got, []string{"e1:I"}) || res.Ref != ref {
		t.Errorf("hits = %v, ref %q", got, res.Ref)
	}
}

func TestPutReplaces(t *testing.T) {
	ix := loaded(t)
	ctx := context.Background()
	n1, _ := ix.b.DocCount()
	if err := ix.Put(ctx, corpus()...); err != nil {
		t.Fatal(err)
	}
	n2, _ := ix.b.DocCount()
	if n1 != n2 {
		t.Fatalf("doc count %d after second Put, want %d", n2, n1)
	}
	// A shorter version of a report leaves no stale section documents.
	short := newReport("a1b2c3d4e5f60001", "Khánh Hòa", "2023-Q1", "2023-03-20")
	short.section(1, "I", "TỔNG QUAN")
	short.line("Nội dung thay thế.")
	if err := ix.Put(ctx, short.done()); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, Query{Text: "cai cach the che"})
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(hitKeys(res), "a1:II.1") {
		t.Errorf("stale sections still found: %v", hitKeys(res))
	}
	ids, err := ix.docIDsOf(ctx, "a1b2c3d4e5f60001")
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 { // report doc + section I (no text outside sections) + its rendition
		t.Errorf("docs of replaced report = %v", ids)
	}
}

func TestDeleteAndGet(t *testing.T) {
	ix := loaded(t)
	ctx := context.Background()
	r, err := ix.Get(ctx, "b1b2")
	if err != nil {
		t.Fatal(err)
	}
	want := corpus()[1]
	if r.ID != want.ID || r.Text != want.Text || len(r.Citations) != 1 || r.Meta.Province != "Nghệ An" {
		t.Errorf("Get = %+v", r.Meta)
	}
	if _, err := ix.Get(ctx, "b1b2c3d4e5f60002"); err != nil {
		t.Errorf("Get exact: %v", err)
	}
	if _, err := ix.Get(ctx, "ffff"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get unknown: %v", err)
	}
	if _, err := ix.Get(ctx, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get empty: %v", err)
	}
	// a1… and … share no prefix; make an ambiguous one.
	if _, err := ix.Get(ctx, "c"); err != nil {
		t.Errorf("Get unique one-letter prefix: %v", err)
	}
	amb := newReport("b1b2ffffffff0009", "Nghệ An", "2023-Q2", "2023-06-01")
	amb.line("Báo cáo khác.")
	if err := ix.Put(ctx, amb.done()); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Get(ctx, "b1b2"); !errors.Is(err, ErrAmbiguous) {
		t.Errorf("Get ambiguous: %v", err)
	}

	if err := ix.Delete(ctx, "b1b2c3d4e5f60002"); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Get(ctx, "b1b2c3d4e5f60002"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
	res, err := ix.Search(ctx, Query{Text: "Nghệ An", Period: "2023-Q1"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("deleted report still found: %v", hitKeys(res))
	}
	if err := ix.Delete(ctx, "b1b2c3d4e5f60002"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: %v", err)
	}
}

func TestReports(t *testing.T) {
	ix := loaded(t)
	ctx := context.Background()
	tests := []struct {
		f    Filter
		want []string
	}{
		{Filter{}, []string{"c1b2c3d4e5f60003", "d1b2c3d4e5f60004", "a1b2c3d4e5f60001", "b1b2c3d4e5f60002"}},
		{Filter{Province: "khánh hoà"}, []string{"d1b2c3d4e5f60004", "a1b2c3d4e5f60001"}},
		{Filter{Province: "Hoa Binh"}, []string{"c1b2c3d4e5f60003"}},
		{Filter{Period: "2023-Q1", Province: "NGHỆ AN"}, []string{"b1b2c3d4e5f60002"}},
		{Filter{Year: 2023, Period: "2023-H1"}, []string{"c1b2c3d4e5f60003"}},
		{Filter{Year: 2022}, nil},
	}
	for _, tt := range tests {
		got, err := ix.Reports(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, s := range got {
			ids = append(ids, s.ID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("Reports(%+v) = %v, want %v", tt.f, ids, tt.want)
		}
	}
	got, _ := ix.Reports(ctx, Filter{Province: "Nghệ An"})
	s := got[0]
	if s.Title == "" || s.Number != "12/BC-UBND" || s.Counts["procedure"] != 45 || s.Sections != 2 || s.Citations != 1 {
		t.Errorf("summary = %+v", s)
	}
}

func TestCompare(t *testing.T) {
	ix := loaded(t)
	cat, err := extract.DefaultCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	var inds []extract.IndicatorDef
	for _, id := range []string{"dossier.received", "dossier.online", "dossier.resolved", "dossier.online_pct", "inspection.done", "meeting.held"} {
		d, _ := cat.Def(id)
		inds = append(inds, d)
	}
	cmp, err := ix.Compare(context.Background(), "2023-q1", inds)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Period != "2023-Q1" || len(cmp.Rows) != 2 || len(cmp.Indicators) != len(inds) || cmp.Indicators[3].Kind != "rate" {
		t.Fatalf("comparison = %+v", cmp)
	}
	kh, na := cmp.Rows[0], cmp.Rows[1]
	if kh.Province != "Khánh Hòa" || kh.ReportID != "a1b2c3d4e5f60001" || !slices.Equal(kh.OtherReports, []string{"d1b2c3d4e5f60004"}) {
		t.Errorf("Khánh Hòa row = %+v", kh)
	}
	// Received and resolved stay apart; the narrative value wins over the
	// appendix table; the rate is as stated.
	for id, want := range map[string]float64{"dossier.received": 1500, "dossier.online": 1200, "dossier.resolved": 1400, "dossier.online_pct": 80, "meeting.held": 3} {
		if got, ok := kh.Values[id]; !ok || got.Value != want || got.Text == "" {
			t.Errorf("Khánh Hòa %s = %+v, want %v", id, got, want)
		}
	}
	// Not stated: absent (blank), never 0.
	if v, ok := kh.Values["inspection.done"]; ok {
		t.Errorf("Khánh Hòa states no inspection, got %+v", v)
	}
	if na.Province != "Nghệ An" || len(na.Values) != 1 || na.Values["inspection.done"].Value != 2 || !na.Values["inspection.done"].Conflict {
		t.Errorf("Nghệ An row = %+v", na)
	}
}

func TestReopen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), corpus()...); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ro, err := OpenReadOnly(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	res, err := ro.Search(context.Background(), Query{Text: "Khánh Hoà"})
	if err != nil || res.Total == 0 {
		t.Fatalf("search after reopen: %v, %v", res, err)
	}
	if err := ro.Put(context.Background(), corpus()[0]); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Put on read-only: %v", err)
	}
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "none"), Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("OpenReadOnly missing: %v", err)
	}
}

func TestAnalyzers(t *testing.T) {
	ix := openTest(t)
	tests := []struct {
		analyzer, in string
		want         []string
	}{
		{analyzerVi, "Nghệ An, Long An; to lớn", []string{"nghệ", "an", "long", "an", "to", "lớn"}},
		// The spelling term of a syllable with a movable tone mark.
		{analyzerVi, "Khánh Hoà KHÁNH HÒA", []string{"khánh", "hòa", "~hoà", "khánh", "hòa", "~hòa"}},
		{analyzerViPairs, "Thanh Hoá, số hoá. Chính phủ: số", []string{"thanh hoa", "hoa so", "so hoa", "chinh phu"}}, // a comma does not break
		{analyzerVi, norm.NFD.String("Quyết định"), []string{"quyết", "định"}},
		{analyzerViFold, "Đắk Lắk, đường", []string{"dak", "lak", "duong"}},
		{analyzerVi, "3604/QĐ-UBND", []string{"3604", "qđ", "ubnd"}},
	}
	for _, tt := range tests {
		ts := ix.b.Mapping().AnalyzerNamed(tt.analyzer).Analyze([]byte(tt.in))
		var got []string
		for _, tok := range ts {
			got = append(got, string(tok.Term))
			// Offsets point into the original bytes.
			if orig := tt.in[tok.Start:tok.End]; termKey(orig) != string(tok.Term) && termFold(orig) != string(tok.Term) &&
				spellingTerm(orig) != string(tok.Term) && !strings.Contains(string(tok.Term), " ") {
				t.Errorf("%s: token %q at %d:%d covers %q", tt.analyzer, tok.Term, tok.Start, tok.End, orig)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s(%q) = %q, want %q", tt.analyzer, tt.in, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	ix := openTest(t)
	tests := []struct {
		in   string
		want string
	}{
		{"cải cách", "cải | cách"},
		{"TTHC cấp tỉnh", "tthc/thủ tục hành chính | cấp | tỉnh"},
		{"ủy ban nhân dân tỉnh", "ủy ban nhân dân/ubnd | tỉnh"},
		{"uy ban nhan dan", "uy ban nhan dan/ubnd"},
		{`"thủ tục hành chính" "Nghệ An"`, "thủ tục hành chính/tthc | nghệ an"},
		{`"kiosk tra cứu thông tin TTHC"`, "kiosk tra cứu thông tin tthc/kiosk tra cứu thông tin thủ tục hành chính"},
		{`"bộ phận một cửa cấp xã"`, "bộ phận một cửa cấp xã/bpmc cấp xã"},
		// Overlapping entries: the first one of the table and the longest.
		{`"dịch vụ công trực tuyến"`, "dịch vụ công trực tuyến/dvc trực tuyến/dvctt"},
		{`số hoá OR "chuyển đổi số" -giấy`, "số | hóa/chuyển đổi số/cđs"},
		{"tinh:thanh-hoa ky:2023-Q1 cải cách", "cải | cách"},
		{"HĐND hdnd", "hđnd/hội đồng nhân dân | hdnd/hội đồng nhân dân"},
		{"28/12/2022", "28 12 2022"},
		{`  " `, ""},
	}
	for _, tt := range tests {
		var parts []string
		for _, u := range ix.parseQuery(tt.in).units {
			var alts []string
			for _, a := range u.alts {
				var ws []string
				for _, tok := range a {
					ws = append(ws, tok.key)
				}
				alts = append(alts, strings.Join(ws, " "))
			}
			parts = append(parts, strings.Join(alts, "/"))
		}
		if got := strings.Join(parts, " | "); got != tt.want {
			t.Errorf("parseQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAsRef(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		want string
	}{
		{"3604/QĐ-UBND", true, "3604/QĐ-UBND"},
		{"số 30/2020/NĐ-CP", true, "30/2020/NĐ-CP"},
		{"91-KL/TU", true, "91-KL/TU"},
		{"2023-Q1", false, ""},
		{"5/9 huyện", false, ""},
		{"cải cách", false, ""},
		{"28/12/2022", false, ""},
	}
	for _, tt := range tests {
		got, ok := asRef(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("asRef(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestOpenInUse opens the index and has a second process open it too: it
// must fail fast with ErrInUse instead of waiting for the lock forever.
func TestOpenInUse(t *testing.T) {
	if dir := os.Getenv("BAOCAO_INDEX_HELPER_DIR"); dir != "" {
		start := time.Now()
		_, err := Open(dir, Options{BoltTimeout: 300 * time.Millisecond})
		fmt.Printf("helper: in use=%v after %v: %v\n", errors.Is(err, ErrInUse), time.Since(start).Round(time.Millisecond), err)
		if !errors.Is(err, ErrInUse) {
			os.Exit(3)
		}
		return
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenInUse$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BAOCAO_INDEX_HELPER_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "in use=true") {
		t.Fatalf("second process: %v\n%s", err, out)
	}
	t.Logf("%s", strings.TrimSpace(strings.Split(string(out), "\n")[0]))

	// In the same process a second handle opens another file descriptor;
	// flock locks are per open file, so it is refused too.
	start := time.Now()
	_, err = Open(dir, Options{BoltTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second handle: %v", err)
	}
	if !strings.Contains(err.Error(), "index is in use by another process: "+dir) {
		t.Errorf("message = %q", err)
	}
	t.Logf("same process: ErrInUse after %v", time.Since(start).Round(time.Millisecond))
}

func TestOpenIncompatible(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.b.SetInternal(internalVersionKey, []byte("baocao-index-0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrIncompatible) {
		t.Fatalf("Open of an old index: %v", err)
	}
}

// TestSmallBatches: reports larger than a batch are split, and the result
// is the same index.
func TestSmallBatches(t *testing.T) {
	want, _ := loaded(t).b.DocCount()
	ix, err := Open(filepath.Join(t.TempDir(), "idx"), Options{BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for range 2 {
		if err := ix.Put(ctx, corpus()...); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := ix.b.DocCount(); got != want {
		t.Errorf("doc count %d with batches of 2, want %d", got, want)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := ix.Put(cctx, corpus()...); !errors.Is(err, context.Canceled) {
		t.Errorf("Put with a cancelled context: %v", err)
	}
}

func TestHasFinding(t *testing.T) {
	ix := openTest(t)
	rs := corpus()
	rs[1].Findings = []extract.Finding{{Rule: "late-submission", Severity: "warning"}, {Rule: "missing-section"}, {Rule: "late-submission"}}
	if err := ix.Put(context.Background(), rs...); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Reports(context.Background(), Filter{HasFinding: "late-submission"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != rs[1].ID {
		t.Errorf("Reports(HasFinding) = %v", got)
	}
	res, err := ix.Search(context.Background(), Query{Text: "ủy ban", HasFinding: "missing-section"})
	if err != nil {
		t.Fatal(err)
	}
	if keys := hitKeys(res); len(keys) == 0 || !strings.HasPrefix(keys[0], "b1:") || !strings.HasPrefix(keys[len(keys)-1], "b1:") {
		t.Errorf("Search(HasFinding) = %v", keys)
	}
}

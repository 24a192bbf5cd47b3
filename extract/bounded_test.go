package extract

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// hugeParagraph is a report whose body is one paragraph of about n bytes
// with no sentence end: clauses with counts, cited documents and dates
// joined by semicolons — the worst case for rules that look at a
// paragraph or a sentence as a whole.
func hugeParagraph(n int) *Document {
	clauses := []string{
		"trong kỳ đã ban hành 12 văn bản chỉ đạo và tổ chức 3 cuộc họp giao ban về cải cách hành chính",
		"kiểm tra 7 cơ quan, đơn vị theo Kế hoạch số 45/KH-UBND ngày 10/02/2023 của Ủy ban nhân dân tỉnh",
		"tiếp nhận 1.250 hồ sơ trực tuyến, trong đó 1.100 hồ sơ được giải quyết đúng hạn",
		"thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về cơ chế một cửa",
		"rà soát 25 thủ tục hành chính, đề nghị đơn giản hóa 4 thủ tục",
	}
	var b strings.Builder
	b.WriteString("UỶ BAN NHÂN DÂN TỈNH KHÁNH HÒA\nSố: 31/BC-UBND\nBÁO CÁO\nCông tác cải cách hành chính quý I năm 2023\n")
	start := b.Len()
	for i := 0; b.Len()-start < n; i++ {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(clauses[i%len(clauses)])
	}
	b.WriteString(".\n")
	text := b.String()
	doc := &Document{Source: Source{Path: "huge.md", Format: FormatMarkdown, SHA256: "00"}, Text: text}
	off := 0
	for i, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		end := off + len(strings.TrimSuffix(line, "\n"))
		kind := BlockParagraph
		if i == 2 {
			kind = BlockHeading
		}
		doc.Blocks = append(doc.Blocks, Block{Kind: kind, Span: Span{Start: off, End: end}})
		off += len(line)
	}
	return doc
}

// peakHeap runs f while sampling the heap in use and returns the largest
// sample above the heap before f (an estimate of f's peak memory).
func peakHeap(f func()) uint64 {
	runtime.GC()
	var base, m runtime.MemStats
	runtime.ReadMemStats(&base)
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var top uint64
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapAlloc)
			select {
			case <-done:
				peak <- top
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	top := <-peak
	if top < base.HeapAlloc {
		return 0
	}
	return top - base.HeapAlloc
}

func TestEvidence(t *testing.T) {
	long := strings.Repeat("từ ", 400) + "ban hành 12 văn bản" + strings.Repeat(" chữ", 400)
	m := strings.Index(long, "12 văn bản")
	short := "  Đã ban hành 12 văn bản. "
	cases := []struct {
		name                 string
		t                    string
		from, to, start, end int
		want                 string
		maxLen               int
	}{
		{"short sentence whole", short, 0, len(short), strings.Index(short, "12"), strings.Index(short, "."), "Đã ban hành 12 văn bản.", 0},
		{"long sentence windowed", long, 0, len(long), m, m + len("12 văn bản"), "", 2*evidenceRadius + len("12 văn bản")},
		{"long match cut", long, 0, len(long), 0, len(long), "", 3 * evidenceRadius},
		{"out of range", "abc", -5, 99, 50, 60, "", 3},
	}
	for _, c := range cases {
		got := evidence(c.t, c.from, c.to, c.start, c.end)
		if c.want != "" && got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if c.maxLen > 0 && len(got) > c.maxLen {
			t.Errorf("%s: %d bytes, want at most %d", c.name, len(got), c.maxLen)
		}
		if !utf8.ValidString(got) || !strings.Contains(c.t, got) {
			t.Errorf("%s: %q is not a valid piece of the text", c.name, got)
		}
	}
	if got := evidence(long, 0, len(long), m, m+len("12 văn bản")); !strings.Contains(got, "ban hành 12 văn bản chữ") || strings.HasPrefix(got, "ừ") {
		t.Errorf("window %q does not hold the match with whole words around it", got)
	}
}

// Every fact of a huge one-paragraph report carries a bounded evidence text
// and a span into the full text.
func TestHugeParagraphEvidenceIsBounded(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc := hugeParagraph(256 << 10)
	r := e.Extract(doc)
	if len(r.Counts) < 1000 {
		t.Fatalf("only %d counts", len(r.Counts))
	}
	for _, c := range r.Counts {
		if len(c.Text) > 2*evidenceRadius+len(r.Text[c.Span.Start:c.Span.End]) {
			t.Fatalf("count %v: evidence of %d bytes", c.Span, len(c.Text))
		}
		if !strings.Contains(c.Text, r.Text[c.Span.Start:c.Span.End]) {
			t.Fatalf("count %v: evidence %q lacks the match %q", c.Span, c.Text, r.Text[c.Span.Start:c.Span.End])
		}
	}
	for _, c := range r.Citations {
		if len(c.Text) > 3*evidenceRadius {
			t.Fatalf("citation %v: evidence of %d bytes", c.Span, len(c.Text))
		}
	}
}

// BenchmarkExtractHugeParagraph is the linear-time proof of the extraction
// over one paragraph of 1, 2, 4 and 8 MB: ns/MB and the peak heap should
// stay flat from size to size (BENCHMARKS.md).
func BenchmarkExtractHugeParagraph(b *testing.B) {
	e, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, mb := range []int{1, 2, 4, 8} {
		doc := hugeParagraph(mb << 20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(func() { e.Extract(doc) }))
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(mb)/1e6, "ms/MB")
			b.ReportMetric(float64(peak>>20), "peak-MB")
		})
	}
}

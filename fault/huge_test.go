package fault

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/pipeline"
)

// clauses are joined by semicolons into one paragraph without a full stop:
// counts, cited documents and dates in every clause, the worst case for
// rules that look at a paragraph or a sentence as a whole.
var clauses = []string{
	"trong kỳ đã ban hành 12 văn bản chỉ đạo và tổ chức 3 cuộc họp giao ban về cải cách hành chính",
	"kiểm tra 7 cơ quan, đơn vị theo Kế hoạch số 45/KH-UBND ngày 10/02/2023 của Ủy ban nhân dân tỉnh",
	"tiếp nhận 1.250 hồ sơ trực tuyến, trong đó 1.100 hồ sơ được giải quyết đúng hạn",
	"thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về cơ chế một cửa",
	"rà soát 25 thủ tục hành chính, đề nghị đơn giản hóa 4 thủ tục",
}

// paragraph joins the clauses, each with its own figures (so a DOCX of
// it compresses like real text, not like a zip bomb), into n bytes.
func paragraph(n int) string {
	var b strings.Builder
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteString("; ")
		}
		c := clauses[rng.IntN(len(clauses))]
		// Each figure of the clause becomes another number.
		for _, f := range strings.Fields(c) {
			if f[0] >= '0' && f[0] <= '9' && !strings.Contains(f, "/") {
				f = fmt.Sprint(1 + rng.IntN(9999))
			}
			b.WriteString(f)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func onePara(n int) []byte {
	return []byte("# BÁO CÁO\n\nCông tác cải cách hành chính quý I năm 2023\n\n" + paragraph(n) + ".\n")
}

// oneParaDOCX is a DOCX whose body is one paragraph of n bytes of text.
func oneParaDOCX(t testing.TB, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`},
		{"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>BÁO CÁO</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">` + paragraph(n) + `</w:t></w:r></w:p></w:body></w:document>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// One-paragraph reports of 1, 2, 4 and 8 MB through the production
// pipeline and limits: each is extracted or refused as too-large, never
// half-done; the time per MB stays flat (linear work) and the main
// process's heap under 300 MB.
func TestHugeParagraphs(t *testing.T) {
	cfg := config.Default()
	p := newPipeline(t, cfg)
	var perMB []float64
	for _, mb := range []int{1, 2, 4, 8} {
		data := onePara(mb << 20)
		var err error
		var counts int
		start := time.Now()
		peak := heapPeak(func() {
			r, e := p.Process(context.Background(), fmt.Sprintf("p%d.md", mb), data)
			err = e
			if r != nil {
				counts = len(r.Counts)
			}
		})
		d := time.Since(start)
		perMB = append(perMB, d.Seconds()/float64(mb))
		outcome := "report"
		if err != nil {
			outcome = pipeline.Reason(err)
		}
		t.Logf("%d MB: %s (%d counts) in %s, heap peak %d MB", mb, outcome, counts, d.Round(time.Millisecond), peak>>20)
		if outcome != "report" && outcome != "too-large" {
			t.Errorf("%d MB: %v, want a report or too-large", mb, err)
		}
		if peak > 300<<20 {
			t.Errorf("%d MB: heap peak %d MB, want < 300 MB", mb, peak>>20)
		}
		if d > cfg.Ingest.Timeout {
			t.Errorf("%d MB: %s, past the document deadline", mb, d)
		}
	}
	// Linear: no size costs much more per MB than the smallest (with room
	// for a loaded machine).
	for i, s := range perMB {
		if s > 4*perMB[0]+0.5 {
			t.Errorf("%d MB: %.2f s/MB against %.2f s/MB at 1 MB: not linear", 1<<i, s, perMB[0])
		}
	}
}

// A DOCX whose one paragraph inflates to 24 MB of text is refused as
// too-large by its worker, within the deadline, and the text never
// reaches the main process.
func TestHugeParagraphDOCX(t *testing.T) {
	cfg := config.Default()
	p := newPipeline(t, cfg)
	data := oneParaDOCX(t, 24<<20)
	var err error
	start := time.Now()
	peak := heapPeak(func() { _, err = p.Process(context.Background(), "huge.docx", data) })
	d := time.Since(start)
	t.Logf("%d KB DOCX: %v in %s, main heap peak %d MB", len(data)>>10, err, d.Round(time.Millisecond), peak>>20)
	if pipeline.Reason(err) != "too-large" {
		t.Errorf("err = %v, want too-large", err)
	}
	if d > cfg.Ingest.Timeout {
		t.Errorf("refused after %s, past the deadline", d)
	}
	if peak > 100<<20 {
		t.Errorf("main heap peak %d MB: the text came back from the worker", peak>>20)
	}
}

// A parser that really runs out of memory under a small cap (the same
// DOCX, with no text limit, in a worker capped at 96 MB) is too-large,
// not crashed.
func TestRealOutOfMemoryIsTooLarge(t *testing.T) {
	t.Setenv("BAOCAO_INGEST_MAX_TEXT_BYTES", fmt.Sprint(1<<30))
	cfg := config.Default()
	cfg.Ingest.MemoryLimitMB = config.MinMemoryLimitMB
	p := newPipeline(t, cfg)
	_, err := p.Process(context.Background(), "huge.docx", oneParaDOCX(t, 24<<20))
	if pipeline.Reason(err) != "too-large" {
		t.Errorf("err = %v, want too-large", err)
	}
	if err != nil && !strings.Contains(err.Error(), "memory") {
		t.Errorf("err = %v, want it to say memory", err)
	}
}

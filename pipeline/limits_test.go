package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/convert"
	"github.com/baocao/baocao/pipeline/docx"
	"github.com/baocao/baocao/pipeline/pdf"
	"github.com/baocao/baocao/pipeline/plaintext"
)

// Every ingester given a zero limit applies the one default
// (config.Limit, config.Default): a file one byte over the default size is
// refused as too large, where a zero once meant "no limit" (PDF, the
// converter) or a default of the ingester's own (DOCX 64 MB, text 20 MB).
func TestIngestersTakeTheDefaultForZero(t *testing.T) {
	over := make([]byte, config.Default().Ingest.MaxFileSize+1)
	for name, in := range map[string]pipeline.Ingester{
		"pdf":       pdf.New(pdf.Options{}),
		"docx":      docx.New(docx.Options{}),
		"markdown":  plaintext.New(plaintext.Options{}, true),
		"text":      plaintext.New(plaintext.Options{}, false),
		"converter": convert.New(convert.Options{}, extract.FormatDOC, docx.New(docx.Options{})),
	} {
		if _, err := in.Ingest(context.Background(), "big", over); !errors.Is(err, pipeline.ErrTooLarge) {
			t.Errorf("%s with zero limits, %d bytes: %v, want ErrTooLarge", name, len(over), err)
		}
	}
	if got, want := pdf.DefaultOptions(), (pdf.Options{MaxFileSize: config.Default().Ingest.MaxFileSize, MaxPages: config.Default().Ingest.MaxPages, OCRMaxPages: config.Default().Ingest.OCRMaxPages}); got.MaxFileSize != want.MaxFileSize || got.MaxPages != want.MaxPages || got.OCRMaxPages != want.OCRMaxPages {
		t.Errorf("pdf.DefaultOptions %+v, want config.Default's limits", got)
	}
	if got, d := docx.DefaultOptions(), config.Default().Ingest; got.MaxFileSize != d.MaxFileSize || got.MaxUncompressed != d.MaxUncompressed || got.MaxCompressionRatio != d.MaxCompressionRatio {
		t.Errorf("docx.DefaultOptions %+v, want config.Default's limits", got)
	}
}

// A batch without MaxFileSize skips a file over the default size before
// reading it (a sparse file: nothing is written), as too large.
func TestBatchFileSizeZeroIsTheDefault(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(config.Default().Ingest.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	e := openEnv(t, filepath.Join(dir, "data"))
	defer e.close(t)
	b := &pipeline.Batch{Pipeline: newTestPipeline(t), Ledger: e.ledger, Workers: 1}
	sum, err := b.Run(context.Background(), []string{big})
	if err != nil {
		t.Fatal(err)
	}
	if en, ok := e.ledger.Get(big); sum.Failed != 1 || !ok || en.Reason != "too-large" {
		t.Errorf("summary %+v, ledger %+v: want the file failed as too-large", sum, en)
	}
}

// onePara is a Markdown report whose body is one paragraph of clauses
// with counts, about n bytes long.
func onePara(n int) []byte {
	var b strings.Builder
	b.WriteString("# BÁO CÁO\n\nCông tác cải cách hành chính quý I năm 2023\n\n")
	for b.Len() < n {
		b.WriteString("đã ban hành 12 văn bản và tổ chức 3 cuộc họp về cải cách hành chính; ")
	}
	b.WriteString(".\n")
	return []byte(b.String())
}

func limitedPipeline(t *testing.T, maxText, maxFacts int, timeout time.Duration) *pipeline.Pipeline {
	t.Helper()
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return &pipeline.Pipeline{Extractor: ex, MaxFacts: maxFacts, Timeout: timeout, AcceptNonReports: true,
		Ingesters: map[extract.Format]pipeline.Ingester{
			extract.FormatMarkdown: pipeline.LimitText(plaintext.New(plaintext.DefaultOptions(), true), maxText),
		}}
}

// A document over the text or fact limits is refused whole, as too-large;
// under them it is extracted.
func TestDocumentLimits(t *testing.T) {
	data := onePara(64 << 10) // about 1,800 counts
	cases := []struct {
		name           string
		maxText, facts int
		want           string
	}{
		{"under the limits", 1 << 20, 10000, ""},
		{"text over", 32 << 10, 10000, "too-large"},
		{"facts over", 1 << 20, 500, "too-large"},
		{"no limits", 0, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := limitedPipeline(t, c.maxText, c.facts, time.Minute).Process(context.Background(), "a.md", data)
			if got := reasonOf(err); got != c.want {
				t.Fatalf("reason %q (%v), want %q", got, err, c.want)
			}
			if c.want != "" && r != nil {
				t.Errorf("a refused document still has a report")
			}
			if c.want == "" && len(r.Counts) < 1000 {
				t.Errorf("%d counts", len(r.Counts))
			}
		})
	}
}

func reasonOf(err error) string {
	if err == nil {
		return ""
	}
	return pipeline.Reason(err)
}

type readyDoc struct{ doc *extract.Document }

func (r readyDoc) Ingest(context.Context, string, []byte) (*extract.Document, error) {
	d := *r.doc
	return &d, nil
}

// Extraction runs under the document's deadline: a document whose
// extraction cannot finish in time is a timeout, answered at the deadline.
func TestExtractionUnderTheDeadline(t *testing.T) {
	doc, err := plaintext.New(plaintext.DefaultOptions(), true).Ingest(context.Background(), "a.md", onePara(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline.Pipeline{Extractor: ex, Timeout: 30 * time.Millisecond, AcceptNonReports: true,
		Ingesters: map[extract.Format]pipeline.Ingester{extract.FormatMarkdown: readyDoc{doc}}}
	start := time.Now()
	_, err = p.Process(context.Background(), "a.md", []byte("# x"))
	var de *pipeline.DocError
	if !errors.Is(err, pipeline.ErrTimeout) || !errors.As(err, &de) || de.Stage != "extract" {
		t.Fatalf("err = %v, want a timeout in the extract stage", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("answered after %s, the deadline was 30ms", d)
	}
}

// A password-protected Office document is an OLE container with an
// EncryptionInfo stream: encrypted, whatever the case or the extension of
// its name; another OLE file is unsupported.
func TestEncryptedOfficeWhateverItsName(t *testing.T) {
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	enc := append(append([]byte{}, ole...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline.Pipeline{Extractor: ex, Ingesters: map[extract.Format]pipeline.Ingester{extract.FormatDOCX: docx.New(docx.DefaultOptions())}}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"BAOCAO.DOCX", enc, "encrypted"},
		{"baocao.docx", enc, "encrypted"},
		{"baocao", enc, "encrypted"},
		{"other.bin", ole, "unsupported"},
	} {
		_, err := p.Process(context.Background(), c.name, c.data)
		if got := reasonOf(err); got != c.want {
			t.Errorf("%s: %q (%v), want %q", c.name, got, err, c.want)
		}
	}
}

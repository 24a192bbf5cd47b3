package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/text/unicode/norm"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

const docsDir = "../../testdata/docs"

func samples(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(docsDir, "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample PDFs in %s (run testdata/office/pdf/make.sh): %v", docsDir, err)
	}
	return files
}

// goldenBlock is the part of a Block the golden files pin down.
type goldenBlock struct {
	Kind     extract.BlockKind `json:"kind"`
	Level    int               `json:"level,omitempty"`
	Bold     bool              `json:"bold,omitempty"`
	Footnote int               `json:"footnote,omitempty"`
	Page     int               `json:"page,omitempty"`
	Text     string            `json:"text"`
	Refs     []int             `json:"refs,omitempty"`
}

func golden(doc *extract.Document) []goldenBlock {
	var out []goldenBlock
	for i, b := range doc.Blocks {
		g := goldenBlock{Kind: b.Kind, Level: b.Level, Bold: b.Bold, Footnote: b.Footnote, Page: b.Page, Text: doc.BlockText(i)}
		for _, r := range doc.Refs {
			if r.Offset >= b.Span.Start && r.Offset <= b.Span.End {
				g.Refs = append(g.Refs, r.Number)
			}
		}
		out = append(out, g)
	}
	return out
}

func ingestFile(t testing.TB, path string) *extract.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := New(DefaultOptions()).Ingest(context.Background(), filepath.Base(path), data)
	if err != nil {
		t.Fatalf("Ingest(%s): %v", path, err)
	}
	return doc
}

func TestGolden(t *testing.T) {
	files := samples(t)
	edge, _ := filepath.Glob("testdata/edge/*.pdf")
	for _, path := range append(files, edge...) {
		name := strings.TrimSuffix(filepath.Base(path), ".pdf")
		t.Run(name, func(t *testing.T) {
			doc := ingestFile(t, path)
			checkInvariants(t, doc)
			got := golden(doc)
			file := filepath.Join("testdata/golden", name+".json")
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./pipeline/pdf -run TestGolden -update)", err)
			}
			var want []goldenBlock
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("blocks differ (-want +got):\n%s", d)
			}
		})
	}
}

// checkInvariants asserts what every Document must satisfy.
func checkInvariants(t testing.TB, doc *extract.Document) {
	t.Helper()
	prev := -1
	for i, b := range doc.Blocks {
		if b.Span.Start < 0 || b.Span.End > len(doc.Text) || b.Span.Start >= b.Span.End {
			t.Fatalf("block %d span %v out of bounds (len %d)", i, b.Span, len(doc.Text))
		}
		if b.Span.Start <= prev {
			t.Fatalf("block %d span %v overlaps or precedes the previous block ending at %d", i, b.Span, prev)
		}
		prev = b.Span.End
		if b.Kind == extract.BlockFootnote && b.Footnote <= 0 {
			t.Fatalf("footnote block %d without number", i)
		}
	}
	for _, r := range doc.Refs {
		if r.Offset < 0 || r.Offset > len(doc.Text) {
			t.Fatalf("ref %v out of bounds", r)
		}
	}
	if !norm.NFC.IsNormalString(doc.Text) {
		t.Fatalf("text is not NFC")
	}
	if strings.ContainsAny(doc.Text, supOpen+supClose) {
		t.Fatalf("marker placeholder left in text")
	}
}

// letterWords splits text into runs of letters: digits and punctuation are
// ignored, so footnote numbers glued to words by pdftotext ("CCHC1") and
// page numbers do not count. Hyphens are dropped first: pdftotext removes
// the hyphen of a symbol broken at a line end ("NĐ-" + "CP" → "NĐCP"),
// where we rightly keep "NĐ-CP".
func letterWords(s string) []string {
	s = strings.ReplaceAll(norm.NFC.String(s), "-", "")
	w := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) })
	sort.Strings(w)
	return w
}

func TestWordBagMatchesPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: the word-bag comparison needs it")
	}
	// The OCR text layer a scanner writes (Tesseract: every two-byte code
	// mapped to itself by one wide ToUnicode range) must decode as poppler
	// decodes it.
	for _, path := range append(samples(t), "testdata/edge/ocr-text-layer.pdf") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			doc := ingestFile(t, path)
			want, got := letterWords(string(out)), letterWords(doc.Text)
			if strings.Contains(path, "fallback") || strings.Contains(path, "ocr-text-layer") {
				// pdftotext splits words where a fallback-font glyph sits
				// ("chỉ đ ạo"), and does not mend a symbol an OCR line
				// breaks after its hyphen ("QĐ-" / "UBND"); compare the
				// letters only.
				want, got = letterWords(strings.Join(want, "")), letterWords(strings.Join(got, ""))
				want, got = sortedRunes(strings.Join(want, "")), sortedRunes(strings.Join(got, ""))
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("word bag differs from pdftotext (-pdftotext +ours):\n%s", d)
			}
		})
	}
}

func sortedRunes(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
	}
	sort.Strings(out)
	return out
}

func TestBadFiles(t *testing.T) {
	tests := []struct {
		file string
		opts func(*Options)
		want error
		text string // for files that must open: a phrase of the text
	}{
		{file: "not-a-pdf.pdf", want: pipeline.ErrMalformed},
		{file: "pdf-kids-cycle.pdf", want: pipeline.ErrMalformed},
		// No /Resources and a /Parent loop: the library's Resources() would
		// loop; the page tree walk passes resources down instead, and the
		// missing font decodes as PDFDocEncoding.
		{file: "pdf-parent-cycle.pdf", text: "Bao cao ket qua"},
		{file: "pdf-prev-loop.pdf", want: pipeline.ErrMalformed},
		{file: "pdf-bad-object.pdf", want: pipeline.ErrMalformed},
		// LZWDecode is a standard filter the library lacks: a valid file
		// it cannot read, not a damaged one.
		{file: "pdf-bad-filter.pdf", want: pipeline.ErrUnsupportedFormat},
		{file: "pdf-aes256.pdf", want: pipeline.ErrEncrypted},
		{file: "pdf-rc4-40.pdf", want: pipeline.ErrEncrypted},
		{file: "pdf-aes128-password.pdf", want: pipeline.ErrEncrypted},
		{file: "pdf-aes128-password.pdf", opts: func(o *Options) { o.Passwords = []string{"wrong", "user1"} }, text: "Kính gửi: Bộ Nội vụ"},
		{file: "pdf-truncated.pdf", want: pipeline.ErrTruncated},
		{file: "pdf-no-eof.pdf", want: pipeline.ErrTruncated},
		{file: "pdf-vector-only.pdf", want: pipeline.ErrNoText},
		{file: "pdf-scanned.pdf", want: pipeline.ErrNoText},
		// TCVN3 glyphs are converted, whether the font's name or the
		// text itself says so.
		{file: "../legacy/pdf-tcvn3-font.pdf", text: "Công tác chỉ đạo, điều hành cải cách hành chính của UBND tỉnh"},
		{file: "../legacy/pdf-tcvn3-text.pdf", text: "Công tác chỉ đạo, điều hành cải cách hành chính của UBND tỉnh"},
		{file: "pdf-truncated.pdf", opts: func(o *Options) { o.MaxFileSize = 1000 }, want: pipeline.ErrTooLarge},
		{file: "pdf-kids-cycle.pdf", opts: func(o *Options) { o.MaxPages = 0 }, want: pipeline.ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("../../testdata/bad", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			opts := DefaultOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			type result struct {
				doc *extract.Document
				err error
			}
			done := make(chan result, 1)
			go func() {
				doc, err := New(opts).Ingest(context.Background(), tc.file, data)
				done <- result{doc, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("Ingest hangs on %s", tc.file)
			}
			if tc.want == nil {
				if r.err != nil {
					t.Fatalf("Ingest: %v", r.err)
				}
				if !strings.Contains(r.doc.Text, tc.text) {
					t.Fatalf("text lacks %q", tc.text)
				}
				return
			}
			if !errors.Is(r.err, tc.want) {
				t.Fatalf("err = %v, want %v", r.err, tc.want)
			}
			t.Logf("%s: %v", tc.file, r.err)
		})
	}
}

func TestMaxPages(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(docsDir, "report-phu-tho-q3.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{MaxPages: 1}).Ingest(context.Background(), "x.pdf", data)
	if !errors.Is(err, pipeline.ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestContextCancelled(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(docsDir, "report-phu-tho-q3.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New(DefaultOptions()).Ingest(ctx, "x.pdf", data); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestJoinLines(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"Quyết định số 1234/QĐ-", "UBND ngày 05/01/2023"}, "Quyết định số 1234/QĐ-UBND ngày 05/01/2023"},
		{[]string{"giai đoạn 2021-", "2030"}, "giai đoạn 2021-2030"},
		{[]string{"Độc lập -", "Tự do"}, "Độc lập - Tự do"},
		{[]string{"cải cách", "hành chính"}, "cải cách hành chính"},
		{[]string{"thủ tục hành chín\u00ad", "h"}, "thủ tục hành chính"},
		{[]string{"", " a ", ""}, "a"},
	}
	for _, tc := range tests {
		if got := joinLines(tc.in); got != tc.want {
			t.Errorf("joinLines(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestResolveMarkers(t *testing.T) {
	have := map[int]bool{1: true}
	got := resolveMarkers("nhiệm vụ"+supOpen+"1"+supClose+"; 100 m"+supOpen+"2"+supClose, have)
	want := "nhiệm vụ" + extract.Marker(1) + "; 100 m2"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestPageNumberPattern(t *testing.T) {
	for s, want := range map[string]bool{"2": true, "- 3 -": true, "Trang 4": true, "12/30": true, "2024.": false, "I. CÔNG TÁC": false, "12345": false} {
		if got := rePageNumber.MatchString(s); got != want {
			t.Errorf("rePageNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestEncryptionDescribe(t *testing.T) {
	tests := []struct {
		dict, want  string
		unsupported bool
	}{
		{"<< /Filter /Standard /V 5 /R 6 /Length 256 /CF << /StdCF << /CFM /AESV3 >> >> >>", "AES-256", true},
		{"<< /Filter /Standard /V 1 /R 2 /Length 40 >>", "RC4 40-bit", true},
		{"<< /Filter /Standard /V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 >> >> >>", "AES-128", false},
		{"<< /Filter /Standard /V 2 /R 3 /Length 128 >>", "RC4-128", false},
		{"<< /Filter /Adobe.PubSec /V 4 /R 4 >>", "", true},
	}
	for _, tc := range tests {
		data := []byte("%PDF-1.7\n9 0 obj\n" + tc.dict + "\nendobj\ntrailer\n<< /Encrypt 9 0 R >>\n")
		e := encryption(data)
		if !e.present || !strings.Contains(e.describe(), tc.want) || (e.unsupported() != "") != tc.unsupported {
			t.Errorf("%s: describe %q unsupported %q", tc.dict, e.describe(), e.unsupported())
		}
	}
}

func FuzzIngest(f *testing.F) {
	for _, dir := range []string{docsDir, "../../testdata/bad", "testdata/edge"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	in := New(Options{MaxFileSize: 1 << 20, MaxPages: 20})
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := in.Ingest(context.Background(), "fuzz.pdf", data)
		if err != nil {
			return
		}
		checkInvariants(t, doc)
	})
}

func BenchmarkIngest(b *testing.B) {
	var datas [][]byte
	pages := 0
	for _, p := range samples(b) {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, data)
	}
	pages = countPages(b, datas)
	in := New(DefaultOptions())
	b.ResetTimer()
	for b.Loop() {
		for _, d := range datas {
			if _, err := in.Ingest(context.Background(), "b.pdf", d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkPdftotext runs poppler's pdftotext (one process per file, as a
// batch would) on the same samples, for a side-by-side pages/s figure.
func BenchmarkPdftotext(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext is not installed")
	}
	files := samples(b)
	var datas [][]byte
	for _, p := range files {
		d, _ := os.ReadFile(p)
		datas = append(datas, d)
	}
	pages := countPages(b, datas)
	b.ResetTimer()
	for b.Loop() {
		for _, p := range files {
			if err := exec.Command("pdftotext", "-enc", "UTF-8", p, os.DevNull).Run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

func countPages(b *testing.B, datas [][]byte) int {
	n := 0
	for _, d := range datas {
		r, err := lpdf.NewReader(bytes.NewReader(d), int64(len(d)))
		if err != nil {
			b.Fatal(err)
		}
		pages, err := pageTree(r, 0)
		if err != nil {
			b.Fatal(err)
		}
		n += len(pages)
	}
	return n
}

func TestStandardFilter(t *testing.T) {
	for msg, want := range map[string]string{
		"page 1 unreadable: library panic: unknown filter LZWDecode":   "LZWDecode",
		"page 1 unreadable: library panic: unknown filter JBIG2Decode": "JBIG2Decode",
		"page 1 unreadable: library panic: unknown filter FooDecode":   "",
		"page 1 unreadable: malformed stream":                          "",
	} {
		if got := standardFilter(msg); got != want {
			t.Errorf("standardFilter(%q) = %q, want %q", msg, got, want)
		}
	}
}

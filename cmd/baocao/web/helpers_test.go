package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/docx"
	"github.com/baocao/baocao/pipeline/pdf"
	"github.com/baocao/baocao/pipeline/plaintext"
)

const testToken = "test-token-0123456789"

// sampleDocs are the bundled samples the tests ingest: several provinces
// and periods, every text format and a DOCX.
var sampleDocs = []string{
	"khanh-hoa-2023-q1.md", "thanh-hoa-2023-q1.md", "dak-lak-2023-q1.txt",
	"ho-chi-minh-2023-q1.txt", "ha-noi-2024.md", "lao-cai-2023-q3.docx",
}

func docsDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "testdata", "docs"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func testPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := check.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	text := plaintext.DefaultOptions()
	return &pipeline.Pipeline{
		Ingesters: map[extract.Format]pipeline.Ingester{
			extract.FormatMarkdown: plaintext.New(text, true),
			extract.FormatText:     plaintext.New(text, false),
			extract.FormatDOCX:     docx.New(docx.DefaultOptions()),
			extract.FormatPDF:      pdf.New(pdf.DefaultOptions()),
		},
		Extractor: ex, Timeout: 30 * time.Second, Checker: check.New(rs),
	}
}

type testEnv struct {
	srv     *Server
	ts      *httptest.Server
	dataDir string
	ix      *index.Index
}

// newTestEnv ingests docs (names in testdata/docs, or absolute paths)
// into a fresh on-disk index and serves it.
func newTestEnv(t testing.TB, token string, docs ...string) *testEnv {
	t.Helper()
	return newTestEnvLang(t, "", token, docs...)
}

// newTestEnvLang is newTestEnv with the server speaking lang.
func newTestEnvLang(t testing.TB, lang, token string, docs ...string) *testEnv {
	t.Helper()
	dir := t.TempDir()
	ix, err := index.Open(filepath.Join(dir, "index"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	ledger, err := pipeline.OpenLedger(filepath.Join(dir, "ledger.json"), ix)
	if err != nil {
		t.Fatal(err)
	}
	p := testPipeline(t)
	var files []string
	for _, d := range docs {
		if !filepath.IsAbs(d) {
			d = filepath.Join(docsDir(t), d)
		}
		files = append(files, d)
	}
	if len(files) > 0 {
		b := &pipeline.Batch{Pipeline: p, Ledger: ledger, Workers: 2}
		sum, err := b.Run(context.Background(), files)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Failed > 0 {
			t.Fatalf("ingest samples: %+v", sum.Events)
		}
	}
	srv, err := New(Options{
		Index: ix, Pipeline: p, Ledger: ledger, Workers: 2,
		Inbox: filepath.Join(dir, "inbox"), Quarantine: filepath.Join(dir, "quarantine"),
		Token: token, MaxUploadBytes: 1 << 20, Lang: lang,
		Submissions: func(ctx context.Context, period string) (check.Submissions, error) {
			return check.Submissions{Period: period, Rows: []check.SubmissionRow{}, Others: []check.SubmissionRow{}}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testEnv{srv: srv, ts: ts, dataDir: dir, ix: ix}
}

func writeFile(t testing.TB, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func decodeResult(t testing.TB, body []byte) index.Result {
	t.Helper()
	var r index.Result
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return r
}

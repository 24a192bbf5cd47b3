package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/baocao/baocao/i18n"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReadCommandsBesideARunningServer: while `baocao serve` holds the
// index, search, show, compare, check --period and submissions print
// exactly what they print without it (they read through its API), and
// ingest hands its files to it.
func TestReadCommandsBesideARunningServer(t *testing.T) {
	docs := copySamples(t, "khanh-hoa-2023-q1.md", "thanh-hoa-2023-q1.md", "dak-lak-2023-q1.txt")
	more := copySamples(t, "son-la-2023-h1.txt")
	work := t.TempDir()
	t.Setenv("BAOCAO_SERVE_TOKEN", "test-token")
	if _, stderr, code := run(t, work, "ingest", docs); code != 0 {
		t.Fatalf("ingest: exit %d %s", code, stderr)
	}
	stdout, _, _ := run(t, work, "search", "cải cách", "-o", "json")
	id := between(stdout, `"report_id": "`, `"`)
	if id == "" {
		t.Fatalf("no report id in %s", stdout)
	}
	commands := [][]string{
		{"search", "cải cách"},
		{"search", "cai cach", "--province", "khanh hoa", "-o", "json"},
		{"search", "", "--has-finding", "late-submission", "-o", "json"},
		{"search", "TTHC", "--limit", "2", "--offset", "1"},
		{"show", id[:8]},
		{"show", id, "-o", "json"},
		{"show", "ffffffff"},
		{"compare", "--period", "2023-Q1"},
		{"compare", "--period", "2023-Q1", "-o", "json"},
		{"compare", "--period", "2023-Q1", "-o", "csv"},
		{"compare", "--period", "2030"},
		{"check", "--period", "2023-Q1"},
		{"check", "--period", "2023-Q1", "-o", "json"},
		{"submissions", "--period", "2023-Q1"},
		{"submissions", "--period", "2023-Q1", "-o", "json"},
		{"search", "cải cách", "--lang", "en"},
	}
	type answer struct {
		out  string
		code int
	}
	direct := map[string]answer{}
	for _, c := range commands {
		out, stderr, code := run(t, work, c...)
		if code == exitUsage {
			t.Fatalf("%v: usage error %s", c, stderr)
		}
		direct[strings.Join(c, " ")] = answer{out, code}
	}

	ctx, cancel := context.WithCancel(context.Background())
	var serveOut, serveErr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- execute(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", filepath.Join(work, "data")}, &serveOut, &serveErr, os.Environ())
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve: exit %d\n%s", code, serveErr.String())
		}
		// The server's log speaks the configured language (vi) too.
		if words := i18n.EnglishWords(serveErr.String(), allowedTokens...); len(words) > 0 {
			t.Errorf("serve's log: English words %v in\n%s", words, serveErr.String())
		}
		if _, err := os.Stat(filepath.Join(work, "data", serverFile)); err == nil {
			t.Errorf("serve left %s behind", serverFile)
		}
	}()
	url := waitForServer(t, filepath.Join(work, "data", serverFile), done)

	for _, c := range commands {
		out, stderr, code := run(t, work, c...)
		want := direct[strings.Join(c, " ")]
		if code != want.code || out != want.out {
			t.Errorf("baocao %s beside the server: exit %d (want %d)\n--- got\n%s\n--- want\n%s\n%s", strings.Join(c, " "), code, want.code, out, want.out, stderr)
		}
	}
	// The server really holds the index: ingest hands the file over.
	out, stderr, code := run(t, work, "ingest", "-o", "json", more)
	if code != 0 || !strings.Contains(out, `"indexed": 1`) || !strings.Contains(stderr, url) {
		t.Errorf("ingest beside the server: exit %d\n%s\n%s", code, out, stderr)
	}
	if out, _, _ := run(t, work, "search", "", "--period", "2023-H1", "-o", "json"); !strings.Contains(out, "Sơn La") {
		t.Errorf("the handed file is not searchable:\n%s", out)
	}
}

// waitForServer waits for serve to write its address file and answer.
func waitForServer(t *testing.T, file string, done chan int) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case code := <-done:
			t.Fatalf("serve stopped early: exit %d", code)
		default:
		}
		if data, err := os.ReadFile(file); err == nil {
			if url := between(string(data), `"url": "`, `"`); url != "" {
				if resp, err := http.Get(url + "/healthz"); err == nil {
					resp.Body.Close()
					return url
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("serve did not start")
	return ""
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}

// TestQuickstartFromAnEmptyFolder: the samples come from the binary, so
// quickstart works where there is no checkout; -o json is only JSON.
func TestQuickstartFromAnEmptyFolder(t *testing.T) {
	ids := exampleIDs(t)
	work := t.TempDir()
	stdout, stderr, code := run(t, work, "quickstart", "-o", "json")
	if code != 0 {
		t.Fatalf("quickstart: exit %d\n%s", code, stderr)
	}
	var res struct {
		DataDir string `json:"data_dir"`
		Reports int    `json:"reports"`
		Ingest  struct {
			Indexed int `json:"indexed"`
		} `json:"ingest"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("quickstart -o json is not only JSON (%v):\n%s", err, stdout)
	}
	if res.Reports < 10 || res.Ingest.Indexed < 10 {
		t.Errorf("quickstart: %+v", res)
	}
	if _, err := os.Stat(filepath.Join(work, "data", "samples", "khanh-hoa-2023-q1.md")); err != nil {
		t.Errorf("samples not unpacked into the data dir: %v", err)
	}
	// The report ids of the examples (show --help, README) are samples.
	for _, id := range ids {
		if _, stderr, code := run(t, work, "show", id); code != 0 {
			t.Errorf("the example 'baocao show %s' fails: %s", id, stderr)
		}
	}
	// Again, as text: nothing re-ingested, and the tour is in Vietnamese.
	stdout, _, code = run(t, work, "quickstart")
	if code != 0 || !strings.Contains(stdout, "0 nạp mới") || !strings.Contains(stdout, "Chỉ mục có") {
		t.Errorf("second quickstart: exit %d\n%s", code, stdout)
	}
	// The tour names the indicators the reports state, never a sum of
	// counts of one kind (dossiers received + resolved…).
	if !strings.Contains(stdout, "(dossier.received)") || strings.Contains(stdout, "cộng trên mọi báo cáo") {
		t.Errorf("the tour does not show indicators:\n%s", stdout)
	}
}

// TestNotAReport: a text without a header and without report structure
// is refused with its reason, not indexed; --force indexes it.
func TestNotAReport(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "note.txt"), []byte("hello world\nremember to call back on Monday\n"), 0o644)
	work := t.TempDir()
	s, code, _ := ingestJSON(t, work, dir)
	if code != exitFailure || s.Failed != 1 || len(s.Events) != 1 || s.Events[0].Reason != "not-a-report" {
		t.Fatalf("note: exit %d, %+v", code, s)
	}
	stdout, _, _ := run(t, work, "ingest", dir)
	if !strings.Contains(stdout, "không phải báo cáo") {
		t.Errorf("the summary does not say why:\n%s", stdout)
	}
	if _, _, code := run(t, work, "extract", filepath.Join(dir, "note.txt")); code != exitFailure {
		t.Errorf("extract note: exit %d, want 1", code)
	}
	if _, _, code := run(t, work, "extract", "--force", filepath.Join(dir, "note.txt")); code != 0 {
		t.Errorf("extract --force note: exit %d, want 0", code)
	}
	os.WriteFile(filepath.Join(dir, "note.txt"), []byte("hello world\nremember to call back on Tuesday\n"), 0o644)
	if s, code, _ := ingestJSON(t, work, "--force", dir); code != 0 || s.Indexed != 1 {
		t.Errorf("--force: exit %d, %+v", code, s)
	}
}

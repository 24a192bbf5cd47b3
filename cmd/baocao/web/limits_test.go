package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Queries over the index's bounds get 400 with the bound named, on the
// API and the page (in the server's language, Vietnamese); a repeated word is one word and answers fast.
func TestSearchBounds(t *testing.T) {
	env := newTestEnv(t, "", "khanh-hoa-2023-q1.md")
	var many []string
	for i := range 40 {
		many = append(many, "từ"+strings.Repeat("a", i%5)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	for name, q := range map[string]string{
		"too long":       strings.Repeat("x", 1001),
		"too many words": strings.Join(many, " "),
	} {
		resp, body := get(t, env.ts.URL+"/api/search?q="+url.QueryEscape(q))
		if resp.StatusCode != http.StatusBadRequest || errorCode(t, body) != CodeInvalid || !strings.Contains(string(body), "tối đa") {
			t.Errorf("%s: %d %s", name, resp.StatusCode, body)
		}
		if resp, body := get(t, env.ts.URL+"/?q="+url.QueryEscape(q)); resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "tối đa") {
			t.Errorf("%s page: %d", name, resp.StatusCode)
		}
	}
	// Fastest of three tries against the word alone in the same loop: the
	// failure guarded against costs seconds, while a busy machine's delays
	// hit both requests alike.
	d, base := time.Duration(1<<62), time.Duration(1<<62)
	for range 3 {
		start := time.Now()
		get(t, env.ts.URL+"/api/search?q=CCHC")
		base = min(base, time.Since(start))
		start = time.Now()
		resp, body := get(t, env.ts.URL+"/api/search?q="+url.QueryEscape(strings.TrimSpace(strings.Repeat("CCHC ", 199))))
		d = min(d, time.Since(start))
		if resp.StatusCode != 200 {
			t.Fatalf("199 × CCHC: %d: %.200s", resp.StatusCode, body)
		}
	}
	if limit := max(100*time.Millisecond, 10*base); d > limit {
		t.Errorf("199 × CCHC in %s, want < %s (CCHC alone: %s)", d, limit, base)
	}
}

// With every search slot taken, a search waits briefly and then gets 503
// with Retry-After; once a slot frees, searches run again.
func TestSearchSaturatedIs503(t *testing.T) {
	env := newTestEnv(t, "", "khanh-hoa-2023-q1.md")
	for range cap(env.srv.searchSlots) {
		env.srv.searchSlots <- struct{}{}
	}
	start := time.Now()
	resp, body := get(t, env.ts.URL+"/api/search?q=TTHC")
	if resp.StatusCode != http.StatusServiceUnavailable || errorCode(t, body) != CodeOverloaded || resp.Header.Get("Retry-After") == "" {
		t.Errorf("saturated: %d Retry-After=%q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if d := time.Since(start); d < searchQueueWait || d > searchQueueWait+2*time.Second {
		t.Errorf("answered after %s, want about %s", d, searchQueueWait)
	}
	if resp, _ := get(t, env.ts.URL+"/?q=TTHC"); resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Errorf("saturated page: %d", resp.StatusCode)
	}
	<-env.srv.searchSlots
	if resp, body := get(t, env.ts.URL+"/api/search?q=TTHC"); resp.StatusCode != 200 {
		t.Errorf("after a slot freed: %d %s", resp.StatusCode, body)
	}
}

// An upload whose name names no file is refused, not kept.
func TestUploadNamesThatAreNotFiles(t *testing.T) {
	env := newTestEnv(t, testToken)
	good := mustRead(t, filepath.Join(docsDir(t), "dak-lak-2023-q1.txt"))
	for _, name := range []string{".", "..", "../..", `..\..`, "/", "a/.."} {
		resp, body := upload(t, env.ts.URL+"/api/ingest", testToken, map[string][]byte{name: good})
		if resp.StatusCode != http.StatusBadRequest || errorCode(t, body) != CodeInvalid {
			t.Errorf("upload named %q: %d %s", name, resp.StatusCode, body)
		}
	}
	if inbox, _ := os.ReadDir(filepath.Join(env.dataDir, "inbox")); len(inbox) != 0 {
		t.Errorf("refused uploads left %d files in the inbox", len(inbox))
	}
}

// Clients see paths relative to the inbox and quarantine, never the
// server's folders, and messages without control characters.
func TestNoServerPathsOrControlCharacters(t *testing.T) {
	env := newTestEnv(t, testToken, "khanh-hoa-2023-q1.md")
	resp, body := upload(t, env.ts.URL+"/api/ingest", testToken, map[string][]byte{
		"hỏng.pdf": []byte("%PDF-1.4\n1 0 obj \x1b]0;pwned\x07\x1b[31m" + strings.Repeat("<<", 3000) + "\n"),
	})
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	for _, url := range []string{"/api/ingest?", "/api/ledger", "/ingest"} {
		if url == "/api/ingest?" {
			url = ""
		} else {
			_, body = get(t, env.ts.URL+url)
		}
		for _, bad := range []string{env.dataDir, "\x1b", "\\u001b", "\x07"} {
			if strings.Contains(string(body), bad) {
				t.Errorf("%s shows %q:\n%.1000s", url, bad, body)
			}
		}
	}
	notes, _ := filepath.Glob(filepath.Join(env.dataDir, "quarantine", "*.reason.txt"))
	if len(notes) != 1 {
		t.Fatalf("quarantine notes: %v", notes)
	}
	note := string(mustRead(t, notes[0]))
	if strings.ContainsAny(note, "\x1b\x07") || strings.Contains(note, env.dataDir) || len(note) > 1000 {
		t.Errorf("quarantine note not clean (%d bytes): %q", len(note), note)
	}
}

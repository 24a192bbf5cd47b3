package main

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/baocao/baocao/i18n"
)

// syncBuffer is a bytes.Buffer the server's goroutines may write to while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// net/http's own error lines reach the server's log under a message in
// the configured language, the English line kept as a detail: provoked
// here by a handler that panics, which net/http reports through ErrorLog.
func TestHTTPErrorLogSpeaksTheConfiguredLanguage(t *testing.T) {
	for lang, want := range map[string]string{
		i18n.VI: `mức=CẢNH_BÁO nội_dung="lỗi máy chủ HTTP" chi_tiết="http: panic serving`,
		i18n.EN: `level=WARN msg="HTTP server error" detail="http: panic serving`,
	} {
		var out syncBuffer
		p := i18n.New(lang)
		ts := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
		ts.Config.ErrorLog = httpErrorLog(slog.New(slog.NewTextHandler(&out, logOptions(p, false))))
		ts.Start()
		if resp, err := http.Get(ts.URL); err == nil {
			resp.Body.Close()
		}
		ts.Close()
		if got := out.String(); !strings.Contains(got, want) || !strings.Contains(got, "boom") {
			t.Errorf("%s: want %q in\n%s", lang, want, got)
		}
	}
}

// Package web is baocao's HTTP server: the analysts' pages in Vietnamese
// (html/template + embed), the JSON API documented in openapi.yaml,
// Prometheus metrics, and the scheduled ingest of the inbox folder.
//
// The server owns the index: Bleve allows one writer per index, so the
// nightly ingest runs inside the server (Server.Ingest) rather than in a
// second process, and `baocao ingest --server URL` hands files to it.
package web

import (
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/i18n"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

//go:embed templates/*.html static/* openapi.yaml
var assets embed.FS

// Options are the Server's dependencies and limits.
type Options struct {
	// Index is the report index, opened for writing: the server is its
	// only writer.
	Index *index.Index
	// Pipeline parses files for the ingest (the CLI's pipeline).
	Pipeline *pipeline.Pipeline
	// Ledger records every file ingested; it survives restarts.
	Ledger *pipeline.Ledger
	// Workers bounds documents parsed at once; MaxFileSize skips larger
	// files before reading them.
	Workers     int
	MaxFileSize int64
	// CommitReports is how many reports the ingest writes per index
	// commit (0: the configuration's default).
	CommitReports int
	// Inbox is scanned for new files; failed files move to Quarantine.
	Inbox      string
	Quarantine string
	// Token guards uploads and "ingest now"; empty disables them.
	Token string
	// MaxUploadBytes caps an upload request's body.
	MaxUploadBytes int64
	// Logger receives structured logs (default: discard).
	Logger *slog.Logger
	// Now is the clock (tests inject one).
	Now func() time.Time
	// SearchConcurrency is how many searches run at once (default: twice
	// the cores); more wait briefly, then get 503 with Retry-After.
	SearchConcurrency int
	// Lang is the language of the pages, error messages and spreadsheet
	// labels: "vi" (default) or "en".
	Lang string
	// Catalogue is the indicator catalogue of comparisons and trends
	// (default: the pipeline extractor's, else the built-in one).
	Catalogue *extract.Catalogue
	// Submissions builds the submission tracker; nil leaves
	// /api/submissions answering not_found and the page without it.
	Submissions SubmissionsFunc
}

// Server serves the web app and the API. Create it with New.
type Server struct {
	opts    Options
	p       *i18n.Printer
	ix      *index.Index
	log     *slog.Logger
	pages   map[string]*template.Template
	mux     *http.ServeMux
	metrics *metrics
	// ingestSem lets one ingest run at a time (scheduled, button, upload).
	ingestSem chan struct{}
	// lastRun is the summary of the latest ingest, for the ingest page.
	lastRun chan *IngestResult
	// searchSlots holds one token per search running.
	searchSlots chan struct{}
}

// maxFormBytes caps request bodies other than uploads.
const maxFormBytes = 1 << 20

// New builds a Server.
func New(o Options) (*Server, error) {
	if o.Index == nil || o.Pipeline == nil || o.Ledger == nil {
		return nil, errors.New("web: Index, Pipeline and Ledger are required")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.MaxUploadBytes <= 0 {
		o.MaxUploadBytes = 100 << 20
	}
	if o.SearchConcurrency <= 0 {
		o.SearchConcurrency = 2 * runtime.GOMAXPROCS(0)
	}
	if o.Catalogue == nil && o.Pipeline.Extractor != nil {
		o.Catalogue = o.Pipeline.Extractor.Catalogue()
	}
	if o.Catalogue == nil {
		c, err := extract.DefaultCatalogue()
		if err != nil {
			return nil, err
		}
		o.Catalogue = c
	}
	pages, err := parsePages(i18n.New(o.Lang))
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: o, p: i18n.New(o.Lang), ix: o.Index, log: o.Logger, pages: pages,
		mux: http.NewServeMux(), metrics: newMetrics(),
		ingestSem: make(chan struct{}, 1), lastRun: make(chan *IngestResult, 1),
		searchSlots: make(chan struct{}, o.SearchConcurrency),
	}
	s.lastRun <- nil
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	static, _ := fs.Sub(assets, "static")
	m := s.mux
	m.HandleFunc("GET /healthz", s.handleHealth)
	m.HandleFunc("GET /metrics", s.handleMetrics)
	m.HandleFunc("GET /api/openapi.yaml", s.handleOpenAPI)
	m.HandleFunc("GET /api/search", s.handleAPISearch)
	m.HandleFunc("GET /api/reports", s.handleAPIReports)
	m.HandleFunc("GET /api/reports/{id}", s.handleAPIReport)
	m.HandleFunc("DELETE /api/reports/{id}", s.handleAPIDeleteReport)
	m.HandleFunc("GET /api/reports/{id}/reuse", s.handleAPIReuse)
	m.HandleFunc("GET /api/reports/{id}/similar", s.handleAPISimilar)
	m.HandleFunc("GET /api/citations/{ref...}", s.handleAPICitations)
	m.HandleFunc("GET /api/documents", s.handleAPIDocuments)
	m.HandleFunc("GET /api/documents/{key}", s.handleAPIDocument)
	m.HandleFunc("GET /api/compare", s.handleAPICompare)
	m.HandleFunc("GET /api/trend", s.handleAPITrend)
	m.HandleFunc("GET /api/ledger", s.handleAPILedger)
	m.HandleFunc("GET /api/submissions", s.handleAPISubmissions)
	m.HandleFunc("GET /api/compliance", s.handleAPICompliance)
	m.HandleFunc("POST /api/ingest", s.handleAPIIngest)
	m.HandleFunc("GET /api/ingest", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		s.writeError(w, r, &Error{Code: CodeMethod, Message: "use POST (with the token) to upload or to scan the inbox"})
	})
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, &Error{Code: CodeNotFound, Message: "no such API route: %s %s", Args: []any{r.Method, r.URL.Path}})
	})

	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.handleSearchPage)
	m.HandleFunc("GET /reports/{id}", s.handleReportPage)
	m.HandleFunc("GET /compare", s.handleComparePage)
	m.HandleFunc("GET /trend", s.handleTrendPage)
	m.HandleFunc("GET /compliance", s.handleCompliancePage)
	m.HandleFunc("GET /documents", s.handleDocumentsPage)
	m.HandleFunc("GET /documents/{key}", s.handleDocumentPage)
	m.HandleFunc("GET /ingest", s.handleIngestPage)
	m.HandleFunc("POST /ingest", s.handleIngestForm)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, &Error{Code: CodeNotFound, Message: "There is no such page."})
	})
}

// Handler is the server's root handler: routes, security headers and
// request logs.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h := w.Header()
		// Report text is untrusted: even if an escaping bug slipped
		// through, inline scripts would not run.
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		s.mux.ServeHTTP(sw, r)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "http",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("duration", time.Since(start)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// authorized checks the token in "Authorization: Bearer …" or the
// X-Baocao-Token header, in constant time.
func (s *Server) authorized(r *http.Request) error {
	if s.opts.Token == "" {
		return &Error{Code: CodeForbidden, Message: "uploads and ingest are disabled: no serve.token is configured"}
	}
	got := r.Header.Get("X-Baocao-Token")
	if a := r.Header.Get("Authorization"); got == "" && len(a) > 7 && a[:7] == "Bearer " {
		got = a[7:]
	}
	return s.checkToken(got)
}

// checkToken compares a token with serve.token in constant time.
func (s *Server) checkToken(got string) error {
	if s.opts.Token == "" {
		return &Error{Code: CodeForbidden, Message: "uploads and ingest are disabled: no serve.token is configured"}
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) != 1 {
		return &Error{Code: CodeUnauthorized, Message: "missing or wrong token"}
	}
	return nil
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "ledger_entries": s.opts.Ledger.Len()})
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	data, err := assets.ReadFile("openapi.yaml")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Write(data)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client went away; nothing to tell it
}

// indicators returns the indicators of a comma-separated id list ("" for
// the default comparison set, "all" for every one).
func (s *Server) indicators(list string) ([]extract.IndicatorDef, error) {
	var ids []string
	if strings.TrimSpace(list) != "" {
		ids = strings.Split(list, ",")
	}
	return s.opts.Catalogue.Select(ids)
}

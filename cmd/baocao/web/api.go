package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// period reads an optional period label, upper-cased (2023-q1 → 2023-Q1).
func period(r *http.Request) (string, error) {
	p := strings.TrimSpace(r.URL.Query().Get("period"))
	if p == "" {
		return "", nil
	}
	per, err := extract.ParsePeriod(p)
	if err != nil {
		return "", invalid("period %q: want 2023-Q1, 2023-H1, 2023-9M or 2023", strings.ToUpper(p))
	}
	return per.Label, nil
}

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, invalid("%s=%q: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// searchQuery reads q, province, period, limit and offset. The filters
// and the bounds on the text itself (length, words) are checked by the
// index (index.QueryError), for every caller alike: the CLI prints the
// same message.
func searchQuery(r *http.Request, defLimit int) (index.Query, error) {
	q := r.URL.Query()
	limit, err := intParam(r, "limit", defLimit, 1, 1000)
	if err != nil {
		return index.Query{}, err
	}
	offset, err := intParam(r, "offset", 0, 0, 100000)
	if err != nil {
		return index.Query{}, err
	}
	return index.Query{Text: q.Get("q"), Province: q.Get("province"), Period: q.Get("period"), Limit: limit, Offset: offset,
		Group: q.Get("group"), Sort: q.Get("sort"), From: q.Get("from"), To: q.Get("to"),
		HasFinding: q.Get("has_finding"), DocType: q.Get("type"), Ref: q.Get("ref")}, nil
}

// searchQueueWait is how long a search waits for a free slot before the
// server answers 503 with Retry-After: long enough to ride out a burst,
// short enough that a flood is told to come back rather than queued
// without end.
const searchQueueWait = time.Second

// search runs a query, at most SearchConcurrency at once, and records its
// latency. More searches at once than cores only share the cores, slower
// for everyone; queued on the slots they run in arrival order instead.
func (s *Server) search(ctx context.Context, q index.Query) (*index.Result, error) {
	wait := time.NewTimer(searchQueueWait)
	defer wait.Stop()
	select {
	case s.searchSlots <- struct{}{}:
		defer func() { <-s.searchSlots }()
	case <-wait.C:
		return nil, &Error{Code: CodeOverloaded, Message: "too many searches at once; try again in a moment"}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	start := time.Now()
	res, err := s.ix.Search(ctx, q)
	s.metrics.observeSearch(time.Since(start))
	return res, err
}

func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r, 10)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "csv" && format != "xlsx" {
		s.writeError(w, r, invalid("format %q: want json, csv or xlsx", format))
		return
	}
	if format == "csv" || format == "xlsx" {
		// An export holds every hit up to ExportLimit, not one page.
		q.Limit, q.Offset = ExportLimit, 0
	}
	res, err := s.search(r.Context(), q)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	switch format {
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="tim-kiem.csv"`)
		_ = WriteSearchCSV(w, res, s.p)
	case "xlsx":
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="tim-kiem.xlsx"`)
		_ = WriteSearchXLSX(w, res, s.p)
	default:
		writeJSON(w, http.StatusOK, res)
	}
}

func (s *Server) handleAPIReports(w http.ResponseWriter, r *http.Request) {
	p, err := period(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := s.ix.Reports(r.Context(), index.Filter{Province: r.URL.Query().Get("province"), Period: p})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"reports": list})
}

// reportID checks an id or id prefix from the path: hex only, so it can
// never be read as anything else.
func reportID(r *http.Request) (string, error) {
	id := strings.ToLower(r.PathValue("id"))
	if len(id) < 4 || len(id) > 64 || strings.Trim(id, "0123456789abcdef") != "" {
		return "", &Error{Code: CodeNotFound, Message: "report ids are 4 to 64 hex digits"}
	}
	return id, nil
}

func (s *Server) handleAPIReport(w http.ResponseWriter, r *http.Request) {
	id, err := reportID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rep, err := s.ix.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// canonicalRef reads a document ref from the path (URL-unescaped by the
// mux) and canonicalises it (3604/QĐ-UBND in any spelling).
func canonicalRef(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 200 {
		return "", invalid("give a document number and symbol such as 3604/QĐ-UBND")
	}
	ref, ok := extract.CanonicalRef(raw)
	if !ok { // "3604 / QĐ - UBND": canonical refs have no spaces
		ref, ok = extract.CanonicalRef(strings.Join(strings.Fields(raw), ""))
	}
	if !ok {
		return "", invalid("%q is not a document number and symbol such as 3604/QĐ-UBND", raw)
	}
	return ref, nil
}

func (s *Server) handleAPICitations(w http.ResponseWriter, r *http.Request) {
	ref, err := canonicalRef(r.PathValue("ref"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := s.ix.Citing(r.Context(), ref)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ref": ref, "reports": list})
}

func (s *Server) handleAPICompare(w http.ResponseWriter, r *http.Request) {
	p, err := period(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if p == "" {
		s.writeError(w, r, invalid("period is required: 2023-Q1, 2023-H1, 2023-9M or 2023"))
		return
	}
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "csv" && format != "xlsx" {
		s.writeError(w, r, invalid("format %q: want json, csv or xlsx", format))
		return
	}
	inds, err := s.indicators(r.URL.Query().Get("indicators"))
	if err != nil {
		s.writeError(w, r, invalid("indicators: %v", err))
		return
	}
	c, err := s.ix.Compare(r.Context(), p, inds)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	name := "so-sanh-" + p // the period label is validated: safe in a header
	switch format {
	case "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		_ = writeCSV(w, comparisonSheet(c, s.p))
	case "xlsx":
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		_ = writeComparisonXLSX(w, c, s.p)
	default:
		writeJSON(w, http.StatusOK, c)
	}
}

// LedgerView is the answer of GET /api/ledger.
type LedgerView struct {
	Entries []pipeline.Entry `json:"entries"`
	LastRun *IngestResult    `json:"last_run"`
}

func (s *Server) ledgerView() LedgerView {
	last := <-s.lastRun
	s.lastRun <- last
	return s.publicLedger(LedgerView{Entries: s.opts.Ledger.Entries(), LastRun: last})
}

func (s *Server) handleAPILedger(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.ledgerView())
}

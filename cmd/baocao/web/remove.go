package web

import (
	"net/http"

	"github.com/baocao/baocao/pipeline"
)

// handleAPIDeleteReport removes a whole report (every rendition and
// version) with the token; the ledger records each of its files as
// removed. It waits for an ingest in progress (both write the index).
func (s *Server) handleAPIDeleteReport(w http.ResponseWriter, r *http.Request) {
	if err := s.authorized(r); err != nil {
		s.writeError(w, r, err)
		return
	}
	id, err := reportID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := s.acquire(r.Context()); err != nil {
		s.writeError(w, r, &Error{Code: CodeUnavailable, Message: "request cancelled while waiting for the ingest in progress"})
		return
	}
	defer s.release()
	rep, err := s.ix.Get(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var paths []string
	for _, src := range rep.AllSources() {
		paths = append(paths, src.Path)
	}
	removed, err := s.opts.Ledger.RemoveReport(r.Context(), rep.ID, paths, s.opts.Now())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	files := make([]string, 0, len(removed))
	for _, e := range removed {
		files = append(files, s.public(e.Path))
	}
	writeJSON(w, http.StatusOK, map[string]any{"removed": rep.ID, "files": files, "status": pipeline.StatusRemoved})
}

package web

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/baocao/baocao/index"
)

// reDocKey is the shape of a cited document's key (extract.DocumentKey):
// scope, folded ref and year joined by "~", ASCII only.
var reDocKey = regexp.MustCompile(`^[a-z0-9-]{1,60}~[a-z0-9_.()\-]{1,120}~(\d{4})?$`)

func docKey(r *http.Request) (string, error) {
	k := strings.ToLower(strings.TrimSpace(r.PathValue("key")))
	if !reDocKey.MatchString(k) {
		return "", invalid("%q is not a document key such as vn~30_2020_nd-cp~2020 or khanh-hoa~512_qd-ubnd~2023", k)
	}
	return k, nil
}

// docFilter reads period, province and top.
func docFilter(r *http.Request) (index.DocFilter, error) {
	p, err := period(r)
	if err != nil {
		return index.DocFilter{}, err
	}
	top, err := intParam(r, "top", 10, 1, 1000)
	if err != nil {
		return index.DocFilter{}, err
	}
	return index.DocFilter{Period: p, Province: r.URL.Query().Get("province"), Top: top}, nil
}

func (s *Server) handleAPIDocuments(w http.ResponseWriter, r *http.Request) {
	f, err := docFilter(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	nat, loc, err := s.ix.TopDocuments(r.Context(), f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"period": f.Period, "national": nat, "local": loc})
}

func (s *Server) handleAPIDocument(w http.ResponseWriter, r *http.Request) {
	k, err := docKey(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := s.ix.Document(r.Context(), k)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// documentsView is the page of the most cited documents, or of one.
type documentsView struct {
	Filter   index.DocFilter
	National []index.CitedDocument
	Local    []index.CitedDocument
	Doc      *index.CitedDocument
}

func (s *Server) handleDocumentsPage(w http.ResponseWriter, r *http.Request) {
	f, err := docFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	nat, loc, err := s.ix.TopDocuments(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "documents", page{Title: s.p.T("Cited documents"), Nav: "documents",
		Data: documentsView{Filter: f, National: nat, Local: loc}})
}

func (s *Server) handleDocumentPage(w http.ResponseWriter, r *http.Request) {
	k, err := docKey(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := s.ix.Document(r.Context(), k)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "documents", page{Title: strings.TrimSpace(d.Type + " " + d.Ref), Nav: "documents",
		Data: documentsView{Doc: d}})
}

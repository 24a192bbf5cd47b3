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

func (s *Server) handleAPIReuse(w http.ResponseWriter, r *http.Request) {
	id, err := reportID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ru, err := s.ix.Reuse(r.Context(), id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ru)
}

func (s *Server) handleAPISimilar(w http.ResponseWriter, r *http.Request) {
	id, err := reportID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", 20, 1, 200)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list, err := s.ix.Similar(r.Context(), id, limit)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"matches": list})
}

// diffWord is a word of one side of a side-by-side view, marked when
// the other side lacks it at that place.
type diffWord struct {
	Text    string
	Changed bool
}

// wordDiff marks the words of a and b outside their longest common
// subsequence (by folded word). Sections are short; the table is bounded.
func wordDiff(a, b string) (left, right []diffWord) {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa)*len(wb) > 4_000_000 {
		wa, wb = wa[:min(len(wa), 2000)], wb[:min(len(wb), 2000)]
	}
	key := func(w string) string { return strings.ToLower(w) }
	n, m := len(wa), len(wb)
	l := make([][]int32, n+1)
	for i := range l {
		l[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if key(wa[i]) == key(wb[j]) {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case key(wa[i]) == key(wb[j]):
			left = append(left, diffWord{wa[i], false})
			right = append(right, diffWord{wb[j], false})
			i, j = i+1, j+1
		case l[i+1][j] >= l[i][j+1]:
			left = append(left, diffWord{wa[i], true})
			i++
		default:
			right = append(right, diffWord{wb[j], true})
			j++
		}
	}
	for ; i < n; i++ {
		left = append(left, diffWord{wa[i], true})
	}
	for ; j < m; j++ {
		right = append(right, diffWord{wb[j], true})
	}
	return left, right
}

// reuseView is one reused section on the report page.
type reuseView struct {
	index.SectionMatch
	Percent     int
	This, Other []diffWord
}

package web

import (
	"context"
	"net/http"
	"slices"
	"sort"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
	"github.com/baocao/baocao/index"
)

// SubmissionsFunc builds the submission tracker of a period (check.Track
// over the index; cmd wires it with the rules in effect).
type SubmissionsFunc func(ctx context.Context, period string) (check.Submissions, error)

// Compliance is the answer of GET /api/compliance: the compliance
// findings stored with each report of a period, by province.
type Compliance struct {
	Period string          `json:"period"`
	Rules  []string        `json:"rules"` // rule ids found, sorted
	Rows   []ComplianceRow `json:"rows"`
}

// ComplianceRow is one report and its findings.
type ComplianceRow struct {
	Province string            `json:"province"`
	ReportID string            `json:"report_id"`
	Date     string            `json:"date"`
	Errors   int               `json:"errors"`
	Warnings int               `json:"warnings"`
	Findings []extract.Finding `json:"findings"`
}

func (s *Server) compliance(ctx context.Context, period string) (*Compliance, error) {
	sums, err := s.ix.Reports(ctx, index.Filter{Period: period})
	if err != nil {
		return nil, err
	}
	c := &Compliance{Period: period, Rules: []string{}, Rows: []ComplianceRow{}}
	rules := map[string]bool{}
	for _, sum := range sums {
		r, err := s.ix.Get(ctx, sum.ID)
		if err != nil {
			return nil, err
		}
		row := ComplianceRow{Province: sum.Province, ReportID: sum.ID, Date: sum.Date, Findings: r.Findings}
		if row.Findings == nil {
			row.Findings = []extract.Finding{}
		}
		for _, f := range r.Findings {
			rules[f.Rule] = true
			if f.Severity == extract.SeverityError {
				row.Errors++
			} else {
				row.Warnings++
			}
		}
		c.Rows = append(c.Rows, row)
	}
	for r := range rules {
		c.Rules = append(c.Rules, r)
	}
	sort.Strings(c.Rules)
	return c, nil
}

func requiredPeriod(r *http.Request) (string, error) {
	p, err := period(r)
	if err == nil && p == "" {
		err = invalid("period is required: 2023-Q1, 2023-H1, 2023-9M or 2023")
	}
	return p, err
}

func (s *Server) handleAPICompliance(w http.ResponseWriter, r *http.Request) {
	p, err := requiredPeriod(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.compliance(r.Context(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) handleAPISubmissions(w http.ResponseWriter, r *http.Request) {
	p, err := requiredPeriod(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if s.opts.Submissions == nil {
		s.writeError(w, r, &Error{Code: CodeNotFound, Message: "the submission tracker is not configured"})
		return
	}
	v, err := s.opts.Submissions(r.Context(), p)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

type complianceView struct {
	Period      string
	Periods     []string
	Compliance  *Compliance
	Submissions *check.Submissions
}

// periods lists the periods that have reports, newest first, and the one
// with the most reports.
func (s *Server) periods(ctx context.Context) (list []string, busiest string, err error) {
	all, err := s.ix.Reports(ctx, index.Filter{})
	if err != nil {
		return nil, "", err
	}
	n := map[string]int{}
	for _, r := range all {
		if r.Period != "" {
			n[r.Period]++
		}
	}
	for p := range n {
		list = append(list, p)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(list)))
	for _, p := range list {
		if busiest == "" || n[p] > n[busiest] {
			busiest = p
		}
	}
	return list, busiest, nil
}

func (s *Server) handleCompliancePage(w http.ResponseWriter, r *http.Request) {
	p, err := period(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := complianceView{Period: p}
	var busiest string
	if v.Periods, busiest, err = s.periods(r.Context()); err != nil {
		s.pageError(w, r, err)
		return
	}
	if v.Period == "" {
		v.Period = busiest
	}
	if v.Period != "" && !slices.Contains(v.Periods, v.Period) {
		v.Periods = append([]string{v.Period}, v.Periods...)
	}
	if v.Period != "" {
		if v.Compliance, err = s.compliance(r.Context(), v.Period); err != nil {
			s.pageError(w, r, err)
			return
		}
		if s.opts.Submissions != nil {
			sub, err := s.opts.Submissions(r.Context(), v.Period)
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			v.Submissions = &sub
		}
	}
	s.render(w, r, http.StatusOK, "compliance", page{Title: s.p.T("Compliance %s", s.p.Period(v.Period)), Nav: "compliance", Data: v})
}

package index

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/baocao/baocao/extract"
)

// Reuse across quarters. Two sections say "the same thing" when the sets
// of their 5-word shingles (runs of five consecutive words, compared
// without case or diacritics) have a Jaccard similarity of at least
// ReuseThreshold. Why 5 words and 0.7: one changed word breaks the five
// shingles that contain it, so a 100-word section rewritten in 8 scattered
// places keeps about 0.6 of its shingles and is not flagged, while one
// copied with a figure or two updated stays above 0.8; two honest reports
// of one province share set phrases ("cải cách thủ tục hành chính", "Chỉ
// số CCHC") but rarely five words in a row beyond them — our samples of
// consecutive honest sections score below 0.35. Sections of fewer than
// ReuseMinWords words (a heading with one line) are not compared: short
// texts are alike by necessity.
const (
	ReuseThreshold = 0.7
	ReuseMinWords  = 25
	shingleSize    = 5
)

// SectionMatch is a section of a report nearly the same as a section of
// another report.
type SectionMatch struct {
	Section      string  `json:"section"`
	Title        string  `json:"title"`
	OtherReport  string  `json:"other_report"`
	OtherSection string  `json:"other_section"`
	Province     string  `json:"province"`
	Period       string  `json:"period"`
	Similarity   float64 `json:"similarity"`
	// Text and OtherText are the two sections' own texts (for a
	// side-by-side view).
	Text      string `json:"text"`
	OtherText string `json:"other_text"`
}

// RepeatedValue is a figure stated with the same value in the previous
// report, where a period's figure is expected to change.
type RepeatedValue struct {
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	Section   string  `json:"section"`
	Text      string  `json:"text"`
}

// Reuse is what a report repeats from the same province's previous report.
type Reuse struct {
	ReportID string `json:"report_id"`
	// Previous is the previous report of the series ("" when none).
	Previous       string          `json:"previous"`
	PreviousPeriod string          `json:"previous_period"`
	Sections       []SectionMatch  `json:"sections"`
	Values         []RepeatedValue `json:"values"`
}

// words are the folded words of a text (letters and digits).
func words(s string) []string {
	return strings.FieldsFunc(extract.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// shingles is the set of 5-word shingles of a text, nil when it is
// shorter than ReuseMinWords.
func shingles(text string) map[string]struct{} {
	w := words(text)
	if len(w) < ReuseMinWords {
		return nil
	}
	set := make(map[string]struct{}, len(w))
	for i := 0; i+shingleSize <= len(w); i++ {
		set[strings.Join(w[i:i+shingleSize], " ")] = struct{}{}
	}
	return set
}

// jaccard is |a∩b| / |a∪b|.
func jaccard(a, b map[string]struct{}) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for k := range a {
		if _, ok := b[k]; ok {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// ownSection is a section's own text (without its children's).
type ownSection struct {
	path, title, text string
	sh                map[string]struct{}
}

// ownSections lists the sections of r with their own text.
func ownSections(r *extract.Report) []ownSection {
	var out []ownSection
	n := len(r.Text)
	cut := func(a, b int) string {
		a, b = max(0, min(a, n)), max(0, min(b, n))
		if b < a {
			return ""
		}
		return strings.TrimSpace(r.Text[a:b])
	}
	var walk func(secs []*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			if s == nil {
				continue
			}
			end := s.Body.End
			if len(s.Children) > 0 && s.Children[0] != nil {
				end = s.Children[0].Body.Start
			}
			text := cut(s.Span.End, end)
			out = append(out, ownSection{path: s.Path, title: s.Title, text: text, sh: shingles(text)})
			walk(s.Children)
		}
	}
	walk(r.Sections)
	return out
}

// previousLabel is the period before label in the same series: the same
// kind of period, one year (year, half-year, nine months) or one quarter
// earlier; "" when unknown.
func previousLabel(p extract.Period) string {
	switch p.Kind {
	case extract.PeriodQuarter:
		if p.Quarter > 1 {
			return fmt.Sprintf("%d-Q%d", p.Year, p.Quarter-1)
		}
		return fmt.Sprintf("%d-Q4", p.Year-1)
	case extract.PeriodHalfYear:
		return fmt.Sprintf("%d-H1", p.Year-1)
	case extract.PeriodNineMonths:
		return fmt.Sprintf("%d-9M", p.Year-1)
	case extract.PeriodYear:
		return fmt.Sprintf("%d", p.Year-1)
	}
	return ""
}

// previousReport finds the same province's report of the previous period
// of the series: two keyword lookups, whatever the size of the index. A
// quarterly series may skip a quarter (Q1, Q3 reports), so a quarter looks
// back up to three quarters.
func (ix *Index) previousReport(ctx context.Context, r *extract.Report) (*extract.Report, error) {
	if r.Meta.Province == "" || r.Meta.Period.Label == "" {
		return nil, nil
	}
	p := r.Meta.Period
	for i := 0; i < 3; i++ {
		label := previousLabel(p)
		if label == "" {
			return nil, nil
		}
		list, err := ix.Reports(ctx, Filter{Province: r.Meta.Province, Period: label})
		if err != nil {
			return nil, err
		}
		var best *Summary
		for j := range list {
			if list[j].ID != r.ID && (best == nil || list[j].Date > best.Date) {
				best = &list[j]
			}
		}
		if best != nil {
			return ix.Get(ctx, best.ID)
		}
		if p.Kind != extract.PeriodQuarter {
			return nil, nil
		}
		fmt.Sscanf(label, "%d-Q%d", &p.Year, &p.Quarter)
	}
	return nil, nil
}

// Reuse compares report id with the same province's previous report:
// sections whose text is the same or nearly the same, and period figures
// (indicators) stated with the same value. It reads two reports; it never
// scans the index.
func (ix *Index) Reuse(ctx context.Context, id string) (*Reuse, error) {
	r, err := ix.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return ix.reuseOf(ctx, r)
}

func (ix *Index) reuseOf(ctx context.Context, r *extract.Report) (*Reuse, error) {
	out := &Reuse{ReportID: r.ID, Sections: []SectionMatch{}, Values: []RepeatedValue{}}
	prev, err := ix.previousReport(ctx, r)
	if err != nil || prev == nil {
		return out, err
	}
	out.Previous, out.PreviousPeriod = prev.ID, prev.Meta.Period.Label
	mine, theirs := ownSections(r), ownSections(prev)
	for _, a := range mine {
		if a.sh == nil {
			continue
		}
		var best SectionMatch
		for _, b := range theirs {
			if j := jaccard(a.sh, b.sh); j >= ReuseThreshold && j > best.Similarity {
				best = SectionMatch{Section: a.path, Title: a.title, OtherReport: prev.ID, OtherSection: b.path,
					Province: displayProvince(prev.Meta.Province), Period: prev.Meta.Period.Label,
					Similarity: round2(j), Text: a.text, OtherText: b.text}
			}
		}
		if best.OtherReport != "" {
			out.Sections = append(out.Sections, best)
		}
	}
	// Figures of the period (not stocks, ranks or rates, which may well
	// stay) stated with the same non-trivial value in both reports.
	prevVals := map[string]float64{}
	for _, v := range prev.Indicators {
		if !v.Nested {
			prevVals[v.Indicator] = v.Value
		}
	}
	seen := map[string]bool{}
	for _, v := range r.Indicators {
		if v.Nested || seen[v.Indicator] || v.Value < 10 || strings.HasSuffix(v.Indicator, "_pct") ||
			strings.HasPrefix(v.Indicator, "index.") || v.Indicator == "procedure.total" {
			continue
		}
		if pv, ok := prevVals[v.Indicator]; ok && pv == v.Value {
			seen[v.Indicator] = true
			out.Values = append(out.Values, RepeatedValue{Indicator: v.Indicator, Value: v.Value, Section: v.Section, Text: v.Text})
		}
	}
	return out, nil
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// Similar finds sections of other provinces' reports nearly the same as
// the sections of report id: for each section, the index's best text
// matches (an inverted-index query over its distinctive words, not a scan)
// are checked by shingle similarity.
func (ix *Index) Similar(ctx context.Context, id string, limit int) ([]SectionMatch, error) {
	r, err := ix.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 20
	}
	own := provinceKey(displayProvince(r.Meta.Province))
	var out []SectionMatch
	for _, a := range ownSections(r) {
		if a.sh == nil {
			continue
		}
		q := bleve.NewMatchQuery(firstWords(a.text, 60))
		q.SetField(fieldText)
		qs := []query.Query{termQ(fieldType, typeSection), q}
		bq := bleve.NewBooleanQuery()
		bq.AddMust(qs...)
		if own != "" {
			bq.AddMustNot(termQ(fieldProvinceKey, own))
		}
		req := bleve.NewSearchRequestOptions(bq, 5, 0, false)
		req.Fields = []string{fieldReportID, fieldSection, fieldText, fieldProvince, fieldPeriod}
		res, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			text, _ := h.Fields[fieldText].(string)
			if j := jaccard(a.sh, shingles(text)); j >= ReuseThreshold {
				other, _ := h.Fields[fieldReportID].(string)
				sec, _ := h.Fields[fieldSection].(string)
				prov, _ := h.Fields[fieldProvince].(string)
				per, _ := h.Fields[fieldPeriod].(string)
				out = append(out, SectionMatch{Section: a.path, Title: a.title, OtherReport: other, OtherSection: sec,
					Province: prov, Period: per, Similarity: round2(j), Text: a.text, OtherText: text})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Similarity > out[j].Similarity })
	if len(out) > limit {
		out = out[:limit]
	}
	if out == nil {
		out = []SectionMatch{}
	}
	return out, nil
}

// firstWords bounds a query to n words (a match query of a whole long
// section would cost more than it finds).
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// checkReuse adds a reused-section finding for each section of r nearly
// the same as one of the previous report (when the check is on).
func (ix *Index) checkReuse(ctx context.Context, r *extract.Report) error {
	if ix.opts.ReusedSection == nil {
		return nil
	}
	ru, err := ix.reuseOf(ctx, r)
	if err != nil {
		return err
	}
	if len(ru.Sections) == 0 {
		return nil
	}
	// The rendition's findings are shared: copy before adding.
	r.Findings = slices.Clone(r.Findings)
	for _, m := range ru.Sections {
		r.Findings = append(r.Findings, extract.Finding{
			Rule: "reused-section", Severity: *ix.opts.ReusedSection, Location: "section " + m.Section,
			Message: fmt.Sprintf("Mục %s giống %.0f%% mục %s của báo cáo kỳ trước (%s, %s)",
				m.Section, m.Similarity*100, m.OtherSection, m.Period, m.OtherReport),
		})
	}
	return nil
}

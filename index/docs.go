package index

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/baocao/baocao/extract"
)

// sectionDoc is the Bleve document of one section (or of the text outside
// every section, Section == ""). Bleve gets its own flat structs so the JSON
// tags of the domain types stay free to change.
type sectionDoc struct {
	Type         string   `json:"type"`
	ReportID     string   `json:"report_id"`
	Source       string   `json:"source"`
	Province     string   `json:"province"`
	ProvinceKey  string   `json:"province_key"`
	ProvinceFold string   `json:"province_fold"`
	Period       string   `json:"period"`
	PeriodKind   string   `json:"period_kind"`
	Year         int      `json:"year"`
	DocType      string   `json:"doc_type"`
	Refs         []string `json:"refs"`
	Findings     []string `json:"findings"`
	Date         string   `json:"date"`
	Abbr         []string `json:"abbr"`
	ReportRefs   []string `json:"report_refs"`
	Section      string   `json:"section"`
	SectionTitle string   `json:"section_title"`
	Text         string   `json:"text"`
	Notes        string   `json:"notes"`
	Pairs        string   `json:"text_pairs"` // heading, text and notes apart: the pairs field
}

// BleveType tells Bleve which document mapping applies.
func (d *sectionDoc) BleveType() string { return typeSection }

// reportDoc is the report-level Bleve document: metadata, citations as
// exact refs, count sums, and the full Report JSON for Get.
type reportDoc struct {
	Type         string           `json:"type"`
	ReportID     string           `json:"report_id"`
	Source       string           `json:"source"`
	Province     string           `json:"province"`
	ProvinceKey  string           `json:"province_key"`
	ProvinceFold string           `json:"province_fold"`
	Period       string           `json:"period"`
	PeriodKind   string           `json:"period_kind"`
	Year         int              `json:"year"`
	DocType      string           `json:"doc_type"`
	Refs         []string         `json:"refs"`
	Findings     []string         `json:"findings"`
	Number       string           `json:"number"`
	Date         string           `json:"date"`
	Body         string           `json:"body"`
	Abbr         []string         `json:"abbr"`
	Title        string           `json:"title"`
	Issuer       string           `json:"issuer"`
	Recipients   []string         `json:"recipients"`
	Counts       map[string]int64 `json:"counts"`
	Ident        string           `json:"ident"`
	Replaces     []string         `json:"replaces"`
	Shas         []string         `json:"shas"`
	Summary      string           `json:"summary"`
	JSON         string           `json:"json"`
}

// BleveType tells Bleve which document mapping applies.
func (d *reportDoc) BleveType() string { return typeReport }

// bleveDoc is one document to index.
type bleveDoc struct {
	id   string
	data any
}

// sectionDocID names the n-th section document of a report (0 = the text
// outside every section). Report documents use the bare report id.
func sectionDocID(reportID string, n int) string {
	return reportID + "/" + strconv.Itoa(n)
}

// countKinds lists the count kinds as field names, in extract's order.
func countKinds() []string {
	out := make([]string, len(extract.CountKinds))
	for i, k := range extract.CountKinds {
		out[i] = string(k)
	}
	return out
}

// countSums sums the counts of a report by kind, skipping nested counts
// (parts of another count), as comparisons need.
func countSums(r *extract.Report) map[string]int64 {
	sums := map[string]int64{}
	for _, c := range r.Counts {
		if c.Nested || c.Kind == "" {
			continue
		}
		sums[string(c.Kind)] += c.Value
	}
	return sums
}

// displayProvince is the stored, faceted form of a province name: NFC and
// canonical tone placement with the case kept, so "Khánh Hoà" and
// "Khánh Hòa" make one facet term.
func displayProvince(s string) string {
	return strings.TrimSpace(extract.CanonicalTones(extract.Normalize(s)))
}

// provincePrefixes are administrative words users and clerks put before
// a province name; they are not part of the key.
var provincePrefixes = []string{"thành phố ", "tỉnh ", "tp. ", "tp.", "tp "}

// provinceKey is the case- and tone-insensitive key of a province name.
func provinceKey(s string) string {
	k := strings.Join(strings.Fields(extract.SearchKey(s)), " ")
	for _, p := range provincePrefixes {
		if rest, ok := strings.CutPrefix(k, p); ok && rest != "" {
			k = strings.TrimSpace(rest)
			break
		}
	}
	return k
}

// provinceFold is provinceKey without diacritics.
func provinceFold(s string) string {
	return extract.Fold(provinceKey(s))
}

// canonicalRef is the form refs are indexed and searched in.
func canonicalRef(ref string) string {
	if c, ok := extract.CanonicalRef(ref); ok && c != "" {
		return c
	}
	return extract.Normalize(strings.TrimSpace(ref))
}

// span is a clamped byte range of Report.Text.
type span struct{ start, end int }

// ownedDoc is a section document under construction: the ranges of
// Report.Text it owns (body text and footnotes).
type ownedDoc struct {
	doc    *sectionDoc
	ranges []span // body text, sorted
	notes  []span // footnote spans, sorted
	refs   map[string]bool
}

// buildDocs turns a report into its Bleve documents: the report document
// first, then one document per section holding the section's own text
// (its body minus the bodies of its children and minus footnote text) and
// the footnotes anchored in it, then the document of the text outside
// every section (the header and the closing part).
//
// A section's heading is not part of its text: it is searched in
// section_title, with less weight (rank.go), so a bare heading does not
// outrank the sections that talk about its subject.
//
// Then come the cite documents (one per cited document, see
// documents.go); g finds the province a citation's issuer names.
func buildDocs(r *extract.Report, abbr *abbrevSet, g *extract.Gazetteer) ([]bleveDoc, error) {
	n := len(r.Text)
	clamp := func(s extract.Span) span {
		a, b := max(0, min(s.Start, n)), max(0, min(s.End, n))
		// Snap to rune starts: a bad span must not split a character.
		for a > 0 && a < n && !utf8.RuneStart(r.Text[a]) {
			a--
		}
		for b > 0 && b < n && !utf8.RuneStart(r.Text[b]) {
			b--
		}
		if b < a {
			b = a
		}
		return span{a, b}
	}

	province := displayProvince(r.Meta.Province)
	common := sectionDoc{
		Type:         typeSection,
		ReportID:     r.ID,
		Source:       r.Source.Path,
		Province:     province,
		ProvinceKey:  provinceKey(province),
		ProvinceFold: provinceFold(province),
		Period:       r.Meta.Period.Label,
		PeriodKind:   string(r.Meta.Period.Kind),
		Year:         r.Meta.Period.Year,
		DocType:      r.Meta.DocType,
		Findings:     findingRules(r),
		Date:         r.Meta.Date,
	}
	abbr = abbr.withDefinitions(extract.Definitions(r.Text))

	// Footnote text belongs to the section its marker is in, not to the
	// section it happens to be printed in.
	var fnSpans []span
	for _, f := range r.Footnotes {
		if s := clamp(f.Span); s.end > s.start {
			fnSpans = append(fnSpans, s)
		}
	}
	sortSpans(fnSpans)

	var owned []*ownedDoc
	byPath := map[string]*ownedDoc{}
	newOwned := func(path, title string, ranges []span) *ownedDoc {
		d := common
		d.Section = path
		d.SectionTitle = title
		od := &ownedDoc{doc: &d, ranges: subtract(ranges, fnSpans), refs: map[string]bool{}}
		owned = append(owned, od)
		if _, dup := byPath[path]; !dup {
			byPath[path] = od
		}
		return od
	}

	// Outside every section: the complement of the top-level bodies.
	var top []span
	for _, s := range r.Sections {
		if s != nil {
			top = append(top, clamp(s.Body))
		}
	}
	sortSpans(top)
	intro := newOwned("", "", subtract([]span{{0, n}}, top))

	var walk func(secs []*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			if s == nil {
				continue
			}
			var kids []span
			for _, c := range s.Children {
				if c != nil {
					kids = append(kids, clamp(c.Body))
				}
			}
			if h := clamp(s.Span); h.end > h.start {
				kids = append(kids, h)
			}
			sortSpans(kids)
			newOwned(s.Path, s.Title, subtract([]span{clamp(s.Body)}, kids))
			walk(s.Children)
		}
	}
	walk(r.Sections)

	for _, f := range r.Footnotes {
		s := clamp(f.Span)
		if s.end <= s.start {
			continue
		}
		od := byPath[f.Section]
		if od == nil {
			od = intro
		}
		od.notes = append(od.notes, s)
	}

	// A citation mention belongs to the document owning its offset.
	owner := func(off int) *ownedDoc {
		for _, od := range owned {
			for _, s := range od.notes {
				if off >= s.start && off < s.end {
					return od
				}
			}
		}
		for _, od := range owned {
			for _, s := range od.ranges {
				if off >= s.start && off < s.end {
					return od
				}
			}
		}
		return intro
	}
	refSet := map[string]bool{}
	var refs []string
	for _, c := range r.Citations {
		if c.Ref == nil || strings.TrimSpace(*c.Ref) == "" {
			continue
		}
		ref := canonicalRef(*c.Ref)
		if !refSet[ref] {
			refSet[ref] = true
			refs = append(refs, ref)
		}
		placed := false
		for _, m := range append([]extract.Span{c.Span}, c.Mentions...) {
			if m.End <= m.Start || m.Start < 0 || m.Start >= n {
				continue
			}
			owner(m.Start).refs[ref] = true
			placed = true
		}
		if !placed {
			// No usable span: trust the section the extractor named, so
			// every citing report has a section document with the ref.
			od := byPath[c.Section]
			if od == nil {
				od = intro
			}
			od.refs[ref] = true
		}
	}
	sort.Strings(refs)
	reportRefs := refs
	if r.Meta.Number != "" {
		reportRefs = append(append([]string(nil), refs...), canonicalRef(r.Meta.Number))
	}

	summary := summarize(r, province)
	sumJSON, err := json.Marshal(summary)
	if err != nil {
		return nil, err
	}
	full, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	recipients := r.Meta.Recipients
	if recipients == nil {
		recipients = []string{}
	}
	rd := &reportDoc{
		Type:         typeReport,
		ReportID:     r.ID,
		Source:       r.Source.Path,
		Province:     common.Province,
		ProvinceKey:  common.ProvinceKey,
		ProvinceFold: common.ProvinceFold,
		Period:       common.Period,
		PeriodKind:   common.PeriodKind,
		Year:         common.Year,
		DocType:      common.DocType,
		Refs:         refs,
		Findings:     common.Findings,
		Number:       canonicalRef(r.Meta.Number),
		Date:         r.Meta.Date,
		Title:        r.Meta.Title,
		Issuer:       r.Meta.Issuer,
		Recipients:   recipients,
		Body:         r.Text,
		Abbr:         abbr.keys(r.Text),
		Counts:       summary.Counts,
		Ident:        identKey(province, r.Meta.Number),
		Replaces:     replacesKeys(r, province),
		Shas:         shasOf(r),
		Summary:      string(sumJSON),
		JSON:         string(full),
	}

	docs := []bleveDoc{{id: r.ID, data: rd}}
	for i, od := range owned {
		od.doc.Text = joinRanges(r.Text, od.ranges)
		od.doc.Notes = joinRanges(r.Text, od.notes)
		if od.doc.Text == "" && od.doc.Notes == "" && od.doc.SectionTitle == "" && len(od.refs) == 0 {
			continue
		}
		od.doc.ReportRefs = reportRefs
		od.doc.Abbr = abbr.keys(od.doc.SectionTitle + "\n" + od.doc.Text + "\n" + od.doc.Notes)
		od.doc.Pairs = od.doc.SectionTitle + "\n\n" + od.doc.Text + "\n\n" + od.doc.Notes
		for ref := range od.refs {
			od.doc.Refs = append(od.doc.Refs, ref)
		}
		sort.Strings(od.doc.Refs)
		docs = append(docs, bleveDoc{id: sectionDocID(r.ID, i), data: od.doc})
	}
	cites, err := citeDocs(r, province, g)
	if err != nil {
		return nil, err
	}
	return append(docs, cites...), nil
}

// findingRules is the sorted set of rule ids of a report's findings, on
// every document of the report so any search can filter by them.
func findingRules(r *extract.Report) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, f := range r.Findings {
		if f.Rule != "" && !seen[f.Rule] {
			seen[f.Rule] = true
			out = append(out, f.Rule)
		}
	}
	sort.Strings(out)
	return out
}

// summarize builds the listing entry of a report.
func summarize(r *extract.Report, province string) Summary {
	return Summary{
		Indicators:   indicatorValues(r),
		ID:           r.ID,
		Source:       r.Source.Path,
		Province:     province,
		Period:       r.Meta.Period.Label,
		PeriodKind:   string(r.Meta.Period.Kind),
		Year:         r.Meta.Period.Year,
		Date:         r.Meta.Date,
		Number:       r.Meta.Number,
		DocType:      r.Meta.DocType,
		Title:        r.Meta.Title,
		Issuer:       r.Meta.Issuer,
		Counts:       countSums(r),
		Sources:      sourcesOf(r),
		Versions:     len(r.Versions),
		SupersededBy: r.SupersededBy,
		Sections:     countSections(r.Sections),
		Citations:    len(r.Citations),
		Footnotes:    len(r.Footnotes),
	}
}

func countSections(secs []*extract.Section) int {
	n := 0
	for _, s := range secs {
		if s != nil {
			n += 1 + countSections(s.Children)
		}
	}
	return n
}

func sortSpans(s []span) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].start != s[j].start {
			return s[i].start < s[j].start
		}
		return s[i].end < s[j].end
	})
}

// subtract removes the sorted spans cut from the sorted spans base.
func subtract(base, cut []span) []span {
	var out []span
	for _, b := range base {
		cur := b.start
		for _, c := range cut {
			if c.end <= cur || c.start >= b.end {
				continue
			}
			if c.start > cur {
				out = append(out, span{cur, c.start})
			}
			cur = max(cur, c.end)
		}
		if cur < b.end {
			out = append(out, span{cur, b.end})
		}
	}
	return out
}

// joinRanges concatenates the trimmed, non-empty pieces of text, one per
// line.
func joinRanges(text string, ranges []span) string {
	var b strings.Builder
	for _, s := range ranges {
		piece := strings.TrimSpace(text[s.start:s.end])
		if piece == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(piece)
	}
	return b.String()
}

// sourcesOf is the report's renditions, the extracted one first.
func sourcesOf(r *extract.Report) []extract.Source {
	if len(r.Sources) > 0 {
		return r.Sources
	}
	return []extract.Source{r.Source}
}

// shasOf lists the SHA-256 of every rendition, current and earlier: an
// old content-hash id (a prefix of one) still finds the report.
func shasOf(r *extract.Report) []string {
	var out []string
	for _, s := range r.AllSources() {
		out = append(out, s.SHA256)
	}
	return out
}

// identKey names a report by its province and number, the way another
// report of the province refers to it ("thay thế Báo cáo số 12/BC-UBND").
func identKey(province, number string) string {
	if number == "" {
		return ""
	}
	return provinceKey(province) + "|" + canonicalRef(number)
}

// replacesKeys are the identKeys of the reports r says it replaces.
func replacesKeys(r *extract.Report, province string) []string {
	out := []string{}
	for _, n := range extract.ReplacedNumbers(r.Text) {
		if k := identKey(province, n); k != "" && canonicalRef(n) != canonicalRef(r.Meta.Number) {
			out = append(out, k)
		}
	}
	return out
}

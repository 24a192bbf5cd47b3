package index

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/baocao/baocao/extract"
)

// A report (one identity, see extract.ReportIdentity) has one or more
// renditions: the files it arrived as (a signed PDF and a DOCX of the same
// report). Each rendition is stored whole in a rendition document (stored
// only, never searched), so that the report can be rebuilt from the best
// remaining one when another is removed. The report document and the
// section documents are built from one chosen rendition only: search hits,
// facets, listings, comparisons and citation lists see every report once.
//
// A rendition has a version. A file with the identity of a report and the
// format (or path) of one of its current renditions, but other content,
// is a corrected resubmission: it starts a new version, and the older
// renditions stay as history (Report.Versions).

// renditionDoc is the Bleve document of one rendition.
type renditionDoc struct {
	Type     string `json:"type"`
	ReportID string `json:"report_id"`
	SHA      string `json:"sha"`
	Path     string `json:"path"`
	JSON     string `json:"json"`
}

// BleveType tells Bleve which document mapping applies.
func (d *renditionDoc) BleveType() string { return typeRendition }

// rendition is the stored form of one rendition.
type rendition struct {
	Version int       `json:"version"`
	Added   time.Time `json:"added"`
	Report  *extract.Report
}

// renditionDocID names the document of a rendition: report id, "@", the
// first 16 hex digits of the file's SHA-256.
func renditionDocID(reportID, sha string) string {
	return reportID + "@" + extract.ReportID(sha)
}

// formatRank orders formats by how well extraction keeps a report's
// structure: DOCX has real heading styles, numbering and footnotes (and
// .odt/.doc/.rtf become DOCX through LibreOffice, one step removed);
// Markdown has headings and footnote syntax; a PDF has only positioned
// text (but is the signed copy); plain text has neither footnote markers
// nor headings.
var formatRank = map[extract.Format]int{
	extract.FormatDOCX: 0, extract.FormatODT: 1, extract.FormatDOC: 1, extract.FormatRTF: 1,
	extract.FormatMarkdown: 2, extract.FormatPDF: 3, extract.FormatText: 4, extract.FormatImage: 5,
}

var formatWhy = map[extract.Format]string{
	extract.FormatDOCX:     "DOCX keeps heading styles, numbering and footnotes best",
	extract.FormatODT:      "a word-processor file keeps heading styles and footnotes",
	extract.FormatDOC:      "a word-processor file keeps heading styles and footnotes",
	extract.FormatRTF:      "a word-processor file keeps heading styles and footnotes",
	extract.FormatMarkdown: "Markdown keeps headings and footnotes",
	extract.FormatPDF:      "the PDF is the only readable rendition left (it is usually the signed copy)",
	extract.FormatText:     "plain text is the only rendition",
	extract.FormatImage:    "an image read by OCR is the only rendition",
}

func rankOf(f extract.Format) int {
	if r, ok := formatRank[f]; ok {
		return r
	}
	return len(formatRank)
}

// renditionSet is every rendition of one report id.
type renditionSet struct {
	id    string
	items []*rendition
	// removed are the SHA-256 of renditions deleted in this write.
	removed []string
}

// current is the highest version present.
func (s *renditionSet) current() int {
	v := 0
	for _, it := range s.items {
		v = max(v, it.Version)
	}
	return v
}

// add files a new rendition: a new version when it takes the place of a
// current rendition (same path or same format, other content), else one
// more rendition of the current version.
func (s *renditionSet) add(r *extract.Report, now time.Time) {
	// What the index adds to a Report is rebuilt, never stored twice.
	c := *r
	c.Sources, c.Versions, c.SupersededBy = nil, nil, ""
	r = &c
	for i, it := range s.items {
		if it.Report.Source.SHA256 == r.Source.SHA256 {
			// The same bytes again (a renamed file): refresh in place.
			s.items[i] = &rendition{Version: it.Version, Added: it.Added, Report: r}
			return
		}
	}
	cur := s.current()
	v := max(cur, 1)
	for _, it := range s.items {
		if it.Version == cur && (it.Report.Source.Path == r.Source.Path || it.Report.Source.Format == r.Source.Format) {
			v = cur + 1
			break
		}
	}
	s.items = append(s.items, &rendition{Version: v, Added: now, Report: r})
}

// removeAll drops every rendition: the report goes.
func (s *renditionSet) removeAll() {
	for _, it := range s.items {
		s.removed = append(s.removed, it.Report.Source.SHA256)
	}
	s.items = nil
}

// removePath drops the renditions read from path; it reports whether any was.
func (s *renditionSet) removePath(path string) bool {
	kept := s.items[:0]
	found := false
	for _, it := range s.items {
		if it.Report.Source.Path == path {
			found = true
			s.removed = append(s.removed, it.Report.Source.SHA256)
			continue
		}
		kept = append(kept, it)
	}
	s.items = kept
	return found
}

// ofVersion returns the renditions of version v, best first.
func (s *renditionSet) ofVersion(v int) []*rendition {
	var out []*rendition
	for _, it := range s.items {
		if it.Version == v {
			out = append(out, it)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Report, out[j].Report
		if ra, rb := rankOf(a.Source.Format), rankOf(b.Source.Format); ra != rb {
			return ra < rb
		}
		if sa, sb := structure(a), structure(b); sa != sb {
			return sa > sb
		}
		return a.Source.Path < b.Source.Path
	})
	return out
}

// structure is how much structure extraction found: a tie-break between
// two renditions of one format.
func structure(r *extract.Report) int {
	return countSections(r.Sections) + len(r.Footnotes) + len(r.Citations)
}

// build makes the Report the index shows: the best rendition of the
// current version, with every rendition in Sources, the older versions in
// Versions, and diagnostics saying which rendition was used and on what
// the renditions disagree.
func (s *renditionSet) build() *extract.Report {
	cur := s.current()
	best := s.ofVersion(cur)
	if len(best) == 0 {
		return nil
	}
	out := *best[0].Report
	out.ID = s.id
	out.Sources = nil
	for _, it := range best {
		out.Sources = append(out.Sources, it.Report.Source)
	}
	out.Diagnostics = append([]extract.Diagnostic{}, out.Diagnostics...)
	if len(best) > 1 {
		var others []string
		for _, it := range best[1:] {
			others = append(others, string(it.Report.Source.Format)+" "+it.Report.Source.Path)
		}
		why := formatWhy[out.Source.Format]
		if why == "" {
			why = "it has the most structure"
		}
		out.Diagnostics = append(out.Diagnostics, extract.Diagnostic{
			Code: "identity.rendition", Severity: extract.SeverityInfo,
			Message: fmt.Sprintf("%d renditions of one report; extracted from %s %s because %s; also: %s",
				len(best), out.Source.Format, out.Source.Path, why, strings.Join(others, ", ")),
		})
		if diff := disagreements(best); len(diff) > 0 {
			out.Diagnostics = append(out.Diagnostics, extract.Diagnostic{
				Code: "identity.renditions_disagree", Severity: extract.SeverityWarning,
				Message: "the renditions disagree: " + strings.Join(diff, "; "),
			})
		}
	}
	out.Versions = nil
	for v := 1; v < cur; v++ {
		vs := s.ofVersion(v)
		if len(vs) == 0 {
			continue
		}
		ver := extract.Version{Version: v, Reason: "resubmitted", Number: vs[0].Report.Meta.Number, Date: vs[0].Report.Meta.Date}
		for _, it := range vs {
			ver.Sources = append(ver.Sources, it.Report.Source)
		}
		if next := s.ofVersion(v + 1); len(next) > 0 {
			first := next[0].Added
			for _, it := range next {
				if it.Added.Before(first) {
					first = it.Added
				}
			}
			ver.Until = first.UTC().Format(time.RFC3339)
		}
		out.Versions = append(out.Versions, ver)
	}
	return &out
}

// disagreements lists the facts on which the renditions of one version
// differ from the chosen one (the first): header fields, how many
// sections, footnotes and cited documents were found, and the count sums
// comparisons use.
func disagreements(rs []*rendition) []string {
	type fact struct {
		name string
		get  func(r *extract.Report) string
	}
	facts := []fact{
		{"number", func(r *extract.Report) string { return r.Meta.Number }},
		{"date", func(r *extract.Report) string { return r.Meta.Date }},
		{"period", func(r *extract.Report) string { return r.Meta.Period.Label }},
		{"title", func(r *extract.Report) string {
			return extract.SearchKey(strings.Join(strings.Fields(r.Meta.Title), " "))
		}},
		{"recipients", func(r *extract.Report) string { return strconv.Itoa(len(r.Meta.Recipients)) }},
		{"sections", func(r *extract.Report) string { return strconv.Itoa(countSections(r.Sections)) }},
		{"footnotes", func(r *extract.Report) string { return strconv.Itoa(len(r.Footnotes)) }},
		{"cited documents", func(r *extract.Report) string { return strconv.Itoa(len(r.Citations)) }},
	}
	for _, k := range countKinds() {
		facts = append(facts, fact{"counts." + k, func(r *extract.Report) string {
			return strconv.FormatInt(countSums(r)[k], 10)
		}})
	}
	var out []string
	first := rs[0].Report
	for _, f := range facts {
		want := f.get(first)
		var diff []string
		for _, it := range rs[1:] {
			if got := f.get(it.Report); got != want {
				diff = append(diff, fmt.Sprintf("%q in %s", got, it.Report.Source.Path))
			}
		}
		if len(diff) > 0 {
			out = append(out, fmt.Sprintf("%s: %q in %s, %s", f.name, want, first.Source.Path, strings.Join(diff, ", ")))
		}
	}
	return out
}

// loadRenditions reads every rendition of a report id.
func (ix *Index) loadRenditions(ctx context.Context, id string) (*renditionSet, error) {
	hits, err := ix.searchAll(ctx, bleve.NewConjunctionQuery(termQ(fieldType, typeRendition), termQ(fieldReportID, id)), []string{fieldJSON})
	if err != nil {
		return nil, err
	}
	s := &renditionSet{id: id}
	for _, h := range hits {
		raw, _ := h.Fields[fieldJSON].(string)
		var it rendition
		if err := json.Unmarshal([]byte(raw), &it); err != nil || it.Report == nil {
			return nil, fmt.Errorf("rendition %s: decode: %v", h.ID, err)
		}
		s.items = append(s.items, &it)
	}
	sort.SliceStable(s.items, func(i, j int) bool { return s.items[i].Added.Before(s.items[j].Added) })
	return s, nil
}

// renditionDocs are the Bleve documents of a set's renditions.
func renditionDocs(s *renditionSet) ([]bleveDoc, error) {
	var out []bleveDoc
	for _, it := range s.items {
		raw, err := json.Marshal(it)
		if err != nil {
			return nil, err
		}
		out = append(out, bleveDoc{id: renditionDocID(s.id, it.Report.Source.SHA256), data: &renditionDoc{
			Type: typeRendition, ReportID: s.id, SHA: it.Report.Source.SHA256, Path: it.Report.Source.Path, JSON: string(raw),
		}})
	}
	return out, nil
}

// decorate sets what a report's neighbours say about it: SupersededBy
// when another report says it replaces this one, and a "replaced" entry in
// Versions for each report this one says it replaces. It returns the ids
// of those replaced reports (to be rebuilt with their SupersededBy).
func (ix *Index) decorate(ctx context.Context, r *extract.Report) ([]string, error) {
	province := displayProvince(r.Meta.Province)
	if k := identKey(province, r.Meta.Number); k != "" {
		hits, err := ix.searchAll(ctx, bleve.NewConjunctionQuery(termQ(fieldType, typeReport), termQ(fieldReplaces, k)), nil)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			if h.ID != r.ID {
				r.SupersededBy = h.ID
				break
			}
		}
	}
	var targets []string
	var replaced []extract.Version
	for _, k := range replacesKeys(r, province) {
		list, err := ix.summaries(ctx, bleve.NewConjunctionQuery(termQ(fieldType, typeReport), termQ(fieldIdent, k)))
		if err != nil {
			return nil, err
		}
		for _, sm := range list {
			if sm.ID == r.ID {
				continue
			}
			targets = append(targets, sm.ID)
			replaced = append(replaced, extract.Version{Reason: "replaced", ReportID: sm.ID, Number: sm.Number, Date: sm.Date, Sources: sm.Sources})
		}
	}
	if len(replaced) > 0 {
		sort.SliceStable(replaced, func(i, j int) bool { return replaced[i].Date < replaced[j].Date })
		r.Versions = append(replaced, r.Versions...)
		for i := range r.Versions {
			r.Versions[i].Version = i + 1
		}
	}
	return targets, nil
}

// RemoveSource removes the rendition read from path from report id
// outside the ledger (tests, tools): the report stays while it has
// another rendition and goes with its last one. Ingest removes through
// Commit, so the ledger records it.
func (ix *Index) RemoveSource(ctx context.Context, id, path string) error {
	return ix.apply(ctx, nil, []extract.Removal{{ReportID: id, Path: path}}, nil)
}

// SourceOf returns the id of the report holding a rendition read from
// path (the ledger may not know it: a file indexed by another data dir).
func (ix *Index) SourceOf(ctx context.Context, path string) (string, error) {
	hits, err := ix.searchAll(ctx, bleve.NewConjunctionQuery(termQ(fieldType, typeRendition), termQ(fieldPath, path)), []string{fieldReportID})
	if err != nil {
		return "", err
	}
	for _, h := range hits {
		if id, _ := h.Fields[fieldReportID].(string); id != "" {
			return id, nil
		}
	}
	return "", fmt.Errorf("file %s: %w", path, ErrNotFound)
}

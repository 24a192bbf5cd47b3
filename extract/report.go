package extract

import (
	"fmt"
	"slices"
)

// Report is everything baocao extracted from one Document. Its JSON form is
// the contract of `baocao extract -o json` (see extract/report.schema.json).
type Report struct {
	// ID is IdentityID(Identity) when the header identifies the report
	// (province, số/ký hiệu, date, type), else ReportID of the content hash.
	ID string `json:"id"`
	// Identity is the key the id is derived from; "" when the header is
	// incomplete and the id is the content hash.
	Identity string `json:"identity,omitempty"`
	// Source is the file this Report was extracted from; Sources lists
	// every rendition of the report the index holds (Source first).
	Source    Source     `json:"source"`
	Sources   []Source   `json:"sources,omitempty"`
	Meta      Meta       `json:"meta"`
	Sections  []*Section `json:"sections"`
	Footnotes []Footnote `json:"footnotes"`
	Citations []Citation `json:"citations"`
	Counts    []Count    `json:"counts"`
	// Indicators are the values of catalogue indicators the report states
	// (indicator.go); counts stay as they are for scripts.
	Indicators  []Indicator  `json:"indicators"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	// Findings are the compliance findings of the rule set in effect when
	// the report was ingested (package extract/check); none when unchecked.
	Findings []Finding `json:"findings,omitempty"`
	// Versions are the earlier versions of the report, oldest first (set
	// by the index); SupersededBy is the id of the report that replaces
	// this one ("thay thế Báo cáo số …"), "" for a current report.
	Versions     []Version `json:"versions,omitempty"`
	SupersededBy string    `json:"superseded_by,omitempty"`
	// Text is the Document text every Span points into.
	Text string `json:"text"`
}

// AllSources is every file the report was read from: its renditions, the
// extracted one first, then those of its earlier versions, oldest first.
func (r *Report) AllSources() []Source {
	out := r.Sources
	if len(out) == 0 {
		out = []Source{r.Source}
	}
	out = slices.Clone(out)
	for _, v := range r.Versions {
		out = append(out, v.Sources...)
	}
	return out
}

// Version is an earlier version of a report: a corrected resubmission
// replaced it (same identity, different content), or a report that says
// it replaces it ("thay thế Báo cáo số …", Reason "replaced", ReportID
// naming the replaced report, which stays in the index).
type Version struct {
	Version  int      `json:"version"`
	Reason   string   `json:"reason"` // "resubmitted" or "replaced"
	ReportID string   `json:"report_id,omitempty"`
	Number   string   `json:"number"`
	Date     string   `json:"date"`
	Sources  []Source `json:"sources"`
	// Until is when the next version arrived (RFC 3339).
	Until string `json:"until,omitempty"`
}

// Meta is the document header: Nghị định 30/2020 components b, c, d, đ and
// the Kính gửi line, plus the reporting period read from the title.
type Meta struct {
	Issuer string `json:"issuer"`
	// IssuerCanonical is the issuing body's one name from the issuer
	// gazetteer (data/issuers.tsv): "UBND tỉnh Khánh Hòa", "Bộ Nội vụ",
	// "Sở Nội vụ tỉnh Khánh Hòa"; absent when the body is not known.
	IssuerCanonical string   `json:"issuer_canonical,omitempty"`
	Province        string   `json:"province"`
	Number          string   `json:"number"`
	Date            string   `json:"date"` // ISO 8601, "" when unknown
	Place           string   `json:"place"`
	DocType         string   `json:"doc_type"`
	Title           string   `json:"title"`
	Recipients      []string `json:"recipients"`
	Period          Period   `json:"period"`
	// Spans maps a field name ("issuer", "number", "date", "title",
	// "recipients", "period", "province") to its evidence in the text.
	Spans map[string]Span `json:"spans,omitempty"`
}

// PeriodKind is the length of a reporting period.
type PeriodKind string

// Period kinds of the CCHC reporting regime.
const (
	PeriodQuarter    PeriodKind = "quarter"
	PeriodHalfYear   PeriodKind = "half_year"
	PeriodNineMonths PeriodKind = "nine_months"
	PeriodYear       PeriodKind = "year"
)

// Period is a reporting period; Label is its stable key (2023-Q1, 2023-H1,
// 2023-9M, 2023). The zero Period means "unknown".
type Period struct {
	Kind    PeriodKind `json:"kind"`
	Year    int        `json:"year"`
	Quarter int        `json:"quarter"`
	Label   string     `json:"label"`
}

// Section is one numbered heading of the report and the text under it.
type Section struct {
	Number string `json:"number"` // as written, without the trailing "." or ")": "I", "1", "1.2", "a"
	Title  string `json:"title"`
	Level  int    `json:"level"`
	// Path joins the numbers from the root: "I.1", "II.2.a".
	Path string `json:"path"`
	// Span covers the heading; Body covers the heading and everything up to
	// the next heading of the same or a higher level.
	Span     Span       `json:"span"`
	Body     Span       `json:"body"`
	Children []*Section `json:"children"`
}

// Footnote is a footnote's text linked to its marker in the body.
type Footnote struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
	Span   Span   `json:"span"`
	// Anchor is the offset of the marker in Text, -1 when no marker refers
	// to this footnote; Section is the path of the section holding it.
	Anchor  int    `json:"anchor"`
	Section string `json:"section"`
}

// Citation is one cited document. Repeated mentions of the same document
// resolve to one Citation; Mentions lists them all.
type Citation struct {
	// Type is the document type in words: "Quyết định", "Nghị định",
	// "Công văn", "Kết luận", "Luật"…
	Type string `json:"type"`
	// Ref is the canonical number/symbol (30/2020/NĐ-CP, 91-KL/TU): NFC,
	// ASCII hyphen, no spaces. Nil for a law cited by name only.
	Ref    *string `json:"ref"`
	Number string  `json:"number"`
	Symbol string  `json:"symbol"`
	Date   string  `json:"date"` // ISO, "" when not given
	Issuer string  `json:"issuer"`
	// IssuerCanonical is the issuer's name in the issuer gazetteer, as in
	// Meta; absent when the issuer is not known or not given.
	IssuerCanonical string `json:"issuer_canonical,omitempty"`
	// Title is the name of a law or code cited by name.
	Title string `json:"title,omitempty"`
	// Footnote is the number of the footnote of the first mention, nil in the body.
	Footnote *int   `json:"footnote"`
	Section  string `json:"section"`
	Text     string `json:"text"`
	Span     Span   `json:"span"`
	Mentions []Span `json:"mentions"`
}

// CountKind is what a count counts.
type CountKind string

// Count kinds.
const (
	CountMeeting       CountKind = "meeting"
	CountDocument      CountKind = "document"
	CountTask          CountKind = "task"
	CountTarget        CountKind = "target"
	CountInspection    CountKind = "inspection"
	CountProcedure     CountKind = "procedure"
	CountOnlineService CountKind = "online_service"
	CountDossier       CountKind = "dossier"
	CountTraining      CountKind = "training"
	CountField         CountKind = "field"
)

// countKindOrder is the stable order of the kinds; count rules index
// per-kind arrays by it.
var countKindOrder = [...]CountKind{CountMeeting, CountDocument, CountTask, CountTarget,
	CountInspection, CountProcedure, CountOnlineService, CountDossier, CountTraining, CountField}

// CountKinds lists every CountKind in a stable order (read-only).
var CountKinds = countKindOrder[:]

// Count is a quantity the report states, with its evidence.
type Count struct {
	Kind  CountKind `json:"kind"`
	Value int64     `json:"value"`
	Unit  string    `json:"unit"` // the noun as written: "văn bản", "hồ sơ"
	// Section is the path of the section the count is stated in.
	Section string `json:"section"`
	// Text is the sentence (clause) the count was read from.
	Text string `json:"text"`
	// Nested is true for a part of another count ("trong đó 12.000 hồ sơ
	// trực tuyến"); comparisons sum only the others.
	Nested bool `json:"nested"`
	Span   Span `json:"span"`
	// Indicator is the catalogue indicator the count was read as
	// ("dossier.received"), nil when it fits none.
	Indicator *string `json:"indicator"`
}

// Severity of a Diagnostic.
type Severity string

// Severities.
const (
	SeverityInfo    Severity = "info"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// Diagnostic is a doubt or problem found while ingesting or extracting:
// data, not an error. Code is a stable dotted id ("text.legacy_encoding",
// "citation.ambiguous"). Message is the English text: Template (a key of
// the message catalogue, package i18n) filled with Args, so that a reader
// in another language gets the same details in their own words (ISO dates
// in Args are dates, shown the reader's way).
type Diagnostic struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Template string   `json:"template,omitempty"`
	Args     []string `json:"args,omitempty"`
	Span     *Span    `json:"span,omitempty"`
	Page     int      `json:"page,omitempty"`
}

// NewDiagnostic makes a diagnostic whose message is template filled with
// args (each a %s of the template).
func NewDiagnostic(code string, sev Severity, template string, args ...string) Diagnostic {
	return Diagnostic{Code: code, Severity: sev, Message: fill(template, args), Template: template, Args: args}
}

// fill formats template with args, all strings.
func fill(template string, args []string) string {
	as := make([]any, len(args))
	for i, a := range args {
		as[i] = a
	}
	return fmt.Sprintf(template, as...)
}

// Finding is one compliance problem of a report (package extract/check
// computes them). Rule is a stable id ("missing-section", "late-submission"),
// Severity is "error" or "warning", Location names where: "section II.1",
// "footnote 3", "line 12" or "header".
// Message is the English text, Template filled with Args (as in
// Diagnostic).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Location string   `json:"location"`
	Template string   `json:"template,omitempty"`
	Args     []string `json:"args,omitempty"`
}

// NewFinding makes a finding whose message is template filled with args.
func NewFinding(rule string, sev Severity, location, template string, args ...string) Finding {
	return Finding{Rule: rule, Severity: sev, Message: fill(template, args), Location: location, Template: template, Args: args}
}

package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"sync"
)

// Extractor turns Documents into Reports. It holds read-only tables and
// a bounded memo of issuer names (Issuers.MatchWhole, safe for concurrent
// use), so one Extractor is safe for concurrent use.
type Extractor struct {
	gazetteer *Gazetteer
	issuers   *Issuers
	catalogue *Catalogue
	// countScans holds the buffers of finished count scans (*countScan).
	countScans sync.Pool
}

// New builds an Extractor with the built-in tables (province gazetteer,
// document type codes).
func New() (*Extractor, error) {
	c, err := DefaultCatalogue()
	if err != nil {
		return nil, err
	}
	return NewWithCatalogue(c)
}

// NewWithCatalogue builds an Extractor that reads the indicators of c
// (DefaultCatalogue, or LoadCatalogue of a configured file).
func NewWithCatalogue(c *Catalogue) (*Extractor, error) {
	g, err := LoadGazetteer()
	if err != nil {
		return nil, err
	}
	is, err := parseIssuers(issuersTSV, g)
	if err != nil {
		return nil, err
	}
	return &Extractor{gazetteer: g, issuers: is, catalogue: c}, nil
}

// Catalogue returns the indicator catalogue the extractor reads.
func (e *Extractor) Catalogue() *Catalogue { return e.catalogue }

// Gazetteer returns the province gazetteer the extractor uses.
func (e *Extractor) Gazetteer() *Gazetteer { return e.gazetteer }

// ReportID is the id of the report of a source: a prefix of the SHA-256 of
// its content, so the same file is never indexed twice.
func ReportID(sha256hex string) string {
	if len(sha256hex) > 16 {
		return sha256hex[:16]
	}
	return sha256hex
}

// HashBytes returns the hex SHA-256 of data.
func HashBytes(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// scan is the state the rules share while extracting one Document.
type scan struct {
	doc    *Document
	report *Report
	// bodyFrom is the index of the first block after the header; tailFrom
	// the index of the first block of the closing part (signature, Nơi
	// nhận), len(Blocks) when there is none. Counts are read only between.
	bodyFrom, tailFrom int
	// ownNumber covers the report's own số/ký hiệu: it is not a citation.
	ownNumber Span
	// centralIssuer: the issuer is a body of the central level, which has
	// no province.
	centralIssuer bool
	// issuer is the report's issuer as the issuer gazetteer knows it.
	issuer IssuerMatch
	// sections in document order (flattened tree).
	flat []*Section
	// sections are allocated from here (newSection).
	sections chunks[Section]
}

// chunks allocates values a report keeps pointers to (sections, parsed
// refs) a chunk at a time: one allocation per chunk instead of one per
// value. A chunk never moves, so the pointers stay valid.
type chunks[T any] struct {
	buf []T
}

const chunkLen = 16

// add stores v and returns where it stays.
func (c *chunks[T]) add(v T) *T {
	if len(c.buf) == cap(c.buf) {
		c.buf = make([]T, 0, chunkLen)
	}
	c.buf = append(c.buf, v)
	return &c.buf[len(c.buf)-1]
}

// A stage is one rule of the extraction. The stages run in the order of
// stages below, once per Document, over one shared scan. A stage may read
// the Document and whatever the stages before it set, and sets only what
// its Sets says; it never fails (a doubtful match is a Diagnostic, added
// with scan.diagnose by any stage). Adding a rule means adding a stage
// here, at the place where what it reads is ready.
type stage struct {
	Name        string
	Reads, Sets string
	run         func(*Extractor, *scan)
}

// stages is the extraction, in order: the Document's parts (Blocks, Refs,
// Text — built by the pipeline) → header → sections → footnotes →
// citations → counts.
var stages = []stage{
	{Name: "header",
		Reads: "Blocks before the first body block",
		Sets:  "Meta (issuer, province, number, date, place, type, title, recipients, period, spans); scan.bodyFrom, scan.tailFrom, scan.ownNumber, scan.centralIssuer, scan.issuer",
		run:   (*Extractor).findHeader},
	{Name: "identity",
		Reads: "Meta (province, number, date, type), Source.SHA256",
		Sets:  "ID, Identity (extract.ReportIdentity)",
		run:   func(_ *Extractor, s *scan) { s.report.ID, s.report.Identity = reportIDOf(s.report) }},
	{Name: "sections",
		Reads: "Blocks in [bodyFrom, tailFrom)",
		Sets:  "Sections (tree with spans and bodies); scan.flat",
		run:   (*Extractor).findSections},
	{Name: "footnotes",
		Reads: "footnote Blocks, Refs (markers); scan.flat for the marker's section",
		Sets:  "Footnotes (with anchor and section)",
		run:   (*Extractor).linkFootnotes},
	{Name: "citations",
		Reads: "Text, Blocks (footnote blocks name their footnote), Meta.Number and scan.ownNumber (the report's own number is no citation), scan.flat",
		Sets:  "Citations (one per cited document, with mentions)",
		run:   (*Extractor).findCitations},
	{Name: "counts",
		Reads: "countable Blocks (body between bodyFrom and tailFrom, no tables or footnotes), scan.flat",
		Sets:  "Counts",
		run:   (*Extractor).findCounts},
	{Name: "indicators",
		Reads: "countable Blocks and footnote Blocks, Counts (the count rules' verdicts), scan.flat, Meta.Period",
		Sets:  "Indicators (catalogue values, merged and flagged); Count.Indicator; indicator.conflict diagnostics",
		run:   (*Extractor).findIndicators},
}

// Extract runs every rule over doc and returns its Report.
func (e *Extractor) Extract(doc *Document) *Report {
	r, _ := e.ExtractContext(context.Background(), doc)
	return r
}

// ExtractContext is Extract under ctx: it stops between stages once ctx is
// done and returns ctx's error. Every stage is linear in the text (the
// evidence of a fact is a bounded window, see evidence), so a stage
// finishes soon after the deadline.
func (e *Extractor) ExtractContext(ctx context.Context, doc *Document) (*Report, error) {
	r := &Report{
		ID:          ReportID(doc.Source.SHA256),
		Source:      doc.Source,
		Sections:    []*Section{},
		Footnotes:   []Footnote{},
		Citations:   []Citation{},
		Counts:      []Count{},
		Indicators:  []Indicator{},
		Diagnostics: append([]Diagnostic{}, doc.Diagnostics...),
		Text:        doc.Text,
	}
	r.Meta.Recipients = []string{}
	s := &scan{doc: doc, report: r, tailFrom: len(doc.Blocks)}
	for _, st := range stages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st.run(e, s)
	}
	sort.SliceStable(r.Diagnostics, func(i, j int) bool {
		a, b := r.Diagnostics[i].Span, r.Diagnostics[j].Span
		if a == nil || b == nil {
			return a == nil && b != nil
		}
		return a.Start < b.Start
	})
	return r, nil
}

// sectionAt returns the path of the innermost section whose body holds off,
// "" before the first section.
func (s *scan) sectionAt(off int) string {
	path := ""
	for _, sec := range s.flat {
		if sec.Body.Start > off {
			break
		}
		if off < sec.Body.End {
			path = sec.Path
		}
	}
	return path
}

// footnoteOf returns the footnote number of the block holding off, or 0
// when off is in the body.
func (s *scan) footnoteOf(off int) int {
	i := s.blockAt(off)
	if i < 0 || s.doc.Blocks[i].Kind != BlockFootnote {
		return 0
	}
	return s.doc.Blocks[i].Footnote
}

// blockAt returns the index of the block that holds off, -1 if none.
func (s *scan) blockAt(off int) int {
	bs := s.doc.Blocks
	i := sort.Search(len(bs), func(i int) bool { return bs[i].Span.End > off })
	if i < len(bs) && bs[i].Span.Start <= off {
		return i
	}
	return -1
}

// anchorSection is the section a footnote belongs to: the section of its
// marker, or of its own position when it has no marker.
func (s *scan) anchorSection(footnote int) string {
	for _, f := range s.report.Footnotes {
		if f.Number == footnote && f.Anchor >= 0 {
			return s.sectionAt(f.Anchor)
		}
	}
	return ""
}

// countable reports whether counts may be read from block i: body text
// (paragraphs, list items, headings) between the header and the closing
// part, never tables or footnotes.
func (s *scan) countable(i int) bool {
	if i < s.bodyFrom || i >= s.tailFrom {
		return false
	}
	switch s.doc.Blocks[i].Kind {
	case BlockTableRow, BlockFootnote:
		return false
	}
	return true
}

// diagnose adds a diagnostic at span: template (English, a catalogue key)
// filled with args.
func (s *scan) diagnose(code string, sev Severity, span Span, template string, args ...string) {
	d := NewDiagnostic(code, sev, template, args...)
	d.Span = &span
	s.report.Diagnostics = append(s.report.Diagnostics, d)
}

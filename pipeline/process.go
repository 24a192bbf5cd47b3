package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
)

// Sniff decides the format of a file: magic bytes first, the extension
// second. Text without a known extension is read as Markdown when it uses
// Markdown syntax, plain text otherwise. A file it cannot read is
// ErrUnsupportedFormat with what the file seems to be.
func Sniff(name string, data []byte) (extract.Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	head := data[:min(len(data), 64<<10)]
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return extract.FormatPDF, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		switch {
		case ext == ".docx" || bytes.Contains(head, []byte("word/")):
			return extract.FormatDOCX, nil
		case bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument.text")):
			return extract.FormatODT, nil
		}
		return "", fmt.Errorf("%s: %w", zipKind(head), ErrUnsupportedFormat)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		switch {
		case ext == ".docx" || bytes.Contains(data, utf16le("EncryptionInfo")):
			// A password-protected DOCX is an OLE container holding an
			// EncryptionInfo stream, whatever it is named: the DOCX
			// ingester says so precisely (encrypted).
			return extract.FormatDOCX, nil
		case bytes.Contains(data, utf16le("WordDocument")):
			return extract.FormatDOC, nil
		}
		return "", fmt.Errorf("%s: %w", oleKind(data), ErrUnsupportedFormat)
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return extract.FormatRTF, nil
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")), bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		// A photographed or scanned page: read by OCR.
		return extract.FormatImage, nil
	}
	switch ext {
	case ".pdf":
		return "", fmt.Errorf("named .pdf but has no PDF header: %w", ErrMalformed)
	case ".docx":
		return "", fmt.Errorf("named .docx but is not a zip archive: %w", ErrMalformed)
	case ".doc":
		return "", fmt.Errorf("named .doc but is neither a Word 97 file nor RTF: %w", ErrMalformed)
	case ".rtf":
		return "", fmt.Errorf(`named .rtf but does not start with "{\rtf": %w`, ErrMalformed)
	case ".md", ".markdown":
		return extract.FormatMarkdown, nil
	case ".txt", ".text":
		return extract.FormatText, nil
	}
	if !looksLikeText(data) {
		return "", fmt.Errorf("%s: %w", binaryKind(data, ext), ErrUnsupportedFormat)
	}
	if bytes.Contains(data, []byte("\n#")) || bytes.HasPrefix(data, []byte("#")) || bytes.Contains(data, []byte("<sup>")) {
		return extract.FormatMarkdown, nil
	}
	return extract.FormatText, nil
}

func utf16le(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// zipKind names what a zip archive that is not a Word document holds.
func zipKind(head []byte) string {
	for _, k := range []struct{ part, kind string }{
		{"xl/", "an Excel workbook (.xlsx)"}, {"ppt/", "a PowerPoint presentation (.pptx)"},
		{"opendocument.spreadsheet", "an OpenDocument spreadsheet (.ods)"},
		{"opendocument.presentation", "an OpenDocument presentation (.odp)"},
	} {
		if bytes.Contains(head, []byte(k.part)) {
			return k.kind + ", not a report document"
		}
	}
	return "a zip archive that is not a Word or OpenDocument text"
}

// oleKind names what an OLE compound file that is not a Word document is.
func oleKind(data []byte) string {
	for _, k := range []struct{ stream, kind string }{
		{"Workbook", "an Excel 97 workbook (.xls)"}, {"Book", "an Excel 5 workbook (.xls)"},
		{"PowerPoint Document", "a PowerPoint 97 presentation (.ppt)"},
		{"__substg1.0_", "an Outlook message (.msg)"},
	} {
		if bytes.Contains(data, utf16le(k.stream)) {
			return k.kind + ", not a report document"
		}
	}
	return "an OLE compound file that is not a Word document"
}

// binaryKind names a binary file by its magic bytes, or by its extension.
func binaryKind(data []byte, ext string) string {
	for _, k := range []struct{ magic, kind string }{
		{"\xFF\xD8\xFF", "a JPEG image"}, {"\x89PNG", "a PNG image"}, {"GIF8", "a GIF image"},
		{"II*\x00", "a TIFF image"}, {"MM\x00*", "a TIFF image"}, {"BM", "a BMP image"},
		{"Rar!", "a RAR archive"}, {"7z\xBC\xAF", "a 7-Zip archive"}, {"\x1F\x8B", "a gzip archive"},
		{"MZ", "a Windows program"}, {"\x7FELF", "a Linux program"}, {"ID3", "an MP3 recording"},
		{"RIFF", "a RIFF media file (WAV/AVI/WebP)"}, {"\xFFWPC", "a WordPerfect document"},
	} {
		if bytes.HasPrefix(data, []byte(k.magic)) {
			return k.kind + ", not a report document"
		}
	}
	if ext == "" {
		return "binary data without an extension, not a report document"
	}
	return "binary data (" + ext + "), not a report document"
}

func looksLikeText(data []byte) bool {
	head := data[:min(len(data), 4096)]
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return true
	}
	return bytes.IndexByte(head, 0) < 0 && (utf8.Valid(head) || len(head) == 4096)
}

// Accepts tells, before a file is kept (an upload), whether the pipeline
// can read its format: nil, or the reason it cannot (wrapping
// ErrUnsupportedFormat or ErrMalformed) — the same one an ingest would
// record.
func (p *Pipeline) Accepts(name string, data []byte) error {
	format, err := Sniff(name, data)
	if err != nil {
		return err
	}
	in, ok := p.Ingesters[format]
	if !ok {
		return fmt.Errorf("no ingester for %s: %w", format, ErrUnsupportedFormat)
	}
	if opt, ok := in.(interface{ Available() error }); ok {
		return opt.Available()
	}
	return nil
}

// Pipeline turns one file into a Report: sniff, ingest, extract.
type Pipeline struct {
	// Ingesters maps each format to the ingester that reads it.
	Ingesters map[extract.Format]Ingester
	Extractor *extract.Extractor
	// Timeout bounds one document (0: none).
	Timeout time.Duration
	// Checker, when set, computes the compliance findings stored with
	// each report (Report.Findings).
	Checker Checker
	// MaxFacts refuses (ErrTooLarge) a document whose report has more
	// sections, footnotes, citations, counts and diagnostics together
	// (0: the default, config.Limit): a report that large is a flood, not a report, and is
	// refused whole rather than indexed in part.
	MaxFacts int
	// AcceptNonReports keeps documents without a recognisable header and
	// without numbered sections; by default they fail with ErrNotAReport
	// instead of being indexed as reports of no province and no period.
	AcceptNonReports bool
}

// Checker finds compliance problems in a report (extract/check.Checker).
// Check must not modify the report and must not panic on odd input.
type Checker interface {
	Check(r *extract.Report) []extract.Finding
}

// Close releases what the ingesters hold (Worker processes).
func (p *Pipeline) Close() error {
	var errs []error
	for _, in := range p.Ingesters {
		if c, ok := in.(io.Closer); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// DocError is the failure of one document at one stage.
type DocError struct {
	Source string // the file name
	Stage  string // "read", "sniff", "ingest", "extract", "index"
	Err    error
}

// Error names the file and the stage; the cause's message is cleaned
// (CleanMessage), because it may quote the file's bytes.
func (e *DocError) Error() string {
	return CleanMessage(e.Source) + ": " + e.Stage + ": " + CleanMessage(e.Err.Error())
}

// Unwrap returns the cause.
func (e *DocError) Unwrap() error { return e.Err }

// FailureReason is one reason a file is not (or no longer) a report in
// the index.
type FailureReason struct {
	// Word is the stable word recorded in the ledger, the summaries, the
	// quarantine notes and the API ("encrypted").
	Word string
	// Err is the error ingesters wrap for it (nil: not an ingest failure).
	Err error
	// Text says what it means: an English message, a key of the message
	// catalogue (package i18n), so the CLI and the web say it in the
	// reader's language.
	Text string
}

// Reasons is the one table of failure reasons: pipeline, ledger, worker
// protocol, CLI and web all name reasons from it.
var Reasons = []FailureReason{
	{"encrypted", ErrEncrypted, "encrypted (password-protected)"},
	{"no-text", ErrNoText, "no text layer (a scan?)"},
	{"too-large", ErrTooLarge, "too large"},
	{"truncated", ErrTruncated, "truncated file"},
	{"legacy-encoding", ErrLegacyEncoding, "legacy font encoding (TCVN3/VNI)"},
	{"timeout", ErrTimeout, "took too long"},
	{"crashed", ErrCrashed, "the parser crashed"},
	{"unsupported", ErrUnsupportedFormat, "unsupported format"},
	{"malformed", ErrMalformed, "damaged or malformed file"},
	{"not-a-report", ErrNotAReport, "not a report (no header and no report structure)"},
	{"duplicate", nil, "same content as another file"},
	{ReasonRemoved, nil, "removed"},
	{ReasonPruned, nil, "gone from the disk"},
	{"error", nil, "error"},
}

// ReasonText says what a reason word means (Reasons' Text), as a
// catalogue key; an unknown word is returned as it is.
func ReasonText(word string) string {
	if r, ok := reasonByWord(word); ok {
		return r.Text
	}
	return word
}

// reasonErr is the error of a reason word, nil when it has none.
func reasonErr(word string) error {
	r, _ := reasonByWord(word)
	return r.Err
}

// reasonByWord is the row of Reasons whose Word is word.
func reasonByWord(word string) (FailureReason, bool) {
	for _, r := range Reasons {
		if r.Word == word {
			return r, true
		}
	}
	return FailureReason{}, false
}

// Reason is a short, stable word for why a document failed, for ledgers
// and summaries ("encrypted", "timeout", …): the Word of Reasons whose
// error err wraps; a deadline is a timeout, anything else "error".
func Reason(err error) string {
	for _, r := range Reasons {
		if r.Err != nil && errors.Is(err, r.Err) {
			return r.Word
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return "error"
}

// Process ingests and extracts one file, both under the document's
// deadline (Timeout). Panics in third-party parsers are turned into errors
// here, at the document boundary. Both stages run on one goroutine under
// one timer: a file costs one goroutine's start and stack growth, not two.
func (p *Pipeline) Process(ctx context.Context, name string, data []byte) (*extract.Report, error) {
	return p.process(ctx, name, data, "")
}

// process is Process for data whose SHA-256 is sum, when the caller knows
// it ("" when not): a SumIngester is handed it.
func (p *Pipeline) process(ctx context.Context, name string, data []byte, sum string) (*extract.Report, error) {
	if p.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.Timeout)
		defer cancel()
	}
	format, err := Sniff(name, data)
	if err != nil {
		return nil, &DocError{Source: name, Stage: "sniff", Err: cleanErr(err)}
	}
	in, err := p.ingester(format)
	if err != nil {
		return nil, &DocError{Source: name, Stage: "ingest", Err: cleanErr(err)}
	}
	var extracting atomic.Bool // the document is ingested: a failure now is the extraction's
	r, err := underDeadline(ctx, func() (*extract.Report, error) {
		doc, err := ingestSum(ctx, in, name, data, sum)
		if err != nil {
			return nil, err
		}
		extracting.Store(true)
		return p.extract(ctx, doc)
	}, func(v any) error {
		if extracting.Load() {
			return extractPanic(v)
		}
		return ingestPanic(v)
	})
	if err != nil {
		if extracting.Load() {
			return nil, &DocError{Source: name, Stage: "extract", Err: cleanErr(p.extractErr(err))}
		}
		return nil, &DocError{Source: name, Stage: "ingest", Err: cleanErr(p.ingestErr(err))}
	}
	if !p.AcceptNonReports && !looksLikeReport(r) {
		return nil, &DocError{Source: name, Stage: "extract",
			Err: fmt.Errorf("no header (issuer, số/ký hiệu, date, type) and no numbered sections: %w", ErrNotAReport)}
	}
	return r, nil
}

// Ingest runs the ingester of format on data under the pipeline's timeout.
func (p *Pipeline) Ingest(ctx context.Context, format extract.Format, name string, data []byte) (doc *extract.Document, err error) {
	in, err := p.ingester(format)
	if err != nil {
		return nil, err
	}
	if p.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.Timeout)
		defer cancel()
	}
	doc, err = underDeadline(ctx, func() (*extract.Document, error) { return in.Ingest(ctx, name, data) }, ingestPanic)
	return doc, p.ingestErr(err)
}

// ingestSum hands sum to an ingester that takes it, and calls Ingest
// otherwise.
func ingestSum(ctx context.Context, in Ingester, name string, data []byte, sum string) (*extract.Document, error) {
	if s, ok := in.(SumIngester); ok && sum != "" {
		return s.IngestSum(ctx, name, data, sum)
	}
	return in.Ingest(ctx, name, data)
}

func (p *Pipeline) ingester(format extract.Format) (Ingester, error) {
	in, ok := p.Ingesters[format]
	if !ok {
		return nil, fmt.Errorf("no ingester for %s: %w", format, ErrUnsupportedFormat)
	}
	return in, nil
}

// underDeadline runs work on a goroutine of its own and answers at ctx's
// end if work has not (ctx.Err()): an in-process parser that ignores ctx
// keeps running, and the worker process isolation (Worker) is what really
// stops it. A panic in work is the error crashed makes of its value.
func underDeadline[T any](ctx context.Context, work func() (T, error), crashed func(v any) error) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		growStack()
		defer func() {
			if v := recover(); v != nil {
				done <- result{err: crashed(v)}
			}
		}()
		v, err := work()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// growStack makes the new goroutine's stack as large as parsing and
// extracting a report need, in one step while it is shallow: a goroutine
// starts with a small stack, and growing it doubling by doubling under
// the deep frames of the parsers copies and adjusts every frame each time
// (runtime.newstack was about 3 % of BenchmarkFileToReport's CPU time,
// and is gone from its profile with this).
//
//go:noinline
func growStack() {
	var room [stackRoom]byte
	keep(room[:])
}

// stackRoom is the frame growStack asks for: the runtime then gives the
// goroutine a 32 KB stack, more than a Markdown or text file's Process
// reaches; a deeper one still grows as before.
const stackRoom = 16 << 10

// keep uses its argument where the compiler cannot see it, so that
// growStack's frame is not optimised away.
//
//go:noinline
func keep([]byte) {}

func ingestPanic(v any) error {
	return fmt.Errorf("%v: %w\n%s", v, ErrCrashed, firstLines(debug.Stack(), 12))
}

func extractPanic(v any) error {
	return fmt.Errorf("extraction panicked: %v: %w", v, ErrCrashed)
}

// ingestErr and extractErr say a deadline met in their stage as a
// timeout.
func (p *Pipeline) ingestErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("after %s: %w", p.Timeout, ErrTimeout)
	}
	return err
}

func (p *Pipeline) extractErr(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("extraction after %s: %w", p.Timeout, ErrTimeout)
	}
	return err
}

// extract runs the extractor and the checks on its report; the extraction
// stops at its next stage once ctx ends.
func (p *Pipeline) extract(ctx context.Context, doc *extract.Document) (*extract.Report, error) {
	r, err := p.Extractor.ExtractContext(ctx, doc)
	if err == nil {
		err = p.checkFacts(r)
	}
	if err == nil && p.Checker != nil {
		r.Findings = p.Checker.Check(r)
	}
	return r, err
}

// checkFacts refuses a report over MaxFacts.
func (p *Pipeline) checkFacts(r *extract.Report) error {
	limit := config.Limit(p.MaxFacts, config.Default().Ingest.MaxFacts)
	n := len(r.Footnotes) + len(r.Citations) + len(r.Counts) + len(r.Diagnostics)
	var walk func([]*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			n++
			walk(s.Children)
		}
	}
	walk(r.Sections)
	if n > limit {
		return fmt.Errorf("%d facts (sections, footnotes, citations, counts, diagnostics), limit %d: %w", n, limit, ErrTooLarge)
	}
	return nil
}

// LimitText refuses (ErrTooLarge) a document whose text is over max bytes,
// before any rule reads it; 0 means no limit. Wrapped around the ingesters
// a worker process runs, it also keeps a huge text from being sent to the
// parent at all.
func LimitText(in Ingester, max int) Ingester {
	if max <= 0 {
		return in
	}
	return textLimit{in, max}
}

type textLimit struct {
	in  Ingester
	max int
}

// Available forwards the wrapped ingester's answer (see Accepts), so an
// upload it cannot read is refused at once.
func (t textLimit) Available() error {
	if a, ok := t.in.(interface{ Available() error }); ok {
		return a.Available()
	}
	return nil
}

func (t textLimit) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	return t.IngestSum(ctx, name, data, "")
}

// IngestSum forwards sum to the wrapped ingester when it takes one.
func (t textLimit) IngestSum(ctx context.Context, name string, data []byte, sum string) (*extract.Document, error) {
	doc, err := ingestSum(ctx, t.in, name, data, sum)
	if err == nil && len(doc.Text) > t.max {
		return nil, fmt.Errorf("%d bytes of text, limit %d: %w", len(doc.Text), t.max, ErrTooLarge)
	}
	return doc, err
}

// looksLikeReport: a report has a header the extractor recognised (an
// issuer, a số/ký hiệu, a date, a document type or a province) or a
// numbered section structure. A note or a stray text file has neither.
func looksLikeReport(r *extract.Report) bool {
	m := r.Meta
	return m.Issuer != "" || m.Number != "" || m.Date != "" || m.DocType != "" || m.Province != "" || len(r.Sections) > 0
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// Detail is the part of a failure message (Event.Error, Entry.Error) that
// says more than its reason word: without the stage ("ingest: ") and the
// reason's own words ("…: encrypted"), so a summary that shows the reason
// does not repeat it. "" when nothing is left.
func Detail(msg string) string {
	for _, stage := range []string{"sniff: ", "ingest: ", "extract: "} {
		msg = strings.TrimPrefix(msg, stage)
	}
	for _, e := range []error{ErrUnsupportedFormat, ErrEncrypted, ErrNoText, ErrTooLarge, ErrMalformed,
		ErrTruncated, ErrLegacyEncoding, ErrTimeout, ErrCrashed, ErrNotAReport, context.DeadlineExceeded} {
		msg = strings.TrimSuffix(msg, ": "+e.Error())
		if msg == e.Error() {
			return ""
		}
	}
	return strings.TrimSpace(msg)
}

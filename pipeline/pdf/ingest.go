// Package pdf ingests PDF reports into extract.Documents.
//
// It builds on the low-level primitives of github.com/ledongthuc/pdf
// (Interpret, Value, Font.Encoder) rather than its text helpers, which lose or
// reorder words of Vietnamese LibreOffice PDFs (shared/libraries.md §0): a
// walker interprets the text-showing operators into positioned glyphs, and a
// layout pass rebuilds lines, columns, paragraphs, tables and footnotes.
//
// The library has no cycle checks and panics on malformed objects, so every
// call into it runs under recover, and the page tree, outline and xref chain
// are walked here with visited sets before the library could loop on them.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"time"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/legacy"
)

// Options bound what the Ingester accepts.
type Options struct {
	// MaxFileSize is the largest file accepted, in bytes (0: the default,
	// config.Limit).
	MaxFileSize int64
	// MaxPages is the largest page count accepted (0: the default).
	MaxPages int
	// Passwords are tried, in order, on files that need a user password.
	Passwords []string
	// OCR reads pages that are scans (an image and no text layer, or only
	// a stamp's worth); nil leaves them without text.
	OCR OCR
	// OCRMaxPages caps the pages of one document read by OCR (0: the default).
	OCRMaxPages int
	// OCRBudget bounds the OCR of one document (0: only ctx), so that a
	// worker child finishes with what it has before its parent's deadline.
	OCRBudget time.Duration
	// OCRUnavailable says why OCR is nil ("OCR is off (ingest.ocr)", or
	// what to install), for the no-text reason.
	OCRUnavailable string
}

// DefaultOptions returns limits suited to provincial reports: real ones are
// a few dozen pages and well under a few MB.
func DefaultOptions() Options {
	d := config.Default().Ingest
	return Options{MaxFileSize: d.MaxFileSize, MaxPages: d.MaxPages, OCRMaxPages: d.OCRMaxPages}
}

// Ingester turns PDF files into Documents. It is safe for concurrent use.
type Ingester struct {
	opts   Options
	legacy *legacy.Converter
	err    error // the legacy tables did not load (a build defect)
}

// New returns an Ingester with the given limits.
func New(opts Options) *Ingester {
	d := DefaultOptions()
	opts.MaxFileSize = config.Limit(opts.MaxFileSize, d.MaxFileSize)
	opts.MaxPages = config.Limit(opts.MaxPages, d.MaxPages)
	opts.OCRMaxPages = config.Limit(opts.OCRMaxPages, d.OCRMaxPages)
	conv, err := legacy.New()
	return &Ingester{opts: opts, legacy: conv, err: err}
}

// Ingest extracts the text of a PDF. Failures wrap the pipeline sentinels
// (ErrEncrypted, ErrMalformed, ErrTruncated, ErrNoText, ErrLegacyEncoding,
// ErrTooLarge) with the reason.
func (in *Ingester) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	if in.opts.MaxFileSize > 0 && int64(len(data)) > in.opts.MaxFileSize {
		return nil, fmt.Errorf("pdf %s: %d bytes exceeds the limit of %d: %w", name, len(data), in.opts.MaxFileSize, pipeline.ErrTooLarge)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in.err != nil {
		return nil, in.err
	}
	orig := data
	data, err := repair(data)
	if err != nil {
		return nil, fmt.Errorf("pdf %s: %w", name, err)
	}
	r, err := in.open(data)
	if err != nil {
		return nil, fmt.Errorf("pdf %s: %w", name, err)
	}
	pages, err := pageTree(r, in.opts.MaxPages)
	if err != nil {
		return nil, fmt.Errorf("pdf %s: %w", name, err)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("pdf %s: the page tree has no pages: %w", name, pipeline.ErrNoText)
	}
	w := newWalker()
	var contents []*pageContent
	var diags []extract.Diagnostic
	failed := 0
	for i, p := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pc, err := w.page(p)
		if err != nil {
			failed++
			diags = append(diags, extract.NewDiagnostic("pdf.page", extract.SeverityWarning,
				"page %s unreadable: %s", strconv.Itoa(i+1), err.Error()))
			pc = &pageContent{}
		}
		pc.number = i + 1
		contents = append(contents, pc)
	}
	if failed == len(pages) {
		if f := standardFilter(diags[0].Message); f != "" {
			return nil, fmt.Errorf("pdf %s: its content uses the standard filter /%s, which the PDF library does not implement: %w", name, f, pipeline.ErrUnsupportedFormat)
		}
		return nil, fmt.Errorf("pdf %s: no page could be read (%s): %w", name, diags[0].Message, pipeline.ErrMalformed)
	}
	if scanned := scannedPages(contents); len(scanned) > 0 && in.opts.OCR != nil {
		diags = append(diags, in.ocrPages(ctx, orig, contents, scanned)...)
	}
	legacyDiag, converted := convertLegacy(in.legacy, contents)
	if err := textQuality(contents, in.ocrNote()); err != nil {
		return nil, fmt.Errorf("pdf %s: %w", name, err)
	}
	outline := readOutline(r)
	bd := extract.NewBuilder(extract.Source{Path: name, Format: extract.FormatPDF, SHA256: extract.HashBytes(orig)})
	for _, d := range diags {
		bd.Diagnose(d)
	}
	if converted {
		bd.Diagnose(legacyDiag)
	}
	layoutDocument(bd, contents, outline)
	return bd.Document(), nil
}

// repair fixes two harmless deviations the library rejects outright (a
// "%PDF-2.x" header and bytes after the last %%EOF) and classifies files
// that are not PDFs or were cut short.
func repair(data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-")); i < 0 {
			return nil, fmt.Errorf("not a PDF (no %%PDF- header): %w", pipeline.ErrMalformed)
		}
		// Offsets in such files count from the start of the file; the
		// library cannot rebase them, so leave it to report the xref.
	}
	eof := bytes.LastIndex(data, []byte("%%EOF"))
	if eof < 0 {
		return nil, fmt.Errorf("no %%%%EOF marker, the file is cut short: %w", pipeline.ErrTruncated)
	}
	end := eof + len("%%EOF")
	fixed := data
	if tail := bytes.TrimRight(data[end:], "\r\n\t \x00"); len(tail) > 0 || len(data) > 8 && data[5] == '2' {
		fixed = append([]byte(nil), data[:end]...)
		fixed = append(fixed, '\n')
		if len(fixed) > 8 && fixed[5] == '2' && fixed[6] == '.' {
			// The library only accepts 1.0–1.7; PDF 2.0 syntax is the same
			// for everything the walker reads.
			fixed[5], fixed[7] = '1', '7'
		}
	}
	if len(fixed) > 8 && fixed[8] != '\n' && fixed[8] != '\r' && bytes.HasPrefix(fixed, []byte("%PDF-1.")) {
		// "%PDF-1.4 %âãÏÓ" on one line: the library wants a line break.
		return nil, fmt.Errorf("header line %q not followed by a line break: %w", fixed[:8], pipeline.ErrMalformed)
	}
	if err := checkSizes(fixed); err != nil {
		return nil, err
	}
	if err := checkPrevChain(fixed); err != nil {
		return nil, err
	}
	return fixed, nil
}

// open opens the file, trying configured passwords, and classifies failures.
func (in *Ingester) open(data []byte) (r *lpdf.Reader, err error) {
	enc := encryption(data)
	if enc.present {
		if reason := enc.unsupported(); reason != "" {
			return nil, fmt.Errorf("%s: %w", reason, pipeline.ErrEncrypted)
		}
	}
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("library panic while opening: %v: %w", x, pipeline.ErrMalformed)
		}
	}()
	r, err = lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, lpdf.ErrInvalidPassword) && len(in.opts.Passwords) > 0 {
		i := 0
		r, err = lpdf.NewReaderEncrypted(bytes.NewReader(data), int64(len(data)), func() string {
			if i >= len(in.opts.Passwords) {
				return ""
			}
			i++
			return in.opts.Passwords[i-1]
		})
		if errors.Is(err, lpdf.ErrInvalidPassword) {
			return nil, fmt.Errorf("%s: none of the %d configured passwords opens it: %w", enc.describe(), len(in.opts.Passwords), pipeline.ErrEncrypted)
		}
	}
	switch {
	case errors.Is(err, lpdf.ErrInvalidPassword):
		return nil, fmt.Errorf("%s: a user password is required: %w", enc.describe(), pipeline.ErrEncrypted)
	case err != nil && enc.present:
		return nil, fmt.Errorf("%s: %v: %w", enc.describe(), err, pipeline.ErrEncrypted)
	case err != nil:
		return nil, fmt.Errorf("%v: %w", err, pipeline.ErrMalformed)
	}
	return r, nil
}

// reUnknownFilter finds the filter the PDF library gave up on.
var reUnknownFilter = regexp.MustCompile(`(?:unknown|unsupported) filter /?(\w+)`)

// standardFilter returns the filter named in a page's error when it is one
// of the PDF standard's (ISO 32000-1 §7.4): such a file is valid, only
// beyond the library (unsupported); any other name is a damaged file.
func standardFilter(msg string) string {
	m := reUnknownFilter.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	switch m[1] {
	case "ASCIIHexDecode", "ASCII85Decode", "LZWDecode", "FlateDecode", "RunLengthDecode",
		"CCITTFaxDecode", "JBIG2Decode", "DCTDecode", "JPXDecode", "Crypt":
		return m[1]
	}
	return ""
}

// Package docx ingests Word (OOXML) reports into an extract.Document.
//
// word/document.xml is opened with github.com/nguyenthenguyen/docx (the
// project's mandated DOCX library); since that library only hands back the
// raw XML, styles, numbering, footnotes and endnotes are read with
// archive/zip and every part is streamed with encoding/xml.
//
// What the ingester produces, and why:
//   - one Block per paragraph, in reading order; paragraphs of a text box
//     follow the paragraph that anchors it (taken once: the DrawingML choice
//     of mc:AlternateContent, never also its VML fallback);
//   - Kind heading when the paragraph's outline level or style (resolved by
//     style name and basedOn chain, not by style id, which Word localises) is
//     a heading; Bold when every visible run is bold, because clerks type
//     headings as bold paragraphs;
//   - automatic numbers are recomputed from numbering.xml, counted per
//     abstract numbering (LibreOffice splits one list over two numIds) with
//     startOverride honoured on a num's first use, and prefixed to the text
//     ("I. CÔNG TÁC…", "1. …", "a) …") the way the Markdown form of a report
//     carries them; bulleted paragraphs become list items without the bullet,
//     as "- item" does in Markdown;
//   - one table_row block per top-level table row, cells joined by " | ";
//     nested tables and text boxes inside a cell are flattened into the cell;
//   - footnotes and endnotes: extract.Marker(n) where the reference stands,
//     n counted in order of first reference, footnotes 1..k and then
//     endnotes k+1…; one footnote block per referenced note after all body
//     blocks, in number order;
//   - a document without real notes may carry hand-made ones: superscript
//     digits glued to a word become markers, and a paragraph that starts with
//     superscript digits already used as a marker becomes that footnote
//     (units such as m2, km3 are left alone);
//   - headers, footers, comments and deleted text are never body text;
//   - runs set in TCVN3/VNI fonts (.VnTime, .VnTimeH, VNI-Times…) are
//     converted to Unicode run by run (a diagnostic says so); a body that
//     still reads like their mojibake, in a Unicode font, is refused with
//     pipeline.ErrLegacyEncoding.
package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	lib "github.com/nguyenthenguyen/docx"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/legacy"
)

// Options bounds what one file may cost. Zero fields take the defaults.
type Options struct {
	// MaxFileSize is the largest .docx accepted, in bytes.
	MaxFileSize int64
	// MaxUncompressed caps the declared uncompressed size of all the XML
	// parts that get inflated (document, styles, numbering, notes, and the
	// headers/footers and relationships the DOCX library reads), in bytes.
	MaxUncompressed int64
	// MaxCompressionRatio rejects a part larger than 1 MiB whose
	// uncompressed/compressed ratio exceeds it: the shape of a zip bomb.
	MaxCompressionRatio float64
}

// DefaultOptions returns limits that let every realistic report through:
// a report is a few hundred KiB, scanned attachments a few MiB.
func DefaultOptions() Options {
	d := config.Default().Ingest
	return Options{
		MaxFileSize:         d.MaxFileSize,
		MaxUncompressed:     d.MaxUncompressed,
		MaxCompressionRatio: d.MaxCompressionRatio,
	}
}

// ratioFloor is the part size below which the ratio is not checked: small
// repetitive XML parts legitimately compress very well.
const ratioFloor = 1 << 20

// Ingester reads DOCX files. It is safe for concurrent use.
type Ingester struct {
	opts   Options
	legacy *legacy.Converter
	err    error // the legacy tables did not load (a build defect)
}

// New returns an Ingester with opts; zero fields take DefaultOptions.
func New(opts Options) *Ingester {
	def := DefaultOptions()
	opts.MaxFileSize = config.Limit(opts.MaxFileSize, def.MaxFileSize)
	opts.MaxUncompressed = config.Limit(opts.MaxUncompressed, def.MaxUncompressed)
	opts.MaxCompressionRatio = config.Limit(opts.MaxCompressionRatio, def.MaxCompressionRatio)
	conv, err := legacy.New()
	return &Ingester{opts: opts, legacy: conv, err: err}
}

// cfbMagic starts every OLE compound file: legacy .doc, and OOXML that
// Office encrypted with a password (the package then sits in an
// "EncryptedPackage" stream next to "EncryptionInfo").
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// encryptionInfo is the stream name "EncryptionInfo" as it appears in a
// compound file directory (UTF-16LE).
var encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")

// Ingest turns the bytes of one .docx into a Document. Errors wrap the
// pipeline sentinels; a panic inside a parser becomes ErrMalformed.
func (in *Ingester) Ingest(ctx context.Context, name string, data []byte) (doc *extract.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc = nil
			err = fmt.Errorf("docx %s: parser panicked (%v): %w", name, r, pipeline.ErrMalformed)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, ctxErr(name, err)
	}
	if in.err != nil {
		return nil, in.err
	}
	if int64(len(data)) > in.opts.MaxFileSize {
		return nil, fmt.Errorf("docx %s: %d bytes exceeds the %d-byte limit: %w", name, len(data), in.opts.MaxFileSize, pipeline.ErrTooLarge)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("docx %s: empty file: %w", name, pipeline.ErrTruncated)
	}
	if bytes.HasPrefix(data, cfbMagic) {
		if bytes.Contains(data, encryptionInfo) {
			return nil, fmt.Errorf("docx %s: password-protected Office document (OLE EncryptionInfo): %w", name, pipeline.ErrEncrypted)
		}
		return nil, fmt.Errorf("docx %s: OLE compound file (legacy Word .doc?), not OOXML: %w", name, pipeline.ErrUnsupportedFormat)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && zr == nil {
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			return nil, fmt.Errorf("docx %s: zip central directory missing (%v): %w", name, err, pipeline.ErrTruncated)
		}
		return nil, fmt.Errorf("docx %s: not a zip archive (%v): %w", name, err, pipeline.ErrMalformed)
	}
	a := &archive{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		a.files[f.Name] = f
	}
	if err := in.checkSizes(zr.File); err != nil {
		return nil, fmt.Errorf("docx %s: %w", name, err)
	}

	// The mandated library reads document.xml (and, unbounded, the
	// rels/header/footer parts: checkSizes has vetted them; archive/zip
	// refuses to inflate past a part's declared size, so a lying header
	// cannot make it read more).
	rd, err := lib.ReadDocxFromMemory(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("docx %s: open: %w", name, partErr(err))
	}
	content := rd.Editable().GetContent()

	parts := a.partNames(in.opts.MaxUncompressed)
	st := &styleSheet{byID: map[string]*style{}}
	if b, err := a.read(parts.styles, in.opts.MaxUncompressed); err != nil {
		return nil, fmt.Errorf("docx %s: %s: %w", name, parts.styles, err)
	} else if b != nil {
		if st, err = parseStyles(ctx, b); err != nil {
			return nil, fmt.Errorf("docx %s: %s: %w", name, parts.styles, xmlErr(err))
		}
	}
	nb := &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*num{}}
	if b, err := a.read(parts.numbering, in.opts.MaxUncompressed); err != nil {
		return nil, fmt.Errorf("docx %s: %s: %w", name, parts.numbering, err)
	} else if b != nil {
		if nb, err = parseNumbering(ctx, b); err != nil {
			return nil, fmt.Errorf("docx %s: %s: %w", name, parts.numbering, xmlErr(err))
		}
	}
	nb.link(st)

	lr := &legacyRuns{conv: in.legacy, chars: map[legacyKey]int{}}
	notes := [2]map[string]string{}
	for k, part := range [2]string{parts.footnotes, parts.endnotes} {
		b, err := a.read(part, in.opts.MaxUncompressed)
		if err != nil {
			return nil, fmt.Errorf("docx %s: %s: %w", name, part, err)
		}
		if b == nil {
			continue
		}
		w := newWalker(ctx, bytes.NewReader(b), st, nb, lr)
		w.inNotes = true
		if notes[k], err = w.notes(); err != nil {
			return nil, fmt.Errorf("docx %s: %s: %w", name, part, xmlErr(err))
		}
	}

	w := newWalker(ctx, strings.NewReader(content), st, nb, lr)
	// Hand-made footnote marks are only believed when the file has no
	// real notes: otherwise superscript digits are exponents or ordinals.
	w.manual = len(notes[0]) == 0 && len(notes[1]) == 0
	if err := w.body(); err != nil {
		return nil, fmt.Errorf("docx %s: word/document.xml: %w", name, xmlErr(err))
	}
	lr.settle(w.out)

	bd := extract.NewBuilder(extract.Source{Path: name, Format: extract.FormatDOCX, SHA256: extract.HashBytes(data)})
	numbers, order := w.numberNotes()
	bbs := make([]extract.Block, len(w.out))
	texts := make([]string, len(w.out))
	for i, p := range w.out {
		bbs[i], texts[i] = p.block, w.markers(p.text, numbers)
	}
	// Neither real nor superscript notes: they may be typed as text after
	// the body ("[1] Kế hoạch số …"), marked "[1]" in it.
	bd.AddBody(bbs, texts, w.manual && len(w.manualNotes) == 0)
	for _, o := range order {
		bd.Add(extract.Block{Kind: extract.BlockFootnote, Footnote: o.number}, notes[o.ref.kind][o.ref.id])
	}
	for _, p := range w.manualNotes {
		bd.Add(p.block, p.text)
	}
	doc = bd.Document()
	if len(doc.Blocks) == 0 {
		return nil, fmt.Errorf("docx %s: document has no text (scanned pages or images only?): %w", name, pipeline.ErrNoText)
	}
	if err := legacyEncoding(doc.Text); err != nil {
		return nil, fmt.Errorf("docx %s: %w", name, err)
	}
	if d, ok := lr.diagnostic(); ok {
		doc.Diagnostics = append(doc.Diagnostics, d)
	}
	return doc, nil
}

// inflated reports whether a zip entry gets inflated, by us or by the DOCX
// library (which reads every entry whose name contains "header" or
// "footer", whatever it is).
func inflated(name string) bool {
	if strings.Contains(name, "header") || strings.Contains(name, "footer") {
		return true
	}
	switch {
	case name == "word/_rels/document.xml.rels", name == "word/document.xml":
		return true
	case strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml"):
		return true // styles, numbering, notes, possibly under other names
	}
	return false
}

// checkSizes vets the declared sizes of every part that will be inflated
// before anything is inflated.
func (in *Ingester) checkSizes(files []*zip.File) error {
	var total uint64
	for _, f := range files {
		if !inflated(f.Name) {
			continue
		}
		u := f.UncompressedSize64
		if u > uint64(in.opts.MaxUncompressed) {
			return fmt.Errorf("part %s declares %d bytes uncompressed, limit %d: %w", f.Name, u, in.opts.MaxUncompressed, pipeline.ErrTooLarge)
		}
		total += u
		if total > uint64(in.opts.MaxUncompressed) {
			return fmt.Errorf("parts declare more than %d bytes uncompressed: %w", in.opts.MaxUncompressed, pipeline.ErrTooLarge)
		}
		if u > ratioFloor && f.Method != zip.Store {
			c := f.CompressedSize64
			if c == 0 || float64(u)/float64(c) > in.opts.MaxCompressionRatio {
				return fmt.Errorf("part %s compresses %d bytes into %d (ratio above %.0f, zip bomb?): %w", f.Name, u, c, in.opts.MaxCompressionRatio, pipeline.ErrTooLarge)
			}
		}
	}
	return nil
}

// archive reads the parts the DOCX library does not expose.
type archive struct {
	files map[string]*zip.File
}

// read inflates one part, never more than limit bytes whatever the zip
// declares. A missing part gives nil, nil.
func (a *archive) read(name string, limit int64) ([]byte, error) {
	f := a.files[name]
	if f == nil || name == "" {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, partErr(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, partErr(err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("inflates beyond %d bytes: %w", limit, pipeline.ErrTooLarge)
	}
	return b, nil
}

// parts names the secondary parts of the main document.
type parts struct {
	styles, numbering, footnotes, endnotes string
}

// partNames resolves the secondary parts through the main document's
// relationships (some producers name them differently), falling back to
// Word's names.
func (a *archive) partNames(limit int64) parts {
	p := parts{
		styles:    "word/styles.xml",
		numbering: "word/numbering.xml",
		footnotes: "word/footnotes.xml",
		endnotes:  "word/endnotes.xml",
	}
	b, err := a.read("word/_rels/document.xml.rels", limit)
	if err != nil || b == nil {
		return p
	}
	for _, r := range parseRels(b) {
		target := r.target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(path.Clean(target), "/")
		} else {
			target = path.Join("word", target)
		}
		if a.files[target] == nil {
			continue
		}
		switch {
		case strings.HasSuffix(r.typ, "/styles"):
			p.styles = target
		case strings.HasSuffix(r.typ, "/numbering"):
			p.numbering = target
		case strings.HasSuffix(r.typ, "/footnotes"):
			p.footnotes = target
		case strings.HasSuffix(r.typ, "/endnotes"):
			p.endnotes = target
		}
	}
	return p
}

// partErr maps an error from inflating a part to a pipeline reason.
func partErr(err error) error {
	var ce flate.CorruptInputError
	switch {
	case errors.Is(err, pipeline.ErrTooLarge):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("%v: %w", err, pipeline.ErrTruncated)
	case errors.As(err, &ce), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrAlgorithm):
		return fmt.Errorf("%v: %w", err, pipeline.ErrMalformed)
	}
	return fmt.Errorf("%v: %w", err, pipeline.ErrMalformed)
}

// xmlErr maps an error from parsing a part to a pipeline reason.
func xmlErr(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %w", pipeline.ErrTimeout, err)
	case errors.Is(err, context.Canceled),
		errors.Is(err, pipeline.ErrMalformed), errors.Is(err, pipeline.ErrTruncated),
		errors.Is(err, pipeline.ErrTooLarge):
		return err
	}
	return fmt.Errorf("%v: %w", err, pipeline.ErrMalformed)
}

func ctxErr(name string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("docx %s: %w: %w", name, pipeline.ErrTimeout, err)
	}
	return fmt.Errorf("docx %s: %w", name, err)
}

// Package plaintext ingests Markdown and plain-text reports: the form users
// receive from web portals and converters (`#` headings, `<sup>n</sup>`
// markers, `[^n]` footnotes) and bare text whose headings are ordinary lines
// and whose footnotes are trailing "1 Quyết định …" lines.
package plaintext

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/baocao/baocao/config"
	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/legacy"
)

// Options limit what the ingester accepts.
type Options struct {
	// MaxFileSize is the largest file accepted, in bytes.
	MaxFileSize int64
}

// DefaultOptions are the limits used when none are configured.
func DefaultOptions() Options { return Options{MaxFileSize: config.Default().Ingest.MaxFileSize} }

// Ingester reads Markdown and plain text. It is safe for concurrent use.
type Ingester struct {
	opts     Options
	markdown bool
	legacy   *legacy.Converter
	tableErr error // the legacy tables failed to load (a build defect)
}

// New returns an ingester for Markdown (markdown true) or plain text.
func New(opts Options, markdown bool) *Ingester {
	opts.MaxFileSize = config.Limit(opts.MaxFileSize, DefaultOptions().MaxFileSize)
	conv, err := legacy.New()
	return &Ingester{opts: opts, markdown: markdown, legacy: conv, tableErr: err}
}

// Ingest decodes data (UTF-8 with or without BOM, UTF-16 with BOM, any line
// ends), converts TCVN3/VNI text to Unicode (refusing it only when neither
// table turns it into Vietnamese), and builds the Document.
func (in *Ingester) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	return in.IngestSum(ctx, name, data, "")
}

// IngestSum is Ingest with the SHA-256 of data known to the caller (sum,
// hex; "" when not): a batch has hashed the file already
// (pipeline.SumIngester).
func (in *Ingester) IngestSum(ctx context.Context, name string, data []byte, sum string) (*extract.Document, error) {
	if int64(len(data)) > in.opts.MaxFileSize {
		return nil, fmt.Errorf("%d bytes, limit %d: %w", len(data), in.opts.MaxFileSize, pipeline.ErrTooLarge)
	}
	if looksEBCDIC(data) {
		return nil, fmt.Errorf("text in EBCDIC (IBM mainframe code page such as cp500), not UTF-8, UTF-16, TCVN3 or VNI; convert it to Unicode first: %w", pipeline.ErrUnsupportedFormat)
	}
	text, normal, err := decode(data)
	if err != nil {
		return nil, err
	}
	var converted *extract.Diagnostic
	if enc, sample := legacy.Detect(text); enc != "" {
		if in.tableErr != nil {
			return nil, in.tableErr
		}
		fixed, from, ok := in.repair(enc, text)
		if !ok {
			if mostlyNonASCII(text) {
				// Not Vietnamese in a legacy font: TCVN3 and VNI keep
				// the base letters in ASCII, while a code page of another
				// script (cp866 Russian, cp1253 Greek) has nearly every
				// letter above it.
				return nil, fmt.Errorf("text in an 8-bit code page of another script, not UTF-8, UTF-16, TCVN3 or VNI (%q); convert it to Unicode first: %w", sample, pipeline.ErrUnsupportedFormat)
			}
			return nil, fmt.Errorf("text looks %s-encoded (%q) but does not convert to Vietnamese with confidence; convert it to Unicode first: %w", enc, sample, pipeline.ErrLegacyEncoding)
		}
		text, normal = fixed, extract.IsNormal(fixed)
		d := extract.NewDiagnostic("text.legacy_converted", extract.SeverityInfo,
			"the text was in the %s encoding («%s») and was converted to Unicode", string(from), sample)
		converted = &d
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	format := extract.FormatText
	if in.markdown {
		format = extract.FormatMarkdown
	}
	if sum == "" {
		sum = extract.HashBytes(data)
	}
	src := extract.Source{Path: name, Format: format, SHA256: sum}
	// NFC before any measuring: line lengths and patterns are in runes.
	if !normal {
		text = extract.NFC(text)
		// A decomposed text is normal once composed: then the Builder
		// may trust its blocks (look-alikes still keep it from that).
		normal = extract.IsNormal(text)
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	lines := strings.Split(text, "\n")
	b := extract.NewBuilder(src)
	if normal {
		// Every block is cut from the text, with ASCII and Markers
		// added: the Builder need not check its characters again.
		b.Normal()
	}
	b.Grow(len(text))
	if converted != nil {
		b.Diagnose(*converted)
	}
	typed := extract.TypedNotesPossible(text)
	if in.markdown {
		buildMarkdown(b, lines, typed)
	} else {
		buildText(b, lines, typed)
	}
	doc := b.Document()
	if strings.TrimSpace(doc.Text) == "" {
		return nil, fmt.Errorf("no text: %w", pipeline.ErrNoText)
	}
	return doc, nil
}

// repair converts legacy text with the detected encoding's table, or with
// the other one when the detector's guess does not give Vietnamese.
func (in *Ingester) repair(guess legacy.Encoding, text string) (string, legacy.Encoding, bool) {
	other := legacy.VNI
	if guess == legacy.VNI {
		other = legacy.TCVN3
	}
	for _, enc := range []legacy.Encoding{guess, other} {
		if out, ok := in.legacy.Repair(enc, text); ok {
			return out, enc, true
		}
	}
	return "", "", false
}

// Decode turns file bytes into a string: UTF-16 (with BOM) and UTF-8 (BOM
// dropped); bytes that are not UTF-8 are read as Windows-1252, which is how
// legacy TCVN3/VNI files then show their tell-tale characters.
func Decode(data []byte) (string, error) {
	text, _, err := decode(data)
	return text, err
}

// decode is Decode, also telling whether the text is extract.IsNormal. On
// UTF-8 that test comes first: it holds only for valid UTF-8, so most
// files take one pass over their bytes instead of utf8.Valid and then it.
func decode(data []byte) (text string, normal bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		be := data[0] == 0xFE
		data = data[2:]
		if len(data)%2 == 1 {
			return "", false, fmt.Errorf("UTF-16 text with an odd number of bytes: %w", pipeline.ErrTruncated)
		}
		text = decodeUTF16(data, be)
		return text, extract.IsNormal(text), nil
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", false, fmt.Errorf("binary data (NUL bytes) in a text file: %w", pipeline.ErrUnsupportedFormat)
	}
	text = string(data)
	k := extract.NormalPrefix(text)
	if k == len(text) {
		return text, true, nil
	}
	if utf8.ValidString(text[k:]) { // the normal prefix is valid UTF-8
		return text, false, nil
	}
	var sb strings.Builder
	for _, c := range data {
		if c < 0x80 {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(cp1252(c))
		}
	}
	text = sb.String()
	return text, extract.IsNormal(text), nil
}

// decodeUTF16 is string(utf16.Decode(the code units of data)), written
// straight into a byte buffer: an unpaired surrogate becomes U+FFFD there
// too. The ASCII units, most of a report, are appended without encoding.
func decodeUTF16(data []byte, be bool) string {
	unit := func(i int) rune {
		if be {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i+1])<<8 | rune(data[i])
	}
	buf := make([]byte, 0, len(data)/2*3) // three UTF-8 bytes at most per unit
	for i := 0; i+1 < len(data); i += 2 {
		r := unit(i)
		if r < utf8.RuneSelf {
			buf = append(buf, byte(r))
			continue
		}
		if utf16.IsSurrogate(r) {
			if r < 0xDC00 && i+3 < len(data) {
				if r2 := unit(i + 2); 0xDC00 <= r2 && r2 < 0xE000 {
					buf = utf8.AppendRune(buf, utf16.DecodeRune(r, r2))
					i += 2
					continue
				}
			}
			r = utf8.RuneError
		}
		buf = utf8.AppendRune(buf, r)
	}
	return string(buf)
}

func cp1252(c byte) rune {
	// 0x80–0x9F differ from Latin-1; the rest is Latin-1.
	table := [32]rune{'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
		0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ'}
	if c >= 0x80 && c < 0xA0 {
		return table[c-0x80]
	}
	return rune(c)
}

type footnote struct {
	number int
	text   string
}

// buildMarkdown reads Markdown lines; typed tells that the text may hold
// notes typed "[1] …" after the body (extract.TypedNotesPossible).
func buildMarkdown(b *extract.Builder, lines []string, typed bool) {
	// A block per line at most: sized up front, the Builder's slice is
	// not copied as it grows.
	blocksMax := 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			blocksMax++
		}
	}
	b.GrowBlocks(blocksMax)
	labels := map[string]int{}
	var notes []footnote
	// With typed notes possible, blocks wait until the end: the notes are
	// known only there.
	var blocks []extract.Block
	var texts []string
	add := b.Add
	if typed {
		add = func(k extract.Block, text string) {
			blocks, texts = append(blocks, k), append(texts, text)
		}
	}
	var para []string
	flush := func() {
		if len(para) > 0 {
			add(extract.Block{Kind: extract.BlockParagraph}, cleanInline(strings.Join(para, " "), labels))
			para = para[:0] // its lines are joined: the slice serves the next paragraph
		}
	}
	inFence := false
	// A grid table row spans the lines between two +---+ borders; its
	// cells are read column by column.
	var grid []string
	inGrid := false
	flushGrid := func() {
		if len(grid) > 0 {
			add(extract.Block{Kind: extract.BlockTableRow}, gridRow(grid, labels))
			grid = nil
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trim := strings.TrimSpace(line)
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			flush()
			inFence = !inFence
			continue
		}
		// Each pattern below runs only on lines starting the way it needs:
		// most lines are prose and are classified by their first byte.
		if inGrid && !strings.HasPrefix(trim, "|") && !isGridBorder(trim, line) {
			flushGrid()
			inGrid = false
		}
		var label, defText, supText string
		var isDef, isSup bool
		var supN int
		if strings.HasPrefix(trim, "[^") {
			label, defText, isDef = mdDef(line)
		} else if strings.HasPrefix(trim, "<sup>") {
			supN, supText, isSup = supLine(line)
		}
		switch {
		case inFence:
			if trim != "" {
				add(extract.Block{Kind: extract.BlockParagraph}, trim)
			}
		case trim == "":
			flush()
		case isDef:
			flush()
			// Indented continuation lines belong to the definition.
			for i+1 < len(lines) && reIndentedDef.MatchString(lines[i+1]) {
				i++
				defText += " " + strings.TrimSpace(lines[i])
			}
			notes = append(notes, footnote{footnoteNumber(label, labels), cleanInline(defText, labels)})
		case isSup && (i == 0 || strings.TrimSpace(lines[i-1]) == "" || isSupLine(lines[i-1])):
			flush()
			notes = append(notes, footnote{supN, cleanInline(supText, labels)})
		case trim[0] == '#' && isHeading(line):
			flush()
			level, text, _ := heading(line)
			add(extract.Block{Kind: extract.BlockHeading, Level: level}, cleanInline(text, labels))
		case isGridBorder(trim, line):
			flush()
			flushGrid()
			inGrid = true
		case inGrid && strings.HasPrefix(trim, "|"):
			grid = append(grid, trim)
		case isTableSep(trim, line):
			flush()
		case strings.HasPrefix(trim, "|") || (strings.Count(trim, "|") >= 2 && !strings.HasPrefix(trim, "-")):
			flush()
			add(extract.Block{Kind: extract.BlockTableRow}, tableRow(trim, labels))
		case strings.IndexByte("-*_=~", trim[0]) >= 0 && isHRule(line):
			flush()
		case isBullet(line):
			flush()
			add(extract.Block{Kind: extract.BlockListItem}, cleanInline(bullet(line), labels))
		case strings.HasPrefix(trim, ">"):
			para = append(para, strings.TrimSpace(strings.TrimLeft(trim, "> ")))
		default:
			para = append(para, trim)
			// A line ending in two spaces or a backslash is a hard break.
			if strings.HasSuffix(line, "  ") || strings.HasSuffix(trim, "\\") {
				if strings.HasSuffix(trim, "\\") {
					para[len(para)-1] = strings.TrimSuffix(trim, "\\")
				}
				flush()
			}
		}
	}
	flush()
	flushGrid()
	b.AddBody(blocks, texts, typed && len(notes) == 0)
	addFootnotes(b, notes)
}

func addFootnotes(b *extract.Builder, notes []footnote) {
	for _, n := range notes {
		b.Add(extract.Block{Kind: extract.BlockFootnote, Footnote: n.number}, n.text)
	}
}

// mostlyNonASCII reports whether more than half the letters of text are
// outside ASCII (looked at in its first 64 KB).
func mostlyNonASCII(text string) bool {
	ascii, other := 0, 0
	for _, r := range text[:min(len(text), 64<<10)] {
		switch {
		case r < utf8.RuneSelf && unicode.IsLetter(r):
			ascii++
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			other++
		}
	}
	return other > ascii
}

// looksEBCDIC tells text in an EBCDIC code page (cp500, cp037): a text of
// any length has spaces or line ends, which EBCDIC writes as 0x40 ("@")
// and 0x25 or 0x15, never as 0x20 or "\n".
func looksEBCDIC(data []byte) bool {
	if len(data) < 64 || bytes.IndexByte(data, ' ') >= 0 || bytes.IndexByte(data, '\n') >= 0 {
		return false
	}
	return bytes.Count(data, []byte{0x40}) >= len(data)/20
}

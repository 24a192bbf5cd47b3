// Package plaintext ingests Markdown and plain-text reports: the form users
// receive from web portals and converters (`#` headings, `<sup>n</sup>`
// markers, `[^n]` footnotes) and bare text whose headings are ordinary lines
// and whose footnotes are trailing "1 Quyết định …" lines.
package plaintext

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

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
func DefaultOptions() Options { return Options{MaxFileSize: 20 << 20} }

// Ingester reads Markdown and plain text. It is safe for concurrent use.
type Ingester struct {
	opts     Options
	markdown bool
	legacy   *legacy.Converter
	tableErr error // the legacy tables failed to load (a build defect)
}

// New returns an ingester for Markdown (markdown true) or plain text.
func New(opts Options, markdown bool) *Ingester {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultOptions().MaxFileSize
	}
	conv, err := legacy.New()
	return &Ingester{opts: opts, markdown: markdown, legacy: conv, tableErr: err}
}

// Ingest decodes data (UTF-8 with or without BOM, UTF-16 with BOM, any line
// ends), converts TCVN3/VNI text to Unicode (refusing it only when neither
// table turns it into Vietnamese), and builds the Document.
func (in *Ingester) Ingest(ctx context.Context, name string, data []byte) (*extract.Document, error) {
	if int64(len(data)) > in.opts.MaxFileSize {
		return nil, fmt.Errorf("%d bytes, limit %d: %w", len(data), in.opts.MaxFileSize, pipeline.ErrTooLarge)
	}
	text, err := Decode(data)
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
			return nil, fmt.Errorf("text looks %s-encoded (%q) but does not convert to Vietnamese with confidence; convert it to Unicode first: %w", enc, sample, pipeline.ErrLegacyEncoding)
		}
		text = fixed
		converted = &extract.Diagnostic{Code: "text.legacy_converted", Severity: extract.SeverityInfo,
			Message: fmt.Sprintf("the text was in the %s encoding (%q) and was converted to Unicode", from, sample)}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	format := extract.FormatText
	if in.markdown {
		format = extract.FormatMarkdown
	}
	src := extract.Source{Path: name, Format: format, SHA256: extract.HashBytes(data)}
	// NFC before any measuring: line lengths and patterns are in runes.
	text = norm.NFC.String(text)
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	b := extract.NewBuilder(src)
	if converted != nil {
		b.Diagnose(*converted)
	}
	if in.markdown {
		buildMarkdown(b, lines)
	} else {
		buildText(b, lines)
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
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		be := data[0] == 0xFE
		data = data[2:]
		if len(data)%2 == 1 {
			return "", fmt.Errorf("UTF-16 text with an odd number of bytes: %w", pipeline.ErrTruncated)
		}
		u := make([]uint16, len(data)/2)
		for i := range u {
			if be {
				u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
			} else {
				u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
			}
		}
		return string(utf16.Decode(u)), nil
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", fmt.Errorf("binary data (NUL bytes) in a text file: %w", pipeline.ErrUnsupportedFormat)
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	var sb strings.Builder
	for _, c := range data {
		if c < 0x80 {
			sb.WriteByte(c)
		} else {
			sb.WriteRune(cp1252(c))
		}
	}
	return sb.String(), nil
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

var (
	reMDHeading   = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	reSupMarker   = regexp.MustCompile(`<sup>\s*(\d{1,3})\s*</sup>`)
	reSupLine     = regexp.MustCompile(`^\s*<sup>\s*(\d{1,3})\s*</sup>\s*(.*)$`)
	reMDRef       = regexp.MustCompile(`\[\^([^\]\s]+)\]`)
	reMDDef       = regexp.MustCompile(`^\s{0,3}\[\^([^\]\s]+)\]:\s*(.*)$`)
	reBullet      = regexp.MustCompile(`^\s*[-+*•]\s+(.*)$`)
	reTableSep    = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	reGridBorder  = regexp.MustCompile(`^\s*\+[-=:+]+\+\s*$`) // pandoc grid tables: +----+----+
	reHRule       = regexp.MustCompile(`^\s*([-*_=~])(\s*([-*_=~])){2,}\s*$`)
	reHTMLBreak   = regexp.MustCompile(`(?i)<br\s*/?>`)
	reHTMLTag     = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	reEmphasis    = regexp.MustCompile(`\*\*|__|(^|[\s(])[*_]([^\s*_])|([^\s*_])[*_]([\s).,;:]|$)`)
	reLink        = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	reEscape      = regexp.MustCompile(`\\([\\\x60*_{}\[\]()#+\-.!|])`)
	reIndentedDef = regexp.MustCompile(`^(\s{2,}|\t)(\S.*)$`)
)

// cleanInline removes Markdown/HTML inline syntax, keeping the text and
// turning footnote references into extract.Marker placeholders.
func cleanInline(s string, labels map[string]int) string {
	s = reSupMarker.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(reSupMarker.FindStringSubmatch(m)[1])
		labels[strconv.Itoa(n)] = n // so a named [^label] does not take this number
		return extract.Marker(n)
	})
	s = reMDRef.ReplaceAllStringFunc(s, func(m string) string {
		return extract.Marker(footnoteNumber(reMDRef.FindStringSubmatch(m)[1], labels))
	})
	s = reLink.ReplaceAllString(s, "$1")
	s = reHTMLBreak.ReplaceAllString(s, " ")
	s = reHTMLTag.ReplaceAllString(s, "")
	s = reEmphasis.ReplaceAllString(s, "$1$2$3$4")
	s = strings.ReplaceAll(s, "`", "")
	s = reEscape.ReplaceAllString(s, "$1")
	return strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// footnoteNumber maps a Markdown footnote label to its number: numeric
// labels keep their number, others are numbered in order of appearance.
func footnoteNumber(lbl string, labels map[string]int) int {
	if n, ok := labels[lbl]; ok {
		return n
	}
	n, err := strconv.Atoi(lbl)
	if err != nil || n <= 0 {
		n = len(labels) + 1
		for taken(labels, n) {
			n++
		}
	}
	labels[lbl] = n
	return n
}

func taken(labels map[string]int, n int) bool {
	for _, v := range labels {
		if v == n {
			return true
		}
	}
	return false
}

type footnote struct {
	number int
	text   string
}

func buildMarkdown(b *extract.Builder, lines []string) {
	labels := map[string]int{}
	var notes []footnote
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.Add(extract.Block{Kind: extract.BlockParagraph}, cleanInline(strings.Join(para, " "), labels))
			para = nil
		}
	}
	inFence := false
	// A grid table row spans the lines between two +---+ borders; its
	// cells are read column by column.
	var grid []string
	inGrid := false
	flushGrid := func() {
		if len(grid) > 0 {
			b.Add(extract.Block{Kind: extract.BlockTableRow}, gridRow(grid, labels))
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
		if inGrid && !strings.HasPrefix(trim, "|") && !reGridBorder.MatchString(line) {
			flushGrid()
			inGrid = false
		}
		switch {
		case inFence:
			if trim != "" {
				b.Add(extract.Block{Kind: extract.BlockParagraph}, trim)
			}
		case trim == "":
			flush()
		case reMDDef.MatchString(line):
			flush()
			m := reMDDef.FindStringSubmatch(line)
			text := m[2]
			// Indented continuation lines belong to the definition.
			for i+1 < len(lines) && reIndentedDef.MatchString(lines[i+1]) {
				i++
				text += " " + strings.TrimSpace(lines[i])
			}
			notes = append(notes, footnote{footnoteNumber(m[1], labels), cleanInline(text, labels)})
		case reSupLine.MatchString(line) && (i == 0 || strings.TrimSpace(lines[i-1]) == "" || reSupLine.MatchString(lines[i-1])):
			flush()
			m := reSupLine.FindStringSubmatch(line)
			n, _ := strconv.Atoi(m[1])
			notes = append(notes, footnote{n, cleanInline(m[2], labels)})
		case reMDHeading.MatchString(line):
			flush()
			m := reMDHeading.FindStringSubmatch(line)
			b.Add(extract.Block{Kind: extract.BlockHeading, Level: len(m[1])}, cleanInline(m[2], labels))
		case reGridBorder.MatchString(line):
			flush()
			flushGrid()
			inGrid = true
		case inGrid && strings.HasPrefix(trim, "|"):
			grid = append(grid, trim)
		case reTableSep.MatchString(line) && strings.Contains(line, "|"):
			flush()
		case strings.HasPrefix(trim, "|") || (strings.Count(trim, "|") >= 2 && !strings.HasPrefix(trim, "-")):
			flush()
			b.Add(extract.Block{Kind: extract.BlockTableRow}, tableRow(trim, labels))
		case reHRule.MatchString(line):
			flush()
		case reBullet.MatchString(line):
			flush()
			b.Add(extract.Block{Kind: extract.BlockListItem}, cleanInline(reBullet.FindStringSubmatch(line)[1], labels))
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
	addFootnotes(b, notes)
}

// gridRow joins the lines of one grid-table row cell by cell.
func gridRow(lines []string, labels map[string]int) string {
	var cells []string
	for _, l := range lines {
		parts := strings.Split(strings.Trim(l, "|"), "|")
		for i, p := range parts {
			if i >= len(cells) {
				cells = append(cells, "")
			}
			if p = strings.TrimSpace(p); p != "" {
				cells[i] = strings.TrimSpace(cells[i] + " " + p)
			}
		}
	}
	return tableRow("| "+strings.Join(cells, " | ")+" |", labels)
}

// tableRow turns "| a | b |" into "a | b", cell by cell.
func tableRow(line string, labels map[string]int) string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	cells := strings.Split(line, "|")
	out := cells[:0]
	for _, c := range cells {
		if c = strings.TrimSpace(cleanInline(c, labels)); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, " | ")
}

func addFootnotes(b *extract.Builder, notes []footnote) {
	for _, n := range notes {
		b.Add(extract.Block{Kind: extract.BlockFootnote, Footnote: n.number}, n.text)
	}
}

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
	src := extract.Source{Path: name, Format: format, SHA256: extract.HashBytes(data)}
	// NFC before any measuring: line lengths and patterns are in runes.
	if !normal {
		text = extract.NFC(text)
	}
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
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
	if extract.IsNormal(text) {
		return text, true, nil
	}
	if utf8.ValidString(text) {
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
// straight into the string: an unpaired surrogate becomes U+FFFD there too.
func decodeUTF16(data []byte, be bool) string {
	unit := func(i int) rune {
		if be {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i+1])<<8 | rune(data[i])
	}
	var sb strings.Builder
	sb.Grow(len(data) / 2 * 3) // three UTF-8 bytes at most per unit
	for i := 0; i+1 < len(data); i += 2 {
		r := unit(i)
		if utf16.IsSurrogate(r) {
			if r < 0xDC00 && i+3 < len(data) {
				if r2 := unit(i + 2); 0xDC00 <= r2 && r2 < 0xE000 {
					sb.WriteRune(utf16.DecodeRune(r, r2))
					i += 2
					continue
				}
			}
			r = utf8.RuneError
		}
		sb.WriteRune(r)
	}
	return sb.String()
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
	reSupMarker   = regexp.MustCompile(`<sup>\s*(\d{1,3})\s*</sup>`)
	reSupLine     = regexp.MustCompile(`^\s*<sup>\s*(\d{1,3})\s*</sup>\s*(.*)$`)
	reMDRef       = regexp.MustCompile(`\[\^([^\]\s]+)\]`)
	reMDDef       = regexp.MustCompile(`^\s{0,3}\[\^([^\]\s]+)\]:\s*(.*)$`)
	reTableSep    = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	reGridBorder  = regexp.MustCompile(`^\s*\+[-=:+]+\+\s*$`) // pandoc grid tables: +----+----+
	reHRule       = regexp.MustCompile(`^\s*([-*_=~])(\s*([-*_=~])){2,}\s*$`)
	reHTMLBreak   = regexp.MustCompile(`(?i)<br\s*/?>`)
	reHTMLTag     = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	reLink        = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	reEscape      = regexp.MustCompile(`\\([\\\x60*_{}\[\]()#+\-.!|])`)
	reIndentedDef = regexp.MustCompile(`^(\s{2,}|\t)(\S.*)$`)
)

// htmlEntities are the entities converters leave in Markdown; built once
// (a strings.Replacer is safe for concurrent use).
var htmlEntities = strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")

// cleanInline removes Markdown/HTML inline syntax, keeping the text and
// turning footnote references into extract.Marker placeholders. Each step
// runs only when the text has the character it needs, so plain prose (most
// of a report) passes through in one scan per step.
func cleanInline(s string, labels map[string]int) string {
	if strings.Contains(s, "<sup>") {
		s = reSupMarker.ReplaceAllStringFunc(s, func(m string) string {
			n, _ := strconv.Atoi(reSupMarker.FindStringSubmatch(m)[1])
			labels[strconv.Itoa(n)] = n // so a named [^label] does not take this number
			return extract.Marker(n)
		})
	}
	if strings.Contains(s, "[^") {
		s = reMDRef.ReplaceAllStringFunc(s, func(m string) string {
			return extract.Marker(footnoteNumber(reMDRef.FindStringSubmatch(m)[1], labels))
		})
	}
	if strings.Contains(s, "](") {
		s = reLink.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = reHTMLBreak.ReplaceAllString(s, " ")
		s = reHTMLTag.ReplaceAllString(s, "")
	}
	s = stripEmphasis(s)
	if strings.IndexByte(s, '`') >= 0 {
		s = strings.ReplaceAll(s, "`", "")
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = reEscape.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = htmlEntities.Replace(s)
	}
	return s
}

// stripEmphasis removes emphasis marks: "**" and "__" anywhere, and a
// single "*" or "_" that opens a word (at the start or after a space or
// "(", before a character that is neither space nor mark) or closes one
// (after such a character, before a space, ")", ".", ",", ";", ":" or the
// end). It scans once, left to right, each match consuming the characters
// around its mark, exactly as the regular expression
// `\*\*|__|(^|[\s(])[*_]([^\s*_])|([^\s*_])[*_]([\s).,;:]|$)` replaced by
// its groups would, without that expression's backtracking at every
// position.
func stripEmphasis(s string) string {
	if strings.IndexByte(s, '*') < 0 && strings.IndexByte(s, '_') < 0 {
		return s
	}
	isMark := func(c byte) bool { return c == '*' || c == '_' }
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
	// word reports whether a character that is neither space nor mark
	// starts at i, and its length.
	word := func(i int) (int, bool) {
		if i >= len(s) || isSpace(s[i]) || isMark(s[i]) {
			return 0, false
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		return n, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		// "***bold italics***" (a run-in heading "***a) …:***") first, or
		// a stray third mark would stay.
		if i+2 < len(s) && (c == '*' && s[i+1] == '*' && s[i+2] == '*' || c == '_' && s[i+1] == '_' && s[i+2] == '_') {
			i += 3
			continue
		}
		if i+1 < len(s) && (c == '*' && s[i+1] == '*' || c == '_' && s[i+1] == '_') {
			i += 2
			continue
		}
		// An opening mark at the very start.
		if i == 0 && isMark(c) {
			if n, ok := word(1); ok {
				b.WriteString(s[1 : 1+n])
				i = 1 + n
				continue
			}
		}
		// An opening mark after a space or "(".
		if (isSpace(c) || c == '(') && i+1 < len(s) && isMark(s[i+1]) {
			if n, ok := word(i + 2); ok {
				b.WriteByte(c)
				b.WriteString(s[i+2 : i+2+n])
				i += 2 + n
				continue
			}
		}
		// A closing mark after a word character.
		if n, ok := word(i); ok {
			j := i + n
			if j < len(s) && isMark(s[j]) {
				if j+1 == len(s) {
					b.WriteString(s[i:j])
					i = j + 1
					continue
				}
				if d := s[j+1]; isSpace(d) || strings.IndexByte(").,;:", d) >= 0 {
					b.WriteString(s[i:j])
					b.WriteByte(d)
					i = j + 2
					continue
				}
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
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

// buildMarkdown reads Markdown lines; typed tells that the text may hold
// notes typed "[1] …" after the body (extract.TypedNotesPossible).
func buildMarkdown(b *extract.Builder, lines []string, typed bool) {
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
		switch {
		case inFence:
			if trim != "" {
				add(extract.Block{Kind: extract.BlockParagraph}, trim)
			}
		case trim == "":
			flush()
		case strings.HasPrefix(trim, "[^") && reMDDef.MatchString(line):
			flush()
			m := reMDDef.FindStringSubmatch(line)
			text := m[2]
			// Indented continuation lines belong to the definition.
			for i+1 < len(lines) && reIndentedDef.MatchString(lines[i+1]) {
				i++
				text += " " + strings.TrimSpace(lines[i])
			}
			notes = append(notes, footnote{footnoteNumber(m[1], labels), cleanInline(text, labels)})
		case strings.HasPrefix(trim, "<sup>") && reSupLine.MatchString(line) && (i == 0 || strings.TrimSpace(lines[i-1]) == "" || reSupLine.MatchString(lines[i-1])):
			flush()
			m := reSupLine.FindStringSubmatch(line)
			n, _ := strconv.Atoi(m[1])
			notes = append(notes, footnote{n, cleanInline(m[2], labels)})
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
		case strings.IndexByte(trim, '|') >= 0 && strings.IndexByte(trim, '-') >= 0 && reTableSep.MatchString(line):
			flush()
		case strings.HasPrefix(trim, "|") || (strings.Count(trim, "|") >= 2 && !strings.HasPrefix(trim, "-")):
			flush()
			add(extract.Block{Kind: extract.BlockTableRow}, tableRow(trim, labels))
		case strings.IndexByte("-*_=~", trim[0]) >= 0 && reHRule.MatchString(line):
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

// reSpace is what \s means in a regexp: the ASCII spaces.
const reSpace = " \t\n\f\r"

func isReSpace(c byte) bool { return strings.IndexByte(reSpace, c) >= 0 }

// heading parses an ATX heading line (one line, no newline): up to three
// spaces, one to six "#", at least one space, the text, and optionally
// closing "#"s — what `^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$` matches, without
// its backtracking over the line.
func heading(line string) (level int, text string, ok bool) {
	i := 0
	for i < len(line) && i < 3 && isReSpace(line[i]) {
		i++
	}
	h := i
	for i < len(line) && line[i] == '#' {
		i++
	}
	level = i - h
	if level < 1 || level > 6 || i == len(line) || !isReSpace(line[i]) {
		return 0, "", false
	}
	text = strings.TrimLeft(line[i:], reSpace)
	text = strings.TrimRight(text, reSpace)
	text = strings.TrimRight(text, "#")
	text = strings.TrimRight(text, reSpace)
	return level, text, true
}

func isHeading(line string) bool {
	_, _, ok := heading(line)
	return ok
}

// bullet returns the text of a list item line ("- x", "* x", "+ x",
// "• x"; `^\s*[-+*•]\s+(.*)$`), or "" with isBullet false.
func bullet(line string) string {
	t := strings.TrimLeft(line, reSpace)
	var rest string
	switch {
	case t == "":
		return ""
	case t[0] == '-' || t[0] == '+' || t[0] == '*':
		rest = t[1:]
	case strings.HasPrefix(t, "•"):
		rest = t[len("•"):]
	default:
		return ""
	}
	if rest == "" || !isReSpace(rest[0]) {
		return ""
	}
	return strings.TrimLeft(rest, reSpace)
}

func isBullet(line string) bool {
	t := strings.TrimLeft(line, reSpace)
	if t == "" || strings.IndexByte("-+*", t[0]) < 0 && !strings.HasPrefix(t, "•") {
		return false
	}
	rest := t[1:]
	if t[0] != '-' && t[0] != '+' && t[0] != '*' {
		rest = t[len("•"):]
	}
	return rest != "" && isReSpace(rest[0])
}

// isGridBorder reports whether line (trim without its spaces) is the
// border of a pandoc grid table.
func isGridBorder(trim, line string) bool {
	return strings.HasPrefix(trim, "+") && reGridBorder.MatchString(line)
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

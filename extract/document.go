package extract

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Format names the kind of file a Document came from.
type Format string

// Formats the ingesters produce.
const (
	FormatMarkdown Format = "markdown"
	FormatText     Format = "text"
	FormatDOCX     Format = "docx"
	FormatPDF      Format = "pdf"
	// Word 97–2003, RTF and OpenDocument text: converted to DOCX by
	// LibreOffice, then read as DOCX (pipeline/convert).
	FormatDOC Format = "doc"
	FormatRTF Format = "rtf"
	FormatODT Format = "odt"
	// A JPEG or PNG photo or scan of a page: read by OCR as a one-page
	// scanned PDF (pipeline/pdf.ImageIngester).
	FormatImage Format = "image"
)

// Source identifies the file a Document or Report came from.
type Source struct {
	Path   string `json:"path"`
	Format Format `json:"format"`
	SHA256 string `json:"sha256"`
}

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether off lies inside the span.
func (s Span) Contains(off int) bool { return off >= s.Start && off < s.End }

// BlockKind says what a Block is. Ingesters set it from what the format knows
// for sure; extraction rules still decide headings from the text itself.
type BlockKind string

// Block kinds.
const (
	// BlockParagraph is an ordinary body paragraph (or line of plain text).
	BlockParagraph BlockKind = "paragraph"
	// BlockHeading is a paragraph the format marks as a heading
	// (Markdown '#', DOCX heading style or outline level, PDF outline).
	BlockHeading BlockKind = "heading"
	// BlockTableRow is one row of a table, cells separated by " | ".
	BlockTableRow BlockKind = "table_row"
	// BlockListItem is a bulleted list item ("-", "+", "•").
	BlockListItem BlockKind = "list_item"
	// BlockFootnote is the text of one footnote or endnote; Block.Footnote
	// holds its number.
	BlockFootnote BlockKind = "footnote"
)

// Block is one paragraph-sized unit of a Document. Blocks never overlap and
// appear in Text in reading order, separated by a single "\n".
type Block struct {
	Kind BlockKind `json:"kind"`
	Span Span      `json:"span"`
	// Level is the heading level the format gives (1 = top), 0 when unknown.
	Level int `json:"level,omitempty"`
	// Bold is true when the whole paragraph is set in bold: a heading hint
	// for DOCX and PDF, where clerks type headings as bold paragraphs.
	Bold bool `json:"bold,omitempty"`
	// Footnote is the footnote number of a BlockFootnote.
	Footnote int `json:"footnote,omitempty"`
	// Page is the 1-based page of a paginated source, 0 when unknown.
	Page int `json:"page,omitempty"`
}

// FootnoteRef is a footnote marker found in the body. The marker itself is
// not part of Document.Text; Offset is where it stood.
type FootnoteRef struct {
	Number int `json:"number"`
	Offset int `json:"offset"`
}

// Document is what an ingester makes of a file: normalised text (NFC,
// canonical look-alikes, see Normalize) and its block structure.
// Build one with a Builder.
type Document struct {
	Source      Source        `json:"source"`
	Text        string        `json:"text"`
	Blocks      []Block       `json:"blocks"`
	Refs        []FootnoteRef `json:"refs"`
	Diagnostics []Diagnostic  `json:"diagnostics"`
}

// Slice returns the text a span covers, or "" when the span is out of range.
func (d *Document) Slice(s Span) string {
	if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
		return ""
	}
	return d.Text[s.Start:s.End]
}

// BlockText returns the text of block i.
func (d *Document) BlockText(i int) string { return d.Slice(d.Blocks[i].Span) }

// Marker returns the placeholder an ingester writes into paragraph text
// where a footnote reference mark stands. Builder.Add removes it and records
// a FootnoteRef, so every format reports markers the same way.
func Marker(number int) string {
	return markerOpen + strconv.Itoa(number) + markerClose
}

// Private-use code points: they never occur in report text.
const (
	markerOpen  = "\uE000"
	markerClose = "\uE001"
)

// Builder assembles a Document block by block, normalising each block's
// text and turning Marker placeholders into FootnoteRefs.
type Builder struct {
	doc    Document
	sb     strings.Builder
	normal bool // see Normal
}

// NewBuilder starts a Document for src.
func NewBuilder(src Source) *Builder {
	return &Builder{doc: Document{Source: src}}
}

// Add appends one block. Text is normalised; line breaks inside it become
// spaces (a block is one line of Document.Text). Empty blocks are dropped.
// The Span of b is filled in by Add.
func (bd *Builder) Add(b Block, text string) {
	marks := true // text may hold a Marker (looked for below)
	if bd.normal {
		var one bool
		if one, marks = isOneLine(text); !one {
			text, marks = oneLine(text), true
		}
	} else if !isOneNormalLine(text) {
		text = oneLine(text)
	}
	line, refs := text, []FootnoteRef(nil)
	if marks && strings.Contains(text, markerOpen) {
		line, refs = takeMarkers(text)
	}
	lead := len(line) - len(strings.TrimLeft(line, " "))
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return
	}
	if bd.sb.Len() > 0 {
		bd.sb.WriteByte('\n')
	}
	start := bd.sb.Len()
	bd.sb.WriteString(trimmed)
	b.Span = Span{Start: start, End: bd.sb.Len()}
	for _, r := range refs {
		off := r.Offset - lead
		if off < 0 {
			off = 0
		}
		if off > len(trimmed) {
			off = len(trimmed)
		}
		bd.doc.Refs = append(bd.doc.Refs, FootnoteRef{Number: r.Number, Offset: start + off})
	}
	bd.doc.Blocks = append(bd.doc.Blocks, b)
}

// oneLine is what Add makes of a text that is not one normal line:
// normalised, a hyphen broken at a line end mended, line breaks and tabs
// made spaces and runs of spaces collapsed.
func oneLine(text string) string {
	text = Normalize(text)
	text = mendBrokenHyphens(text)
	text = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' || r == '\v' || r == '\f' {
			return ' '
		}
		return r
	}, text)
	return collapseSpaces(text)
}

// Normal tells the Builder that every text added from now on is made of
// the characters of a text IsNormal held for, and of ASCII and Markers:
// an ingester that checked its whole text once. IsNormal holds for each
// character alone, so such a text is normal too, and Add checks only its
// line breaks and spaces instead of every character again.
func (bd *Builder) Normal() { bd.normal = true }

// Grow makes room for n more bytes of text: an ingester that knows about
// how long the document is saves the copies of a growing buffer.
func (bd *Builder) Grow(n int) { bd.sb.Grow(n) }

// GrowBlocks makes room for n more blocks, as Grow does for the text.
func (bd *Builder) GrowBlocks(n int) { bd.doc.Blocks = slices.Grow(bd.doc.Blocks, n) }

// Diagnose records a problem found while ingesting.
func (bd *Builder) Diagnose(d Diagnostic) {
	bd.doc.Diagnostics = append(bd.doc.Diagnostics, d)
}

// Len is the length of the text built so far.
func (bd *Builder) Len() int { return bd.sb.Len() }

// Document returns the finished Document.
func (bd *Builder) Document() *Document {
	d := bd.doc
	d.Text = bd.sb.String()
	if d.Blocks == nil {
		d.Blocks = []Block{}
	}
	if d.Refs == nil {
		d.Refs = []FootnoteRef{}
	}
	if d.Diagnostics == nil {
		d.Diagnostics = []Diagnostic{}
	}
	return &d
}

// takeMarkers removes the Marker placeholders from text and records where
// each stood. Markers are taken before trimming so offsets stay right.
func takeMarkers(text string) (string, []FootnoteRef) {
	var out strings.Builder
	out.Grow(len(text)) // the text without its markers: one buffer
	var refs []FootnoteRef
	for {
		i := strings.Index(text, markerOpen)
		if i < 0 {
			out.WriteString(text)
			break
		}
		j := strings.Index(text[i:], markerClose)
		if j < 0 {
			out.WriteString(strings.ReplaceAll(text, markerOpen, ""))
			break
		}
		out.WriteString(text[:i])
		num := 0
		for _, c := range text[i+len(markerOpen) : i+j] {
			if c >= '0' && c <= '9' {
				num = num*10 + int(c-'0')
			}
		}
		refs = append(refs, FootnoteRef{Number: num, Offset: out.Len()})
		text = text[i+j+len(markerClose):]
	}
	return out.String(), refs
}

// isOneNormalLine reports, in one pass, that Add's normalising steps would
// leave text as it is: IsNormal, and no line break, tab or double space.
// Nearly every block is such a line.
func isOneNormalLine(s string) bool { return scanNormal(s, true) }

// isOneLine is isOneNormalLine for a text known to be IsNormal: no byte
// breaksLine. It reads eight bytes at a time, as it runs over every block
// of most documents: a line break or a tab is a byte below 0x20 (such a
// word is looked at byte by byte), a double space two space bytes side by
// side (FuzzNormalize compares it with breaksLine). In the same pass it
// tells whether s may hold a Marker (marks: s has the lead byte EE of the
// private-use characters U+E000…U+EFFF), so that Add need not read s
// again to look for one; marks is only meaningful when one is true.
func isOneLine(s string) (one, marks bool) {
	const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7F7F7F7F7F7F7F7F
	i := 0
	prevSpace := false // the byte before s[i] is a space
	var ee uint64      // 0x80 in a byte where some word had EE
	for ; i+8 <= len(s); i += 8 {
		x := le64(s, i)
		if (x-0x20*ones)&^x&highs != 0 {
			break
		}
		y := x ^ 0x20*ones
		spaces := ^((y&lows + lows) | y | lows) // 0x80 in each space byte
		if spaces&(spaces>>8) != 0 || prevSpace && spaces&0x80 != 0 {
			return false, false
		}
		prevSpace = spaces>>63 != 0
		z := x ^ 0xEE*ones
		ee |= ^((z&lows + lows) | z | lows)
	}
	if prevSpace && i < len(s) && s[i] == ' ' {
		return false, false
	}
	marks = ee != 0
	for ; i < len(s); i++ {
		if s[i] <= ' ' && breaksLine(s, i) {
			return false, false
		}
		marks = marks || s[i] == 0xEE
	}
	return true, marks
}

// mendBrokenHyphens joins a line broken right after a hyphen glued to a
// word or number ("421/QĐ-" / "UBND", "2021-" / "2030"): the break is the
// line's end, not a space. "Độc lập -" / "Tự do" keeps its space.
func mendBrokenHyphens(s string) string {
	if !strings.Contains(s, "-\n") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "-\n")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		b.WriteString(s[:i+1])
		s = s[i+2:]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			b.WriteByte('\n')
			continue
		}
		s = strings.TrimLeft(s, " \t")
	}
}

func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	prevSpace := false
	for _, r := range s {
		if r == ' ' {
			if prevSpace {
				continue
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

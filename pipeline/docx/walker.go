package docx

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
)

// maxNesting bounds paragraphs-in-text-boxes-in-tables recursion: real
// files nest a few levels, hostile ones could exhaust the stack.
const maxNesting = 64

// maxFields bounds the open-field stack (fields nest a few levels).
const maxFields = 256

// Placeholders for note references while the body is read: notes are
// numbered only once every reference is known (footnotes before
// endnotes). Private-use code points never occur in report text; any
// that do are removed from w:t text.
const (
	refOpen  = '\uE002'
	refClose = '\uE003'
)

// Note kinds, indexes into the notes arrays.
const (
	footnote = 0
	endnote  = 1
)

type noteRef struct {
	kind int
	id   string
}

// pending is a block waiting for its note numbers.
type pending struct {
	block extract.Block
	text  string
	alt   *altText // see legacyRuns.settle
}

// para collects one paragraph.
type para struct {
	text     strings.Builder
	style    string
	hasStyle bool
	outline  int // direct w:outlineLvl, -1 unset
	numID    string
	hasNumID bool
	ilvl     int
	hasIlvl  bool
	visible  int  // runs with visible text
	notBold  bool // a visible run is not bold
	noteMark int  // hand-made footnote mark opening the paragraph
	// plain are the pieces of text from runs whose font names no legacy
	// encoding, which may hold TCVN3/VNI codes all the same (see
	// legacyRuns.byContent).
	plain []plainRun
}

// run collects the properties of one w:r.
type run struct {
	bold     int8 // -1 unset
	super    int8 // -1 unset
	style    string
	font     string
	skipMark bool // customMarkFollows: the next w:t is the note's own mark
}

// walker streams one story (the body, or a notes part) out of its XML.
type walker struct {
	ctx    context.Context
	dec    *xml.Decoder
	st     *styleSheet
	cnt    *counters
	tokens int

	manual  bool // believe hand-made superscript footnote marks
	inNotes bool

	out         []pending
	boxQueue    []pending // text-box paragraphs waiting for their anchor block
	boxDepth    int
	cell        *strings.Builder // non-nil in a table cell or a note
	fields      []bool           // open fields: true while in the instruction
	fieldsLost  int              // fields opened beyond maxFields
	alt         []bool           // mc:AlternateContent: a branch was taken
	nesting     int
	sawRoot     bool
	refs        []noteRef
	manualSeen  map[int]bool
	manualNotes []pending
	// legacy converts the runs set in pre-Unicode Vietnamese fonts.
	legacy *legacyRuns
}

func newWalker(ctx context.Context, r io.Reader, st *styleSheet, nb *numbering, lr *legacyRuns) *walker {
	return &walker{ctx: ctx, dec: xml.NewDecoder(r), st: st, cnt: newCounters(nb), manualSeen: map[int]bool{}, legacy: lr}
}

func (w *walker) next() (xml.Token, error) {
	w.tokens++
	if w.tokens&1023 == 0 {
		if err := w.ctx.Err(); err != nil {
			return nil, err
		}
	}
	return w.dec.Token()
}

// handler consumes the subtree of se and reports true, or reports false to
// let walk descend into se transparently.
type handler func(se xml.StartElement) (bool, error)

// ignored subtrees: deleted and moved-away text, field instructions,
// content-control and revision properties, table/cell properties.
var ignored = map[string]bool{
	"del": true, "moveFrom": true, "delText": true, "delInstrText": true, "instrText": true,
	"sdtPr": true, "sdtEndPr": true, "rPrChange": true, "pPrChange": true, "sectPr": true,
	"tblPr": true, "tblGrid": true, "trPr": true, "tcPr": true, "tblPrEx": true,
	"commentRangeStart": true, "commentRangeEnd": true, "commentReference": true,
}

// walk reads until the end of the current element, handing every child
// start element to h. Elements h leaves alone are transparent: their
// children are handed to h in turn (w:ins, w:hyperlink, w:sdtContent,
// w:smartTag, w:drawing…).
func (w *walker) walk(h handler) error {
	depth := 0
	for {
		tok, err := w.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			w.sawRoot = true
			local := t.Name.Local
			if ignored[local] && !isDrawingML(t) {
				if err := w.dec.Skip(); err != nil {
					return err
				}
				continue
			}
			switch local {
			case "Choice", "Fallback":
				// One branch of mc:AlternateContent only: text boxes
				// come in both a DrawingML and a VML form.
				if n := len(w.alt); n > 0 {
					if w.alt[n-1] {
						if err := w.dec.Skip(); err != nil {
							return err
						}
						continue
					}
					w.alt[n-1] = true
				}
			}
			done, err := h(t)
			if err != nil {
				return err
			}
			if !done {
				depth++
				if local == "AlternateContent" {
					w.alt = append(w.alt, false)
				}
			}
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
			if t.Name.Local == "AlternateContent" && len(w.alt) > 0 {
				w.alt = w.alt[:len(w.alt)-1]
			}
		}
	}
}

// isDrawingML tells DrawingML's own p/r/t (charts, shapes without a Word
// text box) from WordprocessingML's.
func isDrawingML(se xml.StartElement) bool {
	return strings.Contains(se.Name.Space, "drawingml")
}

func (w *walker) enter() error {
	w.nesting++
	if w.nesting > maxNesting {
		return fmt.Errorf("elements nested more than %d deep: %w", maxNesting, pipeline.ErrMalformed)
	}
	return nil
}

// blocks is the handler for block-level content.
func (w *walker) blocks(se xml.StartElement) (bool, error) {
	if isDrawingML(se) {
		return false, nil
	}
	switch se.Name.Local {
	case "p":
		return true, w.paragraph()
	case "tbl":
		return true, w.table()
	case "txbxContent":
		return true, w.textbox()
	}
	return false, nil
}

// body reads word/document.xml.
func (w *walker) body() error {
	err := w.walk(w.blocks)
	if err == io.EOF {
		err = nil
	}
	if err == nil && !w.sawRoot {
		return fmt.Errorf("no root element: %w", pipeline.ErrMalformed)
	}
	w.out = append(w.out, w.boxQueue...)
	return err
}

// notes reads footnotes.xml or endnotes.xml into text by note id; the
// separator notes Word keeps there are skipped.
func (w *walker) notes() (map[string]string, error) {
	res := map[string]string{}
	err := w.walk(func(se xml.StartElement) (bool, error) {
		switch se.Name.Local {
		case "footnote", "endnote":
			switch attr(se, "type") {
			case "separator", "continuationSeparator", "continuationNotice":
				return true, w.dec.Skip()
			}
			var sb strings.Builder
			w.cell = &sb
			err := w.walk(w.blocks)
			w.cell = nil
			res[attr(se, "id")] = sb.String()
			return true, err
		}
		return w.blocks(se)
	})
	if err == io.EOF {
		err = nil
	}
	return res, err
}

// emit appends a finished block; text-box blocks wait for their anchor.
func (w *walker) emit(p pending) {
	if w.boxDepth > 0 {
		w.boxQueue = append(w.boxQueue, p)
		return
	}
	w.out = append(w.out, p)
	if len(w.boxQueue) > 0 {
		w.out = append(w.out, w.boxQueue...)
		w.boxQueue = w.boxQueue[:0]
	}
}

// textbox reads w:txbxContent. Inside a table cell or a note its text
// joins the cell; elsewhere its paragraphs become blocks after the anchor.
func (w *walker) textbox() error {
	if err := w.enter(); err != nil {
		return err
	}
	defer func() { w.nesting-- }()
	if w.cell != nil {
		return w.walk(w.blocks)
	}
	w.boxDepth++
	defer func() { w.boxDepth-- }()
	return w.walk(w.blocks)
}

// table reads w:tbl: one block per row. A table inside a cell is
// flattened into that cell.
func (w *walker) table() error {
	if err := w.enter(); err != nil {
		return err
	}
	defer func() { w.nesting-- }()
	if w.cell != nil {
		return w.walk(w.blocks)
	}
	return w.walk(func(se xml.StartElement) (bool, error) {
		if se.Name.Local == "tr" && !isDrawingML(se) {
			return true, w.row()
		}
		return w.blocks(se)
	})
}

func (w *walker) row() error {
	var cells []string
	err := w.walk(func(se xml.StartElement) (bool, error) {
		if se.Name.Local != "tc" || isDrawingML(se) {
			return w.blocks(se)
		}
		var sb strings.Builder
		w.cell = &sb
		err := w.walk(w.blocks)
		w.cell = nil
		cells = append(cells, strings.TrimSpace(sb.String()))
		return true, err
	})
	if err != nil {
		return err
	}
	empty := true
	for _, c := range cells {
		if c != "" {
			empty = false
			break
		}
	}
	if !empty {
		w.emit(pending{block: extract.Block{Kind: extract.BlockTableRow}, text: strings.Join(cells, " | ")})
	}
	return nil
}

// paragraph reads w:p.
func (w *walker) paragraph() error {
	if err := w.enter(); err != nil {
		return err
	}
	defer func() { w.nesting-- }()
	p := &para{outline: -1}
	err := w.walk(func(se xml.StartElement) (bool, error) {
		if isDrawingML(se) {
			return false, nil
		}
		switch se.Name.Local {
		case "pPr":
			return true, w.pPr(p)
		case "r":
			return true, w.run(p)
		case "txbxContent":
			return true, w.textbox()
		case "tbl":
			return true, w.table()
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	// A field instruction never outlives its paragraph in practice; a
	// broken field (begin without separate or end) must not swallow the
	// rest of the document. The stack depth is kept so that a late
	// separate/end still pairs with its begin.
	for i := range w.fields {
		w.fields[i] = false
	}
	w.finish(p)
	return nil
}

// pPr reads the paragraph properties the ingester uses.
func (w *walker) pPr(p *para) error {
	return w.walk(func(se xml.StartElement) (bool, error) {
		switch se.Name.Local {
		case "pStyle":
			p.style, p.hasStyle = attr(se, "val"), true
		case "outlineLvl":
			p.outline = atoi(attr(se, "val"), -1, 9)
		case "numId":
			p.numID, p.hasNumID = attr(se, "val"), true
		case "ilvl":
			p.ilvl, p.hasIlvl = atoi(attr(se, "val"), 0, 8), true
		case "numPr":
			return false, nil
		}
		// Everything else (rPr of the paragraph mark, tabs, spacing…)
		// says nothing about text or structure.
		return true, w.dec.Skip()
	})
}

// inInstr reports whether text is a field instruction (between
// fldChar begin and separate), which Word does not show.
func (w *walker) inInstr() bool {
	for _, in := range w.fields {
		if in {
			return true
		}
	}
	return false
}

func (w *walker) field(typ string) {
	switch typ {
	case "begin":
		if len(w.fields) >= maxFields {
			w.fieldsLost++
			return
		}
		w.fields = append(w.fields, true)
	case "separate":
		if w.fieldsLost == 0 && len(w.fields) > 0 {
			w.fields[len(w.fields)-1] = false
		}
	case "end":
		if w.fieldsLost > 0 {
			w.fieldsLost--
		} else if len(w.fields) > 0 {
			w.fields = w.fields[:len(w.fields)-1]
		}
	}
}

// run reads w:r into p.
func (w *walker) run(p *para) error {
	r := run{bold: -1, super: -1}
	var sb strings.Builder
	visible := false
	err := w.walk(func(se xml.StartElement) (bool, error) {
		if isDrawingML(se) {
			return false, nil
		}
		switch se.Name.Local {
		case "rPr":
			return true, w.rPr(&r)
		case "t":
			s, err := w.text()
			if err != nil || w.inInstr() {
				return true, err
			}
			if r.skipMark {
				r.skipMark = false
				return true, nil
			}
			s = clean(s)
			if strings.TrimSpace(s) != "" {
				visible = true
			}
			sb.WriteString(s)
			return true, nil
		case "tab", "ptab":
			if !w.inInstr() {
				sb.WriteByte(' ')
			}
		case "br", "cr":
			// A line break kept inside a paragraph: the Builder makes it
			// a space, or mends a symbol broken after its hyphen.
			if !w.inInstr() {
				sb.WriteByte('\n')
			}
		case "noBreakHyphen":
			if !w.inInstr() {
				sb.WriteByte('-')
				visible = true
			}
		case "sym":
			if c, ok := symbol(attr(se, "char")); ok && !w.inInstr() {
				sb.WriteRune(c)
				visible = true
			}
		case "footnoteReference", "endnoteReference":
			if !w.inNotes && !w.inInstr() {
				kind := footnote
				if se.Name.Local == "endnoteReference" {
					kind = endnote
				}
				sb.WriteRune(refOpen)
				sb.WriteString(strconv.Itoa(len(w.refs)))
				sb.WriteRune(refClose)
				w.refs = append(w.refs, noteRef{kind: kind, id: attr(se, "id")})
			}
			r.skipMark = onOffVal(attr(se, "customMarkFollows"))
		case "fldChar":
			w.field(attr(se, "fldCharType"))
		case "txbxContent":
			return true, w.textbox()
		case "softHyphen", "footnoteRef", "endnoteRef", "separator", "continuationSeparator",
			"lastRenderedPageBreak", "annotationRef":
		default:
			return false, nil
		}
		return true, w.dec.Skip()
	})
	if err != nil {
		return err
	}
	w.addRun(p, &r, sb.String(), visible)
	return nil
}

// rPr reads the run properties the ingester uses.
func (w *walker) rPr(r *run) error {
	return w.walk(func(se xml.StartElement) (bool, error) {
		switch se.Name.Local {
		case "b":
			r.bold = boolInt(onOff(se))
		case "vertAlign":
			r.super = boolInt(attr(se, "val") == "superscript")
		case "rStyle":
			r.style = attr(se, "val")
		case "rFonts":
			r.font = rFontsName(se)
		}
		return true, w.dec.Skip()
	})
}

// text reads the character data of a w:t.
func (w *walker) text() (string, error) {
	var sb strings.Builder
	for {
		tok, err := w.next()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			sb.Write(t)
		case xml.StartElement:
			if err := w.dec.Skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return sb.String(), nil
		}
	}
}

// clean drops the private-use code points the ingester uses as
// placeholders, so text cannot forge note references.
func clean(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= '\uE000' && r <= '\uE003' }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '\uE000' && r <= '\uE003' {
			return -1
		}
		return r
	}, s)
}

// symbol decodes w:sym's char; symbol-font glyphs (F000–F0FF) have no
// Unicode meaning and are dropped.
func symbol(hex string) (rune, bool) {
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || n == 0 || (n >= 0xF000 && n <= 0xF0FF) || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// runBold resolves bold: direct formatting, then the character style,
// then the paragraph style, then the document defaults.
func (w *walker) runBold(p *para, r *run) bool {
	if r.bold >= 0 {
		return r.bold == 1
	}
	if r.style != "" {
		if b, ok := w.st.bold(r.style); ok {
			return b
		}
	}
	if b, ok := w.st.bold(w.paraStyle(p)); ok {
		return b
	}
	return w.st.docBold
}

// runFont resolves the run's Latin font like runBold.
func (w *walker) runFont(p *para, r *run) string {
	if r.font != "" {
		return r.font
	}
	if r.style != "" {
		if f := w.st.font(r.style); f != "" {
			return f
		}
	}
	if f := w.st.font(w.paraStyle(p)); f != "" {
		return f
	}
	return w.st.docFont
}

func (w *walker) paraStyle(p *para) string {
	if p.hasStyle {
		return p.style
	}
	return w.st.defaultPara
}

// addRun appends a run's text to p, turning hand-made footnote marks into
// markers when the file has no real notes.
func (w *walker) addRun(p *para, r *run, s string, visible bool) {
	if s == "" {
		return
	}
	font := w.runFont(p, r)
	s, byFont := w.legacy.convert(font, s)
	if w.manual && !w.inNotes && (r.super == 1 || (r.super < 0 && r.style != "" && w.st.superscript(r.style))) {
		if n, ok := manualMark(s); ok {
			prev := p.text.String()
			switch {
			case strings.TrimSpace(prev) == "" && p.noteMark == 0:
				p.noteMark = n
				return
			case gluedToWord(prev, n):
				p.text.WriteString(extract.Marker(n))
				w.manualSeen[n] = true
				return
			}
		}
	}
	if visible {
		p.visible++
		if !w.runBold(p, r) {
			p.notBold = true
		}
	}
	from := p.text.Len()
	p.text.WriteString(s)
	if !byFont {
		p.plain = append(p.plain, plainRun{from: from, to: p.text.Len(), font: font})
	}
}

// manualMark accepts one to three digits, the shape of a typed footnote
// mark.
func manualMark(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n > 0
}

// gluedToWord reports whether a superscript number directly follows a
// word or punctuation, and is not the exponent of a unit (m2, km2, m3).
func gluedToWord(prev string, n int) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	if prev == "" || unicode.IsSpace(last) {
		return false
	}
	if n == 2 || n == 3 {
		i := strings.LastIndexFunc(prev, func(r rune) bool { return !unicode.IsLetter(r) })
		switch strings.ToLower(prev[i+1:]) {
		case "m", "km", "cm", "mm", "dm", "hm":
			return false
		}
	}
	return true
}

// finish turns a collected paragraph into a block (or cell text).
func (w *walker) finish(p *para) {
	text, alt := w.legacy.byContent(p)
	style := w.paraStyle(p)
	level := 0
	if p.outline >= 0 {
		if p.outline < 9 {
			level = p.outline + 1
		}
	} else {
		level = w.st.headingLevel(style)
	}
	numID, ilvl, hasNum := p.numID, p.ilvl, p.hasNumID
	if sNum, sLvl, ok := w.st.numPr(style); ok && !hasNum {
		numID, hasNum = sNum, true
		if !p.hasIlvl {
			ilvl = sLvl
		}
	}
	kind := extract.BlockParagraph
	if hasNum && numID != "" && numID != "0" {
		if label, suff, bullet, ok := w.cnt.next(numID, ilvl); ok {
			if bullet {
				kind = extract.BlockListItem
			} else {
				text = label + suff + text
			}
		}
	}
	if level > 0 {
		kind = extract.BlockHeading
	}
	if p.noteMark > 0 {
		if w.manualSeen[p.noteMark] && w.cell == nil && w.boxDepth == 0 {
			w.manualNotes = append(w.manualNotes, pending{block: extract.Block{Kind: extract.BlockFootnote, Footnote: p.noteMark}, text: text})
			return
		}
		text = strconv.Itoa(p.noteMark) + text
	}
	if w.cell != nil {
		if w.cell.Len() > 0 {
			w.cell.WriteByte(' ')
		}
		w.cell.WriteString(text)
		return
	}
	b := extract.Block{Kind: kind, Bold: p.visible > 0 && !p.notBold}
	if kind == extract.BlockHeading {
		b.Level = level
	}
	w.emit(pending{block: b, text: text, alt: alt})
}

// numbered is a note reference with its display number.
type numbered struct {
	ref    noteRef
	number int
}

// numberNotes numbers the referenced notes: footnotes 1..k in order of
// first reference, then endnotes k+1… (Word shows endnotes in their own
// series, i, ii…; one series keeps markers unique in the Document).
// numbers maps each reference index to its number; order lists each note
// once, in number order.
func (w *walker) numberNotes() (numbers []int, order []numbered) {
	numbers = make([]int, len(w.refs))
	seen := map[noteRef]int{}
	for _, kind := range []int{footnote, endnote} {
		for i, r := range w.refs {
			if r.kind != kind {
				continue
			}
			n, ok := seen[r]
			if !ok {
				n = len(order) + 1
				seen[r] = n
				order = append(order, numbered{ref: r, number: n})
			}
			numbers[i] = n
		}
	}
	return numbers, order
}

// markers replaces reference placeholders by extract.Marker(n).
func (w *walker) markers(s string, numbers []int) string {
	if !strings.ContainsRune(s, refOpen) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexRune(s, refOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+utf8.RuneLen(refOpen):]
		j := strings.IndexRune(s, refClose)
		if j < 0 {
			return b.String()
		}
		if k, err := strconv.Atoi(s[:j]); err == nil && k >= 0 && k < len(numbers) {
			b.WriteString(extract.Marker(numbers[k]))
		}
		s = s[j+utf8.RuneLen(refClose):]
	}
}

package pdf

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline/ocr"
)

// OCR reads the text of scanned pages (pipeline/ocr.Engine).
type OCR interface {
	Read(ctx context.Context, pdf []byte, pages []int) ([]ocr.Page, error)
	Languages() string
}

// stampChars is how much text a page may have and still be a scan: a
// signature stamp or a "Ký bởi" line added to a scanned page.
const stampChars = 60

// scannedPages lists the pages (1-based) drawn as images with no text
// layer, or with only a stamp's worth of text.
func scannedPages(pages []*pageContent) []int {
	var out []int
	for _, p := range pages {
		if p.images == 0 {
			continue
		}
		chars := 0
		for _, g := range p.glyphs {
			if !g.space {
				chars += len([]rune(strings.TrimSpace(g.text)))
			}
		}
		if chars <= stampChars {
			out = append(out, p.number)
		}
	}
	return out
}

// ocrFont stands for the font of recognised words: regular, no encoding.
// ocrCaps is the font of a line entirely in capitals: the reports set
// their headings in bold capitals, and OCR does not see bold, so a line in
// capitals counts as bold and parts from the paragraph after it.
var (
	ocrFont = &fontInfo{baseFont: "OCR"}
	ocrCaps = &fontInfo{baseFont: "OCR-Bold", bold: true}
)

// ocrPages replaces the glyphs of scanned pages by the words Tesseract
// recognised on them, and says what was done in diagnostics (one per page,
// with the mean confidence). At most MaxOCRPages pages are read; a page
// that fails keeps its (empty) text and gets a warning.
func (in *Ingester) ocrPages(ctx context.Context, data []byte, pages []*pageContent, scanned []int) []extract.Diagnostic {
	var diags []extract.Diagnostic
	if limit := in.opts.OCRMaxPages; limit > 0 && len(scanned) > limit {
		diags = append(diags, extract.NewDiagnostic("pdf.ocr_limit", extract.SeverityWarning,
			"%v scanned pages, only the first %v were read by OCR (ingest.ocr_max_pages)", strconv.Itoa(len(scanned)), strconv.Itoa(limit)))
		scanned = scanned[:limit]
	}
	if in.opts.OCRBudget > 0 {
		// A worker child has no deadline of its own: stop starting pages
		// before the parent's deadline kills the whole document.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, in.opts.OCRBudget)
		defer cancel()
	}
	read, err := in.opts.OCR.Read(ctx, data, scanned)
	byNumber := map[int]*pageContent{}
	for _, p := range pages {
		byNumber[p.number] = p
	}
	done := map[int]bool{}
	var m marks
	for _, rp := range read {
		m.ruled = m.ruled || !math.IsInf(separator(rp), 1)
	}
	rn := numerals{roman: romanHeadings(read)}
	for _, rp := range read {
		done[rp.Number] = true
		pc := byNumber[rp.Number]
		if rp.Err != nil || pc == nil {
			d := extract.NewDiagnostic("pdf.ocr_failed", extract.SeverityWarning,
				"page %s has no text layer and OCR failed: %s", strconv.Itoa(rp.Number), fmt.Sprint(rp.Err))
			d.Page = rp.Number
			diags = append(diags, d)
			continue
		}
		rn.mend(rp.Words)
		pc.glyphs = ocrGlyphs(rp, pc.box, &m)
		pc.segs = ocrRules(rp, pc.box)
		args := []string{strconv.Itoa(rp.Number), in.opts.OCR.Languages(), strconv.Itoa(rp.DPI), strconv.Itoa(len(rp.Words)),
			strconv.FormatFloat(rp.Confidence(), 'f', 1, 64), strconv.FormatFloat(rp.Took.Seconds(), 'f', 1, 64)}
		d := extract.NewDiagnostic("pdf.ocr", extract.SeverityInfo,
			"page %s has no text layer and was read by OCR (Tesseract %s, %v dpi): %v words, mean confidence %v%%, %vs", args...)
		if math.Abs(rp.Skew) >= 0.05 { // how far the scan was turned, when it was
			d = extract.NewDiagnostic("pdf.ocr", extract.SeverityInfo,
				"page %s has no text layer and was read by OCR (Tesseract %s, %v dpi): %v words, mean confidence %v%%, %vs, scanned askew by %v° (levelled)",
				append(args, strconv.FormatFloat(rp.Skew, 'f', 1, 64))...)
		}
		d.Page = rp.Number
		diags = append(diags, d)
	}
	var missed []string
	for _, n := range scanned {
		if !done[n] {
			missed = append(missed, fmt.Sprint(n))
		}
	}
	if len(missed) > 0 {
		diags = append(diags, extract.NewDiagnostic("pdf.ocr_failed", extract.SeverityWarning,
			"scanned pages %s were not read by OCR: %s", strings.Join(missed, ", "), fmt.Sprint(err)))
	}
	return diags
}

// reGluedMarker is a footnote mark Tesseract read on the line, glued to its
// word: digits, or a look-alike of a raised digit (', ’, !, ¹).
var reGluedMarker = regexp.MustCompile(`^(.*\pL[.,;:)]?)(\d{1,2}|['’!¹²³])$`)

// reNoteMark is what a footnote's leading mark becomes in OCR: its digits,
// or a look-alike when the small raised digit was not recognised.
var reNoteMark = regexp.MustCompile(`^(\d{1,2}|[?'’*°¹²³])$`)

// marks numbers footnote marks in reading order across a document's
// OCR'd pages, so that a mark whose digit was misread ("tỉnh'") takes the
// number after the last one seen.
type marks struct {
	body, notes int
	// ruled: Tesseract saw the rule over the notes on some page, so a
	// page without it has no notes.
	ruled bool
}

// next returns the number of a mark: its digits, or the one after last.
func next(text string, last *int) string {
	n := *last + 1
	if isDigits(text) {
		fmt.Sscan(text, &n)
	}
	*last = max(*last, n)
	return fmt.Sprint(n)
}

// ocrLine is one recognised line in PDF space.
type ocrLine struct {
	words      []ocr.Word
	box        [4]float64 // pixels
	size, base float64
	first      bool   // the first line of a Tesseract paragraph
	para       [2]int // Tesseract's block and paragraph
}

// ocrGlyphs turns recognised words into glyphs in PDF space, so the layout
// pass treats them as it treats a text layer: each word one glyph, a space
// glyph between the words of a line, every word of a line on the line's
// baseline and with a font size from the line's height.
//
// Footnote marks, which Tesseract reads poorly, are rebuilt: a small number
// raised above its line, digits glued to a word ("tỉnh1") or a look-alike
// glued to it ("tỉnh'") become superscript glyphs, which layout reads as
// markers; so does a note's leading mark ("1", or "?" for a raised digit it
// could not read). The first line of a paragraph in the small print at the
// bottom of a page opens a footnote even when its mark was lost, as long as
// a marker in the body still waits for its note.
func ocrGlyphs(p ocr.Page, box [4]float64, m *marks) []glyph {
	if p.Width <= 0 || p.Height <= 0 {
		return nil
	}
	scale := (box[2] - box[0]) / p.Width
	lines := ocrLines(p, box, scale)
	zone := footnoteLines(lines, p, m.ruled)
	sep := !math.IsInf(separator(p), 1)
	var out []glyph
	for li, l := range lines {
		size, base := l.size, l.base
		font := ocrFont
		if capsLine(l.words) {
			font = ocrCaps
		}
		lineH := l.box[3] - l.box[1]
		bottom := wordsBottom(l.words)
		sup := func(x0, x1 float64, text string) glyph {
			return glyph{x: x0, y: base + 0.4*size, w: x1 - x0, size: 0.6 * size, text: text, font: font}
		}
		var prevEnd float64
		for k, w := range l.words {
			x0, x1 := box[0]+w.X0*scale, box[0]+w.X1*scale
			// A space between words, placed before the word even when
			// Tesseract's boxes overlap; none inside a number it cut in
			// two ("58 1/BNV-CCHC" for "581/BNV-CCHC").
			if k > 0 && !(x0-prevEnd < 0.2*size && endsDigit(l.words[k-1].Text) && startsDigit(w.Text)) {
				out = append(out, glyph{x: math.Min(prevEnd, x0-0.01), y: base, w: math.Max(x0-prevEnd, 0), size: size, text: " ", font: font, space: true})
			}
			// Raised: its bottom well above the line's baseline (the
			// words' median bottom; the box's bottom is a descender's).
			raisedSmall := bottom-w.Y1 > 0.2*lineH && (w.Y1-w.Y0) < 0.7*lineH
			gm := reGluedMarker.FindStringSubmatch(w.Text)
			switch {
			case k == 0 && zone[li] && reNoteMark.MatchString(w.Text):
				out = append(out, sup(x0, x1, next(w.Text, &m.notes)))
			case k == 0 && zone[li] && l.first && (m.notes < m.body || sep):
				// The note's mark was lost: put it back. Under the rule
				// every paragraph is a note, even when the body's mark
				// was lost too.
				out = append(out, sup(x0-0.6*size, x0, next("", &m.notes)),
					glyph{x: x0, y: base, w: x1 - x0, size: size, text: w.Text, font: font})
			case raisedSmall && isDigits(w.Text):
				out = append(out, sup(x0, x1, next(w.Text, &m.body)))
			case gm != nil && letters(gm[1]) >= 2:
				split := x0 + (x1-x0)*float64(len([]rune(gm[1])))/float64(len([]rune(w.Text)))
				out = append(out, glyph{x: x0, y: base, w: split - x0, size: size, text: gm[1], font: font},
					sup(split, x1, next(gm[2], &m.body)))
			default:
				out = append(out, glyph{x: x0, y: base, w: x1 - x0, size: size, text: w.Text, font: font})
			}
			prevEnd = x1
		}
	}
	return out
}

// wordsBottom is the median bottom of a line's words: its baseline, as
// most words have no descender ("g", "y") or dot below ("ạ").
func wordsBottom(words []ocr.Word) float64 {
	ys := make([]float64, len(words))
	for i, w := range words {
		ys[i] = w.Y1
	}
	slices.Sort(ys)
	return ys[len(ys)/2]
}

func medianHeight(words []ocr.Word) float64 {
	hs := make([]float64, len(words))
	for i, w := range words {
		hs[i] = w.Y1 - w.Y0
	}
	slices.Sort(hs)
	return hs[len(hs)/2]
}

// ocrLines groups the words by Tesseract line (they come in reading order)
// and places each line in PDF space.
func ocrLines(p ocr.Page, box [4]float64, scale float64) []ocrLine {
	var lines []ocrLine
	words := p.Words
	for i := 0; i < len(words); {
		j := i
		key := [3]int{words[i].Block, words[i].Paragraph, words[i].Line}
		for j < len(words) && [3]int{words[j].Block, words[j].Paragraph, words[j].Line} == key {
			j++
		}
		// The line's box from its words, leaving out words Tesseract
		// could not read at all: their boxes are often a blot twice the
		// line's height.
		lb := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, w := range words[i:j] {
			if w.Conf >= 10 || j-i == 1 {
				lb = [4]float64{math.Min(lb[0], w.X0), math.Min(lb[1], w.Y0), math.Max(lb[2], w.X1), math.Max(lb[3], w.Y1)}
			}
		}
		if math.IsInf(lb[0], 0) {
			lb = p.Lines[key]
		}
		// The font size from the words' median height, which is about
		// 0.9 of it for Vietnamese (capitals and ascenders with their
		// marks, x-height words with marks): the line box's height
		// would count a blot, a descender or what is left of a slant.
		size := math.Max(medianHeight(words[i:j])*scale/0.9, 3)
		lines = append(lines, ocrLine{words: words[i:j], box: lb, size: size, first: key[2] == 1,
			para: [2]int{key[0], key[1]}})
		i = j
	}
	// A line's height depends on its letters (diacritics, descenders):
	// the lines of one Tesseract paragraph share their median size, so
	// the layout does not see a size change inside a paragraph.
	for i := 0; i < len(lines); {
		j := i
		var sizes []float64
		for j < len(lines) && lines[j].para == lines[i].para {
			sizes = append(sizes, lines[j].size)
			j++
		}
		slices.Sort(sizes)
		for k := i; k < j; k++ {
			lines[k].size = sizes[len(sizes)/2]
			lines[k].base = box[3] - wordsBottom(lines[k].words)*scale
		}
		i = j
	}
	return lines
}

// ocrRules are the rules Tesseract found, as the segments the layout looks
// for a footnote separator among (one along the middle of each box).
func ocrRules(p ocr.Page, box [4]float64) []seg {
	if p.Width <= 0 {
		return nil
	}
	scale := (box[2] - box[0]) / p.Width
	var out []seg
	for _, r := range p.Rules {
		y := box[3] - (r[1]+r[3])/2*scale
		out = append(out, seg{x0: box[0] + r[0]*scale, y0: y, x1: box[0] + r[2]*scale, y1: y})
	}
	return out
}

// separator is the top of the footnote zone from the rule drawn over the
// notes: the lowest rule in the lower half of the page that starts in its
// left third and spans less than half its width (a longer one is a
// table's border or a signature line); +Inf without one.
func separator(p ocr.Page) float64 {
	y := math.Inf(1)
	for _, r := range p.Rules {
		if r[1] >= 0.5*p.Height && r[0] < p.Width/3 && r[2]-r[0] < p.Width/2 && (math.IsInf(y, 1) || r[1] > y) {
			y = r[1]
		}
	}
	return y
}

// footnoteLines marks the lines of the notes at the bottom of a page: the
// lines under the separator rule when Tesseract saw it (none when it saw
// one on another page of the document, ruled, but not here), or else the block
// of lines in the lower part of the page that a gap wider than the line
// pitch (where the rule is drawn) parts from the body. Footnotes are
// often set in the body's size, so size alone does not tell.
func footnoteLines(lines []ocrLine, p ocr.Page, ruled bool) []bool {
	zone := make([]bool, len(lines))
	if sep := separator(p); !math.IsInf(sep, 1) {
		for i, l := range lines {
			zone[i] = wordsBottom(l.words) > sep
		}
		return zone
	}
	if ruled {
		// The document draws the rule over its notes and this page has
		// none: the lines at its bottom (Nơi nhận, a signature) are body.
		return zone
	}
	height := p.Height
	if len(lines) < 3 {
		return zone
	}
	order := make([]int, len(lines))
	for i := range order {
		order[i] = i
	}
	// Lines are compared by baseline (their words' median bottom): a tall
	// word box or a blot moves a line's top, not its baseline.
	bottom := make([]float64, len(lines))
	for i, l := range lines {
		bottom[i] = wordsBottom(l.words)
	}
	sort.SliceStable(order, func(a, b int) bool { return bottom[order[a]] < bottom[order[b]] })
	var pitches []float64
	for k := 1; k < len(order); k++ {
		if d := bottom[order[k]] - bottom[order[k-1]]; d > 0 {
			pitches = append(pitches, d)
		}
	}
	if len(pitches) == 0 {
		return zone
	}
	slices.Sort(pitches)
	pitch := pitches[len(pitches)/2]
	for k := len(order) - 1; k > 0; k-- {
		top := bottom[order[k]]
		if top < 0.55*height || len(order)-k > 10 {
			return make([]bool, len(lines))
		}
		zone[order[k]] = true
		if top-bottom[order[k-1]] > 1.6*pitch {
			return zone
		}
	}
	return make([]bool, len(lines))
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// ocrNote says why a scan was not read, for the no-text reason.
func (in *Ingester) ocrNote() string {
	switch {
	case in.opts.OCR != nil:
		return "OCR found no text in it"
	case in.opts.OCRUnavailable != "":
		return in.opts.OCRUnavailable
	}
	return "OCR is not available"
}

func endsDigit(s string) bool {
	r := []rune(s)
	return len(r) > 0 && unicode.IsDigit(r[len(r)-1])
}

func startsDigit(s string) bool {
	r := []rune(s)
	return len(r) > 0 && unicode.IsDigit(r[0])
}

var reRoman = regexp.MustCompile(`^([IVXÌÍ]{1,4})\.$`)

// numerals mends the Roman numerals of the top-level headings (a numeral
// and a word in capitals opening a line) across a document's OCR'd pages:
// they count up, so a numeral Tesseract misread as the previous one ("II."
// twice), with a stray accent ("ÌV.") or as an unreadable blot is the next
// one.
type numerals struct {
	last int
	// roman: the document numbers its headings in capitals with Roman
	// numerals (one from II up opens such a line), so a "1." opening the
	// first of them that Tesseract was unsure of is "I.".
	roman bool
}

// reOne is what Tesseract reads an "I." as when it takes it for a digit.
var reOne = regexp.MustCompile(`^[1l|]\.$`)

// romanHeadings reports pages with a line opened by a Roman numeral from
// II up and a word in capitals.
func romanHeadings(pages []ocr.Page) bool {
	for _, p := range pages {
		for i := 0; i+1 < len(p.Words); i++ {
			w := p.Words[i]
			first := i == 0 || !p.Words[i-1].SameLine(w)
			if m := reRoman.FindStringSubmatch(w.Text); first && m != nil && romanValue(m[1]) >= 2 && capitalWord(p.Words[i+1].Text) {
				return true
			}
		}
	}
	return false
}

func (n *numerals) mend(words []ocr.Word) {
	for i := 0; i+1 < len(words); i++ {
		w := &words[i]
		first := i == 0 || !words[i-1].SameLine(*w)
		m := reRoman.FindStringSubmatch(w.Text)
		if m == nil && n.roman && n.last == 0 && w.Conf < 90 && reOne.MatchString(w.Text) && capsLine(lineOf(words, i)) {
			m = []string{"I.", "I"}
		}
		// An unreadable blot (confidence 0) opening a heading in
		// capitals stands where the numeral was.
		blot := w.Conf < 10 && n.last > 0
		if !first || m == nil && !blot || !capitalWord(words[i+1].Text) {
			continue
		}
		v := 0
		if m != nil {
			v = romanValue(strings.NewReplacer("Ì", "I", "Í", "I").Replace(m[1]))
		}
		switch {
		case v == n.last+1:
		case v > 0 && v == n.last, v == 0 && n.last > 0:
			v = n.last + 1
		default:
			if v <= 0 {
				continue
			}
		}
		w.Text = roman(v) + "."
		n.last = v
	}
}

// lineOf returns the words of the line of words[i].
func lineOf(words []ocr.Word, i int) []ocr.Word {
	same := func(k int) bool { return words[k].SameLine(words[i]) }
	lo, hi := i, i+1
	for lo > 0 && same(lo-1) {
		lo--
	}
	for hi < len(words) && same(hi) {
		hi++
	}
	return words[lo:hi]
}

func capitalWord(s string) bool {
	caps := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return caps >= 2
}

func romanValue(s string) int {
	for v := 1; v <= 12; v++ {
		if roman(v) == s {
			return v
		}
	}
	return 0
}

func roman(v int) string {
	return [...]string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}[v]
}

// capsLine reports a line whose words with letters are all in capitals,
// with at least two such words.
func capsLine(words []ocr.Word) bool {
	n := 0
	for _, w := range words {
		if letters(w.Text) == 0 {
			continue
		}
		if !capitalWord(w.Text) && !(letters(w.Text) == 1 && unicode.IsUpper([]rune(w.Text)[0])) {
			return false
		}
		n++
	}
	return n >= 2
}

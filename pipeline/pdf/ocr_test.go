package pdf

import (
	"testing"

	"github.com/baocao/baocao/pipeline/ocr"
)

// TestScannedPages: a page drawn as an image with no text, or with only a
// stamp's worth ("Ký bởi: …"), is a scan; a page with a text layer is not,
// image or not.
func TestScannedPages(t *testing.T) {
	text := func(s string) []glyph {
		var gs []glyph
		for _, r := range s {
			gs = append(gs, glyph{text: string(r), space: r == ' '})
		}
		return gs
	}
	pages := []*pageContent{
		{number: 1, images: 1},
		{number: 2, images: 1, glyphs: text("Ký bởi: Sở Nội vụ tỉnh Khánh Hòa 15.03.2023")},
		{number: 3, images: 1, glyphs: text("Trong quý, tỉnh đã ban hành 09 văn bản quy phạm pháp luật, trong đó 07 văn bản do UBND tỉnh ban hành.")},
		{number: 4, glyphs: text("x")},
	}
	got := scannedPages(pages)
	if len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Errorf("scanned pages %v, want [1 2]", got)
	}
}

// TestOCRGlyphMarks: digits glued to a word, and a misread raised mark,
// become superscript glyphs numbered in reading order.
func TestOCRGlyphMarks(t *testing.T) {
	p := ocr.Page{Width: 1000, Height: 1000, Words: []ocr.Word{
		{Text: "của", X0: 100, Y0: 100, X1: 160, Y1: 140, Conf: 95, Block: 1, Paragraph: 1, Line: 1},
		{Text: "tỉnh1", X0: 170, Y0: 100, X1: 260, Y1: 140, Conf: 95, Block: 1, Paragraph: 1, Line: 1},
		{Text: "Chính", X0: 100, Y0: 200, X1: 180, Y1: 240, Conf: 95, Block: 1, Paragraph: 1, Line: 2},
		{Text: "phủ'", X0: 190, Y0: 200, X1: 260, Y1: 240, Conf: 95, Block: 1, Paragraph: 1, Line: 2},
	}}
	var m marks
	var sups []string
	for _, g := range ocrGlyphs(p, [4]float64{0, 0, 500, 500}, &m) {
		if g.size < 0.7*ocrGlyphs(p, [4]float64{0, 0, 500, 500}, &marks{})[0].size {
			sups = append(sups, g.text)
		}
	}
	if len(sups) != 2 || sups[0] != "1" || sups[1] != "2" || m.body != 2 {
		t.Errorf("superscripts %v (body marks %d), want [1 2]", sups, m.body)
	}
}

// TestOCRSeparator: the rule Tesseract saw over the notes makes the lines
// under it the footnote zone, even when a note's paragraph gap is as wide
// as the one above the rule; without a rule the gap decides.
func TestOCRSeparator(t *testing.T) {
	word := func(text string, y float64, line int) ocr.Word {
		return ocr.Word{Text: text, X0: 300, X1: 600, Y0: y - 50, Y1: y, Conf: 95, Block: line, Paragraph: 1, Line: 1}
	}
	p := ocr.Page{Width: 2550, Height: 3300, Words: []ocr.Word{
		word("thân", 2600, 1), word("bài", 2660, 2), word("hết.", 2720, 3),
		word("1", 2850, 4), word("note", 2960, 5),
	}, Rules: [][4]float64{{300, 2780, 790, 2792}}}
	lines := ocrLines(p, [4]float64{0, 0, 612, 792}, 612.0/2550)
	if got := footnoteLines(lines, p, true); !got[3] || !got[4] || got[2] {
		t.Errorf("zone %v, want the two lines under the rule", got)
	}
	if segs := ocrRules(p, [4]float64{0, 0, 612, 792}); len(segs) != 1 || segs[0].y0 != segs[0].y1 {
		t.Errorf("rules as segments: %+v", segs)
	}
}

// TestOCRNumeralOne: in a document whose headings in capitals carry Roman
// numerals, an unsure "1." opening the first of them is "I."; in one
// that numbers them with digits it stays.
func TestOCRNumeralOne(t *testing.T) {
	page := func(second string) []ocr.Page {
		return []ocr.Page{{Words: []ocr.Word{
			{Text: "1.", Conf: 56, Block: 1, Paragraph: 1, Line: 1}, {Text: "CÔNG", Conf: 96, Block: 1, Paragraph: 1, Line: 1}, {Text: "TÁC", Conf: 96, Block: 1, Paragraph: 1, Line: 1},
			{Text: second, Conf: 96, Block: 2, Paragraph: 1, Line: 1}, {Text: "KẾT", Conf: 96, Block: 2, Paragraph: 1, Line: 1}, {Text: "QUẢ", Conf: 96, Block: 2, Paragraph: 1, Line: 1},
		}}}
	}
	for second, want := range map[string]string{"II.": "I.", "2.": "1."} {
		pages := page(second)
		n := numerals{roman: romanHeadings(pages)}
		n.mend(pages[0].Words)
		if got := pages[0].Words[0].Text; got != want {
			t.Errorf("with %q: %q, want %q", second, got, want)
		}
	}
}

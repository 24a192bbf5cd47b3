package ocr

import (
	"math"
	"slices"
)

// maxSkew is the largest rotation (about 3°) deskew corrects: a scanner's
// feed turns a sheet by a fraction of a degree, and more is a page placed
// askew on purpose (a table in landscape), which Tesseract lays out itself.
const maxSkew = 0.05

// skew estimates how much the page is turned: the median, over the lines
// of at least four words, of the median slope between the bottoms of
// words at least a tenth of the page apart (a Theil–Sen estimate, so the
// descenders of "g", "y" and the dots under "ạ", "ệ" do not sway it). The
// slope is dy/dx in image pixels (y down): negative when the lines climb
// to the right.
func skew(p Page) float64 {
	var slopes []float64
	for i := 0; i < len(p.Words); {
		j := i
		for j < len(p.Words) && p.Words[j].SameLine(p.Words[i]) {
			j++
		}
		if ws := p.Words[i:j]; len(ws) >= 4 {
			var pair []float64
			for a := range ws {
				for b := a + 1; b < len(ws); b++ {
					dx := (ws[b].X0+ws[b].X1)/2 - (ws[a].X0+ws[a].X1)/2
					if math.Abs(dx) >= 0.1*p.Width {
						pair = append(pair, (ws[b].Y1-ws[a].Y1)/dx)
					}
				}
			}
			if len(pair) > 0 {
				slices.Sort(pair)
				slopes = append(slopes, pair[len(pair)/2])
			}
		}
		i = j
	}
	if len(slopes) == 0 {
		return 0
	}
	slices.Sort(slopes)
	return slopes[len(slopes)/2]
}

// SameLine reports whether w and o are on one line of Tesseract's layout
// (same block, paragraph and line numbers).
func (w Word) SameLine(o Word) bool {
	return w.Block == o.Block && w.Paragraph == o.Paragraph && w.Line == o.Line
}

// deskew turns the word and line boxes of a page scanned askew back to
// level, about the page's centre, so that the words of one line share a
// baseline and the left margin is one x. Without it a line turned by 0.8°
// rises 30 pixels across the page at 300 dpi: a short word such as "10"
// or "2025" near its right end looks raised above the line's bottom, like
// a footnote mark, and the indents of a paragraph's lines differ. Each box
// keeps its size; its centre moves.
func deskew(p *Page) {
	s := skew(*p)
	if s == 0 || math.Abs(s) > maxSkew {
		return
	}
	th := math.Atan(s)
	sin, cos := math.Sin(th), math.Cos(th)
	cx, cy := p.Width/2, p.Height/2
	turn := func(x0, y0, x1, y1 float64) (float64, float64, float64, float64) {
		x, y := (x0+x1)/2-cx, (y0+y1)/2-cy
		nx, ny := cx+x*cos+y*sin, cy-x*sin+y*cos
		hw, hh := (x1-x0)/2, (y1-y0)/2
		return nx - hw, ny - hh, nx + hw, ny + hh
	}
	for i := range p.Words {
		w := &p.Words[i]
		w.X0, w.Y0, w.X1, w.Y1 = turn(w.X0, w.Y0, w.X1, w.Y1)
	}
	for i, r := range p.Rules {
		p.Rules[i][0], p.Rules[i][1], p.Rules[i][2], p.Rules[i][3] = turn(r[0], r[1], r[2], r[3])
	}
	// A line's box is the union of its words' boxes where it has words (a
	// turned box of a turned line would keep the height the slant added).
	for k, b := range p.Lines {
		b[0], b[1], b[2], b[3] = turn(b[0], b[1], b[2], b[3])
		p.Lines[k] = b
	}
	seen := map[[3]int]bool{}
	for _, w := range p.Words {
		k := [3]int{w.Block, w.Paragraph, w.Line}
		b := p.Lines[k]
		if !seen[k] {
			seen[k], b = true, [4]float64{w.X0, w.Y0, w.X1, w.Y1}
		}
		p.Lines[k] = [4]float64{math.Min(b[0], w.X0), math.Min(b[1], w.Y0), math.Max(b[2], w.X1), math.Max(b[3], w.Y1)}
	}
	p.Skew = th * 180 / math.Pi
}

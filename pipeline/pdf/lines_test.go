package pdf

import "testing"

// TestWordsFromGaps: a producer that positions words with TJ offsets and
// draws no space glyph (a PostScript printer driver does) still gives
// separate words — "QĐ-TTg" and "ngày" must not glue into "QĐ-TTgngày" —
// while kerning and tracking inside a word do not split it.
func TestWordsFromGaps(t *testing.T) {
	const size = 12.0
	// glyphs lays out runs of letters, each letter 0.5 em wide, with the
	// given gap (in ems) before each run after the first and between
	// letters inside a run.
	glyphs := func(words []string, wordGap, letterGap float64) *line {
		l := &line{size: size}
		x := 0.0
		for i, w := range words {
			if i > 0 {
				x += wordGap * size
			}
			for j, r := range []rune(w) {
				if j > 0 {
					x += letterGap * size
				}
				l.glyphs = append(l.glyphs, glyph{x: x, w: 0.5 * size, size: size, text: string(r)})
				x += 0.5 * size
			}
		}
		l.super = make([]bool, len(l.glyphs))
		return l
	}
	for _, tc := range []struct {
		name               string
		wordGap, letterGap float64
		want               string
	}{
		{"a Times space drawn by a TJ offset", 0.25, 0, "28/2018/QĐ-TTg ngày 12/7/2018"},
		{"a narrow font's space", 0.22, 0, "28/2018/QĐ-TTg ngày 12/7/2018"},
		{"kerning pulls letters together", 0.25, -0.04, "28/2018/QĐ-TTg ngày 12/7/2018"},
		{"kerning opens a pair a little", 0.25, 0.03, "28/2018/QĐ-TTg ngày 12/7/2018"},
	} {
		l := glyphs([]string{"28/2018/QĐ-TTg", "ngày", "12/7/2018"}, tc.wordGap, tc.letterGap)
		if got := l.text(0, len(l.glyphs)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

package pdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline/legacy"
)

// convertLegacy converts, font by font, glyphs in a pre-Unicode Vietnamese
// encoding: those of fonts named .VnTime…/VNI-… (their WinAnsi codes are
// TCVN3/VNI bytes), and those of any other font whose whole text reads as
// TCVN3/VNI and converts into Vietnamese with confidence (a legacy font
// renamed or substituted when the PDF was made). A page mixing a Unicode
// body with a TCVN3 table is converted where the fonts say, nowhere else.
// VNI accents are glyphs of their own; they become combining marks that the
// Builder's NFC joins to the letter before.
func convertLegacy(conv *legacy.Converter, pages []*pageContent) (extract.Diagnostic, bool) {
	type fontText struct {
		sb   strings.Builder
		n    int
		enc  legacy.Encoding
		caps bool
	}
	byFont := map[*fontInfo]*fontText{}
	for _, p := range pages {
		var prev *glyph
		for i := range p.glyphs {
			g := &p.glyphs[i]
			gap := prev != nil && (g.y != prev.y || g.x > prev.x+prev.w+0.15*g.size)
			if g.font == nil || g.space {
				if g.space && prev != nil && prev.font != nil {
					byFont[prev.font].sb.WriteByte(' ')
				}
				prev = nil
				continue
			}
			ft := byFont[g.font]
			if ft == nil {
				ft = &fontText{}
				ft.enc, ft.caps = legacy.Font(g.font.baseFont)
				byFont[g.font] = ft
			}
			if ft.enc == "" && ft.sb.Len() < 1<<20 {
				// Words: glyphs apart by more than a thin space, or
				// on another line.
				if gap {
					ft.sb.WriteByte(' ')
				}
				ft.sb.WriteString(g.text)
			}
			ft.n++
			prev = g
		}
	}
	var names []string
	total := 0
	for f, ft := range byFont {
		how := "font name"
		if ft.enc == "" {
			enc, _ := legacy.Detect(ft.sb.String())
			if enc == "" {
				continue
			}
			if _, ok := conv.Repair(enc, ft.sb.String()); !ok {
				continue
			}
			ft.enc, how = enc, "text"
		}
		names = append(names, fmt.Sprintf("%s (%s, by its %s)", f.baseFont, ft.enc, how))
		total += ft.n
	}
	if len(names) == 0 {
		return extract.Diagnostic{}, false
	}
	for _, p := range pages {
		for i := range p.glyphs {
			g := &p.glyphs[i]
			if ft := byFont[g.font]; g.font != nil && ft.enc != "" {
				g.text = conv.Convert(ft.enc, g.text, ft.caps)
			}
		}
	}
	sort.Strings(names)
	return extract.NewDiagnostic("text.legacy_converted", extract.SeverityInfo,
		"%v glyphs in pre-Unicode Vietnamese encodings were converted to Unicode: %s", strconv.Itoa(total), strings.Join(names, ", ")), true
}

package pdf

import (
	"fmt"
	"strings"

	"github.com/baocao/baocao/pipeline"
)

// tcvn3Marks are Latin-1 characters that TCVN3 (ABC) and VNI fonts use for
// Vietnamese letters ("C«ng t¸c chØ ®¹o") and that Unicode Vietnamese text
// never contains.
const tcvn3Marks = "¸µ¶·¹¨©®«¬\u00ad»¾¼½ÆÇËÐÎÏÑÖ×ØÜÞßåæçëîïñöøûüþÿ¢£¤¥¦§"

// legacyFont reports whether a BaseFont (subset prefix removed) is one of
// the pre-Unicode Vietnamese font families.
func legacyFont(base string) bool {
	return strings.HasPrefix(base, ".Vn") || strings.HasPrefix(base, "Vn") && len(base) > 2 && base[2] >= 'A' && base[2] <= 'Z' ||
		strings.HasPrefix(strings.ToUpper(base), "VNI-") || strings.HasPrefix(strings.ToUpper(base), "VNI_")
}

// textQuality rejects documents whose text layer is missing, undecodable
// or in a legacy Vietnamese encoding.
func textQuality(pages []*pageContent) error {
	var total, bad, images, legacy, marks, letters int
	legacyNames := map[string]bool{}
	for _, p := range pages {
		images += p.images
		bad += p.badText
		for _, g := range p.glyphs {
			if g.space || strings.TrimSpace(g.text) == "" {
				continue
			}
			total++
			if g.font != nil && legacyFont(g.font.baseFont) {
				legacy++
				legacyNames[g.font.baseFont] = true
			}
			for _, r := range g.text {
				if strings.ContainsRune(tcvn3Marks, r) {
					marks++
				}
				if r > ' ' {
					letters++
				}
			}
		}
	}
	if total == 0 {
		if images > 0 {
			return fmt.Errorf("no text layer (%d page images: a scan); OCR is not available: %w", images, pipeline.ErrNoText)
		}
		return fmt.Errorf("no text on any of %d pages; OCR is not available: %w", len(pages), pipeline.ErrNoText)
	}
	if bad*3 > total+bad {
		return fmt.Errorf("text layer does not decode (%d of %d glyphs unmapped); OCR is not available: %w", bad, total+bad, pipeline.ErrNoText)
	}
	if legacy*3 > total {
		var names []string
		for n := range legacyNames {
			names = append(names, n)
		}
		return fmt.Errorf("fonts %s use a pre-Unicode Vietnamese encoding (TCVN3/VNI): %w", strings.Join(names, ", "), pipeline.ErrLegacyEncoding)
	}
	if letters >= 200 && marks*25 > letters {
		return fmt.Errorf("%d of %d characters look like TCVN3/VNI mojibake: %w", marks, letters, pipeline.ErrLegacyEncoding)
	}
	return nil
}

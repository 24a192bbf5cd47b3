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

// textQuality rejects documents whose text layer is missing, undecodable
// or still in a legacy Vietnamese encoding after convertLegacy.
func textQuality(pages []*pageContent, ocrNote string) error {
	var total, bad, images, marks, letters int
	for _, p := range pages {
		images += p.images
		bad += p.badText
		for _, g := range p.glyphs {
			if g.space || strings.TrimSpace(g.text) == "" {
				continue
			}
			total++
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
			return fmt.Errorf("no text layer (%d page images: a scan); %s: %w", images, ocrNote, pipeline.ErrNoText)
		}
		return fmt.Errorf("no text on any of %d pages: %w", len(pages), pipeline.ErrNoText)
	}
	if bad*3 > total+bad {
		return fmt.Errorf("text layer does not decode (%d of %d glyphs unmapped): %w", bad, total+bad, pipeline.ErrNoText)
	}
	if letters >= 200 && marks*25 > letters {
		return fmt.Errorf("%d of %d characters look like TCVN3/VNI mojibake: %w", marks, letters, pipeline.ErrLegacyEncoding)
	}
	return nil
}

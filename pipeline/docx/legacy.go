package docx

import (
	"fmt"
	"strings"

	"github.com/baocao/baocao/pipeline"
)

// tcvn3Marks are Latin-1 characters that TCVN3 (ABC) and VNI fonts use for
// Vietnamese letters ("C«ng t¸c chØ ®¹o") and that Unicode Vietnamese text
// never contains.
const tcvn3Marks = "¸µ¶·¹¨©®«¬»¾¼½ÆÇËÐÎÏÑÖ×ØÜÞßåæçëîïñöøûüþÿ¢£¤¥¦§"

// legacyFont reports whether a font is one of the pre-Unicode Vietnamese
// families (.VnTime, .VnTimeH, VnArial, VNI-Times…): text set in them is
// stored in their own 8-bit encoding.
func legacyFont(name string) bool {
	up := strings.ToUpper(name)
	return strings.HasPrefix(name, ".Vn") ||
		strings.HasPrefix(name, "Vn") && len(name) > 2 && name[2] >= 'A' && name[2] <= 'Z' ||
		strings.HasPrefix(up, "VNI-") || strings.HasPrefix(up, "VNI_")
}

// legacyEncoding refuses a body that is mostly set in legacy fonts, or
// whose characters look like TCVN3/VNI mojibake whatever the fonts say.
func legacyEncoding(text string, chars, legacyChars int) error {
	if chars > 0 && legacyChars*3 > chars {
		return fmt.Errorf("%d of %d characters are set in pre-Unicode Vietnamese fonts (TCVN3/VNI): %w", legacyChars, chars, pipeline.ErrLegacyEncoding)
	}
	marks, letters := 0, 0
	for _, r := range text {
		if strings.ContainsRune(tcvn3Marks, r) {
			marks++
		}
		if r > ' ' {
			letters++
		}
	}
	if letters >= 200 && marks*25 > letters {
		return fmt.Errorf("%d of %d characters look like TCVN3/VNI mojibake: %w", marks, letters, pipeline.ErrLegacyEncoding)
	}
	return nil
}

package docx

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/pipeline"
	"github.com/baocao/baocao/pipeline/legacy"
)

// legacyRuns converts, run by run, the text set in pre-Unicode Vietnamese
// fonts (.VnTime, .VnTimeH, VNI-Times…): Word stores such a run as the
// Windows-1252 characters of its 8-bit codes, so "C«ng t¸c" is "Công tác"
// in .VnTime. A document that mixes a Unicode body with a TCVN3 table is
// converted where the fonts say, and nowhere else.
type legacyRuns struct {
	conv  *legacy.Converter
	chars map[string]int // characters converted, by font
}

func (l *legacyRuns) convert(font, s string) string {
	enc, caps := legacy.Font(font)
	if enc == "" || l == nil {
		return s
	}
	l.chars[font] += len([]rune(s))
	return l.conv.Convert(enc, s, caps)
}

// diagnostic says which fonts were converted.
func (l *legacyRuns) diagnostic() (extract.Diagnostic, bool) {
	if l == nil || len(l.chars) == 0 {
		return extract.Diagnostic{}, false
	}
	var fonts []string
	total := 0
	for f, n := range l.chars {
		enc, _ := legacy.Font(f)
		fonts = append(fonts, fmt.Sprintf("%s (%s)", f, enc))
		total += n
	}
	sort.Strings(fonts)
	return extract.NewDiagnostic("text.legacy_converted", extract.SeverityInfo,
		"%s characters set in pre-Unicode Vietnamese fonts %s were converted to Unicode", strconv.Itoa(total), strings.Join(fonts, ", ")), true
}

// tcvn3Marks are Latin-1 characters that TCVN3 (ABC) and VNI fonts use for
// Vietnamese letters ("C«ng t¸c chØ ®¹o") and that Unicode Vietnamese text
// never contains.
const tcvn3Marks = "¸µ¶·¹¨©®«¬»¾¼½ÆÇËÐÎÏÑÖ×ØÜÞßåæçëîïñöøûüþÿ¢£¤¥¦§"

// legacyEncoding refuses a body whose characters still look like TCVN3/VNI
// mojibake after the legacy-font runs were converted: legacy codes in a
// Unicode font, which no font name tells how to read.
func legacyEncoding(text string) error {
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
		return fmt.Errorf("%d of %d characters look like TCVN3/VNI mojibake in a Unicode font: %w", marks, letters, pipeline.ErrLegacyEncoding)
	}
	return nil
}

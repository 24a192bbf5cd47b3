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
// converted where the fonts say. Runs in fonts that name no encoding are
// judged by their content, paragraph by paragraph (byContent): TCVN3
// typed with a Unicode font chosen, or a document whose font was changed.
type legacyRuns struct {
	conv  *legacy.Converter
	chars map[legacyKey]int // characters converted, by font and how
}

type legacyKey struct{ font, how string }

// plainRun is a piece of a paragraph's text from a run whose font names no
// legacy encoding: bytes from..to of para.text.
type plainRun struct {
	from, to int
	font     string
}

// convert converts a run set in a legacy font; byFont says the font named
// an encoding (the run is then never judged by content).
func (l *legacyRuns) convert(font, s string) (string, bool) {
	enc, caps := legacy.Font(font)
	if enc == "" || l == nil {
		return s, enc != ""
	}
	l.chars[legacyKey{font, string(enc)}] += len([]rune(s))
	return l.conv.Convert(enc, s, caps), true
}

// byContent returns the paragraph's text with its runs in fonts that name
// no encoding converted when, together, they surely read as TCVN3 or VNI
// (legacy.Converter.ByContent); a paragraph of Unicode text is returned as
// it is. A paragraph that reads both ways (no mojibake, yet converting
// makes other syllables: "Sè: 58/BC-UBND") comes back as it is, with alt,
// its converted text, which settle uses when the same font surely held
// legacy codes elsewhere in the document.
func (l *legacyRuns) byContent(p *para) (text string, alt *altText) {
	text = p.text.String()
	if l == nil || len(p.plain) == 0 {
		return text, nil
	}
	// Runs with a character no legacy code reads as are Unicode: only
	// the others are judged, and converted.
	var runs []plainRun
	var parts []string
	ascii := true
	for _, r := range p.plain {
		part := text[r.from:r.to]
		if !legacy.Codes(part) {
			continue
		}
		runs, parts = append(runs, r), append(parts, part)
		for j := 0; j < len(part) && ascii; j++ {
			ascii = part[j] < 0x80
		}
	}
	if ascii {
		return text, nil // the same in every encoding
	}
	enc, out, sure := l.conv.ByContent(parts)
	if enc == "" {
		return text, nil
	}
	var b strings.Builder
	last := 0
	chars := map[legacyKey]int{}
	for i, r := range runs {
		b.WriteString(text[last:r.from])
		b.WriteString(out[i])
		last = r.to
		font := r.font
		if font == "" {
			font = "the default font"
		}
		chars[legacyKey{font, string(enc) + ", read by content"}] += len([]rune(parts[i]))
	}
	b.WriteString(text[last:])
	if !sure {
		return text, &altText{base: text, text: b.String(), chars: chars}
	}
	for k, n := range chars {
		l.chars[k] += n
	}
	return b.String(), nil
}

// altText is a paragraph's text converted from a legacy encoding that
// its content alone did not settle, with the characters converted.
type altText struct {
	base, text string // as read, and converted
	chars      map[legacyKey]int
}

// settle converts the paragraphs left unsettled by byContent when every
// font of theirs surely held legacy codes in another paragraph.
func (l *legacyRuns) settle(out []pending) {
	if l == nil {
		return
	}
	for i := range out {
		a := out[i].alt
		if a == nil {
			continue
		}
		ok := true
		for k := range a.chars {
			ok = ok && l.chars[k] > 0
		}
		if ok {
			out[i].text = out[i].text[:len(out[i].text)-len(a.base)] + a.text
			for k, n := range a.chars {
				l.chars[k] += n
			}
		}
	}
}

// diagnostic says which fonts were converted, and how.
func (l *legacyRuns) diagnostic() (extract.Diagnostic, bool) {
	if l == nil || len(l.chars) == 0 {
		return extract.Diagnostic{}, false
	}
	var fonts []string
	total := 0
	for k, n := range l.chars {
		fonts = append(fonts, fmt.Sprintf("%s (%s)", k.font, k.how))
		total += n
	}
	sort.Strings(fonts)
	return extract.NewDiagnostic("text.legacy_converted", extract.SeverityInfo,
		"%v characters set in pre-Unicode Vietnamese fonts %s were converted to Unicode", strconv.Itoa(total), strings.Join(fonts, ", ")), true
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

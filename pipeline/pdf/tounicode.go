package pdf

import (
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
)

// wideRange is a ToUnicode bfrange whose codes differ in more than their
// last byte: Tesseract's text layer (the "searchable PDF" a scanner's OCR
// makes) maps every two-byte code to itself with one range, <0000> <FFFF>
// <0000>. The PDF library counts only the destination's last byte up from
// the range start, so "Ủ" (1EE6) came out as "æ" (00E6) and the page read
// as TCVN3 mojibake; such codes are decoded here, counting the whole
// destination up as poppler does.
type wideRange struct {
	lo, hi, dst int
}

// maxCMap bounds the ToUnicode stream read for wide ranges.
const maxCMap = 1 << 20

var (
	reBFRangeBlock = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	reBFRange      = regexp.MustCompile(`<([0-9A-Fa-f]{2,8})>\s*<([0-9A-Fa-f]{2,8})>\s*<([0-9A-Fa-f]{4})>`)
)

// wideRanges reads the wide bfranges of a font's ToUnicode CMap with a
// single UTF-16 unit as destination (a range to an array, or to several
// units, is left to the library).
func wideRanges(fd lpdf.Value) []wideRange {
	tu := fd.Key("ToUnicode")
	if tu.Kind() != lpdf.Stream {
		return nil
	}
	rc := tu.Reader()
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxCMap))
	if err != nil {
		return nil
	}
	var out []wideRange
	for _, blk := range reBFRangeBlock.FindAllSubmatch(b, -1) {
		for _, m := range reBFRange.FindAllSubmatch(blk[1], -1) {
			if len(m[1]) != len(m[2]) {
				continue
			}
			lo, err1 := strconv.ParseUint(string(m[1]), 16, 32)
			hi, err2 := strconv.ParseUint(string(m[2]), 16, 32)
			dst, err3 := strconv.ParseUint(string(m[3]), 16, 32)
			if err1 != nil || err2 != nil || err3 != nil || hi < lo || lo>>8 == hi>>8 {
				continue // a range within one last byte: the library is right
			}
			out = append(out, wideRange{lo: int(lo), hi: int(hi), dst: int(dst)})
		}
	}
	return out
}

// decodeWide decodes code with the wide ranges, reporting false when none
// holds it (or it would land on half a surrogate pair).
func decodeWide(ranges []wideRange, code int) (string, bool) {
	for _, r := range ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		u := r.dst + code - r.lo
		if u > 0xFFFF || utf16.IsSurrogate(rune(u)) {
			return "", false
		}
		return string(rune(u)), true
	}
	return "", false
}

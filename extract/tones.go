package extract

import (
	"sync"
	"unicode"
)

// toneMoves maps a glide (o, O, u, U) and the toned letter after it to
// what CanonicalTones makes of the pair: the glide with the tone, the
// letter without it ("oà" → "òa", "uỷ" → "ủy"). Built once from splitTone
// and withTone (their normalisation passes cost more than the rest of a
// search key) over the Latin ranges, where every precomposed toned a, e
// and y lives (TestToneMoves checks every rune of the BMP).
var toneMoves = sync.OnceValue(func() map[[2]rune][2]rune {
	moves := map[[2]rune][2]rune{}
	for r := rune(runeInfoFirst); r <= runeInfoLast; r++ {
		base, tone := splitTone(r)
		if tone == 0 {
			continue
		}
		for _, g := range [...]rune{'o', 'O', 'u', 'U'} {
			lb := unicode.ToLower(base)
			if lg := unicode.ToLower(g); lg == 'o' && (lb == 'a' || lb == 'e') || lg == 'u' && lb == 'y' {
				moves[[2]rune{g, r}] = [2]rune{withTone(g, tone), base}
			}
		}
	}
	return moves
})

// canonicalTones moves the tones of rs in place as CanonicalTones does
// (canonicalTonesSlow is its definition), and reports whether it moved
// one.
func canonicalTones(rs []rune) bool {
	moves := toneMoves()
	changed := false
	for i := 0; i+1 < len(rs); i++ {
		if g := rs[i]; g != 'o' && g != 'O' && g != 'u' && g != 'U' {
			continue
		}
		// The syllable must end right after the pair: "hoàn" keeps its mark.
		if i+2 < len(rs) && unicode.IsLetter(rs[i+2]) {
			continue
		}
		// "qu" and "gi" are consonants: quý, quỳ are already canonical.
		if i > 0 && unicode.ToLower(rs[i-1]) == 'q' {
			continue
		}
		if mv, ok := moves[[2]rune{rs[i], rs[i+1]}]; ok {
			rs[i], rs[i+1] = mv[0], mv[1]
			changed = true
		}
	}
	return changed
}

package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gates of the header regexps (see header.go). The header rules search
// patterns inside lines with case-folding, backtracking regexps; most
// lines hold nothing of a pattern, and a cheap test of what every match
// must contain spares them the regexp. TestHeaderGates and
// FuzzHeaderGates check that each gated regexp finds what the plain one
// finds.

// gatedRe is a header regexp with its gate.
type gatedRe struct {
	re  *regexp.Regexp
	may func(string) bool
	// next, when set, returns the first place at or after p where a
	// match may start (where the word it opens with stands, wordThen),
	// and at is re anchored at its start: the regexp is tried there only,
	// in order, instead of at every byte. Only for regexps whose ^ cannot
	// hold at the places next gives after 0.
	next func(s string, p int) int
	at   *regexp.Regexp
	// from, when set (and next not), is the earliest byte a match may
	// start at: the regexp runs from there (same condition as next).
	from func(string) int
	// hand, when set, is re.FindStringIndex written by hand, for a regexp
	// without groups: it answers instead of the regexp and the gate.
	hand func(string) []int
	// atHand, when set (with next), is at.FindStringSubmatchIndex written
	// by hand: it is asked where next says a match may start.
	atHand func(string) []int
}

// nextAt returns re gated by may, tried anchored only where next says a
// match may start.
func nextAt(re *regexp.Regexp, may func(string) bool, next func(string, int) int) gatedRe {
	return gatedRe{re: re, may: may, next: next, at: regexp.MustCompile(`^(?:` + re.String() + `)`)}
}

// find is FindStringSubmatchIndex through the gate. The first place
// next gives where the anchored regexp matches is where the plain
// one's leftmost match starts, and from there both choose alike.
func (g gatedRe) find(s string) []int { return g.search(s, (*regexp.Regexp).FindStringSubmatchIndex) }

// search runs exec (a Find…Index method, or matched) through the gate.
// The overall match of a regexp does not depend on the groups asked for,
// so asking for fewer spares the regexp their bookkeeping.
func (g gatedRe) search(s string, exec func(*regexp.Regexp, string) []int) []int {
	if g.hand != nil {
		return g.hand(s)
	}
	if !g.may(s) {
		return nil
	}
	if g.next == nil {
		i := 0
		if g.from != nil {
			i = g.from(s)
		}
		return shiftLoc(exec(g.re, s[i:]), i)
	}
	for p := 0; p < len(s); p++ {
		if p = g.next(s, p); p < 0 {
			return nil
		}
		var loc []int
		if g.atHand != nil {
			loc = g.atHand(s[p:])
		} else {
			loc = exec(g.at, s[p:])
		}
		if loc != nil {
			return shiftLoc(loc, p)
		}
	}
	return nil
}

// matched is an exec for search that only tells whether re matches: a
// non-nil empty location, which shiftLoc leaves as it is.
func matched(re *regexp.Regexp, s string) []int {
	if re.MatchString(s) {
		return []int{}
	}
	return nil
}

func (g gatedRe) MatchString(s string) bool { return g.search(s, matched) != nil }

func (g gatedRe) FindStringIndex(s string) []int {
	if loc := g.search(s, (*regexp.Regexp).FindStringIndex); loc != nil {
		return loc[:2] // atHand answers with the groups
	}
	return nil
}

func (g gatedRe) FindStringSubmatchIndex(s string) []int { return g.find(s) }

// FindAllStringIndex is the regexp's behind the gate alone: a line the
// gate refuses holds no match.
func (g gatedRe) FindAllStringIndex(s string) [][]int {
	if g.hand != nil {
		var all [][]int
		for p := 0; p < len(s); {
			loc := g.hand(s[p:])
			if loc == nil {
				break
			}
			all = append(all, shiftLoc(loc, p))
			p = loc[1] // a match is never empty
		}
		return all
	}
	if !g.may(s) {
		return nil
	}
	return g.re.FindAllStringIndex(s, -1)
}

// shiftLoc moves the offsets of a match in s[i:] to offsets in s; unmatched
// groups stay -1.
func shiftLoc(loc []int, i int) []int {
	if i == 0 {
		return loc
	}
	for k, v := range loc {
		if v >= 0 {
			loc[k] = v + i
		}
	}
	return loc
}

// foldWord is a lower-case word searched for under the simple case
// folding of a (?i) regexp. Its letters must fold only to letters of the
// same length (Vietnamese and ASCII letters but k and s, which fold with
// the Kelvin sign and the long s); lead and upLead are the first bytes of
// its two cases.
type foldWord struct {
	word         string
	lead, upLead byte
}

func newFoldWord(w string) foldWord {
	return foldWord{word: w, lead: w[0], upLead: strings.ToUpper(w)[0]}
}

// index returns the first index of the word in s, -1 if none. The next
// byte of either case is found by strings.IndexByte (a vector search)
// rather than by a loop over every byte: the gates ask it of whole
// paragraphs (FuzzFoldWordIndex checks it against indexPlain).
func (f foldWord) index(s string) int {
	last := len(s) - len(f.word) // the last place the word fits
	if f.lead == f.upLead {
		for i := 0; i <= last; i++ {
			k := strings.IndexByte(s[i:last+1], f.lead)
			if k < 0 {
				return -1
			}
			if i += k; strings.EqualFold(s[i:i+len(f.word)], f.word) {
				return i
			}
		}
		return -1
	}
	// lo and up: the next place of each case's lead byte at or after i,
	// or -1 when there is none left.
	lo, up := -2, -2
	for i := 0; i <= last; i++ {
		if lo != -1 && lo < i {
			if lo = strings.IndexByte(s[i:last+1], f.lead); lo >= 0 {
				lo += i
			}
		}
		if up != -1 && up < i {
			if up = strings.IndexByte(s[i:last+1], f.upLead); up >= 0 {
				up += i
			}
		}
		switch {
		case lo < 0 && up < 0:
			return -1
		case lo < 0:
			i = up
		case up < 0:
			i = lo
		default:
			i = min(lo, up)
		}
		if strings.EqualFold(s[i:i+len(f.word)], f.word) {
			return i
		}
	}
	return -1
}

// indexPlain is index as first written, a test of every byte.
func (f foldWord) indexPlain(s string) int {
	for i := 0; i+len(f.word) <= len(s); i++ {
		if (s[i] == f.lead || s[i] == f.upLead) && strings.EqualFold(s[i:i+len(f.word)], f.word) {
			return i
		}
	}
	return -1
}

// hasFold is a gatedRe.may for a regexp every match of which holds one of
// words.
func hasFold(words ...string) func(string) bool {
	fs := make([]foldWord, len(words))
	for i, w := range words {
		fs[i] = newFoldWord(w)
	}
	return func(s string) bool {
		for _, f := range fs {
			if f.index(s) >= 0 {
				return true
			}
		}
		return false
	}
}

var (
	// The Quốc hiệu is read by hand (findQuocHieu); its wrapped pieces
	// hold CỘNG, Độc or NAM.
	gQuocHieu     = gatedRe{re: reQuocHieu, hand: findQuocHieu}
	gQuocHieuPart = nextAt(reQuocHieuPart, hasFold("cộng", "độc", "nam"), quocHieuPartNext)
	// A Quốc hiệu wrapped over two lines: its first line holds CỘNG, Độc or
	// (the Party's motto) ĐẢNG, its second NAM.
	hasQuocHieuOrParty = hasFold("cộng", "độc", "đảng")
	hasNam             = hasFold("nam")
	gRuleRun           = gatedRe{re: reRuleRun, may: func(s string) bool {
		return strings.ContainsAny(s, "_=") || strings.Contains(s, "----") || strings.Contains(s, "......")
	}}
	// Both open with \bSố, in that case.
	hasSo      = func(s string) bool { return strings.Contains(s, "Số") }
	gOwnNumber = nextAt(reOwnNumber, hasSo, soNext)
	gSoLabel   = nextAt(reSoLabel, hasSo, soNext)
	// "V/v" or "Về việc".
	gSubject = gatedRe{re: reSubject, may: func(s string) bool { return strings.ContainsAny(s, "/ềỀ") }}
	// A date has digits (\d is ASCII) and starts at "ngày".
	gLongDate  = withAtHand(nextAt(reLongDate, hasASCIIDigit, wordThen("ngày", false, nil)), longDateAt)
	gShortDate = nextAt(reShortDate, hasASCIIDigit, wordThen("ngày", false, isDigit))
	// The periods of a title: "quý …", "6 tháng …", "năm 2023".
	gPeriodQ   = nextAt(rePeriodQ, hasASCIIDigitOrRoman, wordThen("quý", false, func(c byte) bool { return '1' <= c && c <= '4' || c|0x20 == 'i' || c|0x20 == 'v' }))
	gPeriodM   = gatedRe{re: rePeriodM, may: hasFold("tháng"), from: periodMFrom}
	hasNamYear = hasFold("năm")
	// rePeriodY is \bnăm\s*(\d{4})\b, in any case.
	gPeriodY = nextAt(rePeriodY, func(s string) bool { return hasASCIIDigit(s) && hasNamYear(s) }, wordThen("năm", true, isDigit))
	// reDateBefore runs on everything before a "năm YYYY".
	gDateBefore = nextAt(reDateBefore, hasASCIIDigit, wordThen("tháng", false, isDigit))
	// The closing part opens with one of a few words (the regexp is
	// anchored): every body block is asked.
	gClosing = gatedRe{re: reClosing, may: func(s string) bool {
		for _, p := range closingPrefixes {
			if strings.HasPrefix(s, p) {
				return true
			}
		}
		return false
	}}
	// Both are anchored at the start and asked of every header block:
	// Kính gửi is read by hand (recipientAt); for a rule the first byte
	// after the white space \s reads tells most lines apart.
	gRecipient = gatedRe{re: reRecipient, hand: recipientAt}
	gRule      = gatedRe{re: reRule, may: func(s string) bool { return s != "" && strings.IndexByte("\t\n\f\r -_=*~.", s[0]) >= 0 }}
	// The place before ", ngày": capitalised words and a comma at the end.
	gPlace = gatedRe{re: rePlace, may: func(s string) bool { return strings.IndexByte(s, ',') >= 0 }, from: placeFrom}
)

// withAtHand returns g asking atHand instead of its anchored regexp.
func withAtHand(g gatedRe, atHand func(string) []int) gatedRe {
	g.atHand = atHand
	return g
}

// closingPrefixes are the literal starts of reClosing's alternatives.
var closingPrefixes = [...]string{"Nơi nhận", "TM.", "T/M", "KT.", "K/T", "TL.", "T/L", "TUQ.", "Q.", "PHỤ LỤC", "Phụ lục"}

// placeFrom is where a match of rePlace may start at the earliest: after
// the last character that the place, its unit word, the spaces and the
// comma after it cannot hold (letters, apostrophes, white space, hyphens,
// the full stop of "TP." and the comma).
func placeFrom(s string) int {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		switch r {
		case '\'', '’', '-', '.', ',', ' ', '\t', '\n', '\f', '\r': // \s is these four and space
		default:
			if !unicode.IsLetter(r) {
				return i
			}
		}
		i -= n
	}
	return 0
}

// hasASCIIDigitOrRoman: a quarter is a digit or a Roman numeral (I or V in
// either case).
func hasASCIIDigitOrRoman(s string) bool { return strings.ContainsAny(s, "0123456789IiVv") }

func hasASCIIDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// The next places where a regexp may match, for nextAt: each is asked
// only where the words its match opens with stand, so that the anchored
// regexp (which clears a bitset as long as the rest of the line per call)
// runs rarely.

// quocHieuPartNext is where a match of reQuocHieuPart may start at or
// after p: at 0, or at the white space (\s) right before CỘNG or VIỆT (in
// any case), as its alternatives that do not start at ^ are \sCỘNG… and
// \sVIỆT…. Where it is tried, the regexp's ^ holds only at 0: each of
// its ^ stands before a letter or is the first of (^|\s), and the place
// after 0 is white space.
func quocHieuPartNext(s string, p int) int {
	if p == 0 {
		return 0
	}
	for ; p+1 < len(s); p++ {
		if c := s[p+1] | 0x20; (c == 'c' || c == 'v') && regexpSpace(s[p]) &&
			(foldPrefix(s[p+1:], "cộng") >= 0 || foldPrefix(s[p+1:], "việt") >= 0) {
			return p
		}
	}
	return -1
}

// soNext is where \bSố stands at or after p: "Số" with no ASCII word
// byte before it (what \b reads before the S), as the own number and the
// Số label open.
func soNext(s string, p int) int {
	for p < len(s) {
		k := strings.Index(s[p:], "Số")
		if k < 0 {
			return -1
		}
		if p += k; p == 0 || !asciiWordByte(s[p-1]) {
			return p
		}
		p++
	}
	return -1
}

// wordThen returns a next for a regexp that opens with word (under (?i)
// folding; with bounded, after \b, else reading nothing before it) and
// white space (\s*): where the word stands, with no ASCII word byte
// before it when bounded, and, when then is set, the first byte after
// the white space passes then.
func wordThen(word string, bounded bool, then func(byte) bool) func(string, int) int {
	w := newFoldWord(word)
	return func(s string, p int) int {
		for p < len(s) {
			k := w.index(s[p:])
			if k < 0 {
				return -1
			}
			p += k
			if bounded && p > 0 && asciiWordByte(s[p-1]) {
				p++
				continue
			}
			if then == nil {
				return p
			}
			if q := skipRegexpSpace(s, p+len(w.word)); q < len(s) && then(s[q]) {
				return p
			}
			p++
		}
		return -1
	}
}

package plaintext

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/baocao/baocao/extract"
)

// emphasisRE is the definition stripEmphasis implements without
// backtracking: its matches replaced by their groups.
var emphasisRE = regexp.MustCompile(`\*\*\*|___|\*\*|__|(^|[\s(])[*_]([^\s*_])|([^\s*_])[*_]([\s).,;:]|$)`)

func TestStripEmphasis(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"không có dấu":           "không có dấu",
		"**Kết quả** đạt *tốt*.": "Kết quả đạt tốt.",
		"__nhấn mạnh__ và _nghiêng_, (*ý kiến*)": "nhấn mạnh và nghiêng, (ý kiến)",
		"snake_case_name giữ nguyên":             "snake_case_name giữ nguyên",
		"* mục":                                  "* mục",
		"*a*":                                    "a*",
		"a* *b":                                  "a *b",
		"5 * 3 = 15":                             "5 * 3 = 15",
		"cuối*":                                  "cuối",
		"***a) Rà soát:*** Tỉnh":                 "a) Rà soát: Tỉnh",
		"___b) Công khai:___ x":                  "b) Công khai: x",
	} {
		if got := stripEmphasis(in); got != want {
			t.Errorf("stripEmphasis(%q) = %q, want %q", in, got, want)
		}
		if re := emphasisRE.ReplaceAllString(in, "$1$2$3$4"); re != want {
			t.Errorf("the definition gives %q for %q, the table says %q", re, in, want)
		}
	}
}

// FuzzStripEmphasis checks stripEmphasis against its definition.
func FuzzStripEmphasis(f *testing.F) {
	for _, s := range []string{"**a** _b_ (*c*) d_e *", "x*\ty_ *", "ạ*ả _ế_", "\xff*\xfe_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripEmphasis(s), emphasisRE.ReplaceAllString(s, "$1$2$3$4"); got != want {
			t.Errorf("stripEmphasis(%q) = %q, the definition gives %q", s, got, want)
		}
	})
}

// cleanInlineDef is cleanInline with every step run, not only those whose
// characters the text has: what the quick guards must not change.
func cleanInlineDef(s string, labels map[string]int) string {
	s = replaceSupMarkers(s, labels)
	s = replaceMDRefs(s, labels)
	s = reLink.ReplaceAllString(s, "$1")
	s = reHTMLBreak.ReplaceAllString(s, " ")
	s = reHTMLTag.ReplaceAllString(s, "")
	s = emphasisRE.ReplaceAllString(s, "$1$2$3$4")
	s = strings.ReplaceAll(s, "`", "")
	s = reEscape.ReplaceAllString(s, "$1")
	return htmlEntities.Replace(s)
}

// FuzzCleanInline checks cleanInline's guards against cleanInlineDef.
func FuzzCleanInline(f *testing.F) {
	for _, s := range []string{"", "văn bản thường", "a<sup>1</sup> b[^2] [x](y) <br/> <b>c</b> **d** `e` \\* &amp;",
		"[^ghi-chu] và [1]", "![ảnh](a.png)", "<sup> 12 </sup>", "a [b] (c)", "x](y", "&lt;sup&gt;1&lt;/sup&gt;", "[^a][^b][^a]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		l1, l2 := map[string]int{}, map[string]int{}
		if got, want := cleanInline(s, l1), cleanInlineDef(s, l2); got != want || fmt.Sprint(l1) != fmt.Sprint(l2) {
			t.Errorf("cleanInline(%q) = %q %v, every step run %q %v", s, got, l1, want, l2)
		}
	})
}

// FuzzLineGuards checks that the quick guards in front of the line
// patterns never change what the patterns decide.
// TestRuneCount: counted eight bytes at a time, characters of one to four
// bytes across and inside the words.
func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefghi", "ệệệ", "aệệệệệệệệ", "1234567ệ", "12345678ệ", "Ủy ban nhân dân tỉnh Khánh Hòa", "𝄞𝄞𝄞 ab", "ă€𝄞ăă€𝄞𝄞"} {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestTrimReSpace: the spaces of a regexp's \s on either side, and no
// other (a vertical tab or a no-break space stays).
func TestTrimReSpace(t *testing.T) {
	for _, c := range []struct{ in, left, right string }{
		{"", "", ""},
		{" \t\n\f\r", "", ""},
		{" \ta b\r\n", "a b\r\n", " \ta b"},
		{"\va\v", "\va\v", "\va\v"},
		{"\u00a0a\u00a0", "\u00a0a\u00a0", "\u00a0a\u00a0"},
	} {
		if got := trimReSpace(c.in); got != c.left {
			t.Errorf("trimReSpace(%q) = %q, want %q", c.in, got, c.left)
		}
		if got := trimReSpaceRight(c.in); got != c.right {
			t.Errorf("trimReSpaceRight(%q) = %q, want %q", c.in, got, c.right)
		}
	}
}

func FuzzLineGuards(f *testing.F) {
	for _, s := range []string{"II. Kết quả", "a) mục", "Đ. x", "1.2 y", "Kính gửi:", "\u212Aính gửi", "SỐ : 1", "KÍNH GỬI", "kính  gửi", "Nơi nhận:", "NƠI NHẬN", "ſố:", "số\t\n:", "Số 1", "TM. UBND", "kt.", "Tl", "tm", "  • a", "k\xff", "- gạch", "  3 Quyết định", "¹ Ghi chú", "văn bản", "x⁷", "“a” ²", "KẾT QUẢ 2023", "ĐẠT a", "\xC2", "\xE2\x81", "Ủy ban nhân dân tỉnh Khánh Hòa", "abcdefgh ijklmnop ệ", "12345678€", " 12 ", "- 3 -", "– 4 –", "Trang 5", "TRANG 6/10", "trang\t7 / 9\n", "12a", "a12", "– 7", "Tr 8", "\v3", "|---|:--:|", " | -- | --- |\t", "\v|---|", "|--- x|", "| a - b |", "---", "|\u00a0---|", "|--|\u2003"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isLineLabel(s), reLineLabel.MatchString(s); got != want {
			t.Errorf("isLineLabel(%q) = %v, pattern %v", s, got, want)
		}
		if got, want := isLineStarter(s), lineStarterRE.MatchString(s); got != want {
			t.Errorf("isLineStarter(%q) = %v, pattern %v", s, got, want)
		}
		up, low := 0, 0
		for _, r := range s {
			if unicode.IsUpper(r) {
				up++
			} else if unicode.IsLower(r) {
				low++
			}
		}
		if got, want := isUpperLine(s), up > 0 && low == 0; got != want {
			t.Errorf("isUpperLine(%q) = %v, counting gives %v", s, got, want)
		}
		if got, want := hasSuperDigit(s), strings.ContainsAny(s, superDigits); got != want {
			t.Errorf("hasSuperDigit(%q) = %v, ContainsAny %v", s, got, want)
		}
		trim := strings.TrimSpace(s)
		if got, want := isTableSep(trim, s), strings.IndexByte(trim, '|') >= 0 && strings.IndexByte(trim, '-') >= 0 && reTableSep.MatchString(s); got != want {
			t.Errorf("isTableSep(%q) = %v, pattern %v", s, got, want)
		}
		if got, want := isPageNumber(s), rePageNumber.MatchString(s); got != want {
			t.Errorf("isPageNumber(%q) = %v, pattern %v", s, got, want)
		}
		if trimReSpace(s) != strings.TrimLeft(s, reSpace) || trimReSpaceRight(s) != strings.TrimRight(s, reSpace) {
			t.Errorf("trimReSpace(%q) = %q, trimReSpaceRight %q", s, trimReSpace(s), trimReSpaceRight(s))
		}
		if utf8.ValidString(s) && runeCount(s) != utf8.RuneCountInString(s) {
			t.Errorf("runeCount(%q) = %d, utf8 %d", s, runeCount(s), utf8.RuneCountInString(s))
		}
		_, _, ok := noteStart(s)
		want := reBracketNote.MatchString(s) || reSuperNote.MatchString(s) || textNoteRE.MatchString(s) || bareNoteRE.MatchString(s)
		if ok != want {
			t.Errorf("noteStart(%q) = %v, patterns %v", s, ok, want)
		}
	})
}

// The patterns the line and inline parsers implement (lines.go, inline.go,
// text.go): FuzzLinePatterns checks each against its parser.
var (
	lineStarterRE = regexp.MustCompile(`(?i)^\s*(?:kính gửi|nơi nhận|số\s*:|tm\.|kt\.|tl\.|-|\+|•|\|)`)
	textNoteRE    = regexp.MustCompile(`^\s*(\d{1,3})\s+(\S.*)$`)
	bareNoteRE    = regexp.MustCompile(`^\s*(\d{1,3})\s*$`)
	hRuleRE       = regexp.MustCompile(`^\s*([-*_=~])(\s*([-*_=~])){2,}\s*$`)
	supLineRE     = regexp.MustCompile(`^\s*<sup>\s*(\d{1,3})\s*</sup>\s*(.*)$`)
	mdDefRE       = regexp.MustCompile(`^\s{0,3}\[\^([^\]\s]+)\]:\s*(.*)$`)
	supMarkerRE   = regexp.MustCompile(`<sup>\s*(\d{1,3})\s*</sup>`)
	mdRefRE       = regexp.MustCompile(`\[\^([^\]\s]+)\]`)
	superDigitRE  = regexp.MustCompile(`[⁰¹²³⁴⁵⁶⁷⁸⁹]+`)
)

func FuzzLinePatterns(f *testing.F) {
	for _, s := range []string{
		"---", "* * *", " =~_ ", "--", "- mục", "-\t-\n-", "***x",
		"<sup>1</sup> Quyết định", "  <sup> 12 </sup>\tx", "<sup>1234</sup> x", "<sup>1</sup>\nx", "<sup>1</sup> a\nb", "<sup></sup>",
		"[^1]: Công văn", "   [^a b]: x", "    [^1]: x", "[^1]:\n x", "[^]: x", "[^1] x", "[^[^a]: y",
		"12 Quyết định", " 3", "1234 x", "12x", "12 \n", "5\ty\nz", "",
		"a<sup>1</sup>b<sup> 2 </sup><sup>x</sup><sup>3", "a[^1] [^x][^] [^y z] [^[^q]]", "x¹² y⁷ ⁰\xe2\x81 \xc2¹",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isHRule(s), hRuleRE.MatchString(s); got != want {
			t.Errorf("isHRule(%q) = %v, pattern %v", s, got, want)
		}
		n, text, ok := supLine(s)
		if m := supLineRE.FindStringSubmatch(s); (m != nil) != ok || m != nil && (n != atoi(m[1]) || text != m[2]) {
			t.Errorf("supLine(%q) = %d %q %v, pattern %q", s, n, text, ok, m)
		}
		label, text, ok := mdDef(s)
		if m := mdDefRE.FindStringSubmatch(s); (m != nil) != ok || m != nil && (label != m[1] || text != m[2]) {
			t.Errorf("mdDef(%q) = %q %q %v, pattern %q", s, label, text, ok, m)
		}
		if r := firstRune(s); '0' <= r && r <= '9' {
			n, text, ok := digitNote(s)
			m := textNoteRE.FindStringSubmatch(s)
			if m == nil {
				m = bareNoteRE.FindStringSubmatch(s)
				if m != nil {
					m = append(m, "")
				}
			}
			if (m != nil) != ok || m != nil && (n != atoi(m[1]) || text != m[2]) {
				t.Errorf("digitNote(%q) = %d %q %v, patterns %q", s, n, text, ok, m)
			}
		}
		labels, reLabels := map[string]int{}, map[string]int{}
		got := replaceMDRefs(replaceSupMarkers(s, labels), labels)
		want := supMarkerRE.ReplaceAllStringFunc(s, func(m string) string {
			n := atoi(supMarkerRE.FindStringSubmatch(m)[1])
			reLabels[strconv.Itoa(n)] = n
			return extract.Marker(n)
		})
		want = mdRefRE.ReplaceAllStringFunc(want, func(m string) string {
			return extract.Marker(footnoteNumber(mdRefRE.FindStringSubmatch(m)[1], reLabels))
		})
		if got != want || fmt.Sprint(labels) != fmt.Sprint(reLabels) {
			t.Errorf("markers of %q = %q %v, patterns %q %v", s, got, labels, want, reLabels)
		}
		if hasSuperDigit(s) {
			want := superDigitRE.ReplaceAllStringFunc(s, func(m string) string { return extract.Marker(superToInt(m)) })
			if got := markSuperDigits(s); got != want {
				t.Errorf("markSuperDigits(%q) = %q, pattern %q", s, got, want)
			}
		}
	})
}

func TestSuperToInt(t *testing.T) {
	for s, want := range map[string]int{"¹": 1, "¹²³⁴⁵⁶⁷⁸⁹⁰": 1234567890, "⁰⁷": 7, "²³": 23} {
		if got := superToInt(s); got != want {
			t.Errorf("superToInt(%q) = %d, want %d", s, got, want)
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

var (
	headingRE = regexp.MustCompile(`^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$`)
	bulletRE  = regexp.MustCompile(`^\s*[-+*•]\s+(.*)$`)
)

// FuzzHeadingAndBullet checks the hand-written line parsers against the
// patterns they replace, on single lines (the parsers never see "\n").
func FuzzHeadingAndBullet(f *testing.F) {
	for _, s := range []string{"# Tiêu đề", "   ### Mục ##  ", "####### bảy", "#không", "- mục", "• mục", "  *\tý", "-", "- ", "+x", "#\t#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, "\n") {
			return
		}
		level, text, ok := heading(s)
		if m := headingRE.FindStringSubmatch(s); (m != nil) != ok || m != nil && (len(m[1]) != level || m[2] != text) {
			t.Errorf("heading(%q) = %d %q %v, pattern %q", s, level, text, ok, m)
		}
		if m := bulletRE.FindStringSubmatch(s); (m != nil) != isBullet(s) || m != nil && m[1] != bullet(s) {
			t.Errorf("bullet(%q) = %q %v, pattern %q", s, bullet(s), isBullet(s), m)
		}
	})
}

func TestIsTableSep(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"|---|---|", true},
		{"| :--- | ---: | :-: |", false}, // one dash between colons is not a rule
		{"| :--- | ---: | :--: |", true},
		{"  |--|--|  ", true},
		{"---", false}, // a rule, not a table's: no '|'
		{"| Chỉ tiêu | 2023 - 2024 |", false},
		{"|--- x|", false},
		{"\v|---|", false}, // \v is no \s of the pattern
		{"|---|\u00a0", false},
	} {
		if got := isTableSep(strings.TrimSpace(tc.line), tc.line); got != tc.want {
			t.Errorf("isTableSep(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

package plaintext

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
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

// FuzzLineGuards checks that the quick guards in front of the line
// patterns never change what the patterns decide.
func FuzzLineGuards(f *testing.F) {
	for _, s := range []string{"II. Kết quả", "a) mục", "Đ. x", "1.2 y", "Kính gửi:", "\u212Aính gửi", "SỐ : 1", "- gạch", "  3 Quyết định", "¹ Ghi chú", "văn bản", "x⁷", "“a” ²", "KẾT QUẢ 2023", "ĐẠT a", "\xC2", "\xE2\x81"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isLineLabel(s), reLineLabel.MatchString(s); got != want {
			t.Errorf("isLineLabel(%q) = %v, pattern %v", s, got, want)
		}
		if got, want := isLineStarter(s), reLineStarter.MatchString(s); got != want {
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
		_, _, ok := noteStart(s)
		want := reSuperNote.MatchString(s) || reTextNote.MatchString(s) || reBareNote.MatchString(s)
		if ok != want {
			t.Errorf("noteStart(%q) = %v, patterns %v", s, ok, want)
		}
	})
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

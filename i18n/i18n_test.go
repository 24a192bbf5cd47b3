package i18n

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"testing"
)

var reVerb = regexp.MustCompile(`%[-+# 0]*[0-9*]*(\.[0-9*]+)?[a-zA-Z%]`)

// TestMessagesKeepTheirVerbs: a translation takes the same arguments in
// the same order as its key, and no key is there twice.
func TestMessagesKeepTheirVerbs(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range catalogue {
		if seen[m.en] {
			t.Errorf("%q is in the catalogue twice", m.en)
		}
		seen[m.en] = true
		if m.vi == "" {
			t.Errorf("%q has no Vietnamese text", m.en)
		}
		if en, vi := reVerb.FindAllString(m.en, -1), reVerb.FindAllString(m.vi, -1); !slices.Equal(en, vi) {
			t.Errorf("%q: verbs %v, but %q has %v", m.en, en, m.vi, vi)
		}
	}
}

func TestFormatting(t *testing.T) {
	vi, en := New(VI), New("en")
	for _, c := range []struct{ got, want string }{
		{vi.Num(1286032), "1.286.032"},
		{en.Num(1286032), "1,286,032"},
		{vi.Dec(86.38, 2), "86,38"},
		{en.Dec(86.38, 2), "86.38"},
		{vi.Date("2025-03-07"), "07/3/2025"},
		{vi.Date("2025-01-20"), "20/01/2025"},
		{en.Date("2025-03-07"), "2025-03-07"},
		{vi.Date(""), ""},
		{vi.Date("2025"), "2025"},
		{vi.LongDate("2022-02-21"), "ngày 21 tháng 02 năm 2022"},
		{vi.LongDate("2025-07-01"), "ngày 01 tháng 7 năm 2025"},
		{en.LongDate("2025-07-01"), "1 July 2025"},
		{vi.Period("2023-Q1"), "Quý I/2023"},
		{vi.Period("2023-H1"), "6 tháng/2023"},
		{vi.Period("2024-9M"), "9 tháng/2024"},
		{vi.Period("2023"), "Năm 2023"},
		{en.Period("2023-Q4"), "Q4 2023"},
		{en.Period("2023"), "Year 2023"},
		{vi.Period(""), "—"},
		{vi.Kind("dossier"), "Hồ sơ"},
		{en.Kind("online_service"), "Online services"},
		{vi.Status("late"), "Trễ hạn"},
		{vi.Location("section II.1"), "mục II.1"},
		{en.Location("footnote 3"), "footnote 3"},
		{vi.T("%d files: %d indexed, %d replaced, %d unchanged, %d duplicate, %d failed", 1200, 1, 0, 0, 0, 0), "1.200 tệp: 1 nạp mới, 0 thay thế, 0 không đổi, 0 trùng, 0 lỗi"},
		{vi.T("100% sure"), "100% sure"}, // no args: not formatted
		{vi.Plural(1, "%d day", "%d days"), "1 ngày"},
		{en.Plural(2, "%d day", "%d days"), "2 days"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestErrorsAreTranslatedWhenPrinted(t *testing.T) {
	cause := errors.New("disk full")
	e := Errorf("%s: cannot read: %v", "a.pdf", cause)
	if !errors.Is(e, cause) {
		t.Error("the cause is lost")
	}
	if e.Error() != "a.pdf: cannot read: disk full" {
		t.Errorf("Error() = %q", e.Error())
	}
	vi := New(VI)
	if got := vi.Message(e); got != "a.pdf: không đọc được: disk full" {
		t.Errorf("vi = %q", got)
	}
	// Wrapped without more words, and joined: still translated.
	wrapped := fmt.Errorf("%w", e)
	if got := vi.Message(wrapped); got != "a.pdf: không đọc được: disk full" {
		t.Errorf("wrapped = %q", got)
	}
	joined := errors.Join(Errorf("not a number"), Errorf("not true or false"))
	if got := vi.Message(joined); got != "không phải số\nkhông phải true hoặc false" {
		t.Errorf("joined = %q", got)
	}
	// Wrapped in more (English) words: shown as it is, never half translated.
	more := fmt.Errorf("open index: %w", e)
	if got := vi.Message(more); got != more.Error() {
		t.Errorf("more words = %q", got)
	}
}

// A quantity (%v) in a finding's or diagnostic's template is written the
// reader's way; a label (%s: a year, a page) stays as it is.
func TestFillFormatsQuantities(t *testing.T) {
	for _, tc := range []struct {
		lang, template string
		args           []string
		want           string
	}{
		{VI, "parts sum to %v, more than the total %v (overlapping breakdowns?)", []string{"1200", "86"},
			"các phần cộng lại được 1.200, lớn hơn tổng 86 (các cách chia chồng lên nhau?)"},
		{EN, "parts sum to %v, more than the total %v (overlapping breakdowns?)", []string{"1200", "86"},
			"parts sum to 1,200, more than the total 86 (overlapping breakdowns?)"},
		{VI, "page %s has no text layer and was read by OCR (Tesseract %s, %v dpi): %v words, mean confidence %v%%, %vs",
			[]string{"2023", "vie", "300", "1532", "86.38", "12.0"},
			"trang 2023 không có lớp chữ và được nhận dạng chữ (OCR) (Tesseract vie, 300 dpi): 1.532 từ, độ tin cậy trung bình 86,38%, 12,0s"},
		{EN, "page %s has no text layer and was read by OCR (Tesseract %s, %v dpi): %v words, mean confidence %v%%, %vs",
			[]string{"2023", "vie", "300", "1532", "86.38", "12.0"},
			"page 2023 has no text layer and was read by OCR (Tesseract vie, 300 dpi): 1,532 words, mean confidence 86.38%, 12.0s"},
		{VI, "the query is %v bytes, at most %v are searched", []string{"12000", "4096"},
			"từ khoá dài 12.000 byte, chỉ tìm được tối đa 4.096 byte"},
		// the date and the label stay what they are; a quantity that is not
		// a plain number is shown as given
		{VI, "report for %s is dated %s, after its due date %s (%v days late)", []string{"2023", "2023-04-02", "2023-03-20", "about 13"},
			"báo cáo kỳ 2023 ghi ngày 02/4/2023, sau hạn gửi 20/3/2023 (trễ about 13 ngày)"},
	} {
		if got := New(tc.lang).Fill(tc.template, tc.args, ""); got != tc.want {
			t.Errorf("%s %q %v:\n got %q\nwant %q", tc.lang, tc.template, tc.args, got, tc.want)
		}
	}
}

func TestFilterNames(t *testing.T) {
	for _, tc := range []struct{ lang, param, want string }{
		{VI, "period", "kỳ báo cáo (period)"}, {EN, "period", "period"},
		{VI, "ref", "số, ký hiệu văn bản (ref)"}, {EN, "ref", "document number (ref)"},
		{VI, "q", "q"},
	} {
		if got := New(tc.lang).Filter(tc.param); got != tc.want {
			t.Errorf("%s Filter(%q) = %q, want %q", tc.lang, tc.param, got, tc.want)
		}
	}
}

package check

import (
	"fmt"
	"strconv"
	"strings"
)

// msg names one message template.
type msg int

const (
	msgMissingSection msg = iota
	msgMissingSubsection
	msgOrderRequired
	msgOrderNumbering
	msgGap
	msgGapFirst
	msgFootnoteMissingText
	msgFootnoteUnreferenced
	msgNoNumber
	msgBlankNumber
	msgNoDate
	msgNoRecipient
	msgPeriodUnknown
	msgPeriodBefore
	msgPeriodAfter
	msgLate
	msgCitationImpossible
	msgCitationAfter
	msgFigureMismatch
	msgCount
)

// catalogs holds the templates of each language; vi is the default.
// Arguments are pre-formatted strings, so both languages take the same.
var catalogs = map[string][msgCount]string{
	"vi": {
		msgMissingSection:       "thiếu mục %s «%s»",
		msgMissingSubsection:    "mục %s thiếu nội dung %s «%s»",
		msgOrderRequired:        "mục «%s» (phải là mục %s) đứng sau mục «%s» (phải là mục %s)",
		msgOrderNumbering:       "mục %s đứng sau mục %s",
		msgGap:                  "đánh số không liên tục: sau mục %s là mục %s",
		msgGapFirst:             "đánh số không bắt đầu từ %s: mục đầu tiên là %s",
		msgFootnoteMissingText:  "dấu chú thích %s không có nội dung chú thích",
		msgFootnoteUnreferenced: "chú thích %s không có dấu tham chiếu trong văn bản",
		msgNoNumber:             "không có số, ký hiệu văn bản",
		msgBlankNumber:          "số văn bản để trống: %s",
		msgNoDate:               "không có ngày ban hành",
		msgNoRecipient:          "không có nơi nhận (Kính gửi)",
		msgPeriodUnknown:        "kỳ báo cáo %s không có trong chế độ báo cáo",
		msgPeriodBefore:         "báo cáo kỳ %s ghi ngày %s, trước khi kỳ bắt đầu (%s)",
		msgPeriodAfter:          "báo cáo kỳ %s ghi ngày %s, sau hạn gửi %s hơn %s ngày: kỳ báo cáo hoặc ngày ban hành có thể ghi sai",
		msgLate:                 "báo cáo kỳ %s ghi ngày %s, sau hạn gửi %s (%s ngày)",
		msgCitationImpossible:   "ngày không hợp lệ trong trích dẫn: %s",
		msgCitationAfter:        "văn bản %s ghi ngày %s, sau ngày của báo cáo (%s)",
		msgFigureMismatch:       "chỉ tiêu %s: phần nội dung nêu %s (%s: «%s») nhưng biểu số liệu nêu %s (%s: «%s»)",
	},
	"en": {
		msgMissingSection:       "missing section %s «%s»",
		msgMissingSubsection:    "section %s lacks part %s «%s»",
		msgOrderRequired:        "section «%s» (should be %s) comes after section «%s» (should be %s)",
		msgOrderNumbering:       "section %s comes after section %s",
		msgGap:                  "numbering gap: section %s is followed by section %s",
		msgGapFirst:             "numbering does not start at %s: the first section is %s",
		msgFootnoteMissingText:  "footnote mark %s has no footnote text",
		msgFootnoteUnreferenced: "footnote %s has no mark in the text",
		msgNoNumber:             "no document number (số, ký hiệu)",
		msgBlankNumber:          "the document number is blank: %s",
		msgNoDate:               "no date of issue",
		msgNoRecipient:          "no recipient (Kính gửi)",
		msgPeriodUnknown:        "reporting period %s is not in the reporting regime",
		msgPeriodBefore:         "report for %s is dated %s, before the period began (%s)",
		msgPeriodAfter:          "report for %s is dated %s, more than %[4]s days after its due date %[3]s: the period or the date is probably wrong",
		msgLate:                 "report for %s is dated %s, after its due date %s (%s days late)",
		msgCitationImpossible:   "impossible date in a citation: %s",
		msgCitationAfter:        "cited document %s is dated %s, after the report itself (%s)",
		msgFigureMismatch:       "indicator %s: the text states %s (%s: «%s») but the appendix table states %s (%s: «%s»)",
	},
}

// messages formats findings' messages in one language.
type messages struct {
	lang string
	tpl  [msgCount]string
}

// newMessages returns the catalog of lang ("vi" or "en"; anything else is vi).
func newMessages(lang string) messages {
	tpl, ok := catalogs[lang]
	if !ok {
		lang, tpl = "vi", catalogs["vi"]
	}
	return messages{lang: lang, tpl: tpl}
}

func (m messages) format(id msg, args ...string) string {
	as := make([]any, len(args))
	for i, a := range args {
		as[i] = a
	}
	return fmt.Sprintf(m.tpl[id], as...)
}

// date writes an ISO date the way the language does: 15/3/2023 in
// Vietnamese (dd/mm/yyyy, the short form documents cite dates in), ISO in English.
func (m messages) date(iso string) string {
	if m.lang != "vi" || len(iso) != 10 {
		return iso
	}
	d, _ := strconv.Atoi(iso[8:10])
	mo, _ := strconv.Atoi(iso[5:7])
	return strconv.Itoa(d) + "/" + strconv.Itoa(mo) + "/" + iso[:4]
}

// Location forms: stable, language-independent, so scripts can parse them.
func locSection(path string) string { return "section " + path }
func locFootnote(n int) string      { return "footnote " + strconv.Itoa(n) }
func locLine(n int) string          { return "line " + strconv.Itoa(n) }

const locHeader = "header"

// lineOf is the 1-based line of a byte offset in text.
func lineOf(text string, off int) int {
	off = max(0, min(off, len(text)))
	return strings.Count(text[:off], "\n") + 1
}

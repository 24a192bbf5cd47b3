package check

import (
	"strconv"
	"strings"
)

// The findings' messages: English templates with a %s for each argument.
// They are keys of the one message catalogue (package i18n), which holds
// their Vietnamese text; the CLI and the web fill them in the reader's
// language (ISO dates in the arguments are shown the reader's way), and
// Finding.Message keeps the English text for JSON. Templates lists them so
// a test can check each is translated.
const (
	msgMissingSection       = "missing section %s «%s»"
	msgMissingSubsection    = "section %s lacks part %s «%s»"
	msgOrderRequired        = "section «%s» (should be %s) comes after section «%s» (should be %s)"
	msgOrderNumbering       = "section %s comes after section %s"
	msgGap                  = "numbering gap: section %s is followed by section %s"
	msgGapFirst             = "numbering does not start at %s: the first section is %s"
	msgFootnoteMissingText  = "footnote mark %s has no footnote text"
	msgFootnoteUnreferenced = "footnote %s has no mark in the text"
	msgNoNumber             = "no document number (số, ký hiệu)"
	msgBlankNumber          = "the document number is blank: %s"
	msgNoDate               = "no date of issue"
	msgNoRecipient          = "no recipient (Kính gửi)"
	msgPeriodUnknown        = "reporting period %s is not in the reporting regime"
	msgPeriodBefore         = "report for %s is dated %s, before the period began (%s)"
	msgPeriodAfter          = "report for %s is dated %s, more than %v days after its due date %s: the period or the date is probably wrong"
	msgLate                 = "report for %s is dated %s, after its due date %s (%v days late)"
	msgCitationImpossible   = "impossible date in a citation: %s"
	msgCitationAfter        = "cited document %s is dated %s, after the report itself (%s)"
	msgFigureMismatch       = "indicator %s: the text states %s (%s: «%s») but the appendix table states %s (%s: «%s»)"
)

// Templates are the findings' message templates.
var Templates = []string{
	msgMissingSection, msgMissingSubsection, msgOrderRequired, msgOrderNumbering, msgGap, msgGapFirst,
	msgFootnoteMissingText, msgFootnoteUnreferenced, msgNoNumber, msgBlankNumber, msgNoDate, msgNoRecipient,
	msgPeriodUnknown, msgPeriodBefore, msgPeriodAfter, msgLate, msgCitationImpossible, msgCitationAfter,
	msgFigureMismatch,
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

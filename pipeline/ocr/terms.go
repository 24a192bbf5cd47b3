package ocr

import (
	"regexp"
	"strings"
	"time"

	"github.com/baocao/baocao/extract"
)

// term is one term (khóa) of a body that is named with its term number:
// the Party's Central Committee and the National Assembly. from is the day
// the term began (the Party Congress that elected the Committee, the
// Assembly's first session).
type term struct {
	from   string // ISO date
	number string // Roman
}

var (
	partyTerms = []term{{"1996-06-28", "VIII"}, {"2001-04-19", "IX"}, {"2006-04-18", "X"},
		{"2011-01-12", "XI"}, {"2016-01-20", "XII"}, {"2021-01-25", "XIII"}, {"2026-01-19", "XIV"}}
	// The Assembly's terms end with a known last day: the next term's
	// first session is not known before it happens.
	assemblyTerms = []term{{"2002-07-19", "XI"}, {"2007-07-19", "XII"}, {"2011-07-21", "XIII"},
		{"2016-07-20", "XIV"}, {"2021-07-20", "XV"}, {"2026-03-15", ""}}
)

// termAt is the term in office on an ISO date, "" when unknown.
func termAt(terms []term, date string) string {
	n := ""
	for _, t := range terms {
		if date >= t.from {
			n = t.number
		}
	}
	return n
}

// reTermDate is the date of the cited document before its issuer: "ngày
// 25-10-2017", "25/10/2017", "ngày 25 tháng 10 năm 2017".
var reTermDate = regexp.MustCompile(`(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})|ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})`)

var reTermNumeral = regexp.MustCompile(`^([IVXLÌÍ|l]{1,5})([.,;:)]*)$`)

// fixTerms mends the term number of a body Tesseract was unsure of
// ("khóa XI." read from "khóa XII.", a thin stroke lost): a document is
// issued by the body in office on its date, so "… ngày 25-10-2017 của Ban
// Chấp hành Trung ương Đảng khóa …" names the twelfth Central Committee.
// Only a numeral read with low confidence is replaced, and only when the
// date and the body stand in the words before it, on the page.
func fixTerms(words []Word) {
	for i := 1; i < len(words); i++ {
		w := &words[i]
		m := reTermNumeral.FindStringSubmatch(w.Text)
		if m == nil || w.Conf >= 60 || extract.Fold(strings.TrimRight(words[i-1].Text, ".,;:")) != "khoa" {
			continue
		}
		var before []string
		for k := max(0, i-16); k < i; k++ {
			before = append(before, words[k].Text)
		}
		ctx := strings.Join(before, " ")
		var terms []term
		switch low := extract.Fold(ctx); {
		case strings.Contains(low, "trung uong"):
			terms = partyTerms
		case strings.Contains(low, "quoc hoi"):
			terms = assemblyTerms
		default:
			continue
		}
		dates := reTermDate.FindAllStringSubmatch(ctx, -1)
		if len(dates) == 0 {
			continue
		}
		d := dates[len(dates)-1]
		if d[1] == "" {
			d = []string{d[0], d[4], d[5], d[6]}
		}
		t, err := time.Parse("2006-1-2", d[3]+"-"+d[2]+"-"+d[1])
		if err != nil {
			continue
		}
		if n := termAt(terms, t.Format("2006-01-02")); n != "" {
			w.Text = n + m[2]
		}
	}
}

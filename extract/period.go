package extract

import (
	"fmt"
	"strconv"
	"strings"
)

// The period label (Period.Label) is the one spelling of a reporting period
// that the index, the CLI, the web app and the compliance rules exchange:
// 2023-Q1…2023-Q4, 2023-H1, 2023-9M, 2023. NewPeriod writes it and
// ParsePeriod reads it; nothing else should take a label apart.

// NewPeriod returns the period of kind in year with its label; quarter is
// 1–4 for PeriodQuarter and ignored otherwise.
func NewPeriod(kind PeriodKind, year, quarter int) Period {
	p := Period{Kind: kind, Year: year}
	y := strconv.Itoa(year)
	switch kind {
	case PeriodQuarter:
		p.Quarter = quarter
		p.Label = y + "-Q" + strconv.Itoa(quarter)
	case PeriodHalfYear:
		p.Label = y + "-H1"
	case PeriodNineMonths:
		p.Label = y + "-9M"
	default:
		p.Kind = PeriodYear
		p.Label = y
	}
	return p
}

// ParsePeriod reads a period label: 2023-Q1 (quarter), 2023-H1 (first half
// year), 2023-9M (nine months) or 2023 (year), years 1900–2100; letters in either case,
// surrounding spaces ignored. The returned Period's Label is canonical.
func ParsePeriod(label string) (Period, error) {
	s := strings.ToUpper(strings.TrimSpace(label))
	ys, suffix, hasSuffix := strings.Cut(s, "-")
	year, err := strconv.Atoi(ys)
	// Years outside 1900–2100 are no reporting period ("0000" would not
	// even print back as four digits).
	if len(ys) != 4 || err != nil || ys[0] == '+' || ys[0] == '-' || year < 1900 || year > 2100 {
		return Period{}, fmt.Errorf("period %q: want 2023-Q1, 2023-H1, 2023-9M or 2023", label)
	}
	switch {
	case !hasSuffix:
		return NewPeriod(PeriodYear, year, 0), nil
	case suffix == "H1":
		return NewPeriod(PeriodHalfYear, year, 0), nil
	case suffix == "9M":
		return NewPeriod(PeriodNineMonths, year, 0), nil
	case len(suffix) == 2 && suffix[0] == 'Q' && suffix[1] >= '1' && suffix[1] <= '4':
		return NewPeriod(PeriodQuarter, year, int(suffix[1]-'0')), nil
	}
	return Period{}, fmt.Errorf("period %q: want 2023-Q1, 2023-H1, 2023-9M or 2023", label)
}

// Suffix is the part of the label after the year: Q1…Q4, H1, 9M, or "" for
// a year and the zero Period.
func (p Period) Suffix() string {
	_, s, _ := strings.Cut(p.Label, "-")
	return s
}

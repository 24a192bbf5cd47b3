// Package check finds compliance problems in extracted reports: required
// sections of the outline, section order and numbering, footnotes,
// header components, the reporting period against the issue date and the
// deadline, and citation dates. The rules are data (default_rules.yaml,
// overridable from a file), so reviewers can correct the reconstructed
// outline without rebuilding.
//
// A Checker only reads the Report; it never panics on odd input, and a
// clean report produces no finding at all.
package check

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/baocao/baocao/extract"
)

// Checker applies a RuleSet to reports. It holds only read-only tables,
// so one Checker is safe for concurrent use.
type Checker struct {
	rules *RuleSet
	m     *matcher
	types []compiledType
}

// compiledType is a ReportType with its titles in key form.
type compiledType struct {
	t        *ReportType
	docTypes []string   // folded
	title    [][]string // keys
	sections []compiledSection
	rules    map[string]RuleConfig
	periods  map[string]PeriodConfig
}

type compiledSection struct {
	rule     SectionRule
	v        variants
	children []compiledSection
}

// New builds a Checker for rs. Its findings carry their message as a
// template and arguments (extract.Finding), for the reader's language.
func New(rs *RuleSet) *Checker {
	c := &Checker{rules: rs, m: newMatcher(rs)}
	for i := range rs.ReportTypes {
		t := &rs.ReportTypes[i]
		ct := compiledType{t: t, rules: mergeRules(rs.Rules, t.Rules), periods: mergeMap(rs.Periods, t.Periods)}
		for _, d := range t.Match.DocTypes {
			ct.docTypes = append(ct.docTypes, strings.Join(words(d), " "))
		}
		for _, p := range t.Match.Title {
			if k := c.m.key(p); len(k) > 0 {
				ct.title = append(ct.title, k)
			}
		}
		ct.sections = c.compileSections(t.Sections)
		c.types = append(c.types, ct)
	}
	return c
}

func (c *Checker) compileSections(rules []SectionRule) []compiledSection {
	var out []compiledSection
	for _, r := range rules {
		out = append(out, compiledSection{rule: r, v: c.m.variants(r.Titles), children: c.compileSections(r.Children)})
	}
	return out
}

// Rules returns the rule set the checker applies.
func (c *Checker) Rules() *RuleSet { return c.rules }

// TypeOf returns the name of the report type that applies to r, "" when
// none does (then only the type-independent checks run).
func (c *Checker) TypeOf(r *extract.Report) string {
	if t := c.typeOf(r); t != nil {
		return t.t.Name
	}
	return ""
}

func (c *Checker) typeOf(r *extract.Report) *compiledType {
	dt := strings.Join(words(r.Meta.DocType), " ")
	title := c.m.key(r.Meta.Title)
	for i := range c.types {
		t := &c.types[i]
		if len(t.docTypes) > 0 && !containsString(t.docTypes, dt) {
			continue
		}
		if len(t.title) > 0 {
			ok := false
			for _, k := range t.title {
				if contains(title, k) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		return t
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// run collects the findings of one report.
type run struct {
	c        *Checker
	r        *extract.Report
	t        *compiledType
	rules    map[string]RuleConfig
	findings []extract.Finding
}

func (x *run) add(rule, loc, template string, args ...string) {
	rc, ok := x.rules[rule]
	if !ok || !rc.on() {
		return
	}
	x.findings = append(x.findings, extract.NewFinding(rule, rc.Severity, loc, template, args...))
}

// Check returns the findings of r, in rule order (RuleIDs) and then in
// document order; nil when the report is clean.
func (c *Checker) Check(r *extract.Report) []extract.Finding {
	if r == nil {
		return nil
	}
	x := &run{c: c, r: r, t: c.typeOf(r), rules: c.rules.Rules}
	if x.t != nil {
		x.rules = x.t.rules
		x.header()
		x.period()
		x.required()
	}
	x.numbering()
	x.footnotes()
	x.citations()
	x.figures()
	order := map[string]int{}
	for i, id := range RuleIDs() {
		order[id] = i
	}
	sort.SliceStable(x.findings, func(i, j int) bool {
		return order[x.findings[i].Rule] < order[x.findings[j].Rule]
	})
	return x.findings
}

// HasErrors reports whether any finding has error severity.
func HasErrors(fs []extract.Finding) bool {
	for _, f := range fs {
		if f.Severity == extract.SeverityError {
			return true
		}
	}
	return false
}

func (x *run) header() {
	h, m := x.t.t.Header, x.r.Meta
	if h.Number {
		switch {
		case strings.TrimSpace(m.Number) == "":
			x.add(RuleHeaderMissingNumber, locHeader, msgNoNumber)
		case strings.HasPrefix(m.Number, "/") && !h.AcceptBlankNumber:
			x.add(RuleHeaderMissingNumber, locHeader, msgBlankNumber, m.Number)
		}
	}
	if h.Date && m.Date == "" {
		x.add(RuleHeaderMissingDate, locHeader, msgNoDate)
	}
	if h.Recipient && len(nonEmpty(m.Recipients)) == 0 {
		x.add(RuleHeaderMissingRecipient, locHeader, msgNoRecipient)
	}
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// period compares the issue date with the window and deadline of the
// period the title names.
func (x *run) period() {
	label, date := x.r.Meta.Period.Label, x.r.Meta.Date
	if label == "" {
		return
	}
	w, ok := windowOf(x.t.periods, label)
	if !ok {
		x.add(RulePeriodUnknown, locHeader, msgPeriodUnknown, label)
		return
	}
	if !validISO(date) {
		return
	}
	if date < w.From {
		x.add(RulePeriodMismatch, locHeader, msgPeriodBefore, label, date, w.From)
		return
	}
	if date <= w.Due {
		return
	}
	late := daysBetween(w.Due, date)
	if limit := x.c.rules.MismatchAfterDays; limit > 0 && late > limit {
		x.add(RulePeriodMismatch, locHeader, msgPeriodAfter, label, date, strconv.Itoa(limit), w.Due)
	}
	x.add(RuleLateSubmission, locHeader, msgLate, label, date, w.Due, strconv.Itoa(late))
}

// Late reports whether a report dated date (ISO) is after the due date of
// its period label under rs, and the due date; ok is false when either is
// unknown. It is the late-submission rule without a whole Report.
func (rs *RuleSet) Late(label, date string) (late bool, due string, ok bool) {
	w, found := rs.PeriodWindow(label)
	if !found || !validISO(date) {
		return false, w.Due, false
	}
	return date > w.Due, w.Due, true
}

func validISO(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func daysBetween(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// found is a heading matched to a required section.
type found struct {
	sec *extract.Section
	pos int // document order
}

// required checks that every required section of the outline is there,
// in order.
func (x *run) required() {
	var flat []*extract.Section
	var walk func(secs []*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			if s == nil {
				continue
			}
			flat = append(flat, s)
			walk(s.Children)
		}
	}
	walk(x.r.Sections)
	pos := map[*extract.Section]int{}
	for i, s := range flat {
		pos[s] = i
	}
	x.requireIn(x.t.sections, nonNil(x.r.Sections), flat, pos, nil)
}

func nonNil(secs []*extract.Section) []*extract.Section {
	var out []*extract.Section
	for _, s := range secs {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// requireIn matches rules to candidates (first to the preferred ones, the
// direct level, then to any in fallback), reports the missing ones and
// those out of order, and recurses into children. parent is nil at the top.
func (x *run) requireIn(rules []compiledSection, preferred, fallback []*extract.Section, pos map[*extract.Section]int, parent *extract.Section) {
	if len(rules) == 0 {
		return
	}
	got := make([]*found, len(rules))
	assign := func(cands []*extract.Section) {
		used := map[*extract.Section]bool{}
		for _, f := range got {
			if f != nil {
				used[f.sec] = true
			}
		}
		for _, s := range cands {
			if used[s] {
				continue
			}
			key := x.c.m.key(s.Title)
			best, bestScore := -1, 0
			for i, r := range rules {
				if sc := r.v.score(key); sc > bestScore {
					best, bestScore = i, sc
				}
			}
			if best >= 0 && got[best] == nil {
				got[best] = &found{sec: s, pos: pos[s]}
				used[s] = true
			}
		}
	}
	assign(preferred)
	assign(fallback)

	var prev *found
	var prevRule SectionRule
	for i, f := range got {
		r := rules[i].rule
		if f == nil {
			title := ""
			if len(r.Titles) > 0 {
				title = strings.ToUpper(r.Titles[0])
			}
			if parent == nil {
				x.add(RuleMissingSection, locSection(r.Number), msgMissingSection, r.Number, title)
			} else {
				x.add(RuleMissingSection, locSection(parent.Path), msgMissingSubsection, parent.Path, r.Number, r.Titles[0])
			}
			continue
		}
		if prev != nil && f.pos < prev.pos {
			x.add(RuleSectionOrder, locSection(f.sec.Path),
				msgOrderRequired, f.sec.Title, r.Number, prev.sec.Title, prevRule.Number)
		}
		if prev == nil || f.pos > prev.pos {
			prev, prevRule = f, r
		}
		if len(rules[i].children) > 0 {
			var under []*extract.Section
			var walk func(secs []*extract.Section)
			walk = func(secs []*extract.Section) {
				for _, s := range secs {
					if s != nil {
						under = append(under, s)
						walk(s.Children)
					}
				}
			}
			walk(f.sec.Children)
			x.requireIn(rules[i].children, nonNil(f.sec.Children), under, pos, f.sec)
		}
	}
}

// numbering checks every list of sibling headings: numbers of one kind
// go up one by one from the first (I, II…; 1, 2…; a, b… with đ optional;
// the last part of 1.1, 1.2…).
func (x *run) numbering() {
	var walk func(parent string, secs []*extract.Section)
	walk = func(parent string, secs []*extract.Section) {
		secs = nonNil(secs)
		last := map[numKind]*extract.Section{}
		lastOrd := map[numKind]int{}
		for _, s := range secs {
			kind, ord := ordinal(s.Number)
			if kind == numUnknown {
				continue
			}
			prev, seen := last[kind]
			switch {
			case !seen:
				if ord != 1 {
					x.add(RuleNumberingGap, locSection(s.Path), msgGapFirst, firstOf(kind, s.Number), s.Path)
				}
			case ord <= lastOrd[kind]:
				x.add(RuleSectionOrder, locSection(s.Path), msgOrderNumbering, s.Path, prev.Path)
			case ord > lastOrd[kind]+1 && !(kind == numLetter && skipsOnlyDD(lastOrd[kind], ord)):
				x.add(RuleNumberingGap, locSection(s.Path), msgGap, prev.Path, s.Path)
			}
			if !seen || ord > lastOrd[kind] {
				last[kind], lastOrd[kind] = s, ord
			}
		}
		for _, s := range secs {
			walk(s.Path, s.Children)
		}
	}
	walk("", x.r.Sections)
}

type numKind int

const (
	numUnknown numKind = iota
	numRoman
	numArabic
	numLetter
	numDecimal
)

var (
	reRomanNum   = regexp.MustCompile(`^(X{0,3})(IX|IV|V?I{0,3})$`)
	reArabicNum  = regexp.MustCompile(`^0*([1-9]\d{0,2})$`)
	reDecimalNum = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3})*\.0*([1-9]\d{0,2})$`)
)

// letters is the Vietnamese alphabet order of list letters (no f, j, w, z).
const letters = "abcdđeghiklmnopqrstuvxy"

// ordinal returns the kind of a section number and its position (1-based).
func ordinal(num string) (numKind, int) {
	switch {
	case num == "":
		return numUnknown, 0
	case reRomanNum.MatchString(num):
		return numRoman, romanValue(num)
	case reArabicNum.MatchString(num):
		n, _ := strconv.Atoi(reArabicNum.FindStringSubmatch(num)[1])
		return numArabic, n
	case reDecimalNum.MatchString(num):
		n, _ := strconv.Atoi(reDecimalNum.FindStringSubmatch(num)[1])
		return numDecimal, n
	}
	rs := []rune(strings.ToLower(num))
	if len(rs) == 1 {
		if i := strings.IndexRune(letters, rs[0]); i >= 0 {
			return numLetter, len([]rune(letters[:i])) + 1
		}
	}
	return numUnknown, 0
}

// skipsOnlyDD: going from d straight to e (without đ) is ordinary.
func skipsOnlyDD(prev, cur int) bool {
	const d, e = 4, 6
	return prev == d && cur == e
}

func romanValue(s string) int {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10}
	n := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// firstOf is the number a list of this kind starts at.
func firstOf(kind numKind, like string) string {
	switch kind {
	case numRoman:
		return "I"
	case numLetter:
		return "a"
	case numDecimal:
		if i := strings.LastIndexByte(like, '.'); i >= 0 {
			return like[:i+1] + "1"
		}
	}
	return "1"
}

var reFirstNumber = regexp.MustCompile(`\d+`)

func (x *run) footnotes() {
	for _, d := range x.r.Diagnostics {
		if d.Code != "footnote.missing_text" {
			continue
		}
		// The marker has no footnote of its own, so its number is only in
		// the diagnostic; where it stands is its span.
		n := reFirstNumber.FindString(d.Message)
		loc := locHeader
		if d.Span != nil {
			loc = x.where(d.Span.Start)
		}
		x.add(RuleFootnoteMissingText, loc, msgFootnoteMissingText, n)
	}
	for _, f := range x.r.Footnotes {
		if f.Anchor < 0 {
			x.add(RuleFootnoteUnreferenced, locFootnote(f.Number), msgFootnoteUnreferenced, strconv.Itoa(f.Number))
		}
	}
}

func (x *run) citations() {
	for _, d := range x.r.Diagnostics {
		if d.Code != "citation.bad_date" || d.Span == nil {
			continue
		}
		x.add(RuleCitationBadDate, x.where(d.Span.Start), msgCitationImpossible, x.slice(*d.Span))
	}
	date := x.r.Meta.Date
	if !validISO(date) {
		return
	}
	for _, c := range x.r.Citations {
		if !validISO(c.Date) || c.Date <= date {
			continue
		}
		name := c.Type
		if c.Ref != nil {
			name = strings.TrimSpace(c.Type + " " + *c.Ref)
		} else if c.Title != "" {
			name = c.Title
		}
		loc := x.where(c.Span.Start)
		if c.Footnote != nil {
			loc = locFootnote(*c.Footnote)
		}
		x.add(RuleCitationBadDate, loc, msgCitationAfter, name, c.Date, date)
	}
}

// figures compares the narrative with the appendix tables: an indicator
// whose table values share none of the values the text states is a
// figure-mismatch, located at the text's value and naming both places.
func (x *run) figures() {
	type vals struct{ text, table []extract.Indicator }
	by := map[string]*vals{}
	var order []string
	for _, v := range x.r.Indicators {
		g := by[v.Indicator]
		if g == nil {
			g = &vals{}
			by[v.Indicator] = g
			order = append(order, v.Indicator)
		}
		if v.Source == extract.SourceTable {
			g.table = append(g.table, v)
		} else {
			g.text = append(g.text, v)
		}
	}
	same := func(a, b extract.Indicator) bool {
		return math.Abs(a.Value-b.Value) < 1e-9 && math.Abs(a.OutOf-b.OutOf) < 1e-9
	}
	// A table figure the text states under another indicator is a table
	// row read doubtfully (a PDF row whose columns ran together), not a
	// disagreement: only figures the text never states are reported.
	stated := map[[2]float64]bool{}
	for _, v := range x.r.Indicators {
		if v.Source != extract.SourceTable {
			stated[[2]float64{v.Value, v.OutOf}] = true
		}
	}
	for _, id := range order {
		g := by[id]
		if len(g.text) == 0 || len(g.table) == 0 {
			continue
		}
		// The appendix confirms the text when they share a value (a table
		// may break a measure down further than the text does).
		agree := false
		for _, tv := range g.table {
			for _, nv := range g.text {
				agree = agree || same(nv, tv)
			}
		}
		if agree {
			continue
		}
		for _, tv := range g.table {
			if stated[[2]float64{tv.Value, tv.OutOf}] {
				continue
			}
			nv := g.text[0]
			x.add(RuleFigureMismatch, x.where(nv.Span.Start), msgFigureMismatch, id,
				x.slice(nv.Span), x.where(nv.Span.Start), clip(nv.Text, 120),
				x.slice(tv.Span), x.where(tv.Span.Start), clip(tv.Text, 120))
		}
	}
}

// clip shortens s to at most n runes, with "…".
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// where names the place of a text offset: its footnote, else the
// innermost section holding it, else its line.
func (x *run) where(off int) string {
	for _, f := range x.r.Footnotes {
		if f.Span.Contains(off) {
			return locFootnote(f.Number)
		}
	}
	path := ""
	var walk func(secs []*extract.Section)
	walk = func(secs []*extract.Section) {
		for _, s := range secs {
			if s != nil && s.Body.Contains(off) {
				path = s.Path
				walk(s.Children)
				return
			}
		}
	}
	walk(x.r.Sections)
	if path != "" {
		return locSection(path)
	}
	return locLine(lineOf(x.r.Text, off))
}

// slice is the text of a span, clamped, on one line.
func (x *run) slice(s extract.Span) string {
	t := x.r.Text
	a, b := max(0, min(s.Start, len(t))), max(0, min(s.End, len(t)))
	if b < a {
		return ""
	}
	return strings.Join(strings.Fields(strings.ToValidUTF8(t[a:b], "")), " ")
}

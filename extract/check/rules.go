package check

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/baocao/baocao/extract"
)

//go:embed default_rules.yaml
var defaultRulesYAML []byte

// Rule ids: stable names used in findings, rule files, search filters and
// the JSON output. RuleIDs lists them in the order checks run.
const (
	RuleMissingSection         = "missing-section"
	RuleSectionOrder           = "section-order"
	RuleNumberingGap           = "numbering-gap"
	RuleFootnoteMissingText    = "footnote-missing-text"
	RuleFootnoteUnreferenced   = "footnote-unreferenced"
	RuleHeaderMissingNumber    = "header-missing-number"
	RuleHeaderMissingDate      = "header-missing-date"
	RuleHeaderMissingRecipient = "header-missing-recipient"
	RulePeriodMismatch         = "period-mismatch"
	RulePeriodUnknown          = "period-unknown"
	RuleLateSubmission         = "late-submission"
	RuleCitationBadDate        = "citation-bad-date"
	// RuleReusedSection: a section (nearly) the same as in the province's
	// previous report. The index checks it (it needs the previous report),
	// at ingest, with the severity and switch of the rule file.
	RuleReusedSection  = "reused-section"
	RuleFigureMismatch = "figure-mismatch"
)

// RuleIDs returns every rule id in the order the checks run.
func RuleIDs() []string {
	return []string{RuleHeaderMissingNumber, RuleHeaderMissingDate, RuleHeaderMissingRecipient,
		RulePeriodUnknown, RulePeriodMismatch, RuleLateSubmission,
		RuleMissingSection, RuleSectionOrder, RuleNumberingGap,
		RuleFootnoteMissingText, RuleFootnoteUnreferenced, RuleCitationBadDate, RuleFigureMismatch,
		RuleReusedSection}
}

// RuleSet is a parsed rule file (see default_rules.yaml for the format).
type RuleSet struct {
	Version int                   `yaml:"version"`
	Rules   map[string]RuleConfig `yaml:"rules"`
	// Abbreviations adds entries to Table for the checks only; the shared
	// table is extract's (config key "abbreviations").
	Abbreviations map[string]string `yaml:"abbreviations"`
	// Table is the program's abbreviation table; nil = the built-in one.
	Table       *extract.Abbreviations  `yaml:"-"`
	FillerWords []string                `yaml:"filler_words"`
	Periods     map[string]PeriodConfig `yaml:"periods"`
	// MismatchAfterDays: a report dated more than this many days after its
	// period's due date is probably labelled with the wrong period.
	MismatchAfterDays int          `yaml:"mismatch_after_days"`
	ReportTypes       []ReportType `yaml:"report_types"`
}

// RuleConfig turns one check on or off and sets its severity.
type RuleConfig struct {
	Severity extract.Severity `yaml:"severity"`
	// Enabled is nil when not given (on).
	Enabled *bool `yaml:"enabled,omitempty"`
}

func (c RuleConfig) on() bool { return c.Enabled == nil || *c.Enabled }

// Rule returns the severity of rule id and whether it is on.
func (rs *RuleSet) Rule(id string) (extract.Severity, bool) {
	c, ok := rs.Rules[id]
	if !ok || !c.on() {
		return "", false
	}
	return c.Severity, true
}

// PeriodConfig is one reporting period: its data window and deadline as
// MM-DD within the period's year.
type PeriodConfig struct {
	Name string `yaml:"name"`
	From string `yaml:"from"`
	// FromPreviousYear: the window opens in the year before the period's.
	FromPreviousYear bool   `yaml:"from_previous_year"`
	To               string `yaml:"to"`
	Due              string `yaml:"due"`
}

// ReportType is the rule set of one kind of report.
type ReportType struct {
	Name        string                  `yaml:"name"`
	Description string                  `yaml:"description"`
	Match       TypeMatch               `yaml:"match"`
	Header      HeaderRules             `yaml:"header"`
	Sections    []SectionRule           `yaml:"sections"`
	Rules       map[string]RuleConfig   `yaml:"rules"`
	Periods     map[string]PeriodConfig `yaml:"periods"`
}

// TypeMatch selects the reports a ReportType applies to. Empty lists match
// everything; values compare normalised (case, tone marks, diacritics).
type TypeMatch struct {
	// DocTypes are accepted Meta.DocType values ("Báo cáo").
	DocTypes []string `yaml:"doc_types"`
	// Title lists phrases of which the title must contain one.
	Title []string `yaml:"title"`
}

// HeaderRules says which header components the type requires.
type HeaderRules struct {
	Number            bool `yaml:"number"`
	Date              bool `yaml:"date"`
	Recipient         bool `yaml:"recipient"`
	AcceptBlankNumber bool `yaml:"accept_blank_number"`
}

// SectionRule is one required section: its number in the outline (for
// messages), the accepted title beginnings, and required sub-sections
// looked for anywhere under it.
type SectionRule struct {
	Number   string        `yaml:"number"`
	Titles   []string      `yaml:"titles"`
	Children []SectionRule `yaml:"children"`
}

// DefaultRules returns the built-in rule set.
func DefaultRules() (*RuleSet, error) {
	return ParseRules(defaultRulesYAML)
}

// ParseRules parses and validates one complete rule file.
func ParseRules(data []byte) (*RuleSet, error) {
	rs, err := decode(data)
	if err != nil {
		return nil, err
	}
	if err := rs.Validate(); err != nil {
		return nil, err
	}
	return rs, nil
}

func decode(data []byte) (*RuleSet, error) {
	var rs RuleSet
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&rs); err != nil {
		if errors.Is(err, io.EOF) {
			return &rs, nil // an empty file changes nothing
		}
		return nil, fmt.Errorf("rules: %w", err)
	}
	return &rs, nil
}

// LoadRules returns the built-in rules with the file at path merged over
// them; path "" means the built-in rules alone.
func LoadRules(path string) (*RuleSet, error) {
	base, err := DefaultRules()
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	if path == "" {
		return base, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	over, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rs := base.Merge(over)
	if err := rs.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

// Merge returns rs with over laid on top: maps merge by key, report types
// with the same name are replaced (new ones are added after), lists and
// scalars given in over replace those of rs.
func (rs *RuleSet) Merge(over *RuleSet) *RuleSet {
	out := *rs
	out.Rules = mergeRules(rs.Rules, over.Rules)
	out.Abbreviations = mergeMap(rs.Abbreviations, over.Abbreviations)
	out.Periods = mergeMap(rs.Periods, over.Periods)
	if over.FillerWords != nil {
		out.FillerWords = over.FillerWords
	}
	if over.MismatchAfterDays != 0 {
		out.MismatchAfterDays = over.MismatchAfterDays
	}
	if over.Version != 0 {
		out.Version = over.Version
	}
	out.ReportTypes = append([]ReportType(nil), rs.ReportTypes...)
	for _, t := range over.ReportTypes {
		replaced := false
		for i := range out.ReportTypes {
			if out.ReportTypes[i].Name == t.Name {
				out.ReportTypes[i] = t
				replaced = true
			}
		}
		if !replaced {
			out.ReportTypes = append(out.ReportTypes, t)
		}
	}
	return &out
}

// mergeRules lays b over a field by field: {enabled: false} alone keeps
// the severity, {severity: warning} alone keeps the rule on or off.
func mergeRules(a, b map[string]RuleConfig) map[string]RuleConfig {
	out := mergeMap(a, nil)
	for id, c := range b {
		prev := out[id]
		if c.Severity != "" {
			prev.Severity = c.Severity
		}
		if c.Enabled != nil {
			prev.Enabled = c.Enabled
		}
		out[id] = prev
	}
	return out
}

func mergeMap[V any](a, b map[string]V) map[string]V {
	out := make(map[string]V, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// Validate reports every problem of the rule set at once.
func (rs *RuleSet) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if rs.Version != 1 {
		bad("version %d: want 1", rs.Version)
	}
	known := map[string]bool{}
	for _, id := range RuleIDs() {
		known[id] = true
	}
	checkRules := func(where string, m map[string]RuleConfig) {
		for _, id := range sortedKeys(m) {
			c := m[id]
			if !known[id] {
				bad("%srules.%s: unknown rule (known: %s)", where, id, strings.Join(RuleIDs(), ", "))
			}
			if c.Severity != extract.SeverityError && c.Severity != extract.SeverityWarning && c.Severity != "" {
				bad("%srules.%s.severity %q: want error or warning", where, id, c.Severity)
			}
		}
	}
	checkRules("", rs.Rules)
	for _, id := range RuleIDs() {
		if c, ok := rs.Rules[id]; !ok || c.Severity == "" {
			bad("rules.%s: no severity", id)
		}
	}
	checkPeriods := func(where string, m map[string]PeriodConfig) {
		for _, k := range sortedKeys(m) {
			p := m[k]
			if !validPeriodKey(k) {
				bad("%speriods.%s: want Q1–Q4, H1, H2, 9M or year", where, k)
			}
			for _, f := range []struct{ name, v string }{{"from", p.From}, {"to", p.To}, {"due", p.Due}} {
				if _, err := time.Parse("01-02", f.v); err != nil {
					bad("%speriods.%s.%s %q: want MM-DD", where, k, f.name, f.v)
				}
			}
		}
	}
	checkPeriods("", rs.Periods)
	if rs.MismatchAfterDays < 0 {
		bad("mismatch_after_days %d: must not be negative", rs.MismatchAfterDays)
	}
	names := map[string]bool{}
	for i, t := range rs.ReportTypes {
		where := fmt.Sprintf("report_types[%d]", i)
		if t.Name == "" {
			bad("%s: no name", where)
		} else if names[t.Name] {
			bad("%s: duplicate name %q", where, t.Name)
		}
		names[t.Name] = true
		where = fmt.Sprintf("report_types.%s.", t.Name)
		checkRules(where, t.Rules)
		checkPeriods(where, t.Periods)
		var walk func(path string, secs []SectionRule)
		walk = func(path string, secs []SectionRule) {
			for j, s := range secs {
				if len(s.Titles) == 0 {
					bad("%ssections%s[%d] (%s): no titles", where, path, j, s.Number)
				}
				for _, title := range s.Titles {
					if strings.TrimSpace(title) == "" {
						bad("%ssections%s[%d] (%s): empty title", where, path, j, s.Number)
					}
				}
				walk(fmt.Sprintf("%s[%d].children", path, j), s.Children)
			}
		}
		walk("", t.Sections)
	}
	return errors.Join(errs...)
}

func validPeriodKey(k string) bool {
	switch k {
	case "Q1", "Q2", "Q3", "Q4", "H1", "H2", "9M", "year":
		return true
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// periodKey is the key of a period label in RuleSet.Periods: 2023-Q1 → Q1,
// 2023 → year; "" when the label is empty or malformed.
func periodKey(label string) string {
	p, err := extract.ParsePeriod(label)
	if err != nil {
		return ""
	}
	if p.Kind == extract.PeriodYear {
		return "year"
	}
	return p.Suffix()
}

// Window is a period's data window and due date as ISO dates.
type Window struct {
	From, To, Due string
}

// PeriodWindow returns the window of a period label (2023-Q1) under the
// rule set's global periods; ok is false for a period the rules do not
// know (2023-Q2 in the national regime) or a malformed label.
func (rs *RuleSet) PeriodWindow(label string) (Window, bool) {
	return windowOf(rs.Periods, label)
}

func windowOf(periods map[string]PeriodConfig, label string) (Window, bool) {
	per, err := extract.ParsePeriod(label)
	p, ok := periods[periodKey(label)]
	if err != nil || !ok || per.Year < 1900 {
		return Window{}, false
	}
	year := per.Year
	fromYear := year
	if p.FromPreviousYear {
		fromYear--
	}
	return Window{
		From: fmt.Sprintf("%04d-%s", fromYear, p.From),
		To:   fmt.Sprintf("%04d-%s", year, p.To),
		Due:  fmt.Sprintf("%04d-%s", year, p.Due),
	}, true
}

// PeriodEnd is the last calendar day of a period label (2023-Q1 →
// 2023-03-31, 2023-9M → 2023-09-30, 2023 → 2023-12-31), for periods the
// rules have no due date for.
func PeriodEnd(label string) (string, bool) {
	per, err := extract.ParsePeriod(label)
	if err != nil {
		return "", false
	}
	year := fmt.Sprintf("%04d", per.Year)
	var month string
	switch periodKey(label) {
	case "Q1":
		month = "03-31"
	case "Q2", "H1":
		month = "06-30"
	case "Q3", "9M":
		month = "09-30"
	case "Q4", "H2", "year":
		month = "12-31"
	default:
		return "", false
	}
	return year + "-" + month, true
}

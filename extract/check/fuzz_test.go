package check

import (
	"testing"

	"github.com/baocao/baocao/extract"
)

// FuzzRules: any rule file either fails to parse or yields a checker that
// never panics and only reports known rules with a valid severity.
func FuzzRules(f *testing.F) {
	f.Add(defaultRulesYAML, "Kết quả CCHC quý I năm 2023", "2023-Q1", "2023-03-25")
	f.Add([]byte("version: 1\nrules: {late-submission: {severity: warning}}"), "CCHC", "2023", "2023-13-01")
	f.Add([]byte("report_types: [{name: x, sections: [{number: I, titles: [a]}]}]"), "", "9999-9M", "")
	f.Fuzz(func(t *testing.T, data []byte, title, label, date string) {
		over, err := decode(data)
		if err != nil {
			return
		}
		base, err := DefaultRules()
		if err != nil {
			t.Fatal(err)
		}
		rs := base.Merge(over)
		if rs.Validate() != nil {
			return
		}
		c := New(rs)
		r := cleanReport()
		r.Meta.Title, r.Meta.Period.Label, r.Meta.Date = title, label, date
		known := map[string]bool{}
		for _, id := range RuleIDs() {
			known[id] = true
		}
		for _, fd := range c.Check(r) {
			if !known[fd.Rule] || (fd.Severity != extract.SeverityError && fd.Severity != extract.SeverityWarning) {
				t.Fatalf("finding %+v", fd)
			}
		}
	})
}

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/extract/check"
)

// cleanSamples are the complete sample reports (testdata/README.md): real
// dates, on time, full outline. The other DOCX and PDF files in
// testdata/docs are fragments made for the format ingesters.
var cleanSamples = []string{
	"binh-dinh-2023.md", "ca-mau-2024-h1.txt", "dak-lak-2023-q1.txt", "dong-thap-2025-q3.md",
	"gia-lai-2025-q3.txt", "ha-noi-2024.md", "ha-tinh-2024-9m.txt", "ho-chi-minh-2023-q1.txt",
	"khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2025.md", "lang-son-2025-q1.md",
	"lao-cai-2025-q3.md", "nghe-an-2024-h1.md", "quang-ninh-2024-h1.md", "son-la-2023-h1.txt",
	"thanh-hoa-2023-q1.md",
}

func TestCheckCleanSamplesHaveNoFinding(t *testing.T) {
	var files []string
	for _, f := range cleanSamples {
		files = append(files, abs(t, filepath.Join("../../testdata/docs", f)))
	}
	stdout, stderr, code := run(t, t.TempDir(), append([]string{"check", "-o", "json"}, files...)...)
	if code != 0 {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	var res []fileCheck
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(res) != len(files) {
		t.Fatalf("%d results for %d files", len(res), len(files))
	}
	for _, r := range res {
		if r.Error != "" || len(r.Violations) > 0 || r.ReportType != "cchc-periodic" {
			t.Errorf("%s: type %q, error %q, findings %+v", filepath.Base(r.File), r.ReportType, r.Error, r.Violations)
		}
	}
}

// TestCheckSeedPage: the seed is page 1 only, without the header block, so
// the outline, number, date and deadline rules cannot apply to it; every
// other rule must pass.
func TestCheckSeedPage(t *testing.T) {
	seed := abs(t, seedPath)
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("the seed page is not beside the checkout (%v)", err)
	}
	stdout, stderr, _ := run(t, t.TempDir(), "check", "-o", "json", seed)
	var res fileCheck
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v\n%s%s", err, stdout, stderr)
	}
	notOnOnePage := map[string]bool{"missing-section": true, "header-missing-number": true,
		"header-missing-date": true, "period-mismatch": true, "late-submission": true}
	for _, f := range res.Violations {
		if !notOnOnePage[f.Rule] {
			t.Errorf("seed page: %+v", f)
		}
	}
}

// faultyReport is the Khánh Hòa sample dated after the deadline and
// without section V.
func faultyReport(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile("../../testdata/docs/khanh-hoa-2023-q1.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(data), "ngày 15 tháng 3 năm 2023", "ngày 27 tháng 3 năm 2023", 1)
	text = strings.Replace(text, "# V. ĐỀ XUẤT, KIẾN NGHỊ", "Đề xuất, kiến nghị:", 1)
	p := filepath.Join(dir, "khanh-hoa-late.md")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func findingRulesOf(fs []extract.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return strings.Join(out, " ")
}

func TestCheckFaultyFile(t *testing.T) {
	dir := t.TempDir()
	file := faultyReport(t, dir)
	stdout, _, code := run(t, dir, "check", "-o", "json", file)
	if code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	var res fileCheck
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if got := findingRulesOf(res.Violations); got != "late-submission missing-section" {
		t.Errorf("findings %q", got)
	}
	text, _, _ := run(t, dir, "check", file)
	if !strings.Contains(text, "late-submission") || !strings.Contains(text, "20/3/2023") {
		t.Errorf("text output:\n%s", text)
	}
}

// TestCheckRulesFromConfig: check.rules (relative to the config file)
// changes the rules without rebuilding, and lang: en the messages.
func TestCheckRulesFromConfig(t *testing.T) {
	dir := t.TempDir()
	file := faultyReport(t, dir)
	if err := os.Mkdir(filepath.Join(dir, "conf"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, "conf", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("baocao.yaml", "lang: en\ncheck:\n  rules: rules.yaml\n")
	write("rules.yaml", "rules:\n  late-submission: {severity: error, enabled: false}\n  missing-section: {severity: warning}\n")
	stdout, stderr, code := run(t, dir, "--config", filepath.Join(dir, "conf", "baocao.yaml"), "check", "-o", "json", file)
	if code != exitOK {
		t.Errorf("exit %d (%s), want 0: only warnings are left", code, stderr)
	}
	var res fileCheck
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Violations) != 1 || res.Violations[0].Rule != "missing-section" ||
		res.Violations[0].Severity != "warning" || !strings.HasPrefix(res.Violations[0].Message, "missing section V") {
		t.Errorf("findings %+v", res.Violations)
	}

	write("rules.yaml", "rules:\n  no-such-rule: {severity: error}\n")
	if _, _, code := run(t, dir, "--config", filepath.Join(dir, "conf", "baocao.yaml"), "check", file); code != exitUsage {
		t.Errorf("bad rule file: exit %d, want %d", code, exitUsage)
	}
}

func TestCheckUsage(t *testing.T) {
	for _, args := range [][]string{{"check"}, {"check", "--period", "2023-Q5"}, {"check", "--period", "2023-Q1", "x.md"}} {
		if _, _, code := run(t, t.TempDir(), args...); code != exitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}

// TestSubmissionsAndPeriodCheck ingests three 2023-Q1 reports and a late
// second Khánh Hòa report, then tracks the period.
func TestSubmissionsAndPeriodCheck(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"khanh-hoa-2023-q1.md", "thanh-hoa-2023-q1.md", "dak-lak-2023-q1.txt"} {
		data, err := os.ReadFile(filepath.Join("../../testdata/docs", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(inbox, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	faultyReport(t, inbox)
	if _, stderr, code := run(t, dir, "ingest", inbox); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}

	stdout, _, code := run(t, dir, "submissions", "--period", "2023-Q1", "-o", "json")
	if code != 0 {
		t.Fatalf("submissions: exit %d", code)
	}
	var s check.Submissions
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.Units != 63 || s.Submitted != 3 || s.Missing != 60 || s.Late != 1 || s.OnTime != 2 || s.Due != "2023-03-20" {
		t.Errorf("summary %+v", s)
	}
	for _, r := range s.Rows {
		switch r.Province {
		case "Khánh Hòa":
			// The later report counts, as in compare.
			if r.Status != check.StatusLate || r.Date != "2023-03-27" || r.DaysLate != 7 || len(r.Duplicates) != 1 {
				t.Errorf("Khánh Hòa: %+v", r)
			}
		case "Thanh Hóa", "Đắk Lắk":
			if r.Status != check.StatusOnTime {
				t.Errorf("%s: %+v", r.Province, r)
			}
		default:
			if r.Status != check.StatusMissing {
				t.Errorf("%s: %+v", r.Province, r)
			}
		}
	}
	if text, _, _ := run(t, dir, "submissions", "--period", "2023-Q1"); !strings.Contains(text, "Trễ hạn (7 ngày)") {
		t.Errorf("table:\n%s", text)
	}
	// After the 2025 merger the tracker lists 34 units.
	stdout, _, _ = run(t, dir, "submissions", "--period", "2025-Q3", "-o", "json")
	if err := json.Unmarshal([]byte(stdout), &s); err != nil || s.Units != 34 {
		t.Errorf("2025-Q3: %d units (%v)", s.Units, err)
	}

	stdout, _, code = run(t, dir, "check", "--period", "2023-Q1", "-o", "json")
	if code != exitFailure {
		t.Errorf("check --period: exit %d, want 1 (the late report)", code)
	}
	var pc periodCheck
	if err := json.Unmarshal([]byte(stdout), &pc); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for _, r := range pc.Rows {
		if len(r.Violations) > 0 {
			bad++
		}
	}
	if len(pc.Rows) != 4 || bad != 1 {
		t.Errorf("check --period: %d rows, %d with findings", len(pc.Rows), bad)
	}
	if text, _, _ := run(t, dir, "check", "--period", "2023-Q1"); !strings.Contains(text, "late-submission") {
		t.Errorf("table:\n%s", text)
	}

	// Findings were stored at ingest: search can filter by them.
	stdout, _, _ = run(t, dir, "search", "", "--has-finding", "late-submission", "-o", "json")
	var sr struct {
		Reports int `json:"reports"`
	}
	if err := json.Unmarshal([]byte(stdout), &sr); err != nil || sr.Reports != 1 {
		t.Errorf("search --has-finding: %d reports (%v)", sr.Reports, err)
	}
}

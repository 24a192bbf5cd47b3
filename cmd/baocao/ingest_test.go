package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// copySamples copies some bundled reports into a fresh folder.
func copySamples(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(abs(t, "../../testdata/docs"), n))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func ingestJSON(t *testing.T, work string, args ...string) (pipeline.Summary, int, string) {
	t.Helper()
	stdout, stderr, code := run(t, work, append([]string{"ingest", "-o", "json"}, args...)...)
	var s pipeline.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("ingest output is not JSON (%v): %s %s", err, stdout, stderr)
	}
	return s, code, stderr
}

func TestIngestIsIncrementalAndGoesOnAfterABadFile(t *testing.T) {
	inbox := copySamples(t, "khanh-hoa-2023-q1.md", "thanh-hoa-2023-q1.md", "dak-lak-2023-q1.txt")
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(inbox, "broken.pdf"), []byte("%PDF-1.7\n1 0 obj << /Type /Catalog"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, code, _ := ingestJSON(t, work, inbox)
	if code != exitFailure || s.Indexed != 3 || s.Failed != 1 {
		t.Fatalf("first run: exit %d, %+v", code, s)
	}
	for _, ev := range s.Events {
		if ev.Outcome == pipeline.OutcomeFailed && (!strings.HasSuffix(ev.Path, "broken.pdf") || ev.Reason == "" || ev.Error == "") {
			t.Errorf("failure without a reason: %+v", ev)
		}
	}
	// Second run: nothing to do, the bad file is not retried — but its
	// reason is still reported, and the ledger lists it.
	s, _, _ = ingestJSON(t, work, inbox)
	if s.Unchanged != 4 || s.Indexed != 0 || s.Failed != 0 {
		t.Errorf("second run: %+v", s)
	}
	for _, ev := range s.Events {
		if strings.HasSuffix(ev.Path, "broken.pdf") && (ev.Reason == "" || ev.Error == "") {
			t.Errorf("unchanged failed file without its reason: %+v", ev)
		}
	}
	if stdout, _, code := run(t, work, "ledger", "--failed"); code != 0 || !strings.Contains(stdout, "broken.pdf") || strings.Contains(stdout, "khanh-hoa") {
		t.Errorf("ledger --failed: exit %d\n%s", code, stdout)
	}
	// A copy under another name is a duplicate, not a second report.
	data, _ := os.ReadFile(filepath.Join(inbox, "khanh-hoa-2023-q1.md"))
	os.WriteFile(filepath.Join(inbox, "copy.md"), data, 0o644)
	// A changed file replaces its old report.
	os.WriteFile(filepath.Join(inbox, "thanh-hoa-2023-q1.md"), append(mustRead(t, filepath.Join(inbox, "thanh-hoa-2023-q1.md")), []byte("\nThêm một dòng.\n")...), 0o644)
	s, _, _ = ingestJSON(t, work, inbox)
	if s.Duplicate != 1 || s.Replaced != 1 || s.Unchanged != 3 {
		t.Errorf("third run: %+v", s)
	}
	stdout, stderr, code := run(t, work, "search", "-o", "json", "--limit", "100", "cải cách")
	if code != 0 {
		t.Fatalf("search: exit %d %s", code, stderr)
	}
	var res index.Result
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Reports != 3 {
		t.Errorf("search finds %d reports, want 3 (no duplicate, old version gone)", res.Reports)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSearchShowCompare(t *testing.T) {
	work := t.TempDir()
	if _, code, stderr := ingestJSON(t, work, abs(t, "../../testdata/docs")); code != 0 && code != exitFailure {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	search := func(args ...string) index.Result {
		stdout, stderr, code := run(t, work, append([]string{"search", "-o", "json", "--limit", "50"}, args...)...)
		if code != 0 {
			t.Fatalf("search %v: exit %d %s", args, code, stderr)
		}
		var res index.Result
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	cases := []struct {
		query   string
		wantIn  string // a snippet must contain this (case-insensitive, plain text)
		minHits int
	}{
		{"cai cach the che", "cải cách thể chế", 3},
		{"Khánh Hoà", "khánh hòa", 1},
		{"TTHC", "thủ tục hành chính", 3},
	}
	for _, c := range cases {
		res := search(c.query)
		if len(res.Hits) < c.minHits {
			t.Errorf("%q: %d hits, want at least %d", c.query, len(res.Hits), c.minHits)
			continue
		}
		found := false
		for _, h := range res.Hits {
			plain := strings.ToLower(strings.NewReplacer("[[", "", "]]", "").Replace(h.SnippetText))
			if strings.Contains(plain, c.wantIn) {
				found = true
			}
			if h.ReportID == "" || h.Province == "" || h.Period == "" {
				t.Errorf("%q: hit without report, province or period: %+v", c.query, h)
			}
		}
		if !found {
			t.Errorf("%q: no snippet contains %q", c.query, c.wantIn)
		}
	}
	// Every report that cites 3604/QĐ-UBND, and only those.
	res := search("3604/QĐ-UBND")
	if res.Reports < 1 {
		t.Errorf("3604/QĐ-UBND: %d reports", res.Reports)
	}
	if filtered := search("cải cách", "--province", "khanh hoa", "--period", "2023-Q1"); len(filtered.Hits) == 0 {
		t.Error("province/period filter finds nothing")
	} else {
		for _, h := range filtered.Hits {
			if h.Province != "Khánh Hòa" || h.Period != "2023-Q1" {
				t.Errorf("filter let through %s %s", h.Province, h.Period)
			}
		}
	}

	// show accepts an id prefix and prints the report.
	id := res.Hits[0].ReportID
	stdout, stderr, code := run(t, work, "show", id[:8], "--lang", "en")
	if code != 0 || !strings.Contains(stdout, "Sections") {
		t.Errorf("show: exit %d %s %s", code, stdout, stderr)
	}

	// compare: JSON contract by indicator, CSV and XLSX.
	stdout, stderr, code = run(t, work, "compare", "--period", "2023-Q1", "-o", "json",
		"--indicators", "dossier.received,dossier.resolved,dossier.on_time_pct,index.par_rank,feedback.received")
	if code != 0 {
		t.Fatalf("compare: %d %s", code, stderr)
	}
	var cmp struct {
		Period     string `json:"period"`
		Indicators []struct {
			ID, Label, Unit, Kind string
		} `json:"indicators"`
		Rows []struct {
			Province string `json:"province"`
			ReportID string `json:"report_id"`
			Values   map[string]struct {
				Value    float64 `json:"value"`
				OutOf    float64 `json:"out_of"`
				Text     string  `json:"text"`
				Section  string  `json:"section"`
				Conflict bool    `json:"conflict"`
			} `json:"values"`
		} `json:"rows"`
	}
	if err := json.Unmarshal([]byte(stdout), &cmp); err != nil {
		t.Fatal(err)
	}
	if cmp.Period != "2023-Q1" || len(cmp.Rows) < 3 || len(cmp.Indicators) != 5 || cmp.Indicators[2].Kind != "rate" {
		t.Fatalf("compare = %+v", cmp)
	}
	for _, r := range cmp.Rows {
		if r.Province != "Khánh Hòa" {
			continue
		}
		// Received and resolved are two measures, never one sum (41.495).
		got := r.Values
		if got["dossier.received"].Value != 21418 || got["dossier.resolved"].Value != 20077 ||
			got["dossier.on_time_pct"].Value != 96.55 || got["index.par_rank"].Value != 21 || got["index.par_rank"].OutOf != 63 {
			t.Errorf("Khánh Hòa values = %+v", got)
		}
		if v, ok := got["feedback.received"]; ok && v.Value == 0 {
			t.Errorf("an unstated value shows as 0: %+v", v)
		}
		if got["dossier.received"].Text == "" || got["dossier.received"].Section == "" {
			t.Errorf("no evidence: %+v", got["dossier.received"])
		}
	}
	stdout, _, code = run(t, work, "compare", "--period", "2023-Q1", "-o", "csv", "--indicators", "dossier.received,index.par_rank")
	if code != 0 || !strings.Contains(stdout, "\nprovince,period,report_id,dossier.received,index.par_rank,index.par_rank.out_of,conflicts\n") ||
		!strings.HasPrefix(stdout, `"Tỉnh, thành phố",`) || strings.Count(stdout, "\n") != len(cmp.Rows)+2 {
		t.Errorf("csv: exit %d\n%s", code, stdout)
	}
	stdout, _, code = run(t, work, "compare", "--period", "2023-Q1", "-o", "xlsx")
	if code != 0 || !strings.HasPrefix(stdout, "PK") {
		t.Errorf("xlsx: exit %d, %d bytes", code, len(stdout))
	}
	if _, stderr, code := run(t, work, "compare", "--period", "2023-Q1", "--indicators", "dossier.recieved"); code != 2 || !strings.Contains(stderr, "dossier.received") {
		t.Errorf("an unknown indicator: exit %d, %s", code, stderr)
	}

	// trend: one indicator over the periods, quarters apart from cumulative figures.
	stdout, stderr, code = run(t, work, "trend", "--indicator", "dossier.received", "--province", "Khánh Hòa", "-o", "json")
	if code != 0 {
		t.Fatalf("trend: %d %s", code, stderr)
	}
	var tr index.Trend
	if err := json.Unmarshal([]byte(stdout), &tr); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range tr.Series {
		for _, p := range s.Points {
			if p.Period == "2023-Q1" {
				found = s.Kind == "quarter" && p.Value == 21418
			}
			if s.Kind == "quarter" && p.Period == "2025" {
				t.Errorf("a year figure in the quarter series: %+v", s)
			}
		}
	}
	if !found {
		t.Errorf("trend = %s", stdout)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	work := t.TempDir()
	for _, args := range [][]string{
		{"extract"},
		{"search"},
		{"compare", "--period", "2023-Q5"},
		{"ingest", "--no-such-flag", "x"},
		{"search", "-o", "yaml", "x"},
	} {
		if _, _, code := run(t, work, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestConfigPrecedence(t *testing.T) {
	work := t.TempDir()
	os.WriteFile(filepath.Join(work, "baocao.yaml"), []byte("workers: 4\nindex:\n  batch_size: 100\n"), 0o644)
	cfgOf := func(args ...string) map[string]any {
		stdout, stderr, code := run(t, work, append([]string{"config", "-o", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("config: exit %d %s", code, stderr)
		}
		var m struct {
			Keys map[string]struct {
				Value  any    `json:"value"`
				Source string `json:"source"`
			} `json:"keys"`
		}
		if err := json.Unmarshal([]byte(stdout), &m); err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		for k, v := range m.Keys {
			out[k], out[k+"@"] = v.Value, v.Source
		}
		return out
	}
	if m := cfgOf(); m["workers"] != 4.0 || m["workers@"] != "file" || m["lang@"] != "default" || m["index.lock_timeout"] != "2s" {
		t.Errorf("file: workers = %v from %v, lang from %v, lock_timeout %v", m["workers"], m["workers@"], m["lang@"], m["index.lock_timeout"])
	}
	t.Setenv("BAOCAO_WORKERS", "7")
	t.Setenv("BAOCAO_INDEX_BATCH_SIZE", "50")
	m := cfgOf()
	if m["workers"] != 7.0 || m["index.batch_size"] != 50.0 || m["workers@"] != "env" {
		t.Errorf("env: %v", m)
	}
	if m := cfgOf("--workers", "3"); m["workers"] != 3.0 || m["workers@"] != "flag" {
		t.Errorf("flag: workers = %v from %v, want 3 from flag", m["workers"], m["workers@"])
	}
	os.WriteFile(filepath.Join(work, "bad.yaml"), []byte("workres: 4\n"), 0o644)
	if _, stderr, code := run(t, work, "config", "--config", filepath.Join(work, "bad.yaml")); code != exitUsage || !strings.Contains(stderr, "workres") {
		t.Errorf("unknown key: exit %d, %s", code, stderr)
	}
	os.WriteFile(filepath.Join(work, "bad2.yaml"), []byte("ingest:\n  max_pages: -1\n"), 0o644)
	if _, stderr, code := run(t, work, "config", "--config", filepath.Join(work, "bad2.yaml")); code != exitUsage || !strings.Contains(stderr, "ingest.max_pages") {
		t.Errorf("invalid value: exit %d, %s", code, stderr)
	}
	// 0 is the default, like every ingest limit.
	os.WriteFile(filepath.Join(work, "zero.yaml"), []byte("ingest:\n  max_pages: 0\n"), 0o644)
	if out, stderr, code := run(t, work, "config", "--config", filepath.Join(work, "zero.yaml"), "-o", "json"); code != 0 || !strings.Contains(strings.Join(strings.Fields(out), " "), `"ingest.max_pages": { "value": 500`) {
		t.Errorf("max_pages 0: exit %d, %s%s", code, out, stderr)
	}
}

// A file named just "baocao" (the binary built by the README) is not a
// config file; baocao.yaml is.
func TestConfigFileIsOnlyBaocaoYAML(t *testing.T) {
	work := t.TempDir()
	os.WriteFile(filepath.Join(work, "baocao"), []byte("\x7fELF\x00\x01binary"), 0o755)
	if _, stderr, code := run(t, work, "config"); code != 0 {
		t.Fatalf("a binary named baocao was read as config: exit %d %s", code, stderr)
	}
	os.WriteFile(filepath.Join(work, "baocao.yml"), []byte("workers: 5\n"), 0o644)
	stdout, _, _ := run(t, work, "config")
	if !strings.Contains(stdout, "workers") || !strings.Contains(stdout, "5") {
		t.Errorf("baocao.yml not read:\n%s", stdout)
	}
}

// TestUnsupportedFilesAreCountedNotListed: files of kinds baocao does not
// read are one line of counts by extension in the summary, with the count
// per reason; -v lists each, and -o json counts the reasons too.
func TestUnsupportedFilesAreCountedNotListed(t *testing.T) {
	docs := copySamples(t, "khanh-hoa-2023-q1.md")
	for _, name := range []string{"a.xlsx", "b.xlsx", "c.xlsx", "photo.jpg"} {
		os.WriteFile(filepath.Join(docs, name), []byte{'P', 'K', 3, 4, 0, 1, 2, 0xff, 0xfe}, 0o644)
	}
	os.WriteFile(filepath.Join(docs, "broken.pdf"), []byte("%PDF-1.7\n1 0 obj"), 0o644)
	work := t.TempDir()
	out, _, code := run(t, work, "ingest", docs)
	if code != exitFailure || strings.Contains(out, "a.xlsx") || !strings.Contains(out, "broken.pdf") ||
		!strings.Contains(out, "4 tệp thuộc loại baocao không đọc (.jpg 1, .xlsx 3)") ||
		!strings.Contains(out, "Số tệp lỗi theo lý do: tệp bị cắt cụt: 1; định dạng không được hỗ trợ: 4") {
		t.Errorf("exit %d, summary:\n%s", code, out)
	}
	out, _, _ = run(t, work, "ingest", "-v", docs)
	if !strings.Contains(out, "a.xlsx") || !strings.Contains(out, "photo.jpg") {
		t.Errorf("-v does not list the unsupported files:\n%s", out)
	}
	out, _, _ = run(t, work, "ingest", "-o", "json", docs)
	var res struct {
		Reasons map[string]int
		Events  []struct{ Path string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Reasons["unsupported"] != 4 || res.Reasons["truncated"] != 1 || len(res.Events) != 6 {
		t.Errorf("json: %v %+v", err, res)
	}
}

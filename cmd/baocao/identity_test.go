package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
)

func showJSON(t *testing.T, work, id string) extract.Report {
	t.Helper()
	stdout, stderr, code := run(t, work, "show", "-o", "json", id)
	if code != 0 {
		t.Fatalf("show %s: exit %d %s", id, code, stderr)
	}
	var r extract.Report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// The same report as Markdown, DOCX and PDF is one report with three
// sources in search, show, compare and submissions; a corrected
// resubmission becomes the current version and keeps the old one as
// history; the old content-hash id of a file still finds the report.
func TestRenditionsAreOneReport(t *testing.T) {
	inbox := copySamples(t, "khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2023-q1.pdf", "thanh-hoa-2023-q1.md")
	work := t.TempDir()
	s, code, stderr := ingestJSON(t, work, inbox)
	if code != 0 || s.Indexed != 4 {
		t.Fatalf("ingest: exit %d %+v %s", code, s, stderr)
	}
	ids := map[string]bool{}
	for _, ev := range s.Events {
		if strings.Contains(ev.Path, "khanh-hoa") {
			ids[ev.ReportID] = true
		}
	}
	if len(ids) != 1 {
		t.Fatalf("the three files got ids %v, want one", ids)
	}
	var id string
	for k := range ids {
		id = k
	}

	stdout, _, code := run(t, work, "search", "-o", "json", "3604/QĐ-UBND")
	var res index.Result
	if err := json.Unmarshal([]byte(stdout), &res); code != 0 || err != nil {
		t.Fatalf("search: exit %d %v", code, err)
	}
	if res.Reports != 1 || res.Total != 1 || len(res.Hits) != 1 {
		t.Errorf("search 3604/QĐ-UBND: %d reports, %d hits, want 1 and 1", res.Reports, res.Total)
	}
	for _, f := range res.Facets["province"] {
		if f.Count != 1 {
			t.Errorf("facet %s counts %d reports", f.Term, f.Count)
		}
	}

	r := showJSON(t, work, id)
	if len(r.Sources) != 3 || r.Source.Format != extract.FormatDOCX || r.Sources[0] != r.Source {
		t.Errorf("sources = %+v (extracted from %s), want 3 with the DOCX first", r.Sources, r.Source.Format)
	}
	if r.Identity != "ubnd tinh khanh hoa|31/BC-UBND|2023-03-15|bao cao" || r.ID != extract.IdentityID(r.Identity) {
		t.Errorf("identity %q id %s", r.Identity, r.ID)
	}
	var chose bool
	for _, d := range r.Diagnostics {
		chose = chose || d.Code == "identity.rendition" && strings.Contains(d.Message, "DOCX keeps")
	}
	if !chose {
		t.Errorf("no diagnostic saying which rendition was used: %+v", r.Diagnostics)
	}
	text, _, _ := run(t, work, "--lang", "en", "show", id)
	if !strings.Contains(text, "Sources (3 renditions") {
		t.Errorf("show does not list the renditions:\n%s", text[:min(len(text), 800)])
	}
	// The id a script saved before identities (the file's hash prefix).
	if old := showJSON(t, work, r.Source.SHA256[:16]); old.ID != id {
		t.Errorf("old id %s finds %s, want %s", r.Source.SHA256[:16], old.ID, id)
	}

	stdout, _, _ = run(t, work, "compare", "-o", "json", "--period", "2023-Q1")
	var cmp struct{ Rows []struct{ Province string } }
	json.Unmarshal([]byte(stdout), &cmp)
	if len(cmp.Rows) != 2 {
		t.Errorf("compare has %d rows, want 2 (one per report): %s", len(cmp.Rows), stdout)
	}
	stdout, _, _ = run(t, work, "submissions", "-o", "json", "--period", "2023-Q1")
	if strings.Contains(stdout, `"duplicates":["`) || strings.Contains(stdout, `"duplicates": ["`) {
		t.Errorf("renditions counted as duplicate submissions: %s", stdout)
	}

	// A corrected resubmission: same header, one figure changed.
	md := filepath.Join(inbox, "khanh-hoa-2023-q1.md")
	data := mustRead(t, md)
	fixed := strings.Replace(string(data), "21.418 hồ sơ", "21.481 hồ sơ", 1)
	if fixed == string(data) {
		t.Fatal("the sample no longer has the figure this test corrects")
	}
	os.WriteFile(md, []byte(fixed), 0o644)
	s, _, _ = ingestJSON(t, work, inbox)
	if s.Replaced != 1 || s.Unchanged != 3 {
		t.Errorf("resubmission: %+v", s)
	}
	r = showJSON(t, work, id)
	if len(r.Versions) != 1 || r.Versions[0].Reason != "resubmitted" || len(r.Versions[0].Sources) != 3 {
		t.Fatalf("versions = %+v", r.Versions)
	}
	if !strings.Contains(r.Text, "21.481 hồ sơ") || len(r.Sources) != 1 || r.Source.Path != md {
		t.Errorf("the current version is not the resubmission: sources %+v", r.Sources)
	}
	text, _, _ = run(t, work, "--lang", "en", "show", id)
	if !strings.Contains(text, "Earlier versions (1; this is version 2)") {
		t.Errorf("show does not list the history:\n%s", text[:min(len(text), 1200)])
	}
}

// cited lists documents once per citing report (renditions count once)
// and shows one document with its citing reports in time order.
func TestCitedDocuments(t *testing.T) {
	inbox := copySamples(t, "khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2023-q1.pdf", "ca-mau-2024-h1.txt")
	work := t.TempDir()
	if s, code, stderr := ingestJSON(t, work, inbox); code != 0 {
		t.Fatalf("ingest: exit %d %+v %s", code, s, stderr)
	}
	stdout, stderr, code := run(t, work, "cited", "-o", "json", "--top", "50")
	if code != 0 {
		t.Fatalf("cited: exit %d %s", code, stderr)
	}
	var top struct{ National, Local []index.CitedDocument }
	if err := json.Unmarshal([]byte(stdout), &top); err != nil {
		t.Fatal(err)
	}
	var decree *index.CitedDocument
	for i, d := range top.National {
		if d.Key == "vn~107_2021_nd-cp~2021" {
			decree = &top.National[i]
		}
	}
	if decree == nil || decree.Reports != 2 || decree.Ref != "107/2021/NĐ-CP" {
		t.Fatalf("Nghị định 107/2021/NĐ-CP: %+v", decree)
	}
	for _, d := range top.Local {
		if d.National || strings.HasPrefix(d.Key, "vn~") {
			t.Errorf("a national document among the local ones: %+v", d)
		}
	}
	stdout, _, code = run(t, work, "cited", "-o", "json", "vn~107_2021_nd-cp~2021")
	var d index.CitedDocument
	if err := json.Unmarshal([]byte(stdout), &d); code != 0 || err != nil {
		t.Fatalf("cited KEY: exit %d %v", code, err)
	}
	if len(d.Citations) != 2 || d.Citations[0].Province != "Khánh Hòa" || d.Citations[1].Province != "Cà Mau" || len(d.Citations[0].Sections) == 0 {
		t.Errorf("citing reports: %+v", d.Citations)
	}
	if _, _, code := run(t, work, "cited", "vn~1_qd-ttg~1999"); code != exitFailure {
		t.Errorf("an uncited key: exit %d, want %d", code, exitFailure)
	}
	if _, _, code := run(t, work, "cited", "--top", "0"); code != exitUsage {
		t.Errorf("--top 0: exit %d, want %d", code, exitUsage)
	}
}

// remove PATH takes one rendition out; --prune removes the files gone from
// the disk; a report goes with its last file; remove ID removes a whole
// report; every removal is in the ledger.
func TestRemoveAndPrune(t *testing.T) {
	sample := abs(t, "../../testdata/docs/khanh-hoa-2023-q1.md")
	inbox := copySamples(t, "khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2023-q1.pdf", "thanh-hoa-2023-q1.md")
	work := t.TempDir()
	s, code, _ := ingestJSON(t, work, inbox)
	if code != 0 {
		t.Fatalf("ingest: %+v", s)
	}
	id := ""
	for _, ev := range s.Events {
		if strings.HasSuffix(ev.Path, "khanh-hoa-2023-q1.md") {
			id = ev.ReportID
		}
	}
	pdf := filepath.Join(inbox, "khanh-hoa-2023-q1.pdf")
	if _, stderr, code := run(t, work, "remove", pdf); code != 0 {
		t.Fatalf("remove PATH: exit %d %s", code, stderr)
	}
	if r := showJSON(t, work, id); len(r.Sources) != 2 {
		t.Errorf("after removing the PDF: %d sources", len(r.Sources))
	}
	// The DOCX is deleted from the disk: --prune takes it out.
	os.Remove(filepath.Join(inbox, "khanh-hoa-2023-q1.docx"))
	stdout, _, code := run(t, work, "ingest", "--prune", "-o", "json", inbox)
	var res struct {
		Pruned []struct{ Path, Status, Reason string }
	}
	if err := json.Unmarshal([]byte(stdout), &res); code != 0 || err != nil {
		t.Fatalf("ingest --prune: exit %d %v %s", code, err, stdout)
	}
	if len(res.Pruned) != 1 || !strings.HasSuffix(res.Pruned[0].Path, ".docx") || res.Pruned[0].Reason != "pruned" {
		t.Errorf("pruned %+v", res.Pruned)
	}
	if r := showJSON(t, work, id); len(r.Sources) != 1 || r.Source.Format != extract.FormatMarkdown {
		t.Errorf("after pruning the DOCX: %+v", r.Sources)
	}
	// The last file goes: so does the report.
	os.Remove(filepath.Join(inbox, "khanh-hoa-2023-q1.md"))
	run(t, work, "ingest", "--prune", inbox)
	if _, _, code := run(t, work, "show", id); code != exitFailure {
		t.Errorf("the report outlived its last file (exit %d)", code)
	}
	stdout, _, _ = run(t, work, "search", "-o", "json", "3604/QĐ-UBND")
	if strings.Contains(stdout, id) {
		t.Errorf("the removed report is still found")
	}
	// remove ID: the whole report.
	stdout, _, _ = run(t, work, "compare", "-o", "json", "--period", "2023-Q1")
	var cmp struct {
		Rows []struct {
			ReportID string `json:"report_id"`
		}
	}
	json.Unmarshal([]byte(stdout), &cmp)
	if len(cmp.Rows) != 1 {
		t.Fatalf("compare rows: %s", stdout)
	}
	if _, stderr, code := run(t, work, "remove", cmp.Rows[0].ReportID[:8]); code != 0 {
		t.Fatalf("remove ID: exit %d %s", code, stderr)
	}
	if _, _, code := run(t, work, "remove", "ffffffffffff"); code != exitFailure {
		t.Errorf("removing an unknown id: exit %d", code)
	}
	// The ledger records every removal; nothing else was lost.
	stdout, _, _ = run(t, work, "ledger", "-o", "json")
	n := strings.Count(stdout, `"status": "removed"`) + strings.Count(stdout, `"status":"removed"`)
	if n != 4 {
		t.Errorf("ledger has %d removed entries, want 4:\n%s", n, stdout)
	}
	// A pruned file that comes back is ingested as new; a removed one
	// left in the folder stays out.
	os.WriteFile(filepath.Join(inbox, "khanh-hoa-2023-q1.md"), mustRead(t, sample), 0o644)
	if s, _, _ := ingestJSON(t, work, inbox); s.Indexed != 1 {
		t.Errorf("a file back after removal: %+v", s)
	}
}

// similar finds a planted near-copy in another province; show lists the
// section repeated from the previous quarter; ingest adds reused-section.
func TestSimilarAndReuseCLI(t *testing.T) {
	dir := t.TempDir()
	copied := "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành rà soát toàn bộ quy trình nội bộ giải quyết thủ tục hành chính, công khai đầy đủ trên Cổng dịch vụ công và niêm yết tại Trung tâm Phục vụ hành chính công; các cơ quan chuyên môn tiếp tục số hóa hồ sơ theo đúng lộ trình đã đề ra trong kế hoạch năm."
	doc := func(province, number, date, quarter, body string) []byte {
		return []byte("# ỦY BAN NHÂN DÂN TỈNH " + strings.ToUpper(province) + "\n\nSố: " + number + "\n\n" + province + ", ngày " + date +
			"\n\n# BÁO CÁO\n\nKết quả công tác cải cách hành chính quý " + quarter + " năm 2023\n\n## I. KẾT QUẢ\n\n" + body + "\n")
	}
	os.WriteFile(filepath.Join(dir, "lc-q1.md"), doc("Lào Cai", "10/BC-UBND", "15 tháng 3 năm 2023", "I", copied), 0o644)
	os.WriteFile(filepath.Join(dir, "lc-q2.md"), doc("Lào Cai", "55/BC-UBND", "15 tháng 6 năm 2023", "II", copied), 0o644)
	os.WriteFile(filepath.Join(dir, "hg-q2.md"), doc("Hà Giang", "31/BC-UBND", "16 tháng 6 năm 2023", "II", strings.Replace(copied, "Ủy ban nhân dân tỉnh", "UBND tỉnh Hà Giang", 1)), 0o644)
	work := t.TempDir()
	s, code, stderr := ingestJSON(t, work, dir)
	if code != 0 || s.Indexed != 3 {
		t.Fatalf("ingest: %d %+v %s", code, s, stderr)
	}
	ids := map[string]string{}
	for _, ev := range s.Events {
		ids[filepath.Base(ev.Path)] = ev.ReportID
	}
	stdout, _, code := run(t, work, "similar", "-o", "json", ids["hg-q2.md"])
	var sim struct{ Matches []index.SectionMatch }
	if err := json.Unmarshal([]byte(stdout), &sim); code != 0 || err != nil {
		t.Fatalf("similar: exit %d %v", code, err)
	}
	if len(sim.Matches) != 2 || sim.Matches[0].Province != "Lào Cai" {
		t.Errorf("similar: %+v", sim.Matches)
	}
	text, _, _ := run(t, work, "--lang", "en", "show", ids["lc-q2.md"])
	if !strings.Contains(text, "Same as the previous report (2023-Q1") {
		t.Errorf("show does not mark the reused section")
	}
	r := showJSON(t, work, ids["lc-q2.md"])
	found := false
	for _, f := range r.Findings {
		found = found || f.Rule == "reused-section"
	}
	if !found {
		t.Errorf("no reused-section finding: %+v", r.Findings)
	}
	if r := showJSON(t, work, ids["lc-q1.md"]); len(r.Findings) > 0 {
		for _, f := range r.Findings {
			if f.Rule == "reused-section" {
				t.Errorf("the first report of the series has reused-section")
			}
		}
	}
}

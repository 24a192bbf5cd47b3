package web

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

func errorCode(t *testing.T, body []byte) string {
	t.Helper()
	return decode[apiError](t, body).Error.Code
}

func TestAPI(t *testing.T) {
	env := newTestEnv(t, testToken, sampleDocs...)
	base := env.ts.URL

	// A report id to address.
	_, body := get(t, base+"/api/search?q=cai+cach+the+che&province=kh%C3%A1nh+h%C3%B2a")
	res := decode[index.Result](t, body)
	if len(res.Hits) == 0 {
		t.Fatalf("search for Khánh Hòa found nothing: %s", body)
	}
	id := res.Hits[0].ReportID

	tests := []struct {
		name   string
		path   string
		status int
		code   string             // error code, when status >= 400
		check  func([]byte) error // more checks on a 200 body
	}{
		{"health", "/healthz", 200, "", nil},
		{"search without diacritics", "/api/search?q=cai+cach+the+che", 200, "", func(b []byte) error {
			r := decode[index.Result](t, b)
			if r.Total == 0 || len(r.Facets["province"]) == 0 || len(r.Facets["period"]) == 0 {
				return errf("want hits and both facets, got %s", b)
			}
			if !strings.Contains(r.Hits[0].SnippetText, "[[") {
				return errf("snippet_text without [[…]]: %q", r.Hits[0].SnippetText)
			}
			return nil
		}},
		{"search filtered and paged", "/api/search?q=TTHC&period=2023-q1&limit=2&offset=1", 200, "", func(b []byte) error {
			r := decode[index.Result](t, b)
			if len(r.Hits) > 2 {
				return errf("limit 2, got %d hits", len(r.Hits))
			}
			for _, h := range r.Hits {
				if h.Period != "2023-Q1" {
					return errf("period filter let %s through", h.Period)
				}
			}
			return nil
		}},
		{"search bad period", "/api/search?q=x&period=Q1-2023", 400, CodeInvalid, nil},
		{"search unknown province in the query", "/api/search?q=tinh%3AAtlantis+x", 400, CodeInvalid, nil},
		{"search bad date", "/api/search?q=x&from=15%2F3%2F2023", 400, CodeInvalid, nil},
		{"search bad group", "/api/search?q=x&group=province", 400, CodeInvalid, nil},
		{"search one hit per report", "/api/search?q=c%E1%BA%A3i+c%C3%A1ch&limit=50", 200, "", func(b []byte) error {
			r := decode[index.Result](t, b)
			seen := map[string]bool{}
			more := 0
			for _, h := range r.Hits {
				if seen[h.ReportID] {
					return errf("report %s twice", h.ReportID)
				}
				seen[h.ReportID] = true
				more += h.More
			}
			if r.Group != "report" || len(r.Hits) != r.Reports || more == 0 || uint64(len(r.Hits)+more) != r.Total {
				return errf("grouped: group %q, %d hits, %d reports, %d more, total %d", r.Group, len(r.Hits), r.Reports, more, r.Total)
			}
			return nil
		}},
		{"search by section", "/api/search?q=c%E1%BA%A3i+c%C3%A1ch&group=section&limit=50&sort=date", 200, "", func(b []byte) error {
			r := decode[index.Result](t, b)
			if r.Group != "section" || len(r.Hits) <= r.Reports {
				return errf("by section: group %q, %d hits, %d reports", r.Group, len(r.Hits), r.Reports)
			}
			return nil
		}},
		{"search csv", "/api/search?q=TTHC&format=csv", 200, "", func(b []byte) error {
			recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(recs) < 3 || strings.Join(recs[1][:4], ",") != "period,province,date,report_id" {
				return errf("csv: %v\n%s", err, b)
			}
			return nil
		}},
		{"search xlsx", "/api/search?q=TTHC&format=xlsx", 200, "", func(b []byte) error {
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				return err
			}
			rows, err := f.GetRows(f.GetSheetName(0))
			if err != nil || len(rows) < 3 || rows[1][3] != "report_id" {
				return errf("xlsx rows: %v %q", err, rows)
			}
			return nil
		}},
		{"search bad limit", "/api/search?q=x&limit=0", 400, CodeInvalid, nil},
		{"search limit not a number", "/api/search?q=x&limit=ten", 400, CodeInvalid, nil},
		{"report", "/api/reports/" + id, 200, "", func(b []byte) error {
			var r struct {
				ID       string           `json:"id"`
				Text     string           `json:"text"`
				Sections []map[string]any `json:"sections"`
			}
			if err := json.Unmarshal(b, &r); err != nil || r.ID != id || r.Text == "" || len(r.Sections) == 0 {
				return errf("report %s: %v %.200s", id, err, b)
			}
			return nil
		}},
		{"report by prefix", "/api/reports/" + id[:8], 200, "", nil},
		{"report unknown", "/api/reports/0000000000000000", 404, CodeNotFound, nil},
		{"report id not hex", "/api/reports/..%2f..%2fetc", 404, CodeNotFound, nil},
		{"report listing", "/api/reports?period=2023-Q1", 200, "", func(b []byte) error {
			var v struct{ Reports []index.Summary }
			if err := json.Unmarshal(b, &v); err != nil || len(v.Reports) < 3 {
				return errf("want ≥3 reports for 2023-Q1: %v %.200s", err, b)
			}
			return nil
		}},
		{"citations escaped", "/api/citations/" + url.PathEscape("3604/QĐ-UBND"), 200, "", citing("3604/QĐ-UBND", id)},
		{"citations unescaped slash", "/api/citations/3604/Q%C4%90-UBND", 200, "", citing("3604/QĐ-UBND", id)},
		{"citations other spelling", "/api/citations/" + url.PathEscape("3604 / QĐ - UBND"), 200, "", citing("3604/QĐ-UBND", id)},
		{"citations not a ref", "/api/citations/hello", 400, CodeInvalid, nil},
		{"compare json", "/api/compare?period=2023-Q1", 200, "", func(b []byte) error {
			c := decode[index.Comparison](t, b)
			if c.Period != "2023-Q1" || len(c.Rows) < 3 {
				return errf("comparison: %.300s", b)
			}
			return nil
		}},
		{"compare csv", "/api/compare?period=2023-Q1&format=csv", 200, "", func(b []byte) error {
			recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil || len(recs) < 4 || strings.Join(recs[1][:4], ",") != "province,period,report_id,dossier.received" {
				return errf("csv: %v\n%s", err, b)
			}
			return nil
		}},
		{"compare xlsx", "/api/compare?period=2023-Q1&format=xlsx", 200, "", checkXLSX},
		{"compare needs period", "/api/compare", 400, CodeInvalid, nil},
		{"compare bad format", "/api/compare?period=2023&format=pdf", 400, CodeInvalid, nil},
		{"submissions", "/api/submissions?period=2023-Q1", 200, "", nil},
		{"submissions needs period", "/api/submissions", 400, CodeInvalid, nil},
		{"compliance", "/api/compliance?period=2023-Q1", 200, "", func(b []byte) error {
			c := decode[Compliance](t, b)
			if len(c.Rows) < 3 {
				return errf("compliance rows: %.300s", b)
			}
			return nil
		}},
		{"ledger", "/api/ledger", 200, "", func(b []byte) error {
			l := decode[LedgerView](t, b)
			if len(l.Entries) != len(sampleDocs) {
				return errf("ledger has %d entries, want %d", len(l.Entries), len(sampleDocs))
			}
			return nil
		}},
		{"openapi", "/api/openapi.yaml", 200, "", func(b []byte) error {
			if !bytes.HasPrefix(b, []byte("openapi: 3")) {
				return errf("not an OpenAPI document: %.50s", b)
			}
			return nil
		}},
		{"unknown api route", "/api/nope", 404, CodeNotFound, nil},
		{"metrics", "/metrics", 200, "", func(b []byte) error {
			for _, m := range []string{"reports_ingested_total", "reports_failed_total", "ingest_duration_seconds_bucket", "search_latency_seconds_count",
				"ingest_files_per_second", "ingest_queue_length", "ingest_last_batch_seconds"} {
				if !bytes.Contains(b, []byte(m)) {
					return errf("metrics lack %s", m)
				}
			}
			return nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, base+tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s: status %d, want %d: %.300s", tt.path, resp.StatusCode, tt.status, body)
			}
			if tt.status >= 400 {
				if got := errorCode(t, body); got != tt.code {
					t.Errorf("GET %s: error code %q, want %q", tt.path, got, tt.code)
				}
				return
			}
			if tt.check != nil {
				if err := tt.check(body); err != nil {
					t.Errorf("GET %s: %v", tt.path, err)
				}
			}
		})
	}
}

type testErr string

func (e testErr) Error() string { return string(e) }

func errf(format string, args ...any) error { return testErr(fmt.Sprintf(format, args...)) }

func citing(ref, id string) func([]byte) error {
	return func(b []byte) error {
		var v struct {
			Ref     string          `json:"ref"`
			Reports []index.Summary `json:"reports"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		if v.Ref != ref {
			return errf("ref %q, want %q", v.Ref, ref)
		}
		for _, r := range v.Reports {
			if r.ID == id {
				return nil
			}
		}
		return errf("report %s not among those citing %s: %s", id, ref, b)
	}
}

// checkXLSX opens the workbook with excelize and checks the two sheets:
// labels then ids in the header rows, frozen panes, numeric value cells,
// the evidence sheet.
func checkXLSX(b []byte) error {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 {
		return errf("sheets = %v, want the comparison and the evidence", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil || len(rows) < 3 {
		return errf("rows: %v %v", err, rows)
	}
	if rows[0][0] != "Tỉnh, thành phố" || rows[1][0] != "province" || rows[1][3] == "" {
		return errf("header rows = %q / %q", rows[0], rows[1])
	}
	panes, err := f.GetPanes(sheets[0])
	if err != nil || !panes.Freeze || panes.XSplit != 1 || panes.YSplit != 2 {
		return errf("panes = %+v %v", panes, err)
	}
	numeric := false
	for r := 3; r <= len(rows); r++ {
		for c := 4; c <= len(rows[1]); c++ {
			ref, _ := excelize.CoordinatesToCellName(c, r)
			if typ, _ := f.GetCellType(sheets[0], ref); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
				if v, _ := f.GetCellValue(sheets[0], ref, excelize.Options{RawCellValue: true}); v != "" {
					numeric = true
				}
			}
		}
	}
	if !numeric {
		return errf("no numeric value cell in %v", rows)
	}
	ev, err := f.GetRows(sheets[1])
	if err != nil || len(ev) < 2 || len(ev[1]) < 6 || ev[1][5] == "" {
		return errf("evidence sheet: %v %q", err, ev)
	}
	return nil
}

func upload(t *testing.T, url, token string, files map[string][]byte) (*http.Response, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, data := range files {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return post(t, url, token, mw.FormDataContentType(), &body)
}

func post(t *testing.T, url, token, ctype string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out
}

func TestIngestAuth(t *testing.T) {
	env := newTestEnv(t, testToken)
	off := newTestEnv(t, "")
	tests := []struct {
		name   string
		url    string
		token  string
		status int
		code   string
	}{
		{"no token", env.ts.URL, "", 401, CodeUnauthorized},
		{"wrong token", env.ts.URL, "test-token-0123456788", 401, CodeUnauthorized},
		{"token prefix", env.ts.URL, "test-token", 401, CodeUnauthorized},
		{"uploads disabled", off.ts.URL, testToken, 403, CodeForbidden},
		{"right token", env.ts.URL, testToken, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, tt.url+"/api/ingest", tt.token, "", nil)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.code != "" && errorCode(t, body) != tt.code {
				t.Errorf("code %q, want %q", errorCode(t, body), tt.code)
			}
		})
	}
	if resp, _ := get(t, env.ts.URL+"/api/ingest"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/ingest: status %d, want 405", resp.StatusCode)
	}
}

func TestIngestUploadAndQuarantine(t *testing.T) {
	env := newTestEnv(t, testToken)
	good, err := os.ReadFile(filepath.Join(docsDir(t), "thanh-hoa-2023-q1.md"))
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile(filepath.Join(docsDir(t), "..", "bad", "not-a-pdf.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	resp, body := upload(t, env.ts.URL+"/api/ingest", testToken, map[string][]byte{
		"../../etc/thanh hoa.md": good,
		"hỏng.pdf":               bad,
	})
	if resp.StatusCode != 200 {
		t.Fatalf("upload: status %d: %s", resp.StatusCode, body)
	}
	res := decode[IngestResult](t, body)
	if res.Indexed != 1 || res.Failed != 1 || len(res.Uploads) != 2 || len(res.Quarantined) != 1 {
		t.Fatalf("upload result: %s", body)
	}
	for _, u := range res.Uploads {
		if strings.ContainsAny(u.Stored, `/\`) || strings.Contains(u.Stored, "..") {
			t.Errorf("stored name %q is not a safe base name", u.Stored)
		}
	}
	// The bad file is in quarantine with its reason, not in the inbox.
	q := res.Quarantined[0]
	note, err := os.ReadFile(filepath.Join(env.dataDir, "quarantine", q.File+".reason.txt"))
	if err != nil {
		t.Fatalf("quarantine note: %v", err)
	}
	if !strings.Contains(string(note), "(reason: "+q.Reason+")") || q.Reason == "" {
		t.Errorf("note %q does not give reason %q", note, q.Reason)
	}
	if _, err := os.Stat(filepath.Join(env.dataDir, "quarantine", q.File)); err != nil {
		t.Errorf("quarantined file: %v", err)
	}
	inbox, _ := os.ReadDir(filepath.Join(env.dataDir, "inbox"))
	if len(inbox) != 1 {
		t.Errorf("inbox holds %d files, want the good one only", len(inbox))
	}
	// The good one is searchable, and the server still serves.
	_, body = get(t, env.ts.URL+"/api/search?q=cai+cach+the+che&province=thanh+hoa")
	if r := decode[index.Result](t, body); r.Total == 0 {
		t.Errorf("uploaded report not searchable: %s", body)
	}

	// A file dropped into the inbox, then "ingest now" (empty body).
	writeFile(t, filepath.Join(env.dataDir, "inbox", "dak-lak.txt"), string(mustRead(t, filepath.Join(docsDir(t), "dak-lak-2023-q1.txt"))))
	resp, body = post(t, env.ts.URL+"/api/ingest", testToken, "", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("ingest now: %d %s", resp.StatusCode, body)
	}
	if r := decode[IngestResult](t, body); r.Indexed != 1 || r.Unchanged != 1 {
		t.Errorf("ingest now: want 1 indexed and 1 unchanged: %s", body)
	}

	// A non-empty body that is not multipart is refused.
	resp, body = post(t, env.ts.URL+"/api/ingest", testToken, "text/plain", strings.NewReader("hello"))
	if resp.StatusCode != 400 {
		t.Errorf("plain body: %d %s", resp.StatusCode, body)
	}
	// Too large: the limit is 1 MiB in tests.
	resp, body = upload(t, env.ts.URL+"/api/ingest", testToken, map[string][]byte{"big.md": bytes.Repeat([]byte("a"), 2<<20)})
	if resp.StatusCode != http.StatusRequestEntityTooLarge || errorCode(t, body) != CodeTooLarge {
		t.Errorf("big upload: %d %s", resp.StatusCode, body)
	}
	if inbox, _ := os.ReadDir(filepath.Join(env.dataDir, "inbox")); len(inbox) != 2 {
		t.Errorf("a refused upload left a file behind: %d files in the inbox", len(inbox))
	}

	// The ledger survives a restart.
	l, err := pipeline.OpenLedger(filepath.Join(env.dataDir, "ledger.json"), env.ix)
	if err != nil {
		t.Fatal(err)
	}
	var failed, indexed int
	for _, e := range l.Entries() {
		switch e.Status {
		case pipeline.StatusFailed:
			failed++
		case pipeline.StatusIndexed:
			indexed++
		}
	}
	if failed != 1 || indexed != 2 {
		t.Errorf("reopened ledger: %d failed, %d indexed; want 1 and 2", failed, indexed)
	}
	_, body = get(t, env.ts.URL+"/metrics")
	if !bytes.Contains(body, []byte("reports_ingested_total 2\n")) || !bytes.Contains(body, []byte("reports_failed_total 1\n")) ||
		!bytes.Contains(body, []byte("ingest_queue_length 0\n")) || bytes.Contains(body, []byte("ingest_commits_total 0\n")) {
		t.Errorf("metrics after ingest:\n%s", body)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func unzipPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return string(data)
		}
	}
	t.Fatalf("no part %s", name)
	return ""
}

// TestUploadUnsupportedType: an upload of a type the pipeline cannot read
// answers 415 with the reason, and nothing of the request stays in the inbox.
func TestUploadUnsupportedType(t *testing.T) {
	env := newTestEnv(t, testToken)
	good, err := os.ReadFile(filepath.Join(docsDir(t), "thanh-hoa-2023-q1.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"bang-tinh.xlsx": []byte("PK\x03\x04\x14\x00\x00\x00xl/workbook.xml"),
		"anh-chup.jpg":   append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00}, make([]byte, 64)...),
	} {
		resp, body := upload(t, env.ts.URL+"/api/ingest", testToken, map[string][]byte{"bao-cao.md": good, name: data})
		if resp.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(string(body), "unsupported") {
			t.Errorf("%s: status %d: %s", name, resp.StatusCode, body)
		}
		entries, _ := os.ReadDir(filepath.Join(env.dataDir, "inbox"))
		if len(entries) != 0 {
			t.Errorf("%s: %d files left in the inbox", name, len(entries))
		}
	}
}

// TestBadQueryMessageInTheReadersLanguage: a refused filter or bound is a
// 400 whose message is the one the CLI prints (index.QueryError through
// the catalogue), in the server's language.
func TestBadQueryMessageInTheReadersLanguage(t *testing.T) {
	for lang, want := range map[string][2]string{
		"vi": {"kỳ báo cáo (period) “2023-Q5”: không phải kỳ báo cáo", "từ khoá dài 1.200 byte"},
		"en": {"period “2023-Q5”: not a period", "the query is 1,200 bytes"},
	} {
		env := newTestEnvLang(t, lang, "")
		for i, path := range []string{"/api/search?q=x&period=2023-Q5", "/api/search?q=" + strings.Repeat("a", 1200)} {
			resp, err := http.Get(env.ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			var body struct {
				Error struct{ Code, Message string }
			}
			json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode != 400 || body.Error.Code != CodeInvalid || !strings.Contains(body.Error.Message, want[i]) {
				t.Errorf("%s %s: %d %+v, want 400 and %q", lang, path, resp.StatusCode, body.Error, want[i])
			}
		}
	}
}

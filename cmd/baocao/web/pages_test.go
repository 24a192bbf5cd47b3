package web

import (
	"bytes"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileReport is a plain-text report whose text holds markup: every piece of it
// must reach the browser as text.
const hostileReport = `ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH

Số: 12/BC-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Ninh Bình, ngày 10 tháng 3 năm 2023

BÁO CÁO
Kết quả công tác cải cách hành chính quý I năm 2023 <script>alert("title")</script>

Kính gửi: Bộ Nội vụ

I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC <img src=x onerror=alert(1)>

Trong quý, tỉnh đã ban hành 05 văn bản về cải cách thể chế <script>alert("xss")</script> và Quyết định số 3604/QĐ-UBND ngày 28/12/2022 của UBND tỉnh; xem "><svg onload=alert(2)> và <a href="javascript:alert(3)">liên kết</a>.

II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CCHC

1. Cải cách thủ tục hành chính </textarea><iframe src="javascript:alert(4)">

Tiếp nhận 1.200 hồ sơ {{.Secret}} &lt;b&gt; =cmd|' /C calc'!A0.

Ghi chú: Kế hoạch <script>alert("footnote")</script> số 245/KH-SNV ngày 16/01/2023.
`

// payloads are the strings that must never appear unescaped in a page.
var payloads = []string{`<script>alert`, `<img src=x`, `<svg onload`, `<iframe`, `href="javascript:`, `</textarea>`}

func TestPagesEscapeReportText(t *testing.T) {
	dir := t.TempDir()
	// Plain text: the Markdown reader would drop inline HTML itself.
	hostile := writeFile(t, filepath.Join(dir, "ninh-binh-xss.txt"), hostileReport)
	env := newTestEnv(t, testToken, "khanh-hoa-2023-q1.md", hostile)
	_, body := get(t, env.ts.URL+"/api/search?q=alert&province=ninh+binh")
	res := decodeResult(t, body)
	if len(res.Hits) == 0 {
		t.Fatalf("the hostile report is not indexed: %s", body)
	}
	id := res.Hits[0].ReportID
	pages := []string{
		"/reports/" + id,
		"/?q=" + url.QueryEscape("script alert"),
		"/?q=alert",
		"/?q=" + url.QueryEscape(`"><script>alert(9)</script>`),
		"/",
		"/compare?period=2023-Q1",
		"/trend",
		"/trend?indicator=dossier.received",
		"/trend?indicator=dossier.received&province=" + url.QueryEscape(`"><script>alert(9)</script>`),
		"/compliance?period=2023-Q1",
		"/ingest",
	}
	for _, p := range pages {
		resp, body := get(t, env.ts.URL+p)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: status %d", p, resp.StatusCode)
			continue
		}
		for _, bad := range payloads {
			if bytes.Contains(bytes.ToLower(body), []byte(strings.ToLower(bad))) {
				t.Errorf("GET %s: page holds unescaped %q", p, bad)
			}
		}
		// The only scripts are our own file.
		for _, m := range regexp.MustCompile(`(?i)<script[^>]*>`).FindAll(body, -1) {
			if string(m) != `<script src="/static/app.js" defer>` {
				t.Errorf("GET %s: unexpected script tag %s", p, m)
			}
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: CSP %q", p, csp)
		}
	}
	_, page := get(t, env.ts.URL+"/reports/"+id)
	for _, want := range []string{`&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;`, `&lt;img src=x onerror=alert(1)&gt;`, `{{.Secret}}`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report page lacks the escaped text %s", want)
		}
	}
	_, page = get(t, env.ts.URL+"/?q=alert&province=ninh+binh")
	if !bytes.Contains(page, []byte("<mark>alert</mark>")) {
		t.Errorf("search page does not mark the match")
	}
}

func TestReportPageLinks(t *testing.T) {
	env := newTestEnv(t, "", "khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "thanh-hoa-2023-q1.md")
	_, body := get(t, env.ts.URL+"/api/search?q=3604/QĐ-UBND&province=khanh+hoa")
	res := decodeResult(t, body)
	if len(res.Hits) == 0 {
		t.Fatalf("no hit: %s", body)
	}
	_, page := get(t, env.ts.URL+"/reports/"+res.Hits[0].ReportID)
	for _, want := range []string{
		`<a id="fnref-1" href="#fn-1"`, // marker → footnote
		`<li id="fn-1" value="1">`,     // the footnote
		`href="#fnref-1"`,              // and back
		`id="s-I.1"`,                   // section anchors for search hits
		`class="cite" href="#cite-`,    // mentions → citation list
		`Cũng được viện dẫn trong:`,    // the other Khánh Hòa file cites the same decisions
		`id="chi-tieu"`,                // the report's indicators, each linked to its evidence
		`Hồ sơ TTHC tiếp nhận</a>: <b>21.418</b>`,
		`Tỷ lệ hồ sơ giải quyết đúng hạn</a>: <b>96,55%</b>`,
		`Xếp hạng Chỉ số CCHC</a>: <b>21/63</b>`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report page lacks %s", want)
		}
	}
	// Each id appears once.
	ids := map[string]int{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllSubmatch(page, -1) {
		ids[string(m[1])]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
}

func TestPageErrors(t *testing.T) {
	env := newTestEnv(t, "", "khanh-hoa-2023-q1.md")
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/reports/ffffffffffffffff", 404},
		{"/reports/<script>", 404},
		{"/nope", 404},
		{"/?q=x&period=bad", 400},
		{"/compare?period=bad", 400},
		{"/trend?from=bad", 400},
		{"/trend?indicator=<script>", 400},
	} {
		resp, body := get(t, env.ts.URL+tt.path)
		if resp.StatusCode != tt.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %d %s, want %d html", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), tt.status)
		}
		if bytes.Contains(body, []byte("<script>")) {
			t.Errorf("GET %s: echoed markup", tt.path)
		}
	}
}

func TestSnippetParts(t *testing.T) {
	tests := []struct {
		in   string
		want []snippetPart
	}{
		{"", nil},
		{"plain", []snippetPart{{"plain", false}}},
		{"a [[b]] c", []snippetPart{{"a ", false}, {"b", true}, {" c", false}}},
		{"[[x]][[y]]", []snippetPart{{"x", true}, {"y", true}}},
		{"open [[ only", []snippetPart{{"open [[ only", false}}},
		{"<b>[[<i>]]", []snippetPart{{"<b>", false}, {"<i>", true}}},
	}
	for _, tt := range tests {
		got := snippetParts(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("snippetParts(%q) = %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("snippetParts(%q)[%d] = %v, want %v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

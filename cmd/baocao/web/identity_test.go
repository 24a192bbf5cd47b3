package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baocao/baocao/extract"
	"github.com/baocao/baocao/index"
	"github.com/baocao/baocao/pipeline"
)

// Three renditions of one report are one report in the API and on the web.
func TestRenditionsInAPIAndPages(t *testing.T) {
	env := newTestEnv(t, testToken, "khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2023-q1.pdf", "thanh-hoa-2023-q1.md")
	_, body := get(t, env.ts.URL+"/api/search?q=3604/QĐ-UBND")
	if res := decodeResult(t, body); res.Reports != 1 || res.Total != 1 {
		t.Errorf("search: %d reports, %d hits", res.Reports, res.Total)
	}
	_, body = get(t, env.ts.URL+"/api/reports?period=2023-Q1")
	list := decode[struct{ Reports []index.Summary }](t, body)
	if len(list.Reports) != 2 {
		t.Fatalf("reports: %d, want 2", len(list.Reports))
	}
	var id string
	for _, s := range list.Reports {
		if s.Province == "Khánh Hòa" {
			id = s.ID
			if len(s.Sources) != 3 {
				t.Errorf("listing shows %d sources", len(s.Sources))
			}
		}
	}
	_, body = get(t, env.ts.URL+"/api/reports/"+id)
	if r := decode[extract.Report](t, body); len(r.Sources) != 3 {
		t.Errorf("api report has %d sources", len(r.Sources))
	}
	_, body = get(t, env.ts.URL+"/reports/"+id)
	page := string(body)
	for _, f := range []string{"khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "khanh-hoa-2023-q1.pdf", "bản được dùng để trích xuất"} {
		if !strings.Contains(page, f) {
			t.Errorf("report page does not show %q", f)
		}
	}
}

// The documents API and pages; "also cited in" lists only citations of
// the same document.
func TestDocumentsAPIAndPages(t *testing.T) {
	dir := t.TempDir()
	// Two provinces, each citing its own 512/QĐ-UBND; both cite one decree.
	kh := writeFile(t, dir+"/kh.md", `# ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA

Số: 40/BC-UBND

Khánh Hòa, ngày 16 tháng 3 năm 2023

# BÁO CÁO

Kết quả công tác cải cách hành chính quý I năm 2023

## I. CÔNG TÁC CHỈ ĐẠO

Chủ tịch UBND tỉnh ban hành Quyết định số 512/QĐ-UBND ngày 01/3/2023 công bố thủ tục hành chính; thực hiện Nghị định số 107/2021/NĐ-CP ngày 06/8/2021 của Chính phủ.
`)
	sl := writeFile(t, dir+"/sl.md", `# ỦY BAN NHÂN DÂN TỈNH SƠN LA

Số: 77/BC-UBND

Sơn La, ngày 28 tháng 3 năm 2023

# BÁO CÁO

Kết quả công tác cải cách hành chính quý I năm 2023

## I. CÔNG TÁC CHỈ ĐẠO

UBND tỉnh ban hành Quyết định số 512/QĐ-UBND ngày 24/3/2023 về kế hoạch kiểm tra; thực hiện Nghị định số 107/2021/NĐ-CP ngày 06/8/2021 của Chính phủ.
`)
	env := newTestEnv(t, testToken, kh, sl)
	resp, body := get(t, env.ts.URL+"/api/documents?period=2023-Q1&top=5")
	top := decode[struct{ National, Local []index.CitedDocument }](t, body)
	if resp.StatusCode != 200 || len(top.National) != 1 || top.National[0].Reports != 2 || len(top.Local) != 2 {
		t.Fatalf("top documents: %d %s", resp.StatusCode, body)
	}
	for _, d := range top.Local {
		if d.Reports != 1 {
			t.Errorf("local document %s has %d citing reports, want 1", d.Key, d.Reports)
		}
	}
	_, body = get(t, env.ts.URL+"/api/documents/khanh-hoa~512_qd-ubnd~2023")
	d := decode[index.CitedDocument](t, body)
	if len(d.Citations) != 1 || d.Citations[0].Province != "Khánh Hòa" || d.Date != "2023-03-01" {
		t.Errorf("Khánh Hòa's 512: %s", body)
	}
	if resp, body := get(t, env.ts.URL+"/api/documents/not%20a%20key"); resp.StatusCode != 400 {
		t.Errorf("bad key: %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, env.ts.URL+"/api/documents/vn~1_qd-ttg~1999"); resp.StatusCode != 404 {
		t.Errorf("unknown key: %d", resp.StatusCode)
	}
	resp, body = get(t, env.ts.URL+"/documents/vn~107_2021_nd-cp~2021")
	if page := string(body); resp.StatusCode != 200 || !strings.Contains(page, "Khánh Hòa") || !strings.Contains(page, "Sơn La") {
		t.Errorf("document page: %d", resp.StatusCode)
	}
	if resp, body := get(t, env.ts.URL+"/documents?period=2023-Q1"); resp.StatusCode != 200 || !strings.Contains(string(body), "107/2021/NĐ-CP") {
		t.Errorf("documents page: %d", resp.StatusCode)
	}
	// Khánh Hòa's report: the decree is also cited in Sơn La, its 512 is not.
	list, _ := env.ix.Reports(context.Background(), index.Filter{Province: "Khánh Hòa"})
	_, body = get(t, env.ts.URL+"/reports/"+list[0].ID)
	page := string(body)
	i512 := strings.Index(page, "512/QĐ-UBND</b>")
	i107 := strings.Index(page, "107/2021/NĐ-CP</b>")
	if i512 < 0 || i107 < 0 {
		t.Fatalf("citations not on the report page")
	}
	block := func(i int) string {
		end := strings.Index(page[i:], "</li>")
		return page[i : i+end]
	}
	if strings.Contains(block(i512), "Sơn La") {
		t.Errorf("Sơn La's own 512/QĐ-UBND shown as also citing Khánh Hòa's: %s", block(i512))
	}
	if !strings.Contains(block(i107), "Sơn La") {
		t.Errorf("the decree's other citing report is missing: %s", block(i107))
	}
}

// DELETE /api/reports/{id} needs the token and removes the report; the
// inbox job takes out the reports whose files left the inbox.
func TestDeleteReportAndInboxPrune(t *testing.T) {
	env := newTestEnv(t, testToken)
	ctx := context.Background()
	inbox := env.srv.opts.Inbox
	for _, n := range []string{"khanh-hoa-2023-q1.md", "khanh-hoa-2023-q1.docx", "thanh-hoa-2023-q1.md"} {
		data, err := os.ReadFile(filepath.Join(docsDir(t), n))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(inbox, n), string(data))
	}
	if _, err := env.srv.Ingest(ctx, "button"); err != nil {
		t.Fatal(err)
	}
	list, _ := env.ix.Reports(ctx, index.Filter{})
	if len(list) != 2 {
		t.Fatalf("%d reports, want 2", len(list))
	}
	var kh, th string
	for _, s := range list {
		if s.Province == "Khánh Hòa" {
			kh = s.ID
		} else {
			th = s.ID
		}
	}
	del := func(id, token string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodDelete, env.ts.URL+"/api/reports/"+id, nil)
		if token != "" {
			req.Header.Set("X-Baocao-Token", token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	if resp, _ := del(th, ""); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("delete without the token: %d", resp.StatusCode)
	}
	if resp, body := del(th, testToken); resp.StatusCode != 200 || !strings.Contains(string(body), "inbox/thanh-hoa-2023-q1.md") {
		t.Errorf("delete: %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, env.ts.URL+"/api/reports/"+th); resp.StatusCode != 404 {
		t.Errorf("deleted report: %d", resp.StatusCode)
	}
	if e, _ := env.srv.opts.Ledger.Get(filepath.Join(inbox, "thanh-hoa-2023-q1.md")); e.Status != pipeline.StatusRemoved {
		t.Errorf("ledger entry of the deleted report's file: %+v", e)
	}
	// The next inbox run does not bring the deleted report back.
	// The DOCX leaves the inbox: the report keeps its Markdown.
	os.Remove(filepath.Join(inbox, "khanh-hoa-2023-q1.docx"))
	res, err := env.srv.Ingest(ctx, "button")
	if err != nil {
		t.Fatal(err)
	}
	if res.Pruned != 1 || res.Indexed != 0 {
		t.Errorf("inbox run: pruned %d, indexed %d", res.Pruned, res.Indexed)
	}
	r, err := env.ix.Get(ctx, kh)
	if err != nil || len(r.Sources) != 1 {
		t.Fatalf("after the DOCX left: %v %+v", err, r)
	}
	os.Remove(filepath.Join(inbox, "khanh-hoa-2023-q1.md"))
	if res, _ := env.srv.Ingest(ctx, "button"); res.Pruned != 1 {
		t.Errorf("second prune: %d", res.Pruned)
	}
	if _, err := env.ix.Get(ctx, kh); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("the report outlived its files: %v", err)
	}
}

// A section copied from the previous quarter is shown side by side on the
// report page, by the reuse API, and as a reused-section finding; a
// neighbour's near-copy is in "similar".
func TestReusePageAndAPI(t *testing.T) {
	dir := t.TempDir()
	copied := "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành rà soát toàn bộ quy trình nội bộ giải quyết thủ tục hành chính, công khai đầy đủ trên Cổng dịch vụ công và niêm yết tại Trung tâm Phục vụ hành chính công; các cơ quan chuyên môn tiếp tục số hóa hồ sơ theo đúng lộ trình đã đề ra trong kế hoạch năm."
	doc := func(province, number, date, quarter, body string) string {
		return "# ỦY BAN NHÂN DÂN TỈNH " + strings.ToUpper(province) + "\n\nSố: " + number + "\n\n" + province + ", ngày " + date +
			"\n\n# BÁO CÁO\n\nKết quả công tác cải cách hành chính quý " + quarter + " năm 2023\n\n## I. KẾT QUẢ\n\n" + body + "\n"
	}
	q1 := writeFile(t, dir+"/q1.md", doc("Lào Cai", "10/BC-UBND", "15 tháng 3 năm 2023", "I", copied))
	q2 := writeFile(t, dir+"/q2.md", doc("Lào Cai", "55/BC-UBND", "15 tháng 6 năm 2023", "II", strings.Replace(copied, "kế hoạch năm", "kế hoạch năm 2023", 1)))
	env := newTestEnv(t, testToken, q1, q2)
	list, _ := env.ix.Reports(context.Background(), index.Filter{Period: "2023-Q2"})
	if len(list) != 1 {
		t.Fatalf("reports of 2023-Q2: %+v", list)
	}
	id := list[0].ID
	_, body := get(t, env.ts.URL+"/api/reports/"+id+"/reuse")
	ru := decode[index.Reuse](t, body)
	if len(ru.Sections) != 1 || ru.PreviousPeriod != "2023-Q1" {
		t.Fatalf("reuse: %s", body)
	}
	_, body = get(t, env.ts.URL+"/reports/"+id)
	page := string(body)
	if !strings.Contains(page, "side-by-side") || !strings.Contains(page, "<mark>2023.</mark>") {
		t.Errorf("no side-by-side view of the reused section")
	}
	if resp, body := get(t, env.ts.URL+"/api/reports/"+id+"/similar"); resp.StatusCode != 200 || !strings.Contains(string(body), `"matches"`) {
		t.Errorf("similar: %d %s", resp.StatusCode, body)
	}
}
